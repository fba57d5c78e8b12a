//! `overture`: parse the command line and hand it to `overture::cli`, which opens the data and
//! runs the app (full screen or plain) or one of the commands.

use clap::Parser;
use overture::cli::{self, Cli};
use std::process::ExitCode;

fn main() -> ExitCode {
    ExitCode::from(cli::run(&Cli::parse()))
}
