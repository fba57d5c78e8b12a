//! `overture wipe`: deletes Overture's files after a typed confirmation, and says what it
//! cannot reach.

use super::{EXIT_FAILURE, EXIT_OK, fail, locked_message};
use crate::plain;
use crate::store::{StoreError, Wiper};
use std::io::{BufRead, Write};
use std::path::Path;

/// Deletes Overture's files in `dir` after a typed confirmation read from `input`.
pub fn wipe(dir: &Path, yes: bool, input: &mut impl BufRead, out: &mut impl Write) -> u8 {
    let wiper = match super::when_free(|| Wiper::lock(dir)) {
        Ok(Some(wiper)) => wiper,
        Ok(None) => {
            say!(
                out,
                "Nothing to delete: there is nothing of Overture's in {}.",
                dir.display()
            );
            print_limits(out);
            return EXIT_OK;
        }
        Err(StoreError::Locked { dir }) => return locked_message(&dir),
        Err(e) => return fail(&format!("could not open the data folder: {e}")),
    };
    if wiper.has_data() {
        say!(
            out,
            "This deletes, for good, everything Overture saved in {}:",
            wiper.dir().display()
        );
        for file in wiper.files() {
            say!(out, "  {}", file.display());
        }
        if !yes {
            say!(
                out,
                "Type wipe and press Enter to delete them. Anything else keeps them."
            );
            let _ = out.flush();
            let confirmed = plain::input::read_line(input, out)
                .ok()
                .flatten()
                .is_some_and(|l| l.trim().eq_ignore_ascii_case("wipe"));
            if !confirmed {
                say!(out, "Nothing was deleted.");
                return EXIT_FAILURE;
            }
        }
    }
    let folder = wiper.dir().to_path_buf();
    let had_data = wiper.has_data();
    let report = wiper.wipe();
    if had_data {
        let n = report.removed.len();
        say!(
            out,
            "Deleted {n} {}.",
            if n == 1 { "file" } else { "files" }
        );
    }
    for line in report.left_behind() {
        eprintln!("overture: {line}");
    }
    if report.dir_removed {
        say!(out, "Removed the folder {}.", folder.display());
    } else if report.failed.is_empty() {
        say!(
            out,
            "Kept the folder {}: it holds files that are not Overture's.",
            folder.display()
        );
    }
    print_limits(out);
    if report.everything_deleted() {
        EXIT_OK
    } else {
        EXIT_FAILURE
    }
}

fn print_limits(out: &mut impl Write) {
    say!(out, "What this cannot reach:");
    for limit in crate::store::WIPE_LIMITS {
        say!(out, "- {limit}");
    }
}
