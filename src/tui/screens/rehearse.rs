//! The rehearsal screens: the gate, the rulers, each step's guidance, the replies, the script.
//! The words are `pages::rehearse`'s; the rulers and the list are drawn here.

use super::{add_page, page_doc};
use crate::core::rehearsal::Gate;
use crate::pages::{Words, rehearse};
use crate::tui::app::{App, Stage};
use crate::tui::doc::Doc;
use ratatui::style::Style;

pub fn gate_doc(app: &App, gate: Gate, width: usize) -> Doc {
    let voice = app.voice();
    page_doc(
        app,
        &rehearse::gate(Words::new(&app.content, &voice), &app.data, gate),
        width,
    )
}

pub fn ruler_doc(app: &App, after: bool, width: usize) -> Doc {
    let t = app.theme;
    let voice = app.voice();
    let w = Words::new(&app.content, &voice);
    let mut doc = page_doc(app, &rehearse::rulers_intro(w, after), width);
    for (i, question) in rehearse::ruler_questions(w).iter().enumerate() {
        let focused = app.ruler_focus == i;
        let style = if focused { t.selected() } else { Style::new() };
        let start = doc.lines.len();
        doc.hanging(if focused { "> " } else { "  " }, style, question, style);
        let value = app.ruler[i];
        let scale: Vec<String> = (0..=10u8)
            .map(|n| {
                if n == value {
                    format!("[{n}]")
                } else {
                    n.to_string()
                }
            })
            .collect();
        doc.hanging("  ", style, &scale.join(" "), style);
        if focused {
            doc.focus = Some((start, doc.lines.len() - 1));
        }
        // Both rulers in sight where the screen allows: the second is kept with the first.
        doc.keep_visible = Some(doc.lines.len() - 1);
        doc.blank();
    }
    doc
}

/// The guidance above a text box: a step's what, why, examples and prompt, or the
/// follow-up questions to the readiness numbers.
pub fn guidance_doc(app: &App, stage: Stage, width: usize) -> Doc {
    let voice = app.voice();
    let w = Words::new(&app.content, &voice);
    let mut doc = page_doc(
        app,
        &rehearse::guidance(w, &app.data, stage, app.ruler),
        width,
    );
    if matches!(stage, Stage::NoteBefore | Stage::NoteAfter) {
        doc.para("Tab goes on.", app.theme.dim());
    }
    doc
}

/// A step's question, pinned just above the text box.
pub fn prompt_doc(app: &App, stage: Stage, width: usize) -> Doc {
    let voice = app.voice();
    let mut doc = Doc::new(width);
    if let Some(prompt) = rehearse::prompt(Words::new(&app.content, &voice), stage) {
        doc.para(&prompt, app.theme.key());
    }
    doc
}

/// The checker's advice on what is in the box, under it.
pub fn findings_doc(app: &App, text: &str, draft: rehearse::Draft, width: usize) -> Doc {
    let voice = app.voice();
    let w = Words::new(&app.content, &voice);
    page_doc(app, &rehearse::findings(w, text, draft), width)
}

pub fn reply_doc(app: &App, width: usize) -> Doc {
    let voice = app.voice();
    super::list_doc(
        app,
        rehearse::replies(Words::new(&app.content, &voice)),
        width,
    )
}

pub fn reply_check_doc(app: &App, width: usize) -> Doc {
    let voice = app.voice();
    super::list_doc(
        app,
        rehearse::reply_check(Words::new(&app.content, &voice), &app.data),
        width,
    )
}

pub fn reply_outcome_doc(app: &App, width: usize) -> Doc {
    let voice = app.voice();
    let w = Words::new(&app.content, &voice);
    page_doc(app, &rehearse::reply_outcome(w, &app.data), width)
}

pub fn script_doc(app: &App, index: usize, width: usize) -> Doc {
    let voice = app.voice();
    let w = Words::new(&app.content, &voice);
    let mut doc = Doc::new(width);
    let (Some(record), Some((at, shown))) =
        (app.data.rehearsals.get(index), app.script_version(index))
    else {
        return doc;
    };
    add_page(
        app,
        &mut doc,
        &rehearse::script(w, record, shown, at, app.letter_view),
    );
    doc
}
