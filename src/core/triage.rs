//! The safety gate and the "reluctant or red flag" triage.
//!
//! Non-compensatory precedence, first match wins, nothing later can outweigh an earlier match:
//! 1. safety first (any abuse indicator, or the user's own thoughts of self-harm);
//! 2. counseling is not the first step (affair, active addiction, untreated crisis, already gone);
//! 3. red flag (contempt, refusal as leverage, a wall of excuses with never a reason);
//! 4. reachable (still treated as a partner, no red-flag signal, at least two reachable signals);
//! 5. not yet clear.
//!
//! This is code, not content, so that no content edit can ever weaken the gate. The content
//! supplies only the wording; validation checks the questions and option keys read here exist.

use super::Answers;
use serde::{Deserialize, Serialize};

pub const SAFETY_SECTION: &str = "safety";
pub const SCREEN_SECTION: &str = "screen";
/// The red-flag questions: asked after a screen-out too, so a red flag is never hidden by it.
pub const SIGNALS_SECTION: &str = "signals";

/// Option keys of every safety question. "Not sure" counts as a yes: a false alarm costs a
/// detour through individual support; a miss could put someone in a room with their abuser.
pub const SAFETY_KEYS: [&str; 3] = ["yes", "not_sure", "no"];
const SAFETY_TRIGGERS: [&str; 2] = ["yes", "not_sure"];

/// The abuse indicators, one question each.
pub const ABUSE_QUESTIONS: [&str; 8] = [
    "safety_physical",
    "safety_sexual",
    "safety_threats",
    "safety_suicide_threat",
    "safety_choking_weapon",
    "safety_monitoring",
    "safety_control",
    "safety_afraid",
];
/// The safety questions about what has ever happened ("Has your partner ever hit you"). A
/// later "No" cannot make an earlier "Yes" untrue, so such an answer stands until the user
/// deletes the entry that holds it. The other abuse questions ask about now (followed,
/// controlled, afraid): for them the latest answer speaks.
pub const EVER_QUESTIONS: [&str; 5] = [
    ABUSE_QUESTIONS[0],
    ABUSE_QUESTIONS[1],
    ABUSE_QUESTIONS[2],
    ABUSE_QUESTIONS[3],
    ABUSE_QUESTIONS[4],
];
pub const SELF_HARM_QUESTION: &str = "self_harm";
/// Forced or pressured sex: a "yes" or "not sure" brings the line for sexual violence too.
pub const SEXUAL_QUESTION: &str = ABUSE_QUESTIONS[1];
/// The partner's threats of self-harm used to steer the user: abuse, with its own words.
pub const PARTNER_THREAT_QUESTION: &str = ABUSE_QUESTIONS[3];

pub const AFFAIR_QUESTION: &str = "screen_affair";
pub const ADDICTION_QUESTION: &str = "screen_addiction";
pub const CRISIS_QUESTION: &str = "screen_crisis";
pub const GONE_QUESTION: &str = "screen_gone";

pub const NO_QUESTION: &str = "sig_no";
pub const CONTEMPT_QUESTION: &str = "sig_contempt";
pub const CALM_QUESTION: &str = "sig_calm";
pub const UNDERNEATH_QUESTION: &str = "sig_underneath";

/// Every question the triage reads, with exactly the option keys it expects.
pub const REQUIRED_QUESTIONS: [(&str, &[&str]); 17] = [
    (ABUSE_QUESTIONS[0], &SAFETY_KEYS),
    (ABUSE_QUESTIONS[1], &SAFETY_KEYS),
    (ABUSE_QUESTIONS[2], &SAFETY_KEYS),
    (ABUSE_QUESTIONS[3], &SAFETY_KEYS),
    (ABUSE_QUESTIONS[4], &SAFETY_KEYS),
    (ABUSE_QUESTIONS[5], &SAFETY_KEYS),
    (ABUSE_QUESTIONS[6], &SAFETY_KEYS),
    (ABUSE_QUESTIONS[7], &SAFETY_KEYS),
    (SELF_HARM_QUESTION, &SAFETY_KEYS),
    (AFFAIR_QUESTION, &["partner", "mine", "suspect", "no"]),
    (ADDICTION_QUESTION, &["partner", "mine", "not_sure", "no"]),
    (CRISIS_QUESTION, &["partner", "mine", "no"]),
    (GONE_QUESTION, &["said_done", "checked_out", "no"]),
    (NO_QUESTION, &["reason", "mixed", "shutdown", "not_asked"]),
    (
        CONTEMPT_QUESTION,
        &["never", "rarely", "sometimes", "often"],
    ),
    (
        CALM_QUESTION,
        &["curious", "defensive", "wall", "fight", "untried"],
    ),
    (
        UNDERNEATH_QUESTION,
        &[
            "shame",
            "self_reliance",
            "bad_past",
            "gone",
            "leverage",
            "unclear",
        ],
    ),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OutcomeKind {
    SafetyFirst,
    NotFirstStep,
    RedFlag,
    Reachable,
    NotYetClear,
}

impl OutcomeKind {
    pub const ALL: [OutcomeKind; 5] = [
        OutcomeKind::SafetyFirst,
        OutcomeKind::NotFirstStep,
        OutcomeKind::RedFlag,
        OutcomeKind::Reachable,
        OutcomeKind::NotYetClear,
    ];

    pub fn id(self) -> &'static str {
        match self {
            OutcomeKind::SafetyFirst => "safety_first",
            OutcomeKind::NotFirstStep => "not_first_step",
            OutcomeKind::RedFlag => "red_flag",
            OutcomeKind::Reachable => "reachable",
            OutcomeKind::NotYetClear => "not_yet_clear",
        }
    }

    /// The tag next-step rules use for this outcome.
    pub fn tag(self) -> &'static str {
        match self {
            OutcomeKind::SafetyFirst => "outcome_safety_first",
            OutcomeKind::NotFirstStep => "outcome_not_first_step",
            OutcomeKind::RedFlag => "outcome_red_flag",
            OutcomeKind::Reachable => "outcome_reachable",
            OutcomeKind::NotYetClear => "outcome_not_yet_clear",
        }
    }

    /// Whether invitation scripts and "lower the bar" advice may be shown at all.
    pub fn allows_invitation(self) -> bool {
        matches!(self, OutcomeKind::Reachable | OutcomeKind::NotYetClear)
    }
}

/// Why the gate stopped at tier 1 or 2.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    Abuse,
    SelfHarm,
    Affair,
    Addiction,
    Crisis,
    Gone,
}

impl Reason {
    pub const ALL: [Reason; 6] = [
        Reason::Abuse,
        Reason::SelfHarm,
        Reason::Affair,
        Reason::Addiction,
        Reason::Crisis,
        Reason::Gone,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Reason::Abuse => "abuse",
            Reason::SelfHarm => "self_harm",
            Reason::Affair => "affair",
            Reason::Addiction => "addiction",
            Reason::Crisis => "crisis",
            Reason::Gone => "gone",
        }
    }

    pub fn tag(self) -> &'static str {
        match self {
            Reason::Abuse => "gate_abuse",
            Reason::SelfHarm => "gate_self_harm",
            Reason::Affair => "route_affair",
            Reason::Addiction => "route_addiction",
            Reason::Crisis => "route_crisis",
            Reason::Gone => "route_gone",
        }
    }
}

/// The four signal pairs of the "reluctant but reachable / the actual red flag" table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Signal {
    No,
    Treatment,
    Calm,
    Underneath,
}

impl Signal {
    pub const ALL: [Signal; 4] = [
        Signal::No,
        Signal::Treatment,
        Signal::Calm,
        Signal::Underneath,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Signal::No => "no",
            Signal::Treatment => "treatment",
            Signal::Calm => "calm",
            Signal::Underneath => "underneath",
        }
    }

    pub fn question(self) -> &'static str {
        match self {
            Signal::No => NO_QUESTION,
            Signal::Treatment => CONTEMPT_QUESTION,
            Signal::Calm => CALM_QUESTION,
            Signal::Underneath => UNDERNEATH_QUESTION,
        }
    }

    fn read(self, key: &str) -> Reading {
        match (self, key) {
            (Signal::No, "reason")
            | (Signal::Treatment, "never" | "rarely")
            | (Signal::Calm, "curious" | "defensive")
            | (Signal::Underneath, "shame" | "self_reliance" | "bad_past") => Reading::Reachable,
            (Signal::No, "shutdown")
            | (Signal::Treatment, "sometimes" | "often")
            | (Signal::Calm, "wall")
            | (Signal::Underneath, "gone" | "leverage") => Reading::RedFlag,
            _ => Reading::Mixed,
        }
    }
}

/// Which column of the table one answer falls in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reading {
    Reachable,
    RedFlag,
    Mixed,
    Unanswered,
}

/// One answer that helped decide the outcome.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    pub question: &'static str,
    pub key: String,
}

/// The tag rules see when any red-flag answer was given, whatever the outcome.
pub const RED_FLAG_SIGNAL_TAG: &str = "red_flag_signal";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub kind: OutcomeKind,
    /// For safety first and "not the first step": every reason that applies, in precedence order.
    pub reasons: Vec<Reason>,
    /// The answers that decided it ("why am I seeing this").
    pub evidence: Vec<Evidence>,
    /// The four signals, each read on its own: a profile, not a total.
    pub profile: Vec<(Signal, Reading)>,
    /// The red-flag answers (contempt, leverage, a shutdown with a wall). On the red-flag
    /// outcome they are its evidence; beside a screen-out they are kept here, because a red
    /// flag is never outranked by another reason.
    pub red_flags: Vec<Evidence>,
}

impl Outcome {
    /// The tags next-step rules can use: the outcome and its reasons.
    pub fn tags(&self) -> Vec<&'static str> {
        std::iter::once(self.kind.tag())
            .chain(self.reasons.iter().map(|r| r.tag()))
            .chain(
                (!self.red_flags.is_empty() || self.kind == OutcomeKind::RedFlag)
                    .then_some(RED_FLAG_SIGNAL_TAG),
            )
            .collect()
    }
}

fn answered_in(answers: &Answers, question: &'static str, keys: &[&str]) -> Option<Evidence> {
    answers
        .single(question)
        .filter(|k| keys.contains(k))
        .map(|k| Evidence {
            question,
            key: k.to_string(),
        })
}

/// A safety answer that triggers the gate. Fails closed: every stored key is read (not just
/// the first), and a key that is not one of the known options counts as a trigger, so a
/// damaged or hand-edited draft can never slip past the gate.
fn safety_trigger(answers: &Answers, question: &'static str) -> Option<Evidence> {
    answers
        .get(question)?
        .iter()
        .find(|k| SAFETY_TRIGGERS.contains(&k.as_str()) || !SAFETY_KEYS.contains(&k.as_str()))
        .map(|k| Evidence {
            question,
            key: k.clone(),
        })
}

/// The safety outcome of the answers to [`EVER_QUESTIONS`] alone: `Some` if any of them is
/// a "yes" or "not sure".
pub fn ever_danger(answers: &Answers) -> Option<Outcome> {
    let evidence: Vec<Evidence> = EVER_QUESTIONS
        .iter()
        .filter_map(|q| safety_trigger(answers, q))
        .collect();
    (!evidence.is_empty()).then(|| Outcome {
        kind: OutcomeKind::SafetyFirst,
        reasons: vec![Reason::Abuse],
        evidence,
        profile: Vec::new(),
        red_flags: Vec::new(),
    })
}

/// Tier 1 alone: the abuse indicators and self-harm. `Some` means safety first.
pub fn safety_gate(answers: &Answers) -> Option<Outcome> {
    let mut reasons = Vec::new();
    let mut evidence: Vec<Evidence> = ABUSE_QUESTIONS
        .iter()
        .filter_map(|q| safety_trigger(answers, q))
        .collect();
    if !evidence.is_empty() {
        reasons.push(Reason::Abuse);
    }
    if let Some(e) = safety_trigger(answers, SELF_HARM_QUESTION) {
        reasons.push(Reason::SelfHarm);
        evidence.push(e);
    }
    (!reasons.is_empty()).then(|| Outcome {
        kind: OutcomeKind::SafetyFirst,
        reasons,
        evidence,
        profile: Vec::new(),
        red_flags: Vec::new(),
    })
}

/// Tier 2 alone: the screen-outs.
fn screen_outs(answers: &Answers) -> Option<Outcome> {
    let checks: [(Reason, &'static str, &[&str]); 5] = [
        (
            Reason::Affair,
            AFFAIR_QUESTION,
            &["partner", "mine", "suspect"],
        ),
        (Reason::Addiction, ADDICTION_QUESTION, &["partner", "mine"]),
        (Reason::Crisis, CRISIS_QUESTION, &["partner", "mine"]),
        (Reason::Gone, GONE_QUESTION, &["said_done", "checked_out"]),
        (Reason::Gone, UNDERNEATH_QUESTION, &["gone"]),
    ];
    let mut reasons = Vec::new();
    let mut evidence = Vec::new();
    for (reason, question, keys) in checks {
        if let Some(e) = answered_in(answers, question, keys) {
            if !reasons.contains(&reason) {
                reasons.push(reason);
            }
            evidence.push(e);
        }
    }
    (!reasons.is_empty()).then(|| Outcome {
        kind: OutcomeKind::NotFirstStep,
        reasons,
        evidence,
        profile: profile(answers),
        red_flags: red_flag_evidence(answers),
    })
}

/// Tier 3's answers: contempt, leverage, or a shutdown together with a wall of excuses.
fn red_flag_evidence(answers: &Answers) -> Vec<Evidence> {
    let mut red = Vec::new();
    red.extend(answered_in(
        answers,
        CONTEMPT_QUESTION,
        &["sometimes", "often"],
    ));
    red.extend(answered_in(answers, UNDERNEATH_QUESTION, &["leverage"]));
    if let (Some(shutdown), Some(wall)) = (
        answered_in(answers, NO_QUESTION, &["shutdown"]),
        answered_in(answers, CALM_QUESTION, &["wall"]),
    ) {
        red.push(shutdown);
        red.push(wall);
    }
    red
}

/// The tier is already fixed by the safety check or the screen-outs. After a screen-out the
/// check-in still asks the red-flag questions (`SIGNALS_SECTION`), then ends.
pub fn early_outcome(answers: &Answers) -> Option<Outcome> {
    safety_gate(answers).or_else(|| screen_outs(answers))
}

/// Each signal read on its own.
pub fn profile(answers: &Answers) -> Vec<(Signal, Reading)> {
    Signal::ALL
        .iter()
        .map(|&s| {
            let reading = answers
                .single(s.question())
                .map_or(Reading::Unanswered, |k| s.read(k));
            (s, reading)
        })
        .collect()
}

/// The full triage, first match wins.
pub fn triage(answers: &Answers) -> Outcome {
    if let Some(outcome) = early_outcome(answers) {
        return outcome;
    }
    let profile = profile(answers);
    let reading = |s: Signal| {
        profile
            .iter()
            .find(|(x, _)| *x == s)
            .map_or(Reading::Unanswered, |(_, r)| *r)
    };

    // Tier 3: contempt, leverage, or a wall with never a reason.
    let red = red_flag_evidence(answers);
    if !red.is_empty() {
        return Outcome {
            kind: OutcomeKind::RedFlag,
            reasons: Vec::new(),
            evidence: red.clone(),
            profile,
            red_flags: red,
        };
    }

    // Tier 4: still a partner, nothing on the red side, and at least two signals reachable.
    let reachable_count = profile
        .iter()
        .filter(|(_, r)| *r == Reading::Reachable)
        .count();
    let any_red = profile.iter().any(|(_, r)| *r == Reading::RedFlag);
    let signal_evidence = |want: Reading| -> Vec<Evidence> {
        profile
            .iter()
            .filter(|(_, r)| *r == want)
            .filter_map(|(s, _)| {
                answers.single(s.question()).map(|k| Evidence {
                    question: s.question(),
                    key: k.to_string(),
                })
            })
            .collect()
    };
    if reading(Signal::Treatment) == Reading::Reachable && !any_red && reachable_count >= 2 {
        return Outcome {
            kind: OutcomeKind::Reachable,
            reasons: Vec::new(),
            evidence: signal_evidence(Reading::Reachable),
            profile,
            red_flags: Vec::new(),
        };
    }

    // Tier 5: mixed signals without contempt.
    let mut evidence = signal_evidence(Reading::RedFlag);
    evidence.extend(signal_evidence(Reading::Mixed));
    Outcome {
        kind: OutcomeKind::NotYetClear,
        reasons: Vec::new(),
        evidence,
        profile,
        red_flags: Vec::new(),
    }
}
