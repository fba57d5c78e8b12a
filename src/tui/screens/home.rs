//! Home: continue where you stopped, see the latest result, take it again, crisis lines.

use crate::core::session;
use crate::tui::app::App;
use crate::tui::doc::Doc;
use ratatui::style::Style;

pub fn doc(app: &App, width: usize) -> Doc {
    let t = app.theme;
    let mut doc = Doc::new(width);
    doc.para("What would you like to do?", t.heading());
    let voice = app.voice();
    let glance = app.glance();
    let status =
        crate::pages::after::home_status(crate::pages::Words::new(&app.content, &voice), &glance);
    for (i, line) in status.iter().enumerate() {
        doc.para(line, if i == 0 { t.dim() } else { t.warning() });
    }
    if let Some(line) = crate::pages::after::timeline_status(&glance, app.today()) {
        doc.para(&line, t.key());
    }
    let since = crate::pages::after::since_last_time(
        crate::pages::Words::new(&app.content, &voice),
        &glance,
        app.today(),
    );
    if !since.is_empty() {
        doc.blank();
        doc.para("Since last time", t.heading());
        for line in &since {
            doc.para(line, t.dim());
        }
    }
    doc.blank();
    for (i, &item) in glance.items.iter().enumerate() {
        let style = if app.cursor == i {
            t.selected()
        } else {
            Style::new()
        };
        doc.item(
            app.cursor == i,
            &format!("[{}]", item.key()),
            &session::home_label(&app.content, &glance, item),
            style,
        );
    }
    // Scroll only as far as the cursor needs: in a small window, what sits above the menu
    // (the latest result, the timeline, what moved since last time) stays in sight at the
    // first entry instead of giving way to the last ones.
    doc.keep_visible = None;
    doc
}
