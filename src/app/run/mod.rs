//! One run over many requests, shared by bulk activation and import: items
//! in the order they were given, each ending with exactly one result, a
//! phase, a cancel request, a tally by result kind and a scroll position for
//! the results. Each run names its own results (`BulkResult` in `bulk`,
//! `ImportResult` in `import`, with the rest of those slices' state, held
//! by `App`); the counting and the finish rules live here once.

/// A result's kinds, written once as `Result => Kind { Variant => "word", … }`
/// in summary order: which kind each result is (a `From`), and every kind
/// with its one word ([`RunKind`]). A variant with detail is written with
/// its pattern, as in `Skipped(_) => "skipped"`.
macro_rules! result_kinds {
    ($result:ident => $kind:ident {
        $($variant:ident $(($($detail:tt)*))? => $word:literal $(if $some:ident)?),+ $(,)?
    }) => {
        impl From<&$result> for $kind {
            fn from(result: &$result) -> $kind {
                match result {
                    $($result::$variant $(($($detail)*))? => $kind::$variant),+
                }
            }
        }

        impl $crate::app::run::RunKind for $kind {
            const ALL: &'static [$kind] = &[$($kind::$variant),+];

            fn word(self) -> &'static str {
                match self {
                    $($kind::$variant => $word),+
                }
            }

            fn said_only_if_some(self) -> bool {
                match self {
                    $($kind::$variant => result_kinds!(@some $($some)?)),+
                }
            }
        }
    };
    (@some) => { false };
    (@some some) => { true };
}

mod bulk;
mod import;
mod shown;

use std::collections::HashMap;

pub use bulk::{BulkEntry, BulkKind, BulkLabel, BulkPlan, BulkResult, bulk_run, finish_bulk};
pub use import::{
    ImportKind, ImportLabel, ImportResult, ImportStage, ImportState, finish_import, shown_path,
};
pub use shown::ResultsShown;

/// A result without its detail: what the tally counts. Implemented by
/// `result_kinds!`.
pub trait RunKind: Copy + Eq + std::fmt::Debug + 'static {
    /// Every kind, in the order the summary names them.
    const ALL: &'static [Self];
    /// The one word for a kind. The summary counts it and every line of
    /// that kind starts with it, so the two always agree.
    fn word(self) -> &'static str;
    /// A kind that should never happen (a change the audit log lacks): the
    /// summary names it only when some item ended so.
    fn said_only_if_some(self) -> bool;
}

/// What one item of a run ended with.
pub trait RunResult: Clone + PartialEq + std::fmt::Debug {
    /// Which kind a result is comes from `result_kinds!`.
    type Kind: RunKind + for<'a> From<&'a Self>;
    /// What an item shows beside its id.
    type Label: Clone + PartialEq + std::fmt::Debug;
    /// Every kind, in the order the summary names them.
    const KINDS: &'static [Self::Kind] = <Self::Kind as RunKind>::ALL;

    fn kind(&self) -> Self::Kind {
        Self::Kind::from(self)
    }

    /// The one word for a kind (see [`RunKind::word`]).
    fn word(kind: Self::Kind) -> &'static str {
        kind.word()
    }

    /// Whether it failed: what a retry would send again and what the
    /// results show first. A result made on the server without its audit
    /// line is not: sending it again would not mend the log.
    fn failed(&self) -> bool;

    /// The line: the kind's word, then what more is known.
    fn text(&self) -> String;
    fn tone(&self) -> Tone;
}

/// How a result reads at a glance; the view picks the colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Good,
    Notice,
    Bad,
    Quiet,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ItemState<R> {
    /// Waits for a step before it can run (bulk: its entered terminalId is
    /// being saved).
    Preparing,
    Queued,
    InFlight,
    Done(R),
}

impl<R: RunResult> ItemState<R> {
    pub fn is_done(&self) -> bool {
        matches!(self, ItemState::Done(_))
    }

    pub fn result(&self) -> Option<&R> {
        match self {
            ItemState::Done(r) => Some(r),
            _ => None,
        }
    }

    pub fn text(&self) -> String {
        match self {
            ItemState::Preparing => "preparing".into(),
            ItemState::Queued => "waiting".into(),
            ItemState::InFlight => "in flight".into(),
            ItemState::Done(r) => r.text(),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct RunItem<R: RunResult> {
    pub id: String,
    pub label: R::Label,
    pub state: ItemState<R>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunPhase {
    /// Some items are still preparing; nothing runs yet.
    Starting,
    Running,
    Finished {
        cancelled: bool,
    },
}

/// How many items are where, and how many ended with each kind of result:
/// the one count every progress line, gauge and summary is drawn from, so
/// they cannot disagree.
#[derive(Debug, Clone, PartialEq)]
pub struct Tally<R: RunResult> {
    /// Queued, or preparing before they can be queued.
    pub waiting: usize,
    pub in_flight: usize,
    /// The ids in flight, in run order (`in_flight` of them).
    pub in_flight_ids: Vec<String>,
    kinds: Vec<(R::Kind, usize)>,
}

impl<R: RunResult> Tally<R> {
    /// How many ended with `kind`.
    pub fn of(&self, kind: R::Kind) -> usize {
        self.kinds
            .iter()
            .find(|(k, _)| *k == kind)
            .map_or(0, |(_, n)| *n)
    }

    pub fn done(&self) -> usize {
        self.kinds.iter().map(|(_, n)| n).sum()
    }

    pub fn total(&self) -> usize {
        self.done() + self.in_flight + self.waiting
    }

    /// `2 activated · 0 confirmed active · …`, every kind in order (a kind
    /// that should never happen only when it did).
    pub fn summary(&self) -> String {
        self.kinds
            .iter()
            .filter(|(k, n)| *n > 0 || !k.said_only_if_some())
            .map(|(k, n)| format!("{n} {}", R::word(*k)))
            .collect::<Vec<_>>()
            .join(" · ")
    }

    /// The kinds some item ended with, as `9 activated · 1 failed`.
    pub fn nonzero_summary(&self) -> String {
        self.kinds
            .iter()
            .filter(|(_, n)| *n > 0)
            .map(|(k, n)| format!("{n} {}", R::word(*k)))
            .collect::<Vec<_>>()
            .join(" · ")
    }
}

#[derive(Debug, Clone)]
pub struct Run<R: RunResult> {
    pub run_id: u64,
    pub items: Vec<RunItem<R>>,
    index: HashMap<String, usize>,
    /// In start order, for the progress view.
    pub in_flight: Vec<String>,
    pub phase: RunPhase,
    pub cancel_requested: bool,
    /// Results view scroll position.
    pub scroll: usize,
    /// Which results the view shows, in which order.
    pub shown: ResultsShown,
}

impl<R: RunResult> Run<R> {
    /// A run over `items` in their order; a repeated id keeps its first item.
    /// It starts `Starting` while any item is preparing, else `Running`.
    pub fn new(run_id: u64, items: impl IntoIterator<Item = RunItem<R>>) -> Run<R> {
        let mut kept = Vec::new();
        let mut index = HashMap::new();
        for item in items {
            if index.contains_key(&item.id) {
                continue;
            }
            index.insert(item.id.clone(), kept.len());
            kept.push(item);
        }
        let phase = if kept.iter().any(|i| i.state == ItemState::Preparing) {
            RunPhase::Starting
        } else {
            RunPhase::Running
        };
        Run {
            run_id,
            items: kept,
            index,
            in_flight: Vec::new(),
            phase,
            cancel_requested: false,
            scroll: 0,
            shown: ResultsShown::FailedFirst,
        }
    }

    pub fn state(&self, id: &str) -> Option<&ItemState<R>> {
        self.index
            .get(id)
            .and_then(|&i| self.items.get(i))
            .map(|i| &i.state)
    }

    /// The final result of `id`, once it has one.
    pub fn result(&self, id: &str) -> Option<&R> {
        self.state(id).and_then(ItemState::result)
    }

    /// Move `id` on unless it has its result already: each item gets
    /// exactly one. Returns whether it changed.
    pub fn set(&mut self, id: &str, state: ItemState<R>) -> bool {
        let Some(item) = self.index.get(id).and_then(|&i| self.items.get_mut(i)) else {
            return false;
        };
        if item.state.is_done() {
            return false;
        }
        let leaving_flight = item.state == ItemState::InFlight;
        item.state = state;
        if leaving_flight || item.state.is_done() {
            self.in_flight.retain(|x| x != id);
        }
        if item.state == ItemState::InFlight {
            self.in_flight.push(id.to_string());
        }
        true
    }

    /// `id` ended with `result`, unless it had ended already.
    pub fn done(&mut self, id: &str, result: R) -> bool {
        self.set(id, ItemState::Done(result))
    }

    /// The ids whose state `pick` chooses, in run order.
    pub fn ids_where(&self, pick: impl Fn(&ItemState<R>) -> bool) -> Vec<String> {
        self.items
            .iter()
            .filter(|i| pick(&i.state))
            .map(|i| i.id.clone())
            .collect()
    }

    pub fn any(&self, pick: impl Fn(&ItemState<R>) -> bool) -> bool {
        self.items.iter().any(|i| pick(&i.state))
    }

    /// Close the run: an item that never started ends `unstarted`, one
    /// still in flight `unanswered`; results already in stay.
    pub fn finish(&mut self, cancelled: bool, unstarted: R, unanswered: R) {
        for item in &mut self.items {
            match item.state {
                ItemState::Preparing | ItemState::Queued => {
                    item.state = ItemState::Done(unstarted.clone());
                }
                ItemState::InFlight => item.state = ItemState::Done(unanswered.clone()),
                ItemState::Done(_) => {}
            }
        }
        self.in_flight.clear();
        self.phase = RunPhase::Finished { cancelled };
    }

    pub fn is_running(&self) -> bool {
        !matches!(self.phase, RunPhase::Finished { .. })
    }

    pub fn tally(&self) -> Tally<R> {
        let mut t = Tally {
            waiting: 0,
            in_flight: 0,
            in_flight_ids: Vec::new(),
            kinds: R::KINDS.iter().map(|&k| (k, 0)).collect(),
        };
        for i in &self.items {
            match &i.state {
                ItemState::Preparing | ItemState::Queued => t.waiting += 1,
                ItemState::InFlight => {
                    t.in_flight += 1;
                    t.in_flight_ids.push(i.id.clone());
                }
                ItemState::Done(r) => {
                    let kind = r.kind();
                    match t.kinds.iter_mut().find(|(k, _)| *k == kind) {
                        Some((_, n)) => *n += 1,
                        None => t.kinds.push((kind, 1)),
                    }
                }
            }
        }
        t
    }
}

#[cfg(test)]
mod tests;
