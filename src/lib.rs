//! Overture: a private, offline companion for a person whose partner won't go to couples therapy.
//!
//! The core (`content`, `core`) is pure: no terminal, no file I/O. The store writes the one
//! JSON document. Two front ends turn input into core actions and show core state: `tui`
//! (full screen) and `plain` (line by line). `cli` parses the command line and picks one.

pub mod check;
pub mod cli;
pub mod content;
pub mod core;
pub mod export;
pub mod output;
pub mod pages;
pub mod plain;
/// Sample data for tests and benchmarks: not in the release binary.
#[cfg(feature = "test-support")]
#[doc(hidden)]
pub mod sample;
pub mod store;
pub mod tui;
pub mod validate;
