//! The console's state and its pure update function: keys, ticks and API
//! answers in; new state and commands for the API worker out.

mod action;
mod activated;
mod answer;
mod bulk;
mod bulk_confirm;
mod bulk_flow;
mod change;
mod command;
mod confirm;
mod export;
mod form;
mod guard;
mod import;
mod import_flow;
mod import_gate;
mod import_keys;
mod import_prompt;
mod keys;
mod list;
mod list_flow;
mod meanwhile;
mod mouse;
mod paste;
mod prompt;
mod prompt_flow;
mod quit;
mod read_only;
mod retry;
pub mod run;
mod scope;
mod scroll;
mod state;
mod tick;
mod toast;
mod typed_count;
mod update;
pub mod viewport;

#[cfg(test)]
pub(crate) use crate::testkit as fixtures;
#[cfg(test)]
mod tests;

pub use action::{Action, ApiEvent, ImportRowResult};
pub use bulk::{BulkEntry, BulkKind, BulkLabel, BulkPlan, BulkResult};
pub use command::Command;
pub use confirm::Question;
pub use form::{Form, FormThen, Overwrite};
pub use guard::Safety;
pub use import::{ImportKind, ImportLabel, ImportResult, ImportStage, ImportState, shown_path};
pub use list::Filter;
pub use list::SortKey;
pub use prompt::{Prompt, PromptKind};
pub use run::{ItemState, Run, RunItem, RunPhase, RunResult, Tally, Tone};
pub use scope::apply_intent;
pub use scroll::help_max_scroll;
pub use state::{App, AppConfig, Asking, MerchantInfo, Mode};
pub use toast::{Toast, ToastKind, Toasts};
pub use typed_count::TypedCount;
pub use update::update;
pub use viewport::Viewport;
