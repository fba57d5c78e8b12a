//! The rules between steps: conditions in words, exclusions and ordering.

use crate::content::Content;
use std::collections::BTreeSet;

/// The plan's rules: every condition a step names has its words (so a why-line can only
/// cite what held), exclusions and ordering name real steps, "before" agrees with the order
/// steps are shown in, the cap is a plan a person can follow, and a step's basis makes no
/// claim about the user (that is the conditions' job).
pub(super) fn step_rules(content: &Content, known: &BTreeSet<&str>) -> Vec<String> {
    let mut problems = Vec::new();
    let steps = &content.steps;
    if !(1..=9).contains(&steps.max_steps) {
        problems.push(format!(
            "steps.json: max_steps is {}, it must be 1 to 9",
            steps.max_steps
        ));
    }
    for (tag, words) in &steps.conditions {
        if !known.contains(tag.as_str()) {
            problems.push(format!(
                "steps.json: condition '{tag}' is no tag an answer or outcome produces"
            ));
        }
        for narrower in &words.detail {
            if steps
                .conditions
                .get(narrower)
                .is_none_or(|w| w.phrase.is_none())
            {
                problems.push(format!(
                    "steps.json: condition '{tag}' details '{narrower}', which has no phrase"
                ));
            }
        }
        if words.phrase.is_some() && !words.detail.is_empty() {
            problems.push(format!(
                "steps.json: condition '{tag}' has both a phrase and details"
            ));
        }
    }
    let by_id = |id: &str| steps.steps.iter().find(|s| s.id == id);
    for step in &steps.steps {
        for tag in step.when.all.iter().chain(&step.when.any) {
            if !steps.conditions.contains_key(tag) {
                problems.push(format!(
                    "step '{}': condition '{tag}' has no words in steps.json conditions",
                    step.id
                ));
            }
        }
        for other in &step.excludes {
            if other == &step.id || by_id(other).is_none() {
                problems.push(format!(
                    "step '{}' excludes '{other}', which is not another step",
                    step.id
                ));
            }
        }
        for other in &step.before {
            match by_id(other) {
                Some(o) if (step.group, step.order) < (o.group, o.order) => {}
                Some(_) => problems.push(format!(
                    "step '{}' must come before '{other}', but its group and order put it after",
                    step.id
                )),
                None => problems.push(format!(
                    "step '{}' comes before '{other}', which is not a step",
                    step.id
                )),
            }
        }
        let basis = step.basis.to_lowercase();
        if basis.starts_with("because")
            || basis.contains("you said")
            || basis.contains("you answered")
        {
            problems.push(format!(
                "step '{}': its basis speaks of the user's answers; those come from its conditions",
                step.id
            ));
        }
    }
    problems
}
