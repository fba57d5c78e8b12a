//! The commands that read what is saved: `overture history` and `overture trends`.

use super::{EXIT_OK, open_existing};
use crate::content::Content;
use crate::core::history as core_history;
use crate::core::record::SavedData;
use crate::core::session;
use crate::pages::{Words, history as history_page, text};
use clap::ValueEnum;
use std::io::Write;
use std::path::Path;

pub(super) fn trends(content: &Content, dir: &Path, all: bool, out: &mut impl Write) -> u8 {
    let (data, spelled) = match open_existing(content, dir) {
        Ok(Some(opened)) => opened,
        Ok(None) => {
            say!(out, "Nothing is saved yet.");
            return EXIT_OK;
        }
        Err(code) => return code,
    };
    let content = &spelled;
    let voice = session::voice(&data);
    let series = crate::core::trends::trends(&data, text::local_date);
    let rows = if all { usize::MAX } else { 12 };
    let tables = crate::pages::trends::tables(content, &data, &series, &voice, "", rows);
    if tables.is_empty() {
        say!(out, "{}", crate::pages::trends::NOTHING_YET);
    }
    // Words and notes can come from a hand-edited file.
    for line in tables {
        say!(out, "{}", text::printable(&line));
    }
    EXIT_OK
}

/// The kinds `overture history --kind` takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum HistoryKind {
    CheckIn,
    Rehearsal,
    Ask,
    Review,
    Journal,
}

impl HistoryKind {
    pub(super) fn kind(self) -> core_history::Kind {
        match self {
            HistoryKind::CheckIn => core_history::Kind::Assessment,
            HistoryKind::Rehearsal => core_history::Kind::Rehearsal,
            HistoryKind::Ask => core_history::Kind::Ask,
            HistoryKind::Review => core_history::Kind::Review,
            HistoryKind::Journal => core_history::Kind::Journal,
        }
    }
}

/// What a history row says after its kind: a check-in's result title, or the entry's summary.
fn history_what(
    content: &Content,
    data: &SavedData,
    words: Words,
    snap: core_history::Snapshot,
) -> String {
    match data.assessments.get(snap.index) {
        Some(a) if snap.kind == core_history::Kind::Assessment => {
            text::outcome_title(content, a, words.voice)
        }
        _ => history_page::summary(words, data, snap),
    }
}

/// One history row for scripts: id, kind, time (UTC), local date, what; a check-in's outcome.
fn history_json(
    content: &Content,
    data: &SavedData,
    words: Words,
    snap: core_history::Snapshot,
) -> String {
    let mut row = serde_json::json!({
        "id": core_history::id(data, snap).unwrap_or_default(),
        "kind": snap.kind.id(),
        "at": snap.at.to_string(),
        "date": text::local_date(snap.at).to_string(),
        "what": history_what(content, data, words, snap),
    });
    if let (Some(a), core_history::Kind::Assessment) = (data.assessments.get(snap.index), snap.kind)
    {
        row["outcome"] = serde_json::Value::from(a.outcome.id());
    }
    row.to_string()
}

pub(super) fn history(
    content: &Content,
    dir: &Path,
    kind: Option<core_history::Kind>,
    json: bool,
    out: &mut impl Write,
) -> u8 {
    let (data, spelled) = match open_existing(content, dir) {
        Ok(Some(opened)) => opened,
        Ok(None) => {
            say!(out, "Nothing is saved yet.");
            return EXIT_OK;
        }
        Err(code) => return code,
    };
    let content = &spelled;
    let voice = session::voice(&data);
    let words = Words::new(content, &voice);
    let mut snapshots = core_history::list(&data);
    snapshots.retain(|s| kind.is_none_or(|k| s.kind == k));
    if json {
        for snap in &snapshots {
            say!(out, "{}", history_json(content, &data, words, *snap));
        }
        return EXIT_OK;
    }
    if snapshots.is_empty() {
        match kind {
            Some(k) => say!(out, "No saved {} entries.", k.noun()),
            None => say!(out, "No saved answers yet."),
        }
    } else {
        say!(out, "Saved answers, newest first (id, when, kind: what):");
        // Ids come from the file, which may have been edited by hand.
        let ids: Vec<String> = snapshots
            .iter()
            .map(|s| text::printable(core_history::id(&data, *s).unwrap_or_default()))
            .collect();
        let width = ids.iter().map(String::len).max().unwrap_or(0);
        for (snap, id) in snapshots.iter().zip(ids) {
            let what = history_what(content, &data, words, *snap);
            say!(
                out,
                "{id:<width$}  {}  {}: {}",
                text::date_time(snap.at),
                snap.kind.label(),
                text::printable(&what)
            );
        }
    }
    if let (Some(draft), None) = (&data.draft, kind) {
        let place = session::draft_place(content, &data)
            .map_or_else(String::new, |p| format!(", stopped at {p}"));
        say!(
            out,
            "In progress: a check-in started {}{}.",
            text::date_time(draft.started_at),
            text::printable(&place)
        );
    }
    EXIT_OK
}
