//! Trends: how things have moved, drawn with ratatui's own chart widgets (a sparkline per
//! series, bars for the asks per month) into lines of the scrolled body, so that the charts
//! scroll, wrap to the window and show in snapshots like any other text. The same figures as
//! tables are `overture trends` and plain mode's page.

use crate::core::since::SIGNALS;
use crate::core::trends::{self, Trends};
use crate::pages::text::{date, local_date};
use crate::tui::app::App;
use crate::tui::doc::Doc;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Bar, BarChart, BarGroup, Sparkline, Widget};

/// Rows of a sparkline: enough to see steps, few enough for a small window.
const SPARK_HEIGHT: u16 = 2;
/// Rows of the asks chart (bars, their values and the month labels).
const BARS_HEIGHT: u16 = 6;

/// A widget drawn off screen, as lines of text in `style`.
fn drawn(widget: impl Widget, width: u16, height: u16, style: Style) -> Vec<Line<'static>> {
    let area = Rect::new(0, 0, width, height);
    let mut buffer = Buffer::empty(area);
    widget.render(area, &mut buffer);
    (0..height)
        .map(|y| {
            let text: String = (0..width).map(|x| buffer[(x, y)].symbol()).collect();
            Line::styled(text.trim_end().to_string(), style)
        })
        .collect()
}

/// The newest `width` values, oldest first.
fn newest(values: Vec<u64>, width: u16) -> Vec<u64> {
    let keep = usize::from(width);
    let skip = values.len().saturating_sub(keep);
    values.into_iter().skip(skip).collect()
}

/// "(the newest 78 drawn)" when a series is longer than the chart is wide.
fn newest_note(len: usize, width: u16) -> String {
    if len > usize::from(width) {
        format!(" (the newest {width} drawn)")
    } else {
        String::new()
    }
}

pub fn doc(app: &App, width: usize) -> Doc {
    let t = app.theme;
    let mut doc = Doc::new(width);
    doc.para("How things have moved", t.heading());
    let series = trends::trends(&app.data, local_date);
    if series.is_empty() {
        doc.para(crate::pages::trends::NOTHING_YET, Style::new());
        return doc;
    }
    doc.para(
        "From your saved answers only, oldest on the left. The same figures as tables: overture trends.",
        t.dim(),
    );
    let chart_width = u16::try_from(width.min(120)).unwrap_or(120);
    readiness(&mut doc, app, &series, chart_width);
    signals(&mut doc, app, &series, chart_width);
    asks(&mut doc, app, &series, chart_width);
    reviews(&mut doc, app, &series);
    doc
}

fn spark(doc: &mut Doc, values: Vec<u64>, max: u64, width: u16, style: Style) {
    let values = newest(values, width);
    for line in drawn(
        Sparkline::default().data(&values).max(max),
        width,
        SPARK_HEIGHT,
        style,
    ) {
        doc.push(line);
    }
}

fn readiness(doc: &mut Doc, app: &App, series: &Trends, width: u16) {
    let (Some(first), Some(last)) = (series.readiness.first(), series.readiness.last()) else {
        return;
    };
    let t = app.theme;
    doc.blank();
    doc.para(
        &format!(
            "Readiness, per rehearsal (0 to 10): {} rehearsal{} since {}{}",
            series.readiness.len(),
            if series.readiness.len() == 1 { "" } else { "s" },
            date(first.at),
            newest_note(series.readiness.len(), width)
        ),
        t.heading(),
    );
    for (label, values, now) in [
        (
            "How important",
            series
                .readiness
                .iter()
                .map(|p| u64::from(p.importance_now()))
                .collect::<Vec<_>>(),
            last.importance_now(),
        ),
        (
            "How confident",
            series
                .readiness
                .iter()
                .map(|p| u64::from(p.confidence_now()))
                .collect(),
            last.confidence_now(),
        ),
    ] {
        doc.para(&format!("{label} (latest: {now})"), Style::new());
        spark(doc, values, 10, width, t.key());
    }
}

fn signals(doc: &mut Doc, app: &App, series: &Trends, width: u16) {
    if series.check_ins.is_empty() {
        return;
    }
    let t = app.theme;
    doc.blank();
    doc.para(
        &format!(
            "The check-in's signals: {} check-in{}{}; higher is nearer the warning signs",
            series.check_ins.len(),
            if series.check_ins.len() == 1 { "" } else { "s" },
            newest_note(series.check_ins.len(), width)
        ),
        t.heading(),
    );
    let voice = app.voice();
    for (n, (question, order)) in SIGNALS.iter().enumerate() {
        let Some(q) = app.content.question(question) else {
            continue;
        };
        let positions: Vec<Option<usize>> = series
            .check_ins
            .iter()
            .map(|p| p.signals[n].as_ref().and_then(|(_, at)| *at))
            .collect();
        if positions.iter().all(Option::is_none) {
            continue;
        }
        let latest = series
            .check_ins
            .iter()
            .rev()
            .find_map(|p| p.signals[n].as_ref())
            .and_then(|(key, _)| q.options.iter().find(|o| &o.key == key))
            .map(|o| crate::content::render(&o.label, &voice))
            .unwrap_or_default();
        let short = crate::content::render(q.short.as_deref().unwrap_or(&q.text), &voice);
        doc.para(&format!("{short} (latest: {latest})"), Style::new());
        // One step above the floor for the reachable end, so that it still shows as a bar;
        // an answer outside the order ("not asked") is a gap.
        let values = positions
            .iter()
            .map(|p| p.map_or(0, |at| at as u64 + 1))
            .collect();
        spark(doc, values, order.len() as u64, width, t.warning());
    }
}

fn asks(doc: &mut Doc, app: &App, series: &Trends, width: u16) {
    if series.asks_by_month.is_empty() {
        return;
    }
    let t = app.theme;
    doc.blank();
    let total: u32 = series
        .asks_by_month
        .iter()
        .map(trends::MonthAsks::total)
        .sum();
    doc.para(&format!("Asks per month: {total} in all"), t.heading());
    // Bars three columns wide with a gap: as many months as fit, the newest.
    let fit = usize::from(width / 4).max(1);
    let skip = series.asks_by_month.len().saturating_sub(fit);
    let bars: Vec<Bar> = series
        .asks_by_month
        .iter()
        .skip(skip)
        .map(|m| {
            Bar::default()
                .value(u64::from(m.total()))
                .label(Line::from(m.month.strftime("%b").to_string()))
                .style(t.key())
        })
        .collect();
    let chart = BarChart::default()
        .data(BarGroup::default().bars(&bars))
        .bar_width(3)
        .bar_gap(1);
    for line in drawn(chart, width, BARS_HEIGHT, Style::new()) {
        doc.push(line);
    }
    if let (Some(first), Some(last)) = (series.asks_by_month.get(skip), series.asks_by_month.last())
    {
        let span = if first.month == last.month {
            last.month.strftime("%b %Y").to_string()
        } else {
            format!(
                "{} to {}",
                first.month.strftime("%b %Y"),
                last.month.strftime("%b %Y")
            )
        };
        doc.para(&span, t.dim());
        // How the newest month's asks went, in words (a bar has no colour to a screen reader).
        let voice = app.voice();
        let parts: Vec<String> = last
            .by_answer
            .iter()
            .map(|(answer, n)| {
                format!(
                    "{} ({n})",
                    crate::pages::text::ask_answer_label(&app.content, *answer, &voice)
                )
            })
            .collect();
        doc.para(
            &format!("{}: {}", last.month.strftime("%b %Y"), parts.join("; ")),
            Style::new(),
        );
    }
}

fn reviews(doc: &mut Doc, app: &App, series: &Trends) {
    if series.reviews.is_empty() {
        return;
    }
    let t = app.theme;
    doc.blank();
    doc.para("Reviews of the timeline", t.heading());
    let skip = series.reviews.len().saturating_sub(5);
    if skip > 0 {
        doc.para(&format!("{skip} earlier, then:"), t.dim());
    }
    for (at, verdict) in series.reviews.iter().skip(skip) {
        doc.bullet(&format!("{}: {}", date(*at), verdict.label()), Style::new());
    }
}
