//! Where the console points and what it may do there: read-only mode
//! refuses every change where it starts, and production asks for a big bulk
//! run's count to be typed before it starts.

use crossterm::event::KeyCode;

use crate::keys::{Intent, Press, count_digit};
use crate::safety::{DEFAULT_CONFIRM_TYPED_OVER, ReadOnly};

use super::bulk::BulkPlan;
use super::state::App;
use super::typed_count::TypedCount;

/// The longest count the field takes; more digits than any run has.
const MAX_DIGITS: usize = 9;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Safety {
    /// `host[:port]` of the base URL, shown in the title.
    pub host: String,
    pub production: bool,
    pub read_only: ReadOnly,
    /// Bulk runs on production over this many ask for the count.
    pub confirm_typed_over: usize,
}

impl Default for Safety {
    fn default() -> Self {
        Safety {
            host: String::new(),
            production: false,
            read_only: ReadOnly::default(),
            confirm_typed_over: DEFAULT_CONFIRM_TYPED_OVER,
        }
    }
}

impl Safety {
    /// Whether a bulk run of `n` requests must have its count typed.
    pub fn needs_typed_count(&self, n: usize) -> bool {
        self.production && n > self.confirm_typed_over
    }
}

/// In read-only mode, say why `what` (e.g. "activate requests") is not
/// done and return true; the caller then sends nothing.
pub(super) fn refuse_read_only(app: &mut App, what: &str) -> bool {
    let read_only = app.config.safety.read_only;
    if !read_only.is_on() {
        return false;
    }
    let text = read_only.console_refusal(&app.config.profile, what);
    app.error(text);
    true
}

/// What a key did to the typed count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Typed {
    /// Still typing (or a wrong count was refused); stay in the dialog.
    Editing,
    Cancelled,
    /// The count matches and Enter (or `e`) was pressed: go on.
    Confirmed,
}

/// A key in the bulk dialog while the count must be typed.
pub(super) fn typed_count_key(input: Press, plan: &mut BulkPlan) -> Typed {
    let want = plan.ids.len();
    let has_missing = !plan.missing_terminal.is_empty();
    match plan.typed.as_mut() {
        Some(typed) => type_count(input, want, typed, has_missing),
        None => Typed::Confirmed,
    }
}

/// A key in a typed-count field that must read `want` before confirming
/// goes on (and entering the missing terminalIds too, when `e_goes_on`).
pub(super) fn type_count(
    input: Press,
    want: usize,
    typed: &mut TypedCount,
    e_goes_on: bool,
) -> Typed {
    let go_on = match input {
        Press::Intent(Intent::Cancel) => return Typed::Cancelled,
        Press::Text(k) if k.code == KeyCode::Backspace => {
            typed.input.pop();
            typed.error = None;
            return Typed::Editing;
        }
        Press::Text(k) if let Some(c) = count_digit(&k) => {
            if typed.input.len() < MAX_DIGITS {
                typed.input.push(c);
            }
            typed.error = None;
            return Typed::Editing;
        }
        Press::Intent(Intent::Confirm) => true,
        Press::Intent(Intent::EnterMissing) => e_goes_on,
        _ => false,
    };
    if !go_on {
        return Typed::Editing;
    }
    if typed.input.parse::<usize>().ok() == Some(want) {
        return Typed::Confirmed;
    }
    typed.error = Some(if typed.input.is_empty() {
        format!("Type {want} to start the run.")
    } else {
        format!(
            "{} is not {want}: type {want} to start the run.",
            typed.input
        )
    });
    Typed::Editing
}
