//! What each screen after the check-in says, written once for every front end.
//!
//! A page is a list of blocks with a tone (title, heading, plain text, a quiet aside, a
//! warning). The full-screen app gives each tone a style; plain mode prints the blocks line by
//! line; `overture show` writes them out. So a sentence such as "a threat is safety
//! information" is worded in one place, and both front ends say the same thing.
//!
//! Key hints differ between front ends ("press Enter" or "type 1"), so a page marks where one
//! goes with a `Hint` and each front end words it. Crisis lines go where a page puts
//! `Block::CrisisLines`, each front end laying them out its own way.

pub mod after;
pub mod checkin;
pub mod history;
pub mod rehearse;
pub mod resources;
pub mod text;
pub mod trends;

use crate::content::resources::Need;
use crate::content::{Content, Voice, render};
use crate::core::record::SavedData;

/// How a block reads: each front end turns it into a style (or nothing at all).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Title,
    Heading,
    Text,
    /// A quiet aside: where a text comes from, a date.
    Dim,
    /// Something to act on.
    Key,
    Warning,
    Good,
    /// The user's own words, shown exactly as written (only made safe for a terminal).
    Own,
}

/// Where a front end adds words about its own keys or commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hint {
    /// Crisis and support lines can be shown at any time.
    SupportLines,
    /// The plan for repeated "no" is next.
    ReadPlan,
    /// Going on leads home.
    GoHome,
    /// The user can write their own boundary.
    WriteBoundary,
    /// Going on leads to the rulers afterwards.
    RulersNext,
    /// Going on asks the short safety questions again.
    RecheckNext,
    /// The rehearsal ended on a switched path: going on shows what comes first now.
    WhatComesFirst,
    /// A script with no lines: the user can write some, or rehearse again.
    WriteScript,
    /// Earlier and later versions of a script can be read.
    Versions,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Para(Tone, String),
    /// One item of a list without numbers.
    Bullet(Tone, String),
    /// A label, then text that lines up after it: "“you always”: blame ...".
    Labeled {
        label: String,
        label_tone: Tone,
        text: String,
        tone: Tone,
    },
    Blank,
    /// The help lines that fit these needs first (the gate's, for the path now), then a
    /// pointer to every line for the country. Each front end lays them out its own way.
    CrisisLines(Vec<Need>),
    Hint(Tone, Hint),
}

/// One screen's words, in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Page {
    pub blocks: Vec<Block>,
}

impl Page {
    pub fn new() -> Self {
        Page::default()
    }

    pub fn para(&mut self, tone: Tone, text: impl Into<String>) {
        self.blocks.push(Block::Para(tone, text.into()));
    }

    pub fn bullet(&mut self, tone: Tone, text: impl Into<String>) {
        self.blocks.push(Block::Bullet(tone, text.into()));
    }

    pub fn labeled(&mut self, label: impl Into<String>, label_tone: Tone, text: impl Into<String>) {
        self.blocks.push(Block::Labeled {
            label: label.into(),
            label_tone,
            text: text.into(),
            tone: Tone::Text,
        });
    }

    pub fn blank(&mut self) {
        self.blocks.push(Block::Blank);
    }

    pub fn hint(&mut self, tone: Tone, hint: Hint) {
        self.blocks.push(Block::Hint(tone, hint));
    }

    /// The help lines for the user's path now (from the gate), first.
    pub fn crisis_lines(&mut self, data: &SavedData) {
        self.blocks
            .push(Block::CrisisLines(crate::core::gate::needs_now(data)));
    }

    /// The help lines for these needs, first.
    pub fn crisis_lines_for(&mut self, needs: Vec<Need>) {
        self.blocks.push(Block::CrisisLines(needs));
    }
}

/// The words and tools a page is written with: the content and how to speak of the partner.
#[derive(Clone, Copy)]
pub struct Words<'a> {
    pub content: &'a Content,
    pub voice: &'a Voice,
}

impl<'a> Words<'a> {
    pub fn new(content: &'a Content, voice: &'a Voice) -> Self {
        Words { content, voice }
    }

    /// A content text in the user's words.
    pub fn r(&self, text: &str) -> String {
        render(text, self.voice)
    }

    /// A text followed by the short names of its sources, if any: "... (Gottman 1999)".
    pub fn sourced(&self, text: &str, ids: &[String]) -> String {
        sourced(self.content, text, ids)
    }
}

/// Words the user typed, safe to show: anything that could drive a terminal is replaced,
/// line breaks are kept.
pub fn user_text(text: &str) -> String {
    text.split('\n')
        .map(text::printable)
        .collect::<Vec<_>>()
        .join("\n")
}

/// A text followed by the short names of its sources, if any.
fn sourced(content: &Content, text: &str, ids: &[String]) -> String {
    let names: Vec<&str> = ids
        .iter()
        .filter_map(|id| content.source(id))
        .map(|s| s.short.as_str())
        .collect();
    if names.is_empty() {
        text.to_string()
    } else {
        format!("{text} ({})", names.join("; "))
    }
}

/// The sources of one page, each named once: a text cites them by number ("[1, 3]") and the
/// page lists them at its end, instead of repeating a title after every step.
#[derive(Debug, Default)]
pub struct Citations {
    titles: Vec<String>,
}

impl Citations {
    /// `text` with the numbers of its sources after it (new titles get the next numbers).
    pub fn cite(&mut self, text: &str, sources: &[String]) -> String {
        if sources.is_empty() {
            return text.to_string();
        }
        let numbers: Vec<String> = sources
            .iter()
            .map(|title| {
                let at = self
                    .titles
                    .iter()
                    .position(|t| t == title)
                    .unwrap_or_else(|| {
                        self.titles.push(title.clone());
                        self.titles.len() - 1
                    });
                (at + 1).to_string()
            })
            .collect();
        format!("{text} [{}]", numbers.join(", "))
    }

    /// The list for the end of the page: "[1] title", in the order first cited.
    pub fn list(&self) -> Vec<String> {
        self.titles
            .iter()
            .enumerate()
            .map(|(i, title)| format!("[{}] {title}", i + 1))
            .collect()
    }
}
