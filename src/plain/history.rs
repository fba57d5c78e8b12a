//! Saved answers in plain mode: every snapshot newest first, a page at a time; one opened in
//! full; two check-ins compared; one or all deleted after a yes. The rules are
//! `core::history`'s, the words `pages::history`'s.

use super::{Next, Place, Plain, YesNo, a_number, line, number_prompt, options, pick};
use crate::core::history::{self, Snapshot};
use crate::core::place::PageId;
use crate::pages::{Words, history as page};
use std::io::{self, BufRead, Write};

/// How many snapshots one listing shows.
pub(super) const LISTED: usize = 20;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum At {
    /// The list, from `Plain::history_from`.
    List,
    /// One snapshot in full, with what can be done with it.
    Snapshot(Snapshot),
    /// Choosing the check-in to compare with (by index into `data.assessments`).
    PickCompare(usize),
    /// Two check-ins side by side, older first.
    Compare(usize, usize),
}

impl Plain {
    /// The check-ins another one can be compared with, newest first.
    fn compare_choices(&self, first: usize) -> Vec<usize> {
        (0..self.data.assessments.len())
            .rev()
            .filter(|i| *i != first)
            .collect()
    }

    fn snapshot_menu(&self, snap: Snapshot) -> Vec<String> {
        let mut menu = vec![
            "Back to the list".to_string(),
            format!("Delete this {}", snap.kind.noun()),
        ];
        if history::comparable(snap) && self.data.assessments.len() > 1 {
            menu.push("Compare it with another check-in".to_string());
        }
        menu
    }

    pub(super) fn show_history(&self, at: At, out: &mut impl Write) -> io::Result<()> {
        let voice = self.voice();
        let w = Words::new(&self.content, &voice);
        line(out, "Saved answers")?;
        match at {
            At::List => {
                let all = history::list(&self.data);
                if all.is_empty() {
                    return line(out, "Nothing is saved yet.");
                }
                let from = self.history_from.min(all.len() - 1);
                let to = (from + LISTED).min(all.len());
                line(
                    out,
                    &format!(
                        "{} saved, newest first. Showing {} to {to}.",
                        all.len(),
                        from + 1
                    ),
                )?;
                for (i, snap) in all.iter().enumerate().take(to).skip(from) {
                    line(
                        out,
                        &format!("  {}. {}", i + 1, page::row(w, &self.data, *snap)),
                    )?;
                }
                if to < all.len() {
                    line(
                        out,
                        &format!("{} older: type more to list them.", all.len() - to),
                    )?;
                }
                Ok(())
            }
            At::Snapshot(snap) => {
                self.page(out, &page::snapshot(w, &self.data, snap))?;
                line(out, "")?;
                options(out, &self.snapshot_menu(snap))
            }
            At::PickCompare(first) => {
                let Some(a) = self.data.assessments.get(first) else {
                    return Ok(());
                };
                line(
                    out,
                    &format!(
                        "Compare the check-in of {} with which one?",
                        super::text::date_time(a.completed_at)
                    ),
                )?;
                let labels: Vec<String> = self
                    .compare_choices(first)
                    .into_iter()
                    .filter_map(|i| self.data.assessments.get(i))
                    .map(|a| {
                        format!(
                            "{}: {}",
                            super::text::date_time(a.completed_at),
                            super::text::outcome_title(&self.content, a, &voice)
                        )
                    })
                    .collect();
                if labels.is_empty() {
                    return line(out, "There is no other check-in to compare it with yet.");
                }
                options(out, &labels)
            }
            At::Compare(older, newer) => {
                self.page(out, &page::compare(w, &self.data, older, newer))
            }
        }
    }

    pub(super) fn prompt_history(&self, at: At) -> String {
        match at {
            At::List => {
                let len = history::list(&self.data).len();
                if len == 0 {
                    return "Press Enter for the home menu.".to_string();
                }
                let more = if self.history_from + LISTED < len {
                    ", more for older ones"
                } else {
                    ""
                };
                format!(
                    "Type the number of one to open it (1 to {len}){more}, or delete all to delete every saved answer:"
                )
            }
            At::Snapshot(snap) => format!(
                "Type {}, or press Enter to go back to the list:",
                a_number(self.snapshot_menu(snap).len())
            ),
            At::PickCompare(first) => match self.compare_choices(first).len() {
                0 => "Press Enter to go back to the list.".to_string(),
                n => number_prompt(n),
            },
            At::Compare(..) => "Press Enter to go back to the list.".to_string(),
        }
    }

    pub(super) fn help_history(at: At, out: &mut impl Write) -> io::Result<()> {
        match at {
            At::List => {
                line(out, "Type the number of a saved answer to read it in full.")?;
                line(out, "  more: list the next older ones")?;
                line(
                    out,
                    "  delete all: delete every saved answer (asks first; your partner word and settings stay)",
                )
            }
            _ => line(out, "Type the number of your choice and press Enter."),
        }
    }

    pub(super) fn handle_history(
        &mut self,
        at: At,
        typed: &str,
        input: &mut impl BufRead,
        out: &mut impl Write,
    ) -> io::Result<Next> {
        let typed = typed.trim();
        match at {
            At::List => return self.list_command(typed, input, out),
            // Enter alone goes back to the list, as on the full-screen app's snapshot page.
            At::Snapshot(_) if typed.trim().is_empty() => {
                self.go(Place::History(At::List), out)?;
            }
            At::Snapshot(snap) => {
                let menu = self.snapshot_menu(snap);
                match pick(typed, menu.len(), out)? {
                    Some(0) => self.go(Place::History(At::List), out)?,
                    Some(1) => return self.delete_one(snap, input, out),
                    Some(_) => self.go(Place::History(At::PickCompare(snap.index)), out)?,
                    None => {}
                }
            }
            At::PickCompare(first) => {
                let choices = self.compare_choices(first);
                if choices.is_empty() {
                    self.go(Place::History(At::List), out)?;
                } else if let Some(i) = pick(typed, choices.len(), out)? {
                    let other = choices[i];
                    let (older, newer) = (first.min(other), first.max(other));
                    self.go(Place::History(At::Compare(older, newer)), out)?;
                }
            }
            At::Compare(..) => {
                if typed.is_empty() {
                    self.go(Place::History(At::List), out)?;
                } else {
                    line(out, "Press Enter on an empty line to go back to the list.")?;
                }
            }
        }
        Ok(Next::Stay)
    }

    fn list_command(
        &mut self,
        typed: &str,
        input: &mut impl BufRead,
        out: &mut impl Write,
    ) -> io::Result<Next> {
        let all = history::list(&self.data);
        let lower = typed.to_lowercase();
        if all.is_empty() {
            if typed.is_empty() {
                self.go(Place::Home, out)?;
            } else {
                line(out, "Press Enter on an empty line for the home menu.")?;
            }
        } else if lower == "more" {
            if self.history_from + LISTED < all.len() {
                self.history_from += LISTED;
                self.show(out)?;
            } else {
                line(out, "That was the oldest.")?;
            }
        } else if lower == "delete all" {
            return self.delete_all(input, out);
        } else {
            match super::input::numbers(typed, all.len(), false) {
                Ok(picked) => {
                    if let Some(snap) = picked.first().and_then(|i| all.get(*i)) {
                        self.go(Place::History(At::Snapshot(*snap)), out)?;
                    }
                }
                Err(_) => line(
                    out,
                    &format!(
                        "Type the number of one of them (1 to {}), more for older ones, or delete all.",
                        all.len()
                    ),
                )?,
            }
        }
        Ok(Next::Stay)
    }

    fn delete_one(
        &mut self,
        snap: Snapshot,
        input: &mut impl BufRead,
        out: &mut impl Write,
    ) -> io::Result<Next> {
        line(
            out,
            &format!(
                "This deletes that {} from your saved answers, and cannot be undone. Copies made before (backups, synced folders, old disk blocks, a file you exported) are out of its reach. Delete it? Type yes or no:",
                snap.kind.noun()
            ),
        )?;
        match self.yes_or_no(input, out)? {
            YesNo::Leave(ending) => {
                line(out, "Nothing was deleted.")?;
                return self.leave(ending, out);
            }
            YesNo::No => line(out, "Nothing was deleted.")?,
            YesNo::Yes => {
                let before = crate::core::gate::current(&self.data);
                if history::delete(&mut self.data, snap, (self.clock)()) {
                    let saved = self.persist_scrubbed();
                    line(out, &format!("Deleted that {}.{saved}", snap.kind.noun()))?;
                    if let Some(change) =
                        history::change_after_delete(&self.content, before, &self.data)
                    {
                        line(out, &change)?;
                    }
                }
            }
        }
        self.go(Place::History(At::List), out)?;
        Ok(Next::Stay)
    }

    fn delete_all(&mut self, input: &mut impl BufRead, out: &mut impl Write) -> io::Result<Next> {
        line(
            out,
            "This deletes every check-in, rehearsal, ask, review and journal entry. Your partner word and settings stay. It cannot reach:",
        )?;
        for limit in crate::store::WIPE_LIMITS {
            line(out, &format!("- {limit}"))?;
        }
        line(out, "Delete every saved answer? Type yes or no:")?;
        match self.yes_or_no(input, out)? {
            YesNo::Leave(ending) => {
                line(out, "Nothing was deleted.")?;
                return self.leave(ending, out);
            }
            YesNo::No => {
                line(out, "Nothing was deleted.")?;
                self.show(out)?;
            }
            YesNo::Yes => {
                history::delete_all(&mut self.data);
                self.flow = None;
                let saved = self.persist_scrubbed();
                line(
                    out,
                    &format!(
                        "Every saved answer is deleted; your partner word and settings are kept.{saved}"
                    ),
                )?;
                self.go(Place::Home, out)?;
            }
        }
        Ok(Next::Stay)
    }

    /// Saves after a delete so that no file of Overture's (the backup included) keeps what was
    /// deleted.
    fn persist_scrubbed(&mut self) -> String {
        self.persist_as(true)
    }

    pub(super) fn back_history(&mut self, at: At, out: &mut impl Write) -> io::Result<()> {
        match at {
            At::List | At::Snapshot(_) | At::Compare(..) => self.leave_page("", out),
            At::PickCompare(first) => {
                let snap = history::list(&self.data)
                    .into_iter()
                    .find(|s| history::comparable(*s) && s.index == first);
                line(out, "Going back.")?;
                match snap {
                    Some(snap) => self.go(Place::History(At::Snapshot(snap)), out),
                    None => self.go(Place::History(At::List), out),
                }
            }
        }
    }
}

/// The page a place of saved answers shows, as core names it.
pub(super) fn page_of(at: At) -> PageId {
    match at {
        At::List => PageId::History,
        At::Snapshot(_) | At::PickCompare(_) => PageId::Snapshot,
        At::Compare(..) => PageId::Compare,
    }
}
