//! The lower doors: the list this user is shown, and one door in full. The words are
//! `pages::after`'s.

use super::{list_doc, page_doc};
use crate::pages::{Words, after};
use crate::tui::app::App;
use crate::tui::doc::Doc;

pub fn doc(app: &App, width: usize) -> Doc {
    let voice = app.voice();
    list_doc(
        app,
        after::doors(Words::new(&app.content, &voice), &app.data),
        width,
    )
}

pub fn door_doc(app: &App, index: usize, width: usize) -> Doc {
    let voice = app.voice();
    let w = Words::new(&app.content, &voice);
    page_doc(app, &after::door(w, &app.data, index), width)
}
