//! The terminal guard: raw mode, alternate screen, bracketed paste and a hidden cursor while
//! Overture runs; everything restored on drop, on error and from the panic hook.

use ratatui::crossterm::{
    cursor,
    event::{DisableBracketedPaste, EnableBracketedPaste},
    execute,
    terminal::{self, EnterAlternateScreen, LeaveAlternateScreen},
};
use std::io::{self, Write};
use std::sync::Once;

/// Puts the terminal back the way we found it. Safe to call more than once.
pub fn restore() {
    let _ = terminal::disable_raw_mode();
    let mut out = io::stdout();
    let _ = execute!(
        out,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        cursor::Show
    );
    let _ = out.flush();
}

/// After a quick exit: wipe what is visible and the scrollback, reset the window title, and
/// leave an ordinary-looking prompt behind.
pub fn clear_traces() {
    let mut out = io::stdout();
    // Clear screen, clear scrollback (ESC[3J), cursor home, empty window title.
    let _ = out.write_all(b"\x1b[2J\x1b[3J\x1b[H\x1b]0;\x07");
    let _ = out.flush();
}

/// What the app draws through. A frame goes out in one write: standard output's own buffer
/// is 1 KiB, so a full screen (3–4 KiB of escapes) took four writes to the terminal, about
/// 40 µs more for the welcome page's first frame. Every draw ends with a flush, and the
/// guard's own writes (entering, leaving, clearing traces) happen only between draws, so the
/// two never interleave.
pub fn screen()
-> io::Result<ratatui::Terminal<ratatui::backend::CrosstermBackend<io::BufWriter<io::Stdout>>>> {
    ratatui::Terminal::new(ratatui::backend::CrosstermBackend::new(
        io::BufWriter::with_capacity(FRAME_BUFFER_BYTES, io::stdout()),
    ))
}

/// Room for a whole frame of a large window's escapes without a write in the middle.
const FRAME_BUFFER_BYTES: usize = 64 * 1024;

static HOOK: Once = Once::new();

/// Owns the terminal's special modes for as long as it lives.
pub struct TerminalGuard {
    _private: (),
}

impl TerminalGuard {
    pub fn enter() -> io::Result<Self> {
        HOOK.call_once(|| {
            let previous = std::panic::take_hook();
            std::panic::set_hook(Box::new(move |info| {
                restore();
                previous(info);
            }));
        });
        terminal::enable_raw_mode()?;
        let guard = TerminalGuard { _private: () };
        execute!(
            io::stdout(),
            EnterAlternateScreen,
            terminal::Clear(terminal::ClearType::All),
            EnableBracketedPaste,
            cursor::Hide
        )?;
        Ok(guard)
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore();
    }
}
