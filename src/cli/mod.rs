//! The headless command line: one subcommand per API operation.

mod args;
mod commands;
mod import;
mod output;

pub use args::{Cli, Command, ConfigAction, Format, ImportArgs, ListArgs, SimArgs};
pub use commands::{Failure, Session, open_session, run};
