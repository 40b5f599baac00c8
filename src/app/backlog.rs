//! The backlog at a glance: the shown requests counted by type and by
//! readiness, their ages in buckets, and how many pending ones are over
//! SLA. Worked out when the shown list changes (or a minute has passed, so
//! ages move on), never per frame: at 100,000 rows a frame only reads it.

use chrono::{DateTime, TimeDelta, Utc};

use crate::api::{Blocker, IntegrationRequest, IntegrationType};

use super::list::{Filter, List};

/// The age histogram's buckets, in order.
pub const AGE_BUCKETS: [&str; 5] = ["<1d", "1–3d", "3–7d", "1–4w", ">4w"];

/// What the panel shows and the title counts, for the shown requests.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BacklogSummary {
    pub shown: usize,
    /// Type and count, most first.
    pub by_type: Vec<(String, usize)>,
    /// The detail pane's readiness words and count, most first.
    pub by_readiness: Vec<(String, usize)>,
    /// Counts per `AGE_BUCKETS`.
    pub ages: [u64; 5],
    /// Requests the server sent without `createdAt`.
    pub unknown_age: usize,
    /// Pending requests older than `sla_days`.
    pub over_sla: usize,
}

/// What the summary was worked out from; another basis means work again.
#[derive(Debug, Clone, PartialEq)]
struct Basis {
    generation: u64,
    filter: Filter,
    pending_only: bool,
    shown: usize,
    sla_days: u32,
}

#[derive(Debug, Default)]
pub(crate) struct Backlog {
    /// The panel is on (in place of the detail pane).
    pub(crate) open: bool,
    summary: BacklogSummary,
    /// The clock the summary was worked out at: the list's SLA markers
    /// use it too, so they always agree with the count in the title.
    pub(crate) at: Option<DateTime<Utc>>,
    basis: Option<Basis>,
}

impl Backlog {
    pub(crate) fn toggle(&mut self) {
        self.open = !self.open;
    }

    /// Work the summary out again if the shown list, the SLA or (after a
    /// minute) the ages changed; nothing when nothing needs it.
    pub(crate) fn refresh(&mut self, list: &List, now: DateTime<Utc>, sla_days: u32) {
        // Partial rows while a filter scan runs: keep the last summary
        // until the set is complete.
        if (!self.open && sla_days == 0) || list.filtering() {
            return;
        }
        let basis = Basis {
            generation: list.generation,
            filter: list.filter.clone(),
            pending_only: list.pending_only,
            shown: list.visible.len(),
            sla_days,
        };
        let fresh = self.at.is_some_and(|at| {
            let since = now - at;
            since >= TimeDelta::zero() && since < TimeDelta::minutes(1)
        });
        if fresh && self.basis.as_ref() == Some(&basis) {
            return;
        }
        let shown = list.visible.iter().filter_map(|&i| list.store.get(i));
        self.summary = summarize(shown, now, sla_days);
        self.at = Some(now);
        self.basis = Some(basis);
    }

    pub fn summary(&self) -> &BacklogSummary {
        &self.summary
    }

    /// Whether the list marks this request as over SLA.
    pub fn is_over_sla(&self, r: &IntegrationRequest, sla_days: u32) -> bool {
        self.at.is_some_and(|at| over_sla(r, at, sla_days))
    }
}

/// A pending request created more than `sla_days` ago; never with 0. Only
/// pending ones: an activated or rejected request is off the backlog.
pub fn over_sla(r: &IntegrationRequest, now: DateTime<Utc>, sla_days: u32) -> bool {
    sla_days > 0
        && r.is_pending()
        && r.created_at
            .is_some_and(|t| now - t > TimeDelta::days(i64::from(sla_days)))
}

/// The bucket of `AGE_BUCKETS` an age falls in (a future createdAt, from a
/// skewed clock, counts as under a day).
pub fn age_bucket(age: TimeDelta) -> usize {
    [1, 3, 7, 28]
        .iter()
        .position(|&d| age < TimeDelta::days(d))
        .unwrap_or(4)
}

pub fn summarize<'a>(
    requests: impl Iterator<Item = &'a IntegrationRequest>,
    now: DateTime<Utc>,
    sla_days: u32,
) -> BacklogSummary {
    let mut s = BacklogSummary::default();
    let mut kinds: Vec<(&IntegrationType, usize)> = Vec::new();
    // Few distinct readinesses: a short list beats hashing every row.
    let mut ready: Vec<(Vec<Blocker>, &IntegrationRequest, usize)> = Vec::new();
    for r in requests {
        s.shown += 1;
        match kinds.iter_mut().find(|(k, _)| *k == &r.kind) {
            Some((_, n)) => *n += 1,
            None => kinds.push((&r.kind, 1)),
        }
        let blockers = r.blockers();
        match ready.iter_mut().find(|(b, _, _)| *b == blockers) {
            Some((_, _, n)) => *n += 1,
            None => ready.push((blockers, r, 1)),
        }
        match r.created_at {
            Some(t) => s.ages[age_bucket(now - t)] += 1,
            None => s.unknown_age += 1,
        }
        if over_sla(r, now, sla_days) {
            s.over_sla += 1;
        }
    }
    s.by_type = most_first(kinds.into_iter().map(|(k, n)| (k.to_string(), n)));
    s.by_readiness = most_first(
        ready
            .into_iter()
            .map(|(_, r, n)| (crate::ops::readiness::text(r), n)),
    );
    s
}

fn most_first(counts: impl Iterator<Item = (String, usize)>) -> Vec<(String, usize)> {
    let mut v: Vec<(String, usize)> = counts.collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v
}
