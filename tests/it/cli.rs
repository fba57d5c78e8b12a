//! The command line and plain mode, through the built binary: answers piped in, the outcome
//! read from what it prints, and the saved file checked.

use crate::common;

use assert_cmd::Command;
use common::{answers_for, plain_answer_lines};
use overture::content::{Content, Pronouns, Voice, render};
use overture::core::Answers;
use overture::core::record::SavedData;
use overture::core::session::{self, HomeItem};
use serde_json::Value;
use std::path::Path;
use std::time::Duration;

/// The binary with a clean environment: no data folder or colour setting inherited, UTC.
fn overture() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_overture"));
    cmd.env_remove("OVERTURE_DATA_DIR")
        .env_remove("NO_COLOR")
        .env("TZ", "UTC")
        // Help lines follow the locale: pin one that names no country.
        .env("LANG", "C")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .timeout(Duration::from_secs(60));
    cmd
}

/// `overture ARGS --data-dir DIR` with `input` on stdin. Returns (exit code, stdout, stderr).
fn run(dir: &Path, args: &[&str], input: &str) -> (i32, String, String) {
    // Run inside the data folder: a typed line that lands on an export prompt makes its
    // file there, never in the repository.
    let cwd = dir
        .ancestors()
        .find(|p| p.is_dir())
        .expect("a folder to run in");
    let out = overture()
        .current_dir(cwd)
        .args(args)
        .arg("--data-dir")
        .arg(dir)
        .write_stdin(input)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn saved(dir: &Path) -> Value {
    crate::common::saved(dir)
}

/// Welcome (Enter), partner word 1 (husband), the suggested pronouns (Enter).
const FIRST_RUN: &str = "\n1\n\n";

fn husband() -> Voice {
    Voice {
        partner: "husband".into(),
        pronouns: Pronouns::He,
    }
}

/// The number of a home menu entry once one check-in is finished.
fn home_number(item: HomeItem) -> usize {
    home_number_after(item, Answers::new())
}

/// The same, after a check-in with these answers: what the menu holds follows the path.
fn home_number_after(item: HomeItem, answers: Answers) -> usize {
    let mut data = SavedData::default();
    session::start(&mut data, jiff::Timestamp::UNIX_EPOCH);
    session::finish(&mut data, answers, jiff::Timestamp::UNIX_EPOCH);
    session::home_items(&data)
        .iter()
        .position(|i| *i == item)
        .expect("on the menu")
        + 1
}

/// A first run in plain mode through a reachable check-in; returns what was saved.
fn reachable_check_in(dir: &Path) -> SavedData {
    let input = format!(
        "{FIRST_RUN}{}",
        plain_answer_lines(&answers_for("reachable"))
    );
    run(dir, &["--plain"], &input);
    serde_json::from_value(saved(dir)).unwrap()
}

/// The number of a home menu entry for this saved data.
fn number_of(data: &SavedData, item: HomeItem) -> usize {
    session::home_items(data)
        .iter()
        .position(|i| *i == item)
        .expect("on the menu")
        + 1
}

/// The outcome title the plain output shows right after "Your result".
fn result_title(stdout: &str) -> String {
    let mut lines = stdout.lines().skip_while(|l| *l != "Your result");
    lines.next().expect("a result was shown");
    lines.find(|l| !l.is_empty()).expect("a title").to_string()
}

#[test]
fn plain_mode_reaches_each_of_the_five_outcomes() {
    let content = Content::embedded().unwrap();
    for outcome in [
        "safety_first",
        "not_first_step",
        "red_flag",
        "reachable",
        "not_yet_clear",
    ] {
        let dir = tempfile::tempdir().unwrap();
        let input = format!("{FIRST_RUN}{}", plain_answer_lines(&answers_for(outcome)));
        let (code, stdout, stderr) = run(dir.path(), &["--plain"], &input);
        assert_eq!(code, 0, "{outcome}: {stderr}");

        // The outcome, read back from what was printed.
        let want = render(&content.copy.outcomes[outcome].title, &husband());
        assert_eq!(result_title(&stdout), want, "{outcome}");
        assert!(stdout.contains("Why am I seeing this?"), "{outcome}");
        assert!(stdout.contains("Next steps"), "{outcome}");
        // The input ended at the result: leaving says everything is saved.
        assert!(
            stdout
                .ends_with("End of input.\nLeaving Overture. Everything you answered is saved.\n"),
            "{outcome}: {stdout}"
        );
        // Asked for with --plain: nothing on stderr at all, and never an answer.
        assert_eq!(stderr, "", "{outcome}");

        let data = saved(dir.path());
        assert_eq!(data["assessments"][0]["outcome"], outcome);
        assert_eq!(data["profile"]["voice"]["partner"], "husband");
        assert!(data["draft"].is_null(), "{outcome}: no draft is left");
    }
}

#[test]
fn multi_select_takes_numbers_separated_by_spaces_or_commas() {
    let dir = tempfile::tempdir().unwrap();
    let lines = plain_answer_lines(&answers_for("reachable"));
    // The reasons question is the 18th asked; answer it with spaces instead of ", ".
    let lines: Vec<&str> = lines.lines().collect();
    let mut input = String::from(FIRST_RUN);
    for (i, l) in lines.iter().enumerate() {
        input.push_str(&if i == 17 {
            l.replace(", ", "  ")
        } else {
            (*l).to_string()
        });
        input.push('\n');
    }
    let (code, _, stderr) = run(dir.path(), &["--plain"], &input);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        saved(dir.path())["assessments"][0]["answers"]["reasons"],
        serde_json::json!(["bad_therapist", "fear_blamed"])
    );
}

#[test]
fn plain_mode_starts_by_itself_when_input_is_not_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let (code, stdout, stderr) = run(dir.path(), &[], "quit\n");
    assert_eq!(code, 0);
    assert_eq!(
        stderr,
        "overture: standard input is not a terminal, so Overture runs in plain mode, line by line.\n"
    );
    assert!(stdout.contains("Press Enter to begin"), "{stdout}");
    // No escape sequences at all: no alternate screen, no cursor movement, no colour.
    assert!(!stdout.contains('\x1b'), "{stdout:?}");
}

#[test]
fn end_of_input_keeps_the_draft_and_the_next_run_continues_there() {
    let dir = tempfile::tempdir().unwrap();
    let (code, stdout, _) = run(dir.path(), &["--plain"], &format!("{FIRST_RUN}3\n3\n"));
    assert_eq!(code, 0);
    assert!(stdout.contains("You answered \u{201c}No\u{201d}. Saved."));
    let data = saved(dir.path());
    assert_eq!(data["draft"]["answers"].as_object().unwrap().len(), 2);
    assert_eq!(data["draft"]["current"], "safety_threats");

    // Home offers "Continue" first; it goes on at the third safety question.
    let (code, stdout, _) = run(dir.path(), &["--plain"], "1\n");
    assert_eq!(code, 0);
    assert!(
        stdout.contains("1. Continue where you stopped (Safety check, question 3 of 9)"),
        "{stdout}"
    );
    assert!(
        stdout.contains("Safety check \u{2014} question 3 of 9"),
        "{stdout}"
    );
}

#[test]
fn back_help_and_resources_work_at_a_prompt() {
    let dir = tempfile::tempdir().unwrap();
    let input = format!("{FIRST_RUN}3\nhelp\nresources\nback\n\n9\nquit\n");
    let (code, stdout, _) = run(dir.path(), &["--plain"], &input);
    assert_eq!(code, 0);
    assert!(stdout.contains("These words work at every prompt:"));
    let content = Content::embedded().unwrap();
    let region = &content.resources.regions[0];
    assert!(
        stdout.contains(&region.entries[0].name),
        "resources were listed"
    );
    // One line, with how the save went (not a lone "Saved." under it).
    assert!(stdout.contains("Going back one question. Your answers are kept. Saved.\n"));
    // Back at the first question, an empty line keeps the earlier answer.
    assert!(stdout.contains("You answered before: 3. No. Press Enter to keep it."));
    assert!(stdout.contains("There is no option 9 here. The options go from 1 to 3."));
    assert!(stdout.ends_with("Leaving Overture. Everything you answered is saved.\n"));
    let data = saved(dir.path());
    assert_eq!(data["draft"]["answers"]["safety_physical"][0], "no");
    assert_eq!(data["draft"]["current"], "safety_sexual");
}

#[test]
fn a_typed_partner_word_ends_with_an_empty_line() {
    let dir = tempfile::tempdir().unwrap();
    let (code, stdout, _) = run(dir.path(), &["--plain"], "\n6\nmy\nfiancée\n\n2\nquit\n");
    assert_eq!(code, 0);
    assert!(stdout.contains("Overture will say \u{201c}your my fiancée\u{201d}."));
    let data = saved(dir.path());
    assert_eq!(data["profile"]["voice"]["partner"], "my fiancée");
    assert_eq!(data["profile"]["voice"]["pronouns"], "she");
}

#[test]
fn retaking_keeps_the_earlier_result() {
    let dir = tempfile::tempdir().unwrap();
    let first = format!(
        "{FIRST_RUN}{}",
        plain_answer_lines(&answers_for("red_flag"))
    );
    assert_eq!(run(dir.path(), &["--plain"], &first).0, 0);
    let again = format!(
        "{}\n{}",
        home_number_after(HomeItem::Retake, {
            let mut a = Answers::new();
            for (q, keys) in answers_for("red_flag") {
                a.set(q, keys.iter().map(|k| (*k).to_string()).collect());
            }
            a
        }),
        plain_answer_lines(&answers_for("reachable"))
    );
    let (code, stdout, _) = run(dir.path(), &["--plain"], &again);
    assert_eq!(code, 0);
    assert!(stdout.contains("Starting the check-in. Saved."));
    let data = saved(dir.path());
    let kinds: Vec<&str> = data["assessments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["outcome"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["red_flag", "reachable"]);
}

#[test]
fn private_mode_writes_nothing() {
    let parent = tempfile::tempdir().unwrap();
    let dir = parent.path().join("data");
    let input = format!(
        "{FIRST_RUN}{}",
        plain_answer_lines(&answers_for("reachable"))
    );
    let (code, stdout, _) = run(&dir, &["--plain", "--private"], &input);
    assert_eq!(code, 0);
    assert!(stdout.contains("private session: nothing you answer is written"));
    assert!(stdout.ends_with("This was a private session: nothing was written.\n"));
    assert!(!dir.exists(), "the data folder was not even created");
}

#[test]
fn history_show_and_path() {
    let dir = tempfile::tempdir().unwrap();
    let (code, stdout, _) = run(dir.path(), &["history"], "");
    assert_eq!((code, stdout.as_str()), (0, "Nothing is saved yet.\n"));

    let input = format!(
        "{FIRST_RUN}{}",
        plain_answer_lines(&answers_for("not_yet_clear"))
    );
    run(dir.path(), &["--plain"], &input);
    let (code, stdout, stderr) = run(dir.path(), &["history"], "");
    assert_eq!(code, 0, "{stderr}");
    let id = saved(dir.path())["assessments"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let row = stdout.lines().nth(1).unwrap();
    assert!(row.starts_with(&id), "{stdout}");
    assert!(row.ends_with("Check-in: Not clear yet"), "{stdout}");
    assert!(!row.contains("not_yet_clear"), "no internal id: {stdout}");

    let (code, stdout, _) = run(dir.path(), &["show", &id], "");
    assert_eq!(code, 0);
    assert!(stdout.starts_with(&format!("Check-in {id}, started ")));
    assert!(stdout.contains("Not clear yet\n"));
    assert!(stdout.contains("Next steps"));
    let (_, latest, _) = run(dir.path(), &["show", "latest"], "");
    assert_eq!(latest, stdout);

    let (code, stdout, stderr) = run(dir.path(), &["show", "a0"], "");
    assert_eq!((code, stdout.as_str()), (1, ""));
    assert!(stderr.contains("no saved answer with that id"));

    let (code, stdout, _) = run(dir.path(), &["path"], "");
    assert_eq!((code, stdout), (0, format!("{}\n", dir.path().display())));
    // The environment variable works as well as the flag.
    let out = overture()
        .arg("path")
        .env("OVERTURE_DATA_DIR", dir.path())
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        format!("{}\n", dir.path().display())
    );
}

#[test]
fn history_shows_a_check_in_in_progress() {
    let dir = tempfile::tempdir().unwrap();
    run(dir.path(), &["--plain"], &format!("{FIRST_RUN}3\n"));
    let (code, stdout, _) = run(dir.path(), &["history"], "");
    assert_eq!(code, 0);
    assert!(stdout.starts_with("No saved answers yet.\nIn progress: a check-in started "));
    assert!(
        stdout.ends_with(", stopped at Safety check, question 2 of 9.\n"),
        "{stdout}"
    );
}

#[test]
fn export_writes_markdown_or_json_and_warns_it_is_a_trace() {
    let dir = tempfile::tempdir().unwrap();
    let out_dir = tempfile::tempdir().unwrap();
    let md = out_dir.path().join("result.md");
    let md_arg = md.to_str().unwrap();

    let (code, _, stderr) = run(dir.path(), &["export", "--output", md_arg], "");
    assert_eq!(code, 1);
    assert!(stderr.contains("nothing is saved yet"));
    assert!(!md.exists());

    let input = format!(
        "{FIRST_RUN}{}",
        plain_answer_lines(&answers_for("red_flag"))
    );
    run(dir.path(), &["--plain"], &input);
    let (code, stdout, stderr) = run(dir.path(), &["export", "--output", md_arg], "");
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout, format!("Wrote {md_arg}.\n"));
    assert_eq!(stderr.lines().count(), 1, "one line of warning: {stderr}");
    assert!(stderr.contains("a trace on this device"));
    let text = std::fs::read_to_string(&md).unwrap();
    let content = Content::embedded().unwrap();
    let title = render(&content.copy.outcomes["red_flag"].title, &husband());
    assert!(text.contains(&format!("\n# {title}\n")), "{text}");
    assert!(text.contains("## Why am I seeing this?"));
    assert!(text.contains("## Next steps"));
    assert!(text.contains("## Crisis lines and support"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&md).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "only the user can read the export");
    }

    // Never replaces a file.
    let (code, _, stderr) = run(dir.path(), &["export", "--output", md_arg], "");
    assert_eq!(code, 1);
    assert!(stderr.contains("already exists"));

    let json = out_dir.path().join("all.json");
    let (code, _, _) = run(
        dir.path(),
        &["export", "--format", "json", "-o", json.to_str().unwrap()],
        "",
    );
    assert_eq!(code, 0);
    let exported: Value = serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(
        exported,
        saved(dir.path()),
        "json is the whole saved document"
    );
}

fn overture_files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn wipe_asks_first_and_deletes_only_overtures_files() {
    let parent = tempfile::tempdir().unwrap();
    let dir = parent.path().join("data");
    let input = format!(
        "{FIRST_RUN}{}",
        plain_answer_lines(&answers_for("reachable"))
    );
    run(&dir, &["--plain"], &input);
    std::fs::write(dir.join("overture.json.unreadable-1"), "old").unwrap();
    std::fs::write(dir.join("overture.json.tmp-1-0"), "half").unwrap();
    std::fs::write(dir.join("notes.txt"), "mine").unwrap();

    // Anything but "wipe" keeps everything.
    let (code, stdout, _) = run(&dir, &["wipe"], "yes\n");
    assert_eq!(code, 1);
    assert!(stdout.contains("Nothing was deleted."));
    assert_eq!(overture_files(&dir).len(), 7);
    // End of input is not a yes either.
    assert_eq!(run(&dir, &["wipe"], "").0, 1);

    let (code, stdout, _) = run(&dir, &["wipe"], "wipe\n");
    assert_eq!(code, 0, "{stdout}");
    assert!(stdout.contains("Deleted 6 files."), "{stdout}");
    assert!(stdout.contains("What this cannot reach:"));
    assert!(stdout.contains("shell history"));
    assert!(stdout.contains("Backups"));
    assert_eq!(
        overture_files(&dir),
        ["notes.txt"],
        "only the user's own file is left"
    );

    std::fs::remove_file(dir.join("notes.txt")).unwrap();
    run(&dir, &["--plain"], &format!("{FIRST_RUN}3\n"));
    let (code, stdout, _) = run(&dir, &["wipe", "--yes"], "");
    assert_eq!(code, 0);
    assert!(stdout.contains("Removed the folder"));
    assert!(!dir.exists());
}

#[test]
fn exit_code_3_when_another_overture_has_the_data_open() {
    let dir = tempfile::tempdir().unwrap();
    run(dir.path(), &["--plain"], &format!("{FIRST_RUN}3\n"));
    let (_store, _) = crate::common::reopen(dir.path());
    for args in [
        &["--plain"][..],
        &["history"],
        &["show", "latest"],
        &["export", "-o", "/nonexistent/x.md"],
        &["wipe", "--yes"],
    ] {
        let (code, stdout, stderr) = run(dir.path(), args, "");
        assert_eq!(code, 3, "{args:?}: {stdout} {stderr}");
        assert!(
            stderr.contains("open in another Overture window"),
            "{args:?}"
        );
    }
    assert!(
        dir.path().join("overture.json").exists(),
        "wipe deleted nothing"
    );
}

#[test]
fn exit_code_4_when_the_data_file_is_unreadable() {
    let dir = tempfile::tempdir().unwrap();
    let input = format!(
        "{FIRST_RUN}{}",
        plain_answer_lines(&answers_for("reachable"))
    );
    run(dir.path(), &["--plain"], &input);
    // One more save, so the backup holds the finished check-in.
    let change_voice = format!("{}\n3\n\n", home_number(HomeItem::ChangeVoice));
    run(dir.path(), &["--plain"], &change_voice);
    std::fs::write(dir.path().join("overture.json"), "{ not json").unwrap();

    let (code, stdout, stderr) = run(dir.path(), &["history"], "");
    assert_eq!((code, stdout.as_str()), (4, ""));
    assert!(stderr.contains("could not be read"), "{stderr}");
    assert!(stderr.contains("put back the most recent copy"), "{stderr}");
    let names = overture_files(dir.path());
    assert!(
        names
            .iter()
            .any(|n| n.starts_with("overture.json.unreadable-")),
        "moved aside, not deleted: {names:?}"
    );
    // The backup is the data file again; the next command reads it.
    let (code, stdout, _) = run(dir.path(), &["history"], "");
    assert_eq!(code, 0);
    assert!(stdout.contains("reachable"), "{stdout}");
}

#[test]
fn private_and_plain_are_for_the_app_only() {
    let dir = tempfile::tempdir().unwrap();
    let (code, _, stderr) = run(dir.path(), &["--private", "history"], "");
    assert_eq!(code, 2);
    assert!(stderr.contains("for the app"));
    // Answers are never taken as arguments.
    assert_eq!(run(dir.path(), &["--plain", "3"], "").0, 2);
}

#[test]
fn help_version_completions_and_man_page() {
    let out = overture().arg("--help").output().unwrap();
    assert!(out.status.success());
    insta::assert_snapshot!("help", String::from_utf8(out.stdout).unwrap());

    let out = overture().arg("--version").output().unwrap();
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        format!("overture {}\n", env!("CARGO_PKG_VERSION"))
    );

    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let out = overture().args(["completions", shell]).output().unwrap();
        assert!(out.status.success(), "{shell}");
        let script = String::from_utf8(out.stdout).unwrap();
        assert!(
            script.contains("wipe") && script.contains("data-dir"),
            "{shell}"
        );
    }

    let out = overture().arg("man").output().unwrap();
    assert!(out.status.success());
    let page = String::from_utf8(out.stdout).unwrap();
    assert!(page.contains(".TH overture 1"));
    assert!(page.contains("Exit codes"));
}

#[test]
fn the_clap_definition_is_consistent() {
    overture::cli::command().debug_assert();
}

#[test]
fn plain_mode_locks_and_unlocks_without_ever_printing_the_passphrase() {
    let dir = tempfile::tempdir().unwrap();
    let settings = number_of(&reachable_check_in(dir.path()), HomeItem::Settings);
    let passphrase = "tulip kettle orbit 7";

    // Two passphrases that differ change nothing.
    let (code, stdout, stderr) = run(
        dir.path(),
        &["--plain"],
        &format!("{settings}\n2\n{passphrase}\n{passphrase}x\nquit\n"),
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("The two did not match. Nothing was changed."));
    assert!(dir.path().join("overture.json").exists());

    // Turned on from the settings: the answers are encrypted, the plain file is gone.
    let (code, stdout, stderr) = run(
        dir.path(),
        &["--plain"],
        &format!("{settings}\n2\n{passphrase}\n{passphrase}\nquit\n"),
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("Locked. From now on Overture asks for the passphrase"));
    assert!(stdout.contains("Change the passphrase"));
    assert!(stdout.contains("Turn the passphrase lock off"));
    assert!(!dir.path().join("overture.json").exists());
    assert!(dir.path().join("overture.json.age").exists());
    for text in [&stdout, &stderr] {
        assert!(
            !text.contains("tulip"),
            "the passphrase was printed: {text}"
        );
    }

    // Opening asks for it first: a wrong one is counted, the right one opens the answers.
    let (code, stdout, stderr) = run(
        dir.path(),
        &["--plain"],
        &format!("not it\n{passphrase}\nquit\n"),
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.starts_with("Overture is locked.\n"), "{stdout}");
    assert!(stdout.contains("That passphrase did not open it (1 wrong so far)."));
    assert!(stdout.contains("Unlocked."));
    assert!(
        stdout.contains("Latest result"),
        "the home menu follows: {stdout}"
    );
    for text in [&stdout, &stderr] {
        assert!(
            !text.contains("tulip") && !text.contains("not it"),
            "{text}"
        );
    }

    // An empty line leaves without opening anything; so does the end of input.
    for input in ["\n", ""] {
        let (code, stdout, _) = run(dir.path(), &["--plain"], input);
        assert_eq!(code, 0);
        assert!(stdout.contains("Nothing was opened."));
        assert!(!stdout.contains("Latest result"));
    }

    // And off again, with the current passphrase: the plain file is back.
    let (code, stdout, _) = run(
        dir.path(),
        &["--plain"],
        &format!("{passphrase}\n{settings}\n3\n{passphrase}\nquit\n"),
    );
    assert_eq!(code, 0);
    assert!(stdout.contains("The lock is off"), "{stdout}");
    assert!(dir.path().join("overture.json").exists());
    assert!(!dir.path().join("overture.json.age").exists());
}

/// A reachable check-in behind the passphrase "lantern river 42".
fn locked_check_in() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let data = reachable_check_in(dir.path());
    let (mut store, _) = crate::common::reopen(dir.path());
    store
        .set_passphrase(&data, None, Some(&"lantern river 42".to_string().into()))
        .unwrap();
    dir
}

#[test]
fn the_lock_screen_says_how_many_wrong_passphrases_were_tried_and_when() {
    let dir = locked_check_in();

    let (code, _, _) = run(dir.path(), &["--plain"], "not it\nnor this\nquit\n");
    assert_eq!(code, 0);
    let (_, stdout, _) = run(dir.path(), &["--plain"], "\n");
    assert!(
        stdout.contains(
            "2 wrong passphrases were tried since Overture was last opened, the last on "
        ),
        "{stdout}"
    );
    assert!(stdout.contains("someone else may have tried"), "{stdout}");
    assert!(!stdout.contains("(s)"), "{stdout}");
}

#[test]
fn the_unlock_prompt_takes_resources_and_quit_without_counting_them_as_tries() {
    let dir = locked_check_in();

    let (code, stdout, _) = run(dir.path(), &["--plain"], "resources\nhelp\nquit\n");
    assert_eq!(code, 0);
    assert!(stdout.contains("Crisis lines and support"));
    assert!(stdout.contains("National Domestic Violence Hotline"));
    assert!(stdout.contains("what you type is never shown"));
    assert!(stdout.contains("Nothing was opened."));
    assert!(!stdout.contains("did not open it"), "{stdout}");
    // None of the three counted as a wrong passphrase.
    let (_, stdout, _) = run(dir.path(), &["--plain"], "\n");
    assert!(!stdout.contains("wrong passphrase"), "{stdout}");

    // The commands that read saved answers say they are locked, never "nothing is saved".
    for args in [&["history"][..], &["show", "latest"]] {
        let (code, stdout, stderr) = run(dir.path(), args, "");
        assert_eq!((code, stdout.as_str()), (1, ""), "{args:?}");
        assert!(stderr.contains("locked with a passphrase"), "{stderr}");
    }
    let (code, _, stderr) = run(dir.path(), &["path"], "");
    assert_eq!(code, 0);
    assert!(!stderr.contains("nothing is saved"), "{stderr}");
}

#[test]
fn show_latest_after_a_logged_threat_gives_the_safety_path_and_its_lines() {
    let dir = tempfile::tempdir().unwrap();
    let log = number_of(&reachable_check_in(dir.path()), HomeItem::LogAsk);
    run(dir.path(), &["--plain"], &format!("{log}\n1\n8\n\nquit\n"));
    let (code, stdout, _) = run(dir.path(), &["show", "latest"], "");
    assert_eq!(code, 0);
    assert!(
        stdout.contains(
            "What follows is for the path now: since your check-in, you logged a threat."
        )
    );
    assert!(stdout.contains("Crisis lines and support"), "{stdout}");
    let md = dir.path().join("summary.md");
    run(
        dir.path(),
        &["export", "--output", md.to_str().unwrap()],
        "",
    );
    let summary = std::fs::read_to_string(&md).unwrap();
    assert!(summary.contains("since your check-in, you logged a threat"));
    assert!(summary.contains("# Safety comes first"));
    // No key works in a terminal's scrollback or a file: both name the command instead.
    for shown in [&stdout, &summary] {
        assert!(
            shown.contains("Run `overture resources` for crisis lines."),
            "{shown}"
        );
        assert!(!shown.contains("Ctrl-"), "{shown}");
        assert!(!shown.contains("type resources"), "{shown}");
    }
}

// ---------------------------------------------------------------------------------------------
// Help lines: `overture resources`, and the country taken from the locale.
// ---------------------------------------------------------------------------------------------

fn resources(args: &[&str], lang: &str) -> (i32, String, String) {
    let out = overture()
        .arg("resources")
        .args(args)
        .env("LANG", lang)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn resources_prints_the_chosen_country_first_as_plain_text() {
    let (code, out, _) = resources(&["--country", "uk"], "C");
    assert_eq!(code, 0);
    // Region names stand on lines of their own.
    let at = |s: &str| {
        out.find(&format!("\n{s}\n"))
            .unwrap_or_else(|| panic!("{s} missing:\n{out}"))
    };
    assert!(at("United Kingdom") < at("United States"));
    assert!(out.contains("Call 116 123"));
    assert!(
        out.contains("Number from Samaritans' website (https://"),
        "{out}"
    );
    assert!(!out.contains('\u{1b}'), "plain text, no escape codes");
    // A country code works too, in any case.
    let (code, by_code, _) = resources(&["--country", "gb"], "C");
    assert_eq!(code, 0);
    assert_eq!(by_code, out);
}

#[test]
fn resources_follows_the_locale_when_no_country_is_given() {
    let (code, out, _) = resources(&[], "en_IE.UTF-8");
    assert_eq!(code, 0);
    assert!(out.find("\nIreland\n").unwrap() < out.find("\nUnited States\n").unwrap());
    let (code, unknown, err) = resources(&["--country", "atlantis"], "C");
    assert_eq!(code, 2, "{unknown}");
    assert!(
        err.contains("choose one of: us, uk, ie, au, ca, nz, intl"),
        "{err}"
    );
}

#[test]
fn a_first_run_takes_the_country_from_the_locale_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let out = overture()
        .args(["--plain", "--data-dir"])
        .arg(dir.path())
        .env("LANG", "en_GB.UTF-8")
        .write_stdin(format!("{FIRST_RUN}quit\n"))
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains(
            "Help lines for the United Kingdom come first, taken from this computer's language setting"
        ),
        "{stdout}"
    );
    let data = saved(dir.path());
    assert_eq!(data["settings"]["country"], "uk");
    assert_eq!(data["settings"]["country_from_locale"], true);
}

#[test]
fn check_reads_a_draft_from_standard_input_and_explains_in_her_pronouns() {
    let dir = tempfile::tempdir().unwrap();
    let (code, out, _) = run(
        dir.path(),
        &["check", "--pronouns", "she"],
        "You never listen. Everyone agrees you need to go.",
    );
    assert_eq!(code, 0);
    assert!(out.contains("\u{201c}You never\u{201d}"), "{out}");
    assert!(
        out.contains("Pressure from outside the two of you"),
        "{out}"
    );
    assert!(out.contains("make her dig in"), "{out}");
    assert!(
        std::fs::read_dir(dir.path()).unwrap().next().is_none(),
        "check writes nothing"
    );
}

/// `overture check` words its notes in the spelling of the computer's country, as the app
/// does: "counselling" under a UK locale, "counseling" under a US one, in text and in JSON.
#[test]
fn check_spells_its_notes_for_the_locale() {
    let draft = "You need therapy to fix yourself.";
    for (lang, word, not) in [
        ("en_GB.UTF-8", "counselling", "counseling"),
        ("en_US.UTF-8", "counseling", "counselling"),
    ] {
        for args in [&["check"][..], &["check", "--json"][..]] {
            let out = overture()
                .env("LANG", lang)
                .args(args)
                .write_stdin(draft)
                .output()
                .unwrap();
            let text = String::from_utf8(out.stdout).unwrap();
            assert!(text.contains(word), "{lang} {args:?}: {text}");
            assert!(!text.contains(not), "{lang} {args:?}: {text}");
        }
    }
}

#[test]
fn check_json_gives_one_finding_per_line_with_exact_byte_spans() {
    let dir = tempfile::tempdir().unwrap();
    let drafts = "I miss us.\n\u{1f49b} You’re so lazy, and it's all your fault.\n";
    let file = dir.path().join("draft.txt");
    std::fs::write(&file, drafts).unwrap();
    let (code, out, _) = run(
        dir.path(),
        &["check", "--json", "--lines", file.to_str().unwrap()],
        "",
    );
    assert_eq!(code, 0);
    let findings: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(findings.len() >= 2, "{out}");
    let second = drafts.lines().nth(1).unwrap();
    for f in &findings {
        assert_eq!(f["line"], 2, "the kind first line has no findings: {out}");
        let (s, e) = (
            usize::try_from(f["start"].as_u64().unwrap()).unwrap(),
            usize::try_from(f["end"].as_u64().unwrap()).unwrap(),
        );
        assert_eq!(&second[s..e], f["words"].as_str().unwrap());
        assert!(!f["note"].as_str().unwrap().is_empty());
    }
    let concerns: Vec<&str> = findings
        .iter()
        .map(|f| f["concern"].as_str().unwrap())
        .collect();
    assert!(
        concerns.contains(&"blame") && concerns.contains(&"name_calling"),
        "{out}"
    );
}

#[test]
fn check_refuses_text_that_is_not_utf8_and_a_missing_file_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let bad = overture()
        .arg("check")
        .write_stdin(vec![b'h', b'i', 0xff, 0xfe])
        .assert()
        .failure()
        .get_output()
        .stderr
        .clone();
    let bad = String::from_utf8(bad).unwrap();
    assert!(
        bad.contains("not UTF-8") && bad.contains("offset 2"),
        "{bad}"
    );
    let (code, _, missing) = run(dir.path(), &["check", "no-such-draft.txt"], "");
    assert_eq!(code, 1);
    assert!(
        missing.contains("could not read no-such-draft.txt"),
        "{missing}"
    );
}

#[cfg(target_os = "linux")]
#[test]
fn output_that_cannot_be_written_is_a_failure_not_a_success() {
    let dir = tempfile::tempdir().unwrap();
    for args in [&["history"][..], &["path"], &["check"]] {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let result = std::process::Command::new(env!("CARGO_BIN_EXE_overture"))
            .args(args)
            .env("OVERTURE_DATA_DIR", dir.path())
            .stdin(std::process::Stdio::null())
            .stdout(full)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&result.stderr);
        assert_eq!(result.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(stderr.contains("could not write the"), "{args:?}: {stderr}");
    }
}

/// Plain mode in a fresh data folder, typed `input`, where no file may grow past 0 bytes
/// (SIGXFSZ ignored, so writes fail with EFBIG): every save fails.
#[cfg(unix)]
fn plain_whose_saves_fail(input: &'static [u8]) -> std::process::Output {
    let dir = tempfile::tempdir().unwrap();
    std::process::Command::new("sh")
        .args([
            "-c",
            "trap '' XFSZ; ulimit -f 0 && exec \"$0\" --plain",
            env!("CARGO_BIN_EXE_overture"),
        ])
        .env("OVERTURE_DATA_DIR", dir.path())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write as _;
            child.stdin.take().unwrap().write_all(input)?;
            child.wait_with_output()
        })
        .unwrap()
}

#[cfg(unix)]
#[test]
fn a_plain_session_whose_saves_failed_exits_non_zero() {
    let output = plain_whose_saves_fail(b"\n1\n\nquit\n");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stdout.contains("could not be saved"), "{stdout}");
    assert_eq!(output.status.code(), Some(1), "{stdout}\n{stderr}");
    assert!(
        stderr.contains("the last answer could not be saved"),
        "{stderr}"
    );
}

/// `hide` at "Leave anyway?" (after a failed save) leaves at once like anywhere else, and
/// nothing is written after it, not even the error a quit would print.
#[cfg(unix)]
#[test]
fn hide_after_a_failed_save_leaves_at_once_and_prints_nothing_after() {
    let output = plain_whose_saves_fail(b"\n1\n\nquit\nhide\n");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stdout.contains("Leave anyway?"), "{stdout}");
    assert!(
        stdout.trim_end().ends_with(
            "Leaving Overture at once. This terminal was not cleared: close the window."
        ),
        "{stdout}"
    );
    assert_eq!(output.status.code(), Some(1), "{stdout}\n{stderr}");
    assert!(!stderr.contains("could not be saved"), "{stderr}");
}

// The sample document comes from `support`, which is Unix-only.
#[cfg(unix)]
#[test]
fn words_from_a_hand_edited_file_cannot_drive_the_terminal_or_reorder_a_line() {
    let dir = tempfile::tempdir().unwrap();
    let mut data = crate::support::document("hus\u{1b}]0;pwned\u{7}band\u{202e}", "x");
    data.assessments[0].id = "a\u{1b}[2J\u{202e}1".to_string();
    std::fs::write(
        dir.path().join("overture.json"),
        crate::support::pretty(&data),
    )
    .unwrap();
    let md = dir.path().join("summary.md");
    let outputs = [
        run(dir.path(), &["history"], "").1,
        run(dir.path(), &["show", "latest"], "").1,
        {
            run(
                dir.path(),
                &["export", "--output", md.to_str().unwrap()],
                "",
            );
            std::fs::read_to_string(&md).unwrap()
        },
    ];
    for out in &outputs {
        assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{out:?}");
        assert!(!out.contains('\u{202e}'), "{out:?}");
    }
    assert!(
        outputs[0].contains("<U+202E>"),
        "made visible: {}",
        outputs[0]
    );
}

// The sample document comes from `support`, which is Unix-only.
#[cfg(unix)]
#[test]
fn export_to_a_dash_prints_instead_of_creating_a_file_named_dash() {
    let dir = tempfile::tempdir().unwrap();
    let data = crate::support::document("husband", "x");
    std::fs::write(
        dir.path().join("overture.json"),
        crate::support::pretty(&data),
    )
    .unwrap();
    // `run` works inside the data folder, where a file named `-` would land.
    let (code, out, _) = run(
        dir.path(),
        &["export", "--format", "json", "--output", "-"],
        "",
    );
    assert_eq!(code, 0);
    let json: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["profile"]["voice"]["partner"], "husband");
    assert!(!dir.path().join("-").exists(), "no file named -");
}

#[cfg(target_os = "linux")]
#[test]
fn path_prints_a_folder_name_that_is_not_utf8_byte_for_byte() {
    use std::os::unix::ffi::OsStrExt as _;
    let parent = tempfile::tempdir().unwrap();
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9");
    let dir = parent.path().join(name);
    let out = overture()
        .arg("path")
        .arg("--data-dir")
        .arg(&dir)
        .output()
        .unwrap();
    let mut want = dir.as_os_str().as_bytes().to_vec();
    want.push(b'\n');
    assert_eq!(out.stdout, want);
}

#[test]
fn dates_are_shown_in_the_time_zone_of_the_system() {
    // Saved at 13:30 UTC on 22 November: already the 23rd in Auckland.
    let dir = tempfile::tempdir().unwrap();
    let content = overture::content::Content::embedded().unwrap();
    let mut data = overture::sample::long_history(&content, 1);
    let at: jiff::Timestamp = "2026-11-22T13:30:00Z".parse().unwrap();
    assert!(!data.assessments.is_empty());
    for i in 0..data.assessments.len() {
        let record = data.assessments.get_mut(i).unwrap();
        record.started_at = at;
        record.completed_at = at;
    }
    overture::store::Store::open(dir.path())
        .unwrap()
        .0
        .save(&data)
        .unwrap();
    let history = |tz: &str| {
        let out = overture()
            .env("TZ", tz)
            .args(["history", "--data-dir"])
            .arg(dir.path())
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    let utc = history("UTC");
    assert!(utc.contains("22 Nov 2026"), "{utc}");
    let auckland = history("Pacific/Auckland");
    assert!(auckland.contains("23 Nov 2026"), "{auckland}");
    assert!(!auckland.contains("22 Nov 2026"), "{auckland}");
}

/// With no arguments clap is not run (`Cli::from_env`): the data folder still comes from
/// `OVERTURE_DATA_DIR`, and an empty one is still refused as a usage error.
#[test]
fn with_no_arguments_the_data_folder_still_comes_from_the_environment() {
    let dir = tempfile::tempdir().unwrap();
    let out = overture()
        .current_dir(dir.path())
        .env("OVERTURE_DATA_DIR", dir.path())
        .write_stdin(format!("{FIRST_RUN}quit\n"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(
        dir.path().join(overture::store::DATA_FILE).exists(),
        "saved where the variable says"
    );

    let refused = overture()
        .env("OVERTURE_DATA_DIR", "")
        .write_stdin("")
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("--data-dir"));
}
