//! Bulk activation: the plan shown in the confirm dialog, and the run with
//! exactly one outcome per request.

use std::collections::HashMap;

use crate::api::{Blocker, IntegrationRequest};

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
    pub typed: Option<Box<super::guard::TypedCount>>,
    /// `R` on a finished run's results: cancelling goes back to them.
    pub retry: bool,
}

impl BulkPlan {
    /// How many the run would actually call the API for.
    pub fn runnable(&self) -> usize {
        self.ids
            .len()
            .saturating_sub(self.not_pending + self.missing_terminal.len() + self.unknown)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Waiting for its terminalId to be saved before it can run.
    Saving,
    Queued,
    InFlight,
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
}

impl Outcome {
    pub fn is_final(&self) -> bool {
        matches!(
            self,
            Outcome::Activated
                | Outcome::Confirmed
                | Outcome::AlreadyActive(_)
                | Outcome::Skipped(_)
                | Outcome::Failed(_)
        )
    }

    /// The wording of the results view.
    pub fn text(&self) -> String {
        match self {
            Outcome::Saving => "saving terminalId".into(),
            Outcome::Queued => "queued".into(),
            Outcome::InFlight => "in flight".into(),
            Outcome::Activated => "activated".into(),
            Outcome::Confirmed => {
                "confirmed active: the answer was lost; reading it back shows it active".into()
            }
            Outcome::AlreadyActive(Some(by)) => format!("already active (activated by {by})"),
            Outcome::AlreadyActive(None) => "already active: activated by someone else".into(),
            Outcome::Skipped(why) => format!("skipped: {why}"),
            Outcome::Failed(why) => format!("failed: {why}"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BulkItem {
    pub id: String,
    pub kind: String,
    pub merchant: String,
    pub outcome: Outcome,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// terminalIds entered with `e` are being saved; activation waits.
    Saving,
    Running,
    Finished {
        cancelled: bool,
    },
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub activated: usize,
    pub confirmed: usize,
    pub already: usize,
    pub skipped: usize,
    pub failed: usize,
    pub in_flight: usize,
    pub waiting: usize,
}

impl Counts {
    pub fn done(&self) -> usize {
        self.activated + self.confirmed + self.already + self.skipped + self.failed
    }

    pub fn total(&self) -> usize {
        self.done() + self.in_flight + self.waiting
    }
}

#[derive(Debug, Clone)]
pub struct BulkRun {
    pub run_id: u64,
    pub items: Vec<BulkItem>,
    index: HashMap<String, usize>,
    /// In start order, for the progress view.
    pub in_flight: Vec<String>,
    pub phase: Phase,
    pub cancel_requested: bool,
    /// Results view scroll position.
    pub scroll: usize,
}

impl BulkRun {
    /// One item per id, each either queued or already decided (skipped);
    /// ids with an entered terminalId start as `Saving`.
    pub fn new<'a>(
        run_id: u64,
        ids: &[String],
        lookup: impl Fn(&str) -> Option<&'a IntegrationRequest>,
        entered: &HashMap<String, String>,
    ) -> BulkRun {
        let mut items = Vec::with_capacity(ids.len());
        let mut index = HashMap::with_capacity(ids.len());
        for id in ids {
            if index.contains_key(id) {
                continue;
            }
            let (kind, merchant, outcome) = match lookup(id) {
                None => (
                    String::new(),
                    String::new(),
                    Outcome::Skipped("no longer in the loaded list".into()),
                ),
                Some(r) => {
                    let blockers = r.blockers();
                    let outcome = if blockers.contains(&Blocker::AlreadyActive) {
                        Outcome::Skipped("already active".into())
                    } else if blockers.contains(&Blocker::NotPending) {
                        Outcome::Skipped(format!("not pending (status {})", r.status))
                    } else if blockers.contains(&Blocker::TerminalIdMissing) {
                        if entered.contains_key(id) {
                            Outcome::Saving
                        } else {
                            Outcome::Skipped(Blocker::TerminalIdMissing.to_string())
                        }
                    } else {
                        Outcome::Queued
                    };
                    (r.kind.to_string(), r.merchant_id.clone(), outcome)
                }
            };
            index.insert(id.clone(), items.len());
            items.push(BulkItem {
                id: id.clone(),
                kind,
                merchant,
                outcome,
            });
        }
        let phase = if items.iter().any(|i| i.outcome == Outcome::Saving) {
            Phase::Saving
        } else {
            Phase::Running
        };
        BulkRun {
            run_id,
            items,
            index,
            in_flight: Vec::new(),
            phase,
            cancel_requested: false,
            scroll: 0,
        }
    }

    pub fn outcome(&self, id: &str) -> Option<&Outcome> {
        self.index
            .get(id)
            .and_then(|&i| self.items.get(i))
            .map(|i| &i.outcome)
    }

    /// Set an outcome unless one is final already: each request gets
    /// exactly one. Returns whether it changed.
    pub fn set(&mut self, id: &str, outcome: Outcome) -> bool {
        let Some(item) = self.index.get(id).and_then(|&i| self.items.get_mut(i)) else {
            return false;
        };
        if item.outcome.is_final() {
            return false;
        }
        let leaving_flight = item.outcome == Outcome::InFlight;
        item.outcome = outcome;
        if leaving_flight || item.outcome.is_final() {
            self.in_flight.retain(|x| x != id);
        }
        if item.outcome == Outcome::InFlight {
            self.in_flight.push(id.to_string());
        }
        true
    }

    pub fn queued_ids(&self) -> Vec<String> {
        self.items
            .iter()
            .filter(|i| i.outcome == Outcome::Queued)
            .map(|i| i.id.clone())
            .collect()
    }

    pub fn awaiting_save(&self) -> bool {
        self.items.iter().any(|i| i.outcome == Outcome::Saving)
    }

    pub fn failed_ids(&self) -> Vec<String> {
        self.items
            .iter()
            .filter(|i| matches!(i.outcome, Outcome::Failed(_)))
            .map(|i| i.id.clone())
            .collect()
    }

    /// Close the run: whatever never got an answer gets a final outcome now.
    pub fn finish(&mut self, cancelled: bool) {
        for item in &mut self.items {
            item.outcome = match &item.outcome {
                Outcome::Saving | Outcome::Queued => Outcome::Skipped(if cancelled {
                    "cancelled before it started".into()
                } else {
                    "never started".into()
                }),
                Outcome::InFlight => Outcome::Failed(
                    "no answer arrived before the run ended; reload to see its status".into(),
                ),
                done => done.clone(),
            };
        }
        self.in_flight.clear();
        self.phase = Phase::Finished { cancelled };
    }

    pub fn is_running(&self) -> bool {
        !matches!(self.phase, Phase::Finished { .. })
    }

    pub fn counts(&self) -> Counts {
        let mut c = Counts::default();
        for i in &self.items {
            match i.outcome {
                Outcome::Saving | Outcome::Queued => c.waiting += 1,
                Outcome::InFlight => c.in_flight += 1,
                Outcome::Activated => c.activated += 1,
                Outcome::Confirmed => c.confirmed += 1,
                Outcome::AlreadyActive(_) => c.already += 1,
                Outcome::Skipped(_) => c.skipped += 1,
                Outcome::Failed(_) => c.failed += 1,
            }
        }
        c
    }
}
