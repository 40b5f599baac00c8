//! One run over many requests, shared by bulk activation and import: items
//! in the order they were given, each ending with exactly one result, a
//! phase, a cancel request, a tally by result kind and a scroll position for
//! the results. Each run names its own results (`BulkResult`,
//! `ImportResult`); the counting and the finish rules live here once.

use std::collections::HashMap;

/// What one item of a run ended with.
pub trait RunResult: Clone + PartialEq + std::fmt::Debug {
    /// A result without its detail: what the tally counts.
    type Kind: Copy + Eq + std::fmt::Debug + 'static;
    /// What an item shows beside its id.
    type Label: Clone + PartialEq + std::fmt::Debug;
    /// Every kind, in the order the summary names them.
    const KINDS: &'static [Self::Kind];
    fn kind(&self) -> Self::Kind;
    /// The one word for a kind. The summary counts it and every line of
    /// that kind starts with it, so the two always agree.
    fn word(kind: Self::Kind) -> &'static str;
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

/// How many items are where, and how many ended with each kind of result.
#[derive(Debug, Clone, PartialEq)]
pub struct Tally<R: RunResult> {
    pub waiting: usize,
    pub in_flight: usize,
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

    /// `2 activated · 0 confirmed active · …`, every kind in order.
    pub fn summary(&self) -> String {
        self.kinds
            .iter()
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
                    item.state = ItemState::Done(unstarted.clone())
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
            kinds: R::KINDS.iter().map(|&k| (k, 0)).collect(),
        };
        for i in &self.items {
            match &i.state {
                ItemState::Preparing | ItemState::Queued => t.waiting += 1,
                ItemState::InFlight => t.in_flight += 1,
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
mod tests {
    use super::*;

    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum K {
        Ok,
        Skip,
        Fail,
    }

    #[derive(Debug, Clone, PartialEq, Eq)]
    enum R {
        Ok,
        Skip(String),
        Fail(String),
    }

    impl RunResult for R {
        type Kind = K;
        type Label = u32;
        const KINDS: &'static [K] = &[K::Ok, K::Skip, K::Fail];
        fn kind(&self) -> K {
            match self {
                R::Ok => K::Ok,
                R::Skip(_) => K::Skip,
                R::Fail(_) => K::Fail,
            }
        }
        fn word(kind: K) -> &'static str {
            match kind {
                K::Ok => "ok",
                K::Skip => "skipped",
                K::Fail => "failed",
            }
        }
        fn text(&self) -> String {
            match self {
                R::Ok => "ok".into(),
                R::Skip(w) => format!("skipped: {w}"),
                R::Fail(w) => format!("failed: {w}"),
            }
        }
        fn tone(&self) -> Tone {
            Tone::Quiet
        }
    }

    fn item(id: &str, state: ItemState<R>) -> RunItem<R> {
        RunItem {
            id: id.into(),
            label: 0,
            state,
        }
    }

    fn run(states: Vec<ItemState<R>>) -> Run<R> {
        let items = states
            .into_iter()
            .enumerate()
            .map(|(i, s)| item(&format!("id{i}"), s));
        Run::new(7, items)
    }

    #[test]
    fn a_repeated_id_keeps_its_first_item_and_order_is_kept() {
        let r = Run::new(
            1,
            [
                item("b", ItemState::Queued),
                item("a", ItemState::Done(R::Ok)),
                item("b", ItemState::Done(R::Ok)),
            ],
        );
        let ids: Vec<&str> = r.items.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(ids, ["b", "a"]);
        assert_eq!(r.state("b"), Some(&ItemState::Queued));
        assert_eq!(r.phase, RunPhase::Running);
    }

    #[test]
    fn a_preparing_item_makes_the_run_start_in_starting() {
        let r = run(vec![ItemState::Queued, ItemState::Preparing]);
        assert_eq!(r.phase, RunPhase::Starting);
    }

    #[test]
    fn each_id_gets_exactly_one_final_result() {
        let mut r = run(vec![ItemState::Queued]);
        assert!(r.set("id0", ItemState::InFlight));
        assert_eq!(r.in_flight, ["id0"]);
        assert!(r.done("id0", R::Ok));
        assert!(r.in_flight.is_empty());
        assert!(!r.done("id0", R::Fail("late".into())));
        assert!(!r.set("id0", ItemState::Queued));
        assert_eq!(r.result("id0"), Some(&R::Ok));
        assert!(!r.done("unknown", R::Ok), "an id not in the run is ignored");
    }

    #[test]
    fn finish_gives_what_never_started_and_what_got_no_answer_their_results() {
        let mut r = run(vec![
            ItemState::Preparing,
            ItemState::Queued,
            ItemState::InFlight,
            ItemState::Done(R::Ok),
        ]);
        r.set("id2", ItemState::InFlight);
        r.finish(true, R::Skip("never".into()), R::Fail("no answer".into()));
        let results: Vec<Option<&R>> = r.items.iter().map(|i| i.state.result()).collect();
        assert_eq!(
            results,
            [
                Some(&R::Skip("never".into())),
                Some(&R::Skip("never".into())),
                Some(&R::Fail("no answer".into())),
                Some(&R::Ok),
            ]
        );
        assert!(r.in_flight.is_empty());
        assert_eq!(r.phase, RunPhase::Finished { cancelled: true });
        assert!(!r.is_running());
    }

    #[test]
    fn the_tally_counts_each_kind_once_and_the_summary_uses_the_lines_words() {
        let mut r = run(vec![
            ItemState::Queued,
            ItemState::Queued,
            ItemState::Done(R::Skip("x".into())),
            ItemState::Done(R::Ok),
            ItemState::Done(R::Ok),
        ]);
        r.set("id1", ItemState::InFlight);
        let t = r.tally();
        assert_eq!((t.waiting, t.in_flight, t.done(), t.total()), (1, 1, 3, 5));
        assert_eq!((t.of(K::Ok), t.of(K::Skip), t.of(K::Fail)), (2, 1, 0));
        assert_eq!(t.summary(), "2 ok · 1 skipped · 0 failed");
        for i in &r.items {
            if let ItemState::Done(res) = &i.state {
                assert!(res.text().starts_with(R::word(res.kind())));
            }
        }
    }

    #[test]
    fn ids_where_picks_in_run_order() {
        let r = run(vec![
            ItemState::Done(R::Fail("a".into())),
            ItemState::Queued,
            ItemState::Done(R::Fail("b".into())),
        ]);
        let failed = r.ids_where(|s| matches!(s, ItemState::Done(R::Fail(_))));
        assert_eq!(failed, ["id0", "id2"]);
        assert!(r.any(|s| *s == ItemState::Queued));
    }
}
