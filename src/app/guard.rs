//! Where the console points and what it may do there: the host, whether it
//! is production (a big run's count is typed first) and read-only mode.

use crate::safety::{DEFAULT_CONFIRM_TYPED_OVER, ReadOnly};

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
