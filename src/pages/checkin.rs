//! Where the user is in the check-in, in words both faces show: "Part 2 of 6", the section
//! and the question's place in it.

use crate::content::{Content, Voice, render};
use crate::core::flow::Current;

/// The check-in's progress at one question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    /// The part (1-based) and how many there are; none in the short safety re-check, which is
    /// the safety part alone.
    pub part: Option<(usize, usize)>,
    /// The section's title, for this voice.
    pub section: String,
    /// The question's number in its section, and the section's size.
    pub number: usize,
    pub of: usize,
}

/// The progress at the current question, or `None` when the check-in is finished.
pub fn progress(
    content: &Content,
    voice: &Voice,
    current: &Current,
    recheck: bool,
) -> Option<Progress> {
    let Current::Question {
        question,
        number_in_section,
        section_len,
        ..
    } = current
    else {
        return None;
    };
    let sections = &content.questionnaire.sections;
    let part = sections
        .iter()
        .position(|s| s.id == question.section)
        .filter(|_| !recheck)
        .map(|i| (i + 1, sections.len()));
    let section = content
        .section(&question.section)
        .map(|s| render(&s.title, voice))
        .unwrap_or_default();
    Some(Progress {
        part,
        section,
        number: *number_in_section,
        of: *section_len,
    })
}

impl Progress {
    /// Above a section's first question: "Part 2 of 6: How you ask".
    pub fn part_heading(&self) -> String {
        match self.part {
            Some((part, parts)) => format!("Part {part} of {parts}: {}", self.section),
            None => self.section.clone(),
        }
    }

    /// Above each question: "How you ask \u{2014} question 3 of 9".
    pub fn position(&self) -> String {
        format!(
            "{} \u{2014} question {} of {}",
            self.section, self.number, self.of
        )
    }

    /// One line, for a header, the part last so that a narrow window cuts the least needed:
    /// "How you ask · 3 of 9 · part 2 of 6".
    pub fn header(&self) -> String {
        match self.part {
            Some((part, parts)) => format!(
                "{} \u{b7} {} of {} \u{b7} part {part} of {parts}",
                self.section, self.number, self.of
            ),
            None => format!("{} \u{b7} {} of {}", self.section, self.number, self.of),
        }
    }
}

/// The line under a question: its `help_after_yes` once the latest logged ask was a yes
/// ("He said yes the last time you asked…"), else its usual help.
pub fn question_help<'c>(
    question: &'c crate::content::Question,
    data: &crate::core::record::SavedData,
) -> Option<&'c str> {
    question
        .help_after_yes
        .as_deref()
        .filter(|_| crate::core::asklog::latest_is_yes(data))
        .or(question.help.as_deref())
}

/// The review at the end of a check-in: a word on what it is for, then the list to choose
/// from: the result first, then every answer on the path ("Contempt: Rarely"), in order.
pub fn review(w: super::Words, flow: &crate::core::flow::Flow) -> (super::Page, Vec<String>) {
    use super::{Page, Tone};
    let mut page = Page::new();
    page.para(Tone::Heading, "Before your result: your answers");
    page.para(
        Tone::Text,
        "Here is everything you answered. If one isn't right, or a tap went astray, pick it to change it; the questions after it keep their answers unless the change needs new ones.",
    );
    // A check-in a screen-out decided ends after the red-flag questions: "Part 3 of 6" was
    // the last header seen, and the person should not wonder where the rest went.
    let answered = flow.answered(w.content);
    let sections = &w.content.questionnaire.sections;
    let last_part = answered
        .last()
        .and_then(|q| sections.iter().position(|s| s.id == q.section));
    if let Some(last) = last_part.filter(|&i| i + 1 < sections.len()) {
        page.para(
            Tone::Text,
            format!(
                "The check-in stopped after part {} of {}: your answers so far already decide what comes first, so the later parts were not needed.",
                last + 1,
                sections.len()
            ),
        );
    }
    page.blank();
    let mut labels = vec!["See my result".to_string()];
    for question in answered {
        let keys = flow.answers.get(&question.id).unwrap_or_default();
        let answer: Vec<String> = question
            .options
            .iter()
            .filter(|o| keys.contains(&o.key))
            .map(|o| w.r(&o.label))
            .collect();
        let short = question.short.as_deref().unwrap_or(&question.text);
        labels.push(format!("{}: {}", w.r(short), answer.join("; ")));
    }
    (page, labels)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::flow::Flow;

    #[test]
    fn the_check_in_says_which_part_and_the_recheck_does_not() {
        let content = Content::embedded().expect("content");
        let voice = Voice::default();
        let flow = Flow::new();
        let first = progress(&content, &voice, &flow.current(&content), false).expect("a question");
        let parts = content.questionnaire.sections.len();
        assert_eq!(first.part, Some((1, parts)));
        assert_eq!(first.number, 1);
        assert!(
            first
                .part_heading()
                .starts_with(&format!("Part 1 of {parts}: "))
        );
        assert!(
            first
                .header()
                .ends_with(&format!(" \u{b7} part 1 of {parts}"))
        );

        let recheck = Flow::safety_recheck(&content);
        let again = progress(&content, &voice, &recheck.current(&content), true).expect("one");
        assert_eq!(again.part, None);
        assert_eq!(again.part_heading(), again.section);
        assert!(!again.header().contains("part"));
    }
}
