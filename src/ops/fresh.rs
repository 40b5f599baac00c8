//! The fresh copy a write is checked against (the overwrite guard, the
//! "ePay needs a terminalId" rule when the caller's copy would refuse, a
//! read-back after a lost answer).
//!
//! On a server that reads by id it is one `GET` per read. On the reference
//! revision a fresh read is a search of the whole account, so one search
//! serves every read for [`FRESH_WINDOW`] after it ends: an import's writes
//! share it rather than each searching, and a run that writes for longer
//! searches again. A read that must begin after a write was sent (the
//! read-back) never takes a copy from before it.

use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use super::reads::RunReads;
use crate::api::retry::RetryPolicy;
use crate::api::{ApiError, Client, IntegrationRequest};

/// How long one search of the account stands as the fresh copy for the
/// writes that follow it.
pub const FRESH_WINDOW: Duration = Duration::from_secs(5);

/// Shared by every clone of an [`super::Ops`].
#[derive(Default)]
pub(crate) struct FreshReads {
    current: Mutex<Option<Arc<RunReads>>>,
}

impl FreshReads {
    /// `id` as the server has it now (within the window, on a server that
    /// reads only by search).
    pub(crate) async fn read(
        &self,
        client: &Client,
        policy: RetryPolicy,
        id: &str,
    ) -> Result<IntegrationRequest, ApiError> {
        let reads = self.reads(None);
        reads.read(client, policy, id).await
    }

    /// `id` read after `sent`: never a copy from a search begun before it.
    pub(crate) async fn read_after(
        &self,
        client: &Client,
        policy: RetryPolicy,
        id: &str,
        sent: Instant,
    ) -> Result<IntegrationRequest, ApiError> {
        let reads = self.reads(Some(sent));
        reads.read(client, policy, id).await
    }

    /// Keep the server's answer to a write, so the next read in the window
    /// sees it rather than the copy from before it.
    pub(crate) fn note(&self, r: &IntegrationRequest) {
        if let Some(reads) = self.lock().as_ref() {
            reads.note(r);
        }
    }

    fn reads(&self, after: Option<Instant>) -> Arc<RunReads> {
        let mut current = self.lock();
        let usable = current.as_ref().filter(|reads| {
            !reads.older_than(FRESH_WINDOW) && after.is_none_or(|at| reads.made_after(at))
        });
        match usable {
            Some(reads) => Arc::clone(reads),
            None => {
                let reads = Arc::new(RunReads::new());
                *current = Some(Arc::clone(&reads));
                reads
            }
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Option<Arc<RunReads>>> {
        self.current.lock().unwrap_or_else(PoisonError::into_inner)
    }
}
