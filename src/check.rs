//! `overture check`: the draft checker for words written anywhere else (an editor, a notes
//! app), from a file or standard input. It reads no saved answers and writes nothing.

use crate::content::{Content, Pronouns, Voice};
use crate::core::draft;
use crate::pages::rehearse::{Draft, findings};
use crate::pages::text::printable;
use serde::Serialize;
use std::io::{self, Read, Write};
use std::path::Path;

/// How `overture check` prints what it found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// One JSON object per finding, one per line.
    pub json: bool,
    /// Every line of the input is a draft of its own.
    pub lines: bool,
    pub pronouns: Pronouns,
}

impl Options {
    /// From the command line: `pronouns` is "he", "she" or anything else for "they".
    pub fn new(json: bool, lines: bool, pronouns: &str) -> Self {
        let pronouns = match pronouns {
            "he" => Pronouns::He,
            "she" => Pronouns::She,
            _ => Pronouns::They,
        };
        Options {
            json,
            lines,
            pronouns,
        }
    }
}

/// One finding as `--json` prints it.
#[derive(Debug, Serialize)]
struct JsonFinding<'a> {
    /// The draft's line number (1-based) with `--lines`, else 1.
    line: usize,
    concern: &'a str,
    /// Byte offsets into that draft (its line, with `--lines`).
    start: usize,
    end: usize,
    words: &'a str,
    /// What the words may do, and the better shape, in the user's voice.
    note: String,
    /// A better line built from the draft's own words where the checker could.
    better: Option<&'a str>,
}

/// Reads the draft from `file` (or standard input for `None` or `-`) and prints what the
/// checker finds. Returns an error message for input that cannot be read as UTF-8 text.
pub fn run(
    content: &Content,
    file: Option<&Path>,
    options: Options,
    out: &mut impl Write,
) -> Result<(), String> {
    let bytes = read_input(file)?;
    let text = String::from_utf8(bytes).map_err(|e| {
        format!(
            "the draft is not UTF-8 text (the first bad byte is at offset {})",
            e.utf8_error().valid_up_to()
        )
    })?;
    let voice = Voice {
        partner: "partner".to_string(),
        pronouns: options.pronouns,
    };
    let drafts: Vec<&str> = if options.lines {
        text.lines().collect()
    } else {
        vec![text.as_str()]
    };
    match print_findings(content, &drafts, &voice, options, out) {
        // A reader that stops early (`| head`) is not a failure.
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            Err(format!("could not write the findings: {e}"))
        }
        _ => Ok(()),
    }
}

fn print_findings(
    content: &Content,
    drafts: &[&str],
    voice: &Voice,
    options: Options,
    out: &mut impl Write,
) -> io::Result<()> {
    // The checker's page reads no saved answers.
    let no_data = crate::core::record::SavedData::default();
    for (n, draft_text) in drafts.iter().enumerate() {
        if options.json {
            print_json(n + 1, draft_text, voice, content.spelling(), out)?;
            continue;
        }
        if options.lines {
            if draft_text.trim().is_empty() {
                continue;
            }
            writeln!(out, "Line {}: {}", n + 1, printable(draft_text))?;
        }
        let page = findings(
            crate::pages::Words::new(content, voice),
            draft_text,
            Draft::Invitation,
        );
        for line in crate::plain::page_lines(&page, content, &no_data) {
            writeln!(out, "{}", printable(&line))?;
        }
        if options.lines {
            writeln!(out)?;
        }
    }
    out.flush()
}

fn read_input(file: Option<&Path>) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    match file.filter(|f| f.as_os_str() != "-") {
        Some(path) => {
            bytes = std::fs::read(path)
                .map_err(|e| format!("could not read {}: {e}", path.display()))?;
        }
        None => {
            io::stdin()
                .lock()
                .read_to_end(&mut bytes)
                .map_err(|e| format!("could not read standard input: {e}"))?;
        }
    }
    Ok(bytes)
}

fn print_json(
    line: usize,
    text: &str,
    voice: &Voice,
    spelling: crate::content::Spelling,
    out: &mut impl Write,
) -> io::Result<()> {
    let review = draft::review(text);
    // A line built from the draft's own words; a form with blanks is not one to print here.
    let better = review
        .suggestions
        .iter()
        .find(|s| !s.contains(draft::BLANK))
        .map(String::as_str);
    for f in &review.findings {
        let finding = JsonFinding {
            line,
            concern: f.concern.id(),
            start: f.start,
            end: f.end,
            words: &f.found,
            // No saved answers are read here: the country is this computer's locale's.
            note: crate::pages::rehearse::note_text(f, voice, spelling),
            better,
        };
        // Serialising these plain fields cannot fail.
        let json = serde_json::to_string(&finding).map_err(io::Error::other)?;
        writeln!(out, "{json}")?;
    }
    Ok(())
}
