//! The settings: the country whose crisis lines come first, the passphrase lock (typed
//! into a form that is wiped from memory) and deleting everything or going private.

use super::{App, Screen, Status};
use crate::core::record::SavedData;
use crate::store::Store;
use crate::tui::keymap::Action;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// The resources region that holds the international directories, not a country.
pub const INTERNATIONAL_REGION: &str = "intl";

pub use crate::core::session::SettingsItem;

/// What a passphrase form does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LockAction {
    On,
    Change,
    Off,
}

/// A passphrase being typed: what it is for, which prompt, and the secrets so far, all wiped
/// from memory when dropped.
pub struct SecretForm {
    pub action: LockAction,
    pub step: usize,
    pub typed: zeroize::Zeroizing<String>,
    current: zeroize::Zeroizing<String>,
    first: zeroize::Zeroizing<String>,
    pub message: Option<String>,
}

impl SecretForm {
    pub(super) fn new(action: LockAction) -> Self {
        SecretForm {
            action,
            step: 0,
            typed: zeroize::Zeroizing::new(String::new()),
            current: zeroize::Zeroizing::new(String::new()),
            first: zeroize::Zeroizing::new(String::new()),
            message: None,
        }
    }

    /// The prompts of this form, in order.
    pub fn prompts(&self) -> &'static [&'static str] {
        match self.action {
            LockAction::On => &["Choose a passphrase:", "Type it again:"],
            LockAction::Change => &[
                "Your current passphrase:",
                "The new passphrase:",
                "Type the new one again:",
            ],
            LockAction::Off => &["Your current passphrase, to turn the lock off:"],
        }
    }
}

impl App {
    /// The countries the user can pick: every region but the international directories,
    /// which are listed for everyone anyway.
    pub fn country_choices(&self) -> Vec<&crate::content::Region> {
        self.content
            .resources
            .regions
            .iter()
            .filter(|r| r.id != INTERNATIONAL_REGION)
            .collect()
    }

    /// The settings on offer: the lock only where something is saved to lock.
    pub fn settings_items(&self) -> Vec<SettingsItem> {
        crate::core::session::settings_items(self.store.as_ref().map(Store::is_locked_at_rest))
    }

    /// Keys while a passphrase is typed: letters go into the (wiped-on-drop) buffer, Enter
    /// goes to the next prompt or applies, Esc cancels. Nothing is ever shown but dots.
    pub(super) fn secret_key(&mut self, key: KeyEvent, action: Option<Action>) {
        let Some(form) = self.secret.as_mut() else {
            return;
        };
        match (action, key.code) {
            (Some(Action::Back), _) => {
                self.secret = None;
                self.status = Some(Status::Info("Nothing was changed.".to_string()));
            }
            (Some(Action::Choose), _) => {
                if form.typed.is_empty() {
                    form.message = Some("Type it first, or press Esc.".to_string());
                    return;
                }
                let typed = std::mem::take(&mut *form.typed);
                let is_current = form.action != LockAction::On && form.step == 0;
                let is_repeat =
                    form.step + 1 == form.prompts().len() && form.action != LockAction::Off;
                if is_current {
                    *form.current = typed;
                } else if is_repeat {
                    if typed != *form.first {
                        form.first.clear();
                        form.step = usize::from(form.action == LockAction::Change);
                        form.message = Some("The two did not match. Choose it again.".to_string());
                        return;
                    }
                } else {
                    let advice = crate::store::passphrase_advice(
                        &crate::store::SecretString::from(typed.clone()),
                    );
                    form.message = advice.map(str::to_string);
                    *form.first = typed;
                }
                form.step += 1;
                if form.step >= form.prompts().len() {
                    let working = match form.action {
                        LockAction::On => "Turning the lock on\u{2026} this takes a moment.",
                        LockAction::Change => {
                            "Changing the passphrase\u{2026} this takes a moment."
                        }
                        LockAction::Off => "Turning the lock off\u{2026} this takes a moment.",
                    };
                    self.status = Some(Status::Info(working.to_string()));
                    self.pending_lock = self.secret.take();
                }
            }
            (_, KeyCode::Backspace) => {
                form.typed.pop();
            }
            (_, KeyCode::Char(c)) if !key.modifiers.contains(KeyModifiers::CONTROL) => {
                form.typed.push(c);
            }
            _ => {}
        }
    }

    /// Work a key press left for after the next frame, so the screen never sits stale while
    /// it runs. The event loop calls this after every draw.
    pub fn run_pending(&mut self) {
        if self.pending_lock.is_some() {
            self.apply_lock();
        }
    }

    /// Turns the lock on, changes it or turns it off, with the passphrases the form holds.
    fn apply_lock(&mut self) {
        let Some(form) = self.pending_lock.take() else {
            return;
        };
        let Some(store) = self.store.as_mut() else {
            return;
        };
        let current = (form.action != LockAction::On)
            .then(|| crate::store::SecretString::from((*form.current).clone()));
        let new = (form.action != LockAction::Off)
            .then(|| crate::store::SecretString::from((*form.first).clone()));
        match store.set_passphrase(&self.data, current.as_ref(), new.as_ref()) {
            Ok(()) => {
                self.status = Some(Status::Info(
                    match form.action {
                        LockAction::On => "Locked. From now on Overture asks for the passphrase when it opens. There is no recovery if it is forgotten.",
                        LockAction::Change => "The passphrase is changed.",
                        LockAction::Off => "The lock is off: your answers are saved as plain text again.",
                    }
                    .to_string(),
                ));
                self.cursor = 0;
            }
            Err(e) => self.status = Some(Status::Warning(format!("Not changed: {e}"))),
        }
    }

    /// Deletes everything Overture saved, then goes on as a private session from the start.
    pub(super) fn wipe_everything(&mut self) {
        let outcome = crate::store::wipe_from_app(self.store.take());
        self.data = SavedData::default();
        self.flow = None;
        self.editor = None;
        self.unsaved = false;
        self.location = "This is a private session: nothing you answer is saved, and it is gone when you leave.".to_string();
        self.go(Screen::Welcome);
        self.status = Some(Status::Warning(outcome.said));
    }

    /// From now on nothing is written. On a first run, the empty folder the store made is
    /// removed again, so a private session leaves no data folder behind.
    pub fn go_private(&mut self) {
        if let Some(store) = self.store.take() {
            let dir = store.dir().to_path_buf();
            let fresh = !store.data_path().exists() && !store.backup_path().exists();
            drop(store);
            if fresh {
                let _ = std::fs::remove_file(dir.join(crate::store::LOCK_FILE));
                let _ = std::fs::remove_dir(&dir);
            }
        }
        self.location = "This is a private session: nothing you answer is saved, and it is gone when you leave.".to_string();
        self.status = Some(Status::Info(
            "Private session: nothing you answer will be saved.".to_string(),
        ));
    }
}
