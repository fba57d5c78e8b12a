//! The rules and word lists as data: `assets/draft.json`, embedded in the binary, read once,
//! and checked by `problems` (which a unit test runs on the embedded asset).
//!
//! The file holds:
//! - `concerns`: the title and note of each concern (`{found}` stands for the quoted words);
//! - `fragments`: named pattern pieces that rules and phrases reuse as `{NAME}` (a fragment
//!   may use other fragments);
//! - `words`: the word lists of the tokenizer, the guards and the suggestions;
//! - `phrases`: the warm (`positive`) and hard (`negative`) phrases the guards look for;
//! - `expansions` and `irregular`: contractions and shorthand, and irregular past tenses;
//! - `rules`: each with a unique `id`, its `concern`, its `pattern` (see `pattern`),
//!   `negatable` (a negation just before drops it), its `check` (`none`, `always_never`,
//!   `always_complains`, `reject_positive`, `{"not_after": "<word list>"}` or
//!   `{"not_holding": "<word list>"}`), for always/never rules the `shape` the suggestions
//!   build on, and `"veto": false` where the model may not overrule the rule's finding.

use super::Concern;
use super::pattern::parse;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

/// The asset's name in messages.
pub(super) const FILE: &str = "assets/draft.json";
const SOURCE: &str = include_str!(concat!(env!("OUT_DIR"), "/draft.json"));
const FORMAT_VERSION: u32 = 1;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Data {
    format_version: u32,
    /// What each fragment, word list or phrase list is for; read by people only.
    #[serde(default)]
    about: BTreeMap<String, String>,
    pub concerns: BTreeMap<String, ConcernText>,
    pub(super) fragments: BTreeMap<String, String>,
    pub words: WordLists,
    phrases: PhraseLists,
    pub expansions: BTreeMap<String, Vec<String>>,
    pub irregular: BTreeMap<String, String>,
    rules: Vec<RuleData>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ConcernText {
    pub title: String,
    pub note: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct WordLists {
    pub negators: Vec<String>,
    pub stoppers: Vec<String>,
    pub pronouns: Vec<String>,
    pub aux: Vec<String>,
    pub conjunctions: Vec<String>,
    pub fillers: Vec<String>,
    pub feelings: Vec<String>,
    pub feel_verbs: Vec<String>,
    pub your_means_you_are: Vec<String>,
    pub s_is: Vec<String>,
    #[serde(default)]
    pub after_s_is: Vec<String>,
    pub reporting: Vec<String>,
    pub offering: Vec<String>,
    pub reported: Vec<String>,
    pub situation_words: Vec<String>,
    #[serde(default)]
    pub third_parties: Vec<String>,
    #[serde(default)]
    pub others_opinion: Vec<String>,
    #[serde(default)]
    pub not_alone: Vec<String>,
}

impl WordLists {
    fn all(&self) -> [(&'static str, &[String]); 18] {
        [
            ("negators", &self.negators),
            ("stoppers", &self.stoppers),
            ("pronouns", &self.pronouns),
            ("aux", &self.aux),
            ("conjunctions", &self.conjunctions),
            ("fillers", &self.fillers),
            ("feelings", &self.feelings),
            ("feel_verbs", &self.feel_verbs),
            ("your_means_you_are", &self.your_means_you_are),
            ("s_is", &self.s_is),
            ("after_s_is", &self.after_s_is),
            ("reporting", &self.reporting),
            ("offering", &self.offering),
            ("reported", &self.reported),
            ("situation_words", &self.situation_words),
            ("third_parties", &self.third_parties),
            ("others_opinion", &self.others_opinion),
            ("not_alone", &self.not_alone),
        ]
    }

    fn named(&self, name: &str) -> Option<&[String]> {
        self.all()
            .into_iter()
            .find(|(n, _)| *n == name)
            .map(|(_, l)| l)
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct PhraseLists {
    positive: Vec<String>,
    negative: Vec<String>,
}

/// The binary carries each rule as an array in this field order (`compact_rules` in
/// `build.rs`), so a field moved or added here must move or be added there too.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleData {
    id: String,
    concern: String,
    pattern: String,
    negatable: bool,
    check: CheckData,
    #[serde(default)]
    shape: Shape,
    /// `false`: the model may not overrule this rule's finding. For precise rules in words
    /// the training lines hardly use ("he is at fault"), where the model, never having seen
    /// them, leans toward nothing and would drop every finding.
    #[serde(default = "model_may_veto")]
    veto: bool,
}

fn model_may_veto() -> bool {
    true
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "snake_case")]
enum CheckData {
    None,
    AlwaysNever,
    AlwaysComplains,
    RejectPositive,
    /// The name of a word list.
    NotAfter(String),
    /// The name of a word list.
    NotHolding(String),
}

/// What else a match must pass, beyond not being quoted (and not negated, if negatable).
#[derive(Debug, Clone, Copy)]
pub(super) enum Check {
    None,
    /// "you always/never …": not a yes/no question, not an idiom, and not warm or reassuring.
    AlwaysNever,
    /// "he's always …": as `AlwaysNever`, and only when what follows is hard and nothing in
    /// the sentence is warm.
    AlwaysComplains,
    /// "because of you", "you made me": fine when the sentence is warm.
    RejectPositive,
    /// Not when the word before is one of these ("I called you lazy" reports, not insults).
    NotAfter(&'static [String]),
    /// Not when the matched words hold one of these ("I'm scared, baby." is no insult alone).
    NotHolding(&'static [String]),
}

/// Which "always/never" shape matched, for building the "When you …" suggestion.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(super) enum Shape {
    #[default]
    Other,
    YouAlways,
    EveryTime,
}

/// A rule ready to compile: fragments substituted, concern and check resolved.
pub(super) struct RuleSpec {
    pub concern: Concern,
    pub src: String,
    pub negatable: bool,
    pub check: Check,
    pub shape: Shape,
    pub veto: bool,
}

/// The embedded asset. Nothing here panics: should the file not parse, or have another
/// format version, there is no data at all and the checker finds nothing; a rule, fragment or
/// phrase with a problem is left out (`rule_specs`, `phrases`). The full check (`problems`)
/// is not repeated at run time: `embedded_asset_has_no_problems` (a unit test) and
/// `the_rules_asset_has_no_problems` (in `tests/it/draft.rs`) make sure the shipped asset is
/// whole, so the fallbacks are only a safety net.
static DATA: LazyLock<Data> = LazyLock::new(|| {
    serde_json::from_str::<Data>(SOURCE)
        .ok()
        .filter(|data| data.format_version == FORMAT_VERSION)
        .unwrap_or_default()
});

pub(super) fn data() -> &'static Data {
    &DATA
}

/// What is wrong with the embedded rules, one message per problem, each naming the file
/// and the rule, fragment or list; empty when all is well.
pub fn problems() -> Vec<String> {
    read(FILE, SOURCE).err().unwrap_or_default()
}

/// Reads and checks a rules file: the data, or every problem found.
pub(super) fn read(file: &str, src: &str) -> Result<Data, Vec<String>> {
    let data: Data = serde_json::from_str(src).map_err(|e| vec![format!("{file}: {e}")])?;
    let problems = data.problems(file);
    if problems.is_empty() {
        Ok(data)
    } else {
        Err(problems)
    }
}

impl Data {
    fn problems(&self, file: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut bad = |what: String, message: String| out.push((what, message));
        if self.format_version != FORMAT_VERSION {
            bad(
                "format_version".to_string(),
                format!("is {}, expected {FORMAT_VERSION}", self.format_version),
            );
        }
        self.text_problems(&mut bad);
        self.list_problems(&mut bad);
        self.rule_problems(&mut bad);
        out.into_iter()
            .map(|(what, message)| format!("{file}: {what}: {message}"))
            .collect()
    }

    /// Each concern has a title and a note with `{found}`, and no other concern is named.
    fn text_problems(&self, bad: &mut impl FnMut(String, String)) {
        for c in Concern::ALL {
            match self.concerns.get(c.id()) {
                None => bad(
                    format!("concern \"{}\"", c.id()),
                    "has no title and note".into(),
                ),
                Some(text) if text.title.trim().is_empty() => {
                    bad(format!("concern \"{}\"", c.id()), "empty title".into());
                }
                Some(text) if text.note.matches("{found}").count() != 1 => {
                    bad(
                        format!("concern \"{}\"", c.id()),
                        "the note needs {found} exactly once".into(),
                    );
                }
                Some(_) => {}
            }
        }
        for id in self.concerns.keys() {
            if Concern::from_id(id).is_none() {
                bad(format!("concern \"{id}\""), "unknown concern".into());
            }
        }
    }

    /// Fragments and phrases parse; word lists, expansions and notes are not empty.
    fn list_problems(&self, bad: &mut impl FnMut(String, String)) {
        for (name, fragment) in &self.fragments {
            if let Err(e) = self.pattern(fragment) {
                bad(format!("fragment \"{name}\""), e);
            }
        }
        for (name, list) in self.words.all() {
            if list.is_empty() {
                bad(format!("word list \"{name}\""), "empty word list".into());
            }
            if list.iter().any(|w| w.trim().is_empty()) {
                bad(format!("word list \"{name}\""), "empty word".into());
            }
        }
        for (name, list) in [
            ("positive", &self.phrases.positive),
            ("negative", &self.phrases.negative),
        ] {
            if list.is_empty() {
                bad(
                    format!("phrase list \"{name}\""),
                    "empty phrase list".into(),
                );
            }
            for phrase in list {
                if let Err(e) = self.pattern(phrase) {
                    bad(
                        format!("phrase list \"{name}\""),
                        format!("\"{phrase}\": {e}"),
                    );
                }
            }
        }
        for (word, parts) in &self.expansions {
            if parts.is_empty() || parts.iter().any(|p| p.trim().is_empty()) {
                bad(format!("expansion \"{word}\""), "empty expansion".into());
            }
        }
        for name in self.about.keys() {
            let known = self.fragments.contains_key(name)
                || self.words.named(name).is_some()
                || ["positive", "negative", "expansions", "irregular"].contains(&name.as_str());
            if !known {
                bad(
                    format!("about \"{name}\""),
                    "names no fragment or list".into(),
                );
            }
        }
    }

    /// Rule ids are unique, concerns and word lists known, patterns parse.
    fn rule_problems(&self, bad: &mut impl FnMut(String, String)) {
        let mut ids = BTreeSet::new();
        for rule in &self.rules {
            let what = format!("rule \"{}\"", rule.id);
            if rule.id.trim().is_empty() {
                bad(what.clone(), "empty id".into());
            } else if !ids.insert(rule.id.as_str()) {
                bad(what.clone(), "duplicate id".into());
            }
            if Concern::from_id(&rule.concern).is_none() {
                bad(
                    what.clone(),
                    format!("unknown concern \"{}\"", rule.concern),
                );
            }
            if let CheckData::NotAfter(list) | CheckData::NotHolding(list) = &rule.check
                && self.words.named(list).is_none()
            {
                bad(
                    what.clone(),
                    format!("its check names an unknown word list \"{list}\""),
                );
            }
            if let Err(e) = self.pattern(&rule.pattern) {
                bad(what, e);
            }
        }
    }

    /// A pattern with its fragments substituted, checked to parse.
    fn pattern(&self, src: &str) -> Result<String, String> {
        let full = self.substitute(src, 0)?;
        parse(&full).map_err(|e| format!("pattern does not parse: {e}"))?;
        Ok(full)
    }

    /// Replaces each `{NAME}` with its fragment, fragments within fragments too.
    fn substitute(&self, src: &str, depth: usize) -> Result<String, String> {
        if depth > 8 {
            return Err("fragments nest too deep (a fragment that uses itself?)".into());
        }
        let mut out = String::with_capacity(src.len());
        let mut rest = src;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let Some(close) = after.find('}') else {
                return Err("a `{` without its `}`".into());
            };
            let name = &after[..close];
            let fragment = self
                .fragments
                .get(name)
                .ok_or_else(|| format!("unknown fragment \"{{{name}}}\""))?;
            out.push_str(&self.substitute(fragment, depth + 1)?);
            rest = &after[close + 1..];
        }
        out.push_str(rest);
        Ok(out)
    }

    /// The rules, ready to compile. Rules with a problem (never in a checked asset) are left
    /// out.
    pub(super) fn rule_specs(&'static self) -> Vec<RuleSpec> {
        self.rules
            .iter()
            .filter_map(|rule| {
                Some(RuleSpec {
                    concern: Concern::from_id(&rule.concern)?,
                    src: self.pattern(&rule.pattern).ok()?,
                    negatable: rule.negatable,
                    check: match &rule.check {
                        CheckData::None => Check::None,
                        CheckData::AlwaysNever => Check::AlwaysNever,
                        CheckData::AlwaysComplains => Check::AlwaysComplains,
                        CheckData::RejectPositive => Check::RejectPositive,
                        CheckData::NotAfter(list) => Check::NotAfter(self.words.named(list)?),
                        CheckData::NotHolding(list) => Check::NotHolding(self.words.named(list)?),
                    },
                    shape: rule.shape,
                    veto: rule.veto,
                })
            })
            .collect()
    }

    /// The warm or the hard phrases, fragments substituted; any with a problem left out.
    pub(super) fn phrases(&self, positive: bool) -> Vec<String> {
        let list = if positive {
            &self.phrases.positive
        } else {
            &self.phrases.negative
        };
        list.iter().filter_map(|p| self.pattern(p).ok()).collect()
    }

    /// Every rule's id and its pattern with fragments substituted, for tests.
    #[cfg(test)]
    pub(super) fn rule_sources(&self) -> Vec<(String, String)> {
        self.rules
            .iter()
            .map(|r| (r.id.clone(), self.pattern(&r.pattern).unwrap_or_default()))
            .collect()
    }
}
