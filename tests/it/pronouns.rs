//! Every content text, rendered for he, she and they with several partner words: no placeholder
//! left behind, and no verb that disagrees with its pronoun.

use overture::content::{Content, Pronouns, Voice, render};
use overture::validate::all_texts;

const PARTNER_WORDS: [&str; 3] = ["husband", "wife", "partner"];

/// Singular verb forms that can never follow "they" (the partner's singular they).
const NOT_AFTER_THEY: &[&str] = &[
    "is", "has", "does", "was", "doesn't", "isn't", "hasn't", "wasn't", "says", "gets", "wants",
    "seems", "feels", "gives", "shuts", "listens", "asks", "goes", "knows", "thinks", "needs",
    "makes", "keeps", "tells", "uses", "sees", "comes", "picks", "sets", "chooses", "works",
    "refuses", "believes", "treats", "takes", "agrees", "starts", "stops", "softens", "looks",
    "means", "tries", "cares", "hears", "fears", "lacks", "learns", "responds", "follows",
    "tracks", "controls", "insists", "likes", "loves", "hates", "lives", "leaves", "feels",
];

/// Plural or bare verb forms that can't follow "he", "she" or "your husband" in a statement.
const NOT_AFTER_SINGULAR: &[&str] = &[
    "are", "have", "do", "were", "don't", "aren't", "haven't", "weren't", "say", "get", "want",
    "seem", "feel", "give", "shut", "listen", "ask", "go", "know", "think", "need", "make", "keep",
    "tell", "use", "see", "come", "pick", "set", "choose", "work", "refuse", "believe", "treat",
    "take", "agree", "start", "stop", "soften", "look", "mean", "try", "care", "hear", "fear",
    "lack", "learn", "respond", "follow", "track", "control", "insist", "like", "love", "hate",
    "live", "leave",
];

/// Words that may sit between a subject and its verb.
const ADVERBS: &[&str] = &[
    "always",
    "never",
    "often",
    "sometimes",
    "still",
    "really",
    "just",
    "also",
    "already",
    "usually",
    "rarely",
    "ever",
    "only",
    "mostly",
    "quietly",
    "truly",
    "honestly",
];

/// Words after which a bare verb is correct ("would he say", "does your wife have",
/// "letting your husband choose").
const AUXILIARIES: &[&str] = &[
    "do",
    "does",
    "did",
    "doesn't",
    "didn't",
    "would",
    "could",
    "should",
    "will",
    "can",
    "may",
    "might",
    "must",
    "shall",
    "won't",
    "can't",
    "wouldn't",
    "couldn't",
    "shouldn't",
    "let",
    "lets",
    "letting",
    "help",
    "helps",
    "helping",
    "make",
    "makes",
    "making",
    "watch",
];

const GENDERED: &[&str] = &[
    "he", "she", "him", "her", "his", "hers", "himself", "herself",
];

/// A word, lower-cased, and whether a clause ends right after it.
struct Word {
    text: String,
    ends_clause: bool,
}

fn words(text: &str) -> Vec<Word> {
    text.split_whitespace()
        .filter_map(|raw| {
            let raw = raw.replace('\u{2019}', "'");
            let ends_clause = raw
                .trim_end_matches(['"', '\u{201d}', ')', '\''])
                .ends_with(['.', ',', ';', ':', '!', '?'])
                || raw.ends_with(['"', '\u{201d}', ')']);
            let text = raw
                .trim_matches(|c: char| !c.is_alphanumeric() && c != '\'')
                .trim_matches('\'')
                .to_lowercase();
            (!text.is_empty()).then_some(Word { text, ends_clause })
        })
        .collect()
}

/// The word that acts as the verb after `words[i]`, skipping adverbs, unless a clause ends.
fn verb_after(words: &[Word], i: usize) -> Option<&str> {
    let mut j = i;
    loop {
        if words[j].ends_clause {
            return None;
        }
        j += 1;
        let next = words.get(j)?;
        if !ADVERBS.contains(&next.text.as_str()) {
            return Some(next.text.as_str());
        }
    }
}

fn after_auxiliary(words: &[Word], i: usize) -> bool {
    i > 0 && !words[i - 1].ends_clause && AUXILIARIES.contains(&words[i - 1].text.as_str())
}

/// Agreement problems in one rendered text.
fn grammar_problems(rendered: &str, voice: &Voice) -> Vec<String> {
    let words = words(rendered);
    let mut problems = Vec::new();
    for (i, word) in words.iter().enumerate() {
        let subject = word.text.as_str();
        let Some(verb) = verb_after(&words, i) else {
            continue;
        };
        let bad = match voice.pronouns {
            Pronouns::They => subject == "they" && NOT_AFTER_THEY.contains(&verb),
            Pronouns::He => {
                subject == "he" && !after_auxiliary(&words, i) && NOT_AFTER_SINGULAR.contains(&verb)
            }
            Pronouns::She => {
                subject == "she"
                    && !after_auxiliary(&words, i)
                    && NOT_AFTER_SINGULAR.contains(&verb)
            }
        };
        // "your husband say": the partner word is always grammatically singular.
        let bad_partner = subject == voice.partner
            && i > 0
            && words[i - 1].text == "your"
            && !(i > 1 && after_auxiliary(&words, i - 1))
            && NOT_AFTER_SINGULAR.contains(&verb);
        if bad || bad_partner {
            problems.push(format!("“{subject} {verb}”"));
        }
    }
    problems
}

/// Problems in the raw text: gendered words outside placeholders, `{partner}` without "your".
fn raw_problems(text: &str) -> Vec<String> {
    let mut outside = String::new();
    let mut depth = 0;
    for c in text.chars() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                outside.push(' ');
            }
            _ if depth == 0 => outside.push(c),
            _ => {}
        }
    }
    let mut problems: Vec<String> = words(&outside)
        .into_iter()
        .filter(|w| GENDERED.contains(&w.text.as_str()))
        .map(|w| format!("hard-coded “{}”", w.text))
        .collect();
    for (at, _) in text.match_indices("{partner}") {
        if !text[..at].to_lowercase().ends_with("your ") {
            problems.push("{partner} not after “your”".to_string());
        }
    }
    problems
}

fn voices() -> Vec<Voice> {
    let mut voices = Vec::new();
    for pronouns in Pronouns::ALL {
        for partner in PARTNER_WORDS {
            voices.push(Voice {
                partner: partner.to_string(),
                pronouns,
            });
        }
    }
    voices
}

fn content() -> Content {
    Content::embedded().unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn every_text_renders_without_leftover_braces() {
    let content = content();
    let mut failures = Vec::new();
    for voice in voices() {
        for (place, text) in all_texts(&content) {
            let rendered = render(text, &voice);
            if rendered.contains('{') || rendered.contains('}') {
                failures.push(format!(
                    "{place} ({:?}, {}): {rendered}",
                    voice.pronouns, voice.partner
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "placeholders left:\n{}",
        failures.join("\n")
    );
}

#[test]
fn verbs_agree_with_the_partner_pronoun() {
    let content = content();
    let mut failures = Vec::new();
    for voice in voices() {
        for (place, text) in all_texts(&content) {
            let rendered = render(text, &voice);
            for problem in grammar_problems(&rendered, &voice) {
                failures.push(format!(
                    "{place} ({:?}, {}): {problem} in: {rendered}",
                    voice.pronouns, voice.partner
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "agreement problems:\n{}",
        failures.join("\n")
    );
}

#[test]
fn no_hard_coded_gender_and_partner_word_always_after_your() {
    let content = content();
    let failures: Vec<String> = all_texts(&content)
        .into_iter()
        .flat_map(|(place, text)| {
            raw_problems(text)
                .into_iter()
                .map(move |p| format!("{place}: {p}"))
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn welcome_texts_use_no_placeholders() {
    // The partner word and pronouns are chosen after the welcome, so it must not depend on them.
    let content = content();
    let welcome = &content.copy.welcome;
    let texts = std::iter::once(&welcome.title)
        .chain(&welcome.paragraphs)
        .chain([&welcome.device_warning, &welcome.traces]);
    for text in texts {
        assert!(!text.contains('{'), "placeholder in a welcome text: {text}");
    }
}

#[test]
fn he_she_and_they_render_differently_where_the_text_says_so() {
    let content = content();
    let question = content.question("safety_suicide_threat").expect("question");
    let rendered: Vec<String> = Pronouns::ALL
        .iter()
        .map(|&pronouns| {
            render(
                &question.text,
                &Voice {
                    partner: "partner".into(),
                    pronouns,
                },
            )
        })
        .collect();
    assert!(rendered[0].contains("himself"), "{}", rendered[0]);
    assert!(rendered[1].contains("herself"), "{}", rendered[1]);
    assert!(rendered[2].contains("themself"), "{}", rendered[2]);
}

/// The checks above must be able to fail: planted mistakes are caught, correct text is not.
#[test]
fn the_checks_catch_planted_mistakes() {
    let voice = |pronouns| Voice {
        partner: "husband".into(),
        pronouns,
    };
    let they = voice(Pronouns::They);
    let he = voice(Pronouns::He);
    let she = voice(Pronouns::She);
    let caught = |text: &str, v: &Voice| !grammar_problems(&render(text, v), v).is_empty();

    // Forgetting the singular|plural form.
    assert!(caught("{They} says no every time.", &they));
    assert!(caught("When {they} gets defensive, breathe.", &they));
    assert!(caught("{They} often wants to leave.", &they));
    assert!(caught("Then {they} are tired.", &he));
    assert!(caught("Then {they} don't listen.", &she));
    assert!(caught("It is the last room {they} want to enter.", &he));
    assert!(caught("Your {partner} say no.", &they));
    // Correct text passes.
    for v in [&they, &he, &she] {
        assert!(!caught(
            "{They} {says|say} no, and {they} {doesn't|don't} explain.",
            v
        ));
        assert!(!caught(
            "What would {they} say? Does your {partner} have a reason?",
            v
        ));
        assert!(!caught("Your {partner} says no. {They} can't say why.", v));
        assert!(!caught(
            "If you ask, they listen. Advocates are trained.",
            v
        ));
        assert!(!caught("Letting your {partner} choose when helps.", v));
    }

    assert!(!raw_problems("Ask him once.").is_empty());
    assert!(!raw_problems("Give her time.").is_empty());
    assert!(!raw_problems("Tell the {partner} once.").is_empty());
    assert!(raw_problems("Tell your {partner}: {he:a man|she:a woman|they:someone}.").is_empty());
}
