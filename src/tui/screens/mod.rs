//! One file per screen: each builds its header and body.

pub mod asklog;
pub mod doors;
pub mod history;
pub mod home;
pub mod overlays;
pub mod question;
pub mod rehearse;
pub mod result;
pub mod settings;
pub mod setup;
pub mod solo;
pub mod timeline;
pub mod trends;
pub mod welcome;

use crate::pages::{Block, Hint, Page, Tone};
use crate::tui::app::App;
use crate::tui::doc::Doc;
use ratatui::style::Style;

/// The style of a page's tone in the app's theme.
fn style(app: &App, tone: Tone) -> Style {
    let t = app.theme;
    match tone {
        Tone::Title => t.title(),
        Tone::Heading => t.heading(),
        Tone::Text | Tone::Own => Style::new(),
        Tone::Dim => t.dim(),
        Tone::Key => t.key(),
        Tone::Warning => t.warning(),
        Tone::Good => t.good(),
    }
}

/// A page's hint, as the full-screen app's keys word it.
fn hint(hint: Hint) -> &'static str {
    match hint {
        Hint::SupportLines => "Ctrl-G shows support lines at any time.",
        Hint::ReadPlan => "Press Enter to read it.",
        Hint::GoHome => "Press Enter to go home.",
        Hint::WriteBoundary => "Press e to write your own.",
        Hint::RulersNext => "Press Enter to finish with the readiness rulers.",
        Hint::RecheckNext => "Press Enter for the short safety questions.",
        Hint::WhatComesFirst => "Press Enter for what comes first now.",
        Hint::WriteScript => "Press e to write here, or take the rehearsal again.",
        Hint::Versions => "[ and ] move between versions.",
    }
}

/// Adds a page's blocks to a screen body.
pub fn add_page(app: &App, doc: &mut Doc, page: &Page) {
    for block in &page.blocks {
        match block {
            Block::Para(tone, text) => {
                if *tone == Tone::Heading {
                    doc.section();
                }
                doc.para(text, style(app, *tone));
            }
            Block::Bullet(tone, text) => doc.bullet(text, style(app, *tone)),
            Block::Labeled {
                label,
                label_tone,
                text,
                tone,
            } => doc.hanging(label, style(app, *label_tone), text, style(app, *tone)),
            Block::Blank => doc.blank(),
            Block::CrisisLines(needs) => {
                let first = crate::pages::resources::for_needs(
                    &app.content,
                    app.data.settings.country.as_deref(),
                    needs,
                );
                add_page(app, doc, &first);
            }
            Block::Hint(tone, h) => doc.para(hint(*h), style(app, *tone)),
        }
    }
}

/// A screen body holding one page.
pub fn page_doc(app: &App, page: &Page, width: usize) -> Doc {
    let mut doc = Doc::new(width);
    add_page(app, &mut doc, page);
    doc
}

/// A page with a numbered list under it, the cursor's item marked.
pub fn list_doc(app: &App, (page, labels): (Page, Vec<String>), width: usize) -> Doc {
    let mut doc = page_doc(app, &page, width);
    asklog::list(app, &mut doc, &labels);
    doc
}
