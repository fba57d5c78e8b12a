//! Help (from the keymap), crisis lines (from the bundled resources), confirmations.

use crate::tui::app::{App, Overlay};
use crate::tui::doc::Doc;
use crate::tui::keymap::{self, Context};
use ratatui::style::Style;

pub fn title(overlay: Overlay) -> &'static str {
    match overlay {
        Overlay::Help => "Keys",
        Overlay::Crisis => "Crisis lines and support",
        Overlay::Advice => "What the checker found",
        Overlay::ConfirmQuit => "Leave Overture?",
        Overlay::ConfirmRestart => "Start again?",
        Overlay::ConfirmWipe => "Delete everything?",
        Overlay::ConfirmDelete => "Delete this one?",
        Overlay::ConfirmDeleteAll => "Delete every saved answer?",
    }
}

pub fn help_doc(app: &App, under: Context, width: usize) -> Doc {
    let t = app.theme;
    let mut doc = Doc::new(width);
    doc.para("The keys that work here:", t.heading());
    doc.blank();
    let shown: Vec<_> = keymap::bindings(under)
        .into_iter()
        .filter(|b| !b.shown.is_empty())
        .collect();
    // One column for the keys, as wide as the widest, so the descriptions line up.
    let column = shown
        .iter()
        .map(|b| unicode_width::UnicodeWidthStr::width(b.shown))
        .max()
        .unwrap_or(0);
    for b in shown {
        let pad = column - unicode_width::UnicodeWidthStr::width(b.shown);
        doc.hanging(
            &format!("{}{} ", b.shown, " ".repeat(pad)),
            t.key(),
            b.description,
            Style::new(),
        );
    }
    doc
}

pub fn crisis_doc(app: &App, width: usize) -> Doc {
    let page = crate::pages::resources::all(&app.content, app.data.settings.country.as_deref());
    super::page_doc(app, &page, width)
}

pub fn confirm_doc(app: &App, overlay: Overlay, width: usize) -> Doc {
    let t = app.theme;
    let mut doc = Doc::new(width);
    match overlay {
        Overlay::ConfirmQuit if app.unsaved => {
            doc.para(
                "Your last answer could not be saved. If you leave now, it is lost.",
                t.warning(),
            );
        }
        Overlay::ConfirmQuit if app.store().is_none() => {
            doc.para(
                "This private session writes nothing: what you answered is gone when you leave. Leave now?",
                Style::new(),
            );
        }
        Overlay::ConfirmQuit if app.review_half_answered() => {
            doc.para(
                "This review is saved when you answer its last question: leaving now drops the answers so far. Leave now?",
                t.warning(),
            );
        }
        Overlay::ConfirmQuit if crate::core::session::draft_in_danger(&app.data) => {
            doc.para(
                "Everything you answered is saved. Some of it is about your safety: Ctrl-G shows the help lines before you go. If you are in danger now, call your local emergency number. Leave now?",
                t.warning(),
            );
        }
        Overlay::ConfirmQuit => {
            doc.para("Everything you answered is saved. Leave now?", Style::new());
        }
        Overlay::ConfirmWipe => {
            doc.para(
                "This deletes every check-in, rehearsal and setting Overture saved on this device, and cannot be undone. It cannot reach:",
                t.warning(),
            );
            for limit in crate::store::WIPE_LIMITS {
                doc.bullet(limit, Style::new());
            }
        }
        Overlay::ConfirmRestart => {
            doc.para(
                "You have a check-in in progress. Starting again clears those answers. Finished results are kept.",
                Style::new(),
            );
        }
        Overlay::ConfirmDelete => {
            let what = app.delete_target.map_or("snapshot", |s| s.kind.noun());
            doc.para(
                &format!("This deletes that {what} from your saved answers, and cannot be undone."),
                t.warning(),
            );
            doc.para(
                "Copies made before (backups, synced folders, old disk blocks, a file you exported) are out of its reach.",
                Style::new(),
            );
        }
        Overlay::ConfirmDeleteAll => {
            doc.para(
                "This deletes every check-in, rehearsal, ask, review and journal entry. Your partner word and settings stay. It cannot reach:",
                t.warning(),
            );
            for limit in crate::store::WIPE_LIMITS {
                doc.bullet(limit, Style::new());
            }
        }
        Overlay::Help | Overlay::Crisis | Overlay::Advice => {}
    }
    doc.blank();
    doc.para("Press y for yes, n or Esc for no.", t.key());
    doc
}
