//! The gate: which path a person is on, and what that path may offer. Decided once, here;
//! both front ends, the report and the export ask, and none decides on its own.
//!
//! The triage (`triage.rs`) says which tier the answers reach. A path is finer: abuse, a
//! partner's threats of self-harm and the user's own thoughts of self-harm are all "safety
//! first", but each needs its own words and its own first help line; an affair, an addiction,
//! a crisis and a partner already leaving are each "not the first step" for their own reason.
//! And a red-flag signal is never outranked: with contempt or leverage beside an affair or an
//! addiction, the path is the red-flag one, and the screen-out is named beside it.

use super::Answers;
use super::asklog;
use super::record::SavedData;
use super::triage::{self, Outcome, OutcomeKind, Reason};
use crate::content::StepKind;
use crate::content::resources::Need;

/// Where a person stands, for everything Overture offers next.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Path {
    /// Harm, threats, control, monitoring or fear from the partner.
    Abuse,
    /// The partner's threats of self-harm used to steer the user, and no other abuse answer.
    PartnerThreat,
    /// The user's own thoughts of self-harm, and no abuse answer.
    SelfHarm,
    /// An entry holding safety information was deleted: the safety questions come first again.
    Recheck,
    /// Contempt, refusal as leverage, or a wall with never a reason (alone, or beside a
    /// screen-out, which it outranks).
    RedFlag,
    Affair,
    Addiction,
    Crisis,
    Gone,
    Reachable,
    Unclear,
}

/// What a path may offer. Every front end reads these; none decides them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(clippy::struct_excessive_bools)] // one flag per capability, read by name
pub struct Capabilities {
    /// Rehearsing the invitation, and reading a saved invitation script.
    pub rehearsal: bool,
    /// Logging an ask of couples counseling and how it went.
    pub ask_log: bool,
    /// Lower doors framed as offers to the partner ("would you come with me to…").
    pub lower_doors: bool,
    /// Discernment counseling, for a couple where one is leaning out (no danger, no red flag).
    pub discernment: bool,
    /// "Come with me" lines and invitation steps in the plan.
    pub invitation_lines: bool,
    /// Journal prompts about how the asking lands on the partner.
    pub partner_reaction_prompts: bool,
    /// The communication tools of solo work (builders, sections on talking).
    pub solo_tools: bool,
}

impl Path {
    pub const ALL: [Path; 11] = [
        Path::Abuse,
        Path::PartnerThreat,
        Path::SelfHarm,
        Path::Recheck,
        Path::RedFlag,
        Path::Affair,
        Path::Addiction,
        Path::Crisis,
        Path::Gone,
        Path::Reachable,
        Path::Unclear,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Path::Abuse => "abuse",
            Path::PartnerThreat => "partner_threat",
            Path::SelfHarm => "self_harm",
            Path::Recheck => "recheck",
            Path::RedFlag => "red_flag",
            Path::Affair => "affair",
            Path::Addiction => "addiction",
            Path::Crisis => "crisis",
            Path::Gone => "gone",
            Path::Reachable => "reachable",
            Path::Unclear => "unclear",
        }
    }

    /// The path of one check-in's outcome.
    pub fn of(outcome: &Outcome) -> Path {
        match outcome.kind {
            OutcomeKind::SafetyFirst => {
                let only_partner_threat = outcome.evidence.iter().all(|e| {
                    e.question == triage::PARTNER_THREAT_QUESTION
                        || e.question == triage::SELF_HARM_QUESTION
                }) && outcome
                    .evidence
                    .iter()
                    .any(|e| e.question == triage::PARTNER_THREAT_QUESTION);
                if only_partner_threat {
                    Path::PartnerThreat
                } else if outcome.reasons.contains(&Reason::Abuse) {
                    Path::Abuse
                } else {
                    Path::SelfHarm
                }
            }
            OutcomeKind::NotFirstStep if !outcome.red_flags.is_empty() => Path::RedFlag,
            OutcomeKind::NotFirstStep => match outcome.reasons.first() {
                Some(Reason::Affair) => Path::Affair,
                Some(Reason::Addiction) => Path::Addiction,
                Some(Reason::Crisis) => Path::Crisis,
                _ => Path::Gone,
            },
            OutcomeKind::RedFlag => Path::RedFlag,
            OutcomeKind::Reachable => Path::Reachable,
            OutcomeKind::NotYetClear => Path::Unclear,
        }
    }

    /// The tier of the triage this path belongs to (a red flag beside a screen-out is on the
    /// red-flag path, but its check-in's tier stays "not the first step").
    pub fn tier(self) -> OutcomeKind {
        match self {
            Path::Abuse | Path::PartnerThreat | Path::SelfHarm | Path::Recheck => {
                OutcomeKind::SafetyFirst
            }
            Path::RedFlag => OutcomeKind::RedFlag,
            Path::Affair | Path::Addiction | Path::Crisis | Path::Gone => OutcomeKind::NotFirstStep,
            Path::Reachable => OutcomeKind::Reachable,
            Path::Unclear => OutcomeKind::NotYetClear,
        }
    }

    /// The safety paths: support for the user only, and the crisis lines in full.
    pub fn is_safety(self) -> bool {
        matches!(
            self,
            Path::Abuse | Path::PartnerThreat | Path::SelfHarm | Path::Recheck
        )
    }

    /// Whether the invitation is the advice on this path at all.
    pub fn invites(self) -> bool {
        matches!(self, Path::Reachable | Path::Unclear)
    }

    pub fn capabilities(self) -> Capabilities {
        let invites = self.invites();
        Capabilities {
            rehearsal: invites,
            // On a safety path even a record of asking is about the wrong thing.
            ask_log: !self.is_safety(),
            lower_doors: invites,
            discernment: invites || self == Path::Gone,
            invitation_lines: invites,
            partner_reaction_prompts: invites,
            solo_tools: !self.is_safety(),
        }
    }

    /// Whether a kind of step may be shown on this path. The hard rule behind the plan: on a
    /// safety path only safety and individual support; where a red flag or a screen-out comes
    /// first, no invitation and no couples format (discernment, for a partner already
    /// leaving, is the one door that can be the route there).
    pub fn allows(self, kind: StepKind) -> bool {
        match kind {
            StepKind::Safety | StepKind::Support => true,
            StepKind::Invitation => self.invites(),
            StepKind::Door => self.capabilities().discernment,
            StepKind::Solo | StepKind::Plan => !self.is_safety(),
        }
    }

    /// The kind of help this path needs first, in order: the help lines shown before the
    /// full list. The user's own safety comes first where it is at stake.
    pub fn needs(self, outcome: Option<&Outcome>) -> Vec<Need> {
        let self_harm = outcome.is_some_and(|o| o.reasons.contains(&Reason::SelfHarm));
        let mut needs = Vec::new();
        if self_harm || self == Path::SelfHarm {
            needs.push(Need::SelfHarm);
        }
        // Forced or pressured sex (yes or not sure): the line for sexual violence too.
        let sexual = outcome.is_some_and(|o| {
            o.evidence
                .iter()
                .any(|e| e.question == triage::SEXUAL_QUESTION)
        });
        match self {
            Path::Abuse | Path::Recheck => {
                needs.push(Need::Abuse);
                if sexual {
                    needs.push(Need::SexualViolence);
                }
                needs.push(Need::AbuseMen);
            }
            // The step says to call a crisis line for the partner if they may act on it.
            Path::PartnerThreat => needs.extend([Need::Abuse, Need::AbuseMen, Need::SelfHarm]),
            Path::Addiction => {
                let mine = outcome.is_some_and(|o| {
                    o.evidence
                        .iter()
                        .any(|e| e.question == triage::ADDICTION_QUESTION && e.key == "mine")
                });
                needs.push(if mine {
                    Need::Substance
                } else {
                    Need::SubstanceFamily
                });
                needs.push(Need::Gambling);
            }
            Path::Crisis => needs.push(Need::SelfHarm),
            _ => {}
        }
        let mut seen = Vec::new();
        needs.retain(|n| {
            let first = !seen.contains(n);
            seen.push(*n);
            first
        });
        needs.push(Need::Emergency);
        needs
    }
}

/// Whether asking for counselling (and its invitation lines) is the advice on `path`: before
/// the first check-in it is, as the rehearsal is where a user starts.
pub fn invitations_offered(path: Option<Path>) -> bool {
    path.is_none_or(|p| p.capabilities().invitation_lines)
}

/// The outcome of the latest check-in and the path it puts the user on now: made stricter
/// (never milder) by what came after it. `None` before the first check-in.
pub fn current(data: &SavedData) -> Option<Path> {
    current_with_outcome(data).map(|(path, _)| path)
}

/// The path now, with the outcome whose reasons it speaks for (the latest check-in's, or a
/// flagged re-check's).
pub fn current_with_outcome(data: &SavedData) -> Option<(Path, Outcome)> {
    let latest = data.latest_assessment()?;
    let found = triage::triage(&latest.answers);
    let base = Path::of(&found);
    let Some(why) = asklog::stricter_because(data) else {
        return Some((base, found));
    };
    Some(match why {
        asklog::Stricter::LoggedThreat | asklog::Stricter::PractisedThreat => (Path::Abuse, found),
        asklog::Stricter::SafetyCheck => data
            .safety_checks
            .iter()
            .rev()
            .find_map(|c| triage::safety_gate(&c.answers))
            .map_or((Path::Abuse, found), |o| (Path::of(&o), o)),
        asklog::Stricter::EarlierAnswers => super::rehearsal::earlier_danger(data)
            .map_or((Path::Abuse, found), |(_, o)| (Path::of(&o), o)),
        asklog::Stricter::DeletedSafety => (Path::Recheck, found),
        asklog::Stricter::LoggedContempt | asklog::Stricter::PractisedMockery => {
            (Path::RedFlag, found)
        }
    })
}

/// What the user's path offers now; before a check-in, nothing that depends on one.
pub fn capabilities(data: &SavedData) -> Option<Capabilities> {
    current(data).map(Path::capabilities)
}

/// The path of a finished set of answers.
pub fn path_of(answers: &Answers) -> Path {
    Path::of(&triage::triage(answers))
}

/// The help lines the path now needs first; before a check-in, emergency help only.
pub fn needs_now(data: &SavedData) -> Vec<Need> {
    current_with_outcome(data).map_or_else(
        || vec![Need::Emergency],
        |(path, outcome)| path.needs(Some(&outcome)),
    )
}
