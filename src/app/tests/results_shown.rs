//! update() for what a results view shows: every run's results (just
//! finished, a retry's, an import's) show the failed first, `f` only the
//! failed, and "failed" is what a retry sends again.

use crate::app::*;
use crate::keys::Scope;
use crate::testkit::*;

fn shown_ids<R: RunResult>(run: Option<&Run<R>>) -> Vec<String> {
    run.map(|r| r.shown_items().iter().map(|i| i.id.clone()).collect())
        .unwrap_or_default()
}

#[test]
fn a_just_finished_run_shows_the_failed_first_and_f_only_them() {
    let mut app = loaded();
    mark(&mut app, &["REQ2epayNoTid", "REQ5active"]);
    let (run, ids) = start_run(&mut app, &["REQ1verifone", "REQ7verifone", "REQ8smartpay"]);
    assert_eq!(ids, ["REQ1verifone", "REQ7verifone", "REQ8smartpay"]);
    activated(&mut app, run, "REQ1verifone", Ok(()));
    activated(&mut app, run, "REQ7verifone", timeout());
    activated(&mut app, run, "REQ8smartpay", timeout());
    bulk_finished(&mut app, run, false);
    assert!(matches!(app.mode, Mode::Bulk), "{:?}", app.mode);
    let in_order: Vec<String> = app
        .bulk()
        .map_or_else(Vec::new, |r| r.items.iter().map(|i| i.id.clone()).collect());
    assert_eq!(
        in_order,
        [
            "REQ1verifone",
            "REQ2epayNoTid",
            "REQ5active",
            "REQ7verifone",
            "REQ8smartpay"
        ],
        "the run's own order: the list's"
    );
    assert_eq!(
        shown_ids(app.bulk()),
        [
            "REQ7verifone",
            "REQ8smartpay",
            "REQ1verifone",
            "REQ2epayNoTid",
            "REQ5active"
        ],
        "the failed first, each group in run order"
    );
    update(&mut app, ch('f'));
    assert_eq!(shown_ids(app.bulk()), ["REQ7verifone", "REQ8smartpay"]);
    // What the view shows as failed is exactly what R sends again.
    let cmds = update(&mut app, ch('R'));
    let [Command::Api(WorkerCall::BulkActivate { run_id, ids, .. })] = cmds.as_slice() else {
        panic!("{cmds:?}");
    };
    assert_eq!(ids, &["REQ7verifone", "REQ8smartpay"]);
    // The retry's results start failed first too.
    let retry = *run_id;
    activated(&mut app, retry, "REQ7verifone", Ok(()));
    activated(&mut app, retry, "REQ8smartpay", timeout());
    bulk_finished(&mut app, retry, false);
    assert_eq!(shown_ids(app.bulk()), ["REQ8smartpay", "REQ7verifone"]);
}

#[test]
fn only_the_failed_of_a_run_where_nothing_failed_says_so() {
    let mut app = loaded();
    let (run, _) = start_run(&mut app, &["REQ1verifone"]);
    activated(&mut app, run, "REQ1verifone", Ok(()));
    bulk_finished(&mut app, run, false);
    update(&mut app, ch('f'));
    assert_eq!(app.scope(), Scope::BulkResults);
    assert!(shown_ids(app.bulk()).is_empty());
    let screen = render(&mut app, 80, 24);
    assert!(screen.contains("Nothing failed in this run."), "{screen}");
    assert!(screen.contains("only the failed"), "{screen}");
    update(&mut app, ch('f'));
    assert_eq!(shown_ids(app.bulk()), ["REQ1verifone"]);
}

#[test]
fn not_logged_is_not_failed_it_was_made() {
    assert!(BulkResult::Failed("x".into()).failed());
    assert!(!BulkResult::NotLogged("x".into()).failed());
    assert!(!BulkResult::Skipped("x".into()).failed());
    assert!(ImportResult::Failed("x".into()).failed());
    assert!(!ImportResult::NotLogged("x".into()).failed());
}

#[test]
fn import_results_show_the_failed_first_and_f_only_them() {
    let mut app = loaded();
    import_preview(&mut app);
    let run_id = apply_import(&mut app, 'y');
    let mut saved = app.request("REQ2epayNoTid").cloned().expect("row");
    saved.terminal_id = Some("11000099".into());
    import_row(
        &mut app,
        run_id,
        "REQ2epayNoTid",
        ImportRowResult::Set(saved),
    );
    // REQ1verifone gets no answer: it fails when the run ends.
    import_finished(&mut app, run_id, false);
    assert_eq!(app.scope(), Scope::ImportResults);
    let run = || app.import().and_then(ImportState::run);
    assert_eq!(shown_ids(run()), ["REQ1verifone", "REQ2epayNoTid"]);
    update(&mut app, ch('f'));
    let run = || app.import().and_then(ImportState::run);
    assert_eq!(shown_ids(run()), ["REQ1verifone"]);
}
