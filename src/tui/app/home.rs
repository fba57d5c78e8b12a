//! The home menu: its items and where each one leads.

use super::{App, Exit, HomeItem, Overlay, PARTNER_WORDS, Screen};
use crate::core::place::{self, Opened, PageId};
use crate::core::session;

impl App {
    pub fn home_items(&self) -> Vec<HomeItem> {
        // The glance's menu is `session::home_items` of the same answers: with everything
        // read, the menu alone is worked out, not the whole glance.
        match &self.stored_glance {
            Some(glance) => glance.items.clone(),
            None => session::home_items(&self.data),
        }
    }

    pub(super) fn home(&mut self, item: HomeItem) {
        let now = self.now();
        match place::open(&self.content, &mut self.data, item, now) {
            Opened::Resume(flow) => {
                self.flow = Some(flow);
                self.screen = Screen::Question;
                self.enter_question();
            }
            Opened::ConfirmRestart => self.overlay = Some(Overlay::ConfirmRestart),
            Opened::StartCheckIn => self.start_assessment(),
            Opened::Result(index) => self.go(Screen::Result(index)),
            Opened::Rehearsal(entry) => self.show_entry(entry),
            Opened::Script(index) => {
                self.letter_view = false;
                self.versions_back = 0;
                self.go(Screen::Script(index));
            }
            Opened::Nothing => {}
            Opened::Page(PageId::CrisisLines) => self.open_overlay(Overlay::Crisis),
            Opened::Page(PageId::Settings) => self.go(Screen::Settings),
            Opened::Page(PageId::Partner) => {
                self.go(Screen::Partner);
                let current = self.voice().partner;
                self.cursor = PARTNER_WORDS
                    .iter()
                    .position(|w| *w == current)
                    .unwrap_or(PARTNER_WORDS.len());
            }
            Opened::Page(page) => self.after_page(page),
            Opened::Quit => self.quit(),
        }
    }

    /// Leaves, or asks first where leaving loses something: the last save failed, this is a
    /// private session, which keeps nothing once it ends, or a review is half answered (it is
    /// saved at its last question). Half a check-in that already holds signs of danger asks
    /// too, to point at the help lines on the way out (Ctrl-Q still leaves at once).
    pub(super) fn quit(&mut self) {
        if self.unsaved
            || self.store().is_none()
            || self.review_half_answered()
            || crate::core::session::draft_in_danger(&self.data)
        {
            self.overlay = Some(Overlay::ConfirmQuit);
        } else {
            self.exit = Some(Exit::Normal);
        }
    }

    /// A timeline review with some of its questions answered: those answers are kept only
    /// when the last one is.
    pub(crate) fn review_half_answered(&self) -> bool {
        matches!(self.screen, Screen::Review(_)) && !self.movement.is_empty()
    }
}
