//! The check-in: its questions, the answers typed to them, the draft kept as it goes, and
//! the finish that leads to the result.

use super::input::{self, NumbersError};
use super::{Place, Plain, a_number, line};
use crate::content::QuestionKind;
use crate::core::flow::{Current, FlowError, ReviewPick};
use crate::core::session;
use std::io::{self, Write};

impl Plain {
    pub(super) fn show_question(&self, out: &mut impl Write) -> io::Result<()> {
        if let Some(flow) = self.flow.as_ref().filter(|f| f.is_reviewing()) {
            let voice = self.voice();
            let w = crate::pages::Words::new(&self.content, &voice);
            let (page, labels) = crate::pages::checkin::review(w, flow);
            self.page(out, &page)?;
            return super::options(out, &labels);
        }
        let Some(
            current @ Current::Question {
                question,
                starts_section,
                ..
            },
        ) = self.flow.as_ref().map(|f| f.current(&self.content))
        else {
            return Ok(());
        };
        let progress =
            crate::pages::checkin::progress(&self.content, &self.voice(), &current, self.recheck);
        if let (Some(section), Some(progress)) = (self.content.section(&question.section), progress)
        {
            if starts_section {
                line(out, &progress.part_heading())?;
                line(out, &self.render(&section.intro))?;
                line(out, "")?;
            }
            line(out, &progress.position())?;
        }
        line(out, &self.render(&question.text))?;
        if let Some(help) = crate::pages::checkin::question_help(question, &self.data) {
            line(out, &self.render(help))?;
        }
        for (i, option) in question.options.iter().enumerate() {
            line(out, &format!("  {}. {}", i + 1, self.render(&option.label)))?;
        }
        if let Some(before) = self.previous_answer() {
            line(
                out,
                &format!("You answered before: {before}. Press Enter to keep it."),
            )?;
        }
        Ok(())
    }

    /// The earlier answer to the question on screen, as "2. Not sure".
    pub(super) fn previous_answer(&self) -> Option<String> {
        let flow = self.flow.as_ref()?;
        let Current::Question { question, .. } = flow.current(&self.content) else {
            return None;
        };
        let keys = flow.answers.get(&question.id).filter(|k| !k.is_empty())?;
        let shown: Vec<String> = question
            .options
            .iter()
            .enumerate()
            .filter(|(_, o)| keys.contains(&o.key))
            .map(|(i, o)| format!("{}. {}", i + 1, self.render(&o.label)))
            .collect();
        Some(shown.join(", "))
    }

    pub(super) fn current_question(&self) -> Option<(QuestionKind, usize)> {
        match self.flow.as_ref()?.current(&self.content) {
            Current::Question { question, .. } => Some((question.kind, question.options.len())),
            Current::Review => {
                let flow = self.flow.as_ref()?;
                Some((QuestionKind::Single, flow.answered(&self.content).len() + 1))
            }
            Current::Finished => None,
        }
    }

    pub(super) fn start(&mut self, out: &mut impl Write) -> io::Result<()> {
        self.flow = Some(session::start(&mut self.data, (self.clock)()));
        self.place = Place::Question;
        let saved = self.persist();
        line(out, &format!("Starting the check-in.{saved}"))?;
        self.show(out)
    }

    pub(super) fn answer(&mut self, typed: &str, out: &mut impl Write) -> io::Result<()> {
        if self
            .flow
            .as_ref()
            .is_some_and(crate::core::flow::Flow::is_reviewing)
        {
            return self.choose_in_review(typed, out);
        }
        let Some(Current::Question { question, .. }) =
            self.flow.as_ref().map(|f| f.current(&self.content))
        else {
            return Ok(());
        };
        let many = question.kind == QuestionKind::Multi;
        let keys: Vec<String> = if typed.is_empty() {
            match self.flow.as_ref().and_then(|f| f.answers.get(&question.id)) {
                Some(keys) if !keys.is_empty() => keys.to_vec(),
                _ => {
                    let what = if many { "the numbers" } else { "a number" };
                    return line(
                        out,
                        &format!("Type {what}, then Enter. Type help for more."),
                    );
                }
            }
        } else {
            match input::numbers(typed, question.options.len(), many) {
                Ok(indexes) => {
                    // Keep the content's order, not the order they were typed in.
                    let mut indexes = indexes;
                    indexes.sort_unstable();
                    indexes
                        .into_iter()
                        .filter_map(|i| question.options.get(i).map(|o| o.key.clone()))
                        .collect()
                }
                Err(e) => {
                    let len = question.options.len();
                    let text = match e {
                        NumbersError::Empty | NumbersError::NotANumber => {
                            format!("Please type {}, or help.", a_number(len))
                        }
                        NumbersError::OutOfRange(n) => {
                            format!("There is no option {n} here. The options go from 1 to {len}.")
                        }
                        NumbersError::TooMany => {
                            "Please choose only one: type a single number.".to_string()
                        }
                    };
                    return line(out, &text);
                }
            }
        };
        let labels: Vec<String> = question
            .options
            .iter()
            .filter(|o| keys.contains(&o.key))
            .map(|o| format!("\u{201c}{}\u{201d}", self.render(&o.label)))
            .collect();
        let Some(flow) = self.flow.as_mut() else {
            return Ok(());
        };
        if let Err(e) = flow.answer(&self.content, keys) {
            let text = match e {
                FlowError::ExclusiveWithOthers(key) => {
                    let label = question
                        .options
                        .iter()
                        .find(|o| o.key == key)
                        .map(|o| self.render(&o.label))
                        .unwrap_or_default();
                    format!(
                        "\u{201c}{label}\u{201d} cannot be chosen together with other answers. Type just its number, or leave it out."
                    )
                }
                other => format!("That answer does not fit this question ({other})."),
            };
            return line(out, &text);
        }
        let finished = flow.is_finished();
        let answered = format!("You answered {}.", labels.join(", "));
        if finished && self.recheck {
            self.finish_recheck(&answered, out)
        } else if finished {
            self.finish(&answered, out)
        } else if self.recheck {
            // A re-check is kept when it is finished, never as a check-in draft.
            line(out, &answered)?;
            self.show(out)
        } else {
            self.keep_progress_with(&answered, out)?;
            self.show(out)
        }
    }

    /// On the review: 1 (or Enter) goes on to the result, another number changes that answer.
    fn choose_in_review(&mut self, typed: &str, out: &mut impl Write) -> io::Result<()> {
        let Some((_, len)) = self.current_question() else {
            return Ok(());
        };
        let index = if typed.is_empty() {
            0
        } else {
            match super::pick(typed, len, out)? {
                Some(i) => i,
                None => return Ok(()),
            }
        };
        let Some(flow) = self.flow.as_mut() else {
            return Ok(());
        };
        match flow.pick_in_review(&self.content, index) {
            ReviewPick::Finished => self.finish("You looked over your answers.", out),
            ReviewPick::Changing => {
                self.keep_progress(out)?;
                self.show(out)
            }
            ReviewPick::Nothing => Ok(()),
        }
    }

    pub(super) fn keep_progress(&mut self, out: &mut impl Write) -> io::Result<()> {
        self.keep_progress_with("", out)
    }

    /// Saves the draft and prints `said` with how the save went, as one line.
    pub(super) fn keep_progress_with(
        &mut self,
        said: &str,
        out: &mut impl Write,
    ) -> io::Result<()> {
        if let Some(flow) = self.flow.as_ref() {
            session::keep_progress(&self.content, &mut self.data, flow, (self.clock)());
        }
        let saved = self.persist();
        let text = format!("{said}{saved}");
        let text = text.trim();
        if text.is_empty() {
            Ok(())
        } else {
            line(out, text)
        }
    }

    pub(super) fn finish(&mut self, said: &str, out: &mut impl Write) -> io::Result<()> {
        let Some(flow) = self.flow.take() else {
            return Ok(());
        };
        let index = session::finish(&mut self.data, flow.answers, (self.clock)());
        let saved = self.persist();
        line(out, &format!("{said} The check-in is finished.{saved}"))?;
        self.go(Place::Result(index), out)
    }
}
