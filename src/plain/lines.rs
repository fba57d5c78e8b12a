//! Lines in and out: Overture's words and the user's own printed safely, pages as lines,
//! numbered options, and reading a number, a yes or no, or written lines.

use super::input::{self, Command, NumbersError};
use super::{Ending, Plain, YesNo, text};
use crate::content::Content;
use crate::core::record::SavedData;
use crate::pages::{Block, Hint, Page, Tone};
use std::io::{self, BufRead, Write};

impl Plain {
    /// Reads "yes" or "no" (or y / n); asks again otherwise. `resources` shows the crisis lines
    /// and `help` says what is asked, then it asks again; `back` is a no; `quit` and the end
    /// of input leave.
    pub(super) fn yes_or_no(
        &self,
        input: &mut impl BufRead,
        out: &mut impl Write,
    ) -> io::Result<YesNo> {
        loop {
            out.flush()?;
            let Some(typed) = input::read_line(input, out)? else {
                return Ok(YesNo::Leave(Ending::EndOfInput));
            };
            match Command::parse(&typed) {
                Some(c @ (Command::Resources | Command::ResourcesAll)) => {
                    line(out, "")?;
                    line(out, "Crisis lines and support")?;
                    self.crisis_lines(out, c == Command::ResourcesAll)?;
                    line(out, "")?;
                    line(out, "Type yes or no:")?;
                    continue;
                }
                Some(Command::Help) => {
                    line(
                        out,
                        "Type yes to go ahead, or no to leave everything as it is. Type yes or no:",
                    )?;
                    continue;
                }
                Some(Command::Quit) => return Ok(YesNo::Leave(Ending::Quit)),
                Some(Command::Hide) => return Ok(YesNo::Leave(Ending::Hide)),
                Some(Command::Back) => return Ok(YesNo::No),
                None => {}
            }
            match typed.trim().to_lowercase().as_str() {
                "yes" | "y" => return Ok(YesNo::Yes),
                "no" | "n" => return Ok(YesNo::No),
                _ => line(out, "Please type yes or no:")?,
            }
        }
    }
}

/// The help lines as plain mode prints them: with a country chosen, its lines and the
/// international directories, and how to list every country's (six countries' lines run to
/// hundreds of lines, far out of a screen reader's reach); otherwise, or with `all`, every one.
pub(super) fn crisis_lines(content: &Content, data: &SavedData, all: bool) -> Vec<String> {
    let country = data.settings.country.as_deref();
    match country {
        Some(_) if !all => {
            let page = crate::pages::resources::own_country(content, country);
            let mut lines = crate::pages::resources::lines(&page, false);
            lines.push(String::new());
            lines.push("Lines for every other country: type resources all.".to_string());
            lines
        }
        _ => text::resources(content, country, text::Layout::Plain),
    }
}

/// A page as lines of words: each block as lines, hints as plain mode words them, crisis lines
/// in full. Shared with `overture show`.
pub fn page_lines(page: &Page, content: &Content, data: &SavedData) -> Vec<String> {
    tagged_page_lines(page, content, data)
        .into_iter()
        .map(|(l, _)| l)
        .collect()
}

/// The same lines, each marked when it holds the user's own words (printed as written).
pub(super) fn tagged_page_lines(
    page: &Page,
    content: &Content,
    data: &SavedData,
) -> Vec<(String, bool)> {
    let mut lines = Vec::new();
    for block in &page.blocks {
        match block {
            Block::Para(tone, t) => {
                let own = *tone == Tone::Own;
                lines.extend(t.split('\n').map(|l| (l.to_string(), own)));
            }
            Block::Bullet(tone, t) => {
                let own = *tone == Tone::Own;
                lines.extend(
                    t.split('\n')
                        .enumerate()
                        .map(|(i, l)| (format!("{}{l}", if i == 0 { "- " } else { "  " }), own)),
                );
            }
            // The checker's advice quotes the user's words inside Overture's own.
            Block::Labeled { label, text, .. } => lines.push((format!("{label}{text}"), false)),
            Block::Blank => lines.push((String::new(), false)),
            Block::CrisisLines(needs) => {
                let first = crate::pages::resources::for_needs(
                    content,
                    data.settings.country.as_deref(),
                    needs,
                );
                lines.extend(tagged_page_lines(&first, content, data));
            }
            Block::Hint(_, hint) => {
                lines.extend(hint_words(*hint).map(|h| (h.to_string(), false)));
            }
        }
    }
    lines
}

/// How plain mode words a page's hint; `None` where its prompt already says it.
pub(super) fn hint_words(hint: Hint) -> Option<&'static str> {
    match hint {
        Hint::SupportLines => Some("Type resources at any prompt for support lines."),
        Hint::RulersNext => Some("Next come the two readiness rulers again."),
        Hint::RecheckNext => Some("Next come the short safety questions."),
        // Said by the prompt that follows.
        Hint::WhatComesFirst
        | Hint::ReadPlan
        | Hint::GoHome
        | Hint::WriteBoundary
        | Hint::WriteScript
        | Hint::Versions => None,
    }
}

/// Numbered options, one a line.
pub(super) fn options(out: &mut impl Write, labels: &[String]) -> io::Result<()> {
    for (i, label) in labels.iter().enumerate() {
        line(out, &format!("  {}. {label}", i + 1))?;
    }
    Ok(())
}

/// How to name the numbers of `len` options in a prompt: "1", "1 or 2", "a number from 1
/// to 5" ("a number from 1 to 2" reads as if more were hidden).
pub(super) fn a_number(len: usize) -> String {
    match len {
        0 | 1 => "1".to_string(),
        2 => "1 or 2".to_string(),
        n => format!("a number from 1 to {n}"),
    }
}

/// The number prompt for `len` options.
pub(super) fn number_prompt(len: usize) -> String {
    format!("Type {}, then Enter:", a_number(len))
}

/// What was typed at a prompt for words: the lines up to an empty line, or nothing.
pub(super) enum Written {
    /// The first line was empty.
    Nothing,
    /// The lines typed, without the empty line that ended them.
    Lines(Vec<String>),
}

impl Written {
    /// The lines joined with `separator`; nothing written is an empty text.
    pub(super) fn joined(self, separator: &str) -> String {
        match self {
            Written::Nothing => String::new(),
            Written::Lines(lines) => lines.join(separator),
        }
    }
}

/// Reads the rest of a text whose first line is `first`: more lines up to an empty line or
/// the end of input (what was typed is kept either way). A line `hide` ends it too, and sets
/// `hide`: the text is kept, then plain mode leaves at once, so a caller reads no more input
/// after this (the run loop leaves as soon as the caller returns).
pub(super) fn read_written(
    first: &str,
    input: &mut impl BufRead,
    out: &mut impl Write,
    hide: &std::cell::Cell<bool>,
) -> io::Result<Written> {
    if first.trim().is_empty() {
        return Ok(Written::Nothing);
    }
    let mut lines = vec![first.to_string()];
    while let Some(l) = input::read_line(input, out)? {
        if l.trim().is_empty() {
            break;
        }
        if Command::parse_word(&l) == Some(Command::Hide) {
            hide.set(true);
            break;
        }
        lines.push(l);
    }
    Ok(Written::Lines(lines))
}

/// Prints the user's own words: made safe for a terminal, otherwise exactly as written.
pub(super) fn own_line(out: &mut impl Write, text: &str) -> io::Result<()> {
    writeln!(out, "{}", text::printable(text))
}

/// Prints one line of Overture's words, with anything that could drive a terminal removed.
pub(super) fn line(out: &mut impl Write, text: &str) -> io::Result<()> {
    writeln!(out, "{}", text::printable(text))
}

pub(super) fn capital(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// One option number out of `len`, or `None` after saying what was wrong.
pub(super) fn pick(typed: &str, len: usize, out: &mut impl Write) -> io::Result<Option<usize>> {
    match input::numbers(typed, len, false) {
        Ok(i) => Ok(i.first().copied()),
        Err(NumbersError::OutOfRange(n)) => {
            line(
                out,
                &format!("There is no option {n} here. The options go from 1 to {len}."),
            )?;
            Ok(None)
        }
        Err(_) => {
            line(out, &format!("Please type {}, or help.", a_number(len)))?;
            Ok(None)
        }
    }
}
