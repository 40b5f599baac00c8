//! The record → send → record sequence of the audit log, written once.
//!
//! A line that must come first (a `started` line) is on disk before the call
//! is sent, and the closing line is on disk before the caller hears the
//! result, so nothing shows a change the log lacks.

use std::future::Future;

use super::error::{Done, OpError};
use super::run::Resumable;
use crate::api::ApiError;
use crate::audit::{self, AuditLog, Event, RunLock};

/// Where lines go: the audit log, or in tests one that can be made to fail.
pub(crate) trait Lines: Sync {
    fn write(&self, entry: &Event) -> Result<(), String>;
}

impl Lines for AuditLog {
    fn write(&self, entry: &Event) -> Result<(), String> {
        self.record(entry).map(|_| ()).map_err(|e| e.to_string())
    }
}

/// Records around one change; without a log (tests, benchmarks) it only sends.
#[derive(Clone, Copy)]
pub(crate) struct Audited<'a> {
    log: Option<&'a AuditLog>,
    lines: Option<&'a dyn Lines>,
}

impl<'a> Audited<'a> {
    pub(crate) fn new(log: Option<&'a AuditLog>) -> Self {
        Audited {
            log,
            lines: log.map(|l| l as &dyn Lines),
        }
    }

    #[cfg(test)]
    pub(crate) fn to(lines: &'a dyn Lines) -> Self {
        Audited {
            log: None,
            lines: Some(lines),
        }
    }

    /// Record `before` (if any), send, then record what `after` makes of the
    /// result. If `before` cannot be written nothing is sent. A failed send is
    /// `OpError::Api`, its closing line written when it can be; a change made
    /// whose closing line could not be written is `Done { unrecorded }`.
    pub(crate) async fn change<T, Fut>(
        &self,
        before: Option<Event>,
        send: impl FnOnce() -> Fut,
        after: impl FnOnce(&Result<T, ApiError>) -> Event,
    ) -> Result<Done<T>, OpError>
    where
        Fut: Future<Output = Result<T, ApiError>>,
    {
        if let Some(entry) = before {
            self.write_off_thread(entry)
                .await
                .map_err(OpError::AuditUnavailable)?;
        }
        let result = send().await;
        let unrecorded = self.write_off_thread(after(&result)).await.err();
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
    pub(crate) fn close(&self, entry: &Event) -> Option<String> {
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

    fn write(&self, entry: &Event) -> Result<(), String> {
        self.lines.map_or(Ok(()), |lines| lines.write(entry))
    }

    /// [`Self::write`], waited for on the blocking pool: a sync holds its
    /// thread for milliseconds, and on the runtime's workers it held every
    /// call's answer (two workers on a two-core machine) and kept the other
    /// calls' lines from joining its sync.
    async fn write_off_thread(&self, entry: Event) -> Result<(), String> {
        let (Some(log), Ok(runtime)) = (self.log, tokio::runtime::Handle::try_current()) else {
            return self.write(&entry);
        };
        let log = log.clone();
        runtime
            .spawn_blocking(move || log.write(&entry))
            .await
            .unwrap_or_else(|e| Err(format!("Could not write the audit log: {e}.")))
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;
    use crate::audit::{Change, Outcome};

    /// Keeps lines; refuses the `fail_at`-th write (1-based) and after.
    struct Sink {
        kept: Mutex<Vec<Outcome>>,
        fail_at: usize,
    }

    impl Lines for Sink {
        fn write(&self, entry: &Event) -> Result<(), String> {
            let mut kept = self.kept.lock().expect("lock");
            if kept.len() + 1 >= self.fail_at {
                return Err("Could not write the audit log x: disk full.".into());
            }
            kept.push(entry.outcome);
            Ok(())
        }
    }

    fn sink(fail_at: usize) -> Sink {
        Sink {
            kept: Mutex::new(Vec::new()),
            fail_at,
        }
    }

    fn started() -> Option<Event> {
        Some(Event::started(None, "R1"))
    }

    fn closing(result: &Result<u8, ApiError>) -> Event {
        let e = Event::new(Change::Activate, Outcome::Activated, Some("R1"));
        match result {
            Ok(_) => e,
            Err(err) => e.error(err),
        }
    }

    #[tokio::test]
    async fn a_first_line_that_cannot_be_written_sends_nothing() {
        let (lines, sent) = (sink(1), AtomicUsize::new(0));
        let send = || async {
            sent.fetch_add(1, Ordering::SeqCst);
            Ok::<u8, ApiError>(1)
        };
        let e = Audited::to(&lines)
            .change(started(), send, closing)
            .await
            .unwrap_err();
        assert!(matches!(e, OpError::AuditUnavailable(_)), "{e:?}");
        assert!(
            e.to_string().ends_with("disk full. Nothing was sent."),
            "{e}"
        );
        assert_eq!(sent.load(Ordering::SeqCst), 0);
    }

    #[tokio::test]
    async fn a_made_change_whose_closing_line_fails_is_done_but_unrecorded() {
        let lines = sink(2);
        let send = || async { Ok::<u8, ApiError>(7) };
        let done = Audited::to(&lines)
            .change(started(), send, closing)
            .await
            .expect("made");
        assert_eq!(done.value, 7);
        assert_eq!(
            done.unrecorded.as_deref(),
            Some("Could not write the audit log x: disk full.")
        );
        assert_eq!(*lines.kept.lock().expect("lock"), [Outcome::Started]);
    }

    #[tokio::test]
    async fn a_failed_send_is_an_api_error_with_a_failed_line() {
        let lines = sink(usize::MAX);
        let refused = ApiError::BadRequest {
            message: "no".into(),
        };
        let send = || async { Err::<u8, ApiError>(refused.clone()) };
        let e = Audited::to(&lines)
            .change(started(), send, closing)
            .await
            .unwrap_err();
        assert_eq!(e, OpError::Api(refused.clone()));
        let kept = lines.kept.lock().expect("lock").clone();
        assert_eq!(kept, [Outcome::Started, Outcome::Failed]);
    }
}
