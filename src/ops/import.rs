//! Importing terminalIds from a CSV file: plan against every request the
//! account has, then set each through [`Ops::update_terminal_id`] with
//! [`OnExisting::Keep`], so each row is re-read just before it is written
//! and a value set since the plan is never overwritten.

use std::ops::ControlFlow;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use super::bounded::{Order, for_each_bounded};
use super::{Cancel, OnExisting, OpError, Ops, Updated, fetch_all_pages_seen};
use crate::api::retry::RetryPolicy;
use crate::api::{ApiError, Client, IntegrationRequest, SearchQuery};
use crate::import::{self, ImportPlan, RowClass};

/// One row to set: its line in the file, the request and the terminalId.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportUpdate {
    pub line: u64,
    pub id: String,
    pub terminal_id: String,
}

impl ImportUpdate {
    /// The rows the plan will set, in file order.
    pub fn from_plan(plan: &ImportPlan) -> Vec<ImportUpdate> {
        plan.rows_of(RowClass::WillSet)
            .filter_map(|r| {
                Some(ImportUpdate {
                    line: r.line,
                    id: r.id.clone()?,
                    terminal_id: r.terminal_id.clone()?,
                })
            })
            .collect()
    }
}

/// How one row ended.
// Moved once per row and never stored, like the console's events.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportRowResult {
    /// The server's answer holds it (`updated`).
    Set(IntegrationRequest),
    /// The answer was lost or did not hold it, and a read-back shows it set
    /// (`confirmed_set`).
    Confirmed(IntegrationRequest),
    /// It already had this terminalId: nothing was sent.
    Unchanged,
    /// It got another terminalId since the plan (this one): not overwritten.
    SetMeanwhile(String),
    Failed(OpError),
}

/// Why no plan could be made.
#[derive(Debug, Clone, thiserror::Error)]
pub enum PlanError {
    /// The file could not be opened or read: a sentence.
    #[error("{0}")]
    File(String),
    #[error("Could not fetch the current integration requests to plan {name}. {error}")]
    Fetch { name: String, error: ApiError },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ApplySummary {
    pub cancelled: bool,
    /// `each` asked to stop: rows not started were not sent.
    pub stopped: bool,
}

/// Read the file (`name` is how sentences show it) and plan it against
/// every request `query` finds, all statuses.
pub async fn plan_import(
    client: &Client,
    policy: RetryPolicy,
    path: &Path,
    name: &str,
    query: SearchQuery,
) -> Result<ImportPlan, PlanError> {
    plan_import_seen(client, policy, path, name, query, |_, _| {}).await
}

/// [`plan_import`], telling `seen` the requests and pages read so far.
pub async fn plan_import_seen(
    client: &Client,
    policy: RetryPolicy,
    path: &Path,
    name: &str,
    query: SearchQuery,
    seen: impl FnMut(usize, usize),
) -> Result<ImportPlan, PlanError> {
    let (file_path, read_name) = (crate::paths::expand_home(path), name.to_string());
    let rows = tokio::task::spawn_blocking(move || {
        let file = std::fs::File::open(&file_path).map_err(|e| {
            format!(
                "Could not open {read_name} ({e}); check the path and that the file is readable."
            )
        })?;
        import::read_rows(&read_name, file)
    })
    .await
    .map_err(|e| PlanError::File(format!("Could not read {name}: the reader stopped ({e}).")))?
    .map_err(PlanError::File)?;
    let current = fetch_all_pages_seen(client, policy, query, seen)
        .await
        .map_err(|error| PlanError::Fetch {
            name: name.to_string(),
            error,
        })?;
    Ok(import::plan(&rows, &current))
}

impl Ops {
    /// Set each row, at most `concurrency` at once; `each` hears every row
    /// that was worked on, with why its audit line is missing if it is.
    /// After `cancel` or a `Break`, no new row starts.
    pub async fn import_apply(
        &self,
        rows: Vec<ImportUpdate>,
        concurrency: usize,
        order: Order,
        cancel: &Cancel,
        mut each: impl FnMut(&ImportUpdate, ImportRowResult, Option<String>) -> ControlFlow<()>,
    ) -> ApplySummary {
        let stop = &AtomicBool::new(false);
        // Owned rows: futures borrowing from a closure argument cannot be
        // shown to be Send, and the console spawns this.
        let futs = rows.into_iter().map(|row| async move {
            if cancel.is_cancelled() || stop.load(Ordering::SeqCst) {
                return (row, None);
            }
            let on = OnExisting::Keep;
            let result = match self.update_terminal_id(&row.id, &row.terminal_id, on).await {
                Ok(done) => match done.value {
                    Updated::Set(r) => (ImportRowResult::Set(r), done.unrecorded),
                    Updated::Confirmed(r) => (ImportRowResult::Confirmed(r), done.unrecorded),
                    Updated::Unchanged(_) => (ImportRowResult::Unchanged, None),
                },
                Err(OpError::WouldReplace { current, .. }) => {
                    (ImportRowResult::SetMeanwhile(current), None)
                }
                Err(e) => (ImportRowResult::Failed(e), None),
            };
            (row, Some(result))
        });
        let _ = for_each_bounded(futs, concurrency, order, |(row, ended)| {
            if let Some((result, unrecorded)) = ended
                && !stop.load(Ordering::SeqCst)
                && each(&row, result, unrecorded).is_break()
            {
                stop.store(true, Ordering::SeqCst);
            }
            Ok::<(), std::convert::Infallible>(())
        })
        .await;
        ApplySummary {
            cancelled: cancel.is_cancelled(),
            stopped: stop.load(Ordering::SeqCst),
        }
    }
}
