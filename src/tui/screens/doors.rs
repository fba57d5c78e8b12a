//! The lower doors: the list this user is shown, and one door in full.

use super::asklog::list;
use super::rehearse::sourced;
use crate::content::render;
use crate::core::doors;
use crate::tui::app::App;
use crate::tui::doc::Doc;
use ratatui::style::Style;

pub fn doc(app: &App, width: usize) -> Doc {
    let t = app.theme;
    let voice = app.voice();
    let after = &app.content.after;
    let mut doc = Doc::new(width);
    let Some(visible) = doors::visible(&app.content, &app.data) else {
        let key = doors::closed_because(&app.data).and_then(doors::Closed::key);
        let Some(key) = key else {
            doc.para(
                "Take the check-in first: the doors are matched to it.",
                t.heading(),
            );
            return doc;
        };
        if let Some(text) = after.doors_gated.get(key) {
            doc.para(&render(text, &voice), Style::new());
        }
        doc.blank();
        doc.para("Ctrl-G shows support lines at any time.", t.key());
        return doc;
    };
    doc.para(&render(&after.doors_intro, &voice), Style::new());
    doc.blank();
    let labels: Vec<String> = visible
        .iter()
        .map(|d| {
            let money = if d.money {
                " (when money is the barrier)"
            } else {
                ""
            };
            format!("{}{money}", render(&d.name, &voice))
        })
        .collect();
    list(app, &mut doc, &labels);
    doc
}

pub fn door_doc(app: &App, index: usize, width: usize) -> Doc {
    let t = app.theme;
    let voice = app.voice();
    let mut doc = Doc::new(width);
    let Some(door) = doors::visible(&app.content, &app.data).and_then(|d| d.get(index).copied())
    else {
        return doc;
    };
    doc.para(&render(&door.name, &voice), t.title());
    doc.blank();
    doc.para(&render(&door.what, &voice), Style::new());
    doc.blank();
    doc.para("Who it suits", t.heading());
    doc.para(&render(&door.suits, &voice), Style::new());
    doc.blank();
    doc.para("How to offer it", t.heading());
    doc.para(&render(&door.how, &voice), Style::new());
    if !door.sources.is_empty() {
        doc.blank();
        doc.para(&sourced(app, "Based on", &door.sources), t.dim());
    }
    doc
}
