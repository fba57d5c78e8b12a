//! The safety gate and the "reluctant or red flag" triage.
//!
//! The hard rule under test: any abuse indicator (or the user's own thoughts of self-harm) wins
//! over every other answer, and then no invitation advice may be shown at all.
//!
//! The expected outcomes here are computed from a spec written out in this file from the rule
//! text in the module doc of `src/core/triage.rs`, never by calling the module's own helpers.
//! `spec_matches_the_module` checks only that the question ids and option keys this spec uses
//! are the ones the module reads, so a renamed id fails loudly instead of testing nothing.
//!
//! Run with `cargo test --test triage -- --nocapture` to see how many combinations the
//! exhaustive tests checked.

use OutcomeKind::{NotFirstStep, NotYetClear, Reachable, RedFlag, SafetyFirst};
use Reading::{Mixed, Reachable as R, RedFlag as F, Unanswered as U};
use overture::content::StepKind;
use overture::core::Answers;
use overture::core::plan;
use overture::core::triage::{
    self, ABUSE_QUESTIONS, Outcome, OutcomeKind, REQUIRED_QUESTIONS, Reading, Reason,
    SELF_HARM_QUESTION, Signal,
};
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;
use std::collections::BTreeSet;

// ---------------------------------------------------------------------------------------------
// The spec, written out independently of the module.
// ---------------------------------------------------------------------------------------------

/// Tier 1: the abuse indicators, one question each, in questionnaire order.
const ABUSE: [&str; 8] = [
    "safety_physical",
    "safety_sexual",
    "safety_threats",
    "safety_suicide_threat",
    "safety_choking_weapon",
    "safety_monitoring",
    "safety_control",
    "safety_afraid",
];
/// Tier 1: the user's own thoughts of self-harm.
const SELF_HARM: &str = "self_harm";
/// All nine safety questions: the eight abuse indicators, then self-harm.
const SAFETY: [&str; 9] = [
    ABUSE[0], ABUSE[1], ABUSE[2], ABUSE[3], ABUSE[4], ABUSE[5], ABUSE[6], ABUSE[7], SELF_HARM,
];
const SAFETY_OPTIONS: [&str; 3] = ["yes", "not_sure", "no"];
/// "Not sure" counts as a yes.
const SAFETY_TRIGGERS: [&str; 2] = ["yes", "not_sure"];

/// Tier 2: counseling is not the first step. In precedence order of the reasons.
struct Screen {
    question: &'static str,
    options: &'static [&'static str],
    triggers: &'static [&'static str],
    reason: Reason,
}

const SCREENS: [Screen; 4] = [
    Screen {
        question: "screen_affair",
        options: &["partner", "mine", "suspect", "no"],
        triggers: &["partner", "mine", "suspect"],
        reason: Reason::Affair,
    },
    Screen {
        question: "screen_addiction",
        options: &["partner", "mine", "not_sure", "no"],
        // "Active addiction": a "not sure" is not enough to route away from counseling.
        triggers: &["partner", "mine"],
        reason: Reason::Addiction,
    },
    Screen {
        question: "screen_crisis",
        options: &["partner", "mine", "no"],
        triggers: &["partner", "mine"],
        reason: Reason::Crisis,
    },
    Screen {
        question: "screen_gone",
        options: &["said_done", "checked_out", "no"],
        triggers: &["said_done", "checked_out"],
        reason: Reason::Gone,
    },
];

const SIG_NO: &str = "sig_no";
const SIG_CONTEMPT: &str = "sig_contempt";
const SIG_CALM: &str = "sig_calm";
const SIG_UNDERNEATH: &str = "sig_underneath";

/// The "reluctant but reachable / the actual red flag" table, one row per signal, in profile
/// order: which answers read as reachable, which as a red flag, which as mixed.
struct SignalRow {
    signal: Signal,
    question: &'static str,
    reachable: &'static [&'static str],
    red_flag: &'static [&'static str],
    mixed: &'static [&'static str],
}

const SIGNALS: [SignalRow; 4] = [
    SignalRow {
        signal: Signal::No,
        question: SIG_NO,
        reachable: &["reason"],
        red_flag: &["shutdown"],
        mixed: &["mixed", "not_asked"],
    },
    SignalRow {
        signal: Signal::Treatment,
        question: SIG_CONTEMPT,
        reachable: &["never", "rarely"],
        red_flag: &["sometimes", "often"],
        mixed: &[],
    },
    SignalRow {
        signal: Signal::Calm,
        question: SIG_CALM,
        reachable: &["curious", "defensive"],
        red_flag: &["wall"],
        mixed: &["fight", "untried"],
    },
    SignalRow {
        signal: Signal::Underneath,
        question: SIG_UNDERNEATH,
        reachable: &["shame", "self_reliance", "bad_past"],
        red_flag: &["gone", "leverage"],
        mixed: &["unclear"],
    },
];

impl SignalRow {
    fn options(&self) -> Vec<&'static str> {
        [self.reachable, self.red_flag, self.mixed].concat()
    }

    fn read(&self, key: Option<&str>) -> Reading {
        match key {
            None => Reading::Unanswered,
            Some(k) if self.reachable.contains(&k) => Reading::Reachable,
            Some(k) if self.red_flag.contains(&k) => Reading::RedFlag,
            Some(_) => Reading::Mixed,
        }
    }
}

/// Every question the spec reads, with its option keys, in questionnaire order.
fn spec_questions() -> Vec<(&'static str, Vec<&'static str>)> {
    SAFETY
        .iter()
        .map(|q| (*q, SAFETY_OPTIONS.to_vec()))
        .chain(SCREENS.iter().map(|s| (s.question, s.options.to_vec())))
        .chain(SIGNALS.iter().map(|r| (r.question, r.options())))
        .collect()
}

/// What the triage should say, computed from the rule text.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Expected {
    kind: OutcomeKind,
    reasons: Vec<Reason>,
    /// (question, key), sorted: which answers decided it.
    evidence: Vec<(String, String)>,
    profile: Vec<(Signal, Reading)>,
}

/// The one chosen key of a single-choice answer. The spec is only for well-formed answers.
fn key<'a>(answers: &'a Answers, question: &str) -> Option<&'a str> {
    match answers.get(question) {
        None | Some([]) => None,
        Some([k]) => Some(k.as_str()),
        Some(more) => panic!("the spec reads single answers only; {question} has {more:?}"),
    }
}

fn ev(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = pairs
        .iter()
        .map(|(q, k)| ((*q).to_string(), (*k).to_string()))
        .collect();
    v.sort();
    v
}

fn actual_evidence(outcome: &Outcome) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = outcome
        .evidence
        .iter()
        .map(|e| (e.question.to_string(), e.key.clone()))
        .collect();
    v.sort();
    v
}

/// Tiers 3 to 5 (and the "already gone" half of tier 2 that lives in `sig_underneath`), from
/// the four signal answers alone, straight from the rule text:
/// 2. "already gone" is not a first step for counseling;
/// 3. red flag: contempt (sometimes or often), refusal as leverage, or a wall of excuses with
///    never a reason (shutdown and wall together);
/// 4. reachable: still treated as a partner (contempt never or rarely), no signal reads as a
///    red flag, and at least two signals read as reachable;
/// 5. otherwise not yet clear.
fn expected_from_signals(
    no: Option<&str>,
    contempt: Option<&str>,
    calm: Option<&str>,
    underneath: Option<&str>,
) -> Expected {
    let keys = [no, contempt, calm, underneath];
    let profile: Vec<(Signal, Reading)> = SIGNALS
        .iter()
        .zip(keys)
        .map(|(row, k)| (row.signal, row.read(k)))
        .collect();
    let answered = |want: Reading| -> Vec<(&str, &str)> {
        SIGNALS
            .iter()
            .zip(keys)
            .filter(|(row, k)| row.read(*k) == want)
            .filter_map(|(row, k)| k.map(|k| (row.question, k)))
            .collect()
    };
    let done = |kind, reasons, evidence: Vec<(&str, &str)>| Expected {
        kind,
        reasons,
        evidence: ev(&evidence),
        profile: profile.clone(),
    };

    if underneath == Some("gone") {
        return done(
            OutcomeKind::NotFirstStep,
            vec![Reason::Gone],
            vec![(SIG_UNDERNEATH, "gone")],
        );
    }

    let mut red = Vec::new();
    if let Some(k @ ("sometimes" | "often")) = contempt {
        red.push((SIG_CONTEMPT, k));
    }
    if underneath == Some("leverage") {
        red.push((SIG_UNDERNEATH, "leverage"));
    }
    if no == Some("shutdown") && calm == Some("wall") {
        red.push((SIG_NO, "shutdown"));
        red.push((SIG_CALM, "wall"));
    }
    if !red.is_empty() {
        return done(OutcomeKind::RedFlag, vec![], red);
    }

    let still_a_partner = matches!(contempt, Some("never" | "rarely"));
    let reachable = answered(Reading::Reachable);
    let any_red = !answered(Reading::RedFlag).is_empty();
    if still_a_partner && !any_red && reachable.len() >= 2 {
        return done(OutcomeKind::Reachable, vec![], reachable);
    }

    let mut not_clear = answered(Reading::RedFlag);
    not_clear.extend(answered(Reading::Mixed));
    done(OutcomeKind::NotYetClear, vec![], not_clear)
}

/// The whole triage, from the rule text.
fn expected(answers: &Answers) -> Expected {
    // Tier 1.
    // Fail closed: any stored key that is a trigger, or that is not a known option, counts.
    let safety_hits: Vec<(&str, &str)> = SAFETY
        .iter()
        .filter_map(|q| {
            answers
                .get(q)?
                .iter()
                .map(String::as_str)
                .find(|k| SAFETY_TRIGGERS.contains(k) || !SAFETY_OPTIONS.contains(k))
                .map(|k| (*q, k))
        })
        .collect();
    if !safety_hits.is_empty() {
        let mut reasons = Vec::new();
        if safety_hits.iter().any(|(q, _)| ABUSE.contains(q)) {
            reasons.push(Reason::Abuse);
        }
        if safety_hits.iter().any(|(q, _)| *q == SELF_HARM) {
            reasons.push(Reason::SelfHarm);
        }
        return Expected {
            kind: OutcomeKind::SafetyFirst,
            reasons,
            evidence: ev(&safety_hits),
            profile: Vec::new(),
        };
    }

    // Tier 2, then the signals.
    let from_signals = expected_from_signals(
        key(answers, SIG_NO),
        key(answers, SIG_CONTEMPT),
        key(answers, SIG_CALM),
        key(answers, SIG_UNDERNEATH),
    );
    let mut reasons = Vec::new();
    let mut evidence = Vec::new();
    for screen in &SCREENS {
        if let Some(k) = key(answers, screen.question).filter(|k| screen.triggers.contains(k)) {
            reasons.push(screen.reason);
            evidence.push((screen.question, k));
        }
    }
    if key(answers, SIG_UNDERNEATH) == Some("gone") {
        if !reasons.contains(&Reason::Gone) {
            reasons.push(Reason::Gone);
        }
        evidence.push((SIG_UNDERNEATH, "gone"));
    }
    if reasons.is_empty() {
        return from_signals;
    }
    Expected {
        kind: OutcomeKind::NotFirstStep,
        reasons,
        evidence: ev(&evidence),
        profile: from_signals.profile,
    }
}

fn check(answers: &Answers, outcome: &Outcome, want: &Expected) {
    assert_eq!(outcome.kind, want.kind, "kind for {answers:?}");
    assert_eq!(outcome.reasons, want.reasons, "reasons for {answers:?}");
    assert_eq!(
        actual_evidence(outcome),
        want.evidence,
        "evidence for {answers:?}"
    );
    assert_eq!(outcome.profile, want.profile, "profile for {answers:?}");
}

// ---------------------------------------------------------------------------------------------
// Building answers.
// ---------------------------------------------------------------------------------------------

fn answers(pairs: &[(&str, &str)]) -> Answers {
    let mut a = Answers::new();
    for (q, k) in pairs {
        a.set_one(q, k);
    }
    a
}

fn with(base: &Answers, pairs: &[(&str, &str)]) -> Answers {
    let mut a = base.clone();
    for (q, k) in pairs {
        a.set_one(q, k);
    }
    a
}

fn safety_all_no() -> Vec<(&'static str, &'static str)> {
    SAFETY.iter().map(|q| (*q, "no")).collect()
}

fn screens_all_no() -> Vec<(&'static str, &'static str)> {
    SCREENS.iter().map(|s| (s.question, "no")).collect()
}

/// Everything but the safety questions, in several shapes, with the outcome each gives when
/// every safety answer is "no".
fn other_answer_sets() -> Vec<(&'static str, Answers, OutcomeKind)> {
    let great = [
        (SIG_NO, "reason"),
        (SIG_CONTEMPT, "never"),
        (SIG_CALM, "curious"),
        (SIG_UNDERNEATH, "shame"),
    ];
    let terrible = [
        (SIG_NO, "shutdown"),
        (SIG_CONTEMPT, "often"),
        (SIG_CALM, "wall"),
        (SIG_UNDERNEATH, "leverage"),
    ];
    let screens_hit = [
        ("screen_affair", "partner"),
        ("screen_addiction", "partner"),
        ("screen_crisis", "partner"),
        ("screen_gone", "said_done"),
    ];
    let great_all = [screens_all_no(), great.to_vec()].concat();
    let mut great_with_extras = answers(&great_all);
    great_with_extras.set_one("partner_name_initial", "yes");
    great_with_extras.set("unrelated_multi", vec!["yes".into(), "not_sure".into()]);
    great_with_extras.set("empty_answer", vec![]);
    vec![
        (
            "nothing else answered",
            Answers::new(),
            OutcomeKind::NotYetClear,
        ),
        (
            "everything else looks great",
            answers(&great_all),
            OutcomeKind::Reachable,
        ),
        (
            "everything else looks great, plus unrelated answers",
            great_with_extras,
            OutcomeKind::Reachable,
        ),
        (
            "everything else is terrible",
            answers(&[screens_hit.to_vec(), terrible.to_vec()].concat()),
            OutcomeKind::NotFirstStep,
        ),
        (
            "no screen-outs, every red flag",
            answers(&[screens_all_no(), terrible.to_vec()].concat()),
            OutcomeKind::RedFlag,
        ),
        (
            "every screen-out, signals great",
            answers(&[screens_hit.to_vec(), great.to_vec()].concat()),
            OutcomeKind::NotFirstStep,
        ),
        (
            "already gone underneath, everything else great",
            answers(
                &[
                    screens_all_no(),
                    vec![
                        (SIG_NO, "reason"),
                        (SIG_CONTEMPT, "never"),
                        (SIG_CALM, "curious"),
                        (SIG_UNDERNEATH, "gone"),
                    ],
                ]
                .concat(),
            ),
            OutcomeKind::NotFirstStep,
        ),
    ]
}

fn others_named(name: &str) -> Answers {
    other_answer_sets()
        .into_iter()
        .find(|(n, ..)| *n == name)
        .map(|(_, a, _)| a)
        .expect("a known answer set")
}

/// The `i`-th of `base^n` combinations: digit `j` picks the state of question `j`.
fn digits(mut i: usize, base: usize, n: usize) -> Vec<usize> {
    (0..n)
        .map(|_| {
            let d = i % base;
            i /= base;
            d
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// 0. The spec reads the questions the module reads.
// ---------------------------------------------------------------------------------------------

#[test]
fn spec_matches_the_module() {
    assert_eq!(ABUSE, ABUSE_QUESTIONS);
    assert_eq!(SELF_HARM, SELF_HARM_QUESTION);
    assert_eq!(triage::SAFETY_KEYS, SAFETY_OPTIONS);

    let norm = |keys: &[&str]| {
        keys.iter()
            .map(|k| (*k).to_string())
            .collect::<BTreeSet<_>>()
    };
    let module: Vec<(String, BTreeSet<String>)> = REQUIRED_QUESTIONS
        .iter()
        .map(|(q, keys)| ((*q).to_string(), norm(keys)))
        .collect();
    let spec: Vec<(String, BTreeSet<String>)> = spec_questions()
        .iter()
        .map(|(q, keys)| ((*q).to_string(), norm(keys)))
        .collect();
    assert_eq!(module, spec);

    for row in &SIGNALS {
        assert_eq!(row.signal.question(), row.question);
        // Every option falls in exactly one column of the table.
        let all = row.options();
        let unique: BTreeSet<_> = all.iter().collect();
        assert_eq!(
            all.len(),
            unique.len(),
            "{} has a key in two columns",
            row.question
        );
    }
    assert_eq!(
        SIGNALS.iter().map(|r| r.signal).collect::<Vec<_>>(),
        Signal::ALL
    );
}

// ---------------------------------------------------------------------------------------------
// 1. Exhaustive over the safety answers.
// ---------------------------------------------------------------------------------------------

/// Checks one answer set whose safety answers are `safety` (None = unanswered).
fn check_safety_combination(
    others_name: &str,
    others: &Answers,
    baseline: &Outcome,
    safety: &[Option<&'static str>; 9],
) {
    let mut a = others.clone();
    for (q, k) in SAFETY.iter().zip(safety) {
        if let Some(k) = k {
            a.set_one(q, k);
        }
    }
    let outcome = triage::triage(&a);
    let hits: Vec<(&str, &str)> = SAFETY
        .iter()
        .zip(safety)
        .filter_map(|(q, k)| k.filter(|k| SAFETY_TRIGGERS.contains(k)).map(|k| (*q, k)))
        .collect();
    let abuse_hit = hits.iter().any(|(q, _)| ABUSE.contains(q));
    let self_harm_hit = hits.iter().any(|(q, _)| *q == SELF_HARM);

    if hits.is_empty() {
        assert_ne!(
            outcome.kind,
            OutcomeKind::SafetyFirst,
            "[{others_name}] no safety trigger but safety first: {a:?}"
        );
        assert!(triage::safety_gate(&a).is_none(), "[{others_name}] {a:?}");
        // A "no" (or no answer) to every safety question leaves the rest of the triage alone.
        assert_eq!(&outcome, baseline, "[{others_name}] {a:?}");
        return;
    }

    assert_eq!(
        outcome.kind,
        OutcomeKind::SafetyFirst,
        "[{others_name}] safety trigger {hits:?} lost to other answers: {a:?}"
    );
    assert!(!outcome.kind.allows_invitation());
    assert!(!plan::allowed(StepKind::Invitation, outcome.kind));
    assert_eq!(outcome.reasons.contains(&Reason::Abuse), abuse_hit, "{a:?}");
    assert_eq!(
        outcome.reasons.contains(&Reason::SelfHarm),
        self_harm_hit,
        "{a:?}"
    );
    // Only safety reasons, abuse first ("in precedence order"), no duplicates.
    let want_reasons: Vec<Reason> = [
        abuse_hit.then_some(Reason::Abuse),
        self_harm_hit.then_some(Reason::SelfHarm),
    ]
    .into_iter()
    .flatten()
    .collect();
    assert_eq!(outcome.reasons, want_reasons, "{a:?}");
    assert_eq!(
        actual_evidence(&outcome),
        ev(&hits),
        "[{others_name}] evidence {a:?}"
    );
    assert!(
        outcome.profile.is_empty(),
        "no signal reading on the safety path"
    );
    let tags = outcome.tags();
    assert!(tags.contains(&"outcome_safety_first"));
    assert!(
        !tags.iter().any(|t| t.starts_with("route_")),
        "no screen-out route on the safety path: {tags:?}"
    );
    // The gate on its own and the early end of the flow say exactly the same.
    assert_eq!(triage::safety_gate(&a).as_ref(), Some(&outcome));
    assert_eq!(triage::early_outcome(&a).as_ref(), Some(&outcome));
}

#[test]
fn every_safety_combination_wins_over_every_other_answer() {
    let sets = other_answer_sets();
    let combos = 3usize.pow(9);
    let mut checked = 0;
    let mut triggered = 0;
    for (name, others, want_kind) in &sets {
        let baseline = triage::triage(&with(others, &safety_all_no()));
        assert_eq!(
            baseline.kind, *want_kind,
            "[{name}] with every safety answer no"
        );
        assert_eq!(
            baseline,
            triage::triage(others),
            "[{name}] safety unanswered vs no"
        );
        for i in 0..combos {
            let d = digits(i, 3, 9);
            let safety: [Option<&str>; 9] = std::array::from_fn(|j| Some(SAFETY_OPTIONS[d[j]]));
            check_safety_combination(name, others, &baseline, &safety);
            checked += 1;
            triggered += usize::from(d.iter().any(|&x| x < 2));
        }
    }
    assert_eq!(triggered, (combos - 1) * sets.len());
    println!(
        "safety gate: {combos} safety combinations (3^9) x {} other-answer sets = {checked} checked, \
         {triggered} safety-first",
        sets.len()
    );
}

#[test]
fn unanswered_safety_questions_count_as_no_and_never_hide_a_yes() {
    // yes, not_sure, no, unanswered for each of the nine: 4^9 combinations. Each gives exactly
    // the outcome of the same answers with every unanswered safety question set to "no", and
    // those 3^9 combinations are checked one by one above.
    let states = [Some("yes"), Some("not_sure"), Some("no"), None];
    let sets = other_answer_sets();
    let picked: Vec<_> = sets
        .iter()
        .filter(|(name, ..)| {
            *name == "everything else looks great" || *name == "everything else is terrible"
        })
        .collect();
    assert_eq!(picked.len(), 2);
    let combos = 4usize.pow(9);
    let mut checked = 0;
    for (name, others, _) in &picked {
        for i in 0..combos {
            let d = digits(i, 4, 9);
            let mut a = (*others).clone();
            let mut as_no = (*others).clone();
            for (q, &s) in SAFETY.iter().zip(&d) {
                as_no.set_one(q, states[s].unwrap_or("no"));
                if let Some(k) = states[s] {
                    a.set_one(q, k);
                }
            }
            let outcome = triage::triage(&a);
            assert_eq!(outcome, triage::triage(&as_no), "[{name}] {a:?}");
            assert_eq!(
                outcome.kind == SafetyFirst,
                d.iter().any(|&s| s < 2),
                "[{name}] {a:?}"
            );
            checked += 1;
        }
    }
    println!(
        "safety gate: {combos} combinations with unanswered (4^9) x {} sets = {checked} \
         checked against the same answers with \"no\"",
        picked.len()
    );

    // An answer stored as an empty list is no answer: it neither triggers nor hides another.
    let great = &others_named("everything else looks great");
    for (i, q) in SAFETY.iter().enumerate() {
        let mut a = with(great, &safety_all_no());
        a.set(q, vec![]);
        assert_eq!(triage::triage(&a).kind, OutcomeKind::Reachable, "{q} empty");
        let other = SAFETY[(i + 1) % SAFETY.len()];
        a.set_one(other, "not_sure");
        let outcome = triage::triage(&a);
        assert_eq!(
            outcome.kind,
            OutcomeKind::SafetyFirst,
            "{q} empty, {other} not sure"
        );
        assert_eq!(actual_evidence(&outcome), ev(&[(other, "not_sure")]));
    }
}

/// Fails today. See the report: `safety_gate` reads only the first key of a safety answer, so
/// a malformed answer with a "yes" after a "no" is missed. `Flow::answer` never stores that,
/// but `Answers::set` accepts any list and `Flow::resume` takes a saved draft's answers from
/// disk unchecked. A safety gate must fail closed.
#[test]
fn a_safety_yes_anywhere_in_a_stored_answer_still_triggers() {
    let great = &others_named("everything else looks great");
    for q in SAFETY {
        for trigger in SAFETY_TRIGGERS {
            for keys in [vec!["no", trigger], vec![trigger, "no"], vec!["", trigger]] {
                let mut a = with(great, &safety_all_no());
                a.set(q, keys.iter().map(|k| (*k).to_string()).collect());
                let outcome = triage::triage(&a);
                assert_eq!(
                    outcome.kind,
                    OutcomeKind::SafetyFirst,
                    "{q} = {keys:?} holds a '{trigger}' but the gate let it through"
                );
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// 2. Exhaustive over the screen-outs.
// ---------------------------------------------------------------------------------------------

#[test]
fn every_screen_out_combination() {
    let underneath = &SIGNALS[3];
    let mut underneath_states: Vec<Option<&str>> =
        underneath.options().into_iter().map(Some).collect();
    underneath_states.push(None);
    let other_signals: [(&str, [(&str, &str); 3]); 2] = [
        (
            "other signals great",
            [
                (SIG_NO, "reason"),
                (SIG_CONTEMPT, "never"),
                (SIG_CALM, "curious"),
            ],
        ),
        (
            "other signals terrible",
            [
                (SIG_NO, "shutdown"),
                (SIG_CONTEMPT, "often"),
                (SIG_CALM, "wall"),
            ],
        ),
    ];
    let sizes: Vec<usize> = SCREENS.iter().map(|s| s.options.len() + 1).collect();
    let screen_combos: usize = sizes.iter().product();
    let mut checked = 0;
    let mut screened = 0;
    for (name, signals) in &other_signals {
        let base = answers(&[safety_all_no(), signals.to_vec()].concat());
        for u in &underneath_states {
            for i in 0..screen_combos {
                let mut a = base.clone();
                if let Some(k) = u {
                    a.set_one(SIG_UNDERNEATH, k);
                }
                let mut rest = i;
                let mut reasons = Vec::new();
                let mut evidence = Vec::new();
                for (screen, size) in SCREENS.iter().zip(&sizes) {
                    let d = rest % size;
                    rest /= size;
                    // The last state is "unanswered".
                    if let Some(k) = screen.options.get(d) {
                        a.set_one(screen.question, k);
                        if screen.triggers.contains(k) {
                            reasons.push(screen.reason);
                            evidence.push((screen.question, *k));
                        }
                    }
                }
                if *u == Some("gone") {
                    if !reasons.contains(&Reason::Gone) {
                        reasons.push(Reason::Gone);
                    }
                    evidence.push((SIG_UNDERNEATH, "gone"));
                }

                let outcome = triage::triage(&a);
                checked += 1;
                if reasons.is_empty() {
                    assert!(
                        !matches!(
                            outcome.kind,
                            OutcomeKind::NotFirstStep | OutcomeKind::SafetyFirst
                        ),
                        "[{name}] no screen-out but {:?}: {a:?}",
                        outcome.kind
                    );
                    assert!(outcome.reasons.is_empty());
                    assert!(triage::early_outcome(&a).is_none(), "[{name}] {a:?}");
                    continue;
                }
                screened += 1;
                assert_eq!(outcome.kind, OutcomeKind::NotFirstStep, "[{name}] {a:?}");
                assert!(!outcome.kind.allows_invitation());
                assert!(!plan::allowed(StepKind::Invitation, outcome.kind));
                assert_eq!(outcome.reasons, reasons, "[{name}] reasons {a:?}");
                assert_eq!(actual_evidence(&outcome), ev(&evidence), "[{name}] {a:?}");
                let want_profile = expected_from_signals(
                    Some(signals[0].1),
                    Some(signals[1].1),
                    Some(signals[2].1),
                    *u,
                )
                .profile;
                assert_eq!(outcome.profile, want_profile, "[{name}] profile {a:?}");
                assert_eq!(triage::early_outcome(&a).as_ref(), Some(&outcome));
                assert!(triage::safety_gate(&a).is_none());
            }
        }
    }
    println!(
        "screen-outs: {screen_combos} screen combinations (5x5x4x4 incl. unanswered) x {} \
         sig_underneath states x {} signal sets = {checked} checked, {screened} not-first-step",
        underneath_states.len(),
        other_signals.len()
    );
}

// ---------------------------------------------------------------------------------------------
// 3. Readable cases for each of the five outcomes.
// ---------------------------------------------------------------------------------------------

struct Case {
    name: &'static str,
    /// On top of "every safety answer no, every screen-out no".
    answers: &'static [(&'static str, &'static str)],
    kind: OutcomeKind,
    reasons: &'static [Reason],
    evidence: &'static [(&'static str, &'static str)],
    /// No, Treatment, Calm, Underneath. `None`: no profile at all (the safety path).
    profile: Option<[Reading; 4]>,
}

const REACHABLE_SIGNALS: &[(&str, &str)] = &[
    (SIG_NO, "reason"),
    (SIG_CONTEMPT, "never"),
    (SIG_CALM, "curious"),
    (SIG_UNDERNEATH, "shame"),
];

const CASES: &[Case] = &[
    // Safety first.
    Case {
        name: "'not sure' whether I'm afraid of them beats a perfectly reachable partner",
        answers: &[
            ("safety_afraid", "not_sure"),
            (SIG_NO, "reason"),
            (SIG_CONTEMPT, "never"),
            (SIG_CALM, "curious"),
            (SIG_UNDERNEATH, "shame"),
        ],
        kind: SafetyFirst,
        reasons: &[Reason::Abuse],
        evidence: &[("safety_afraid", "not_sure")],
        profile: None,
    },
    Case {
        name: "they threatened to kill themselves if I leave: abuse, not my self-harm",
        answers: &[("safety_suicide_threat", "yes")],
        kind: SafetyFirst,
        reasons: &[Reason::Abuse],
        evidence: &[("safety_suicide_threat", "yes")],
        profile: None,
    },
    Case {
        name: "my own thoughts of self-harm, everything else fine",
        answers: &[
            (SELF_HARM, "yes"),
            (SIG_NO, "reason"),
            (SIG_CONTEMPT, "never"),
            (SIG_CALM, "curious"),
        ],
        kind: SafetyFirst,
        reasons: &[Reason::SelfHarm],
        evidence: &[(SELF_HARM, "yes")],
        profile: None,
    },
    Case {
        name: "monitoring and control plus self-harm: both reasons, abuse first",
        answers: &[
            ("safety_monitoring", "yes"),
            ("safety_control", "not_sure"),
            (SELF_HARM, "not_sure"),
        ],
        kind: SafetyFirst,
        reasons: &[Reason::Abuse, Reason::SelfHarm],
        evidence: &[
            ("safety_monitoring", "yes"),
            ("safety_control", "not_sure"),
            (SELF_HARM, "not_sure"),
        ],
        profile: None,
    },
    Case {
        name: "choking or a weapon beats an affair, an addiction and every red flag",
        answers: &[
            ("safety_choking_weapon", "yes"),
            ("screen_affair", "partner"),
            ("screen_addiction", "partner"),
            (SIG_CONTEMPT, "often"),
            (SIG_UNDERNEATH, "leverage"),
        ],
        kind: SafetyFirst,
        reasons: &[Reason::Abuse],
        evidence: &[("safety_choking_weapon", "yes")],
        profile: None,
    },
    // Counseling is not the first step.
    Case {
        name: "I suspect an affair, everything else reachable",
        answers: &[
            ("screen_affair", "suspect"),
            (SIG_NO, "reason"),
            (SIG_CONTEMPT, "never"),
            (SIG_CALM, "curious"),
            (SIG_UNDERNEATH, "shame"),
        ],
        kind: NotFirstStep,
        reasons: &[Reason::Affair],
        evidence: &[("screen_affair", "suspect")],
        profile: Some([R, R, R, R]),
    },
    Case {
        name: "their active addiction and a crisis of my own: both reasons, in order",
        answers: &[("screen_crisis", "mine"), ("screen_addiction", "partner")],
        kind: NotFirstStep,
        reasons: &[Reason::Addiction, Reason::Crisis],
        evidence: &[("screen_addiction", "partner"), ("screen_crisis", "mine")],
        profile: Some([U, U, U, U]),
    },
    Case {
        name: "they said they're done",
        answers: &[("screen_gone", "said_done"), (SIG_CONTEMPT, "never")],
        kind: NotFirstStep,
        reasons: &[Reason::Gone],
        evidence: &[("screen_gone", "said_done")],
        profile: Some([U, R, U, U]),
    },
    Case {
        name: "'already gone' underneath, with no contempt and a reason given",
        answers: &[
            (SIG_NO, "reason"),
            (SIG_CONTEMPT, "never"),
            (SIG_CALM, "curious"),
            (SIG_UNDERNEATH, "gone"),
        ],
        kind: NotFirstStep,
        reasons: &[Reason::Gone],
        evidence: &[(SIG_UNDERNEATH, "gone")],
        profile: Some([R, R, R, F]),
    },
    Case {
        name: "checked out and 'gone' underneath: one Gone reason, both answers as evidence",
        answers: &[("screen_gone", "checked_out"), (SIG_UNDERNEATH, "gone")],
        kind: NotFirstStep,
        reasons: &[Reason::Gone],
        evidence: &[("screen_gone", "checked_out"), (SIG_UNDERNEATH, "gone")],
        profile: Some([U, U, U, F]),
    },
    Case {
        name: "an affair beats contempt: the screen-out comes before the red flag",
        answers: &[("screen_affair", "mine"), (SIG_CONTEMPT, "often")],
        kind: NotFirstStep,
        reasons: &[Reason::Affair],
        evidence: &[("screen_affair", "mine")],
        profile: Some([U, F, U, U]),
    },
    // Red flag.
    Case {
        name: "contempt often beats every reachable signal",
        answers: &[
            (SIG_NO, "reason"),
            (SIG_CONTEMPT, "often"),
            (SIG_CALM, "curious"),
            (SIG_UNDERNEATH, "shame"),
        ],
        kind: RedFlag,
        reasons: &[],
        evidence: &[(SIG_CONTEMPT, "often")],
        profile: Some([R, F, R, R]),
    },
    Case {
        name: "contempt sometimes is already contempt",
        answers: &[
            (SIG_NO, "reason"),
            (SIG_CONTEMPT, "sometimes"),
            (SIG_CALM, "defensive"),
            (SIG_UNDERNEATH, "bad_past"),
        ],
        kind: RedFlag,
        reasons: &[],
        evidence: &[(SIG_CONTEMPT, "sometimes")],
        profile: Some([R, F, R, R]),
    },
    Case {
        name: "leverage: refusing therapy to win, with no contempt",
        answers: &[
            (SIG_NO, "reason"),
            (SIG_CONTEMPT, "never"),
            (SIG_CALM, "curious"),
            (SIG_UNDERNEATH, "leverage"),
        ],
        kind: RedFlag,
        reasons: &[],
        evidence: &[(SIG_UNDERNEATH, "leverage")],
        profile: Some([R, R, R, F]),
    },
    Case {
        name: "shutdown + wall: a wall of excuses with never a reason",
        answers: &[
            (SIG_NO, "shutdown"),
            (SIG_CONTEMPT, "rarely"),
            (SIG_CALM, "wall"),
            (SIG_UNDERNEATH, "self_reliance"),
        ],
        kind: RedFlag,
        reasons: &[],
        evidence: &[(SIG_NO, "shutdown"), (SIG_CALM, "wall")],
        profile: Some([F, R, F, R]),
    },
    Case {
        name: "contempt, leverage, shutdown and wall: all four are evidence",
        answers: &[
            (SIG_NO, "shutdown"),
            (SIG_CONTEMPT, "often"),
            (SIG_CALM, "wall"),
            (SIG_UNDERNEATH, "leverage"),
        ],
        kind: RedFlag,
        reasons: &[],
        evidence: &[
            (SIG_NO, "shutdown"),
            (SIG_CONTEMPT, "often"),
            (SIG_CALM, "wall"),
            (SIG_UNDERNEATH, "leverage"),
        ],
        profile: Some([F, F, F, F]),
    },
    Case {
        name: "contempt with only that question answered",
        answers: &[(SIG_CONTEMPT, "often")],
        kind: RedFlag,
        reasons: &[],
        evidence: &[(SIG_CONTEMPT, "often")],
        profile: Some([U, F, U, U]),
    },
    // Reachable.
    Case {
        name: "first-time asker, no contempt, shame underneath",
        answers: &[
            (SIG_NO, "not_asked"),
            (SIG_CONTEMPT, "never"),
            (SIG_CALM, "untried"),
            (SIG_UNDERNEATH, "shame"),
        ],
        kind: Reachable,
        reasons: &[],
        evidence: &[(SIG_CONTEMPT, "never"), (SIG_UNDERNEATH, "shame")],
        profile: Some([Mixed, R, Mixed, R]),
    },
    Case {
        name: "contempt rarely, reason, curious",
        answers: &[
            (SIG_NO, "reason"),
            (SIG_CONTEMPT, "rarely"),
            (SIG_CALM, "curious"),
            (SIG_UNDERNEATH, "unclear"),
        ],
        kind: Reachable,
        reasons: &[],
        evidence: &[
            (SIG_NO, "reason"),
            (SIG_CONTEMPT, "rarely"),
            (SIG_CALM, "curious"),
        ],
        profile: Some([R, R, R, Mixed]),
    },
    Case {
        name: "defensive and self-reliant, never contempt",
        answers: &[
            (SIG_NO, "mixed"),
            (SIG_CONTEMPT, "never"),
            (SIG_CALM, "defensive"),
            (SIG_UNDERNEATH, "self_reliance"),
        ],
        kind: Reachable,
        reasons: &[],
        evidence: &[
            (SIG_CONTEMPT, "never"),
            (SIG_CALM, "defensive"),
            (SIG_UNDERNEATH, "self_reliance"),
        ],
        profile: Some([Mixed, R, R, R]),
    },
    Case {
        name: "an addiction 'not sure' is not a screen-out on its own",
        answers: &[
            ("screen_addiction", "not_sure"),
            (SIG_NO, "reason"),
            (SIG_CONTEMPT, "never"),
            (SIG_CALM, "curious"),
            (SIG_UNDERNEATH, "shame"),
        ],
        kind: Reachable,
        reasons: &[],
        evidence: REACHABLE_SIGNALS,
        profile: Some([R, R, R, R]),
    },
    // Not yet clear.
    Case {
        name: "shutdown alone with curiosity",
        answers: &[
            (SIG_NO, "shutdown"),
            (SIG_CONTEMPT, "never"),
            (SIG_CALM, "curious"),
            (SIG_UNDERNEATH, "unclear"),
        ],
        kind: NotYetClear,
        reasons: &[],
        evidence: &[(SIG_NO, "shutdown"), (SIG_UNDERNEATH, "unclear")],
        profile: Some([F, R, R, Mixed]),
    },
    Case {
        name: "a wall, but they gave a reason and there is no contempt",
        answers: &[
            (SIG_NO, "reason"),
            (SIG_CONTEMPT, "never"),
            (SIG_CALM, "wall"),
            (SIG_UNDERNEATH, "shame"),
        ],
        kind: NotYetClear,
        reasons: &[],
        evidence: &[(SIG_CALM, "wall")],
        profile: Some([R, R, F, R]),
    },
    Case {
        name: "no contempt is one reachable signal; one is not enough",
        answers: &[
            (SIG_NO, "not_asked"),
            (SIG_CONTEMPT, "never"),
            (SIG_CALM, "fight"),
            (SIG_UNDERNEATH, "unclear"),
        ],
        kind: NotYetClear,
        reasons: &[],
        evidence: &[
            (SIG_NO, "not_asked"),
            (SIG_CALM, "fight"),
            (SIG_UNDERNEATH, "unclear"),
        ],
        profile: Some([Mixed, R, Mixed, Mixed]),
    },
    Case {
        name: "three reachable signals but the contempt question unanswered",
        answers: &[
            (SIG_NO, "reason"),
            (SIG_CALM, "curious"),
            (SIG_UNDERNEATH, "shame"),
        ],
        kind: NotYetClear,
        reasons: &[],
        evidence: &[],
        profile: Some([R, U, R, R]),
    },
    Case {
        name: "every safety and screen answer no, no signal answered yet",
        answers: &[],
        kind: NotYetClear,
        reasons: &[],
        evidence: &[],
        profile: Some([U, U, U, U]),
    },
];

#[test]
fn readable_cases_for_every_outcome() {
    let base = answers(&[safety_all_no(), screens_all_no()].concat());
    for case in CASES {
        let a = with(&base, case.answers);
        let outcome = triage::triage(&a);
        let name = case.name;
        assert_eq!(outcome.kind, case.kind, "{name}");
        assert_eq!(outcome.reasons, case.reasons, "{name}");
        assert_eq!(actual_evidence(&outcome), ev(case.evidence), "{name}");
        let profile: Vec<(Signal, Reading)> = match case.profile {
            None => Vec::new(),
            Some(readings) => Signal::ALL.into_iter().zip(readings).collect(),
        };
        assert_eq!(outcome.profile, profile, "{name}");
        // The profile is each signal read on its own, whatever the outcome.
        if case.profile.is_some() {
            assert_eq!(triage::profile(&a), profile, "{name}");
        }
        // The independent spec agrees with the hand-written row.
        check(&a, &outcome, &expected(&a));
        // Invitation advice only where the outcome allows it.
        assert_eq!(
            plan::allowed(StepKind::Invitation, outcome.kind),
            matches!(case.kind, Reachable | NotYetClear),
            "{name}"
        );
    }
    for kind in OutcomeKind::ALL {
        assert!(
            CASES.iter().any(|c| c.kind == kind),
            "no readable case for {kind:?}"
        );
    }
}

#[test]
fn nothing_answered_at_all_is_not_yet_clear() {
    let outcome = triage::triage(&Answers::new());
    assert_eq!(outcome.kind, NotYetClear);
    assert!(outcome.reasons.is_empty() && outcome.evidence.is_empty());
    assert_eq!(
        outcome.profile,
        Signal::ALL.into_iter().map(|s| (s, U)).collect::<Vec<_>>()
    );
    assert!(triage::early_outcome(&Answers::new()).is_none());
}

// ---------------------------------------------------------------------------------------------
// 4. Exhaustive over the signals.
// ---------------------------------------------------------------------------------------------

#[test]
fn every_signal_combination_follows_the_precedence_rules() {
    let base = answers(&[safety_all_no(), screens_all_no()].concat());
    let states: Vec<Vec<Option<&str>>> = SIGNALS
        .iter()
        .map(|row| {
            let mut s: Vec<Option<&str>> = row.options().into_iter().map(Some).collect();
            s.push(None);
            s
        })
        .collect();
    let mut checked = 0;
    let mut fully_answered = 0;
    let mut by_kind = std::collections::BTreeMap::new();
    for &no in &states[0] {
        for &contempt in &states[1] {
            for &calm in &states[2] {
                for &underneath in &states[3] {
                    let mut a = base.clone();
                    for (row, k) in SIGNALS.iter().zip([no, contempt, calm, underneath]) {
                        if let Some(k) = k {
                            a.set_one(row.question, k);
                        }
                    }
                    let outcome = triage::triage(&a);
                    let want = expected_from_signals(no, contempt, calm, underneath);
                    check(&a, &outcome, &want);

                    // The rules restated as properties of the result.
                    let contempt_shown = matches!(contempt, Some("sometimes" | "often"));
                    if underneath != Some("gone")
                        && (contempt_shown
                            || underneath == Some("leverage")
                            || (no == Some("shutdown") && calm == Some("wall")))
                    {
                        assert_eq!(outcome.kind, RedFlag, "no reachable signal outweighs {a:?}");
                    }
                    if outcome.kind == Reachable {
                        assert!(matches!(contempt, Some("never" | "rarely")));
                        assert!(outcome.profile.iter().all(|(_, r)| *r != F));
                        assert!(outcome.profile.iter().filter(|(_, r)| *r == R).count() >= 2);
                    }
                    assert_ne!(outcome.kind, SafetyFirst);
                    checked += 1;
                    fully_answered +=
                        usize::from([no, contempt, calm, underneath].iter().all(Option::is_some));
                    *by_kind.entry(outcome.kind).or_insert(0usize) += 1;
                }
            }
        }
    }
    assert_eq!(fully_answered, 4 * 4 * 5 * 6);
    assert_eq!(checked, 5 * 5 * 6 * 7);
    println!(
        "signals: {checked} combinations checked (4x4x5x6 = {fully_answered} fully answered, \
         plus unanswered); outcomes {by_kind:?}"
    );
}

// ---------------------------------------------------------------------------------------------
// 5. Random full answer sets.
// ---------------------------------------------------------------------------------------------

/// Per required question: one of its keys, or unanswered.
fn arb_required(safety_clear: bool) -> impl Strategy<Value = Vec<Option<&'static str>>> {
    spec_questions()
        .into_iter()
        .map(move |(q, keys)| {
            let keys = if safety_clear && SAFETY.contains(&q) {
                vec!["no"]
            } else {
                keys
            };
            proptest::option::of(proptest::sample::select(keys)).boxed()
        })
        .collect::<Vec<_>>()
}

/// Unrelated extra questions, with any keys (including none, or several).
fn arb_extras() -> impl Strategy<Value = Vec<(String, Vec<String>)>> {
    proptest::collection::vec(
        (
            "x_[a-z_]{1,10}",
            proptest::collection::vec("[a-z_]{0,9}", 0..3),
        ),
        0..5,
    )
}

/// A full answer set. Half the time every safety answer is "no" or unanswered, so the rest of
/// the triage gets exercised too.
fn arb_answers() -> impl Strategy<Value = Answers> {
    let required = prop_oneof![arb_required(true), arb_required(false)];
    (required, arb_extras()).prop_map(|(required, extras)| build(&required, &extras))
}

fn build(required: &[Option<&str>], extras: &[(String, Vec<String>)]) -> Answers {
    let mut a = Answers::new();
    for ((q, _), k) in spec_questions().iter().zip(required) {
        if let Some(k) = k {
            a.set_one(q, k);
        }
    }
    for (q, keys) in extras {
        a.set(q, keys.clone());
    }
    a
}

fn safety_triggered(a: &Answers) -> bool {
    SAFETY
        .iter()
        .any(|q| key(a, q).is_some_and(|k| SAFETY_TRIGGERS.contains(&k)))
}

/// The safety answers of `safety_from` with everything else from `rest_from`.
fn splice(safety_from: &Answers, rest_from: &Answers) -> Answers {
    let mut a = Answers::new();
    for (q, keys) in rest_from.iter() {
        if !SAFETY.contains(&q.as_str()) {
            a.set(q, keys.clone());
        }
    }
    for q in SAFETY {
        if let Some(keys) = safety_from.get(q) {
            a.set(q, keys.to_vec());
        }
    }
    a
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 1000,
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(
            "proptest-regressions/triage.txt",
        ))),
        ..ProptestConfig::default()
    })]

    /// The triage agrees with the spec everywhere, and a safety trigger is always safety first.
    #[test]
    fn any_safety_trigger_is_safety_first(a in arb_answers()) {
        let outcome = triage::triage(&a);
        check(&a, &outcome, &expected(&a));
        if safety_triggered(&a) {
            prop_assert_eq!(outcome.kind, SafetyFirst);
            prop_assert!(!outcome.kind.allows_invitation());
        } else {
            prop_assert_ne!(outcome.kind, SafetyFirst);
        }
    }

    /// While a safety trigger stands, no other answer can change anything in the outcome.
    #[test]
    fn other_answers_never_move_a_safety_outcome(
        a in arb_answers(),
        b in arb_answers(),
        which in 0..SAFETY.len(),
        trigger in proptest::sample::select(SAFETY_TRIGGERS.to_vec()),
        junk in proptest::collection::vec(
            (0..8usize, proptest::collection::vec("[a-z_]{0,9}", 0..3)),
            0..4,
        ),
    ) {
        let a = with(&a, &[(SAFETY[which], trigger)]);
        let before = triage::triage(&a);
        prop_assert_eq!(before.kind, SafetyFirst);
        let mixed = splice(&a, &b);
        prop_assert_eq!(triage::triage(&mixed), before.clone());
        // Even malformed non-safety answers (unknown keys, several keys, none) change nothing.
        let mut junked = mixed;
        for (i, keys) in junk {
            junked.set(spec_questions()[SAFETY.len() + i].0, keys);
        }
        prop_assert_eq!(triage::triage(&junked), before.clone());
        // Also with every non-safety answer removed.
        let alone = splice(&a, &Answers::new());
        prop_assert_eq!(triage::triage(&alone), before);
    }

    /// Turning any safety "no" (or no answer) into "yes" or "not sure" always gives safety
    /// first, and never loses a reason or a piece of evidence it had.
    #[test]
    fn more_safety_concerns_never_lower_the_outcome(
        a in arb_answers(),
        flips in proptest::collection::btree_set(0..SAFETY.len(), 1..=SAFETY.len()),
        trigger in proptest::sample::select(SAFETY_TRIGGERS.to_vec()),
    ) {
        let before = triage::triage(&a);
        let mut b = a.clone();
        for &i in &flips {
            if key(&a, SAFETY[i]).is_none_or(|k| k == "no") {
                b.set_one(SAFETY[i], trigger);
            }
        }
        let after = triage::triage(&b);
        prop_assert_eq!(after.kind, SafetyFirst);
        for r in &before.reasons {
            if matches!(r, Reason::Abuse | Reason::SelfHarm) {
                prop_assert!(after.reasons.contains(r));
            }
        }
        if before.kind == SafetyFirst {
            let have = actual_evidence(&after);
            for e in actual_evidence(&before) {
                prop_assert!(have.contains(&e));
            }
        }
    }

    /// Unrelated questions never matter.
    #[test]
    fn unrelated_answers_never_matter(a in arb_answers(), extras in arb_extras()) {
        let mut b = a.clone();
        for (q, keys) in &extras {
            b.set(q, keys.clone());
        }
        prop_assert_eq!(triage::triage(&b), triage::triage(&a));
    }

    /// Past the gate, no invitation advice; on the safety path, only safety and support.
    #[test]
    fn no_invitation_past_the_gate(a in arb_answers()) {
        let kind = triage::triage(&a).kind;
        if matches!(kind, SafetyFirst | NotFirstStep | RedFlag) {
            prop_assert!(!plan::allowed(StepKind::Invitation, kind));
            prop_assert!(!kind.allows_invitation());
        }
        if kind == SafetyFirst {
            for step in STEP_KINDS {
                prop_assert_eq!(
                    plan::allowed(step, kind),
                    matches!(step, StepKind::Safety | StepKind::Support)
                );
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// 6. What kind of advice each outcome allows.
// ---------------------------------------------------------------------------------------------

const STEP_KINDS: [StepKind; 6] = [
    StepKind::Safety,
    StepKind::Support,
    StepKind::Invitation,
    StepKind::Door,
    StepKind::Solo,
    StepKind::Plan,
];

/// Fails to compile if a `StepKind` is added without updating `STEP_KINDS` and the table.
fn step_kind_column(kind: StepKind) -> usize {
    match kind {
        StepKind::Safety => 0,
        StepKind::Support => 1,
        StepKind::Invitation => 2,
        StepKind::Door => 3,
        StepKind::Solo => 4,
        StepKind::Plan => 5,
    }
}

#[test]
fn allowed_advice_for_every_path() {
    use overture::core::gate::Path;
    //                        Safety Support Invite Door   Solo   Plan
    let table: [(Path, [bool; 6]); 11] = [
        (Path::Abuse, [true, true, false, false, false, false]),
        (
            Path::PartnerThreat,
            [true, true, false, false, false, false],
        ),
        (Path::SelfHarm, [true, true, false, false, false, false]),
        (Path::Recheck, [true, true, false, false, false, false]),
        (Path::RedFlag, [true, true, false, false, true, true]),
        (Path::Affair, [true, true, false, false, true, true]),
        (Path::Addiction, [true, true, false, false, true, true]),
        (Path::Crisis, [true, true, false, false, true, true]),
        // A partner already leaving: discernment is the one door that can be the route.
        (Path::Gone, [true, true, false, true, true, true]),
        (Path::Reachable, [true, true, true, true, true, true]),
        (Path::Unclear, [true, true, true, true, true, true]),
    ];
    assert_eq!(table.iter().map(|(p, _)| *p).collect::<Vec<_>>(), Path::ALL);
    for (i, step) in STEP_KINDS.iter().enumerate() {
        assert_eq!(step_kind_column(*step), i);
    }
    let mut checked = 0;
    for (path, row) in table {
        for step in STEP_KINDS {
            assert_eq!(
                path.allows(step),
                row[step_kind_column(step)],
                "{step:?} on {path:?}"
            );
            checked += 1;
        }
        assert_eq!(
            path.allows(StepKind::Invitation),
            path.tier().allows_invitation(),
            "allows_invitation and the gate disagree on {path:?}"
        );
    }
    // The tier-level view is what every path of the tier allows.
    for outcome in OutcomeKind::ALL {
        for step in STEP_KINDS {
            let every = table
                .iter()
                .filter(|(p, _)| p.tier() == outcome)
                .all(|(_, row)| row[step_kind_column(step)]);
            assert_eq!(
                plan::allowed(step, outcome),
                every,
                "{step:?} on {outcome:?}"
            );
        }
    }
    println!("the gate: {checked} (step kind, path) pairs checked");
}
