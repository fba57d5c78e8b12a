//! The compiled matcher: every literal of every pattern becomes a number in one vocabulary
//! shared by all patterns, and each token carries its word's number, so a literal matches by
//! comparing numbers. Every alternative of a group also knows which words it can start with,
//! so the matcher skips the ones that can't, and each pattern is indexed by its first two
//! words (`FirstIndex`), so the scan tries a handful of patterns per token.

use super::Concern;
use super::pattern::{Lit, Pat, first_lits, parse, second_lits};
use super::rules::{Check, Shape, data};
use super::tokens::{Kind, Tok};
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::hash::BuildHasherDefault;
use std::sync::LazyLock;

/// A token id for words no pattern or word list names.
pub(super) const NOT_IN_VOCAB: u32 = u32::MAX;

/// The guard word lists, as bits of `Tok::flags`.
pub(super) mod flag {
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
    /// The words after which any word's "'s" means "is" or "has".
    pub const AFTER_S_IS: u16 = 1 << 10;
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
pub(super) struct Entry {
    /// `NOT_IN_VOCAB` for a word that is only here for its expansion ("dont").
    pub id: u32,
    pub flags: u16,
    /// What the word always expands to ("dont" → "do not"), or nothing.
    pub expands: &'static [String],
}

pub(super) const UNKNOWN_WORD: Entry = Entry {
    id: NOT_IN_VOCAB,
    flags: 0,
    expands: &[],
};

/// Every word the patterns and guard word lists name, numbered, plus the fixed contractions
/// and shorthand: one lookup per word of the draft tells both.
#[derive(Default)]
pub(super) struct Vocab {
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

    fn flag_all(&mut self, words: &[String], flag: u16) {
        for w in words {
            self.intern(w);
            if let Some(e) = self.words.get_mut(w.as_str()) {
                e.flags |= flag;
            }
        }
    }

    fn add_expansions(&mut self, table: &'static BTreeMap<String, Vec<String>>) {
        for (w, parts) in table {
            self.words
                .entry(w.as_str().into())
                .or_insert(UNKNOWN_WORD)
                .expands = parts;
        }
    }

    /// The word as the vocabulary holds it, and its entry.
    pub fn known(&self, word: &str) -> Option<(&str, Entry)> {
        self.words.get_key_value(word).map(|(w, &e)| (&**w, e))
    }

    pub fn entry(&self, word: &str) -> Entry {
        self.words.get(word).copied().unwrap_or(UNKNOWN_WORD)
    }

    #[cfg(test)]
    pub fn id(&self, word: &str) -> u32 {
        self.entry(word).id
    }

    pub fn tok<'a>(&self, norm: Cow<'a, str>, kind: Kind, start: usize, end: usize) -> Tok<'a> {
        let entry = self.entry(&norm);
        tok_of(norm, entry, kind, start, end)
    }
}

pub(super) fn tok_of(
    norm: Cow<'_, str>,
    entry: Entry,
    kind: Kind,
    start: usize,
    end: usize,
) -> Tok<'_> {
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
pub(super) struct Words {
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

    #[inline]
    fn matches(&self, t: &Tok) -> bool {
        let id = t.id as usize;
        self.bits
            .get(id / 64)
            .is_some_and(|b| (b >> (id % 64)) & 1 == 1)
            || self.prefixes.iter().any(|p| has_prefix(&t.norm, p))
    }
}

#[derive(Debug)]
pub(super) enum Node {
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
pub(super) struct Choice {
    first: Option<Words>,
    alts: Vec<Alt>,
}

/// One alternative of a group, with the words it must start with when it can't be empty.
#[derive(Debug)]
pub(super) struct Alt {
    first: Option<Words>,
    nodes: Vec<Node>,
}

/// Whether something starting with `first` could match from a token: `false` means it
/// surely can't.
#[inline]
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
pub(super) fn seq(
    mut nodes: &[Node],
    toks: &[Tok],
    mut i: usize,
    k: &mut dyn FnMut(usize) -> bool,
) -> bool {
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
pub(super) struct FirstIndex {
    /// By vocabulary id.
    exact: Vec<Vec<Candidate>>,
    /// By the first byte of the prefix.
    prefix: Vec<Vec<(Box<str>, Candidate)>>,
    pub anywhere: Vec<Candidate>,
    /// The bit sets of all second words, end to end (see `Candidate`).
    seconds: Vec<u64>,
    /// By pattern: the prefixes its second word may start with.
    second_prefixes: Vec<Box<[Box<str>]>>,
}

/// A pattern that may start at a token, and what the token after it must be.
#[derive(Debug, Clone, Copy)]
pub(super) struct Candidate {
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
    pub fn candidates(&self, toks: &[Tok], s: usize, out: &mut Vec<usize>) {
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
#[inline]
pub(super) fn has_prefix(word: &str, prefix: &str) -> bool {
    let (w, p) = (word.as_bytes(), prefix.as_bytes());
    w.len() >= p.len() && w.iter().zip(p).all(|(a, b)| a == b)
}

/// A compiled rule.
pub(super) struct Rule {
    pub concern: Concern,
    pub nodes: Vec<Node>,
    pub negatable: bool,
    pub check: Check,
    pub shape: Shape,
    /// Whether the model may overrule this rule's finding.
    pub veto: bool,
}

/// A list of phrases (`POSITIVE`, `NEGATIVE`), compiled and indexed by first word.
#[derive(Default)]
pub(super) struct Phrases {
    pub nodes: Vec<Vec<Node>>,
    pub index: FirstIndex,
}

impl Phrases {
    fn new(vocab: &mut Vocab, srcs: &[String]) -> Phrases {
        let mut phrases = Phrases::default();
        let parsed = srcs.iter().filter_map(|src| parse(src).ok());
        for (i, pats) in parsed.enumerate() {
            phrases.index.add(vocab, i, &pats);
            phrases.nodes.push(lower(vocab, &pats));
        }
        phrases
    }
}

/// Everything compiled: the vocabulary, the rules and the phrase lists of the guards.
pub(super) struct Matcher {
    pub vocab: Vocab,
    pub rules: Vec<Rule>,
    pub index: FirstIndex,
    pub positive: Phrases,
    pub negative: Phrases,
}

pub(super) static MATCHER: LazyLock<Matcher> = LazyLock::new(|| {
    let data = data();
    let words = &data.words;
    let mut vocab = Vocab::default();
    vocab.flag_all(&words.negators, flag::NEGATOR);
    vocab.flag_all(&words.stoppers, flag::STOPPER);
    vocab.flag_all(&words.pronouns, flag::PRONOUN);
    vocab.flag_all(&words.aux, flag::AUX);
    vocab.flag_all(&words.fillers, flag::FILLER);
    vocab.flag_all(&words.conjunctions, flag::CONJUNCTION);
    vocab.flag_all(&words.feelings, flag::FEELING);
    vocab.flag_all(&words.feel_verbs, flag::FEEL_VERB);
    vocab.flag_all(&["your".to_string()], flag::YOUR);
    vocab.flag_all(&words.your_means_you_are, flag::YOUR_MEANS_YOU_ARE);
    vocab.flag_all(&words.after_s_is, flag::AFTER_S_IS);
    vocab.add_expansions(&data.expansions);
    let mut index = FirstIndex::default();
    let mut rules = Vec::new();
    let parsed = data
        .rule_specs()
        .into_iter()
        .filter_map(|spec| Some((parse(&spec.src).ok()?, spec)));
    for (i, (pats, spec)) in parsed.enumerate() {
        index.add(&mut vocab, i, &pats);
        rules.push(Rule {
            concern: spec.concern,
            nodes: lower(&mut vocab, &pats),
            negatable: spec.negatable,
            check: spec.check,
            shape: spec.shape,
            veto: spec.veto,
        });
    }
    let positive = Phrases::new(&mut vocab, &data.phrases(true));
    let negative = Phrases::new(&mut vocab, &data.phrases(false));
    Matcher {
        vocab,
        rules,
        index,
        positive,
        negative,
    }
});
