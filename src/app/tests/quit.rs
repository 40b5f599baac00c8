//! update() for quitting: at once when idle, asked while a run goes on, ctrl-c always.

use crate::app::*;
use crate::testkit::*;

#[test]
fn q_quits_at_once_when_idle() {
    let mut app = loaded();
    assert!(update(&mut app, ch('q')).is_empty());
    assert!(app.should_quit());
}

#[test]
fn q_asks_while_a_bulk_runs() {
    let mut app = loaded();
    let (run_id, _) = start_run(&mut app, &["REQ1verifone"]);
    update(&mut app, ch('q'));
    assert!(!app.should_quit());
    assert_eq!(app.question(), Some(Question::Quit));
    update(&mut app, ch('n'));
    assert!(app.question().is_none() && !app.should_quit());
    update(&mut app, ch('q'));
    assert_eq!(
        update(&mut app, ch('y')),
        vec![Command::CancelBulk { run_id }]
    );
    assert!(app.should_quit());
}

#[test]
fn ctrl_c_quits_at_once_from_any_mode() {
    let mut app = loaded();
    move_to(&mut app, "REQ4windcaveT9");
    update(&mut app, ch('t'));
    update(&mut app, ctrl('c'));
    assert!(app.should_quit());

    let mut app = loaded();
    let (run_id, _) = start_run(&mut app, &["REQ1verifone"]);
    assert_eq!(
        update(&mut app, ctrl('c')),
        vec![Command::CancelBulk { run_id }]
    );
    assert!(app.should_quit());
}
