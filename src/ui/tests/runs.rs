//! The runs panel: newest first, with each run's time, status, what it was
//! and its counts, the selected one highlighted; and a run reopened from
//! it, the failed first.

use super::*;

/// A finished run with one failure, closed, then a retry still going.
fn two_runs() -> App {
    let mut app = loaded();
    let (first, _) = start_run(&mut app, &["REQ1verifone", "REQ7verifone"]);
    activated(&mut app, first, "REQ1verifone", Ok(()));
    activated(&mut app, first, "REQ7verifone", timeout());
    bulk_finished(&mut app, first, false);
    update(&mut app, key(KeyCode::Esc));
    update(&mut app, ch('u'));
    update(
        &mut app,
        Action::Tick(now() + chrono::TimeDelta::seconds(75)),
    );
    let (second, _) = start_run(&mut app, &["REQ3epayReady", "REQ8smartpay"]);
    activated(&mut app, second, "REQ3epayReady", Ok(()));
    update(&mut app, ch('H'));
    app
}

#[test]
fn the_runs_panel() {
    for (w, h) in [(80, 24), (40, 14)] {
        let mut app = two_runs();
        insta::assert_snapshot!(format!("runs_{w}x{h}"), render(&mut app, w, h));
    }
}

#[test]
fn a_reopened_run_shows_the_failed_first() {
    let mut app = two_runs();
    let second = app.bulk().map(|r| r.run_id).expect("the second run");
    bulk_finished(&mut app, second, false);
    // Out of the panel, the second run's results open; closed, then back.
    update(&mut app, key(KeyCode::Esc));
    assert!(matches!(app.mode(), crate::app::Mode::Bulk));
    update(&mut app, key(KeyCode::Esc));
    update(&mut app, ch('H'));
    update(&mut app, ch('j'));
    update(&mut app, key(KeyCode::Enter));
    insta::assert_snapshot!("runs_reopened_80x24", render(&mut app, 80, 24));
}
