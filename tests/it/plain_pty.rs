//! Plain mode in a real terminal: `TERM=dumb` starts it by itself, and a person typing
//! answers gets a conversation with no escape sequences at all.

use crate::common::pty;
use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

struct Run {
    bytes: Arc<Mutex<Vec<u8>>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
}

impl Run {
    fn start(dir: &std::path::Path, args: &[&str], term: &str) -> Run {
        let pty = pty::open(24, 80);
        let child = pty
            .slave
            .spawn_command(pty::command(dir, args, term))
            .unwrap();
        drop(pty.slave);
        let bytes = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&bytes);
        pty::read_into(pty.master.try_clone_reader().unwrap(), move |read| {
            sink.lock().unwrap().extend_from_slice(read);
        });
        let writer = pty.master.take_writer().unwrap();
        std::mem::forget(pty.master);
        Run {
            bytes,
            writer,
            child,
        }
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.bytes.lock().unwrap()).into_owned()
    }

    fn wait_for(&self, text: &str) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while !self.text().contains(text) {
            assert!(
                Instant::now() < deadline,
                "waited for {text:?}; got:\n{}",
                self.text()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn type_line(&mut self, line: &str) {
        self.writer.write_all(line.as_bytes()).unwrap();
        self.writer.write_all(b"\r").unwrap();
        self.writer.flush().unwrap();
    }

    fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        pty::wait_exit(self.child.as_mut())
    }
}

#[test]
fn term_dumb_starts_plain_mode_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let mut run = Run::start(dir.path(), &[], "dumb");
    run.wait_for("TERM is dumb, so Overture runs in plain mode");
    run.wait_for("Press Enter to begin, or type quit to leave.");
    run.type_line("quit");
    run.wait_for("Leaving Overture.");
    assert!(run.wait_exit().success());
}

#[test]
fn typing_in_plain_mode_prints_only_lines() {
    let dir = tempfile::tempdir().unwrap();
    let mut run = Run::start(dir.path(), &["--plain"], "xterm-256color");
    run.wait_for("Press Enter to begin");
    run.type_line("");
    run.wait_for("How should Overture refer to your partner?");
    run.type_line("2");
    run.wait_for("Press Enter for she / her / hers");
    run.type_line("");
    run.wait_for("Safety check \u{2014} question 1 of 9");
    run.type_line("3");
    run.wait_for("You answered \u{201c}No\u{201d}. Saved.");
    run.type_line("quit");
    run.wait_for("Leaving Overture. Everything you answered is saved.");
    // At a terminal, leaving says what it cannot clear.
    run.wait_for("stays in this terminal until you close the window");
    assert!(run.wait_exit().success());
    let text = run.text();
    assert!(
        !text.contains('\x1b'),
        "no escape sequences, not even colour or cursor moves: {text:?}"
    );
    let saved = crate::common::saved(dir.path()).to_string();
    assert!(saved.contains("\"wife\""));
}

/// `hide` in a real terminal clears its screen and scrollback as it leaves, and says
/// nothing after; under `TERM=dumb`, which takes no escape codes, it only leaves, and says
/// the terminal was not cleared. (Unix only: a Windows console rewrites escape codes.)
#[cfg(unix)]
#[test]
fn hide_clears_a_terminal_that_takes_escape_codes() {
    // Clear the screen, then the scrollback.
    const CLEAR: &str = "\x1b[2J\x1b[3J";
    let dir = tempfile::tempdir().unwrap();
    let mut run = Run::start(dir.path(), &["--plain"], "xterm-256color");
    run.wait_for("Press Enter to begin");
    run.type_line("hide");
    // The bytes arrive on a reader thread: wait for them, not only for the exit.
    run.wait_for(CLEAR);
    assert!(run.wait_exit().success());
    let text = run.text();
    let cleared = text
        .find(CLEAR)
        .expect("the screen and scrollback are cleared");
    assert!(
        text[cleared + CLEAR.len()..].trim().is_empty(),
        "something was printed after the clear: {text:?}"
    );

    let mut run = Run::start(dir.path(), &[], "dumb");
    run.wait_for("Press Enter to begin");
    run.type_line("hide");
    run.wait_for("Leaving Overture at once. This terminal was not cleared: close the window.");
    assert!(run.wait_exit().success());
    assert!(!run.text().contains("\x1b["), "{:?}", run.text());
}
