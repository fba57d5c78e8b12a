//! Trends as text tables: what `overture trends` prints and the summary for a counselor
//! carries, as Markdown tables; plain mode shows the same rows as spoken lines, so that a
//! screen reader reads no table punctuation.

use super::text::{date, outcome_title};
use crate::content::{Content, Voice, render};
use crate::core::record::{AskAnswer, SavedData};
use crate::core::since::SIGNALS;
use crate::core::trends::Trends;

/// How the asks of a month are grouped into columns.
const ASK_COLUMNS: [(&str, &[AskAnswer]); 5] = [
    ("Yes or maybe", &[AskAnswer::Yes, AskAnswer::Maybe]),
    ("A question", &[AskAnswer::AskedQuestion]),
    ("No", &[AskAnswer::NoWithReason, AskAnswer::NoWithoutReason]),
    ("Walked away", &[AskAnswer::WalkedAway]),
    (
        "Contempt or a threat",
        &[AskAnswer::Contempt, AskAnswer::Threat],
    ),
];

/// The tables, each under `heading_prefix` + its title ("## " in Markdown, "" in a terminal),
/// each showing at most `rows` of its newest rows (and saying how many earlier ones were
/// left out). Empty when nothing is saved that makes a trend.
pub fn tables(
    content: &Content,
    data: &SavedData,
    trends: &Trends,
    voice: &Voice,
    heading_prefix: &str,
    rows: usize,
) -> Vec<String> {
    let mut out = Vec::new();
    let mut section = |title: &str, header: &str, body: Vec<String>| {
        if body.is_empty() {
            return;
        }
        if !out.is_empty() {
            out.push(String::new());
        }
        out.push(format!("{heading_prefix}{title}"));
        out.push(String::new());
        let columns = header.matches('|').count() - 1;
        out.push(header.to_string());
        out.push(format!("|{}", "---|".repeat(columns)));
        let left_out = body.len().saturating_sub(rows);
        out.extend(body.into_iter().skip(left_out));
        if left_out > 0 {
            out.push(String::new());
            out.push(format!(
                "({left_out} earlier row{} not shown.)",
                if left_out == 1 { "" } else { "s" }
            ));
        }
    };

    let ruler = |(before, after): (u8, Option<u8>)| match after {
        Some(after) if after != before => format!("{before} \u{2192} {after}"),
        _ => before.to_string(),
    };
    section(
        "Readiness, per rehearsal (0 to 10; before \u{2192} after)",
        "| Date | How important | How confident |",
        trends
            .readiness
            .iter()
            .map(|p| {
                format!(
                    "| {} | {} | {} |",
                    date(p.at),
                    ruler(p.importance),
                    ruler(p.confidence)
                )
            })
            .collect(),
    );

    let (header, rows_of_check_ins) = check_in_rows(content, data, trends, voice);
    section(
        "The check-in's signals, per check-in",
        &header,
        rows_of_check_ins,
    );

    section(
        "Asks per month, and how they went",
        &format!(
            "| Month | Asks | {} |",
            ASK_COLUMNS.map(|(title, _)| title).join(" | ")
        ),
        trends
            .asks_by_month
            .iter()
            .map(|m| {
                let counts: Vec<String> = ASK_COLUMNS
                    .iter()
                    .map(|(_, answers)| m.count(answers).to_string())
                    .collect();
                format!(
                    "| {} | {} | {} |",
                    m.month.strftime("%b %Y"),
                    m.total(),
                    counts.join(" | ")
                )
            })
            .collect(),
    );

    section(
        "Reviews of the timeline",
        "| Date | What it showed |",
        trends
            .reviews
            .iter()
            .map(|(at, verdict)| format!("| {} | {} |", date(*at), capitalised(verdict.label())))
            .collect(),
    );
    out
}

/// The check-in table's header and rows: the date, the result, and each signal's answer.
fn check_in_rows(
    content: &Content,
    data: &SavedData,
    trends: &Trends,
    voice: &Voice,
) -> (String, Vec<String>) {
    let signal_titles: Vec<String> = SIGNALS
        .iter()
        .map(|(id, _)| {
            content.question(id).map_or_else(
                || (*id).to_string(),
                |q| render(q.short.as_deref().unwrap_or(&q.text), voice),
            )
        })
        .collect();
    let answer_label = |question: &str, key: &str| {
        content
            .question(question)
            .and_then(|q| q.options.iter().find(|o| o.key == key))
            .map_or_else(|| key.to_string(), |o| render(&o.label, voice))
    };
    let header = format!(
        "| Date | Result | {} | {} | {} |",
        signal_titles[0], signal_titles[1], signal_titles[2]
    );
    let rows = trends
        .check_ins
        .iter()
        .filter_map(|p| {
            let record = data.assessments.get(p.index)?;
            let cells: Vec<String> = p
                .signals
                .iter()
                .zip(SIGNALS)
                .map(|(signal, (question, _))| {
                    signal
                        .as_ref()
                        .map_or_else(|| "-".to_string(), |(key, _)| answer_label(question, key))
                })
                .collect();
            Some(format!(
                "| {} | {} | {} |",
                date(p.at),
                outcome_title(content, record, voice),
                cells.join(" | ")
            ))
        })
        .collect();
    (header, rows)
}

/// "a little movement" as a table cell: "A little movement".
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// The trends page as plain mode shows it: the tables, newest rows first shown last.
pub fn page(w: super::Words, data: &SavedData) -> super::Page {
    use super::{Page, Tone};
    let mut page = Page::new();
    page.para(Tone::Heading, "How things have moved");
    let series = crate::core::trends::trends(data, super::text::local_date);
    let tables = tables(w.content, data, &series, w.voice, "", 12);
    if tables.is_empty() {
        page.para(Tone::Text, NOTHING_YET);
        return page;
    }
    page.para(
        Tone::Dim,
        "From your saved answers only. Each list shows its newest 12 rows; the command overture trends --all prints every row.",
    );
    for line in spoken(&tables) {
        if line.is_empty() {
            page.blank();
        } else {
            page.para(Tone::Text, line);
        }
    }
    page
}

/// The tables as lines a screen reader reads without table punctuation: each row as its
/// first cell, then each other column's name and value ("6 Dec 2026. How important: 8.
/// How confident: 4."). Headings and notes pass as they are.
fn spoken(lines: &[String]) -> Vec<String> {
    let cells = |row: &str| -> Vec<String> {
        row.trim()
            .trim_matches('|')
            .split('|')
            .map(|cell| cell.trim().to_string())
            .collect()
    };
    let mut out = Vec::new();
    let mut header: Vec<String> = Vec::new();
    for (n, line) in lines.iter().enumerate() {
        if !line.starts_with('|') {
            header.clear();
            out.push(line.clone());
        } else if line.starts_with("|---") {
            // The Markdown rule under a header: nothing to read.
        } else if header.is_empty() && lines.get(n + 1).is_some_and(|l| l.starts_with("|---")) {
            header = cells(line);
        } else {
            let row = cells(line);
            let rest: Vec<String> = header
                .iter()
                .zip(&row)
                .skip(1)
                .map(|(name, value)| format!("{name}: {value}."))
                .collect();
            let first = row.first().cloned().unwrap_or_default();
            out.push(format!("{first}. {}", rest.join(" ")));
        }
    }
    out
}

/// What the trends say before anything saved makes one.
pub const NOTHING_YET: &str = "Nothing saved makes a trend yet: a check-in, a rehearsal's rulers, a logged ask or a review starts one.";
