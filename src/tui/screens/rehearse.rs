//! The rehearsal screens: the gate, the rulers, each step's guidance, the replies, the script.

use crate::content::render;
use crate::core::draft;
use crate::core::rehearsal::{self, Gate, STEP_IDS};
use crate::tui::app::{App, Stage};
use crate::tui::doc::Doc;
use ratatui::style::Style;

pub fn header(stage: Stage) -> String {
    match stage {
        Stage::ReadinessBefore | Stage::NoteBefore => {
            "Rehearsal \u{b7} before you start".to_string()
        }
        Stage::Step(i) => format!("Rehearsal \u{b7} step {} of {}", i + 1, STEP_IDS.len()),
        Stage::Reply | Stage::ReplyOutcome => "Rehearsal \u{b7} if the answer is no".to_string(),
        Stage::ReadinessAfter | Stage::NoteAfter => "Rehearsal \u{b7} afterwards".to_string(),
    }
}

pub fn sourced(app: &App, text: &str, ids: &[String]) -> String {
    let names: Vec<&str> = ids
        .iter()
        .filter_map(|id| app.content.source(id))
        .map(|s| s.short.as_str())
        .collect();
    if names.is_empty() {
        text.to_string()
    } else {
        format!("{text} ({})", names.join("; "))
    }
}

pub fn gate_doc(app: &App, gate: Gate, width: usize) -> Doc {
    let t = app.theme;
    let voice = app.voice();
    let mut doc = Doc::new(width);
    let key = if gate == Gate::Safety {
        "safety"
    } else {
        "other_first"
    };
    doc.para("Why there is no rehearsal here", t.title());
    doc.blank();
    if let Some(text) = app.content.rehearsal.gated.get(key) {
        doc.para(&render(text, &voice), Style::new());
    }
    if gate == Gate::Safety {
        let crisis = super::overlays::crisis_doc(app, width);
        doc.blank();
        for line in crisis.lines {
            doc.push(line);
        }
    }
    doc
}

pub fn ruler_doc(app: &App, after: bool, width: usize) -> Doc {
    let t = app.theme;
    let voice = app.voice();
    let r = &app.content.rehearsal.readiness;
    let mut doc = Doc::new(width);
    if !after {
        doc.para(&render(&app.content.rehearsal.intro, &voice), t.dim());
        doc.blank();
    }
    doc.para(&render(&r.intro, &voice), Style::new());
    doc.blank();
    for (i, question) in [&r.importance, &r.confidence].into_iter().enumerate() {
        let focused = app.ruler_focus == i;
        let style = if focused { t.selected() } else { Style::new() };
        let start = doc.lines.len();
        doc.hanging(
            if focused { "> " } else { "  " },
            style,
            &render(question, &voice),
            style,
        );
        let value = app.ruler[i];
        let scale: Vec<String> = (0..=10u8)
            .map(|n| {
                if n == value {
                    format!("[{n}]")
                } else {
                    n.to_string()
                }
            })
            .collect();
        doc.hanging("  ", style, &scale.join(" "), style);
        if focused {
            doc.focus = Some((start, doc.lines.len() - 1));
        }
        doc.blank();
    }
    doc
}

/// The guidance above a text box: a step's what, why, examples and prompt, or the
/// follow-up questions to the readiness numbers.
pub fn guidance_doc(app: &App, stage: Stage, width: usize) -> Doc {
    let t = app.theme;
    let voice = app.voice();
    let mut doc = Doc::new(width);
    match stage {
        Stage::Step(i) => {
            let Some(step) = app.content.rehearsal.steps.get(i) else {
                return doc;
            };
            doc.para(&render(&step.title, &voice), t.title());
            doc.para(&render(&step.what, &voice), Style::new());
            doc.para(
                &sourced(
                    app,
                    &format!("Why: {}", render(&step.why, &voice)),
                    &step.sources,
                ),
                t.dim(),
            );
            let tags = rehearsal::tags(&app.content, &app.data);
            let examples = rehearsal::examples(&app.content, &step.id, &tags);
            if !examples.is_empty() {
                doc.blank();
                doc.para("You might say:", t.heading());
                for e in examples {
                    doc.bullet(&render(&e.text, &voice), Style::new());
                }
            }
            doc.blank();
            doc.para(&render(&step.prompt, &voice), t.key());
        }
        Stage::NoteBefore | Stage::NoteAfter => {
            let r = &app.content.rehearsal.readiness;
            let [importance, confidence] = app.ruler;
            doc.para(
                &format!("You chose {importance} for importance and {confidence} for confidence."),
                t.heading(),
            );
            doc.bullet(&render(&r.why_not_lower, &voice), Style::new());
            doc.bullet(&render(&r.move_up, &voice), Style::new());
            doc.para(
                "Write as much or as little as you like, or nothing. Tab goes on.",
                t.dim(),
            );
        }
        _ => {}
    }
    doc
}

/// The checker's advice on what is in the box, under it.
pub fn findings_doc(app: &App, text: &str, width: usize) -> Doc {
    let t = app.theme;
    let mut doc = Doc::new(width);
    if text.trim().is_empty() {
        doc.para(
            "The checker reads what you write and only advises.",
            t.dim(),
        );
        return doc;
    }
    let review = draft::review(text);
    if review.findings.is_empty() {
        doc.para(
            "Checker: nothing to flag. It reads as an invitation.",
            t.good(),
        );
        return doc;
    }
    for f in &review.findings {
        doc.hanging(
            &format!("\u{201c}{}\u{201d}: ", f.found),
            t.warning(),
            &format!("{} {}", f.concern.title(), f.note),
            Style::new(),
        );
    }
    for s in review.suggestions.iter().take(2) {
        doc.hanging("Try: ", t.key(), s, Style::new());
    }
    doc
}

pub fn reply_doc(app: &App, width: usize) -> Doc {
    let t = app.theme;
    let voice = app.voice();
    let mut doc = Doc::new(width);
    doc.para(
        &render("How is your {partner} most likely to answer?", &voice),
        t.heading(),
    );
    doc.para(
        "Pick the one that sounds most like what you expect.",
        t.dim(),
    );
    doc.blank();
    for (i, reply) in app.content.rehearsal.replies.iter().enumerate() {
        let focused = app.cursor == i;
        let style = if focused { t.selected() } else { Style::new() };
        doc.item(
            focused,
            &format!("{}.", i + 1),
            &render(&reply.label, &voice),
            style,
        );
    }
    doc
}

pub fn reply_outcome_doc(app: &App, width: usize) -> Doc {
    let t = app.theme;
    let voice = app.voice();
    let mut doc = Doc::new(width);
    let Some(reply) = app
        .data
        .rehearsals
        .last()
        .and_then(|r| r.reply.as_deref())
        .and_then(|id| app.content.rehearsal.replies.iter().find(|x| x.id == id))
    else {
        return doc;
    };
    doc.para(&render(&reply.label, &voice), t.title());
    doc.blank();
    doc.para("What this tells you", t.heading());
    doc.para(
        &sourced(app, &render(&reply.tells, &voice), &reply.sources),
        Style::new(),
    );
    doc.blank();
    let switched = rehearsal::reply_switch(&reply.id);
    if switched == crate::content::rehearsal::ReplySwitch::None {
        doc.para("A calm next line", t.heading());
    } else {
        doc.para("What to do instead", t.heading());
    }
    doc.para(&render(&reply.next_line, &voice), Style::new());
    doc.blank();
    if switched == crate::content::rehearsal::ReplySwitch::None {
        doc.para("Press Enter to finish with the readiness rulers.", t.key());
    } else {
        doc.para(
            "This rehearsal ends here, and Overture will not offer another until a new check-in says otherwise. Press Enter for what comes first now.",
            t.warning(),
        );
    }
    doc
}

pub fn script_doc(app: &App, index: usize, width: usize) -> Doc {
    let t = app.theme;
    let voice = app.voice();
    let mut doc = Doc::new(width);
    let Some(record) = app.data.rehearsals.get(index) else {
        return doc;
    };
    let versions = record.scripts.len();
    let Some((at, shown)) = app.script_version(index) else {
        return doc;
    };
    let title = if app.letter_view {
        "Your letter"
    } else {
        "Your invitation, in your words"
    };
    doc.para(title, t.title());
    doc.para(
        &format!(
            "Version {} of {versions}, {}{}",
            at + 1,
            app.format_date(shown.at),
            if versions > 1 {
                " ([ and ] move between versions)"
            } else {
                ""
            }
        ),
        t.dim(),
    );
    if app.letter_view {
        doc.para(
            &render(&app.content.rehearsal.letter.about, &voice),
            t.dim(),
        );
    }
    doc.blank();
    let text = app.script_text(index);
    if text.trim().is_empty() {
        doc.para(
            "You haven't written any lines yet. Press e to write here, or take the rehearsal again.",
            t.dim(),
        );
    } else {
        for paragraph in text.split("\n\n") {
            doc.para(paragraph, Style::new());
            doc.blank();
        }
    }
    let review = draft::review(&text);
    if !review.findings.is_empty() && !app.letter_view {
        doc.para("The checker would look again at:", t.heading());
        for f in &review.findings {
            doc.bullet(
                &format!("\u{201c}{}\u{201d}: {}", f.found, f.concern.title()),
                t.warning(),
            );
        }
    }
    doc
}
