//! Everything said once is kept: each message the status line shows is in
//! the message log, and a toast goes when what it speaks of goes.

use crossterm::event::KeyCode;

use crate::api::{ApiError, Status};
use crate::app::*;
use crate::testkit::*;

fn logged(app: &App, start: &str) -> bool {
    app.messages()
        .newest_first()
        .any(|m| m.text.starts_with(start))
}

fn fail_load(app: &mut App) {
    let id = load_id(&update(app, ch('r')));
    api(
        app,
        ApiEvent::LoadFailed {
            load_id: id,
            error: ApiError::Connect {
                host: "example.test".into(),
            },
        },
    );
}

#[test]
fn a_failed_load_is_said_and_logged_and_goes_when_a_load_succeeds() {
    let mut app = loaded();
    fail_load(&mut app);
    assert!(toast(&app).starts_with("Could not load the integration requests."));
    assert!(logged(&app, "Could not load the integration requests. "));
    let id = load_id(&update(&mut app, ch('r')));
    api(&mut app, page(id, requests(), true));
    assert_eq!(toast(&app), "", "no longer true, so no longer said");
    assert!(logged(&app, "Could not load the integration requests. "));
}

#[test]
fn a_failed_load_is_not_drawn_under_the_bulk_results_but_holds_over_the_list() {
    let mut app = loaded();
    fail_load(&mut app);
    let (run_id, _) = start_run(&mut app, &["REQ1verifone"]);
    bulk_activated(&mut app, "REQ1verifone", Ok(()));
    bulk_finished(&mut app, run_id, false);
    assert!(matches!(app.mode, Mode::Bulk));
    assert!(
        !toast(&app).starts_with("Could not load"),
        "{}",
        toast(&app)
    );
    let screen = render(&mut app, 100, 24);
    assert!(!screen.contains("Could not load"), "{screen}");
    // Back over the list it is about, it holds until a load succeeds.
    update(&mut app, key(KeyCode::Esc));
    assert!(matches!(app.mode, Mode::List));
    let screen = render(&mut app, 100, 24);
    assert!(screen.contains("Could not load"), "{screen}");
    let id = load_id(&update(&mut app, ch('r')));
    api(&mut app, page(id, requests(), true));
    let screen = render(&mut app, 100, 24);
    assert!(!screen.contains("Could not load"), "{screen}");
}

#[test]
fn a_bulk_run_that_ends_in_the_list_is_logged_with_where_its_results_are() {
    let mut app = loaded();
    let (run_id, _) = start_run(&mut app, &["REQ1verifone"]);
    bulk_activated(&mut app, "REQ1verifone", Ok(()));
    bulk_finished(&mut app, run_id, false);
    assert!(matches!(app.mode, Mode::Bulk), "its results open at once");
    let m = app.messages().newest_first().next().expect("logged");
    assert!(
        m.text.starts_with("The bulk run finished (1 activated"),
        "{}",
        m.text
    );
    assert!(
        m.text.contains("its results opened over the list"),
        "{}",
        m.text
    );
}

#[test]
fn a_bulk_run_that_ends_elsewhere_is_said_and_logged() {
    let mut app = loaded();
    let (run_id, _) = start_run(&mut app, &["REQ1verifone"]);
    update(&mut app, ch('?'));
    bulk_activated(&mut app, "REQ1verifone", Ok(()));
    bulk_finished(&mut app, run_id, false);
    assert!(toast(&app).starts_with("The bulk run finished (1 activated"));
    assert!(toast(&app).ends_with("its results open when you are back in the list."));
    assert!(logged(&app, "The bulk run finished (1 activated"));
}

#[test]
fn an_import_that_sets_then_activates_logs_both() {
    let mut app = loaded();
    import_preview(&mut app);
    let run_id = apply_import(&mut app, 'a');
    for (id, tid) in [("REQ2epayNoTid", "11000099"), ("REQ1verifone", "V-77")] {
        let mut r = app.request(id).cloned().expect("row");
        r.terminal_id = Some(tid.into());
        import_row(&mut app, run_id, id, ImportRowResult::Set(r));
    }
    import_finished(&mut app, run_id, false);
    let bulk_id = app.bulk().map(|r| r.run_id).expect("a bulk run");
    for id in ["REQ2epayNoTid", "REQ3epayReady", "REQ1verifone"] {
        let mut r = app.request(id).cloned().expect("row");
        r.status = Status::Active;
        activation(
            &mut app,
            id,
            Some(bulk_id),
            Ok(crate::api::retry::Activation::Activated(r)),
        );
    }
    bulk_finished(&mut app, bulk_id, false);
    assert!(logged(&app, "The bulk run finished (3 activated"));
    let set = app
        .messages()
        .newest_first()
        .find(|m| m.text.starts_with("Set 2 of 2 terminalIds from "))
        .expect("the set is logged");
    assert!(
        set.text
            .ends_with("Its results show once the activation's results close — results: H, run 1."),
        "{}",
        set.text
    );
}

#[test]
fn an_import_that_only_sets_logs_where_its_results_are_and_says_less() {
    let mut app = loaded();
    import_preview(&mut app);
    let run_id = apply_import(&mut app, 'y');
    for (id, tid) in [("REQ2epayNoTid", "11000099"), ("REQ1verifone", "V-77")] {
        let mut r = app.request(id).cloned().expect("row");
        r.terminal_id = Some(tid.into());
        import_row(&mut app, run_id, id, ImportRowResult::Set(r));
    }
    import_finished(&mut app, run_id, false);
    assert_eq!(toast(&app), "Set 2 of 2 terminalIds from terminals.csv.");
    assert!(logged(
        &app,
        "Set 2 of 2 terminalIds from terminals.csv. Its results show until closed — results: H, run 1."
    ));
}

#[test]
fn an_import_file_that_cannot_be_read_is_said_in_the_prompt_and_logged() {
    let mut app = loaded();
    start_import(&mut app, "terminals.csv");
    api(
        &mut app,
        ApiEvent::ImportPlanned {
            path: "terminals.csv".into(),
            result: Err(crate::ops::PlanError::File(
                "Could not read terminals.csv: no such file.".into(),
            )),
        },
    );
    assert!(matches!(app.mode, Mode::Prompt(_)));
    assert!(logged(&app, "Could not read terminals.csv: no such file."));
}

#[test]
fn an_export_error_raised_elsewhere_goes_with_that_view() {
    let mut app = loaded();
    update(&mut app, ch('?'));
    api(
        &mut app,
        ApiEvent::Exported {
            path: "/nonexistent/dir/x.csv".into(),
            count: 2,
            result: Err(crate::export::ExportError::Failed(
                "Could not export to /nonexistent/dir/x.csv.".into(),
            )),
        },
    );
    assert_eq!(toast(&app), "Could not export to /nonexistent/dir/x.csv.");
    update(&mut app, key(KeyCode::Esc));
    assert!(matches!(app.mode, Mode::List));
    assert_eq!(toast(&app), "", "not drawn under the list");
    import_preview(&mut app);
    assert_eq!(toast(&app), "", "nor under the import preview");
    assert!(logged(&app, "Could not export to /nonexistent/dir/x.csv."));
}

#[test]
fn a_list_toast_waits_unseen_under_help() {
    let mut app = loaded();
    move_to(&mut app, "REQ6rejected");
    update(&mut app, ch('a'));
    let refusal = toast(&app);
    assert!(!refusal.is_empty());
    update(&mut app, ch('?'));
    assert_eq!(toast(&app), "", "not drawn under another view");
    update(&mut app, key(KeyCode::Esc));
    assert_eq!(toast(&app), refusal);
}

#[test]
fn an_export_going_on_is_work_on_the_status_line_not_a_message() {
    let mut app = loaded();
    update(&mut app, ch('e'));
    typed(&mut app, "/tmp/out.csv");
    update(&mut app, key(KeyCode::Enter));
    assert_eq!(
        app.exporting_note().as_deref(),
        Some("Exporting to /tmp/out.csv…")
    );
    assert_eq!(toast(&app), "");
    assert!(!logged(&app, "Exporting"));
    let screen = render(&mut app, 100, 24);
    assert!(screen.contains("Exporting to /tmp/out.csv…"), "{screen}");
}

#[test]
fn a_failed_load_that_blames_the_key_names_where_the_key_came_from() {
    let mut app = crate::testkit::loaded_with(AppConfig {
        blame: crate::config::Blame {
            key_from: crate::config::Origin::Env("CENTRAPAY_API_KEY"),
            base_url_from: crate::config::Origin::Default,
        },
        ..crate::testkit::config()
    });
    let id = load_id(&update(&mut app, ch('r')));
    api(
        &mut app,
        ApiEvent::LoadFailed {
            load_id: id,
            error: ApiError::Unauthorized {
                message: "Missing authentication".into(),
            },
        },
    );
    assert!(
        toast(&app)
            .ends_with("That API key is the one from the environment variable CENTRAPAY_API_KEY."),
        "{}",
        toast(&app)
    );
    // A default base URL is intake's own: nothing to name.
    fail_load(&mut app);
    assert!(!toast(&app).contains("That base_url"), "{}", toast(&app));
}
