//! The ratatui front end: a synchronous loop of draw, one event, update.

pub mod app;
pub mod doc;
pub mod keymap;
pub mod screens;
pub mod terminal;
pub mod text;
pub mod theme;
pub mod unlock;
pub mod view;

use app::{App, Exit};
use ratatui::crossterm::event::{self, Event};
use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// How often the loop looks up from waiting for a key to see whether a signal came in.
const SIGNAL_CHECK: Duration = Duration::from_millis(200);

/// How long after a stop signal the loop may take to end by itself.
const STOP_GRACE: Duration = Duration::from_millis(1500);

/// The signals that end a session like `q`. Windows has no SIGHUP (a closed console window
/// ends the process there).
#[cfg(unix)]
const STOP_SIGNALS: &[std::ffi::c_int] = &[
    signal_hook::consts::SIGTERM,
    signal_hook::consts::SIGHUP,
    signal_hook::consts::SIGINT,
];
#[cfg(not(unix))]
const STOP_SIGNALS: &[std::ffi::c_int] =
    &[signal_hook::consts::SIGTERM, signal_hook::consts::SIGINT];

/// When the terminal is gone (the window closed), crossterm's `poll` can spin on the hung-up
/// tty and never return, so the loop never sees the signal: the process would stay, busy and
/// holding the data lock, and the next start would say the data is open elsewhere. This
/// thread ends the process if the loop has not ended within [`STOP_GRACE`] of a stop signal.
/// Every answer is already saved (atomically), so nothing is lost but a half-typed box.
fn spawn_hangup_watchdog(stop: Arc<AtomicBool>) {
    let _ = std::thread::Builder::new()
        .name("hangup-watchdog".to_string())
        .spawn(move || {
            while !stop.load(Ordering::Relaxed) {
                std::thread::sleep(SIGNAL_CHECK);
            }
            std::thread::sleep(STOP_GRACE);
            std::process::exit(0);
        });
}

/// Runs the app until the user leaves. Returns how they left.
pub fn run(app: &mut App) -> io::Result<Exit> {
    let guard = terminal::TerminalGuard::enter()?;
    let mut term = terminal::screen()?;
    // No `term.clear()`: it asks the terminal for the cursor position, which some terminals
    // never answer. The guard has already cleared the alternate screen.
    // SIGTERM (a shutdown), SIGHUP (the window closed) and a SIGINT sent from outside end the
    // session like `q`: what is typed is saved and the terminal is restored by the guard.
    let stop = Arc::new(AtomicBool::new(false));
    for &signal in STOP_SIGNALS {
        signal_hook::flag::register(signal, Arc::clone(&stop))?;
    }
    let mut watchdog = false;
    let exit = loop {
        term.draw(|frame| view::draw(app, frame))?;
        // After the first frame, which need not wait for a thread to start.
        if !watchdog {
            spawn_hangup_watchdog(Arc::clone(&stop));
            watchdog = true;
        }
        if app.pending_lock.is_some() {
            // The frame just drawn says what is being done; now do it, and draw the outcome.
            app.run_pending();
            continue;
        }
        while !event::poll(SIGNAL_CHECK)? {
            if stop.load(Ordering::Relaxed) {
                break;
            }
        }
        if stop.load(Ordering::Relaxed) {
            app.flush_editor();
            break Exit::Normal;
        }
        match event::read()? {
            Event::Key(key) => app.handle_key(key),
            Event::Paste(text) => app.handle_paste(&text),
            // Resize and everything else: just draw again.
            _ => {}
        }
        if let Some(exit) = app.exit {
            break exit;
        }
    };
    drop(term);
    drop(guard);
    if exit == Exit::Quick {
        terminal::clear_traces();
    }
    Ok(exit)
}
