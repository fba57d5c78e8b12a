//! The result of one assessment as words: outcome, why, the profile, the route, the next steps.
//! Built here once so every front end (and any export) says exactly the same thing.

use super::Answers;
use super::asklog;
use super::gate::Path;
use super::plan;
use super::record::{AssessmentRecord, SavedData};
use super::triage::{self, Outcome, OutcomeKind, Reading, Reason};
use crate::content::{Content, Voice, render};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepView {
    pub id: String,
    pub kind: crate::content::StepKind,
    pub group: crate::content::StepGroup,
    pub title: String,
    pub body: String,
    /// "Because" and the answers that make it fit (only those that held), then its basis.
    pub why: String,
    pub sources: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub outcome: Outcome,
    pub title: String,
    pub summary: String,
    /// "Why am I seeing this": one line per deciding answer.
    pub why: Vec<String>,
    pub basis: String,
    pub basis_sources: Vec<String>,
    /// The four signals, each with its own line (empty on the safety path).
    pub profile: Vec<(String, String)>,
    /// For safety first and "not the first step": each reason with its own text.
    pub reasons: Vec<(String, String)>,
    pub steps: Vec<StepView>,
    pub not_validated: String,
    pub disclaimer: String,
    /// Set when what came after this check-in made the path stricter: the steps that path
    /// does not allow are left out.
    pub since: Option<Since>,
}

/// The path now, when it is stricter than the check-in's result, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Since {
    pub outcome: OutcomeKind,
    /// "What follows is for the path now: since your check-in, you logged a threat. …"
    pub line: String,
}

fn source_names(content: &Content, ids: &[String]) -> Vec<String> {
    ids.iter()
        .filter_map(|id| content.source(id))
        .map(|s| s.short.clone())
        .collect()
}

/// The next steps for these answers on this outcome's path, in the user's words.
fn step_views(
    content: &Content,
    answers: &Answers,
    outcome: &Outcome,
    path: Path,
    voice: &Voice,
) -> Vec<StepView> {
    let r = |text: &str| render(text, voice);
    let mut tags = plan::tags(content, answers, outcome);
    if path == Path::RedFlag {
        tags.insert(triage::RED_FLAG_SIGNAL_TAG.to_string());
    }
    // The same answers behind step after step (on the safety path, all of them) are named
    // once; the steps after point back to them.
    let mut before: Vec<String> = Vec::new();
    plan::steps_on(content, &tags, path)
        .into_iter()
        .map(|s| {
            let reasons: Vec<String> = plan::reasons(content, s, &tags)
                .into_iter()
                .map(r)
                .collect();
            let why = if reasons.is_empty() {
                r(&s.basis)
            } else if reasons == before {
                format!(
                    "Because of the same answers as the step before. {}",
                    r(&s.basis)
                )
            } else {
                format!("Because {}. {}", plan::join_phrases(&reasons), r(&s.basis))
            };
            before = reasons;
            StepView {
                id: s.id.clone(),
                kind: s.kind,
                group: s.group,
                title: r(&s.title),
                body: r(&s.body),
                why,
                sources: source_names(content, &s.sources),
            }
        })
        .collect()
}

/// The words for a path: its own, or (for a "not the first step" result with several
/// reasons) the outcome's, which names them all.
fn path_copy<'c>(
    content: &'c Content,
    outcome: &Outcome,
    path: Path,
) -> Option<&'c crate::content::OutcomeCopy> {
    let several = outcome.kind == OutcomeKind::NotFirstStep
        && path != Path::RedFlag
        && outcome.reasons.len() > 1;
    if several {
        return content.copy.outcomes.get(outcome.kind.id());
    }
    content
        .copy
        .paths
        .get(path.id())
        .or_else(|| content.copy.outcomes.get(outcome.kind.id()))
}

/// The summary of a path; beside a screen-out, a red flag leads and the screen-out is named.
/// After many asks the plan sets the ask down ("stop asking" replaces the ways to ask), so
/// the summary must not promise ways of asking.
fn summary(
    content: &Content,
    answers: &Answers,
    outcome: &Outcome,
    path: Path,
    voice: &Voice,
) -> String {
    let r = |text: &str| render(text, voice);
    if path.invites() && answers.single(super::asklog::ASKED_COUNT_QUESTION) == Some("many") {
        return r(&content.copy.asked_many_summary);
    }
    let mut summary = path_copy(content, outcome, path)
        .map(|c| r(&c.summary))
        .unwrap_or_default();
    if path == Path::RedFlag && outcome.kind == OutcomeKind::NotFirstStep {
        summary = format!("{summary} {}", r(&content.copy.red_flag_beside));
    }
    summary
}

/// "Not a validated instrument", and where the paths about abuse can find a real assessment.
fn not_validated(content: &Content, path: Path, voice: &Voice) -> String {
    let r = |text: &str| render(text, voice);
    let copy = &content.copy;
    if matches!(path, Path::Abuse | Path::PartnerThreat | Path::Recheck) {
        format!(
            "{} {}",
            r(&copy.not_validated),
            r(&copy.not_validated_abuse)
        )
    } else {
        r(&copy.not_validated)
    }
}

/// Builds the report for a finished set of answers.
pub fn build(content: &Content, answers: &Answers, voice: &Voice) -> Report {
    let outcome = triage::triage(answers);
    let path = Path::of(&outcome);
    let r = |text: &str| render(text, voice);
    let copy = &content.copy;
    let outcome_copy = path_copy(content, &outcome, path);

    // A red flag beside a screen-out is named first: it is never outranked.
    let deciding: Vec<&triage::Evidence> = if outcome.kind == OutcomeKind::NotFirstStep {
        outcome.red_flags.iter().chain(&outcome.evidence).collect()
    } else {
        outcome.evidence.iter().collect()
    };
    let why = deciding
        .into_iter()
        .filter_map(|e| {
            let option = content
                .question(e.question)?
                .options
                .iter()
                .find(|o| o.key == e.key)?;
            let line = option.why.as_deref().map_or_else(
                || format!("You answered \u{201c}{}\u{201d}.", r(&option.label)),
                r,
            );
            let sources = source_names(content, &option.sources);
            Some(if sources.is_empty() {
                line
            } else {
                format!("{line} ({})", sources.join("; "))
            })
        })
        .collect();

    let profile = if outcome
        .profile
        .iter()
        .all(|(_, reading)| *reading == Reading::Unanswered)
    {
        Vec::new()
    } else {
        outcome
            .profile
            .iter()
            .filter_map(|(signal, reading)| {
                let c = copy.signals.get(signal.id())?;
                let line = match reading {
                    Reading::Reachable => &c.reachable,
                    Reading::RedFlag => &c.red_flag,
                    Reading::Mixed | Reading::Unanswered => &c.mixed,
                };
                // What they answered, in their words, then what that row of the table says:
                // never an absence they didn't state.
                let said = answers.single(signal.question()).and_then(|key| {
                    content
                        .question(signal.question())?
                        .options
                        .iter()
                        .find(|o| o.key == key)
                        .map(|o| r(&o.label))
                });
                Some(match said {
                    Some(label) => (
                        r(&c.name),
                        format!("You said \u{201c}{label}\u{201d}. {}", r(line)),
                    ),
                    None => (r(&c.name), "Not answered.".to_string()),
                })
            })
            .collect()
    };

    let reasons = outcome
        .reasons
        .iter()
        .filter_map(|reason| copy.reasons.get(reason.id()))
        .map(|c| (r(&c.title), r(&c.text)))
        .collect();

    let steps = step_views(content, answers, &outcome, path, voice);

    Report {
        title: outcome_copy.map(|c| r(&c.title)).unwrap_or_default(),
        summary: summary(content, answers, &outcome, path, voice),
        basis: outcome_copy.map(|c| r(&c.basis)).unwrap_or_default(),
        basis_sources: outcome_copy
            .map(|c| source_names(content, &c.sources))
            .unwrap_or_default(),
        why,
        profile,
        reasons,
        steps,
        not_validated: not_validated(content, path, voice),
        disclaimer: r(&copy.disclaimer),
        since: None,
        outcome,
    }
}

/// Whether a check-in's page carries the crisis lines in full: its own result, or the path
/// now, is "safety first".
pub fn shows_crisis_lines(data: &SavedData, record: &AssessmentRecord) -> bool {
    let then = Path::of(&triage::triage(&record.answers));
    let now = super::gate::current(data);
    // Where the path needs more than an emergency number: the safety paths, a crisis, an
    // addiction (lines for families, for gambling).
    let needs_lines = |p: Path| p.is_safety() || matches!(p, Path::Crisis | Path::Addiction);
    record.outcome == OutcomeKind::SafetyFirst || needs_lines(then) || now.is_some_and(needs_lines)
}

/// The title and words of each reason on a page made stricter by `why`: a threat told since
/// the check-in is named as that, never as the check-in's own answers.
fn reason_texts(
    content: &Content,
    reasons: &[Reason],
    why: asklog::Stricter,
    voice: &Voice,
) -> Vec<(String, String)> {
    let told_since = matches!(
        why,
        asklog::Stricter::LoggedThreat | asklog::Stricter::PractisedThreat
    );
    reasons
        .iter()
        .filter_map(|reason| content.copy.reasons.get(reason.id()))
        .map(|c| {
            let text = match &c.since_text {
                Some(since) if told_since => since,
                _ => &c.text,
            };
            (render(&c.title, voice), render(text, voice))
        })
        .collect()
}

/// The report of a saved check-in as it stands now: if what came after it (a logged threat or
/// contempt, a practised reply, a flagged re-check, a deleted safety entry) made the path
/// stricter, it says so first and leaves out every step the stricter path does not allow.
/// A check-in is never shown with advice its user should no longer get.
pub fn build_now(
    content: &Content,
    data: &SavedData,
    record: &AssessmentRecord,
    voice: &Voice,
) -> Report {
    let mut report = build(content, &record.answers, voice);
    let then = Path::of(&report.outcome);
    let (Some((path, _)), Some(why)) = (
        super::gate::current_with_outcome(data),
        asklog::stricter_because(data),
    ) else {
        return report;
    };
    // The path now speaks for every check-in it is stricter than: the latest one whenever
    // its path changed, an older one when the tier now is stricter than its own.
    let is_latest = data
        .latest_assessment()
        .is_some_and(|a| a.completed_at == record.completed_at);
    let stricter_than_record = if is_latest {
        path != then
    } else {
        asklog::current_outcome(data) < Some(report.outcome.kind)
    };
    if !stricter_than_record {
        return report;
    }
    let now = path.tier();
    // The earlier answers that still count, when they are why: their reasons and their words.
    let earlier = (why == asklog::Stricter::EarlierAnswers)
        .then(|| super::rehearsal::earlier_danger(data).map(|(_, o)| o))
        .flatten();
    // The steps of the path now, chosen by the same rules as a check-in that ended there: a
    // threat is abuse, a flagged re-check brings its own reasons, a deleted safety entry none
    // (the safety questions come first again).
    let reasons = match why {
        asklog::Stricter::LoggedThreat | asklog::Stricter::PractisedThreat => vec![Reason::Abuse],
        asklog::Stricter::SafetyCheck => data
            .safety_checks
            .iter()
            .rev()
            .find_map(|c| triage::safety_gate(&c.answers))
            .map(|o| o.reasons)
            .unwrap_or_default(),
        asklog::Stricter::EarlierAnswers => earlier
            .as_ref()
            .map(|o| o.reasons.clone())
            .unwrap_or_default(),
        _ => Vec::new(),
    };
    let stricter = Outcome {
        kind: now,
        reasons,
        ..report.outcome.clone()
    };
    report.steps = step_views(content, &record.answers, &stricter, path, voice);
    // The page speaks for the path now: its title, summary and basis, and (on the safety
    // path) its reasons instead of the four signals, which were about reluctance.
    let found = std::mem::take(&mut report.title);
    let r = |text: &str| render(text, voice);
    if let Some(c) = content.copy.paths.get(path.id()) {
        report.title = r(&c.title);
        // The summary for something told after the check-in, unless it is the earlier
        // answers that still count: those are the user's own answers, as the summary says.
        report.summary = if why == asklog::Stricter::EarlierAnswers {
            r(&c.summary)
        } else {
            r(c.since_summary.as_deref().unwrap_or(&c.summary))
        };
        report.basis = r(&c.basis);
        report.basis_sources = source_names(content, &c.sources);
    }
    report.not_validated = not_validated(content, path, voice);
    // The four signals are the check-in's answers about reluctance; something reported since
    // outweighs them, and showing them here would read "the reachable column" under a red
    // flag. They stay under Saved answers.
    report.profile.clear();
    report.reasons = reason_texts(content, &stricter.reasons, why, voice);
    // "Why am I seeing this" names what came after the check-in, or the earlier answers that
    // still stand. The check-in's own answers pointed the other way, so they are not offered
    // as the reason here.
    let (why_line, since_line) = if why == asklog::Stricter::EarlierAnswers {
        (
            earlier_answers_line(content, earlier.as_ref(), voice),
            // The later check-in's own hopeful label is not repeated on the safety path.
            "What follows is for the path now: an earlier check-in found signs of danger in what has ever happened, and a later \u{201c}No\u{201d} does not undo that.".to_string(),
        )
    } else {
        (
            format!("Since your check-in, {}.", r(why.because())),
            if path.is_safety() {
                format!(
                    "What follows is for the path now: since your check-in, {}.",
                    r(why.because())
                )
            } else {
                format!(
                    "What follows is for the path now: since your check-in, {}. The check-in, read on its own, found \u{201c}{found}\u{201d}.",
                    r(why.because())
                )
            },
        )
    };
    report.why = vec![
        why_line,
        "What you answered in the check-in itself is kept under Saved answers.".to_string(),
    ];
    report.outcome = stricter;
    report.since = Some(Since {
        outcome: now,
        line: since_line,
    });
    report
}

/// Which earlier answers about what has ever happened still stand ("Physical harm (Not
/// sure)"), why a later "No" does not undo them, and how the user can, if one was a mistake.
fn earlier_answers_line(content: &Content, earlier: Option<&Outcome>, voice: &Voice) -> String {
    let answered: Vec<String> = earlier
        .map_or(&[][..], |o| o.evidence.as_slice())
        .iter()
        .filter_map(|e| {
            let q = content.question(e.question)?;
            let label = q.options.iter().find(|o| o.key == e.key)?;
            Some(format!(
                "{} ({})",
                render(q.short.as_deref().unwrap_or(&q.text), voice),
                render(&label.label, voice)
            ))
        })
        .collect();
    format!(
        "An earlier check-in's answers still count: {}. Those questions ask about any time, so a later \u{201c}No\u{201d} does not undo an answer.",
        answered.join(", ")
    )
}
