//! The console's state and its pure update function: keys, ticks and API
//! answers in; new state and commands for the API worker out.

mod action;
mod activated;
mod bulk;
mod command;
mod filter;
mod guard;
mod import_gate;
mod keys;
mod marks;
mod meanwhile;
mod mouse;
mod overwrite;
mod paste;
mod retry;
mod scope;
mod scroll;
mod sort;
mod state;
mod store;
mod transfer;
mod update;
pub mod viewport;

#[cfg(test)]
pub(crate) use crate::testkit as fixtures;
#[cfg(test)]
mod tests;

pub use action::{Action, ApiEvent, ImportRowResult};
pub use bulk::{BulkItem, BulkPlan, BulkRun, Counts, Outcome, Phase};
pub use command::Command;
pub use filter::Filter;
pub use guard::{Safety, TypedCount};
pub use overwrite::Overwrite;
pub use scope::apply_intent;
pub use scroll::help_max_scroll;
pub use sort::SortKey;
pub use state::{App, AppConfig, BulkEntry, Form, FormThen, MerchantInfo, Mode, Toast, ToastKind};
pub use transfer::{
    ImportCounts, ImportItem, ImportOutcome, ImportPhase, ImportRun, Prompt, PromptKind, shown_path,
};
pub use update::update;
pub use viewport::Viewport;
