//! The draft checker: reads the line the user means to say when inviting their partner to
//! counseling and points out, gently and quoting the exact words, what may make it harder to
//! hear. It never blocks anything; it only advises, and it offers the better shape: an
//! "I feel …" line and a "When you X, in situation Y, I feel Z" line built from the user's
//! own words where it can.
//!
//! How it works, all offline and deterministic:
//! 1. The draft is split into word and punctuation tokens that keep their byte offsets. Case
//!    is folded, curly apostrophes are straightened, and common contractions and shorthand
//!    are expanded ("you’re" → "you are", "dont" → "do not", "u" → "you"); an expanded token
//!    keeps the span of the word it came from, so every finding quotes the draft exactly.
//! 2. Words inside quotation marks are set aside: they report what someone said
//!    (`you said "whatever"`), they are not the user's own words. A draft that is quoted as
//!    a whole is read as the user's own.
//! 3. A table of small phrase patterns (the `Rule`s below) is matched against the tokens.
//!    The patterns are compiled once per process (`MATCHER`): their words become numbers in
//!    one vocabulary, so matching a word is a bit test, and each pattern is indexed by the
//!    words it can start with. Nothing about a draft is kept from one call to the next.
//! 4. Each match passes a guard: a negation just before it in the same clause ("I'm not
//!    saying …", "this isn't …") drops it; "always"/"never" is let through only when what
//!    follows is not warm or reassuring ("you always make me laugh", "you never have to do
//!    this alone"); "because of you" and friends only when the sentence is not warm.
//!
//! The wording of every note is warm and plain, and nothing here ever diagnoses anyone.

use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap};
use std::hash::BuildHasherDefault;
use std::sync::LazyLock;

/// What a finding is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Concern {
    Ultimatum,
    AlwaysNever,
    Blame,
    NameCalling,
    Contempt,
    Diagnosing,
    FixingThem,
}

impl Concern {
    pub const ALL: [Concern; 7] = [
        Concern::Ultimatum,
        Concern::AlwaysNever,
        Concern::Blame,
        Concern::NameCalling,
        Concern::Contempt,
        Concern::Diagnosing,
        Concern::FixingThem,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Concern::Ultimatum => "ultimatum",
            Concern::AlwaysNever => "always_never",
            Concern::Blame => "blame",
            Concern::NameCalling => "name_calling",
            Concern::Contempt => "contempt",
            Concern::Diagnosing => "diagnosing",
            Concern::FixingThem => "fixing_them",
        }
    }

    pub fn from_id(id: &str) -> Option<Concern> {
        Concern::ALL.into_iter().find(|c| c.id() == id)
    }

    pub fn title(self) -> &'static str {
        match self {
            Concern::Ultimatum => "Sounds like an ultimatum",
            Concern::AlwaysNever => "\u{201c}Always\u{201d} or \u{201c}never\u{201d}",
            Concern::Blame => "Blame",
            Concern::NameCalling => "Name-calling",
            Concern::Contempt => "Sarcasm or contempt",
            Concern::Diagnosing => "Diagnosing your partner",
            Concern::FixingThem => "Therapy as fixing them",
        }
    }

    /// One or two gentle sentences: what the words may do to the listener, what to try.
    fn note(self, found: &str) -> String {
        let q = format!("\u{201c}{found}\u{201d}");
        match self {
            Concern::Ultimatum => format!(
                "{q} may sound like a threat, and people who feel cornered tend to dig in. \
                 Try saying what you hope for instead, like \u{201c}I\u{2019}d really like us \
                 to try one session together.\u{201d}"
            ),
            Concern::AlwaysNever => format!(
                "{q} can sound like a verdict on who they are, so they may argue about the \
                 exceptions instead of hearing you. Try describing one recent moment and how \
                 it felt."
            ),
            Concern::Blame => format!(
                "{q} puts the weight on them, and it\u{2019}s hard to listen while defending \
                 yourself. Try saying what has been hard for you, starting with \u{201c}I\u{201d}."
            ),
            Concern::NameCalling => format!(
                "A word like {q} tends to sting and shut a conversation down, even when it \
                 comes from real hurt. Try describing what happened rather than what it says \
                 about them."
            ),
            Concern::Contempt => format!(
                "{q} may come across as sarcasm, even if you\u{2019}re simply worn out. Saying \
                 plainly how you feel is more likely to be heard."
            ),
            Concern::Diagnosing => format!(
                "{q} puts a label on them, and a label like that usually feels like an attack. \
                 Try describing what you\u{2019}ve noticed and how it affects you; leave any \
                 diagnosis to a professional."
            ),
            Concern::FixingThem => format!(
                "{q} can make counseling sound like a place where they\u{2019}ll be judged or \
                 fixed, one of the most common reasons people say no. Try framing it as \
                 something for both of you, like \u{201c}I\u{2019}d like us to get some help \
                 together.\u{201d}"
            ),
        }
    }
}

/// One thing the checker noticed, quoting the draft exactly: `&draft[start..end] == found`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    pub concern: Concern,
    /// The exact words as written.
    pub found: String,
    /// Byte offsets into the draft.
    pub start: usize,
    pub end: usize,
    /// What it may do to the listener and what to try instead.
    pub note: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Review {
    /// In the order they appear in the draft.
    pub findings: Vec<Finding>,
    /// "I feel …" and "When you X, in situation Y, I feel Z" lines, built from the user's
    /// words where possible. Every suggestion passes the checker itself.
    pub suggestions: Vec<String>,
}

impl Review {
    /// The distinct concerns found.
    pub fn concerns(&self) -> BTreeSet<Concern> {
        self.findings.iter().map(|f| f.concern).collect()
    }

    pub fn is_clear(&self) -> bool {
        self.findings.is_empty()
    }
}

/// Reads a draft and returns what it noticed and what it suggests. Never fails, never blocks.
pub fn review(draft: &str) -> Review {
    if draft.trim().is_empty() {
        return Review::default();
    }
    let toks = tokenize(draft);
    let (findings, hits) = scan(draft, &toks);
    let suggestions = suggest(draft, &toks, &findings, &hits);
    Review {
        findings,
        suggestions,
    }
}

// ---------------------------------------------------------------------------------------------
// Tokens
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Word,
    /// A comma, colon, dash, ellipsis, bracket or quotation mark: a clause boundary that
    /// a gap in a pattern may still cross.
    Soft,
    /// A full stop, question or exclamation mark, semicolon or line break.
    Hard,
}

#[derive(Debug, Clone)]
struct Tok<'a> {
    /// Lowercase, apostrophes straightened, contractions expanded. Borrowed from the draft
    /// when the word is already in that form, so most words cost no allocation.
    norm: Cow<'a, str>,
    /// The word's number in the pattern vocabulary, or `NOT_IN_VOCAB`: a pattern literal
    /// matches a token exactly when their numbers are equal.
    id: u32,
    /// Which guard word lists (`flag::…`) the word is on.
    flags: u16,
    kind: Kind,
    start: usize,
    end: usize,
    /// Inside quotation marks: reported speech, not the user's own words.
    quoted: bool,
}

impl Tok<'_> {
    fn is(&self, word: &str) -> bool {
        self.norm == word
    }

    fn is_word(&self) -> bool {
        self.kind == Kind::Word
    }

    fn has(&self, flag: u16) -> bool {
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

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '\u{02bc}')
}

fn tokenize(draft: &str) -> Vec<Tok<'_>> {
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
            push_word(&mut toks, vocab, normalise(&draft[i..j], vocab), i, j);
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
    your_means_you_are(toks, vocab)
}

/// The character at a byte offset, which is always a character boundary here.
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
            return match vocab.words.get_key_value(lower) {
                Some((known, &entry)) => (Cow::Borrowed(&**known), entry),
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
                toks.push(vocab.tok(Cow::Borrowed(part), Kind::Word, s, e));
            }
        }
        Expansion::Split(at, full) => {
            let stem = match norm {
                Cow::Borrowed(w) => Cow::Borrowed(&w[..at]),
                Cow::Owned(mut w) => {
                    w.truncate(at);
                    Cow::Owned(w)
                }
            };
            toks.push(vocab.tok(stem, Kind::Word, s, e));
            toks.push(vocab.tok(Cow::Borrowed(full), Kind::Word, s, e));
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

/// Words that a bare "'s" turns into "is" ("it's" → "it is"); others are possessives.
const S_IS: [&str; 16] = [
    "it",
    "that",
    "what",
    "there",
    "here",
    "he",
    "she",
    "who",
    "where",
    "how",
    "nobody",
    "everything",
    "something",
    "nothing",
    "this",
    "everyone",
];

/// What a word expands to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expansion {
    /// Itself.
    Same,
    /// These words.
    Fixed(&'static [&'static str]),
    /// The word's first `usize` bytes, then this word ("you'd" → "you", "would").
    Split(usize, &'static str),
}

/// Contractions and shorthand that always expand the same way.
const EXPANSIONS: &[(&str, &[&str])] = &[
    ("won't", &["will", "not"]),
    ("wont", &["will", "not"]),
    ("can't", &["can", "not"]),
    ("cant", &["can", "not"]),
    ("cannot", &["can", "not"]),
    ("shan't", &["shall", "not"]),
    ("ain't", &["is", "not"]),
    ("aint", &["is", "not"]),
    ("isnt", &["is", "not"]),
    ("dont", &["do", "not"]),
    ("doesnt", &["does", "not"]),
    ("didnt", &["did", "not"]),
    ("arent", &["are", "not"]),
    ("wasnt", &["was", "not"]),
    ("werent", &["were", "not"]),
    ("couldnt", &["could", "not"]),
    ("wouldnt", &["would", "not"]),
    ("shouldnt", &["should", "not"]),
    ("havent", &["have", "not"]),
    ("hasnt", &["has", "not"]),
    ("hadnt", &["had", "not"]),
    ("im", &["i", "am"]),
    ("ive", &["i", "have"]),
    ("youre", &["you", "are"]),
    ("youve", &["you", "have"]),
    ("youll", &["you", "will"]),
    ("youd", &["you", "would"]),
    ("theyre", &["they", "are"]),
    ("its", &["it", "is"]),
    ("thats", &["that", "is"]),
    ("whats", &["what", "is"]),
    ("theres", &["there", "is"]),
    ("let's", &["let", "us"]),
    ("u", &["you"]),
    ("ur", &["your"]),
    ("gonna", &["going", "to"]),
    ("wanna", &["want", "to"]),
    ("gotta", &["got", "to"]),
];

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
            "s" if S_IS.contains(&stem) => Some("is"),
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

/// After "your", these words mean the writer meant "you're" ("your always late").
const YOUR_MEANS_YOU_ARE: [&str; 17] = [
    "always",
    "never",
    "so",
    "such",
    "an",
    "a",
    "being",
    "the",
    "just",
    "too",
    "not",
    "constantly",
    "literally",
    "really",
    "acting",
    "clearly",
    "totally",
];

/// "your always late" → "you are always late": the "your" becomes two tokens.
fn your_means_you_are<'a>(toks: Vec<Tok<'a>>, vocab: &Vocab) -> Vec<Tok<'a>> {
    let means_you_are = |i: usize| {
        toks[i].has(flag::YOUR)
            && toks
                .get(i + 1)
                .is_some_and(|n| n.is_word() && n.has(flag::YOUR_MEANS_YOU_ARE))
    };
    if !(0..toks.len()).any(means_you_are) {
        return toks;
    }
    let at: Vec<bool> = (0..toks.len()).map(means_you_are).collect();
    let mut fixed: Vec<Tok> = Vec::with_capacity(toks.len() + 2);
    for (t, fix) in toks.into_iter().zip(at) {
        if fix {
            let mut you = vocab.tok(Cow::Borrowed("you"), t.kind, t.start, t.end);
            you.quoted = t.quoted;
            let mut are = vocab.tok(Cow::Borrowed("are"), t.kind, t.start, t.end);
            are.quoted = t.quoted;
            fixed.push(you);
            fixed.push(are);
        } else {
            fixed.push(t);
        }
    }
    fixed
}

// ---------------------------------------------------------------------------------------------
// Patterns
// ---------------------------------------------------------------------------------------------
//
// A tiny phrase language, matched token by token:
//   word          that exact (normalised) token; `,` `?` `.` match punctuation
//   word*         any token starting with "word"
//   a|b|c         one of these single tokens (no spaces around the bars)
//   ( x y | z )   a group of alternatives; multi-word alternatives need spaced ` | `
//   [ x y | z ]   the same, optional
//   ~N            up to N tokens of anything within the sentence (crosses commas, not stops)
//   ^  $          the start / end of a clause (punctuation or the edge of the draft)
//
// A pattern is parsed into `Pat`s (literals as text), then compiled into `Node`s: every
// exact literal becomes a number in one vocabulary shared by all patterns, and each token
// carries its word's number, so a literal matches by comparing numbers. Every alternative of
// a group also knows which words it can start with, so the matcher skips the ones that can't.

#[derive(Debug)]
enum Lit {
    Exact(String),
    Prefix(String),
}

#[derive(Debug)]
enum Pat {
    Word(Vec<Lit>),
    Group(Vec<Vec<Pat>>),
    Optional(Vec<Vec<Pat>>),
    Gap(usize),
    Start,
    End,
}

fn lex(src: &str) -> Vec<String> {
    let mut out = Vec::new();
    for chunk in src.split_whitespace() {
        let mut rest = chunk;
        while let Some(r) = rest.strip_prefix(['(', '[']) {
            out.push(rest[..1].to_string());
            rest = r;
        }
        let mut closers = Vec::new();
        while let Some(r) = rest.strip_suffix([')', ']']) {
            closers.push(rest[rest.len() - 1..].to_string());
            rest = r;
        }
        if !rest.is_empty() {
            out.push(rest.to_string());
        }
        out.extend(closers.into_iter().rev());
    }
    out
}

fn lit(atom: &str) -> Lit {
    match atom.strip_suffix('*') {
        Some(p) if !p.is_empty() => Lit::Prefix(p.to_string()),
        _ => Lit::Exact(atom.to_string()),
    }
}

/// Parses alternatives up to `close` (or the end). Never fails: a stray bracket is skipped.
fn parse_alts(lexemes: &[String], pos: &mut usize, close: Option<&str>) -> Vec<Vec<Pat>> {
    let mut alts = vec![Vec::new()];
    while let Some(lx) = lexemes.get(*pos) {
        *pos += 1;
        let node = match lx.as_str() {
            l if Some(l) == close => break,
            "|" => {
                alts.push(Vec::new());
                continue;
            }
            ")" | "]" => continue,
            "(" => Pat::Group(parse_alts(lexemes, pos, Some(")"))),
            "[" => Pat::Optional(parse_alts(lexemes, pos, Some("]"))),
            "^" => Pat::Start,
            "$" => Pat::End,
            l if l.len() > 1
                && l.starts_with('~')
                && l[1..].bytes().all(|b| b.is_ascii_digit()) =>
            {
                Pat::Gap(l[1..].parse().unwrap_or(0))
            }
            l => Pat::Word(l.split('|').filter(|a| !a.is_empty()).map(lit).collect()),
        };
        if let Some(last) = alts.last_mut() {
            last.push(node);
        }
    }
    alts
}

fn parse(src: &str) -> Vec<Pat> {
    let lexemes = lex(src);
    let mut pos = 0;
    let mut alts = parse_alts(&lexemes, &mut pos, None);
    if alts.len() == 1 {
        alts.pop().unwrap_or_default()
    } else {
        vec![Pat::Group(alts)]
    }
}

/// The literals a pattern's first token must match, or `false` when it could start with any
/// token (a leading gap, or a part that may be empty).
fn first_lits<'a>(nodes: &[&'a Pat], out: &mut Vec<&'a Lit>) -> bool {
    let Some((first, rest)) = nodes.split_first() else {
        // An empty pattern matches without a first token: no filter is possible.
        return false;
    };
    match first {
        Pat::Word(lits) => {
            out.extend(lits.iter());
            true
        }
        Pat::Start => first_lits(rest, out),
        Pat::Group(alts) => alts.iter().all(|alt| {
            let mut joined: Vec<&Pat> = alt.iter().collect();
            joined.extend(rest.iter().copied());
            first_lits(&joined, out)
        }),
        Pat::Optional(alts) => {
            alts.iter().all(|alt| {
                let mut joined: Vec<&Pat> = alt.iter().collect();
                joined.extend(rest.iter().copied());
                first_lits(&joined, out)
            }) && first_lits(rest, out)
        }
        Pat::Gap(_) | Pat::End => false,
    }
}

/// The literals a pattern's second token must match, or `false` when there is no such
/// constraint (a match may end after one token, or a gap may follow the first).
fn second_lits<'a>(nodes: &[&'a Pat], out: &mut Vec<&'a Lit>) -> bool {
    let Some((first, rest)) = nodes.split_first() else {
        return false;
    };
    match first {
        Pat::Word(_) => first_lits(rest, out),
        Pat::Start => second_lits(rest, out),
        Pat::Group(alts) => alts.iter().all(|alt| {
            let mut joined: Vec<&Pat> = alt.iter().collect();
            joined.extend(rest.iter().copied());
            second_lits(&joined, out)
        }),
        Pat::Optional(alts) => {
            alts.iter().all(|alt| {
                let mut joined: Vec<&Pat> = alt.iter().collect();
                joined.extend(rest.iter().copied());
                second_lits(&joined, out)
            }) && second_lits(rest, out)
        }
        Pat::Gap(_) | Pat::End => false,
    }
}

/// A token id for words no pattern or word list names.
const NOT_IN_VOCAB: u32 = u32::MAX;

/// The guard word lists, as bits of `Tok::flags`.
mod flag {
    pub const NEGATOR: u16 = 1;
    pub const STOPPER: u16 = 1 << 1;
    pub const PRONOUN: u16 = 1 << 2;
    pub const AUX: u16 = 1 << 3;
    pub const FILLER: u16 = 1 << 4;
    pub const CONJUNCTION: u16 = 1 << 5;
    pub const FEELING: u16 = 1 << 6;
    pub const FEEL_VERB: u16 = 1 << 7;
    /// "your" itself, and the words after it that mean "you're".
    pub const YOUR: u16 = 1 << 8;
    pub const YOUR_MEANS_YOU_ARE: u16 = 1 << 9;
}

/// `FxHash`: a fast hash for short words; the vocabulary is fixed, so no need for `SipHash`.
#[derive(Default, Clone, Copy)]
struct WordHasher(u64);

impl std::hash::Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut b = [0u8; 8];
            b.copy_from_slice(c);
            self.add(u64::from_le_bytes(b));
        }
        for &b in chunks.remainder() {
            self.add(u64::from(b));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn finish(&self) -> u64 {
        // The product's high bits are the well-mixed ones; the table indexes by the low bits.
        self.0.rotate_left(26)
    }
}

impl WordHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

type WordMap = HashMap<Box<str>, Entry, BuildHasherDefault<WordHasher>>;

/// What the vocabulary knows about a word.
#[derive(Debug, Clone, Copy)]
struct Entry {
    /// `NOT_IN_VOCAB` for a word that is only here for its expansion ("dont").
    id: u32,
    flags: u16,
    /// What the word always expands to ("dont" → "do not"), or nothing.
    expands: &'static [&'static str],
}

const UNKNOWN_WORD: Entry = Entry {
    id: NOT_IN_VOCAB,
    flags: 0,
    expands: &[],
};

/// Every word the patterns and guard word lists name, numbered, plus the fixed contractions
/// and shorthand: one lookup per word of the draft tells both.
#[derive(Default)]
struct Vocab {
    words: WordMap,
    len: u32,
}

impl Vocab {
    fn intern(&mut self, word: &str) -> u32 {
        let next = self.len;
        let entry = self.words.entry(word.into()).or_insert(UNKNOWN_WORD);
        if entry.id == NOT_IN_VOCAB {
            entry.id = next;
            self.len += 1;
        }
        entry.id
    }

    fn flag_all(&mut self, words: &[&str], flag: u16) {
        for &w in words {
            self.intern(w);
            if let Some(e) = self.words.get_mut(w) {
                e.flags |= flag;
            }
        }
    }

    fn add_expansions(&mut self, table: &[(&str, &'static [&'static str])]) {
        for &(w, parts) in table {
            self.words.entry(w.into()).or_insert(UNKNOWN_WORD).expands = parts;
        }
    }

    fn entry(&self, word: &str) -> Entry {
        self.words.get(word).copied().unwrap_or(UNKNOWN_WORD)
    }

    #[cfg(test)]
    fn id(&self, word: &str) -> u32 {
        self.entry(word).id
    }

    fn tok<'a>(&self, norm: Cow<'a, str>, kind: Kind, start: usize, end: usize) -> Tok<'a> {
        let entry = self.entry(&norm);
        tok_of(norm, entry, kind, start, end)
    }
}

fn tok_of(norm: Cow<'_, str>, entry: Entry, kind: Kind, start: usize, end: usize) -> Tok<'_> {
    Tok {
        norm,
        id: entry.id,
        flags: entry.flags,
        kind,
        start,
        end,
        quoted: false,
    }
}

/// A set of words: vocabulary ids as a bit set, plus prefixes.
#[derive(Debug, Default)]
struct Words {
    bits: Box<[u64]>,
    prefixes: Box<[Box<str>]>,
}

impl Words {
    fn new(vocab: &mut Vocab, lits: &[&Lit]) -> Words {
        let mut bits: Vec<u64> = Vec::new();
        let mut prefixes: Vec<Box<str>> = Vec::new();
        for lit in lits {
            match lit {
                Lit::Exact(w) => {
                    let id = vocab.intern(w) as usize;
                    if bits.len() <= id / 64 {
                        bits.resize(id / 64 + 1, 0);
                    }
                    bits[id / 64] |= 1 << (id % 64);
                }
                Lit::Prefix(p) => prefixes.push(p.as_str().into()),
            }
        }
        Words {
            bits: bits.into(),
            prefixes: prefixes.into(),
        }
    }

    fn matches(&self, t: &Tok) -> bool {
        let id = t.id as usize;
        self.bits
            .get(id / 64)
            .is_some_and(|b| (b >> (id % 64)) & 1 == 1)
            || self.prefixes.iter().any(|p| has_prefix(&t.norm, p))
    }
}

#[derive(Debug)]
enum Node {
    Word(Words),
    Group(Choice),
    Optional(Choice),
    Gap(usize),
    Start,
    End,
}

/// The alternatives of a group, with the words any of them must start with (when none of
/// them can be empty or start with a gap).
#[derive(Debug)]
struct Choice {
    first: Option<Words>,
    alts: Vec<Alt>,
}

/// One alternative of a group, with the words it must start with when it can't be empty.
#[derive(Debug)]
struct Alt {
    first: Option<Words>,
    nodes: Vec<Node>,
}

/// Whether something starting with `first` could match from a token: `false` means it
/// surely can't.
fn may_start(first: Option<&Words>, t: Option<&Tok>) -> bool {
    match first {
        None => true,
        Some(first) => t.is_some_and(|t| first.matches(t)),
    }
}

fn lower(vocab: &mut Vocab, pats: &[Pat]) -> Vec<Node> {
    pats.iter()
        .map(|p| match p {
            Pat::Word(lits) => Node::Word(Words::new(vocab, &lits.iter().collect::<Vec<_>>())),
            Pat::Group(alts) => Node::Group(lower_alts(vocab, alts)),
            Pat::Optional(alts) => Node::Optional(lower_alts(vocab, alts)),
            Pat::Gap(n) => Node::Gap(*n),
            Pat::Start => Node::Start,
            Pat::End => Node::End,
        })
        .collect()
}

fn lower_alts(vocab: &mut Vocab, alts: &[Vec<Pat>]) -> Choice {
    let mut any_lits = Vec::new();
    let mut all_filtered = true;
    let alts = alts
        .iter()
        .map(|alt| {
            let mut lits = Vec::new();
            let refs: Vec<&Pat> = alt.iter().collect();
            let filtered = first_lits(&refs, &mut lits);
            all_filtered &= filtered;
            any_lits.extend_from_slice(&lits);
            Alt {
                first: filtered.then(|| Words::new(vocab, &lits)),
                nodes: lower(vocab, alt),
            }
        })
        .collect();
    Choice {
        first: all_filtered.then(|| Words::new(vocab, &any_lits)),
        alts,
    }
}

/// Whether `nodes` match from token `i`, calling `k` with each possible end (shortest gaps
/// first) until it accepts one. Runs of words, skipped optional parts and clause marks are
/// walked in a loop; it only recurses where the match can branch.
fn seq(mut nodes: &[Node], toks: &[Tok], mut i: usize, k: &mut dyn FnMut(usize) -> bool) -> bool {
    loop {
        let Some((first, rest)) = nodes.split_first() else {
            return k(i);
        };
        match first {
            Node::Word(words) => {
                if !toks.get(i).is_some_and(|t| words.matches(t)) {
                    return false;
                }
                i += 1;
            }
            Node::Group(choice) => {
                let t = toks.get(i);
                return may_start(choice.first.as_ref(), t)
                    && choice.alts.iter().any(|alt| {
                        may_start(alt.first.as_ref(), t)
                            && seq(&alt.nodes, toks, i, &mut |j| seq(rest, toks, j, k))
                    });
            }
            Node::Optional(choice) => {
                let t = toks.get(i);
                if may_start(choice.first.as_ref(), t)
                    && choice.alts.iter().any(|alt| {
                        may_start(alt.first.as_ref(), t)
                            && seq(&alt.nodes, toks, i, &mut |j| seq(rest, toks, j, k))
                    })
                {
                    return true;
                }
            }
            Node::Gap(n) => {
                for g in 0..=*n {
                    if seq(rest, toks, i + g, k) {
                        return true;
                    }
                    if toks.get(i + g).is_none_or(|t| t.kind == Kind::Hard) {
                        break;
                    }
                }
                return false;
            }
            Node::Start => {
                let at_start = i
                    .checked_sub(1)
                    .and_then(|p| toks.get(p))
                    .is_none_or(|t| !t.is_word());
                if !at_start {
                    return false;
                }
            }
            Node::End => {
                if toks.get(i).is_some_and(Tok::is_word) {
                    return false;
                }
            }
        }
        nodes = rest;
    }
}

/// Which patterns can start at a token, by their first word and then their second, so the
/// scan tries a handful of patterns per token instead of all of them. Kept compact: the scan
/// consults it at every token.
#[derive(Default)]
struct FirstIndex {
    /// By vocabulary id.
    exact: Vec<Vec<Candidate>>,
    /// By the first byte of the prefix.
    prefix: Vec<Vec<(Box<str>, Candidate)>>,
    anywhere: Vec<Candidate>,
    /// The bit sets of all second words, end to end (see `Candidate`).
    seconds: Vec<u64>,
    /// By pattern: the prefixes its second word may start with.
    second_prefixes: Vec<Box<[Box<str>]>>,
}

/// A pattern that may start at a token, and what the token after it must be.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    pattern: usize,
    /// Whether the second token is constrained at all.
    filtered: bool,
    /// `seconds[bits_at..bits_at + bits_len]`: the vocabulary ids the second token may have.
    bits_at: usize,
    bits_len: usize,
}

impl FirstIndex {
    fn add(&mut self, vocab: &mut Vocab, pattern: usize, pats: &[Pat]) {
        let refs: Vec<&Pat> = pats.iter().collect();
        let mut seconds = Vec::new();
        let second = second_lits(&refs, &mut seconds).then(|| Words::new(vocab, &seconds));
        let mut cand = Candidate {
            pattern,
            filtered: second.is_some(),
            bits_at: self.seconds.len(),
            bits_len: 0,
        };
        if self.second_prefixes.len() <= pattern {
            self.second_prefixes.resize_with(pattern + 1, Box::default);
        }
        if let Some(second) = second {
            cand.bits_len = second.bits.len();
            self.seconds.extend_from_slice(&second.bits);
            self.second_prefixes[pattern] = second.prefixes;
        }

        let mut lits = Vec::new();
        if !first_lits(&refs, &mut lits) {
            self.anywhere.push(cand);
            return;
        }
        for lit in lits {
            match lit {
                Lit::Exact(w) => {
                    let id = vocab.intern(w) as usize;
                    if self.exact.len() <= id {
                        self.exact.resize_with(id + 1, Vec::new);
                    }
                    if !self.exact[id].iter().any(|c| c.pattern == pattern) {
                        self.exact[id].push(cand);
                    }
                }
                Lit::Prefix(p) => {
                    let first = usize::from(p.as_bytes().first().copied().unwrap_or(0));
                    if self.prefix.len() <= first {
                        self.prefix.resize_with(first + 1, Vec::new);
                    }
                    self.prefix[first].push((p.as_str().into(), cand));
                }
            }
        }
    }

    /// The patterns that may start at `toks[s]`, possibly more than once.
    fn candidates(&self, toks: &[Tok], s: usize, out: &mut Vec<usize>) {
        out.clear();
        let t = &toks[s];
        let next = toks.get(s + 1);
        let second_ok = |c: &Candidate| {
            if !c.filtered {
                return true;
            }
            let Some(n) = next else { return false };
            let id = n.id as usize;
            (id / 64 < c.bits_len && (self.seconds[c.bits_at + id / 64] >> (id % 64)) & 1 == 1)
                || self.second_prefixes[c.pattern]
                    .iter()
                    .any(|p| has_prefix(&n.norm, p))
        };
        if let Some(exact) = self.exact.get(t.id as usize) {
            out.extend(exact.iter().filter(|c| second_ok(c)).map(|c| c.pattern));
        }
        if let Some(&first) = t.norm.as_bytes().first()
            && let Some(bucket) = self.prefix.get(usize::from(first))
        {
            out.extend(
                bucket
                    .iter()
                    .filter(|(p, c)| has_prefix(&t.norm, p) && second_ok(c))
                    .map(|(_, c)| c.pattern),
            );
        }
        out.extend(
            self.anywhere
                .iter()
                .filter(|c| second_ok(c))
                .map(|c| c.pattern),
        );
    }
}

/// `word.starts_with(prefix)`, without a call out to `memcmp` for these short words.
fn has_prefix(word: &str, prefix: &str) -> bool {
    let (w, p) = (word.as_bytes(), prefix.as_bytes());
    w.len() >= p.len() && w.iter().zip(p).all(|(a, b)| a == b)
}

// ---------------------------------------------------------------------------------------------
// Rules
// ---------------------------------------------------------------------------------------------

/// What else a match must pass, beyond not being quoted (and not negated, if negatable).
#[derive(Debug, Clone, Copy)]
enum Check {
    None,
    /// "you always/never …": not a yes/no question, not an idiom, and not warm or reassuring.
    AlwaysNever,
    /// "because of you", "you made me": fine when the sentence is warm.
    RejectPositive,
    /// Not when the word before is one of these ("I called you lazy" reports, not insults).
    NotAfter(&'static [&'static str]),
}

/// Which "always/never" shape matched, for building the "When you …" suggestion.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    Other,
    YouAlways,
    EveryTime,
}

/// A rule as written: its pattern is compiled once, into `MATCHER`.
struct RuleSpec {
    concern: Concern,
    src: String,
    negatable: bool,
    check: Check,
    shape: Shape,
}

struct Rules(Vec<RuleSpec>);

impl Rules {
    fn add(&mut self, concern: Concern, negatable: bool, check: Check, src: &str) {
        self.0.push(RuleSpec {
            concern,
            src: src.to_string(),
            negatable,
            check,
            shape: Shape::Other,
        });
    }
    fn neg(&mut self, concern: Concern, src: &str) {
        self.add(concern, true, Check::None, src);
    }
    fn plain(&mut self, concern: Concern, src: &str) {
        self.add(concern, false, Check::None, src);
    }
}

fn rule_specs() -> Vec<RuleSpec> {
    let mut r = Rules(Vec::new());
    ultimatum_rules(&mut r);
    always_never_rules(&mut r);
    blame_rules(&mut r);
    name_calling_rules(&mut r);
    contempt_rules(&mut r);
    diagnosing_rules(&mut r);
    fixing_rules(&mut r);
    r.0
}

/// A compiled rule.
struct Rule {
    concern: Concern,
    nodes: Vec<Node>,
    negatable: bool,
    check: Check,
    shape: Shape,
}

/// A list of phrases (`POSITIVE`, `NEGATIVE`), compiled and indexed by first word.
#[derive(Default)]
struct Phrases {
    nodes: Vec<Vec<Node>>,
    index: FirstIndex,
}

impl Phrases {
    fn new<'s>(vocab: &mut Vocab, srcs: impl IntoIterator<Item = &'s str>) -> Phrases {
        let mut phrases = Phrases::default();
        for (i, src) in srcs.into_iter().enumerate() {
            let pats = parse(src);
            phrases.index.add(vocab, i, &pats);
            phrases.nodes.push(lower(vocab, &pats));
        }
        phrases
    }
}

/// Everything compiled: the vocabulary, the rules and the phrase lists of the guards.
struct Matcher {
    vocab: Vocab,
    rules: Vec<Rule>,
    index: FirstIndex,
    positive: Phrases,
    negative: Phrases,
}

static MATCHER: LazyLock<Matcher> = LazyLock::new(|| {
    let mut vocab = Vocab::default();
    vocab.flag_all(&NEGATORS, flag::NEGATOR);
    vocab.flag_all(&STOPPERS, flag::STOPPER);
    vocab.flag_all(&PRONOUNS, flag::PRONOUN);
    vocab.flag_all(&AUX, flag::AUX);
    vocab.flag_all(&FILLERS, flag::FILLER);
    vocab.flag_all(&CONJUNCTIONS, flag::CONJUNCTION);
    vocab.flag_all(FEELINGS, flag::FEELING);
    vocab.flag_all(&FEEL_VERBS, flag::FEEL_VERB);
    vocab.flag_all(&["your"], flag::YOUR);
    vocab.flag_all(&YOUR_MEANS_YOU_ARE, flag::YOUR_MEANS_YOU_ARE);
    vocab.add_expansions(EXPANSIONS);
    let mut index = FirstIndex::default();
    let mut rules = Vec::new();
    for (i, spec) in rule_specs().into_iter().enumerate() {
        let pats = parse(&spec.src);
        index.add(&mut vocab, i, &pats);
        rules.push(Rule {
            concern: spec.concern,
            nodes: lower(&mut vocab, &pats),
            negatable: spec.negatable,
            check: spec.check,
            shape: spec.shape,
        });
    }
    let positive = Phrases::new(&mut vocab, POSITIVE.iter().copied());
    let negative = Phrases::new(&mut vocab, NEGATIVE.iter().copied().chain([INSULT]));
    Matcher {
        vocab,
        rules,
        index,
        positive,
        negative,
    }
});

/// A refusal in a condition: "if you don't / won't / refuse …".
const REFUSAL: &str = "if you [still|really|just|even|ever] ( do not | will not | can not | are not \
     | would not | did not | refuse* | say no | keep refusing )";

/// What "I" threaten to do.
const THREAT: &str = "( leave | leaving | walk | walking | out | gone | done | finished | through \
     | move out | moving out | divorce* | file | filing | separat* | end it | end this \
     | end things | end us | end the marriage | end our marriage | ending it | ending this \
     | ending things | ending us | pack* | take the kids | taking the kids | call a lawyer \
     | calling a lawyer | have no choice | kick you out | stop trying | find someone else \
     | be gone | not be here | leave you | start looking | look* for a lawyer|place|apartment \
     | look* at apartments | act accordingly )";

fn outcome() -> String {
    format!(
        "( i [will|would|am|have] [just|honestly|definitely|probably|simply|seriously|really] \
         [ going to | have to ] {THREAT} \
         | we are [ going to be ] done|over|finished|through \
         | it|this|that|things is|are [ going to be ] over|done|finished \
         | our|the marriage|relationship is|will [ going to be ] [be] over|done|finished \
         | i can not stay|continue \
         | i do not see ( a | any ) future|point|way \
         | there is no future|point \
         | i am out )"
    )
}

fn ultimatum_rules(r: &mut Rules) {
    use Concern::Ultimatum as U;
    let outcome = outcome();
    r.plain(U, &format!("{REFUSAL} ~12 {outcome}"));
    r.neg(U, &format!("{outcome} ~6 ( unless | {REFUSAL} )"));
    r.plain(U, &format!("unless you ~12 {outcome}"));
    r.plain(
        U,
        &format!(
            "or ( {outcome} | else $ | else {outcome} | divorce | a divorce | we divorce \
             | we separate | separation )"
        ),
    );
    r.neg(U, "last|final chance|warning|straw");
    r.neg(U, "one more chance");
    r.neg(U, "ultimatum*");
    r.neg(U, "( deal breaker | dealbreaker|deal-breaker )");
    r.plain(U, "now or never");
    r.plain(U, "take it or leave it");
    r.plain(U, "( you have | i am giving you | i will give you ) until");
    r.plain(
        U,
        "no therapy|counseling|counselling [,] no marriage|us|relationship|future",
    );
    r.neg(
        U,
        "i will|am [ going to ] [just|honestly|seriously] leave|leaving|divorce|divorcing you",
    );
    r.neg(U, "i am [ going to ] filing|file for divorce");
    r.neg(U, "i want a divorce");
    r.neg(
        U,
        "i am [so|just|completely|really|absolutely|officially|honestly|totally] done \
         ( $ | with you|us|this|it|everything|trying | with it all | with this marriage|relationship )",
    );
    r.neg(U, "we are [so|just] done|through|finished|over $");
    r.plain(U, "it is over between us");
    r.plain(U, "pack your bags");
    r.plain(U, "find somewhere|someplace else to live|stay");
    r.plain(
        U,
        "do not bother ( coming | to come | being ) home|back|here",
    );
    r.neg(
        U,
        "( last | final ) time i ( am asking | ask | will ask | am going to ask )",
    );
    r.neg(U, "i am [so|just|really] gone $");
    r.neg(U, "[do not] make me choose between");
}

fn always_never_rules(r: &mut Rules) {
    let mut add = |src: &str, shape: Shape| {
        r.0.push(RuleSpec {
            concern: Concern::AlwaysNever,
            src: src.to_string(),
            negatable: false,
            check: Check::AlwaysNever,
            shape,
        });
    };
    add(
        "you [are|were|have|had|will|would|do|did|can|could|just|literally|basically|seriously\
         |honestly|almost|nearly|practically|really|pretty] [much|just|literally|really|basically\
         |almost] always|never|constantly|continually",
        Shape::YouAlways,
    );
    add("you do|did not [really|even] ever", Shape::YouAlways);
    add("you are|were forever", Shape::YouAlways);
    add("every [single] time ~8 you", Shape::EveryTime);
    add("all you [ever] do is", Shape::Other);
}

fn blame_rules(r: &mut Rules) {
    use Concern::Blame as B;
    r.neg(B, "your fault|faults");
    r.neg(
        B,
        "you are [really|honestly|just|clearly|obviously|literally] the problem|issue|cause",
    );
    let warm = |r: &mut Rules, src: &str| r.add(B, true, Check::RejectPositive, src);
    warm(
        r,
        "you are [really|just|clearly|obviously|literally] the [only|whole|main|entire|one] reason",
    );
    warm(r, "because of you|your");
    warm(r, "thanks to you");
    warm(
        r,
        "you [have|are|just|totally|completely|really] ruined|ruining|destroyed|destroying|wrecked\
         |wrecking|broke|poisoned|sabotaged",
    );
    warm(
        r,
        "you [always|just|really|constantly|never|honestly] ( make | made | makes | are making \
         | have made | keep making ) me",
    );
    r.neg(B, "blame you");
    r.neg(B, "you are [the one] to blame");
    r.neg(
        B,
        "you [have] made ~4 ( miserable | hell | unbearable | a nightmare )",
    );
    r.neg(B, "your ~3 is|are ruining|destroying|wrecking|killing");
    r.neg(B, "this|that|it is [all] on you");
    r.neg(
        B,
        "you [totally|clearly|obviously] caused|started this|it|all|everything|the",
    );
    r.neg(B, "we would not ~8 if you [had] [just|only]");
    r.neg(B, "if you had [just|only] ~8 we would not");
    r.neg(B, "you need|have to change");
    r.neg(
        B,
        "you are the one who|that ( needs | has to | should | ruined | started | broke | caused \
         | messed | refuses | will not | never | wrecked | destroyed | stopped | gave up | quit \
         | left | cheated | lied | walked away | pulled away | shut | pushed | can not | does not \
         | did not )",
    );
    r.neg(B, "your ~3 is ( why | the reason ) we");
    r.neg(B, "you drove|pushed me away|to");
}

/// Words that call someone something.
const INSULT: &str = "( idiot|idiotic|stupid|moron|moronic|dumb|lazy|selfish|self-centered\
    |self-centred|self-absorbed|pathetic|useless|worthless|jerk|loser|coward|cowardly|child\
    |childish|baby|brat|immature|spineless|heartless|clown|fool|slob|pig|liar|bully|asshole|ass\
    |dick|bitch|bastard|prick|douche|douchebag|joke|crazy|insane|nuts|psycho|hysterical|dramatic\
    |nag|manchild|man-child|snowflake|toxic|monster|failure|disappointment|embarrassment\
    |deadbeat|bum|weak|incompetent|clueless|ignorant|arrogant|stubborn|impossible|unbearable\
    |insufferable|ridiculous|paranoid|cheap|ugly|fat|terrible|awful|horrible|disgusting|cold\
    |mean|cruel|hopeless|lame|spoiled|spoilt|entitled|ungrateful|irresponsible|inconsiderate\
    |thoughtless|careless|unreliable|mess|laziest|stupidest|dumbest|worst|meanest|cruelest\
    |coldest|pettiest|petty|pushover | drama queen | control freak | piece of work \
    | waste of space )";

/// Insults that also work as a bare address: "you idiot", "you selfish jerk".
const VOCATIVE: &str = "idiot|idiotic|moron|stupid|dumb|lazy|selfish|self-centered|pathetic\
    |useless|worthless|jerk|loser|coward|spineless|heartless|clown|slob|pig|liar|asshole|ass\
    |bitch|bastard|prick|douche|douchebag|psycho|manchild|man-child|snowflake|monster|failure\
    |deadbeat|bum|brat|arrogant|ungrateful";

/// Insults that stick to what the partner has: "your lazy attitude".
const POSSESSIVE: &str = "lazy|selfish|stupid|pathetic|useless|worthless|idiotic|childish\
    |immature|ridiculous|dumb|cowardly|spineless|arrogant|self-centered";

/// Small words allowed between "you are" and the insult: "you're such a …", "kind of …".
const INTENS: &str = "[so|such|a|an|the|just|really|being|total|totally|complete|completely\
    |absolute|absolutely|utterly|too|always|acting|like|real|kind|of|bit|little|sort\
    |literally|honestly|clearly|obviously|plain|biggest|most|very|pretty|fucking|freaking|damn]";

/// Words before "you" that turn "you lazy …" into a report rather than an insult.
const REPORTING: &[&str] = &[
    "call",
    "called",
    "calling",
    "calls",
    "say",
    "said",
    "saying",
    "says",
    "name",
    "named",
    "think",
    "thought",
    "thinks",
    "consider",
    "considered",
    "find",
    "found",
    "make",
    "made",
    "makes",
    "thank",
    "thanks",
    "love",
    "miss",
    "tell",
    "told",
    "telling",
    "with",
    "to",
    "for",
    "see",
    "meet",
    "met",
    "hear",
    "heard",
];

fn name_calling_rules(r: &mut Rules) {
    use Concern::NameCalling as N;
    r.neg(
        N,
        &format!(
            "you ( are | were | have been | are being | were being | sound | look | act \
             | are acting | seem | behave | are behaving ) {INTENS} {INTENS} {INTENS} {INTENS} \
             {INSULT}"
        ),
    );
    r.add(
        N,
        true,
        Check::NotAfter(REPORTING),
        &format!(
            "you [absolute|total|complete|utter|fucking|freaking|stupid] {VOCATIVE} [{VOCATIVE}]"
        ),
    );
    r.plain(
        N,
        &format!("stop|quit being|acting [like] [so|such|a|an] [a|an] {INSULT}"),
    );
    r.plain(N, &format!("do not be [so|such|a|an] [a|an] {INSULT}"));
    r.neg(N, &format!("your {POSSESSIVE}"));
    r.plain(N, &format!("^ what a|an {INTENS} {VOCATIVE}"));
}

fn contempt_rules(r: &mut Rules) {
    use Concern::Contempt as C;
    r.plain(
        C,
        "^ oh|ooh|wow|well [,] great|wonderful|perfect|fantastic|terrific|lovely|brilliant|joy\
         |goody|sure|please|really|right",
    );
    r.plain(
        C,
        "^ great|perfect|wonderful|fantastic|brilliant [,] another|just|again",
    );
    r.plain(C, "just great|perfect|wonderful|fantastic|brilliant $");
    r.plain(C, "^ [so|like|ok|okay|fine|yeah|well|and] whatever $");
    r.plain(C, "or whatever $");
    r.plain(C, "whatever you say");
    r.plain(C, "whatevs");
    r.neg(C, "^ [ so | how | just | that is ] typical $");
    r.neg(C, "typical [of] you");
    r.neg(C, "so|how typical");
    r.plain(C, "^ [just|please|oh|so|now] grow up");
    r.plain(C, "^ come on [,] grow up");
    r.plain(
        C,
        "you [just|need|should|have|must|really|ever] [to|just] [just] grow up",
    );
    r.plain(C, "time to grow up");
    r.plain(C, "shocker");
    r.plain(C, "what a surprise|shock");
    r.plain(C, "big surprise $");
    r.plain(C, "surprise [,] surprise");
    r.plain(C, "color|colour me shocked|surprised");
    r.plain(C, "imagine that $");
    r.plain(C, "go figure");
    r.plain(C, "^ figures $");
    r.plain(
        C,
        "^ of course you ( would | did | do | will | were | had | can not | would not | did not )",
    );
    r.plain(C, "yeah [,] right");
    r.plain(C, "^ sure you will|do|did|are|would");
    r.plain(C, "^ sure [,] because");
    r.plain(C, "^ as if");
    r.plain(
        C,
        "^ like you care|would|ever|even|actually|really|could|did|do",
    );
    r.plain(C, "give me a break");
    r.plain(C, "spare me");
    r.plain(C, "get over yourself|it");
    r.plain(C, "grow a pair");
    r.plain(C, "man up");
    r.plain(C, "cry me a river");
    r.plain(C, "( boo hoo | boohoo|boo-hoo )");
    r.plain(C, "big deal $");
    r.plain(C, "^ who cares");
    r.plain(C, "^ so what $");
    r.plain(C, "^ not that you care|would|ever|even|notice|listen");
    r.plain(C, "must be nice");
    r.plain(C, "thanks for nothing");
    r.plain(C, "^ nice going|try $");
    r.plain(C, "real mature");
    r.plain(C, "how mature");
    r.plain(C, "very|so mature $");
    r.plain(C, "^ congrat* [,] you");
    r.plain(C, "^ ( newsflash|news-flash | news flash )");
    r.plain(C, "^ duh $");
    r.plain(C, "ugh*|pfft|pff|smh");
    r.plain(C, "( eye roll | eyeroll|eye-roll )");
    r.plain(C, "heaven|god|lord forbid");
    r.plain(C, "too much to ask");
    r.plain(C, "for once in your life");
    r.plain(C, "could|can|would you [just] for once");
    r.plain(C, "^ what is wrong with you");
    r.plain(C, "^ what is your problem");
    r.plain(C, "who do you think you are");
    r.plain(C, "are you kidding|joking [me] ?");
    r.plain(C, "^ seriously ?");
    r.plain(
        C,
        "i am sure you will|have|had|would [a|another|some|your] \
         [good|great|perfect|brilliant|wonderful|really] excuse|reason",
    );
    r.plain(C, "another excuse");
    r.plain(C, "here we go again");
    r.plain(C, "as|per usual $");
    r.plain(
        C,
        ", are|do|did|were|have|would|will|can|could|is|does you ?",
    );
    r.plain(C, "good luck with that|finding");
    r.plain(C, "i can not believe i have to");
    r.plain(C, "^ gee|gosh [,] thanks");
    r.plain(C, "thanks a lot|bunch $");
    r.plain(C, "just wow");
    r.plain(C, "poor you|baby $");
    r.plain(C, "^ shocking|unbelievable $");
    r.plain(C, "funny how you|your");
    r.plain(C, "do me a favour|favor and");
}

/// Clinical and pop-psychology labels.
const DIAGNOSIS: &str = "( narcissis* | sociopath* | psychopath* | borderline | bpd | npd | bipolar \
     | personality disorder | mentally ill | mentally unstable | mental illness | mental problems \
     | sick in the head | gaslight* | emotionally unavailable | avoidant | codependent|co-dependent \
     | on the spectrum | autistic | adhd | ocd | anger issues | anger problems | attachment issues \
     | commitment issues | trust issues | daddy issues | mommy issues | drinking problem \
     | alcoholic | delusional | unhinged | emotionally stunted )";

fn diagnosing_rules(r: &mut Rules) {
    use Concern::Diagnosing as D;
    r.neg(D, &format!("you|your ~6 {DIAGNOSIS}"));
    r.neg(D, &format!("{DIAGNOSIS} ~8 you"));
    r.neg(
        D,
        "you [really|clearly|obviously|seriously|definitely] have|got [got] \
         [ some | serious | real | deep | major | so many | a lot of | such ] [serious|deep|real] \
         issues|problems",
    );
    r.neg(D, "you [really|clearly|just] need|needs fixing");
    r.neg(
        D,
        "you are [so|just|clearly|really|completely|obviously] \
         broken|damaged|unwell|disturbed|abnormal",
    );
    r.neg(D, "you are not normal");
    r.neg(
        D,
        "you are [clearly|obviously|so|definitely|really] depressed|unstable",
    );
    r.neg(D, "you are [so|just|really] messed up");
    r.neg(D, "something [is] [really|seriously] wrong with you");
    r.neg(
        D,
        "you [really] need|should [to] [be] [on] medication|meds|medicated|pills",
    );
}

/// Words before "you need help" that make it an offer or a question.
const OFFERING: &[&str] = &[
    "do", "does", "if", "whatever", "when", "whenever", "what", "anything", "unless",
];

fn fixing_rules(r: &mut Rules) {
    use Concern::FixingThem as F;
    r.add(
        F,
        true,
        Check::NotAfter(OFFERING),
        "you [really|seriously|clearly|obviously|desperately|definitely|honestly] need \
         ( therapy | counseling | counselling | a therapist | a shrink | a counselor | a counsellor \
         | professional help | help | serious help | real help | some help | to see someone \
         | to see a therapist | to see a professional | to talk to someone \
         | to talk to a professional | to get help | to get some help | to get therapy \
         | to go to therapy | to go to counseling )",
    );
    r.neg(F, "fix|fixing|fixes you");
    r.neg(
        F,
        "fix your issues|problems|head|attitude|temper|anger|drinking|behavior|behaviour|stuff|moods",
    );
    r.neg(F, "fix yourself");
    r.neg(F, "get yourself fixed|sorted|help|checked|straightened");
    r.neg(F, "get|have your head checked|examined");
    r.neg(
        F,
        "someone|somebody|they|therapist|counselor|counsellor|professional \
         [will|can|could|might|would] [finally] get through to you",
    );
    r.neg(
        F,
        "get|gets|getting you ( sorted | fixed | straightened | help | some help \
         | professional help | into therapy | into counseling )",
    );
    r.neg(F, "sort|sorts|straighten|set you out|straight");
    r.neg(F, "whip you into shape");
    r.neg(
        F,
        "so [that] you can|will|could|might [finally|actually|maybe] [ at least ] ( change \
         | get better | grow up | fix | deal with your | work on your | stop | learn to \
         | be normal | sort )",
    );
    r.neg(
        F,
        "therapist|counselor|counsellor|they|someone|professional|shrink|doctor \
         ( will | can | could | would | is going to | might | to ) [finally] tell|show|teach|make you",
    );
    r.neg(
        F,
        "you [really|seriously|definitely|honestly] should|ought [to] \
         [really|seriously|definitely|honestly] see|get|go|talk [to] [a|some|professional] \
         someone|therapist|therapy|help|counselor|counseling|shrink|professional|doctor",
    );
    r.neg(
        F,
        "work on your temper|anger|issues|problems|stuff|drinking|attitude|behavior|behaviour\
         |moods|baggage|trauma|demons",
    );
    r.plain(F, "^ [please] get professional|some|real|serious help");
    r.neg(
        F,
        "the one who needs ( therapy | help | fixing | counseling | counselling | to see \
         | to get | to go )",
    );
    r.neg(F, "out what is wrong with you");
    r.neg(
        F,
        "therapy|counseling|counselling would|will|could|might ( be good for you | fix you \
         | change you | sort you out | do you [ a world of | a lot of | some ] good )",
    );
}

// ---------------------------------------------------------------------------------------------
// Guards
// ---------------------------------------------------------------------------------------------

const NEGATORS: [&str; 10] = [
    "not", "never", "no", "nobody", "nothing", "none", "neither", "nor", "without", "hardly",
];
const STOPPERS: [&str; 10] = [
    "but", "and", "or", "though", "although", "yet", "however", "while", "whereas", "except",
];
const PRONOUNS: [&str; 5] = ["you", "i", "we", "they", "he"];
const AUX: [&str; 13] = [
    "do", "does", "did", "are", "is", "were", "have", "has", "would", "will", "can", "could", "was",
];
/// "so" is left out on purpose: "you always work so hard" keeps going.
const CONJUNCTIONS: [&str; 7] = ["and", "but", "or", "because", "though", "yet", "although"];
/// Words skipped right after "always"/"never": "you never, ever …", "you never once …".
const FILLERS: [&str; 7] = [",", "ever", "once", "really", "even", "just", "actually"];

/// A negation shortly before the match, in the same clause: "I'm not saying you …",
/// "this isn't …", "nobody's going to …". "Why don't you …" is a question, not a negation.
fn negated(toks: &[Tok], s: usize) -> bool {
    let mut j = s;
    let mut seen = 0;
    while j > 0 && seen < 8 {
        j -= 1;
        let t = &toks[j];
        if !t.is_word() || t.has(flag::STOPPER) {
            return false;
        }
        if t.has(flag::NEGATOR) {
            let inverted = toks.get(j + 1).is_some_and(|n| n.has(flag::PRONOUN));
            if !inverted {
                return true;
            }
        }
        seen += 1;
    }
    false
}

/// Words that make a sentence warm.
const POSITIVE: [&str; 72] = [
    "laugh*",
    "smile*",
    "kind $",
    "kind to|and|with",
    "a|so|very|really|such|most kind",
    "kindest",
    "kindness",
    "patient",
    "know how to",
    "there for",
    "support*",
    "love*",
    "care about|for",
    "cares about|for",
    "cared about|for",
    "take care",
    "help",
    "helps",
    "helped",
    "helping",
    "helpful",
    "listen*",
    "make time",
    "show|shows|showed up",
    "work* [so] hard",
    "calm*",
    "welcome",
    "safe",
    "better",
    "happy",
    "happier",
    "good",
    "great",
    "wonderful",
    "amazing",
    "best",
    "thoughtful",
    "generous",
    "gentle",
    "sweet",
    "funny",
    "brave",
    "strong",
    "proud",
    "believe in",
    "encourag*",
    "remember*",
    "hold my hand",
    "hug*",
    "mean* a lot",
    "the world to me",
    "warm",
    "forgiv*",
    "apologi*",
    "honest",
    "fair",
    "loyal",
    "protect*",
    "beautiful",
    "special",
    "comfort*",
    "appreciat*",
    "thank*",
    "hear",
    "ask|asks about",
    "notice*",
    "understand*",
    "respect*",
    "trust*",
    "cheer*",
    "light up",
    "fun",
];

/// Words that make a sentence hard; `INSULT` counts too.
const NEGATIVE: [&str; 72] = [
    "hurt*",
    "hit|hits|hitting",
    "give|gives|gave up",
    "let|lets me|us down",
    "judg*",
    "complain*",
    "fail*",
    "quit*",
    "lie|lies|lied|lying",
    "yell*",
    "shout*",
    "scream*",
    "hate*",
    "angry",
    "mad",
    "late",
    "ignor*",
    "forget*",
    "forgot*",
    "interrupt*",
    "critici*",
    "blam*",
    "shut* down",
    "shut* me out",
    "walk* away|out",
    "leave me",
    "left me",
    "cheat*",
    "wrong",
    "mess*",
    "fight*",
    "argu*",
    "excuse*",
    "busy",
    "rude",
    "distant",
    "phone",
    "too much",
    "alone",
    "lonely",
    "fall|falling apart",
    "stress*",
    "scare*",
    "disappoint*",
    "embarrass*",
    "abandon*",
    "miserable",
    "sad",
    "cry",
    "crying",
    "invisible",
    "small",
    "guilty",
    "anxious",
    "afraid",
    "worse",
    "worst",
    "bad",
    "dismiss*",
    "belittl*",
    "mock*",
    "sick",
    "tired",
    "exhausted",
    "drink*",
    "unheard",
    "unseen",
    "unloved",
    "unwanted",
    "unimportant",
    "neglect*",
    "reject*",
];

/// The guards' view of one draft: its tokens, plus what they work out about them, kept for
/// the rest of this one scan (sentence bounds, where a warm or hard phrase starting at a
/// token ends). Built per call; nothing carries over to the next draft.
struct Guard<'t, 'a> {
    toks: &'t [Tok<'a>],
    /// For each token position: where its sentence starts (after the last hard stop
    /// before it) and where the sentence ends (the first hard stop at or after it).
    /// Empty until first needed.
    sentence_from: Vec<usize>,
    sentence_to: Vec<usize>,
    /// For each token: the nearest end of a `POSITIVE` / `NEGATIVE` phrase starting there
    /// (`NO_PHRASE` when none does), or `UNKNOWN` until first asked. Empty until first needed.
    positive_end: Vec<usize>,
    negative_end: Vec<usize>,
    /// Room for the phrases that may start at a token.
    candidates: Vec<usize>,
}

const UNKNOWN: usize = usize::MAX;
const NO_PHRASE: usize = usize::MAX - 1;

#[derive(Debug, Clone, Copy)]
enum Tone {
    Positive,
    Negative,
}

impl<'t, 'a> Guard<'t, 'a> {
    fn new(toks: &'t [Tok<'a>]) -> Self {
        Guard {
            toks,
            sentence_from: Vec::new(),
            sentence_to: Vec::new(),
            positive_end: Vec::new(),
            negative_end: Vec::new(),
            candidates: Vec::new(),
        }
    }

    /// Whether a phrase of this tone starts at a word of `from..to`, outside quotes, and
    /// ends by `to`.
    fn any_phrase(&mut self, tone: Tone, from: usize, to: usize) -> bool {
        (from..to).any(|i| {
            let t = &self.toks[i];
            t.is_word() && !t.quoted && self.phrase_end(tone, i) <= to
        })
    }

    /// The nearest end of a phrase of this tone starting at token `i`, or `NO_PHRASE`.
    fn phrase_end(&mut self, tone: Tone, i: usize) -> usize {
        let toks = self.toks;
        let (ends, phrases) = match tone {
            Tone::Positive => (&mut self.positive_end, &MATCHER.positive),
            Tone::Negative => (&mut self.negative_end, &MATCHER.negative),
        };
        if ends.is_empty() {
            *ends = vec![UNKNOWN; toks.len()];
        }
        if ends[i] == UNKNOWN {
            let mut nearest = NO_PHRASE;
            phrases.index.candidates(toks, i, &mut self.candidates);
            for &p in &self.candidates {
                seq(&phrases.nodes[p], toks, i, &mut |j| {
                    nearest = nearest.min(j);
                    false
                });
            }
            ends[i] = nearest;
        }
        ends[i]
    }

    fn sentence(&mut self, s: usize, e: usize) -> (usize, usize) {
        if self.sentence_from.is_empty() {
            let n = self.toks.len();
            let hard = |i: usize| self.toks[i].kind == Kind::Hard;
            let mut from = Vec::with_capacity(n + 1);
            let mut start = 0;
            for i in 0..=n {
                from.push(start);
                if i < n && hard(i) {
                    start = i + 1;
                }
            }
            let mut to = vec![n; n + 1];
            for i in (0..n).rev() {
                to[i] = if hard(i) { i } else { to[i + 1] };
            }
            self.sentence_from = from;
            self.sentence_to = to;
        }
        (self.sentence_from[s], self.sentence_to[e])
    }

    /// "You're never wrong, are you?": a same-polarity tag question reads as sarcasm.
    fn sarcastic_tag(&mut self, e: usize) -> bool {
        let toks = self.toks;
        let (_, end) = self.sentence(e.saturating_sub(1), e);
        if !toks.get(end).is_some_and(|t| t.is("?")) || end < 3 {
            return false;
        }
        toks[end - 1].is("you") && toks[end - 2].has(flag::AUX) && toks[end - 3].is(",")
    }

    fn warm_sentence(&mut self, s: usize, e: usize) -> bool {
        let (from, to) = self.sentence(s, e);
        let positive =
            self.any_phrase(Tone::Positive, from, s) || self.any_phrase(Tone::Positive, e, to);
        let negative =
            self.any_phrase(Tone::Negative, from, s) || self.any_phrase(Tone::Negative, e, to);
        positive && !negative
    }

    fn always_never_applies(&mut self, s: usize, e: usize) -> bool {
        let toks = self.toks;
        // "Do you always feel this tired?" asks; "why do you always …" does not.
        let asks = s >= 1 && toks[s - 1].has(flag::AUX) && (s < 2 || !toks[s - 2].is_word());
        if asks {
            return false;
        }
        let (from, to) = clause_after(toks, e);
        if from >= to {
            return false;
        }
        let never = toks[s..e].iter().any(|t| t.is("never") || t.is("not"));
        let first = &*toks[from].norm;
        let idiom = (never && first == "know" && to == from + 1) || (!never && first == "hear");
        if idiom {
            return false;
        }
        if self.sarcastic_tag(e) {
            return true;
        }
        let negative = self.any_phrase(Tone::Negative, from, to);
        if never {
            let reassures = matches!(first, "have" | "has" | "need" | "needs")
                && toks.get(from + 1).is_some_and(|t| t.is("to"));
            !(negative || reassures)
        } else {
            negative || !self.any_phrase(Tone::Positive, from, to)
        }
    }

    fn accept(&mut self, rule: &Rule, s: usize, e: usize) -> bool {
        let toks = self.toks;
        let span = &toks[s..e];
        if span.iter().any(|t| t.quoted) || !span.iter().any(Tok::is_word) {
            return false;
        }
        if rule.negatable && negated(toks, s) {
            return false;
        }
        match rule.check {
            Check::None => true,
            Check::NotAfter(words) => !s
                .checked_sub(1)
                .and_then(|p| toks.get(p))
                .is_some_and(|t| words.contains(&&*t.norm)),
            // "You never made me feel stupid" is praise, not blame.
            Check::RejectPositive => {
                !span.iter().any(|t| t.is("never")) && !self.warm_sentence(s, e)
            }
            Check::AlwaysNever => self.always_never_applies(s, e),
        }
    }
}

/// The rest of the clause after `e`: leading fillers skipped, up to punctuation or a
/// joining word. Returns a token range.
fn clause_after(toks: &[Tok], e: usize) -> (usize, usize) {
    let mut from = e;
    while toks.get(from).is_some_and(|t| t.has(flag::FILLER)) {
        from += 1;
    }
    let mut to = from;
    while toks
        .get(to)
        .is_some_and(|t| t.is_word() && !t.has(flag::CONJUNCTION))
    {
        to += 1;
    }
    (from, to)
}

// ---------------------------------------------------------------------------------------------
// Scanning
// ---------------------------------------------------------------------------------------------

/// An accepted "always/never" match, kept for the suggestions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Hit {
    shape: Shape,
    s: usize,
    e: usize,
}

fn scan(draft: &str, toks: &[Tok]) -> (Vec<Finding>, Vec<Hit>) {
    let matcher = &*MATCHER;
    let mut guard = Guard::new(toks);
    let mut spans: Vec<(Concern, usize, usize)> = Vec::new();
    // (rule, hit): the suggestions take the hits rule by rule, each rule's in draft order.
    let mut hits: Vec<(usize, Hit)> = Vec::new();
    let mut candidates: Vec<usize> = Vec::new();
    // The last start each rule was tried at, so a rule listed twice for a token runs once.
    let mut tried_at = vec![usize::MAX; matcher.rules.len()];
    // The ends already offered to the guards for this (rule, start): a pattern can reach the
    // same end along several paths, and the answer won't change.
    let mut offered: Vec<usize> = Vec::new();
    for s in 0..toks.len() {
        matcher.index.candidates(toks, s, &mut candidates);
        for &r in &candidates {
            if std::mem::replace(&mut tried_at[r], s) == s {
                continue;
            }
            let rule = &matcher.rules[r];
            offered.clear();
            let mut end = None;
            seq(&rule.nodes, toks, s, &mut |e: usize| {
                if e <= s || offered.contains(&e) {
                    return false;
                }
                offered.push(e);
                let ok = guard.accept(rule, s, e);
                if ok {
                    end = Some(e);
                }
                ok
            });
            let Some(e) = end else { continue };
            let Some(first) = (s..e).find(|&i| toks[i].is_word()) else {
                continue;
            };
            let last = (s..e).rfind(|&i| toks[i].is_word()).unwrap_or(first);
            spans.push((rule.concern, toks[first].start, toks[last].end));
            if rule.concern == Concern::AlwaysNever {
                hits.push((
                    r,
                    Hit {
                        shape: rule.shape,
                        s,
                        e,
                    },
                ));
            }
        }
    }
    hits.sort_unstable_by_key(|&(r, hit)| (r, hit.s));
    let hits = hits.into_iter().map(|(_, hit)| hit).collect();

    spans.extend(scare_quotes(toks));

    // One finding per stretch of words and concern: overlapping matches are joined.
    spans.sort_by_key(|&(c, a, b)| (c, a, std::cmp::Reverse(b)));
    let mut merged: Vec<(Concern, usize, usize)> = Vec::new();
    for (c, a, b) in spans {
        match merged.last_mut() {
            Some(last) if last.0 == c && a < last.2 => last.2 = last.2.max(b),
            _ => merged.push((c, a, b)),
        }
    }
    merged.sort_by_key(|&(c, a, _)| (a, c));
    let findings = merged
        .into_iter()
        .map(|(concern, start, end)| {
            let found = draft[start..end].to_string();
            Finding {
                concern,
                note: concern.note(&found),
                found,
                start,
                end,
            }
        })
        .collect();
    (findings, hits)
}

/// Words shortly before a quotation that make it reported speech or a title, not sarcasm.
const REPORTED: &[&str] = &[
    "said", "say", "says", "saying", "told", "tell", "tells", "telling", "asked", "ask", "asks",
    "called", "call", "calls", "calling", "like", "went", "goes", "texted", "wrote", "write",
    "writes", "replied", "answered", "yelled", "shouted", "muttered", "mean", "meant", "means",
    "word", "words", "read", "reading", "book", "titled", "named", "phrase", "quote", "quoted",
];

/// Sarcastic scare quotes around the partner's words: "you'll 'think about it'",
/// "you're \"too busy\"". A short quotation right after "you"/"your", with no reporting
/// verb before it. Returns (concern, start, end) spans, quote marks included.
fn scare_quotes(toks: &[Tok]) -> Vec<(Concern, usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if !toks[i].quoted {
            i += 1;
            continue;
        }
        let open = i - 1; // quoted runs never start at 0: an opening mark precedes them
        let mut close = i;
        while close < toks.len() && toks[close].quoted {
            close += 1;
        }
        i = close;
        let Some(close_mark) = toks.get(close) else {
            break;
        };
        let words: Vec<&Tok> = toks[open + 1..close]
            .iter()
            .filter(|t| t.is_word())
            .collect();
        let before = &toks[open.saturating_sub(4)..open];
        let after_you = before
            .iter()
            .rev()
            .take(3)
            .any(|t| t.is("you") || t.is("your"));
        let reported = before.iter().any(|t| REPORTED.contains(&&*t.norm));
        if words.is_empty() || words.len() > 5 || !after_you || reported {
            continue;
        }
        out.push((Concern::Contempt, toks[open].start, close_mark.end));
    }
    out
}

/// Findings only, for checking our own suggestions.
/// Findings only, for checking our own suggestions.
fn findings_of(text: &str) -> Vec<Finding> {
    scan(text, &tokenize(text)).0
}

// ---------------------------------------------------------------------------------------------
// Suggestions
// ---------------------------------------------------------------------------------------------

const FEELINGS: &[&str] = &[
    "lonely",
    "alone",
    "sad",
    "hurt",
    "scared",
    "afraid",
    "worried",
    "anxious",
    "tired",
    "exhausted",
    "drained",
    "unheard",
    "invisible",
    "ignored",
    "dismissed",
    "frustrated",
    "angry",
    "overwhelmed",
    "disconnected",
    "unseen",
    "unimportant",
    "unloved",
    "unwanted",
    "rejected",
    "small",
    "stuck",
    "hopeless",
    "hopeful",
    "heartbroken",
    "disappointed",
    "resentful",
    "neglected",
    "abandoned",
    "confused",
    "helpless",
    "lost",
    "empty",
    "nervous",
    "insecure",
    "unappreciated",
];
const FEEL_VERBS: [&str; 8] = ["feel", "felt", "feeling", "am", "was", "get", "been", "be"];

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

const IRREGULAR: &[(&str, &str)] = &[
    ("said", "say"),
    ("did", "do"),
    ("came", "come"),
    ("went", "go"),
    ("told", "tell"),
    ("made", "make"),
    ("gave", "give"),
    ("took", "take"),
    ("thought", "think"),
    ("got", "get"),
    ("heard", "hear"),
    ("felt", "feel"),
    ("knew", "know"),
    ("saw", "see"),
    ("left", "leave"),
    ("brought", "bring"),
    ("bought", "buy"),
    ("kept", "keep"),
    ("spent", "spend"),
    ("sent", "send"),
    ("meant", "mean"),
    ("understood", "understand"),
    ("forgot", "forget"),
    ("forgave", "forgive"),
    ("held", "hold"),
    ("stood", "stand"),
    ("wrote", "write"),
    ("spoke", "speak"),
    ("paid", "pay"),
    ("ate", "eat"),
    ("sat", "sit"),
    ("ran", "run"),
    ("began", "begin"),
    ("chose", "choose"),
    ("fought", "fight"),
    ("caught", "catch"),
    ("taught", "teach"),
    ("died", "die"),
    ("had", "have"),
    ("was", "be"),
];

/// The plain form of a past-tense verb ("asked" → "ask"), or `None` if it doesn't look past.
fn base_form(word: &str) -> Option<String> {
    if let Some(&(_, base)) = IRREGULAR.iter().find(|(past, _)| *past == word) {
        return Some(base.to_string());
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

/// Words in the "X" that already say where or when ("… when I talk about my day").
const SITUATION_WORDS: [&str; 10] = [
    "when", "whenever", "while", "after", "before", "during", "at", "in", "around", "every",
];

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
        .filter(|a| AUX.contains(a))
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
    if situation.is_empty() && !x_toks.iter().any(|t| SITUATION_WORDS.contains(&&*t.norm)) {
        situation = ", [in one specific moment \u{2014} when and where]".to_string();
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

fn suggest(draft: &str, toks: &[Tok], findings: &[Finding], hits: &[Hit]) -> Vec<String> {
    let curly = draft.contains('\u{2019}');
    let named = feeling(toks);
    let feel = named
        .clone()
        .unwrap_or_else(|| "[how it feels \u{2014} lonely, hurt, worried]".to_string());
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
            "When you [one specific thing that happened], [when and where it happened], I feel {feel}."
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn norms(s: &str) -> Vec<String> {
        tokenize(s)
            .into_iter()
            .map(|t| t.norm.into_owned())
            .collect()
    }

    #[test]
    fn every_pattern_is_well_formed() {
        fn balanced(nodes: &[Pat]) -> bool {
            !nodes.is_empty()
                && nodes.iter().all(|n| match n {
                    Pat::Group(alts) | Pat::Optional(alts) => alts.iter().all(|a| balanced(a)),
                    Pat::Word(lits) => !lits.is_empty(),
                    _ => true,
                })
        }
        for (i, spec) in rule_specs().iter().enumerate() {
            assert!(balanced(&parse(&spec.src)), "rule {i} has an empty part");
        }
        for p in POSITIVE.iter().chain(NEGATIVE.iter()).chain([&INSULT]) {
            assert!(balanced(&parse(p)), "{p}");
        }
    }

    #[test]
    fn contractions_and_shorthand_expand() {
        assert_eq!(norms("You’re"), ["you", "are"]);
        assert_eq!(norms("dont"), ["do", "not"]);
        assert_eq!(norms("won't"), ["will", "not"]);
        assert_eq!(norms("u r"), ["you", "r"]);
        assert_eq!(norms("your always late"), ["you", "are", "always", "late"]);
        assert_eq!(norms("your car"), ["your", "car"]);
        assert_eq!(norms("Sam's car"), ["sam's", "car"]);
    }

    #[test]
    fn quotes_mark_reported_words() {
        let toks = tokenize("you said \u{201c}whatever\u{201d} and 'fine' but the kids' room");
        let quoted: Vec<&str> = toks.iter().filter(|t| t.quoted).map(|t| &*t.norm).collect();
        assert_eq!(quoted, ["whatever", "fine"]);
        let whole = tokenize("\"You never listen.\"");
        assert!(whole.iter().all(|t| !t.quoted));
    }

    #[test]
    fn past_tense_base_forms() {
        for (past, base) in [
            ("asked", "ask"),
            ("listened", "listen"),
            ("noticed", "notice"),
            ("apologized", "apologize"),
            ("stopped", "stop"),
            ("called", "call"),
            ("cared", "care"),
            ("tried", "try"),
            ("said", "say"),
        ] {
            assert_eq!(base_form(past).as_deref(), Some(base), "{past}");
        }
        assert_eq!(base_form("listen"), None);
        assert_eq!(base_form("need"), None);
    }

    #[test]
    fn most_rules_have_a_first_word() {
        let index = &MATCHER.index;
        let anywhere = index.anywhere.len();
        let total = MATCHER.rules.len();
        println!(
            "rules: {total}, indexed by first word: {}, anywhere: {anywhere}",
            total - anywhere
        );
        assert!(
            anywhere * 5 < total,
            "{anywhere} of {total} rules can start anywhere"
        );
    }

    // -----------------------------------------------------------------------------------------
    // The fast checker against the reference (the checker as it was before)
    // -----------------------------------------------------------------------------------------

    const CORPUS: &str = include_str!("../../tests/fixtures/draft/corpus.jsonl");
    const HOLDOUT: &str = include_str!("../../tests/fixtures/draft/holdout.jsonl");

    fn lines() -> Vec<String> {
        CORPUS
            .lines()
            .chain(HOLDOUT.lines())
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter_map(|v| v["text"].as_str().map(str::to_string))
            .collect()
    }

    /// Tokens, findings, always/never hits and the whole review must all be the same.
    fn same_as_reference(draft: &str) {
        let toks = tokenize(draft);
        let old = reference::tokenize(draft);
        let view: Vec<(&str, Kind, usize, usize, bool)> = toks
            .iter()
            .map(|t| (&*t.norm, t.kind, t.start, t.end, t.quoted))
            .collect();
        let old_view: Vec<(&str, Kind, usize, usize, bool)> = old
            .iter()
            .map(|t| (t.norm.as_str(), t.kind, t.start, t.end, t.quoted))
            .collect();
        assert_eq!(view, old_view, "tokens of {draft:?}");
        for t in &toks {
            assert_eq!(t.id, MATCHER.vocab.id(&t.norm), "{draft:?}");
        }
        let (findings, hits) = scan(draft, &toks);
        let (old_findings, old_hits) = reference::scan(draft, &old);
        assert_eq!(findings, old_findings, "findings of {draft:?}");
        assert_eq!(hits, old_hits, "hits of {draft:?}");
        assert_eq!(
            review(draft),
            reference::review(draft),
            "review of {draft:?}"
        );
    }

    #[test]
    fn same_as_reference_on_the_corpora() {
        let lines = lines();
        assert!(lines.len() > 500);
        for line in &lines {
            same_as_reference(line);
        }
        // Neighbouring lines run together, so guards see longer sentences and more matches.
        for pair in lines.windows(3) {
            same_as_reference(&pair.join(" "));
            same_as_reference(&format!("{}{}", pair[0], pair[1].to_lowercase()));
        }
        let all = lines.join(" ");
        same_as_reference(&all);
        same_as_reference(&all.replace(['.', '!', '?', ';', '\n'], ","));
        same_as_reference(&all.replace('"', "'"));
        same_as_reference(
            &"You never listen when I talk about my day and I feel alone. ".repeat(50),
        );
    }

    /// Words that make patterns match: the corpus's words, as written, and a few shapes that
    /// stress the tokeniser.
    static POOL: LazyLock<Vec<String>> = LazyLock::new(|| {
        let mut pool: Vec<String> = lines()
            .iter()
            .flat_map(|l| l.split_whitespace().map(str::to_string).collect::<Vec<_>>())
            .collect();
        pool.sort();
        pool.dedup();
        for extra in [
            "\"",
            "'",
            "\u{201c}",
            "\u{201d}",
            "\u{2018}",
            "\u{2019}",
            "...",
            "\u{2026}",
            "-",
            "\u{2014}",
            ",",
            ".",
            "?",
            "!",
            ";",
            "\n",
            "(",
            ")",
            "your",
            "you're",
            "dont",
            "u",
            "ur",
            "it's",
            "n't",
            "Sam's",
            "YOU'RE",
            "You\u{2019}re",
            "\u{00ab}",
            "\u{00bb}",
            "always",
            "never",
            "you",
            "not",
            "I",
            "feel",
            "laugh",
            "lazy",
            "help",
            ", are you?",
        ] {
            pool.push(extra.to_string());
        }
        pool
    });

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn same_as_reference_on_word_salad(
            picks in proptest::collection::vec((any::<proptest::sample::Index>(), 0..4u8), 0..40)
        ) {
            let pool = &*POOL;
            let mut draft = String::new();
            for (pick, sep) in picks {
                draft.push_str(&pool[pick.index(pool.len())]);
                draft.push_str(["", " ", " ", "  "][usize::from(sep)]);
            }
            same_as_reference(&draft);
        }

        #[test]
        fn same_as_reference_on_any_text(draft in "\\PC{0,200}") {
            same_as_reference(&draft);
        }

        #[test]
        fn same_as_reference_on_pattern_alphabet(draft in "([yYoOuUaArReEnNvVlLsSt'’\" ,.?]{1,3} ?){0,60}") {
            same_as_reference(&draft);
        }
    }
}

#[cfg(test)]
mod reference {
    //! The checker as it was before it was made fast (string literals, a backtracking
    //! matcher without first-word filters, allocating tokens), kept only to check that the
    //! fast one behaves exactly the same. The rules and word lists are shared.

    use super::*;

    pub(super) fn review(draft: &str) -> Review {
        if draft.trim().is_empty() {
            return Review::default();
        }
        let toks = tokenize(draft);
        let (findings, hits) = scan(draft, &toks);
        let suggestions = suggest(draft, &toks, &findings, &hits);
        Review {
            findings,
            suggestions,
        }
    }

    #[derive(Debug, Clone)]
    pub(super) struct Tok {
        /// Lowercase, apostrophes straightened, contractions expanded.
        pub(super) norm: String,
        pub(super) kind: Kind,
        pub(super) start: usize,
        pub(super) end: usize,
        /// Inside quotation marks: reported speech, not the user's own words.
        pub(super) quoted: bool,
    }

    impl Tok {
        fn is(&self, word: &str) -> bool {
            self.norm == word
        }

        fn is_word(&self) -> bool {
            self.kind == Kind::Word
        }
    }

    pub(super) fn tokenize(draft: &str) -> Vec<Tok> {
        let chars: Vec<(usize, char)> = draft.char_indices().collect();
        let byte_at = |i: usize| chars.get(i).map_or(draft.len(), |&(b, _)| b);
        let ch = |i: usize| chars.get(i).map(|&(_, c)| c);

        let mut raw: Vec<Tok> = Vec::new();
        let mut marks: Vec<(usize, Mark)> = Vec::new();
        let push = |raw: &mut Vec<Tok>, norm: &str, kind: Kind, from: usize, to: usize| {
            raw.push(Tok {
                norm: norm.to_string(),
                kind,
                start: byte_at(from),
                end: byte_at(to),
                quoted: false,
            });
        };

        let mut i = 0;
        while let Some(c) = ch(i) {
            if c.is_alphanumeric() {
                let mut j = i + 1;
                while let Some(d) = ch(j) {
                    let joins = (is_apostrophe(d) || d == '-')
                        && ch(j + 1).is_some_and(char::is_alphanumeric);
                    if d.is_alphanumeric() || joins {
                        j += 1;
                    } else {
                        break;
                    }
                }
                let norm: String = draft[byte_at(i)..byte_at(j)]
                    .chars()
                    .map(|d| if is_apostrophe(d) { '\'' } else { d })
                    .flat_map(char::to_lowercase)
                    .collect();
                push(&mut raw, &norm, Kind::Word, i, j);
                i = j;
                continue;
            }
            let mut len = 1;
            let (norm, kind, mark) = if c == '.' {
                while ch(i + len) == Some('.') {
                    len += 1;
                }
                if len > 1 {
                    ("\u{2026}", Kind::Soft, None)
                } else {
                    (".", Kind::Hard, None)
                }
            } else if let Some(p) = punctuation(c, i.checked_sub(1).and_then(ch), ch(i + 1)) {
                p
            } else {
                i += 1;
                continue;
            };
            if let Some(m) = mark {
                marks.push((raw.len(), m));
            }
            push(&mut raw, norm, kind, i, i + len);
            i += len;
        }

        mark_quotes(&mut raw, &marks);
        expand_all(raw)
    }

    /// How a character other than a letter, a digit or a full stop reads, if it counts at all.
    /// `prev` and `next` decide whether a single quote opens, closes or is an apostrophe.
    /// Pairs quotation marks and marks the words between them as reported speech, unless one
    /// pair wraps every word of the draft (then the quotes are just how the user typed it).
    fn mark_quotes(raw: &mut [Tok], marks: &[(usize, Mark)]) {
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
        let first_word = raw.iter().position(Tok::is_word);
        let last_word = raw.iter().rposition(Tok::is_word);
        for (open, close) in regions {
            let wraps_all =
                first_word.is_some_and(|f| f > open) && last_word.is_some_and(|l| l < close);
            if wraps_all {
                continue;
            }
            for t in &mut raw[open + 1..close] {
                t.quoted = true;
            }
        }
    }

    /// Words that a bare "'s" turns into "is" ("it's" → "it is"); others are possessives.
    /// Contractions and shorthand, one word to several.
    fn expand(w: &str) -> Vec<String> {
        let fixed: &[&str] = match w {
            "won't" | "wont" => &["will", "not"],
            "can't" | "cant" | "cannot" => &["can", "not"],
            "shan't" => &["shall", "not"],
            "ain't" | "aint" | "isnt" => &["is", "not"],
            "dont" => &["do", "not"],
            "doesnt" => &["does", "not"],
            "didnt" => &["did", "not"],
            "arent" => &["are", "not"],
            "wasnt" => &["was", "not"],
            "werent" => &["were", "not"],
            "couldnt" => &["could", "not"],
            "wouldnt" => &["would", "not"],
            "shouldnt" => &["should", "not"],
            "havent" => &["have", "not"],
            "hasnt" => &["has", "not"],
            "hadnt" => &["had", "not"],
            "im" => &["i", "am"],
            "ive" => &["i", "have"],
            "youre" => &["you", "are"],
            "youve" => &["you", "have"],
            "youll" => &["you", "will"],
            "youd" => &["you", "would"],
            "theyre" => &["they", "are"],
            "its" => &["it", "is"],
            "thats" => &["that", "is"],
            "whats" => &["what", "is"],
            "theres" => &["there", "is"],
            "let's" => &["let", "us"],
            "u" => &["you"],
            "ur" => &["your"],
            "gonna" => &["going", "to"],
            "wanna" => &["want", "to"],
            "gotta" => &["got", "to"],
            _ => &[],
        };
        if !fixed.is_empty() {
            return fixed.iter().map(|s| (*s).to_string()).collect();
        }
        if let Some(stem) = w.strip_suffix("n't") {
            return vec![stem.to_string(), "not".to_string()];
        }
        if let Some((stem, tail)) = w.rsplit_once('\'') {
            let full = match tail {
                "m" => Some("am"),
                "re" => Some("are"),
                "ve" => Some("have"),
                "ll" => Some("will"),
                "d" => Some("would"),
                "s" if S_IS.contains(&stem) => Some("is"),
                _ => None,
            };
            if let Some(full) = full
                && !stem.is_empty()
            {
                return vec![stem.to_string(), full.to_string()];
            }
        }
        vec![w.to_string()]
    }

    fn expand_all(raw: Vec<Tok>) -> Vec<Tok> {
        let mut out: Vec<Tok> = Vec::with_capacity(raw.len() + 8);
        for t in raw {
            if t.kind != Kind::Word {
                out.push(t);
                continue;
            }
            for part in expand(&t.norm) {
                out.push(Tok {
                    norm: part,
                    ..t.clone()
                });
            }
        }
        let mut fixed: Vec<Tok> = Vec::with_capacity(out.len() + 2);
        for (i, t) in out.iter().enumerate() {
            let means_you_are = t.is("your")
                && out
                    .get(i + 1)
                    .is_some_and(|n| n.is_word() && YOUR_MEANS_YOU_ARE.contains(&n.norm.as_str()));
            if means_you_are {
                fixed.push(Tok {
                    norm: "you".to_string(),
                    ..t.clone()
                });
                fixed.push(Tok {
                    norm: "are".to_string(),
                    ..t.clone()
                });
            } else {
                fixed.push(t.clone());
            }
        }
        fixed
    }

    fn matches(lit: &Lit, word: &str) -> bool {
        match lit {
            Lit::Exact(w) => word == w,
            Lit::Prefix(p) => word.starts_with(p.as_str()),
        }
    }

    /// Whether `nodes` match from token `i`, calling `k` with each possible end (shortest gaps
    /// first) until it accepts one.
    fn seq(nodes: &[Pat], toks: &[Tok], i: usize, k: &mut dyn FnMut(usize) -> bool) -> bool {
        let Some((first, rest)) = nodes.split_first() else {
            return k(i);
        };
        match first {
            Pat::Word(lits) => {
                toks.get(i)
                    .is_some_and(|t| lits.iter().any(|l| matches(l, &t.norm)))
                    && seq(rest, toks, i + 1, k)
            }
            Pat::Group(alts) => alts
                .iter()
                .any(|alt| seq(alt, toks, i, &mut |j| seq(rest, toks, j, k))),
            Pat::Optional(alts) => {
                alts.iter()
                    .any(|alt| seq(alt, toks, i, &mut |j| seq(rest, toks, j, k)))
                    || seq(rest, toks, i, k)
            }
            Pat::Gap(n) => {
                for g in 0..=*n {
                    if seq(rest, toks, i + g, k) {
                        return true;
                    }
                    if toks.get(i + g).is_none_or(|t| t.kind == Kind::Hard) {
                        break;
                    }
                }
                false
            }
            Pat::Start => {
                i.checked_sub(1)
                    .and_then(|p| toks.get(p))
                    .is_none_or(|t| !t.is_word())
                    && seq(rest, toks, i, k)
            }
            Pat::End => toks.get(i).is_none_or(|t| !t.is_word()) && seq(rest, toks, i, k),
        }
    }

    struct Rule {
        concern: Concern,
        nodes: Vec<Pat>,
        negatable: bool,
        check: Check,
        shape: Shape,
    }

    static RULES: LazyLock<Vec<Rule>> = LazyLock::new(|| {
        rule_specs()
            .into_iter()
            .map(|spec| Rule {
                concern: spec.concern,
                nodes: parse(&spec.src),
                negatable: spec.negatable,
                check: spec.check,
                shape: spec.shape,
            })
            .collect()
    });

    /// A negation shortly before the match, in the same clause: "I'm not saying you …",
    /// "this isn't …", "nobody's going to …". "Why don't you …" is a question, not a negation.
    fn negated(toks: &[Tok], s: usize) -> bool {
        let mut j = s;
        let mut seen = 0;
        while j > 0 && seen < 8 {
            j -= 1;
            let t = &toks[j];
            if !t.is_word() || STOPPERS.contains(&t.norm.as_str()) {
                return false;
            }
            if NEGATORS.contains(&t.norm.as_str()) {
                let inverted = toks
                    .get(j + 1)
                    .is_some_and(|n| PRONOUNS.contains(&n.norm.as_str()));
                if !inverted {
                    return true;
                }
            }
            seen += 1;
        }
        false
    }

    static POSITIVE: LazyLock<Vec<Vec<Pat>>> =
        LazyLock::new(|| super::POSITIVE.iter().map(|p| parse(p)).collect());

    static NEGATIVE: LazyLock<Vec<Vec<Pat>>> = LazyLock::new(|| {
        super::NEGATIVE
            .iter()
            .chain([&INSULT])
            .map(|p| parse(p))
            .collect()
    });

    fn any_phrase(phrases: &[Vec<Pat>], toks: &[Tok], from: usize, to: usize) -> bool {
        (from..to).any(|i| {
            toks[i].is_word()
                && !toks[i].quoted
                && phrases
                    .iter()
                    .any(|p| seq(p, toks, i, &mut |j: usize| j <= to))
        })
    }

    /// The rest of the clause after `e`: leading fillers skipped, up to punctuation or a
    /// joining word. Returns a token range.
    fn clause_after(toks: &[Tok], e: usize) -> (usize, usize) {
        let mut from = e;
        while toks
            .get(from)
            .is_some_and(|t| FILLERS.contains(&t.norm.as_str()))
        {
            from += 1;
        }
        let mut to = from;
        while toks
            .get(to)
            .is_some_and(|t| t.is_word() && !CONJUNCTIONS.contains(&t.norm.as_str()))
        {
            to += 1;
        }
        (from, to)
    }

    fn sentence(toks: &[Tok], s: usize, e: usize) -> (usize, usize) {
        let from = toks[..s]
            .iter()
            .rposition(|t| t.kind == Kind::Hard)
            .map_or(0, |p| p + 1);
        let to = toks[e..]
            .iter()
            .position(|t| t.kind == Kind::Hard)
            .map_or(toks.len(), |p| e + p);
        (from, to)
    }

    /// "You're never wrong, are you?": a same-polarity tag question reads as sarcasm.
    fn sarcastic_tag(toks: &[Tok], e: usize) -> bool {
        let (_, end) = sentence(toks, e.saturating_sub(1), e);
        if !toks.get(end).is_some_and(|t| t.is("?")) || end < 3 {
            return false;
        }
        toks[end - 1].is("you")
            && AUX.contains(&toks[end - 2].norm.as_str())
            && toks[end - 3].is(",")
    }

    fn warm_sentence(toks: &[Tok], s: usize, e: usize) -> bool {
        let (from, to) = sentence(toks, s, e);
        let positive = any_phrase(&POSITIVE, toks, from, s) || any_phrase(&POSITIVE, toks, e, to);
        let negative = any_phrase(&NEGATIVE, toks, from, s) || any_phrase(&NEGATIVE, toks, e, to);
        positive && !negative
    }

    fn always_never_applies(toks: &[Tok], s: usize, e: usize) -> bool {
        // "Do you always feel this tired?" asks; "why do you always …" does not.
        let asks =
            s >= 1 && AUX.contains(&toks[s - 1].norm.as_str()) && (s < 2 || !toks[s - 2].is_word());
        if asks {
            return false;
        }
        let (from, to) = clause_after(toks, e);
        if from >= to {
            return false;
        }
        let never = toks[s..e].iter().any(|t| t.is("never") || t.is("not"));
        let first = toks[from].norm.as_str();
        let idiom = (never && first == "know" && to == from + 1) || (!never && first == "hear");
        if idiom {
            return false;
        }
        if sarcastic_tag(toks, e) {
            return true;
        }
        let negative = any_phrase(&NEGATIVE, toks, from, to);
        if never {
            let reassures = matches!(first, "have" | "has" | "need" | "needs")
                && toks.get(from + 1).is_some_and(|t| t.is("to"));
            !(negative || reassures)
        } else {
            negative || !any_phrase(&POSITIVE, toks, from, to)
        }
    }

    fn accept(rule: &Rule, toks: &[Tok], s: usize, e: usize) -> bool {
        let span = &toks[s..e];
        if span.iter().any(|t| t.quoted) || !span.iter().any(Tok::is_word) {
            return false;
        }
        if rule.negatable && negated(toks, s) {
            return false;
        }
        match rule.check {
            Check::None => true,
            Check::NotAfter(words) => !s
                .checked_sub(1)
                .and_then(|p| toks.get(p))
                .is_some_and(|t| words.contains(&t.norm.as_str())),
            // "You never made me feel stupid" is praise, not blame.
            Check::RejectPositive => {
                !span.iter().any(|t| t.is("never")) && !warm_sentence(toks, s, e)
            }
            Check::AlwaysNever => always_never_applies(toks, s, e),
        }
    }

    struct RuleIndex {
        exact: std::collections::HashMap<String, Vec<usize>>,
        prefix: Vec<(String, usize)>,
        anywhere: Vec<usize>,
    }

    static INDEX: LazyLock<RuleIndex> = LazyLock::new(|| {
        let mut index = RuleIndex {
            exact: std::collections::HashMap::new(),
            prefix: Vec::new(),
            anywhere: Vec::new(),
        };
        for (i, rule) in RULES.iter().enumerate() {
            let mut lits = Vec::new();
            if first_lits(&rule.nodes.iter().collect::<Vec<_>>(), &mut lits) {
                for lit in lits {
                    match lit {
                        Lit::Exact(w) => index.exact.entry(w.clone()).or_default().push(i),
                        Lit::Prefix(p) => index.prefix.push((p.clone(), i)),
                    }
                }
            } else {
                index.anywhere.push(i);
            }
        }
        index
    });

    pub(super) fn scan(draft: &str, toks: &[Tok]) -> (Vec<Finding>, Vec<Hit>) {
        let mut spans: Vec<(Concern, usize, usize)> = Vec::new();
        let mut hits = Vec::new();
        // (rule, start) pairs worth trying, in the order a full scan would try them.
        let mut tries: Vec<(usize, usize)> = Vec::new();
        for (s, tok) in toks.iter().enumerate() {
            if let Some(rules) = INDEX.exact.get(&tok.norm) {
                tries.extend(rules.iter().map(|&r| (r, s)));
            }
            tries.extend(
                INDEX
                    .prefix
                    .iter()
                    .filter(|(p, _)| tok.norm.starts_with(p.as_str()))
                    .map(|&(_, r)| (r, s)),
            );
            tries.extend(INDEX.anywhere.iter().map(|&r| (r, s)));
        }
        tries.sort_unstable();
        tries.dedup();
        for (r, s) in tries {
            let rule = &RULES[r];
            {
                let mut end = None;
                seq(&rule.nodes, toks, s, &mut |e: usize| {
                    let ok = e > s && accept(rule, toks, s, e);
                    if ok {
                        end = Some(e);
                    }
                    ok
                });
                let Some(e) = end else { continue };
                let Some(first) = (s..e).find(|&i| toks[i].is_word()) else {
                    continue;
                };
                let last = (s..e).rfind(|&i| toks[i].is_word()).unwrap_or(first);
                spans.push((rule.concern, toks[first].start, toks[last].end));
                if rule.concern == Concern::AlwaysNever {
                    hits.push(Hit {
                        shape: rule.shape,
                        s,
                        e,
                    });
                }
            }
        }

        spans.extend(scare_quotes(toks));

        // One finding per stretch of words and concern: overlapping matches are joined.
        spans.sort_by_key(|&(c, a, b)| (c, a, std::cmp::Reverse(b)));
        let mut merged: Vec<(Concern, usize, usize)> = Vec::new();
        for (c, a, b) in spans {
            match merged.last_mut() {
                Some(last) if last.0 == c && a < last.2 => last.2 = last.2.max(b),
                _ => merged.push((c, a, b)),
            }
        }
        merged.sort_by_key(|&(c, a, _)| (a, c));
        let findings = merged
            .into_iter()
            .map(|(concern, start, end)| {
                let found = draft[start..end].to_string();
                Finding {
                    concern,
                    note: concern.note(&found),
                    found,
                    start,
                    end,
                }
            })
            .collect();
        (findings, hits)
    }

    /// Sarcastic scare quotes around the partner's words: "you'll 'think about it'",
    /// "you're \"too busy\"". A short quotation right after "you"/"your", with no reporting
    /// verb before it. Returns (concern, start, end) spans, quote marks included.
    fn scare_quotes(toks: &[Tok]) -> Vec<(Concern, usize, usize)> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < toks.len() {
            if !toks[i].quoted {
                i += 1;
                continue;
            }
            let open = i - 1; // quoted runs never start at 0: an opening mark precedes them
            let mut close = i;
            while close < toks.len() && toks[close].quoted {
                close += 1;
            }
            i = close;
            let Some(close_mark) = toks.get(close) else {
                break;
            };
            let words: Vec<&Tok> = toks[open + 1..close]
                .iter()
                .filter(|t| t.is_word())
                .collect();
            let before = &toks[open.saturating_sub(4)..open];
            let after_you = before
                .iter()
                .rev()
                .take(3)
                .any(|t| t.is("you") || t.is("your"));
            let reported = before.iter().any(|t| REPORTED.contains(&t.norm.as_str()));
            if words.is_empty() || words.len() > 5 || !after_you || reported {
                continue;
            }
            out.push((Concern::Contempt, toks[open].start, close_mark.end));
        }
        out
    }

    /// Findings only, for checking our own suggestions.
    fn findings_of(text: &str) -> Vec<Finding> {
        scan(text, &tokenize(text)).0
    }

    /// The first feeling the user named about themselves: "I (always) feel alone",
    /// "I'm so tired", "you make me feel invisible".
    fn feeling(toks: &[Tok]) -> Option<String> {
        for (i, t) in toks.iter().enumerate() {
            if !t.is_word() || t.quoted || !FEELINGS.contains(&t.norm.as_str()) {
                continue;
            }
            // Up to five words back, within the clause.
            let mut from = i;
            while from > 0 && i - from < 5 && toks[from - 1].is_word() {
                from -= 1;
            }
            let window = &toks[from..i];
            if window.iter().any(|w| NEGATORS.contains(&w.norm.as_str())) {
                continue;
            }
            let verb = window
                .iter()
                .rposition(|w| FEEL_VERBS.contains(&w.norm.as_str()));
            let subject = window.iter().rposition(|w| w.is("i") || w.is("me"));
            if let (Some(v), Some(sub)) = (verb, subject)
                && sub <= v
            {
                return Some(t.norm.clone());
            }
        }
        None
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
            .map(|t| t.norm.as_str())
            .filter(|a| AUX.contains(a))
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
        if situation.is_empty()
            && !x_toks
                .iter()
                .any(|t| SITUATION_WORDS.contains(&t.norm.as_str()))
        {
            situation = ", [in one specific moment \u{2014} when and where]".to_string();
        }
        let line = format!("When {lead} {x}{situation}, I feel {feel}.");
        Some(apostrophes(&line, curly))
    }

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
            .unwrap_or_else(|| "[how it feels \u{2014} lonely, hurt, worried]".to_string());
        let mut lines: Vec<String> = Vec::new();

        let already_feels = toks
            .windows(2)
            .any(|w| w[0].is("i") && matches!(w[1].norm.as_str(), "feel" | "felt") && !w[1].quoted);
        if !findings.is_empty() || !already_feels {
            let first = match &named {
                Some(f) => {
                    format!("I feel {f}, and I'd like us to talk to someone about it together.")
                }
                None => {
                    format!("I feel {feel}, and I'd like us to talk to someone about it together.")
                }
            };
            lines.push(apostrophes(&first, curly));
        }

        for hit in hits.iter().filter(|h| h.shape != Shape::Other) {
            if let Some(line) = when_line(draft, toks, *hit, &feel, curly)
                && findings_of(&line).is_empty()
            {
                lines.push(line);
            }
        }
        if lines.len() < 2 && (!findings.is_empty() || !already_feels) {
            let generic = format!(
                "When you [one specific thing that happened], [when and where it happened], I feel {feel}."
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
        lines.retain(|l| seen.insert(l.clone()) && findings_of(l).is_empty());
        lines
    }
}
