//! The checks of `rehearsal.json` and `after.json` texts, doors, plan and timeline.

use super::duplicates;
use crate::content::after::{After, DoorShown};
use crate::content::{Content, StepKind};
use crate::core::asklog;
use std::collections::BTreeSet;

/// Every user-facing text of `rehearsal.json`, with where it is.
pub(super) fn rehearsal_texts(r: &crate::content::rehearsal::Rehearsal) -> Vec<(String, &str)> {
    let mut texts: Vec<(String, &str)> = [
        ("intro", &r.intro),
        ("recheck_intro", &r.recheck_intro),
        ("recheck_after_delete", &r.recheck_after_delete),
        ("reply_check question", &r.reply_check.question),
        ("reply_check happened", &r.reply_check.happened),
        ("reply_check pictured", &r.reply_check.pictured),
        ("reply_check why", &r.reply_check.why),
        (
            "reply_check pictured_red_flag",
            &r.reply_check.pictured_red_flag,
        ),
        (
            "reply_check pictured_safety",
            &r.reply_check.pictured_safety,
        ),
        (
            "reply_check recheck_pictured",
            &r.reply_check.recheck_pictured,
        ),
        ("export_warning", &r.export_warning),
    ]
    .into_iter()
    .map(|(name, text)| (format!("rehearsal {name}"), text.as_str()))
    .collect();
    for (key, text) in &r.gated {
        texts.push((format!("rehearsal gated '{key}'"), text));
    }
    for step in &r.steps {
        let id = &step.id;
        texts.push((format!("rehearsal step '{id}' title"), &step.title));
        texts.push((format!("rehearsal step '{id}' what"), &step.what));
        texts.push((format!("rehearsal step '{id}' why"), &step.why));
        texts.push((format!("rehearsal step '{id}' prompt"), &step.prompt));
        if let Some(line_for) = &step.line_for {
            texts.push((format!("rehearsal step '{id}' line_for"), line_for));
        }
        for (i, e) in step.examples.iter().enumerate() {
            texts.push((format!("rehearsal step '{id}' example {i}"), &e.text));
        }
    }
    for reply in &r.replies {
        let id = &reply.id;
        texts.push((format!("rehearsal reply '{id}' label"), &reply.label));
        texts.push((
            format!("rehearsal reply '{id}' next_line"),
            &reply.next_line,
        ));
        texts.push((format!("rehearsal reply '{id}' tells"), &reply.tells));
    }
    let rd = &r.readiness;
    for (name, text) in [
        ("intro", &rd.intro),
        ("intro_after", &rd.intro_after),
        ("importance", &rd.importance),
        ("confidence", &rd.confidence),
        ("why_not_lower", &rd.why_not_lower),
        ("move_up", &rd.move_up),
        ("move_up_confidence", &rd.move_up_confidence),
        ("move_up_importance", &rd.move_up_importance),
    ] {
        texts.push((format!("rehearsal readiness {name}"), text));
    }
    texts.push(("rehearsal letter about".into(), &r.letter.about));
    texts.push(("rehearsal letter opening".into(), &r.letter.opening));
    texts.push(("rehearsal letter closing".into(), &r.letter.closing));
    texts.push((
        "rehearsal letter closing_pressed".into(),
        &r.letter.closing_pressed,
    ));
    texts.push((
        "rehearsal letter pressed_note".into(),
        &r.letter.pressed_note,
    ));
    texts
}

/// `after.json` holds exactly what the code asks for: a label for every ask answer, every
/// door, every step of the repeated-no plan, every movement item and verdict, both builders.
pub(super) fn validate_after(content: &Content, problems: &mut Vec<String>) {
    let a = &content.after;
    let want =
        |what: &str, have: BTreeSet<&str>, want: BTreeSet<&str>, problems: &mut Vec<String>| {
            if have != want {
                problems.push(format!(
                    "after.json: {what} must be exactly {want:?}, they are {have:?}"
                ));
            }
        };
    want(
        "answers",
        a.answers.keys().map(String::as_str).collect(),
        asklog::ASK_ANSWERS.iter().map(|(_, id)| *id).collect(),
        problems,
    );
    door_and_plan_rules(a, problems);
    for dup in duplicates(a.timeline.movement.iter().map(|it| it.id.as_str())) {
        problems.push(format!("after.json: movement item '{dup}' is used twice"));
    }
    if a.timeline.movement.is_empty() {
        problems.push("after.json: the movement check needs at least one item".to_string());
    }
    want(
        "timeline verdicts",
        a.timeline.verdicts.keys().map(String::as_str).collect(),
        ["moving", "some", "flat"].into_iter().collect(),
        problems,
    );
    want(
        "doors_gated",
        a.doors_gated.keys().map(String::as_str).collect(),
        crate::core::doors::Closed::KEYS.into_iter().collect(),
        problems,
    );
    want(
        "solo builders",
        a.solo.builders.keys().map(String::as_str).collect(),
        ["i_feel", "xyz"].into_iter().collect(),
        problems,
    );
    for (id, b) in &a.solo.builders {
        for (i, _) in b.blanks.iter().enumerate() {
            if !b.template.contains(&format!("{{{}}}", i + 1)) {
                problems.push(format!(
                    "after.json: builder '{id}' template lacks {{{}}}",
                    i + 1
                ));
            }
        }
        if b.blanks.is_empty() || b.blanks.len() > 3 {
            problems.push(format!(
                "after.json: builder '{id}' needs one to three blanks"
            ));
        }
    }
    for dup in duplicates(a.solo.journal_prompts.iter().map(|p| p.id.as_str())) {
        problems.push(format!(
            "after.json: journal prompt id '{dup}' is used twice"
        ));
    }
    if a.solo.journal_prompts.is_empty() {
        problems.push("after.json: no journal prompts".to_string());
    }
}

pub(super) fn after_citations(content: &Content) -> Vec<(String, &String)> {
    let a = &content.after;
    let mut cited: Vec<(String, &String)> = Vec::new();
    for d in &a.doors {
        cited.extend(d.sources.iter().map(|s| (format!("door '{}'", d.id), s)));
    }
    for st in &a.after_yes.steps {
        cited.extend(
            st.sources
                .iter()
                .map(|s| (format!("after_yes step '{}'", st.id), s)),
        );
    }
    cited.extend(
        a.repeated_no
            .sources
            .iter()
            .map(|s| ("repeated_no".to_string(), s)),
    );
    for st in &a.repeated_no.steps {
        cited.extend(
            st.sources
                .iter()
                .map(|s| (format!("plan step '{}'", st.id), s)),
        );
    }
    cited.extend(
        a.timeline
            .sources
            .iter()
            .map(|s| ("timeline".to_string(), s)),
    );
    for sec in &a.solo.sections {
        cited.extend(
            sec.sources
                .iter()
                .map(|s| (format!("solo section '{}'", sec.id), s)),
        );
    }
    for (id, b) in &a.solo.builders {
        cited.extend(b.sources.iter().map(|s| (format!("builder '{id}'"), s)));
    }
    for p in &a.solo.journal_prompts {
        cited.extend(
            p.sources
                .iter()
                .map(|s| (format!("journal prompt '{}'", p.id), s)),
        );
    }
    cited
}

/// Every text of `after.json`, with where it is.
pub(super) fn after_texts(a: &crate::content::after::After) -> Vec<(String, &str)> {
    let mut texts: Vec<(String, &str)> = vec![
        ("after log_intro".into(), &a.log_intro),
        ("after log_intro_noted".into(), &a.log_intro_noted),
        ("after after_yes heading".into(), &a.after_yes.heading),
        ("after doors_intro".into(), &a.doors_intro),
        ("after repeated_no intro".into(), &a.repeated_no.intro),
        (
            "after repeated_no boundary_prompt".into(),
            &a.repeated_no.boundary_prompt,
        ),
        (
            "after repeated_no boundary_pressed_note".into(),
            &a.repeated_no.boundary_pressed_note,
        ),
        (
            "after repeated_no boundary_suggestion".into(),
            &a.repeated_no.boundary_suggestion,
        ),
        (
            "after repeated_no leaving_warning".into(),
            &a.repeated_no.leaving_warning,
        ),
        ("after timeline intro".into(), &a.timeline.intro),
        (
            "after timeline intro_not_asking".into(),
            &a.timeline.intro_not_asking,
        ),
        ("after solo intro".into(), &a.solo.intro),
        ("after solo intro_safety".into(), &a.solo.intro_safety),
        ("after solo intro_self_harm".into(), &a.solo.intro_self_harm),
        ("after solo intro_own".into(), &a.solo.intro_own),
    ];
    for (id, t) in &a.answers {
        texts.push((format!("ask answer '{id}'"), t));
    }
    for st in &a.after_yes.steps {
        texts.push((format!("after_yes step '{}'", st.id), &st.text));
    }
    for (id, t) in &a.doors_gated {
        texts.push((format!("doors gated '{id}'"), t));
    }
    for d in &a.doors {
        for (name, t) in [
            ("name", &d.name),
            ("what", &d.what),
            ("suits", &d.suits),
            ("how", &d.how),
        ] {
            texts.push((format!("door '{}' {name}", d.id), t));
        }
    }
    for st in &a.repeated_no.steps {
        for (name, t) in [("title", &st.title), ("body", &st.body), ("why", &st.why)] {
            texts.push((format!("plan step '{}' {name}", st.id), t));
        }
    }
    for it in &a.timeline.movement {
        texts.push((format!("timeline '{}'", it.id), &it.text));
    }
    for (id, t) in &a.timeline.verdicts {
        texts.push((format!("timeline '{id}'"), t));
    }
    for sec in &a.solo.sections {
        texts.push((format!("solo section '{}' title", sec.id), &sec.title));
        texts.push((format!("solo section '{}' body", sec.id), &sec.body));
    }
    for (id, b) in &a.solo.builders {
        texts.push((format!("builder '{id}' title"), &b.title));
        texts.push((format!("builder '{id}' about"), &b.about));
        for (i, blank) in b.blanks.iter().enumerate() {
            texts.push((format!("builder '{id}' blank {i}"), blank));
        }
    }
    for p in &a.solo.journal_prompts {
        texts.push((format!("journal prompt '{}'", p.id), &p.text));
    }
    texts
}

/// What the door rules and the plan for repeated "no" need of the content: unique ids, one
/// door already asked about, one door for separation, doors for the ask log, one boundary step.
fn door_and_plan_rules(a: &After, problems: &mut Vec<String>) {
    for dup in duplicates(a.doors.iter().map(|d| d.id.as_str())) {
        problems.push(format!("after.json: door id '{dup}' is used twice"));
    }
    // Each step after a yes names doors that exist, and every door that can be logged
    // gets at least one step.
    for st in &a.after_yes.steps {
        for door in &st.doors {
            if !a.doors.iter().any(|d| d.id == *door) {
                problems.push(format!(
                    "after.json: after_yes step '{}' names no door '{door}'",
                    st.id
                ));
            }
        }
    }
    for d in a.doors.iter().filter(|d| d.in_ask_log) {
        if !a.after_yes.steps.iter().any(|st| st.fits(&d.id)) {
            problems.push(format!(
                "after.json: no after_yes step fits door '{}'",
                d.id
            ));
        }
    }
    // The door rules read these: one door already asked about (never a lower one), and a
    // door for separation, the one door on the path of a partner already leaving.
    for (shown, what) in [
        (DoorShown::Asked, "\"asked\" (the door already asked about)"),
        (DoorShown::Separation, "\"separation\""),
    ] {
        let n = a.doors.iter().filter(|d| d.shown == shown).count();
        if n != 1 {
            problems.push(format!(
                "after.json: exactly one door must be shown {what}, there are {n}"
            ));
        }
    }
    if !a.doors.iter().any(|d| d.in_ask_log) {
        problems.push("after.json: no door is offered in the ask log".to_string());
    }
    for dup in duplicates(a.repeated_no.steps.iter().map(|s| s.id.as_str())) {
        problems.push(format!(
            "after.json: repeated_no step '{dup}' is used twice"
        ));
    }
    let boundary: Vec<_> = a
        .repeated_no
        .steps
        .iter()
        .filter(|s| s.writes_boundary)
        .collect();
    if boundary.len() != 1 || boundary.iter().any(|s| s.kind != StepKind::Plan) {
        problems.push(
            "after.json: exactly one repeated_no step writes the boundary, and it is a plan step"
                .to_string(),
        );
    }
}
