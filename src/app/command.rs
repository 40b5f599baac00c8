//! Work the app asks the API worker to do; update() returns these instead of
//! doing I/O itself.

use crate::api::SearchQuery;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    Load {
        load_id: u64,
        query: SearchQuery,
    },
    Update {
        id: String,
        terminal_id: String,
    },
    Activate {
        id: String,
    },
    BulkActivate {
        run_id: u64,
        ids: Vec<String>,
        concurrency: usize,
    },
    CancelBulk {
        run_id: u64,
    },
}
