//! The plain front end: the whole app as a line-by-line conversation.
//!
//! No alternate screen, no cursor movement, no colours, no box drawing: every line is printed
//! once, in order, so it works with a screen reader, over a slow link, in a `TERM=dumb`
//! terminal, and with answers piped in by a script. Options are answered by number; `back`,
//! `help`, `resources` and `quit` work at every prompt; the end of input leaves (everything is
//! already saved). The rules are the core's (`core::session`, `core::flow`, `core::report`),
//! the same as the TUI's.

pub mod input;
pub mod text;

use crate::content::{Content, Pronouns, QuestionKind, render};
use crate::core::flow::{Current, Flow, FlowError};
use crate::core::record::SavedData;
use crate::core::session::{self, HomeItem, PARTNER_WORDS, PartnerWordError};
use crate::store::{Store, StoreError};
use input::{Command, NumbersError};
use jiff::Timestamp;
use std::io::{self, BufRead, Write};

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
}

/// What a line led to.
enum Next {
    Stay,
    Leave(Ending),
}

/// The plain app: the saved data, the store (or none, for a private session) and where the
/// user is.
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
        }
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

    fn voice(&self) -> crate::content::Voice {
        session::voice(&self.data)
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
                for l in text::result(&self.content, record, &self.voice(), text::Layout::Plain) {
                    line(out, &l)?;
                }
                line(out, "")?;
                line(out, "Type resources for crisis lines.")
            }
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
        if let Some(last) = self.data.latest_assessment() {
            line(
                out,
                &format!(
                    "Latest result ({}): {}",
                    text::date(last.completed_at),
                    text::outcome_title(&self.content, last, &self.voice())
                ),
            )?;
        }
        line(out, "What would you like to do?")?;
        for (i, item) in session::home_items(&self.data).into_iter().enumerate() {
            let only_full_screen = if session::full_screen_only(item) {
                " (in the full-screen app only)"
            } else {
                ""
            };
            line(
                out,
                &format!(
                    "  {}. {}{only_full_screen}",
                    i + 1,
                    session::home_label(&self.content, &self.data, item)
                ),
            )?;
        }
        Ok(())
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
                line(
                    out,
                    &format!(
                        "Part {part} of {}: {}",
                        sections.len(),
                        self.render(&section.title)
                    ),
                )?;
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
            Place::Partner | Place::Home | Place::Question => {
                line(out, "Type the number of your choice and press Enter.")?;
            }
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

    fn goodbye(&self, out: &mut impl Write) -> io::Result<()> {
        let text = if self.unsaved {
            "Leaving Overture. Your last answer could not be saved."
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
        if let Some(command) = Command::parse(typed) {
            return self.command(command, input, out);
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
                for l in text::resources(
                    &self.content,
                    &self.voice(),
                    self.data.settings.country.as_deref(),
                    text::Layout::Plain,
                ) {
                    line(out, &l)?;
                }
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
            if !yes_or_no(input, out)?.unwrap_or(true) {
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
            Place::Question => {
                let moved = self.flow.as_mut().is_some_and(Flow::back);
                if moved {
                    line(out, "Going back one question. Your answers are kept.")?;
                    self.keep_progress(out)?;
                    self.show(out)
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
                    match yes_or_no(input, out)? {
                        None => {
                            line(out, "")?;
                            line(out, "End of input.")?;
                            self.goodbye(out)?;
                            return Ok(Next::Leave(Ending::EndOfInput));
                        }
                        Some(false) => {
                            line(out, "Nothing changed.")?;
                            self.show(out)?;
                            return Ok(Next::Stay);
                        }
                        Some(true) => {}
                    }
                }
                self.start(out)?;
            }
            HomeItem::LatestResult => {
                if let Some(last) = self.data.assessments.len().checked_sub(1) {
                    self.go(Place::Result(last), out)?;
                }
            }
            HomeItem::Rehearse => {
                line(
                    out,
                    "The rehearsal has text boxes and sliders that need the full-screen app. Start overture in a terminal without --plain to use it; everything else works here.",
                )?;
            }
            HomeItem::Script => self.show_script(out)?,
            HomeItem::LogAsk
            | HomeItem::RepeatedNo
            | HomeItem::Timeline
            | HomeItem::Doors
            | HomeItem::Solo
            | HomeItem::History
            | HomeItem::ExportSummary => {
                line(
                    out,
                    "This part is in the full-screen app for now. From the command line: overture history lists what is saved, and overture export --output FILE writes a summary.",
                )?;
            }
            HomeItem::Crisis => return self.command(Command::Resources, input, out),
            HomeItem::ChangeVoice => self.go(Place::Partner, out)?,
            HomeItem::Settings => {
                line(
                    out,
                    "Choosing a country for the crisis lines is in the full-screen app for now; here, resources lists every country. To delete everything Overture saved, run: overture wipe",
                )?;
            }
            HomeItem::Quit => return self.quit(input, out),
        }
        Ok(Next::Stay)
    }

    /// The latest rehearsal script, as written and as a letter; then home again.
    fn show_script(&self, out: &mut impl Write) -> io::Result<()> {
        let Some(version) = self
            .data
            .rehearsals
            .iter()
            .rev()
            .find_map(|r| r.scripts.last())
        else {
            return line(out, "There is no saved script yet.");
        };
        line(out, "")?;
        line(
            out,
            &format!("Your invitation script, saved {}", text::date(version.at)),
        )?;
        line(out, "")?;
        for l in version.text.lines() {
            line(out, l)?;
        }
        line(out, "")?;
        line(out, "The same as a letter")?;
        line(out, "")?;
        let letter = crate::core::rehearsal::letter(&self.content, &version.text, &self.voice());
        for l in letter.lines() {
            line(out, l)?;
        }
        line(out, "")?;
        line(out, "Back to the home menu.")?;
        self.show(out)
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
        if finished {
            self.finish(&answered, out)
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

/// Prints one line, with anything that could drive a terminal removed.
fn line(out: &mut impl Write, text: &str) -> io::Result<()> {
    writeln!(out, "{}", text::printable(text))
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

/// Reads "yes" or "no" (or y / n); asks again otherwise. `None` at the end of input.
fn yes_or_no(input: &mut impl BufRead, out: &mut impl Write) -> io::Result<Option<bool>> {
    loop {
        out.flush()?;
        let Some(typed) = input::read_line(input)? else {
            return Ok(None);
        };
        match typed.trim().to_lowercase().as_str() {
            "yes" | "y" => return Ok(Some(true)),
            "no" | "n" | "back" => return Ok(Some(false)),
            _ => line(out, "Please type yes or no:")?,
        }
    }
}
