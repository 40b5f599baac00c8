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
        vec![Command::Api(WorkerCall::CancelBulk { run_id })]
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
        vec![Command::Api(WorkerCall::CancelBulk { run_id })]
    );
    assert!(app.should_quit());
}

#[test]
fn the_quit_question_and_the_exit_note_say_how_to_finish_a_bulk_run() {
    let mut app = loaded();
    start_run(&mut app, &["REQ1verifone"]);
    assert_eq!(
        app.finish_hint().as_deref(),
        Some("To finish it later, run `intake activate --resume`.")
    );
    let screen = render(&mut app, 100, 30);
    assert!(!screen.contains("--resume"));
    update(&mut app, ch('q'));
    let screen = render(&mut app, 100, 30);
    assert!(screen.contains("`intake activate --resume`"), "{screen}");
    assert!(app.quit_note().is_none(), "nothing is said until it quits");
    update(&mut app, ch('y'));
    assert_eq!(
        app.quit_note(),
        Some(
            "The console quit during a bulk activation. To finish it later, run `intake activate --resume`."
        )
    );
}

#[test]
fn the_finish_hint_names_a_profile_that_is_not_the_default() {
    let mut app = loaded_with(AppConfig {
        profile: "sandbox".into(),
        ..config()
    });
    start_run(&mut app, &["REQ1verifone"]);
    update(&mut app, ctrl('c'));
    assert_eq!(
        app.quit_note(),
        Some(
            "The console quit during a bulk activation. To finish it later, run `intake activate --resume --profile sandbox`."
        )
    );
}

#[test]
fn quitting_when_nothing_runs_leaves_no_note() {
    let mut app = loaded();
    update(&mut app, ch('q'));
    assert!(app.should_quit() && app.quit_note().is_none());
}

#[test]
fn q_during_an_import_asks_and_says_how_to_finish_it() {
    let mut app = loaded();
    import_preview(&mut app);
    apply_import(&mut app, 'y');
    assert_eq!(app.scope(), crate::keys::Scope::ImportRunning);
    assert!(app.footer().contains(&("q".to_string(), "quit")));
    update(&mut app, ch('q'));
    assert_eq!(app.question(), Some(Question::Quit));
    let screen = render(&mut app, 100, 30);
    assert!(screen.contains("An import is still running"), "{screen}");
    update(&mut app, ch('y'));
    assert!(app.should_quit());
    assert!(
        app.quit_note()
            .is_some_and(|n| n.contains("run `intake import ")
                && n.contains("rows already set show as unchanged")),
        "{:?}",
        app.quit_note()
    );
}
