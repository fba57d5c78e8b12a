//! The embedded content validates, and every validation rule rejects a bad fixture.
//!
//! Each fixture starts from the real embedded JSON (`overture::content::EMBEDDED`), changes one
//! thing with `serde_json::Value`, and checks that `validate::from_texts` names the problem.

use overture::content::{Content, ContentError, EMBEDDED, Pronouns, StepKind, Voice, render};
use overture::core::flow::{Current, Flow};
use overture::core::triage::{self, OutcomeKind};
use overture::core::{Answers, plan};
use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet};

fn content() -> Content {
    Content::embedded().unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn embedded_content_is_valid() {
    if let Err(e) = overture::validate::embedded() {
        panic!("{e}");
    }
}

// ------------------------------------------------------------------------------------------
// Fixture plumbing

/// The content files as JSON values, ready to be broken.
struct Files {
    questions: Value,
    steps: Value,
    copy: Value,
    sources: Value,
    resources: Value,
    rehearsal: Value,
    after: Value,
}

fn embedded(name: &str) -> Value {
    let (_, text) = EMBEDDED
        .iter()
        .find(|(file, _)| *file == name)
        .unwrap_or_else(|| panic!("{name} is not embedded"));
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn files() -> Files {
    Files {
        questions: embedded("questions.json"),
        steps: embedded("steps.json"),
        copy: embedded("copy.json"),
        sources: embedded("sources.json"),
        resources: embedded("resources.json"),
        rehearsal: embedded("rehearsal.json"),
        after: embedded("after.json"),
    }
}

/// Every problem reported after `mutate`; panics if the broken content still loads.
fn problems_after(mutate: impl FnOnce(&mut Files)) -> Vec<String> {
    let mut f = files();
    mutate(&mut f);
    let texts = [
        ("questions.json", f.questions.to_string()),
        ("steps.json", f.steps.to_string()),
        ("copy.json", f.copy.to_string()),
        ("sources.json", f.sources.to_string()),
        ("resources.json", f.resources.to_string()),
        ("rehearsal.json", f.rehearsal.to_string()),
        ("after.json", f.after.to_string()),
    ];
    let borrowed: Vec<(&str, &str)> = texts.iter().map(|(n, t)| (*n, t.as_str())).collect();
    let result = overture::validate::from_texts(&borrowed);
    match result {
        Ok(_) => panic!("the broken content was accepted"),
        Err(ContentError::Invalid(problems)) => problems,
        Err(ContentError::Parse { file, message }) => vec![format!("{file}: {message}")],
    }
}

#[track_caller]
fn assert_rejected(expected: &str, mutate: impl FnOnce(&mut Files)) {
    let problems = problems_after(mutate);
    assert!(
        problems.iter().any(|p| p.contains(expected)),
        "expected a problem containing {expected:?}, got:\n{}",
        problems.join("\n")
    );
}

fn array<'a>(value: &'a mut Value, key: &str) -> &'a mut Vec<Value> {
    value[key]
        .as_array_mut()
        .unwrap_or_else(|| panic!("'{key}' is not an array"))
}

fn by_id<'a>(list: &'a mut [Value], id: &str) -> &'a mut Value {
    list.iter_mut()
        .find(|v| v["id"] == id)
        .unwrap_or_else(|| panic!("no item '{id}'"))
}

fn question<'a>(f: &'a mut Files, id: &str) -> &'a mut Value {
    by_id(array(&mut f.questions, "questions"), id)
}

fn step<'a>(f: &'a mut Files, id: &str) -> &'a mut Value {
    by_id(array(&mut f.steps, "steps"), id)
}

fn option<'a>(f: &'a mut Files, question_id: &str, index: usize) -> &'a mut Value {
    &mut array(question(f, question_id), "options")[index]
}

// ------------------------------------------------------------------------------------------
// One bad fixture per rule in `validate.rs`

#[test]
fn rejects_a_wrong_format_version() {
    assert_rejected("steps.json: format_version 3, this build reads 2", |f| {
        f.steps["format_version"] = json!(3);
    });
    assert_rejected("copy.json: format_version 2, this build reads 1", |f| {
        f.copy["format_version"] = json!(2);
    });
    assert_rejected("resources.json: format_version 0", |f| {
        f.resources["format_version"] = json!(0);
    });
}

#[test]
fn rejects_a_duplicate_section_id() {
    assert_rejected("section id 'safety' is used twice", |f| {
        let first = f.questions["sections"][0].clone();
        array(&mut f.questions, "sections").push(first);
    });
}

#[test]
fn rejects_a_duplicate_question_id() {
    assert_rejected("question id 'kids' is used twice", |f| {
        question(f, "money")["id"] = json!("kids");
    });
}

#[test]
fn rejects_a_duplicate_step_id() {
    assert_rejected("step id 'plan_review' is used twice", |f| {
        step(f, "solo_timeline")["id"] = json!("plan_review");
    });
}

#[test]
fn rejects_a_duplicate_source_id() {
    assert_rejected("source id 'seed003' is used twice", |f| {
        let first = f.sources["sources"]
            .as_array()
            .and_then(|s| s.iter().find(|s| s["id"] == "seed003"))
            .cloned()
            .expect("seed003");
        array(&mut f.sources, "sources").push(first);
    });
}

#[test]
fn rejects_a_question_in_an_unknown_section() {
    assert_rejected(
        "question 'duration' names section 'nowhere', which does not exist",
        |f| {
            question(f, "duration")["section"] = json!("nowhere");
        },
    );
}

#[test]
fn rejects_questions_out_of_section_order() {
    // "kids" sits among the context questions; moving it back to "signals" breaks the order.
    assert_rejected("question 'kids' is out of section order", |f| {
        question(f, "kids")["section"] = json!("signals");
    });
}

#[test]
fn rejects_a_question_with_one_option() {
    assert_rejected("question 'kids' has fewer than two options", |f| {
        array(question(f, "kids"), "options").truncate(1);
    });
}

#[test]
fn rejects_a_duplicate_option_key() {
    assert_rejected("question 'money': option key 'yes' is used twice", |f| {
        option(f, "money", 1)["key"] = json!("yes");
    });
}

#[test]
fn rejects_exclusive_in_a_single_choice_question() {
    assert_rejected(
        "question 'duration': 'exclusive' only makes sense in a multi question",
        |f| {
            option(f, "duration", 0)["exclusive"] = json!(true);
        },
    );
}

#[test]
fn rejects_a_section_without_questions() {
    assert_rejected("section 'extra' has no questions", |f| {
        array(&mut f.questions, "sections").push(json!({
            "id": "extra",
            "title": "Extra",
            "intro": "Nothing here."
        }));
    });
}

#[test]
fn rejects_a_missing_triage_question() {
    assert_rejected(
        "the triage needs question 'sig_calm', which is missing",
        |f| {
            array(&mut f.questions, "questions").retain(|q| q["id"] != "sig_calm");
        },
    );
}

#[test]
fn rejects_a_triage_question_that_is_not_single_choice() {
    assert_rejected(
        "the triage needs 'sig_no' to be a single-choice question",
        |f| {
            question(f, "sig_no")["kind"] = json!("multi");
        },
    );
}

#[test]
fn rejects_triage_option_keys_that_differ() {
    assert_rejected(
        "question 'safety_afraid' must have exactly the options",
        |f| {
            option(f, "safety_afraid", 1)["key"] = json!("unsure");
        },
    );
    // A missing "not sure" would quietly weaken the gate.
    assert_rejected("question 'self_harm' must have exactly the options", |f| {
        array(question(f, "self_harm"), "options").retain(|o| o["key"] != "not_sure");
    });
}

#[test]
fn rejects_a_questionnaire_that_does_not_start_with_safety() {
    assert_rejected("the safety check must come first", |f| {
        let questions = array(&mut f.questions, "questions");
        let at = questions
            .iter()
            .position(|q| q["id"] == "screen_affair")
            .expect("screen_affair");
        let moved = questions.remove(at);
        questions.insert(0, moved);
    });
}

#[test]
fn rejects_a_step_tag_nothing_produces() {
    assert_rejected(
        "step 'inv_cost' mentions tag 'money_tight', which no answer or outcome produces",
        |f| {
            array(&mut step(f, "inv_cost")["when"], "any").push(json!("money_tight"));
        },
    );
}

#[test]
fn rejects_a_step_without_all_or_any() {
    assert_rejected("step 'solo_kids' has no 'all' or 'any' condition", |f| {
        step(f, "solo_kids")["when"] = json!({ "none": ["outcome_not_first_step"] });
    });
}

#[test]
fn rejects_an_outcome_without_steps() {
    assert_rejected("no step applies to outcome 'not_yet_clear'", |f| {
        for s in array(&mut f.steps, "steps") {
            for key in ["all", "any"] {
                if let Some(tags) = s["when"].get_mut(key).and_then(Value::as_array_mut) {
                    tags.retain(|t| t != "outcome_not_yet_clear");
                }
            }
        }
    });
}

#[test]
fn rejects_a_gate_reason_without_steps() {
    // Dropping every self-harm step (the crisis lines) must fail validation.
    assert_rejected("no step applies to route 'gate_self_harm'", |f| {
        array(&mut f.steps, "steps").retain(|s| {
            !["all", "any"].iter().any(|key| {
                s["when"]
                    .get(*key)
                    .and_then(Value::as_array)
                    .is_some_and(|tags| tags.iter().any(|t| t == "gate_self_harm"))
            })
        });
    });
}

#[test]
fn rejects_copy_without_an_outcome() {
    assert_rejected("copy.json: outcome 'red_flag' has no text", |f| {
        f.copy["outcomes"]
            .as_object_mut()
            .expect("outcomes")
            .remove("red_flag");
    });
}

#[test]
fn rejects_copy_without_a_signal() {
    assert_rejected("copy.json: signal 'calm' has no text", |f| {
        f.copy["signals"]
            .as_object_mut()
            .expect("signals")
            .remove("calm");
    });
}

#[test]
fn rejects_copy_without_a_reason() {
    assert_rejected("copy.json: reason 'gone' has no text", |f| {
        f.copy["reasons"]
            .as_object_mut()
            .expect("reasons")
            .remove("gone");
    });
}

#[test]
fn rejects_a_citation_of_an_unknown_source() {
    let unknown = "cites source 'nope', which is not in sources.json";
    assert_rejected(
        &format!("question 'sig_no' option 'reason' {unknown}"),
        |f| {
            array(option(f, "sig_no", 0), "sources").push(json!("nope"));
        },
    );
    assert_rejected(&format!("step 'safety_plan' {unknown}"), |f| {
        array(step(f, "safety_plan"), "sources").push(json!("nope"));
    });
    assert_rejected(&format!("outcome 'reachable' {unknown}"), |f| {
        array(&mut f.copy["outcomes"]["reachable"], "sources").push(json!("nope"));
    });
    assert_rejected(&format!("reason 'affair' {unknown}"), |f| {
        array(&mut f.copy["reasons"]["affair"], "sources").push(json!("nope"));
    });
}

#[test]
fn rejects_resources_without_regions() {
    assert_rejected("resources.json has no regions", |f| {
        f.resources["regions"] = json!([]);
    });
}

#[test]
fn rejects_a_resource_without_contact_or_source() {
    let entry = |f: &mut Files, region: &str, id: &str| -> Value {
        let r = by_id(array(&mut f.resources, "regions"), region);
        array(r, "entries")
            .iter()
            .find(|e| e["id"] == id)
            .cloned()
            .expect(id)
    };
    let set = |f: &mut Files, region: &str, id: &str, key: &str, value: Value| {
        let r = by_id(array(&mut f.resources, "regions"), region);
        let e = array(r, "entries")
            .iter_mut()
            .find(|e| e["id"] == id)
            .expect(id);
        e[key] = value;
    };
    assert_rejected(
        "region 'au': entry 'au_lifeline' has no way to reach it",
        |f| set(f, "au", "au_lifeline", "contact", json!([])),
    );
    assert_rejected(
        "region 'us': entry 'us_rainn' needs an https source address",
        |f| {
            set(
                f,
                "us",
                "us_rainn",
                "source_url",
                json!("http://rainn.org/"),
            );
        },
    );
    assert_rejected(
        "region 'us': entry 'us_rainn' needs whose page it was checked on",
        |f| set(f, "us", "us_rainn", "source_owner", json!("  ")),
    );
    assert_rejected(
        "region 'uk': entry 'uk_samaritans' checked date 'last week' is not YYYY-MM-DD",
        |f| set(f, "uk", "uk_samaritans", "checked", json!("last week")),
    );
    // A region must reach someone in danger and someone thinking of self-harm.
    assert_rejected("region 'nz': has no self-harm line", |f| {
        let line = entry(f, "nz", "nz_1737");
        let r = by_id(array(&mut f.resources, "regions"), "nz");
        array(r, "entries").retain(|e| e["id"] != line["id"]);
    });
    assert_rejected("region 'ie': has no emergency number to call", |f| {
        let r = by_id(array(&mut f.resources, "regions"), "ie");
        array(r, "entries").retain(|e| e["id"] != "ie_112");
    });
    // Where no line serves men, the region says so rather than staying silent.
    assert_rejected(
        "region 'ie': has no 'abuse_men' line and no note saying why",
        |f| {
            let r = by_id(array(&mut f.resources, "regions"), "ie");
            array(r, "gaps").retain(|g| g["need"] != "abuse_men");
        },
    );
}

#[test]
fn rejects_a_resource_checked_date_that_is_not_iso() {
    assert_rejected("checked date '22/11/2026' is not YYYY-MM-DD", |f| {
        f.resources["regions"][0]["entries"][0]["checked"] = json!("22/11/2026");
    });
}

#[test]
fn rejects_unknown_or_unbalanced_placeholders() {
    assert_rejected(
        "step 'safety_plan' body: unknown placeholder {partnr}",
        |f| {
            step(f, "safety_plan")["body"] = json!("Tell your {partnr} nothing.");
        },
    );
    assert_rejected("question 'kids': a '{' that is never closed", |f| {
        question(f, "kids")["text"] = json!("Do children live with {them?");
    });
    assert_rejected("outcome 'reachable' summary: a '}' without its '{'", |f| {
        f.copy["outcomes"]["reachable"]["summary"] = json!("They} say no.");
    });
    assert_rejected("a '{' inside a placeholder", |f| {
        step(f, "door_same_gender")["title"] =
            json!("{he:a man|she:a woman|they:someone {they} {likes|like}}");
    });
    assert_rejected("needs exactly singular|plural", |f| {
        question(f, "sig_no")["text"] = json!("{They} {says|say|sayeth} no.");
    });
}

#[test]
fn rejects_an_empty_text() {
    assert_rejected("section 'context' intro: empty text", |f| {
        by_id(array(&mut f.questions, "sections"), "context")["intro"] = json!("  ");
    });
}

#[test]
fn rejects_unknown_fields_and_bad_kinds_when_parsing() {
    assert_rejected("steps.json: unknown field `priority`", |f| {
        step(f, "plan_review")["priority"] = json!(1);
    });
    assert_rejected("questions.json: unknown variant `ranking`", |f| {
        question(f, "heat")["kind"] = json!("ranking");
    });
}

#[test]
fn rejects_a_question_without_a_short_name() {
    assert_rejected("question 'sig_contempt' has no short name", |f| {
        question(f, "sig_contempt")
            .as_object_mut()
            .expect("question")
            .remove("short");
    });
    assert_rejected(
        "question 'kids': short name 'Do children live with you' is more than four words",
        |f| {
            question(f, "kids")["short"] = json!("Do children live with you");
        },
    );
    assert_rejected("question 'money' short: empty text", |f| {
        question(f, "money")["short"] = json!(" ");
    });
}

// ------------------------------------------------------------------------------------------
// One bad fixture per rule in `validate_after`

/// A keyed map inside `after.json`, found by its path of keys.
fn after_map<'a>(f: &'a mut Files, path: &[&str]) -> &'a mut serde_json::Map<String, Value> {
    let mut value = &mut f.after;
    for key in path {
        value = &mut value[*key];
    }
    value
        .as_object_mut()
        .unwrap_or_else(|| panic!("after.json {path:?} is not an object"))
}

fn door<'a>(f: &'a mut Files, id: &str) -> &'a mut Value {
    by_id(array(&mut f.after, "doors"), id)
}

#[test]
fn rejects_ask_answers_that_differ_from_the_code() {
    assert_rejected("after.json: answers must be exactly", |f| {
        after_map(f, &["answers"]).remove("threat");
    });
    assert_rejected("after.json: answers must be exactly", |f| {
        after_map(f, &["answers"]).insert("shrugged".into(), json!("{They} shrugged"));
    });
}

#[test]
fn rejects_a_duplicate_door() {
    assert_rejected("after.json: door id 'coach' is used twice", |f| {
        let coach = door(f, "coach").clone();
        array(&mut f.after, "doors").push(coach);
    });
}

#[test]
fn rejects_door_rules_the_code_cannot_follow() {
    // The content owns the doors; the rules need one door already asked about, one door for
    // separation, and doors to offer in the ask log.
    assert_rejected("after.json: door id 'coach' is used twice", |f| {
        door(f, "checkup")["id"] = json!("coach");
    });
    assert_rejected(
        "after.json: exactly one door must be shown \"asked\" (the door already asked about), there are 0",
        |f| {
            door(f, "couples_therapy")["shown"] = json!("lower");
        },
    );
    assert_rejected(
        "after.json: exactly one door must be shown \"separation\", there are 2",
        |f| {
            door(f, "coach")["shown"] = json!("separation");
        },
    );
    assert_rejected("after.json: no door is offered in the ask log", |f| {
        for d in array(&mut f.after, "doors") {
            d["in_ask_log"] = json!(false);
        }
    });
    assert_rejected("after.json: unknown variant `sometimes`", |f| {
        door(f, "coach")["shown"] = json!("sometimes");
    });
}

#[test]
fn rejects_plan_steps_the_code_cannot_follow() {
    assert_rejected(
        "after.json: repeated_no step 'boundary' is used twice",
        |f| {
            array(&mut f.after["repeated_no"], "steps")[0]["id"] = json!("boundary");
        },
    );
    assert_rejected(
        "after.json: exactly one repeated_no step writes the boundary, and it is a plan step",
        |f| {
            array(&mut f.after["repeated_no"], "steps")[0]["writes_boundary"] = json!(true);
        },
    );
    assert_rejected(
        "after.json: repeated_no step 'you_need_help' mentions tag 'reason_nobody_said'",
        |f| {
            let steps = array(&mut f.after["repeated_no"], "steps");
            let step = steps
                .iter_mut()
                .find(|s| s["id"] == "you_need_help")
                .unwrap();
            step["when"] = json!({"any": ["reason_nobody_said"]});
        },
    );
}

#[test]
fn rejects_a_repeated_or_empty_movement_check() {
    assert_rejected(
        "after.json: movement item 'asks_about_it' is used twice",
        |f| {
            array(&mut f.after["timeline"], "movement")[1]["id"] = json!("asks_about_it");
        },
    );
    assert_rejected(
        "after.json: the movement check needs at least one item",
        |f| {
            array(&mut f.after["timeline"], "movement").clear();
        },
    );
}

#[test]
fn rejects_a_missing_verdict() {
    assert_rejected("after.json: timeline verdicts must be exactly", |f| {
        after_map(f, &["timeline", "verdicts"]).remove("flat");
    });
}

#[test]
fn rejects_a_missing_doors_gated_text() {
    // Without it, the safety path would show an empty screen where the doors were.
    assert_rejected("after.json: doors_gated must be exactly", |f| {
        after_map(f, &["doors_gated"]).remove("safety");
    });
    assert_rejected("after.json: doors_gated must be exactly", |f| {
        after_map(f, &["doors_gated"]).remove("red_flag");
    });
    assert_rejected("after.json: doors_gated must be exactly", |f| {
        after_map(f, &["doors_gated"]).remove("recheck");
    });
}

#[test]
fn rejects_a_missing_builder() {
    assert_rejected("after.json: solo builders must be exactly", |f| {
        after_map(f, &["solo", "builders"]).remove("xyz");
    });
}

#[test]
fn rejects_a_builder_template_lacking_a_blank() {
    assert_rejected("after.json: builder 'xyz' template lacks {3}", |f| {
        f.after["solo"]["builders"]["xyz"]["template"] = json!("When you {1} in {2}.");
    });
}

#[test]
fn rejects_a_builder_with_no_blanks_or_too_many() {
    assert_rejected(
        "after.json: builder 'i_feel' needs one to three blanks",
        |f| {
            f.after["solo"]["builders"]["i_feel"]["blanks"] = json!([]);
        },
    );
    assert_rejected(
        "after.json: builder 'i_feel' needs one to three blanks",
        |f| {
            array(&mut f.after["solo"]["builders"]["i_feel"], "blanks").push(json!("And?"));
        },
    );
}

#[test]
fn rejects_a_duplicate_journal_prompt_id() {
    assert_rejected("after.json: journal prompt id 'body' is used twice", |f| {
        array(&mut f.after["solo"], "journal_prompts")[0]["id"] = json!("body");
    });
}

#[test]
fn rejects_no_journal_prompts() {
    assert_rejected("after.json: no journal prompts", |f| {
        f.after["solo"]["journal_prompts"] = json!([]);
    });
}

#[test]
fn rejects_an_after_citation_of_an_unknown_source() {
    let unknown = "cites source 'nope', which is not in sources.json";
    assert_rejected(&format!("door 'coach' {unknown}"), |f| {
        array(door(f, "coach"), "sources").push(json!("nope"));
    });
    assert_rejected(&format!("plan step 'boundary' {unknown}"), |f| {
        let steps = array(&mut f.after["repeated_no"], "steps");
        array(by_id(steps, "boundary"), "sources").push(json!("nope"));
    });
    assert_rejected(&format!("repeated_no {unknown}"), |f| {
        array(&mut f.after["repeated_no"], "sources").push(json!("nope"));
    });
    assert_rejected(&format!("timeline {unknown}"), |f| {
        array(&mut f.after["timeline"], "sources").push(json!("nope"));
    });
    assert_rejected(&format!("solo section 'kids' {unknown}"), |f| {
        let sections = array(&mut f.after["solo"], "sections");
        array(by_id(sections, "kids"), "sources").push(json!("nope"));
    });
    assert_rejected(&format!("builder 'xyz' {unknown}"), |f| {
        array(&mut f.after["solo"]["builders"]["xyz"], "sources").push(json!("nope"));
    });
    assert_rejected(&format!("journal prompt 'body' {unknown}"), |f| {
        let prompts = array(&mut f.after["solo"], "journal_prompts");
        array(by_id(prompts, "body"), "sources").push(json!("nope"));
    });
}

#[test]
fn rejects_bad_placeholders_and_versions_in_after_json() {
    assert_rejected("after log_intro: unknown placeholder {partnr}", |f| {
        f.after["log_intro"] = json!("Each time you ask your {partnr}.");
    });
    assert_rejected("door 'coach' how: a '{' that is never closed", |f| {
        door(f, "coach")["how"] = json!("Would you {try a coach?");
    });
    assert_rejected("timeline 'asks_about_it': empty text", |f| {
        f.after["timeline"]["movement"][0]["text"] = json!("");
    });
    assert_rejected("after.json: format_version 2, this build reads 1", |f| {
        f.after["format_version"] = json!(2);
    });
    assert_rejected("after.json: unknown field `urgent`", |f| {
        door(f, "coach")["urgent"] = json!(true);
    });
}

// ------------------------------------------------------------------------------------------
// Content rules beyond validation: what the brief asks of the data itself

fn step_counts_by_kind(content: &Content) -> BTreeMap<&'static str, usize> {
    let mut counts = BTreeMap::new();
    for s in &content.steps.steps {
        *counts.entry(s.kind.id()).or_insert(0) += 1;
    }
    counts
}

#[test]
fn there_are_enough_steps_of_every_kind() {
    let content = content();
    assert!(
        content.steps.steps.len() >= 35,
        "only {} steps",
        content.steps.steps.len()
    );
    let counts = step_counts_by_kind(&content);
    for kind in ["safety", "support", "invitation", "door", "solo", "plan"] {
        assert!(
            counts.get(kind).copied().unwrap_or(0) > 0,
            "no {kind} steps"
        );
    }
}

#[test]
fn rejects_plan_rules_that_would_make_an_untrue_or_unordered_plan() {
    let step = |f: &mut Files, id: &str| -> usize {
        array(&mut f.steps, "steps")
            .iter()
            .position(|s| s["id"] == id)
            .expect(id)
    };
    // A "before" that the groups and orders contradict.
    assert_rejected(
        "step 'solo_truce' must come before 'inv_calm_moment', but its group and order put it after",
        |f| {
            let i = step(f, "solo_truce");
            f.steps["steps"][i]["group"] = json!("later");
        },
    );
    assert_rejected("step 'plan_stop_asking' excludes 'inv_nowhere'", |f| {
        let i = step(f, "plan_stop_asking");
        f.steps["steps"][i]["excludes"] = json!(["inv_nowhere"]);
    });
    // A basis that speaks of the user's answers: that is what the conditions are for.
    assert_rejected(
        "step 'inv_wont_say': its basis speaks of the user's answers",
        |f| {
            let i = step(f, "inv_wont_say");
            f.steps["steps"][i]["basis"] = json!("Because you said he won't say why.");
        },
    );
    // A condition with no words would leave a why-line unable to name it.
    assert_rejected(
        "step 'inv_wont_say': condition 'reason_wont_say' has no words",
        |f| {
            f.steps["conditions"]
                .as_object_mut()
                .unwrap()
                .remove("reason_wont_say");
        },
    );
    assert_rejected("max_steps is 12, it must be 1 to 9", |f| {
        f.steps["max_steps"] = json!(12);
    });
    assert_rejected(
        "sources.json: 'cordova_checkup' is a controlled trial, and needs its year",
        |f| {
            let s = by_id(array(&mut f.sources, "sources"), "cordova_checkup");
            s["year"] = json!(null);
        },
    );
}

#[test]
fn deciding_answers_explain_themselves() {
    let content = content();
    let mut deciding: Vec<(&str, Vec<&str>)> = triage::ABUSE_QUESTIONS
        .iter()
        .chain([&triage::SELF_HARM_QUESTION])
        .map(|q| (*q, vec!["yes", "not_sure"]))
        .collect();
    deciding.extend([
        (triage::AFFAIR_QUESTION, vec!["partner", "mine", "suspect"]),
        (triage::ADDICTION_QUESTION, vec!["partner", "mine"]),
        (triage::CRISIS_QUESTION, vec!["partner", "mine"]),
        (triage::GONE_QUESTION, vec!["said_done", "checked_out"]),
    ]);
    for signal in triage::Signal::ALL {
        let q = content
            .question(signal.question())
            .expect("signal question");
        deciding.push((
            signal.question(),
            q.options.iter().map(|o| o.key.as_str()).collect(),
        ));
    }
    for (qid, keys) in deciding {
        let q = content.question(qid).expect("question");
        for key in keys {
            let o = q.options.iter().find(|o| o.key == key).expect("option");
            assert!(o.why.is_some(), "'{qid}' option '{key}' has no why line");
            assert!(
                !o.sources.is_empty(),
                "'{qid}' option '{key}' cites no source"
            );
            assert!(!o.tags.is_empty(), "'{qid}' option '{key}' has no tags");
        }
    }
}

#[test]
fn every_source_is_cited() {
    let content = content();
    let mut cited = BTreeSet::new();
    for q in &content.questionnaire.questions {
        for o in &q.options {
            cited.extend(o.sources.iter().map(String::as_str));
        }
    }
    for s in &content.steps.steps {
        cited.extend(s.sources.iter().map(String::as_str));
    }
    for o in content.copy.outcomes.values() {
        cited.extend(o.sources.iter().map(String::as_str));
    }
    for r in content.copy.reasons.values() {
        cited.extend(r.sources.iter().map(String::as_str));
    }
    for s in &content.sources.sources {
        assert!(
            cited.contains(s.id.as_str()),
            "source '{}' is never cited",
            s.id
        );
    }
}

/// A source's short name is cited inline, after sentences about the user's partner, whoever
/// they are: it never names the partner as a husband, wife, boyfriend or girlfriend (a
/// source's own title may, and stays in its full entry in the list of sources).
#[test]
fn short_source_names_never_assume_who_the_partner_is() {
    let content = content();
    for s in &content.sources.sources {
        let short = &s.short;
        let lower = short.to_lowercase();
        for word in ["husband", "wife", "boyfriend", "girlfriend"] {
            assert!(!lower.contains(word), "source '{}': {short}", s.id);
        }
    }
}

#[test]
fn sections_come_in_the_planned_order() {
    let content = content();
    let ids: Vec<&str> = content
        .questionnaire
        .sections
        .iter()
        .map(|s| s.id.as_str())
        .collect();
    assert_eq!(
        ids,
        [
            "safety",
            "screen",
            "signals",
            "reasons",
            "context",
            "reflection"
        ]
    );
}

#[test]
fn resources_cover_the_shipped_regions() {
    let content = content();
    let ids: Vec<&str> = content
        .resources
        .regions
        .iter()
        .map(|r| r.id.as_str())
        .collect();
    assert_eq!(ids, ["us", "uk", "ie", "au", "ca", "nz", "intl"]);
    let all: String = content
        .resources
        .regions
        .iter()
        .flat_map(|r| &r.entries)
        .flat_map(|e| &e.contact)
        .map(|c| c.value.clone())
        .collect::<Vec<_>>()
        .join("\n");
    // The numbers a crisis-line worker would look for first, each checked on a page the
    // entry names (see docs/RESOURCES.md).
    for number in [
        "911",
        "1-800-799-7233",
        "1-800-787-3224",
        "START to 88788",
        "988",
        "1-800-656-4673",
        "1-800-662-4357",
        "999",
        "116 123",
        "0808 2000 247",
        "112",
        "1800 341 900",
        "000",
        "1800 737 732",
        "13 11 14",
        "111",
        "1737",
        "0800 733 843",
        "0508 744 633",
        "findahelpline.com",
        "hotpeachpages.net",
    ] {
        assert!(
            all.contains(number),
            "{number} is missing from the resources"
        );
    }
}

// ------------------------------------------------------------------------------------------
// The plan for realistic answers

/// Answers every question the flow asks, as a person would, stopping where the flow stops.
fn walk(content: &Content, mut choose: impl FnMut(&str, &[String]) -> Vec<String>) -> Answers {
    let mut flow = Flow::new();
    while let Current::Question { question, .. } = flow.current(content) {
        let keys: Vec<String> = question.options.iter().map(|o| o.key.clone()).collect();
        let chosen = choose(&question.id, &keys);
        flow.answer(content, chosen)
            .unwrap_or_else(|e| panic!("{}: {e}", question.id));
    }
    flow.answers
}

/// Injuries are named only to someone who answered about physical force, strangling or
/// weapons, or forced sex: a person whose answer was about control, fear or a partner's
/// threats of self-harm is not told to write down their injuries. Each safety answer alone,
/// yes and not sure; and a red flag with no safety answer at all.
#[test]
fn injuries_are_named_only_where_harm_was_answered() {
    let content = Content::embedded().unwrap();
    let hurt = ["safety_physical", "safety_choking_weapon", "safety_sexual"];
    let safety: Vec<String> = content
        .questionnaire
        .questions
        .iter()
        // The abuse questions (the one about the user's own thoughts of self-harm has a
        // plan of its own).
        .filter(|q| q.section == "safety" && q.id.starts_with("safety_"))
        .map(|q| q.id.clone())
        .collect();
    assert_eq!(safety.len(), 8);
    let mut cases: Vec<(String, Answers)> = Vec::new();
    for id in &safety {
        for key in ["yes", "not_sure"] {
            let given: [Given<'_>; 1] = [(id.as_str(), &[key][..])];
            cases.push((format!("{id}={key}"), answers_for(&content, &given)));
        }
    }
    cases.push((
        "contempt often".into(),
        answers_for(&content, &[("sig_contempt", &["often"][..])]),
    ));
    for (case, answers) in &cases {
        let (_, steps) = plan_for(&content, answers);
        let named = steps.iter().any(|id| {
            content
                .steps
                .steps
                .iter()
                .any(|s| &s.id == id && s.body.contains("injur"))
        });
        let harmed = hurt.iter().any(|h| case.starts_with(h));
        assert_eq!(named, harmed, "{case}: {steps:?}");
        assert!(
            steps.iter().any(|id| id.starts_with("safety_record")),
            "{case}: no record step in {steps:?}"
        );
    }
}

/// A profile: the listed answers, "no"/first option elsewhere in the safety and screen
/// sections, and sensible defaults for the rest.
fn answers_for(content: &Content, given: &[Given<'_>]) -> Answers {
    walk(content, |id, keys| {
        if let Some((_, chosen)) = given.iter().find(|(q, _)| *q == id) {
            return chosen.iter().map(|k| (*k).to_string()).collect();
        }
        let default = match id {
            "asked_count" => "few",
            "duration" => "medium",
            "kids" | "money" => "no",
            "heat" => "none",
            "reasons" => "time_money",
            _ if keys.iter().any(|k| k == "no") => "no",
            _ => keys[0].as_str(),
        };
        vec![default.to_string()]
    })
}

fn plan_for(content: &Content, answers: &Answers) -> (OutcomeKind, Vec<String>) {
    let outcome = triage::triage(answers);
    let steps = plan::next_steps(content, answers, &outcome)
        .into_iter()
        .map(|s| s.id.clone())
        .collect();
    (outcome.kind, steps)
}

/// One answer in a test profile: a question id and the chosen option keys.
type Given<'a> = (&'a str, &'a [&'a str]);

const REACHABLE: &[Given<'static>] = &[
    ("sig_no", &["reason"]),
    ("sig_contempt", &["rarely"]),
    ("sig_calm", &["defensive"]),
    ("sig_underneath", &["shame"]),
];

#[test]
fn typical_reachable_and_unclear_answers_get_a_focused_plan() {
    let content = content();
    let profiles: Vec<(&str, Vec<Given<'_>>)> = vec![
        (
            "reachable, fear of blame, money tight, kids",
            [
                REACHABLE,
                &[
                    ("reasons", &["fear_blamed", "time_money"][..]),
                    ("kids", &["yes"]),
                    ("money", &["somewhat"]),
                    ("heat", &["criticism"]),
                ],
            ]
            .concat(),
        ),
        (
            "reachable, burned by a therapist",
            [REACHABLE, &[("reasons", &["bad_therapist"][..])]].concat(),
        ),
        (
            "reachable, self-reliant, long haul",
            [&[
                ("sig_no", &["reason"][..]),
                ("sig_contempt", &["never"]),
                ("sig_calm", &["curious"]),
                ("sig_underneath", &["self_reliance"]),
                ("reasons", &["fix_myself", "works_too_much"]),
                ("duration", &["very_long"]),
                ("asked_count", &["many"]),
            ][..]]
            .concat(),
        ),
        (
            "unclear, won't say, asked many times",
            vec![
                ("sig_no", &["mixed"][..]),
                ("sig_contempt", &["never"]),
                ("sig_calm", &["fight"]),
                ("sig_underneath", &["unclear"]),
                ("reasons", &["wont_say"]),
                ("asked_count", &["many"]),
                ("duration", &["long"]),
                ("heat", &["cold"]),
            ],
        ),
        (
            "unclear, not asked yet",
            vec![
                ("sig_no", &["not_asked"][..]),
                ("sig_contempt", &["rarely"]),
                ("sig_calm", &["untried"]),
                ("sig_underneath", &["unclear"]),
                ("reasons", &["doesnt_believe", "no_words"]),
                ("asked_count", &["first"]),
                ("duration", &["short"]),
            ],
        ),
    ];
    for (name, given) in profiles {
        let answers = answers_for(&content, &given);
        let (kind, steps) = plan_for(&content, &answers);
        assert!(
            matches!(kind, OutcomeKind::Reachable | OutcomeKind::NotYetClear),
            "{name}: {kind:?}"
        );
        assert!(
            (6..=12).contains(&steps.len()),
            "{name}: {} steps: {steps:?}",
            steps.len()
        );
    }
}

#[test]
fn matched_reasons_get_their_matched_step() {
    let content = content();
    let cases: &[(&str, &str)] = &[
        ("bad_therapist", "inv_they_pick"),
        ("fear_blamed", "inv_not_ganged_up"),
        ("time_money", "inv_cost"),
        ("referee", "inv_checkup_frame"),
        ("fix_myself", "inv_goal_first"),
        ("broken_couples", "inv_strong_couples"),
        ("no_words", "inv_structure_letter"),
        ("flooded", "inv_structure_letter"),
        ("family_trauma", "inv_their_pace"),
        ("works_too_much", "inv_easy_logistics"),
        ("youre_problem", "inv_ill_go"),
        ("doesnt_believe", "inv_try_one"),
        ("not_comfortable", "inv_try_one"),
        ("wont_say", "inv_wont_say"),
    ];
    for (reason, expected) in cases {
        let answers = answers_for(
            &content,
            &[REACHABLE, &[("reasons", &[*reason][..])]].concat(),
        );
        let (kind, steps) = plan_for(&content, &answers);
        assert_eq!(kind, OutcomeKind::Reachable);
        assert!(steps.iter().any(|s| s == expected), "{reason}: {steps:?}");
    }
}

#[test]
fn the_safety_path_leads_with_help_and_never_invites() {
    let content = content();
    for (question, key, first) in [
        ("safety_physical", "yes", "safety_advocate"),
        ("safety_monitoring", "not_sure", "safety_advocate"),
        ("self_harm", "yes", "self_harm_now"),
        ("self_harm", "not_sure", "self_harm_now"),
    ] {
        let answers = answers_for(&content, &[(question, &[key][..])]);
        let (kind, steps) = plan_for(&content, &answers);
        assert_eq!(kind, OutcomeKind::SafetyFirst, "{question}={key}");
        assert_eq!(steps.first().map(String::as_str), Some(first), "{steps:?}");
        for id in &steps {
            let s = content
                .steps
                .steps
                .iter()
                .find(|s| &s.id == id)
                .expect("step");
            assert!(
                matches!(s.kind, StepKind::Safety | StepKind::Support),
                "{id}"
            );
        }
    }
    // Abuse: the separation warning and device safety are always part of it.
    let answers = answers_for(&content, &[("safety_control", &["yes"][..])]);
    let (_, steps) = plan_for(&content, &answers);
    for id in [
        "safety_not_couples",
        "safety_no_announce",
        "safety_device",
        "safety_plan",
    ] {
        assert!(steps.iter().any(|s| s == id), "{id} missing: {steps:?}");
    }
    // Self-harm alone is not treated as abuse.
    let answers = answers_for(&content, &[("self_harm", &["yes"][..])]);
    let (_, steps) = plan_for(&content, &answers);
    assert!(
        !steps.iter().any(|s| s == "safety_not_couples"),
        "{steps:?}"
    );
}

#[test]
fn each_screen_out_gets_its_own_route() {
    let content = content();
    for (question, key, expected) in [
        ("screen_affair", "partner", "affair_partner"),
        ("screen_affair", "mine", "affair_mine"),
        ("screen_affair", "suspect", "affair_suspect"),
        ("screen_addiction", "partner", "addiction_craft"),
        ("screen_addiction", "mine", "addiction_mine"),
        ("screen_crisis", "partner", "crisis_partner"),
        ("screen_crisis", "mine", "crisis_mine"),
        ("screen_gone", "said_done", "door_discernment"),
        ("screen_gone", "checked_out", "gone_clarity"),
    ] {
        let answers = answers_for(&content, &[(question, &[key][..])]);
        let (kind, steps) = plan_for(&content, &answers);
        assert_eq!(kind, OutcomeKind::NotFirstStep, "{question}={key}");
        assert!(
            steps.iter().any(|s| s == expected),
            "{question}={key}: {steps:?}"
        );
        assert!(
            (2..=8).contains(&steps.len()),
            "{question}={key}: {steps:?}"
        );
    }
}

#[test]
fn red_flag_answers_get_support_not_doors() {
    let content = content();
    let answers = answers_for(
        &content,
        &[
            ("sig_no", &["shutdown"][..]),
            ("sig_contempt", &["often"]),
            ("sig_calm", &["wall"]),
            ("sig_underneath", &["leverage"]),
            ("reasons", &["youre_problem"]),
            ("asked_count", &["many"]),
        ],
    );
    let (kind, steps) = plan_for(&content, &answers);
    assert_eq!(kind, OutcomeKind::RedFlag);
    // The red-flag guidance leads: support for you, then not announcing plans to leave.
    assert_eq!(
        steps.iter().take(2).map(String::as_str).collect::<Vec<_>>(),
        ["red_own_support", "safety_no_announce"]
    );
    for id in [
        "red_own_support",
        "red_contempt",
        "red_leverage",
        "red_wall",
        "red_flat_line",
    ] {
        assert!(steps.iter().any(|s| s == id), "{id} missing: {steps:?}");
    }
    for id in &steps {
        let s = content
            .steps
            .steps
            .iter()
            .find(|s| &s.id == id)
            .expect("step");
        assert!(
            !matches!(s.kind, StepKind::Invitation | StepKind::Door),
            "{id}"
        );
    }
    assert!(steps.len() <= 12, "{steps:?}");
}

/// A small deterministic generator, so the sweep below is the same on every run.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        usize::try_from((self.0 >> 33) % (n as u64)).expect("small")
    }
}

#[test]
fn every_step_can_be_reached_and_every_outcome_has_a_plan() {
    let content = content();
    let mut rng = Lcg(7);
    let mut seen: BTreeSet<String> = BTreeSet::new();
    for _ in 0..20_000 {
        let answers = walk(&content, |id, keys| {
            let q = content.question(id).expect("question");
            // Mostly "no" on safety and screen questions, as most people answering would.
            if (q.section == "safety" || q.section == "screen") && rng.below(8) != 0 {
                return vec!["no".to_string()];
            }
            if q.kind == overture::content::QuestionKind::Multi {
                let mut chosen: Vec<String> = Vec::new();
                for _ in 0..=rng.below(3) {
                    let o = &q.options[rng.below(q.options.len())];
                    if o.exclusive {
                        return vec![o.key.clone()];
                    }
                    if !chosen.contains(&o.key) {
                        chosen.push(o.key.clone());
                    }
                }
                return chosen;
            }
            vec![keys[rng.below(keys.len())].clone()]
        });
        let (kind, steps) = plan_for(&content, &answers);
        assert!(!steps.is_empty(), "no steps for {answers:?}");
        if std::env::var("OVERTURE_DIST").is_ok() {
            let reasons = answers.get("reasons").map_or(0, <[String]>::len);
            let heat = answers.get("heat").map_or(0, <[String]>::len);
            println!(
                "DIST {kind:?} {} r{reasons} h{heat} {}",
                steps.len(),
                steps.join(",")
            );
        }
        seen.extend(steps);
    }
    let never: Vec<&str> = content
        .steps
        .steps
        .iter()
        .map(|s| s.id.as_str())
        .filter(|id| !seen.contains(*id))
        .collect();
    assert!(never.is_empty(), "steps no answers reach: {never:?}");
}

// ------------------------------------------------------------------------------------------
// after.json: what its words may and may not say

/// Every string in a JSON value, with where it is.
fn strings<'a>(value: &'a Value, at: String, out: &mut Vec<(String, &'a str)>) {
    match value {
        Value::String(s) => out.push((at, s)),
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                strings(v, format!("{at}[{i}]"), out);
            }
        }
        Value::Object(map) => {
            for (k, v) in map {
                strings(v, format!("{at}.{k}"), out);
            }
        }
        _ => {}
    }
}

/// Phrases that would tell the user to announce that they are leaving, or to use leaving as
/// a threat. Leaving can be the most dangerous time where there is abuse or control.
const ANNOUNCING: &[&str] = &[
    "announce",
    "you are leaving",
    "you're leaving",
    "you will leave",
    "you'll leave",
    "you want to leave",
    "you plan to leave",
    "plan to leave",
    "i'm leaving",
    "i am leaving",
    "i'll leave",
    "i will leave",
    "leave you",
    "leaving you",
    "or i'm done",
    "or i'm gone",
    "or we're done",
    "or it's over",
    "moving out",
];

/// Words that, in one sentence with a form of "leave", make it advice to say so.
const SAYING: &[&str] = &["tell", "say", "warn", "inform", "let them know", "threat"];

/// Why a rendered text reads as advice to tell the partner one is leaving, if it does.
fn advises_announcing(rendered: &str) -> Option<String> {
    let text = rendered.to_lowercase().replace('\u{2019}', "'");
    if let Some(phrase) = ANNOUNCING.iter().find(|p| text.contains(*p)) {
        return Some(format!("says “{phrase}”"));
    }
    text.split(['.', '!', '?', ';'])
        .find(|sentence| sentence.contains("leav") && SAYING.iter().any(|w| sentence.contains(w)))
        .map(|sentence| format!("pairs leaving with saying so: “{}”", sentence.trim()))
}

#[test]
fn the_announcing_check_catches_planted_advice() {
    for bad in [
        "Tell {them} you are leaving if nothing changes.",
        "Say you'll go unless {they} {agrees|agree}, and mean it: leave if you must.",
        "Announce your decision calmly.",
        "“Come with me, or I'm done.”",
        "Let your {partner} know you're leaving.",
    ] {
        assert!(
            advises_announcing(&render(bad, &Voice::default())).is_some(),
            "not caught: {bad}"
        );
    }
    for fine in [
        "You can stop asking. Stopping is not giving up on yourself.",
        "Say what you will do, not what {they} must do.",
        "Then leave it there for tonight.",
    ] {
        assert_eq!(advises_announcing(&render(fine, &Voice::default())), None);
    }
}

#[test]
fn no_after_text_advises_telling_the_partner_you_are_leaving() {
    let after = embedded("after.json");
    let mut texts = Vec::new();
    strings(&after, "after".into(), &mut texts);
    let warning = "after.repeated_no.leaving_warning";
    assert!(
        texts.iter().any(|(at, _)| at == warning),
        "{warning} is missing"
    );
    let mut failures = Vec::new();
    for pronouns in Pronouns::ALL {
        for partner in ["husband", "wife", "partner"] {
            let voice = Voice {
                partner: partner.into(),
                pronouns,
            };
            for (at, text) in &texts {
                if at == warning {
                    continue;
                }
                if let Some(why) = advises_announcing(&render(text, &voice)) {
                    failures.push(format!("{at} ({partner}, {pronouns:?}): {why}"));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_leaving_warning_sends_the_user_to_an_advocate_first() {
    let content = content();
    let warning = content.after.repeated_no.leaving_warning.to_lowercase();
    for needed in ["advocate", "ctrl-g", "dangerous"] {
        assert!(
            warning.contains(needed),
            "the leaving warning must mention “{needed}”: {warning}"
        );
    }
    assert!(
        warning.contains("don't announce") || warning.contains("do not announce"),
        "the leaving warning must say not to announce leaving: {warning}"
    );
}

#[test]
fn money_doors_are_the_ones_for_a_tight_budget() {
    let content = content();
    let money: Vec<&str> = content
        .after
        .doors
        .iter()
        .filter(|d| d.money)
        .map(|d| d.id.as_str())
        .collect();
    assert_eq!(money, ["sliding_scale", "telehealth", "free_program"]);
}

#[test]
fn every_door_and_plan_step_says_where_it_comes_from() {
    let after = &content().after;
    for d in &after.doors {
        assert!(!d.sources.is_empty(), "door '{}' cites no source", d.id);
    }
    for s in &after.repeated_no.steps {
        assert!(
            !s.sources.is_empty(),
            "plan step '{}' cites no source",
            s.id
        );
    }
    assert!(
        !after.timeline.sources.is_empty(),
        "the timeline cites no source"
    );
    let prompts = after.solo.journal_prompts.len();
    // Each path sees a subset (see tests/advice.rs); the whole set stays readable.
    assert!((8..=16).contains(&prompts), "{prompts} journal prompts");
}

#[test]
fn builder_templates_use_only_their_blanks() {
    // The user's own words fill {1}..{3}; a partner placeholder there would never be rendered.
    for (id, b) in &content().after.solo.builders {
        let mut rest = b.template.as_str();
        while let Some(open) = rest.find('{') {
            let close = rest[open..].find('}').expect("closed") + open;
            let inner = &rest[open + 1..close];
            assert!(
                matches!(inner, "1" | "2" | "3"),
                "builder '{id}' template has {{{inner}}}"
            );
            rest = &rest[close + 1..];
        }
    }
}

#[test]
fn rejects_a_rehearsal_where_a_threat_or_mockery_would_not_end_the_practice() {
    // The content owns the steps and replies; a practised threat must still lead to the safety
    // path and mockery to the red-flag path, so each needs a reply that says so.
    assert_rejected(
        "rehearsal.json: no reply switches to Safety; a threat must end the practice",
        |f| {
            let replies = array(&mut f.rehearsal, "replies");
            let threat = replies.iter_mut().find(|r| r["id"] == "threat").unwrap();
            threat["switch"] = json!("none");
        },
    );
    assert_rejected(
        "rehearsal.json: no reply switches to RedFlag; mockery or contempt must end the practice",
        |f| {
            array(&mut f.rehearsal, "replies").retain(|r| r["id"] != "mockery");
        },
    );
    assert_rejected("rehearsal.json: reply id 'fine' is used twice", |f| {
        array(&mut f.rehearsal, "replies")[0]["id"] = json!("fine");
    });
    assert_rejected("rehearsal.json: step id 'goal' is used twice", |f| {
        array(&mut f.rehearsal, "steps")[0]["id"] = json!("goal");
    });
}

// ------------------------------------------------------------------------------------------
// The key for the crisis lines: named by each face in its own words

#[test]
fn rejects_a_key_named_in_a_text_or_an_unknown_key_placeholder() {
    assert_rejected(
        "steps.json: steps['self_harm_now'].body: names a key (\"Ctrl-…\")",
        |f| {
            step(f, "self_harm_now")["body"] = json!("Press Ctrl-G for the crisis lines.");
        },
    );
    // Texts a user never reads through a template are checked too.
    assert_rejected(
        "sources.json: sources['crisis_lines'].short: names a key",
        |f| {
            let sources = array(&mut f.sources, "sources");
            by_id(sources, "crisis_lines")["short"] = json!("Crisis lines (Ctrl-G)");
        },
    );
    assert_rejected(
        "step 'self_harm_now' body: unknown placeholder {crisis_keys}",
        |f| {
            step(f, "self_harm_now")["body"] = json!("The lines are listed ({crisis_keys}).");
        },
    );
    assert_rejected(
        "sources.json: 'crisis_lines' short: unknown placeholder {crisis}",
        |f| {
            let sources = array(&mut f.sources, "sources");
            by_id(sources, "crisis_lines")["short"] = json!("Crisis lines ({crisis})");
        },
    );
    assert_rejected(
        "copy.json: keys plain crisis_action: 'press Ctrl-G' names a key, and no key works in this face",
        |f| f.copy["keys"]["plain"]["crisis_action"] = json!("press Ctrl-G"),
    );
    assert_rejected(
        "copy.json: keys export crisis_key: a key's words can't hold a placeholder",
        |f| f.copy["keys"]["export"]["crisis_key"] = json!("{partner}"),
    );
}

#[test]
fn each_face_names_the_crisis_lines_its_own_way() {
    use overture::content::Face;
    use overture::validate::all_texts;
    let screen = content();
    assert_eq!(
        screen.face(),
        Face::Screen,
        "loaded content is worded for the app"
    );
    // The full-screen words name the key the keymap binds.
    let binding = overture::tui::keymap::KEYMAP
        .iter()
        .find(|b| b.action == overture::tui::keymap::Action::Crisis)
        .expect("a key for the crisis lines");
    assert_eq!(screen.copy.keys.screen.crisis_key, binding.shown);
    for face in Face::ALL {
        let words = screen.for_face(face);
        assert_eq!(words.face(), face);
        for (place, text) in all_texts(&words) {
            assert!(
                !text.contains("{crisis_") && !text.contains("{Crisis_"),
                "{place}: {text}"
            );
            if face != Face::Screen {
                assert!(!text.contains("Ctrl-"), "{face:?} {place}: {text}");
            }
        }
        // Back again: a face's content can be worded for another.
        assert_eq!(
            words.for_face(Face::Screen).copy.disclaimer,
            screen.copy.disclaimer
        );
    }
    let disclaimer = |face| screen.for_face(face).copy.disclaimer.clone();
    assert!(disclaimer(Face::Screen).ends_with(" Press Ctrl-G for crisis lines."));
    assert!(disclaimer(Face::Plain).ends_with(" Type resources for crisis lines."));
    assert!(disclaimer(Face::Export).ends_with(" Run `overture resources` for crisis lines."));
    let source = |face| {
        screen
            .for_face(face)
            .source("crisis_lines")
            .map(|s| s.short.clone())
            .unwrap_or_default()
    };
    assert_eq!(source(Face::Screen), "Crisis lines (Ctrl-G)");
    assert_eq!(source(Face::Plain), "Crisis lines (type resources)");
    assert_eq!(source(Face::Export), "Crisis lines (`overture resources`)");
}

#[test]
fn rejects_a_home_label_that_is_missing_empty_or_badly_templated() {
    assert_rejected("copy.json: home 'solo': empty text", |f| {
        f.copy["home"]["solo"] = json!(" ");
    });
    assert_rejected(
        "copy.json: home 'log_ask_count': unknown placeholder {n}",
        |f| {
            f.copy["home"]["log_ask_count"] = json!("Log an ask ({n} logged so far)");
        },
    );
    assert_rejected("copy.json: missing field `quit`", |f| {
        f.copy["home"].as_object_mut().unwrap().remove("quit");
    });
}
