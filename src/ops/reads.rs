//! Reads of many ids that share one search: where the server cannot read
//! one request by id, each read would be a whole search, so one search is
//! made and ids are looked up in it, searching again once when an id is
//! missing (it may have been created since). The fresh copies writes are
//! checked against (`fresh.rs`) are one of these per window, and the
//! console's read of the requests that left the queue is one per refresh.
//!
//! The search streams: it runs in a task of its own that adds each page to
//! the map as it arrives, so a read returns as soon as its id is there
//! rather than after the last page. A read waits only while a search is
//! running; a search that fails fails every read waiting on it, and the
//! next read starts it again. Dropping the cache stops its search.

use std::collections::HashMap;
use std::ops::ControlFlow;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use tokio::sync::watch;
use tokio::task::AbortHandle;

use crate::api::retry::{self, RetryPolicy};
use crate::api::revision::ReadWay;
use crate::api::{ApiError, Client, IntegrationRequest};

/// The per-run cache of requests; build one per run.
pub struct RunReads {
    /// Held by the read that finds out how the session reads, so the run's
    /// others wait and then use the search rather than each probing.
    probe: tokio::sync::Mutex<()>,
    found: Arc<Mutex<Found>>,
    /// When this cache was made: a read asked for after a write was sent
    /// needs a cache made after it too.
    made: Instant,
}

/// What the run's searches have found so far, shared with the search task.
#[derive(Default)]
struct Found {
    by_id: HashMap<String, IntegrationRequest>,
    /// The server's answers to this session's writes: they win over a page
    /// unless the page's copy was changed later (someone else wrote since).
    written: HashMap<String, IntegrationRequest>,
    /// The running or last search, for a read to wait on.
    search: Option<watch::Receiver<Progress>>,
    running: bool,
    /// A search has ended with every page, so a missing id is news.
    complete: bool,
    /// The one search again after an id was missing has been started.
    refreshed: bool,
    /// When the last search ended with every page.
    completed: Option<Instant>,
    task: Option<AbortHandle>,
}

/// How one search is going: every page is sent (as `Paging`, waking the
/// readers to look again), then how it ended.
#[derive(Clone)]
enum Progress {
    Paging,
    Done,
    Failed(ApiError),
}

impl RunReads {
    pub fn new() -> Self {
        RunReads {
            probe: tokio::sync::Mutex::new(()),
            found: Arc::new(Mutex::new(Found::default())),
            made: Instant::now(),
        }
    }

    /// Whether its copies are too old to check a write against: its search
    /// ended with every page more than `window` ago. A search still paging
    /// is not: its pages arrive now.
    pub(crate) fn older_than(&self, window: Duration) -> bool {
        let found = self.lock();
        !found.running && found.completed.is_some_and(|at| at.elapsed() > window)
    }

    /// Whether it was made after `instant` (so its reads began after it).
    pub(crate) fn made_after(&self, instant: Instant) -> bool {
        self.made > instant
    }

    /// Keep the server's answer to this session's own write, so a read
    /// from the same search does not bring the old copy back.
    pub(crate) fn note(&self, r: &IntegrationRequest) {
        self.lock().written.insert(r.id.clone(), r.clone());
    }

    /// `id` as the run last saw it: from the server where it reads by id,
    /// else from the run's search.
    pub async fn read(
        &self,
        client: &Client,
        policy: RetryPolicy,
        id: &str,
    ) -> Result<IntegrationRequest, ApiError> {
        match client.read_way() {
            ReadWay::ById => return retry::read(policy, || client.get(id)).await,
            ReadWay::Search => return self.searched(client, policy, id).await,
            ReadWay::Unknown => {}
        }
        let probe = self.probe.lock().await;
        match client.read_way() {
            ReadWay::Search => {
                drop(probe);
                self.searched(client, policy, id).await
            }
            // The first read finds out while the run's others wait, so they
            // use this cache rather than each searching; on a server without
            // `GET /{id}` it then reads from the run's streamed search too.
            ReadWay::Unknown => match retry::read(policy, || client.get_if_served(id)).await? {
                Some(r) => Ok(r),
                None => {
                    drop(probe);
                    self.searched(client, policy, id).await
                }
            },
            ReadWay::ById => {
                drop(probe);
                retry::read(policy, || client.get(id)).await
            }
        }
    }

    async fn searched(
        &self,
        client: &Client,
        policy: RetryPolicy,
        id: &str,
    ) -> Result<IntegrationRequest, ApiError> {
        // The search this read waits on, once it waits on one.
        let mut waiting: Option<watch::Receiver<Progress>> = None;
        loop {
            // Marked seen before the map is looked at, so a page added after
            // the look wakes this read.
            if let Some(rx) = waiting.as_mut() {
                let progress = rx.borrow_and_update().clone();
                match progress {
                    Progress::Failed(e) => return Err(e),
                    Progress::Done => waiting = None,
                    Progress::Paging => {}
                }
            }
            {
                let mut found = self.lock();
                if let Some(r) = found.latest(id) {
                    return Ok(r);
                }
                if waiting.is_none() {
                    if !found.running {
                        if found.complete {
                            if found.refreshed {
                                return Err(client.unknown_id(id));
                            }
                            found.refreshed = true;
                        }
                        self.start(&mut found, client, policy);
                    }
                    waiting = found.search.clone().map(|mut rx| {
                        rx.borrow_and_update();
                        rx
                    });
                }
            }
            let Some(rx) = waiting.as_mut() else {
                return Err(stopped());
            };
            if rx.changed().await.is_err() {
                // The task ended without saying how (it panicked): let the
                // next read start the search again.
                let mut found = self.lock();
                if found.search.as_ref().is_some_and(|s| s.same_channel(rx)) {
                    found.running = false;
                }
                return Err(stopped());
            }
        }
    }

    /// Start a search of every page in a task of its own, adding each page
    /// to the map as it arrives.
    fn start(&self, found: &mut Found, client: &Client, policy: RetryPolicy) {
        let (tx, rx) = watch::channel(Progress::Paging);
        found.search = Some(rx);
        found.running = true;
        let shared = Arc::clone(&self.found);
        let client = client.clone();
        let task = tokio::spawn(async move {
            let query = client.reading_query();
            let result = super::for_each_page(&client, policy, query, |items, _| {
                let mut found = lock(&shared);
                found
                    .by_id
                    .extend(items.into_iter().map(|r| (r.id.clone(), r)));
                drop(found);
                tx.send_replace(Progress::Paging);
                ControlFlow::Continue(())
            })
            .await;
            // The state first, then the word: a woken read decides on it.
            let mut found = lock(&shared);
            found.running = false;
            found.complete |= result.is_ok();
            if result.is_ok() {
                found.completed = Some(Instant::now());
            }
            drop(found);
            tx.send_replace(match result {
                Ok(()) => Progress::Done,
                Err(e) => Progress::Failed(e),
            });
        });
        found.task = Some(task.abort_handle());
    }

    fn lock(&self) -> MutexGuard<'_, Found> {
        lock(&self.found)
    }
}

impl Found {
    fn latest(&self, id: &str) -> Option<IntegrationRequest> {
        let paged = self.by_id.get(id);
        match (paged, self.written.get(id)) {
            (Some(p), Some(w)) if p.updated_at > w.updated_at => Some(p.clone()),
            (_, Some(w)) => Some(w.clone()),
            (p, _) => p.cloned(),
        }
    }
}

fn lock(found: &Mutex<Found>) -> MutexGuard<'_, Found> {
    found.lock().unwrap_or_else(PoisonError::into_inner)
}

fn stopped() -> ApiError {
    ApiError::Config(
        "The run's search of the account stopped before it finished; run it again.".into(),
    )
}

impl Default for RunReads {
    fn default() -> Self {
        RunReads::new()
    }
}

impl Drop for RunReads {
    /// A run that ends or is cancelled stops paging the account.
    fn drop(&mut self) {
        if let Some(task) = self.lock().task.take() {
            task.abort();
        }
    }
}
