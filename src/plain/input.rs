//! Reading what was typed: the words that work at every prompt, and option numbers.

use std::io::{self, BufRead};

/// The most one line may hold; anything longer is cut (it is never an answer).
const MAX_LINE_BYTES: u64 = 64 * 1024;

/// A word that works at every prompt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    Back,
    Help,
    Resources,
    Quit,
}

impl Command {
    /// The word, if the whole line is one of them (any case, surrounding space ignored).
    pub fn parse(line: &str) -> Option<Command> {
        match line.trim().to_lowercase().as_str() {
            "back" | "b" => Some(Command::Back),
            "help" | "h" | "?" => Some(Command::Help),
            "resources" | "crisis" => Some(Command::Resources),
            "quit" | "q" | "exit" => Some(Command::Quit),
            _ => None,
        }
    }
}

impl Command {
    /// The command, if the whole line is one of the four words in full (any case): at a
    /// prompt for the user's own words, where "q" or "?" may well be writing.
    pub fn parse_word(line: &str) -> Option<Command> {
        match line.trim().to_lowercase().as_str() {
            "back" => Some(Command::Back),
            "help" => Some(Command::Help),
            "resources" => Some(Command::Resources),
            "quit" => Some(Command::Quit),
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
/// are replaced rather than refused.
pub fn read_line(input: &mut impl BufRead) -> io::Result<Option<String>> {
    let mut bytes = Vec::new();
    let n = io::Read::take(&mut *input, MAX_LINE_BYTES).read_until(b'\n', &mut bytes)?;
    if n == 0 {
        return Ok(None);
    }
    if bytes.last() != Some(&b'\n') && n as u64 == MAX_LINE_BYTES {
        // Skip the rest of an overlong line.
        let mut rest = Vec::new();
        input.read_until(b'\n', &mut rest)?;
    }
    let text = String::from_utf8_lossy(&bytes);
    Ok(Some(text.trim_end_matches(['\n', '\r']).to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_are_whole_words() {
        assert_eq!(Command::parse(" BACK "), Some(Command::Back));
        assert_eq!(Command::parse("resources"), Some(Command::Resources));
        assert_eq!(Command::parse("quit now"), None);
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
        assert_eq!(read_line(&mut input).unwrap().as_deref(), Some("one"));
        assert_eq!(read_line(&mut input).unwrap().as_deref(), Some("two"));
        assert_eq!(read_line(&mut input).unwrap().as_deref(), Some("\u{fffd}"));
        assert_eq!(read_line(&mut input).unwrap().as_deref(), Some("last"));
        assert_eq!(read_line(&mut input).unwrap(), None);
    }
}
