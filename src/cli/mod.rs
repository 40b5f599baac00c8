//! The headless command line: one subcommand per API operation.

mod activate;
mod args;
mod commands;
mod config_show;
mod import;
mod json;
mod lines;
mod log;
mod manual;
mod named_lines;
mod output;
mod progress;
mod stdout;
mod type_arg;
mod update;

pub use crate::failure::Failure;
pub use crate::session::Session;
pub use args::{
    ActivateArgs, Cli, ConfigAction, Format, ImportArgs, ListArgs, LogArgs, SimArgs, Subcommand,
};
pub use commands::run;
pub use manual::{
    README_BEGIN as EXIT_CODES_BEGIN, README_END as EXIT_CODES_END, VARIABLES,
    readme_table as exit_codes_table,
};
