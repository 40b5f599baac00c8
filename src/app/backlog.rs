//! The backlog at a glance: the shown requests counted by type and by
//! readiness, their ages in buckets, and how many pending ones are over
//! SLA. Kept as the shown rows change: a page or a merchant's name counts
//! only the rows that joined, the server's answer for one request moves
//! only its own counts, and only a new set of shown rows (a filter, a view,
//! a reload) or a minute passing (ages move on) counts every shown row
//! again, from the facts the store worked out once per row. Never per
//! frame: at 100,000 rows a frame only reads it.

use chrono::{DateTime, TimeDelta, Utc};

use crate::api::{Blocker, IntegrationRequest, IntegrationType};

use super::list::{Delta, Facts, List, ShownChanges, Store};

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

/// The counts by the store's numbers for types and readiness, so a change
/// moves integers and the words are looked up only for the summary.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Tally {
    shown: usize,
    kinds: Vec<usize>,
    readiness: Vec<usize>,
    ages: [u64; 5],
    unknown_age: usize,
    over_sla: usize,
}

fn slot(counts: &mut Vec<usize>, i: u16) -> &mut usize {
    let i = usize::from(i);
    if counts.len() <= i {
        counts.resize(i + 1, 0);
    }
    &mut counts[i]
}

impl Tally {
    /// Count a row in (`add`) or out, as of the clock `at`.
    fn shift(&mut self, f: &Facts, at: DateTime<Utc>, sla_days: u32, add: bool) {
        let step = |n: &mut usize| *n = if add { *n + 1 } else { n.saturating_sub(1) };
        step(&mut self.shown);
        step(slot(&mut self.kinds, f.kind));
        step(slot(&mut self.readiness, f.readiness));
        match f.created_at {
            Some(t) => {
                let n = &mut self.ages[age_bucket(at - t)];
                *n = if add { *n + 1 } else { n.saturating_sub(1) };
            }
            None => step(&mut self.unknown_age),
        }
        if facts_over_sla(f, at, sla_days) {
            step(&mut self.over_sla);
        }
    }

    fn summary(&self, store: &Store) -> BacklogSummary {
        let named = |counts: &[usize], name: &dyn Fn(u16) -> String| {
            most_first(
                counts
                    .iter()
                    .enumerate()
                    .filter(|(_, n)| **n > 0)
                    .map(|(i, n)| (name(u16::try_from(i).unwrap_or(u16::MAX)), *n)),
            )
        };
        BacklogSummary {
            shown: self.shown,
            by_type: named(&self.kinds, &|k| store.kind_name(k).to_string()),
            by_readiness: named(&self.readiness, &|r| store.readiness_text(r).to_string()),
            ages: self.ages,
            unknown_age: self.unknown_age,
            over_sla: self.over_sla,
        }
    }
}

#[derive(Debug, Default)]
pub(crate) struct Backlog {
    /// The panel is on (in place of the detail pane).
    pub(crate) open: bool,
    summary: BacklogSummary,
    /// The clock the counts were taken at: the list's SLA markers use it
    /// too, so they always agree with the count in the title.
    pub(crate) at: Option<DateTime<Utc>>,
    tally: Tally,
    /// The SLA the counts hold for; `None` when counting every shown row
    /// again is due.
    counted: Option<u32>,
    /// How many times every shown row was counted (what a page or a name
    /// must never cost).
    pub(crate) full_counts: u64,
}

impl Backlog {
    pub(crate) fn toggle(&mut self) {
        self.open = !self.open;
    }

    /// Follow the shown rows: count what changed since the last look, or
    /// every shown row when they are a new set, the SLA changed or (after a
    /// minute) the ages moved on; nothing when nothing needs it.
    pub(crate) fn refresh(&mut self, list: &mut List, now: DateTime<Utc>, sla_days: u32) {
        let changes = list.take_shown_changes();
        if !self.open && sla_days == 0 {
            // Nobody reads it: the next look counts everything.
            self.counted = None;
            return;
        }
        let mut moved = false;
        match (changes, self.at) {
            (ShownChanges::Deltas(ds), Some(at)) if self.counted.is_some() => {
                for d in &ds {
                    let (out, into) = match d {
                        Delta::Joined(f) => (None, f),
                        Delta::Changed { was, now } => (Some(was), now),
                    };
                    if let Some(out) = out {
                        self.tally.shift(out, at, sla_days, false);
                    }
                    self.tally.shift(into, at, sla_days, true);
                }
                moved = !ds.is_empty();
            }
            (ShownChanges::Deltas(_), _) => {}
            (ShownChanges::Reset, _) => self.counted = None,
        }
        // Partial rows while a filter scan runs: keep the last summary
        // until the set is complete.
        if list.filtering() {
            return;
        }
        let fresh = self.at.is_some_and(|at| {
            let since = now - at;
            since >= TimeDelta::zero() && since < TimeDelta::minutes(1)
        });
        // A change to the shown rows that no delta recorded shows as a count
        // that disagrees: count again (and fail the tests that let it by).
        let agrees = self.tally.shown == list.visible.len();
        #[cfg(test)]
        assert!(
            agrees || self.counted.is_none(),
            "the shown rows changed without a delta or a reset"
        );
        if fresh && agrees && self.counted == Some(sla_days) {
            if moved {
                self.summary = self.tally.summary(&list.store);
            }
            return;
        }
        let mut tally = Tally::default();
        for &i in &list.visible {
            if let Some(e) = list.store.entry(i) {
                tally.shift(&e.facts, now, sla_days, true);
            }
        }
        self.summary = tally.summary(&list.store);
        self.tally = tally;
        self.at = Some(now);
        self.counted = Some(sla_days);
        self.full_counts += 1;
    }

    pub fn summary(&self) -> &BacklogSummary {
        &self.summary
    }

    /// Whether the list marks this request as over SLA.
    pub fn is_over_sla(&self, r: &IntegrationRequest, sla_days: u32) -> bool {
        self.at.is_some_and(|at| over_sla(r, at, sla_days))
    }
}

/// [`over_sla`] from a row's stored facts.
fn facts_over_sla(f: &Facts, now: DateTime<Utc>, sla_days: u32) -> bool {
    sla_days > 0
        && f.pending
        && f.created_at
            .is_some_and(|t| now - t > TimeDelta::days(i64::from(sla_days)))
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
            .map(|(_, r, n)| (crate::domain::readiness::text(r), n)),
    );
    s
}

fn most_first(counts: impl Iterator<Item = (String, usize)>) -> Vec<(String, usize)> {
    let mut v: Vec<(String, usize)> = counts.collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v
}
