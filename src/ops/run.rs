//! Activating many: bounded, cancellable, one outcome per id, every line of
//! the run tied together in the audit log so an interrupted run can resume.

use std::ops::ControlFlow;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, PoisonError};

use super::bounded::{Order, for_each_bounded};
use super::{ActivateJob, Cancel, Done, OpError, Ops};
use crate::api::retry::Activation;
use crate::audit::{self, Change, Event, Outcome, RunLock, UnfinishedRun};

/// An unfinished run found in the log, with its lock held.
#[derive(Debug)]
pub struct Resumable {
    pub run: UnfinishedRun,
    pub(crate) lock: RunLock,
}

impl Resumable {
    /// Its remaining ids as jobs, in planned order; those sent without an
    /// answer are read back before anything is sent again.
    pub fn jobs(&self) -> Vec<ActivateJob> {
        self.run
            .remaining()
            .map(|id| ActivateJob {
                id: id.clone(),
                in_doubt: self.run.in_doubt.contains(id),
                held: None,
            })
            .collect()
    }
}

/// A new run (a `planned` line first), or the rest of an unfinished one.
pub enum RunStart {
    New,
    Resume(Resumable),
}

/// What a run reports as it goes.
pub enum RunEvent<'a> {
    /// Work on this id begins (it is sent, or read first when the copy
    /// held would refuse it or an interrupted run left it in doubt).
    Sending { id: &'a str },
    Finished {
        id: &'a str,
        result: &'a Result<Done<Activation>, OpError>,
    },
    /// Not started because the run was cancelled; its final line says so.
    Cancelled { id: &'a str },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunSummary {
    pub run_id: String,
    pub cancelled: bool,
    /// `progress` asked to stop: ids not started were left for `--resume`.
    pub stopped: bool,
}

enum Ended {
    Finished(Box<Result<Done<Activation>, OpError>>),
    Cancelled,
    Stopped,
}

impl Ops {
    /// The unfinished run to resume, locked (`OpError::Busy` when a live
    /// process holds it), and how many damaged log lines were skipped.
    pub fn unfinished_run(&self) -> Result<(Option<Resumable>, usize), OpError> {
        self.audited().unfinished()
    }

    /// Activate every job, at most `concurrency` at once. `Err` only when
    /// nothing was sent (read-only, or the planned line could not be
    /// written). After `cancel`, no new call starts and each id not started
    /// gets a final `cancelled` line. `Break` from `progress` stops new
    /// calls too, but leaves those ids for `--resume` (the CLI stops when
    /// the log cannot take a line).
    pub async fn activate_many(
        &self,
        start: RunStart,
        jobs: Vec<ActivateJob>,
        concurrency: usize,
        order: Order,
        cancel: &Cancel,
        progress: impl FnMut(RunEvent<'_>) -> ControlFlow<()> + Send,
    ) -> Result<RunSummary, OpError> {
        self.may_change("activate requests")?;
        let (run_id, _lock) = match start {
            RunStart::New => {
                let run_id = audit::new_run_id();
                let ids: Vec<String> = jobs.iter().map(|j| j.id.clone()).collect();
                let lock = self.audited().plan(&run_id, &ids)?;
                (run_id, lock)
            }
            RunStart::Resume(r) => (r.run.run_id, Some(r.lock)),
        };
        let run = Some(run_id.as_str());
        let stop = AtomicBool::new(false);
        let progress = Mutex::new(progress);
        let tell = |event: RunEvent<'_>| {
            let mut progress = progress.lock().unwrap_or_else(PoisonError::into_inner);
            progress(event)
        };
        let (stop, tell) = (&stop, &tell);
        // Owned jobs: futures borrowing from a closure argument cannot be
        // shown to be Send, and the console spawns this.
        let futs = jobs.into_iter().map(|job| async move {
            if cancel.is_cancelled() {
                // Final in the log, so `--resume` does not undo a cancel.
                let line = Event::new(Change::Activate, Outcome::Cancelled, Some(&job.id)).run(run);
                self.close_or_log(&line);
                return (job, Ended::Cancelled);
            }
            if stop.load(Ordering::SeqCst) {
                return (job, Ended::Stopped);
            }
            let _ = tell(RunEvent::Sending { id: &job.id });
            let result = self.activate_one(&job, run).await;
            (job, Ended::Finished(Box::new(result)))
        });
        let _ = for_each_bounded(futs, concurrency, order, |(job, ended)| {
            let id = job.id.as_str();
            match ended {
                // Once stopped, answers still arriving are recorded but not reported.
                _ if stop.load(Ordering::SeqCst) => {}
                Ended::Finished(result) => {
                    if tell(RunEvent::Finished {
                        id,
                        result: &result,
                    })
                    .is_break()
                    {
                        stop.store(true, Ordering::SeqCst);
                    }
                }
                Ended::Cancelled => {
                    let _ = tell(RunEvent::Cancelled { id });
                }
                Ended::Stopped => {}
            }
            Ok::<(), std::convert::Infallible>(())
        })
        .await;
        Ok(RunSummary {
            run_id,
            cancelled: cancel.is_cancelled(),
            stopped: stop.load(Ordering::SeqCst),
        })
    }
}
