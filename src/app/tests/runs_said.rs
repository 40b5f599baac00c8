//! update() for what the runs panel (`H`) and the message log (`m`) say
//! of each run: a bulk run that sends nothing is logged with its pointer,
//! a command run's per-request exit statuses are counted truly and kept
//! (output included) as long as the panel keeps the run, opening it shows
//! that run alone, `R` says why where it does not apply or when nothing
//! would be sent, and the log keeps a cut message whole.

use crossterm::event::KeyCode;

use crate::api::Status;
use crate::app::*;
use crate::custom::{CommandOutcome, RequestRun};
use crate::testkit::*;

fn log(app: &App) -> Vec<String> {
    app.messages()
        .newest_first()
        .map(|m| m.text.clone())
        .collect()
}

fn sent(cmds: &[Command]) -> bool {
    cmds.iter()
        .any(|c| matches!(c, Command::Api(WorkerCall::BulkActivate { .. })))
}

#[test]
fn a_bulk_run_that_sends_nothing_logs_its_end_with_its_pointer_once() {
    for confirm_typed_over in [None, Some(1)] {
        let mut app = match confirm_typed_over {
            None => loaded(),
            Some(n) => production(n),
        };
        mark(&mut app, &["REQ2epayNoTid", "REQ5active"]);
        update(&mut app, ch('A'));
        if confirm_typed_over.is_some() {
            typed(&mut app, "2");
        }
        let cmds = update(&mut app, key(KeyCode::Enter));
        assert!(!sent(&cmds), "{cmds:?}");
        assert!(matches!(app.mode, Mode::Bulk), "{:?}", app.mode);
        let ends: Vec<String> = log(&app)
            .into_iter()
            .filter(|m| m.starts_with("The bulk run finished"))
            .collect();
        assert_eq!(ends.len(), 1, "{:#?}", log(&app));
        assert!(ends[0].ends_with("— results: H, run 1."), "{}", ends[0]);
    }
}

#[test]
fn a_finished_bulk_run_is_logged_once_even_if_its_end_is_reported_twice() {
    let mut app = loaded();
    let (run, _) = start_run(&mut app, &["REQ1verifone"]);
    activated(&mut app, run, "REQ1verifone", Ok(()));
    bulk_finished(&mut app, run, false);
    bulk_finished(&mut app, run, false);
    let ends = log(&app)
        .into_iter()
        .filter(|m| m.starts_with("The bulk run finished"))
        .count();
    assert_eq!(ends, 1, "{:#?}", log(&app));
}

const MIXED: &str =
    "[[commands]]\nkey = \"o\"\nname = \"Mixed\"\nrun = \"check {id}\"\nfor = \"marked\"\n";

fn with_mixed() -> App {
    let cfg = crate::testkit::config_from(MIXED);
    let mut app = loaded_with(cfg);
    update(&mut app, Action::Resize(100, 30));
    app
}

const FOUR: [&str; 4] = [
    "REQ1verifone",
    "REQ3epayReady",
    "REQ7verifone",
    "REQ8smartpay",
];

/// One run per request, `REQ7verifone`'s exiting 2 when `fail`.
fn mixed_outcome(fail: bool) -> CommandOutcome {
    let requests: Vec<RequestRun> = FOUR
        .iter()
        .map(|id| {
            let bad = fail && *id == "REQ7verifone";
            RequestRun {
                id: (*id).into(),
                code: Some(if bad { 2 } else { 0 }),
                stdout: format!("checked {id}\n"),
                stderr: if bad { "boom\n".into() } else { String::new() },
            }
        })
        .collect();
    CommandOutcome {
        runs: 4,
        code: Some(if fail { 2 } else { 0 }),
        stderr_line: fail.then(|| "boom".into()),
        output: "all of it\n".into(),
        stdout: "all of it\n".into(),
        requests,
        ..CommandOutcome::default()
    }
}

fn run_mixed(app: &mut App, fail: bool) {
    mark(app, &FOUR);
    update(app, ch('o'));
    let outcome = mixed_outcome(fail);
    api(app, ApiEvent::CustomFinished { index: 0, outcome });
    update(app, ch('u'));
}

#[test]
fn a_command_run_for_four_with_one_failure_says_three_succeeded_one_failed() {
    let mut app = with_mixed();
    run_mixed(&mut app, true);
    let said =
        "'Mixed' ran for 4 requests: 3 succeeded, 1 failed (exit 2): boom; O shows the output.";
    assert!(
        log(&app)
            .iter()
            .any(|m| m == &format!("{said} — results: H, run 1.")),
        "{:#?}",
        log(&app)
    );
    let row = app.run_rows().into_iter().next().expect("the run");
    assert_eq!(row.counts, "4 requests · 3 ok · 1 failed (exit 2)");
}

#[test]
fn an_old_command_run_opens_from_the_panel_alone_its_failed_request_first() {
    let mut app = with_mixed();
    run_mixed(&mut app, true);
    // More runs than the output panel keeps.
    for _ in 0..crate::custom::MAX_RUNS + 2 {
        run_mixed(&mut app, false);
    }
    update(&mut app, ch('H'));
    update(&mut app, ch('G'));
    update(&mut app, key(KeyCode::Enter));
    assert!(
        matches!(app.mode, Mode::Output { scroll: 0 }),
        "{:?} {}",
        app.mode,
        toast(&app)
    );
    let width = app
        .viewport
        .screen
        .map(|s| output_area(s.body).width)
        .expect("a screen");
    let lines: Vec<String> = output_lines(&app, width)
        .into_iter()
        .map(|l| l.text)
        .collect();
    assert!(lines[0].starts_with("run 1 · "), "{lines:#?}");
    assert!(
        lines[0].contains("3 succeeded, 1 failed (exit 2)"),
        "{lines:#?}"
    );
    assert_eq!(lines[1], "REQ7verifone: exit 2", "the failed first");
    assert_eq!(lines[2], "  checked REQ7verifone");
    assert_eq!(lines[3], format!("{}boom", crate::app::STDERR_MARK));
    assert_eq!(lines.iter().filter(|l| l.ends_with(": exit 0")).count(), 3);
    assert!(!lines.iter().any(|l| l.contains("run 2")), "that run alone");
    update(&mut app, key(KeyCode::Esc));
    assert!(matches!(app.mode, Mode::Runs));
    update(&mut app, key(KeyCode::Esc));
    update(&mut app, ch('O'));
    let lines = output_lines(&app, width);
    assert!(
        !lines[0].text.starts_with("run "),
        "O shows the last runs again"
    );
}

#[test]
fn a_kept_command_run_keeps_its_output_within_its_bound() {
    let mut outcome = mixed_outcome(true);
    outcome.requests[0].stdout = "x".repeat(crate::custom::KEPT_OUTPUT_BYTES * 2);
    let kept = outcome.kept();
    let bytes: usize = kept
        .requests
        .iter()
        .map(|r| r.stdout.len() + r.stderr.len())
        .sum();
    // Past the bound each request's output is only a note that it was cut.
    assert!(bytes < crate::custom::KEPT_OUTPUT_BYTES + 4 * 60, "{bytes}");
    assert!(kept.requests[3].stdout.starts_with("[output not kept"));
    assert_eq!(kept.failed(), 1, "every exit status is kept");
    assert!(kept.output.is_empty() && kept.stdout.is_empty());
}

#[test]
fn r_in_an_import_reopened_from_the_panel_says_why_it_does_not_retry() {
    let mut app = loaded();
    import_preview(&mut app);
    let import = apply_import(&mut app, 'y');
    import_finished(&mut app, import, false);
    update(&mut app, key(KeyCode::Esc));
    update(&mut app, ch('H'));
    update(&mut app, key(KeyCode::Enter));
    assert!(matches!(app.mode, Mode::Import), "{:?}", app.mode);
    assert!(update(&mut app, ch('R')).is_empty());
    assert!(
        toast(&app).starts_with("An import is not retried from here: import the same file again"),
        "{}",
        toast(&app)
    );
    assert!(matches!(app.mode, Mode::Import));
}

#[test]
fn r_when_the_failed_were_activated_since_says_nothing_to_retry_and_asks_nothing() {
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
    for id in ["REQ7verifone", "REQ8smartpay"] {
        let mut req = app.request(id).expect("loaded").clone();
        req.status = Status::Active;
        app.patch(req);
    }
    update(&mut app, ch('H'));
    update(&mut app, key(KeyCode::Enter));
    assert!(matches!(app.mode, Mode::Bulk));
    assert!(update(&mut app, ch('R')).is_empty());
    assert!(matches!(app.mode, Mode::Bulk), "no dialog: {:?}", app.mode);
    assert_eq!(
        toast(&app),
        "Nothing to retry: the 2 that failed are no longer pending (activated or changed since)."
    );
}

#[test]
fn the_message_log_keeps_a_copy_message_whole_while_the_status_line_cuts_it() {
    let mut app = named();
    let r = app.request("REQ3epayReady").expect("loaded").clone();
    move_to(&mut app, "REQ3epayReady");
    update(&mut app, ch('y'));
    update(&mut app, ch('m'));
    assert!(toast(&app).contains('…'), "{}", toast(&app));
    let whole = format!(
        "Copied merchantId {} of REQ3epayReady to the clipboard.",
        r.merchant_id
    );
    assert_eq!(log(&app)[0], whole);
}
