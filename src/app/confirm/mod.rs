//! The one confirmation flow. Every question the console asks (quit while
//! a run goes on, activate one request, start a bulk run or a retry, replace
//! a terminalId, apply an import, and the count production wants typed
//! first, replace an export's file) is answered here: the key table's Confirm / ConfirmAlt /
//! EnterMissing / Cancel become a yes, the alternative or a no, a typed
//! count is edited and checked in one place (`flow`), and the answer goes
//! to the slice that asked. Quitting is the question this slice asks itself
//! (`quit`). The questions are data the other slices hold: `Asking` (holds
//! the screen) and `OverlayQuestion` (on top of it) in `state`, `Answer` and
//! `TypedCount` in modules of their own, so no slice depends on this flow.

mod flow;
pub(in crate::app) mod quit;

use super::state::{App, Asking, Mode, OverlayQuestion};
use super::typed_count::TypedCount;

pub(in crate::app) use flow::on_input;

/// What is being asked now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Question {
    /// Quit while a run goes on (sits on top of any screen).
    Quit,
    /// Activate the request of `Asking::Activate`.
    Activate,
    /// Start the bulk run (or retry) of `Asking::Bulk`.
    Bulk,
    /// Send the `old → new` of `Asking::Overwrite`.
    Overwrite,
    /// Apply the import preview (`y`), or apply and activate (`a`):
    /// `Asking::Import` without a count.
    Import,
    /// The count production wants typed before an import activates:
    /// `Asking::Import` with one.
    ImportCount,
    /// Replace the file of `Asking::ExportOverwrite`.
    ExportOverwrite,
    /// Run the command of `Asking::Custom`.
    Custom,
}

impl App {
    /// The question on screen, if any: the one on top of the mode first,
    /// then the mode's own.
    pub fn question(&self) -> Option<Question> {
        if let Some(OverlayQuestion::Quit) = self.asking {
            return Some(Question::Quit);
        }
        match &self.mode {
            Mode::Asking(asking) => Some(match asking {
                Asking::Activate { .. } => Question::Activate,
                Asking::Bulk(_) => Question::Bulk,
                Asking::Overwrite(_) => Question::Overwrite,
                Asking::Import { typed: None } => Question::Import,
                Asking::Import { typed: Some(_) } => Question::ImportCount,
                Asking::ExportOverwrite { .. } => Question::ExportOverwrite,
                Asking::Custom { .. } => Question::Custom,
            }),
            _ => None,
        }
    }

    /// The count the import preview waits for, while it is asked.
    pub fn import_count(&self) -> Option<&TypedCount> {
        match &self.mode {
            Mode::Asking(Asking::Import { typed }) => typed.as_ref(),
            _ => None,
        }
    }
}
