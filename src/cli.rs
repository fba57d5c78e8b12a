//! The command line: what `overture` accepts, which front end runs, and the commands besides
//! the app (history, show, export, wipe, path, completions, man).
//!
//! Answers are never taken on the command line: they would end up in shell history.

use crate::content::Content;
use crate::core::glance::Glance;
use crate::core::history as core_history;
use crate::core::record::SavedData;
use crate::core::session;
use crate::pages::{Words, history as history_page, text};
use crate::plain::{self, Plain};
use crate::store::{self, AtHome, DATA_FILE, Loaded, Store, StoreError};
use crate::tui::{self, app::App, app::Status, theme::Theme};
use clap::{CommandFactory, Parser, Subcommand, ValueEnum};
use std::fs;
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

/// Writes a line of command output. A reader that stops early (`| head`) is not an error.
macro_rules! say {
    ($out:expr) => {{
        let _ = writeln!($out);
    }};
    ($out:expr, $($arg:tt)*) => {{
        let _ = writeln!($out, $($arg)*);
    }};
}

mod saved;
mod wipe;
use saved::{HistoryKind, history, trends};
pub use wipe::wipe;

/// Done.
pub const EXIT_OK: u8 = 0;
/// Something went wrong (the message says what), or a wipe was not confirmed.
pub const EXIT_FAILURE: u8 = 1;
/// The command line was not understood (clap's own code).
pub const EXIT_USAGE: u8 = 2;
/// The data is open in another Overture.
pub const EXIT_LOCKED: u8 = 3;
/// The data file could not be read: it was moved aside.
pub const EXIT_UNREADABLE: u8 = 4;
/// The content built into this copy failed its own checks (a broken build).
pub const EXIT_CONTENT: u8 = 70;

const AFTER_HELP: &str = "\
Exit codes:
  0   Done.
  1   Something went wrong (the message says what), or a wipe was not confirmed.
  2   The command line was not understood.
  3   Your data is open in another Overture. Close that one first.
  4   Your data file could not be read. It was moved aside, never deleted, and the most
      recent copy that could be read was put back. Run the command again.
  70  The content built into this copy of Overture failed its own checks.

Overture never takes answers on the command line, so none end up in your shell history.
In the app, Ctrl-Q leaves at once and Ctrl-G shows crisis lines. In plain mode, type quit
or resources at any prompt.";

/// A private, offline companion for when your partner won't go to couples therapy.
///
/// Answers stay on this device, in a few files in one data folder. Overture never connects to
/// anything. With no command, the app starts: full screen in a terminal, or line by line
/// (plain mode) when input or output is not a terminal, when TERM=dumb, or with --plain.
#[derive(Parser, Debug)]
#[command(
    name = "overture",
    version,
    after_long_help = AFTER_HELP,
    after_help = "Exit codes: 3 = data open in another Overture, 4 = data file unreadable (moved aside). More with --help."
)]
pub struct Cli {
    /// Where to keep your answers (default: your user data folder).
    #[arg(
        long,
        value_name = "DIR",
        env = "OVERTURE_DATA_DIR",
        hide_env_values = true,
        global = true
    )]
    pub data_dir: Option<PathBuf>,

    /// Use no colours at all (also: the `NO_COLOR` environment variable).
    #[arg(long, global = true)]
    pub no_color: bool,

    /// Run the app line by line: no full screen, no colours, answers by number.
    /// Good with screen readers and for piping answers in from a script.
    #[arg(long)]
    pub plain: bool,

    /// Write nothing at all this session: answers live only in memory and are gone when you
    /// leave. Nothing saved earlier is read.
    #[arg(long)]
    pub private: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

impl Cli {
    /// The command line of this process. With no arguments at all (how the app is usually
    /// started) there is nothing for clap to parse, and building its parser is a tenth of
    /// the time to the first frame, so it is skipped; what clap would read then is only
    /// `OVERTURE_DATA_DIR`. An empty one is left to clap, which refuses it.
    pub fn from_env() -> Cli {
        let data_dir = std::env::var_os("OVERTURE_DATA_DIR");
        if std::env::args_os().len() == 1 && data_dir.as_ref().is_none_or(|d| !d.is_empty()) {
            return Cli {
                data_dir: data_dir.map(PathBuf::from),
                no_color: false,
                plain: false,
                private: false,
                command: None,
            };
        }
        Cli::parse()
    }
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// List everything saved (check-ins, rehearsals, asks, reviews, journal), newest first.
    ///
    /// Each row: the id (for `show`), the date and time, the kind and what it holds (a
    /// check-in: its result). A check-in in progress is listed last. `--json` gives scripts
    /// one object per line, a check-in's outcome id among its fields.
    History {
        /// Only this kind of entry.
        #[arg(long, value_enum)]
        kind: Option<HistoryKind>,
        /// One JSON object per line (id, kind, time, date, what; a check-in's outcome id and
        /// title), for scripts.
        #[arg(long)]
        json: bool,
    },
    /// How things have moved over time, as text tables a screen reader can read.
    ///
    /// Readiness per rehearsal, the check-in's signals per check-in, asks per month and how
    /// they went, and the timeline's reviews: the latest 12 rows of each.
    Trends {
        /// Every row, not only the latest 12 of each table.
        #[arg(long)]
        all: bool,
    },
    /// Show one saved answer in full (a check-in: the result, why, and the next steps).
    Show {
        /// Its id, as `overture history` lists it, or `latest` for the latest check-in.
        id: String,
    },
    /// Write a summary for your own therapist (md) or all your saved data (json) to a file.
    ///
    /// The file is a copy outside Overture's folder: `overture wipe` cannot reach it, so
    /// delete it yourself when you no longer need it.
    Export {
        /// The file to write. It must not exist yet. `-` writes to standard output.
        #[arg(long, short, value_name = "FILE")]
        output: PathBuf,
        /// md: the latest result and next steps, the asks, the plan and the timeline.
        /// json: everything Overture saved.
        #[arg(long, value_enum, default_value_t = Format::Md)]
        format: Format,
    },
    /// Delete everything Overture saved on this device, after you type a confirmation.
    ///
    /// Deletes the data file, its backup, temp files, files moved aside as unreadable and the
    /// lock, then the folder if nothing else is in it. It says what it cannot reach.
    Wipe {
        /// Do not ask for confirmation.
        #[arg(long)]
        yes: bool,
    },
    /// Print the help lines (crisis, abuse, self-harm and more) as plain text.
    ///
    /// Reads no saved answers. The country comes from --country, else from this computer's
    /// language setting (its locale); its lines come first, then every other region's.
    Resources {
        /// A region: us, uk, ie, au, ca, nz or intl (a country code such as GB also works).
        #[arg(long, value_name = "CODE")]
        country: Option<String>,
    },
    /// Check a draft written anywhere (an editor, a notes app) with the draft checker.
    ///
    /// Reads FILE, or standard input when there is none or it is `-`, and prints what the
    /// checker finds, as the app shows it. It reads no saved answers and writes nothing.
    /// The exit code is 0 whatever it finds.
    Check {
        /// The draft to check (standard input if left out, or `-`).
        file: Option<PathBuf>,
        /// One JSON object per finding, one per line: line, concern, start and end (byte
        /// offsets), words, note, better.
        #[arg(long)]
        json: bool,
        /// Every line of the input is a draft of its own.
        #[arg(long)]
        lines: bool,
        /// How the notes speak of your partner.
        #[arg(long, value_parser = ["he", "she", "they"], default_value = "they")]
        pronouns: String,
    },
    /// Print the folder where your answers are kept.
    Path,
    /// Print shell completions for SHELL to standard output.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff) to standard output, e.g. `overture man > overture.1`.
    Man,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Markdown: the latest result and next steps, the asks, the plan and the timeline.
    Md,
    /// JSON: everything Overture saved (the same document as its data file).
    Json,
}

/// The clap definition, for completions, the man page and tests.
pub fn command() -> clap::Command {
    Cli::command()
}

/// Runs what the command line asks for. Returns the exit code.
pub fn run(cli: &Cli) -> u8 {
    // The built-in content is checked whole by the tests (`validate::embedded`), so start-up
    // only reads what the first screen shows; each file is parsed when first used.
    let content = match crate::content::Content::embedded() {
        Ok(content) => content,
        Err(e) => {
            eprintln!("overture: the built-in content failed its checks:\n{e}");
            return EXIT_CONTENT;
        }
    };
    let Some(command) = cli.command.as_ref() else {
        return app(cli, content);
    };
    // A command prints or writes a file, where no key works: its texts name the crisis lines
    // as `overture resources`.
    let content = content.into_face(crate::content::Face::Export);
    if cli.private || cli.plain {
        eprintln!("overture: --private and --plain are for the app, not for `overture <command>`");
        return EXIT_USAGE;
    }
    match command {
        Command::Completions { shell } => {
            let mut script = Vec::new();
            clap_complete::generate(*shell, &mut Cli::command(), "overture", &mut script);
            return write_stdout(&script, "the completions");
        }
        Command::Man => {
            let mut page = Vec::new();
            return match clap_mangen::Man::new(Cli::command()).render(&mut page) {
                Ok(()) => write_stdout(&page, "the manual page"),
                Err(e) => fail(&format!("could not make the manual page: {e}")),
            };
        }
        Command::Resources { country } => {
            return resources(&content, country.as_deref(), &mut io::stdout().lock());
        }
        Command::Check {
            file,
            json,
            lines,
            pronouns,
        } => {
            let options = crate::check::Options::new(*json, *lines, pronouns);
            // The notes in the spelling of this computer's country ("counselling" in the UK).
            let spelling = crate::content::Spelling::of_country(locale_region(&content).as_deref());
            let content = content.for_spelling(spelling);
            let checked = crate::check::run(&content, file.as_deref(), options, &mut io::stdout());
            return checked.map_or_else(|e| fail(&e), |()| EXIT_OK);
        }
        _ => {}
    }
    let Some(dir) = data_dir(cli) else {
        return EXIT_FAILURE;
    };
    let mut tracked = crate::output::Tracked::new(io::stdout().lock());
    let out = &mut tracked;
    let code = match command {
        Command::History { kind, json } => {
            history(&content, &dir, kind.map(HistoryKind::kind), *json, out)
        }
        Command::Trends { all } => trends(&content, &dir, *all, out),
        Command::Show { id } => show(&content, &dir, id, out),
        Command::Export { output, format } => export(&content, &dir, output, *format, out),
        Command::Wipe { yes } => wipe(&dir, *yes, &mut io::stdin().lock(), out),
        Command::Path => {
            let _ = crate::output::write_path(out, &dir);
            // Locked answers are in the encrypted document, not in overture.json.
            let saved = [DATA_FILE, crate::store::SEALED_FILE]
                .iter()
                .any(|name| fs::symlink_metadata(dir.join(name)).is_ok());
            if !saved {
                eprintln!("overture: nothing is saved there yet");
            }
            EXIT_OK
        }
        Command::Completions { .. }
        | Command::Man
        | Command::Resources { .. }
        | Command::Check { .. } => EXIT_OK,
    };
    // What was printed must have reached its reader: a full disk is a failure.
    match tracked.finish() {
        Some(e) if code == EXIT_OK => fail(&format!("could not write the output: {e}")),
        _ => code,
    }
}

/// The region this computer's language setting names, if any (`en_GB.UTF-8` is the UK).
pub fn locale_region(content: &Content) -> Option<String> {
    use crate::content::resources::{country_from_locale, region_of_country};
    let var = |name: &str| std::env::var(name).ok();
    // The country first: a locale that names none (`C.UTF-8`) never parses the help lines.
    let country = country_from_locale(
        var("LC_ALL").as_deref(),
        var("LC_MESSAGES").as_deref(),
        var("LANG").as_deref(),
    )?;
    region_of_country(&content.resources, &country).map(str::to_string)
}

/// `overture resources`: every help line, the chosen country's first.
pub fn resources(content: &Content, country: Option<&str>, out: &mut impl Write) -> u8 {
    let regions = &content.resources.regions;
    let country = match country {
        Some(code) => {
            let found = regions.iter().find(|r| {
                r.id.eq_ignore_ascii_case(code)
                    || r.countries.iter().any(|c| c.eq_ignore_ascii_case(code))
            });
            let Some(region) = found else {
                let ids: Vec<&str> = regions.iter().map(|r| r.id.as_str()).collect();
                eprintln!(
                    "overture: no help lines for '{code}'; choose one of: {}",
                    ids.join(", ")
                );
                return EXIT_USAGE;
            };
            Some(region.id.clone())
        }
        None => locale_region(content),
    };
    for line in text::resources(content, country.as_deref(), text::Layout::Plain) {
        say!(out, "{}", text::printable(&line));
    }
    EXIT_OK
}

/// Writes generated text to standard output. A reader that stops early (`| head`) is fine.
fn write_stdout(bytes: &[u8], what: &str) -> u8 {
    let mut out = io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => EXIT_OK,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => EXIT_OK,
        Err(e) => fail(&format!("could not write {what}: {e}")),
    }
}

fn fail(message: &str) -> u8 {
    eprintln!("overture: {message}");
    EXIT_FAILURE
}

fn data_dir(cli: &Cli) -> Option<PathBuf> {
    let dir = cli.data_dir.clone().or_else(store::default_dir);
    if dir.is_none() {
        eprintln!(
            "overture: could not find a data folder for this user; pass --data-dir DIR (or set OVERTURE_DATA_DIR)"
        );
    }
    dir
}

fn locked_message(dir: &Path) -> u8 {
    eprintln!(
        "overture: the data in {} is open in another Overture window. Close that one first.",
        dir.display()
    );
    EXIT_LOCKED
}

/// Why the app runs line by line, if it does; `Some(None)` when asked with `--plain`.
#[allow(clippy::option_option)]
fn plain_reason(asked: bool) -> Option<Option<&'static str>> {
    if asked {
        return Some(None);
    }
    if !io::stdin().is_terminal() {
        return Some(Some("standard input is not a terminal"));
    }
    if !io::stdout().is_terminal() {
        return Some(Some("standard output is not a terminal"));
    }
    if term_is_dumb() {
        return Some(Some("TERM is dumb"));
    }
    None
}

/// `TERM=dumb`: a terminal that takes no escape codes.
fn term_is_dumb() -> bool {
    std::env::var_os("TERM").is_some_and(|t| t == "dumb")
}

/// What the app opens with: the store (none in a private session), the data, a warning to
/// show first, and where answers are kept in words.
struct Opened {
    store: Option<Store>,
    data: SavedData,
    /// The home screen's glance, when that is all that was read (the TUI at home).
    glance: Option<Glance>,
    warning: Option<String>,
    location: String,
}

fn app(cli: &Cli, content: Content) -> u8 {
    let plain_reason = plain_reason(cli.plain);
    // Said first, before anything is asked (a locked store asks for its passphrase).
    if let Some(Some(reason)) = plain_reason {
        eprintln!("overture: {reason}, so Overture runs in plain mode, line by line.");
    }
    // One reader for the whole session: the passphrase and every answer pass through the
    // same buffer, which is zeroed as it is read.
    let mut input = plain::input::WipingInput::stdin();
    let opened = if cli.private {
        Opened {
            store: None,
            data: SavedData::default(),
            glance: None,
            warning: None,
            location: "This is a private session: nothing you answer is written anywhere, and it is all gone when you leave.".to_string(),
        }
    } else {
        let Some(dir) = data_dir(cli) else {
            return EXIT_FAILURE;
        };
        match open_for_app(
            &dir,
            &content,
            Theme::from_env(cli.no_color),
            plain_reason.is_some(),
            &mut input,
        ) {
            Ok(opened) => opened,
            Err(code) => return code,
        }
    };
    let mut opened = opened;
    // Until the user chooses, the help lines follow this computer's language setting, and
    // the first page says so.
    let from_locale = if opened.data.settings.country.is_none() {
        locale_region(&content)
    } else {
        None
    };
    if opened.data.settings.country.is_none() && from_locale.is_none() {
        opened.location = format!(
            "Overture doesn't know your country: choose it in Settings to see its help lines first. {}",
            opened.location
        );
    } else if let Some(region) = from_locale {
        let name = content
            .resources
            .regions
            .iter()
            .find(|r| r.id == region)
            .map_or_else(String::new, crate::content::Region::name_in_text);
        opened.data.settings.country = Some(region);
        opened.data.settings.country_from_locale = true;
        opened.location = format!(
            "Help lines for {name} come first, taken from this computer's language setting; you can change the country in Settings. {}",
            opened.location
        );
    }
    match plain_reason {
        Some(_) => {
            let mut plain = Plain::new(content, opened.data, opened.store)
                .with_location(opened.location)
                .with_hidden_typing(io::stdin().is_terminal())
                .with_clearing(io::stdout().is_terminal() && !term_is_dumb());
            if let Some(warning) = opened.warning {
                plain = plain.with_notice(warning);
            }
            match plain.run(&mut input, &mut io::stdout().lock()) {
                // Nothing may follow a hide on the cleared screen, not even an error.
                Ok(plain::Ending::Hide) if plain.unsaved() => EXIT_FAILURE,
                Ok(_) if plain.unsaved() => fail("the last answer could not be saved"),
                Ok(_) => EXIT_OK,
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe => EXIT_OK,
                Err(e) => fail(&format!("input or output failed: {e}")),
            }
        }
        None => {
            let app = match (opened.glance, opened.store) {
                (Some(mut glance), Some(store)) => {
                    // The country taken from the locale, as for the full answers.
                    glance.data.settings = opened.data.settings;
                    App::from_glance(content, glance, store)
                }
                (_, store) => App::new(content, opened.data, store),
            };
            let mut app = app
                .with_theme(Theme::from_env(cli.no_color))
                .with_location(opened.location);
            app.status = opened.warning.map(Status::Warning);
            match tui::run(&mut app) {
                Ok(_) if app.unsaved => fail("the last answer could not be saved"),
                Ok(_) => EXIT_OK,
                Err(e) => fail(&format!("terminal error: {e}")),
            }
        }
    }
}

fn open_for_app(
    dir: &Path,
    content: &Content,
    theme: Theme,
    plain: bool,
    input: &mut plain::input::WipingInput,
) -> Result<Opened, u8> {
    // The full-screen app starts at home: with years of history, only the home screen's
    // glance is read before the first frame. Plain mode reads everything.
    let open = |dir: &Path| {
        if plain {
            Store::open_any(dir).map(|(store, opened)| (store, AtHome::Opened(opened)))
        } else {
            Store::open_at_home(dir)
        }
    };
    let (mut store, opened) = match when_free(|| open(dir)) {
        Ok(opened) => opened,
        Err(StoreError::Locked { dir }) => return Err(locked_message(&dir)),
        Err(e) => return Err(fail(&format!("could not open the data folder: {e}"))),
    };
    let location = |store: &Store| {
        format!(
            "Your answers are saved only on this device, in {}",
            store.data_path().display()
        )
    };
    let opened = match opened {
        AtHome::Glance(glance) => {
            return Ok(Opened {
                location: location(&store),
                store: Some(store),
                data: glance.data.clone(),
                glance: Some(glance),
                warning: None,
            });
        }
        AtHome::Opened(opened) => opened,
    };
    let loaded = match opened {
        store::Opened::Ready(loaded) => loaded,
        store::Opened::NeedsPassphrase {
            last_opened,
            failed_attempts,
        } if plain => match plain::secret::unlock(
            &mut store,
            content,
            last_opened,
            failed_attempts,
            input,
            &mut io::stdout().lock(),
            io::stdin().is_terminal(),
        ) {
            Ok(plain::secret::Unlock::Unlocked(loaded)) => loaded,
            Ok(plain::secret::Unlock::Left) => return Err(EXIT_OK),
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => return Err(EXIT_OK),
            Err(e) => return Err(fail(&format!("input or output failed: {e}"))),
        },
        store::Opened::NeedsPassphrase {
            last_opened,
            failed_attempts,
        } => match tui::unlock::run(&mut store, content, theme, last_opened, failed_attempts) {
            Ok(tui::unlock::Unlocked::Data(loaded)) => loaded,
            Ok(tui::unlock::Unlocked::Quit | tui::unlock::Unlocked::QuickExit) => {
                return Err(EXIT_OK);
            }
            Err(e) => return Err(fail(&format!("terminal error: {e}"))),
        },
    };
    let location = location(&store);
    let (data, warning) = store::settle_loaded(&mut store, loaded);
    Ok(Opened {
        store: Some(store),
        data,
        glance: None,
        warning,
        location,
    })
}

/// `open`, tried again for a moment while the folder is locked: an Overture that was just left
/// may still be writing its last save and exiting (someone quits and starts again at once).
/// Another Overture that is really open is still refused after the wait.
fn when_free<T>(open: impl Fn() -> Result<T, StoreError>) -> Result<T, StoreError> {
    let deadline = std::time::Instant::now() + std::time::Duration::from_millis(300);
    loop {
        match open() {
            Err(StoreError::Locked { .. }) if std::time::Instant::now() < deadline => {
                std::thread::sleep(std::time::Duration::from_millis(10));
            }
            other => return other,
        }
    }
}

/// Opens saved data for a command that only reads it, with the content spelled for the
/// country in its settings. `Ok(None)` when nothing is saved (nothing is created then).
fn open_existing(content: &Content, dir: &Path) -> Result<Option<(SavedData, Content)>, u8> {
    let data = open_saved(content, dir)?;
    Ok(data.map(|data| {
        let spelled = content.for_spelling(session::spelling(&data));
        (data, spelled)
    }))
}

/// [`open_existing`], the saved data alone. `Ok(None)` when nothing is saved
/// (nothing is created then). Data behind the passphrase lock is unlocked by typing the
/// passphrase at the terminal (the prompt goes to stderr: stdout may be a file); with no
/// terminal to type it at, it says so rather than "nothing is saved".
fn open_saved(content: &Content, dir: &Path) -> Result<Option<SavedData>, u8> {
    let sealed = fs::symlink_metadata(dir.join(store::SEALED_FILE)).is_ok();
    if sealed && !io::stdin().is_terminal() {
        return Err(fail(
            "your answers are locked with a passphrase; run this in a terminal to type it, or open the app (overture, or overture --plain) and unlock them there",
        ));
    }
    if !sealed && fs::symlink_metadata(dir.join(DATA_FILE)).is_err() {
        return Ok(None);
    }
    let (mut store, opened) = match when_free(|| Store::open_any(dir)) {
        Ok(opened) => opened,
        Err(StoreError::Locked { dir }) => return Err(locked_message(&dir)),
        // Read-only media: read without the lock, changing nothing.
        Err(e) if e.is_write_refused() && !sealed => {
            return Store::read_only(dir)
                .map_err(|e| fail(&format!("could not read the data folder: {e}")));
        }
        Err(e) => return Err(fail(&format!("could not open the data folder: {e}"))),
    };
    let loaded = match opened {
        store::Opened::Ready(loaded) => loaded,
        store::Opened::NeedsPassphrase {
            last_opened,
            failed_attempts,
        } => match plain::secret::unlock(
            &mut store,
            content,
            last_opened,
            failed_attempts,
            &mut io::stdin().lock(),
            &mut io::stderr().lock(),
            true,
        ) {
            Ok(plain::secret::Unlock::Unlocked(loaded)) => loaded,
            // It said "Nothing was opened" itself.
            Ok(plain::secret::Unlock::Left) => return Err(EXIT_FAILURE),
            Err(e) => return Err(fail(&format!("input or output failed: {e}"))),
        },
    };
    match loaded {
        Loaded::Fresh => Ok(None),
        Loaded::Data(data) => Ok(Some(data)),
        Loaded::MovedAside {
            moved_to,
            problem,
            backup,
            backup_moved_to,
        } => {
            let what = match backup {
                Some(data) => store::restore_backup(&mut store, Some(data)).1,
                None => "There was no readable backup.".to_string(),
            };
            eprintln!(
                "overture: your saved answers {}",
                store::not_read(&problem, &moved_to, backup_moved_to.as_deref(), &what)
            );
            Err(EXIT_UNREADABLE)
        }
    }
}

fn show(content: &Content, dir: &Path, id: &str, out: &mut impl Write) -> u8 {
    let (data, spelled) = match open_existing(content, dir) {
        Ok(Some(opened)) => opened,
        Ok(None) => return fail("nothing is saved yet"),
        Err(code) => return code,
    };
    let content = &spelled;
    let voice = session::voice(&data);
    let snap = if id == "latest" {
        data.latest_assessment()
            .and_then(|a| core_history::find(&data, &a.id))
    } else {
        core_history::find(&data, id)
    };
    let Some(snap) = snap else {
        return fail("there is no saved answer with that id; `overture history` lists them");
    };
    if let Some(record) = data
        .assessments
        .get(snap.index)
        .filter(|_| snap.kind == core_history::Kind::Assessment)
    {
        say!(
            out,
            "Check-in {}, started {}, finished {}",
            text::printable(&record.id),
            text::date_time(record.started_at),
            text::date_time(record.completed_at)
        );
        say!(out);
        for line in text::result(content, &data, record, &voice, text::Layout::Plain) {
            say!(out, "{}", text::printable(&line));
        }
        if crate::core::report::shows_crisis_lines(&data, record) {
            say!(out);
            say!(out, "Crisis lines and support");
            let country = data.settings.country.as_deref();
            let needs = crate::core::gate::needs_now(&data);
            let first = crate::pages::resources::for_needs(content, country, &needs);
            for line in crate::pages::resources::lines(&first, false) {
                say!(out, "{}", text::printable(&line));
            }
            say!(
                out,
                "Every line for your country and the others: overture resources"
            );
        }
        return EXIT_OK;
    }
    let page = history_page::snapshot(Words::new(content, &voice), &data, snap);
    for line in plain::page_lines(&page, content, &data) {
        say!(out, "{}", text::printable(&line));
    }
    EXIT_OK
}

fn export(
    content: &Content,
    dir: &Path,
    output: &Path,
    format: Format,
    out: &mut impl Write,
) -> u8 {
    let (data, spelled) = match open_existing(content, dir) {
        Ok(Some(opened)) => opened,
        Ok(None) => return fail("nothing is saved yet, so there is nothing to export"),
        Err(code) => return code,
    };
    let content = &spelled;
    let text = match format {
        Format::Json => match serde_json::to_string_pretty(&data) {
            Ok(mut json) => {
                json.push('\n');
                json
            }
            Err(e) => return fail(&format!("could not write the data as JSON: {e}")),
        },
        Format::Md => {
            let today = text::local_date(jiff::Timestamp::now());
            let Some(md) = text::summary(content, &data, today) else {
                return fail("there is no finished check-in to export yet");
            };
            text::printable_document(&md)
        }
    };
    // `-` is standard output, as for most tools: nothing is written to disk by Overture.
    if output.as_os_str() == "-" {
        let _ = out.write_all(text.as_bytes());
        return EXIT_OK;
    }
    if let Err(e) = crate::export::write_new_private_file(output, &text) {
        return fail(&format!("could not write {}: {e}", output.display()));
    }
    eprintln!(
        "overture: note that {} is a copy outside Overture's folder and a trace on this device; `overture wipe` cannot reach it, so delete it yourself when you are done.",
        output.display()
    );
    say!(out, "Wrote {}.", output.display());
    EXIT_OK
}
