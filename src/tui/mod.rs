//! The ratatui front end: a synchronous loop of draw, one event, update.

pub mod app;
pub mod doc;
pub mod keymap;
pub mod screens;
pub mod terminal;
pub mod text;
pub mod theme;
pub mod view;

use app::{App, Exit};
use ratatui::crossterm::event::{self, Event};
use std::io;

/// Runs the app until the user leaves. Returns how they left.
pub fn run(app: &mut App) -> io::Result<Exit> {
    let guard = terminal::TerminalGuard::enter()?;
    let mut term = ratatui::Terminal::new(ratatui::backend::CrosstermBackend::new(io::stdout()))?;
    // No `term.clear()`: it asks the terminal for the cursor position, which some terminals
    // never answer. The guard has already cleared the alternate screen.
    let exit = loop {
        term.draw(|frame| view::draw(app, frame))?;
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
