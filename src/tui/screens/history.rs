//! Saved answers: every snapshot newest first, one in full, two check-ins compared.

use super::page_doc;
use crate::core::history::{Kind, Snapshot};
use crate::pages::{Words, history as history_page};
use crate::tui::app::App;
use crate::tui::doc::Doc;
use ratatui::style::Style;

/// How many rows the history draws around the cursor: enough for any screen, few enough
/// that ten years of weekly entries open at once.
const WINDOW: usize = 200;

pub fn doc(app: &App, width: usize) -> Doc {
    let t = app.theme;
    let voice = app.voice();
    let w = Words::new(&app.content, &voice);
    let mut doc = Doc::new(width);
    let all = app.history_rows();
    if let Some(kind) = app.history_kind {
        doc.para(
            &format!(
                "Showing {} only ({} of them); f shows the next kind, then all again.",
                plural(kind),
                all.len()
            ),
            t.key(),
        );
    }
    if all.is_empty() {
        doc.para(
            if app.history_kind.is_some() {
                "None of this kind is saved."
            } else {
                "Nothing is saved yet."
            },
            t.heading(),
        );
        return doc;
    }
    doc.para(
        &format!(
            "{} saved, newest first. Enter opens one; c compares two check-ins; d deletes one; f shows one kind.",
            all.len()
        ),
        t.dim(),
    );
    if let Some(mark) = app.compare_mark {
        doc.para(
            &format!(
                "Marked for comparison: the check-in of {}.",
                app.data
                    .assessments
                    .get(mark)
                    .map(|a| crate::pages::text::date(a.completed_at))
                    .unwrap_or_default()
            ),
            t.key(),
        );
    }
    doc.blank();
    // Rows far from the cursor are not drawn: the list may hold thousands.
    let start = app.cursor.saturating_sub(WINDOW / 2);
    if start > 0 {
        doc.para(&format!("({start} newer above)"), t.dim());
    }
    for (i, snap) in all.iter().enumerate().skip(start).take(WINDOW) {
        let focused = app.cursor == i;
        let marked = snap.kind == Kind::Assessment && app.compare_mark == Some(snap.index);
        let style = if focused { t.selected() } else { Style::new() };
        let label = format!(
            "{}{}",
            if marked { "[c] " } else { "" },
            history_page::row(w, &app.data, *snap)
        );
        doc.item(focused, &format!("{}.", i + 1), &label, style);
    }
    // Scroll only as far as the focus needs: the rest of a long list never fits anyway, and
    // the heading above it stays in view while the focus is on the first page.
    doc.keep_visible = None;
    let shown_end = (start + WINDOW).min(all.len());
    if shown_end < all.len() {
        doc.para(&format!("({} older below)", all.len() - shown_end), t.dim());
    }
    doc
}

/// "check-ins", "journal entries".
fn plural(kind: Kind) -> &'static str {
    match kind {
        Kind::Assessment => "check-ins",
        Kind::Rehearsal => "rehearsals",
        Kind::Ask => "asks",
        Kind::Review => "reviews",
        Kind::Journal => "journal entries",
    }
}

pub fn snapshot_doc(app: &App, snap: Snapshot, width: usize) -> Doc {
    let voice = app.voice();
    let w = Words::new(&app.content, &voice);
    page_doc(app, &history_page::snapshot(w, &app.data, snap), width)
}

pub fn compare_doc(app: &App, older: usize, newer: usize, width: usize) -> Doc {
    let voice = app.voice();
    let w = Words::new(&app.content, &voice);
    page_doc(
        app,
        &history_page::compare(w, &app.data, older, newer),
        width,
    )
}
