//! What the list's and the filter line's intents do to the list. What is
//! left for the rest of the console (a load, a toast, a mode) comes back
//! as a [`ListOutcome`] or a [`FilterOutcome`].

use crossterm::event::Event;
use tui_input::Input;
use tui_input::backend::crossterm::EventHandler;

use crate::app::keys::{self, Nav};
use crate::keys::{Intent, Press};

use super::{List, RangeOutcome};

/// What a list intent leaves for the rest of the console to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ListOutcome {
    /// The list did what was asked (or there was nothing to do).
    Done,
    /// Load the list again, telling the operator `note` first when there is
    /// one. `refresh` keeps the rows on screen until the new set is in.
    Load {
        refresh: bool,
        note: Option<&'static str>,
    },
    /// Edit the filter line, which now holds the current filter.
    EditFilter,
    /// Not an intent of the list: another slice's, pressed in the list.
    NotList,
    /// A range was started, marked or cancelled.
    Range(RangeOutcome),
}

/// Where the filter line is after an input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FilterOutcome {
    Editing,
    /// Back to the list (the filter stays as typed, or was cleared).
    Closed,
}

impl List {
    /// Carry out a list intent; `page` is the rows a page key moves.
    pub(crate) fn on_intent(&mut self, intent: Intent, page: usize) -> ListOutcome {
        if let Some(nav) = keys::nav_of(intent) {
            self.move_cursor(nav, page);
            return ListOutcome::Done;
        }
        match intent {
            // Nothing shown: the console says why there is nothing to mark.
            Intent::RangeMark => {
                return self
                    .on_range_mark()
                    .map_or(ListOutcome::NotList, ListOutcome::Range);
            }
            Intent::Mark if self.in_range() => return ListOutcome::Range(self.mark_range()),
            Intent::CancelRange if self.in_range() => {
                return ListOutcome::Range(self.cancel_range());
            }
            Intent::ClearFilter => self.clear_filter(),
            Intent::Filter => {
                self.filter_input = Input::new(self.filter_text.clone());
                return ListOutcome::EditFilter;
            }
            Intent::TogglePending => {
                self.pending_only = !self.pending_only;
                let note = if self.pending_only {
                    "Showing pending requests only."
                } else {
                    "Showing requests in every status."
                };
                return ListOutcome::Load {
                    refresh: false,
                    note: Some(note),
                };
            }
            Intent::SortReverse => self.set_sort(self.sort, !self.reverse),
            Intent::Refresh => {
                return ListOutcome::Load {
                    refresh: true,
                    note: None,
                };
            }
            Intent::Mark => {
                if let Some(id) = self.cursor_request().map(|r| r.id.clone()) {
                    self.toggle_mark(&id);
                    self.move_cursor(Nav::Down, page);
                }
            }
            Intent::MarkAll => self.mark_all_visible(),
            Intent::ClearMarks => self.clear_marks(),
            _ => return ListOutcome::NotList,
        }
        ListOutcome::Done
    }

    /// Empty the filter line and show every row again.
    pub(crate) fn clear_filter(&mut self) {
        self.filter_input.reset();
        self.set_filter_text("");
    }

    /// An input while the filter line has the keyboard: text edits the
    /// filter (the rows follow each keystroke), moves still move the cursor.
    pub(crate) fn on_filter_input(&mut self, input: Press, page: usize) -> FilterOutcome {
        match input {
            Press::Intent(Intent::Submit) => return FilterOutcome::Closed,
            Press::Intent(Intent::ClearFilter) => {
                self.clear_filter();
                return FilterOutcome::Closed;
            }
            Press::Intent(i) => {
                if let Some(nav) = keys::nav_of(i) {
                    self.move_cursor(nav, page);
                }
            }
            Press::Text(k) => {
                if self.filter_input.handle_event(&Event::Key(k)).is_some() {
                    let text = self.filter_input.value().to_string();
                    self.set_filter_text(&text);
                }
            }
        }
        FilterOutcome::Editing
    }
}
