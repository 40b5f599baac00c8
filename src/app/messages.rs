//! The message log: every toast of this session, kept with the time it was
//! raised, so a message cut short (or gone) on the status line can still be
//! read in full (`m` opens it).

use std::collections::VecDeque;

use chrono::{DateTime, Utc};
use ratatui::layout::Rect;

use crate::text::wrap;

use super::viewport;

/// How a message is said: in the status line's colours and the log's head.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ToastKind {
    Info,
    Error,
}

/// How many messages the log keeps; the oldest go first.
const KEEP: usize = 500;

/// One message as it was raised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoggedMessage {
    pub at: DateTime<Utc>,
    pub text: String,
    pub kind: ToastKind,
}

/// The messages of this session, oldest first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MessageLog {
    items: VecDeque<LoggedMessage>,
}

impl MessageLog {
    pub(crate) fn push(&mut self, text: String, kind: ToastKind, at: DateTime<Utc>) {
        self.items.push_back(LoggedMessage { at, text, kind });
        if self.items.len() > KEEP {
            self.items.pop_front();
        }
    }

    /// Newest first, as the overlay lists them.
    pub fn newest_first(
        &self,
    ) -> impl ExactSizeIterator<Item = &LoggedMessage> + DoubleEndedIterator {
        self.items.iter().rev()
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

/// The width of a message's time and kind (`12:04:05 error  `).
pub const HEAD_WIDTH: usize = 16;

/// The inside of the message log's box in `body`.
pub fn log_area(body: Rect) -> Rect {
    viewport::inner(viewport::big_box(body))
}

/// A message's text wrapped beside the head in a list `width` wide: every
/// word shows, however narrow.
pub fn log_lines(text: &str, width: u16) -> Vec<String> {
    // Messages carry server text (ids, names, errors): shown marked.
    wrap(
        &crate::text::clean(text),
        usize::from(width).saturating_sub(HEAD_WIDTH).max(1),
    )
}

/// The overlay scrolled (in messages, newest first) no further than where
/// the oldest ones just fill it.
pub(crate) fn keep_in_view(scroll: &mut usize, log: &MessageLog, body: Rect) {
    let list = log_area(body);
    let max = viewport::max_scroll(
        log.newest_first()
            .map(|m| log_lines(&m.text, list.width).len()),
        usize::from(list.height),
    );
    *scroll = (*scroll).min(max);
}
