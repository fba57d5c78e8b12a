//! The suggestions: an "I feel …" line and "When you X, in situation Y, I feel Z" lines built
//! from the user's own words where possible, each checked to pass the checker itself.

use super::guard::clause_after;
use super::matcher::flag;
use super::rules::{Shape, data};
use super::scan::{Hit, findings_of};
use super::tokens::Tok;
use super::{Concern, Finding};
use std::collections::BTreeSet;

/// The first feeling the user named about themselves: "I (always) feel alone",
/// "I'm so tired", "you make me feel invisible".
fn feeling(toks: &[Tok]) -> Option<String> {
    for (i, t) in toks.iter().enumerate() {
        if !t.is_word() || t.quoted || !t.has(flag::FEELING) {
            continue;
        }
        // Up to five words back, within the clause.
        let mut from = i;
        while from > 0 && i - from < 5 && toks[from - 1].is_word() {
            from -= 1;
        }
        let window = &toks[from..i];
        if window.iter().any(|w| w.has(flag::NEGATOR)) {
            continue;
        }
        let verb = window.iter().rposition(|w| w.has(flag::FEEL_VERB));
        let subject = window.iter().rposition(|w| w.is("i") || w.is("me"));
        if let (Some(v), Some(sub)) = (verb, subject)
            && sub <= v
        {
            return Some(t.norm.to_string());
        }
    }
    None
}

/// The plain form of a past-tense verb ("asked" → "ask"), or `None` if it doesn't look past.
pub(super) fn base_form(word: &str) -> Option<String> {
    if let Some(base) = data().irregular.get(word) {
        return Some(base.clone());
    }
    if !word.is_ascii() || word.len() <= 4 || word.ends_with("eed") {
        return None;
    }
    if let Some(stem) = word.strip_suffix("ied") {
        return Some(format!("{stem}y"));
    }
    let stem = word.strip_suffix("ed")?;
    let b = stem.as_bytes();
    let n = b.len();
    if n >= 2 && b[n - 1] == b[n - 2] && !matches!(b[n - 1], b'l' | b's' | b'z') {
        return Some(stem[..n - 1].to_string());
    }
    let needs_e = ["at", "bl", "iz", "c", "v", "us", "is", "os", "ud", "ang"]
        .iter()
        .any(|end| stem.ends_with(end));
    let vowel = |c: u8| matches!(c, b'a' | b'e' | b'i' | b'o' | b'u');
    let short_cvc = n == 3
        && !vowel(b[0])
        && vowel(b[1])
        && !vowel(b[2])
        && !matches!(b[2], b'w' | b'x' | b'y');
    if needs_e || short_cvc {
        Some(format!("{stem}e"))
    } else {
        Some(stem.to_string())
    }
}

/// "When you don't listen when I talk about my day, I feel …", from an always/never match.
fn when_line(draft: &str, toks: &[Tok], hit: Hit, feel: &str, curly: bool) -> Option<String> {
    let (from, mut to) = clause_after(toks, hit.e);
    if from >= to {
        return None;
    }
    to = to.min(from + 14);
    let x_start = toks[from].start.max(toks[hit.e - 1].end);
    let x_end = toks[to - 1].end;
    if x_start >= x_end {
        return None;
    }
    let matched = &toks[hit.s..hit.e];
    let never = matched.iter().any(|t| t.is("never") || t.is("not"));
    let aux = matched
        .get(1)
        .map(|t| &*t.norm)
        .filter(|a| data().words.aux.iter().any(|w| w == a))
        .unwrap_or("");
    if matches!(aux, "will" | "would") {
        // "You'll never change" predicts; there is no moment to describe.
        return None;
    }
    let x = &draft[x_start..x_end];
    let (lead, x) = if never {
        match aux {
            "are" => ("you're not".to_string(), x.to_string()),
            "were" => ("you weren't".to_string(), x.to_string()),
            "have" => ("you haven't".to_string(), x.to_string()),
            "had" => ("you hadn't".to_string(), x.to_string()),
            "can" => ("you can't".to_string(), x.to_string()),
            "could" => ("you couldn't".to_string(), x.to_string()),
            "did" => ("you didn't".to_string(), x.to_string()),
            _ => match base_form(&toks[from].norm) {
                Some(base) if toks[from].start == x_start => {
                    let rest = &draft[toks[from].end..x_end];
                    ("you didn't".to_string(), format!("{base}{rest}"))
                }
                _ => ("you don't".to_string(), x.to_string()),
            },
        }
    } else {
        let lead = match aux {
            "are" => "you're",
            "were" => "you were",
            "have" => "you've",
            "had" => "you had",
            _ => "you",
        };
        (lead.to_string(), x.to_string())
    };
    let x_toks = &toks[from..to];
    let situation_words = &data().words.situation_words;
    let mut situation = String::new();
    if hit.shape == Shape::EveryTime {
        // "Every time I bring up therapy, you change the subject": the moment is given.
        let after_time = (hit.s..hit.e)
            .find(|&i| toks[i].is("time"))
            .map_or(hit.e, |i| i + 1);
        let words: Vec<usize> = (after_time..hit.e - 1)
            .filter(|&i| toks[i].is_word())
            .collect();
        if let (Some(&a), Some(&b)) = (words.first(), words.last()) {
            situation = format!(" when {}", &draft[toks[a].start..toks[b].end]);
        }
    }
    if situation.is_empty() && !x_toks.iter().any(|t| t.is_one_of(situation_words)) {
        situation = format!(", {BLANK} (when and where)");
    }
    let line = format!("When {lead} {x}{situation}, I feel {feel}.");
    Some(apostrophes(&line, curly))
}

fn apostrophes(line: &str, curly: bool) -> String {
    if curly {
        line.replace('\'', "\u{2019}")
    } else {
        line.to_string()
    }
}

/// A blank for the user to fill in, in a suggestion Overture could not build from their
/// words. Front ends mark a suggestion that holds one as a form, not a line to say.
pub const BLANK: &str = "____";

pub(super) fn suggest(
    draft: &str,
    toks: &[Tok],
    findings: &[Finding],
    hits: &[Hit],
) -> Vec<String> {
    let curly = draft.contains('\u{2019}');
    let named = feeling(toks);
    let feel = named
        .clone()
        .unwrap_or_else(|| format!("{BLANK} (lonely? hurt? worried?)"));
    let mut lines: Vec<String> = Vec::new();

    let already_feels = toks
        .windows(2)
        .any(|w| w[0].is("i") && matches!(&*w[1].norm, "feel" | "felt") && !w[1].quoted);
    if !findings.is_empty() || !already_feels {
        let first = match &named {
            Some(f) => format!("I feel {f}, and I'd like us to talk to someone about it together."),
            None => format!("I feel {feel}, and I'd like us to talk to someone about it together."),
        };
        lines.push(apostrophes(&first, curly));
    }

    // Whether a line passes the checker, each distinct line checked once: many hits can
    // build the same line.
    let mut checked: Vec<(String, bool)> = Vec::new();
    let mut passes = |line: &str| {
        if let Some(&(_, clean)) = checked.iter().find(|(l, _)| l == line) {
            return clean;
        }
        let clean = findings_of(line).is_empty();
        checked.push((line.to_string(), clean));
        clean
    };
    for hit in hits.iter().filter(|h| h.shape != Shape::Other) {
        if let Some(line) = when_line(draft, toks, *hit, &feel, curly)
            && passes(&line)
        {
            lines.push(line);
        }
    }
    if lines.len() < 2 && (!findings.is_empty() || !already_feels) {
        let generic = format!(
            "When you {BLANK} (one thing that happened), {BLANK} (when and where), I feel {feel}."
        );
        lines.push(apostrophes(&generic, curly));
    }

    let has = |c: Concern| findings.iter().any(|f| f.concern == c);
    if has(Concern::Ultimatum) {
        lines.push(apostrophes(
            "I'd really like us to try one session together. Would you be open to that?",
            curly,
        ));
    }
    if has(Concern::Diagnosing) || has(Concern::FixingThem) {
        lines.push(apostrophes(
            "This isn't about fixing anyone. I'd like us to understand each other better, together.",
            curly,
        ));
    }

    let mut seen = BTreeSet::new();
    lines.retain(|l| seen.insert(l.clone()) && passes(l));
    lines
}
