//! Where the console points and what it may do there: read-only mode
//! refuses every change where it starts, and production asks for a big bulk
//! run's count to be typed before it starts.

use crate::safety::{DEFAULT_CONFIRM_TYPED_OVER, ReadOnly};

use super::state::App;

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
