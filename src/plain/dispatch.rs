//! Where the user is: showing it, the prompt and help for it, what a typed line or a
//! command does there, going back, and leaving.

use super::input::Command;
use super::rehearse::At;
use super::{
    Ending, Next, Place, Plain, YesNo, a_number, after, line, number_prompt, pick, rehearse, text,
};
use crate::content::{Pronouns, QuestionKind};
use crate::core::flow::Flow;
use crate::core::place::{self, PageId};
use crate::core::rehearsal::{Stage, walk};
use crate::core::session::{self, PARTNER_WORDS};
use std::io::{self, BufRead, Write};

impl Plain {
    /// Prints where the user is now, in full.
    pub(super) fn show(&self, out: &mut impl Write) -> io::Result<()> {
        self.last_page.set(self.place_page());
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
                let (head, rest) = text::result_parts(
                    &self.content,
                    &self.data,
                    record,
                    &self.voice(),
                    text::Layout::Plain,
                );
                let lines = crate::core::report::shows_crisis_lines(&self.data, record);
                // On a safety path the help lines come right after the summary, as in the
                // full-screen app; otherwise after the disclaimer. `resources` lists them all.
                let lines_first = lines
                    && crate::core::gate::current(&self.data)
                        .is_some_and(crate::core::gate::Path::is_safety);
                let mut help = crate::pages::Page::new();
                help.crisis_lines(&self.data);
                for l in &head {
                    line(out, l)?;
                }
                if lines_first {
                    self.page(out, &help)?;
                    line(out, "")?;
                }
                for l in &rest {
                    line(out, l)?;
                }
                line(out, "")?;
                if lines && !lines_first {
                    self.page(out, &help)?;
                }
                Ok(())
            }
            Place::Rehearsal(at) => self.show_rehearsal(at, out),
            Place::After(at) => self.show_after(at, out),
            Place::History(at) => self.show_history(at, out),
            Place::Settings(at) => self.show_settings(at, out),
        }
    }

    /// Whether the prompt is for the user's own words (or a file name), not a choice.
    pub(super) fn writing(&self) -> bool {
        match self.place {
            Place::Rehearsal(rehearse::At::Stage(stage)) => stage.has_text(),
            Place::Rehearsal(rehearse::At::Edit(_) | rehearse::At::Export(_)) => true,
            Place::After(at) => after::At::is_writing(at),
            _ => false,
        }
    }

    /// The line that asks for input, ending in a newline so every line stands alone.
    pub(super) fn prompt(&self, out: &mut impl Write) -> io::Result<()> {
        let text = match self.place {
            // Where hide can clear the terminal, it is worth knowing before the first answer.
            Place::Welcome if self.clears_on_hide => "Press Enter to begin, or type quit to leave. Typing hide at a prompt leaves at once and clears this terminal.".to_string(),
            Place::Welcome => "Press Enter to begin, or type quit to leave.".to_string(),
            Place::Partner => number_prompt(PARTNER_WORDS.len() + 1),
            Place::Pronouns(suggested) => format!(
                "Press Enter for {}, or type {}:",
                suggested.label(),
                a_number(Pronouns::ALL.len())
            ),
            Place::Home => number_prompt(session::home_items(&self.data).len()),
            Place::Question => match self.current_question() {
                Some((QuestionKind::Multi, n)) => format!(
                    "Type the numbers of all that apply (1 to {n}), separated by spaces or commas, then Enter:"
                ),
                Some((QuestionKind::Single, n)) => number_prompt(n),
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

    pub(super) fn help(&self, out: &mut impl Write) -> io::Result<()> {
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
            Place::Rehearsal(at) => self.help_rehearsal(at, out)?,
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
        line(
            out,
            "  resources: crisis lines and support services (resources all: every country's)",
        )?;
        let quit = if self.store.is_some() {
            "  quit: leave Overture (everything you answered is already saved)"
        } else {
            "  quit: leave Overture (this private session writes nothing)"
        };
        line(out, quit)?;
        // Said as it is: a terminal that takes no escape codes is not cleared, and a private
        // session keeps nothing.
        let hide = match (self.clears_on_hide, self.store.is_some()) {
            (true, true) => {
                "  hide: leave at once and clear this terminal's screen and scrollback (what you were writing is saved first)"
            }
            (true, false) => {
                "  hide: leave at once and clear this terminal's screen and scrollback"
            }
            (false, _) => {
                "  hide: leave at once (this terminal can't be cleared from here: close the window)"
            }
        };
        line(out, hide)?;
        // Inside something being written, a later line is writing, not a word: only hide
        // works there.
        line(
            out,
            "In something you are writing, these words work on its first line; on a later line, only hide does.",
        )
    }

    pub(super) fn handle(
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

    pub(super) fn command(
        &mut self,
        command: Command,
        input: &mut impl BufRead,
        out: &mut impl Write,
    ) -> io::Result<Next> {
        match command {
            Command::Help => self.help(out)?,
            Command::Resources | Command::ResourcesAll => {
                line(out, "")?;
                line(out, "Crisis lines and support")?;
                self.crisis_lines(out, command == Command::ResourcesAll)?;
                line(out, "")?;
                line(out, "Back to where you were.")?;
                self.show(out)?;
                // The lines were the page this command opened; the prompt after is a reminder.
                self.last_page.set(PageId::CrisisLines);
            }
            Command::Back => self.back(out)?,
            Command::Quit => return self.quit(input, out),
            Command::Hide => return Ok(Next::Leave(Ending::Hide)),
        }
        Ok(Next::Stay)
    }

    pub(super) fn quit(
        &mut self,
        input: &mut impl BufRead,
        out: &mut impl Write,
    ) -> io::Result<Next> {
        if self.unsaved {
            line(
                out,
                "Your last answer could not be saved. If you leave now, it is lost. Leave anyway? Type yes or no:",
            )?;
            match self.yes_or_no(input, out)? {
                YesNo::No => {
                    line(out, "Staying.")?;
                    self.show(out)?;
                    return Ok(Next::Stay);
                }
                // hide (or the end of input) at this question leaves as it does anywhere.
                YesNo::Leave(ending) => return self.leave(ending, out),
                YesNo::Yes => {}
            }
        }
        self.drop_untouched_rehearsal(out)?;
        self.last_page.set(PageId::Goodbye);
        self.goodbye(out)?;
        Ok(Next::Leave(Ending::Quit))
    }

    /// Leaving Overture on the rehearsal's first screen (a quit, or the end of the input)
    /// keeps no empty rehearsal for home to offer to "continue".
    pub(super) fn drop_untouched_rehearsal(&mut self, out: &mut impl Write) -> io::Result<()> {
        if matches!(
            self.place,
            Place::Rehearsal(At::Ruler(Stage::ReadinessBefore, _))
        ) && walk::leave_start(&mut self.data)
        {
            self.persist_quietly(out)?;
        }
        Ok(())
    }

    pub(super) fn go(&mut self, place: Place, out: &mut impl Write) -> io::Result<()> {
        self.place = place;
        self.show(out)
    }

    pub(super) fn back(&mut self, out: &mut impl Write) -> io::Result<()> {
        match self.place {
            Place::Welcome => line(out, "This is the start; there is nothing to go back to."),
            Place::Home => line(
                out,
                "This is the home menu; there is nothing to go back to.",
            ),
            Place::Partner | Place::Pronouns(_) | Place::Result(_) => self.leave_page("", out),
            Place::Rehearsal(at) => self.back_rehearsal(at, out),
            Place::After(at) => self.back_after(at, out),
            Place::History(at) => self.back_history(at, out),
            Place::Settings(at) => self.back_settings(at, out),
            Place::Question => {
                let moved = self.flow.as_mut().is_some_and(Flow::back);
                if moved {
                    // One line, with how the save went: not a lone "Saved." under it.
                    let said = "Going back one question. Your answers are kept.";
                    if self.recheck {
                        line(out, said)?;
                    } else {
                        self.keep_progress_with(said, out)?;
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

    /// Leaves the page for the one core names (`place::back_from`), saying so, and `said`
    /// after it when there is more to say (that nothing was saved, say).
    pub(super) fn leave_page(&mut self, said: &str, out: &mut impl Write) -> io::Result<()> {
        let page = super::page_of(self.place);
        let Some(to) = place::back_from(page, self.data.profile.is_some()) else {
            return Ok(());
        };
        let place = match to {
            PageId::Welcome => Place::Welcome,
            PageId::Partner => Place::Partner,
            PageId::Settings => Place::Settings(super::settings::At::Menu),
            PageId::LogDoor => Place::After(after::At::LogDoor),
            PageId::LogAnswer => match self.place {
                Place::After(after::At::LogNote(door, _)) => {
                    Place::After(after::At::LogAnswer(door))
                }
                _ => Place::After(after::At::LogDoor),
            },
            PageId::Timeline => Place::After(after::At::Timeline),
            PageId::Doors => Place::After(after::At::Doors),
            PageId::Solo => Place::After(after::At::Solo),
            PageId::JournalPrompts => Place::After(after::At::JournalPrompts),
            PageId::History => Place::History(super::history::At::List),
            _ => Place::Home,
        };
        let going = match to {
            PageId::Home => "Going back to the home menu.",
            PageId::History => "Going back to the list.",
            _ => "Going back.",
        };
        if said.is_empty() {
            line(out, going)?;
        } else {
            line(out, &format!("{going} {said}"))?;
        }
        self.go(place, out)
    }

    /// Leaves from inside a question (a yes or no, say): everything is saved.
    pub(super) fn leave(&self, ending: Ending, out: &mut impl Write) -> io::Result<Next> {
        match ending {
            Ending::EndOfInput => self.end_of_input(out),
            Ending::Quit => {
                self.last_page.set(PageId::Goodbye);
                self.goodbye(out)?;
                Ok(Next::Leave(Ending::Quit))
            }
            // The run loop clears the terminal as it leaves.
            Ending::Hide => Ok(Next::Leave(Ending::Hide)),
        }
    }

    /// `hide`: leave at once, asking nothing, and clear the terminal's screen and scrollback
    /// where output goes to one (elsewhere there is nothing on screen to clear).
    pub(super) fn hide(&mut self, out: &mut impl Write) -> io::Result<Ending> {
        self.drop_untouched_rehearsal(&mut io::sink())?;
        if self.clears_on_hide {
            // The screen, then the scrollback; crossterm also reaches a Windows console
            // that takes no escape codes (there only the screen can be cleared).
            use ratatui::crossterm::{
                cursor::MoveTo, execute, terminal::Clear, terminal::ClearType,
            };
            execute!(
                out,
                MoveTo(0, 0),
                Clear(ClearType::All),
                Clear(ClearType::Purge)
            )?;
        } else {
            line(
                out,
                "Leaving Overture at once. This terminal was not cleared: close the window.",
            )?;
        }
        out.flush()?;
        Ok(Ending::Hide)
    }

    /// The input ended in the middle of a question: everything is saved; leave.
    pub(super) fn end_of_input(&self, out: &mut impl Write) -> io::Result<Next> {
        line(out, "")?;
        line(out, "End of input.")?;
        self.goodbye(out)?;
        Ok(Next::Leave(Ending::EndOfInput))
    }

    pub(super) fn goodbye(&self, out: &mut impl Write) -> io::Result<()> {
        let text = if self.unsaved {
            "Leaving Overture. Your last answer could not be saved."
        } else if self.wiped == Some(true) {
            "Leaving Overture. What it had saved was deleted, and nothing was written since."
        } else if self.wiped == Some(false) {
            "Leaving Overture. Not everything it had saved could be deleted (see above), and nothing was written since."
        } else if self.store.is_none() {
            "Leaving Overture. This was a private session: nothing was written."
        } else {
            "Leaving Overture. Everything you answered is saved."
        };
        line(out, text)?;
        // Half a check-in that already holds signs of danger: the lines are worth one more
        // line on the way out.
        if self.store.is_some() && self.wiped.is_none() && session::draft_in_danger(&self.data) {
            line(
                out,
                "Some of your answers so far are about your safety. The help lines are there whenever you need them: run overture resources, or type resources next time. If you are in danger now, call your local emergency number.",
            )?;
        }
        // Plain mode writes into the terminal's scrollback, which leaving cannot clear.
        if self.hidden_typing {
            line(
                out,
                "What Overture showed stays in this terminal until you close the window or clear it.",
            )?;
        }
        out.flush()
    }
}
