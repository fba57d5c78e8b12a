//! Partner word and pronoun templating.
//!
//! Content text may contain:
//! - `{partner}` / `{Partner}`: the word the user chose ("husband", "partner", …);
//! - pronoun words `{they}`, `{them}`, `{their}`, `{theirs}`, `{themself}`, `{they're}`,
//!   `{they've}`, `{they'll}`, `{they'd}`, each also capitalised (`{They}`, …);
//! - `{singular|plural}` for verb agreement: "{They} {gets|get} curious";
//! - `{he:…|she:…|they:…}` where the three sets need different words;
//! - the key that opens the crisis lines, which each face names its own way (`copy.json`
//!   "keys"): `{crisis_key}` in brackets ("(Ctrl-G)"), `{crisis_lister}` as what lists the
//!   lines ("Ctrl-G lists every line") and `{crisis_action}` as what to do ("press Ctrl-G"),
//!   each also capitalised (`{Crisis_action}`). [`fill_keys_in_json`] fills these once per face when
//!   the content is loaded ([`super::Content::for_face`]); [`render`] fills the rest.

use serde::{Deserialize, Serialize};
use std::fmt::Write as _;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Pronouns {
    He,
    She,
    They,
}

impl Pronouns {
    pub const ALL: [Pronouns; 3] = [Pronouns::He, Pronouns::She, Pronouns::They];

    pub fn label(self) -> &'static str {
        match self {
            Pronouns::He => "he / him / his",
            Pronouns::She => "she / her / hers",
            Pronouns::They => "they / them / their",
        }
    }

    fn key(self) -> &'static str {
        match self {
            Pronouns::He => "he",
            Pronouns::She => "she",
            Pronouns::They => "they",
        }
    }

    fn word(self, base: &str) -> Option<&'static str> {
        use Pronouns::{He, She, They};
        Some(match (base, self) {
            ("they", He) => "he",
            ("they", She) => "she",
            ("they", They) => "they",
            ("them", He) => "him",
            ("them" | "their", She) => "her",
            ("them", They) => "them",
            ("their" | "theirs", He) => "his",
            ("their", They) => "their",
            ("theirs", She) => "hers",
            ("theirs", They) => "theirs",
            ("themself", He) => "himself",
            ("themself", She) => "herself",
            ("themself", They) => "themself",
            ("they're" | "they've", He) => "he's",
            ("they're" | "they've", She) => "she's",
            ("they're", They) => "they're",
            ("they've", They) => "they've",
            ("they'll", He) => "he'll",
            ("they'll", She) => "she'll",
            ("they'll", They) => "they'll",
            ("they'd", He) => "he'd",
            ("they'd", She) => "she'd",
            ("they'd", They) => "they'd",
            _ => return None,
        })
    }
}

/// How the app speaks about the partner: the user's chosen word and pronouns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Voice {
    pub partner: String,
    pub pronouns: Pronouns,
}

impl Default for Voice {
    fn default() -> Self {
        Voice {
            partner: "partner".to_string(),
            pronouns: Pronouns::They,
        }
    }
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Which front end a text is for: each names the key for the crisis lines its own way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Face {
    /// The full-screen app: a key to press.
    #[default]
    Screen,
    /// Plain mode, line by line: a word to type.
    Plain,
    /// `overture show`, an exported file, the generated docs: no key works there.
    Export,
}

impl Face {
    pub const ALL: [Face; 3] = [Face::Screen, Face::Plain, Face::Export];

    pub fn id(self) -> &'static str {
        match self {
            Face::Screen => "screen",
            Face::Plain => "plain",
            Face::Export => "export",
        }
    }
}

/// The key placeholders, in the order [`KeyWords`] lists them.
pub const KEY_PLACEHOLDERS: [&str; 3] = ["crisis_key", "crisis_lister", "crisis_action"];

/// How one face names the key that opens the crisis lines.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyWords {
    /// In brackets after the lines are named: "Ctrl-G", "type resources".
    pub crisis_key: String,
    /// What lists the lines, as the subject of a sentence: "Ctrl-G", "typing resources".
    pub crisis_lister: String,
    /// What to do for the lines: "press Ctrl-G", "type resources".
    pub crisis_action: String,
}

impl KeyWords {
    /// The words for one key placeholder (lower case, as in [`KEY_PLACEHOLDERS`]).
    pub fn word(&self, name: &str) -> Option<&str> {
        match name {
            "crisis_key" => Some(&self.crisis_key),
            "crisis_lister" => Some(&self.crisis_lister),
            "crisis_action" => Some(&self.crisis_action),
            _ => None,
        }
    }

    /// Every word, with its placeholder's name.
    pub fn all(&self) -> [(&'static str, &str); 3] {
        KEY_PLACEHOLDERS.map(|name| (name, self.word(name).unwrap_or_default()))
    }
}

/// The key words of every face (`copy.json` "keys").
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Keys {
    pub screen: KeyWords,
    pub plain: KeyWords,
    pub export: KeyWords,
}

impl Keys {
    pub fn of(&self, face: Face) -> &KeyWords {
        match face {
            Face::Screen => &self.screen,
            Face::Plain => &self.plain,
            Face::Export => &self.export,
        }
    }
}

/// The key placeholder `inner` names, and whether it is capitalised (`{Crisis_action}`).
fn key_placeholder(inner: &str) -> Option<(&'static str, bool)> {
    KEY_PLACEHOLDERS.into_iter().find_map(|name| {
        if inner == name {
            Some((name, false))
        } else if inner == capitalise(name) {
            Some((name, true))
        } else {
            None
        }
    })
}

/// Fills the key placeholders inside the strings of a JSON text with one face's words
/// (escaped for JSON), leaving every other placeholder for [`render`], without parsing the
/// JSON first. One pass over the text: it runs on every content file a screen first reads.
pub fn fill_keys_in_json(json: &str, words: &KeyWords) -> String {
    let escaped = |word: &str| {
        let quoted = serde_json::to_string(word).unwrap_or_default();
        quoted
            .strip_prefix('"')
            .and_then(|q| q.strip_suffix('"'))
            .unwrap_or_default()
            .to_string()
    };
    let fills: Vec<(String, String)> = words
        .all()
        .into_iter()
        .flat_map(|(name, word)| {
            [
                (name.to_string(), escaped(word)),
                (capitalise(name), escaped(&capitalise(word))),
            ]
        })
        .collect();
    let mut out = String::with_capacity(json.len() + json.len() / 16);
    let mut rest = json;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let inner = &rest[open + 1..];
        let name_len = inner
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(inner.len());
        let fill = inner[name_len..]
            .starts_with('}')
            .then(|| fills.iter().find(|(name, _)| *name == inner[..name_len]))
            .flatten();
        match fill {
            Some((_, word)) => {
                out.push_str(word);
                rest = &inner[name_len + 1..];
            }
            None => {
                out.push('{');
                rest = inner;
            }
        }
    }
    out.push_str(rest);
    out
}

/// What one `{…}` placeholder turns into, or why it is not a placeholder we know.
fn expand(inner: &str, voice: &Voice) -> Result<String, String> {
    if inner == "partner" {
        return Ok(voice.partner.clone());
    }
    if inner == "Partner" {
        return Ok(capitalise(&voice.partner));
    }
    if inner.starts_with("he:") {
        let parts: Vec<&str> = inner.split('|').collect();
        let [he, she, they] = parts.as_slice() else {
            return Err(format!("{{{inner}}} needs exactly he:…|she:…|they:…"));
        };
        let pick =
            |part: &str, key: &str| part.strip_prefix(&format!("{key}:")).map(str::to_string);
        let (Some(he), Some(she), Some(they)) =
            (pick(he, "he"), pick(she, "she"), pick(they, "they"))
        else {
            return Err(format!("{{{inner}}} needs exactly he:…|she:…|they:…"));
        };
        return Ok(match voice.pronouns {
            Pronouns::He => he,
            Pronouns::She => she,
            Pronouns::They => they,
        });
    }
    if let Some((singular, plural)) = inner.split_once('|') {
        if plural.contains('|') || singular.is_empty() || plural.is_empty() {
            return Err(format!("{{{inner}}} needs exactly singular|plural"));
        }
        return Ok(match voice.pronouns {
            Pronouns::They => plural.to_string(),
            _ => singular.to_string(),
        });
    }
    let lower = inner.to_lowercase();
    let capitalised = inner.chars().next().is_some_and(char::is_uppercase);
    match voice.pronouns.word(&lower) {
        Some(word) if capitalised && capitalise(&lower) == inner => Ok(capitalise(word)),
        Some(word) if lower == inner => Ok(word.to_string()),
        _ => Err(format!("unknown placeholder {{{inner}}}")),
    }
}

/// Renders a content text for this voice. Unknown placeholders are left visible (validation
/// rejects them before they can reach a user).
pub fn render(text: &str, voice: &Voice) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            out.push_str(&rest[open..]);
            rest = "";
            break;
        };
        let inner = &after[..close];
        match expand(inner, voice) {
            Ok(expanded) => out.push_str(&expanded),
            Err(_) => {
                let _ = write!(out, "{{{inner}}}");
            }
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

/// Checks that every placeholder in `text` is one we know (a key placeholder included) and
/// that braces are balanced.
pub(crate) fn check(text: &str) -> Result<(), String> {
    let voice = Voice::default();
    let mut rest = text;
    loop {
        let open = rest.find('{');
        let close = rest.find('}');
        match (open, close) {
            (None, None) => return Ok(()),
            (None, Some(_)) => return Err("a '}' without its '{'".to_string()),
            (Some(o), Some(c)) if c > o => {
                let inner = &rest[o + 1..c];
                if inner.contains('{') {
                    return Err("a '{' inside a placeholder".to_string());
                }
                if key_placeholder(inner).is_none() {
                    expand(inner, &voice)?;
                }
                rest = &rest[c + 1..];
            }
            (Some(_), Some(_)) => return Err("a '}' before its '{'".to_string()),
            (Some(_), None) => return Err("a '{' that is never closed".to_string()),
        }
    }
}

impl Pronouns {
    /// The short key stored in saved data and used by `{he:…}` placeholders.
    pub fn as_str(self) -> &'static str {
        self.key()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn voice(p: Pronouns) -> Voice {
        Voice {
            partner: "husband".into(),
            pronouns: p,
        }
    }

    #[test]
    fn agrees_verbs_and_pronouns() {
        let t =
            "{They} {gets|get} curious when your {partner} and {they} talk; {they're} {theirs}.";
        assert_eq!(
            render(t, &voice(Pronouns::He)),
            "He gets curious when your husband and he talk; he's his."
        );
        assert_eq!(
            render(t, &voice(Pronouns::They)),
            "They get curious when your husband and they talk; they're theirs."
        );
    }

    #[test]
    fn three_way_choice() {
        let t = "{he:a male therapist|she:a female therapist|they:a therapist {they} {picks|pick}}";
        // Nested braces are not supported: validation says so.
        assert!(check(t).is_err());
        let t = "{he:a man|she:a woman|they:someone}";
        assert_eq!(render(t, &voice(Pronouns::She)), "a woman");
        assert!(check(t).is_ok());
    }

    #[test]
    fn rejects_unknown_and_unbalanced() {
        assert!(check("{partnr}").is_err());
        assert!(check("{THEY}").is_err());
        assert!(check("open { never closed").is_err());
        assert!(check("close } first").is_err());
        assert!(check("{a|b|c}").is_err());
        assert!(check("plain text").is_ok());
        assert!(check("{crisis_keys}").is_err());
        assert!(check("{CRISIS_KEY}").is_err());
        assert!(check("{Crisis_action} for crisis lines ({crisis_key}, {crisis_lister})").is_ok());
    }

    #[test]
    fn fills_the_key_words_and_nothing_else() {
        let words = KeyWords {
            crisis_key: "Ctrl-G".into(),
            crisis_lister: "typing \"resources\"".into(),
            crisis_action: "type resources".into(),
        };
        let json = r#"{"a": "{Crisis_action} now; your {partner} ({crisis_key}), {crisis_lister} lists {them}.", "b": ["{he:a|she:b|they:c} {"]}"#;
        let filled: serde_json::Value =
            serde_json::from_str(&fill_keys_in_json(json, &words)).expect("still JSON");
        assert_eq!(
            filled["a"],
            "Type resources now; your {partner} (Ctrl-G), typing \"resources\" lists {them}."
        );
        assert_eq!(filled["b"][0], "{he:a|she:b|they:c} {");
    }

    #[test]
    fn one_pass_fills_every_embedded_file_as_replacing_each_placeholder_in_turn_would() {
        fn replaced_in_turn(json: &str, words: &KeyWords) -> String {
            let mut out = json.to_string();
            for (name, word) in words.all() {
                for (placeholder, word) in [
                    (format!("{{{name}}}"), word.to_string()),
                    (format!("{{{}}}", capitalise(name)), capitalise(word)),
                ] {
                    let quoted = serde_json::to_string(&word).unwrap();
                    out = out.replace(&placeholder, &quoted[1..quoted.len() - 1]);
                }
            }
            out
        }
        let faces = [
            KeyWords {
                crisis_key: "Ctrl-G".into(),
                crisis_lister: "Ctrl-G".into(),
                crisis_action: "press Ctrl-G".into(),
            },
            KeyWords {
                crisis_key: "type \"resources\"".into(),
                crisis_lister: "typing resources {partner}".into(),
                crisis_action: "élan".into(),
            },
        ];
        for (file, text) in super::super::EMBEDDED {
            for words in &faces {
                assert_eq!(
                    fill_keys_in_json(text, words),
                    replaced_in_turn(text, words),
                    "{file}"
                );
            }
        }
    }
}
