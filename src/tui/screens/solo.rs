//! Solo work: the reading sections, the "I feel" and X-Y-Z builders, and the journal.

use super::asklog::list;
use super::rehearse::sourced;
use crate::content::render;
use crate::tui::app::{App, BUILDERS, SoloItem};
use crate::tui::doc::Doc;
use ratatui::style::Style;

pub fn doc(app: &App, width: usize) -> Doc {
    let t = app.theme;
    let voice = app.voice();
    let solo = &app.content.after.solo;
    let mut doc = Doc::new(width);
    doc.para(&render(&solo.intro, &voice), Style::new());
    doc.blank();
    let items = app.solo_items();
    if !items.iter().any(|i| matches!(i, SoloItem::Builder(_))) {
        doc.para(
            "With signs of danger, the communication tools are left out: they are for a relationship without fear. Your journal and individual support are here.",
            t.dim(),
        );
        doc.blank();
    }
    let labels: Vec<String> = items
        .iter()
        .map(|item| match item {
            SoloItem::Section(i) => solo
                .sections
                .get(*i)
                .map(|s| render(&s.title, &voice))
                .unwrap_or_default(),
            SoloItem::Builder(b) => BUILDERS
                .get(*b)
                .and_then(|id| solo.builders.get(*id))
                .map(|b| format!("Build a sentence: {}", render(&b.title, &voice)))
                .unwrap_or_default(),
            SoloItem::Journal => {
                format!("Write in your journal ({} saved)", app.data.journal.len())
            }
        })
        .collect();
    list(app, &mut doc, &labels);
    doc
}

pub fn section_doc(app: &App, index: usize, width: usize) -> Doc {
    let t = app.theme;
    let voice = app.voice();
    let mut doc = Doc::new(width);
    if let Some(s) = app.content.after.solo.sections.get(index) {
        doc.para(&render(&s.title, &voice), t.title());
        doc.blank();
        for para in render(&s.body, &voice).split("\n\n") {
            doc.para(para, Style::new());
            doc.blank();
        }
        if !s.sources.is_empty() {
            doc.para(&sourced(app, "Based on", &s.sources), t.dim());
        }
    }
    doc
}

pub fn build_guidance(app: &App, builder: usize, blank: usize, width: usize) -> Doc {
    let t = app.theme;
    let voice = app.voice();
    let mut doc = Doc::new(width);
    let Some(b) = BUILDERS
        .get(builder)
        .and_then(|id| app.content.after.solo.builders.get(*id))
    else {
        return doc;
    };
    doc.para(&render(&b.title, &voice), t.title());
    doc.para(
        &sourced(app, &render(&b.about, &voice), &b.sources),
        t.dim(),
    );
    doc.blank();
    doc.para(&format!("{} of {}", blank + 1, b.blanks.len()), t.dim());
    if let Some(prompt) = b.blanks.get(blank) {
        doc.para(&render(prompt, &voice), t.heading());
    }
    doc.para(
        &format!(
            "So far: {}",
            crate::core::history::build_sentence(&b.template, &app.blanks)
        ),
        Style::new(),
    );
    doc.para(
        "Tab: next blank (the last one saves). Esc: leave without saving.",
        t.dim(),
    );
    doc
}

pub fn prompts_doc(app: &App, width: usize) -> Doc {
    let t = app.theme;
    let voice = app.voice();
    let mut doc = Doc::new(width);
    doc.para(
        "Write to a prompt, or freely. Entries are dated and saved on this device only.",
        t.dim(),
    );
    doc.blank();
    let mut labels: Vec<String> = app
        .content
        .after
        .solo
        .journal_prompts
        .iter()
        .map(|p| render(&p.text, &voice))
        .collect();
    labels.push("Write freely, without a prompt".to_string());
    list(app, &mut doc, &labels);
    doc
}

pub fn journal_guidance(app: &App, prompt: Option<usize>, width: usize) -> Doc {
    let t = app.theme;
    let mut doc = Doc::new(width);
    let text = prompt
        .and_then(|i| app.content.after.solo.journal_prompts.get(i))
        .map_or_else(
            || "Write freely.".to_string(),
            |p| render(&p.text, &app.voice()),
        );
    doc.para(&text, t.heading());
    doc.para("Tab or Esc saves it with today's date.", t.dim());
    doc
}
