//! One `validate()` for all content, against itself and against what the code reads (the
//! triage's questions, outcomes and reasons, the tags the core derives, the gate's texts).
//! Runs in `tests/it/content.rs` over the built-in content ([`embedded`]), so that start-up
//! need not: the app reads each file when it is first used. It sits above `content` and
//! `core`, so that neither of those imports the other's rules: `core` reads `content`, and
//! `content` reads nothing of ours.

use crate::content::rehearsal::ReplySwitch;
use crate::content::{Content, ContentError, EMBEDDED, QuestionKind, template};
use crate::core::{plan, triage};
use std::collections::BTreeSet;

mod after;
mod steps;

use after::{after_citations, after_texts, rehearsal_texts, validate_after};
use steps::step_rules;

/// Parses the content embedded in this build and checks it: what the tests check, so that
/// start-up need not.
pub fn embedded() -> Result<Content, ContentError> {
    from_texts(&EMBEDDED)
}

/// Parses content from JSON texts named as in [`EMBEDDED`] and checks it (tests use this with
/// broken fixtures).
pub fn from_texts(texts: &[(&str, &str)]) -> Result<Content, ContentError> {
    let content = Content::from_texts(texts)?;
    validate(&content)?;
    Ok(content)
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
        let reads = crate::content::format_version(file);
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
    for step in &content.after.repeated_no.steps {
        for tag in step.when.iter().flat_map(crate::content::Condition::tags) {
            if !known.contains(tag.as_str()) {
                problems.push(format!(
                    "after.json: repeated_no step '{}' mentions tag '{tag}', which nothing produces",
                    step.id
                ));
            }
        }
    }

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

    // The rehearsal: its steps (content owns their ids and order), the replies with the path
    // each switches to, an example for everyone at every step, and both gate texts.
    let r = &content.rehearsal;
    if r.steps.is_empty() {
        problems.push("rehearsal.json: the rehearsal needs at least one step".to_string());
    }
    for dup in duplicates(r.steps.iter().map(|s| s.id.as_str())) {
        problems.push(format!("rehearsal.json: step id '{dup}' is used twice"));
    }
    for step in &r.steps {
        // The letter's page names what a line left out of it was for.
        if step.in_script && !step.in_letter && step.line_for.is_none() {
            problems.push(format!(
                "rehearsal step '{}' stays out of the letter and needs a line_for",
                step.id
            ));
        }
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
    for dup in duplicates(r.replies.iter().map(|x| x.id.as_str())) {
        problems.push(format!("rehearsal.json: reply id '{dup}' is used twice"));
    }
    // A practised threat must end the practice on the safety path, and mockery on the red-flag
    // path: the content says which replies those are, and there must be one of each.
    for (switch, what) in [
        (ReplySwitch::Safety, "a threat"),
        (ReplySwitch::RedFlag, "mockery or contempt"),
    ] {
        if !r.replies.iter().any(|x| x.switch == switch) {
            problems.push(format!(
                "rehearsal.json: no reply switches to {switch:?}; {what} must end the practice"
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
    problems.extend(crate::content::resources::problems(&content.resources));

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

    // Every text renders: placeholders known, braces balanced. A source's names are shown as
    // written, so they may hold only the key placeholders every text may hold.
    for s in &content.sources.sources {
        for (what, text) in [("short", &s.short), ("full", &s.full)] {
            if let Err(e) = template::check(text) {
                problems.push(format!("sources.json: '{}' {what}: {e}", s.id));
            }
        }
    }
    validate_keys(content, &mut problems);
    // The home labels have two placeholders of their own, filled by the menu. Read through
    // serde, so that every field is checked without a second list of them.
    let home = serde_json::to_value(&content.copy.home).unwrap_or_default();
    for (key, text) in home.as_object().into_iter().flatten() {
        let text = text.as_str().unwrap_or_default();
        let filled = crate::content::fill_menu(text, 1, "a place");
        if let Err(e) = template::check(&filled) {
            problems.push(format!("copy.json: home '{key}': {e}"));
        }
        if text.trim().is_empty() {
            problems.push(format!("copy.json: home '{key}': empty text"));
        }
    }
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
        if let Some(help) = &question.help_after_yes {
            texts.push((format!("question '{}' help_after_yes", question.id), help));
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
        if let Some(since) = &o.since_summary {
            texts.push((format!("outcome '{id}' since_summary"), since));
        }
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
        if let Some(since) = &r.since_text {
            texts.push((format!("reason '{id}' since_text"), since));
        }
        texts.push((format!("reason '{id}' title"), &r.title));
        texts.push((format!("reason '{id}' text"), &r.text));
    }
    for (tag, words) in &content.steps.conditions {
        if let Some(phrase) = &words.phrase {
            texts.push((format!("condition '{tag}' phrase"), phrase));
        }
    }
    texts.push(("resources intro".into(), &content.resources.intro));
    texts.push(("resources about".into(), &content.resources.about));
    texts.extend(rehearsal_texts(&content.rehearsal));
    texts.extend(after_texts(&content.after));
    texts
}

/// A key is named by each face in its own words (`copy.json` "keys"), never in a text: a text
/// that says "Ctrl-G" would say it in plain mode and in an exported file too, where no key
/// works. Each face's words must be there, and be words, not placeholders.
fn validate_keys(content: &Content, problems: &mut Vec<String>) {
    for face in template::Face::ALL {
        for (name, word) in content.copy.keys.of(face).all() {
            let place = format!("copy.json: keys {} {name}", face.id());
            if word.trim().is_empty() {
                problems.push(format!("{place}: empty text"));
            }
            if word.contains(['{', '}']) {
                problems.push(format!("{place}: a key's words can't hold a placeholder"));
            }
            if face != template::Face::Screen && word.contains(KEY_NAME) {
                problems.push(format!(
                    "{place}: '{word}' names a key, and no key works in this face"
                ));
            }
        }
    }
    // Only a file whose text names a key is read as JSON, to say where.
    for (file, text) in content.raw().files() {
        if !text.contains(KEY_NAME) {
            continue;
        }
        let Ok(value) = serde_json::from_str::<serde_json::Value>(text) else {
            continue; // parsing it into content already reported the mistake
        };
        let mut strings = Vec::new();
        for (key, item) in value.as_object().into_iter().flatten() {
            if file == "copy.json" && key == "keys" {
                continue;
            }
            strings_containing(item, KEY_NAME, format!("{file}: {key}"), &mut strings);
        }
        for (place, _) in strings {
            problems.push(format!(
                "{place}: names a key (\"{KEY_NAME}…\"); write {{crisis_key}}, \
                 {{crisis_lister}} or {{crisis_action}}, which each face fills with its \
                 own words"
            ));
        }
    }
}

/// How a key is named that a text must not name itself: "Ctrl-G", "Ctrl-Q".
const KEY_NAME: &str = "Ctrl-";

/// Every string in a JSON value that contains `needle`, with its path
/// (`steps.json: steps['self_harm_now'].body`): an item of a list by its id where it has one.
/// A path is only worded for a part that holds a match.
fn strings_containing<'a>(
    value: &'a serde_json::Value,
    needle: &str,
    place: String,
    out: &mut Vec<(String, &'a str)>,
) {
    fn holds(value: &serde_json::Value, needle: &str) -> bool {
        match value {
            serde_json::Value::String(text) => text.contains(needle),
            serde_json::Value::Array(items) => items.iter().any(|v| holds(v, needle)),
            serde_json::Value::Object(map) => map.values().any(|v| holds(v, needle)),
            _ => false,
        }
    }
    if !holds(value, needle) {
        return;
    }
    match value {
        serde_json::Value::String(text) => out.push((place, text)),
        serde_json::Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let at = item
                    .get("id")
                    .and_then(serde_json::Value::as_str)
                    .map_or_else(|| i.to_string(), |id| format!("'{id}'"));
                strings_containing(item, needle, format!("{place}[{at}]"), out);
            }
        }
        serde_json::Value::Object(map) => {
            for (key, item) in map {
                strings_containing(item, needle, format!("{place}.{key}"), out);
            }
        }
        _ => {}
    }
}
