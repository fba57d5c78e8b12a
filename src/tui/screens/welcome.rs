//! First run: what Overture is and is not, where answers stay, and what traces remain.

use crate::tui::app::App;
use crate::tui::doc::Doc;

pub fn doc(app: &App, width: usize) -> Doc {
    let t = app.theme;
    let w = &app.content.copy.welcome;
    let mut doc = Doc::new(width);
    doc.para(&w.title, t.heading());
    doc.blank();
    // The device warning first: at 80×24 whatever comes last is below the fold.
    doc.para("If someone else can use this device", t.warning());
    doc.para(&w.device_warning, ratatui::style::Style::new());
    doc.blank();
    for p in &w.paragraphs {
        doc.para(p, ratatui::style::Style::new());
        doc.blank();
    }
    doc.para("What traces remain", t.heading());
    doc.para(&w.traces, ratatui::style::Style::new());
    doc.blank();
    // What to press is on the status line, always in sight, so it is not said twice.
    doc.para(&app.data_location(), t.dim());
    doc
}
