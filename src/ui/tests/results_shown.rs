//! Bulk results: only the failed of a run where nothing failed says so,
//! and a finished run reopened from the runs panel shows over the list
//! with the live run's bar still below it.

use super::*;

#[test]
fn only_the_failed_when_nothing_failed() {
    let mut app = loaded();
    let (run, _) = start_run(&mut app, &["REQ1verifone"]);
    activated(&mut app, run, "REQ1verifone", Ok(()));
    bulk_finished(&mut app, run, false);
    update(&mut app, ch('f'));
    insta::assert_snapshot!("results_nothing_failed_80x24", render(&mut app, 80, 24));
}

#[test]
fn a_run_reopened_beside_a_live_one() {
    let mut app = loaded();
    let (first, _) = start_run(&mut app, &["REQ1verifone", "REQ7verifone"]);
    activated(&mut app, first, "REQ1verifone", Ok(()));
    activated(&mut app, first, "REQ7verifone", timeout());
    bulk_finished(&mut app, first, false);
    update(&mut app, key(KeyCode::Esc));
    update(&mut app, ch('u'));
    let (second, _) = start_run(&mut app, &["REQ3epayReady", "REQ8smartpay"]);
    activated(&mut app, second, "REQ3epayReady", Ok(()));
    update(&mut app, ch('H'));
    update(&mut app, ch('j'));
    update(&mut app, key(KeyCode::Enter));
    insta::assert_snapshot!("results_reopened_beside_80x24", render(&mut app, 80, 24));
}
