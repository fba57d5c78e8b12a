//! Logging an ask, what a logged answer means, and the plan for repeated "no".

use super::rehearse::sourced;
use crate::content::render;
use crate::core::asklog::{self, ASK_ANSWERS, ASK_DOORS};
use crate::core::triage::OutcomeKind;
use crate::plain::text;
use crate::tui::app::App;
use crate::tui::doc::Doc;
use ratatui::style::Style;

/// A numbered list with the cursor's item marked.
pub fn list(app: &App, doc: &mut Doc, labels: &[String]) {
    for (i, label) in labels.iter().enumerate() {
        let focused = app.cursor == i;
        let style = if focused {
            app.theme.selected()
        } else {
            Style::new()
        };
        doc.item(focused, &format!("{}.", i + 1), label, style);
    }
}

pub fn door_doc(app: &App, width: usize) -> Doc {
    let t = app.theme;
    let voice = app.voice();
    let mut doc = Doc::new(width);
    doc.para(&render(&app.content.after.log_intro, &voice), t.dim());
    doc.blank();
    doc.para("What did you offer?", t.heading());
    let labels: Vec<String> = ASK_DOORS
        .iter()
        .map(|id| text::door_name(&app.content, id, &voice))
        .collect();
    list(app, &mut doc, &labels);
    doc
}

pub fn answer_doc(app: &App, width: usize) -> Doc {
    let t = app.theme;
    let voice = app.voice();
    let mut doc = Doc::new(width);
    let door = ASK_DOORS.get(app.pending_door).copied().unwrap_or_default();
    doc.para(
        &format!(
            "You offered: {}",
            text::door_name(&app.content, door, &voice)
        ),
        t.dim(),
    );
    doc.blank();
    doc.para(&render("How did {they} answer?", &voice), t.heading());
    let labels: Vec<String> = ASK_ANSWERS
        .iter()
        .map(|(a, _)| text::ask_answer_label(&app.content, *a, &voice))
        .collect();
    list(app, &mut doc, &labels);
    doc
}

pub fn note_guidance(app: &App, width: usize) -> Doc {
    let t = app.theme;
    let mut doc = Doc::new(width);
    doc.para(
        "A note, if you want one: what was said, how it felt. Tab or Esc saves the entry; the note can stay empty.",
        t.heading(),
    );
    doc
}

/// What a logged ask means: a threat or contempt switches paths, in code; after several
/// "no"s the plan is offered.
pub fn logged_doc(app: &App, index: usize, width: usize) -> Doc {
    let t = app.theme;
    let voice = app.voice();
    let mut doc = Doc::new(width);
    let Some(ask) = app.data.asks.get(index) else {
        return doc;
    };
    let label = text::ask_answer_label(&app.content, ask.answer, &voice);
    doc.para(
        &format!("Logged, {}: {label}", app.format_date(ask.at)),
        t.dim(),
    );
    doc.blank();
    match ask.answer.switch() {
        Some(outcome) => {
            let copy = app.content.copy.outcomes.get(outcome.id());
            if let Some(copy) = copy {
                doc.para(&render(&copy.title, &voice), t.title());
                doc.blank();
                doc.para(&render(&copy.summary, &voice), Style::new());
                doc.blank();
            }
            let (why, source) = if outcome == OutcomeKind::SafetyFirst {
                (
                    "Why am I seeing this: you logged a threat. A threat is safety information, the same as in the safety questions of the check-in, and it comes before anything else. Couples counseling is not the advice while there is fear; individual, confidential support is, and the lines below are free.",
                    "ndvh_couples",
                )
            } else {
                (
                    "Why am I seeing this: you logged mockery or contempt. That counts the same as the contempt question of the check-in: your own support comes first, not new ways to ask.",
                    "gottman_contempt",
                )
            };
            doc.para(&sourced(app, why, &[source.to_string()]), Style::new());
            if outcome == OutcomeKind::SafetyFirst {
                let crisis = super::overlays::crisis_doc(app, width);
                doc.blank();
                for line in crisis.lines {
                    doc.push(line);
                }
            } else {
                doc.blank();
                doc.para("Ctrl-G shows support lines at any time.", t.key());
            }
        }
        None => {
            let noes = asklog::noes_since_yes(&app.data);
            doc.para(
                &format!(
                    "{} logged in all; {noes} \u{201c}no\u{201d} since the last yes.",
                    app.data.asks.len()
                ),
                Style::new(),
            );
            if asklog::repeated_no_due(&app.data) {
                doc.blank();
                doc.para(
                    "You have heard no several times now. Asking again the same way rarely changes the answer; there is a plan for this. Press Enter to read it.",
                    t.heading(),
                );
            } else {
                doc.blank();
                doc.para("Press Enter to go home.", t.dim());
            }
        }
    }
    doc
}

pub fn plan_doc(app: &App, width: usize) -> Doc {
    let t = app.theme;
    let voice = app.voice();
    let plan = &app.content.after.repeated_no;
    let mut doc = Doc::new(width);
    let Some(outcome) = asklog::current_outcome(&app.data) else {
        doc.para(
            "Take the check-in first: the plan is matched to it.",
            t.heading(),
        );
        return doc;
    };
    doc.para(&render(&plan.intro, &voice), Style::new());
    if asklog::leaving_warning(outcome) {
        doc.blank();
        doc.para(&render(&plan.leaving_warning, &voice), t.warning());
    }
    let steps = asklog::plan_steps(outcome);
    for (n, id) in steps.iter().enumerate() {
        let Some(step) = plan.steps.iter().find(|s| s.id == *id) else {
            continue;
        };
        doc.blank();
        doc.para(
            &format!("{}. {}", n + 1, render(&step.title, &voice)),
            t.heading(),
        );
        doc.para(&render(&step.body, &voice), Style::new());
        doc.para(
            &sourced(
                app,
                &format!("Why: {}", render(&step.why, &voice)),
                &step.sources,
            ),
            t.dim(),
        );
        if *id == "boundary" {
            match app.data.boundaries.last() {
                Some(b) => {
                    doc.blank();
                    doc.para(
                        &format!("Your boundary ({}):", app.format_date(b.at)),
                        t.key(),
                    );
                    doc.para(&b.text, Style::new());
                }
                None => {
                    doc.para("Press e to write your own.", t.key());
                }
            }
        }
    }
    doc
}

pub fn boundary_guidance(app: &App, width: usize) -> Doc {
    let t = app.theme;
    let mut doc = Doc::new(width);
    doc.para(
        &render(&app.content.after.repeated_no.boundary_prompt, &app.voice()),
        t.heading(),
    );
    doc.para("Tab saves it as a new version; Esc saves too.", t.dim());
    doc
}
