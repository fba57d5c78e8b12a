//! After the ask, in plain mode: logging an ask and what it means, the plan for repeated
//! "no" and the user's boundary, the timeline and its review, the lower doors, the solo work
//! and journal, and the summary for the user's own counselor. The rules are the core's
//! (`asklog`, `timeline`, `doors`, `solo`), the words `pages::after`'s.

use super::{Next, Place, Plain, a_number, line, number_prompt, options, pick, read_written};
use crate::core::asklog::{self, ASK_ANSWERS, BoundaryEdit};
use crate::core::place::PageId;
use crate::core::record::{AskAnswer, Movement};
use crate::core::solo::{self, BUILDERS, SoloItem};
use crate::core::timeline::{self, Choice};
use crate::pages::rehearse::{Draft, findings};
use crate::pages::{Words, after as page};
use std::io::{self, BufRead, Write};

/// Where the user is after the ask.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum At {
    /// Logging an ask: which door was offered.
    LogDoor,
    /// Logging an ask: how the partner answered (door: index into `asklog::ask_doors`).
    LogAnswer(usize),
    /// Logging an ask: a note, if the user wants one.
    LogNote(usize, AskAnswer),
    /// What a logged ask means (by index into `data.asks`).
    Logged(usize),
    /// The plan for repeated "no".
    Plan,
    /// Writing the user's own boundary.
    Boundary,
    /// The timeline, or the window lengths to choose from.
    Timeline,
    /// One question of the movement check.
    Review(usize),
    /// A review (by index into `data.reviews`).
    ReviewResult(usize),
    Doors,
    /// One door (by index into the doors shown).
    Door(usize),
    Solo,
    /// A reading section (by index into the content's sections).
    Section(usize),
    /// One blank of a builder (builder, blank).
    Build(usize, usize),
    JournalPrompts,
    /// Writing a journal entry, to a prompt or free.
    Journal(Option<usize>),
    /// How things have moved over time.
    Trends,
    /// Typing the name of the file the summary is written to.
    Export,
}

impl At {
    /// Whether the place asks for the user's own words (or a file name).
    pub(super) fn is_writing(self) -> bool {
        matches!(
            self,
            At::LogNote(..) | At::Boundary | At::Build(..) | At::Journal(_) | At::Export
        )
    }
}

impl Plain {
    /// Opens one of this file's pages from the home menu.
    pub(super) fn after_page(&mut self, page: PageId, out: &mut impl Write) -> io::Result<()> {
        let at = match page {
            PageId::LogDoor => At::LogDoor,
            PageId::RepeatedNo => At::Plan,
            PageId::Timeline => {
                self.choosing_window = false;
                At::Timeline
            }
            PageId::Doors => At::Doors,
            PageId::Solo => At::Solo,
            PageId::ExportSummary => At::Export,
            PageId::Trends => At::Trends,
            _ => return Ok(()),
        };
        self.go(Place::After(at), out)
    }

    /// The options under a page, for the places that have them.
    fn after_options(&self, at: At) -> Vec<String> {
        let voice = self.voice();
        let content = &self.content;
        let w = Words::new(content, &voice);
        match at {
            At::LogDoor => page::log_doors(w, &self.data).1,
            At::LogAnswer(door) => page::log_answers(w, &self.data, door).1,
            At::Plan if asklog::boundary_offered(&self.content, &self.data) => vec![
                if self.data.boundaries.is_empty() {
                    "Write your own boundary".to_string()
                } else {
                    "Write your boundary again (earlier versions are kept)".to_string()
                },
                "Back to the home menu".to_string(),
            ],
            At::Timeline => page::timeline(w, &self.data, self.today(), self.choosing_window).1,
            At::Review(item) => page::review_question(w, item).1,
            At::Doors => page::doors(w, &self.data).1,
            At::Solo => page::solo(w, &self.data).1,
            At::JournalPrompts => page::journal_prompts(w, &self.data, self.store.is_none()).1,
            _ => Vec::new(),
        }
    }

    pub(super) fn show_after(&self, at: At, out: &mut impl Write) -> io::Result<()> {
        let voice = self.voice();
        let content = &self.content;
        let w = Words::new(content, &voice);
        let shown = match at {
            At::LogDoor => page::log_doors(w, &self.data).0,
            At::LogAnswer(door) => page::log_answers(w, &self.data, door).0,
            At::LogNote(..) => page::log_note(),
            At::Logged(index) => page::logged(w, &self.data, index),
            At::Plan => page::plan(w, &self.data),
            At::Boundary => page::boundary(w, &self.data),
            At::Timeline => page::timeline(w, &self.data, self.today(), self.choosing_window).0,
            At::Review(item) => page::review_question(w, item).0,
            At::ReviewResult(index) => page::review_result(w, &self.data, index),
            At::Doors => page::doors(w, &self.data).0,
            At::Door(index) => page::door(w, &self.data, index),
            At::Solo => page::solo(w, &self.data).0,
            At::Section(index) => page::solo_section(w, index),
            At::Build(builder, blank) => page::builder(w, builder, blank, &self.blanks),
            At::JournalPrompts => page::journal_prompts(w, &self.data, self.store.is_none()).0,
            At::Journal(prompt) => page::journal(w, prompt),
            At::Export => page::summary_export(w),
            At::Trends => crate::pages::trends::page(w, &self.data),
        };
        line(out, &self.content.spell(after_header(at)))?;
        self.page(out, &shown)?;
        let labels = self.after_options(at);
        if !labels.is_empty() {
            if at == At::Plan {
                line(out, "")?;
            }
            options(out, &labels)?;
        }
        Ok(())
    }

    /// The timeline page lists window lengths: no window yet, or a new one being chosen.
    fn choosing_window_lengths(&self) -> bool {
        self.data.timeline.is_none() || self.choosing_window
    }

    pub(super) fn prompt_after(&self, at: At) -> String {
        let labels = self.after_options(at);
        match at {
            At::LogNote(..) => {
                "Type a note, then an empty line. An empty line alone saves the ask without a note:"
                    .to_string()
            }
            At::Boundary => "Type your boundary, then an empty line:".to_string(),
            At::Build(..) => {
                "Type your words, then an empty line (an empty line alone leaves this blank):"
                    .to_string()
            }
            At::Journal(_) => "Type your entry, then an empty line:".to_string(),
            At::Export => {
                "Type a file name, for example overture-summary.md, then Enter (an empty line cancels):"
                    .to_string()
            }
            At::Logged(_) if asklog::plan_follows_log(&self.data) => {
                "Press Enter to read the plan.".to_string()
            }
            At::Door(_) | At::Section(_) => "Press Enter to go back to the list.".to_string(),
            // The window lengths: Enter alone takes the usual one, as the full-screen app
            // has it chosen already.
            At::Timeline if self.choosing_window_lengths() => format!(
                "Type {}, then Enter (Enter alone: the usual {} days):",
                a_number(labels.len()),
                timeline::DEFAULT_DAYS
            ),
            _ if labels.is_empty() => "Press Enter for the home menu.".to_string(),
            _ => number_prompt(labels.len()),
        }
    }

    pub(super) fn help_after(&self, at: At, out: &mut impl Write) -> io::Result<()> {
        let text = match at {
            At::LogNote(..) | At::Boundary | At::Build(..) | At::Journal(_)
                if self.store.is_none() =>
            {
                "Type your own words on as many lines as you like, then press Enter on an empty line. This private session keeps them only until you leave."
            }
            At::LogNote(..) | At::Boundary | At::Build(..) | At::Journal(_) => {
                "Type your own words on as many lines as you like, then press Enter on an empty line. They are saved on this device only."
            }
            At::Export => {
                "Type a file name that does not exist yet. The file is readable only by you, and it is outside Overture's folder: delete it when you are done."
            }
            _ if self.after_options(at).is_empty() => "Press Enter on an empty line to go on.",
            _ => "Type the number of your choice and press Enter.",
        };
        line(out, text)
    }

    pub(super) fn handle_after(
        &mut self,
        at: At,
        typed: &str,
        input: &mut impl BufRead,
        out: &mut impl Write,
    ) -> io::Result<Next> {
        match at {
            At::LogNote(door, answer) => {
                let note = read_written(typed, input, out, &self.hide_requested)?.joined(
                    "
",
                );
                self.log_ask(door, answer, &note, out)?;
            }
            At::Boundary => self.write_boundary(typed, input, out)?,
            At::Build(builder, blank) => {
                let words = read_written(typed, input, out, &self.hide_requested)?.joined(" ");
                self.fill_blank(builder, blank, words.trim(), out)?;
            }
            At::Journal(prompt) => {
                let text = read_written(typed, input, out, &self.hide_requested)?.joined(
                    "
",
                );
                self.keep_journal(prompt, &text, out)?;
            }
            At::Export => self.export_summary(typed.trim(), out)?,
            _ => {
                let labels = self.after_options(at);
                let typed = typed.trim();
                if labels.is_empty() {
                    if typed.is_empty() {
                        self.after_go_on(at, out)?;
                    } else {
                        line(out, "Press Enter on an empty line to go on.")?;
                    }
                } else if typed.is_empty() && at == At::Timeline && self.choosing_window_lengths() {
                    self.after_choose(at, timeline::default_choice(), out)?;
                } else if let Some(choice) = pick(typed, labels.len(), out)? {
                    self.after_choose(at, choice, out)?;
                }
            }
        }
        Ok(Next::Stay)
    }

    /// Enter on a page without options.
    fn after_go_on(&mut self, at: At, out: &mut impl Write) -> io::Result<()> {
        match at {
            At::Logged(_) if asklog::plan_follows_log(&self.data) => {
                self.go(Place::After(At::Plan), out)
            }
            At::Door(_) => self.go(Place::After(At::Doors), out),
            At::Section(_) => self.go(Place::After(At::Solo), out),
            _ => self.go(Place::Home, out),
        }
    }

    fn after_choose(&mut self, at: At, choice: usize, out: &mut impl Write) -> io::Result<()> {
        match at {
            At::LogDoor => self.go(Place::After(At::LogAnswer(choice)), out),
            At::LogAnswer(door) => match ASK_ANSWERS.get(choice) {
                Some(&(answer, _)) => self.go(Place::After(At::LogNote(door, answer)), out),
                None => Ok(()),
            },
            At::Plan => {
                if choice == 0 {
                    self.go(Place::After(At::Boundary), out)
                } else {
                    self.go(Place::Home, out)
                }
            }
            At::Timeline => self.timeline_choose(choice, out),
            At::Review(item) => {
                let Some(&movement) = Movement::ALL.get(choice) else {
                    return Ok(());
                };
                line(
                    out,
                    &format!("You answered \u{201c}{}\u{201d}.", movement.label()),
                )?;
                match timeline::answer_movement(&self.content, &mut self.movement, item, movement) {
                    Some(next) => self.go(Place::After(At::Review(next)), out),
                    None => self.finish_review(out),
                }
            }
            At::Doors => self.go(Place::After(At::Door(choice)), out),
            At::Solo => match solo::items(&self.content, &self.data).get(choice) {
                Some(SoloItem::Section(i)) => self.go(Place::After(At::Section(*i)), out),
                Some(SoloItem::Builder(b)) => {
                    self.blanks.clear();
                    self.go(Place::After(At::Build(*b, 0)), out)
                }
                Some(SoloItem::Journal) => self.go(Place::After(At::JournalPrompts), out),
                None => Ok(()),
            },
            At::JournalPrompts => {
                let prompt = solo::journal_prompts(&self.content, &self.data)
                    .get(choice)
                    .copied();
                self.go(Place::After(At::Journal(prompt)), out)
            }
            _ => Ok(()),
        }
    }

    fn log_ask(
        &mut self,
        door: usize,
        answer: AskAnswer,
        note: &str,
        out: &mut impl Write,
    ) -> io::Result<()> {
        let door_id = asklog::ask_door(&self.content, door).to_string();
        let id = asklog::log(&mut self.data, (self.clock)(), &door_id, answer, note);
        let saved = self.persist();
        line(out, &format!("The ask is logged.{saved}"))?;
        let index = self.data.asks.iter().position(|a| a.id == id).unwrap_or(0);
        self.go(Place::After(At::Logged(index)), out)
    }

    fn write_boundary(
        &mut self,
        typed: &str,
        input: &mut impl BufRead,
        out: &mut impl Write,
    ) -> io::Result<()> {
        let text = read_written(typed, input, out, &self.hide_requested)?.joined(
            "
",
        );
        match asklog::keep_boundary(&mut self.data, (self.clock)(), &text) {
            BoundaryEdit::Empty => line(out, "Nothing written, nothing saved.")?,
            BoundaryEdit::Unchanged => line(out, "The same as before: nothing changed.")?,
            BoundaryEdit::Kept => {
                let saved = self.persist();
                let kept = if self.store.is_some() {
                    "Your boundary is saved (earlier versions are kept)."
                } else {
                    "Your boundary is kept until you leave: a private session saves nothing."
                };
                line(out, &format!("{kept}{saved}"))?;
                let voice = self.voice();
                let page = findings(Words::new(&self.content, &voice), &text, Draft::Boundary);
                self.page(out, &page)?;
            }
        }
        self.go(Place::After(At::Plan), out)
    }

    fn timeline_choose(&mut self, choice: usize, out: &mut impl Write) -> io::Result<()> {
        match timeline::choices(&self.data, self.choosing_window).get(choice) {
            Some(&Choice::Window(days)) => {
                let today = self.today();
                timeline::start(&mut self.data, today, days);
                self.choosing_window = false;
                let saved = self.persist();
                line(
                    out,
                    &format!(
                        "A window of {days} days from today. The home menu shows where you are; nothing reminds you.{saved}"
                    ),
                )?;
                self.go(Place::After(At::Timeline), out)
            }
            Some(Choice::Review) => {
                self.movement.clear();
                self.go(Place::After(At::Review(0)), out)
            }
            Some(Choice::NewWindow) => {
                self.choosing_window = true;
                self.go(Place::After(At::Timeline), out)
            }
            None => Ok(()),
        }
    }

    fn finish_review(&mut self, out: &mut impl Write) -> io::Result<()> {
        let movement = std::mem::take(&mut self.movement);
        let now = (self.clock)();
        if timeline::review(&mut self.data, now, movement, super::text::local_date).is_none() {
            return self.go(Place::After(At::Timeline), out);
        }
        let saved = self.persist();
        line(out, &format!("The review is kept.{saved}"))?;
        let last = self.data.reviews.len().saturating_sub(1);
        self.go(Place::After(At::ReviewResult(last)), out)
    }

    fn fill_blank(
        &mut self,
        builder: usize,
        blank: usize,
        words: &str,
        out: &mut impl Write,
    ) -> io::Result<()> {
        self.blanks.truncate(blank);
        self.blanks.push(words.to_string());
        let blanks = BUILDERS
            .get(builder)
            .and_then(|id| self.content.after.solo.builders.get(*id))
            .map_or(0, |b| b.blanks.len());
        if blank + 1 < blanks {
            return self.go(Place::After(At::Build(builder, blank + 1)), out);
        }
        let now = (self.clock)();
        match solo::keep_built(&self.content, &mut self.data, now, builder, &self.blanks) {
            Some(index) => {
                let saved = self.persist();
                let sentence = self
                    .data
                    .journal
                    .get(index)
                    .map(|j| j.text.clone())
                    .unwrap_or_default();
                line(out, "Your sentence:")?;
                super::own_line(out, &sentence)?;
                let kept = if self.store.is_some() {
                    "It is saved in your journal."
                } else {
                    "It is in your journal until you leave: a private session saves nothing."
                };
                line(
                    out,
                    &format!("{kept} Say it in your own voice when the moment is calm.{saved}"),
                )?;
                let voice = self.voice();
                let page = findings(
                    Words::new(&self.content, &voice),
                    &sentence,
                    Draft::Sentence,
                );
                self.page(out, &page)?;
            }
            None => line(out, "Nothing written, nothing saved.")?,
        }
        self.go(Place::After(At::Solo), out)
    }

    fn keep_journal(
        &mut self,
        prompt: Option<usize>,
        text: &str,
        out: &mut impl Write,
    ) -> io::Result<()> {
        let now = (self.clock)();
        match solo::keep_journal(&self.content, &mut self.data, now, prompt, text) {
            Some(_) => {
                let saved = self.persist();
                line(
                    out,
                    &format!("Kept in your journal, with today's date.{saved}"),
                )?;
            }
            None => line(out, "Nothing written, nothing saved.")?,
        }
        self.go(Place::After(At::Solo), out)
    }

    fn export_summary(&mut self, path: &str, out: &mut impl Write) -> io::Result<()> {
        if path.is_empty() {
            line(out, "Nothing was written.")?;
            return self.go(Place::Home, out);
        }
        match super::text::summary(&self.content, &self.data, self.today()) {
            None => line(out, "There is no finished check-in to summarise yet.")?,
            Some(md) => {
                let target = self.export_target(path);
                match crate::export::write_new_private_file(&target, &md) {
                    Ok(()) => line(out, &crate::export::written_note(&target))?,
                    Err(e) => {
                        line(out, &format!("Not written: {e}"))?;
                        return Ok(());
                    }
                }
            }
        }
        self.go(Place::Home, out)
    }

    pub(super) fn back_after(&mut self, at: At, out: &mut impl Write) -> io::Result<()> {
        // Steps inside a page come first; then back leaves it where core says.
        let step = match at {
            At::Boundary => Some(At::Plan),
            At::Timeline if self.choosing_window && self.data.timeline.is_some() => {
                self.choosing_window = false;
                Some(At::Timeline)
            }
            At::Review(item) if item > 0 => Some(At::Review(item - 1)),
            At::Build(builder, blank) if blank > 0 => Some(At::Build(builder, blank - 1)),
            _ => None,
        };
        let nothing_saved = matches!(
            at,
            At::LogNote(..) | At::Boundary | At::Journal(_) | At::Build(..)
        );
        match step {
            Some(to) => {
                line(
                    out,
                    if nothing_saved {
                        "Going back. Nothing was saved."
                    } else {
                        "Going back."
                    },
                )?;
                self.go(Place::After(to), out)
            }
            None if nothing_saved => self.leave_page("Nothing was saved.", out),
            None => self.leave_page("", out),
        }
    }
}

/// The heading plain mode prints above each place, as the full-screen app's header does.
fn after_header(at: At) -> &'static str {
    match at {
        At::LogDoor | At::LogAnswer(_) | At::LogNote(..) | At::Logged(_) => "Log an ask",
        At::Plan | At::Boundary => "After repeated no",
        At::Timeline | At::Review(_) | At::ReviewResult(_) => "Timeline",
        At::Doors | At::Door(_) => "Lower doors",
        At::Solo | At::Section(_) | At::Build(..) | At::JournalPrompts | At::Journal(_) => {
            "On your own"
        }
        At::Export => "A summary for your own counselor",
        At::Trends => "Trends",
    }
}

/// The page a place of this file shows, as core names it.
pub(super) fn page_of(at: At) -> PageId {
    match at {
        At::LogDoor => PageId::LogDoor,
        At::LogAnswer(_) => PageId::LogAnswer,
        At::LogNote(..) => PageId::LogNote,
        At::Logged(_) => PageId::Logged,
        At::Plan | At::Boundary => PageId::RepeatedNo,
        At::Timeline => PageId::Timeline,
        At::Review(_) => PageId::Review,
        At::ReviewResult(_) => PageId::ReviewResult,
        At::Doors => PageId::Doors,
        At::Door(_) => PageId::Door,
        At::Solo => PageId::Solo,
        At::Section(_) => PageId::SoloSection,
        At::Build(..) => PageId::Build,
        At::JournalPrompts => PageId::JournalPrompts,
        At::Journal(_) => PageId::Journal,
        At::Export => PageId::ExportSummary,
        At::Trends => PageId::Trends,
    }
}
