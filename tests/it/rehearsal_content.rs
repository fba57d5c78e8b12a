//! The rehearsal content: it validates, renders for every voice, covers every stated reason and
//! every "how many times asked" answer with matched examples, and its example lines stay free of
//! ultimatums and "you always" / "you never".

use overture::content::{Content, Pronouns, Voice, render};
use overture::core::rehearsal;
use overture::validate::all_texts;
use std::collections::BTreeSet;

const PARTNER_WORDS: [&str; 3] = ["husband", "wife", "partner"];

fn content() -> Content {
    Content::embedded().unwrap_or_else(|e| panic!("{e}"))
}

fn voices() -> Vec<Voice> {
    Pronouns::ALL
        .iter()
        .flat_map(|&pronouns| {
            PARTNER_WORDS.iter().map(move |partner| Voice {
                partner: (*partner).to_string(),
                pronouns,
            })
        })
        .collect()
}

fn tag_set(tags: &[&str]) -> BTreeSet<String> {
    tags.iter().map(|t| (*t).to_string()).collect()
}

/// Lower-cased words of a rendered text, each with whether a clause ends right after it.
fn words(text: &str) -> Vec<(String, bool)> {
    text.split_whitespace()
        .map(|raw| {
            let raw = raw.replace('\u{2019}', "'");
            let ends = raw.ends_with(['.', ',', ';', ':', '!', '?', '"', '\u{201d}', ')']);
            let word = raw
                .trim_matches(|c: char| !c.is_alphanumeric() && c != '\'')
                .trim_matches('\'')
                .to_lowercase();
            (word, ends)
        })
        .filter(|(w, _)| !w.is_empty())
        .collect()
}

const NOT_AFTER_THEY: [&str; 10] = [
    "is", "has", "does", "was", "doesn't", "isn't", "says", "gets", "wants", "picks",
];
const NOT_AFTER_HE_SHE: [&str; 5] = ["are", "have", "do", "were", "don't"];
/// After these, a bare verb is right ("would he have", "does she do").
const AUXILIARIES: [&str; 12] = [
    "do", "does", "did", "would", "could", "should", "will", "can", "may", "might", "must", "let",
];

/// Subject-verb pairs that disagree with the voice's pronoun.
fn agreement_problems(rendered: &str, pronouns: Pronouns) -> Vec<String> {
    let words = words(rendered);
    let mut problems = Vec::new();
    for (i, pair) in words.windows(2).enumerate() {
        let [(subject, ends), (verb, _)] = pair else {
            continue;
        };
        if *ends {
            continue;
        }
        let after_auxiliary =
            i > 0 && !words[i - 1].1 && AUXILIARIES.contains(&words[i - 1].0.as_str());
        let bad = match pronouns {
            Pronouns::They => subject == "they" && NOT_AFTER_THEY.contains(&verb.as_str()),
            Pronouns::He | Pronouns::She => {
                (subject == "he" || subject == "she")
                    && !after_auxiliary
                    && NOT_AFTER_HE_SHE.contains(&verb.as_str())
            }
        };
        if bad {
            problems.push(format!("“{subject} {verb}”"));
        }
    }
    problems
}

#[test]
fn embedded_content_validates() {
    if let Err(e) = overture::validate::embedded() {
        panic!("{e}");
    }
}

#[test]
fn rehearsal_texts_render_for_every_voice() {
    let content = content();
    let texts: Vec<(String, &str)> = all_texts(&content)
        .into_iter()
        .filter(|(place, _)| place.starts_with("rehearsal"))
        .collect();
    assert!(texts.len() > 50, "only {} rehearsal texts", texts.len());
    let mut failures = Vec::new();
    for voice in voices() {
        for (place, text) in &texts {
            let rendered = render(text, &voice);
            let who = format!("{place} ({:?}, {})", voice.pronouns, voice.partner);
            if rendered.contains('{') || rendered.contains('}') {
                failures.push(format!("{who}: braces left in: {rendered}"));
            }
            for problem in agreement_problems(&rendered, voice.pronouns) {
                failures.push(format!("{who}: {problem} in: {rendered}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_agreement_check_can_fail() {
    assert!(!agreement_problems("If they says no, listen.", Pronouns::They).is_empty());
    assert!(!agreement_problems("Then they picks the therapist.", Pronouns::They).is_empty());
    assert!(!agreement_problems("Maybe he are tired.", Pronouns::He).is_empty());
    assert!(!agreement_problems("If she don't answer, wait.", Pronouns::She).is_empty());
    assert!(agreement_problems("If they say no, listen.", Pronouns::They).is_empty());
    assert!(agreement_problems("What would he have said?", Pronouns::He).is_empty());
    assert!(agreement_problems("Ask if they, is that fair?", Pronouns::They).is_empty());
}

/// Every tag an example condition names, across all steps.
fn example_tags(content: &Content) -> BTreeSet<&str> {
    content
        .rehearsal
        .steps
        .iter()
        .flat_map(|s| &s.examples)
        .flat_map(|e| e.when.tags())
        .map(String::as_str)
        .collect()
}

fn answer_tags<'c>(content: &'c Content, prefix: &str) -> Vec<&'c str> {
    content
        .option_tags()
        .into_iter()
        .filter(|t| t.starts_with(prefix))
        .collect()
}

#[test]
fn every_reason_and_asked_count_has_an_example() {
    let content = content();
    let named = example_tags(&content);
    let reasons = answer_tags(&content, "reason_");
    let asked = answer_tags(&content, "asked_");
    assert!(reasons.len() >= 14, "reasons: {reasons:?}");
    assert_eq!(asked.len(), 3, "asked: {asked:?}");
    let missing: Vec<&&str> = reasons
        .iter()
        .chain(&asked)
        .filter(|t| !named.contains(**t))
        .collect();
    assert!(missing.is_empty(), "no example for {missing:?}");
}

#[test]
fn each_reason_alone_gets_a_matched_example_shown() {
    let content = content();
    for reason in answer_tags(&content, "reason_") {
        let tags = tag_set(&[reason, "outcome_reachable"]);
        let shown = content.rehearsal.steps.iter().any(|step| {
            rehearsal::examples(&content, &step.id, &tags)
                .iter()
                .any(|e| e.when.tags().any(|t| t == reason))
        });
        assert!(shown, "no step shows an example for {reason}");
    }
}

#[test]
fn each_asked_count_alone_gets_a_matched_example_shown() {
    let content = content();
    for asked in answer_tags(&content, "asked_") {
        let tags = tag_set(&[asked, "outcome_reachable"]);
        let shown = content.rehearsal.steps.iter().any(|step| {
            rehearsal::examples(&content, &step.id, &tags)
                .iter()
                .any(|e| e.when.tags().any(|t| t == asked))
        });
        assert!(shown, "no step shows an example for {asked}");
    }
}

#[test]
fn every_step_shows_at_least_two_examples_to_everyone() {
    let content = content();
    let plain = tag_set(&["outcome_reachable"]);
    for step in content.rehearsal.steps.iter().map(|s| s.id.as_str()) {
        let shown = rehearsal::examples(&content, step, &plain);
        assert!(
            shown.len() >= 2,
            "step '{step}' shows {} example(s) for a plain tag set",
            shown.len()
        );
        let unconditional = content
            .rehearsal
            .steps
            .iter()
            .find(|s| s.id == step)
            .map_or(0, |s| {
                s.examples
                    .iter()
                    .filter(|e| {
                        e.when.all.is_empty() && e.when.any.is_empty() && e.when.none.is_empty()
                    })
                    .count()
            });
        assert!(
            unconditional >= 2,
            "step '{step}' has {unconditional} example(s) for everyone"
        );
    }
}

#[test]
fn example_lines_carry_no_ultimatum_or_absolutes() {
    const BANNED: [&str; 6] = [
        "or i'm",
        "or else",
        "you always",
        "you never",
        "last chance",
        "narcissist",
    ];
    let content = content();
    let mut failures = Vec::new();
    for step in &content.rehearsal.steps {
        for example in &step.examples {
            let text = example.text.to_lowercase().replace('\u{2019}', "'");
            for banned in BANNED {
                if text.contains(banned) {
                    failures.push(format!(
                        "step '{}': “{banned}” in: {}",
                        step.id, example.text
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_settling_step_stays_out_of_the_script() {
    let content = content();
    for step in &content.rehearsal.steps {
        assert_eq!(
            step.in_script,
            step.id != "settle",
            "step '{}' in_script",
            step.id
        );
    }
}
