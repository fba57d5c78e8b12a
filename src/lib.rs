//! Overture: a private, offline companion for a person whose partner won't go to couples therapy.
//!
//! The core (`content`, `core`) is pure: no terminal, no file I/O. The store writes the one
//! JSON document; the `tui` front end only turns keys into core actions and draws core state.

pub mod content;
pub mod core;
pub mod export;
pub mod store;
pub mod tui;
