//! Settings in plain mode: the country whose crisis lines come first, the passphrase lock
//! (set in the full-screen app, where a passphrase is never shown), and deleting everything.

use super::{Next, Place, Plain, line, number_prompt, options, pick, yes_or_no};
use crate::store;
use std::io::{self, BufRead, Write};

/// The resources region that holds the international directories, not a country.
const INTERNATIONAL: &str = "intl";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum At {
    Menu,
    /// Choosing the country whose crisis lines come first.
    Country,
}

const MENU_LEN: usize = 3;

impl Plain {
    /// The countries the user can pick (the international directories are listed for
    /// everyone anyway).
    fn countries(&self) -> Vec<&crate::content::Region> {
        self.content
            .resources
            .regions
            .iter()
            .filter(|r| r.id != INTERNATIONAL)
            .collect()
    }

    pub(super) fn show_settings(&self, at: At, out: &mut impl Write) -> io::Result<()> {
        line(out, "Settings")?;
        match at {
            At::Menu => {
                let country = self
                    .data
                    .settings
                    .country
                    .as_deref()
                    .and_then(|id| self.countries().into_iter().find(|r| r.id == id))
                    .map_or_else(|| "every country".to_string(), |r| r.name.clone());
                options(
                    out,
                    &[
                        format!("Country for crisis lines (now: {country})"),
                        "Passphrase lock".to_string(),
                        "Delete everything Overture saved".to_string(),
                    ],
                )
            }
            At::Country => {
                line(out, "Whose crisis lines should come first?")?;
                let mut labels: Vec<String> =
                    self.countries().iter().map(|r| r.name.clone()).collect();
                labels.push("Show them all, no country first".to_string());
                options(out, &labels)
            }
        }
    }

    pub(super) fn prompt_settings(&self, at: At) -> String {
        match at {
            At::Menu => number_prompt(MENU_LEN),
            At::Country => number_prompt(self.countries().len() + 1),
        }
    }

    pub(super) fn handle_settings(
        &mut self,
        at: At,
        typed: &str,
        input: &mut impl BufRead,
        out: &mut impl Write,
    ) -> io::Result<Next> {
        let typed = typed.trim();
        match at {
            At::Menu => match pick(typed, MENU_LEN, out)? {
                Some(0) => self.go(Place::Settings(At::Country), out)?,
                Some(1) => {
                    let text = if self.store.is_none() {
                        "This private session saves nothing, so there is nothing to lock."
                    } else {
                        "The passphrase lock is turned on, changed and turned off in the full-screen app (overture in a terminal, without --plain), where what you type is never shown. Plain mode cannot hide it from the screen."
                    };
                    line(out, text)?;
                }
                Some(_) => return self.delete_everything(input, out),
                None => {}
            },
            At::Country => {
                let countries = self.countries();
                if let Some(i) = pick(typed, countries.len() + 1, out)? {
                    let choice = countries.get(i).copied();
                    let name =
                        choice.map_or_else(|| "every country".to_string(), |r| r.name.clone());
                    self.data.settings.country = choice.map(|r| r.id.clone());
                    let saved = self.persist();
                    line(out, &format!("Crisis lines now show {name} first.{saved}"))?;
                    self.go(Place::Settings(At::Menu), out)?;
                }
            }
        }
        Ok(Next::Stay)
    }

    fn delete_everything(
        &mut self,
        input: &mut impl BufRead,
        out: &mut impl Write,
    ) -> io::Result<Next> {
        line(
            out,
            "This deletes every check-in, rehearsal and setting Overture saved on this device, and cannot be undone. It cannot reach:",
        )?;
        for limit in store::WIPE_LIMITS {
            line(out, &format!("- {limit}"))?;
        }
        line(out, "Delete everything? Type yes or no:")?;
        match yes_or_no(input, out)? {
            None => return self.end_of_input(out),
            Some(false) => line(out, "Nothing was deleted.")?,
            Some(true) => {
                let said = store::wipe_from_app(self.store.take());
                self.data = crate::core::record::SavedData::default();
                self.flow = None;
                self.recheck = false;
                self.unsaved = false;
                self.location = super::PRIVATE_LOCATION.to_string();
                line(out, &said)?;
                self.go(Place::Welcome, out)?;
            }
        }
        Ok(Next::Stay)
    }

    pub(super) fn back_settings(&mut self, at: At, out: &mut impl Write) -> io::Result<()> {
        match at {
            At::Menu => {
                line(out, "Going back to the home menu.")?;
                self.go(Place::Home, out)
            }
            At::Country => {
                line(out, "Going back. Nothing was changed.")?;
                self.go(Place::Settings(At::Menu), out)
            }
        }
    }
}
