//! One core, two front ends: the same choices made with keys in the full-screen app and with
//! typed lines in plain mode leave the same saved document, byte for byte. If a rule lived in
//! one front end only, the two files would differ.

use crate::common;

use common::{answer_until_done, answers_for, chars, first_run, fixed_now, key, open_app};
use overture::content::Content;
use overture::core::place::PageId;
use overture::core::record::SavedData;
use overture::core::session::{self, HomeItem};
use overture::plain::Plain;
use overture::store::Loaded;
use overture::tui::app::App;
use ratatui::crossterm::event::KeyCode;
use std::path::Path;

/// Moves to a home menu entry with the arrow keys and opens it.
fn choose_home(app: &mut App, item: HomeItem) {
    let index = session::home_items(&app.data)
        .iter()
        .position(|i| *i == item)
        .unwrap_or_else(|| panic!("{item:?} is not on the home menu"));
    while app.cursor < index {
        key(app, KeyCode::Down);
    }
    while app.cursor > index {
        key(app, KeyCode::Up);
    }
    key(app, KeyCode::Enter);
}

/// Types words into the text box on screen and goes on with Tab.
fn write(app: &mut App, words: &str) {
    chars(app, words);
    key(app, KeyCode::Tab);
}

/// Everything, in the full-screen app.
fn with_keys(dir: &Path) -> SavedData {
    let mut app = open_app(dir);
    first_run(&mut app);
    answer_until_done(&mut app, &answers_for("reachable"));
    key(&mut app, KeyCode::Enter); // the result, then home

    choose_home(&mut app, HomeItem::LogAsk);
    key(&mut app, KeyCode::Char('2')); // a relationship coach
    key(&mut app, KeyCode::Char('4')); // no, with a reason
    write(&mut app, "He said maybe after the holidays");
    key(&mut app, KeyCode::Enter); // what it means, then home

    choose_home(&mut app, HomeItem::Timeline);
    key(&mut app, KeyCode::Char('1')); // 30 days
    key(&mut app, KeyCode::Esc);

    choose_home(&mut app, HomeItem::Rehearse);
    key(&mut app, KeyCode::Char('7'));
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Char('6'));
    key(&mut app, KeyCode::Enter);
    write(&mut app, "It matters because I miss us");
    for step in 0..8 {
        write(&mut app, &format!("My words for step {}", step + 1));
    }
    key(&mut app, KeyCode::Char('4')); // "We're fine"
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('8'));
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Char('9'));
    key(&mut app, KeyCode::Enter);
    write(&mut app, "Calmer than I expected");
    key(&mut app, KeyCode::Esc); // the script, then home

    choose_home(&mut app, HomeItem::Solo);
    let journal = app.solo_items().len() - 1;
    while app.cursor < journal {
        key(&mut app, KeyCode::Down);
    }
    key(&mut app, KeyCode::Enter);
    // "Write freely" comes after the prompts this path is offered.
    let free = overture::core::solo::journal_prompts(&app.content, &app.data).len();
    while app.cursor < free {
        key(&mut app, KeyCode::Down);
    }
    key(&mut app, KeyCode::Enter);
    write(&mut app, "Tonight I felt steadier");
    key(&mut app, KeyCode::Char('q'));
    app.data.clone()
}

/// Runs plain mode over `dir` with `input`, as a person typing would.
fn plain_run(dir: &Path, input: &str) -> SavedData {
    let (store, loaded) = common::reopen(dir);
    let data = match loaded {
        Loaded::Fresh => SavedData::default(),
        Loaded::Data(data) => data,
        Loaded::MovedAside { problem, .. } => panic!("unreadable: {problem}"),
    };
    // A walk that goes astray could type a file name at an export prompt: such a file lands
    // in the data folder, never in the repository.
    let mut plain = Plain::new(Content::embedded().expect("content"), data, Some(store))
        .with_clock(fixed_now)
        .with_export_dir(dir.to_path_buf());
    let mut out = Vec::new();
    plain
        .run(
            &mut std::io::Cursor::new(input.as_bytes().to_vec()),
            &mut out,
        )
        .expect("plain mode runs");
    plain.data().clone()
}

fn number(data: &SavedData, item: HomeItem) -> usize {
    session::home_items(data)
        .iter()
        .position(|i| *i == item)
        .expect("on the home menu")
        + 1
}

/// The same, typed line by line in plain mode.
fn with_lines(dir: &Path) -> SavedData {
    let check_in = common::plain_answer_lines(&answers_for("reachable"));
    let mut data = plain_run(dir, &format!("\n1\n\n{check_in}\nquit\n"));

    let log = number(&data, HomeItem::LogAsk);
    data = plain_run(
        dir,
        &format!("{log}\n2\n4\nHe said maybe after the holidays\n\n\nquit\n"),
    );

    let timeline = number(&data, HomeItem::Timeline);
    data = plain_run(dir, &format!("{timeline}\n1\nback\nquit\n"));

    let rehearse = number(&data, HomeItem::Rehearse);
    let steps = (1..=8).fold(String::new(), |mut all, n| {
        all.push_str("My words for step ");
        all.push_str(&n.to_string());
        all.push_str("\n\n");
        all
    });
    data = plain_run(
        dir,
        &format!(
            "{rehearse}\n7\n6\nIt matters because I miss us\n\n{steps}4\n\n8\n9\nCalmer than I expected\n\n6\nquit\n"
        ),
    );

    let solo = number(&data, HomeItem::Solo);
    let journal = overture::core::solo::items(&Content::embedded().expect("content"), &data).len();
    let free = overture::core::solo::journal_prompts(&Content::embedded().expect("content"), &data)
        .len()
        + 1;
    plain_run(
        dir,
        &format!("{solo}\n{journal}\n{free}\nTonight I felt steadier\n\nquit\n"),
    )
}

#[test]
fn keys_and_typed_lines_leave_the_same_saved_document() {
    let keys_dir = tempfile::tempdir().expect("temp dir");
    let lines_dir = tempfile::tempdir().expect("temp dir");
    let by_keys = with_keys(keys_dir.path());
    let by_lines = with_lines(lines_dir.path());

    // The walk really happened, so equal files mean something.
    assert_eq!(by_keys.asks.len(), 1);
    assert_eq!(by_keys.timeline.as_ref().map(|t| t.days), Some(30));
    assert_eq!(by_keys.rehearsals.len(), 1);
    assert_eq!(by_keys.rehearsals[0].scripts.len(), 1);
    assert_eq!(by_keys.rehearsals[0].reply.as_deref(), Some("fine"));
    assert_eq!(by_keys.journal.len(), 1);

    assert_eq!(
        serde_json::to_value(&by_lines).expect("json"),
        serde_json::to_value(&by_keys).expect("json"),
        "the two front ends saved different documents"
    );
    // Byte for byte, as a whole document.
    let file = |dir: &Path| serde_json::to_vec_pretty(&crate::common::saved_data(dir)).unwrap();
    assert_eq!(file(lines_dir.path()), file(keys_dir.path()));
}

/// The saved data in `dir`, as a face would load it.
fn load(dir: &Path) -> SavedData {
    match common::reopen(dir).1 {
        Loaded::Fresh => SavedData::default(),
        Loaded::Data(data) => data,
        Loaded::MovedAside { problem, .. } => panic!("unreadable: {problem}"),
    }
}

/// The pages plain mode shows for `input`, typed over `data`, in a session that writes nothing.
fn plain_page(data: &SavedData, input: &str) -> PageId {
    static CONTENT: std::sync::OnceLock<Content> = std::sync::OnceLock::new();
    let content = CONTENT.get_or_init(|| Content::embedded().expect("content"));
    let mut plain = Plain::new(content.clone(), data.clone(), None)
        .with_clock(fixed_now)
        .with_export_dir(std::env::temp_dir());
    plain
        .run(
            &mut std::io::Cursor::new(input.as_bytes().to_vec()),
            &mut Vec::new(),
        )
        .expect("plain mode runs");
    plain.page_id()
}

/// Answers by question id: the option keys chosen.
type Answers = Vec<(&'static str, Vec<&'static str>)>;

/// Answers for each outcome, and for the paths within them (the user's own thoughts of
/// self-harm, a partner's threats of self-harm, an affair, a crisis, a partner already gone).
fn situations() -> Vec<(&'static str, Answers)> {
    let mut all: Vec<_> = [
        "reachable",
        "safety_first",
        "not_first_step",
        "red_flag",
        "not_yet_clear",
    ]
    .into_iter()
    .map(|o| (o, answers_for(o)))
    .collect();
    for (name, question, key) in [
        ("self_harm", "self_harm", "yes"),
        ("partner_threat", "safety_suicide_threat", "yes"),
        ("affair", "screen_affair", "partner"),
        ("crisis", "screen_crisis", "mine"),
        ("gone", "screen_gone", "said_done"),
    ] {
        let mut answers = answers_for("reachable");
        answers.retain(|(q, _)| *q != question);
        answers.push((question, vec![key]));
        all.push((name, answers));
    }
    all
}

/// On every path and for every home menu entry it offers, the same intents (open the entry,
/// then go back) lead both faces to the same pages: where each entry leads is decided once, in
/// `core::place::open`.
#[test]
fn every_home_entry_opens_the_same_page_in_both_faces_on_every_path() {
    for (outcome, answers) in situations() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut app = open_app(dir.path());
        first_run(&mut app);
        answer_until_done(&mut app, &answers);
        key(&mut app, KeyCode::Enter);
        assert_eq!(app.page_id(), PageId::Home, "{outcome}");
        let items = session::home_items(&app.data);
        drop(app); // it holds the store's lock

        for &item in &items {
            let data = load(dir.path());
            let n = number(&data, item);
            let case = format!("{outcome}, {item:?}");

            let opened_plain = plain_page(&data, &format!("{n}\n"));
            let mut app = open_app(dir.path());
            choose_home(&mut app, item);
            let opened_keys = app.page_id();
            assert_eq!(opened_keys, opened_plain, "{case}: opening it");
            assert_ne!(opened_keys, PageId::Home, "{case}: opens nothing");
            if opened_keys == PageId::Goodbye {
                continue;
            }

            // Then back, with Esc and with the word.
            let back_plain = plain_page(&data, &format!("{n}\nback\n"));
            key(&mut app, KeyCode::Esc);
            assert_eq!(app.page_id(), back_plain, "{case}: then back");
        }
        let path = overture::core::gate::current(&load(dir.path()));
        eprintln!(
            "{outcome} ({path:?}): {} entries open the same page",
            items.len()
        );
    }
}

/// What a person does on a page, in words both faces understand.
#[derive(Debug, Clone, Copy)]
enum Intent {
    /// Choose the nth entry of the page's list (on a page with a text box: write in it).
    Pick(usize),
    Back,
}

/// Pages whose input is not a pick from a list: a probe only goes back from them.
fn only_back(page: PageId) -> bool {
    matches!(
        page,
        PageId::Question
            | PageId::Rehearsal
            | PageId::Confirm
            | PageId::ExportSummary
            | PageId::Goodbye
            | PageId::CrisisLines
    )
}

/// Pages to read, with nothing to pick: a pick there means "go on" (Enter, or an empty line).
fn reading(page: PageId) -> bool {
    matches!(
        page,
        PageId::Result
            | PageId::Snapshot
            | PageId::Compare
            | PageId::Door
            | PageId::SoloSection
            | PageId::Logged
            | PageId::ReviewResult
            | PageId::RehearsalClosed
    )
}

/// Pages with a text box for the user's own words.
fn writes(page: PageId) -> bool {
    matches!(page, PageId::LogNote | PageId::Build | PageId::Journal)
}

const WORDS: &str = "Some words of my own";

/// The same intent, as keys.
fn by_key(app: &mut App, intent: Intent) {
    match intent {
        Intent::Back => key(app, KeyCode::Esc),
        Intent::Pick(_) if writes(app.page_id()) => write(app, WORDS),
        Intent::Pick(_) if reading(app.page_id()) => key(app, KeyCode::Enter),
        Intent::Pick(n) => {
            let digit = char::from_digit(u32::try_from(n).expect("small"), 10).expect("digit");
            key(app, KeyCode::Char(digit));
        }
    }
}

/// The same intent, as a typed line (`page` is where plain mode is now).
fn by_line(page: PageId, intent: Intent) -> String {
    match intent {
        Intent::Back => "back\n".to_string(),
        Intent::Pick(_) if writes(page) => format!("{WORDS}\n\n"),
        Intent::Pick(_) if reading(page) => "\n".to_string(),
        Intent::Pick(n) => format!("{n}\n"),
    }
}

/// Beyond the home menu: on every path, open each entry, pick the first or second thing on
/// the page it opens (or write, where it asks for words), go one level deeper, then go back
/// to the start. After every intent both faces show the same page.
#[test]
fn picks_and_backs_inside_every_page_lead_to_the_same_pages_in_both_faces() {
    let probes: [&[Intent]; 3] = [
        &[Intent::Pick(1), Intent::Back, Intent::Back, Intent::Back],
        &[
            Intent::Pick(2),
            Intent::Pick(1),
            Intent::Back,
            Intent::Back,
            Intent::Back,
        ],
        &[
            Intent::Pick(1),
            Intent::Pick(1),
            Intent::Pick(1),
            Intent::Back,
            Intent::Back,
            Intent::Back,
            Intent::Back,
        ],
    ];
    let mut compared = 0;
    for (outcome, answers) in situations() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut app = open_app(dir.path());
        first_run(&mut app);
        answer_until_done(&mut app, &answers);
        key(&mut app, KeyCode::Enter);
        let items = session::home_items(&app.data);
        drop(app);

        for &item in &items {
            if matches!(item, HomeItem::Quit | HomeItem::ExportSummary) {
                continue;
            }
            for probe in probes {
                // Each probe starts from the same saved data in a copy of the folder.
                let copy = tempfile::tempdir().expect("temp dir");
                crate::common::copy_saved(dir.path(), copy.path());
                let data = load(copy.path());
                let mut input = format!("{}\n", number(&data, item));
                let mut app = open_app(copy.path());
                choose_home(&mut app, item);
                let mut trail = vec![app.page_id()];
                for &intent in probe {
                    let page = app.page_id();
                    if only_back(page) && !matches!(intent, Intent::Back) {
                        break;
                    }
                    by_key(&mut app, intent);
                    input.push_str(&by_line(page, intent));
                    let plain = plain_page(&data, &input);
                    trail.push(app.page_id());
                    compared += 1;
                    assert_eq!(
                        app.page_id(),
                        plain,
                        "{outcome}, {item:?}, {probe:?}: pages so far {trail:?}, typed {input:?}"
                    );
                    if app.page_id() == PageId::Home {
                        break;
                    }
                }
            }
        }
    }
    eprintln!("{compared} intents led to the same page in both faces");
    assert!(compared > 300, "the probes reached too little: {compared}");
}
