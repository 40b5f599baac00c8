//! A bulk activation's state: the plan shown in the confirm dialog, and the
//! run with exactly one result per request (what it does is in `app::bulk`).

use std::collections::HashMap;

use crate::api::{Blocker, IntegrationRequest};

use super::{ItemState, Run, RunItem, RunResult, Tone};

/// What the bulk confirm dialog says about the chosen requests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BulkPlan {
    pub ids: Vec<String>,
    /// Chosen (marked) but not shown by the current filter.
    pub hidden: usize,
    /// Of `hidden`, those marked in another status and hidden by pending
    /// only: the list has not loaded them, so their status is as last seen.
    pub hidden_by_status: usize,
    pub not_pending: usize,
    /// Pending ePay requests without a terminalId, in list order.
    pub missing_terminal: Vec<String>,
    /// Marked earlier but no longer in the loaded list.
    pub unknown: usize,
    /// On production, over `confirm_typed_over`: the count typed so far.
    pub typed: Option<Box<crate::app::typed_count::TypedCount>>,
    /// `R` on a finished run's results: cancelling goes back to them.
    pub retry: bool,
    /// The terminalIds typed in the bulk run's forms, by request id: sent
    /// only once the run starts.
    pub entered: HashMap<String, String>,
    /// The last look after the forms: cancelling says what was not sent.
    pub reviewing: bool,
}

impl BulkPlan {
    /// How many the run would actually call the API for.
    pub fn runnable(&self) -> usize {
        self.ids
            .len()
            .saturating_sub(self.not_pending + self.missing_terminal.len() + self.unknown)
    }
}

/// The missing terminalIds of a bulk run, asked for one form at a time
/// before it starts (`e` in the dialog).
#[derive(Debug, Clone)]
pub struct BulkEntry {
    pub plan: BulkPlan,
    /// Still to ask for, after this one.
    pub queue: std::collections::VecDeque<String>,
    /// 1-based position of this form, and how many there are.
    pub step: (usize, usize),
}

/// What one request of a bulk run ended with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BulkResult {
    /// The server answered this run's call with the request active.
    Activated,
    /// The answer was lost and reading it back showed it active: this run or
    /// someone else may have done it, so it is not counted as activated.
    Confirmed,
    /// The server said it was already active; who did it (`updatedBy`) when
    /// reading it back worked.
    AlreadyActive(Option<String>),
    Skipped(String),
    Failed(String),
    /// Made on the server, but its closing audit line could not be written:
    /// what was made, then why the log lacks it.
    NotLogged(String),
}

/// A [`BulkResult`] without its detail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BulkKind {
    Activated,
    Confirmed,
    AlreadyActive,
    Skipped,
    Failed,
    NotLogged,
}

/// What a bulk run's line shows beside the id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BulkLabel {
    pub kind: String,
    pub merchant: String,
}

result_kinds! {
    BulkResult => BulkKind {
        Activated => "activated",
        Confirmed => "confirmed active",
        AlreadyActive(_) => "already active",
        Skipped(_) => "skipped",
        Failed(_) => "failed",
        NotLogged(_) => "not logged" if some,
    }
}

impl RunResult for BulkResult {
    type Kind = BulkKind;
    type Label = BulkLabel;

    fn failed(&self) -> bool {
        matches!(self, BulkResult::Failed(_))
    }

    /// The wording of the results view.
    fn text(&self) -> String {
        match self {
            BulkResult::Activated => "activated".into(),
            BulkResult::Confirmed => {
                "confirmed active: the answer was lost; reading it back shows it active".into()
            }
            BulkResult::AlreadyActive(Some(by)) => format!("already active (activated by {by})"),
            BulkResult::AlreadyActive(None) => "already active: activated by someone else".into(),
            BulkResult::Skipped(why) => format!("skipped: {why}"),
            BulkResult::Failed(why) => format!("failed: {why}"),
            BulkResult::NotLogged(what) => format!("not logged: {what}"),
        }
    }

    fn tone(&self) -> Tone {
        match self {
            BulkResult::Activated | BulkResult::Confirmed => Tone::Good,
            BulkResult::AlreadyActive(_) => Tone::Notice,
            BulkResult::Failed(_) | BulkResult::NotLogged(_) => Tone::Bad,
            BulkResult::Skipped(_) => Tone::Quiet,
        }
    }
}

/// One item per id, each either queued or already decided (already
/// active, or skipped saying why); ids
/// with an entered terminalId start preparing, while it is saved.
pub fn bulk_run<'a>(
    run_id: u64,
    ids: &[String],
    lookup: impl Fn(&str) -> Option<&'a IntegrationRequest>,
    entered: &HashMap<String, String>,
) -> Run<BulkResult> {
    let items = ids.iter().map(|id| {
        let (label, state) = match lookup(id) {
            None => (
                BulkLabel {
                    kind: String::new(),
                    merchant: String::new(),
                },
                ItemState::Done(BulkResult::Skipped("no longer in the loaded list".into())),
            ),
            Some(r) => {
                let blockers = r.blockers();
                // Already active is one outcome whether the list or the
                // server says so: the summary counts it under one word.
                let state = if blockers.contains(&Blocker::AlreadyActive) {
                    ItemState::Done(BulkResult::AlreadyActive(r.updated_by.clone()))
                } else if blockers.contains(&Blocker::NotPending) {
                    ItemState::Done(BulkResult::Skipped(format!(
                        "not pending (status {})",
                        r.status
                    )))
                } else if blockers.contains(&Blocker::TerminalIdMissing) {
                    if entered.contains_key(id) {
                        ItemState::Preparing
                    } else {
                        ItemState::Done(BulkResult::Skipped(Blocker::TerminalIdMissing.to_string()))
                    }
                } else {
                    ItemState::Queued
                };
                (
                    BulkLabel {
                        kind: r.kind.to_string(),
                        merchant: r.merchant_id.clone(),
                    },
                    state,
                )
            }
        };
        RunItem {
            id: id.clone(),
            label,
            state,
        }
    });
    Run::new(run_id, items)
}

/// Close a bulk run: what never started is skipped, what got no answer failed.
pub fn finish_bulk(run: &mut Run<BulkResult>, cancelled: bool) {
    let unstarted = BulkResult::Skipped(if cancelled {
        "cancelled before it started".into()
    } else {
        "never started".into()
    });
    let unanswered = BulkResult::Failed(
        "no answer arrived before the run ended; reload to see its status".into(),
    );
    run.finish(cancelled, unstarted, unanswered);
}
