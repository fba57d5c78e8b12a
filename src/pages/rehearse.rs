//! The rehearsal's pages: why it is closed, the rulers, each step's guidance, the checker's
//! advice, the replies and what each tells, and the script.

use super::text;
use super::{Hint, Page, Tone, Words};
use crate::content::rehearsal::RehearsalStep;
use crate::content::rehearsal::ReplySwitch;
use crate::content::resources::Need;
use crate::content::{Content, Spelling, Voice, render};
use crate::core::draft;
use crate::core::record::{RehearsalRecord, SavedData, ScriptVersion};
use crate::core::rehearsal::{self, Gate, Stage};

/// Where the user is, for a header: "Rehearsal · step 3 of 8".
pub fn header(content: &Content, stage: Stage) -> String {
    match stage {
        Stage::ReadinessBefore | Stage::NoteBefore => {
            "Rehearsal \u{b7} before you start".to_string()
        }
        Stage::Step(i) => format!(
            "Rehearsal \u{b7} step {} of {}",
            i + 1,
            content.rehearsal.steps.len()
        ),
        Stage::Reply | Stage::ReplyCheck | Stage::ReplyOutcome => {
            "Rehearsal \u{b7} if the answer is no".to_string()
        }
        Stage::ReadinessAfter | Stage::NoteAfter => "Rehearsal \u{b7} afterwards".to_string(),
    }
}

/// Why there is no rehearsal now: on the safety path, with the crisis lines. When the
/// reason came after the check-in (a logged threat, say), the page says what it was.
pub fn gate(w: Words, data: &SavedData, gate: Gate) -> Page {
    let mut page = Page::new();
    let since = crate::core::asklog::stricter_because(data);
    let key = match (gate, since) {
        (Gate::Safety, Some(_)) => "safety_since",
        (Gate::Safety, None) => "safety",
        _ => "other_first",
    };
    page.para(Tone::Title, "Why there is no rehearsal here");
    page.blank();
    if let Some(text) = w.content.rehearsal.gated.get(key) {
        page.para(Tone::Text, w.r(text));
    }
    if let Some(why) = since {
        page.blank();
        let when = if why == crate::core::asklog::Stricter::EarlierAnswers {
            ""
        } else {
            "since your check-in, "
        };
        page.para(
            Tone::Heading,
            format!("Why am I seeing this: {when}{}.", w.r(why.because())),
        );
    }
    if gate == Gate::Safety {
        page.blank();
        page.crisis_lines(data);
    }
    page
}

/// What comes before the two rulers.
pub fn rulers_intro(w: Words, after: bool) -> Page {
    let mut page = Page::new();
    if !after {
        page.para(Tone::Dim, w.r(&w.content.rehearsal.intro));
        page.blank();
    }
    let readiness = &w.content.rehearsal.readiness;
    let intro = if after {
        &readiness.intro_after
    } else {
        &readiness.intro
    };
    page.para(Tone::Text, w.r(intro));
    page.blank();
    page
}

/// The two ruler questions: importance, then confidence.
pub fn ruler_questions(w: Words) -> [String; 2] {
    let r = &w.content.rehearsal.readiness;
    [w.r(&r.importance), w.r(&r.confidence)]
}

/// The guidance above a text box: a step's what, why, examples and prompt, or the follow-up
/// questions to the ruler numbers (`rulers`: the numbers chosen).
pub fn guidance(w: Words, data: &SavedData, stage: Stage, rulers: [u8; 2]) -> Page {
    let mut page = Page::new();
    match stage {
        Stage::Step(i) => {
            let Some(step) = w.content.rehearsal.steps.get(i) else {
                return page;
            };
            page.para(Tone::Title, w.r(&step.title));
            page.para(Tone::Text, w.r(&step.what));
            page.para(
                Tone::Dim,
                w.sourced(&format!("Why: {}", w.r(&step.why)), &step.sources),
            );
            let tags = rehearsal::tags(w.content, data);
            let examples = rehearsal::examples(w.content, &step.id, &tags);
            if !examples.is_empty() {
                page.blank();
                page.para(Tone::Heading, "You might say:");
                for e in examples {
                    page.bullet(Tone::Text, w.r(&e.text));
                }
            }
        }
        Stage::NoteBefore | Stage::NoteAfter => {
            let r = &w.content.rehearsal.readiness;
            let [importance, confidence] = rulers;
            page.para(
                Tone::Heading,
                format!("You chose {importance} for importance and {confidence} for confidence."),
            );
            page.bullet(Tone::Text, w.r(&r.why_not_lower));
            // Nothing is "one point up" from ten, so only a number under ten is asked about.
            let max = rehearsal::walk::RULER_MAX;
            let move_up = match (importance < max, confidence < max) {
                (true, true) => Some(&r.move_up),
                (false, true) => Some(&r.move_up_confidence),
                (true, false) => Some(&r.move_up_importance),
                (false, false) => None,
            };
            if let Some(move_up) = move_up {
                page.bullet(Tone::Text, w.r(move_up));
            }
            page.para(
                Tone::Dim,
                "Write as much or as little as you like, or nothing.",
            );
        }
        _ => {}
    }
    page
}

/// The question a step asks the user to answer in their own words. The full-screen face
/// keeps it pinned just above the text box, so it never scrolls away behind the guidance.
pub fn prompt(w: Words, stage: Stage) -> Option<String> {
    match stage {
        Stage::Step(i) => w
            .content
            .rehearsal
            .steps
            .get(i)
            .map(|step| w.r(&step.prompt)),
        _ => None,
    }
}

/// A checker note in the user's words for the partner ("he", not "they"), spelled as the
/// app's texts are. The note quotes the user's own text: only the words around the first
/// quote are templated and spelled, so nothing the user typed is ever read as a placeholder
/// or respelled.
pub fn note_text(finding: &draft::Finding, voice: &Voice, spelling: Spelling) -> String {
    let note = &finding.note;
    let ours = |text: &str| spelling.spell(&render(text, voice)).into_owned();
    let quoted = format!("\u{201c}{}\u{201d}", finding.found);
    match note.find(&quoted) {
        Some(at) => format!(
            "{}{quoted}{}",
            ours(&note[..at]),
            ours(&note[at + quoted.len()..])
        ),
        None => ours(note),
    }
}

/// Whether a text reads as words in sentences (so "nothing to flag" can be said of it):
/// a few words, most of them made of letters, and at least one of the small words every
/// English sentence leans on.
fn reads_as_sentence(text: &str) -> bool {
    const SMALL: &[&str] = &[
        "i", "you", "we", "us", "me", "my", "our", "it", "to", "the", "a", "and", "is", "be",
        "can", "would", "could", "like", "want", "feel", "if", "with", "for", "of", "that", "this",
        "so", "im", "i'm", "i’m", "let's", "let’s", "do", "go", "are",
    ];
    let words: Vec<String> = text
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '\u{2019}')
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect();
    let wordlike = words
        .iter()
        .filter(|w| {
            w.chars().any(|c| "aeiouy".contains(c))
                && w.chars()
                    .all(|c| c.is_alphabetic() || c == '\'' || c == '\u{2019}')
        })
        .count();
    words.len() >= 3
        && wordlike * 10 >= words.len() * 6
        && words.iter().any(|w| SMALL.contains(&w.as_str()))
}

/// The first word or phrase in `text` that sweeps across every time ("always", "never",
/// "every time"), as typed.
fn sweeping_words(text: &str) -> Option<&str> {
    const SWEEPING: [&str; 7] = [
        "always",
        "never",
        "every time",
        "every single time",
        "all the time",
        "constantly",
        "forever",
    ];
    let lower = text.to_lowercase();
    // Lowercasing keeps byte offsets for the ASCII words sought, so the match maps back.
    if lower.len() != text.len() {
        return None;
    }
    let bytes = lower.as_bytes();
    SWEEPING
        .iter()
        .filter_map(|w| {
            lower
                .match_indices(w)
                .find(|&(at, _)| {
                    let before = at == 0 || !bytes[at - 1].is_ascii_alphanumeric();
                    let end = at + w.len();
                    let after = end == bytes.len() || !bytes[end].is_ascii_alphanumeric();
                    before && after
                })
                .map(|(at, _)| (at, w.len()))
        })
        .min()
        .map(|(at, len)| &text[at..at + len])
}

/// What a draft the checker reads is for: it words "nothing to flag" to fit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Draft {
    /// A step of the invitation, or the script.
    Invitation,
    /// The user's boundary, from the plan for repeated "no".
    Boundary,
    /// A built "I feel" or X-Y-Z sentence.
    Sentence,
}

/// The checker's advice on a draft: what it found, quoted, and up to two suggestions.
pub fn findings(w: Words, text: &str, draft: Draft) -> Page {
    let voice = w.voice;
    let mut page = Page::new();
    if text.trim().is_empty() {
        page.para(
            Tone::Dim,
            "The checker reads what you write and only advises.",
        );
        return page;
    }
    let review = draft::review(text);
    if review.findings.is_empty() && !reads_as_sentence(text) {
        // Nothing to flag, but nothing to praise either: the checker can't read it.
        page.para(
            Tone::Dim,
            "Checker: nothing to flag, though it doesn't read as a sentence yet, so the checker can't say more.",
        );
        return page;
    }
    if review.findings.is_empty() {
        page.para(
            Tone::Good,
            match draft {
                // Not "it reads as an invitation": the checker misses some ultimatums and
                // blame, and a clean result must not reassure more than it knows.
                Draft::Invitation => {
                    "Checker: nothing to flag. It can miss things, so read it once more as the one hearing it.".to_string()
                }
                // Not "it reads as something you will do": the checker misses some
                // ultimatums, and a boundary that is one must not be praised.
                Draft::Boundary => w.r(
                    "Checker: nothing to flag. It can miss things, so read it once more: does it say what you will do, and ask nothing of {them}?",
                ),
                // A built sentence exists to replace "you always": a sweeping word the
                // checker let through (it reads "I feel…" as the user's own) is still named.
                Draft::Sentence => match sweeping_words(text) {
                    Some(word) => format!(
                        "Checker: nothing to flag, but \u{201c}{word}\u{201d} is still in it. The sentence works best about one moment, like \u{201c}when you came home late on Friday\u{201d}."
                    ),
                    None => "Checker: nothing to flag.".to_string(),
                },
            },
        );
        return page;
    }
    // One explanation per concern, with every phrase that raised it.
    let mut concerns: Vec<(Vec<String>, &draft::Finding)> = Vec::new();
    for f in &review.findings {
        let quoted = format!("\u{201c}{}\u{201d}", super::user_text(&f.found));
        match concerns
            .iter_mut()
            .find(|(_, first)| first.concern == f.concern)
        {
            Some((phrases, _)) if !phrases.contains(&quoted) => phrases.push(quoted),
            Some(_) => {}
            None => concerns.push((vec![quoted], f)),
        }
    }
    let boundary = &w.content.after.repeated_no;
    // A boundary comes after the asking has stopped: its advice never invites again, and it
    // says so once, however many of its concerns would have invited.
    let pressing = |c: draft::Concern| {
        draft == Draft::Boundary && (c.presses() || c == draft::Concern::FixingThem)
    };
    let mut boundary_said = false;
    for (phrases, first) in &concerns {
        let note = if pressing(first.concern) && boundary_said {
            "As above: a boundary is about what you will do.".to_string()
        } else if pressing(first.concern) {
            boundary_said = true;
            w.r(&boundary.boundary_pressed_note)
        } else {
            let note = note_text(first, voice, w.content.spelling());
            // The label quotes the phrase already: a note about that one phrase says "This"
            // rather than quoting it a second time.
            let quoted = format!("\u{201c}{}\u{201d}", first.found);
            match note.strip_prefix(&quoted) {
                Some(rest) if phrases.len() == 1 => format!("This{rest}"),
                _ => note,
            }
        };
        page.labeled(
            format!("{}: ", phrases.join(", ")),
            Tone::Warning,
            format!("{}. {note}", first.concern.title()),
        );
    }
    if draft == Draft::Boundary {
        page.labeled(
            "Fill in the blanks: ",
            Tone::Key,
            w.r(&boundary.boundary_suggestion),
        );
        return page;
    }
    for s in review.suggestions.iter().take(2) {
        // A line with blanks is a form to fill in with their own words, not a line to say.
        let label = if s.contains(draft::BLANK) {
            "Fill in the blanks: "
        } else {
            "Try: "
        };
        page.labeled(label, Tone::Key, s.clone());
    }
    page
}

/// The question above the replies, and the replies to choose from.
pub fn replies(w: Words) -> (Page, Vec<String>) {
    let mut page = Page::new();
    page.para(
        Tone::Heading,
        w.r("How is your {partner} most likely to answer?"),
    );
    page.para(
        Tone::Dim,
        "This is practice: pick the one that sounds most like what you expect. Nothing picked here changes your result unless you say it has really happened.",
    );
    page.blank();
    let labels = w
        .content
        .rehearsal
        .replies
        .iter()
        .map(|r| w.r(&r.label))
        .collect();
    (page, labels)
}

/// After a practised reply that would switch paths: has it really happened? The page, and
/// the two answers (it has happened, first).
pub fn reply_check(w: Words, data: &SavedData) -> (Page, Vec<String>) {
    let check = &w.content.rehearsal.reply_check;
    let mut page = Page::new();
    if let Some(reply) = rehearsal::walk::practised(w.content, data) {
        page.para(Tone::Title, w.r(&reply.label));
        page.blank();
    }
    page.para(Tone::Heading, w.r(&check.question));
    page.para(Tone::Dim, w.r(&check.why));
    page.blank();
    (page, vec![w.r(&check.happened), w.r(&check.pictured)])
}

/// What the practised reply tells the user, and a calm next line (or, for a reply that
/// switched paths, what to do instead; for one only pictured, that nothing changed).
pub fn reply_outcome(w: Words, data: &SavedData) -> Page {
    let mut page = Page::new();
    let pictured = data.rehearsals.last().is_some_and(|r| r.pictured);
    if let Some(reply) = rehearsal::walk::practised(w.content, data).filter(|_| pictured) {
        let check = &w.content.rehearsal.reply_check;
        page.para(Tone::Title, w.r(&reply.label));
        page.blank();
        page.para(Tone::Heading, "You are picturing it");
        if reply.switch == ReplySwitch::Safety {
            page.para(Tone::Text, w.r(&check.pictured_safety));
            page.blank();
            page.hint(Tone::Key, Hint::RecheckNext);
            page.blank();
            // The lines for a threat, which the text points to: the path's own may have none.
            page.crisis_lines_for(vec![Need::Abuse, Need::AbuseMen]);
        } else {
            page.para(Tone::Text, w.r(&check.pictured_red_flag));
            page.blank();
            page.para(Tone::Heading, "If it does happen");
            page.para(Tone::Text, w.sourced(&w.r(&reply.tells), &reply.sources));
            page.blank();
            page.hint(Tone::Key, Hint::RulersNext);
        }
        return page;
    }
    let Some(reply) = data
        .rehearsals
        .last()
        .and_then(|r| r.reply.as_deref())
        .and_then(|id| w.content.rehearsal.replies.iter().find(|x| x.id == id))
    else {
        return page;
    };
    page.para(Tone::Title, w.r(&reply.label));
    page.blank();
    page.para(Tone::Heading, "What this tells you");
    page.para(Tone::Text, w.sourced(&w.r(&reply.tells), &reply.sources));
    page.blank();
    let switched = reply.switch != ReplySwitch::None;
    page.para(
        Tone::Heading,
        if switched {
            "What to do instead"
        } else {
            "A calm next line"
        },
    );
    page.para(Tone::Text, w.r(&reply.next_line));
    page.blank();
    if switched {
        page.para(
            Tone::Warning,
            "This rehearsal ends here, and Overture will not offer another until a new check-in says otherwise.",
        );
        page.hint(Tone::Warning, Hint::WhatComesFirst);
        // A threat is safety information: the lines come now, not one key later.
        if reply.switch == ReplySwitch::Safety {
            page.blank();
            page.crisis_lines(data);
        }
    } else {
        page.hint(Tone::Key, Hint::RulersNext);
    }
    page
}

/// What a script version shows, as written or as a letter.
struct Shown<'c> {
    /// The user's lines shown: the script, or the letter's body.
    lines: String,
    /// The checker's reading of those lines (for the page's list).
    review: draft::Review,
    /// Whether that reading presses for the answer: the letter's closing says so.
    pressed: bool,
    /// The whole text: the lines, or the letter around them.
    text: String,
    /// Steps whose lines the letter leaves out ([`rehearsal::letter_body`]).
    left_out: Vec<&'c RehearsalStep>,
}

fn shown<'c>(
    w: Words<'c>,
    record: &RehearsalRecord,
    version: &ScriptVersion,
    letter: bool,
) -> Shown<'c> {
    let (lines, left_out) = if letter {
        rehearsal::letter_body(w.content, record, &version.text)
    } else {
        (version.text.clone(), Vec::new())
    };
    // The letter's closing answers what the letter holds, not the lines left out of it.
    let review = draft::review(&lines);
    let pressed = rehearsal::letter_pressed(&review);
    let text = if letter {
        rehearsal::letter(w.content, &lines, pressed, w.voice)
    } else {
        lines.clone()
    };
    Shown {
        lines,
        review,
        pressed,
        text,
        left_out,
    }
}

/// The text of a script version of `record`, as written or as a letter.
pub fn script_text(
    w: Words,
    record: &RehearsalRecord,
    version: &ScriptVersion,
    letter: bool,
) -> String {
    shown(w, record, version, letter).text
}

/// Why lines are missing from the letter: what each was for (the steps' `line_for`).
fn left_out_note(left_out: &[&RehearsalStep]) -> Option<String> {
    let names: Vec<&str> = left_out
        .iter()
        .filter_map(|s| s.line_for.as_deref())
        .collect();
    match names.as_slice() {
        [] => None,
        [one] => Some(format!(
            "A letter comes before the talk itself, so your line for {one} is left out here. The script keeps it."
        )),
        [first @ .., last] => Some(format!(
            "A letter comes before the talk itself, so your lines for {} and for {last} are left out here. The script keeps them.",
            first.join(", for ")
        )),
    }
}

/// A script version written to a file, as script or letter, dated `date`.
pub fn script_markdown(
    w: Words,
    record: &RehearsalRecord,
    version: &ScriptVersion,
    letter: bool,
    date: &str,
) -> String {
    let title = if letter {
        "A letter"
    } else {
        "What I want to say"
    };
    rehearsal::export_markdown(title, date, &script_text(w, record, version, letter))
}

/// A script version (`at`: its position, of `count`), as written or as a letter, with what
/// the checker would look at again.
pub fn script(
    w: Words,
    record: &RehearsalRecord,
    version: &ScriptVersion,
    at: usize,
    letter: bool,
) -> Page {
    let count = record.scripts.len();
    let mut page = Page::new();
    page.para(
        Tone::Title,
        if letter {
            "Your letter"
        } else {
            "Your invitation, in your words"
        },
    );
    page.para(
        Tone::Dim,
        format!("Version {} of {count}, {}", at + 1, text::date(version.at)),
    );
    if count > 1 {
        page.hint(Tone::Dim, Hint::Versions);
    }
    if letter {
        page.para(Tone::Dim, w.r(&w.content.rehearsal.letter.about));
    }
    page.blank();
    // The user's own lines are read by the checker once: for the letter's closing and for
    // the list below.
    let shown = shown(w, record, version, letter);
    if let Some(note) = left_out_note(&shown.left_out) {
        page.para(Tone::Dim, note);
        page.blank();
    }
    if shown.lines.trim().is_empty() {
        page.para(
            Tone::Dim,
            if letter && !version.text.trim().is_empty() {
                "None of your lines goes in a letter yet: so far they are all for the talk itself."
            } else {
                "You haven't written any lines yet."
            },
        );
        page.hint(Tone::Dim, Hint::WriteScript);
    } else {
        for paragraph in shown.text.split("\n\n") {
            page.para(Tone::Own, super::user_text(paragraph));
            page.blank();
        }
    }
    // The user's own lines, in both views: the letter's framing is Overture's words, but an
    // ultimatum in the user's lines is still in the letter they hand over (next to its "no
    // deadline").
    if !shown.review.findings.is_empty() {
        page.para(
            Tone::Heading,
            if letter {
                "Before you hand it over, the checker would look again at:"
            } else {
                "The checker would look again at:"
            },
        );
        for f in &shown.review.findings {
            page.bullet(
                Tone::Warning,
                format!("\u{201c}{}\u{201d}: {}", f.found, f.concern.title()),
            );
        }
        if letter && shown.pressed {
            page.blank();
            page.para(Tone::Dim, w.r(&w.content.rehearsal.letter.pressed_note));
        }
    }
    page
}
