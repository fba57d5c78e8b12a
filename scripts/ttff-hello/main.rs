//! The baseline for `scripts/ttff.sh`: the smallest ratatui program that draws one frame and
//! waits for `q`, built with the same ratatui, the same lock file and the same release
//! profile as Overture. Not part of the Overture crate.

use ratatui::crossterm::event::{self, Event, KeyCode, KeyEventKind};
use ratatui::widgets::Paragraph;

fn main() -> std::io::Result<()> {
    let mut terminal = ratatui::init();
    let result = (|| loop {
        terminal.draw(|frame| {
            frame.render_widget(
                Paragraph::new("Hello from ratatui. Press q to quit."),
                frame.area(),
            );
        })?;
        if let Event::Key(key) = event::read()? {
            if key.kind == KeyEventKind::Press && key.code == KeyCode::Char('q') {
                return Ok(());
            }
        }
    })();
    ratatui::restore();
    result
}
