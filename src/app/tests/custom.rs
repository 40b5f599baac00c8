//! update() for the config's own commands (`[[commands]]`): the key asks
//! the terminal layer to run the command for the right requests, asks
//! first when the config says so, refuses a second run while one goes on,
//! and says how it ended.

use crate::app::*;
use crate::custom::{CommandOutcome, Placeholder, RequestValues};
use crate::testkit::*;

const COMMANDS: &str = r#"
[[commands]]
key = "o"
name = "Open ticket"
run = "xdg-open https://tickets/{id}/{merchantName}"

[[commands]]
key = "ctrl-r"
name = "Report"
run = "report {id} {terminalId}"
confirm = true
for = "marked"
"#;

fn with_commands() -> App {
    let cfg = crate::testkit::config_from(COMMANDS);
    let mut app = loaded_with(cfg);
    for (id, m) in merchants() {
        api(
            &mut app,
            ApiEvent::Merchant {
                merchant_id: id.into(),
                merchant: m,
            },
        );
    }
    app
}

fn ctrl_r() -> Action {
    Action::Key(crossterm::event::KeyEvent::new(
        crossterm::event::KeyCode::Char('r'),
        crossterm::event::KeyModifiers::CONTROL,
    ))
}

/// The one `Effect::RunCustom` in `cmds`: (index, requests).
fn run(cmds: &[Command]) -> (usize, Vec<RequestValues>) {
    let [
        Command::Effect(Effect::RunCustom(CustomRun {
            index, requests, ..
        })),
    ] = cmds
    else {
        panic!("not one command run: {cmds:?}");
    };
    (*index, requests.clone())
}

fn finished(app: &mut App, index: usize, outcome: CommandOutcome) {
    api(app, ApiEvent::CustomFinished { index, outcome });
}

#[test]
fn the_key_runs_the_command_for_the_cursor_request_with_its_merchant_name() {
    let mut app = with_commands();
    move_to(&mut app, "REQ3epayReady");
    let cmds = update(&mut app, ch('o'));
    let (index, requests) = run(&cmds);
    assert_eq!(index, 0);
    assert_eq!(requests.len(), 1);
    let r = &requests[0];
    assert_eq!(r.id, "REQ3epayReady");
    let merchant = app.merchant_name(&r.merchant_id).to_string();
    assert_eq!(r.get(Placeholder::MerchantName), Some(merchant));
    assert_eq!(app.running_commands(), ["Open ticket"]);
}

#[test]
fn a_second_press_while_it_runs_says_it_is_already_running() {
    let mut app = with_commands();
    run(&update(&mut app, ch('o')));
    assert!(update(&mut app, ch('o')).is_empty());
    assert_eq!(
        toast(&app),
        "'Open ticket' is already running; wait for it to finish."
    );
    finished(
        &mut app,
        0,
        CommandOutcome {
            runs: 1,
            code: Some(0),
            ..CommandOutcome::default()
        },
    );
    assert!(app.running_commands().is_empty());
    run(&update(&mut app, ch('o')));
}

#[test]
fn the_result_toast_says_the_exit_status_and_the_output_goes_to_the_log() {
    let mut app = with_commands();
    run(&update(&mut app, ch('o')));
    finished(
        &mut app,
        0,
        CommandOutcome {
            runs: 1,
            code: Some(0),
            output: "opened\n".into(),
            ..CommandOutcome::default()
        },
    );
    assert_eq!(
        toast(&app),
        "'Open ticket' finished (exit 0). O shows the output."
    );
    assert_eq!(app.command_output(), Some(("Open ticket", "opened\n")));
    let logged: Vec<String> = app
        .messages()
        .newest_first()
        .map(|m| m.text.clone())
        .collect();
    assert!(
        logged.contains(&"Output of 'Open ticket':\nopened\n".to_string()),
        "{logged:?}"
    );

    run(&update(&mut app, ch('o')));
    finished(
        &mut app,
        0,
        CommandOutcome {
            runs: 1,
            code: Some(2),
            stderr_line: Some("no such ticket".into()),
            output: "no such ticket\n".into(),
            ..CommandOutcome::default()
        },
    );
    assert_eq!(
        toast(&app),
        "'Open ticket' failed (exit 2): no such ticket; O shows the output."
    );
}

#[test]
fn confirm_asks_first_and_for_marked_falls_back_to_the_cursor() {
    let mut app = with_commands();
    move_to(&mut app, "REQ3epayReady");
    assert!(update(&mut app, ctrl_r()).is_empty());
    assert_eq!(app.question(), Some(Question::Custom));
    assert!(render(&mut app, 120, 30).contains("Run 'Report' for REQ3epayReady?"));
    // No: nothing runs.
    assert!(update(&mut app, ch('n')).is_empty());
    assert!(matches!(app.mode, Mode::List));
    update(&mut app, ctrl_r());
    let (index, requests) = run(&update(&mut app, ch('y')));
    assert_eq!(index, 1);
    let ids: Vec<&str> = requests.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["REQ3epayReady"]);
}

#[test]
fn for_marked_runs_once_per_marked_request_and_says_how_many() {
    let mut app = with_commands();
    mark(&mut app, &["REQ1verifone", "REQ3epayReady"]);
    update(&mut app, ctrl_r());
    assert!(
        render(&mut app, 120, 30).contains("Run 'Report' for 2 requests?"),
        "{}",
        render(&mut app, 120, 30)
    );
    let (_, requests) = run(&update(&mut app, ch('y')));
    let mut ids: Vec<&str> = requests.iter().map(|r| r.id.as_str()).collect();
    ids.sort_unstable();
    assert_eq!(ids, ["REQ1verifone", "REQ3epayReady"]);
    finished(
        &mut app,
        1,
        CommandOutcome {
            runs: 2,
            code: Some(0),
            ..CommandOutcome::default()
        },
    );
    assert_eq!(
        toast(&app),
        "'Report' finished for 2 requests (exit 0). O shows the output."
    );
}

#[test]
fn commands_run_in_read_only_sessions_too() {
    let mut cfg = crate::testkit::config_from(COMMANDS);
    cfg.safety.read_only.flag = true;
    let mut app = loaded_with(cfg);
    run(&update(&mut app, ch('o')));
}

#[test]
fn the_footer_and_help_show_the_commands_from_the_keys_that_run_them() {
    let mut app = with_commands();
    let custom = crate::keys::custom_footer(&app.config.prefs.keys, app.scope());
    assert_eq!(
        custom,
        [
            ("o".to_string(), "Open ticket".to_string()),
            ("ctrl-r".to_string(), "Report".to_string())
        ]
    );
    let help = crate::keys::help(&app.config.prefs.keys);
    let at = help
        .iter()
        .position(|l| *l == crate::keys::HelpLine::Section("Your commands"))
        .expect("a Your commands section");
    assert_eq!(
        help[at + 1],
        crate::keys::HelpLine::Row {
            label: "o".into(),
            text: "Open ticket".into()
        }
    );
    // Each key shown runs the command it names.
    for (key, index) in [(ch('o'), 0), (ctrl_r(), 1)] {
        let mut app = with_commands();
        let cmds = update(&mut app, key);
        let cmds = if cmds.is_empty() {
            update(&mut app, ch('y'))
        } else {
            cmds
        };
        assert_eq!(run(&cmds).0, index);
    }
    // Shown after the built-in hints, when the footer has room.
    assert!(render(&mut app, 300, 30).contains("o Open ticket  ctrl-r Report"));
}

/// The question before a command names its yes for the command, never for
/// an activation; the activate question keeps its own.
#[test]
fn the_command_question_footer_says_run_not_activate() {
    let mut app = with_commands();
    mark(&mut app, &["REQ1verifone"]);
    update(&mut app, ctrl_r());
    assert_eq!(app.question(), Some(Question::Custom));
    let footer = app.footer();
    assert_eq!(footer[0], ("y/Enter".to_string(), "run the command"));
    assert!(
        footer.iter().all(|(_, w)| !w.contains("activate")),
        "{footer:?}"
    );
    update(&mut app, ch('n'));
    move_to(&mut app, "REQ1verifone");
    update(&mut app, ch('a'));
    assert_eq!(app.question(), Some(Question::Activate));
    assert_eq!(app.footer()[0], ("y/Enter".to_string(), "activate"));
}
