//! Tailored next steps: the rules in `steps.json`, filtered by what the outcome allows.

use super::Answers;
use super::triage::{Outcome, OutcomeKind, Reason};
use crate::content::{Content, Step, StepKind};
use std::collections::BTreeSet;

/// Tags the core adds beside the answer tags, so rules can name outcomes and routes.
pub const DERIVED_TAGS: [&str; 11] = [
    "outcome_safety_first",
    "outcome_not_first_step",
    "outcome_red_flag",
    "outcome_reachable",
    "outcome_not_yet_clear",
    "gate_abuse",
    "gate_self_harm",
    "route_affair",
    "route_addiction",
    "route_crisis",
    "route_gone",
];

/// Whether a kind of advice may be shown for an outcome. This is the hard rule behind the
/// gate: on the safety path only safety and individual support; on the red-flag path own
/// support first, so no invitation scripts and no lower doors to offer the partner; on the
/// "not the first step" path no invitation scripts (a door such as discernment counseling can
/// be the route there).
pub fn allowed(kind: StepKind, outcome: OutcomeKind) -> bool {
    match outcome {
        OutcomeKind::SafetyFirst => matches!(kind, StepKind::Safety | StepKind::Support),
        OutcomeKind::RedFlag => !matches!(kind, StepKind::Invitation | StepKind::Door),
        OutcomeKind::NotFirstStep => kind != StepKind::Invitation,
        OutcomeKind::Reachable | OutcomeKind::NotYetClear => true,
    }
}

/// Every tag the rules can see for these answers and this outcome.
pub fn tags(content: &Content, answers: &Answers, outcome: &Outcome) -> BTreeSet<String> {
    let mut tags = answers.tags(content);
    tags.extend(outcome.tags().into_iter().map(str::to_string));
    tags
}

/// The steps that apply, in order.
pub fn next_steps<'c>(content: &'c Content, answers: &Answers, outcome: &Outcome) -> Vec<&'c Step> {
    let tags = tags(content, answers, outcome);
    let mut steps: Vec<&Step> = content
        .steps
        .steps
        .iter()
        .filter(|s| allowed(s.kind, outcome.kind) && s.when.matches(&tags))
        .collect();
    steps.sort_by(|a, b| a.order.cmp(&b.order).then_with(|| a.id.cmp(&b.id)));
    steps
}

/// Whether the safety path applies because of abuse (rather than only self-harm).
pub fn is_abuse_path(outcome: &Outcome) -> bool {
    outcome.kind == OutcomeKind::SafetyFirst && outcome.reasons.contains(&Reason::Abuse)
}
