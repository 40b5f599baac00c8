//! update() for a finished bulk run reopened from the runs panel while
//! another goes on: held apart from the live run (`App::reopened`), whose
//! progress keeps moving and whose results still open when it ends; `R`
//! there waits for the live run, saying why.

use crossterm::event::KeyCode;

use crate::app::*;
use crate::keys::Scope;
use crate::testkit::*;

/// A first run (one failure) closed, a second still going, and the first
/// reopened from the panel: the two run ids.
fn reopened_beside_a_live_run(app: &mut App) -> (u64, u64) {
    let (first, _) = start_run(app, &["REQ1verifone", "REQ7verifone"]);
    activated(app, first, "REQ1verifone", Ok(()));
    activated(app, first, "REQ7verifone", timeout());
    bulk_finished(app, first, false);
    update(app, key(KeyCode::Esc));
    update(app, ch('u'));
    let (second, _) = start_run(app, &["REQ3epayReady", "REQ8smartpay"]);
    update(app, ch('H'));
    update(app, ch('j'));
    update(app, key(KeyCode::Enter));
    (first, second)
}

fn shown_ids(app: &App) -> Vec<String> {
    app.bulk_results()
        .map(|r| r.shown_items().iter().map(|i| i.id.clone()).collect())
        .unwrap_or_default()
}

#[test]
fn a_finished_run_reopens_while_another_goes_on_and_esc_goes_back() {
    let mut app = loaded();
    update(&mut app, Action::Resize(100, 30));
    let (first, second) = reopened_beside_a_live_run(&mut app);
    assert!(matches!(app.mode, Mode::Bulk), "{:?}", app.mode);
    assert_eq!(app.scope(), Scope::BulkResults);
    assert_eq!(app.bulk_results().map(|r| r.run_id), Some(first));
    assert_eq!(
        app.bulk().map(|r| r.run_id),
        Some(second),
        "the live run stays"
    );
    assert_eq!(shown_ids(&app), ["REQ7verifone", "REQ1verifone"]);
    update(&mut app, ch('f'));
    assert_eq!(shown_ids(&app), ["REQ7verifone"]);
    // The live run goes on: its answers land in it, its bar stays.
    activated(&mut app, second, "REQ3epayReady", Ok(()));
    let live = app.bulk().expect("the live run");
    assert_eq!(live.tally().done(), 1);
    assert!(app.bulk_running());
    assert!(app.viewport.screen.is_some_and(|s| s.progress.is_some()));
    let screen = render(&mut app, 100, 30);
    assert!(screen.contains("Activating: 1/2 done"), "{screen}");
    assert!(screen.contains("Bulk activation results"), "{screen}");
    update(&mut app, key(KeyCode::Esc));
    assert!(matches!(app.mode, Mode::Runs), "back to the panel");
    assert!(app.bulk_running(), "the live run is untouched");
    assert_eq!(app.bulk().map(|r| r.run_id), Some(second));
    update(&mut app, key(KeyCode::Esc));
    assert_eq!(app.scope(), Scope::BulkRunning);
}

#[test]
fn retry_from_a_reopened_run_waits_for_the_live_run_saying_why() {
    let mut app = loaded();
    let (_, second) = reopened_beside_a_live_run(&mut app);
    let cmds = update(&mut app, ch('R'));
    assert!(cmds.is_empty(), "{cmds:?}");
    assert!(
        toast(&app).starts_with("A bulk run is going on: this retry can start once it ends"),
        "{}",
        toast(&app)
    );
    assert!(matches!(app.mode, Mode::Bulk), "still on the results");
    assert_eq!(app.bulk().map(|r| r.run_id), Some(second));
    assert_eq!(app.runs().len(), 2, "no run started");
    // Once the live run has ended, R retries the reopened run's failed.
    bulk_finished(&mut app, second, false);
    let cmds = update(&mut app, ch('R'));
    let [Command::Api(WorkerCall::BulkActivate { ids, .. })] = cmds.as_slice() else {
        panic!("{cmds:?}");
    };
    assert_eq!(ids, &["REQ7verifone".to_string()]);
    assert!(
        app.bulk_results().is_none(),
        "the retry runs beside the list"
    );
}

#[test]
fn a_live_run_ending_while_another_is_reopened_keeps_its_results_waiting() {
    let mut app = loaded();
    let (first, second) = reopened_beside_a_live_run(&mut app);
    activated(&mut app, second, "REQ3epayReady", Ok(()));
    activated(&mut app, second, "REQ8smartpay", timeout());
    bulk_finished(&mut app, second, false);
    assert!(matches!(app.mode, Mode::Bulk));
    assert_eq!(
        app.bulk_results().map(|r| r.run_id),
        Some(first),
        "the reopened run stays on screen"
    );
    assert!(
        toast(&app).contains("its results open when you are back in the list"),
        "{}",
        toast(&app)
    );
    update(&mut app, key(KeyCode::Esc));
    assert!(matches!(app.mode, Mode::Runs));
    update(&mut app, key(KeyCode::Esc));
    assert!(matches!(app.mode, Mode::Bulk), "{:?}", app.mode);
    assert_eq!(app.bulk_results().map(|r| r.run_id), Some(second));
    assert_eq!(shown_ids(&app), ["REQ8smartpay", "REQ3epayReady"]);
    update(&mut app, key(KeyCode::Esc));
    assert!(matches!(app.mode, Mode::List));
}

#[test]
fn the_palette_over_a_reopened_run_offers_its_keys_and_goes_back_to_it() {
    let mut app = loaded();
    update(&mut app, Action::Resize(100, 30));
    let (first, second) = reopened_beside_a_live_run(&mut app);
    update(&mut app, ch(':'));
    assert_eq!(app.scope(), Scope::Palette);
    let screen = render(&mut app, 100, 30);
    assert!(
        screen.contains("Bulk activation results"),
        "under it: {screen}"
    );
    assert!(
        screen.contains("retry the failed"),
        "the results' keys: {screen}"
    );
    assert!(
        !screen.contains("filter the list"),
        "not the list's: {screen}"
    );
    // Esc: the reopened results, as they were; the live run untouched.
    update(&mut app, key(KeyCode::Esc));
    assert_eq!(app.scope(), Scope::BulkResults);
    assert_eq!(app.bulk_results().map(|r| r.run_id), Some(first));
    assert_eq!(app.bulk().map(|r| r.run_id), Some(second));
    // Enter on `f` through the palette acts on the reopened results.
    update(&mut app, ch(':'));
    for c in "only the failed".chars() {
        update(&mut app, ch(c));
    }
    update(&mut app, key(KeyCode::Enter));
    assert_eq!(app.scope(), Scope::BulkResults);
    assert_eq!(shown_ids(&app), ["REQ7verifone"]);
}
