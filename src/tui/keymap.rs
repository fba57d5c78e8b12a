//! One table of keys. It feeds the footer hints, the help overlay and the README's key table,
//! so they can never disagree.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::fmt::Write as _;

/// Where the user is, as far as keys are concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// Everywhere, text fields included.
    Global,
    /// Everywhere except while typing in a text field.
    NotTyping,
    /// Lists: menus and questions.
    List,
    /// The home menu: each entry has a letter of its own that never changes.
    Menu,
    /// Everywhere back leads somewhere: lists and pages to read, not the welcome page or
    /// the home menu.
    Back,
    /// A question that takes several answers.
    Multi,
    /// Typing in a text field.
    Text,
    /// Long text to read: the result, help, crisis lines.
    Reading,
    /// A yes/no confirmation.
    Confirm,
    /// Writing in a multi-line box: Enter is a new line.
    Editor,
    /// Writing one note (after an ask, in the journal, a boundary, an edit of the script):
    /// Tab saves it, Esc leaves without saving.
    Note,
    /// The 0 to 10 readiness rulers.
    Ruler,
    /// Reading the assembled script or letter.
    Script,
    /// The welcome page: reading, plus the choice of a private session.
    Welcome,
    /// The plan for repeated "no": reading, plus writing the user's own boundary.
    Plan,
    /// The list of saved answers.
    History,
}

impl Context {
    pub fn title(self) -> &'static str {
        match self {
            Context::Global => "Everywhere",
            Context::NotTyping => "Anywhere but a text field",
            Context::List => "Lists and questions",
            Context::Menu => "The home menu",
            Context::Back => "Lists and pages with a way back",
            Context::Multi => "Questions with several answers",
            Context::Text => "Typing",
            Context::Reading => "Reading",
            Context::Confirm => "Confirming",
            Context::Editor => "Writing",
            Context::Note => "Writing a note",
            Context::Ruler => "Readiness rulers",
            Context::Script => "Your script",
            Context::Welcome => "The welcome page",
            Context::Plan => "The plan for repeated no",
            Context::History => "Saved answers",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    QuickExit,
    Crisis,
    Help,
    Quit,
    /// Leave, but ask first (Ctrl-C can be pressed by reflex).
    AskQuit,
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    /// Choose option n (1-based).
    Pick(u8),
    /// Choose the home entry with this letter.
    Letter(char),
    Toggle,
    Choose,
    Back,
    Yes,
    No,
    /// Next step (from a text box).
    Next,
    /// Previous step (from a text box).
    Prev,
    Left,
    Right,
    /// Set a ruler to this value.
    Set(u8),
    ToggleLetter,
    Edit,
    Export,
    OlderVersion,
    NewerVersion,
    /// Continue without saving anything this time.
    Private,
    /// Mark a check-in to compare (the second press compares).
    Compare,
    Delete,
    DeleteAll,
    /// Show one kind of saved entry, the next kind at each press, then all again.
    FilterKind,
    /// Show everything the draft checker found.
    Advice,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Char(char),
    Ctrl(char),
    Code(KeyCode),
    /// The digits 1 to 9.
    Digit,
    /// The digits 0 to 9.
    AnyDigit,
    /// The lowercase letters a to z.
    Letter,
}

impl Key {
    /// `None` if the key does not match; `Some(digit)` if it does (the digit for `Digit`).
    #[allow(clippy::option_option)]
    fn matches(self, event: &KeyEvent) -> Option<Option<u8>> {
        let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
        match (self, event.code) {
            (Key::Ctrl(c), KeyCode::Char(e)) if ctrl && e.eq_ignore_ascii_case(&c) => Some(None),
            (Key::Char(c), KeyCode::Char(e)) if !ctrl && e == c => Some(None),
            (Key::Digit, KeyCode::Char(e)) if !ctrl && ('1'..='9').contains(&e) => {
                Some(e.to_digit(10).and_then(|d| u8::try_from(d).ok()))
            }
            (Key::Letter, KeyCode::Char(e)) if !ctrl && e.is_ascii_lowercase() => Some(None),
            (Key::AnyDigit, KeyCode::Char(e)) if !ctrl && e.is_ascii_digit() => {
                Some(e.to_digit(10).and_then(|d| u8::try_from(d).ok()))
            }
            (Key::Code(c), code) if c == code && !ctrl => Some(None),
            _ => None,
        }
    }
}

impl Action {
    /// Whether, while reading, the action only moves the page (and so does nothing on a page
    /// that fits).
    pub fn only_scrolls(self) -> bool {
        matches!(
            self,
            Action::Up
                | Action::Down
                | Action::PageUp
                | Action::PageDown
                | Action::Top
                | Action::Bottom
                | Action::Next
                | Action::Prev
        )
    }
}

pub struct Binding {
    pub context: Context,
    pub keys: &'static [Key],
    /// How the keys are written for people: "↑/k".
    pub shown: &'static str,
    pub action: Action,
    /// Short, for the footer.
    pub hint: &'static str,
    /// Longer, for the help overlay and README.
    pub description: &'static str,
    pub in_footer: bool,
}

const fn bind(
    context: Context,
    keys: &'static [Key],
    shown: &'static str,
    action: Action,
    hint: &'static str,
    description: &'static str,
    in_footer: bool,
) -> Binding {
    Binding {
        context,
        keys,
        shown,
        action,
        hint,
        description,
        in_footer,
    }
}

use Context::{
    Back, Confirm, Editor, Global, History, List, Menu, Multi, NotTyping, Note, Plan, Reading,
    Ruler, Script, Text, Welcome,
};

/// A key described by the binding before it (`PgDn/PgUp` says what `PgUp` does): it works,
/// but has no line of its own in the footer, the help or the README.
const fn secondary(context: Context, keys: &'static [Key], action: Action) -> Binding {
    bind(context, keys, "", action, "", "", false)
}

pub static KEYMAP: &[Binding] = &[
    bind(
        Global,
        &[Key::Ctrl('q')],
        "Ctrl-Q",
        Action::QuickExit,
        "quick exit",
        "Quick exit: leave at once and clear the screen and scrollback. Your answers so far are already saved (a private session saves nothing).",
        true,
    ),
    bind(
        Global,
        &[Key::Ctrl('g')],
        "Ctrl-G",
        Action::Crisis,
        "crisis lines",
        "Crisis lines and support services, offline.",
        true,
    ),
    bind(
        Global,
        &[Key::Ctrl('c')],
        "Ctrl-C",
        Action::AskQuit,
        "quit",
        "Leave Overture (asks first).",
        false,
    ),
    bind(
        NotTyping,
        &[Key::Char('?'), Key::Code(KeyCode::F(1))],
        "?/F1",
        Action::Help,
        "help",
        "Show the keys that work here.",
        true,
    ),
    bind(
        NotTyping,
        &[Key::Char('q')],
        "q",
        Action::Quit,
        "quit",
        "Leave Overture. Everything is already saved; it asks first only if the last save failed, or in a private session, which saves nothing.",
        false,
    ),
    bind(
        List,
        &[Key::Code(KeyCode::Up), Key::Char('k')],
        "↑/k",
        Action::Up,
        "up",
        "Move up.",
        false,
    ),
    bind(
        List,
        &[Key::Code(KeyCode::Down), Key::Char('j')],
        "↓/j",
        Action::Down,
        "down",
        "Move down.",
        false,
    ),
    bind(
        List,
        &[Key::Digit],
        "1-9",
        Action::Pick(0),
        "pick",
        "Pick an option by its number.",
        true,
    ),
    bind(
        List,
        &[Key::Code(KeyCode::Enter)],
        "Enter",
        Action::Choose,
        "choose",
        "Choose the highlighted option (on a question with several answers: go on).",
        true,
    ),
    bind(
        List,
        &[Key::Code(KeyCode::PageDown)],
        "PgDn/PgUp",
        Action::PageDown,
        "page",
        "Move down (PgDn) or up (PgUp) a page of the list.",
        false,
    ),
    secondary(List, &[Key::Code(KeyCode::PageUp)], Action::PageUp),
    bind(
        List,
        &[Key::Code(KeyCode::Home), Key::Char('g')],
        "Home/End",
        Action::Top,
        "first/last",
        "Move to the first (Home or g) or the last (End or G) entry.",
        false,
    ),
    secondary(
        List,
        &[Key::Code(KeyCode::End), Key::Char('G')],
        Action::Bottom,
    ),
    bind(
        Back,
        &[Key::Code(KeyCode::Esc), Key::Code(KeyCode::Backspace)],
        "Esc/Bksp",
        Action::Back,
        "back",
        "Go back: one step, or close what you are reading. Your answers are kept.",
        true,
    ),
    bind(
        Menu,
        &[Key::Code(KeyCode::Up), Key::Char('k')],
        "↑/k",
        Action::Up,
        "up",
        "Move up.",
        false,
    ),
    bind(
        Menu,
        &[Key::Code(KeyCode::Down), Key::Char('j')],
        "↓/j",
        Action::Down,
        "down",
        "Move down.",
        false,
    ),
    bind(
        Menu,
        &[Key::Letter],
        // Not "letter": beside "open" it read as "open the letter", one of the app's pages.
        "a-z",
        Action::Letter(' '),
        "open",
        "Open the entry with that letter; each entry keeps its letter whatever else is shown.",
        true,
    ),
    bind(
        Menu,
        &[Key::Code(KeyCode::Enter)],
        "Enter",
        Action::Choose,
        "choose",
        "Open the highlighted entry.",
        true,
    ),
    bind(
        Multi,
        &[Key::Char(' ')],
        "Space",
        Action::Toggle,
        "tick",
        "Tick or untick the highlighted answer.",
        true,
    ),
    bind(
        Text,
        &[Key::Code(KeyCode::Enter)],
        "Enter",
        Action::Choose,
        "done",
        "Use what you typed.",
        true,
    ),
    bind(
        Text,
        &[Key::Code(KeyCode::Esc)],
        "Esc",
        Action::Back,
        "cancel",
        "Leave the text field without using it.",
        true,
    ),
    bind(
        Reading,
        &[Key::Code(KeyCode::Up), Key::Char('k')],
        "↑/k",
        Action::Up,
        "scroll",
        "Scroll up.",
        true,
    ),
    bind(
        Reading,
        &[Key::Code(KeyCode::Down), Key::Char('j')],
        "↓/j",
        Action::Down,
        "scroll down",
        "Scroll down.",
        false,
    ),
    bind(
        Reading,
        &[Key::Code(KeyCode::PageUp), Key::Char('b')],
        "PgUp/b",
        Action::PageUp,
        "page up",
        "Scroll up a page.",
        false,
    ),
    bind(
        Reading,
        &[Key::Code(KeyCode::PageDown), Key::Char(' ')],
        "PgDn/Space",
        Action::PageDown,
        "page",
        "Scroll down a page.",
        true,
    ),
    bind(
        Reading,
        &[Key::Code(KeyCode::Home), Key::Char('g')],
        "Home/g",
        Action::Top,
        "top",
        "Go to the top.",
        false,
    ),
    bind(
        Reading,
        &[Key::Code(KeyCode::End), Key::Char('G')],
        "End/G",
        Action::Bottom,
        "end",
        "Go to the end.",
        false,
    ),
    bind(
        Reading,
        &[Key::Code(KeyCode::Tab)],
        "Tab",
        Action::Next,
        "next section",
        "Jump to the next section (Shift-Tab: the one before); from the last, back to the top.",
        true,
    ),
    secondary(Reading, &[Key::Code(KeyCode::BackTab)], Action::Prev),
    bind(
        Reading,
        &[Key::Code(KeyCode::Enter)],
        "Enter",
        Action::Choose,
        "continue",
        "Continue (on the welcome page), or close what you are reading.",
        true,
    ),
    bind(
        Confirm,
        &[Key::Char('y'), Key::Char('Y')],
        "y",
        Action::Yes,
        "yes",
        "Yes.",
        true,
    ),
    bind(
        Confirm,
        &[Key::Char('n'), Key::Char('N'), Key::Code(KeyCode::Esc)],
        "n/Esc",
        Action::No,
        "no",
        "No, go back.",
        true,
    ),
    bind(
        Editor,
        &[Key::Code(KeyCode::Tab)],
        "Tab",
        Action::Next,
        "next step",
        "Keep what you wrote and go to the next step.",
        true,
    ),
    bind(
        Editor,
        &[Key::Code(KeyCode::BackTab)],
        "Shift-Tab",
        Action::Prev,
        "previous",
        "Go back a step. What you wrote is kept.",
        true,
    ),
    bind(
        Editor,
        &[Key::Code(KeyCode::PageDown)],
        "PgDn/PgUp",
        Action::PageDown,
        "guidance",
        "Scroll the guidance above the text box down.",
        true,
    ),
    secondary(Editor, &[Key::Code(KeyCode::PageUp)], Action::PageUp),
    bind(
        Editor,
        &[Key::Code(KeyCode::Esc)],
        "Esc",
        Action::Back,
        "leave",
        "Leave the rehearsal for now; what you wrote is kept. In a builder: back one blank, and from the first, leave without saving.",
        true,
    ),
    bind(
        Note,
        &[Key::Code(KeyCode::Tab)],
        "Tab",
        Action::Next,
        "save",
        "Save what you wrote.",
        true,
    ),
    bind(
        Note,
        &[Key::Code(KeyCode::Esc)],
        "Esc",
        Action::Back,
        "back",
        "Close without saving. If you wrote something, Esc asks first.",
        true,
    ),
    bind(
        Note,
        &[Key::Code(KeyCode::PageDown)],
        "PgDn/PgUp",
        Action::PageDown,
        "guidance",
        "Scroll the guidance above the text box.",
        false,
    ),
    secondary(Note, &[Key::Code(KeyCode::PageUp)], Action::PageUp),
    bind(
        Editor,
        &[Key::Code(KeyCode::F(2))],
        "F2",
        Action::Advice,
        "all advice",
        "Show everything the checker found in what you wrote, in a page you can scroll.",
        false,
    ),
    bind(
        Note,
        &[Key::Code(KeyCode::F(2))],
        "F2",
        Action::Advice,
        "all advice",
        "Show everything the checker found in what you wrote, in a page you can scroll.",
        false,
    ),
    bind(
        Note,
        &[Key::Code(KeyCode::F(1))],
        "F1",
        Action::Help,
        "help",
        "Show the keys that work here (? types a question mark).",
        true,
    ),
    bind(
        Editor,
        &[Key::Code(KeyCode::F(1))],
        "F1",
        Action::Help,
        "help",
        "Show the keys that work here (? types a question mark).",
        true,
    ),
    bind(
        Ruler,
        &[Key::Code(KeyCode::Left), Key::Char('h')],
        "←→/hl",
        Action::Left,
        "change",
        "Lower the number (→ or l raises it).",
        true,
    ),
    secondary(
        Ruler,
        &[Key::Code(KeyCode::Right), Key::Char('l')],
        Action::Right,
    ),
    bind(
        Ruler,
        &[Key::AnyDigit],
        "0-9",
        Action::Set(0),
        "set",
        "Set the number directly (1 then 0, or →, for 10).",
        true,
    ),
    bind(
        Ruler,
        &[
            Key::Code(KeyCode::Up),
            Key::Code(KeyCode::Down),
            Key::Char('k'),
            Key::Char('j'),
        ],
        "↑↓",
        Action::Down,
        "other ruler",
        "Switch between the two rulers.",
        true,
    ),
    bind(
        Ruler,
        &[Key::Code(KeyCode::Enter)],
        "Enter",
        Action::Choose,
        "go on",
        "Keep these numbers and go on.",
        true,
    ),
    bind(
        Ruler,
        &[Key::Code(KeyCode::Esc)],
        "Esc",
        Action::Back,
        "leave",
        "Leave for now; you can continue later.",
        true,
    ),
    bind(
        Script,
        &[Key::Char('l')],
        "l",
        Action::ToggleLetter,
        "letter/script",
        "Switch between the script and the same words as a letter.",
        true,
    ),
    bind(
        Script,
        &[Key::Char('e')],
        "e",
        Action::Edit,
        "edit",
        "Edit the text; your edit is kept as a new dated version.",
        true,
    ),
    bind(
        Script,
        &[Key::Char('x')],
        "x",
        Action::Export,
        "export",
        "Write it to a file you name (Markdown). Nothing is written unless you ask.",
        true,
    ),
    bind(
        Script,
        &[Key::Char('[')],
        "[ ]",
        Action::OlderVersion,
        "versions",
        "Read an earlier version ([) or a later one (]).",
        true,
    ),
    secondary(Script, &[Key::Char(']')], Action::NewerVersion),
    bind(
        Welcome,
        &[Key::Char('p')],
        "p",
        Action::Private,
        "private session",
        "Begin a private session: nothing you answer is saved, this time only.",
        true,
    ),
    bind(
        Plan,
        &[Key::Char('e')],
        "e",
        Action::Edit,
        "write your boundary",
        "Write (or rewrite) your own boundary; every version is kept.",
        true,
    ),
    bind(
        History,
        &[Key::Char('c')],
        "c",
        Action::Compare,
        "compare",
        "Mark a check-in, then press c on another to compare the two.",
        true,
    ),
    bind(
        History,
        &[Key::Char('d')],
        "d",
        Action::Delete,
        "delete",
        "Delete the highlighted snapshot (asks first).",
        true,
    ),
    bind(
        History,
        &[Key::Char('f')],
        "f",
        Action::FilterKind,
        "kind",
        "Show one kind of entry (check-ins, rehearsals, asks, reviews, journal), the next at each press, then all again.",
        true,
    ),
    bind(
        History,
        &[Key::Char('D')],
        "D",
        Action::DeleteAll,
        "delete all",
        "Delete every saved answer (asks first, and says what a delete cannot reach).",
        false,
    ),
];

/// The contexts that apply, most specific first.
pub fn active(context: Context) -> Vec<Context> {
    match context {
        Context::Multi => vec![Multi, List, Back, NotTyping, Global],
        Context::List | Context::Reading => vec![context, Back, NotTyping, Global],
        Context::Menu => vec![Menu, NotTyping, Global],
        Context::Text => vec![Text, Global],
        Context::Confirm => vec![Confirm, Global],
        Context::Editor => vec![Editor, Global],
        Context::Note => vec![Note, Global],
        Context::Script => vec![Script, Reading, Back, NotTyping, Global],
        Context::Welcome => vec![Welcome, Reading, NotTyping, Global],
        Context::Plan => vec![Plan, Reading, Back, NotTyping, Global],
        Context::History => vec![History, List, Back, NotTyping, Global],
        Context::Global => vec![Global],
        other => vec![other, NotTyping, Global],
    }
}

/// The action a key has in this context, if any.
pub fn lookup(context: Context, event: &KeyEvent) -> Option<Action> {
    for ctx in active(context) {
        for binding in KEYMAP.iter().filter(|b| b.context == ctx) {
            for key in binding.keys {
                if let Some(digit) = key.matches(event) {
                    return Some(match (binding.action, digit) {
                        (Action::Pick(_), Some(n)) => Action::Pick(n),
                        (Action::Set(_), Some(n)) => Action::Set(n),
                        (Action::Letter(_), _) => match event.code {
                            KeyCode::Char(c) => Action::Letter(c),
                            _ => Action::Letter(' '),
                        },
                        (action, _) => action,
                    });
                }
            }
        }
    }
    None
}

/// The bindings to show in this context, most specific first.
pub fn bindings(context: Context) -> Vec<&'static Binding> {
    active(context)
        .into_iter()
        .flat_map(|ctx| KEYMAP.iter().filter(move |b| b.context == ctx))
        .collect()
}

/// The README's key table, generated from the keymap.
pub fn markdown_table() -> String {
    let mut out = String::from("| Where | Key | What it does |\n|---|---|---|\n");
    for b in KEYMAP.iter().filter(|b| !b.shown.is_empty()) {
        let _ = writeln!(
            out,
            "| {} | `{}` | {} |",
            b.context.title(),
            b.shown,
            b.description
        );
    }
    out
}
