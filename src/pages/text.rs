//! Longer texts as lines of words with no terminal codes: the welcome, a result, the crisis
//! lines, the summary export, and the small helpers every page uses (dates, names). Shared by
//! both front ends, `overture show` and `overture export`.

use crate::content::{Content, Voice, render};
use crate::core::asklog;
use crate::core::record::{AskAnswer, AssessmentRecord, SavedData};
use crate::core::report;
use jiff::Timestamp;
use std::fmt::Write as _;

/// How a text is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// Lines of words, a blank line between paragraphs.
    Plain,
    /// Markdown, for a file.
    Markdown,
}

/// Whether dates are shown in the system's time zone: `main` asks for it; otherwise (in every
/// test) dates are in UTC, so no test depends on the machine's time zone.
static SYSTEM_TIME_ZONE: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// The system's time zone, looked up when the first date is shown.
static TIME_ZONE: std::sync::OnceLock<jiff::tz::TimeZone> = std::sync::OnceLock::new();

/// Shows dates in the system's time zone. It is looked up when the first date is shown, not
/// now: finding it can read the whole time zone database (0.7 ms), which a screen without
/// a date, like the welcome, need not wait for.
pub fn use_system_time_zone() {
    SYSTEM_TIME_ZONE.store(true, std::sync::atomic::Ordering::Relaxed);
}

/// The time zone dates are shown in.
pub fn time_zone() -> jiff::tz::TimeZone {
    if SYSTEM_TIME_ZONE.load(std::sync::atomic::Ordering::Relaxed) {
        TIME_ZONE.get_or_init(system_time_zone).clone()
    } else {
        jiff::tz::TimeZone::UTC
    }
}

/// The system's time zone. With `TZ` unset, `/etc/localtime` is the zone: read directly,
/// it is the same rules jiff would find, without listing the whole time zone database to
/// look its name up (0.7 ms). Otherwise, and if that file does not read, jiff decides.
fn system_time_zone() -> jiff::tz::TimeZone {
    #[cfg(unix)]
    if std::env::var_os("TZ").is_none() {
        const LOCALTIME: &str = "/etc/localtime";
        if let Ok(rules) = std::fs::read(LOCALTIME) {
            let name = std::fs::read_link(LOCALTIME).ok().and_then(|target| {
                let target = target.to_str()?.to_string();
                let (_, name) = target.split_once("zoneinfo/")?;
                Some(name.to_string())
            });
            if let Ok(tz) = jiff::tz::TimeZone::tzif(name.as_deref().unwrap_or("Local"), &rules) {
                return tz;
            }
        }
    }
    jiff::tz::TimeZone::system()
}

/// A date as people read it, in the local time zone: "22 Nov 2026".
pub fn date(at: Timestamp) -> String {
    at.to_zoned(time_zone()).strftime("%-d %b %Y").to_string()
}

/// A date and time in the local time zone: "22 Nov 2026, 13:05".
pub fn date_time(at: Timestamp) -> String {
    at.to_zoned(time_zone())
        .strftime("%-d %b %Y, %H:%M")
        .to_string()
}

/// Said when the lock screen opens after wrong passphrases: how many, and when the last was
/// tried, so someone else's tries can be noticed; `None` when there were none.
/// `opened_before`: whether the data was ever unlocked since the lock was turned on.
pub fn wrong_tries(count: u32, last: Option<Timestamp>, opened_before: bool) -> Option<String> {
    if count == 0 {
        return None;
    }
    let tried = if count == 1 {
        "1 wrong passphrase was tried".to_string()
    } else {
        format!("{count} wrong passphrases were tried")
    };
    let since = if opened_before {
        "since Overture was last opened"
    } else {
        "since the lock was turned on"
    };
    let when = match (count, last) {
        (1, Some(at)) => format!(", on {}", date_time(at)),
        (_, Some(at)) => format!(", the last on {}", date_time(at)),
        (_, None) => String::new(),
    };
    Some(format!(
        "{tried} {since}{when}. If that wasn't you, someone else may have tried to open it."
    ))
}

/// Removes what could drive a terminal (escape and other control characters), keeping tabs,
/// and shows the controls that reorder text (U+202E and friends) as what they are, so a
/// line cannot be made to read other than it is.
pub fn printable(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() && c != '\t' {
            out.push('\u{fffd}');
        } else if is_bidi_control(c) {
            // Writing to a String cannot fail.
            let _ = write!(out, "<U+{:04X}>", u32::from(c));
        } else {
            out.push(c);
        }
    }
    out
}

/// The same, line by line, for a whole document (a Markdown export): its line breaks stay.
pub fn printable_document(text: &str) -> String {
    text.split('\n')
        .map(printable)
        .collect::<Vec<_>>()
        .join("\n")
}

fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
    )
}

/// The welcome: the device warning first (it must be read before anything is typed, on any
/// screen size), then what Overture is and is not, the traces, where answers are kept.
pub fn welcome(content: &Content, voice: &Voice, location: &str) -> Vec<String> {
    let w = &content.copy.welcome;
    let r = |text: &str| render(text, voice);
    let mut lines = vec![r(&w.title), String::new()];
    lines.push("If someone else can use this device".to_string());
    lines.push(r(&w.device_warning));
    lines.push(String::new());
    for p in &w.paragraphs {
        lines.push(r(p));
        lines.push(String::new());
    }
    lines.push("What traces remain".to_string());
    lines.push(r(&w.traces));
    lines.push(String::new());
    lines.push(location.to_string());
    lines
}

/// The crisis lines and support services, offline: the user's country first, in full.
pub fn resources(content: &Content, country: Option<&str>, layout: Layout) -> Vec<String> {
    super::resources::lines(
        &super::resources::all(content, country),
        layout == Layout::Markdown,
    )
}

/// One finished check-in: the outcome, why, the route, the four signals, the next steps with
/// why each fits, and the disclaimer. The words are `core::report`'s.
pub fn result(
    content: &Content,
    data: &SavedData,
    record: &AssessmentRecord,
    voice: &Voice,
    layout: Layout,
) -> Vec<String> {
    let (mut head, rest) = result_parts(content, data, record, voice, layout);
    head.extend(rest);
    head
}

/// The result in two parts: the title, date and summary, then everything after them, so a
/// safety result can put the help lines in between.
pub fn result_parts(
    content: &Content,
    data: &SavedData,
    record: &AssessmentRecord,
    voice: &Voice,
    layout: Layout,
) -> (Vec<String>, Vec<String>) {
    let r = report::build_now(content, data, record, voice);
    let md = layout == Layout::Markdown;
    let h1 = |t: &str| if md { format!("# {t}") } else { t.to_string() };
    let h2 = |t: &str| if md { format!("## {t}") } else { t.to_string() };
    let strong = |t: &str| {
        if md {
            format!("**{t}**")
        } else {
            t.to_string()
        }
    };
    // Each source named once, at the end; the texts cite them by number.
    let mut cited = super::Citations::default();

    let mut lines = vec![
        h1(&r.title),
        String::new(),
        format!("Your check-in of {}", date(record.completed_at)),
        String::new(),
    ];
    if let Some(since) = &r.since {
        lines.push(strong(&since.line));
        lines.push(String::new());
    }
    lines.extend([r.summary.clone(), String::new()]);
    let head = std::mem::take(&mut lines);
    lines.push(h2("Why am I seeing this?"));
    if md {
        lines.push(String::new());
    }
    lines.extend(r.why.iter().map(|w| format!("- {w}")));
    lines.push(String::new());
    lines.push(cited.cite(&r.basis, &r.basis_sources));
    for (title, text) in &r.reasons {
        lines.push(String::new());
        lines.push(if md {
            format!("### {title}")
        } else {
            title.clone()
        });
        if md {
            lines.push(String::new());
        }
        lines.push(text.clone());
    }
    if !r.profile.is_empty() {
        lines.push(String::new());
        lines.push(h2(
            "The table, row by row: four signals, reachable or red flag",
        ));
        if md {
            lines.push(String::new());
        }
        for (name, line) in &r.profile {
            lines.push(format!("- {}: {line}", strong(name)));
        }
    }
    lines.push(String::new());
    lines.push(h2("Next steps"));
    for (i, step) in r.steps.iter().enumerate() {
        // The plan in groups: now, this week, later.
        if i == 0 || r.steps[i - 1].group != step.group {
            lines.push(String::new());
            lines.push(strong(step.group.heading()));
        }
        lines.push(String::new());
        lines.push(format!("{}. {}", i + 1, strong(&step.title)));
        if md {
            lines.push(String::new());
        }
        lines.push(format!("   {}", step.body));
        if md {
            lines.push(String::new());
        }
        lines.push(format!(
            "   {}",
            cited.cite(&format!("Why this step: {}", step.why), &step.sources)
        ));
    }
    let sources = cited.list();
    if !sources.is_empty() {
        lines.push(String::new());
        lines.push(h2("Sources"));
        if md {
            lines.push(String::new());
        }
        lines.extend(
            sources
                .into_iter()
                .map(|s| if md { format!("- {s}") } else { s }),
        );
    }
    lines.push(String::new());
    lines.push(r.not_validated.clone());
    lines.push(String::new());
    lines.push(r.disclaimer);
    (head, lines)
}

/// The outcome's title in the user's words, for lists.
pub fn outcome_title(content: &Content, record: &AssessmentRecord, voice: &Voice) -> String {
    // The title of the check-in's own path: a red flag beside a screen-out reads as the red
    // flag it leads with, as its result page does.
    let path = crate::core::gate::path_of(&record.answers);
    content
        .copy
        .paths
        .get(path.id())
        .or_else(|| content.copy.outcomes.get(record.outcome.id()))
        .map(|c| render(&c.title, voice))
        .unwrap_or_default()
}

/// The local calendar date of a moment (for day counts).
pub fn local_date(at: Timestamp) -> jiff::civil::Date {
    at.to_zoned(time_zone()).date()
}

/// The words of an ask answer, from the content.
pub fn ask_answer_label(content: &Content, answer: AskAnswer, voice: &Voice) -> String {
    content
        .after
        .answers
        .get(answer.id())
        .map_or_else(|| answer.id().to_string(), |t| render(t, voice))
}

/// The name of a door, from the content.
pub fn door_name(content: &Content, id: &str, voice: &Voice) -> String {
    crate::core::doors::door(content, id).map_or_else(|| id.to_string(), |d| render(&d.name, voice))
}

/// The summary for the user's own counselor: the latest outcome, the plan, the ask log and
/// the timeline, as Markdown. `None` before the first check-in.
pub fn summary(content: &Content, data: &SavedData, today: jiff::civil::Date) -> Option<String> {
    let record = data.latest_assessment()?;
    // A file has no key to press: its texts name the crisis lines as an export does.
    let content = &content.for_face(crate::content::Face::Export);
    let voice = crate::core::session::voice(data);
    let path = crate::core::gate::current(data)?;
    let mut lines = vec![
        "<!-- Exported from Overture. This file is a trace on this device: delete it when you no longer need it. -->".to_string(),
        String::new(),
        content.spell("# My notes from Overture, for my own counselor").into_owned(),
        String::new(),
        // Read by someone else, the file's "you" needs saying: it is the person who exported it.
        format!("_Written {}. What follows is what Overture showed me, in its words: \"you\" is me. Overture is not therapy and its check-in is not a validated instrument._", today.strftime("%-d %b %Y")),
        String::new(),
    ];
    lines.extend(result(content, data, record, &voice, Layout::Markdown));
    // On a safety path asking is not the advice: asks logged before stay in the record,
    // but an empty section would read as something still to do.
    if path.capabilities().ask_log || !data.asks.is_empty() {
        lines.extend(asks_section(content, data, &voice));
    }
    lines.extend(plan_section(content, data, path, &voice));
    // With no window and no review there is nothing to report ("No window set" read as a
    // task, and on the safety path no window is offered at all).
    if data.timeline.is_some() || !data.reviews.is_empty() {
        lines.extend(timeline_section(content, data, today, &voice));
    }
    let series = crate::core::trends::trends(data, local_date);
    let trends = super::trends::tables(content, data, &series, &voice, "### ", 12);
    if !trends.is_empty() {
        lines.push(String::new());
        lines.push("## How things have moved".to_string());
        lines.push(String::new());
        lines.extend(trends);
    }
    lines.push(String::new());
    lines.push("## Crisis lines and support".to_string());
    lines.push(String::new());
    // The user's own country's lines (and the international ones), not every country's.
    lines.extend(super::resources::lines(
        &super::resources::own_country(content, data.settings.country.as_deref()),
        true,
    ));
    let mut md = lines.join("\n");
    md.push('\n');
    Some(md)
}

fn asks_section(content: &Content, data: &SavedData, voice: &Voice) -> Vec<String> {
    let mut lines = Vec::new();
    lines.push(String::new());
    lines.push("## The asks".to_string());
    lines.push(String::new());
    if data.asks.is_empty() {
        lines.push("None logged yet.".to_string());
    } else {
        lines.push("| Date | What was offered | How it went | Note |".to_string());
        lines.push("|---|---|---|---|".to_string());
        for a in &data.asks {
            lines.push(format!(
                "| {} | {} | {} | {} |",
                date(a.at),
                door_name(content, &a.door, voice),
                ask_answer_label(content, a.answer, voice),
                a.note.replace('|', "/").replace('\n', " ")
            ));
        }
    }

    lines
}

fn plan_section(
    content: &Content,
    data: &SavedData,
    path: crate::core::gate::Path,
    voice: &Voice,
) -> Vec<String> {
    let mut lines = Vec::new();
    if asklog::repeated_no_due(data) {
        let plan = &content.after.repeated_no;
        lines.push(String::new());
        lines.push("## The plan for repeated \u{201c}no\u{201d}".to_string());
        lines.push(String::new());
        for id in asklog::plan_steps_now(content, data) {
            if let Some(step) = plan.steps.iter().find(|s| s.id == id) {
                lines.push(format!(
                    "- **{}** {}",
                    render(&step.title, voice),
                    render(&step.body, voice)
                ));
            }
        }
        if asklog::leaving_warning(path) {
            lines.push(String::new());
            lines.push(render(&plan.leaving_warning, voice));
        }
        if let Some(boundary) = data.boundaries.last() {
            lines.push(String::new());
            lines.push(format!("My boundary ({}):", date(boundary.at)));
            lines.push(String::new());
            lines.extend(boundary.text.lines().map(|l| format!("> {l}")));
        }
    }

    lines
}

fn timeline_section(
    content: &Content,
    data: &SavedData,
    today: jiff::civil::Date,
    voice: &Voice,
) -> Vec<String> {
    let mut lines = Vec::new();
    lines.push(String::new());
    lines.push("## The timeline".to_string());
    lines.push(String::new());
    match &data.timeline {
        None => lines.push("No window set now.".to_string()),
        Some(t) => lines.push(format!(
            "A window of {} days from {}, review on {}. Today: {}.",
            t.days,
            t.started_on.strftime("%-d %b %Y"),
            t.review_on().strftime("%-d %b %Y"),
            t.status_line(today).to_lowercase()
        )),
    }
    for r in &data.reviews {
        let verdict = content
            .after
            .timeline
            .verdicts
            .get(r.verdict.id())
            .map(|t| render(t, voice))
            .unwrap_or_default();
        lines.push(String::new());
        lines.push(format!("### Review of {}", date(r.at)));
        lines.push(String::new());
        for it in &content.after.timeline.movement {
            if let Some(m) = r.movement.get(&it.id) {
                lines.push(format!("- {}: {}", render(&it.text, voice), m.label()));
            }
        }
        lines.push(String::new());
        lines.push(verdict);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The words never contradict the lock screen's line above them: before the first unlock
    /// it says "since the lock was turned on", not "since Overture was last opened".
    #[test]
    fn wrong_tries_say_since_when_in_words_that_fit() {
        assert_eq!(wrong_tries(0, None, true), None);
        let once = wrong_tries(1, None, true).unwrap_or_default();
        assert!(once.starts_with("1 wrong passphrase was tried since Overture was last opened."));
        let never = wrong_tries(3, None, false).unwrap_or_default();
        assert!(never.starts_with("3 wrong passphrases were tried since the lock was turned on."));
        assert!(!never.contains("(s)") && !never.contains("last opened"));
    }
}
