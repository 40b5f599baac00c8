//! update() for production bulk runs (a typed count) and read-only mode.

use crossterm::event::KeyCode;

use crate::app::*;
use crate::safety::ReadOnly;
use crate::testkit::*;

fn loaded_with(safety: Safety) -> App {
    crate::testkit::loaded_with(AppConfig { safety, ..config() })
}

fn read_only() -> App {
    loaded_with(Safety {
        host: "service.centrapay.com".into(),
        read_only: ReadOnly {
            flag: true,
            profile: false,
        },
        ..Safety::default()
    })
}

// ---- 5. production ----

#[test]
fn a_big_bulk_run_on_production_starts_only_once_the_count_is_typed() {
    let mut app = production(2);
    mark(&mut app, &["REQ1verifone", "REQ3epayReady", "REQ7verifone"]);
    update(&mut app, ch('A'));
    assert!(matches!(&app.mode, Mode::Asking(Asking::Bulk(p)) if p.typed.is_some()));
    // y is no confirmation here, and Enter with nothing typed says what to do.
    assert!(update(&mut app, ch('y')).is_empty());
    assert!(update(&mut app, key(KeyCode::Enter)).is_empty());
    match &app.mode {
        Mode::Asking(Asking::Bulk(p)) => {
            let typed = p.typed.as_ref().expect("typed");
            assert_eq!(typed.error.as_deref(), Some("Type 3 to start the run."));
        }
        other => panic!("{other:?}"),
    }
    // A wrong count does not start it.
    typed(&mut app, "4");
    assert!(update(&mut app, key(KeyCode::Enter)).is_empty());
    match &app.mode {
        Mode::Asking(Asking::Bulk(p)) => {
            let typed = p.typed.as_ref().expect("typed");
            assert_eq!(typed.input, "4");
            assert_eq!(
                typed.error.as_deref(),
                Some("4 is not 3: type 3 to start the run.")
            );
        }
        other => panic!("{other:?}"),
    }
    assert!(app.bulk().is_none());
    // Fixing it clears the error; the right count starts it.
    update(&mut app, key(KeyCode::Backspace));
    typed(&mut app, "3");
    assert!(
        matches!(&app.mode, Mode::Asking(Asking::Bulk(p)) if p.typed.as_ref().is_some_and(|t| t.error.is_none() && t.input == "3"))
    );
    match update(&mut app, key(KeyCode::Enter)).as_slice() {
        [Command::Api(WorkerCall::BulkActivate { ids, .. })] => assert_eq!(ids.len(), 3),
        other => panic!("{other:?}"),
    }
    assert!(app.bulk().is_some());
}

#[test]
fn esc_cancels_a_typed_count_and_e_needs_the_count_too() {
    let mut app = production(1);
    mark(&mut app, &["REQ1verifone", "REQ2epayNoTid"]);
    update(&mut app, ch('A'));
    typed(&mut app, "2");
    assert!(update(&mut app, key(KeyCode::Esc)).is_empty());
    assert!(matches!(app.mode, Mode::List));

    update(&mut app, ch('A'));
    // e with no count typed stays in the dialog.
    assert!(update(&mut app, ch('e')).is_empty());
    assert!(matches!(app.mode, Mode::Asking(Asking::Bulk(_))));
    typed(&mut app, "2");
    assert!(update(&mut app, ch('e')).is_empty());
    assert!(
        matches!(&app.mode, Mode::Form(f) if f.id == "REQ2epayNoTid"),
        "{:?}",
        app.mode
    );
}

#[test]
fn small_runs_and_other_profiles_confirm_as_before() {
    // At the threshold on production: no count to type.
    let mut app = production(3);
    mark(&mut app, &["REQ1verifone", "REQ3epayReady", "REQ7verifone"]);
    update(&mut app, ch('A'));
    assert!(matches!(&app.mode, Mode::Asking(Asking::Bulk(p)) if p.typed.is_none()));
    assert!(matches!(
        update(&mut app, ch('y')).as_slice(),
        [Command::Api(WorkerCall::BulkActivate { .. })]
    ));

    // Not production: a run of any size confirms with y.
    let mut app = loaded_with(Safety {
        confirm_typed_over: 1,
        ..Safety::default()
    });
    mark(&mut app, &["REQ1verifone", "REQ3epayReady", "REQ7verifone"]);
    update(&mut app, ch('A'));
    assert!(matches!(&app.mode, Mode::Asking(Asking::Bulk(p)) if p.typed.is_none()));
    assert!(matches!(
        update(&mut app, key(KeyCode::Enter)).as_slice(),
        [Command::Api(WorkerCall::BulkActivate { .. })]
    ));
}

// ---- 6. read-only ----

#[test]
fn read_only_refuses_every_change_where_it_starts() {
    let mut app = read_only();
    move_to(&mut app, "REQ3epayReady");
    for k in [ch('t'), ch('a'), key(KeyCode::Enter), ch('A')] {
        app.toasts.clear();
        assert!(update(&mut app, k.clone()).is_empty(), "{k:?}");
        assert!(matches!(app.mode, Mode::List), "{k:?}: {:?}", app.mode);
        let text = toast(&app);
        assert!(
            text.starts_with(
                "Read-only: this console makes no changes. Start intake without --read-only to "
            ),
            "{text}"
        );
    }
    // Marks do not get round it.
    mark(&mut app, &["REQ1verifone", "REQ7verifone"]);
    assert!(update(&mut app, ch('A')).is_empty());
    assert!(matches!(app.mode, Mode::List));
    assert!(app.bulk().is_none() && app.saving.is_empty() && app.activating.is_empty());
}

#[test]
fn read_only_previews_an_import_but_never_applies_it() {
    let mut app = read_only();
    assert!(matches!(
        start_import(&mut app, "terminals.csv").as_slice(),
        [Command::Api(WorkerCall::PlanImport { .. })]
    ));
    planned(&mut app, IMPORT_CSV);
    assert!(app.import().is_some_and(ImportState::is_preview));
    for k in [ch('y'), key(KeyCode::Enter), ch('a')] {
        assert!(update(&mut app, k.clone()).is_empty(), "{k:?}");
        assert!(app.import().is_some_and(ImportState::is_preview));
        assert!(
            toast(&app).contains("to import terminalIds."),
            "{}",
            toast(&app)
        );
    }
    update(&mut app, key(KeyCode::Esc));
    assert!(matches!(app.mode, Mode::List));
}

#[test]
fn read_only_keeps_browsing_filtering_and_export() {
    let mut app = read_only();
    update(&mut app, ch('/'));
    typed(&mut app, "type:epay");
    update(&mut app, key(KeyCode::Enter));
    assert_eq!(app.visible_len(), 2);
    update(&mut app, ch('j'));
    update(&mut app, ch('p'));
    update(&mut app, ch('e'));
    assert!(matches!(
        update(&mut app, key(KeyCode::Enter)).as_slice(),
        [Command::Api(WorkerCall::Export { .. })]
    ));
}

#[test]
fn a_read_only_profile_says_which_setting_to_change() {
    let mut app = loaded_with(Safety {
        read_only: ReadOnly {
            flag: false,
            profile: true,
        },
        ..Safety::default()
    });
    update(&mut app, ch('a'));
    assert_eq!(
        toast(&app),
        "Read-only: this console makes no changes. Start intake with read_only = false for profile `default` to activate requests."
    );
}

#[test]
fn a_paste_never_answers_the_overwrite_question_or_types_the_count() {
    let mut app = loaded();
    move_to(&mut app, "REQ3epayReady");
    update(&mut app, ch('t'));
    retype(&mut app, "11000022");
    update(&mut app, key(KeyCode::Enter));
    assert!(update(&mut app, Action::Paste("y\n".into())).is_empty());
    assert!(matches!(app.mode, Mode::Asking(Asking::Overwrite(_))));

    let mut app = production(2);
    mark(&mut app, &["REQ1verifone", "REQ3epayReady", "REQ7verifone"]);
    update(&mut app, ch('A'));
    assert!(update(&mut app, Action::Paste("3\n".into())).is_empty());
    match &app.mode {
        Mode::Asking(Asking::Bulk(p)) => {
            assert_eq!(p.typed.as_ref().map(|t| t.input.as_str()), Some(""));
        }
        other => panic!("{other:?}"),
    }
    assert!(app.bulk().is_none());
}
