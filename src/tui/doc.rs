//! A screen body as pre-wrapped lines, with the lines of the focused item known so the view
//! can scroll to keep it visible.

use super::text::{width, wrap};
use ratatui::style::Style;
use ratatui::text::{Line, Span};

pub struct Doc {
    pub width: usize,
    pub lines: Vec<Line<'static>>,
    /// First and last line of the focused item.
    pub focus: Option<(usize, usize)>,
    /// The last line worth keeping on screen with the focus (the end of a list).
    pub keep_visible: Option<usize>,
    /// A line that matters more than `keep_visible` (a question above its options): the
    /// view scrolls past it only as far as the focus itself needs.
    pub hold_top: Option<usize>,
    /// The first line of each section (a heading), for jumping from one to the next.
    pub sections: Vec<usize>,
}

impl Doc {
    pub fn new(width: usize) -> Self {
        Doc {
            width: width.max(1),
            lines: Vec::new(),
            focus: None,
            keep_visible: None,
            hold_top: None,
            sections: Vec::new(),
        }
    }

    /// Marks the next line as the start of a section.
    pub fn section(&mut self) {
        self.sections.push(self.lines.len());
    }

    pub fn blank(&mut self) {
        self.lines.push(Line::default());
    }

    pub fn para(&mut self, text: &str, style: Style) {
        for line in wrap(text, self.width) {
            self.lines.push(Line::from(Span::styled(line, style)));
        }
    }

    /// A paragraph whose first line starts with `prefix` and whose other lines are indented
    /// to line up under the text.
    pub fn hanging(&mut self, prefix: &str, prefix_style: Style, text: &str, style: Style) {
        let mut indent = width(prefix);
        let mut first = Span::styled(prefix.to_string(), prefix_style);
        // A long prefix (the checker quoting a whole sentence) on a narrow screen would leave
        // the text a column a few letters wide: the prefix gets lines of its own instead, and
        // the text follows under it, indented by two.
        if indent > self.width / 3 {
            for line in wrap(prefix.trim_end(), self.width.max(1)) {
                self.lines
                    .push(Line::from(Span::styled(line, prefix_style)));
            }
            indent = 2;
            first = Span::raw("  ");
        }
        let inner = self.width.saturating_sub(indent).max(1);
        for (i, line) in wrap(text, inner).into_iter().enumerate() {
            let lead = if i == 0 {
                first.clone()
            } else {
                Span::raw(" ".repeat(indent))
            };
            self.lines
                .push(Line::from(vec![lead, Span::styled(line, style)]));
        }
    }

    pub fn bullet(&mut self, text: &str, style: Style) {
        self.hanging("- ", style, text, style);
    }

    /// A list item; `focused` items get a `>` marker and are kept on screen.
    pub fn item(&mut self, focused: bool, label: &str, text: &str, style: Style) {
        let start = self.lines.len();
        let prefix = format!("{} {label} ", if focused { ">" } else { " " });
        self.hanging(&prefix, style, text, style);
        if focused {
            self.focus = Some((start, self.lines.len().saturating_sub(1)));
        }
        self.keep_visible = Some(self.lines.len().saturating_sub(1));
    }

    pub fn push(&mut self, line: Line<'static>) {
        self.lines.push(line);
    }
}
