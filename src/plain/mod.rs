//! The plain front end: the whole app as a line-by-line conversation.
//!
//! No alternate screen, no cursor movement, no colours, no box drawing: every line is printed
//! once, in order, so it works with a screen reader, over a slow link, in a `TERM=dumb`
//! terminal, and with answers piped in by a script. Options are answered by number; `back`,
//! `help`, `resources` and `quit` work at every prompt; the end of input leaves (everything is
//! already saved). The rules are the core's (`core::session`, `core::flow`, `core::report`),
//! the same as the TUI's.

mod after;
mod history;
pub mod input;
mod rehearse;
pub mod secret;
mod settings;
/// The shared words of longer texts (result, welcome, crisis lines, summary), as plain mode
/// has always offered them.
pub use crate::pages::text;

use crate::content::{Content, Pronouns, QuestionKind, Voice, render};
use crate::core::flow::{Current, Flow, FlowError};
use crate::core::record::{Movement, SavedData};
use crate::core::session::{self, HomeItem, PARTNER_WORDS, PartnerWordError};
use crate::pages::{Block, Hint, Page, Tone, Words};
use crate::store::{Store, StoreError};
use input::{Command, NumbersError};
use jiff::Timestamp;
use std::collections::BTreeMap;
use std::io::{self, BufRead, Write};

/// Where answers are kept, in words, after everything was deleted.
const PRIVATE_LOCATION: &str = "Everything Overture saved was deleted. From now on this is a private session: nothing you answer is saved.";

/// How the conversation ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// The user typed `quit` or chose Quit.
    Quit,
    /// The input ended.
    EndOfInput,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    Welcome,
    Partner,
    /// The pronouns, with the ones to choose on an empty line.
    Pronouns(Pronouns),
    Home,
    Question,
    /// A finished check-in, by index into `data.assessments`.
    Result(usize),
    /// The rehearsal and its script.
    Rehearsal(rehearse::At),
    /// The log, the plan, the timeline, the doors, the solo work, the summary export.
    After(after::At),
    /// Saved answers: revisit, compare, delete.
    History(history::At),
    Settings(settings::At),
}

/// An answer to a yes-or-no question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum YesNo {
    Yes,
    No,
    /// `quit`, or the end of input.
    Leave(Ending),
}

/// What a line led to.
enum Next {
    Stay,
    Leave(Ending),
}

/// The plain app: the saved data, the store (or none, for a private session) and where the
/// user is.
// Each flag is one independent toggle of what a place shows; an enum would only rename them.
#[allow(clippy::struct_excessive_bools)]
pub struct Plain {
    content: Content,
    data: SavedData,
    store: Option<Store>,
    clock: fn() -> Timestamp,
    location: String,
    notices: Vec<String>,
    unsaved: bool,
    flow: Option<Flow>,
    place: Place,
    /// The check-in questions on screen are the short safety re-check before a rehearsal.
    recheck: bool,
    /// The two readiness rulers being set.
    ruler: [u8; 2],
    /// What the text of the rehearsal stage on screen held when it was opened.
    written: Option<String>,
    /// The script is read as a letter.
    letter: bool,
    /// The script version read, counted back from the latest (0 = the latest).
    versions_back: usize,
    /// The blanks of a builder filled so far.
    blanks: Vec<String>,
    /// The movement check being answered.
    movement: BTreeMap<String, Movement>,
    /// The timeline lists window lengths for a new window.
    choosing_window: bool,
    /// The first row of the saved answers listed.
    history_from: usize,
    /// Where relative export paths go (`None`: the working directory). Tests set it.
    export_dir: Option<std::path::PathBuf>,
    /// Input comes from a terminal: a passphrase is typed with echo off.
    hidden_typing: bool,
    /// Everything saved was deleted from inside this session (nothing is written since).
    wiped: bool,
}

impl Plain {
    /// Starts over loaded data. `store` is `None` for a session that writes nothing.
    pub fn new(content: Content, data: SavedData, store: Option<Store>) -> Self {
        let place = if data.profile.is_some() {
            Place::Home
        } else {
            Place::Welcome
        };
        Plain {
            content,
            data,
            store,
            clock: Timestamp::now,
            location: String::new(),
            notices: Vec::new(),
            unsaved: false,
            flow: None,
            place,
            recheck: false,
            ruler: [5, 5],
            written: None,
            letter: false,
            versions_back: 0,
            blanks: Vec::new(),
            movement: BTreeMap::new(),
            choosing_window: false,
            history_from: 0,
            export_dir: None,
            hidden_typing: false,
            wiped: false,
        }
    }

    /// Input comes from a terminal, so passphrases are typed without being shown. (From a
    /// pipe there is nothing to hide them from.)
    #[must_use]
    pub fn with_hidden_typing(mut self, from_terminal: bool) -> Self {
        self.hidden_typing = from_terminal;
        self
    }

    /// Relative export paths go under `dir` instead of the working directory.
    #[must_use]
    pub fn with_export_dir(mut self, dir: std::path::PathBuf) -> Self {
        self.export_dir = Some(dir);
        self
    }

    /// A fixed clock, for tests.
    #[must_use]
    pub fn with_clock(mut self, clock: fn() -> Timestamp) -> Self {
        self.clock = clock;
        self
    }

    /// Says where answers are kept (or that nothing is written), for the welcome.
    #[must_use]
    pub fn with_location(mut self, location: String) -> Self {
        self.location = location;
        self
    }

    /// A warning to print before anything else (for example: the data file could not be read).
    #[must_use]
    pub fn with_notice(mut self, notice: String) -> Self {
        self.notices.push(notice);
        self
    }

    pub fn data(&self) -> &SavedData {
        &self.data
    }

    /// Runs the conversation until the user leaves or the input ends.
    pub fn run(&mut self, input: &mut impl BufRead, out: &mut impl Write) -> io::Result<Ending> {
        for notice in std::mem::take(&mut self.notices) {
            line(out, &format!("Warning: {notice}"))?;
        }
        self.show(out)?;
        loop {
            self.prompt(out)?;
            out.flush()?;
            let Some(typed) = input::read_line(input)? else {
                line(out, "")?;
                line(out, "End of input.")?;
                self.goodbye(out)?;
                return Ok(Ending::EndOfInput);
            };
            if let Next::Leave(ending) = self.handle(&typed, input, out)? {
                return Ok(ending);
            }
        }
    }

    fn voice(&self) -> Voice {
        session::voice(&self.data)
    }

    fn today(&self) -> jiff::civil::Date {
        text::local_date((self.clock)())
    }

    /// The file a typed export path names.
    fn export_target(&self, typed: &str) -> std::path::PathBuf {
        crate::export::target(self.export_dir.as_deref(), typed)
    }

    /// Prints a page: each block as lines, hints as plain mode words them, crisis lines in
    /// full.
    fn page(&self, out: &mut impl Write, page: &Page) -> io::Result<()> {
        for (l, own) in tagged_page_lines(page, &self.content, &self.data) {
            if own {
                own_line(out, &l)?;
            } else {
                line(out, &l)?;
            }
        }
        Ok(())
    }

    fn crisis_lines(&self, out: &mut impl Write) -> io::Result<()> {
        for l in crisis_lines(&self.content, &self.data) {
            line(out, &l)?;
        }
        Ok(())
    }

    /// Saves, and says so only if it failed (for changes the user did not type: where a
    /// rehearsal stopped, say).
    fn persist_quietly(&mut self, out: &mut impl Write) -> io::Result<()> {
        let saved = self.persist();
        if self.unsaved {
            line(out, saved.trim())?;
        }
        Ok(())
    }

    fn render(&self, text: &str) -> String {
        render(text, &self.voice())
    }

    // ----- showing -----

    /// Prints where the user is now, in full.
    fn show(&self, out: &mut impl Write) -> io::Result<()> {
        line(out, "")?;
        match self.place {
            Place::Welcome => {
                for l in text::welcome(&self.content, &self.voice(), &self.location) {
                    line(out, &l)?;
                }
                line(out, "")?;
                line(
                    out,
                    "At every prompt you can type back, help, resources (crisis lines) or quit.",
                )
            }
            Place::Partner => self.show_partner(out),
            Place::Pronouns(suggested) => {
                line(
                    out,
                    &format!("Which pronouns fit your {}?", self.voice().partner),
                )?;
                line(out, "Overture will use them in every sentence.")?;
                for (i, p) in Pronouns::ALL.iter().enumerate() {
                    let mark = if *p == suggested { " (suggested)" } else { "" };
                    line(out, &format!("  {}. {}{mark}", i + 1, p.label()))?;
                }
                Ok(())
            }
            Place::Home => self.show_home(out),
            Place::Question => self.show_question(out),
            Place::Result(index) => {
                let Some(record) = self.data.assessments.get(index) else {
                    return line(out, "That result is no longer saved.");
                };
                line(out, "Your result")?;
                line(out, "")?;
                for l in text::result(
                    &self.content,
                    &self.data,
                    record,
                    &self.voice(),
                    text::Layout::Plain,
                ) {
                    line(out, &l)?;
                }
                line(out, "")?;
                if crate::core::report::shows_crisis_lines(&self.data, record) {
                    // The lines that fit this path first; `resources` lists every line.
                    let mut page = crate::pages::Page::new();
                    page.crisis_lines(&self.data);
                    self.page(out, &page)
                } else {
                    // The disclaimer just above already says how to reach the lines.
                    Ok(())
                }
            }
            Place::Rehearsal(at) => self.show_rehearsal(at, out),
            Place::After(at) => self.show_after(at, out),
            Place::History(at) => self.show_history(at, out),
            Place::Settings(at) => self.show_settings(at, out),
        }
    }

    fn show_partner(&self, out: &mut impl Write) -> io::Result<()> {
        line(out, "How should Overture refer to your partner?")?;
        line(
            out,
            "Every sentence will use this word. You can change it later from the home menu.",
        )?;
        let current = self.data.profile.as_ref().map(|p| p.voice.partner.as_str());
        for (i, word) in PARTNER_WORDS.iter().enumerate() {
            let mark = if current == Some(word) { " (now)" } else { "" };
            line(out, &format!("  {}. {word}{mark}", i + 1))?;
        }
        let own = current
            .filter(|c| !PARTNER_WORDS.contains(c))
            .map_or_else(String::new, |w| format!(" (now: {w})"));
        line(
            out,
            &format!(
                "  {}. another word, typed by you{own}",
                PARTNER_WORDS.len() + 1
            ),
        )
    }

    fn show_home(&self, out: &mut impl Write) -> io::Result<()> {
        line(out, "Home")?;
        let voice = self.voice();
        for l in crate::pages::after::home_status(Words::new(&self.content, &voice), &self.data) {
            line(out, &l)?;
        }
        if let Some(status) = crate::pages::after::timeline_status(&self.data, self.today()) {
            line(out, &status)?;
        }
        line(out, "What would you like to do?")?;
        let labels: Vec<String> = session::home_items(&self.data)
            .into_iter()
            .map(|item| session::home_label(&self.content, &self.data, item))
            .collect();
        options(out, &labels)
    }

    fn show_question(&self, out: &mut impl Write) -> io::Result<()> {
        let Some(Current::Question {
            question,
            number_in_section,
            section_len,
            starts_section,
        }) = self.flow.as_ref().map(|f| f.current(&self.content))
        else {
            return Ok(());
        };
        let sections = &self.content.questionnaire.sections;
        let part = sections
            .iter()
            .position(|s| s.id == question.section)
            .map_or(0, |i| i + 1);
        if let Some(section) = self.content.section(&question.section) {
            if starts_section {
                // The re-check is the safety part alone: no "part 1 of 6".
                let heading = if self.recheck {
                    self.render(&section.title)
                } else {
                    format!(
                        "Part {part} of {}: {}",
                        sections.len(),
                        self.render(&section.title)
                    )
                };
                line(out, &heading)?;
                line(out, &self.render(&section.intro))?;
                line(out, "")?;
            }
            line(
                out,
                &format!(
                    "{} \u{2014} question {number_in_section} of {section_len}",
                    self.render(&section.title)
                ),
            )?;
        }
        line(out, &self.render(&question.text))?;
        if let Some(help) = &question.help {
            line(out, &self.render(help))?;
        }
        for (i, option) in question.options.iter().enumerate() {
            line(out, &format!("  {}. {}", i + 1, self.render(&option.label)))?;
        }
        if let Some(before) = self.previous_answer() {
            line(
                out,
                &format!("You answered before: {before}. Press Enter to keep it."),
            )?;
        }
        Ok(())
    }

    /// The earlier answer to the question on screen, as "2. Not sure".
    fn previous_answer(&self) -> Option<String> {
        let flow = self.flow.as_ref()?;
        let Current::Question { question, .. } = flow.current(&self.content) else {
            return None;
        };
        let keys = flow.answers.get(&question.id).filter(|k| !k.is_empty())?;
        let shown: Vec<String> = question
            .options
            .iter()
            .enumerate()
            .filter(|(_, o)| keys.contains(&o.key))
            .map(|(i, o)| format!("{}. {}", i + 1, self.render(&o.label)))
            .collect();
        Some(shown.join(", "))
    }

    /// Whether the prompt is for the user's own words (or a file name), not a choice.
    fn writing(&self) -> bool {
        match self.place {
            Place::Rehearsal(rehearse::At::Stage(stage)) => stage.has_text(),
            Place::Rehearsal(rehearse::At::Edit(_) | rehearse::At::Export(_)) => true,
            Place::After(at) => after::At::is_writing(at),
            _ => false,
        }
    }

    /// The line that asks for input, ending in a newline so every line stands alone.
    fn prompt(&self, out: &mut impl Write) -> io::Result<()> {
        let text = match self.place {
            Place::Welcome => "Press Enter to begin, or type quit to leave.".to_string(),
            Place::Partner => format!(
                "Type a number from 1 to {}, then Enter:",
                PARTNER_WORDS.len() + 1
            ),
            Place::Pronouns(suggested) => format!(
                "Press Enter for {}, or type a number from 1 to {}:",
                suggested.label(),
                Pronouns::ALL.len()
            ),
            Place::Home => format!(
                "Type a number from 1 to {}, then Enter:",
                session::home_items(&self.data).len()
            ),
            Place::Question => match self.current_question() {
                Some((QuestionKind::Multi, n)) => format!(
                    "Type the numbers of all that apply (1 to {n}), separated by spaces or commas, then Enter:"
                ),
                Some((QuestionKind::Single, n)) => {
                    format!("Type a number from 1 to {n}, then Enter:")
                }
                None => String::new(),
            },
            Place::Result(_) => "Press Enter for the home menu.".to_string(),
            Place::Rehearsal(at) => self.prompt_rehearsal(at),
            Place::After(at) => self.prompt_after(at),
            Place::History(at) => self.prompt_history(at),
            Place::Settings(at) => self.prompt_settings(at),
        };
        line(out, &text)
    }

    fn current_question(&self) -> Option<(QuestionKind, usize)> {
        match self.flow.as_ref()?.current(&self.content) {
            Current::Question { question, .. } => Some((question.kind, question.options.len())),
            Current::Finished => None,
        }
    }

    fn help(&self, out: &mut impl Write) -> io::Result<()> {
        line(out, "")?;
        match self.place {
            Place::Welcome => line(out, "Press Enter on an empty line to begin.")?,
            Place::Result(_) => line(out, "Press Enter on an empty line to go to the home menu.")?,
            Place::Pronouns(_) => line(
                out,
                "Type the number of the pronouns that fit, or press Enter for the suggested ones.",
            )?,
            Place::Question
                if self.current_question().map(|q| q.0) == Some(QuestionKind::Multi) =>
            {
                line(
                    out,
                    "Type the numbers of every answer that applies, separated by spaces or commas, for example: 2 5",
                )?;
            }
            Place::Partner | Place::Home | Place::Question | Place::Settings(_) => {
                line(out, "Type the number of your choice and press Enter.")?;
            }
            Place::Rehearsal(at) => Self::help_rehearsal(at, out)?,
            Place::After(at) => self.help_after(at, out)?,
            Place::History(at) => Self::help_history(at, out)?,
        }
        if self.place == Place::Question && self.previous_answer().is_some() {
            line(
                out,
                "Press Enter on an empty line to keep the answer you gave before.",
            )?;
        }
        line(out, "These words work at every prompt:")?;
        line(out, "  back: go back one step (your answers are kept)")?;
        line(out, "  help: show this")?;
        line(out, "  resources: crisis lines and support services")?;
        let quit = if self.store.is_some() {
            "  quit: leave Overture (everything you answered is already saved)"
        } else {
            "  quit: leave Overture (this private session writes nothing)"
        };
        line(out, quit)
    }

    /// Reads "yes" or "no" (or y / n); asks again otherwise. `resources` shows the crisis lines
    /// and `help` says what is asked, then it asks again; `back` is a no; `quit` and the end
    /// of input leave.
    fn yes_or_no(&self, input: &mut impl BufRead, out: &mut impl Write) -> io::Result<YesNo> {
        loop {
            out.flush()?;
            let Some(typed) = input::read_line(input)? else {
                return Ok(YesNo::Leave(Ending::EndOfInput));
            };
            match Command::parse(&typed) {
                Some(Command::Resources) => {
                    line(out, "")?;
                    line(out, "Crisis lines and support")?;
                    self.crisis_lines(out)?;
                    line(out, "")?;
                    line(out, "Type yes or no:")?;
                    continue;
                }
                Some(Command::Help) => {
                    line(
                        out,
                        "Type yes to go ahead, or no to leave everything as it is. Type yes or no:",
                    )?;
                    continue;
                }
                Some(Command::Quit) => return Ok(YesNo::Leave(Ending::Quit)),
                Some(Command::Back) => return Ok(YesNo::No),
                None => {}
            }
            match typed.trim().to_lowercase().as_str() {
                "yes" | "y" => return Ok(YesNo::Yes),
                "no" | "n" => return Ok(YesNo::No),
                _ => line(out, "Please type yes or no:")?,
            }
        }
    }

    /// Leaves from inside a question (a yes or no, say): everything is saved.
    fn leave(&self, ending: Ending, out: &mut impl Write) -> io::Result<Next> {
        match ending {
            Ending::EndOfInput => self.end_of_input(out),
            Ending::Quit => {
                self.goodbye(out)?;
                Ok(Next::Leave(Ending::Quit))
            }
        }
    }

    /// The input ended in the middle of a question: everything is saved; leave.
    fn end_of_input(&self, out: &mut impl Write) -> io::Result<Next> {
        line(out, "")?;
        line(out, "End of input.")?;
        self.goodbye(out)?;
        Ok(Next::Leave(Ending::EndOfInput))
    }

    fn goodbye(&self, out: &mut impl Write) -> io::Result<()> {
        let text = if self.unsaved {
            "Leaving Overture. Your last answer could not be saved."
        } else if self.wiped {
            "Leaving Overture. What it had saved was deleted, and nothing was written since."
        } else if self.store.is_none() {
            "Leaving Overture. This was a private session: nothing was written."
        } else {
            "Leaving Overture. Everything you answered is saved."
        };
        line(out, text)?;
        out.flush()
    }

    // ----- input -----

    fn handle(
        &mut self,
        typed: &str,
        input: &mut impl BufRead,
        out: &mut impl Write,
    ) -> io::Result<Next> {
        // Where the user writes their own words, only the whole words are commands: a first
        // line of "q" or "?" is writing, not quitting or asking for help.
        let command = if self.writing() {
            Command::parse_word(typed)
        } else {
            Command::parse(typed)
        };
        if let Some(command) = command {
            return self.command(command, input, out);
        }
        if let Place::Rehearsal(at) = self.place {
            return self.handle_rehearsal(at, typed, input, out);
        }
        if let Place::After(at) = self.place {
            return self.handle_after(at, typed, input, out);
        }
        if let Place::History(at) = self.place {
            return self.handle_history(at, typed, input, out);
        }
        if let Place::Settings(at) = self.place {
            return self.handle_settings(at, typed, input, out);
        }
        let typed = typed.trim();
        match self.place {
            Place::Welcome => {
                if typed.is_empty() {
                    self.go(Place::Partner, out)?;
                } else {
                    line(out, "Press Enter on an empty line to begin.")?;
                }
            }
            Place::Result(_) => {
                if typed.is_empty() {
                    self.go(Place::Home, out)?;
                } else {
                    line(out, "Press Enter on an empty line for the home menu.")?;
                }
            }
            Place::Partner => {
                if let Some(i) = pick(typed, PARTNER_WORDS.len() + 1, out)? {
                    if let Some(word) = PARTNER_WORDS.get(i) {
                        self.choose_partner_word(word, out)?;
                    } else {
                        return self.own_word(input, out);
                    }
                }
            }
            Place::Pronouns(suggested) => {
                let chosen = if typed.is_empty() {
                    Some(suggested)
                } else {
                    pick(typed, Pronouns::ALL.len(), out)?
                        .and_then(|i| Pronouns::ALL.get(i).copied())
                };
                if let Some(pronouns) = chosen {
                    self.choose_pronouns(pronouns, out)?;
                }
            }
            Place::Home => {
                let items = session::home_items(&self.data);
                if let Some(item) = pick(typed, items.len(), out)?.and_then(|i| items.get(i)) {
                    return self.home(*item, input, out);
                }
            }
            Place::Question => self.answer(typed, out)?,
            Place::Rehearsal(_) | Place::After(_) | Place::History(_) | Place::Settings(_) => {}
        }
        Ok(Next::Stay)
    }

    fn command(
        &mut self,
        command: Command,
        input: &mut impl BufRead,
        out: &mut impl Write,
    ) -> io::Result<Next> {
        match command {
            Command::Help => self.help(out)?,
            Command::Resources => {
                line(out, "")?;
                line(out, "Crisis lines and support")?;
                self.crisis_lines(out)?;
                line(out, "")?;
                line(out, "Back to where you were.")?;
                self.show(out)?;
            }
            Command::Back => self.back(out)?,
            Command::Quit => return self.quit(input, out),
        }
        Ok(Next::Stay)
    }

    fn quit(&mut self, input: &mut impl BufRead, out: &mut impl Write) -> io::Result<Next> {
        if self.unsaved {
            line(
                out,
                "Your last answer could not be saved. If you leave now, it is lost. Leave anyway? Type yes or no:",
            )?;
            if self.yes_or_no(input, out)? == YesNo::No {
                line(out, "Staying.")?;
                self.show(out)?;
                return Ok(Next::Stay);
            }
        }
        self.goodbye(out)?;
        Ok(Next::Leave(Ending::Quit))
    }

    fn go(&mut self, place: Place, out: &mut impl Write) -> io::Result<()> {
        self.place = place;
        self.show(out)
    }

    fn back(&mut self, out: &mut impl Write) -> io::Result<()> {
        match self.place {
            Place::Welcome => line(out, "This is the start; there is nothing to go back to."),
            Place::Home => line(
                out,
                "This is the home menu; there is nothing to go back to.",
            ),
            Place::Partner => {
                let to = if self.data.profile.is_some() {
                    Place::Home
                } else {
                    Place::Welcome
                };
                line(out, "Going back.")?;
                self.go(to, out)
            }
            Place::Pronouns(_) => {
                line(out, "Going back.")?;
                self.go(Place::Partner, out)
            }
            Place::Result(_) => {
                line(out, "Going back to the home menu.")?;
                self.go(Place::Home, out)
            }
            Place::Rehearsal(at) => self.back_rehearsal(at, out),
            Place::After(at) => self.back_after(at, out),
            Place::History(at) => self.back_history(at, out),
            Place::Settings(at) => self.back_settings(at, out),
            Place::Question => {
                let moved = self.flow.as_mut().is_some_and(Flow::back);
                if moved {
                    line(out, "Going back one question. Your answers are kept.")?;
                    if !self.recheck {
                        self.keep_progress(out)?;
                    }
                    self.show(out)
                } else if self.recheck {
                    self.flow = None;
                    self.recheck = false;
                    line(
                        out,
                        "Going back to the home menu. The rehearsal waits until the safety questions are answered.",
                    )?;
                    self.go(Place::Home, out)
                } else {
                    self.flow = None;
                    line(
                        out,
                        "Going back to the home menu. Your check-in is kept: choose Continue to go on.",
                    )?;
                    self.go(Place::Home, out)
                }
            }
        }
    }

    /// Reads a typed partner word: lines up to an empty line, joined.
    fn own_word(&mut self, input: &mut impl BufRead, out: &mut impl Write) -> io::Result<Next> {
        loop {
            line(
                out,
                "Type the word that fits after \u{201c}your\u{201d}, then press Enter on an empty line:",
            )?;
            out.flush()?;
            let mut typed = Vec::new();
            loop {
                let Some(l) = input::read_line(input)? else {
                    line(out, "")?;
                    line(out, "End of input.")?;
                    self.goodbye(out)?;
                    return Ok(Next::Leave(Ending::EndOfInput));
                };
                if typed.is_empty()
                    && let Some(command) = Command::parse(&l)
                {
                    return match command {
                        Command::Back => {
                            line(out, "Going back to the list.")?;
                            self.show(out)?;
                            Ok(Next::Stay)
                        }
                        other => self.command(other, input, out),
                    };
                }
                if l.trim().is_empty() {
                    break;
                }
                typed.push(l);
            }
            match session::check_partner_word(&typed.join(" ")) {
                Ok(word) => {
                    self.choose_partner_word(&word, out)?;
                    return Ok(Next::Stay);
                }
                Err(PartnerWordError::Empty) => {
                    line(
                        out,
                        "Type a word first, or type back to pick from the list.",
                    )?;
                }
                Err(e @ PartnerWordError::Unusable) => {
                    line(out, &format!("{}.", capital(&e.to_string())))?;
                }
            }
        }
    }

    fn choose_partner_word(&mut self, word: &str, out: &mut impl Write) -> io::Result<()> {
        let suggested = session::set_partner_word(&mut self.data, word, (self.clock)());
        line(
            out,
            &format!("Overture will say \u{201c}your {word}\u{201d}."),
        )?;
        self.go(Place::Pronouns(suggested), out)
    }

    fn choose_pronouns(&mut self, pronouns: Pronouns, out: &mut impl Write) -> io::Result<()> {
        let first_run = session::set_pronouns(&mut self.data, pronouns);
        let saved = self.persist();
        line(
            out,
            &format!(
                "Overture will now say \u{201c}your {}\u{201d} and \u{201c}{}\u{201d}.{saved}",
                self.voice().partner,
                pronouns.label()
            ),
        )?;
        if first_run {
            self.start(out)
        } else {
            self.go(Place::Home, out)
        }
    }

    fn home(
        &mut self,
        item: HomeItem,
        input: &mut impl BufRead,
        out: &mut impl Write,
    ) -> io::Result<Next> {
        match item {
            HomeItem::Continue => {
                if let Some(flow) = session::resume(&self.content, &self.data) {
                    self.flow = Some(flow);
                    line(out, "Continuing where you stopped.")?;
                    self.go(Place::Question, out)?;
                }
            }
            HomeItem::Start | HomeItem::Retake => {
                if self.data.draft.is_some() {
                    line(
                        out,
                        "You have a check-in in progress. Starting again clears those answers. Finished results are kept. Start again? Type yes or no:",
                    )?;
                    match self.yes_or_no(input, out)? {
                        YesNo::Leave(ending) => {
                            line(out, "Nothing changed.")?;
                            return self.leave(ending, out);
                        }
                        YesNo::No => {
                            line(out, "Nothing changed.")?;
                            self.show(out)?;
                            return Ok(Next::Stay);
                        }
                        YesNo::Yes => {}
                    }
                }
                self.start(out)?;
            }
            HomeItem::LatestResult => {
                if let Some(last) = self.data.assessments.len().checked_sub(1) {
                    self.go(Place::Result(last), out)?;
                }
            }
            HomeItem::Rehearse => self.enter_rehearsal(out)?,
            HomeItem::Script => self.open_latest_script(out)?,
            HomeItem::LogAsk
            | HomeItem::RepeatedNo
            | HomeItem::Timeline
            | HomeItem::Doors
            | HomeItem::Solo
            | HomeItem::ExportSummary => self.after_home(item, out)?,
            HomeItem::History => {
                self.history_from = 0;
                self.go(Place::History(history::At::List), out)?;
            }
            HomeItem::Crisis => return self.command(Command::Resources, input, out),
            HomeItem::ChangeVoice => self.go(Place::Partner, out)?,
            HomeItem::Settings => self.go(Place::Settings(settings::At::Menu), out)?,
            HomeItem::Quit => return self.quit(input, out),
        }
        Ok(Next::Stay)
    }

    fn start(&mut self, out: &mut impl Write) -> io::Result<()> {
        self.flow = Some(session::start(&mut self.data, (self.clock)()));
        self.place = Place::Question;
        let saved = self.persist();
        line(out, &format!("Starting the check-in.{saved}"))?;
        self.show(out)
    }

    fn answer(&mut self, typed: &str, out: &mut impl Write) -> io::Result<()> {
        let Some(Current::Question { question, .. }) =
            self.flow.as_ref().map(|f| f.current(&self.content))
        else {
            return Ok(());
        };
        let many = question.kind == QuestionKind::Multi;
        let keys: Vec<String> = if typed.is_empty() {
            match self.flow.as_ref().and_then(|f| f.answers.get(&question.id)) {
                Some(keys) if !keys.is_empty() => keys.to_vec(),
                _ => {
                    let what = if many { "the numbers" } else { "a number" };
                    return line(
                        out,
                        &format!("Type {what}, then Enter. Type help for more."),
                    );
                }
            }
        } else {
            match input::numbers(typed, question.options.len(), many) {
                Ok(indexes) => {
                    // Keep the content's order, not the order they were typed in.
                    let mut indexes = indexes;
                    indexes.sort_unstable();
                    indexes
                        .into_iter()
                        .filter_map(|i| question.options.get(i).map(|o| o.key.clone()))
                        .collect()
                }
                Err(e) => {
                    let len = question.options.len();
                    let text = match e {
                        NumbersError::Empty | NumbersError::NotANumber => {
                            format!("Please type a number from 1 to {len}, or help.")
                        }
                        NumbersError::OutOfRange(n) => {
                            format!("There is no option {n} here. The options go from 1 to {len}.")
                        }
                        NumbersError::TooMany => {
                            "Please choose only one: type a single number.".to_string()
                        }
                    };
                    return line(out, &text);
                }
            }
        };
        let labels: Vec<String> = question
            .options
            .iter()
            .filter(|o| keys.contains(&o.key))
            .map(|o| format!("\u{201c}{}\u{201d}", self.render(&o.label)))
            .collect();
        let Some(flow) = self.flow.as_mut() else {
            return Ok(());
        };
        if let Err(e) = flow.answer(&self.content, keys) {
            let text = match e {
                FlowError::ExclusiveWithOthers(key) => {
                    let label = question
                        .options
                        .iter()
                        .find(|o| o.key == key)
                        .map(|o| self.render(&o.label))
                        .unwrap_or_default();
                    format!(
                        "\u{201c}{label}\u{201d} cannot be chosen together with other answers. Type just its number, or leave it out."
                    )
                }
                other => format!("That answer does not fit this question ({other})."),
            };
            return line(out, &text);
        }
        let finished = flow.is_finished();
        let answered = format!("You answered {}.", labels.join(", "));
        if finished && self.recheck {
            self.finish_recheck(&answered, out)
        } else if finished {
            self.finish(&answered, out)
        } else if self.recheck {
            // A re-check is kept when it is finished, never as a check-in draft.
            line(out, &answered)?;
            self.show(out)
        } else {
            self.keep_progress_with(&answered, out)?;
            self.show(out)
        }
    }

    fn keep_progress(&mut self, out: &mut impl Write) -> io::Result<()> {
        self.keep_progress_with("", out)
    }

    /// Saves the draft and prints `said` with how the save went, as one line.
    fn keep_progress_with(&mut self, said: &str, out: &mut impl Write) -> io::Result<()> {
        if let Some(flow) = self.flow.as_ref() {
            session::keep_progress(&self.content, &mut self.data, flow, (self.clock)());
        }
        let saved = self.persist();
        let text = format!("{said}{saved}");
        let text = text.trim();
        if text.is_empty() {
            Ok(())
        } else {
            line(out, text)
        }
    }

    fn finish(&mut self, said: &str, out: &mut impl Write) -> io::Result<()> {
        let Some(flow) = self.flow.take() else {
            return Ok(());
        };
        let index = session::finish(&mut self.data, flow.answers, (self.clock)());
        let saved = self.persist();
        line(out, &format!("{said} The check-in is finished.{saved}"))?;
        self.go(Place::Result(index), out)
    }

    /// Writes everything now. Returns how it went, as text to follow a sentence (empty for a
    /// private session). On failure the answers stay in memory.
    fn persist(&mut self) -> String {
        let Some(store) = self.store.as_mut() else {
            return String::new();
        };
        match store.save(&self.data) {
            Ok(()) => {
                let again = if self.unsaved {
                    " Saved again."
                } else {
                    " Saved."
                };
                self.unsaved = false;
                again.to_string()
            }
            Err(e @ StoreError::NotFlushed { .. }) => {
                self.unsaved = false;
                format!(" Saved, but the system could not confirm it is safely on disk ({e}).")
            }
            Err(e) => {
                self.unsaved = true;
                format!(" NOT saved ({e}). It stays here while Overture is open.")
            }
        }
    }
}

/// The crisis and support lines, the user's country first.
fn crisis_lines(content: &Content, data: &SavedData) -> Vec<String> {
    text::resources(
        content,
        data.settings.country.as_deref(),
        text::Layout::Plain,
    )
}

/// A page as lines of words: each block as lines, hints as plain mode words them, crisis lines
/// in full. Shared with `overture show`.
pub fn page_lines(page: &Page, content: &Content, data: &SavedData) -> Vec<String> {
    tagged_page_lines(page, content, data)
        .into_iter()
        .map(|(l, _)| l)
        .collect()
}

/// The same lines, each marked when it holds the user's own words (printed as written).
fn tagged_page_lines(page: &Page, content: &Content, data: &SavedData) -> Vec<(String, bool)> {
    let mut lines = Vec::new();
    for block in &page.blocks {
        match block {
            Block::Para(tone, t) => {
                let own = *tone == Tone::Own;
                lines.extend(t.split('\n').map(|l| (l.to_string(), own)));
            }
            Block::Bullet(tone, t) => {
                let own = *tone == Tone::Own;
                lines.extend(
                    t.split('\n')
                        .enumerate()
                        .map(|(i, l)| (format!("{}{l}", if i == 0 { "- " } else { "  " }), own)),
                );
            }
            // The checker's advice quotes the user's words inside Overture's own.
            Block::Labeled { label, text, .. } => lines.push((format!("{label}{text}"), false)),
            Block::Blank => lines.push((String::new(), false)),
            Block::CrisisLines(needs) => {
                let first = crate::pages::resources::for_needs(
                    content,
                    data.settings.country.as_deref(),
                    needs,
                );
                lines.extend(tagged_page_lines(&first, content, data));
            }
            Block::Hint(_, hint) => {
                lines.extend(hint_words(*hint).map(|h| (h.to_string(), false)));
            }
        }
    }
    lines
}

/// How plain mode words a page's hint; `None` where its prompt already says it.
fn hint_words(hint: Hint) -> Option<&'static str> {
    match hint {
        Hint::SupportLines => Some("Type resources at any prompt for support lines."),
        Hint::RulersNext => Some("Next come the two readiness rulers again."),
        // Said by the prompt that follows.
        Hint::WhatComesFirst
        | Hint::ReadPlan
        | Hint::GoHome
        | Hint::WriteBoundary
        | Hint::WriteScript
        | Hint::Versions => None,
    }
}

/// Numbered options, one a line.
fn options(out: &mut impl Write, labels: &[String]) -> io::Result<()> {
    for (i, label) in labels.iter().enumerate() {
        line(out, &format!("  {}. {label}", i + 1))?;
    }
    Ok(())
}

/// The number prompt for `len` options.
fn number_prompt(len: usize) -> String {
    if len == 1 {
        "Type 1, then Enter:".to_string()
    } else {
        format!("Type a number from 1 to {len}, then Enter:")
    }
}

/// What was typed at a prompt for words: the lines up to an empty line, or nothing.
enum Written {
    /// The first line was empty.
    Nothing,
    /// The lines typed, without the empty line that ended them.
    Lines(Vec<String>),
}

impl Written {
    /// The lines joined with `separator`; nothing written is an empty text.
    fn joined(self, separator: &str) -> String {
        match self {
            Written::Nothing => String::new(),
            Written::Lines(lines) => lines.join(separator),
        }
    }
}

/// Reads the rest of a text whose first line is `first`: more lines up to an empty line or
/// the end of input (what was typed is kept either way).
fn read_written(first: &str, input: &mut impl BufRead) -> io::Result<Written> {
    if first.trim().is_empty() {
        return Ok(Written::Nothing);
    }
    let mut lines = vec![first.to_string()];
    while let Some(l) = input::read_line(input)? {
        if l.trim().is_empty() {
            break;
        }
        lines.push(l);
    }
    Ok(Written::Lines(lines))
}

/// Prints the user's own words: made safe for a terminal, otherwise exactly as written.
fn own_line(out: &mut impl Write, text: &str) -> io::Result<()> {
    writeln!(out, "{}", text::printable(text))
}

/// Prints one line of Overture's words, with anything that could drive a terminal removed.
fn line(out: &mut impl Write, text: &str) -> io::Result<()> {
    writeln!(out, "{}", text::printable(&text::for_plain(text)))
}

fn capital(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// One option number out of `len`, or `None` after saying what was wrong.
fn pick(typed: &str, len: usize, out: &mut impl Write) -> io::Result<Option<usize>> {
    match input::numbers(typed, len, false) {
        Ok(i) => Ok(i.first().copied()),
        Err(NumbersError::OutOfRange(n)) => {
            line(
                out,
                &format!("There is no option {n} here. The options go from 1 to {len}."),
            )?;
            Ok(None)
        }
        Err(_) => {
            line(
                out,
                &format!("Please type a number from 1 to {len}, or help."),
            )?;
            Ok(None)
        }
    }
}
