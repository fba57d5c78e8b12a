//! The path through the questions: where the user is, what comes next, going back, and the
//! early end once the safety check or the screen-outs have decided the outcome.

use super::Answers;
use super::triage::{self, SAFETY_SECTION, SIGNALS_SECTION};
use crate::content::{Content, Question, QuestionKind};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FlowError {
    #[error("there is no question '{0}'")]
    UnknownQuestion(String),
    #[error("question '{question}' has no option '{key}'")]
    UnknownOption { question: String, key: String },
    #[error("choose at least one option")]
    NoChoice,
    #[error("choose only one option")]
    TooManyChoices,
    /// "None of these" (or similar) chosen together with other answers.
    #[error("'{0}' cannot be chosen together with other answers")]
    ExclusiveWithOthers(String),
}

/// Where the user is in one assessment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flow {
    pub answers: Answers,
    /// Index into the questionnaire; `len` when finished.
    position: usize,
    finished: bool,
    /// Stop before this question (a short re-check asks one section only).
    end: Option<usize>,
    /// Every question on the path is answered: the user looks over the answers before the
    /// result. A check-in the safety questions decided skips this: its result (and the help
    /// lines on it) comes at once.
    reviewing: bool,
    /// An answer picked from the review is being changed: after it, the questions already
    /// answered are skipped, to the first one the new path needs or back to the review.
    revisiting: bool,
}

/// What picking an entry of the review did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewPick {
    /// The check-in is finished: on to the result.
    Finished,
    /// A question is open again, to change its answer.
    Changing,
    /// No such entry (or no review): nothing changed.
    Nothing,
}

/// What a saved draft keeps as its place while the user reviews the answers.
pub const REVIEW_PLACE: &str = "review";

/// What to show now.
#[derive(Debug, Clone, Copy)]
pub enum Current<'c> {
    Question {
        question: &'c Question,
        /// 1-based number within its section, and the section's size.
        number_in_section: usize,
        section_len: usize,
        /// True for the first question of a section: show the section intro.
        starts_section: bool,
    },
    /// Every answer, to look over and change one before the result.
    Review,
    Finished,
}

impl Flow {
    pub fn new() -> Self {
        Flow {
            answers: Answers::new(),
            position: 0,
            finished: false,
            end: None,
            reviewing: false,
            revisiting: false,
        }
    }

    /// The safety questions alone: the short re-check before a rehearsal.
    pub fn safety_recheck(content: &Content) -> Self {
        let questions = &content.questionnaire.questions;
        let end = questions
            .iter()
            .rposition(|q| q.section == SAFETY_SECTION)
            .map(|last| last + 1);
        Flow {
            answers: Answers::new(),
            position: 0,
            finished: false,
            end,
            reviewing: false,
            revisiting: false,
        }
    }

    /// Continues a saved draft at the question it stopped on, or earlier if a question before
    /// it has no answer (a damaged draft must never skip part of the safety check).
    pub fn resume(content: &Content, answers: Answers, current: Option<&str>) -> Self {
        let questions = &content.questionnaire.questions;
        let first_unanswered = questions
            .iter()
            .position(|q| !answers.is_answered(&q.id))
            .unwrap_or(questions.len().saturating_sub(1));
        if current == Some(REVIEW_PLACE) {
            // Walk the path again from the start over the saved answers: it ends on the
            // review, or on the first question the path needs that has no answer.
            let mut flow = Flow {
                answers,
                ..Flow::new()
            };
            flow.skip_answered(content);
            return flow;
        }
        let position = current
            .and_then(|id| questions.iter().position(|q| q.id == id))
            .map_or(first_unanswered, |at| at.min(first_unanswered));
        Flow {
            answers,
            position,
            ..Flow::new()
        }
    }

    pub fn is_reviewing(&self) -> bool {
        self.reviewing
    }

    /// Picks entry `index` of the review: 0 ("See my result") finishes the check-in, any
    /// other reopens that answer's question (its earlier answer shown chosen). Both faces
    /// list the entries in this order (`pages::checkin::review`).
    pub fn pick_in_review(&mut self, content: &Content, index: usize) -> ReviewPick {
        if !self.reviewing {
            return ReviewPick::Nothing;
        }
        let Some(at) = index.checked_sub(1) else {
            self.reviewing = false;
            self.finished = true;
            return ReviewPick::Finished;
        };
        let Some(id) = self.answered(content).get(at).map(|q| q.id.as_str()) else {
            return ReviewPick::Nothing;
        };
        let Some(position) = content
            .questionnaire
            .questions
            .iter()
            .position(|q| q.id == id)
        else {
            return ReviewPick::Nothing;
        };
        self.reviewing = false;
        self.revisiting = true;
        self.position = position;
        ReviewPick::Changing
    }

    /// The questions answered on the path, in order: what the review lists.
    pub fn answered<'c>(&self, content: &'c Content) -> Vec<&'c Question> {
        content
            .questionnaire
            .questions
            .iter()
            .filter(|q| self.answers.is_answered(&q.id))
            .collect()
    }

    /// Moves past questions that already have an answer, stopping at the first without one,
    /// the review or the end.
    fn skip_answered(&mut self, content: &Content) {
        self.revisiting = true;
        while let Current::Question { question, .. } = self.current(content) {
            if !self.answers.is_answered(&question.id) {
                break;
            }
            self.advance(content);
        }
        self.revisiting = false;
    }

    pub fn is_finished(&self) -> bool {
        self.finished
    }

    /// The id of the question on screen, for saving the place.
    pub fn current_id<'c>(&self, content: &'c Content) -> Option<&'c str> {
        if self.finished {
            return None;
        }
        if self.reviewing {
            return Some(REVIEW_PLACE);
        }
        content
            .questionnaire
            .questions
            .get(self.position)
            .map(|q| q.id.as_str())
    }

    pub fn current<'c>(&self, content: &'c Content) -> Current<'c> {
        if self.reviewing {
            return Current::Review;
        }
        let questions = &content.questionnaire.questions;
        let Some(question) = questions.get(self.position).filter(|_| !self.finished) else {
            return Current::Finished;
        };
        let in_section: Vec<usize> = questions
            .iter()
            .enumerate()
            .filter(|(_, q)| q.section == question.section)
            .map(|(i, _)| i)
            .collect();
        let number = in_section
            .iter()
            .position(|&i| i == self.position)
            .unwrap_or(0)
            + 1;
        Current::Question {
            question,
            number_in_section: number,
            section_len: in_section.len(),
            starts_section: number == 1,
        }
    }

    /// Records an answer to the current question and moves on.
    pub fn answer(&mut self, content: &Content, keys: Vec<String>) -> Result<(), FlowError> {
        let Current::Question { question, .. } = self.current(content) else {
            return Ok(());
        };
        check_choice(question, &keys)?;
        self.answers.set(&question.id, keys);
        self.advance(content);
        if self.revisiting {
            self.skip_answered(content);
        }
        Ok(())
    }

    fn advance(&mut self, content: &Content) {
        let questions = &content.questionnaire.questions;
        let leaving = questions[self.position].section.as_str();
        let next = self.position + 1;
        let crosses = questions.get(next).is_none_or(|q| q.section != leaving);
        // The outcome is fixed once the safety check decides it. A screen-out fixes the
        // tier too, but the red-flag questions are still asked first: contempt or leverage
        // beside an affair or an addiction must not be hidden by it.
        // Each section decides only what it asks about, so going back through the safety
        // check never skips past screen-out answers the user may want to change.
        let decided = crosses
            && match leaving {
                SAFETY_SECTION => triage::safety_gate(&self.answers).is_some(),
                SIGNALS_SECTION => triage::early_outcome(&self.answers).is_some(),
                _ => false,
            };
        // A whole check-in ends on the review, unless safety decided it.
        let review = self.end.is_none() && leaving != SAFETY_SECTION;
        if decided {
            // Answers past an early end played no part; they are not kept.
            for later in &questions[next..] {
                self.answers.remove(&later.id);
            }
            self.finished = !review;
            self.reviewing = review;
        } else if next >= self.end.unwrap_or(questions.len()) {
            self.finished = !review;
            self.reviewing = review;
        } else {
            self.position = next;
        }
    }

    /// Goes back one question, keeping every answer. Returns false at the first question.
    pub fn back(&mut self) -> bool {
        if self.reviewing {
            self.reviewing = false;
            return true;
        }
        if self.finished {
            self.finished = false;
            return true;
        }
        if self.position == 0 {
            return false;
        }
        self.position -= 1;
        true
    }
}

impl Default for Flow {
    fn default() -> Self {
        Self::new()
    }
}

fn check_choice(question: &Question, keys: &[String]) -> Result<(), FlowError> {
    if keys.is_empty() {
        return Err(FlowError::NoChoice);
    }
    if question.kind == QuestionKind::Single && keys.len() > 1 {
        return Err(FlowError::TooManyChoices);
    }
    for key in keys {
        let Some(option) = question.options.iter().find(|o| &o.key == key) else {
            return Err(FlowError::UnknownOption {
                question: question.id.clone(),
                key: key.clone(),
            });
        };
        if option.exclusive && keys.len() > 1 {
            return Err(FlowError::ExclusiveWithOthers(option.key.clone()));
        }
    }
    Ok(())
}
