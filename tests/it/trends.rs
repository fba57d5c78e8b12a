//! Trends: `overture trends` as a transcript, and the tables' rules (newest rows, a note of
//! what was left out, nothing shown that was not saved).

use assert_cmd::Command;
use overture::content::Content;
use overture::core::record::SavedData;
use overture::store::Store;
use std::sync::LazyLock;
use std::time::Duration;

static CONTENT: LazyLock<Content> = LazyLock::new(|| Content::embedded().expect("content"));

fn saved(data: &SavedData) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = Store::open(dir.path()).unwrap();
    store.save(data).unwrap();
    dir
}

fn trends(dir: &std::path::Path, args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_overture"))
        .env_clear()
        .env("TZ", "UTC")
        .env("LANG", "C")
        .arg("trends")
        .args(args)
        .arg("--data-dir")
        .arg(dir)
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
    )
}

#[test]
fn trends_prints_forty_saved_items_as_tables() {
    let dir = saved(&overture::sample::long_history(&CONTENT, 40));
    let (code, stdout) = trends(dir.path(), &[]);
    assert_eq!(code, 0);
    insta::assert_snapshot!("trends_40", stdout);
}

#[test]
fn trends_with_nothing_saved_or_nothing_that_makes_a_trend_says_so() {
    let empty = tempfile::tempdir().unwrap();
    assert_eq!(
        trends(empty.path(), &[]),
        (0, "Nothing is saved yet.\n".to_string())
    );
    let dir = saved(&SavedData::default());
    let (code, stdout) = trends(dir.path(), &[]);
    assert_eq!(code, 0);
    assert!(
        stdout.starts_with("Nothing saved makes a trend yet"),
        "{stdout}"
    );
}

#[test]
fn long_histories_show_the_newest_twelve_rows_and_say_how_many_were_left_out() {
    let data = overture::sample::long_history(&CONTENT, 5_000);
    let dir = saved(&data);
    let (code, stdout) = trends(dir.path(), &[]);
    assert_eq!(code, 0);
    let rows = |title: &str| -> Vec<String> {
        stdout
            .split(title)
            .nth(1)
            .unwrap()
            .lines()
            .skip(4)
            .take_while(|l| l.starts_with('|'))
            .map(str::to_string)
            .collect()
    };
    let check_ins = rows("The check-in's signals, per check-in");
    assert_eq!(check_ins.len(), 12, "{check_ins:?}");
    let left_out = data.assessments.len() - 12;
    assert!(
        stdout.contains(&format!("({left_out} earlier rows not shown.)")),
        "{stdout}"
    );
    let last = data.assessments.last().unwrap();
    assert!(
        check_ins.last().unwrap().starts_with(&format!(
            "| {} |",
            overture::pages::text::date(last.completed_at)
        )),
        "the newest row is last: {check_ins:?}"
    );
    // --all shows every row.
    let (_, all) = trends(dir.path(), &["--all"]);
    assert!(!all.contains("earlier rows not shown"));
    assert!(all.lines().count() > 5_000 / 4);
}

// ----- the full-screen trends screen -----

use crate::common::{
    answer_until_done, answers_for, first_run, fixed_now, key, private_app, render,
};
use overture::tui::app::{App, Screen};
use ratatui::crossterm::event::KeyCode;

fn trends_screen(data: SavedData) -> App {
    let mut app = App::new(Content::embedded().expect("content"), data, None).with_clock(fixed_now);
    key(&mut app, KeyCode::Char('m'));
    assert_eq!(app.screen, Screen::Trends, "m opens the trends from home");
    app
}

fn snap(name: &str, make: impl Fn() -> App) {
    for (w, h) in [(80, 24), (40, 12)] {
        let mut app = make();
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), render(&mut app, w, h));
    }
}

#[test]
fn the_trends_screen_at_two_sizes() {
    snap("screen_empty", || {
        let mut app = private_app();
        first_run(&mut app);
        app.screen = Screen::Trends;
        app
    });
    snap("screen_one_check_in", || {
        let mut app = private_app();
        first_run(&mut app);
        answer_until_done(&mut app, &answers_for("reachable"));
        key(&mut app, KeyCode::Esc);
        key(&mut app, KeyCode::Char('m'));
        app
    });
    snap("screen_40", || {
        trends_screen(overture::sample::long_history(&CONTENT, 40))
    });
    snap("screen_5000", || {
        trends_screen(overture::sample::long_history(&CONTENT, 5_000))
    });
}

#[test]
fn the_trends_screen_scrolls_to_its_end_and_esc_goes_home() {
    let mut app = trends_screen(overture::sample::long_history(&CONTENT, 40));
    let top = render(&mut app, 80, 24);
    assert!(!top.contains("Reviews of the timeline"), "{top}");
    key(&mut app, KeyCode::End);
    let end = render(&mut app, 80, 24);
    assert!(end.contains("Reviews of the timeline"), "{end}");
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.screen, Screen::Home);
}

// ----- overture history for people and for scripts -----

fn history(dir: &std::path::Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_overture"))
        .env_clear()
        .env("TZ", "UTC")
        .env("LANG", "C")
        .arg("history")
        .args(args)
        .arg("--data-dir")
        .arg(dir)
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn history_filters_by_kind_names_outcomes_in_words_and_gives_json_to_scripts() {
    let data = overture::sample::long_history(&CONTENT, 40);
    let dir = saved(&data);
    let all = history(dir.path(), &[]);
    assert!(
        !all.contains("red_flag") && !all.contains("reachable:"),
        "no internal ids: {all}"
    );
    let check_ins = history(dir.path(), &["--kind", "check-in"]);
    let rows: Vec<&str> = check_ins.lines().skip(1).collect();
    assert_eq!(rows.len(), data.assessments.len(), "{check_ins}");
    assert!(
        rows.iter().all(|r| r.contains("  Check-in: ")),
        "{check_ins}"
    );

    let json = history(dir.path(), &["--json"]);
    let rows: Vec<serde_json::Value> = json
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), overture::core::history::list(&data).len());
    let check_in = rows.iter().find(|r| r["kind"] == "check-in").unwrap();
    assert!(check_in["outcome"].is_string(), "{check_in}");
    assert!(check_in["id"].as_str().unwrap().starts_with('a'));
    for row in &rows {
        for field in ["id", "kind", "at", "date", "what"] {
            assert!(row[field].is_string(), "{field} in {row}");
        }
    }
    let journal = history(dir.path(), &["--json", "--kind", "journal"]);
    assert!(journal.lines().all(|l| l.contains("\"kind\":\"journal\"")));
    assert_eq!(
        history(dir.path(), &["--kind", "journal"]).lines().count() - 1,
        journal.lines().count()
    );
}

#[test]
fn the_saved_answers_list_shows_one_kind_at_a_time_and_acts_on_the_row_shown() {
    use overture::core::history::Kind;
    let data = overture::sample::long_history(&CONTENT, 40);
    let mut app = App::new(Content::embedded().expect("content"), data, None).with_clock(fixed_now);
    key(&mut app, KeyCode::Char('h'));
    assert_eq!(app.screen, Screen::History);
    let journal_entries = app.data.journal.len();
    for kind in Kind::ALL {
        key(&mut app, KeyCode::Char('f'));
        assert_eq!(app.history_kind, Some(kind));
        let rows = app.history_rows();
        assert!(
            !rows.is_empty() && rows.iter().all(|s| s.kind == kind),
            "{kind:?}"
        );
        let screen = render(&mut app, 80, 24);
        assert!(screen.contains("only ("), "{screen}");
    }
    // Journal entries are shown: deleting the first row deletes the newest journal entry.
    let newest = app.data.journal.last().unwrap().id.clone();
    key(&mut app, KeyCode::Char('d'));
    key(&mut app, KeyCode::Char('y'));
    assert_eq!(app.data.journal.len(), journal_entries - 1);
    assert!(app.data.journal.iter().all(|j| j.id != newest));
    // One more press shows everything again.
    key(&mut app, KeyCode::Char('f'));
    assert_eq!(app.history_kind, None);
    assert_eq!(
        app.history_rows().len(),
        overture::core::history::list(&app.data).len()
    );
}
