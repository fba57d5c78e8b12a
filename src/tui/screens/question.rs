//! One question: the section intro on its first question, the question, why it is asked,
//! and the options with text markers for focus and choice.

use crate::content::{QuestionKind, render};
use crate::core::flow::Current;
use crate::tui::app::App;
use crate::tui::doc::Doc;
use ratatui::style::Style;

/// "Safety check · 3 of 9".
pub fn header(app: &App) -> String {
    app.flow
        .as_ref()
        .and_then(|f| {
            crate::pages::checkin::progress(
                &app.content,
                &app.voice(),
                &f.current(&app.content),
                app.recheck,
            )
        })
        .map_or_else(
            || {
                if app
                    .flow
                    .as_ref()
                    .is_some_and(crate::core::flow::Flow::is_reviewing)
                {
                    "Your answers".to_string()
                } else {
                    String::new()
                }
            },
            |p| p.header(),
        )
}

pub fn doc(app: &App, width: usize) -> Doc {
    let t = app.theme;
    let voice = app.voice();
    if let Some(flow) = app.flow.as_ref().filter(|f| f.is_reviewing()) {
        let w = crate::pages::Words::new(&app.content, &voice);
        let mut doc = super::list_doc(app, crate::pages::checkin::review(w, flow), width);
        // A long list: scroll only as far as the focus needs, so the words above it show.
        doc.keep_visible = None;
        return doc;
    }
    let mut doc = Doc::new(width);
    let Some(Current::Question {
        question,
        starts_section,
        ..
    }) = app.flow.as_ref().map(|f| f.current(&app.content))
    else {
        return doc;
    };
    if starts_section && let Some(section) = app.content.section(&question.section) {
        doc.para(&render(&section.intro, &voice), t.dim());
        doc.blank();
    }
    // The question matters more than the section's intro or the last options: on a short
    // screen it stays in sight from its first line while the focused option allows (the
    // rest of a long list comes into view as the cursor moves down).
    doc.hold_top = Some(doc.lines.len());
    doc.para(&render(&question.text, &voice), t.heading());
    if let Some(help) = crate::pages::checkin::question_help(question, &app.data) {
        doc.para(&render(help, &voice), t.dim());
    }
    if question.kind == QuestionKind::Multi {
        doc.para("Tick all that apply, then press Enter.", t.dim());
    }
    doc.blank();
    let answered = app
        .flow
        .as_ref()
        .and_then(|f| f.answers.get(&question.id))
        .unwrap_or(&[]);
    for (i, option) in question.options.iter().enumerate() {
        let focused = app.cursor == i;
        let mark = match question.kind {
            QuestionKind::Single if answered.contains(&option.key) => "(x)",
            QuestionKind::Single => "( )",
            QuestionKind::Multi if app.ticked.contains(&option.key) => "[x]",
            QuestionKind::Multi => "[ ]",
        };
        let style = if focused { t.selected() } else { Style::new() };
        // Only 1 to 9 have a number key; further options are reached with the arrows.
        let number = if i < 9 {
            format!("{}.", i + 1)
        } else {
            "  ".to_string()
        };
        doc.item(
            focused,
            &format!("{number} {mark}"),
            &render(&option.label, &voice),
            style,
        );
    }
    doc
}
