//! How Overture refers to the partner: the word, then the pronouns.

use crate::content::Pronouns;
use crate::tui::app::{App, PARTNER_WORDS};
use crate::tui::doc::Doc;
use ratatui::style::Style;

pub fn partner_doc(app: &App, width: usize) -> Doc {
    let t = app.theme;
    let mut doc = Doc::new(width);
    doc.para("How should Overture refer to your partner?", t.heading());
    doc.para(
        "Every sentence will use this word. You can change it later from the home screen.",
        t.dim(),
    );
    doc.blank();
    let current = app.data.profile.as_ref().map(|p| p.voice.partner.as_str());
    for (i, word) in PARTNER_WORDS.iter().enumerate() {
        let mark = if current == Some(word) { "(x)" } else { "( )" };
        let style = if app.cursor == i {
            t.selected()
        } else {
            Style::new()
        };
        doc.item(app.cursor == i, &format!("{}. {mark}", i + 1), word, style);
    }
    let other = PARTNER_WORDS.len();
    let own = current.filter(|c| !PARTNER_WORDS.contains(c));
    let label = own.map_or_else(
        || "another word\u{2026}".to_string(),
        |w| format!("another word\u{2026} (now: {w})"),
    );
    let mark = if own.is_some() { "(x)" } else { "( )" };
    let style = if app.cursor == other {
        t.selected()
    } else {
        Style::new()
    };
    doc.item(
        app.cursor == other,
        &format!("{}. {mark}", other + 1),
        &label,
        style,
    );
    doc
}

pub fn pronouns_doc(app: &App, width: usize) -> Doc {
    let t = app.theme;
    let voice = app.voice();
    let mut doc = Doc::new(width);
    doc.para(
        &format!("Which pronouns fit your {}?", voice.partner),
        t.heading(),
    );
    doc.para("Overture will use them in every sentence.", t.dim());
    doc.blank();
    for (i, p) in Pronouns::ALL.iter().enumerate() {
        let chosen = app
            .data
            .profile
            .as_ref()
            .is_some_and(|pr| pr.voice.pronouns == *p)
            && !app.data.assessments.is_empty();
        let mark = if chosen { "(x)" } else { "( )" };
        let style = if app.cursor == i {
            t.selected()
        } else {
            Style::new()
        };
        doc.item(
            app.cursor == i,
            &format!("{}. {mark}", i + 1),
            p.label(),
            style,
        );
    }
    doc
}
