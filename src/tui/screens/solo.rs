//! Solo work: the reading sections, the "I feel" and X-Y-Z builders, and the journal. The
//! words are `pages::after`'s.

use super::{list_doc, page_doc};
use crate::pages::{Words, after};
use crate::tui::app::App;
use crate::tui::doc::Doc;

pub fn doc(app: &App, width: usize) -> Doc {
    let voice = app.voice();
    list_doc(
        app,
        after::solo(Words::new(&app.content, &voice), &app.data),
        width,
    )
}

pub fn section_doc(app: &App, index: usize, width: usize) -> Doc {
    let voice = app.voice();
    page_doc(
        app,
        &after::solo_section(Words::new(&app.content, &voice), index),
        width,
    )
}

pub fn build_guidance(app: &App, builder: usize, blank: usize, width: usize) -> Doc {
    let voice = app.voice();
    let w = Words::new(&app.content, &voice);
    let mut doc = page_doc(app, &after::builder(w, builder, blank, &app.blanks), width);
    doc.para(
        "Tab: next blank (the last one saves). Esc: leave without saving.",
        app.theme.dim(),
    );
    doc
}

pub fn prompts_doc(app: &App, width: usize) -> Doc {
    let voice = app.voice();
    list_doc(
        app,
        after::journal_prompts(
            Words::new(&app.content, &voice),
            &app.data,
            app.store().is_none(),
        ),
        width,
    )
}

pub fn journal_guidance(app: &App, prompt: Option<usize>, width: usize) -> Doc {
    let voice = app.voice();
    let mut doc = page_doc(
        app,
        &after::journal(Words::new(&app.content, &voice), prompt),
        width,
    );
    doc.para(
        "Tab saves it with today's date. Esc goes back without saving (asking first if you wrote something).",
        app.theme.dim(),
    );
    doc
}
