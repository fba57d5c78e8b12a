//! The draft checker: reads the line the user means to say when inviting their partner to
//! counseling and points out, gently and quoting the exact words, what may make it harder to
//! hear. It never blocks anything; it only advises, and it offers the better shape: an
//! "I feel …" line and a "When you X, in situation Y, I feel Z" line built from the user's
//! own words where it can.
//!
//! How it works, all offline and deterministic:
//! 1. The draft is split into word and punctuation tokens that keep their byte offsets
//!    (`tokens`). Case is folded, curly apostrophes are straightened, and common
//!    contractions and shorthand are expanded ("you’re" → "you are", "dont" → "do not",
//!    "u" → "you"); an expanded token keeps the span of the word it came from, so every
//!    finding quotes the draft exactly.
//! 2. Words inside quotation marks are set aside: they report what someone said
//!    (`you said "whatever"`), they are not the user's own words. A draft that is quoted as
//!    a whole is read as the user's own.
//! 3. A table of small phrase patterns (the rules in `assets/draft.json`, read by `rules`,
//!    in the language of `pattern`) is matched against the tokens (`matcher`). The patterns
//!    are compiled once per process: their words become numbers in one vocabulary, so
//!    matching a word is a bit test, and each pattern is indexed by the words it can start
//!    with. Nothing about a draft is kept from one call to the next.
//! 4. Each match passes a guard (`guard`): a negation just before it in the same clause
//!    ("I'm not saying …", "this isn't …") drops it; "always"/"never" is let through only
//!    when what follows is not warm or reassuring ("you always make me laugh", "you never
//!    have to do this alone"); "because of you" and friends only when the sentence is not
//!    warm.
//! 5. The suggestions (`suggest`) are built from the user's own words and pass the checker.
//!
//! The wording of every note is warm and plain, and nothing here ever diagnoses anyone.

mod guard;
pub(crate) mod keys;
mod matcher;
pub mod model;
mod pattern;
mod rules;
mod scan;
mod suggest;
#[cfg(test)]
mod tests;
mod tokens;
pub mod train;

use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

pub use rules::problems;
pub use suggest::BLANK;

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
    /// Using the children, family, friends, faith, work, money or home to force the answer,
    /// or recruiting others ("everyone agrees with me").
    Leverage,
}

impl Concern {
    pub const ALL: [Concern; 8] = [
        Concern::Ultimatum,
        Concern::AlwaysNever,
        Concern::Blame,
        Concern::NameCalling,
        Concern::Contempt,
        Concern::Diagnosing,
        Concern::FixingThem,
        Concern::Leverage,
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
            Concern::Leverage => "leverage",
        }
    }

    /// Its bit in a set of concerns held as a `u16` (the model's rows and labels are in
    /// `ALL` order, which is the declaration order).
    pub fn bit(self) -> u16 {
        1 << (self as u16)
    }

    pub fn from_id(id: &str) -> Option<Concern> {
        Concern::ALL.into_iter().find(|c| c.id() == id)
    }

    /// Whether the concern presses for the answer (an ultimatum, or pressure through others):
    /// a letter with one cannot promise "no deadline", and a boundary with one asks.
    pub fn presses(self) -> bool {
        matches!(self, Concern::Ultimatum | Concern::Leverage)
    }

    /// The heading shown for a finding, from `assets/draft.json` (the concern's id if the
    /// asset could not be read, which a unit test rules out for the embedded one).
    pub fn title(self) -> &'static str {
        rules::data()
            .concerns
            .get(self.id())
            .map_or(self.id(), |text| text.title.as_str())
    }

    /// One or two gentle sentences: what the words may do to the listener, what to try.
    fn note(self, found: &str) -> String {
        let note = rules::data()
            .concerns
            .get(self.id())
            .map(|t| t.note.as_str());
        // The checked asset has `{found}` exactly once in every note.
        match note.and_then(|n| n.split_once("{found}")) {
            Some((before, after)) => [before, found, after].concat(),
            None => format!("\u{201c}{found}\u{201d}"),
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
    /// Whether the model's veto cannot drop it: found by a rule marked `"veto": false`.
    #[serde(skip)]
    pub beyond_veto: bool,
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
    review_with(draft, model::embedded())
}

/// [`review`] with another model than the built-in one (`None`: the rules alone): for
/// training and measuring a model before it is shipped.
pub fn review_with(draft: &str, model: Option<&model::Model>) -> Review {
    if draft.trim().is_empty() {
        return Review::default();
    }
    let mut toks = tokens::tokenize(draft);
    let (mut findings, mut hits) = scan_as_the_rules_read(draft, &mut toks);
    // "I'll go to my mother's for tea" is a visit, whichever layer reads a threat in it.
    findings.retain(|f| {
        if f.concern != Concern::Ultimatum {
            return true;
        }
        let at = toks.partition_point(|t| t.end <= f.start);
        !guard::a_visit(&toks, at, (at, at))
    });
    if let Some(model) = model {
        let dropped = add_model_findings(model, draft, &toks, &mut findings);
        // The rewrites of an "always/never" the model overruled go with it.
        hits.retain(|h| {
            let (s, e) = (toks[h.s].start, toks[h.e.max(h.s + 1) - 1].end);
            !dropped.iter().any(|&(from, to)| s >= from && e <= to)
        });
    }
    let suggestions = suggest::suggest(draft, &toks, &findings, &hits);
    Review {
        findings,
        suggestions,
    }
}

/// Drops the rules' findings the model reads as kind uses, and adds what the model raises
/// in each sentence that no rule raised there already. Returns where the dropped
/// "always/never" findings were (byte ranges), whose rewrites go with them.
fn add_model_findings(
    model: &model::Model,
    draft: &str,
    toks: &[tokens::Tok],
    findings: &mut Vec<Finding>,
) -> Vec<(usize, usize)> {
    let sentences = model::sentences(toks);
    let bounds: Vec<(usize, usize)> = sentences
        .iter()
        .map(|&(from, to)| (toks[from].start, toks[to - 1].end))
        .collect();
    // A rule's finding the model reads as a kind use goes, unless it names the partner
    // something: an insult or a diagnosis is one whatever the rest of the sentence says
    // ("Either you come or I'm leaving, you idiot" is mostly an ultimatum to the model).
    // Each sentence's features, read once: for the veto and for what the model raises.
    let rows: Vec<Vec<model::SentenceRow<'_>>> = sentences
        .iter()
        .map(|&(from, to)| model.sentence_rows(draft, toks, from, to))
        .collect();
    let mut dropped = Vec::new();
    if model.veto_on() {
        let mut leaning: Vec<Option<[f32; model::CONCERNS]>> = vec![None; sentences.len()];
        findings.retain(|f| {
            if matches!(f.concern, Concern::NameCalling | Concern::Diagnosing) || f.beyond_veto {
                return true;
            }
            let n = bounds.partition_point(|&(_, end)| end <= f.start);
            let Some(sentence_rows) = rows.get(n) else {
                return true;
            };
            let lean = leaning[n].get_or_insert_with(|| model.sentence_leaning(sentence_rows));
            let stands = model.upholds(f.concern, lean);
            // Only an "always/never" has rewrites (hits) to drop with it; a blame finding
            // over the same words may go while the "always" stands, rewrite and all.
            if !stands && f.concern == Concern::AlwaysNever {
                dropped.push((f.start, f.end));
            }
            stands
        });
    }
    // The concerns the rules already raised in each sentence, as bits.
    let mut ruled = vec![0u16; sentences.len()];
    for f in findings.iter() {
        let bit = f.concern.bit();
        let first = bounds.partition_point(|&(_, end)| end <= f.start);
        for n in first..bounds.len() {
            if bounds[n].0 >= f.end {
                break;
            }
            ruled[n] |= bit;
        }
    }
    let mut added = false;
    let mut guard = guard::Guard::new(toks);
    // Each sentence alone, then with the one before it (a window), as a training line of two
    // sentences is read: "Always. Every time." leans on the sentence before it. A window adds
    // only a concern that neither of its sentences raises already.
    for n in 0..sentences.len() {
        let (from, to) = sentences[n];
        let mut raised = model.raised_in_rows(toks, model::Rows::One(&rows[n]), (from, from, to));
        let alone = raised.len();
        if n > 0 {
            let window = model::Rows::Two(&rows[n - 1], &rows[n]);
            raised.extend(model.raised_in_rows(toks, window, (sentences[n - 1].0, from, to)));
        }
        for (k, (concern, first, last)) in raised.into_iter().enumerate() {
            let bit = concern.bit();
            let already = if k < alone {
                ruled[n]
            } else {
                ruled[n] | ruled[n - 1]
            };
            // The rules' guard for kind uses holds for the model too: "you always make me
            // laugh" and "it's not your fault, it's mine" are warm, not verdicts.
            // And so does a negation just before: "I'm not saying you're a narcissist", or
            // at the start of its own words: "I don't think you're the problem".
            // "Two or three therapists" is a choice of how many, not an either/or. "When you
            // don't listen when I talk, I feel hurt" is one moment and a feeling, the shape
            // the app teaches: no habit claimed.
            // The concerns are about the partner: "We have the same fight every month" is
            // about both of them, and no verdict on the partner. Pressure brings someone
            // in: "Could we agree that either of us can call a pause?" brings in no one.
            // An insult the user gives themself is owning their part: "I was being such a
            // brat last night, sorry"; so is "I am the one who must learn to listen".
            let from_sentence = if k < alone { from } else { sentences[n - 1].0 };
            let is_partner =
                |i: usize| model::is_partner(draft, toks, i, i == from || i == from_sentence);
            if already & bit != 0
                || (matches!(concern, Concern::AlwaysNever | Concern::Blame)
                    && model::about_us_only(draft, toks, from_sentence, to))
                || (concern == Concern::Leverage
                    && model::about_us_alone(draft, toks, from_sentence, to))
                || guard::negated_for_model(toks, first, is_partner)
                || guard::opens_negated(toks, first, last)
                || (concern == Concern::Ultimatum && guard::or_between_amounts(toks, first, last))
                || (concern == Concern::AlwaysNever
                    && guard::moment_then_feeling(toks, (from_sentence, to), (first, last)))
                || (concern == Concern::AlwaysNever && guard.warm_always_never(first, last + 1))
                || (concern == Concern::Blame && guard.warm_sentence(first, last + 1))
                || (concern == Concern::Ultimatum
                    && guard::a_visit(toks, first, (from_sentence, to)))
                || (concern == Concern::NameCalling
                    && guard::describes_oneself(toks, last, is_partner))
                || (concern == Concern::FixingThem && guard::the_one_is_me(toks, first))
            {
                continue;
            }
            ruled[n] |= bit;
            let (s, e) = (toks[first].start, toks[last].end);
            let found = draft[s..e].to_string();
            findings.push(Finding {
                concern,
                note: concern.note(&found),
                found,
                start: s,
                end: e,
                beyond_veto: false,
            });
            added = true;
        }
    }
    if added {
        // In draft order, as the rules' findings are: by start, then concern.
        findings.sort_by_key(|f| (f.start, f.concern, f.end));
    }
    dropped
}

/// The rules' scan, with the partner read as "she" or "her" where a first name ("That's on
/// Dolores") or "my wife" names them; the tokens are as they were after it, for the model
/// and the suggestions.
fn scan_as_the_rules_read(
    draft: &str,
    toks: &mut [tokens::Tok<'_>],
) -> (Vec<Finding>, Vec<scan::Hit>) {
    // "my wife" and "the missus" read as "she" or "her" too. The findings are by byte, so
    // only the hits' token indices need taking back to the draft's own tokens.
    if let Some(mut merged) = model::Merged::of(toks) {
        let (findings, mut hits) = scan_names_as_pronouns(draft, &mut merged.toks);
        for hit in &mut hits {
            hit.s = merged.index_back(hit.s);
            hit.e = merged.index_back(hit.e);
        }
        merged.put_back(toks);
        return (findings, hits);
    }
    scan_names_as_pronouns(draft, toks)
}

/// The rules' scan, with a first name for the partner read as "she" or "her"; the tokens
/// are as they were after it.
fn scan_names_as_pronouns(
    draft: &str,
    toks: &mut [tokens::Tok<'_>],
) -> (Vec<Finding>, Vec<scan::Hit>) {
    let replaced = model::read_names_as_pronouns(draft, toks);
    let scanned = scan::scan(draft, toks);
    for (i, original) in replaced {
        toks[i] = original;
    }
    scanned
}

/// The concerns the rules alone raise in a line: for measuring the two layers apart.
pub fn rule_concerns(draft: &str) -> BTreeSet<Concern> {
    let mut toks = tokens::tokenize(draft);
    scan_as_the_rules_read(draft, &mut toks)
        .0
        .iter()
        .map(|f| f.concern)
        .collect()
}
