//! Logging an ask, what a logged answer means, and the plan for repeated "no". The words are
//! `pages::after`'s.

use super::{add_page, list_doc, page_doc};
use crate::pages::{Words, after};
use crate::tui::app::App;
use crate::tui::doc::Doc;
use ratatui::style::Style;

/// A numbered list with the cursor's item marked.
pub fn list(app: &App, doc: &mut Doc, labels: &[String]) {
    for (i, label) in labels.iter().enumerate() {
        let focused = app.cursor == i;
        let style = if focused {
            app.theme.selected()
        } else {
            Style::new()
        };
        // A number key chooses only the first nine: a tenth shown as "10." would invite
        // typing 1, which chooses the first.
        let number = if i < 9 {
            format!("{}.", i + 1)
        } else {
            "  ".to_string()
        };
        doc.item(focused, &number, label, style);
    }
}

pub fn door_doc(app: &App, width: usize) -> Doc {
    let voice = app.voice();
    list_doc(
        app,
        after::log_doors(Words::new(&app.content, &voice), &app.data),
        width,
    )
}

pub fn answer_doc(app: &App, width: usize) -> Doc {
    let voice = app.voice();
    let w = Words::new(&app.content, &voice);
    list_doc(
        app,
        after::log_answers(w, &app.data, app.pending_door),
        width,
    )
}

pub fn note_guidance(app: &App, width: usize) -> Doc {
    let mut doc = page_doc(app, &after::log_note(), width);
    doc.para(
        "Tab saves the entry. Esc goes back without saving (asking first if you wrote something).",
        app.theme.dim(),
    );
    doc
}

pub fn logged_doc(app: &App, index: usize, width: usize) -> Doc {
    let voice = app.voice();
    let w = Words::new(&app.content, &voice);
    page_doc(app, &after::logged(w, &app.data, index), width)
}

pub fn plan_doc(app: &App, width: usize) -> Doc {
    let voice = app.voice();
    let w = Words::new(&app.content, &voice);
    page_doc(app, &after::plan(w, &app.data), width)
}

pub fn boundary_guidance(app: &App, width: usize) -> Doc {
    let voice = app.voice();
    let mut doc = Doc::new(width);
    add_page(
        app,
        &mut doc,
        &after::boundary_prompt(Words::new(&app.content, &voice)),
    );
    doc.para(
        "Tab saves it. Esc closes it without saving (it asks first if you wrote something).",
        app.theme.dim(),
    );
    doc
}
