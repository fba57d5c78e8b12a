//! Tailored next steps: the rules in `steps.json`, filtered by what the path allows (the gate),
//! with exclusions, a cap, and a "why" built only from conditions that held.

use super::Answers;
use super::gate::Path;
use super::triage::{Outcome, OutcomeKind, RED_FLAG_SIGNAL_TAG, Reason};
use crate::content::{Content, Step, StepKind};
use std::collections::BTreeSet;

/// Tags the core adds beside the answer tags, so rules can name outcomes and routes.
pub const DERIVED_TAGS: [&str; 12] = [
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
    RED_FLAG_SIGNAL_TAG,
];

/// Whether a kind of advice may be shown on every path of an outcome: the tier-level view of
/// the gate. The plan itself asks the path (`Path::allows`), which can be stricter.
pub fn allowed(kind: StepKind, outcome: OutcomeKind) -> bool {
    Path::ALL
        .iter()
        .filter(|p| p.tier() == outcome)
        .all(|p| p.allows(kind))
}

/// Every tag the rules can see for these answers and this outcome.
pub fn tags(content: &Content, answers: &Answers, outcome: &Outcome) -> BTreeSet<String> {
    let mut tags = answers.tags(content);
    tags.extend(outcome.tags().into_iter().map(str::to_string));
    tags
}

/// The steps that apply on this outcome's path, at most `max_steps`, in the order shown:
/// by group (now, this week, later), then by order. When the plan is full, or two steps
/// exclude each other, the lower `order` wins.
pub fn next_steps<'c>(content: &'c Content, answers: &Answers, outcome: &Outcome) -> Vec<&'c Step> {
    steps_on(content, &tags(content, answers, outcome), Path::of(outcome))
}

/// The same, for a set of tags on a path.
pub fn steps_on<'c>(content: &'c Content, tags: &BTreeSet<String>, path: Path) -> Vec<&'c Step> {
    let mut candidates: Vec<&Step> = content
        .steps
        .steps
        .iter()
        .filter(|s| path.allows(s.kind) && s.when.matches(tags))
        .collect();
    candidates.sort_by(|a, b| a.order.cmp(&b.order).then_with(|| a.id.cmp(&b.id)));
    let mut chosen: Vec<&Step> = Vec::new();
    for step in candidates {
        if chosen.len() >= content.steps.max_steps {
            break;
        }
        let excluded = chosen
            .iter()
            .any(|c| c.excludes.contains(&step.id) || step.excludes.contains(&c.id));
        if !excluded {
            chosen.push(step);
        }
    }
    chosen.sort_by(|a, b| (a.group, a.order, &a.id).cmp(&(b.group, b.order, &b.id)));
    chosen
}

/// The phrases (unrendered templates) of the conditions that held for a step, in the order
/// its rule names them, each once. A condition with `detail` names the narrower tags that
/// held instead of itself; a path condition (no phrase) is never named.
pub fn reasons<'c>(content: &'c Content, step: &Step, tags: &BTreeSet<String>) -> Vec<&'c str> {
    let conditions = &content.steps.conditions;
    let mut phrases: Vec<&str> = Vec::new();
    let push = |tag: &str, phrases: &mut Vec<&'c str>| {
        if let Some(p) = conditions.get(tag).and_then(|c| c.phrase.as_deref())
            && !phrases.contains(&p)
        {
            phrases.push(p);
        }
    };
    for tag in step.when.all.iter().chain(&step.when.any) {
        if !tags.contains(tag) {
            continue;
        }
        match conditions.get(tag.as_str()) {
            Some(c) if !c.detail.is_empty() => {
                for narrower in c.detail.iter().filter(|t| tags.contains(*t)) {
                    push(narrower, &mut phrases);
                }
            }
            _ => push(tag, &mut phrases),
        }
    }
    phrases
}

/// "a", "a and b", "a, b and c".
pub fn join_phrases(phrases: &[String]) -> String {
    match phrases {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// Whether the safety path applies because of abuse (rather than only self-harm).
pub fn is_abuse_path(outcome: &Outcome) -> bool {
    outcome.kind == OutcomeKind::SafetyFirst && outcome.reasons.contains(&Reason::Abuse)
}
