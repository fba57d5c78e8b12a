//! `NO_COLOR` and `--no-color`: the escape output of a real run in a pseudo-terminal carries
//! no colour at all, and selection stays visible through text markers.

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Runs the app through a few screens (welcome, partner word, pronouns, a question, help,
/// crisis lines) and returns every byte it wrote.
fn raw_run(args: &[&str], env: &[(&str, &str)]) -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 80,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_overture"));
    cmd.args(args);
    cmd.arg("--data-dir");
    cmd.arg(dir.path());
    cmd.env("TERM", "xterm-256color");
    cmd.env("LANG", "C");
    cmd.env_remove("LC_ALL");
    cmd.env_remove("LC_MESSAGES");
    cmd.env_remove("NO_COLOR");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = pty.slave.spawn_command(cmd).unwrap();
    drop(pty.slave);
    let bytes = Arc::new(Mutex::new(Vec::new()));
    let sink = Arc::clone(&bytes);
    let mut reader = pty.master.try_clone_reader().unwrap();
    std::thread::spawn(move || {
        let mut buf = [0u8; 8192];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            sink.lock().unwrap().extend_from_slice(&buf[..n]);
        }
    });
    let mut writer = pty.master.take_writer().unwrap();
    let wait_for = |text: &str| {
        let deadline = Instant::now() + Duration::from_secs(20);
        while !String::from_utf8_lossy(&bytes.lock().unwrap()).contains(text) {
            assert!(Instant::now() < deadline, "waited for {text:?}");
            std::thread::sleep(Duration::from_millis(20));
        }
    };
    wait_for("Press Enter to begin");
    for (keys, then) in [
        ("\r", "refer to your partner?"),
        ("1", "Which pronouns fit"),
        ("\r", "Has your husband ever hit"),
        ("?", "The keys that work here"),
        ("\x1b", "Has your husband ever hit"),
        ("\x07", "Crisis lines and support"),
    ] {
        writer.write_all(keys.as_bytes()).unwrap();
        writer.flush().unwrap();
        wait_for(then);
        std::thread::sleep(Duration::from_millis(50));
    }
    writer.write_all(b"\x11").unwrap(); // Ctrl-Q
    writer.flush().unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    while child.try_wait().unwrap().is_none() {
        assert!(Instant::now() < deadline, "overture did not exit");
        std::thread::sleep(Duration::from_millis(20));
    }
    std::thread::sleep(Duration::from_millis(100));
    let out = bytes.lock().unwrap().clone();
    std::mem::forget(pty.master);
    out
}

/// Every SGR parameter that sets a colour: foreground, background or underline, in the 8,
/// bright, 256 or RGB forms. Resets to the default colour (39, 49, 59) are not colours.
fn colour_codes(bytes: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(bytes);
    let mut found = Vec::new();
    let mut rest = text.as_ref();
    while let Some(start) = rest.find("\x1b[") {
        rest = &rest[start + 2..];
        let end = rest
            .find(|c: char| !(c.is_ascii_digit() || c == ';' || c == ':'))
            .unwrap_or(rest.len());
        let (params, after) = rest.split_at(end);
        if after.starts_with('m') {
            for p in params.split(';') {
                let code: u32 = p.split(':').next().unwrap_or("").parse().unwrap_or(0);
                if matches!(code, 30..=38 | 40..=48 | 58 | 90..=97 | 100..=107) {
                    found.push(format!("\\x1b[{params}m"));
                    break;
                }
            }
        }
    }
    found
}

#[test]
fn no_color_env_gives_no_colour_codes() {
    let out = raw_run(&[], &[("NO_COLOR", "1")]);
    let codes = colour_codes(&out);
    assert!(codes.is_empty(), "colour codes under NO_COLOR: {codes:?}");
    // Selection is still visible as text.
    let text = String::from_utf8_lossy(&out);
    assert!(text.contains("> 1. ( ) Yes"), "the focus marker is shown");
}

#[test]
fn no_color_flag_gives_no_colour_codes() {
    let out = raw_run(&["--no-color"], &[]);
    let codes = colour_codes(&out);
    assert!(codes.is_empty(), "colour codes with --no-color: {codes:?}");
    assert!(String::from_utf8_lossy(&out).contains("> 1. ( ) Yes"));
}

#[test]
fn colour_is_on_otherwise_so_the_check_above_can_fail() {
    let out = raw_run(&[], &[]);
    assert!(
        !colour_codes(&out).is_empty(),
        "the default theme uses colour, and the scanner finds it"
    );
}
