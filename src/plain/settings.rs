//! Settings in plain mode: the country whose crisis lines come first, the passphrase lock
//! (passphrases typed without being shown, see `secret`), and deleting everything.

use super::{Next, Place, Plain, YesNo, line, number_prompt, options, pick, secret};
use crate::core::place::PageId;
use crate::core::session::{self, SettingsItem};
use crate::store;
use age::secrecy::ExposeSecret;
use std::io::{self, BufRead, Write};

/// The resources region that holds the international directories, not a country.
const INTERNATIONAL: &str = "intl";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum At {
    Menu,
    /// Choosing the country whose crisis lines come first.
    Country,
}

/// What a change of the lock does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LockChange {
    On,
    /// A new passphrase in place of the current one.
    New,
    Off,
}

impl Plain {
    /// The settings on offer (the core decides: the lock only where something is saved).
    fn settings_items(&self) -> Vec<SettingsItem> {
        session::settings_items(self.store.as_ref().map(store::Store::is_locked_at_rest))
    }

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
                let labels: Vec<String> = self
                    .settings_items()
                    .into_iter()
                    .map(|item| {
                        crate::pages::resources::settings_label(&self.content, &self.data, item)
                    })
                    .collect();
                options(out, &labels)
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
            At::Menu => number_prompt(self.settings_items().len()),
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
            At::Menu => {
                let items = self.settings_items();
                match pick(typed, items.len(), out)?.and_then(|i| items.get(i).copied()) {
                    Some(SettingsItem::Country) => self.go(Place::Settings(At::Country), out)?,
                    Some(SettingsItem::LockOn) => {
                        return self.change_lock(LockChange::On, input, out);
                    }
                    Some(SettingsItem::ChangePassphrase) => {
                        return self.change_lock(LockChange::New, input, out);
                    }
                    Some(SettingsItem::LockOff) => {
                        return self.change_lock(LockChange::Off, input, out);
                    }
                    Some(SettingsItem::DeleteEverything) => {
                        return self.delete_everything(input, out);
                    }
                    None => {}
                }
            }
            At::Country => {
                let countries = self.countries();
                if let Some(i) = pick(typed, countries.len() + 1, out)? {
                    let choice = countries.get(i).copied();
                    let name =
                        choice.map_or_else(|| "every country".to_string(), |r| r.name.clone());
                    self.data.settings.country = choice.map(|r| r.id.clone());
                    self.data.settings.country_from_locale = false;
                    self.respell();
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
        match self.yes_or_no(input, out)? {
            YesNo::Leave(ending) => {
                line(out, "Nothing was deleted.")?;
                return self.leave(ending, out);
            }
            YesNo::No => line(out, "Nothing was deleted.")?,
            YesNo::Yes => {
                let outcome = store::wipe_from_app(self.store.take());
                self.data = crate::core::record::SavedData::default();
                self.flow = None;
                self.recheck = false;
                self.unsaved = false;
                // Only a delete that removed everything may be called one.
                self.wiped = Some(outcome.everything_deleted);
                self.location = if outcome.everything_deleted {
                    super::PRIVATE_LOCATION
                } else {
                    super::PRIVATE_AFTER_FAILED_WIPE
                }
                .to_string();
                line(out, &outcome.said)?;
                self.go(Place::Welcome, out)?;
            }
        }
        Ok(Next::Stay)
    }

    pub(super) fn back_settings(&mut self, at: At, out: &mut impl Write) -> io::Result<()> {
        match at {
            At::Menu => self.leave_page("", out),
            At::Country => self.leave_page("Nothing was changed.", out),
        }
    }

    /// Turns the lock on, changes the passphrase or turns the lock off, with passphrases typed
    /// without being shown. Any mismatch or empty line changes nothing.
    fn change_lock(
        &mut self,
        change: LockChange,
        input: &mut impl BufRead,
        out: &mut impl Write,
    ) -> io::Result<Next> {
        let hidden = self.hidden_typing;
        if change == LockChange::On {
            line(
                out,
                "With the lock on, your answers are encrypted on this device and Overture asks for the passphrase each time it opens. There is no way to recover a forgotten passphrase.",
            )?;
        }
        let current = if change == LockChange::On {
            None
        } else {
            line(out, "Your current passphrase (not shown):")?;
            let Some(current) = secret::read(input, out, hidden)? else {
                return self.lock_unchanged(out);
            };
            Some(current)
        };
        let new = if change == LockChange::Off {
            None
        } else {
            line(out, "The new passphrase (not shown):")?;
            let Some(first) = secret::read(input, out, hidden)? else {
                return self.lock_unchanged(out);
            };
            if let Some(advice) = store::passphrase_advice(&first) {
                line(out, advice)?;
                if first.expose_secret().trim().is_empty() {
                    return self.lock_unchanged(out);
                }
            }
            line(out, "Type it again:")?;
            let Some(again) = secret::read(input, out, hidden)? else {
                return self.lock_unchanged(out);
            };
            if again.expose_secret() != first.expose_secret() {
                line(out, "The two did not match. Nothing was changed.")?;
                self.go(Place::Settings(At::Menu), out)?;
                return Ok(Next::Stay);
            }
            Some(first)
        };
        let Some(store) = self.store.as_mut() else {
            return self.lock_unchanged(out);
        };
        line(out, "Working\u{2026}")?;
        out.flush()?;
        match store.set_passphrase(&self.data, current.as_ref(), new.as_ref()) {
            Ok(()) => line(
                out,
                match change {
                    LockChange::On => {
                        "Locked. From now on Overture asks for the passphrase when it opens. There is no recovery if it is forgotten."
                    }
                    LockChange::New => "The passphrase is changed.",
                    LockChange::Off => {
                        "The lock is off: your answers are saved as plain text again."
                    }
                },
            )?,
            Err(e) => line(out, &format!("Not changed: {e}"))?,
        }
        self.go(Place::Settings(At::Menu), out)?;
        Ok(Next::Stay)
    }

    fn lock_unchanged(&mut self, out: &mut impl Write) -> io::Result<Next> {
        line(out, "Nothing was changed.")?;
        self.go(Place::Settings(At::Menu), out)?;
        Ok(Next::Stay)
    }
}

/// The page a place of the settings shows, as core names it.
pub(super) fn page_of(at: At) -> PageId {
    match at {
        At::Menu => PageId::Settings,
        At::Country => PageId::Country,
    }
}
