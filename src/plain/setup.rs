//! Setting up: the welcome, the word for the partner (from the list or typed) and the
//! pronouns.

use super::input::{self, Command};
use super::lines::capital;
use super::{Ending, Next, Place, Plain, line};
use crate::content::Pronouns;
use crate::core::session::{self, PARTNER_WORDS, PartnerWordError};
use std::io::{self, BufRead, Write};

impl Plain {
    pub(super) fn show_partner(&self, out: &mut impl Write) -> io::Result<()> {
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

    /// Reads a typed partner word: lines up to an empty line, joined.
    pub(super) fn own_word(
        &mut self,
        input: &mut impl BufRead,
        out: &mut impl Write,
    ) -> io::Result<Next> {
        loop {
            line(
                out,
                "Type the word that fits after \u{201c}your\u{201d}, then press Enter on an empty line:",
            )?;
            out.flush()?;
            let mut typed = Vec::new();
            loop {
                let Some(l) = input::read_line(input, out)? else {
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

    pub(super) fn choose_partner_word(
        &mut self,
        word: &str,
        out: &mut impl Write,
    ) -> io::Result<()> {
        let suggested = session::set_partner_word(&mut self.data, word, (self.clock)());
        line(
            out,
            &format!("Overture will say \u{201c}your {word}\u{201d}."),
        )?;
        self.go(Place::Pronouns(suggested), out)
    }

    pub(super) fn choose_pronouns(
        &mut self,
        pronouns: Pronouns,
        out: &mut impl Write,
    ) -> io::Result<()> {
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
}
