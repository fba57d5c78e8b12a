//! Home: continue where you stopped, see the latest result, take it again, crisis lines.

use crate::content::render;
use crate::core::flow::{Current, Flow};
use crate::tui::app::{App, HomeItem};
use crate::tui::doc::Doc;
use ratatui::style::Style;

fn label(app: &App, item: HomeItem) -> String {
    match item {
        HomeItem::Continue => {
            let place = app.data.draft.as_ref().and_then(|d| {
                let flow = Flow::resume(&app.content, d.answers.clone(), d.current.as_deref());
                match flow.current(&app.content) {
                    Current::Question {
                        question,
                        number_in_section,
                        section_len,
                        ..
                    } => app.content.section(&question.section).map(|s| {
                        format!("{}, question {number_in_section} of {section_len}", s.title)
                    }),
                    Current::Finished => None,
                }
            });
            match place {
                Some(place) => format!("Continue where you stopped ({place})"),
                None => "Continue where you stopped".to_string(),
            }
        }
        HomeItem::Start => "Start the check-in".to_string(),
        HomeItem::Retake => "Take the check-in again (your earlier results are kept)".to_string(),
        HomeItem::LatestResult => "See your latest result and next steps".to_string(),
        HomeItem::Rehearse => {
            if app.data.open_rehearsal().is_some() {
                "Continue the rehearsal of the invitation".to_string()
            } else {
                "Rehearse the invitation".to_string()
            }
        }
        HomeItem::Script => "Read your invitation script or letter".to_string(),
        HomeItem::Crisis => "Crisis lines and support".to_string(),
        HomeItem::ChangeVoice => {
            format!("Change how Overture refers to your {}", app.voice().partner)
        }
        HomeItem::Quit => "Quit".to_string(),
    }
}

pub fn doc(app: &App, width: usize) -> Doc {
    let t = app.theme;
    let mut doc = Doc::new(width);
    doc.para("What would you like to do?", t.heading());
    if let Some(last) = app.data.latest_assessment() {
        let title = app
            .content
            .copy
            .outcomes
            .get(last.outcome.id())
            .map(|c| render(&c.title, &app.voice()))
            .unwrap_or_default();
        doc.para(
            &format!(
                "Latest result ({}): {title}",
                app.format_date(last.completed_at)
            ),
            t.dim(),
        );
    }
    doc.blank();
    for (i, item) in app.home_items().into_iter().enumerate() {
        let style = if app.cursor == i {
            t.selected()
        } else {
            Style::new()
        };
        doc.item(
            app.cursor == i,
            &format!("{}.", i + 1),
            &label(app, item),
            style,
        );
    }
    doc
}
