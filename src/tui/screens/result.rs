//! The result: the outcome, why, the four signals, the route, next steps with why, and the
//! disclaimer. The words come from `core::report`.

use crate::core::report;
use crate::pages::Citations;
use crate::tui::app::App;
use crate::tui::doc::Doc;
use ratatui::style::Style;

pub fn doc(app: &App, index: usize, width: usize) -> Doc {
    let t = app.theme;
    let mut doc = Doc::new(width);
    let Some(record) = app.data.assessments.get(index) else {
        doc.para("That result is no longer saved.", t.warning());
        return doc;
    };
    let r = report::build_now(&app.content, &app.data, record, &app.voice());
    let mut cited = Citations::default();
    doc.para(&r.title, t.title());
    doc.para(
        &format!(
            "Your check-in of {}",
            crate::pages::text::date(record.completed_at)
        ),
        t.dim(),
    );
    doc.blank();
    if let Some(since) = &r.since {
        doc.para(&since.line, t.warning());
        doc.blank();
    }
    doc.para(&r.summary, Style::new());
    doc.blank();
    // On a safety path the help lines come right after the summary, not pages further down.
    let lines = report::shows_crisis_lines(&app.data, record);
    let lines_first = lines
        && crate::core::gate::current(&app.data).is_some_and(crate::core::gate::Path::is_safety);
    if lines_first {
        doc.section();
        help_lines(app, &mut doc, width);
        doc.blank();
    }
    doc.section();
    doc.para("Why am I seeing this?", t.heading());
    for line in &r.why {
        doc.bullet(line, Style::new());
    }
    doc.para(&cited.cite(&r.basis, &r.basis_sources), t.dim());
    if !r.reasons.is_empty() {
        doc.blank();
        for (title, text) in &r.reasons {
            doc.section();
            doc.para(title, t.heading());
            doc.para(text, Style::new());
            doc.blank();
        }
    }
    if !r.profile.is_empty() {
        doc.blank();
        doc.section();
        doc.para(
            "The table, row by row: four signals, reachable or red flag",
            t.heading(),
        );
        for (name, line) in &r.profile {
            doc.hanging(&format!("{name}: "), t.heading(), line, Style::new());
        }
    }
    doc.blank();
    doc.section();
    doc.para("Next steps", t.heading());
    for (i, step) in r.steps.iter().enumerate() {
        // The plan in groups: now, this week, later.
        if i == 0 || r.steps[i - 1].group != step.group {
            doc.blank();
            doc.section();
            doc.para(step.group.heading(), t.title());
        }
        doc.blank();
        doc.hanging(
            &format!("{:>2}. ", i + 1),
            t.key(),
            &step.title,
            t.heading(),
        );
        doc.hanging("    ", Style::new(), &step.body, Style::new());
        let why = cited.cite(&format!("Why this step: {}", step.why), &step.sources);
        doc.hanging("    ", Style::new(), &why, t.dim());
    }
    let sources = cited.list();
    if !sources.is_empty() {
        doc.blank();
        doc.section();
        doc.para("Sources", t.heading());
        for source in &sources {
            doc.para(source, t.dim());
        }
    }
    doc.blank();
    doc.para(&r.not_validated, t.dim());
    doc.blank();
    doc.para(&r.disclaimer, t.warning());
    if lines && !lines_first {
        doc.blank();
        doc.section();
        help_lines(app, &mut doc, width);
    }
    doc
}

/// The help lines that fit the path now, first.
fn help_lines(app: &App, doc: &mut Doc, width: usize) {
    let needs = crate::core::gate::needs_now(&app.data);
    let first = crate::pages::resources::for_needs(
        &app.content,
        app.data.settings.country.as_deref(),
        &needs,
    );
    for line in super::page_doc(app, &first, width).lines {
        doc.push(line);
    }
}
