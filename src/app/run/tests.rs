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

result_kinds! {
    R => K {
        Ok => "ok",
        Skip(_) => "skipped",
        Fail(_) => "failed",
    }
}

impl RunResult for R {
    type Kind = K;
    type Label = u32;
    fn failed(&self) -> bool {
        matches!(self, R::Fail(_))
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

#[test]
fn every_run_shows_the_failed_first_and_f_toggles_only_the_failed() {
    let mut r = run(vec![
        ItemState::Done(R::Skip("no".into())),
        ItemState::Done(R::Fail("a".into())),
        ItemState::Done(R::Ok),
        ItemState::Done(R::Fail("b".into())),
    ]);
    let ids =
        |r: &Run<R>| -> Vec<String> { r.shown_items().iter().map(|i| i.id.clone()).collect() };
    assert_eq!(r.shown, ResultsShown::FailedFirst, "the default");
    assert_eq!(ids(&r), ["id1", "id3", "id0", "id2"]);
    assert_eq!(r.failed_ids(), ["id1", "id3"]);
    r.shown = r.shown.toggled();
    assert_eq!(ids(&r), ["id1", "id3"]);
    r.shown = r.shown.toggled();
    assert_eq!(r.shown, ResultsShown::FailedFirst);
}
