//! The plain front end: the whole app as a line-by-line conversation.
//!
//! No alternate screen, no cursor movement, no colours, no box drawing: every line is printed
//! once, in order, so it works with a screen reader, over a slow link, in a `TERM=dumb`
//! terminal, and with answers piped in by a script. Options are answered by number; `back`,
//! `help`, `resources` and `quit` work at every prompt; the end of input leaves (everything is
//! already saved). The rules are the core's (`core::session`, `core::flow`, `core::report`),
//! the same as the TUI's.

mod after;
mod checkin;
mod dispatch;
mod history;
mod home;
pub mod input;
mod lines;
mod rehearse;
pub mod secret;
mod settings;
mod setup;
/// The shared words of longer texts (result, welcome, crisis lines, summary), as plain mode
/// has always offered them.
pub use crate::pages::text;

pub use lines::page_lines;

use crate::content::{Content, Pronouns, Voice, render};
use crate::core::flow::Flow;
use crate::core::place::PageId;
use crate::core::record::{Movement, SavedData};
use crate::core::session;
use crate::pages::Page;
use crate::store::{Store, StoreError};
use jiff::Timestamp;
use lines::{
    Written, a_number, crisis_lines, line, number_prompt, options, own_line, pick, read_written,
    tagged_page_lines,
};
use std::collections::BTreeMap;
use std::io::{self, BufRead, Write};

/// Where answers are kept, in words, after everything was deleted.
const PRIVATE_LOCATION: &str = "Everything Overture saved was deleted. From now on this is a private session: nothing you answer is saved.";
const PRIVATE_AFTER_FAILED_WIPE: &str = "Not everything Overture saved could be deleted (see above). From now on this is a private session: nothing you answer is saved.";

/// How the conversation ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// The user typed `quit` or chose Quit.
    Quit,
    /// The input ended.
    EndOfInput,
    /// The user typed `hide`: left at once, with the terminal cleared where it could be.
    Hide,
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
    /// Output goes to a terminal that takes escape codes: `hide` clears its screen and
    /// scrollback.
    clears_on_hide: bool,
    /// `hide` was typed inside a text (which it ends, and which is kept): leave once the
    /// text is handled.
    hide_requested: std::cell::Cell<bool>,
    /// Everything saved was deleted from inside this session (nothing is written since).
    /// Whether a delete of everything ran this session, and whether it removed everything.
    wiped: Option<bool>,
    /// The page last printed (an aside like the crisis lines counts): what `page_id` says.
    last_page: std::cell::Cell<PageId>,
}

impl Plain {
    /// Starts over loaded data. `store` is `None` for a session that writes nothing.
    pub fn new(content: Content, data: SavedData, store: Option<Store>) -> Self {
        let place = if data.profile.is_some() {
            Place::Home
        } else {
            Place::Welcome
        };
        let spelling = session::spelling(&data);
        Plain {
            content: content.into_reworded(crate::content::Face::Plain, spelling),
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
            clears_on_hide: false,
            hide_requested: std::cell::Cell::new(false),
            wiped: None,
            last_page: std::cell::Cell::new(page_of(place)),
        }
    }

    /// Whether the last save failed, so what was typed is not all on disk.
    pub fn unsaved(&self) -> bool {
        self.unsaved
    }

    /// The page the user last saw, named as core names it (the full-screen app says the same).
    pub fn page_id(&self) -> PageId {
        self.last_page.get()
    }

    /// Input comes from a terminal, so passphrases are typed without being shown. (From a
    /// pipe there is nothing to hide them from.)
    #[must_use]
    pub fn with_hidden_typing(mut self, from_terminal: bool) -> Self {
        self.hidden_typing = from_terminal;
        self
    }

    /// Output goes to a terminal that takes escape codes, so `hide` can clear it.
    #[must_use]
    pub fn with_clearing(mut self, terminal: bool) -> Self {
        self.clears_on_hide = terminal;
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
            let Some(typed) = input::read_line(input, out)? else {
                self.drop_untouched_rehearsal(out)?;
                line(out, "")?;
                line(out, "End of input.")?;
                self.goodbye(out)?;
                return Ok(Ending::EndOfInput);
            };
            // An aside (the crisis lines, help) lasts until the next line: then the page is
            // the place the user is at again.
            self.last_page.set(self.place_page());
            let next = self.handle(&typed, input, out)?;
            if self.hide_requested.get() || matches!(next, Next::Leave(Ending::Hide)) {
                return self.hide(out);
            }
            if let Next::Leave(ending) = next {
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

    fn crisis_lines(&self, out: &mut impl Write, all: bool) -> io::Result<()> {
        for l in crisis_lines(&self.content, &self.data, all) {
            line(out, &l)?;
        }
        Ok(())
    }

    /// Spells the texts for the country now chosen ([`session::respelling`]).
    fn respell(&mut self) {
        if let Some(spelling) = session::respelling(&self.data) {
            self.content = self.content.for_spelling(spelling);
        }
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

    /// Writes everything now. Returns how it went, as text to follow a sentence (empty for a
    /// private session). On failure the answers stay in memory.
    fn persist(&mut self) -> String {
        self.persist_as(false)
    }

    /// [`Plain::persist`], or after a delete (`scrubbed`), leaving no copy of what was deleted
    /// in Overture's files, the backup included ([`crate::store::Store::save_scrubbed`]).
    fn persist_as(&mut self, scrubbed: bool) -> String {
        let Some(store) = self.store.as_mut() else {
            return String::new();
        };
        let saved = if scrubbed {
            store.save_scrubbed(&self.data)
        } else {
            store.save(&self.data)
        };
        match saved {
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

impl Plain {
    /// The page the place shows now: the check-in's place shows the review at its end.
    fn place_page(&self) -> PageId {
        if self.place == Place::Question && self.flow.as_ref().is_some_and(Flow::is_reviewing) {
            PageId::CheckinReview
        } else {
            page_of(self.place)
        }
    }
}

/// The page a place shows, as core names it.
fn page_of(place: Place) -> PageId {
    match place {
        Place::Welcome => PageId::Welcome,
        Place::Partner => PageId::Partner,
        Place::Pronouns(_) => PageId::Pronouns,
        Place::Home => PageId::Home,
        Place::Question => PageId::Question,
        Place::Result(_) => PageId::Result,
        Place::Rehearsal(at) => rehearse::page_of(at),
        Place::After(at) => after::page_of(at),
        Place::History(at) => history::page_of(at),
        Place::Settings(at) => settings::page_of(at),
    }
}
