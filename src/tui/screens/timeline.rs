//! The timeline: choosing a window, where today falls in it, the movement check and a review.

use super::asklog::list;
use super::rehearse::sourced;
use crate::content::render;
use crate::core::record::{AskAnswer, Movement};
use crate::core::timeline::{self, Standing};
use crate::plain::text;
use crate::tui::app::App;
use crate::tui::doc::Doc;
use ratatui::style::Style;

pub fn doc(app: &App, width: usize) -> Doc {
    let t = app.theme;
    let voice = app.voice();
    let copy = &app.content.after.timeline;
    let mut doc = Doc::new(width);
    let today = app.today();
    match (&app.data.timeline, app.choosing_window) {
        (Some(window), false) => {
            doc.para(&window.status_line(today), t.title());
            doc.para(
                &format!(
                    "Started {}; review on {}.",
                    window.started_on.strftime("%-d %b %Y"),
                    window.review_on().strftime("%-d %b %Y")
                ),
                t.dim(),
            );
            let asks = timeline::asks_in_window(&app.data, window, text::local_date);
            let total: u32 = asks.values().sum();
            doc.para(
                &format!("Asks logged in this window: {total}."),
                Style::new(),
            );
            if timeline::reviewed(&app.data) {
                doc.para("You have reviewed this window already.", t.dim());
            }
            doc.blank();
            let review = match window.standing(today) {
                Standing::ReviewDue { .. } => "Review now (it is due)".to_string(),
                _ => "Review early".to_string(),
            };
            list(app, &mut doc, &[review, "Set a new window".to_string()]);
        }
        _ => {
            doc.para(&render(&copy.intro, &voice), Style::new());
            doc.blank();
            doc.para("How long a window do you want to give it?", t.heading());
            let labels: Vec<String> = timeline::WINDOW_CHOICES
                .iter()
                .map(|d| {
                    let months = match d {
                        30 => " (about a month)",
                        60 => " (about two months)",
                        90 => " (about three months; the usual)",
                        180 => " (about six months)",
                        _ => "",
                    };
                    format!("{d} days{months}")
                })
                .collect();
            list(app, &mut doc, &labels);
        }
    }
    doc
}

pub fn review_doc(app: &App, item: usize, width: usize) -> Doc {
    let t = app.theme;
    let voice = app.voice();
    let mut doc = Doc::new(width);
    doc.para(
        &format!(
            "Over this window, question {} of {}:",
            item + 1,
            timeline::MOVEMENT_IDS.len()
        ),
        t.dim(),
    );
    if let Some(text) = timeline::MOVEMENT_IDS
        .get(item)
        .and_then(|id| app.content.after.timeline.movement.get(*id))
    {
        doc.para(&render(text, &voice), t.heading());
    }
    doc.blank();
    let labels: Vec<String> = Movement::ALL
        .iter()
        .map(|m| m.label().to_string())
        .collect();
    list(app, &mut doc, &labels);
    doc
}

pub fn review_result_doc(app: &App, index: usize, width: usize) -> Doc {
    let t = app.theme;
    let voice = app.voice();
    let copy = &app.content.after.timeline;
    let mut doc = Doc::new(width);
    let Some(review) = app.data.reviews.get(index) else {
        return doc;
    };
    doc.para(
        &format!("Your review of {}", app.format_date(review.at)),
        t.title(),
    );
    doc.blank();
    if let Some(text) = copy.verdicts.get(review.verdict.id()) {
        doc.para(
            &sourced(app, &render(text, &voice), &copy.sources),
            Style::new(),
        );
    }
    doc.blank();
    doc.para("Why am I seeing this: what you answered", t.heading());
    for id in timeline::MOVEMENT_IDS {
        if let (Some(m), Some(text)) = (review.movement.get(id), copy.movement.get(id)) {
            doc.bullet(
                &format!("{}: {}", render(text, &voice), m.label()),
                Style::new(),
            );
        }
    }
    doc.blank();
    doc.para("And what the log shows for this window:", t.heading());
    if review.asks.is_empty() {
        doc.bullet("No asks logged.", Style::new());
    }
    for (answer, n) in &review.asks {
        doc.bullet(
            &format!(
                "{}: {n}",
                text::ask_answer_label(&app.content, *answer, &voice)
            ),
            Style::new(),
        );
    }
    if review
        .asks
        .keys()
        .any(|a| matches!(a, AskAnswer::Threat | AskAnswer::Contempt))
    {
        doc.blank();
        doc.para(
            "Contempt or a threat in the log is not movement, whatever else changed. Ctrl-G shows support lines.",
            t.warning(),
        );
    }
    if let Some(previous) = index.checked_sub(1).and_then(|i| app.data.reviews.get(i)) {
        doc.blank();
        doc.para(
            &format!(
                "Your previous review ({}) found: {}.",
                app.format_date(previous.at),
                previous.verdict.id()
            ),
            t.dim(),
        );
    }
    doc
}
