//! Leaving a text box in the full-screen app: going back never saves on the user's behalf and
//! never drops their words without saying so first; Tab keeps them.

use crate::common;

use common::{chars, key, open_app};
use overture::core::place::PageId;
use overture::core::session::{self, HomeItem};
use overture::tui::app::App;
use ratatui::crossterm::event::KeyCode;

fn at_home(dir: &std::path::Path) -> App {
    let mut app = open_app(dir);
    common::reach_home(&mut app);
    app
}

fn open(app: &mut App, item: HomeItem) {
    assert!(session::home_items(&app.data).contains(&item), "{item:?}");
    key(app, KeyCode::Char(item.key()));
}

/// Log an ask up to its note: a relationship coach, "no, with a reason".
fn at_note(app: &mut App) {
    open(app, HomeItem::LogAsk);
    key(app, KeyCode::Char('2'));
    key(app, KeyCode::Char('4'));
    assert_eq!(app.page_id(), PageId::LogNote);
}

fn status(app: &App) -> String {
    format!("{:?}", app.status)
}

#[test]
fn esc_in_an_empty_note_goes_back_to_the_answers_and_logs_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = at_home(dir.path());
    at_note(&mut app);
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.page_id(), PageId::LogAnswer);
    assert!(app.data.asks.is_empty(), "an ask was logged on Esc");
    assert!(
        status(&app).contains("Nothing was saved"),
        "{}",
        status(&app)
    );
}

#[test]
fn esc_in_a_written_note_asks_first_and_a_second_esc_leaves_without_saving() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = at_home(dir.path());
    at_note(&mut app);
    chars(&mut app, "He said after the holidays");
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.page_id(), PageId::LogNote, "one Esc lost the note");
    assert!(status(&app).contains("Esc again"), "{}", status(&app));
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.page_id(), PageId::LogAnswer);
    assert!(app.data.asks.is_empty());
}

#[test]
fn typing_after_the_first_esc_means_a_later_esc_asks_again() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = at_home(dir.path());
    at_note(&mut app);
    chars(&mut app, "He said");
    key(&mut app, KeyCode::Esc);
    chars(&mut app, " maybe");
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.page_id(), PageId::LogNote);
}

#[test]
fn tab_in_a_note_logs_the_ask_with_its_note() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = at_home(dir.path());
    at_note(&mut app);
    chars(&mut app, "He said after the holidays");
    key(&mut app, KeyCode::Tab);
    assert_eq!(app.page_id(), PageId::Logged);
    assert_eq!(app.data.asks.len(), 1);
    assert_eq!(app.data.asks[0].note, "He said after the holidays");
}

/// On your own → a builder ("Build…" entries come after the sections).
fn at_builder(app: &mut App) {
    open(app, HomeItem::Solo);
    let builder = app
        .solo_items()
        .iter()
        .position(|i| matches!(i, overture::core::solo::SoloItem::Builder(_)))
        .expect("a builder on this path");
    for _ in 0..builder {
        key(app, KeyCode::Down);
    }
    key(app, KeyCode::Enter);
    assert_eq!(app.page_id(), PageId::Build);
}

#[test]
fn shift_tab_in_a_builder_goes_to_the_blank_before_with_both_blanks_kept() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = at_home(dir.path());
    at_builder(&mut app);
    chars(&mut app, "first words");
    key(&mut app, KeyCode::Tab);
    chars(&mut app, "second words");
    key(&mut app, KeyCode::BackTab);
    let shown = app.editor.as_ref().map(|e| e.lines().join(" "));
    assert_eq!(shown.as_deref(), Some("first words"));
    key(&mut app, KeyCode::Tab);
    let shown = app.editor.as_ref().map(|e| e.lines().join(" "));
    assert_eq!(shown.as_deref(), Some("second words"));
}

#[test]
fn esc_on_a_builders_first_blank_leaves_it_with_nothing_saved() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = at_home(dir.path());
    let before = app.data.journal.len();
    at_builder(&mut app);
    chars(&mut app, "first words");
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.page_id(), PageId::Solo);
    assert_eq!(app.data.journal.len(), before);
}

/// The checker's panel as plain text, for a user whose partner is a husband.
fn panel(text: &str) -> String {
    panel_for(text, overture::content::Pronouns::He)
}

static CONTENT: std::sync::LazyLock<overture::content::Content> =
    std::sync::LazyLock::new(|| overture::content::Content::embedded().expect("content"));

/// A boundary comes after the asking has stopped: when the checker reads an ultimatum in it,
/// its advice says what a boundary is, and never suggests asking again.
#[test]
fn a_boundary_read_as_an_ultimatum_is_never_advised_to_invite_again() {
    use overture::content::Pronouns;
    use overture::pages::rehearse::Draft;
    let text = "If you won't go to counseling, I'm moving out.";
    let boundary = panel_as(text, Pronouns::She, Draft::Boundary);
    assert!(boundary.contains("Sounds like an ultimatum"), "{boundary}");
    assert!(
        boundary.contains("what you will do, whatever she decides"),
        "{boundary}"
    );
    for invite in ["try one session", "together", "I'd like us"] {
        assert!(!boundary.contains(invite), "{invite}: {boundary}");
    }
    assert!(boundary.contains("I'm going to ____"), "{boundary}");
    assert!(
        boundary.contains("counselor on my own.\u{201d}\n"),
        "the note ends where it should: {boundary}"
    );
    // Therapy as fixing them, and pressure through the children: the boundary's word, once.
    let text = "Think about the kids. Either you come or I leave. You're the one who needs fixing.";
    let boundary = panel_as(text, Pronouns::He, Draft::Boundary);
    for invite in [
        "try one session",
        "together",
        "I'd like us",
        "I\u{2019}d like us",
    ] {
        assert!(!boundary.contains(invite), "{invite}: {boundary}");
    }
    assert_eq!(
        boundary.matches("whatever he decides").count(),
        1,
        "{boundary}"
    );
    // The same words in an invitation still get the invitation's advice.
    let invitation = panel_as(text, Pronouns::She, Draft::Invitation);
    assert!(
        invitation.contains("try one session together"),
        "{invitation}"
    );
    // A boundary with nothing to flag keeps its plain word.
    let kind = panel_as(
        "I'm going to start seeing a counselor on my own.",
        Pronouns::They,
        Draft::Boundary,
    );
    assert!(kind.contains("Checker: nothing to flag"), "{kind}");
    // Never praised as a boundary: the checker misses some ultimatums.
    assert!(!kind.contains("It reads as"), "{kind}");
    assert!(kind.contains("ask nothing of them"), "{kind}");
}

fn panel_for(text: &str, pronouns: overture::content::Pronouns) -> String {
    panel_as(text, pronouns, overture::pages::rehearse::Draft::Invitation)
}

fn panel_as(
    text: &str,
    pronouns: overture::content::Pronouns,
    draft: overture::pages::rehearse::Draft,
) -> String {
    use overture::pages::Block;
    use overture::pages::rehearse::findings;
    let voice = overture::content::Voice {
        partner: "husband".into(),
        pronouns,
    };
    findings(overture::pages::Words::new(&CONTENT, &voice), text, draft)
        .blocks
        .iter()
        .map(|b| match b {
            Block::Para(_, t) | Block::Bullet(_, t) => t.clone(),
            Block::Labeled { label, text, .. } => format!("{label}{text}"),
            _ => String::new(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A built "I feel" sentence exists to replace "you always": where the checker reads the
/// sentence as the user's own and finds nothing, a sweeping word in it is still named.
#[test]
fn a_built_sentence_with_always_in_it_says_so() {
    let sentence = overture::pages::rehearse::Draft::Sentence;
    let said = panel_as(
        "I feel hurt when you always come home drunk and start on me. I need calm.",
        overture::content::Pronouns::He,
        sentence,
    );
    // The checker's own "you always" finding, or the builder's note where it finds none.
    assert!(
        said.contains("\u{201c}always\u{201d} is still in it")
            || said.contains("\u{201c}you always\u{201d}"),
        "{said}"
    );
    let said = panel_as(
        "I feel lonely when dinner goes quiet. I need ten minutes together.",
        overture::content::Pronouns::He,
        sentence,
    );
    assert!(
        said.contains("nothing to flag") && !said.contains("still in it"),
        "{said}"
    );
    // "Nevertheless" is not "never".
    let said = panel_as(
        "I feel tired when the evening runs late, nevertheless I need to talk.",
        overture::content::Pronouns::He,
        sentence,
    );
    assert!(!said.contains("still in it"), "{said}");
}

#[test]
fn the_checker_gives_no_verdict_on_what_is_not_a_sentence() {
    for gibberish in ["asdf qwer zxcv", "kkkkkk", "123 456 789", "xq zr tt pp"] {
        let said = panel(gibberish);
        assert!(!said.contains("reads as"), "{gibberish}: {said}");
        assert!(
            said.contains("doesn't read as a sentence"),
            "{gibberish}: {said}"
        );
    }
    let said = panel("Could we talk this weekend about how we have been?");
    assert!(said.contains("It can miss things"), "{said}");
}

#[test]
fn the_checker_explains_each_concern_once_and_lists_its_phrases() {
    let said = panel("You always walk off and you never listen. You always do this.");
    let lines: Vec<&str> = said.lines().filter(|l| l.starts_with('\u{201c}')).collect();
    let always = lines
        .iter()
        .filter(|l| l.contains("always") || l.contains("never"))
        .count();
    assert_eq!(always, 1, "{said}");
    let line = lines
        .iter()
        .find(|l| l.contains("always"))
        .expect("the concern");
    assert!(line.contains("never"), "both phrases on one line: {line}");
}

#[test]
fn the_checker_speaks_of_the_partner_with_the_users_pronouns() {
    use overture::content::Pronouns;
    let draft = "You always ignore me. It is your fault. You are a narcissist.";
    let he = panel_for(draft, Pronouns::He);
    assert!(he.contains("who he is, so he may argue"), "{he}");
    assert!(he.contains("puts the weight on him"), "{he}");
    assert!(he.contains("puts a label on him"), "{he}");
    assert!(!he.contains(" them") && !he.contains(" they "), "{he}");
    let she = panel_for(draft, Pronouns::She);
    assert!(she.contains("who she is, so she may argue"), "{she}");
    let they = panel_for(draft, Pronouns::They);
    assert!(they.contains("who they are, so they may argue"), "{they}");
}

#[test]
fn leaving_with_ctrl_c_keeps_what_is_in_the_box() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = at_home(dir.path());
    at_note(&mut app);
    chars(&mut app, "He said after the holidays");
    common::ctrl(&mut app, 'c');
    assert!(
        status_or_overlay(&app).contains("ConfirmQuit"),
        "{}",
        status_or_overlay(&app)
    );
    key(&mut app, KeyCode::Char('y'));
    assert!(app.exit.is_some());
    let saved = common::saved(dir.path());
    assert_eq!(
        saved["asks"][0]["note"], "He said after the holidays",
        "the box said everything was saved: {}",
        saved["asks"]
    );
}

fn status_or_overlay(app: &App) -> String {
    format!("{:?} {:?}", app.overlay, app.status)
}
