//! Draws the app: a header, the scrolled body, a status line and the key hints.

use super::app::{App, Overlay, Screen, Stage, Status};
use super::doc::Doc;
use super::keymap::{self, Context};
use super::screens;
use super::text::{width as text_width, wrap};
use crate::pages::rehearse::Draft;
use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

pub const MIN_WIDTH: u16 = 40;

/// `area` less one column on each side.
fn padded(area: Rect) -> Rect {
    Rect {
        x: area.x + 1,
        width: area.width.saturating_sub(2),
        ..area
    }
}
pub const MIN_HEIGHT: u16 = 12;

fn header_text(app: &App) -> String {
    match app.screen {
        Screen::Welcome => "Welcome".to_string(),
        Screen::Partner | Screen::Pronouns => "Setting up".to_string(),
        Screen::Home => "Home".to_string(),
        Screen::Question => screens::question::header(app),
        Screen::Result(_) => "Your result".to_string(),
        Screen::Gate(_) => "Rehearsal".to_string(),
        Screen::Rehearse(stage) => crate::pages::rehearse::header(&app.content, stage),
        Screen::Script(_) => "Your script".to_string(),
        Screen::Settings | Screen::Country => "Settings".to_string(),
        Screen::LogDoor | Screen::LogAnswer | Screen::LogNote | Screen::Logged(_) => {
            "Log an ask".to_string()
        }
        Screen::RepeatedNo => "After repeated no".to_string(),
        Screen::Timeline | Screen::Review(_) | Screen::ReviewResult(_) => "Timeline".to_string(),
        Screen::Doors | Screen::Door(_) => "Lower doors".to_string(),
        Screen::Trends => "Trends".to_string(),
        Screen::Solo
        | Screen::SoloSection(_)
        | Screen::Build(..)
        | Screen::JournalPrompts
        | Screen::Journal(_) => "On your own".to_string(),
        Screen::History | Screen::Snapshot(_) | Screen::Compare(..) => "Saved answers".to_string(),
    }
}

fn body_doc(app: &App, width: usize) -> Doc {
    match app.screen {
        Screen::Welcome => screens::welcome::doc(app, width),
        Screen::Partner => screens::setup::partner_doc(app, width),
        Screen::Pronouns => screens::setup::pronouns_doc(app, width),
        Screen::Home => screens::home::doc(app, width),
        Screen::Question => screens::question::doc(app, width),
        Screen::Result(i) => screens::result::doc(app, i, width),
        Screen::Gate(gate) => screens::rehearse::gate_doc(app, gate, width),
        Screen::Rehearse(Stage::ReadinessBefore) => screens::rehearse::ruler_doc(app, false, width),
        Screen::Rehearse(Stage::ReadinessAfter) => screens::rehearse::ruler_doc(app, true, width),
        Screen::Rehearse(Stage::Reply) => screens::rehearse::reply_doc(app, width),
        Screen::Rehearse(Stage::ReplyCheck) => screens::rehearse::reply_check_doc(app, width),
        Screen::Rehearse(Stage::ReplyOutcome) => screens::rehearse::reply_outcome_doc(app, width),
        Screen::Rehearse(stage) => screens::rehearse::guidance_doc(app, stage, width),
        Screen::Script(i) => screens::rehearse::script_doc(app, i, width),
        Screen::Settings => screens::settings::doc(app, width),
        Screen::Country => screens::settings::country_doc(app, width),
        Screen::LogDoor => screens::asklog::door_doc(app, width),
        Screen::LogAnswer => screens::asklog::answer_doc(app, width),
        Screen::LogNote => screens::asklog::note_guidance(app, width),
        Screen::Logged(i) => screens::asklog::logged_doc(app, i, width),
        Screen::RepeatedNo => screens::asklog::plan_doc(app, width),
        Screen::Timeline => screens::timeline::doc(app, width),
        Screen::Review(i) => screens::timeline::review_doc(app, i, width),
        Screen::ReviewResult(i) => screens::timeline::review_result_doc(app, i, width),
        Screen::Doors => screens::doors::doc(app, width),
        Screen::Trends => screens::trends::doc(app, width),
        Screen::Door(i) => screens::doors::door_doc(app, i, width),
        Screen::Solo => screens::solo::doc(app, width),
        Screen::SoloSection(i) => screens::solo::section_doc(app, i, width),
        Screen::Build(b, blank) => screens::solo::build_guidance(app, b, blank, width),
        Screen::JournalPrompts => screens::solo::prompts_doc(app, width),
        Screen::Journal(p) => screens::solo::journal_guidance(app, p, width),
        Screen::History => screens::history::doc(app, width),
        Screen::Snapshot(s) => screens::history::snapshot_doc(app, s, width),
        Screen::Compare(a, b) => screens::history::compare_doc(app, a, b, width),
    }
}

/// The footer: the hints of the keys that work in this context, wrapped to fit in at most
/// `max_lines`. The quick exit, the crisis lines and help come first, so they always fit.
/// Without `scrolls`, the reading keys that only move the page (on a page that fits) are left
/// out: a hint for a key that does nothing is one more thing to read at 1am.
fn footer_lines(
    app: &App,
    context: Context,
    width: usize,
    max_lines: usize,
    scrolls: bool,
) -> Vec<Line<'static>> {
    let t = app.theme;
    let mut bindings: Vec<_> = keymap::bindings(context)
        .into_iter()
        .filter(|b| b.in_footer)
        .filter(|b| scrolls || !(b.context == Context::Reading && b.action.only_scrolls()))
        .collect();
    bindings.sort_by_key(|b| match b.context {
        Context::Global => 0,
        Context::NotTyping => 1,
        _ => 2,
    });
    let mut lines = Vec::new();
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut used = 0;
    let mut seen_hints = Vec::new();
    for b in bindings {
        if seen_hints.contains(&b.hint) {
            continue;
        }
        seen_hints.push(b.hint);
        let item_width = text_width(b.shown) + 1 + text_width(b.hint);
        if used > 0 && used + 2 + item_width > width {
            if lines.len() + 1 >= max_lines {
                break;
            }
            lines.push(Line::from(std::mem::take(&mut spans)));
            used = 0;
        } else if used > 0 {
            spans.push(Span::raw("  "));
            used += 2;
        }
        spans.push(Span::styled(b.shown.to_string(), t.key()));
        spans.push(Span::raw(format!(" {}", b.hint)));
        used += item_width;
    }
    if !spans.is_empty() {
        lines.push(Line::from(spans));
    }
    lines
}

/// Scroll so the focused item is visible, with as much as fits of what follows it (the rest
/// of the options); without a focus, the user's own scroll, clamped. Returns (scroll, max).
fn scroll_for(doc: &Doc, height: usize, requested: u16) -> (u16, u16) {
    let max = doc.lines.len().saturating_sub(height);
    let max16 = u16::try_from(max).unwrap_or(u16::MAX);
    match doc.focus {
        Some((start, end)) => {
            let keep = doc.keep_visible.unwrap_or(end).max(end);
            let top = if keep < height {
                0
            } else {
                (keep + 1 - height).min(start)
            };
            // The line held at the top stays in sight unless the focus is below the screen.
            // Where the two cannot both fit but the focus starts within a screen of it (the
            // first options of a long question at 40x12), as much of what is above the focus
            // is shown as fits: the question's last lines, not only the options after it.
            let top = match doc.hold_top {
                Some(hold) if end < hold + height => top.min(hold),
                Some(hold) if start < hold + height => top.min((end + 1 - height).max(hold)),
                _ => top,
            };
            (u16::try_from(top).unwrap_or(u16::MAX), max16)
        }
        None => (requested.min(max16), max16),
    }
}

/// What the scroll keys need to know of the page just drawn: its height on screen, how far it
/// scrolls, where it is scrolled to, and where its sections start.
fn remember_page(app: &mut App, doc: &Doc, height: u16, scroll: u16, max: u16) {
    app.page_height = height;
    app.max_scroll = max;
    app.scroll = scroll;
    app.sections = doc
        .sections
        .iter()
        .filter_map(|&row| u16::try_from(row).ok())
        .collect();
}

/// Where the reader is on a page longer than the screen: "more below · 2/6", or the end.
fn position_line(lines: usize, height: usize, scroll: u16, max: u16) -> String {
    let height = height.max(1);
    let pages = lines.div_ceil(height);
    let page = if scroll >= max {
        pages
    } else {
        // Any line past a page's first counts as reaching the next one; the last page is
        // only reached at the end.
        (usize::from(scroll).div_ceil(height) + 1).min(pages.saturating_sub(1).max(1))
    };
    if scroll < max {
        format!("\u{2193} more below \u{b7} {page}/{pages} ")
    } else {
        format!("end \u{b7} {page}/{pages} ")
    }
}

pub fn draw(app: &mut App, frame: &mut Frame) {
    let area = frame.area();
    let t = app.theme;
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let msg = format!(
            "Make the window bigger ({MIN_WIDTH}x{MIN_HEIGHT} at least). Ctrl-Q quick exit."
        );
        let lines: Vec<Line> = wrap(&msg, usize::from(area.width))
            .into_iter()
            .take(usize::from(area.height))
            .map(Line::from)
            .collect();
        frame.render_widget(Paragraph::new(lines).style(t.warning()), area);
        return;
    }
    let context = app.context();
    let inner_width = usize::from(area.width.saturating_sub(2));
    let small = area.height < 20;
    let footer_most = if small { 2 } else { 3 };
    // Laid out with every hint; drawn below once the body says whether it scrolls.
    let footer = footer_lines(app, context, inner_width, footer_most, true);
    let status: Option<(String, Style)> = match &app.status {
        Some(Status::Info(s)) => Some((s.clone(), t.dim())),
        Some(Status::Warning(s)) => Some((s.clone(), t.warning())),
        // The welcome page is long: what to do next stays in sight below it.
        None if app.screen == Screen::Welcome && app.overlay.is_none() => Some((
            "Press Enter to begin, or p for a private session that saves nothing. Ctrl-Q leaves at once.".to_string(),
            t.key(),
        )),
        None => None,
    };
    let status_lines = status
        .as_ref()
        .map(|(s, style)| {
            wrap(s, inner_width)
                .into_iter()
                .take(2)
                .map(|l| Line::from(Span::styled(l, *style)))
                .collect::<Vec<_>>()
        })
        .unwrap_or_default();
    let [header_area, body_area, status_area, footer_area] = stack(
        area,
        if small { 1 } else { 2 },
        u16::try_from(status_lines.len()).unwrap_or(0),
        u16::try_from(footer.len()).unwrap_or(1),
    );

    // Header: the name and where the user is.
    let header = Line::from(vec![
        Span::styled(" Overture", t.title()),
        Span::styled(format!("  {}", header_text(app)), t.dim()),
    ]);
    let header_block = if small {
        Block::new()
    } else {
        Block::new().borders(Borders::BOTTOM).border_style(t.dim())
    };
    frame.render_widget(Paragraph::new(header).block(header_block), header_area);

    let body_inner = padded(body_area);
    draw_body(app, frame, body_inner);
    if app.overlay.is_some() {
        draw_overlay(app, frame, body_area);
    }
    frame.render_widget(Paragraph::new(status_lines), padded(status_area));
    // Only a page that fits needs the hints again, without its scroll keys.
    let footer = if app.max_scroll > 0 || app.overlay.is_some() {
        footer
    } else {
        footer_lines(app, context, inner_width, footer_most, false)
    };
    frame.render_widget(Paragraph::new(footer), padded(footer_area));
}

/// Which kind of draft the checker reads on a screen with a text box, if it reads one.
fn checked_draft(screen: Screen) -> Option<Draft> {
    match screen {
        Screen::Rehearse(Stage::Step(_)) | Screen::Script(_) => Some(Draft::Invitation),
        Screen::RepeatedNo => Some(Draft::Boundary),
        Screen::Build(..) => Some(Draft::Sentence),
        _ => None,
    }
}

/// Everything the checker found in the text box, for the overlay F2 opens.
fn advice_doc(app: &App, width: usize) -> Doc {
    let text = app.editor_words();
    if let Some(draft) = checked_draft(app.screen) {
        return screens::rehearse::findings_doc(app, &text, draft, width);
    }
    let mut doc = Doc::new(width);
    doc.para(
        "Overture does not check what you write here: these words are for you.",
        app.theme.dim(),
    );
    doc
}

/// A screen with a multi-line text box: guidance on top (scrolled with the page keys), the
/// box, and the checker's advice under it.
fn draw_editor_body(app: &mut App, frame: &mut Frame, area: Rect) {
    let width = usize::from(area.width);
    let text = app.editor_words();
    let guidance = match app.screen {
        Screen::Rehearse(stage) => screens::rehearse::guidance_doc(app, stage, width),
        Screen::LogNote => screens::asklog::note_guidance(app, width),
        Screen::RepeatedNo => screens::asklog::boundary_guidance(app, width),
        Screen::Build(b, blank) => screens::solo::build_guidance(app, b, blank, width),
        Screen::Journal(p) => screens::solo::journal_guidance(app, p, width),
        _ => {
            let mut doc = Doc::new(width);
            doc.para(
                "Edit your script. Tab keeps it as a new version; Esc discards the edit.",
                app.theme.heading(),
            );
            doc
        }
    };
    // On a small screen the hint about the checker gives way to room for writing.
    let checked =
        checked_draft(app.screen).filter(|_| area.height >= 12 || !text.trim().is_empty());
    let findings = match checked {
        Some(draft) => screens::rehearse::findings_doc(app, &text, draft, width),
        None => Doc::new(width),
    };
    let prompt = match app.screen {
        Screen::Rehearse(stage) => screens::rehearse::prompt_doc(app, stage, width),
        _ => Doc::new(width),
    };
    let body = area.height;
    let editor_height = (body / 3).clamp(4, 8);
    // The step's question stays in sight above the box (at most three lines of it).
    let prompt_height = u16::try_from(prompt.lines.len())
        .unwrap_or(u16::MAX)
        .min(3)
        .min(body.saturating_sub(editor_height + 1));
    // What the checker found matters more than the guidance above once there are words: it
    // gets what it needs, the guidance keeps at least two lines (scrolled with the page
    // keys), and advice that still does not fit is one key away (F2).
    let findings_height = u16::try_from(findings.lines.len())
        .unwrap_or(u16::MAX)
        .min(body.saturating_sub(editor_height + prompt_height + 2));
    let [guidance_area, prompt_area, editor_area, findings_area] = Layout::vertical([
        Constraint::Min(1),
        Constraint::Length(prompt_height),
        Constraint::Length(editor_height),
        Constraint::Length(findings_height),
    ])
    .areas(area);
    let max = u16::try_from(
        guidance
            .lines
            .len()
            .saturating_sub(usize::from(guidance_area.height)),
    )
    .unwrap_or(u16::MAX);
    app.guidance_scroll = app.guidance_scroll.min(max);
    let mut guidance_lines = guidance.lines;
    // A heading as the last line in sight, with its lines below the fold ("You might say:"
    // over nothing), waits for the scroll instead; PgDn shows it with what it heads.
    // (The theme's heading is always bold, so plain text is never taken for one.) A heading
    // wrapped over two lines waits whole; the first line in sight always stays.
    let top = usize::from(app.guidance_scroll);
    let mut bottom = top + usize::from(guidance_area.height);
    let heading = app.theme.heading();
    if bottom < guidance_lines.len() {
        while bottom > top + 1 && is_all_in_style(&guidance_lines[bottom - 1], heading) {
            guidance_lines[bottom - 1] = Line::default();
            bottom -= 1;
        }
    }
    frame.render_widget(
        Paragraph::new(guidance_lines).scroll((app.guidance_scroll, 0)),
        guidance_area,
    );
    frame.render_widget(Paragraph::new(prompt.lines), prompt_area);
    if let Some(editor) = app.editor.as_ref() {
        let mut widget = editor.clone();
        let more = if max > app.guidance_scroll {
            " PgDn: rest of the guidance "
        } else {
            ""
        };
        widget.set_block(
            Block::bordered()
                .border_style(app.theme.key())
                .title(Span::styled(" Your words ", app.theme.heading()))
                .title_bottom(Span::styled(more, app.theme.dim())),
        );
        widget.set_wrap_mode(ratatui_textarea::WrapMode::Word);
        frame.render_widget(&widget, editor_area);
    }
    let hidden = findings
        .lines
        .len()
        .saturating_sub(usize::from(findings_area.height));
    let mut lines = findings.lines;
    if hidden > 0 && findings_area.height > 0 {
        // Say that there is more, and how to read it, rather than cut the advice off.
        lines.truncate(usize::from(findings_area.height) - 1);
        let tell = more_advice(hidden + 1, usize::from(findings_area.width));
        lines.push(Line::from(Span::styled(tell, app.theme.key())));
    }
    frame.render_widget(Paragraph::new(lines), findings_area);
}

/// The line under cut-off advice: the longest telling that fits, so a narrow window keeps
/// the key whole rather than half a sentence.
fn more_advice(more: usize, width: usize) -> String {
    [
        format!("\u{2026} {more} more lines: F2 shows all the advice"),
        format!("\u{2026} {more} more: F2 shows all"),
        "\u{2026} F2: all".to_string(),
    ]
    .into_iter()
    .find(|t| t.chars().count() <= width)
    .unwrap_or_else(|| "F2".to_string())
}

fn draw_body(app: &mut App, frame: &mut Frame, area: Rect) {
    if app.editor.is_some() {
        draw_editor_body(app, frame, area);
        return;
    }
    let width = usize::from(area.width);
    let mut doc = body_doc(app, width);
    let mut text_area = None;
    if app.text.is_some() {
        // The text field sits under the list, inside the body.
        doc.blank();
        let ask = match app.text_purpose {
            crate::tui::app::TextPurpose::PartnerWord => "Type your word and press Enter:",
            crate::tui::app::TextPurpose::ExportPath
            | crate::tui::app::TextPurpose::ExportSummary => {
                "Type a file name and press Enter (Esc to cancel):"
            }
        };
        doc.para(ask, app.theme.heading());
        let row = doc.lines.len();
        text_area = Some(row);
        doc.blank();
        doc.blank();
        doc.blank();
        doc.focus = Some((row, row + 2));
    }
    // A page longer than the screen keeps its last row to say where the reader is.
    let longer = doc.lines.len() > usize::from(area.height) && area.height >= 6;
    let (area, position_row) = if longer {
        let [body, row] = split_last_row(area);
        (body, Some(row))
    } else {
        (area, None)
    };
    let height = usize::from(area.height);
    // Under an overlay the screen keeps the scroll it had before the overlay opened.
    let requested = if app.overlay.is_some() {
        app.saved_scroll
    } else {
        app.scroll
    };
    let (scroll, max) = scroll_for(&doc, height, requested);
    if app.overlay.is_none() {
        remember_page(app, &doc, area.height, scroll, max);
    }
    if let Some(row) = position_row {
        let line = position_line(doc.lines.len(), height, scroll, max);
        frame.render_widget(
            Paragraph::new(Span::styled(line, app.theme.dim())).alignment(Alignment::Right),
            row,
        );
    }
    frame.render_widget(Paragraph::new(doc.lines).scroll((scroll, 0)), area);
    if let (Some(row), Some(text)) = (text_area, app.text.as_ref()) {
        let top = row.saturating_sub(usize::from(scroll));
        if top + 3 <= height {
            let field = Rect {
                x: area.x,
                y: area.y + u16::try_from(top).unwrap_or(0),
                width: area.width.min(44),
                height: 3,
            };
            let mut widget = text.clone();
            widget.set_block(Block::bordered().border_style(app.theme.key()));
            frame.render_widget(&widget, field);
        }
    }
}

fn draw_overlay(app: &mut App, frame: &mut Frame, area: Rect) {
    let Some(overlay) = app.overlay else {
        return;
    };
    let popup = match overlay {
        Overlay::ConfirmQuit
        | Overlay::ConfirmRestart
        | Overlay::ConfirmWipe
        | Overlay::ConfirmDelete
        | Overlay::ConfirmDeleteAll => {
            let w = area.width.min(60);
            // The delete confirmations list what a delete cannot reach: give them room.
            let tall = matches!(overlay, Overlay::ConfirmWipe | Overlay::ConfirmDeleteAll);
            let h = area.height.min(if tall { 16 } else { 8 });
            Rect {
                x: area.x + (area.width - w) / 2,
                y: area.y + (area.height - h) / 2,
                width: w,
                height: h,
            }
        }
        Overlay::Help | Overlay::Crisis | Overlay::Advice => area,
    };
    frame.render_widget(Clear, popup);
    let block = Block::bordered()
        .title(Span::styled(
            format!(" {} ", screens::overlays::title(overlay)),
            app.theme.title(),
        ))
        .border_style(app.theme.key());
    let bordered = block.inner(popup);
    let inner = padded(bordered);
    frame.render_widget(block, popup);
    let width = usize::from(inner.width);
    let doc = match overlay {
        Overlay::Help => {
            // Help describes the keys of what is underneath the overlay.
            let under = {
                let saved = app.overlay.take();
                let ctx = app.context();
                app.overlay = saved;
                ctx
            };
            screens::overlays::help_doc(app, under, width)
        }
        Overlay::Crisis => screens::overlays::crisis_doc(app, width),
        Overlay::Advice => advice_doc(app, width),
        Overlay::ConfirmQuit
        | Overlay::ConfirmRestart
        | Overlay::ConfirmWipe
        | Overlay::ConfirmDelete
        | Overlay::ConfirmDeleteAll => screens::overlays::confirm_doc(app, overlay, width),
    };
    // A long overlay (help at a small size, every help line) says where the reader is.
    let longer = doc.lines.len() > usize::from(inner.height) && inner.height >= 6;
    let (inner, position_row) = if longer {
        let [body, row] = split_last_row(inner);
        (body, Some(row))
    } else {
        (inner, None)
    };
    let (scroll, max) = scroll_for(&doc, usize::from(inner.height), app.scroll);
    remember_page(app, &doc, inner.height, scroll, max);
    if let Some(row) = position_row {
        let line = position_line(doc.lines.len(), usize::from(inner.height), scroll, max);
        frame.render_widget(
            Paragraph::new(Span::styled(line, app.theme.dim())).alignment(Alignment::Right),
            row,
        );
    }
    frame.render_widget(Paragraph::new(doc.lines).scroll((scroll, 0)), inner);
}

/// The screen's rows, top to bottom: header, body, status and footer. The body has its first
/// three rows first, then the header its rows, then the status and the footer a row each in
/// turn, and the body the rest: what ratatui's solver gives for `[Length(header), Min(3),
/// Length(status), Length(footer)]` (a test compares the two at every height), without
/// starting the solver before the first frame, where it cost about a tenth of a cold start.
fn stack(area: Rect, header: u16, status: u16, footer: u16) -> [Rect; 4] {
    let mut left = area.height;
    let mut take = |want: u16| {
        let got = want.min(left);
        left -= got;
        got
    };
    let body_first = take(3);
    let header = take(header);
    let (mut status_rows, mut footer_rows) = (0, 0);
    while status_rows < status || footer_rows < footer {
        if status_rows < status {
            if take(1) == 0 {
                break;
            }
            status_rows += 1;
        }
        if footer_rows < footer {
            if take(1) == 0 {
                break;
            }
            footer_rows += 1;
        }
    }
    let body = body_first + left;
    let row = |y: u16, height: u16| Rect::new(area.x, y, area.width, height);
    let body_y = area.y + header;
    let status_y = body_y + body;
    [
        row(area.y, header),
        row(body_y, body),
        row(status_y, status_rows),
        row(status_y + status_rows, footer_rows),
    ]
}

/// `area` without its last row, and that row: `[Min(1), Length(1)]` as ratatui's solver
/// gives it (a test compares them).
fn split_last_row(area: Rect) -> [Rect; 2] {
    let row = u16::from(area.height >= 2);
    let body = area.height - row;
    [
        Rect::new(area.x, area.y, area.width, body),
        Rect::new(area.x, area.y + body, area.width, row),
    ]
}

/// Whether every part of `line` is in `style` (and there is a part).
fn is_all_in_style(line: &Line, style: Style) -> bool {
    !line.spans.is_empty() && line.spans.iter().all(|span| span.style == style)
}

#[cfg(test)]
mod tests {
    use super::{position_line, split_last_row, stack};
    use ratatui::layout::{Constraint, Layout, Rect};

    #[test]
    fn the_rows_are_where_the_layout_solver_puts_them_at_every_height() {
        for height in 0..=64 {
            let area = Rect::new(3, 5, 40, height);
            for header in [1, 2] {
                for status in [0, 1, 2] {
                    for footer in [0, 1, 2, 3] {
                        let solved: [Rect; 4] = Layout::vertical([
                            Constraint::Length(header),
                            Constraint::Min(3),
                            Constraint::Length(status),
                            Constraint::Length(footer),
                        ])
                        .areas(area);
                        assert_eq!(
                            stack(area, header, status, footer),
                            solved,
                            "height {height}, header {header}, status {status}, footer {footer}"
                        );
                    }
                }
            }
            let solved: [Rect; 2] =
                Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(area);
            assert_eq!(split_last_row(area), solved, "height {height}");
        }
    }

    #[test]
    fn the_position_says_the_last_page_only_at_the_end() {
        // 30 lines, 10 on screen, so 3 pages and at most 20 lines of scroll.
        assert_eq!(
            position_line(30, 10, 0, 20),
            "\u{2193} more below \u{b7} 1/3 "
        );
        assert_eq!(
            position_line(30, 10, 5, 20),
            "\u{2193} more below \u{b7} 2/3 "
        );
        assert_eq!(
            position_line(30, 10, 19, 20),
            "\u{2193} more below \u{b7} 2/3 "
        );
        assert_eq!(position_line(30, 10, 20, 20), "end \u{b7} 3/3 ");
        assert_eq!(
            position_line(12, 10, 1, 2),
            "\u{2193} more below \u{b7} 1/2 "
        );
    }
}
