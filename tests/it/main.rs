//! Every integration test, as modules of one test crate: one binary to link instead of one
//! per file, which is most of the build time of `cargo test` on a small machine.

mod common;
#[path = "../draft_corpus/mod.rs"]
mod draft_corpus;
/// The store harness's data generator, shared by the crash and fault tests.
#[cfg(unix)]
#[path = "../../src/bin/overture-store-harness/generate.rs"]
#[allow(dead_code)]
mod generate;
#[cfg(unix)]
mod support;

mod advice;
mod after;
mod cli;
mod content;
mod crash;
mod docs;
mod draft;
mod e2e;
mod faults;
mod flow;
mod footer;
mod fuzz_keys;
mod fuzz_store;
mod glance;
mod layers;
mod lock;
mod log;
mod no_color;
mod offline;
mod plain;
mod plain_pty;
mod practice;
mod private_tui;
mod promises;
mod pronouns;
mod readme;
mod rehearsal;
mod rehearsal_content;
mod render;
mod render_after;
mod render_tiny;
mod resize;
mod resources;
mod review;
mod same_core;
mod screens;
mod sizes;
mod store;
mod trends;
mod triage;
mod writing;
