//! Reading what was typed: the words that work at every prompt, and option numbers.

use std::io::{self, BufRead, Write};

/// The most one line may hold; anything longer is cut (it is never an answer).
const MAX_LINE_BYTES: u64 = 64 * 1024;

/// A word that works at every prompt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    Back,
    Help,
    /// The help lines: the chosen country's and the international directories.
    Resources,
    /// Every country's help lines.
    ResourcesAll,
    Quit,
    /// Leave at once and clear what the terminal shows: plain mode's quick exit.
    Hide,
}

impl Command {
    /// The word, if the whole line is one of them (any case, surrounding space ignored).
    pub fn parse(line: &str) -> Option<Command> {
        match line.trim().to_lowercase().as_str() {
            "back" | "b" => Some(Command::Back),
            "help" | "h" | "?" => Some(Command::Help),
            "resources" | "crisis" => Some(Command::Resources),
            "resources all" | "crisis all" => Some(Command::ResourcesAll),
            "quit" | "q" | "exit" => Some(Command::Quit),
            "hide" => Some(Command::Hide),
            _ => None,
        }
    }
}

impl Command {
    /// The command, if the whole line is one of the five words in full (any case): at a
    /// prompt for the user's own words, where "q" or "?" may well be writing.
    pub fn parse_word(line: &str) -> Option<Command> {
        match line.trim().to_lowercase().as_str() {
            "back" => Some(Command::Back),
            "help" => Some(Command::Help),
            "resources" => Some(Command::Resources),
            "resources all" => Some(Command::ResourcesAll),
            "quit" => Some(Command::Quit),
            "hide" => Some(Command::Hide),
            _ => None,
        }
    }
}

/// Why typed numbers are not a choice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NumbersError {
    Empty,
    /// Not a number at all (the text as typed is not kept: it may be private).
    NotANumber,
    /// A number with no option.
    OutOfRange(usize),
    /// Several numbers where only one is wanted.
    TooMany,
}

/// Reads option numbers, 1-based, separated by spaces or commas: "2", "2 5", "2,5, 7".
/// Returns 0-based indexes in the order typed, each once.
pub fn numbers(line: &str, len: usize, many: bool) -> Result<Vec<usize>, NumbersError> {
    let mut picked = Vec::new();
    for part in line
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|p| !p.is_empty())
    {
        let part = part.strip_suffix('.').unwrap_or(part);
        let n: usize = part.parse().map_err(|_| NumbersError::NotANumber)?;
        if n == 0 || n > len {
            return Err(NumbersError::OutOfRange(n));
        }
        if !picked.contains(&(n - 1)) {
            picked.push(n - 1);
        }
    }
    if picked.is_empty() {
        return Err(NumbersError::Empty);
    }
    if !many && picked.len() > 1 {
        return Err(NumbersError::TooMany);
    }
    Ok(picked)
}

/// One line without its line ending, or `None` at the end of input. Bytes that are not UTF-8
/// are replaced rather than refused. A line longer than 64 KiB is never an answer: it is
/// skipped without being kept in memory, `out` says so, and the next line is read instead.
pub fn read_line(input: &mut impl BufRead, out: &mut impl Write) -> io::Result<Option<String>> {
    loop {
        let mut bytes = Vec::new();
        let n = io::Read::take(&mut *input, MAX_LINE_BYTES + 1).read_until(b'\n', &mut bytes)?;
        if n == 0 {
            return Ok(None);
        }
        let complete = bytes.last() == Some(&b'\n') || n as u64 <= MAX_LINE_BYTES;
        if complete {
            let text = String::from_utf8_lossy(&bytes);
            return Ok(Some(text.trim_end_matches(['\n', '\r']).to_string()));
        }
        drop(bytes);
        skip_rest_of_line(input)?;
        writeln!(
            out,
            "That line was longer than {} KiB, so none of it was used. Please type something shorter.",
            MAX_LINE_BYTES / 1024
        )?;
        out.flush()?;
    }
}

/// Reads up to and including the next newline (or the end of input), keeping none of it.
pub fn skip_rest_of_line(input: &mut impl BufRead) -> io::Result<()> {
    loop {
        let buf = input.fill_buf()?;
        if buf.is_empty() {
            return Ok(());
        }
        if let Some(at) = buf.iter().position(|&b| b == b'\n') {
            input.consume(at + 1);
            return Ok(());
        }
        let n = buf.len();
        input.consume(n);
    }
}

/// Standard input for plain mode, read through a buffer that is zeroed as it is consumed:
/// a passphrase read from a pipe leaves no copy in it. On Unix it reads a duplicate of the
/// standard input descriptor, bypassing the standard library's own stdin buffer (which
/// would keep the bytes until overwritten).
pub struct WipingInput {
    source: Box<dyn io::Read>,
    buf: zeroize::Zeroizing<Vec<u8>>,
    pos: usize,
    filled: usize,
}

impl WipingInput {
    const CAPACITY: usize = 8 * 1024;

    pub fn new(source: Box<dyn io::Read>) -> Self {
        WipingInput {
            source,
            buf: zeroize::Zeroizing::new(vec![0; Self::CAPACITY]),
            pos: 0,
            filled: 0,
        }
    }

    /// This process's standard input.
    pub fn stdin() -> Self {
        #[cfg(unix)]
        {
            use std::os::fd::AsFd;
            if let Ok(fd) = io::stdin().as_fd().try_clone_to_owned() {
                return Self::new(Box::new(std::fs::File::from(fd)));
            }
        }
        Self::new(Box::new(io::stdin()))
    }
}

impl io::Read for WipingInput {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let available = self.fill_buf()?;
        let n = available.len().min(out.len());
        out[..n].copy_from_slice(&available[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl BufRead for WipingInput {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.pos >= self.filled {
            self.pos = 0;
            self.filled = loop {
                match self.source.read(&mut self.buf) {
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                    other => break other?,
                }
            };
        }
        Ok(&self.buf[self.pos..self.filled])
    }

    fn consume(&mut self, amount: usize) {
        let end = (self.pos + amount).min(self.filled);
        self.buf[self.pos..end].fill(0);
        self.pos = end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_are_whole_words() {
        assert_eq!(Command::parse(" BACK "), Some(Command::Back));
        assert_eq!(Command::parse("resources"), Some(Command::Resources));
        assert_eq!(Command::parse("quit now"), None);
        assert_eq!(Command::parse(" Hide"), Some(Command::Hide));
        assert_eq!(Command::parse_word("hide"), Some(Command::Hide));
        assert_eq!(Command::parse("3"), None);
    }

    #[test]
    fn numbers_by_space_or_comma() {
        assert_eq!(numbers("2", 3, false), Ok(vec![1]));
        assert_eq!(numbers(" 2. ", 3, false), Ok(vec![1]));
        assert_eq!(numbers("2 5,7, 2", 14, true), Ok(vec![1, 4, 6]));
        assert_eq!(numbers("", 3, true), Err(NumbersError::Empty));
        assert_eq!(numbers("4", 3, false), Err(NumbersError::OutOfRange(4)));
        assert_eq!(numbers("0", 3, false), Err(NumbersError::OutOfRange(0)));
        assert_eq!(numbers("1 2", 3, false), Err(NumbersError::TooMany));
        assert_eq!(numbers("yes", 3, false), Err(NumbersError::NotANumber));
    }

    #[test]
    fn lines_end_at_newline_or_input() {
        let mut input = io::Cursor::new(b"one\r\ntwo\n\xff\nlast".to_vec());
        let out = &mut Vec::new();
        assert_eq!(read_line(&mut input, out).unwrap().as_deref(), Some("one"));
        assert_eq!(read_line(&mut input, out).unwrap().as_deref(), Some("two"));
        assert_eq!(
            read_line(&mut input, out).unwrap().as_deref(),
            Some("\u{fffd}")
        );
        assert_eq!(read_line(&mut input, out).unwrap().as_deref(), Some("last"));
        assert_eq!(read_line(&mut input, out).unwrap(), None);
        assert!(out.is_empty());
    }

    #[test]
    fn an_overlong_line_is_never_an_answer_and_the_next_line_is_read() {
        let max = usize::try_from(MAX_LINE_BYTES).unwrap();
        for len in [max + 1, 3 * max] {
            let mut text = "x".repeat(len);
            text.push_str("\nshort\n");
            let mut input = WipingInput::new(Box::new(io::Cursor::new(text.into_bytes())));
            let mut out = Vec::new();
            assert_eq!(
                read_line(&mut input, &mut out).unwrap().as_deref(),
                Some("short")
            );
            let said = String::from_utf8(out).unwrap();
            assert!(said.contains("longer than 64 KiB"), "{said}");
        }
        // Exactly the limit still reads, with or without its newline.
        let exact = "y".repeat(max);
        let mut input = io::Cursor::new(format!("{exact}\n{exact}").into_bytes());
        let out = &mut Vec::new();
        assert_eq!(
            read_line(&mut input, out).unwrap().unwrap().len(),
            exact.len()
        );
        assert_eq!(
            read_line(&mut input, out).unwrap().unwrap().len(),
            exact.len()
        );
    }

    #[test]
    fn the_wiping_input_zeroes_what_it_has_handed_out() {
        let mut input =
            WipingInput::new(Box::new(io::Cursor::new(b"secret-pass\nnext\n".to_vec())));
        let mut line = Vec::new();
        input.read_until(b'\n', &mut line).unwrap();
        assert_eq!(line, b"secret-pass\n");
        assert!(
            !input.buf.windows(6).any(|w| w == b"secret"),
            "consumed bytes are zeroed"
        );
        assert_eq!(input.fill_buf().unwrap(), b"next\n");
    }
}
