//! The checker's second layer: a small linear model that catches phrasings the rules were
//! never written for ("nothing I do is ever enough for her", "I've started looking at flats",
//! "🙄"). It reads the same tokens as the rules, one sentence at a time, and scores each
//! concern with a logistic regression over word features:
//!
//! - every word in a canonical form: the partner as `P` whether "you", "he", "she", "they"
//!   or a name, "your/his/their" as `PP`, every form of "be" as `be`, a light stem
//!   ("listens" → "listen"), so a line about "her" reads like the same line to "you";
//! - pairs of neighbouring words and of words one apart; the first word of the sentence;
//!   the first five letters of long words ("narcissistic"); emoji.
//!
//! Words inside quotation marks are left out, as the rules leave them out. A concern is
//! raised when its probability passes the threshold chosen for it by cross-validation, and a
//! finding quotes the words whose features weighed most, so it can be explained like a rule's.
//!
//! The weights are an asset (`assets/draft-model.json`), trained by
//! `cargo run --release --example train-draft` from the corpora in `tests/fixtures/draft`.
//! Training is deterministic: the same corpora give the same file.

use super::Concern;
use super::keys::{self, FNV_START, fnv, key_of, key_of_name};
use super::matcher::{MATCHER, NOT_IN_VOCAB};
use super::tokens::{Kind, Tok, tokenize};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::sync::LazyLock;

/// The weights as `build.rs` embeds them (the format is described there): about a fifth
/// of the JSON's size, and read without parsing text.
const MODEL_TABLE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/draft-model.bin"));

/// How many concerns the model scores: all of them, in `Concern::ALL` order.
pub const CONCERNS: usize = Concern::ALL.len();
/// How much the model must lean toward some concern for a sentence to count as one, so
/// that a rule's finding there stands even where the model does not lean toward its own.
const RULE_STANDS_BESIDE: f32 = 0.5;
/// The grid every weight is on, in hundredths (0.03): the table stores a weight as a signed
/// byte of steps, so the largest is ±3.81. The trainer rounds to it (`train::Trained::to_file`).
pub const STEP_HUNDREDTHS: i16 = 3;

/// The model as stored.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ModelFile {
    pub about: String,
    /// A digest of the training corpora, so a test can tell when the asset is stale.
    pub corpus_digest: String,
    /// Concern ids, in the order of every weight row.
    pub concerns: Vec<String>,
    pub bias: Vec<f32>,
    /// The probability at which each concern is raised.
    pub threshold: Vec<f32>,
    /// A sentence raises a concern only if one of its features weighs at least this much for
    /// it on its own: the words a finding quotes, so every finding can be explained.
    pub cue: f32,
    /// A rule's finding stands only where the model's leaning for its concern in that
    /// sentence is at least this: what the rules' own guards miss of kind uses ("you'll always
    /// be my fella") the model, reading the whole sentence, mostly does not.
    #[serde(default)]
    pub veto: f32,
    /// Feature name → one weight per concern.
    pub features: BTreeMap<String, Vec<f32>>,
}

/// The keys are already FNV hashes: the map uses them as they are.
#[derive(Default, Clone, Copy)]
struct KeyHasher(u64);

impl std::hash::Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        self.0 = fnv(self.0 ^ FNV_START, bytes);
    }

    fn write_u64(&mut self, key: u64) {
        // A key keeps only its hash's top `KEY_BITS` bits; the table picks a bucket by the
        // low bits, so the top ones are folded down (with the low bits all zero, every key
        // fell in one bucket and a 2,000-word check took 3 ms instead of 0.76).
        self.0 = key ^ (key >> keys::KEY_BITS);
    }
}

type KeyBuild = std::hash::BuildHasherDefault<KeyHasher>;

/// The model, ready to score: the embedded one, or one the trainer is evaluating.
pub struct Model {
    bias: [f32; CONCERNS],
    threshold: [f32; CONCERNS],
    cue: f32,
    veto: f32,
    /// By the FNV hash of the feature's name.
    rows: HashMap<u64, Row, KeyBuild>,
    /// One bit per 16-bit slice of a hash that some row has: most features of a sentence
    /// have no weight, and this small table (8 KB) says so without touching the rows.
    seen: Vec<u64>,
}

/// The bit of `seen` a hash falls on.
fn seen_bit(hash: u64) -> (usize, u64) {
    let slice = usize::try_from(hash >> 48).unwrap_or(0);
    (slice / 64, 1 << (slice % 64))
}

pub(super) struct Row {
    weights: [f32; CONCERNS],
    /// The partner, "be" and the first word alone are never the words a finding quotes.
    quotable: bool,
}

/// A feature of a sentence that has weights: its key, first and last token, and weights.
pub(super) type SentenceRow<'m> = (u64, usize, usize, &'m Row);

/// The rows a score is read from: one sentence's, or two neighbouring sentences' as one
/// window, each feature once (the earlier place stays), as a training line of two sentences
/// is read. The window is walked, never built: it is read for every sentence of the draft
/// on every keystroke.
#[derive(Clone, Copy)]
pub(super) enum Rows<'r, 'm> {
    One(&'r [SentenceRow<'m>]),
    Two(&'r [SentenceRow<'m>], &'r [SentenceRow<'m>]),
}

impl<'m> Rows<'_, 'm> {
    /// Calls `each` with every row in order: for a window, both sentences' rows merged by
    /// key (each is sorted by key, each key once: `Model::sentence_rows`).
    fn for_each(self, mut each: impl FnMut(&SentenceRow<'m>)) {
        let (a, b) = match self {
            Rows::One(rows) => (rows, &[][..]),
            Rows::Two(a, b) => (a, b),
        };
        let (mut i, mut j) = (0, 0);
        while i < a.len() && j < b.len() {
            match a[i].0.cmp(&b[j].0) {
                std::cmp::Ordering::Less => {
                    each(&a[i]);
                    i += 1;
                }
                std::cmp::Ordering::Greater => {
                    each(&b[j]);
                    j += 1;
                }
                std::cmp::Ordering::Equal => {
                    each(&a[i]);
                    i += 1;
                    j += 1;
                }
            }
        }
        a[i..].iter().chain(&b[j..]).for_each(each);
    }
}

static MODEL: LazyLock<Option<Model>> = LazyLock::new(|| Model::from_table(MODEL_TABLE));

/// Reads the little-endian numbers of the embedded table in turn.
struct Cursor<'a>(&'a [u8]);

impl Cursor<'_> {
    fn take<const N: usize>(&mut self) -> Option<[u8; N]> {
        let (head, rest) = self.0.split_first_chunk::<N>()?;
        self.0 = rest;
        Some(*head)
    }

    fn f32s(&mut self) -> Option<[f32; CONCERNS]> {
        let mut out = [0.0; CONCERNS];
        for v in &mut out {
            *v = f32::from_le_bytes(self.take()?);
        }
        Some(out)
    }
}

impl Model {
    pub fn from_file(file: &ModelFile) -> Option<Model> {
        // The rows must be in `Concern::ALL` order; a unit test checks the embedded file.
        let ids: Vec<&str> = Concern::ALL.iter().map(|c| c.id()).collect();
        if file.concerns != ids {
            return None;
        }
        let bias = file.bias.as_slice().try_into().ok()?;
        let threshold = file.threshold.as_slice().try_into().ok()?;
        let mut rows = HashMap::with_capacity_and_hasher(file.features.len(), KeyBuild::default());
        for (name, w) in &file.features {
            let row = Row {
                weights: w.as_slice().try_into().ok()?,
                quotable: quotable(name),
            };
            // Two names on one key would merge their weights: not this model.
            if rows.insert(key_of_name(name), row).is_some() {
                return None;
            }
        }
        Some(Model::with_rows(bias, threshold, file.cue, file.veto, rows))
    }

    /// The model from the table `build.rs` made of `assets/draft-model.json`.
    fn from_table(table: &[u8]) -> Option<Model> {
        let ids: Vec<&str> = Concern::ALL.iter().map(|c| c.id()).collect();
        let header = format!("OVDM4\n{}\n", ids.join(","));
        let mut at = Cursor(table.strip_prefix(header.as_bytes())?);
        let bias = at.f32s()?;
        let threshold = at.f32s()?;
        let cue = f32::from_le_bytes(at.take()?);
        let veto = f32::from_le_bytes(at.take()?);
        let count = usize::try_from(u32::from_le_bytes(at.take()?)).ok()?;
        let mut rows = HashMap::with_capacity_and_hasher(count, KeyBuild::default());
        for _ in 0..count {
            let (key, quotable) = keys::unpacked_key(at.take()?);
            let mut weights = [0.0; CONCERNS];
            for w in &mut weights {
                // Whole hundredths over 100, as the JSON's two decimals read: the same f32.
                *w = f32::from(i16::from(i8::from_le_bytes(at.take()?)) * STEP_HUNDREDTHS) / 100.0;
            }
            rows.insert(key, Row { weights, quotable });
        }
        at.0.is_empty()
            .then(|| Model::with_rows(bias, threshold, cue, veto, rows))
    }

    fn with_rows(
        bias: [f32; CONCERNS],
        threshold: [f32; CONCERNS],
        cue: f32,
        veto: f32,
        rows: HashMap<u64, Row, KeyBuild>,
    ) -> Model {
        let mut seen = vec![0u64; 1024];
        for &key in rows.keys() {
            let (word, bit) = seen_bit(key);
            seen[word] |= bit;
        }
        Model {
            bias,
            threshold,
            cue,
            veto,
            rows,
            seen,
        }
    }

    /// Each concern's sum over `rows`, the bias first and then each row in order (so the
    /// sums, and every score from them, are the same however they are used).
    fn sums(&self, rows: Rows<'_, '_>) -> [f32; CONCERNS] {
        const _: () = assert!(CONCERNS == 8, "`sums` adds eight concerns by hand");
        let mut z = self.bias;
        // Named places rather than a loop: the optimiser keeps the sums in registers.
        rows.for_each(|&(_, _, _, row)| {
            let w = &row.weights;
            z = [
                z[0] + w[0],
                z[1] + w[1],
                z[2] + w[2],
                z[3] + w[3],
                z[4] + w[4],
                z[5] + w[5],
                z[6] + w[6],
                z[7] + w[7],
            ];
        });
        z
    }

    /// The cue of concern `c` in `rows` (the quotable feature weighing most, with the next
    /// one when the two are close), as first and last token, if the top one weighs at least
    /// the cue. In two neighbours (`split`: where the second starts) the two features are
    /// quoted together only from the same sentence, so a quote never runs across a full stop
    /// ("Oh, splendid. Margaret").
    fn cue_of(&self, rows: Rows<'_, '_>, c: usize, split: usize) -> Option<(usize, usize)> {
        // (weight, first and last token) of the two quotable features weighing most; the
        // first of equals stays.
        let mut best: (f32, Option<(usize, usize)>) = (0.0, None);
        let mut second: (f32, Option<(usize, usize)>) = (0.0, None);
        rows.for_each(|r| {
            if !r.3.quotable {
                return;
            }
            let w = r.3.weights[c];
            if w > best.0 {
                second = best;
                best = (w, Some((r.1, r.2)));
            } else if w > second.0 {
                second = (w, Some((r.1, r.2)));
            }
        });
        let top = best.1.filter(|_| best.0 >= self.cue)?;
        let (mut first, mut last) = top;
        if let Some(next) = second.1
            && (next.0 >= split) == (top.0 >= split)
            && next.0 + 4 >= first
            && next.1 <= last + 4
        {
            first = first.min(next.0);
            last = last.max(next.1);
        }
        Some((first, last))
    }

    /// Whether concern `c` may be raised in `toks[from..to]` at all: "always or never" needs
    /// a word of always or never in the sentence, however it is put ("not one time", "without
    /// fail", "nothing I do is ever"): the topic of a complaint ("on your phone") is not a
    /// verdict on its own.
    fn may_raise(toks: &[Tok], c: usize, from: usize, to: usize) -> bool {
        c != Concern::AlwaysNever as usize
            || toks[from..to].iter().any(|t| is_totality_word(&t.norm))
    }

    /// Each concern's score in the tokens `toks[from..to]` (one sentence, or two neighbours),
    /// from their rows ([`Model::sentence_rows`], or two sentences' rows joined by
    /// [`Rows::Two`]): its probability if a feature is a cue for it, else 0; and that cue
    /// ([`Model::cue_of`]).
    fn scores_of(
        &self,
        toks: &[Tok],
        rows: Rows<'_, '_>,
        (from, split, to): (usize, usize, usize),
    ) -> [(f32, Option<(usize, usize)>); CONCERNS] {
        let z = self.sums(rows);
        std::array::from_fn(|c| {
            if !Self::may_raise(toks, c, from, to) {
                return (0.0, None);
            }
            match self.cue_of(rows, c, split) {
                Some(cue) => (sigmoid(z[c]), Some(cue)),
                None => (0.0, None),
            }
        })
    }

    /// What the model raises in the tokens `toks[from..to]` (one sentence, or two
    /// neighbours), from their rows: each concern whose score passes its threshold, with the
    /// tokens (first and last index) of the words that weighed most for it. As
    /// [`Model::scores_of`], but a cue is looked for only where the score passes: most
    /// sentences raise nothing, and the draft is checked on every keystroke.
    pub(super) fn raised_in_rows(
        &self,
        toks: &[Tok],
        rows: Rows<'_, '_>,
        (from, split, to): (usize, usize, usize),
    ) -> Vec<(Concern, usize, usize)> {
        let z = self.sums(rows);
        let mut raised = Vec::new();
        for (c, concern) in Concern::ALL.iter().enumerate() {
            if sigmoid(z[c]) < self.threshold[c] || !Self::may_raise(toks, c, from, to) {
                continue;
            }
            if let Some((first, last)) = self.cue_of(rows, c, split) {
                raised.push((*concern, first, last));
            }
        }
        raised
    }

    /// The features of the sentence `toks[from..to]` that have weights: (key, first and last
    /// token, weights), each feature once, at its first place.
    pub(super) fn sentence_rows(
        &self,
        draft: &str,
        toks: &[Tok],
        from: usize,
        to: usize,
    ) -> Vec<SentenceRow<'_>> {
        let mut rows: Vec<SentenceRow<'_>> = Vec::new();
        each_feature(draft, toks, from, to, |name, first, last| {
            let key = name.hash();
            let (word, bit) = seen_bit(key);
            if self.seen[word] & bit == 0 {
                return;
            }
            if let Some(row) = self.rows.get(&key) {
                rows.push((key, first, last, row));
            }
        });
        // Each name once, at its first place: a name is emitted left to right, so its first
        // place is its lowest (first, last). Unstable is faster, and the same here.
        rows.sort_unstable_by_key(|r| (r.0, r.1, r.2));
        rows.dedup_by_key(|r| r.0);
        rows
    }

    /// Each concern's probability in a sentence from all its features (its rows, from
    /// [`Model::sentence_rows`]), with no cue needed: how much the model leans either way, to
    /// weigh a rule's finding.
    pub(super) fn sentence_leaning(&self, rows: &[SentenceRow<'_>]) -> [f32; CONCERNS] {
        self.sums(Rows::One(rows)).map(sigmoid)
    }

    /// Whether rules' findings are weighed at all.
    pub(super) fn veto_on(&self) -> bool {
        self.veto > 0.0
    }

    /// Whether a rule's finding of `concern` in a sentence with this leaning stands: the
    /// model must lean toward it a little, or read the sentence as some other concern. "You
    /// always ignore me and it is all your fault" reads as blame to the model, and a
    /// sentence that is some concern is no kind use of "always".
    pub(super) fn upholds(&self, concern: Concern, leaning: &[f32; CONCERNS]) -> bool {
        leaning[concern.bit().trailing_zeros() as usize] >= self.veto
            || leaning.iter().any(|&p| p >= RULE_STANDS_BESIDE)
    }

    /// Each concern's score for a whole line: the highest of its sentences' scores. The
    /// model raises a concern in the line when this passes the concern's threshold.
    pub fn line_scores(&self, text: &str) -> [f32; CONCERNS] {
        let toks = tokenize(text);
        let mut best = [0.0f32; CONCERNS];
        let mut before: Option<(Vec<SentenceRow<'_>>, usize)> = None;
        for (from, to) in sentences(&toks) {
            let rows = self.sentence_rows(text, &toks, from, to);
            let mut score = |scores: [(f32, Option<(usize, usize)>); CONCERNS]| {
                for (b, (p, _)) in best.iter_mut().zip(scores) {
                    *b = b.max(p);
                }
            };
            score(self.scores_of(&toks, Rows::One(&rows), (from, from, to)));
            if let Some((previous, start)) = &before {
                score(self.scores_of(&toks, Rows::Two(previous, &rows), (*start, from, to)));
            }
            before = Some((rows, from));
        }
        best
    }

    /// The concerns raised in a whole line, as a bit per `Concern::ALL` index.
    pub fn line_concerns(&self, text: &str) -> u16 {
        let mut bits = 0;
        for (c, (score, t)) in self
            .line_scores(text)
            .iter()
            .zip(self.threshold)
            .enumerate()
        {
            if *score >= t && *score > 0.0 {
                bits |= 1 << c;
            }
        }
        bits
    }
}

/// One feature of a sentence and the tokens (first and last index) it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Feature {
    pub name: String,
    pub first: usize,
    pub last: usize,
}

/// The canonical form of a word that stands for the partner ("you", "he", "she", "they",
/// `P`), for their things ("your", "his", "their", `PP`), or is a form of "be" or "have".
/// The verb forms meet because "has he ever" must weigh as "have you ever" does; the
/// pronouns of the languages the corpus code-switches with most ("wewe ni …", "ikaw
/// talaga …", "siya …") because a line to "wewe" must weigh as one about "Amina" does.
fn word_class(norm: &str) -> Option<&'static str> {
    Some(match norm {
        // After the English: Swahili "you" (not "yeye", also an insult in Nigerian Pidgin),
        // Tagalog and Cebuano "you" and "he / she". Not Hindi and Urdu "tum", though it is
        // "you" there, nor "tu" or "tú": "tum" is also "tummy", "tu" Swahili "just" and
        // Spanish "your", and after "tú" a Spanish "no" would read as a complaint.
        "you" | "u" | "ya" | "he" | "she" | "they" | "him" | "them" | "her" | "yourself"
        | "himself" | "herself" | "themselves" | "themself" | "wewe" | "ikaw" | "siya" => "P",
        "your" | "ur" | "yours" | "his" | "their" | "theirs" | "hers" => "PP",
        "am" | "is" | "are" | "was" | "were" | "be" | "been" | "being" => "be",
        // No negated form reaches here: the tokens split "hasn't" into "has" and "not", and
        // the rules' data spells "hasnt" and "isnt" out the same way.
        "has" | "have" => "have",
        _ => return None,
    })
}

/// What a line may call the partner after "my" or "the" ("my husband", "the missus").
const PARTNER_NOUNS: [&str; 17] = [
    "husband",
    "wife",
    "partner",
    "boyfriend",
    "girlfriend",
    "bf",
    "gf",
    "hubby",
    "wifey",
    "fiance",
    "fiancé",
    "fiancee",
    "fiancée",
    "spouse",
    "missus",
    "missis",
    "fella",
];

/// Whether token `i` is the "my" or "the" of "my husband", "the missus": a word the model
/// leaves out, so that the partner so named reads as "he" or "she" would.
fn names_the_partner(toks: &[Tok], i: usize) -> bool {
    // "the partner" and "the fella" are as often someone else's.
    let the_means_mine =
        |noun: &str| matches!(noun, "husband" | "wife" | "hubby" | "missus" | "missis");
    let (my, the) = (toks[i].is("my"), toks[i].is("the"));
    if !(my || the) {
        return false;
    }
    toks.get(i + 1).is_some_and(|next| {
        let noun = next.norm.strip_suffix("'s").unwrap_or(&next.norm);
        next.is_word()
            && !next.quoted
            && PARTNER_NOUNS.contains(&noun)
            && (my || the_means_mine(noun))
            && !says_you(toks, i)
    })
}

/// Whether the sentence around token `i` speaks to the partner as "you": then "my fella" in
/// it is what they are to the user ("You'll always be my fella"), not someone talked about.
fn says_you(toks: &[Tok], i: usize) -> bool {
    let you = |t: &Tok| {
        t.is_word()
            && matches!(
                &*t.norm,
                "you" | "your" | "yours" | "yourself" | "u" | "ur" | "ya"
            )
    };
    let before = toks[..i].iter().rev().take_while(|t| t.kind != Kind::Hard);
    let after = toks[i..].iter().take_while(|t| t.kind != Kind::Hard);
    before.chain(after).any(you)
}

/// Words after which a capitalised word is a thing, not a name ("my Mum", "the Church").
fn is_determiner(norm: &str) -> bool {
    matches!(
        norm,
        "my" | "your" | "our" | "the" | "a" | "an" | "his" | "her" | "their" | "this" | "that"
    )
}

/// The rules' word lists the model may also read: a word on one becomes a class feature, so
/// "Darla's a muppet" weighs like "you're an idiot" if "muppet" is on the insult list.
/// Only single-word alternatives are taken: a phrase's words say nothing alone ("work" in
/// "piece of work", "trust" in "trust issues"). A stem ("narcissis*") takes any word it begins.
struct Lexicon {
    words: HashMap<u64, &'static str, KeyBuild>,
    stems: Vec<(&'static str, &'static str)>,
}

impl Lexicon {
    fn class_of(&self, hashed: u64, norm: &str) -> Option<&'static str> {
        self.words.get(&hashed).copied().or_else(|| {
            self.stems
                .iter()
                .find(|(stem, _)| norm.starts_with(stem))
                .map(|&(_, class)| class)
        })
    }
}

static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    const CLASSES: [(&str, &str); 4] = [
        ("INSULT", "insult"),
        ("VOCATIVE", "insult"),
        ("POSSESSIVE", "insult"),
        ("DIAGNOSIS", "diagnosis"),
    ];
    let mut lexicon = Lexicon {
        words: HashMap::default(),
        stems: Vec::new(),
    };
    // Whom a line may bring in to press the answer: the children, family, faith, work, money.
    for word in &super::rules::data().words.third_parties {
        lexicon
            .words
            .entry(fnv(FNV_START, word.as_bytes()))
            .or_insert("third");
    }
    for (fragment, class) in CLASSES {
        let Some(text) = super::rules::data().fragments.get(fragment) else {
            continue;
        };
        for alternative in text
            .split(['|', '(', ')'])
            .map(str::trim)
            .filter(|a| a.len() > 2 && !a.contains(char::is_whitespace))
            .filter(|a| !a.contains(['[', ']', '{', '}']))
        {
            if let Some(stem) = alternative.strip_suffix('*') {
                lexicon.stems.push((stem, class));
            } else {
                lexicon
                    .words
                    .entry(fnv(FNV_START, alternative.as_bytes()))
                    .or_insert(class);
            }
        }
    }
    lexicon
});

/// A light stem: enough that "listens", "listened" and "listening" meet.
fn stem(word: &str) -> &str {
    let n = word.len();
    if !word.is_ascii() {
        return word;
    }
    if n > 5 && word.ends_with("ing") {
        &word[..n - 3]
    } else if n > 4 && word.ends_with("ed") {
        &word[..n - 2]
    } else if n > 3 && word.ends_with('s') && !word.ends_with("ss") && !word.ends_with("us") {
        &word[..n - 1]
    } else {
        word
    }
}

/// Whether tokens `from..to` are about "us" only: they hold "we", "us" or "our", and no word
/// for the partner (a pronoun for them or a name).
pub(super) fn about_us_only(draft: &str, toks: &[Tok], from: usize, to: usize) -> bool {
    about_us(draft, toks, from, to, false)
}

/// Whether tokens `from..to` are about "us" and no one else: as [`about_us_only`], and no
/// word for a third party either (the children, family, faith, work, money, the home).
pub(super) fn about_us_alone(draft: &str, toks: &[Tok], from: usize, to: usize) -> bool {
    about_us(draft, toks, from, to, true)
}

fn about_us(draft: &str, toks: &[Tok], from: usize, to: usize, alone: bool) -> bool {
    let mut us = false;
    for i in from..to {
        let t = &toks[i];
        if t.kind != Kind::Word {
            continue;
        }
        if matches!(canonical(draft, toks, i, i == from), "P" | "PP") {
            return false;
        }
        let norm: &str = &t.norm;
        if alone && LEXICON.class_of(fnv(FNV_START, norm.as_bytes()), norm) == Some("third") {
            return false;
        }
        us |= matches!(&*t.norm, "we" | "us" | "our" | "ours" | "ourselves");
    }
    us
}

/// Whether word token `i` (which starts its sentence when `first`) stands for the partner:
/// "you", "he", "she", "they", a name or "my husband".
pub(super) fn is_partner(draft: &str, toks: &[Tok], i: usize, first: bool) -> bool {
    canonical(draft, toks, i, first) == "P"
}

/// The canonical form of word token `i` (which starts its sentence when `first`).
fn canonical<'t>(draft: &str, toks: &'t [Tok], i: usize, first: bool) -> &'t str {
    let t = &toks[i];
    let norm: &str = &t.norm;
    if let Some(class) = word_class(norm) {
        return class;
    }
    // "my husband", "the missus": the partner, as "he" or "she" is; "my wife's" as "her".
    if i > 0 && names_the_partner(toks, i - 1) {
        return if norm.ends_with("'s") { "PP" } else { "P" };
    }
    // A capitalised word inside a sentence, not after "my" or "the": most likely a name.
    let capital = is_capitalised(draft, t);
    let after_determiner = i > 0 && is_determiner(&toks[i - 1].norm);
    if capital && !first && norm != "i" && !after_determiner {
        return "P";
    }
    if capital && first && opens_with_a_name(toks, i) {
        return "P";
    }
    stem(norm)
}

/// Turns the draft's tokens into what the rules read, and returns the tokens it replaced (by
/// index) to put back after: a first name that stands for the partner ("That's on Dolores",
/// "Not once has Sibongile asked") reads as "she" before a verb and as "her" elsewhere ("on
/// her", "her fault"), so the rules written for "he", "she" and "they" read a name too. A
/// name is what the model takes for one, and only a word no rule or word list knows (never
/// "Mum", "Pastor" or "Friday"). In place, so a draft with no name costs no copy.
pub(super) fn read_names_as_pronouns<'t>(
    draft: &str,
    toks: &mut [Tok<'t>],
) -> Vec<(usize, Tok<'t>)> {
    let mut replaced = Vec::new();
    for i in 0..toks.len() {
        let t = &toks[i];
        // The cheap tests first: most words are known to the rules, or not capitalised.
        if t.id != NOT_IN_VOCAB || t.flags != 0 || !t.is_word() || t.quoted {
            continue;
        }
        let name = if is_capitalised(draft, t) {
            let first = i == 0 || toks[i - 1].kind == Kind::Hard;
            is_a_name(toks, i, first)
        } else {
            refuses_after_if(toks, i)
        };
        if !name {
            continue;
        }
        let as_pronoun = pronoun_token(toks, i, false, t.start);
        replaced.push((i, std::mem::replace(&mut toks[i], as_pronoun)));
    }
    replaced
}

/// The draft's tokens with "my wife", "the missus" and the like made one pronoun each, as
/// the model reads them, for the rules to read: "she" where the partner so named does
/// something ("If my wife won't come", "Not once has my fella done it"), "her" elsewhere
/// ("on my husband", "my wife's fault"). The pronoun spans both words, so a finding quotes
/// them. The other tokens are moved, not copied, and go back with [`Merged::put_back`].
pub(super) struct Merged<'t> {
    pub toks: Vec<Tok<'t>>,
    /// Where each pair's "my" or "the" was in the draft's tokens, in order.
    pairs: Vec<usize>,
}

impl<'t> Merged<'t> {
    /// `None`, and nothing moved, when the draft names the partner so nowhere.
    pub(super) fn of(toks: &mut [Tok<'t>]) -> Option<Merged<'t>> {
        // Each pair's start and pronoun, read before any token moves. "has my fella", "does
        // my husband ever": asked about, the partner is the subject.
        let pairs: Vec<(usize, Tok<'t>)> = (0..toks.len())
            .filter(|&i| names_the_partner(toks, i))
            .map(|i| {
                let asked =
                    i > 0 && toks[i - 1].is_word() && toks[i - 1].has(super::matcher::flag::AUX);
                (i, pronoun_token(toks, i + 1, asked, toks[i].start))
            })
            .collect();
        if pairs.is_empty() {
            return None;
        }
        let mut merged = Vec::with_capacity(toks.len() - pairs.len());
        let mut next = 0;
        let starts = pairs.iter().map(|&(i, _)| i).collect();
        for (i, pronoun) in pairs {
            merged.extend(toks[next..i].iter_mut().map(std::mem::take));
            merged.push(pronoun);
            next = i + 2;
        }
        merged.extend(toks[next..].iter_mut().map(std::mem::take));
        Some(Merged {
            toks: merged,
            pairs: starts,
        })
    }

    /// The draft token index that merged token index `at` stands for (the draft's token
    /// count past the end: for a span's end, which is exclusive). Each pair before `at`
    /// took one token out.
    pub(super) fn index_back(&self, at: usize) -> usize {
        let before = self
            .pairs
            .iter()
            .enumerate()
            .take_while(|&(j, &p)| p - j < at)
            .count();
        at + before
    }

    /// Moves the draft's tokens back where they were.
    pub(super) fn put_back(self, toks: &mut [Tok<'t>]) {
        let mut merged = self.toks.into_iter();
        let mut next = 0;
        for &i in &self.pairs {
            for (slot, tok) in toks[next..i].iter_mut().zip(merged.by_ref()) {
                *slot = tok;
            }
            // The pronoun made for the pair; the pair's own tokens never moved.
            merged.next();
            next = i + 2;
        }
        for (slot, tok) in toks[next..].iter_mut().zip(merged) {
            *slot = tok;
        }
    }
}

/// The pronoun the rules read for the partner named at token `i` (a first name, or the
/// noun of "my wife"), spanning `start` to the end of that token: "she" where the partner
/// does something next or is `asked` about, "her" where they are spoken of ("on Dolores",
/// "my wife's fault").
fn pronoun_token<'t>(toks: &[Tok<'t>], i: usize, asked: bool, start: usize) -> Tok<'t> {
    let possessive = toks[i].norm.ends_with("'s");
    let does = asked
        || toks
            .get(i + 1)
            .is_some_and(|next| next.is_word() && names_a_doing(next));
    let pronoun = if does && !possessive { "she" } else { "her" };
    MATCHER
        .vocab
        .tok(Cow::Borrowed(pronoun), Kind::Word, start, toks[i].end)
}

/// Whether the small-letter word token `i` is a name in a condition the partner refuses:
/// "if jules doesnt book the therapy appt", "if kai won't come to counselling". Texting drops
/// the capital, but a word no rule or word list knows, right after "if" and before "does
/// not" and what a person does about a session, is a person in every labelled line. A date
/// alone is not enough ("if amazon doesnt come by friday"), nor is agreeing ("if insurance
/// doesnt agree to cover therapy").
fn refuses_after_if(toks: &[Tok], i: usize) -> bool {
    let word: &str = &toks[i].norm;
    if i == 0 || !toks[i - 1].is("if") || !word.chars().all(char::is_alphabetic) {
        return false;
    }
    let (doing, from) = match toks.get(i + 1..i + 4) {
        Some([aux, not, verb])
            if matches!(&*aux.norm, "does" | "do" | "will" | "did") && not.is("not") =>
        {
            let doing = matches!(
                &*verb.norm,
                "come" | "go" | "book" | "do" | "try" | "attend" | "show"
            );
            (doing, i + 4)
        }
        _ => (toks.get(i + 1).is_some_and(|t| t.is("refuses")), i + 2),
    };
    // What is refused is the asking, a session; not "if uber doesnt come by 9 im walking".
    let about_the_asking = toks
        .get(from..)
        .unwrap_or_default()
        .iter()
        .take(6)
        .take_while(|t| t.is_word())
        .any(|t| {
            matches!(
                &*t.norm,
                "therapy"
                    | "therapist"
                    | "counselling"
                    | "counseling"
                    | "counsellor"
                    | "counselor"
                    | "session"
                    | "appointment"
                    | "appt"
                    | "terapia"
            )
        });
    doing && about_the_asking && could_be_a_name(word)
}

/// Whether the capitalised word token `i` (which starts its sentence when `first`) is a
/// first name, as [`canonical`] takes one: inside a sentence and not after "my" or "the", or
/// opening one before what a person does; not a day, a month or a word the rules know.
fn is_a_name(toks: &[Tok], i: usize, first: bool) -> bool {
    let t = &toks[i];
    if t.norm == "i" {
        return false;
    }
    let word = t.norm.strip_suffix("'s").unwrap_or(&t.norm);
    // The cheap tests before the word lists (`opens_with_a_name` asks them itself).
    if first {
        return opens_with_a_name(toks, i) && !is_never_a_name(word);
    }
    let after_determiner = i > 0 && is_determiner(&toks[i - 1].norm);
    !after_determiner && could_be_a_name(word)
}

/// Whether `word` may be a first name as far as the word lists tell: not a day, a month or
/// a feast, nor an insult, a diagnosis or a third party.
fn could_be_a_name(word: &str) -> bool {
    !is_never_a_name(word)
        && LEXICON
            .class_of(fnv(FNV_START, word.as_bytes()), word)
            .is_none()
}

/// Whether token `t` is written with a capital and then small letters ("Dolores", not "NO").
fn is_capitalised(draft: &str, t: &Tok) -> bool {
    let raw = draft.get(t.start..t.end).unwrap_or("");
    raw.chars().next().is_some_and(char::is_uppercase)
        && raw.chars().skip(1).any(char::is_lowercase)
}

/// Words that are capitalised and never the partner's name: days, months and the feasts a
/// plan is set by, "Today", and the "Mi", "Eh" or "Ah" that is "I" in Patois or Scots at the
/// start of a sentence ("Mi was a real idiot dat night" is about oneself).
fn is_never_a_name(word: &str) -> bool {
    matches!(
        word,
        "mi" | "me"
            | "ah"
            | "eh"
            | "wi"
            | "och"
            | "aye"
            | "today"
            | "tonight"
            | "tomorrow"
            | "yesterday"
            | "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "january"
            | "february"
            | "march"
            | "april"
            | "may"
            | "june"
            | "july"
            | "august"
            | "september"
            | "october"
            | "november"
            | "december"
            | "christmas"
            | "easter"
            | "diwali"
            | "eid"
            | "ramadan"
            | "songkran"
            | "thanksgiving"
            | "hanukkah"
            | "passover"
    )
}

/// Whether the word after a name says what the name does: a verb of being, having or
/// doing, an adverb of how often, or a past or present verb ("asked", "says").
fn names_a_doing(next: &Tok) -> bool {
    let w: &str = &next.norm;
    acts_like_a_subject(w)
        || next.has(super::matcher::flag::AUX)
        || (w.len() > 3 && w.ends_with("ed"))
        || (w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("'s"))
}

/// Whether the capitalised word `toks[i]`, opening its sentence, is most likely a name: the
/// rules know no such word, nor is it a third party ("Mum", "Pastor"), and what follows is
/// what a person does ("Rob hasn't called once", "Aisha never greets me", "Jase is a grub").
fn opens_with_a_name(toks: &[Tok], i: usize) -> bool {
    let t = &toks[i];
    // "Dale's got issues": the name is what comes before the "'s".
    let word = t.norm.strip_suffix("'s").unwrap_or(&t.norm);
    if t.id != NOT_IN_VOCAB || t.flags != 0 || !word.chars().all(char::is_alphabetic) {
        return false;
    }
    if LEXICON
        .class_of(fnv(FNV_START, word.as_bytes()), word)
        .is_some()
    {
        return false;
    }
    toks.get(i + 1)
        .is_some_and(|next| next.is_word() && acts_like_a_subject(&next.norm))
}

/// Words that follow the one who does something: a verb of being, having or doing, or an
/// adverb of how often ("never", "always", "still").
fn acts_like_a_subject(word: &str) -> bool {
    matches!(
        word,
        "is" | "was"
            | "be"
            | "dey"
            | "has"
            | "had"
            | "have"
            | "does"
            | "did"
            | "do"
            | "will"
            | "would"
            | "can"
            | "cannot"
            | "could"
            | "should"
            | "never"
            | "always"
            | "still"
            | "just"
            | "only"
            | "really"
            | "constantly"
            | "keeps"
            | "kept"
            | "refuses"
            | "refused"
            | "thinks"
            | "says"
            | "said"
            | "blames"
            | "gets"
            | "got"
            | "makes"
            | "made"
            | "wants"
            | "needs"
            | "reckons"
            | "knows"
            | "hasnae"
            | "disnae"
            | "doesnae"
            | "nevah"
            | "neva"
            | "nivver"
            | "nevr"
            | "ain't"
            | "aint"
    )
}

fn is_emoji(c: char) -> bool {
    matches!(u32::from(c), 0x1F300..=0x1FAFF | 0x2600..=0x27BF)
}

/// A feature's name in parts: a prefix and one or two words ("w:" "never", "b:" "P" "never"
/// is "b:P never"). Looking one up hashes the parts, with no string built.
pub(super) struct Name<'a> {
    prefix: &'static str,
    a: &'a str,
    b: Option<&'a str>,
    /// The words' own hashes (`fnv` of each), worked out once per word.
    ha: u64,
    hb: u64,
}

impl Name<'_> {
    fn hash(&self) -> u64 {
        key_of(self.prefix, self.ha, self.hb)
    }

    fn text(&self) -> String {
        match self.b {
            Some(b) => format!("{}{} {b}", self.prefix, self.a),
            None => format!("{}{}", self.prefix, self.a),
        }
    }
}

/// Words that say how often or how totally: one must be in a sentence for the model to
/// call it "always or never".
fn is_totality_word(word: &str) -> bool {
    matches!(
        word,
        "always"
            | "never"
            | "ever"
            | "every"
            | "everything"
            | "everytime"
            | "nothing"
            | "once"
            | "time"
            | "times"
            | "constantly"
            | "forever"
            | "all"
            | "any"
            | "anything"
            | "each"
            | "fail"
            | "continually"
            | "perpetually"
            | "again"
            | "nonstop"
            | "non-stop"
            | "whenever"
            | "none"
            | "single"
            | "day"
            | "days"
            | "night"
            | "nights"
            | "alway"
            | "nevr"
            | "neva"
            | "allways"
            | "evry"
            | "tym"
            | "24/7"
            | "usual"
            | "usually"
            | "twice"
            | "lifetime"
            | "year"
            | "years"
    )
}

/// Calls `each` with every feature of the sentence `toks[from..to]` of `draft` (name, first
/// and last token), possibly more than once for the same name. The name is built in one
/// buffer, so looking features up costs no allocation.
fn each_feature(
    draft: &str,
    toks: &[Tok],
    from: usize,
    to: usize,
    mut each: impl FnMut(&Name, usize, usize),
) {
    // (token index, canonical form) of the words and of "?" and "!".
    let mut words: Vec<(usize, &str)> = Vec::with_capacity(to - from);
    for i in from..to {
        let t = &toks[i];
        if t.quoted {
            continue;
        }
        if t.kind == Kind::Word {
            if names_the_partner(toks, i) {
                continue;
            }
            words.push((i, canonical(draft, toks, i, words.is_empty())));
        } else if matches!(&*t.norm, "?" | "!") {
            words.push((i, if &*t.norm == "?" { "?" } else { "!" }));
        }
    }
    let hash = |w: &str| fnv(FNV_START, w.as_bytes());
    let hashes: Vec<u64> = words.iter().map(|&(_, w)| hash(w)).collect();
    let mut emit = |prefix: &'static str,
                    (a, ha): (&str, u64),
                    b: Option<(&str, u64)>,
                    first: usize,
                    last: usize| {
        let name = Name {
            prefix,
            a,
            b: b.map(|b| b.0),
            ha,
            hb: b.map_or(0, |b| b.1),
        };
        each(&name, first, last);
    };
    if let Some(&(i, w)) = words.first() {
        emit("^:", (w, hashes[0]), None, i, i);
    }
    let lexicon = &*LEXICON;
    for (n, &(i, w)) in words.iter().enumerate() {
        let hw = hashes[n];
        emit("w:", (w, hw), None, i, i);
        let norm: &str = &toks[i].norm;
        let hn = if norm == w { hw } else { hash(norm) };
        if let Some(class) = lexicon.class_of(hn, norm) {
            let hc = hash(class);
            emit("l:", (class, hc), None, i, i);
            if n > 0 {
                emit(
                    "m:",
                    (words[n - 1].1, hashes[n - 1]),
                    Some((class, hc)),
                    words[n - 1].0,
                    i,
                );
            }
            if let Some(&(j, next)) = words.get(n + 1) {
                emit("n:", (class, hc), Some((next, hashes[n + 1])), i, j);
            }
        }
        if let Some(&(j, next)) = words.get(n + 1) {
            emit("b:", (w, hw), Some((next, hashes[n + 1])), i, j);
        }
        if let Some(&(j, after)) = words.get(n + 2) {
            emit("k:", (w, hw), Some((after, hashes[n + 2])), i, j);
        }
        if norm.len() >= 7 && norm.chars().nth(6).is_some() {
            let cut = norm.char_indices().nth(5).map_or(norm.len(), |(at, _)| at);
            emit("x:", (&norm[..cut], hash(&norm[..cut])), None, i, i);
        }
    }
    // Emoji are not tokens: find them in the sentence's text.
    let start = toks.get(from).map_or(0, |t| t.start);
    let end = if to > from { toks[to - 1].end } else { start };
    let span_end = toks.get(to).map_or(draft.len(), |t| t.start).max(end);
    if let Some(text) = draft.get(start..span_end).filter(|t| !t.is_ascii()) {
        for (offset, c) in text.char_indices().filter(|&(_, c)| is_emoji(c)) {
            // The emoji's nearest token, for the quote.
            let at = start + offset;
            let near = (from..to)
                .min_by_key(|&i| toks[i].start.abs_diff(at))
                .unwrap_or(from);
            let mut buf = [0u8; 4];
            let e: &str = c.encode_utf8(&mut buf);
            emit("e:", (e, hash(e)), None, near, near);
        }
    }
}

/// The distinct features of the sentence `toks[from..to]` of `draft`, by name.
pub(super) fn sentence_features(draft: &str, toks: &[Tok], from: usize, to: usize) -> Vec<Feature> {
    let mut out: Vec<Feature> = Vec::new();
    each_feature(draft, toks, from, to, |name, first, last| {
        out.push(Feature {
            name: name.text(),
            first,
            last,
        });
    });
    // The first occurrence of each name stays.
    out.sort_by(|a, b| a.name.cmp(&b.name).then(a.first.cmp(&b.first)));
    out.dedup_by(|later, kept| later.name == kept.name);
    out
}

/// The sentences of a draft as token ranges, split at full stops, question and exclamation
/// marks, semicolons and line breaks. A "?" or "!" stays with its sentence.
pub(super) fn sentences(toks: &[Tok]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut from = 0;
    for (i, t) in toks.iter().enumerate() {
        if t.kind == Kind::Hard {
            if i + 1 > from {
                out.push((from, i + 1));
            }
            from = i + 1;
        }
    }
    if from < toks.len() {
        out.push((from, toks.len()));
    }
    out
}

/// Every feature of a whole line (all its sentences), by name: what training reads.
pub fn line_features(text: &str) -> Vec<String> {
    let toks = tokenize(text);
    let mut names: Vec<String> = Vec::new();
    for (from, to) in sentences(&toks) {
        for f in sentence_features(text, &toks, from, to) {
            if !names.contains(&f.name) {
                names.push(f.name);
            }
        }
    }
    names
}

/// Whether a feature may be the words a finding quotes, with the rules' own feelings.
fn quotable(name: &str) -> bool {
    keys::quotable(name, &super::rules::data().words.feelings)
}

fn sigmoid(z: f32) -> f32 {
    1.0 / (1.0 + (-z).exp())
}

/// The model built into the app (`None` only if its table is damaged, which a test rules out).
pub(super) fn embedded() -> Option<&'static Model> {
    MODEL.as_ref()
}

/// A digest of training corpora (FNV-1a, 64 bits, over every file's bytes in order).
pub fn digest(files: &[&[u8]]) -> String {
    let h = files.iter().fold(FNV_START, |h, bytes| fnv(h, bytes));
    format!("{h:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn concerns_are_listed_in_declaration_order() {
        // Rows, labels and `Concern::bit` rely on it.
        for (i, c) in Concern::ALL.iter().enumerate() {
            assert_eq!(*c as usize, i, "{}", c.id());
        }
    }

    #[test]
    fn the_embedded_model_loads_with_every_concern() {
        assert!(MODEL.is_some(), "assets/draft-model.json must load");
    }

    /// The compact table scores exactly as the JSON the trainer wrote: same rows, same
    /// weights (f32 from whole hundredths either way), same quotable words.
    #[test]
    fn the_embedded_table_is_the_json_model() {
        let json = include_str!("../../../assets/draft-model.json");
        let file: ModelFile = serde_json::from_str(json).expect("the asset parses");
        let from_json = Model::from_file(&file).expect("the asset loads");
        let table = MODEL.as_ref().expect("the table loads");
        assert_eq!(table.rows.len(), from_json.rows.len());
        assert_eq!(
            (table.bias, table.threshold, table.cue),
            (from_json.bias, from_json.threshold, from_json.cue)
        );
        for (key, row) in &from_json.rows {
            let got = table.rows.get(key).expect("every feature is in the table");
            assert_eq!((got.weights, got.quotable), (row.weights, row.quotable));
        }
        assert_eq!(table.seen, from_json.seen);
    }

    /// The table keeps a key's top 39 bits and the quotable flag in five bytes; both come
    /// back as they went in, for keys with every stored bit set and none.
    #[test]
    fn a_stored_key_reads_back_as_written() {
        for name in ["b:P never", "w:idiot", "^:so", "x:narci"] {
            let key = key_of_name(name);
            assert!(key.trailing_zeros() >= 64 - keys::KEY_BITS, "{name}");
            for quotable in [false, true] {
                let stored = keys::packed_key(key, quotable);
                assert_eq!(keys::unpacked_key(stored), (key, quotable), "{name}");
            }
        }
        let all = u64::MAX << (64 - keys::KEY_BITS);
        assert_eq!(keys::unpacked_key(keys::packed_key(all, true)), (all, true));
        assert_eq!(keys::unpacked_key(keys::packed_key(0, false)), (0, false));
    }

    #[test]
    fn a_damaged_table_loads_no_model() {
        assert!(Model::from_table(&MODEL_TABLE[..MODEL_TABLE.len() - 1]).is_none());
        assert!(Model::from_table(b"OVDM1\nultimatum\n").is_none());
    }

    #[test]
    fn she_they_and_a_name_read_like_you() {
        let you = line_features("You never listen to me");
        for other in [
            "He never listens to me",
            "She never listens to me",
            "They never listen to me",
            "Whenever I talk, Sam never listens to me",
        ] {
            let f = line_features(other);
            assert!(
                f.contains(&"b:P never".to_string()) && f.contains(&"b:never listen".to_string()),
                "{other}: {f:?}"
            );
        }
        assert!(you.contains(&"b:P never".to_string()));
    }

    /// A question to "you" and the same question about him, her or a name read alike, and so
    /// do the partner words of the languages the corpus code-switches with most.
    #[test]
    fn the_third_persons_verb_and_a_code_switched_you_read_like_you() {
        let same = |a: &str, b: &str| {
            let (fa, fb) = (line_features(a), line_features(b));
            assert_eq!(fa, fb, "{a:?} and {b:?} read differently");
        };
        same(
            "not once have you come to a parents' meeting",
            "not once has he come to a parents' meeting",
        );
        same("you haven't once asked", "he hasn't once asked");
        same("kwa sababu wewe ni mzembe", "kwa sababu Amina ni mzembe");
        same("ikaw talaga ang problema", "siya talaga ang problema");
        // Words that only look like a "you" elsewhere stay themselves.
        for not_partner in ["tu", "tum", "tú"] {
            assert!(
                !line_features(&format!("ni {not_partner} mzembe"))
                    .iter()
                    .any(|f| f.contains('P')),
                "{not_partner:?} read as the partner"
            );
        }
        // "I have" stays the user's own: "I" is not the partner.
        assert_ne!(
            line_features("I have never once asked"),
            line_features("you have never once asked")
        );
    }

    /// What the checker raises (a cue looked for only where a score passes) is what the full
    /// scores say, sentence by sentence and in windows of two, over a corpus's lines.
    #[test]
    fn the_fast_path_raises_what_the_scores_say() {
        let model = embedded().expect("the embedded model loads");
        let corpus = include_str!("../../../tests/fixtures/draft/holdout.jsonl");
        let mut raised = 0;
        for line in corpus.lines().filter(|l| !l.trim().is_empty()) {
            let value: serde_json::Value = serde_json::from_str(line).expect("a corpus line");
            let text = value["text"].as_str().expect("a text");
            let toks = tokenize(text);
            let spans = sentences(&toks);
            let rows: Vec<_> = spans
                .iter()
                .map(|&(from, to)| model.sentence_rows(text, &toks, from, to))
                .collect();
            for (n, &(from, to)) in spans.iter().enumerate() {
                let mut windows = vec![(Rows::One(&rows[n]), (from, from, to))];
                if n > 0 {
                    windows.push((
                        Rows::Two(&rows[n - 1], &rows[n]),
                        (spans[n - 1].0, from, to),
                    ));
                }
                for (window, span) in windows {
                    let fast = model.raised_in_rows(&toks, window, span);
                    let full: Vec<(Concern, usize, usize)> = Concern::ALL
                        .iter()
                        .zip(model.scores_of(&toks, window, span))
                        .zip(model.threshold)
                        .filter_map(|((c, (p, cue)), t)| {
                            cue.filter(|_| p >= t).map(|(a, b)| (*c, a, b))
                        })
                        .collect();
                    assert_eq!(fast, full, "{text}");
                    raised += fast.len();
                }
            }
        }
        assert!(
            raised > 100,
            "only {raised} concerns raised: the corpus was not read"
        );
    }

    #[test]
    fn quoted_words_are_not_features() {
        let f = line_features("You said \"therapy is for losers\" and I understand why.");
        assert!(!f.iter().any(|n| n.contains("loser")), "{f:?}");
    }

    #[test]
    fn a_feature_stored_by_name_is_found_by_its_parts() {
        let text = "Honestly, Sam NEVER listens, the narcissist 🙄. You're a muppet!";
        let toks = tokenize(text);
        let mut checked = 0;
        for (from, to) in sentences(&toks) {
            each_feature(text, &toks, from, to, |name, _, _| {
                assert_eq!(key_of_name(&name.text()), name.hash(), "{}", name.text());
                checked += 1;
            });
        }
        assert!(checked > 20);
    }

    #[test]
    fn emoji_are_features() {
        assert!(line_features("Sure, great idea 🙄").contains(&"e:🙄".to_string()));
    }

    #[test]
    fn whoever_is_brought_in_reads_alike() {
        // The children, a parent, the pastor: one class, with the word after it, so what is
        // learnt of "the kids deserve" carries to "our son deserves".
        for line in ["The kids deserve better.", "Our son deserves better."] {
            let features = line_features(line);
            assert!(features.contains(&"l:third".to_string()), "{features:?}");
            assert!(
                features.iter().any(|f| f.starts_with("n:third deserve")),
                "{features:?}"
            );
        }
    }
}
