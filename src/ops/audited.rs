//! The record → send → record sequence of the audit log, written once.
//!
//! A line that must come first (a `started` line) is on disk before the call
//! is sent, and the closing line is on disk before the caller hears the
//! result, so nothing shows a change the log lacks.

use std::future::Future;

use super::error::{Done, OpError};
use super::run::Resumable;
use crate::api::ApiError;
use crate::audit::{self, AuditLog, Entry, RunLock};

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

    /// A new run: its lock, then its `planned` line listing every id; held
    /// until the run ends, so `--resume` elsewhere leaves it alone.
    pub(crate) fn plan(&self, run_id: &str, ids: &[String]) -> Result<Option<RunLock>, OpError> {
        let Some(log) = self.log else {
            return Ok(None);
        };
        log.plan_run(run_id, ids)
            .map(Some)
            .map_err(|e| OpError::AuditUnavailable(e.to_string()))
    }

    /// The unfinished run to resume, locked, if there is one; and how many
    /// damaged lines were skipped reading the log.
    pub(crate) fn unfinished(&self) -> Result<(Option<Resumable>, usize), OpError> {
        let Some(log) = self.log else {
            return Ok((None, 0));
        };
        let read =
            || audit::read_all(log.path()).map_err(|e| OpError::AuditUnavailable(e.to_string()));
        let (records, skipped) = read()?;
        let Some(run) = audit::unfinished_run(&records, log.profile(), log.host()) else {
            return Ok((None, skipped));
        };
        // A live process still working through it holds its lock: refuse
        // rather than send its ids a second time beside it.
        let lock = log
            .lock_run(&run.run_id)
            .map_err(|e| OpError::AuditUnavailable(e.to_string()))?
            .map_err(|busy| OpError::Busy(busy.to_string()))?;
        // It may have finished between the read and the lock: read again.
        let (records, _) = read()?;
        let run = audit::unfinished_run(&records, log.profile(), log.host())
            .filter(|now| now.run_id == run.run_id);
        Ok((run.map(|run| Resumable { run, lock }), skipped))
    }

    fn write(&self, entry: &Entry) -> Result<(), String> {
        match self.log {
            Some(log) => log.record(entry).map(|_| ()).map_err(|e| e.to_string()),
            None => Ok(()),
        }
    }
}
