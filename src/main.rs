//! `overture`: parse the command line and hand it to `overture::cli`, which opens the data and
//! runs the app (full screen or plain) or one of the commands.

use overture::cli::{self, Cli};
use std::process::ExitCode;

fn main() -> ExitCode {
    // Dates are shown in the user's own time zone; the library defaults to UTC, so tests
    // never depend on the machine's.
    overture::pages::text::use_system_time_zone();
    ExitCode::from(cli::run(&Cli::from_env()))
}
