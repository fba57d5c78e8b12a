//! Content kept as data: questions, options and their tags, next-step rules, copy, sources and
//! crisis resources. Embedded at build time and parsed strictly here; `crate::validate` checks
//! them against each other and against the code at start-up and in the tests.

pub mod after;
pub mod rehearsal;
pub mod resources;
pub mod template;

pub use resources::{Region, ResourceEntry, Resources};
pub use template::{Face, KeyWords, Keys, Pronouns, Voice, render};

use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// The format of the content files this build understands, where no file says otherwise.
pub const FORMAT_VERSION: u32 = 1;

/// The format of one content file this build reads: steps (derived reasons, groups, the cap)
/// and resources (needs, contact kinds, provenance) are at version 2.
pub fn format_version(file: &str) -> u32 {
    match file {
        "steps.json" | "resources.json" => 2,
        _ => FORMAT_VERSION,
    }
}

/// Everything the app says, loaded from `assets/`.
#[derive(Debug, Clone)]
pub struct Content {
    pub questionnaire: Lazy<Questionnaire>,
    pub steps: Lazy<Steps>,
    pub copy: Lazy<Copy>,
    pub sources: Lazy<Sources>,
    pub resources: Lazy<Resources>,
    pub rehearsal: Lazy<rehearsal::Rehearsal>,
    pub after: Lazy<after::After>,
    /// The face whose key words fill the texts (see [`Content::for_face`]).
    face: Face,
    /// How the texts spell "counseling" (see [`Content::for_spelling`]).
    spelling: Spelling,
    /// The files as written, key placeholders and all, to fill for another face.
    raw: Raw,
}

/// One content file, read as `T`: parsed the first time it is used, so that start-up reads
/// only what the first screen shows (parsing all of them took 0.6 ms of a 2 ms start).
/// Clones share the parse.
pub struct Lazy<T> {
    parsed: std::sync::Arc<std::sync::OnceLock<T>>,
    /// Where it comes from: the texts, the file's name, the face's key words and the spelling.
    source: (Raw, &'static str, KeyWords, Spelling),
}

impl<T> Clone for Lazy<T> {
    fn clone(&self) -> Self {
        Lazy {
            parsed: self.parsed.clone(),
            source: self.source.clone(),
        }
    }
}

impl<T: serde::de::DeserializeOwned> Lazy<T> {
    /// Parsed now: a mistake is an error here, not later.
    fn now(
        raw: &Raw,
        file: &'static str,
        words: &KeyWords,
        spelling: Spelling,
    ) -> Result<Self, ContentError> {
        let lazy = Self::later(raw, file, words, spelling);
        let _ = lazy.parsed.set(parse_file(raw, file, words, spelling)?);
        Ok(lazy)
    }

    /// Parsed at first use. Only for texts known to parse: the embedded files, which a test
    /// parses up front (`Content::from_texts`), and their refills for another face or
    /// spelling, which change only words inside strings (no key or id holds "counseling":
    /// a test checks).
    fn later(raw: &Raw, file: &'static str, words: &KeyWords, spelling: Spelling) -> Self {
        Lazy {
            parsed: std::sync::Arc::new(std::sync::OnceLock::new()),
            source: (raw.clone(), file, words.clone(), spelling),
        }
    }
}

impl<T: serde::de::DeserializeOwned> std::ops::Deref for Lazy<T> {
    type Target = T;

    fn deref(&self) -> &T {
        self.parsed.get_or_init(|| {
            let (raw, file, words, spelling) = &self.source;
            // Texts known to parse (see `Lazy::later`): this cannot fail.
            #[allow(clippy::expect_used)]
            parse_file(raw, file, words, *spelling)
                .expect("the embedded content parses (a test checks)")
        })
    }
}

impl<T: serde::de::DeserializeOwned + std::fmt::Debug> std::fmt::Debug for Lazy<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&**self, f)
    }
}

/// `file` of `raw` with `words` filled in and spelled as `spelling` says, parsed.
fn parse_file<T: serde::de::DeserializeOwned>(
    raw: &Raw,
    file: &'static str,
    words: &KeyWords,
    spelling: Spelling,
) -> Result<T, ContentError> {
    let text = template::fill_keys_in_json(raw.text(file)?, words);
    // Each help line is described in its own country's spelling. The sources' titles, in
    // quotation marks, are spelled as their authors spelled them; Overture's own words
    // about them follow the user. No key or id holds the words (the tests check).
    let text = match (spelling, file) {
        (Spelling::Us, _) | (_, "resources.json") => text,
        (_, "sources.json") => spelling.spell_outside_quotes(&text),
        _ => spelling.spell(&text).into_owned(),
    };
    serde_json::from_str(&text).map_err(|e| ContentError::Parse {
        file,
        message: e.to_string(),
    })
}

/// How the texts spell "counseling", "counselor" and "program": as written (US English), or
/// as the rest of the English-speaking world does ("counselling", "counsellor"), and, in
/// British and New Zealand English, "programme" for a course of help (Canada and Australia
/// write "program"). Set by the country the user chose or their computer's language setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Spelling {
    #[default]
    Us,
    /// Canada and Australia: "counselling", "program".
    Commonwealth,
    /// The UK, Ireland and New Zealand: "counselling", "programme".
    British,
}

impl Spelling {
    /// The spelling for a help-lines region id: US English for the US and where no country
    /// is known, "counselling" everywhere else, and "programme" where people write it so.
    pub fn of_country(country: Option<&str>) -> Spelling {
        match country {
            None | Some("us" | "intl") => Spelling::Us,
            Some("uk" | "ie" | "nz") => Spelling::British,
            Some(_) => Spelling::Commonwealth,
        }
    }

    /// `text` in this spelling, but for what stands inside quotation marks (“…”): a title,
    /// as its author spelled it.
    fn spell_outside_quotes(self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(open) = rest.find('\u{201c}') {
            out.push_str(&self.spell(&rest[..open]));
            let quoted = &rest[open..];
            let close = quoted
                .find('\u{201d}')
                .map_or(quoted.len(), |at| at + '\u{201d}'.len_utf8());
            out.push_str(&quoted[..close]);
            rest = &quoted[close..];
        }
        out.push_str(&self.spell(rest));
        out
    }

    /// `text` in this spelling.
    pub fn spell(self, text: &str) -> std::borrow::Cow<'_, str> {
        let counsel = self != Spelling::Us && text.contains("ounsel");
        // Every English but the US spells it "behaviour", Canada and Australia included.
        let behavior = self != Spelling::Us && text.contains("ehavior");
        let program = self == Spelling::British && text.contains("program");
        if !counsel && !behavior && !program {
            return std::borrow::Cow::Borrowed(text);
        }
        let mut out = text.to_string();
        if counsel {
            out = out
                .replace("ounseling", "ounselling")
                .replace("ounselor", "ounsellor");
        }
        if behavior {
            out = out.replace("ehavior", "ehaviour");
        }
        if program {
            out = programme(&out);
        }
        std::borrow::Cow::Owned(out)
    }
}

/// `text` with each lowercase word "program" or "programs" spelled "programme(s)". A word
/// only: not inside an id (`free_program`), and not a capitalised name ("Lethality
/// Assessment Program"). The texts never call software a program, which keeps "program".
fn programme(text: &str) -> String {
    let is_word_char = |c: char| c.is_alphanumeric() || c == '_' || c == '-';
    let mut out = String::with_capacity(text.len() + 8);
    let mut rest = text;
    while let Some(at) = rest.find("program") {
        let (before, from) = rest.split_at(at);
        let after = &from["program".len()..];
        // The texts are spelled as JSON, where a line break before the word is `\n`.
        let starts_word =
            !before.chars().next_back().is_some_and(is_word_char) || before.ends_with("\\n");
        let tail = after.strip_prefix('s').unwrap_or(after);
        let ends_word = !tail.chars().next().is_some_and(is_word_char);
        out.push_str(before);
        out.push_str(if starts_word && ends_word {
            "programme"
        } else {
            "program"
        });
        rest = after;
    }
    out.push_str(rest);
    out
}

/// When [`Content::build`] parses the files.
#[derive(Clone, Copy)]
enum Parse {
    Now,
    Later,
}

/// The content files as written, before any face's key words are filled in.
#[derive(Clone)]
pub(crate) struct Raw(std::sync::Arc<Vec<(&'static str, std::borrow::Cow<'static, str>)>>);

impl std::fmt::Debug for Raw {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Raw(..)")
    }
}

impl Raw {
    /// Each file's name and text, as written.
    pub(crate) fn files(&self) -> impl Iterator<Item = (&'static str, &str)> {
        self.0.iter().map(|(name, text)| (*name, text.as_ref()))
    }

    fn text(&self, file: &'static str) -> Result<&str, ContentError> {
        self.files()
            .find(|(name, _)| *name == file)
            .map(|(_, text)| text)
            .ok_or_else(|| ContentError::Parse {
                file,
                message: "missing".to_string(),
            })
    }
}

/// The part of `copy.json` that says how each face names a key: read before the texts are
/// filled with it.
#[derive(Deserialize)]
struct KeysOnly {
    keys: Keys,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Questionnaire {
    pub format_version: u32,
    pub sections: Vec<Section>,
    pub questions: Vec<Question>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub id: String,
    pub title: String,
    /// Shown above the first question of the section.
    pub intro: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuestionKind {
    /// Exactly one option.
    Single,
    /// One or more options; an `exclusive` option clears the others.
    Multi,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub id: String,
    pub section: String,
    pub kind: QuestionKind,
    pub text: String,
    /// A few words naming the question, for comparing two check-ins ("Contempt").
    #[serde(default)]
    pub short: Option<String>,
    /// One or two lines under the question: why it is asked, or what counts.
    #[serde(default)]
    pub help: Option<String>,
    /// Said instead of `help` when the latest logged ask was answered yes: a question about
    /// the partner's "no" is then about the times before it.
    #[serde(default)]
    pub help_after_yes: Option<String>,
    pub options: Vec<AnswerOption>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnswerOption {
    pub key: String,
    pub label: String,
    #[serde(default)]
    pub tags: Vec<String>,
    /// In a multi-select question: choosing this clears the others ("none of these").
    #[serde(default)]
    pub exclusive: bool,
    /// The "why am I seeing this" line for a result this answer helped decide.
    #[serde(default)]
    pub why: Option<String>,
    /// Source ids (see `sources.json`) behind `why`.
    #[serde(default)]
    pub sources: Vec<String>,
}

/// When a rule applies: every tag in `all`, at least one in `any` (if not empty), none in `none`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Condition {
    #[serde(default)]
    pub all: Vec<String>,
    #[serde(default)]
    pub any: Vec<String>,
    #[serde(default)]
    pub none: Vec<String>,
}

impl Condition {
    pub fn matches(&self, tags: &std::collections::BTreeSet<String>) -> bool {
        self.all.iter().all(|t| tags.contains(t))
            && (self.any.is_empty() || self.any.iter().any(|t| tags.contains(t)))
            && !self.none.iter().any(|t| tags.contains(t))
    }

    pub fn tags(&self) -> impl Iterator<Item = &String> {
        self.all.iter().chain(&self.any).chain(&self.none)
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Steps {
    pub format_version: u32,
    /// The most steps one plan shows: a plan a person can follow, not a reading list.
    pub max_steps: usize,
    /// Every tag a rule can name, with what it says about the user when it holds. A step's
    /// "why" is built from these, so it can only cite answers the user gave.
    pub conditions: BTreeMap<String, ConditionWords>,
    pub steps: Vec<Step>,
}

/// What a condition says about the user, when it holds.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConditionWords {
    /// In the user's terms, to follow "Because": "you said {they} {works|work} too much".
    /// None for a path condition ("the outcome is reachable"), which is never named as a
    /// reason: the page's own "why am I seeing this" speaks for the path.
    #[serde(default)]
    pub phrase: Option<String>,
    /// An umbrella tag (`gate_abuse`) names the narrower tags that held instead of itself.
    #[serde(default)]
    pub detail: Vec<String>,
}

/// When in a plan a step belongs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StepGroup {
    Now,
    Week,
    Later,
}

impl StepGroup {
    pub const ALL: [StepGroup; 3] = [StepGroup::Now, StepGroup::Week, StepGroup::Later];

    pub fn heading(self) -> &'static str {
        match self {
            StepGroup::Now => "Now",
            StepGroup::Week => "This week",
            StepGroup::Later => "Later",
        }
    }
}

/// What sort of advice a step is. The safety gate filters on this in code, so an edit to a
/// rule can never put invitation advice in front of someone on the safety path.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StepKind {
    /// Crisis lines, safety planning, abuse-informed support.
    Safety,
    /// Individual support for the user.
    Support,
    /// How to ask the partner; any "lower the bar" tactic. Never on the safety path.
    Invitation,
    /// Lower-threshold formats to offer the partner. Never on the safety path.
    Door,
    /// Work the user can do alone.
    Solo,
    /// A plan over time (repeated "no", review date).
    Plan,
}

impl StepKind {
    pub const ALL: [StepKind; 6] = [
        StepKind::Safety,
        StepKind::Support,
        StepKind::Invitation,
        StepKind::Door,
        StepKind::Solo,
        StepKind::Plan,
    ];

    /// The id used in `steps.json`.
    pub fn id(self) -> &'static str {
        match self {
            StepKind::Safety => "safety",
            StepKind::Support => "support",
            StepKind::Invitation => "invitation",
            StepKind::Door => "door",
            StepKind::Solo => "solo",
            StepKind::Plan => "plan",
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    pub id: String,
    pub kind: StepKind,
    /// Now, this week or later: the plan is shown in these groups, in this order.
    pub group: StepGroup,
    pub title: String,
    pub body: String,
    /// Why this kind of step helps, with no claim about the user: the answers that make it
    /// fit are named from `Steps::conditions`, ahead of this.
    pub basis: String,
    #[serde(default)]
    pub sources: Vec<String>,
    pub when: Condition,
    /// Lower comes first within its group, and wins a place when the plan is full.
    pub order: u32,
    /// Steps this one replaces when both would apply ("stop asking" replaces ways to ask).
    #[serde(default)]
    pub excludes: Vec<String>,
    /// Steps that must come after this one when both are shown ("a truce before an ask").
    #[serde(default)]
    pub before: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Copy {
    pub format_version: u32,
    /// How each face names the key for the crisis lines: `{crisis_key}` and its family.
    pub keys: Keys,
    pub welcome: Welcome,
    /// The home menu's entries. `{count}` and `{place}` are filled by the menu.
    pub home: HomeLabels,
    /// Shown on every result screen.
    pub disclaimer: String,
    pub not_validated: String,
    /// Added to `not_validated` on the paths about abuse: where a real danger assessment is.
    pub not_validated_abuse: String,
    /// Keyed by outcome id: `safety_first`, `not_first_step`, `red_flag`, `reachable`, `not_yet_clear`.
    pub outcomes: BTreeMap<String, OutcomeCopy>,
    /// Keyed by path id (`core::gate::Path::id`): each path spoken to as it is.
    pub paths: BTreeMap<String, OutcomeCopy>,
    /// Beside a screen-out, the red flag leads; this names the screen-out too.
    pub red_flag_beside: String,
    /// The summary where inviting is the advice but the user has asked many times already:
    /// the plan is about setting the ask down, not asking again.
    pub asked_many_summary: String,
    /// Keyed by signal id: `no`, `treatment`, `calm`, `underneath`.
    pub signals: BTreeMap<String, SignalCopy>,
    /// Keyed by screen-out id: `affair`, `addiction`, `crisis`, `gone`, and safety reason ids
    /// `abuse`, `self_harm`.
    pub reasons: BTreeMap<String, ReasonCopy>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Welcome {
    pub title: String,
    pub paragraphs: Vec<String>,
    pub device_warning: String,
    pub traces: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutcomeCopy {
    pub title: String,
    pub summary: String,
    /// The summary when something reported after the check-in put the user on this path:
    /// then "your answers" would not be true of the check-in the page stands on.
    #[serde(default)]
    pub since_summary: Option<String>,
    /// The basis for this kind of outcome, in plain words.
    pub basis: String,
    #[serde(default)]
    pub sources: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignalCopy {
    /// e.g. "{Their} no".
    pub name: String,
    pub reachable: String,
    pub red_flag: String,
    pub mixed: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReasonCopy {
    pub title: String,
    pub text: String,
    /// The same reason where it comes from something told after the check-in (a logged or
    /// practised threat), not from the check-in's own answers.
    #[serde(default)]
    pub since_text: Option<String>,
    #[serde(default)]
    pub sources: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sources {
    pub format_version: u32,
    pub sources: Vec<Source>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub id: String,
    /// Short form shown inline, e.g. "Gottman's research on contempt".
    pub short: String,
    /// Full reference: author or organisation, title, where.
    pub full: String,
    /// Who: the authors, or the organisation that says it.
    pub authors: String,
    /// The year of the work, where one is known.
    #[serde(default)]
    pub year: Option<u32>,
    /// What kind of evidence it is, so a claim can say no more than its source found.
    pub kind: SourceKind,
}

/// What kind of evidence a source is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    /// A randomised or controlled trial.
    Trial,
    /// An observational or cohort study.
    Study,
    /// A population survey.
    Survey,
    /// A review of other studies.
    Review,
    /// A clinician's or practitioner's view from their own practice.
    ClinicianView,
    /// An organisation's stated position or guidance.
    Guidance,
    /// A screening or assessment instrument.
    Instrument,
    /// A clinical model or programme and the research behind it.
    Model,
    /// A list of help lines.
    Directory,
    /// An advice article that summarises others' research.
    Article,
}

impl SourceKind {
    /// Research whose year a reader needs to weigh it.
    pub fn needs_year(self) -> bool {
        matches!(
            self,
            SourceKind::Trial | SourceKind::Study | SourceKind::Survey | SourceKind::Review
        )
    }

    pub fn describe(self) -> &'static str {
        match self {
            SourceKind::Trial => "a controlled trial",
            SourceKind::Study => "a study",
            SourceKind::Survey => "a survey",
            SourceKind::Review => "a review of studies",
            SourceKind::ClinicianView => "a clinician's view",
            SourceKind::Guidance => "an organisation's guidance",
            SourceKind::Instrument => "an assessment instrument",
            SourceKind::Model => "a clinical model and its research",
            SourceKind::Directory => "a directory of help lines",
            SourceKind::Article => "an advice article",
        }
    }
}

/// The content files, by name, as embedded in this build.
pub const EMBEDDED: [(&str, &str); 7] = [
    (
        "questions.json",
        include_str!(concat!(env!("OUT_DIR"), "/questions.json")),
    ),
    (
        "steps.json",
        include_str!(concat!(env!("OUT_DIR"), "/steps.json")),
    ),
    (
        "copy.json",
        include_str!(concat!(env!("OUT_DIR"), "/copy.json")),
    ),
    (
        "sources.json",
        include_str!(concat!(env!("OUT_DIR"), "/sources.json")),
    ),
    (
        "resources.json",
        include_str!(concat!(env!("OUT_DIR"), "/resources.json")),
    ),
    (
        "rehearsal.json",
        include_str!(concat!(env!("OUT_DIR"), "/rehearsal.json")),
    ),
    (
        "after.json",
        include_str!(concat!(env!("OUT_DIR"), "/after.json")),
    ),
];

/// The content files, by name.
const FILES: [&str; 7] = [
    "questions.json",
    "steps.json",
    "copy.json",
    "sources.json",
    "resources.json",
    "rehearsal.json",
    "after.json",
];

/// The words of the home menu; the core decides which entries are shown.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct HomeLabels {
    #[serde(rename = "continue")]
    pub resume: String,
    /// With where the check-in stopped: `{place}`.
    pub continue_at: String,
    pub start: String,
    pub retake: String,
    /// Start and Retake beside an unfinished check-in: they would clear it (and ask first).
    pub start_over: String,
    pub retake_over: String,
    pub latest_result: String,
    pub rehearse: String,
    pub rehearse_continue: String,
    pub script: String,
    pub log_ask: String,
    /// With how many are logged: `{count}`.
    pub log_ask_count: String,
    /// Where asking again is not the advice: a record of what happened.
    pub note_ask: String,
    pub note_ask_count: String,
    /// With how many "no"s since the last yes: `{count}`.
    pub repeated_no: String,
    /// The same when no ask was ever answered yes: `{count}` "no"s in all.
    pub repeated_no_never_yes: String,
    pub timeline_set: String,
    pub timeline_review: String,
    pub doors: String,
    pub solo: String,
    pub history: String,
    pub trends: String,
    pub export_summary: String,
    pub crisis: String,
    pub change_voice: String,
    pub settings: String,
    pub quit: String,
}

/// Fills a home label's own placeholders, `{count}` and `{place}`.
pub fn fill_menu(label: &str, count: usize, place: &str) -> String {
    label
        .replace("{count}", &count.to_string())
        .replace("{place}", place)
}

/// Why content could not be read, or what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ContentError {
    #[error("{file}: {message}")]
    Parse { file: &'static str, message: String },
    #[error("content has {} problem(s):\n{}", .0.len(), bullet_lines(.0))]
    Invalid(Vec<String>),
}

/// One "  - problem" line per problem, each ending in a newline.
fn bullet_lines(problems: &[String]) -> String {
    let mut lines = String::new();
    for p in problems {
        let _ = writeln!(lines, "  - {p}");
    }
    lines
}

impl Content {
    /// Parses the content embedded in this build (`crate::validate::embedded` also checks it).
    pub fn embedded() -> Result<Self, ContentError> {
        let raw = Raw(std::sync::Arc::new(
            EMBEDDED
                .iter()
                // Borrowed: the embedded texts live as long as the program.
                .map(|&(name, text)| (name, std::borrow::Cow::Borrowed(text)))
                .collect(),
        ));
        Self::build(&raw, Face::Screen, Spelling::Us, Parse::Later)
    }

    /// Parses content from JSON texts named as in [`EMBEDDED`]; `crate::validate::from_texts`
    /// also checks it. The texts are worded for the full-screen app, [`Face::Screen`];
    /// [`Content::for_face`] words them for another face.
    pub fn from_texts(texts: &[(&str, &str)]) -> Result<Self, ContentError> {
        let mut raw = Vec::with_capacity(FILES.len());
        for file in FILES {
            let text = texts
                .iter()
                .find(|(name, _)| *name == file)
                .map(|(_, text)| std::borrow::Cow::Owned((*text).to_string()))
                .ok_or_else(|| ContentError::Parse {
                    file,
                    message: "missing".to_string(),
                })?;
            raw.push((file, text));
        }
        Self::build(
            &Raw(std::sync::Arc::new(raw)),
            Face::Screen,
            Spelling::Us,
            Parse::Now,
        )
    }

    /// The same content, its texts naming the crisis lines' key as `face` does: a key to
    /// press in the full-screen app, a word to type in plain mode, a command in a file.
    #[must_use]
    pub fn for_face(&self, face: Face) -> Content {
        self.reworded(face, self.spelling)
    }

    /// [`Content::for_face`], taking the content: nothing is copied when it is worded for
    /// `face` already.
    #[must_use]
    pub fn into_face(self, face: Face) -> Content {
        let spelling = self.spelling;
        self.into_reworded(face, spelling)
    }

    /// The same content, spelled as `spelling` says.
    #[must_use]
    pub fn for_spelling(&self, spelling: Spelling) -> Content {
        self.reworded(self.face, spelling)
    }

    /// [`Content::for_spelling`], taking the content.
    #[must_use]
    pub fn into_spelling(self, spelling: Spelling) -> Content {
        let face = self.face;
        self.into_reworded(face, spelling)
    }

    /// The same content worded for `face` and spelled as `spelling` says. Cheap: the raw
    /// files are parsed again only when first used. They parsed and validated already, and
    /// filling and spelling change only words inside strings, so this cannot fail; were it
    /// to, the texts would keep the words they have.
    #[must_use]
    fn reworded(&self, face: Face, spelling: Spelling) -> Content {
        if face == self.face && spelling == self.spelling {
            return self.clone();
        }
        Self::build(&self.raw, face, spelling, Parse::Later).unwrap_or_else(|_| self.clone())
    }

    /// [`Content::reworded`], taking the content: nothing is copied when nothing changes.
    #[must_use]
    pub(crate) fn into_reworded(self, face: Face, spelling: Spelling) -> Content {
        if face == self.face && spelling == self.spelling {
            self
        } else {
            self.reworded(face, spelling)
        }
    }

    /// The spelling of these texts.
    pub fn spelling(&self) -> Spelling {
        self.spelling
    }

    /// A text written in the code, spelled as these texts are.
    pub fn spell<'t>(&self, text: &'t str) -> std::borrow::Cow<'t, str> {
        self.spelling.spell(text)
    }

    /// The face these texts are worded for.
    pub fn face(&self) -> Face {
        self.face
    }

    /// The content files as written, key placeholders and all.
    pub(crate) fn raw(&self) -> &Raw {
        &self.raw
    }

    /// The content of the raw files, with `face`'s key words filled in: each text is filled,
    /// then parsed once, so a mistake is reported with its line and column.
    fn build(
        raw: &Raw,
        face: Face,
        spelling: Spelling,
        when: Parse,
    ) -> Result<Content, ContentError> {
        fn file<T: serde::de::DeserializeOwned>(
            raw: &Raw,
            name: &'static str,
            words: &KeyWords,
            spelling: Spelling,
            when: Parse,
        ) -> Result<Lazy<T>, ContentError> {
            match when {
                Parse::Now => Lazy::now(raw, name, words, spelling),
                Parse::Later => Ok(Lazy::later(raw, name, words, spelling)),
            }
        }
        let copy = raw.text("copy.json")?;
        let keys = match serde_json::from_str::<KeysOnly>(copy) {
            Ok(only) => only.keys,
            // Report the mistake as a full read of copy.json finds it.
            Err(e) => {
                serde_json::from_str::<Copy>(copy).map_err(|e| ContentError::Parse {
                    file: "copy.json",
                    message: e.to_string(),
                })?;
                return Err(ContentError::Parse {
                    file: "copy.json",
                    message: e.to_string(),
                });
            }
        };
        let words = keys.of(face);
        Ok(Content {
            questionnaire: file(raw, "questions.json", words, spelling, when)?,
            steps: file(raw, "steps.json", words, spelling, when)?,
            copy: file(raw, "copy.json", words, spelling, when)?,
            sources: file(raw, "sources.json", words, spelling, when)?,
            resources: file(raw, "resources.json", words, spelling, when)?,
            rehearsal: file(raw, "rehearsal.json", words, spelling, when)?,
            after: file(raw, "after.json", words, spelling, when)?,
            face,
            spelling,
            raw: raw.clone(),
        })
    }

    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questionnaire.questions.iter().find(|q| q.id == id)
    }

    pub fn section(&self, id: &str) -> Option<&Section> {
        self.questionnaire.sections.iter().find(|s| s.id == id)
    }

    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.sources.iter().find(|s| s.id == id)
    }

    /// The crisis-line regions with the user's own country first (if chosen), then the rest
    /// in their usual order.
    pub fn regions_for(&self, country: Option<&str>) -> Vec<&Region> {
        let regions = &self.resources.regions;
        // With no country chosen, the international directories come first: listing one
        // country's numbers first would guess where the user is.
        let first = |r: &&Region| match country {
            Some(c) => r.id == c,
            None => r.is_directory(),
        };
        let mut ordered: Vec<&Region> = regions.iter().filter(first).collect();
        ordered.extend(regions.iter().filter(|r| !first(r)));
        ordered
    }

    /// Every tag some answer option can produce.
    pub fn option_tags(&self) -> std::collections::BTreeSet<&str> {
        self.questionnaire
            .questions
            .iter()
            .flat_map(|q| &q.options)
            .flat_map(|o| &o.tags)
            .map(String::as_str)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    /// Only the lowercase word changes: its plural, and the word after a space, a newline
    /// escape or punctuation; not an id, a longer word, or a capitalised name.
    #[test]
    fn programme_changes_the_word_and_nothing_else() {
        for (text, spelled) in [
            ("a free program", "a free programme"),
            ("structured programs.", "structured programmes."),
            ("(program)", "(programme)"),
            ("\u{201c}program\u{201d}", "\u{201c}programme\u{201d}"),
            // In the JSON the texts are spelled in, a line break is written as `\n`.
            (r"one.\nprogram", r"one.\nprogramme"),
            ("free_program", "free_program"),
            ("programming", "programming"),
            ("programmed", "programmed"),
            (
                "Lethality Assessment Program",
                "Lethality Assessment Program",
            ),
        ] {
            assert_eq!(super::programme(text), spelled, "{text}");
        }
    }
}
