//! Random key sequences at random window sizes, tiny ones included, never panic: every key
//! goes through `App::handle_key` and every frame through `view::draw` on a test backend.

use crate::common;

use common::*;
use overture::tui::app::App;
use overture::tui::view;
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

fn any_key() -> impl Strategy<Value = KeyEvent> {
    let code = prop_oneof![
        // The keys the keymap knows, weighted up so runs get somewhere.
        4 => prop::sample::select(vec![
            KeyCode::Enter,
            KeyCode::Esc,
            KeyCode::Backspace,
            KeyCode::Up,
            KeyCode::Down,
            KeyCode::PageUp,
            KeyCode::PageDown,
            KeyCode::Home,
            KeyCode::End,
            KeyCode::F(1),
            KeyCode::Char(' '),
            KeyCode::Char('?'),
            KeyCode::Char('y'),
            KeyCode::Char('n'),
            KeyCode::Char('j'),
            KeyCode::Char('k'),
            KeyCode::Char('g'),
            KeyCode::Char('G'),
            KeyCode::Char('b'),
        ]),
        4 => (1u8..=9).prop_map(|d| KeyCode::Char(char::from(b'0' + d))),
        // Anything else a keyboard can send, wide characters included.
        1 => any::<char>().prop_map(KeyCode::Char),
        1 => prop::sample::select(vec![KeyCode::Tab, KeyCode::Delete, KeyCode::Left, KeyCode::Right, KeyCode::F(5)]),
    ];
    let modifiers = prop_oneof![
        12 => Just(KeyModifiers::NONE),
        1 => Just(KeyModifiers::CONTROL),
        1 => Just(KeyModifiers::SHIFT),
    ];
    let kind = prop_oneof![
        12 => Just(KeyEventKind::Press),
        1 => Just(KeyEventKind::Release),
        1 => Just(KeyEventKind::Repeat),
    ];
    (code, modifiers, kind).prop_map(|(code, modifiers, kind)| {
        let mut event = KeyEvent::new(code, modifiers);
        event.kind = kind;
        event
    })
}

/// Random keys can type a file name at an export prompt and press Enter: such files go here,
/// never into the working directory (the repository).
static EXPORTS: std::sync::LazyLock<tempfile::TempDir> =
    std::sync::LazyLock::new(|| tempfile::tempdir().unwrap());

/// Where a run starts: the welcome, the first question, or a finished result.
fn start(at: u8) -> App {
    let mut app = private_app().with_export_dir(EXPORTS.path().to_path_buf());
    if at >= 1 {
        first_run(&mut app);
    }
    if at >= 2 {
        answer_until_done(&mut app, &reachable_answers());
    }
    app
}

fn draw(app: &mut App, width: u16, height: u16) {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| view::draw(app, frame)).unwrap();
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn random_keys_at_random_sizes_never_panic(
        at in 0u8..3,
        steps in prop::collection::vec((any_key(), 0u16..=130, 0u16..=45), 1..80),
    ) {
        let mut app = start(at);
        for (key, width, height) in steps {
            app.handle_key(key);
            draw(&mut app, width, height);
            app.run_pending();
        }
    }

    #[test]
    fn tiny_sizes_never_panic(
        steps in prop::collection::vec((any_key(), 0u16..=41, 0u16..=13), 1..60),
    ) {
        let mut app = start(1);
        for (key, width, height) in steps {
            app.handle_key(key);
            draw(&mut app, width, height);
            app.run_pending();
        }
    }
}
