//! The result of one assessment as words: outcome, why, the profile, the route, the next steps.
//! Built here once so every front end (and any export) says exactly the same thing.

use super::Answers;
use super::plan;
use super::triage::{self, Outcome, Reading};
use crate::content::{Content, Voice, render};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepView {
    pub title: String,
    pub body: String,
    pub why: String,
    pub sources: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub outcome: Outcome,
    pub title: String,
    pub summary: String,
    /// "Why am I seeing this": one line per deciding answer.
    pub why: Vec<String>,
    pub basis: String,
    pub basis_sources: Vec<String>,
    /// The four signals, each with its own line (empty on the safety path).
    pub profile: Vec<(String, String)>,
    /// For safety first and "not the first step": each reason with its own text.
    pub reasons: Vec<(String, String)>,
    pub steps: Vec<StepView>,
    pub not_validated: String,
    pub disclaimer: String,
}

fn source_names(content: &Content, ids: &[String]) -> Vec<String> {
    ids.iter()
        .filter_map(|id| content.source(id))
        .map(|s| s.short.clone())
        .collect()
}

/// Builds the report for a finished set of answers.
pub fn build(content: &Content, answers: &Answers, voice: &Voice) -> Report {
    let outcome = triage::triage(answers);
    let r = |text: &str| render(text, voice);
    let copy = &content.copy;
    let outcome_copy = copy.outcomes.get(outcome.kind.id());

    let why = outcome
        .evidence
        .iter()
        .filter_map(|e| {
            let option = content
                .question(e.question)?
                .options
                .iter()
                .find(|o| o.key == e.key)?;
            let line = option.why.as_deref().map_or_else(
                || format!("You answered \u{201c}{}\u{201d}.", r(&option.label)),
                r,
            );
            let sources = source_names(content, &option.sources);
            Some(if sources.is_empty() {
                line
            } else {
                format!("{line} ({})", sources.join("; "))
            })
        })
        .collect();

    let profile = if outcome
        .profile
        .iter()
        .all(|(_, reading)| *reading == Reading::Unanswered)
    {
        Vec::new()
    } else {
        outcome
            .profile
            .iter()
            .filter_map(|(signal, reading)| {
                let c = copy.signals.get(signal.id())?;
                let line = match reading {
                    Reading::Reachable => &c.reachable,
                    Reading::RedFlag => &c.red_flag,
                    Reading::Mixed | Reading::Unanswered => &c.mixed,
                };
                Some((r(&c.name), r(line)))
            })
            .collect()
    };

    let reasons = outcome
        .reasons
        .iter()
        .filter_map(|reason| copy.reasons.get(reason.id()))
        .map(|c| (r(&c.title), r(&c.text)))
        .collect();

    let steps = plan::next_steps(content, answers, &outcome)
        .into_iter()
        .map(|s| StepView {
            title: r(&s.title),
            body: r(&s.body),
            why: r(&s.why),
            sources: source_names(content, &s.sources),
        })
        .collect();

    Report {
        title: outcome_copy.map(|c| r(&c.title)).unwrap_or_default(),
        summary: outcome_copy.map(|c| r(&c.summary)).unwrap_or_default(),
        basis: outcome_copy.map(|c| r(&c.basis)).unwrap_or_default(),
        basis_sources: outcome_copy
            .map(|c| source_names(content, &c.sources))
            .unwrap_or_default(),
        why,
        profile,
        reasons,
        steps,
        not_validated: r(&copy.not_validated),
        disclaimer: r(&copy.disclaimer),
        outcome,
    }
}
