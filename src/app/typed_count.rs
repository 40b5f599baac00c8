//! The count typed on production before a big run starts: plain data and
//! the one way a key edits it, so every question that needs a count (the
//! bulk dialog, a retry, an import's "set, then activate") types it alike.

use crossterm::event::KeyCode;

use crate::keys::{Press, count_digit};

/// The longest count the field takes; more digits than any run has.
const MAX_DIGITS: usize = 9;

/// The count typed into a dialog on production.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TypedCount {
    pub input: String,
    pub error: Option<String>,
}

/// What a key did to the typed count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Typed {
    /// Still typing (or a wrong count was refused); stay in the dialog.
    Editing,
    /// The key was no digit and no Backspace: the question decides.
    Answer,
}

impl TypedCount {
    /// Digits and Backspace edit the count; anything else is an answer.
    pub(super) fn edit(&mut self, input: &Press) -> Typed {
        match input {
            Press::Text(k) if k.code == KeyCode::Backspace => {
                self.input.pop();
            }
            Press::Text(k) if let Some(c) = count_digit(k) => {
                if self.input.len() < MAX_DIGITS {
                    self.input.push(c);
                }
            }
            _ => return Typed::Answer,
        }
        self.error = None;
        Typed::Editing
    }

    /// Whether the count reads `want`; if not, says so and the answer waits.
    pub(super) fn check(&mut self, want: usize) -> bool {
        if self.input.parse::<usize>().ok() == Some(want) {
            return true;
        }
        self.error = Some(if self.input.is_empty() {
            format!("Type {want} to start the run.")
        } else {
            format!(
                "{} is not {want}: type {want} to start the run.",
                self.input
            )
        });
        false
    }
}
