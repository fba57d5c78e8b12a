//! Saved answers: one line naming each snapshot, one snapshot in full, two check-ins side by
//! side. Used by both front ends and by `overture history` and `overture show`.

use super::text;
use super::{Page, Tone, Words, user_text};
use crate::core::history::{self, Kind, Snapshot};
use crate::core::record::SavedData;
use crate::core::triage::OutcomeKind;

/// What a snapshot holds, briefly: "Reachable, worth working with", "Coach: Said no".
pub fn summary(w: Words, data: &SavedData, snap: Snapshot) -> String {
    match snap.kind {
        Kind::Assessment => data
            .assessments
            .get(snap.index)
            .map(|a| text::outcome_title(w.content, a, w.voice))
            .unwrap_or_default(),
        Kind::Rehearsal => data
            .rehearsals
            .get(snap.index)
            .map(|r| {
                let state = if r.finished_at.is_some() {
                    "finished"
                } else {
                    "in progress"
                };
                let written = r.lines.values().filter(|l| !l.trim().is_empty()).count();
                let lines = if written == 1 { "line" } else { "lines" };
                format!("{written} {lines} written, {state}")
            })
            .unwrap_or_default(),
        Kind::Ask => data
            .asks
            .get(snap.index)
            .map(|a| {
                format!(
                    "{}: {}",
                    text::door_name(w.content, &a.door, w.voice),
                    text::ask_answer_label(w.content, a.answer, w.voice)
                )
            })
            .unwrap_or_default(),
        Kind::Review => data
            .reviews
            .get(snap.index)
            .map(|r| format!("{} days, {}", r.window.days, r.verdict.label()))
            .unwrap_or_default(),
        Kind::Journal => data
            .journal
            .get(snap.index)
            .map(|j| {
                let first: String = j
                    .text
                    .lines()
                    .next()
                    .unwrap_or_default()
                    .chars()
                    .take(60)
                    .collect();
                text::printable(&first)
            })
            .unwrap_or_default(),
    }
}

/// One row of the list: "3 Dec 2026 Ask: Coach: Said no".
pub fn row(w: Words, data: &SavedData, snap: Snapshot) -> String {
    format!(
        "{} {}: {}",
        text::date(snap.at),
        snap.kind.label(),
        summary(w, data, snap)
    )
}

/// One snapshot in full.
pub fn snapshot(w: Words, data: &SavedData, snap: Snapshot) -> Page {
    let mut page = Page::new();
    page.para(
        Tone::Title,
        format!("{} of {}", snap.kind.label(), text::date_time(snap.at)),
    );
    page.blank();
    match snap.kind {
        Kind::Assessment => {
            if let Some(a) = data.assessments.get(snap.index) {
                for line in text::result(w.content, data, a, w.voice, text::Layout::Plain) {
                    match line.strip_prefix("- ") {
                        Some(item) => page.bullet(Tone::Text, item),
                        None => page.para(Tone::Text, line),
                    }
                }
                if crate::core::report::shows_crisis_lines(data, a) {
                    page.blank();
                    page.crisis_lines(data);
                }
            }
        }
        Kind::Rehearsal => {
            if let Some(r) = data.rehearsals.get(snap.index) {
                // The latest version of its script where there is one (the user may have
                // rewritten it), otherwise the lines so far.
                let script = match r.scripts.last() {
                    Some(version) => {
                        page.para(
                            Tone::Dim,
                            format!(
                                "The latest version of your script ({})",
                                text::date(version.at)
                            ),
                        );
                        page.blank();
                        version.text.clone()
                    }
                    None => crate::core::rehearsal::script(w.content, r),
                };
                if script.trim().is_empty() {
                    page.para(Tone::Dim, "No lines written yet.");
                }
                for para in script.split("\n\n").filter(|p| !p.trim().is_empty()) {
                    page.para(Tone::Own, user_text(para));
                    page.blank();
                }
            }
        }
        Kind::Ask => {
            if let Some(a) = data.asks.get(snap.index) {
                page.para(
                    Tone::Text,
                    format!(
                        // Neutral: on a path where asking is not the advice, an entry notes
                        // what came up, whoever raised it.
                        "What was offered: {}",
                        text::door_name(w.content, &a.door, w.voice)
                    ),
                );
                page.para(
                    Tone::Text,
                    format!(
                        "How it went: {}",
                        text::ask_answer_label(w.content, a.answer, w.voice)
                    ),
                );
                if !a.note.is_empty() {
                    page.blank();
                    page.para(Tone::Own, user_text(&a.note));
                }
            }
        }
        Kind::Review => {
            if let Some(r) = data.reviews.get(snap.index) {
                page.para(
                    Tone::Text,
                    format!(
                        "A window of {} days from {}.",
                        r.window.days,
                        r.window.started_on.strftime("%-d %b %Y")
                    ),
                );
                super::after::movement_bullets(w, r, &mut page);
                if let Some(text) = w.content.after.timeline.verdicts.get(r.verdict.id()) {
                    page.blank();
                    page.para(Tone::Text, w.r(text));
                }
            }
        }
        Kind::Journal => {
            if let Some(j) = data.journal.get(snap.index) {
                if let Some(prompt) = journal_prompt(w, j.prompt.as_deref()) {
                    page.para(Tone::Dim, prompt);
                    page.blank();
                }
                for para in j.text.split('\n') {
                    page.para(Tone::Own, user_text(para));
                }
            }
        }
    }
    page
}

/// The words of the prompt or builder a journal entry answers.
fn journal_prompt(w: Words, id: Option<&str>) -> Option<String> {
    let id = id?;
    let solo = &w.content.after.solo;
    solo.journal_prompts
        .iter()
        .find(|x| x.id == id)
        .map(|x| w.r(&x.text))
        .or_else(|| solo.builders.get(id).map(|b| w.r(&b.title)))
}

/// The words of a question's answer keys, or the keys themselves.
fn option_labels(w: Words, question: &str, keys: &[String]) -> String {
    if keys.is_empty() {
        return "not answered".to_string();
    }
    let q = w.content.question(question);
    keys.iter()
        .map(|k| {
            q.and_then(|q| q.options.iter().find(|o| &o.key == k))
                .map_or_else(|| k.clone(), |o| w.r(&o.label))
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn outcome_title(w: Words, outcome: OutcomeKind) -> String {
    w.content
        .copy
        .outcomes
        .get(outcome.id())
        .map_or_else(|| outcome.id().to_string(), |c| w.r(&c.title))
}

/// Two check-ins side by side (by index into `data.assessments`, older first): the outcome,
/// and exactly the answers that changed.
pub fn compare(w: Words, data: &SavedData, older: usize, newer: usize) -> Page {
    let mut page = Page::new();
    let (Some(a), Some(b)) = (data.assessments.get(older), data.assessments.get(newer)) else {
        return page;
    };
    let cmp = history::compare(w.content, a, b);
    page.para(
        Tone::Title,
        format!(
            "{} \u{2192} {}",
            text::date_time(a.completed_at),
            text::date_time(b.completed_at)
        ),
    );
    page.blank();
    match cmp.outcome {
        Some((before, after)) => {
            page.para(Tone::Heading, "Outcome");
            page.para(
                Tone::Key,
                format!(
                    "{} \u{2192} {}",
                    outcome_title(w, before),
                    outcome_title(w, after)
                ),
            );
        }
        None => page.para(
            Tone::Dim,
            format!("Outcome unchanged: {}", outcome_title(w, a.outcome)),
        ),
    }
    page.blank();
    if cmp.changes.is_empty() {
        page.para(Tone::Text, "No answer changed.");
    } else {
        page.para(
            Tone::Heading,
            match cmp.changes.len() {
                1 => "1 answer changed:".to_string(),
                n => format!("{n} answers changed:"),
            },
        );
    }
    for change in &cmp.changes {
        let name = w.content.question(&change.question).map_or_else(
            || change.question.clone(),
            |q| w.r(q.short.as_deref().unwrap_or(&q.text)),
        );
        page.blank();
        page.para(Tone::Heading, name);
        page.para(
            Tone::Key,
            format!(
                "{} \u{2192} {}",
                option_labels(w, &change.question, &change.before),
                option_labels(w, &change.question, &change.after)
            ),
        );
    }
    page
}
