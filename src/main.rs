//! `overture`: parse the command line, open the data, run the terminal app.

use clap::Parser;
use overture::content::Content;
use overture::core::record::SavedData;
use overture::store::{self, Loaded, Store, StoreError};
use overture::tui::{self, app::App, app::Status, theme::Theme};
use std::path::PathBuf;
use std::process::ExitCode;

/// Exit code when another Overture has the same data open.
const EXIT_LOCKED: u8 = 3;
/// Exit code when the bundled content fails its own checks (a broken build).
const EXIT_CONTENT: u8 = 70;

/// A private, offline companion for when your partner won't go to couples therapy.
///
/// Answers stay on this device, in one file under the data folder. Overture never connects to
/// anything. Press Ctrl-Q in the app to leave at once; Ctrl-G shows crisis lines.
#[derive(Parser, Debug)]
#[command(name = "overture", version, about, long_about)]
struct Cli {
    /// Where to keep your answers (default: your user data folder).
    #[arg(long, value_name = "DIR", env = "OVERTURE_DATA_DIR")]
    data_dir: Option<PathBuf>,

    /// Use no colours at all (also: the `NO_COLOR` environment variable).
    #[arg(long)]
    no_color: bool,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let content = match Content::embedded() {
        Ok(content) => content,
        Err(e) => {
            eprintln!("overture: the built-in content failed its checks:\n{e}");
            return ExitCode::from(EXIT_CONTENT);
        }
    };
    let Some(dir) = cli.data_dir.or_else(store::default_dir) else {
        eprintln!(
            "overture: could not find a data folder for this user; pass --data-dir DIR (or set OVERTURE_DATA_DIR)"
        );
        return ExitCode::FAILURE;
    };
    let (store, loaded) = match Store::open(&dir) {
        Ok(opened) => opened,
        Err(StoreError::Locked { dir }) => {
            eprintln!(
                "overture: the data in {} is open in another Overture window. Close that one first.",
                dir.display()
            );
            return ExitCode::from(EXIT_LOCKED);
        }
        Err(e) => {
            eprintln!("overture: could not open the data folder: {e}");
            return ExitCode::FAILURE;
        }
    };
    let (data, status) = match loaded {
        Loaded::Fresh => (SavedData::default(), None),
        Loaded::Data(data) => (data, None),
        Loaded::MovedAside {
            moved_to,
            problem,
            backup,
        } => {
            let kept = format!("The unreadable file was kept at {}.", moved_to.display());
            match backup {
                Some(data) => (
                    data,
                    Some(format!(
                        "Your saved answers could not be read ({problem}). {kept} Overture opened the backup of your last good save."
                    )),
                ),
                None => (
                    SavedData::default(),
                    Some(format!(
                        "Your saved answers could not be read ({problem}). {kept} Overture started fresh."
                    )),
                ),
            }
        }
    };
    let location = format!(
        "Your answers are saved only on this device, in {}",
        store.data_path().display()
    );
    let mut app = App::new(content, data, Some(store))
        .with_theme(Theme::from_env(cli.no_color))
        .with_location(location);
    app.status = status.map(Status::Warning);
    match tui::run(&mut app) {
        Ok(_) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("overture: terminal error: {e}");
            ExitCode::FAILURE
        }
    }
}
