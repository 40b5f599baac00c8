//! update() for the runs panel (`H`): every run of the session is kept
//! with its results, listed newest first with its counts, reopened failed
//! first (or only the failed), retried as after the run, and named in the
//! message log's summary.

use crossterm::event::KeyCode;

use crate::app::*;
use crate::keys::Scope;
use crate::testkit::*;

/// Two bulk runs (the first with one failure) and an import whose rows
/// got no answer, each closed after it ended.
fn three_runs(app: &mut App) {
    let (first, _) = start_run(app, &["REQ1verifone", "REQ7verifone"]);
    activated(app, first, "REQ1verifone", Ok(()));
    activated(app, first, "REQ7verifone", timeout());
    bulk_finished(app, first, false);
    assert!(matches!(app.mode, Mode::Bulk), "the results opened");
    update(app, key(KeyCode::Esc));
    update(app, ch('u'));
    let (second, _) = start_run(app, &["REQ3epayReady", "REQ8smartpay"]);
    activated(app, second, "REQ3epayReady", Ok(()));
    activated(app, second, "REQ8smartpay", Ok(()));
    bulk_finished(app, second, false);
    update(app, key(KeyCode::Esc));
    assert!(
        app.bulk().is_none(),
        "closed results are gone from the screen"
    );
    import_preview(app);
    let import = apply_import(app, 'y');
    import_finished(app, import, false);
    update(app, key(KeyCode::Esc));
    assert!(matches!(app.mode, Mode::List));
}

#[test]
fn the_panel_lists_every_run_newest_first_with_its_counts() {
    let mut app = loaded();
    three_runs(&mut app);
    update(&mut app, ch('H'));
    assert!(matches!(app.mode, Mode::Runs));
    assert_eq!(app.scope(), Scope::Runs);
    let rows = app.run_rows();
    let seen: Vec<(u64, &str, &str, RunStatus)> = rows
        .iter()
        .map(|r| (r.number, r.what.as_str(), r.counts.as_str(), r.status))
        .collect();
    assert_eq!(seen.len(), 3, "{seen:?}");
    assert_eq!(
        seen[1..],
        [
            (2, "bulk activation", "2 activated", RunStatus::Done),
            (
                1,
                "bulk activation",
                "1 activated · 1 failed",
                RunStatus::Done
            ),
        ]
    );
    assert_eq!(seen[0].1, "import terminals.csv");
    assert!(seen[0].2.ends_with("failed"), "{seen:?}");
    update(&mut app, key(KeyCode::Esc));
    assert!(matches!(app.mode, Mode::List));
}

/// `H`, down to the oldest run, Enter.
fn open_first(app: &mut App) {
    update(app, ch('H'));
    update(app, ch('G'));
    update(app, key(KeyCode::Enter));
    assert!(matches!(app.mode, Mode::Bulk), "{:?}", app.mode);
    assert_eq!(app.scope(), Scope::BulkResults);
}

fn shown_ids(app: &App) -> Vec<String> {
    app.bulk()
        .map(|r| r.shown_items().iter().map(|i| i.id.clone()).collect())
        .unwrap_or_default()
}

#[test]
fn a_reopened_run_shows_the_failed_first_then_only_them_and_esc_goes_back() {
    let mut app = loaded();
    three_runs(&mut app);
    open_first(&mut app);
    assert_eq!(shown_ids(&app), ["REQ7verifone", "REQ1verifone"]);
    update(&mut app, ch('f'));
    assert_eq!(shown_ids(&app), ["REQ7verifone"], "only the failed");
    update(&mut app, ch('f'));
    assert_eq!(shown_ids(&app), ["REQ7verifone", "REQ1verifone"]);
    update(&mut app, key(KeyCode::Esc));
    assert!(matches!(app.mode, Mode::Runs), "back to the panel");
    assert_eq!(app.runs().selected(), 2, "on the run it opened");
    update(&mut app, key(KeyCode::Esc));
    assert!(matches!(app.mode, Mode::List));
}

#[test]
fn retry_from_a_reopened_run_retries_exactly_its_failed_ids() {
    let mut app = loaded();
    three_runs(&mut app);
    open_first(&mut app);
    let cmds = update(&mut app, ch('R'));
    let [Command::Api(WorkerCall::BulkActivate { run_id, ids, .. })] = cmds.as_slice() else {
        panic!("{cmds:?}");
    };
    assert_eq!(ids, &["REQ7verifone".to_string()]);
    assert!(
        matches!(app.mode, Mode::List),
        "the retry runs beside the list"
    );
    let newest = app.run_rows().into_iter().next().expect("the retry");
    assert_eq!(
        (newest.number, newest.what.as_str(), newest.status),
        (4, "retry of the failed", RunStatus::Running)
    );
    activated(&mut app, *run_id, "REQ7verifone", Ok(()));
    bulk_finished(&mut app, *run_id, false);
    let newest = app.run_rows().into_iter().next().expect("the retry");
    assert_eq!(
        (newest.counts.as_str(), newest.status),
        ("1 activated", RunStatus::Done)
    );
}

#[test]
fn retry_from_a_reopened_run_on_production_asks_for_the_count_first() {
    let mut app = production(1);
    mark(&mut app, &["REQ1verifone", "REQ7verifone", "REQ8smartpay"]);
    update(&mut app, ch('A'));
    typed(&mut app, "3");
    let cmds = update(&mut app, key(KeyCode::Enter));
    let [Command::Api(WorkerCall::BulkActivate { run_id, .. })] = cmds.as_slice() else {
        panic!("{cmds:?}");
    };
    let run = *run_id;
    activated(&mut app, run, "REQ1verifone", Ok(()));
    activated(&mut app, run, "REQ7verifone", timeout());
    activated(&mut app, run, "REQ8smartpay", timeout());
    bulk_finished(&mut app, run, false);
    update(&mut app, key(KeyCode::Esc));
    open_first(&mut app);
    assert!(update(&mut app, ch('R')).is_empty());
    assert!(
        matches!(&app.mode, Mode::Asking(Asking::Bulk(plan)) if plan.typed.is_some() && plan.retry),
        "{:?}",
        app.mode
    );
    update(&mut app, key(KeyCode::Esc));
    assert!(
        matches!(app.mode, Mode::Bulk),
        "back to the reopened results"
    );
    assert_eq!(
        shown_ids(&app),
        ["REQ7verifone", "REQ8smartpay", "REQ1verifone"]
    );
    update(&mut app, ch('R'));
    typed(&mut app, "2");
    let cmds = update(&mut app, key(KeyCode::Enter));
    assert!(
        matches!(cmds.as_slice(), [Command::Api(WorkerCall::BulkActivate { ids, .. })] if ids.len() == 2),
        "{cmds:?}"
    );
}

#[test]
fn each_summary_in_the_message_log_says_where_its_results_are() {
    let mut app = loaded();
    three_runs(&mut app);
    let log: Vec<&str> = app
        .messages()
        .newest_first()
        .map(|m| m.text.as_str())
        .collect();
    for n in 1..=3 {
        let pointer = format!("results: H, run {n}.");
        assert!(
            log.iter().any(|m| m.contains(&pointer)),
            "{pointer} in {log:#?}"
        );
    }
    assert!(!log.iter().any(|m| m.contains("cannot be opened again")));
}

#[test]
fn a_running_run_shows_as_running_and_opening_it_leaves_its_progress_beside_the_list() {
    let mut app = loaded();
    let (run, _) = start_run(&mut app, &["REQ1verifone", "REQ7verifone"]);
    activated(&mut app, run, "REQ1verifone", Ok(()));
    update(&mut app, ch('H'));
    let rows = app.run_rows();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].status, RunStatus::Running);
    assert_eq!(rows[0].counts, "1 activated · 1 to go");
    update(&mut app, key(KeyCode::Enter));
    assert!(matches!(app.mode, Mode::List));
    assert_eq!(app.scope(), Scope::BulkRunning);
    bulk_finished(&mut app, run, true);
    assert_eq!(app.run_rows()[0].status, RunStatus::Cancelled);
}

#[test]
fn the_panel_is_empty_until_a_run_starts_and_keeps_the_last_fifty() {
    let mut app = loaded();
    update(&mut app, ch('H'));
    assert!(app.run_rows().is_empty());
    update(&mut app, key(KeyCode::Enter));
    assert!(matches!(app.mode, Mode::Runs), "nothing to open");
    update(&mut app, key(KeyCode::Esc));
    for _ in 0..KEEP_RUNS + 2 {
        let (run, _) = start_run(&mut app, &["REQ7verifone"]);
        activated(&mut app, run, "REQ7verifone", timeout());
        bulk_finished(&mut app, run, false);
        update(&mut app, key(KeyCode::Esc));
        update(&mut app, ch('u'));
    }
    let rows = app.run_rows();
    assert_eq!(rows.len(), KEEP_RUNS);
    assert_eq!(rows[0].number, KEEP_RUNS as u64 + 2);
}

#[test]
fn a_command_run_is_kept_and_opens_its_output_then_goes_back() {
    let text = "[[commands]]\nkey = \"o\"\nname = \"Open ticket\"\nrun = \"open {id}\"\n";
    let cfg = crate::testkit::config_from(text);
    let mut app = loaded_with(cfg);
    update(&mut app, Action::Resize(100, 30));
    for code in [0, 3] {
        update(&mut app, ch('o'));
        let outcome = crate::custom::CommandOutcome {
            runs: 1,
            code: Some(code),
            output: format!("printed {code}\n").repeat(40),
            stdout: format!("printed {code}\n").repeat(40),
            ..Default::default()
        };
        api(&mut app, ApiEvent::CustomFinished { index: 0, outcome });
    }
    let logged = app
        .messages()
        .newest_first()
        .find(|m| m.text.starts_with("'Open ticket' failed"))
        .expect("the summary");
    assert!(
        logged.text.ends_with("— results: H, run 2."),
        "{}",
        logged.text
    );
    update(&mut app, ch('H'));
    let rows = app.run_rows();
    let seen: Vec<(&str, &str)> = rows
        .iter()
        .map(|r| (r.what.as_str(), r.counts.as_str()))
        .collect();
    assert_eq!(
        seen,
        [
            ("command Open ticket", "1 request · exit 3"),
            ("command Open ticket", "1 request · exit 0"),
        ]
    );
    // The older run: the output panel showing that run alone.
    update(&mut app, ch('j'));
    update(&mut app, key(KeyCode::Enter));
    let Mode::Output { scroll } = app.mode else {
        panic!("{:?}", app.mode);
    };
    let width = app
        .viewport
        .screen
        .map(|s| output_area(s.body).width)
        .expect("a screen");
    let lines = output_lines(&app, width);
    assert!(lines[scroll].text.contains("exit 0"), "{lines:?} {scroll}");
    update(&mut app, key(KeyCode::Esc));
    assert!(matches!(app.mode, Mode::Runs));
}
