//! The draft checker: unit tests for offsets, quoting, suggestions and robustness. Its
//! precision and recall are measured by the `draft` test target (`tests/draft.rs`).

use overture::core::draft::{Concern, Review, problems, review, rule_concerns};
use proptest::prelude::*;
use std::collections::BTreeSet;
use std::sync::LazyLock;

const CORPUS: &str = include_str!("../fixtures/draft/corpus.jsonl");
const HOLDOUT: &str = include_str!("../fixtures/draft/holdout.jsonl");

use crate::draft_corpus::corpus;

#[test]
fn corpus_is_well_formed() {
    let lines = corpus(CORPUS);
    let mut seen = BTreeSet::new();
    for line in &lines {
        assert!(
            seen.insert(line.text.as_str()),
            "duplicate: {:?}",
            line.text
        );
    }
    // This corpus predates the leverage concern: the `draft` target's corpora cover it.
    for c in Concern::ALL.into_iter().filter(|c| *c != Concern::Leverage) {
        let n = lines.iter().filter(|l| l.expect.contains(&c)).count();
        assert!(n >= 15, "{} has only {n} labelled lines", c.id());
    }
}

fn assert_exact(draft: &str, r: &Review) {
    for f in &r.findings {
        assert!(f.start < f.end && f.end <= draft.len(), "{f:?}");
        assert!(draft.is_char_boundary(f.start) && draft.is_char_boundary(f.end));
        assert_eq!(&draft[f.start..f.end], f.found, "{f:?}");
        assert!(!f.note.is_empty());
    }
}

fn has(r: &Review, c: Concern) -> bool {
    r.findings.iter().any(|f| f.concern == c)
}

/// Asserts that the rules alone raise each line's concern, and that the whole checker
/// quotes exactly the given words for it.
fn rules_and_checker_find(cases: &[(&str, Concern, &str)]) {
    for &(line, concern, quoted) in cases {
        assert!(rule_concerns(line).contains(&concern), "{line}");
        let review = review(line);
        assert!(
            review
                .findings
                .iter()
                .any(|f| f.concern == concern && f.found == quoted),
            "{line}: {:?}",
            review.findings
        );
    }
}

/// Asserts that the checker flags none of `kinds`.
fn all_clear(kinds: &[&str]) {
    for kind in kinds {
        let review = review(kind);
        assert!(review.is_clear(), "{kind}: {:?}", review.findings);
    }
}

#[test]
fn findings_quote_exact_words_with_byte_offsets() {
    let draft = "Honestly?  You NEVER listen — it’s your fault. Come to therapy or I’m done.";
    let r = review(draft);
    assert_exact(draft, &r);
    let found: Vec<(Concern, &str)> = r
        .findings
        .iter()
        .map(|f| (f.concern, f.found.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (Concern::AlwaysNever, "You NEVER"),
            (Concern::Blame, "your fault"),
            (Concern::Ultimatum, "or I’m done"),
        ]
    );
    let never = &r.findings[0];
    assert_eq!(never.start, draft.find("You NEVER").unwrap());
    assert!(never.note.contains("You NEVER"), "{}", never.note);

    // Multi-byte text before the finding shifts offsets; they must still be exact.
    let draft = "💛 Je t’aime… mais tu sais: you’re so lazy lately.";
    let r = review(draft);
    assert_exact(draft, &r);
    assert_eq!(r.findings.len(), 1);
    assert_eq!(r.findings[0].found, "you’re so lazy");
}

#[test]
fn findings_are_in_draft_order_and_notes_are_gentle() {
    let draft =
        "Whatever. You're an idiot and a narcissist, you need therapy, and it's your fault.";
    let r = review(draft);
    assert_exact(draft, &r);
    assert!(r.findings.windows(2).all(|w| w[0].start <= w[1].start));
    for f in &r.findings {
        for harsh in ["idiot", "stupid", "wrong with you", "you are a", "must"] {
            let note_without_quote = f.note.replace(&f.found, "");
            assert!(
                !note_without_quote.to_lowercase().contains(harsh),
                "note for {:?} says {harsh}: {}",
                f.concern,
                f.note
            );
        }
    }
}

#[test]
fn empty_and_blank_input() {
    for draft in ["", " ", "\n\n\t", "   .  ", "…", "\u{201c}\u{201d}"] {
        let r = review(draft);
        assert!(r.findings.is_empty(), "{draft:?}: {:?}", r.findings);
    }
    assert_eq!(review(""), Review::default());
}

#[test]
fn always_and_never_depend_on_who_and_what() {
    for fine in [
        "I always feel alone",
        "you never have to fix this alone",
        "I never want us to feel like this again",
        "you always make me laugh",
        "You’ve always been there for me.",
        "You would never hurt me on purpose.",
        "Do you always feel this tired after work?",
        "You never know, it might help.",
    ] {
        assert!(!has(&review(fine), Concern::AlwaysNever), "{fine}");
    }
    for flag in [
        "you always do this",
        "you never listen",
        "Why do you always shut down?",
        "YOU NEVER LISTEN",
        "u never talk to me",
        "You're never wrong, are you?",
    ] {
        assert!(has(&review(flag), Concern::AlwaysNever), "{flag}");
    }
}

#[test]
fn quoted_speech_is_not_the_users_own() {
    for draft in [
        "You said \"I'm done with therapy\" and I understand why.",
        "when you said \"whatever\" I felt small",
        "When you said \u{201c}whatever,\u{201d} I felt dismissed.",
        "My friend told me to say 'it's therapy or divorce', but I won't.",
    ] {
        let r = review(draft);
        assert!(r.findings.is_empty(), "{draft}: {:?}", r.findings);
    }
    // A draft wrapped in quotes as a whole is still the user's own line.
    assert!(has(
        &review("\"Come to therapy or I'm done.\""),
        Concern::Ultimatum
    ));
}

#[test]
fn negations_are_not_flagged() {
    for draft in [
        "I'm not going to leave",
        "this isn't an ultimatum",
        "I don't think you're the problem",
        "I won't threaten you",
        "I'm not saying you need fixing",
        "I’m not saying you’re a narcissist.",
        "This isn't about fixing you.",
    ] {
        let r = review(draft);
        assert!(r.findings.is_empty(), "{draft}: {:?}", r.findings);
    }
    // A negation in another clause does not cover what follows "but".
    let r = review("I'm not going to leave, but this is your last chance.");
    assert!(has(&r, Concern::Ultimatum));
}

#[test]
fn conditionals_versus_ultimatums() {
    for fine in [
        "if you're open to it, I'd love to try one session",
        "if it feels one-sided, we walk out",
        "If you don't want to go, I'll understand.",
    ] {
        assert!(!has(&review(fine), Concern::Ultimatum), "{fine}");
    }
    for threat in [
        "If you don't come, I'm leaving",
        "either we go or I'm done",
        "this is your last chance",
        "I’ll leave you if you don’t at least try.",
    ] {
        assert!(has(&review(threat), Concern::Ultimatum), "{threat}");
    }
}

/// The "When …, I feel …" line the checker suggests describes one moment: the model raises
/// no always/never in its moment. Anywhere else, the same words keep their finding.
#[test]
fn a_moment_then_a_feeling_is_no_habit_claimed() {
    for fine in [
        "When you don't listen when I talk about my day, I feel hurt.",
        "When you don't listen when I talk about my day, I felt so alone.",
    ] {
        assert!(!has(&review(fine), Concern::AlwaysNever), "{fine}");
    }
    for habit in [
        "You don't listen when I talk about my day.",
        "When I feel tired, you don't listen when I talk about my day.",
        "When I ask, I feel like you don't listen when I talk about my day.",
        "When I try to talk to you, you don't listen when I talk about my day, and I feel invisible.",
        "When you never listen when I talk about my day, I feel hurt.",
    ] {
        assert!(has(&review(habit), Concern::AlwaysNever), "{habit}");
    }
}

#[test]
fn suggestions_reuse_the_users_words() {
    let r = review("you never listen when I talk about my day");
    assert!(
        r.suggestions
            .iter()
            .any(|s| s.starts_with("When you") && s.contains("listen when I talk about my day")),
        "{:#?}",
        r.suggestions
    );
    assert!(r.suggestions.iter().any(|s| s.starts_with("I feel")));

    let r = review("You’re always on your phone at dinner and I feel so lonely.");
    assert!(
        r.suggestions
            .iter()
            .any(|s| s == "When you’re on your phone at dinner, I feel lonely."),
        "{:#?}",
        r.suggestions
    );
    assert!(r.suggestions.iter().any(|s| s.starts_with("I feel lonely")));

    let r = review("You never once asked how my surgery went.");
    assert!(
        r.suggestions
            .iter()
            .any(|s| s.contains("you didn't ask how my surgery went")),
        "{:#?}",
        r.suggestions
    );

    let r = review("Every time I bring up therapy, you change the subject.");
    assert!(
        r.suggestions
            .iter()
            .any(|s| s.contains("change the subject when I bring up therapy")),
        "{:#?}",
        r.suggestions
    );

    // The feeling named through blame becomes the user's own "I feel".
    let r = review("You make me feel invisible.");
    assert!(
        r.suggestions
            .iter()
            .any(|s| s.starts_with("I feel invisible"))
    );
}

#[test]
fn suggestions_never_speak_of_he_or_she_and_pass_the_checker() {
    for line in corpus(CORPUS).into_iter().chain(corpus(HOLDOUT)) {
        let r = review(&line.text);
        for s in &r.suggestions {
            let words: Vec<String> = s
                .split(|c: char| !c.is_alphanumeric())
                .map(str::to_lowercase)
                .collect();
            for p in ["he", "him", "his", "she", "her"] {
                assert!(!words.iter().any(|w| w == p), "{s}");
            }
            assert!(review(s).findings.is_empty(), "suggestion flagged: {s}");
        }
        if !line.expect.is_empty() {
            assert!(
                !r.suggestions.is_empty(),
                "no suggestion for {:?}",
                line.text
            );
        }
    }
}

#[test]
fn the_rules_asset_has_no_problems() {
    let problems = problems();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    for c in Concern::ALL {
        assert!(!c.title().is_empty() && c.title() != c.id(), "{}", c.id());
    }
}

/// Every distinct word of both corpora, as written, plus the marks the tokenizer treats
/// specially: drafts made of these reach most rules and guards.
fn corpus_words() -> Vec<String> {
    let mut words: Vec<String> = corpus(CORPUS)
        .into_iter()
        .chain(corpus(HOLDOUT))
        .flat_map(|l| {
            l.text
                .split_whitespace()
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .chain(
            [
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
                "\u{ab}",
                "\u{bb}",
                "your",
                "dont",
                "u",
                "ur",
                "it's",
                "YOU'RE",
                "You\u{2019}re",
                ", are you?",
            ]
            .map(str::to_string),
        )
        .collect();
    words.sort();
    words.dedup();
    words
}

static POOL: LazyLock<Vec<String>> = LazyLock::new(corpus_words);

#[test]
fn long_drafts_are_fine() {
    let para = "I miss how we used to talk, and I'd love for us to try counseling together. ";
    let long = para.repeat(200) + "You never listen.";
    let r = review(&long);
    assert_exact(&long, &r);
    assert_eq!(r.concerns(), BTreeSet::from([Concern::AlwaysNever]));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn never_panics_and_offsets_are_exact(draft in "\\PC{0,300}") {
        let r = review(&draft);
        assert_exact(&draft, &r);
    }

    #[test]
    fn never_panics_on_wordy_noise(
        words in proptest::collection::vec(
            prop_oneof![
                Just("you"), Just("never"), Just("always"), Just("if"), Just("don’t"),
                Just("I'm"), Just("done"), Just("or"), Just("\""), Just("“"), Just("’"),
                Just("'"), Just(","), Just("."), Just("?"), Just("not"), Just("lazy"),
                Just("whatever"), Just("fix"), Just("therapy"), Just("narcissist"),
                Just("every"), Just("time"), Just("because"), Just("of"), Just("—"),
                Just("é"), Just("💛"), Just("\n"), Just("YOUR"), Just("ur"),
            ],
            0..60,
        ),
        seps in proptest::collection::vec(prop_oneof![Just(" "), Just(""), Just("  ")], 60),
    ) {
        let draft: String = words
            .iter()
            .zip(seps.iter())
            .flat_map(|(w, s)| [*w, *s])
            .collect();
        let r = review(&draft);
        assert_exact(&draft, &r);
        for s in &r.suggestions {
            prop_assert!(review(s).findings.is_empty(), "suggestion flagged: {}", s);
        }
    }

    /// Drafts made of corpus words in any order: offsets stay exact, a second reading gives
    /// the same review, and the suggestions pass the checker.
    #[test]
    fn corpus_word_salad_is_exact_and_stable(
        picks in proptest::collection::vec((any::<proptest::sample::Index>(), 0..4usize), 0..40)
    ) {
        let pool = &*POOL;
        let mut draft = String::new();
        for (pick, sep) in picks {
            draft.push_str(&pool[pick.index(pool.len())]);
            draft.push_str(["", " ", " ", "  "][sep]);
        }
        let r = review(&draft);
        assert_exact(&draft, &r);
        prop_assert_eq!(&review(&draft), &r);
        for pair in r.findings.windows(2) {
            prop_assert!((pair[0].start, pair[0].concern) <= (pair[1].start, pair[1].concern));
        }
        for s in &r.suggestions {
            prop_assert!(review(s).findings.is_empty(), "suggestion flagged: {}", s);
        }
    }

    /// Any text at all, and text from the letters the patterns are made of.
    #[test]
    fn any_text_is_exact_and_stable(draft in "\\PC{0,200}|([yYoOuUaArReEnNvVlLsSt'’\" ,.?]{1,3} ?){0,60}") {
        let r = review(&draft);
        assert_exact(&draft, &r);
        prop_assert_eq!(&review(&draft), &r);
    }
}

/// An ultimatum may be about the partner in the third person, and its outcome a move to
/// family, taking the children or a lawyer, not only "I'm leaving".
#[test]
fn an_ultimatum_in_the_third_person_or_naming_a_move_is_one() {
    for threat in [
        "If she won't come to counselling by Christmas, I'll go back to my mother's.",
        "If he still refuses, I am taking the kids to my sister's.",
        "Unless they book the session, I'm going to see a solicitor.",
        "If you don't come, I will move back to my parents' place.",
    ] {
        assert!(has(&review(threat), Concern::Ultimatum), "{threat}");
    }
    // A visit for a meal or part of a day is a plan, not a threat, to either layer (the
    // false alarm K13b could not fix); going for good stays an ultimatum.
    for fine in [
        "I'll go back to my mum's for the weekend to see her after her operation.",
        "If she can't come on Thursday, I'll go to my mother's for tea and we can try Friday.",
        "If he won't come to the session, I'm going to my sister's for the afternoon.",
    ] {
        assert!(!has(&review(fine), Concern::Ultimatum), "{fine}");
    }
    for threat in [
        "If she won't come on Thursday, I'll go to my mother's for good.",
        "If he won't come, I'm going to my sister's for the foreseeable.",
    ] {
        assert!(has(&review(threat), Concern::Ultimatum), "{threat}");
    }
}

/// An insult the user gives themself is owning their part, whoever the sentence is to; the
/// same word for the partner is still name-calling.
#[test]
fn an_insult_about_oneself_is_not_name_calling() {
    for own in [
        "I behaved like a coward when your brother was ill; I did not show up for you.",
        "i was being such a brat last night ngl, sorry",
        "I can be a pompous old fool, I am well aware.",
        "Mi did behave like a fool dat night, mi cyaan lie.",
    ] {
        assert!(!has(&review(own), Concern::NameCalling), "{own}");
    }
    for insult in [
        "He behaved like a coward when my brother was ill.",
        "She was being such a brat at dinner.",
        "Some days I feel like I'm married to a child.",
        "You're such a coward.",
    ] {
        assert!(has(&review(insult), Concern::NameCalling), "{insult}");
    }
}

/// "That's on him" puts the fault on the partner as "that's on you" does; "that's not on
/// you" takes it off.
#[test]
fn blame_put_on_him_or_her_is_blame() {
    for blame in [
        "It's on her that the kids barely know their own mom.",
        "I stayed. I tried. The rest of it is on him.",
        "this is all on her",
    ] {
        assert!(has(&review(blame), Concern::Blame), "{blame}");
    }
    for kind in [
        "I've been snappy since the move, and that's not on him.",
        "It's not on her.",
    ] {
        assert!(!has(&review(kind), Concern::Blame), "{kind}");
    }
}

/// A first name for the partner reads to the rules as "she" or "her" would (K28): "that's on
/// Dolores" is "that's on her". A day, a feast or a word the rules know is never a name.
#[test]
fn a_first_name_is_read_as_the_partner_by_the_rules() {
    for (line, concern) in [
        ("That's on Dolores.", Concern::Blame),
        (
            "Not once has Sibongile asked how I am.",
            Concern::AlwaysNever,
        ),
        (
            "Not once in forty-one years has he conceded a point.",
            Concern::AlwaysNever,
        ),
        (
            "She's never once said a kind word about the farm.",
            Concern::AlwaysNever,
        ),
        ("they never stop twisting what I say", Concern::AlwaysNever),
    ] {
        assert!(has(&review(line), concern), "{line}");
    }
    for kind in [
        "The session is on Friday.",
        "It's on Easter Sunday, if that suits.",
        "He has never once forgotten my birthday.",
        "They never once made me feel small.",
        "It's not on Dolores, or on me.",
    ] {
        let r = review(kind);
        assert!(r.findings.is_empty(), "{kind}: {:?}", r.findings);
    }
}

/// An insult said of "he", "she", "they" or a name is found by the rules as "you idiot" is
/// (K30), and so is one set after a comma ("…, the coward"). "Paranoid" and "toxic" are
/// diagnoses, not names; and "Mi" or "Today" opening a sentence is never the partner's name.
#[test]
fn an_insult_said_of_him_her_or_them_is_found_by_the_rules() {
    for line in [
        "He is such a numpty about money.",
        "Honestly they're being an absolute numpty about this.",
        "Jo is a selfish gilipollas, and I'm tired.",
        "Every time I ask for help she runs off to her mother's, the coward.",
        "The counsellor'll put him right, the big amadán.",
    ] {
        assert!(
            rule_concerns(line).contains(&Concern::NameCalling),
            "{line}"
        );
    }
    for line in [
        "She is paranoid, she thinks everyone is against her.",
        "You're so toxic, honestly.",
    ] {
        let found = rule_concerns(line);
        assert!(
            found.contains(&Concern::Diagnosing) && !found.contains(&Concern::NameCalling),
            "{line}: {found:?}"
        );
    }
    for kind in [
        "He is a proper gentleman with my mum.",
        "She is such a sweetheart when I'm sick.",
        "Mi was a real idiot dat night, mi know.",
        "Today was crazy busy, sorry I didn't call.",
        "He is a proper legend with the kids.",
    ] {
        let found = rule_concerns(kind);
        assert!(!found.contains(&Concern::NameCalling), "{kind}: {found:?}");
    }
}

/// A habit said of him, her, them or "my husband", a diagnosis of "his" or "their" anything,
/// and "he is to blame" are found by the rules as they are said to "you" (K31, K32); a warm
/// habit is no complaint to the checker.
#[test]
fn a_habit_or_a_diagnosis_said_of_him_her_or_them_is_found_as_to_you() {
    for (line, concern) in [
        ("They never help with the kids.", Concern::AlwaysNever),
        (
            "She is constantly on her phone when I talk.",
            Concern::AlwaysNever,
        ),
        (
            "The counsellor will sort out their anger issues.",
            Concern::Diagnosing,
        ),
        (
            "Honestly his narcissism is the problem.",
            Concern::Diagnosing,
        ),
    ] {
        assert!(rule_concerns(line).contains(&concern), "{line}");
    }
    // K32: a habit of "my husband" as one of "he", and "to blame" said of him.
    for (line, concern) in [
        (
            "My husband never lifts a finger at home.",
            Concern::AlwaysNever,
        ),
        (
            "Our friends have noticed, and they all think he is to blame.",
            Concern::Blame,
        ),
    ] {
        assert!(rule_concerns(line).contains(&concern), "{line}");
    }
    let line = "she never let nothin' go, and if dat ain' change by Easter, I gone";
    assert!(has(&review(line), Concern::AlwaysNever), "{line}");
    for kind in [
        "He never misses my birthday, never.",
        "She never lets the kids go to bed without a kiss. I love that.",
        "He's never liked talking to strangers, and I get that.",
        "My wife has never once missed a Sunday at church with the kids, rain or shine.",
    ] {
        let r = review(kind);
        assert!(r.findings.is_empty(), "{kind}: {:?}", r.findings);
    }
}

/// "shes" and "hes" read as "she is" and "he is", as "youre" reads "you are" (K39). And a plan
/// that hangs on a thing, not on the partner, threatens nothing: K39 shipped a rule for "if
/// someone doesn't …, I'm moving back" that read these as threats, and K39b took it out.
#[test]
fn shes_reads_as_she_is_and_a_plan_about_a_thing_is_no_threat() {
    for (line, concern) in [
        (
            "the counsellor must fix lerato, shes the one who broke us",
            Concern::Blame,
        ),
        ("hes the one that wrecked us, not me", Concern::Blame),
    ] {
        assert!(rule_concerns(line).contains(&concern), "{line}");
    }
    all_clear(&[
        "If the baby doesn't settle, I'll go to my mum's for the afternoon.",
        "If the house doesn't sell by spring, I'll have to move back in with my parents.",
        "If the medication doesn't help, I'm going back to the doctor.",
        "If my back doesn't improve, I'm going back to the physio.",
        "If the train doesn't come I'll be gone all night, sorry love.",
        "shes the reason I smile most days, honestly",
    ]);
}

/// "My wife", "my fella" and "the missus" are read by the rules as "she" or "he" is (K38):
/// the threat, the habit and the blame a line says of "she" are found when it says them of
/// "my wife", quoted from "my"; and what is warm or their own of "she" stays so of "my wife".
#[test]
fn the_rules_read_my_wife_as_they_read_she() {
    // The same lines of "she" are found by the rules: the reading is what makes the difference.
    rules_and_checker_find(&[
        (
            "If my wife won't come to the counselling by Eid, I'm moving back to my parents'.",
            Concern::Ultimatum,
            "If my wife won't come to the counselling by Eid, I'm moving back",
        ),
        (
            "Sikiza, if my husband doesn't come to the counsellor by Easter, I am going back to my parents.",
            Concern::Ultimatum,
            "if my husband doesn't come to the counsellor by Easter, I am going back",
        ),
        (
            "Not once has my fella done the Sunday shift without moaning.",
            Concern::AlwaysNever,
            "Not once has my fella",
        ),
        (
            "It's all on my husband, the whole mess.",
            Concern::Blame,
            "It's all on my husband",
        ),
    ]);
    all_clear(&[
        "My husband always makes me laugh, even now.",
        "I told my wife I love her, and I meant it.",
        "You'll always be my fella, whatever the counsellor says.",
        "If my wife can't make Tuesday, we'll book Thursday instead.",
    ]);
}

/// K41: three readings the rules lacked for a partner spoken of, not to. A small-letter name
/// in a condition the partner refuses is the partner ("if jules doesnt book the appt"); "every
/// time" before "he", "she" or "they" is the habit it is before "you"; and "'s" before "the",
/// "a" or "always" is "is" ("my wife's the problem"). Each line here is missed by the rules
/// without its reading; the warm lines and the plans about a thing stay clear.
#[test]
fn a_name_every_time_and_s_for_is_reach_the_rules() {
    rules_and_checker_find(&[
        (
            "ngl if jules doesnt book the therapy appt by friday im moving back in w my sister",
            Concern::Ultimatum,
            "if jules doesnt book the therapy appt by friday im moving back",
        ),
        (
            "if kai wont come to counselling by new year im moving out",
            Concern::Ultimatum,
            "if kai wont come to counselling by new year im moving out",
        ),
        (
            "Every single time we argue, she goes silent for three days.",
            Concern::AlwaysNever,
            "Every single time we argue, she",
        ),
        (
            "My wife's the problem here.",
            Concern::Blame,
            "My wife's the problem",
        ),
        (
            "Sam's a spineless coward about all of it.",
            Concern::NameCalling,
            "Sam's a spineless",
        ),
    ]);
    // A thing after "if" is not read as the partner. (The model alone reads a threat in the
    // first line, as K39b's did; the rules do not.)
    for plan in [
        "if uber doesnt come im walking home",
        "if ups doesnt come by 5 im leaving, the package can wait",
    ] {
        assert!(!rule_concerns(plan).contains(&Concern::Ultimatum), "{plan}");
    }
    all_clear(&[
        "if meds dont work by friday im going back to the gp",
        "if amazon doesnt come by friday im going back to the store",
        "if insurance doesnt agree to cover therapy im done with this company",
        "my wife's really cold hands wake me up every night lol",
        "Kuzu, I miss you so much.",
        "if kai wont come to therapy thats ok, i will go on my own",
        "Every time she laughs I remember why I married her.",
        "My wife's mother is coming to stay, and I'm glad.",
        "Sam's car is in the shop again, so I'll drive us to the session.",
    ]);
}

/// K42: an "always" said of him or her is always/never to the rules when what follows is
/// hard and nothing in the sentence is warm, and a dropped "g" is read back ("movin").
#[test]
fn an_always_that_complains_and_a_dropped_g_reach_the_rules() {
    rules_and_checker_find(&[
        (
            "She is always so rude to my mum.",
            Concern::AlwaysNever,
            "She is always",
        ),
        (
            "They are always late and never say sorry.",
            Concern::AlwaysNever,
            "They are always",
        ),
        (
            "if he wont come to the session im movin out",
            Concern::Ultimatum,
            "if he wont come to the session im movin out",
        ),
    ]);
    // Told with love, or about a moment rather than who they are: no finding.
    all_clear(&[
        "she always makes me laugh",
        "he's always there when I'm down",
        "He's always been so kind to me, even when I was a mess.",
        "he's always busy, but he's a good dad",
        "She's always the first to laugh at my jokes.",
        "They are always so patient with the kids.",
    ]);
}

/// K43 to K43c: praise that a hard word seemed to make a complaint is kind again ("never
/// raised a hand to me", "a message" is no "mess"), the user's own "I am the one who must"
/// is owning their part, and a few more insults are known.
#[test]
fn praise_owning_and_more_insults() {
    all_clear(&[
        "He has never once raised a hand to me. I'm lucky.",
        "He always sends me a message at lunchtime asking if I ate.",
        "I am the one who must learn to listen.",
        "She's always quite calm about money.",
        "Come here, you greedy guts",
        // Owning with the partner named after it (K43c, after a second review).
        "I'm the one who needs to change, not you.",
        "I am the one who must learn to listen to you.",
    ]);
    // A hard word for how they feel is no "always" complaint to the rules (K43b).
    for caring in [
        "She is always so tired lately and I'm worried about her.",
        "He was always so afraid of losing me.",
        "She is always sick in the winter, so I make her soup.",
    ] {
        assert!(rule_concerns(caring).is_empty(), "{caring}");
    }
    rules_and_checker_find(&[
        (
            "Zawadi is so two-faced.",
            Concern::NameCalling,
            "Zawadi is so two-faced",
        ),
        (
            "You never raise a hand to help with the kids.",
            Concern::AlwaysNever,
            "You never",
        ),
        ("You need fixing.", Concern::FixingThem, "You need fixing"),
        // A feeling that keeps them from the user is still a complaint (K43c).
        (
            "He's always too stressed to talk to me.",
            Concern::AlwaysNever,
            "He's always",
        ),
        (
            "He always leaves me alone on weekends.",
            Concern::AlwaysNever,
            "He always",
        ),
        (
            "He's always raising his voice at the kids.",
            Concern::AlwaysNever,
            "He's always",
        ),
    ]);
    // The same words about the partner are still fixing them, and so is "I am the one"
    // when the sentence turns to them (K43b, after a review).
    for line in [
        "You are the one who must learn to listen.",
        "He is the one who must learn to listen.",
        "I'm the one who needs you to change.",
        "I'm the one who needs to change you.",
        "I am the one who must learn to listen, and you must learn to stop yelling.",
    ] {
        assert!(
            review(line).concerns().contains(&Concern::FixingThem),
            "{line}"
        );
    }
}

/// "His fault" reaches the rules as "your fault" does, and an insult standing alone as its
/// own sentence or clause is name-calling (K34); an endearment alone is not.
#[test]
fn his_fault_and_an_insult_alone_are_found() {
    for (line, concern) in [
        ("It's her fault we lost the deposit.", Concern::Blame),
        ("A him fault the car mash up.", Concern::Blame),
        (
            "He forgot the school run again. Numpty.",
            Concern::NameCalling,
        ),
        (
            "She says she'll think about it. Such a coward.",
            Concern::NameCalling,
        ),
    ] {
        assert!(rule_concerns(line).contains(&concern), "{line}");
    }
    // The rules alone, so that the model's veto cannot hide a rule gone wrong.
    for (kind, concern) in [
        (
            "It's not her fault, it's the hours she works.",
            Concern::Blame,
        ),
        ("I'm scared, baby. That's the truth.", Concern::NameCalling),
        ("You made me like this, cold.", Concern::NameCalling),
    ] {
        assert!(!rule_concerns(kind).contains(&concern), "{kind}");
    }
}

/// The "you" rules K33 twinned for "he", "she" or "they" (37 of them: not "you always", "thanks
/// to you" or "your fault", among others): the same ultimatum, habit, blame, sneer, diagnosis
/// or push to therapy said of the partner reaches the rules as it does said to them. Someone
/// else's opinion ("his mother says he should see someone") is not the writer pushing, and
/// stays out of fixing them.
#[test]
fn the_twinned_you_rules_find_the_same_said_of_him_her_or_them() {
    for (line, concern) in [
        ("If he won't come, I'm leaving him.", Concern::Ultimatum),
        (
            "He does not ever listen to a word I say.",
            Concern::AlwaysNever,
        ),
        ("All she does is scroll on her phone.", Concern::AlwaysNever),
        ("She needs to change, full stop.", Concern::Blame),
        ("Typical of him.", Concern::Contempt),
        (
            "For once in his life he could show up on time.",
            Concern::Contempt,
        ),
        (
            "She is clearly depressed and won't admit it.",
            Concern::Diagnosing,
        ),
        ("He needs therapy, not me.", Concern::FixingThem),
        ("Therapy would do him a world of good.", Concern::FixingThem),
    ] {
        assert!(rule_concerns(line).contains(&concern), "{line}");
    }
    for others in [
        "Even his own mother says he should see someone.",
        "Her best friends agree she needs to go to therapy.",
        "I think she should see a doctor about her knee.",
    ] {
        // The rules alone too, so that the model's veto cannot hide the check gone wrong.
        assert!(
            !rule_concerns(others).contains(&Concern::FixingThem),
            "{others}"
        );
        let r = review(others);
        assert!(!has(&r, Concern::FixingThem), "{others}: {:?}", r.findings);
    }
    for kind in [
        "He does not ever forget to ring his mum on a Sunday, bless him.",
        "The counsellor helped her so much after her dad died.",
    ] {
        let r = review(kind);
        assert!(r.findings.is_empty(), "{kind}: {:?}", r.findings);
    }
}

/// Insults from other Englishes and languages are insults: "you eejit" has company.
#[test]
fn insults_from_many_englishes_are_name_calling() {
    for insult in [
        "Stop it, you pendejo.",
        "you absolute bawbag",
        "What a dropkick.",
        "you gago, you never listen",
    ] {
        assert!(has(&review(insult), Concern::NameCalling), "{insult}");
    }
}

/// A negation that denies ("this isn't you against me") is kind; one that asks ("why don't
/// you ever listen?") or says what they don't do ("you don't listen when I talk") is not.
#[test]
fn a_denial_differs_from_a_question_and_a_complaint() {
    for fine in [
        "This isn't you against me. It's us against the pattern.",
        "It's not you against me, it's the two of us against the loop.",
    ] {
        assert!(review(fine).concerns().is_empty(), "{fine}");
    }
    for complaint in [
        "Why don't you ever listen to me?",
        "You don't listen when I talk about my day.",
    ] {
        assert!(has(&review(complaint), Concern::AlwaysNever), "{complaint}");
    }
}
