//! One `validate()` for all content: runs at start-up and in `tests/content.rs`.

use super::{Content, QuestionKind, template};
use crate::core::{asklog, doors, plan, rehearsal, timeline, triage};
use std::collections::BTreeSet;
use std::fmt::Write as _;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ContentError {
    #[error("{file}: {message}")]
    Parse { file: &'static str, message: String },
    #[error("content has {} problem(s):\n{}", .0.len(), bullet_lines(.0))]
    Invalid(Vec<String>),
}

/// One "  - problem" line per problem, each ending in a newline.
fn bullet_lines(problems: &[String]) -> String {
    let mut lines = String::new();
    for p in problems {
        let _ = writeln!(lines, "  - {p}");
    }
    lines
}

fn duplicates<'a>(ids: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let mut seen = BTreeSet::new();
    ids.into_iter().filter(|id| !seen.insert(*id)).collect()
}

#[allow(clippy::too_many_lines)] // one list of rules reads best in one place
pub fn validate(content: &Content) -> Result<(), ContentError> {
    let mut problems = Vec::new();
    let q = &content.questionnaire;

    for (file, version) in [
        ("questions.json", q.format_version),
        ("steps.json", content.steps.format_version),
        ("copy.json", content.copy.format_version),
        ("sources.json", content.sources.format_version),
        ("resources.json", content.resources.format_version),
        ("rehearsal.json", content.rehearsal.format_version),
        ("after.json", content.after.format_version),
    ] {
        let reads = super::format_version(file);
        if version != reads {
            problems.push(format!(
                "{file}: format_version {version}, this build reads {reads}"
            ));
        }
    }

    // Ids are unique.
    for dup in duplicates(q.sections.iter().map(|s| s.id.as_str())) {
        problems.push(format!("section id '{dup}' is used twice"));
    }
    for dup in duplicates(q.questions.iter().map(|x| x.id.as_str())) {
        problems.push(format!("question id '{dup}' is used twice"));
    }
    for dup in duplicates(content.steps.steps.iter().map(|s| s.id.as_str())) {
        problems.push(format!("step id '{dup}' is used twice"));
    }
    for dup in duplicates(content.sources.sources.iter().map(|s| s.id.as_str())) {
        problems.push(format!("source id '{dup}' is used twice"));
    }

    // Questions: known section, in section order, enough options, unique keys.
    let section_index = |id: &str| q.sections.iter().position(|s| s.id == id);
    let mut last_section = 0;
    for question in &q.questions {
        match section_index(&question.section) {
            None => problems.push(format!(
                "question '{}' names section '{}', which does not exist",
                question.id, question.section
            )),
            Some(i) if i < last_section => problems.push(format!(
                "question '{}' is out of section order (section '{}' came earlier)",
                question.id, question.section
            )),
            Some(i) => last_section = i,
        }
        if question.options.len() < 2 {
            problems.push(format!(
                "question '{}' has fewer than two options",
                question.id
            ));
        }
        // Comparing two check-ins names each question by its short name.
        match &question.short {
            None => problems.push(format!("question '{}' has no short name", question.id)),
            Some(short) if short.split_whitespace().count() > 4 => problems.push(format!(
                "question '{}': short name '{short}' is more than four words",
                question.id
            )),
            Some(_) => {}
        }
        for dup in duplicates(question.options.iter().map(|o| o.key.as_str())) {
            problems.push(format!(
                "question '{}': option key '{dup}' is used twice",
                question.id
            ));
        }
        if question.kind == QuestionKind::Single && question.options.iter().any(|o| o.exclusive) {
            problems.push(format!(
                "question '{}': 'exclusive' only makes sense in a multi question",
                question.id
            ));
        }
    }
    for section in &q.sections {
        if !q.questions.iter().any(|x| x.section == section.id) {
            problems.push(format!("section '{}' has no questions", section.id));
        }
    }

    // The questions the triage reads are there, with the option keys it reads.
    for (id, keys) in triage::REQUIRED_QUESTIONS {
        match content.question(id) {
            None => problems.push(format!(
                "the triage needs question '{id}', which is missing"
            )),
            Some(question) => {
                if question.kind != QuestionKind::Single {
                    problems.push(format!(
                        "the triage needs '{id}' to be a single-choice question"
                    ));
                }
                let have: BTreeSet<&str> =
                    question.options.iter().map(|o| o.key.as_str()).collect();
                let want: BTreeSet<&str> = keys.iter().copied().collect();
                if have != want {
                    problems.push(format!(
                        "question '{id}' must have exactly the options {want:?}, it has {have:?}"
                    ));
                }
            }
        }
    }
    if let (Some(first_safety), Some(first)) = (
        q.questions
            .iter()
            .position(|x| x.section == triage::SAFETY_SECTION),
        q.questions.first(),
    ) && first.section != triage::SAFETY_SECTION
    {
        problems.push(format!(
            "the safety check must come first; question {first_safety} is its first"
        ));
    }

    // Every tag a rule mentions can be produced.
    let known: BTreeSet<&str> = content
        .option_tags()
        .into_iter()
        .chain(plan::DERIVED_TAGS.iter().copied())
        .collect();
    for step in &content.steps.steps {
        for tag in step.when.tags() {
            if !known.contains(tag.as_str()) {
                problems.push(format!(
                    "step '{}' mentions tag '{tag}', which no answer or outcome produces",
                    step.id
                ));
            }
        }
        if step.when.all.is_empty() && step.when.any.is_empty() {
            problems.push(format!(
                "step '{}' has no 'all' or 'any' condition",
                step.id
            ));
        }
    }
    problems.extend(step_rules(content, &known));

    // Every outcome has advice.
    for outcome in triage::OutcomeKind::ALL {
        let tag = outcome.tag();
        if !content
            .steps
            .steps
            .iter()
            .any(|s| s.when.all.iter().chain(&s.when.any).any(|t| t == tag))
        {
            problems.push(format!("no step applies to outcome '{}'", outcome.id()));
        }
    }

    // Every gate reason and route has its own advice, so no content edit can silently drop
    // the crisis lines or a screen-out's route.
    for reason in triage::Reason::ALL {
        let tag = reason.tag();
        if !content
            .steps
            .steps
            .iter()
            .any(|s| s.when.all.iter().chain(&s.when.any).any(|t| t == tag))
        {
            problems.push(format!("no step applies to route '{tag}'"));
        }
    }

    // Copy covers every outcome, signal and reason the core can produce.
    for outcome in triage::OutcomeKind::ALL {
        if !content.copy.outcomes.contains_key(outcome.id()) {
            problems.push(format!("copy.json: outcome '{}' has no text", outcome.id()));
        }
    }
    for path in crate::core::gate::Path::ALL {
        if !content.copy.paths.contains_key(path.id()) {
            problems.push(format!("copy.json: path '{}' has no text", path.id()));
        }
    }
    for signal in triage::Signal::ALL {
        if !content.copy.signals.contains_key(signal.id()) {
            problems.push(format!("copy.json: signal '{}' has no text", signal.id()));
        }
    }
    for reason in triage::Reason::ALL {
        if !content.copy.reasons.contains_key(reason.id()) {
            problems.push(format!("copy.json: reason '{}' has no text", reason.id()));
        }
    }

    // The rehearsal: the eight steps in order, the replies the code knows with the paths the
    // code gives them, an example for everyone at every step, and both gate texts.
    let r = &content.rehearsal;
    let step_ids: Vec<&str> = r.steps.iter().map(|s| s.id.as_str()).collect();
    if step_ids != rehearsal::STEP_IDS {
        problems.push(format!(
            "rehearsal.json: steps must be {:?} in that order, they are {step_ids:?}",
            rehearsal::STEP_IDS
        ));
    }
    for step in &r.steps {
        if !step
            .examples
            .iter()
            .any(|e| e.when.all.is_empty() && e.when.any.is_empty() && e.when.none.is_empty())
        {
            problems.push(format!(
                "rehearsal step '{}' needs at least one example without a condition",
                step.id
            ));
        }
        for example in &step.examples {
            for tag in example.when.tags() {
                if !known.contains(tag.as_str()) {
                    problems.push(format!(
                        "rehearsal step '{}' example mentions tag '{tag}', which nothing produces",
                        step.id
                    ));
                }
            }
        }
    }
    let reply_ids: BTreeSet<&str> = r.replies.iter().map(|x| x.id.as_str()).collect();
    let want_replies: BTreeSet<&str> = rehearsal::REPLIES.iter().map(|(id, _)| *id).collect();
    if reply_ids != want_replies || reply_ids.len() != r.replies.len() {
        problems.push(format!(
            "rehearsal.json: replies must be exactly {want_replies:?}, they are {reply_ids:?}"
        ));
    }
    for reply in &r.replies {
        if reply.switch != rehearsal::reply_switch(&reply.id) {
            problems.push(format!(
                "rehearsal reply '{}' must switch to {:?}",
                reply.id,
                rehearsal::reply_switch(&reply.id)
            ));
        }
    }
    for key in ["safety", "safety_since", "other_first"] {
        if !r.gated.contains_key(key) {
            problems.push(format!("rehearsal.json: gated text '{key}' is missing"));
        }
    }

    validate_after(content, &mut problems);

    // Sources exist.
    let source_ids: BTreeSet<&str> = content
        .sources
        .sources
        .iter()
        .map(|s| s.id.as_str())
        .collect();
    let mut cited: Vec<(String, &String)> = Vec::new();
    for question in &q.questions {
        for option in &question.options {
            for s in &option.sources {
                cited.push((
                    format!("question '{}' option '{}'", question.id, option.key),
                    s,
                ));
            }
        }
    }
    for step in &content.steps.steps {
        for s in &step.sources {
            cited.push((format!("step '{}'", step.id), s));
        }
    }
    for (id, outcome) in content.copy.outcomes.iter().chain(&content.copy.paths) {
        for s in &outcome.sources {
            cited.push((format!("outcome '{id}'"), s));
        }
    }
    for (id, reason) in &content.copy.reasons {
        for s in &reason.sources {
            cited.push((format!("reason '{id}'"), s));
        }
    }
    for step in &r.steps {
        for s in &step.sources {
            cited.push((format!("rehearsal step '{}'", step.id), s));
        }
    }
    for reply in &r.replies {
        for s in &reply.sources {
            cited.push((format!("rehearsal reply '{}'", reply.id), s));
        }
    }
    for s in &r.readiness.sources {
        cited.push(("rehearsal readiness".to_string(), s));
    }
    cited.extend(after_citations(content));
    for (place, source) in cited {
        if !source_ids.contains(source.as_str()) {
            problems.push(format!(
                "{place} cites source '{source}', which is not in sources.json"
            ));
        }
    }

    // Resources: every entry can be reached and says where its number comes from.
    if content.resources.regions.is_empty() {
        problems.push("resources.json has no regions".to_string());
    }
    problems.extend(super::resources::problems(&content.resources));

    // Solo texts written for paths name real paths.
    let path_ids: BTreeSet<&str> = crate::core::gate::Path::ALL
        .iter()
        .map(|p| p.id())
        .collect();
    let solo = &content.after.solo;
    for (what, id, paths) in solo
        .sections
        .iter()
        .map(|s| ("solo section", &s.id, &s.paths))
        .chain(
            solo.journal_prompts
                .iter()
                .map(|p| ("journal prompt", &p.id, &p.paths)),
        )
    {
        for p in paths.iter().filter(|p| !path_ids.contains(p.as_str())) {
            problems.push(format!(
                "after.json: {what} '{id}' names path '{p}', which is no path"
            ));
        }
    }

    // Every source says who, and (for research) when, so a claim can be weighed.
    for s in &content.sources.sources {
        if s.authors.trim().is_empty() || s.authors.contains("TO BE IDENTIFIED") {
            problems.push(format!("sources.json: '{}' names no authors", s.id));
        }
        if s.kind.needs_year() && s.year.is_none() {
            problems.push(format!(
                "sources.json: '{}' is {}, and needs its year",
                s.id,
                s.kind.describe()
            ));
        }
    }

    // Every text renders: placeholders known, braces balanced.
    for (place, text) in all_texts(content) {
        if let Err(e) = template::check(text) {
            problems.push(format!("{place}: {e}"));
        }
        if text.trim().is_empty() {
            problems.push(format!("{place}: empty text"));
        }
    }

    if problems.is_empty() {
        Ok(())
    } else {
        Err(ContentError::Invalid(problems))
    }
}

/// Every user-facing text in the content, with where it is, for checks and pronoun tests.
pub fn all_texts(content: &Content) -> Vec<(String, &str)> {
    let mut texts: Vec<(String, &str)> = Vec::new();
    let q = &content.questionnaire;
    for s in &q.sections {
        texts.push((format!("section '{}' title", s.id), &s.title));
        texts.push((format!("section '{}' intro", s.id), &s.intro));
    }
    for question in &q.questions {
        texts.push((format!("question '{}'", question.id), &question.text));
        if let Some(short) = &question.short {
            texts.push((format!("question '{}' short", question.id), short));
        }
        if let Some(help) = &question.help {
            texts.push((format!("question '{}' help", question.id), help));
        }
        for o in &question.options {
            texts.push((
                format!("question '{}' option '{}'", question.id, o.key),
                &o.label,
            ));
            if let Some(why) = &o.why {
                texts.push((
                    format!("question '{}' option '{}' why", question.id, o.key),
                    why,
                ));
            }
        }
    }
    for s in &content.steps.steps {
        texts.push((format!("step '{}' title", s.id), &s.title));
        texts.push((format!("step '{}' body", s.id), &s.body));
        texts.push((format!("step '{}' basis", s.id), &s.basis));
    }
    let c = &content.copy;
    texts.push(("welcome title".into(), &c.welcome.title));
    for (i, p) in c.welcome.paragraphs.iter().enumerate() {
        texts.push((format!("welcome paragraph {i}"), p));
    }
    texts.push(("welcome device warning".into(), &c.welcome.device_warning));
    texts.push(("welcome traces".into(), &c.welcome.traces));
    texts.push(("disclaimer".into(), &c.disclaimer));
    texts.push(("not_validated".into(), &c.not_validated));
    for (id, o) in c.outcomes.iter().chain(&c.paths) {
        texts.push((format!("outcome '{id}' title"), &o.title));
        texts.push((format!("outcome '{id}' summary"), &o.summary));
        texts.push((format!("outcome '{id}' basis"), &o.basis));
    }
    texts.push(("not_validated_abuse".into(), &c.not_validated_abuse));
    texts.push(("red_flag_beside".into(), &c.red_flag_beside));
    texts.push(("asked_many_summary".into(), &c.asked_many_summary));
    for (id, s) in &c.signals {
        texts.push((format!("signal '{id}' name"), &s.name));
        texts.push((format!("signal '{id}' reachable"), &s.reachable));
        texts.push((format!("signal '{id}' red_flag"), &s.red_flag));
        texts.push((format!("signal '{id}' mixed"), &s.mixed));
    }
    for (id, r) in &c.reasons {
        texts.push((format!("reason '{id}' title"), &r.title));
        texts.push((format!("reason '{id}' text"), &r.text));
    }
    for (tag, words) in &content.steps.conditions {
        if let Some(phrase) = &words.phrase {
            texts.push((format!("condition '{tag}' phrase"), phrase));
        }
    }
    texts.push(("resources intro".into(), &content.resources.intro));
    texts.extend(rehearsal_texts(&content.rehearsal));
    texts.extend(after_texts(&content.after));
    texts
}

/// Every user-facing text of `rehearsal.json`, with where it is.
fn rehearsal_texts(r: &crate::content::rehearsal::Rehearsal) -> Vec<(String, &str)> {
    let mut texts: Vec<(String, &str)> = [
        ("intro", &r.intro),
        ("recheck_intro", &r.recheck_intro),
        ("recheck_after_delete", &r.recheck_after_delete),
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
    ] {
        texts.push((format!("rehearsal readiness {name}"), text));
    }
    texts.push(("rehearsal letter about".into(), &r.letter.about));
    texts.push(("rehearsal letter opening".into(), &r.letter.opening));
    texts.push(("rehearsal letter closing".into(), &r.letter.closing));
    texts
}

/// `after.json` holds exactly what the code asks for: a label for every ask answer, every
/// door, every step of the repeated-no plan, every movement item and verdict, both builders.
fn validate_after(content: &Content, problems: &mut Vec<String>) {
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
    for dup in duplicates(a.doors.iter().map(|d| d.id.as_str())) {
        problems.push(format!("after.json: door id '{dup}' is used twice"));
    }
    want(
        "doors",
        a.doors.iter().map(|d| d.id.as_str()).collect(),
        doors::DOOR_IDS.into_iter().collect(),
        problems,
    );
    let plan_ids: Vec<&str> = a.repeated_no.steps.iter().map(|s| s.id.as_str()).collect();
    let want_plan: Vec<&str> = asklog::PLAN_STEPS.iter().map(|(id, _)| *id).collect();
    if plan_ids != want_plan {
        problems.push(format!(
            "after.json: repeated_no steps must be {want_plan:?} in that order, they are {plan_ids:?}"
        ));
    }
    want(
        "timeline movement",
        a.timeline.movement.keys().map(String::as_str).collect(),
        timeline::MOVEMENT_IDS.into_iter().collect(),
        problems,
    );
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

fn after_citations(content: &Content) -> Vec<(String, &String)> {
    let a = &content.after;
    let mut cited: Vec<(String, &String)> = Vec::new();
    for d in &a.doors {
        cited.extend(d.sources.iter().map(|s| (format!("door '{}'", d.id), s)));
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
fn after_texts(a: &super::after::After) -> Vec<(String, &str)> {
    let mut texts: Vec<(String, &str)> = vec![
        ("after log_intro".into(), &a.log_intro),
        ("after doors_intro".into(), &a.doors_intro),
        ("after repeated_no intro".into(), &a.repeated_no.intro),
        (
            "after repeated_no boundary_prompt".into(),
            &a.repeated_no.boundary_prompt,
        ),
        (
            "after repeated_no leaving_warning".into(),
            &a.repeated_no.leaving_warning,
        ),
        ("after timeline intro".into(), &a.timeline.intro),
        ("after solo intro".into(), &a.solo.intro),
        ("after solo intro_safety".into(), &a.solo.intro_safety),
        ("after solo intro_self_harm".into(), &a.solo.intro_self_harm),
        ("after solo intro_own".into(), &a.solo.intro_own),
    ];
    for (id, t) in &a.answers {
        texts.push((format!("ask answer '{id}'"), t));
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
    for (id, t) in a.timeline.movement.iter().chain(&a.timeline.verdicts) {
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

/// The plan's rules: every condition a step names has its words (so a why-line can only
/// cite what held), exclusions and ordering name real steps, "before" agrees with the order
/// steps are shown in, the cap is a plan a person can follow, and a step's basis makes no
/// claim about the user (that is the conditions' job).
fn step_rules(content: &Content, known: &BTreeSet<&str>) -> Vec<String> {
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
