//! Setting up: the word for the partner and the pronouns.

use super::{App, Screen, Status};
use crate::content::Pronouns;
use crate::core::session;

impl App {
    pub(super) fn choose_partner_word(&mut self, word: &str) {
        // Suggest the usual pronouns for the word, or keep the ones already chosen.
        let suggested = session::set_partner_word(&mut self.data, word, (self.clock)());
        self.go(Screen::Pronouns);
        self.cursor = Pronouns::ALL
            .iter()
            .position(|&p| p == suggested)
            .unwrap_or(0);
    }

    pub(super) fn choose_pronouns(&mut self, pronouns: Pronouns) {
        let first_run = session::set_pronouns(&mut self.data, pronouns);
        self.persist();
        if first_run {
            self.start_assessment();
        } else {
            self.go(Screen::Home);
            self.status = Some(Status::Info(format!(
                "Overture will now say \u{201c}your {}\u{201d} and \u{201c}{}\u{201d}.",
                self.voice().partner,
                pronouns.label()
            )));
        }
    }
}
