//! Tokens: the draft split into words and punctuation that keep their byte offsets, case
//! folded, apostrophes straightened, contractions and shorthand expanded, quotations marked.

use super::matcher::{Entry, MATCHER, NOT_IN_VOCAB, UNKNOWN_WORD, Vocab, flag, tok_of};
use super::rules::data;
use std::borrow::Cow;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Word,
    /// A comma, colon, dash, ellipsis, bracket or quotation mark: a clause boundary that
    /// a gap in a pattern may still cross.
    Soft,
    /// A full stop, question or exclamation mark, semicolon or line break.
    Hard,
}

#[derive(Debug, Clone)]
pub(super) struct Tok<'a> {
    /// Lowercase, apostrophes straightened, contractions expanded. Borrowed from the draft
    /// when the word is already in that form, so most words cost no allocation.
    pub norm: Cow<'a, str>,
    /// The word's number in the pattern vocabulary, or `NOT_IN_VOCAB`: a pattern literal
    /// matches a token exactly when their numbers are equal.
    pub id: u32,
    /// Which guard word lists (`flag::…`) the word is on.
    pub flags: u16,
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
    /// Inside quotation marks: reported speech, not the user's own words.
    pub quoted: bool,
}

/// An empty token, left where a token was moved out for a while.
impl Default for Tok<'_> {
    fn default() -> Self {
        Tok {
            norm: Cow::Borrowed(""),
            id: super::matcher::NOT_IN_VOCAB,
            flags: 0,
            kind: Kind::Soft,
            start: 0,
            end: 0,
            quoted: false,
        }
    }
}

impl Tok<'_> {
    #[inline]
    pub fn is(&self, word: &str) -> bool {
        self.norm == word
    }

    /// Whether the word is one of a word list's (`assets/draft.json`, `words`).
    #[inline]
    pub fn is_one_of(&self, words: &[String]) -> bool {
        words.iter().any(|w| *w == *self.norm)
    }

    #[inline]
    pub fn is_word(&self) -> bool {
        self.kind == Kind::Word
    }

    #[inline]
    pub fn has(&self, flag: u16) -> bool {
        self.flags & flag != 0
    }
}

#[derive(Debug, Clone, Copy)]
enum Mark {
    DoubleToggle,
    DoubleOpen,
    DoubleClose,
    SingleOpen,
    SingleClose,
}

#[inline]
fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '\u{02bc}')
}

pub(super) fn tokenize(draft: &str) -> Vec<Tok<'_>> {
    let vocab = &MATCHER.vocab;
    let bytes = draft.as_bytes();

    let mut toks: Vec<Tok> = Vec::with_capacity(draft.len() / 4 + 8);
    // Quotation marks, by their index in `toks`. Only words expand into several tokens, so
    // these indices keep the marks in the same order relative to every word.
    let mut marks: Vec<(usize, Mark)> = Vec::new();

    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b' ' {
            i += 1;
            continue;
        }
        let Some(c) = char_at(draft, i) else { break };
        let next = i + c.len_utf8();
        if c.is_alphanumeric() {
            let j = word_end(draft, next);
            push_word(
                &mut toks,
                vocab,
                with_its_g(normalise(&draft[i..j], vocab), vocab),
                i,
                j,
            );
            i = j;
            continue;
        }
        let mut end = next;
        let (norm, kind, mark) = if c == '.' {
            while bytes.get(end) == Some(&b'.') {
                end += 1;
            }
            if end - i > 1 {
                ("\u{2026}", Kind::Soft, None)
            } else {
                (".", Kind::Hard, None)
            }
        } else {
            // Only a single quote looks at its neighbours.
            let (prev, after) = if is_apostrophe(c) {
                (draft[..i].chars().next_back(), char_at(draft, next))
            } else {
                (None, None)
            };
            match punctuation(c, prev, after) {
                Some(p) => p,
                None => {
                    i = next;
                    continue;
                }
            }
        };
        if let Some(m) = mark {
            marks.push((toks.len(), m));
        }
        toks.push(vocab.tok(Cow::Borrowed(norm), kind, i, end));
        i = end;
    }

    mark_quotes(&mut toks, &marks);
    split_by_what_follows(toks, vocab)
}

/// The character at a byte offset, which is always a character boundary here.
#[inline]
fn char_at(draft: &str, at: usize) -> Option<char> {
    match draft.as_bytes().get(at) {
        Some(&b) if b.is_ascii() => Some(char::from(b)),
        Some(_) => draft.get(at..).and_then(|rest| rest.chars().next()),
        None => None,
    }
}

/// Where a word that goes on at byte `j` ends: letters and digits, joined by an apostrophe
/// or a hyphen when one follows ("don't", "self-centered").
fn word_end(draft: &str, mut j: usize) -> usize {
    let bytes = draft.as_bytes();
    while let Some(&b) = bytes.get(j) {
        if b.is_ascii_alphanumeric() {
            j += 1;
            continue;
        }
        let Some(d) = char_at(draft, j) else { break };
        let after = j + d.len_utf8();
        let joins = (is_apostrophe(d) || d == '-')
            && char_at(draft, after).is_some_and(char::is_alphanumeric);
        if d.is_alphanumeric() || joins {
            j = after;
        } else {
            break;
        }
    }
    j
}

/// Lowercase with apostrophes straightened, and the word's vocabulary entry. Borrowed from
/// the draft when the word already is in that form, or from the vocabulary when it knows
/// the word ("You" → "you"); only other words are copied.
fn normalise<'a>(word: &'a str, vocab: &'static Vocab) -> (Cow<'a, str>, Entry) {
    if word
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
    {
        return (Cow::Borrowed(word), vocab.entry(word));
    }
    let mut buf = [0u8; 24];
    if word.is_ascii()
        && let Some(buf) = buf.get_mut(..word.len())
    {
        buf.copy_from_slice(word.as_bytes());
        buf.make_ascii_lowercase();
        if let Ok(lower) = std::str::from_utf8(buf) {
            return match vocab.known(lower) {
                Some((known, entry)) => (Cow::Borrowed(known), entry),
                None => (Cow::Owned(lower.to_string()), UNKNOWN_WORD),
            };
        }
    }
    let lower: String = word
        .chars()
        .map(|d| if is_apostrophe(d) { '\'' } else { d })
        .flat_map(char::to_lowercase)
        .collect();
    let entry = vocab.entry(&lower);
    (Cow::Owned(lower), entry)
}

/// A dropped "g" read back ("movin" → "moving", "nothin" → "nothing"): a word of five
/// letters or more that the vocabulary does not know, ending in "in", whose form with a "g"
/// it knows. Shorter words are left alone: "thin" and "sin" are words of their own.
fn with_its_g<'a>(word: (Cow<'a, str>, Entry), vocab: &'static Vocab) -> (Cow<'a, str>, Entry) {
    let (norm, entry) = &word;
    if entry.id != NOT_IN_VOCAB
        || !entry.expands.is_empty()
        || norm.len() < 5
        || !norm.ends_with("in")
    {
        return word;
    }
    let mut full = String::with_capacity(norm.len() + 1);
    full.push_str(norm);
    full.push('g');
    match vocab.known(&full) {
        Some((known, entry)) => (Cow::Borrowed(known), entry),
        None => word,
    }
}

/// Pushes a word's tokens: itself, or what its contraction or shorthand expands to, each
/// keeping the word's span.
fn push_word<'a>(
    toks: &mut Vec<Tok<'a>>,
    vocab: &Vocab,
    word: (Cow<'a, str>, Entry),
    s: usize,
    e: usize,
) {
    let (norm, entry) = word;
    match expand(&norm, entry) {
        Expansion::Same => toks.push(tok_of(norm, entry, Kind::Word, s, e)),
        Expansion::Fixed(parts) => {
            for part in parts {
                toks.push(vocab.tok(Cow::Borrowed(part.as_str()), Kind::Word, s, e));
            }
        }
        Expansion::Split(at, full) => {
            toks.push(vocab.tok(first_bytes(norm, at), Kind::Word, s, e));
            toks.push(vocab.tok(Cow::Borrowed(full), Kind::Word, s, e));
        }
    }
}

/// A word's first `at` bytes, borrowed where the word was ("you'd" → "you").
fn first_bytes(word: Cow<'_, str>, at: usize) -> Cow<'_, str> {
    match word {
        Cow::Borrowed(w) => Cow::Borrowed(&w[..at]),
        Cow::Owned(mut w) => {
            w.truncate(at);
            Cow::Owned(w)
        }
    }
}

/// How a character other than a letter, a digit or a full stop reads, if it counts at all.
/// `prev` and `next` decide whether a single quote opens, closes or is an apostrophe.
fn punctuation(
    c: char,
    prev: Option<char>,
    next: Option<char>,
) -> Option<(&'static str, Kind, Option<Mark>)> {
    let quote = "\"";
    Some(match c {
        '\u{2026}' => ("\u{2026}", Kind::Soft, None),
        '!' => ("!", Kind::Hard, None),
        '?' => ("?", Kind::Hard, None),
        ';' => (";", Kind::Hard, None),
        '\n' | '\r' => ("\n", Kind::Hard, None),
        ',' => (",", Kind::Soft, None),
        ':' => (":", Kind::Soft, None),
        '-' | '\u{2013}' | '\u{2014}' => ("-", Kind::Soft, None),
        '(' | ')' | '[' | ']' | '/' => ("(", Kind::Soft, None),
        '"' => (quote, Kind::Soft, Some(Mark::DoubleToggle)),
        '\u{201c}' | '\u{201e}' | '\u{ab}' => (quote, Kind::Soft, Some(Mark::DoubleOpen)),
        '\u{201d}' | '\u{bb}' => (quote, Kind::Soft, Some(Mark::DoubleClose)),
        c if is_apostrophe(c) => {
            let opens = matches!(c, '\'' | '\u{2018}')
                && prev.is_none_or(|p| p.is_whitespace() || "([{\"\u{201c}-\u{2014}".contains(p))
                && next.is_some_and(char::is_alphanumeric);
            let closes = matches!(c, '\'' | '\u{2019}')
                && prev.is_some_and(|p| !p.is_whitespace())
                && next.is_none_or(|n| !n.is_alphanumeric());
            let mark = if opens {
                Some(Mark::SingleOpen)
            } else if closes {
                Some(Mark::SingleClose)
            } else {
                None
            };
            ("'", Kind::Soft, mark)
        }
        _ => return None,
    })
}

/// Pairs quotation marks and marks the words between them as reported speech, unless one
/// pair wraps every word of the draft (then the quotes are just how the user typed it).
fn mark_quotes(toks: &mut [Tok], marks: &[(usize, Mark)]) {
    let mut double: Option<usize> = None;
    let mut single: Option<usize> = None;
    let mut regions: Vec<(usize, usize)> = Vec::new();
    for &(idx, mark) in marks {
        match mark {
            Mark::DoubleToggle | Mark::DoubleClose => match double.take() {
                Some(open) => regions.push((open, idx)),
                None => double = Some(idx),
            },
            Mark::DoubleOpen => {
                if double.is_none() {
                    double = Some(idx);
                }
            }
            Mark::SingleOpen => {
                if single.is_none() {
                    single = Some(idx);
                }
            }
            Mark::SingleClose => {
                if let Some(open) = single.take() {
                    regions.push((open, idx));
                }
            }
        }
    }
    if regions.is_empty() {
        return;
    }
    let first_word = toks.iter().position(Tok::is_word);
    let last_word = toks.iter().rposition(Tok::is_word);
    for (open, close) in regions {
        let wraps_all =
            first_word.is_some_and(|f| f > open) && last_word.is_some_and(|l| l < close);
        if wraps_all {
            continue;
        }
        for t in &mut toks[open + 1..close] {
            t.quoted = true;
        }
    }
}

/// What a word expands to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expansion {
    /// Itself.
    Same,
    /// These words.
    Fixed(&'static [String]),
    /// The word's first `usize` bytes, then this word ("you'd" → "you", "would").
    Split(usize, &'static str),
}

/// Contractions and shorthand, one word to several. `entry` is the word's vocabulary entry,
/// which knows the fixed expansions.
fn expand(w: &str, entry: Entry) -> Expansion {
    if !entry.expands.is_empty() {
        return Expansion::Fixed(entry.expands);
    }
    if !w.as_bytes().contains(&b'\'') {
        return Expansion::Same;
    }
    if let Some(stem) = w.strip_suffix("n't") {
        return Expansion::Split(stem.len(), "not");
    }
    if let Some((stem, tail)) = w.rsplit_once('\'') {
        let full = match tail {
            "m" => Some("am"),
            "re" => Some("are"),
            "ve" => Some("have"),
            "ll" => Some("will"),
            "d" => Some("would"),
            "s" if data().words.s_is.iter().any(|w| w == stem) => Some("is"),
            _ => None,
        };
        if let Some(full) = full
            && !stem.is_empty()
        {
            return Expansion::Split(stem.len(), full);
        }
    }
    Expansion::Same
}

/// Where the word after a token changes what the token says, it becomes two: "your always
/// late" → "you are always late"; "my wife's the problem" → "my wife is the problem" ("'s"
/// before "got" or "been" is "has"). A possessive is never followed by those words.
fn split_by_what_follows<'a>(toks: Vec<Tok<'a>>, vocab: &Vocab) -> Vec<Tok<'a>> {
    let split_as = |i: usize| -> Option<&'static str> {
        let next = toks.get(i + 1).filter(|n| n.is_word())?;
        if toks[i].has(flag::YOUR) && next.has(flag::YOUR_MEANS_YOU_ARE) {
            return Some("are");
        }
        let stem = toks[i].norm.strip_suffix("'s")?;
        if stem.is_empty() || !next.has(flag::AFTER_S_IS) {
            return None;
        }
        Some(if next.is("got") || next.is("been") {
            "has"
        } else {
            "is"
        })
    };
    if !(0..toks.len()).any(|i| split_as(i).is_some()) {
        return toks;
    }
    let at: Vec<Option<&'static str>> = (0..toks.len()).map(split_as).collect();
    let mut fixed: Vec<Tok> = Vec::with_capacity(toks.len() + 2);
    for (t, split) in toks.into_iter().zip(at) {
        let Some(verb) = split else {
            fixed.push(t);
            continue;
        };
        let (kind, start, end, quoted) = (t.kind, t.start, t.end, t.quoted);
        let subject = if verb == "are" {
            Cow::Borrowed("you")
        } else {
            // The word without its "'s".
            let stem = t.norm.len() - 2;
            first_bytes(t.norm, stem)
        };
        for part in [subject, Cow::Borrowed(verb)] {
            let mut part = vocab.tok(part, kind, start, end);
            part.quoted = quoted;
            fixed.push(part);
        }
    }
    fixed
}
