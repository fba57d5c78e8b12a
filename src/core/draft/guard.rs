//! The guards: what a match must pass beyond its pattern. A negation just before it in the
//! same clause drops it; "always"/"never" only counts when what follows is not warm or
//! reassuring; "because of you" and friends only when the sentence is not warm.

use super::matcher::{MATCHER, Rule, flag, seq};
use super::rules::Check;
use super::tokens::{Kind, Tok};

/// A negation shortly before the match, in the same clause: "I'm not saying you …",
/// "this isn't …", "nobody's going to …". "Why don't you …" is a question, not a negation.
pub(super) fn negated(toks: &[Tok], s: usize) -> bool {
    denial_before(toks, s, |_| false)
}

/// As [`negated`], for what the model finds: a "not" or "never" that says what the partner
/// does not do is the complaint itself, not a denial of it, right after the partner ("he
/// never listens") or after the partner and a "do", "have", "will" or "can" ("you don't
/// listen", "she hasn't once asked"). After "be" it still denies: "you're not the problem".
pub(super) fn negated_for_model(
    toks: &[Tok],
    s: usize,
    is_partner: impl Fn(usize) -> bool,
) -> bool {
    denial_before(toks, s, |j| says_what_they_do_not_do(toks, j, &is_partner))
}

/// Whether a negation within eight words before `toks[s]`, in the same clause, denies what
/// follows: not one that asks, nor one `complains(j)` says is part of the complaint.
fn denial_before(toks: &[Tok], s: usize, complains: impl Fn(usize) -> bool) -> bool {
    let mut j = s;
    let mut seen = 0;
    while j > 0 && seen < 8 {
        j -= 1;
        let t = &toks[j];
        if !t.is_word() || t.has(flag::STOPPER) {
            return false;
        }
        if t.has(flag::NEGATOR) {
            let inverted =
                toks.get(j + 1).is_some_and(|n| n.has(flag::PRONOUN)) && opens_a_question(toks, j);
            if !inverted && !complains(j) {
                return true;
            }
        }
        seen += 1;
    }
    false
}

/// Whether the negation `toks[j]` follows the partner directly or through one auxiliary of
/// doing, having, will or can.
fn says_what_they_do_not_do(toks: &[Tok], j: usize, is_partner: impl Fn(usize) -> bool) -> bool {
    const AUXILIARIES: &[&str] = &[
        "do", "does", "did", "have", "has", "had", "will", "would", "can", "could",
    ];
    let Some(before) = j.checked_sub(1) else {
        return false;
    };
    if toks[before].is_word() && is_partner(before) {
        return true;
    }
    before > 0
        && AUXILIARIES.contains(&toks[before].norm.as_ref())
        && toks[before - 1].is_word()
        && is_partner(before - 1)
}

/// Whether the negation `toks[j]`, followed by a pronoun, asks rather than denies: with the
/// auxiliary it was split from ("do" of "don't"), it opens its clause or follows a question
/// or joining word ("Don't you …", "Why won't you …", "and isn't he …"). After anything
/// else it denies: "This isn't you against me".
fn opens_a_question(toks: &[Tok], j: usize) -> bool {
    let mut start = j;
    if start > 0 && toks[start - 1].is_word() && toks[start - 1].has(flag::AUX) {
        start -= 1;
    }
    let Some(before) = start.checked_sub(1).map(|k| &toks[k]) else {
        return true;
    };
    !before.is_word()
        || before.has(flag::STOPPER | flag::CONJUNCTION)
        || matches!(
            &*before.norm,
            "why" | "how" | "what" | "when" | "where" | "who" | "so" | "then"
        )
}

/// Whether the words `first..=last` hold an "or" between two amounts ("two or three
/// therapists", "once or twice", "a day or two"): a choice of how many, not an either/or.
pub(super) fn or_between_amounts(toks: &[Tok], first: usize, last: usize) -> bool {
    const AMOUNTS: &[&str] = &[
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "once",
        "twice", "few", "couple",
    ];
    const SPANS: &[&str] = &[
        "minute", "minutes", "hour", "hours", "day", "days", "week", "weeks", "month", "months",
        "session", "sessions",
    ];
    let amount = |t: &Tok| {
        AMOUNTS.contains(&t.norm.as_ref())
            || (!t.norm.is_empty() && t.norm.bytes().all(|b| b.is_ascii_digit()))
    };
    (first.max(1)..=last).any(|j| {
        toks[j].norm == "or"
            && toks.get(j + 1).is_some_and(amount)
            && (amount(&toks[j - 1]) || SPANS.contains(&toks[j - 1].norm.as_ref()))
    })
}

/// Whether the words `first..=last` are the moment in a sentence (`from..to`) shaped as the
/// line the app teaches: it opens with "when", and the words lie between that "when" and the
/// first comma (or other soft break) that "I feel" or "I felt" follows directly ("When you
/// don't listen when I talk about my day, I feel hurt"). That describes one moment, not a
/// habit; "When I ask, I feel like you never listen" keeps its finding.
pub(super) fn moment_then_feeling(
    toks: &[Tok],
    (from, to): (usize, usize),
    (first, last): (usize, usize),
) -> bool {
    let to = to.min(toks.len());
    let Some(opening) = (from..to).find(|&i| toks[i].is_word()) else {
        return false;
    };
    if !toks[opening].is("when") || first <= opening {
        return false;
    }
    let feeling_follows = |soft: usize| {
        let mut words = (soft + 1..to).filter(|&i| toks[i].is_word());
        words.next().is_some_and(|i| toks[i].is("i"))
            && words
                .next()
                .is_some_and(|i| matches!(toks[i].norm.as_ref(), "feel" | "felt"))
    };
    (opening..to)
        .find(|&i| toks[i].kind == Kind::Soft && feeling_follows(i))
        .is_some_and(|soft| last < soft)
}

/// Whether a model finding opens by denying that the user thinks or says it ("don't think
/// you're the problem", "not saying you need fixing"): the negation is part of the words
/// quoted, where `negated`, which looks before them, cannot see it. Only "not" before a verb
/// of thinking or saying: "don't care" or "not man enough" stay findings.
pub(super) fn opens_negated(toks: &[Tok], first: usize, last: usize) -> bool {
    const DENIED: &[&str] = &[
        "think",
        "thinking",
        "believe",
        "say",
        "saying",
        "mean",
        "blame",
        "blaming",
        "call",
        "calling",
        "suggest",
        "suggesting",
        "claim",
        "claiming",
        "implying",
    ];
    (first..=last.min(first + 1)).any(|j| {
        toks[j].norm == "not"
            && toks
                .get(j + 1)
                .is_some_and(|n| DENIED.contains(&n.norm.as_ref()))
    })
}

/// Whether the words ending at `toks[last]` are what the user says of themself: in the same
/// clause, before them and with no partner, preposition or joining word between, "I" (or
/// "mi", "ah") with a verb of being or behaving, through up to two auxiliaries ("I was being
/// such a brat", "I behaved like a coward", "mi did behave like a fool", "I can be a pompous
/// old fool"). Not after a verb of causing ("you made me feel like a fool"), and not once a
/// preposition stands between: "I'm married to a child" names the partner.
pub(super) fn describes_oneself(
    toks: &[Tok],
    last: usize,
    is_partner: impl Fn(usize) -> bool,
) -> bool {
    const BEING: &[&str] = &[
        "am", "was", "were", "be", "been", "being", "behaved", "behave", "behaving", "acted",
        "act", "acting", "felt", "feel", "feeling", "looked", "look", "sounded", "sound",
    ];
    const AUXILIARIES: &[&str] = &[
        "am", "was", "were", "be", "been", "did", "do", "have", "had", "can", "could", "will",
        "would", "may", "might", "must",
    ];
    const BREAKS: &[&str] = &[
        "to", "with", "by", "for", "from", "about", "at", "than", "into", "after", "over",
    ];
    const CAUSING: &[&str] = &["make", "made", "makes", "making", "let", "lets"];
    let mut j = last + 1;
    let mut seen = 0;
    while j > 0 && seen < 9 {
        j -= 1;
        let t = &toks[j];
        if !t.is_word() || t.has(flag::STOPPER | flag::CONJUNCTION) || is_partner(j) {
            return false;
        }
        if BREAKS.contains(&t.norm.as_ref()) {
            return false;
        }
        if BEING.contains(&t.norm.as_ref()) {
            let mut subject = j;
            for _ in 0..2 {
                if subject > 0 && AUXILIARIES.contains(&toks[subject - 1].norm.as_ref()) {
                    subject -= 1;
                }
            }
            let Some(s) = subject.checked_sub(1) else {
                return false;
            };
            let caused = s > 0 && CAUSING.contains(&toks[s - 1].norm.as_ref());
            if matches!(&*toks[s].norm, "i" | "mi" | "ah") && !caused {
                return true;
            }
        }
        seen += 1;
    }
    false
}

/// Whether the words from `toks[first]` are in what the user says they must do themself:
/// "I am the one" ("I'm the one") at most six words before them or where they start, with
/// only words between ("I am the one who must learn to listen", "… to listen to you").
/// Not when the partner is what the need acts on, within three words of it ("I'm the one
/// who needs you to change", "… must teach you how"), nor when the sentence goes on to what
/// they must do ("…, and you must learn to stop yelling"). "I'm not the one who needs
/// fixing" does not read so: its "not" breaks the four words.
pub(super) fn the_one_is_me(toks: &[Tok], first: usize) -> bool {
    const ME: [&str; 4] = ["i", "am", "the", "one"];
    const NEEDS: &[&str] = &[
        "need", "needs", "must", "want", "wants", "have", "has", "should", "got",
    ];
    const THEM: &[&str] = &["you", "u", "him", "her", "them", "yourself"];
    const SUBJECTS: &[&str] = &["you", "u", "he", "she", "they"];
    let is = |i: usize, words: &[&str]| toks.get(i).is_some_and(|t| words.contains(&&*t.norm));
    let Some(k) = (first.saturating_sub(6)..=first).find(|&k| {
        toks.get(k..k + ME.len())
            .is_some_and(|w| w.iter().zip(ME).all(|(t, m)| t.is(m)))
            && toks[k..first].iter().all(Tok::is_word)
    }) else {
        return false;
    };
    let to = toks[k..]
        .iter()
        .position(|t| t.kind == Kind::Hard)
        .map_or(toks.len(), |p| k + p);
    let clause_end = (k..to).find(|&i| !toks[i].is_word()).unwrap_or(to);
    let acts_on_them = (k + ME.len()..clause_end)
        .find(|&n| is(n, NEEDS))
        .is_some_and(|n| (n + 1..clause_end.min(n + 4)).any(|i| is(i, THEM)));
    let they_must = (k + ME.len()..to).any(|i| is(i, SUBJECTS) && is(i + 1, NEEDS));
    !acts_on_them && !they_must
}

/// Whether the ultimatum with a word at `toks[at]` goes somewhere for a meal or part of a
/// day: in its sentence, a verb of going followed within five words by "for" and tea,
/// dinner, "the afternoon", "the weekend"…: "If she can't come on Thursday, I'll go to my
/// mother's for tea". A visit, not a threat; "… for good" stays one. `read` is the range of
/// tokens the finding was read from (the model reads two sentences together: "If she
/// cannot come on Thursday. I will go to my mothers for tea."); the visit may be anywhere
/// in it or in the sentence of `at`.
pub(super) fn a_visit(toks: &[Tok], at: usize, read: (usize, usize)) -> bool {
    const GOING: &[&str] = &[
        "go", "goes", "going", "gone", "head", "heading", "pop", "popping", "nip", "nipping",
    ];
    const SHORT: &[&str] = &[
        "tea",
        "dinner",
        "lunch",
        "breakfast",
        "brunch",
        "supper",
        "coffee",
        "cuppa",
        "drink",
        "meal",
        "bite",
        "day",
        "afternoon",
        "evening",
        "morning",
        "weekend",
        "visit",
    ];
    let ends = |t: &Tok| matches!(&*t.norm, "." | "!" | "?" | ";");
    let word = |j: usize| toks.get(j).filter(|t| t.is_word()).map(|t| &*t.norm);
    let from = toks[..at]
        .iter()
        .rposition(ends)
        .map_or(0, |e| e + 1)
        .min(read.0);
    let to = toks[at..]
        .iter()
        .position(ends)
        .map_or(toks.len(), |e| at + e)
        .max(read.1.min(toks.len()));
    (from..to).any(|j| {
        GOING.contains(&&*toks[j].norm)
            && (j + 1..(j + 7).min(to)).any(|k| {
                word(k) == Some("for") && {
                    let m = k + 1 + usize::from(matches!(word(k + 1), Some("a" | "the" | "some")));
                    word(m).is_some_and(|w| SHORT.contains(&w))
                }
            })
    })
}

/// Verbs before "you never ..." that report the partner's own words.
const SAID: &[&str] = &[
    "said",
    "say",
    "says",
    "told",
    "tell",
    "tells",
    "mentioned",
    "remarked",
    "promised",
    "swore",
    "claimed",
    "insisted",
    "wrote",
    "texted",
    "replied",
    "answered",
];

/// The guards' view of one draft: its tokens, plus what they work out about them, kept for
/// the rest of this one scan (sentence bounds, where a warm or hard phrase starting at a
/// token ends). Built per call; nothing carries over to the next draft.
pub(super) struct Guard<'t, 'a> {
    toks: &'t [Tok<'a>],
    /// For each token position: where its sentence starts (after the last hard stop
    /// before it) and where the sentence ends (the first hard stop at or after it).
    /// Empty until first needed.
    sentence_from: Vec<usize>,
    sentence_to: Vec<usize>,
    /// For each token: the nearest end of a warm / hard phrase starting there
    /// (`NO_PHRASE` when none does), or `UNKNOWN` until first asked. Empty until first needed.
    positive_end: Vec<usize>,
    negative_end: Vec<usize>,
    /// Room for the phrases that may start at a token.
    candidates: Vec<usize>,
}

const UNKNOWN: usize = usize::MAX;
const NO_PHRASE: usize = usize::MAX - 1;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tone {
    Positive,
    Negative,
}

impl<'t, 'a> Guard<'t, 'a> {
    pub fn new(toks: &'t [Tok<'a>]) -> Self {
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
    /// ends by `to`. A kind phrase just after "not" or "never" is no kindness: "you don't
    /// listen", "he never helps".
    fn any_phrase(&mut self, tone: Tone, from: usize, to: usize) -> bool {
        self.any_phrase_but(tone, from, to, |_| false)
    }

    /// As [`Self::any_phrase`], leaving out the phrases that start at a token `skip` picks.
    fn any_phrase_but(
        &mut self,
        tone: Tone,
        from: usize,
        to: usize,
        skip: impl Fn(usize) -> bool,
    ) -> bool {
        (from..to).any(|i| {
            let t = &self.toks[i];
            let denied = tone == Tone::Positive
                && i > 0
                && (self.toks[i - 1].is("not") || self.toks[i - 1].is("never"));
            t.is_word() && !t.quoted && !denied && !skip(i) && self.phrase_end(tone, i) <= to
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

    pub fn warm_sentence(&mut self, s: usize, e: usize) -> bool {
        let sentence = self.sentence(s, e);
        self.warm_but_for(s, e, sentence, (0, 0))
    }

    /// `warm_sentence` for an always/never the model found, except that a kind word in the
    /// clause after a "never" is what the partner does not do, so it makes nothing warm:
    /// "she has never once supported my decisions" complains.
    pub fn warm_always_never(&mut self, s: usize, e: usize) -> bool {
        let toks = self.toks;
        let (from, to) = self.sentence(s, e);
        let missing = (from..to)
            .find(|&i| toks[i].is("never"))
            .map_or((0, 0), |never| clause_after(toks, never + 1));
        self.warm_but_for(s, e, (from, to), missing)
    }

    /// Whether the sentence `(from, to)` around the words `s..e` reads warm: a kind phrase
    /// outside them and outside `missing` (an empty range leaves nothing out), and no
    /// unkind one outside them.
    fn warm_but_for(
        &mut self,
        s: usize,
        e: usize,
        (from, to): (usize, usize),
        (after, end): (usize, usize),
    ) -> bool {
        let mut positive = false;
        for (a, b) in [(from, s), (e, to)] {
            for (a, b) in [(a, b.min(after)), (a.max(end), b)] {
                positive = positive || (a < b && self.any_phrase(Tone::Positive, a, b));
            }
        }
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
        // "You said you'd never go to therapy": their own words, reported without quotation
        // marks, not a verdict on them.
        let reports = toks[s.saturating_sub(3)..s]
            .iter()
            .any(|t| t.is_word() && SAID.contains(&&*t.norm));
        if reports && !self.sarcastic_tag(e) {
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

    /// An "always" said of him, her or them ("he's always on his phone", "she is always
    /// late"): as [`Self::always_never_applies`], and only when the rest of the clause,
    /// before a "when", "if", "even" or other word that turns it into a moment, holds a hard
    /// phrase and nothing in the sentence is warm. Unlike "you always", these lines are often
    /// told of someone with love ("he's always there when I'm down", "she always makes me
    /// laugh"), so a plain "always" is not enough.
    fn always_complains(&mut self, s: usize, e: usize) -> bool {
        const TURNS: &[&str] = &[
            "when", "whenever", "if", "after", "before", "even", "while", "until", "for",
            "without", "no",
        ];
        // Hard words for how they feel, not for what they do.
        const STATES: &[&str] = &[
            "tired",
            "exhausted",
            "drained",
            "afraid",
            "scared",
            "worried",
            "anxious",
            "nervous",
            "sad",
            "lonely",
            "sick",
            "ill",
            "stressed",
            "overwhelmed",
            "insecure",
        ];
        if !self.always_never_applies(s, e) {
            return false;
        }
        let toks = self.toks;
        // "so" turns it only as "so I …", "so that …": "she's always so rude" stays whole.
        let turns = |i: usize| {
            TURNS.contains(&&*toks[i].norm)
                || (toks[i].is("so")
                    && toks.get(i + 1).is_some_and(|n| {
                        matches!(
                            &*n.norm,
                            "i" | "we" | "you" | "he" | "she" | "they" | "that"
                        )
                    }))
        };
        let (from, to) = clause_after(toks, e);
        let to = (from..to).find(|&i| turns(i)).unwrap_or(to);
        // A hard word for how they feel is no complaint: "she's always so tired lately and
        // I'm worried about her", "he was always afraid of losing me"; before "to", "me" or
        // "my" it still is: "he's always too stressed to talk to me".
        let feeling = |i: usize| {
            STATES.contains(&&*toks[i].norm)
                && !toks
                    .get(i + 1)
                    .is_some_and(|n| matches!(&*n.norm, "to" | "me" | "my"))
        };
        if !self.any_phrase_but(Tone::Negative, from, to, feeling) {
            return false;
        }
        let (start, end) = self.sentence(s, e);
        !self.any_phrase(Tone::Positive, start, end)
    }

    pub fn accept(&mut self, rule: &Rule, s: usize, e: usize) -> bool {
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
                .is_some_and(|t| t.is_one_of(words)),
            Check::NotHolding(words) => !span.iter().any(|t| t.is_one_of(words)),
            // "You never made me feel stupid" is praise, not blame.
            Check::RejectPositive => {
                !span.iter().any(|t| t.is("never")) && !self.warm_sentence(s, e)
            }
            Check::AlwaysNever => self.always_never_applies(s, e),
            Check::AlwaysComplains => self.always_complains(s, e),
        }
    }
}

/// The rest of the clause after `e`: leading fillers skipped, up to punctuation or a
/// joining word. Returns a token range.
pub(super) fn clause_after(toks: &[Tok], e: usize) -> (usize, usize) {
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
