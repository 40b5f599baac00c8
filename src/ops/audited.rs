//! The record → send → record sequence of the audit log, written once.
//!
//! A line that must come first (a `started` line) is on disk before the call
//! is sent, and the closing line is on disk before the caller hears the
//! result, so nothing shows a change the log lacks.

use std::future::Future;

use super::error::{Done, OpError};
use crate::api::ApiError;
use crate::audit::{AuditLog, Entry};

/// Records around one change; without a log (tests, benchmarks) it only sends.
#[derive(Clone, Copy)]
pub(crate) struct Audited<'a> {
    log: Option<&'a AuditLog>,
}

impl<'a> Audited<'a> {
    pub(crate) fn new(log: Option<&'a AuditLog>) -> Self {
        Audited { log }
    }

    /// Record `before` (if any), send, then record what `after` makes of the
    /// result. If `before` cannot be written nothing is sent. A failed send is
    /// `OpError::Api`, its closing line written when it can be; a change made
    /// whose closing line could not be written is `Done { unrecorded }`.
    pub(crate) async fn change<T, Fut>(
        &self,
        before: Option<Entry>,
        send: impl FnOnce() -> Fut,
        after: impl FnOnce(&Result<T, ApiError>) -> Entry,
    ) -> Result<Done<T>, OpError>
    where
        Fut: Future<Output = Result<T, ApiError>>,
    {
        if let Some(entry) = before {
            self.write(&entry).map_err(OpError::AuditUnavailable)?;
        }
        let result = send().await;
        let unrecorded = self.write(&after(&result)).err();
        match result {
            Ok(value) => Ok(Done { value, unrecorded }),
            Err(e) => {
                if let Some(why) = unrecorded {
                    tracing::warn!(error = %e.label(), "a failed change is not in the audit log: {why}");
                }
                Err(OpError::Api(e))
            }
        }
    }

    /// Write a final line for a change that was not sent (refused, cancelled,
    /// or its read failed); why it could not be written, if it could not.
    pub(crate) fn close(&self, entry: &Entry) -> Option<String> {
        self.write(entry).err()
    }

    fn write(&self, entry: &Entry) -> Result<(), String> {
        match self.log {
            Some(log) => log.record(entry).map(|_| ()).map_err(|e| e.to_string()),
            None => Ok(()),
        }
    }
}
