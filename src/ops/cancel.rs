//! Cancelling a run: no new call starts once it is set; calls in flight finish.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// Shared by the run and whoever may cancel it (the console's `Esc`).
#[derive(Debug, Clone, Default)]
pub struct Cancel(Arc<AtomicBool>);

impl Cancel {
    pub fn cancel(&self) {
        self.0.store(true, Ordering::SeqCst);
    }

    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::SeqCst)
    }

    /// Whether anyone besides this handle still holds it: a finished run
    /// has dropped its copy, so its canceller can be forgotten.
    pub fn is_shared(&self) -> bool {
        Arc::strong_count(&self.0) > 1
    }
}
