//! The home menu: what it shows and where each of its items leads.

use super::input::Command;
use super::{Next, Place, Plain, YesNo, history, line, options, settings};
use crate::core::glance::Glance;
use crate::core::place::{self, Opened, PageId};
use crate::core::session::{self, HomeItem};
use crate::pages::Words;
use std::io::{self, BufRead, Write};

impl Plain {
    pub(super) fn show_home(&self, out: &mut impl Write) -> io::Result<()> {
        line(out, "Home")?;
        let voice = self.voice();
        let glance = Glance::of(&self.data);
        for l in crate::pages::after::home_status(Words::new(&self.content, &voice), &glance) {
            line(out, &l)?;
        }
        if let Some(status) = crate::pages::after::timeline_status(&glance, self.today()) {
            line(out, &status)?;
        }
        let since = crate::pages::after::since_last_time(
            Words::new(&self.content, &voice),
            &glance,
            self.today(),
        );
        if !since.is_empty() {
            line(out, "Since last time:")?;
            for l in since {
                line(out, &format!("- {l}"))?;
            }
        }
        line(out, "What would you like to do?")?;
        let labels: Vec<String> = glance
            .items
            .iter()
            .map(|&item| session::home_label(&self.content, &glance, item))
            .collect();
        options(out, &labels)
    }

    pub(super) fn home(
        &mut self,
        item: HomeItem,
        input: &mut impl BufRead,
        out: &mut impl Write,
    ) -> io::Result<Next> {
        let now = (self.clock)();
        match place::open(&self.content, &mut self.data, item, now) {
            Opened::Resume(flow) => {
                self.flow = Some(flow);
                line(out, "Continuing where you stopped.")?;
                self.go(Place::Question, out)?;
            }
            Opened::ConfirmRestart => {
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
                    YesNo::Yes => self.start(out)?,
                }
            }
            Opened::StartCheckIn => self.start(out)?,
            Opened::Result(index) => self.go(Place::Result(index), out)?,
            Opened::Rehearsal(entry) => self.show_entry(entry, out)?,
            Opened::Script(index) => self.open_script(index, out)?,
            Opened::Nothing if item == HomeItem::Script => {
                line(out, "There is no saved script yet.")?;
            }
            Opened::Nothing => {}
            Opened::Page(PageId::History) => {
                self.history_from = 0;
                self.go(Place::History(history::At::List), out)?;
            }
            Opened::Page(PageId::CrisisLines) => {
                return self.command(Command::Resources, input, out);
            }
            Opened::Page(PageId::Partner) => self.go(Place::Partner, out)?,
            Opened::Page(PageId::Settings) => {
                self.go(Place::Settings(settings::At::Menu), out)?;
            }
            Opened::Page(page) => self.after_page(page, out)?,
            Opened::Quit => return self.quit(input, out),
        }
        Ok(Next::Stay)
    }
}
