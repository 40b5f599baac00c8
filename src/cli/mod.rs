//! The headless command line: one subcommand per API operation.

mod args;
mod commands;
mod output;

pub use args::{Cli, Command, ConfigAction, Format, ListArgs, SimArgs};
pub use commands::{Failure, Session, open_session, run};
