//! Saved answers: every snapshot newest first, one in full, two check-ins compared.

use crate::content::render;
use crate::core::history::{self, Kind, Snapshot};
use crate::plain::text;
use crate::tui::app::App;
use crate::tui::doc::Doc;
use ratatui::style::Style;

/// One line naming a snapshot: its kind and what it holds, briefly.
fn summary(app: &App, snap: Snapshot) -> String {
    let voice = app.voice();
    let d = &app.data;
    match snap.kind {
        Kind::Assessment => d
            .assessments
            .get(snap.index)
            .map(|a| text::outcome_title(&app.content, a, &voice))
            .unwrap_or_default(),
        Kind::Rehearsal => d
            .rehearsals
            .get(snap.index)
            .map(|r| {
                if r.finished_at.is_some() {
                    format!("{} lines written, finished", r.lines.len())
                } else {
                    format!("{} lines written, in progress", r.lines.len())
                }
            })
            .unwrap_or_default(),
        Kind::Ask => d
            .asks
            .get(snap.index)
            .map(|a| {
                format!(
                    "{}: {}",
                    text::door_name(&app.content, &a.door, &voice),
                    text::ask_answer_label(&app.content, a.answer, &voice)
                )
            })
            .unwrap_or_default(),
        Kind::Review => d
            .reviews
            .get(snap.index)
            .map(|r| format!("{} days, {}", r.window.days, r.verdict.id()))
            .unwrap_or_default(),
        Kind::Journal => d
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

/// How many rows the history draws around the cursor: enough for any screen, few enough
/// that ten years of weekly entries open at once.
const WINDOW: usize = 200;

pub fn doc(app: &App, width: usize) -> Doc {
    let t = app.theme;
    let mut doc = Doc::new(width);
    let all = history::list(&app.data);
    if all.is_empty() {
        doc.para("Nothing is saved yet.", t.heading());
        return doc;
    }
    doc.para(
        &format!(
            "{} saved, newest first. Enter opens one; c compares two check-ins; d deletes one.",
            all.len()
        ),
        t.dim(),
    );
    if let Some(mark) = app.compare_mark {
        doc.para(
            &format!(
                "Marked for comparison: the check-in of {}.",
                app.data
                    .assessments
                    .get(mark)
                    .map(|a| app.format_date(a.completed_at))
                    .unwrap_or_default()
            ),
            t.key(),
        );
    }
    doc.blank();
    // Rows far from the cursor are not drawn: the list may hold thousands.
    let start = app.cursor.saturating_sub(WINDOW / 2);
    if start > 0 {
        doc.para(&format!("({start} newer above)"), t.dim());
    }
    for (i, snap) in all.iter().enumerate().skip(start).take(WINDOW) {
        let focused = app.cursor == i;
        let marked = snap.kind == Kind::Assessment && app.compare_mark == Some(snap.index);
        let style = if focused { t.selected() } else { Style::new() };
        let label = format!(
            "{}{} {}: {}",
            if marked { "[c] " } else { "" },
            app.format_date(snap.at),
            snap.kind.label(),
            summary(app, *snap)
        );
        doc.item(focused, &format!("{}.", i + 1), &label, style);
    }
    // Scroll only as far as the focus needs: the rest of a long list never fits anyway, and
    // the heading above it stays in view while the focus is on the first page.
    doc.keep_visible = None;
    let shown_end = (start + WINDOW).min(all.len());
    if shown_end < all.len() {
        doc.para(&format!("({} older below)", all.len() - shown_end), t.dim());
    }
    doc
}

pub fn snapshot_doc(app: &App, snap: Snapshot, width: usize) -> Doc {
    let t = app.theme;
    let voice = app.voice();
    let d = &app.data;
    let mut doc = Doc::new(width);
    doc.para(
        &format!("{} of {}", snap.kind.label(), text::date_time(snap.at)),
        t.title(),
    );
    doc.blank();
    match snap.kind {
        Kind::Assessment => {
            if let Some(a) = d.assessments.get(snap.index) {
                for line in text::result(&app.content, a, &voice, text::Layout::Plain) {
                    match line.strip_prefix("- ") {
                        Some(item) => doc.bullet(item, Style::new()),
                        None => doc.para(&line, Style::new()),
                    }
                }
            }
        }
        Kind::Rehearsal => {
            if let Some(r) = d.rehearsals.get(snap.index) {
                let script = crate::core::rehearsal::script(&app.content, r);
                if script.is_empty() {
                    doc.para("No lines written yet.", t.dim());
                }
                for para in script.split("\n\n") {
                    doc.para(&text::printable(para), Style::new());
                    doc.blank();
                }
            }
        }
        Kind::Ask => {
            if let Some(a) = d.asks.get(snap.index) {
                doc.para(
                    &format!(
                        "You offered: {}",
                        text::door_name(&app.content, &a.door, &voice)
                    ),
                    Style::new(),
                );
                doc.para(
                    &format!(
                        "How it went: {}",
                        text::ask_answer_label(&app.content, a.answer, &voice)
                    ),
                    Style::new(),
                );
                if !a.note.is_empty() {
                    doc.blank();
                    doc.para(&text::printable(&a.note), Style::new());
                }
            }
        }
        Kind::Review => review_body(app, snap.index, &mut doc),
        Kind::Journal => journal_body(app, snap.index, &mut doc),
    }
    doc
}

/// The words of an option key of a question, or the key itself.
fn option_labels(app: &App, question: &str, keys: &[String]) -> String {
    if keys.is_empty() {
        return "not answered".to_string();
    }
    let voice = app.voice();
    let q = app.content.question(question);
    keys.iter()
        .map(|k| {
            q.and_then(|q| q.options.iter().find(|o| &o.key == k))
                .map_or_else(|| k.clone(), |o| render(&o.label, &voice))
        })
        .collect::<Vec<_>>()
        .join("; ")
}

pub fn compare_doc(app: &App, older: usize, newer: usize, width: usize) -> Doc {
    let t = app.theme;
    let voice = app.voice();
    let mut doc = Doc::new(width);
    let (Some(a), Some(b)) = (
        app.data.assessments.get(older),
        app.data.assessments.get(newer),
    ) else {
        return doc;
    };
    let cmp = history::compare(&app.content, a, b);
    doc.para(
        &format!(
            "{} \u{2192} {}",
            text::date_time(a.completed_at),
            text::date_time(b.completed_at)
        ),
        t.title(),
    );
    doc.blank();
    let title = |o: crate::core::triage::OutcomeKind| {
        app.content
            .copy
            .outcomes
            .get(o.id())
            .map_or_else(|| o.id().to_string(), |c| render(&c.title, &voice))
    };
    match cmp.outcome {
        Some((before, after)) => {
            doc.para("Outcome", t.heading());
            doc.para(
                &format!("{} \u{2192} {}", title(before), title(after)),
                t.key(),
            );
        }
        None => doc.para(&format!("Outcome unchanged: {}", title(a.outcome)), t.dim()),
    }
    doc.blank();
    if cmp.changes.is_empty() {
        doc.para("No answer changed.", Style::new());
    } else {
        doc.para(
            &format!("{} answer(s) changed:", cmp.changes.len()),
            t.heading(),
        );
    }
    for change in &cmp.changes {
        let name = app.content.question(&change.question).map_or_else(
            || change.question.clone(),
            |q| render(q.short.as_deref().unwrap_or(&q.text), &voice),
        );
        doc.blank();
        doc.para(&name, t.heading());
        doc.para(
            &format!(
                "{} \u{2192} {}",
                option_labels(app, &change.question, &change.before),
                option_labels(app, &change.question, &change.after)
            ),
            t.key(),
        );
    }
    doc
}

fn review_body(app: &App, index: usize, doc: &mut Doc) {
    let voice = app.voice();
    let d = &app.data;
    let snap_index = index;
    if let Some(r) = d.reviews.get(snap_index) {
        let copy = &app.content.after.timeline;
        doc.para(
            &format!(
                "A window of {} days from {}.",
                r.window.days,
                r.window.started_on.strftime("%-d %b %Y")
            ),
            Style::new(),
        );
        for id in crate::core::timeline::MOVEMENT_IDS {
            if let (Some(m), Some(text)) = (r.movement.get(id), copy.movement.get(id)) {
                doc.bullet(
                    &format!("{}: {}", render(text, &voice), m.label()),
                    Style::new(),
                );
            }
        }
        if let Some(text) = copy.verdicts.get(r.verdict.id()) {
            doc.blank();
            doc.para(&render(text, &voice), Style::new());
        }
    }
}

fn journal_body(app: &App, index: usize, doc: &mut Doc) {
    let voice = app.voice();
    let d = &app.data;
    let t = app.theme;
    let snap_index = index;
    if let Some(j) = d.journal.get(snap_index) {
        let prompt = j.prompt.as_deref().and_then(|p| {
            app.content
                .after
                .solo
                .journal_prompts
                .iter()
                .find(|x| x.id == p)
                .map(|x| render(&x.text, &voice))
                .or_else(|| {
                    app.content
                        .after
                        .solo
                        .builders
                        .get(p)
                        .map(|b| render(&b.title, &voice))
                })
        });
        if let Some(prompt) = prompt {
            doc.para(&prompt, t.dim());
            doc.blank();
        }
        for para in j.text.split('\n') {
            doc.para(&text::printable(para), Style::new());
        }
    }
}
