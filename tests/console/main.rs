//! End-to-end: the real console in a real pseudo-terminal against a standalone simulator.

#[path = "../common/mod.rs"]
mod common;

mod e2e;
mod e2e_columns;
mod e2e_commands;
mod e2e_copy;
mod e2e_demo;
mod e2e_dialogs;
mod e2e_fields;
mod e2e_live;
mod e2e_messages;
mod e2e_palette;
mod e2e_panic;
mod e2e_paste;
mod e2e_range_copy;
mod e2e_revisions;
mod e2e_run;
mod e2e_runs;
mod e2e_runs_beside;
mod e2e_safety;
mod e2e_views;
