//! The timeline: choosing a window, where today falls in it, the movement check and a review.
//! The words are `pages::after`'s.

use super::{list_doc, page_doc};
use crate::pages::{Words, after};
use crate::tui::app::App;
use crate::tui::doc::Doc;

pub fn doc(app: &App, width: usize) -> Doc {
    let voice = app.voice();
    let w = Words::new(&app.content, &voice);
    list_doc(
        app,
        after::timeline(w, &app.data, app.today(), app.choosing_window),
        width,
    )
}

pub fn review_doc(app: &App, item: usize, width: usize) -> Doc {
    let voice = app.voice();
    list_doc(
        app,
        after::review_question(Words::new(&app.content, &voice), item),
        width,
    )
}

pub fn review_result_doc(app: &App, index: usize, width: usize) -> Doc {
    let voice = app.voice();
    let w = Words::new(&app.content, &voice);
    page_doc(app, &after::review_result(w, &app.data, index), width)
}
