//! Home: continue where you stopped, see the latest result, take it again, crisis lines.

use crate::content::render;
use crate::core::session;
use crate::tui::app::{App, HomeItem};
use crate::tui::doc::Doc;
use ratatui::style::Style;

fn label(app: &App, item: HomeItem) -> String {
    session::home_label(&app.content, &app.data, item)
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
    if let Some(window) = &app.data.timeline {
        let reviewed = crate::core::timeline::reviewed(&app.data);
        let line = match window.standing(app.today()) {
            crate::core::timeline::Standing::ReviewDue { .. } if reviewed => {
                "Your timeline: reviewed. Set a new window when you are ready.".to_string()
            }
            crate::core::timeline::Standing::ReviewDue { .. } => {
                "Your timeline: review due. Choose \u{201c}Your timeline and its review\u{201d}."
                    .to_string()
            }
            _ => format!(
                "Your timeline: {}.",
                window.status_line(app.today()).to_lowercase()
            ),
        };
        doc.para(&line, t.key());
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
