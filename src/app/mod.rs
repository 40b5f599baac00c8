//! The console's state and its pure update function: keys, ticks and API
//! answers in; new state and commands for the API worker out.

mod action;
mod answer;
mod backlog;
mod bulk;
mod change;
mod column_chooser;
mod command;
mod confirm;
mod copy;
mod copy_menu;
mod custom;
mod export;
mod form;
mod guard;
mod help_layout;
mod import;
mod import_prompt;
mod keys;
mod list;
mod list_flow;
mod live;
mod messages;
mod mouse;
mod not_overwritten;
mod outcome;
mod output;
mod palette;
mod palette_flow;
mod paste;
mod prompt;
mod prompt_flow;
mod read_only;
mod results_text;
pub mod run;
mod runs;
mod runs_flow;
mod runs_panel;
mod scope;
mod scroll;
mod state;
mod text_field;
mod tick;
mod toast;
mod typed_count;
mod update;
mod view_columns;
mod view_flow;
pub mod viewport;
mod views;

#[cfg(test)]
pub(crate) use crate::testkit as fixtures;
#[cfg(test)]
mod tests;

pub use action::{Action, ApiEvent, ImportRowResult};
pub use backlog::{AGE_BUCKETS, BacklogSummary, age_bucket, over_sla, summarize};
pub use command::{Command, CustomRun, Effect, WorkerCall};
pub use confirm::Question;
pub use copy::MAX_COPY_BYTES;
pub use copy_menu::{CopyChoice, CopyField};
pub use custom::question as custom_question;
pub use form::{Form, FormThen, Overwrite};
pub use guard::Safety;
pub use help_layout::{HelpLayout, HelpText};
pub use list::SortKey;
pub use list::{Filter, OthersChange};
pub use live::{LEFT_READ_CAP, left_sentence};
pub use messages::{HEAD_WIDTH, LoggedMessage, MessageLog, ToastKind, log_area, log_lines};
pub use output::{OutputKind, OutputLine, STDERR_MARK, output_area, output_lines};
pub use palette::{Palette, PaletteEntry};
pub use prompt::{Prompt, PromptKind};
pub use results_text::{row_text, row_texts, texts_of};
pub use run::{
    BulkEntry, BulkKind, BulkLabel, BulkPlan, BulkResult, ImportKind, ImportLabel, ImportResult,
    ImportStage, ImportState, ItemState, ResultsShown, Run, RunItem, RunPhase, RunResult, Tally,
    Tone, shown_path,
};
pub use runs::{KEEP_RUNS, RunEntry, RunRow, RunStatus, RunWhat, Runs};
pub use scope::apply_intent;
pub use state::{App, AppConfig, Asking, MerchantInfo, Mode, OverlayQuestion};
pub use text_field::TextField;
pub use toast::{Toast, ToastView, Toasts};
pub use typed_count::TypedCount;
pub use update::update;
pub use view_columns::{ColumnState, ViewColumns};
pub use viewport::Viewport;
pub use views::Views;
