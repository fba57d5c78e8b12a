//! The real binary in a pseudo-terminal: the pieces every pty test starts with.

use portable_pty::{Child, CommandBuilder, ExitStatus, PtyPair, PtySize, native_pty_system};
use std::io::Read;
use std::path::Path;
use std::time::{Duration, Instant};

/// A pseudo-terminal of `rows`×`cols`.
pub fn open(rows: u16, cols: u16) -> PtyPair {
    native_pty_system()
        .openpty(PtySize {
            rows,
            cols,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("a pty")
}

/// `overture --data-dir dir` with `args` before it, `TERM=term` and the C locale, and no
/// `NO_COLOR` inherited from whoever runs the tests.
pub fn command(dir: &Path, args: &[&str], term: &str) -> CommandBuilder {
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_overture"));
    cmd.args(args);
    cmd.arg("--data-dir");
    cmd.arg(dir);
    cmd.env("TERM", term);
    cmd.env("LANG", "C");
    cmd.env_remove("LC_ALL");
    cmd.env_remove("LC_MESSAGES");
    cmd.env_remove("NO_COLOR");
    cmd
}

/// Hands every byte the program writes to `sink`, on a thread of its own, until it closes.
pub fn read_into(mut reader: Box<dyn Read + Send>, mut sink: impl FnMut(&[u8]) + Send + 'static) {
    std::thread::spawn(move || {
        let mut buf = [0u8; 8192];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            sink(&buf[..n]);
        }
    });
}

/// Waits up to 20 s for the program to end.
pub fn wait_exit(child: &mut (dyn Child + Send + Sync)) -> ExitStatus {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if let Some(status) = child.try_wait().expect("its status") {
            return status;
        }
        assert!(Instant::now() < deadline, "overture did not exit");
        std::thread::sleep(Duration::from_millis(20));
    }
}
