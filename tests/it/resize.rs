//! A window that changes size: the answer in progress, the place in a long text and the
//! user's own words (in any script) all survive it, and wide characters are measured by the
//! columns they take.

use crate::common;

use common::*;
use overture::tui::app::{App, Screen, Stage};
use overture::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode;

fn draw(app: &mut App, width: u16, height: u16) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| view::draw(app, frame)).unwrap();
    terminal.backend().buffer().clone()
}

fn rows(buffer: &Buffer) -> Vec<String> {
    let area = buffer.area;
    (0..area.height)
        .map(|y| {
            (0..area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
        })
        .collect()
}

#[test]
fn resizing_mid_question_keeps_the_ticks_and_the_highlighted_answer() {
    let mut app = at_question("reasons");
    key(&mut app, KeyCode::Char('2'));
    key(&mut app, KeyCode::Char('5'));
    for _ in 0..2 {
        key(&mut app, KeyCode::Down);
    }
    let ticked = app.ticked.clone();
    let cursor = app.cursor;
    assert_eq!(ticked.len(), 2);

    for (w, h) in [(80, 24), (40, 12), (20, 5), (100, 30), (40, 12)] {
        let screen = rows(&draw(&mut app, w, h));
        assert_eq!(app.ticked, ticked, "{w}x{h}: ticks lost");
        assert_eq!(app.cursor, cursor, "{w}x{h}: highlight moved");
        assert_eq!(app.screen, Screen::Question);
        if w >= 40 {
            // The highlighted answer is on screen, marked, whatever the size.
            assert!(
                screen
                    .iter()
                    .any(|row| row.contains(&format!("> {}.", cursor + 1))),
                "{w}x{h}: the highlighted answer is not in view:\n{}",
                screen.join("\n")
            );
            if h >= 24 {
                let ticks = screen.iter().filter(|row| row.contains("[x]")).count();
                assert_eq!(ticks, 2, "{w}x{h}: ticks not shown:\n{}", screen.join("\n"));
            }
        }
    }
    // The answer given after all that is the one that was ticked.
    key(&mut app, KeyCode::Enter);
    let saved = app.flow.as_ref().unwrap().answers.get("reasons").unwrap();
    assert_eq!(saved.len(), 2);
}

#[test]
fn resizing_a_long_text_keeps_the_place_in_it() {
    let mut app = private_app();
    first_run(&mut app);
    answer_until_done(&mut app, &answers_for("reachable"));
    assert!(matches!(app.screen, Screen::Result(_)));
    draw(&mut app, 80, 24);
    for _ in 0..3 {
        key(&mut app, KeyCode::PageDown);
    }
    draw(&mut app, 80, 24);
    let place = app.scroll;
    assert!(place > 20, "scrolled down a few pages: {place}");

    // Narrower: the text is longer, so the same place is still there to keep.
    draw(&mut app, 40, 12);
    assert_eq!(app.scroll, place, "a narrower window sent the text back up");
    draw(&mut app, 60, 20);
    assert_eq!(app.scroll, place);

    // Much wider: the text is shorter; the place is kept as far as the text allows, and the
    // screen is never empty.
    let buffer = draw(&mut app, 200, 60);
    assert!(app.scroll <= place);
    assert!(app.scroll == place || app.scroll == app.max_scroll);
    assert!(
        rows(&buffer)[2..50].iter().any(|r| !r.trim().is_empty()),
        "the text vanished"
    );
}

#[test]
fn every_script_in_a_text_box_is_measured_by_the_columns_it_takes() {
    let mut app = private_app();
    first_run(&mut app);
    answer_until_done(&mut app, &answers_for("reachable"));
    key(&mut app, KeyCode::Enter);
    let rehearse = app
        .home_items()
        .iter()
        .position(|i| *i == overture::tui::app::HomeItem::Rehearse)
        .unwrap();
    while app.cursor < rehearse {
        key(&mut app, KeyCode::Down);
    }
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Enter); // the rulers as they are
    key(&mut app, KeyCode::Tab); // no note
    assert_eq!(app.screen, Screen::Rehearse(Stage::Step(0)));
    // CJK (two columns each), an emoji family joined with ZWJ, a combining accent, Hebrew
    // (right to left) and Arabic.
    let words = "我想我们 👩\u{200d}👩\u{200d}👧 cafe\u{301} שלום עליך مرحبا bye";
    app.handle_paste(words);

    for (w, h) in [(80, 24), (40, 12), (57, 15)] {
        let buffer = draw(&mut app, w, h);
        let screen = rows(&buffer);
        // The box: its top corners, then a right border on every row down to the bottom.
        let top = (0..h)
            .find(|y| screen[usize::from(*y)].contains(['┌', '╭']))
            .unwrap_or_else(|| panic!("{w}x{h}: no text box\n{}", screen.join("\n")));
        let right = (0..w)
            .rev()
            .find(|x| matches!(buffer[(*x, top)].symbol(), "┐" | "╮"))
            .expect("a top-right corner");
        let bottom = (top + 1..h)
            .find(|y| matches!(buffer[(right, *y)].symbol(), "┘" | "╯"))
            .expect("a bottom-right corner");
        for y in top + 1..bottom {
            assert_eq!(
                buffer[(right, y)].symbol(),
                "│",
                "{w}x{h}: row {y} pushed the border out of line:\n{}",
                screen.join("\n")
            );
        }
        // Every character the user typed is in the box, none cut into halves.
        // (A wide character's second column reads as a blank cell here, so compare without
        // blanks.)
        let inside: String = screen[usize::from(top) + 1..usize::from(bottom)]
            .concat()
            .replace(' ', "");
        for part in ["我想我们", "שלום", "مرحبا", "bye"] {
            assert!(
                inside.contains(part) || w < 57,
                "{w}x{h}: {part} missing:\n{}",
                screen.join("\n")
            );
        }
    }
    // What is kept is exactly what was typed.
    key(&mut app, KeyCode::Tab);
    let record = app.data.rehearsals.last().unwrap();
    assert_eq!(record.lines.get("settle").map(String::as_str), Some(words));
}
