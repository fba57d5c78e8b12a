//! The home menu: its items and where each one leads.

use super::{App, Exit, HomeItem, Overlay, PARTNER_WORDS, Screen};
use crate::core::session;

impl App {
    pub fn home_items(&self) -> Vec<HomeItem> {
        session::home_items(&self.data)
    }

    pub(super) fn home(&mut self, item: HomeItem) {
        match item {
            HomeItem::Continue => {
                if let Some(flow) = session::resume(&self.content, &self.data) {
                    self.flow = Some(flow);
                    self.screen = Screen::Question;
                    self.enter_question();
                }
            }
            HomeItem::Start | HomeItem::Retake => {
                if self.data.draft.is_some() {
                    self.overlay = Some(Overlay::ConfirmRestart);
                } else {
                    self.start_assessment();
                }
            }
            HomeItem::LatestResult => {
                if let Some(last) = self.data.assessments.len().checked_sub(1) {
                    self.go(Screen::Result(last));
                }
            }
            HomeItem::Rehearse => self.enter_rehearsal(),
            HomeItem::Script => {
                if let Some(index) = crate::core::rehearsal::walk::latest_with_script(&self.data) {
                    self.letter_view = false;
                    self.versions_back = 0;
                    self.go(Screen::Script(index));
                }
            }
            HomeItem::LogAsk
            | HomeItem::RepeatedNo
            | HomeItem::Timeline
            | HomeItem::Doors
            | HomeItem::Solo
            | HomeItem::History
            | HomeItem::ExportSummary => self.after_home(item),
            HomeItem::Crisis => self.open_overlay(Overlay::Crisis),
            HomeItem::Settings => self.go(Screen::Settings),
            HomeItem::ChangeVoice => {
                self.go(Screen::Partner);
                let current = self.voice().partner;
                self.cursor = PARTNER_WORDS
                    .iter()
                    .position(|w| *w == current)
                    .unwrap_or(PARTNER_WORDS.len());
            }
            HomeItem::Quit => {
                if self.unsaved {
                    self.overlay = Some(Overlay::ConfirmQuit);
                } else {
                    self.exit = Some(Exit::Normal);
                }
            }
        }
    }
}
