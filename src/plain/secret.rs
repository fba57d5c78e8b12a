//! Passphrases in plain mode: typed without being shown, kept in memory that is wiped on drop,
//! and used to unlock locked answers or to turn the lock on, change it or turn it off.
//!
//! On a terminal, what is typed is not echoed: the terminal is put in raw mode for the one
//! line (no cursor movement, nothing printed) and restored at once, even on a panic. From a
//! pipe, one line is read as it comes.

use crate::store::{SecretString, Store, UnlockError};
use age::secrecy::ExposeSecret;
use ratatui::crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
use ratatui::crossterm::terminal;
use std::io::{self, BufRead, Write};
use zeroize::Zeroizing;

/// Puts the terminal back in line mode when dropped.
struct RawMode;

impl RawMode {
    fn enter() -> io::Result<RawMode> {
        terminal::enable_raw_mode()?;
        Ok(RawMode)
    }
}

impl Drop for RawMode {
    fn drop(&mut self) {
        let _ = terminal::disable_raw_mode();
    }
}

/// The longest passphrase read from a pipe, in bytes (a longer line is not used at all).
const MAX_PIPED_BYTES: u64 = 1024;

/// One passphrase, typed without being shown. `None` when the user leaves (an empty line,
/// Esc, Ctrl-C or the end of input). Every buffer it passes through is wiped when dropped.
pub fn read(
    input: &mut impl BufRead,
    out: &mut impl Write,
    from_terminal: bool,
) -> io::Result<Option<SecretString>> {
    out.flush()?;
    let typed = if from_terminal {
        read_hidden()?
    } else {
        read_piped(input, out)?
    };
    if from_terminal {
        // The Enter that ended it was not echoed either.
        writeln!(out)?;
    }
    Ok(typed
        .filter(|t| !t.is_empty())
        .map(|mut t| SecretString::from(std::mem::take(&mut *t))))
}

/// One passphrase line from a pipe. A line over the limit is not used at all (none of it
/// becomes the next answer): it is skipped, `out` says so, and it reads as nothing typed.
fn read_piped(
    input: &mut impl BufRead,
    out: &mut impl Write,
) -> io::Result<Option<Zeroizing<String>>> {
    // Room for the longest line, so that reading never moves (and so never copies) it.
    let mut bytes = Zeroizing::new(Vec::with_capacity(2 * 1024));
    let n = io::Read::take(&mut *input, MAX_PIPED_BYTES + 1).read_until(b'\n', &mut bytes)?;
    if n == 0 {
        return Ok(None);
    }
    if bytes.last() != Some(&b'\n') && n as u64 > MAX_PIPED_BYTES {
        super::input::skip_rest_of_line(input)?;
        writeln!(
            out,
            "That passphrase was longer than {MAX_PIPED_BYTES} bytes, so none of it was used."
        )?;
        return Ok(Some(Zeroizing::new(String::new())));
    }
    while matches!(bytes.last(), Some(b'\n' | b'\r')) {
        bytes.pop();
    }
    Ok(Some(Zeroizing::new(
        String::from_utf8(std::mem::take(&mut *bytes)).unwrap_or_else(|e| {
            // Not UTF-8: wipe what came and treat it as nothing typed.
            drop(Zeroizing::new(e.into_bytes()));
            String::new()
        }),
    )))
}

fn read_hidden() -> io::Result<Option<Zeroizing<String>>> {
    let _raw = RawMode::enter()?;
    // Room enough that typing never moves (and so never copies) the buffer.
    let mut typed = Zeroizing::new(String::with_capacity(1024));
    loop {
        let Event::Key(key) = event::read()? else {
            continue;
        };
        if key.kind != KeyEventKind::Press {
            continue;
        }
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Enter => return Ok(Some(typed)),
            KeyCode::Esc => return Ok(None),
            KeyCode::Char('c' | 'd') if ctrl => return Ok(None),
            KeyCode::Backspace => {
                typed.pop();
            }
            KeyCode::Char(c) if !ctrl && typed.len() + c.len_utf8() <= typed.capacity() => {
                typed.push(c);
            }
            _ => {}
        }
    }
}

/// How unlocking ended.
// Returned once, at start-up: boxing the document would buy nothing.
#[allow(clippy::large_enum_variant)]
pub enum Unlock {
    Unlocked(crate::store::Loaded),
    /// The user left without unlocking.
    Left,
}

/// Asks for the passphrase until the answers open or the user leaves. Says when Overture was
/// last opened, so the user can notice someone else's use.
pub fn unlock(
    store: &mut Store,
    content: &crate::content::Content,
    last_opened: Option<jiff::Timestamp>,
    failed_attempts: u32,
    input: &mut impl BufRead,
    out: &mut impl Write,
    from_terminal: bool,
) -> io::Result<Unlock> {
    writeln!(out, "Overture is locked.")?;
    match last_opened {
        Some(at) => writeln!(
            out,
            "Last opened {}. If that wasn't you, someone else may have used it.",
            super::text::date_time(at)
        )?,
        None => writeln!(out, "This is the first time it is opened with the lock on.")?,
    }
    if let Some(tries) = crate::pages::text::wrong_tries(
        failed_attempts,
        store.last_failed_at(),
        last_opened.is_some(),
    ) {
        writeln!(out, "{tries}")?;
    }
    writeln!(
        out,
        "There is no way to recover a forgotten passphrase: without it, the saved answers cannot be read by anyone, you included."
    )?;
    loop {
        let wait = store.unlock_wait();
        if !wait.is_zero() {
            writeln!(
                out,
                "Please wait {} s before the next try.",
                wait.as_secs() + 1
            )?;
            out.flush()?;
            std::thread::sleep(wait);
        }
        writeln!(
            out,
            "Type your passphrase and press Enter (what you type is not shown; an empty line leaves; resources shows crisis lines):"
        )?;
        let Some(passphrase) = read(input, out, from_terminal)? else {
            writeln!(out, "Leaving Overture. Nothing was opened.")?;
            return Ok(Unlock::Left);
        };
        // The words that work at every prompt work here too, and are never tried (a wrong
        // try would count, and add a wait).
        match passphrase.expose_secret().trim() {
            "resources" => {
                writeln!(out)?;
                writeln!(out, "Crisis lines and support")?;
                for l in super::text::resources(content, None, super::text::Layout::Plain) {
                    writeln!(out, "{}", super::text::printable(&l))?;
                }
                writeln!(out)?;
                continue;
            }
            "help" => {
                writeln!(
                    out,
                    "Your answers are locked with a passphrase. Type it and press Enter to open them; what you type is never shown. An empty line, or quit, leaves without opening anything."
                )?;
                continue;
            }
            "quit" => {
                writeln!(out, "Leaving Overture. Nothing was opened.")?;
                return Ok(Unlock::Left);
            }
            _ => {}
        }
        writeln!(out, "Unlocking\u{2026}")?;
        out.flush()?;
        match store.unlock(&passphrase) {
            Ok(loaded) => {
                writeln!(out, "Unlocked.")?;
                return Ok(Unlock::Unlocked(loaded));
            }
            Err(UnlockError::WrongPassphrase {
                failed_attempts, ..
            }) => writeln!(
                out,
                "That passphrase did not open it ({failed_attempts} wrong so far). Each wrong try adds a short wait."
            )?,
            Err(e) => writeln!(out, "{e}")?,
        }
    }
}
