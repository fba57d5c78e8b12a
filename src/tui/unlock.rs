//! The unlock screen: shown before anything else when the saved data is locked with a
//! passphrase. It says when Overture was last opened (so the user can notice someone else's
//! use), keeps the typed passphrase in memory that is wiped on drop, and never unlocks part.

use super::terminal;
use super::text::wrap;
use super::theme::Theme;
use crate::content::Content;
use crate::store::{Loaded, SecretString, Store, UnlockError};
use jiff::Timestamp;
use ratatui::crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use std::io;
use std::time::Duration;
use zeroize::Zeroizing;

// Returned once, at start-up: boxing the document would buy nothing.
#[allow(clippy::large_enum_variant)]
pub enum Unlocked {
    Data(Loaded),
    /// Left without unlocking.
    Quit,
    /// Ctrl-Q: left at once; the caller clears the screen.
    QuickExit,
}

fn date_time(at: Timestamp) -> String {
    at.to_zoned(crate::pages::text::time_zone())
        .strftime("%-d %b %Y at %H:%M")
        .to_string()
}

/// Runs the unlock screen until the data is unlocked or the user leaves.
pub fn run(
    store: &mut Store,
    content: &Content,
    theme: Theme,
    last_opened: Option<Timestamp>,
    failed_attempts: u32,
) -> io::Result<Unlocked> {
    let guard = terminal::TerminalGuard::enter()?;
    let mut term = terminal::screen()?;
    let mut typed: Zeroizing<String> = Zeroizing::new(String::new());
    let mut message = crate::pages::text::wrong_tries(
        failed_attempts,
        store.last_failed_at(),
        last_opened.is_some(),
    );
    let mut crisis = false;
    let mut busy = false;
    let outcome = loop {
        let wait = store.unlock_wait();
        term.draw(|frame| {
            let area = frame.area();
            let width = usize::from(area.width.saturating_sub(2)).max(1);
            let mut lines: Vec<Line> = Vec::new();
            let mut para = |text: &str, style: ratatui::style::Style| {
                for l in wrap(text, width) {
                    lines.push(Line::from(Span::styled(l, style)));
                }
            };
            para("Overture is locked", theme.title());
            para("", theme.dim());
            let last = last_opened.map_or_else(
                || "This is the first time it is opened with the lock on.".to_string(),
                |at| format!("Last opened {}. If that wasn't you, someone else may have used it.", date_time(at)),
            );
            para(&last, theme.dim());
            para("", theme.dim());
            if crisis {
                let page = crate::pages::resources::all(content, None);
                for line in crate::pages::resources::lines(&page, false) {
                    para(&line, ratatui::style::Style::new());
                }
            } else {
                para("Type your passphrase and press Enter:", theme.heading());
                para(&"\u{2022}".repeat(typed.chars().count().min(64)), theme.key());
                para("", theme.dim());
                if busy {
                    para("Unlocking\u{2026}", theme.dim());
                } else if !wait.is_zero() {
                    para(&format!("Please wait {} s before the next try.", wait.as_secs() + 1), theme.warning());
                }
                if let Some(m) = &message {
                    para(m, theme.warning());
                }
                para("", theme.dim());
                para("There is no way to recover a forgotten passphrase: without it, the saved answers cannot be read by anyone, you included.", theme.dim());
            }
            para("", theme.dim());
            para("Enter unlock  Esc leave  Ctrl-G crisis lines  Ctrl-Q quick exit", theme.key());
            frame.render_widget(Paragraph::new(lines), area.inner(ratatui::layout::Margin::new(1, 0)));
        })?;
        if busy {
            busy = false;
            let passphrase = SecretString::from(std::mem::take(&mut *typed));
            match store.unlock(&passphrase) {
                Ok(loaded) => break Unlocked::Data(loaded),
                Err(UnlockError::WrongPassphrase {
                    failed_attempts, ..
                }) => {
                    message = Some(format!(
                        "That passphrase did not open it ({failed_attempts} wrong so far). Each wrong try adds a short wait."
                    ));
                }
                Err(e) => message = Some(e.to_string()),
            }
            continue;
        }
        if !event::poll(Duration::from_millis(250))? {
            continue;
        }
        let Event::Key(key) = event::read()? else {
            continue;
        };
        if key.kind != KeyEventKind::Press {
            continue;
        }
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Char('q' | 'Q') if ctrl => break Unlocked::QuickExit,
            KeyCode::Char('g' | 'G') if ctrl => crisis = !crisis,
            KeyCode::Char('c' | 'C') if ctrl => break Unlocked::Quit,
            KeyCode::Esc if crisis => crisis = false,
            KeyCode::Esc => break Unlocked::Quit,
            KeyCode::Enter if !typed.is_empty() && store.unlock_wait().is_zero() => busy = true,
            KeyCode::Backspace => {
                typed.pop();
            }
            KeyCode::Char(c) if !ctrl && !crisis => typed.push(c),
            _ => {}
        }
    };
    drop(term);
    drop(guard);
    if matches!(outcome, Unlocked::QuickExit) {
        terminal::clear_traces();
    }
    Ok(outcome)
}
