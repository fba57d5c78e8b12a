//! The check-in: starting it, the question on screen, ticking and answering, the draft
//! kept as it goes, and the finish that leads to the result.

use super::{App, Screen, Status};
use crate::content::QuestionKind;
use crate::core::flow::{Current, ReviewPick};
use crate::core::session;

impl App {
    pub(super) fn current_question_kind(&self) -> Option<QuestionKind> {
        match self.flow.as_ref()?.current(&self.content) {
            Current::Question { question, .. } => Some(question.kind),
            Current::Review | Current::Finished => None,
        }
    }

    pub(super) fn start_assessment(&mut self) {
        self.flow = Some(session::start(&mut self.data, (self.clock)()));
        self.screen = Screen::Question;
        self.enter_question();
        self.save_draft();
    }

    /// Sets the cursor and ticks from any earlier answer to the question now on screen.
    pub(crate) fn enter_question(&mut self) {
        self.cursor = 0;
        self.scroll = 0;
        self.ticked.clear();
        self.cursor_chosen = false;
        let Some(flow) = self.flow.as_ref() else {
            return;
        };
        if let Current::Question { question, .. } = flow.current(&self.content)
            && let Some(keys) = flow.answers.get(&question.id)
        {
            self.cursor = question
                .options
                .iter()
                .position(|o| keys.first() == Some(&o.key))
                .unwrap_or(0);
            self.ticked = keys.iter().cloned().collect();
            self.cursor_chosen = true;
        }
    }

    pub(super) fn toggle(&mut self, index: usize) {
        let Some(Current::Question { question, .. }) =
            self.flow.as_ref().map(|f| f.current(&self.content))
        else {
            return;
        };
        if question.kind != QuestionKind::Multi {
            return;
        }
        let Some(option) = question.options.get(index) else {
            return;
        };
        if self.ticked.remove(&option.key) {
            return;
        }
        if option.exclusive {
            self.ticked.clear();
        } else {
            for exclusive in question.options.iter().filter(|o| o.exclusive) {
                self.ticked.remove(&exclusive.key);
            }
        }
        self.ticked.insert(option.key.clone());
    }

    pub(super) fn submit_multi(&mut self) {
        let Some(Current::Question { question, .. }) =
            self.flow.as_ref().map(|f| f.current(&self.content))
        else {
            return;
        };
        if self.ticked.is_empty() {
            self.status = Some(Status::Info(
                "Tick at least one answer with Space or its number, then press Enter.".to_string(),
            ));
            return;
        }
        // Keep the content's order, not the order they were ticked in.
        let keys = question
            .options
            .iter()
            .filter(|o| self.ticked.contains(&o.key))
            .map(|o| o.key.clone())
            .collect();
        self.answer(keys);
    }

    pub(super) fn answer(&mut self, keys: Vec<String>) {
        let Some(flow) = self.flow.as_mut() else {
            return;
        };
        if let Err(e) = flow.answer(&self.content, keys) {
            self.status = Some(Status::Info(e.to_string()));
            return;
        }
        if flow.is_reviewing() {
            self.cursor = 0;
            self.scroll = 0;
            self.save_draft();
        } else if flow.is_finished() {
            if self.recheck {
                self.finish_recheck();
            } else {
                self.finish();
            }
        } else if self.recheck {
            self.enter_question();
        } else {
            self.enter_question();
            self.save_draft();
        }
    }

    /// On the review: the first entry goes on to the result, any other changes that answer.
    pub(super) fn choose_in_review(&mut self, index: usize) {
        let Some(flow) = self.flow.as_mut() else {
            return;
        };
        match flow.pick_in_review(&self.content, index) {
            ReviewPick::Finished => self.finish(),
            ReviewPick::Changing => {
                self.enter_question();
                self.save_draft();
            }
            ReviewPick::Nothing => {}
        }
    }

    pub(super) fn save_draft(&mut self) {
        if let Some(flow) = self.flow.as_ref() {
            session::keep_progress(&self.content, &mut self.data, flow, (self.clock)());
        }
        self.persist();
    }

    pub(super) fn finish(&mut self) {
        let Some(flow) = self.flow.take() else {
            return;
        };
        let index = session::finish(&mut self.data, flow.answers, (self.clock)());
        self.persist();
        self.go(Screen::Result(index));
    }
}
