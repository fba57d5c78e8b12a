//! Settings: the country whose crisis lines come first, and deleting everything.

use crate::tui::app::{App, LockAction};
use crate::tui::doc::Doc;
use ratatui::style::Style;

pub fn doc(app: &App, width: usize) -> Doc {
    let t = app.theme;
    let mut doc = Doc::new(width);
    doc.para("Settings", t.heading());
    doc.blank();
    let items: Vec<String> = app
        .settings_items()
        .into_iter()
        .map(|item| crate::pages::resources::settings_label(&app.content, &app.data, item))
        .collect();
    for (i, label) in items.iter().enumerate() {
        let focused = app.cursor == i && app.secret.is_none();
        let style = if focused { t.selected() } else { Style::new() };
        doc.item(focused, &format!("{}.", i + 1), label, style);
    }
    if let Some(form) = &app.secret {
        doc.blank();
        if form.action == LockAction::Off {
            doc.para(
                "With the lock off, your answers are saved as plain text again.",
                t.warning(),
            );
        } else {
            doc.para(
                "With the lock on, your answers are encrypted on disk (the standard age format) and Overture asks for the passphrase each time it opens. There is no recovery: if you forget it, nobody can read your saved answers, you included.",
                t.warning(),
            );
        }
        let prompt = form.prompts().get(form.step).copied().unwrap_or_default();
        doc.para(prompt, t.heading());
        let start = doc.lines.len();
        doc.para(
            &format!("{}_", "\u{2022}".repeat(form.typed.chars().count().min(64))),
            t.key(),
        );
        doc.focus = Some((start, doc.lines.len() - 1));
        if let Some(message) = &form.message {
            doc.para(message, t.warning());
        }
        doc.para("Enter goes on, Esc cancels. Only dots are shown.", t.dim());
    }
    doc.blank();
    doc.para(
        "Overture never looks up where you are: the country comes from this computer's language setting until you choose one here.",
        t.dim(),
    );
    doc
}

pub fn country_doc(app: &App, width: usize) -> Doc {
    let t = app.theme;
    let mut doc = Doc::new(width);
    doc.para("Whose crisis lines should come first?", t.heading());
    doc.blank();
    let chosen = app.data.settings.country.as_deref();
    let regions = app.country_choices();
    for (i, region) in regions.iter().enumerate() {
        let focused = app.cursor == i;
        let mark = if chosen == Some(region.id.as_str()) {
            "(x)"
        } else {
            "( )"
        };
        let style = if focused { t.selected() } else { Style::new() };
        let number = if i < 9 {
            format!("{}.", i + 1)
        } else {
            "  ".to_string()
        };
        doc.item(focused, &format!("{number} {mark}"), &region.name, style);
    }
    let all = regions.len();
    let focused = app.cursor == all;
    let mark = if chosen.is_none() { "(x)" } else { "( )" };
    let style = if focused { t.selected() } else { Style::new() };
    let number = if all < 9 {
        format!("{}.", all + 1)
    } else {
        "  ".to_string()
    };
    doc.item(
        focused,
        &format!("{number} {mark}"),
        "Don't choose: list every country",
        style,
    );
    doc
}
