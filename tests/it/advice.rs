//! What the plan says is true to the person reading it.
//!
//! Random answer sets go through the real core: every step shown has its condition hold,
//! its why-line names only conditions that held, no gated capability shows on a gated path,
//! the plan keeps its cap, exclusions and order, and men-specific research never reaches
//! someone whose partner is "she" or "they". Snapshots fix the words of six situations.

use overture::content::{Content, Pronouns, QuestionKind, Step, StepKind, Voice, render};
use overture::core::gate::{self, Path};
use overture::core::record::{AssessmentRecord, SavedData};
use overture::core::session::{self, HomeItem};
use overture::core::triage::{self, OutcomeKind};
use overture::core::{Answers, doors, plan, report, solo};
use overture::pages::text::{self, Layout};
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;
use std::collections::BTreeSet;
use std::sync::LazyLock;

static CONTENT: LazyLock<Content> =
    LazyLock::new(|| Content::embedded().unwrap_or_else(|e| panic!("{e}")));

fn voice(pronouns: Pronouns, partner: &str) -> Voice {
    Voice {
        partner: partner.to_string(),
        pronouns,
    }
}

/// Answers for every question: one option index per question (multi questions take a set).
fn answers_from(picks: &[(usize, u32)]) -> Answers {
    let mut answers = Answers::new();
    for (q, (one, many)) in CONTENT.questionnaire.questions.iter().zip(picks) {
        let n = q.options.len();
        let keys: Vec<String> = match q.kind {
            QuestionKind::Single => vec![q.options[one % n].key.clone()],
            QuestionKind::Multi => {
                let chosen: Vec<String> = q
                    .options
                    .iter()
                    .enumerate()
                    .filter(|(i, o)| !o.exclusive && many & (1 << i) != 0)
                    .map(|(_, o)| o.key.clone())
                    .collect();
                if chosen.is_empty() {
                    vec![q.options[one % n].key.clone()]
                } else {
                    chosen
                }
            }
        };
        answers.set(&q.id, keys);
    }
    answers
}

fn picks() -> impl Strategy<Value = Vec<(usize, u32)>> {
    let n = CONTENT.questionnaire.questions.len();
    // Safety answers lean "no", and screen-outs lean "no", so that every path is reached.
    proptest::collection::vec((0usize..16, any::<u32>()), n).prop_map(|mut v| {
        for (i, q) in CONTENT.questionnaire.questions.iter().enumerate() {
            let no = q.options.iter().position(|o| o.key == "no");
            if let Some(no) = no
                && v[i].0 % 6 != 0
            {
                v[i].0 = no;
            }
        }
        v
    })
}

/// The phrases a step's why-line may use: those of its conditions that held, with an
/// umbrella condition standing for its narrower ones. Written out here from the rule text.
fn allowed_phrases(step: &Step, tags: &BTreeSet<String>) -> BTreeSet<String> {
    let conditions = &CONTENT.steps.conditions;
    let mut out = BTreeSet::new();
    for tag in step.when.all.iter().chain(&step.when.any) {
        if !tags.contains(tag) {
            continue;
        }
        let Some(words) = conditions.get(tag) else {
            continue;
        };
        if let Some(p) = &words.phrase {
            out.insert(p.clone());
        }
        for narrower in words.detail.iter().filter(|t| tags.contains(*t)) {
            if let Some(p) = conditions.get(narrower).and_then(|w| w.phrase.clone()) {
                out.insert(p);
            }
        }
    }
    out
}

fn saved(answers: &Answers) -> SavedData {
    let outcome = triage::triage(answers);
    let mut data = SavedData::default();
    let at = "2026-01-01T00:00:00Z".parse().unwrap();
    data.assessments.push(AssessmentRecord {
        id: "a1".into(),
        started_at: at,
        completed_at: at,
        answers: answers.clone(),
        outcome: outcome.kind,
        reasons: outcome.reasons.clone(),
        content_version: 1,
    });
    data
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 400,
        failure_persistence: Some(Box::new(FileFailurePersistence::Off)),
        ..ProptestConfig::default()
    })]

    #[test]
    fn every_step_and_why_line_is_true_to_the_answers(picks in picks(), p in 0usize..3) {
        let answers = answers_from(&picks);
        let voice = voice(Pronouns::ALL[p], "partner");
        let outcome = triage::triage(&answers);
        let path = Path::of(&outcome);
        let tags = plan::tags(&CONTENT, &answers, &outcome);
        let built = report::build(&CONTENT, &answers, &voice);
        let steps = plan::next_steps(&CONTENT, &answers, &outcome);
        prop_assert!(steps.len() <= CONTENT.steps.max_steps);
        prop_assert!(steps.len() <= 9, "{} steps", steps.len());
        prop_assert_eq!(steps.len(), built.steps.len());
        for (i, step) in steps.iter().enumerate() {
            prop_assert_eq!(&built.steps[i].id, &step.id);
            prop_assert!(step.when.matches(&tags), "'{}' shown but its condition fails", step.id);
            prop_assert!(path.allows(step.kind), "'{}' ({:?}) on path {:?}", step.id, step.kind, path);
            // Exclusions and order hold among the steps shown.
            for other in &steps[i + 1..] {
                prop_assert!(!step.excludes.contains(&other.id) && !other.excludes.contains(&step.id),
                    "'{}' and '{}' exclude each other", step.id, other.id);
                prop_assert!(!other.before.contains(&step.id), "'{}' must come before '{}'", other.id, step.id);
            }
            // The why-line: only phrases of conditions that held.
            let why = &built.steps[i].why;
            let allowed = allowed_phrases(step, &tags);
            for (tag, words) in &CONTENT.steps.conditions {
                let Some(phrase) = &words.phrase else { continue };
                if why.contains(&render(phrase, &voice)) {
                    prop_assert!(allowed.contains(phrase),
                        "'{}' cites '{}', which did not hold: {}", step.id, tag, why);
                }
            }
            // A step may point back to the step before when its reasons are the same ones.
            let points_back = why.starts_with("Because of the same answers as the step before.");
            if points_back {
                prop_assert!(i > 0, "'{}' points back from the first step", step.id);
                prop_assert_eq!(&allowed, &allowed_phrases(steps[i - 1], &tags),
                    "'{}' points back to different reasons", step.id);
            }
            for phrase in allowed.iter().filter(|_| !points_back) {
                prop_assert!(why.contains(&render(phrase, &voice)), "'{}' leaves out a reason: {}", step.id, why);
            }
            if !allowed.is_empty() {
                prop_assert!(why.starts_with("Because "), "'{}': {}", step.id, why);
            }
        }
    }

    #[test]
    fn no_gated_capability_shows_on_a_gated_path(picks in picks()) {
        let answers = answers_from(&picks);
        let data = saved(&answers);
        let path = gate::current(&data).unwrap();
        let can = path.capabilities();
        let home = session::home_items(&data);
        if !can.ask_log {
            prop_assert!(!home.contains(&HomeItem::LogAsk), "{:?}: Log an ask offered", path);
        }
        if !can.rehearsal {
            prop_assert!(!home.contains(&HomeItem::Rehearse), "{:?}: rehearsal offered", path);
            prop_assert!(!home.contains(&HomeItem::Script), "{:?}: a script offered", path);
        }
        let shown = doors::visible(&CONTENT, &data).unwrap_or_default();
        if !can.lower_doors {
            prop_assert!(shown.iter().all(|d| d.id == "discernment"), "{:?}: doors {:?}",
                path, shown.iter().map(|d| &d.id).collect::<Vec<_>>());
        }
        if !can.discernment {
            prop_assert!(shown.is_empty(), "{:?}: discernment offered", path);
            prop_assert!(!home.contains(&HomeItem::Doors), "{:?}: doors on the menu", path);
        }
        if !can.partner_reaction_prompts {
            let prompts = &CONTENT.after.solo.journal_prompts;
            for i in solo::journal_prompts(&CONTENT, &data) {
                prop_assert!(!prompts[i].about_partner, "{:?}: prompt '{}'", path, prompts[i].id);
            }
        }
        if path.is_safety() {
            prop_assert!(!solo::tools_shown(&data));
        }
        // Solo reading names no situation the user did not describe ("the kids").
        let tags = answers.tags(&CONTENT);
        let items = solo::items(&CONTENT, &data);
        let shown = |id: &str| items.iter().any(|item| matches!(item, solo::SoloItem::Section(i) if CONTENT.after.solo.sections[*i].id == id));
        for item in &items {
            if let solo::SoloItem::Section(i) = item {
                let section = &CONTENT.after.solo.sections[*i];
                prop_assert!(section.id != "kids" || tags.contains("kids_home"), "the kids, with none at home");
                prop_assert!(!section.id.starts_with("money") || tags.contains("money_barrier") || tags.contains("money_some"));
                // Nor a tool the user is not offered: the truce is named only beside it.
                prop_assert!(!section.body.contains("the truce") || shown("truce"), "{:?}: '{}' names the truce", path, section.id);
            }
        }
        // The plan agrees with the gate.
        let outcome = triage::triage(&answers);
        for step in plan::next_steps(&CONTENT, &answers, &outcome) {
            if !can.invitation_lines {
                prop_assert!(step.kind != StepKind::Invitation, "{:?}: '{}'", path, step.id);
            }
            if !can.lower_doors && !can.discernment {
                prop_assert!(step.kind != StepKind::Door, "{:?}: '{}'", path, step.id);
            }
        }
    }

    /// A red flag is never outranked: beside a screen-out, the path is the red-flag one, the
    /// red-flag answers are named first, and no couples format is offered.
    #[test]
    fn a_red_flag_beside_a_screen_out_leads(
        picks in picks(),
        screen in 0usize..4,
        red in 0usize..4,
    ) {
        let mut answers = answers_from(&picks);
        for q in &CONTENT.questionnaire.questions {
            if q.section == triage::SAFETY_SECTION {
                answers.set_one(&q.id, "no");
            }
        }
        let (q, key) = [
            ("screen_affair", "partner"),
            ("screen_addiction", "partner"),
            ("screen_crisis", "mine"),
            ("screen_gone", "said_done"),
        ][screen];
        answers.set_one(q, key);
        match red {
            0 => answers.set_one("sig_contempt", "sometimes"),
            1 => answers.set_one("sig_contempt", "often"),
            2 => answers.set_one("sig_underneath", "leverage"),
            _ => {
                answers.set_one("sig_no", "shutdown");
                answers.set_one("sig_calm", "wall");
            }
        }
        let outcome = triage::triage(&answers);
        prop_assert_eq!(outcome.kind, OutcomeKind::NotFirstStep);
        prop_assert!(!outcome.red_flags.is_empty());
        prop_assert_eq!(Path::of(&outcome), Path::RedFlag);
        let built = report::build(&CONTENT, &answers, &voice(Pronouns::They, "partner"));
        prop_assert!(built.steps.iter().all(|s| s.kind != StepKind::Door && s.kind != StepKind::Invitation));
        prop_assert!(built.steps.iter().any(|s| s.id == "red_own_support"));
        prop_assert!(built.steps.iter().any(|s| s.id == "safety_no_announce"));
        prop_assert!(!built.reasons.is_empty(), "the screen-out is named too");
    }
}

/// Words that state research about men. Allowed only where the partner is "he".
fn men_specific(text: &str) -> Option<&'static str> {
    let lower = text.to_lowercase();
    [
        "research on men",
        " men ",
        " men's",
        " men,",
        " men.",
        "men who",
        " male",
        "masculin",
        "among men",
    ]
    .into_iter()
    .find(|w| lower.contains(w))
}

#[test]
fn no_men_specific_research_off_the_he_path() {
    let mut checked = 0;
    for pronouns in [Pronouns::She, Pronouns::They] {
        for partner in ["partner", "wife", "girlfriend"] {
            let voice = voice(pronouns, partner);
            for (place, t) in overture::validate::all_texts(&CONTENT) {
                let shown = render(t, &voice);
                checked += 1;
                assert!(
                    men_specific(&format!(" {shown} ")).is_none(),
                    "{place} tells a {pronouns:?} user about men: {shown}"
                );
            }
        }
    }
    // And the he path still carries the findings where they apply.
    let he = voice(Pronouns::He, "husband");
    let any_for_him = overture::validate::all_texts(&CONTENT)
        .into_iter()
        .any(|(_, t)| men_specific(&format!(" {} ", render(t, &he))).is_some());
    assert!(
        any_for_him,
        "the men-specific findings vanished for everyone"
    );
    println!("{checked} texts checked");
}

// ------------------------------------------------------------------------------------------
// Six situations, in words.

/// A full set of answers: safety and screen-outs "no", every other question its first option,
/// then the given overrides.
fn situation(overrides: &[(&str, &[&str])]) -> Answers {
    let mut answers = Answers::new();
    for q in &CONTENT.questionnaire.questions {
        let key = if q.options.iter().any(|o| o.key == "no") && q.section != "signals" {
            "no"
        } else {
            q.options[0].key.as_str()
        };
        answers.set(&q.id, vec![key.to_string()]);
    }
    for (q, keys) in overrides {
        answers.set(q, keys.iter().map(|k| (*k).to_string()).collect());
    }
    answers
}

fn result_text(answers: &Answers, voice: &Voice) -> String {
    let mut data = saved(answers);
    data.profile = Some(overture::core::record::Profile {
        voice: voice.clone(),
        created_at: "2026-01-01T00:00:00Z".parse().unwrap(),
    });
    let record = &data.assessments[0];
    text::result(&CONTENT, &data, record, voice, Layout::Plain).join("\n")
}

const ABUSE_WORDS: [&str; 7] = [
    "abuse",
    "domestic",
    "advocate",
    "hotline",
    "abusive",
    "controls",
    "danger assessment",
];

#[test]
fn self_harm_alone_speaks_of_no_abuse() {
    let answers = situation(&[("self_harm", &["yes"])]);
    let data = saved(&answers);
    assert_eq!(gate::current(&data), Some(Path::SelfHarm));
    let shown = result_text(&answers, &voice(Pronouns::He, "husband"));
    for word in ABUSE_WORDS {
        assert!(
            !shown.to_lowercase().contains(word),
            "the self-harm result says '{word}':\n{shown}"
        );
    }
    insta::assert_snapshot!("self_harm_only", shown);
}

#[test]
fn a_partners_threats_of_self_harm_have_their_own_words() {
    let answers = situation(&[("safety_suicide_threat", &["yes"])]);
    assert_eq!(gate::path_of(&answers), Path::PartnerThreat);
    let shown = result_text(&answers, &voice(Pronouns::She, "wife"));
    assert!(
        shown.contains("threatening to hurt or kill herself"),
        "{shown}"
    );
    insta::assert_snapshot!("partner_threat_only", shown);
}

#[test]
fn abuse_gets_support_for_the_user_and_no_invitation() {
    let answers = situation(&[
        ("safety_afraid", &["yes"]),
        ("safety_control", &["not_sure"]),
    ]);
    assert_eq!(gate::path_of(&answers), Path::Abuse);
    let shown = result_text(&answers, &voice(Pronouns::He, "husband"));
    // Monitoring was answered no: no line says otherwise.
    assert!(!shown.contains("about being followed, tracked"), "{shown}");
    insta::assert_snapshot!("abuse", shown);
}

#[test]
fn an_affair_with_contempt_leads_with_the_red_flag() {
    let answers = situation(&[
        ("screen_affair", &["partner"]),
        ("sig_contempt", &["often"]),
    ]);
    assert_eq!(gate::path_of(&answers), Path::RedFlag);
    let shown = result_text(&answers, &voice(Pronouns::He, "husband"));
    let contempt = shown.find("contempt often").expect("the contempt is named");
    let affair = shown.find("affair").expect("the affair is named");
    assert!(contempt < affair, "the red flag leads:\n{shown}");
    assert!(
        shown.contains("announce"),
        "don't announce plans to leave:\n{shown}"
    );
    let built = report::build(&CONTENT, &answers, &voice(Pronouns::He, "husband"));
    assert!(
        built.steps.iter().all(|s| s.kind != StepKind::Door),
        "no couples format, not even discernment"
    );
    insta::assert_snapshot!("affair_and_contempt", shown);
}

#[test]
fn an_addiction_with_leverage_leads_with_the_red_flag() {
    let answers = situation(&[
        ("screen_addiction", &["partner"]),
        ("sig_underneath", &["leverage"]),
    ]);
    assert_eq!(gate::path_of(&answers), Path::RedFlag);
    let built = report::build(&CONTENT, &answers, &voice(Pronouns::They, "partner"));
    assert!(built.steps.iter().all(|s| s.kind != StepKind::Door));
    let shown = result_text(&answers, &voice(Pronouns::They, "partner"));
    insta::assert_snapshot!("addiction_and_leverage", shown);
}

#[test]
fn a_first_ask_with_every_answer_rich_is_a_plan_of_at_most_nine() {
    let every_reason: Vec<&str> = CONTENT
        .question("reasons")
        .unwrap()
        .options
        .iter()
        .map(|o| o.key.as_str())
        .collect();
    let answers = situation(&[
        ("reasons", &every_reason),
        ("asked_count", &["first"]),
        ("duration", &["very_long"]),
        ("kids", &["yes"]),
        ("money", &["yes"]),
        ("heat", &["criticism", "cold", "weapon", "contempt"]),
        ("sig_calm", &["fight"]),
    ]);
    let outcome = triage::triage(&answers);
    assert!(matches!(
        outcome.kind,
        OutcomeKind::Reachable | OutcomeKind::NotYetClear
    ));
    let built = report::build(&CONTENT, &answers, &voice(Pronouns::He, "husband"));
    assert!(built.steps.len() <= 9, "{} steps", built.steps.len());
    // A truce comes before any invitation when calm talks turn into fights.
    let ids: Vec<&str> = built.steps.iter().map(|s| s.id.as_str()).collect();
    let truce = ids.iter().position(|i| *i == "solo_truce");
    assert!(truce.is_some(), "{ids:?}");
    if let Some(ask) = ids.iter().position(|i| i.starts_with("inv_")) {
        assert!(truce < Some(ask), "{ids:?}");
    }
    insta::assert_snapshot!(
        "first_ask_rich",
        result_text(&answers, &voice(Pronouns::He, "husband"))
    );
}

#[test]
fn asked_many_times_gets_no_invitation_beside_stop_asking() {
    let answers = situation(&[("asked_count", &["many"])]);
    let built = report::build(&CONTENT, &answers, &voice(Pronouns::He, "husband"));
    let ids: Vec<&str> = built.steps.iter().map(|s| s.id.as_str()).collect();
    assert!(ids.contains(&"plan_stop_asking"), "{ids:?}");
    assert!(
        built.steps.iter().all(|s| s.kind != StepKind::Invitation),
        "{ids:?}"
    );
}

/// On the safety paths, solo work speaks to that path: no "your half of the pattern", no
/// prompt that looks for the user's own fault, a place to record what happened where there
/// is abuse, and nothing about abuse for someone who reported only thoughts of self-harm.
#[test]
fn solo_work_on_the_safety_paths_fits_the_path() {
    let sections = &CONTENT.after.solo.sections;
    let prompts = &CONTENT.after.solo.journal_prompts;
    for (yes, path) in [
        ("self_harm", Path::SelfHarm),
        ("safety_afraid", Path::Abuse),
        ("safety_suicide_threat", Path::PartnerThreat),
    ] {
        let data = saved(&situation(&[(yes, &["yes"])]));
        assert_eq!(gate::current(&data), Some(path));
        let voice = voice(Pronouns::She, "wife");
        let mut words = String::new();
        for item in solo::items(&CONTENT, &data) {
            if let solo::SoloItem::Section(i) = item {
                words.push_str(&render(&sections[i].body, &voice));
            }
            assert!(
                !matches!(item, solo::SoloItem::Builder(_)),
                "{path:?}: a builder"
            );
        }
        let shown: Vec<&str> = solo::journal_prompts(&CONTENT, &data)
            .into_iter()
            .map(|i| prompts[i].id.as_str())
            .collect();
        assert!(!shown.is_empty(), "{path:?}: no prompt at all");
        for blaming in ["blame", "tomorrow", "proud", "needs", "body"] {
            assert!(!shown.contains(&blaming), "{path:?}: prompt '{blaming}'");
        }
        for p in &shown {
            let i = prompts.iter().position(|x| x.id == *p).unwrap();
            words.push_str(&render(&prompts[i].text, &voice));
        }
        let lower = words.to_lowercase();
        assert!(!lower.contains("your part"), "{path:?}: {words}");
        if path == Path::SelfHarm {
            for word in ABUSE_WORDS {
                assert!(
                    !lower.contains(word),
                    "self-harm solo work says '{word}': {words}"
                );
            }
        } else {
            assert!(shown.contains(&"what_happened"), "{path:?}: {shown:?}");
        }
    }
}

#[test]
fn after_many_asks_the_summary_promises_no_more_asking() {
    let answers = situation(&[("asked_count", &["many"])]);
    let built = report::build(&CONTENT, &answers, &voice(Pronouns::She, "girlfriend"));
    assert!(
        built.summary.contains("setting the ask down"),
        "{}",
        built.summary
    );
    assert!(!built.summary.contains("asking in a way that can land"));
    for step in &built.steps {
        assert!(!step.body.contains("invite well"), "'{}'", step.id);
    }
}

/// Where contempt, leverage or an addiction comes first, solo work does not frame the
/// problem as a pattern the user keeps going, and offers no truce to negotiate.
#[test]
fn solo_work_where_a_red_flag_or_a_screen_out_comes_first_is_about_the_user() {
    for overrides in [
        &[("sig_contempt", &["often"][..])][..],
        &[("screen_addiction", &["partner"][..])][..],
    ] {
        let data = saved(&situation(overrides));
        let ids: Vec<&str> = solo::items(&CONTENT, &data)
            .into_iter()
            .filter_map(|item| match item {
                solo::SoloItem::Section(i) => Some(CONTENT.after.solo.sections[i].id.as_str()),
                _ => None,
            })
            .collect();
        assert!(
            !ids.contains(&"truce") && !ids.contains(&"one_person"),
            "{overrides:?}: {ids:?}"
        );
        let voice = Voice::default();
        let w = overture::pages::Words::new(&CONTENT, &voice);
        let page = overture::pages::after::solo(w, &data).0;
        let words = overture::pages::resources::lines(&page, false).join(" ");
        assert!(!words.contains("It takes two"), "{overrides:?}: {words}");
    }
}

/// On the safety path the same answers stand behind step after step: they are named once,
/// and the steps after point back to them instead of repeating the list eight times.
#[test]
fn the_same_reasons_are_named_once_not_under_every_step() {
    let answers = situation(&[
        ("safety_monitoring", &["yes"]),
        ("safety_control", &["yes"]),
        ("safety_afraid", &["yes"]),
    ]);
    let built = report::build(&CONTENT, &answers, &voice(Pronouns::He, "husband"));
    assert!(built.steps.len() >= 4, "{} steps", built.steps.len());
    let first_sentence = |why: &str| why.split(". ").next().unwrap_or("").to_string();
    for pair in built.steps.windows(2) {
        let (a, b) = (first_sentence(&pair[0].why), first_sentence(&pair[1].why));
        assert!(
            !(a.starts_with("Because you") && a == b),
            "repeated under {} and {}: {a}",
            pair[0].title,
            pair[1].title
        );
    }
    assert!(
        built.steps.iter().any(|s| s.why.starts_with("Because you")),
        "the answers are named somewhere"
    );
    assert!(
        built.steps.iter().any(|s| s
            .why
            .starts_with("Because of the same answers as the step before.")),
        "and pointed back to"
    );
}
