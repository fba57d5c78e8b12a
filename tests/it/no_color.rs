//! `NO_COLOR` and `--no-color`: the escape output of a real run in a pseudo-terminal carries
//! no colour at all, and selection stays visible through text markers.

use crate::common::pty;
use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Runs the app through a few screens (welcome, partner word, pronouns, a question, help,
/// crisis lines) and returns every byte it wrote.
fn raw_run(args: &[&str], env: &[(&str, &str)]) -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let pty = pty::open(24, 80);
    let mut cmd = pty::command(dir.path(), args, "xterm-256color");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = pty.slave.spawn_command(cmd).unwrap();
    drop(pty.slave);
    let bytes = Arc::new(Mutex::new(Vec::new()));
    let sink = Arc::clone(&bytes);
    pty::read_into(pty.master.try_clone_reader().unwrap(), move |read| {
        sink.lock().unwrap().extend_from_slice(read);
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
    pty::wait_exit(child.as_mut());
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
