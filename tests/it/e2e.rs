//! End to end: the real binary in a pseudo-terminal, read back through a terminal emulator.

use crate::common::pty;
use overture::content::{Content, Pronouns, Voice, render};
use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

struct Session {
    parser: Arc<Mutex<vt100::Parser>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
}

impl Session {
    fn start(data_dir: &std::path::Path) -> Session {
        Session::start_with(data_dir, &[])
    }

    fn start_with(data_dir: &std::path::Path, args: &[&str]) -> Session {
        let pty = pty::open(30, 100);
        let child = pty
            .slave
            .spawn_command(pty::command(data_dir, args, "xterm-256color"))
            .expect("overture starts");
        drop(pty.slave);
        let parser = Arc::new(Mutex::new(vt100::Parser::new(
            std::num::NonZeroU16::new(30).unwrap(),
            std::num::NonZeroU16::new(100).unwrap(),
            1000,
        )));
        let sink = Arc::clone(&parser);
        pty::read_into(
            pty.master.try_clone_reader().expect("reader"),
            move |bytes| {
                sink.lock().unwrap().process(bytes);
            },
        );
        let writer = pty.master.take_writer().expect("writer");
        // Keep the master alive as long as the session: leak it into the writer's lifetime.
        std::mem::forget(pty.master);
        Session {
            parser,
            writer,
            child,
        }
    }

    fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// Whether the terminal left the alternate screen. The reader thread may still be
    /// parsing the last bytes the app wrote before it ended, so it is given a moment.
    fn back_on_normal_screen(&self) -> bool {
        let deadline = Instant::now() + Duration::from_secs(5);
        while self.parser.lock().unwrap().screen().alternate_screen() {
            if Instant::now() >= deadline {
                return false;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        true
    }

    /// Waits until `text` is on screen (white space ignored, since lines wrap).
    fn wait_for(&self, text: &str) {
        let want: String = text.split_whitespace().collect();
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let screen: String = self.screen().split_whitespace().collect();
            if screen.contains(&want) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "waited for {text:?}; the screen shows:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
        // One key at a time, as a person types: let the app draw in between.
        std::thread::sleep(Duration::from_millis(30));
    }

    fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        pty::wait_exit(self.child.as_mut())
    }
}

fn first_words(text: &str, n: usize) -> String {
    text.split_whitespace()
        .take(n)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Answers each question as it appears: from `answers` by id, else "no" where there is one,
/// else the first option.
fn answer_every_question(
    s: &mut Session,
    content: &Content,
    voice: &Voice,
    answers: &[(&str, &str)],
) {
    for question in &content.questionnaire.questions {
        s.wait_for(&first_words(&render(&question.text, voice), 6));
        let key = answers
            .iter()
            .find(|(q, _)| *q == question.id)
            .map(|(_, k)| *k)
            .or_else(|| {
                question
                    .options
                    .iter()
                    .any(|o| o.key == "no")
                    .then_some("no")
            })
            .unwrap_or(&question.options[0].key);
        let n = question.options.iter().position(|o| o.key == key).unwrap() + 1;
        s.send(&n.to_string());
        if question.kind == overture::content::QuestionKind::Multi {
            s.send("\r");
        }
    }
    // Every answer, to look over before the result: Enter goes on.
    s.wait_for("Before your result: your answers");
    s.send("\r");
}

/// The voice of the e2e runs: "husband", he.
fn husband() -> Voice {
    Voice {
        partner: "husband".into(),
        pronouns: Pronouns::He,
    }
}

/// A first run in a real terminal, up to the first question: the partner is "husband".
fn husband_first_run(dir: &std::path::Path) -> Session {
    let mut s = Session::start(dir);
    s.wait_for("Press Enter to begin");
    s.send("\r");
    s.wait_for("How should Overture refer to your partner?");
    s.send("1");
    s.wait_for("Which pronouns fit your husband?");
    s.send("\r");
    s
}

#[test]
fn a_full_check_in_in_a_real_terminal() {
    let content = Content::embedded().unwrap();
    let voice = husband();
    let dir = tempfile::tempdir().unwrap();
    let mut s = husband_first_run(dir.path());

    let answers = [
        ("sig_no", "reason"),
        ("sig_contempt", "rarely"),
        ("sig_calm", "curious"),
        ("sig_underneath", "shame"),
    ];
    answer_every_question(&mut s, &content, &voice, &answers);
    let title = render(&content.copy.outcomes["reachable"].title, &voice);
    s.wait_for(&title);
    s.wait_for("Why am I seeing this?");

    let saved: serde_json::Value = crate::common::saved(dir.path());
    assert_eq!(saved["assessments"][0]["outcome"], "reachable");
    assert_eq!(saved["assessments"][0]["answers"]["sig_calm"][0], "curious");

    s.send("q");
    let status = s.wait_exit();
    assert!(status.success(), "{status:?}");
    assert!(
        s.back_on_normal_screen(),
        "the terminal is back on the normal screen"
    );
}

#[test]
fn quick_exit_leaves_nothing_on_screen_and_resume_works() {
    let content = Content::embedded().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::start(dir.path());
    s.wait_for("Press Enter to begin");
    s.send("\r");
    s.send("3"); // partner
    s.send("\r"); // they
    let first = &content.questionnaire.questions[0];
    let voice = Voice::default();
    s.wait_for(&first_words(&render(&first.text, &voice), 6));
    let no = first.options.iter().position(|o| o.key == "no").unwrap() + 1;
    s.send(&no.to_string());
    s.send("\x11"); // Ctrl-Q
    let status = s.wait_exit();
    assert!(status.success());
    let screen = s.screen();
    assert!(
        !screen.contains("Overture") && screen.trim().is_empty(),
        "the quick exit clears the screen, it shows:\n{screen}"
    );

    // Come back: the app offers to continue, at the second question.
    let mut s = Session::start(dir.path());
    s.wait_for("Continue where you stopped");
    s.send("\r");
    let second = &content.questionnaire.questions[1];
    s.wait_for(&first_words(&render(&second.text, &voice), 6));
    s.send("\x11");
    s.wait_exit();
}

#[test]
fn a_second_instance_on_the_same_data_refuses() {
    let dir = tempfile::tempdir().unwrap();
    // (With nothing saved, nothing is locked: a folder is only held once it holds answers.)
    let (mut store, _) = overture::store::Store::open(dir.path()).unwrap();
    store
        .save(&overture::core::record::SavedData::default())
        .unwrap();
    drop(store);
    let mut first = Session::start(dir.path());
    first.wait_for("Press Enter to begin");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_overture"))
        .arg("--data-dir")
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("open in another Overture"));
    first.send("\x11");
    first.wait_exit();
}

#[test]
fn a_rehearsal_with_typing_and_a_paste_exports_a_letter() {
    let content = Content::embedded().unwrap();
    let voice = Voice {
        partner: "wife".into(),
        pronouns: Pronouns::She,
    };
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::start(dir.path());
    s.wait_for("Press Enter to begin");
    s.send("\r");
    s.send("2"); // wife
    s.send("\r"); // she
    // A quick, reachable check-in.
    let answers = [
        ("sig_no", "reason"),
        ("sig_contempt", "never"),
        ("sig_calm", "curious"),
        ("sig_underneath", "shame"),
    ];
    answer_every_question(&mut s, &content, &voice, &answers);
    s.wait_for("Why am I seeing this?");
    s.send("\x1b"); // home
    s.wait_for("Rehearse the invitation");
    s.send("i"); // Rehearse the invitation: its letter on the home menu
    s.wait_for(&first_words(
        &render(&content.rehearsal.readiness.importance, &voice),
        4,
    ));
    s.send("\r"); // rulers as they are
    s.send("\t"); // no note
    for (i, step) in content.rehearsal.steps.iter().enumerate() {
        s.wait_for(&format!("step {} of 8", i + 1));
        if step.id == "goal" {
            // A paste arrives as one bracketed block, new lines and all.
            s.send("\x1b[200~I miss us.\nI want us to get help together.\x1b[201~");
        } else {
            s.send(&format!("line {}", step.id));
        }
        s.send("\t");
    }
    let fine = content
        .rehearsal
        .replies
        .iter()
        .position(|r| r.id == "fine")
        .unwrap()
        + 1;
    s.wait_for(&first_words(
        &render(&content.rehearsal.replies[0].label, &voice),
        3,
    ));
    s.send(&fine.to_string());
    s.send("\r"); // to the rulers after
    s.send("\r");
    s.send("\t"); // finish
    s.wait_for("Your invitation, in your words");
    s.send("l");
    s.wait_for("Your letter");
    s.send("x");
    let out = dir.path().join("letter.md");
    s.send(out.to_str().unwrap());
    s.send("\r");
    s.wait_for("Written to");
    let letter = std::fs::read_to_string(&out).unwrap();
    assert!(letter.starts_with("# A letter"), "{letter}");
    assert!(
        letter.contains("I miss us.\nI want us to get help together."),
        "{letter}"
    );
    assert!(letter.contains("line team") && letter.contains("line lower_bar"));
    for (id, why) in [
        ("settle", "settling yourself"),
        ("moment", "asking for the time to talk"),
        ("curious", "what to ask after a no"),
    ] {
        assert!(
            !letter.contains(&format!("line {id}")),
            "{why} stays out of the letter"
        );
    }
    s.send("\x11");
    s.wait_exit();
}

#[test]
fn sigterm_and_sighup_leave_cleanly_with_everything_saved() {
    for signal in ["-TERM", "-HUP"] {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Session::start(dir.path());
        s.wait_for("Press Enter to begin");
        s.send("\r");
        s.send("1");
        s.send("\r");
        s.wait_for("Safety check");
        let pid = s.child.process_id().expect("a pid");
        let killed = std::process::Command::new("kill")
            .arg(signal)
            .arg(pid.to_string())
            .status()
            .unwrap();
        assert!(killed.success());
        let status = s.wait_exit();
        assert!(status.success(), "{signal}: {status:?}");
        assert!(
            s.back_on_normal_screen(),
            "{signal}: the terminal is restored"
        );
        let saved: serde_json::Value = crate::common::saved(dir.path());
        assert_eq!(saved["profile"]["voice"]["partner"], "husband", "{signal}");
    }
}

/// Locks the data with the passphrase "correct horse", at a low work factor that keeps the
/// test quick (the app itself uses age's default).
fn lock_quickly(store: &mut overture::store::Store, data: &overture::core::record::SavedData) {
    store
        .set_passphrase_with_work_factor(
            data,
            None,
            Some(&overture::store::SecretString::from(
                "correct horse".to_string(),
            )),
            10,
        )
        .unwrap();
}

/// `overture history` with the lock on asks for the passphrase at the terminal, never shows
/// it, and then lists what is saved.
#[test]
fn a_reading_command_unlocks_at_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    {
        let mut app = crate::common::open_app(dir.path());
        crate::common::reach_home(&mut app);
    }
    {
        let (mut store, loaded) = crate::common::reopen(dir.path());
        let overture::store::Loaded::Data(data) = loaded else {
            panic!("the check-in was saved");
        };
        lock_quickly(&mut store, &data);
    }
    let mut s = Session::start_with(dir.path(), &["history"]);
    s.wait_for("Overture is locked");
    s.wait_for("Type your passphrase");
    s.send("correct horse");
    s.send("\r");
    s.wait_for("Unlocked.");
    s.wait_for("Check-in");
    assert!(s.wait_exit().success());
    assert!(
        !s.screen().contains("correct horse"),
        "the passphrase is never shown"
    );
}

#[test]
fn locked_data_opens_only_through_the_unlock_screen() {
    let dir = tempfile::tempdir().unwrap();
    {
        let (mut store, _) = crate::common::reopen(dir.path());
        let data = overture::core::record::SavedData {
            profile: Some(overture::core::record::Profile {
                voice: Voice {
                    partner: "wife".into(),
                    pronouns: Pronouns::She,
                },
                created_at: jiff::Timestamp::now(),
            }),
            ..overture::core::record::SavedData::default()
        };
        store.save(&data).unwrap();
        lock_quickly(&mut store, &data);
    }
    let mut s = Session::start(dir.path());
    s.wait_for("Overture is locked");
    s.wait_for("Last opened");
    s.send("not it");
    s.send("\r");
    s.wait_for("did not open it");
    assert!(
        !s.screen().contains("not it"),
        "the passphrase is never shown"
    );
    s.send("correct horse");
    s.send("\r");
    s.wait_for("What would you like to do?");
    s.send("\x11");
    assert!(s.wait_exit().success());
}

#[test]
fn three_asks_reach_the_repeated_no_plan_and_export_a_summary() {
    let content = Content::embedded().unwrap();
    let voice = Voice {
        partner: "wife".into(),
        pronouns: Pronouns::She,
    };
    let dir = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let mut s = Session::start(dir.path());
    s.wait_for("Press Enter to begin");
    s.send("\r");
    s.wait_for("How should Overture refer to your partner?");
    s.send("2");
    s.send("\r");
    let answers = [
        ("sig_no", "reason"),
        ("sig_contempt", "never"),
        ("sig_calm", "curious"),
        ("sig_underneath", "shame"),
    ];
    answer_every_question(&mut s, &content, &voice, &answers);
    s.wait_for(&render(&content.copy.outcomes["reachable"].title, &voice));
    s.send("\r");
    s.wait_for("Log an ask");

    let no_without = overture::core::asklog::ASK_ANSWERS
        .iter()
        .position(|(a, _)| *a == overture::core::record::AskAnswer::NoWithoutReason)
        .unwrap()
        + 1;
    for n in 1..=3 {
        s.send("l"); // Log an ask
        s.wait_for("What did you offer?");
        s.send("1");
        s.wait_for(&render("How did {they} answer?", &voice));
        s.send(&no_without.to_string());
        s.wait_for("A note, if you want one");
        if n == 2 {
            s.send("She changed the subject.");
        }
        s.send("\t");
        s.wait_for(&format!("{n} logged in all"));
        if n < 3 {
            s.send("\x1b");
            s.wait_for("What would you like to do?");
        }
    }
    s.wait_for("there is a plan for this");
    s.send("\r");
    let plan = &content.after.repeated_no;
    s.wait_for(&first_words(&render(&plan.intro, &voice), 6));
    s.wait_for(&first_words(&render(&plan.steps[0].title, &voice), 4));
    s.send("\x1b");
    s.wait_for("The plan for repeated");

    // The export, after the warning about the trace it leaves.
    s.send(
        &overture::core::session::HomeItem::ExportSummary
            .key()
            .to_string(),
    );
    s.wait_for(&first_words(
        &render(&content.rehearsal.export_warning, &voice),
        5,
    ));
    let path = out.path().join("for-my-counselor.md");
    s.send(path.to_str().unwrap());
    s.send("\r");
    s.wait_for("Written to");
    let md = std::fs::read_to_string(&path).unwrap();
    assert!(md.contains("## The asks"), "{md}");
    let asks = md.split("## The asks").nth(1).unwrap();
    let asks = asks.split("\n## ").next().unwrap();
    assert_eq!(
        asks.lines()
            .filter(|l| l.starts_with("| ") && l.contains(" | "))
            .count(),
        4,
        "a header and three asks:\n{md}"
    );
    // The trend tables follow: the three asks counted in their month.
    assert!(md.contains("## How things have moved"), "{md}");
    assert!(md.contains("### Asks per month, and how they went"), "{md}");
    assert!(md.contains("She changed the subject."), "{md}");
    assert!(md.contains("The plan for repeated"), "{md}");
    assert!(md.contains(&render(&content.copy.outcomes["reachable"].title, &voice)));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "the export is readable only by the user");
    }
    let saved: serde_json::Value = crate::common::saved(dir.path());
    assert_eq!(saved["asks"].as_array().unwrap().len(), 3);
    assert_eq!(saved["asks"][1]["note"], "She changed the subject.");
    s.send("q");
    assert!(s.wait_exit().success());
}

#[test]
fn closing_the_window_ends_the_process_and_frees_the_data() {
    let dir = tempfile::tempdir().unwrap();
    let pty = pty::open(24, 80);
    let mut child = pty
        .slave
        .spawn_command(pty::command(dir.path(), &[], "xterm-256color"))
        .unwrap();
    drop(pty.slave);
    // No reader: a clone of the terminal side would keep it open. The first frame fits in
    // the pty's buffer; give the app time to draw it and wait for a key.
    std::thread::sleep(Duration::from_millis(1500));
    assert!(child.try_wait().unwrap().is_none(), "overture is running");
    // The window closes: the terminal side goes away (the kernel sends SIGHUP).
    drop(pty.master);
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "overture kept running after its terminal was gone"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    // And the data is free for the next start.
    assert!(overture::store::Store::open(dir.path()).is_ok());
}

/// In a real terminal, the result page says where the reader is, and Page Down, End, Tab and Home
/// move through it.
#[test]
fn the_result_page_moves_with_page_keys_and_says_where_you_are() {
    let content = Content::embedded().unwrap();
    let voice = husband();
    let dir = tempfile::tempdir().unwrap();
    let mut s = husband_first_run(dir.path());
    answer_every_question(&mut s, &content, &voice, &[]);
    s.wait_for("more below \u{b7} 1/");
    let top = s.screen();
    s.send("\x1b[6~"); // PgDn
    s.wait_for("more below \u{b7} 2/");
    assert_ne!(s.screen(), top);
    s.send("\x1b[F"); // End
    s.wait_for("end \u{b7} ");
    s.wait_for("Sources");
    s.send("\x1b[H"); // Home
    s.wait_for("more below \u{b7} 1/");
    s.send("\t"); // the next section
    s.wait_for("Why am I seeing this?");
    s.send("q");
    assert!(s.wait_exit().success());
}
