//! update() for the output panel of the operator's commands (`O`): it
//! opens, scrolls and closes like the message log, keeps the last runs
//! only, is offered in the result toast under the key that opens it, and
//! the commands' keys work beside a bulk run too.

use chrono::TimeDelta;

use crate::app::*;
use crate::custom::{CommandOutcome, MAX_RUNS};
use crate::keys::{HelpLine, Scope};
use crate::testkit::*;

fn with_commands(keys: &str) -> App {
    let text = format!(
        "{keys}\n[[commands]]\nkey = \"o\"\nname = \"Open ticket\"\nrun = \"open {{id}}\"\n"
    );
    let cfg = crate::testkit::config_from(&text);
    loaded_with(cfg)
}

fn ok(stdout: &str) -> CommandOutcome {
    CommandOutcome {
        runs: 1,
        code: Some(0),
        output: stdout.into(),
        stdout: stdout.into(),
        ..CommandOutcome::default()
    }
}

fn failed() -> CommandOutcome {
    CommandOutcome {
        runs: 1,
        code: Some(2),
        stderr_line: Some("no such ticket".into()),
        output: "looking it up\nno such ticket\n".into(),
        stdout: "looking it up\n".into(),
        stderr: "no such ticket\n".into(),
        ..CommandOutcome::default()
    }
}

/// Press the command's key and let it end after 1.5 s with `outcome`.
fn run_once(app: &mut App, outcome: CommandOutcome) {
    let cmds = update(app, ch('o'));
    assert!(
        matches!(
            cmds.as_slice(),
            [Command::Effect(Effect::RunCustom(CustomRun {
                index: 0,
                ..
            }))]
        ),
        "{cmds:?}"
    );
    app.now += TimeDelta::milliseconds(1500);
    api(app, ApiEvent::CustomFinished { index: 0, outcome });
}

fn scroll(app: &App) -> usize {
    match app.mode {
        Mode::Output { scroll } => scroll,
        _ => panic!("the panel is closed"),
    }
}

#[test]
fn the_panel_opens_scrolls_and_closes() {
    let mut app = with_commands("");
    move_to(&mut app, "REQ3epayReady");
    run_once(&mut app, failed());
    let lines: Vec<String> = (1..=30).map(|i| format!("line {i}\n")).collect();
    run_once(&mut app, ok(&lines.concat()));
    update(&mut app, ch('O'));
    assert_eq!(app.scope(), Scope::Output);
    let s = render(&mut app, 100, 30);
    assert!(
        s.contains("Open ticket for REQ3epayReady: exit 0 in 1.5s"),
        "{s}"
    );
    assert!(s.contains("line 1") && !s.contains("exit 2"), "{s}");
    update(&mut app, ch('G'));
    let s = render(&mut app, 100, 30);
    assert!(s.contains("exit 2 in 1.5s"), "{s}");
    assert!(s.contains("stderr│ no such ticket"), "{s}");
    assert!(s.contains("  looking it up"), "{s}");
    let bottom = scroll(&app);
    assert!(bottom > 0);
    update(&mut app, ch('k'));
    assert_eq!(scroll(&app), bottom - 1);
    update(&mut app, ch('g'));
    assert_eq!(scroll(&app), 0);
    update(&mut app, ch('j'));
    assert_eq!(scroll(&app), 1);
    update(&mut app, key(crossterm::event::KeyCode::PageDown));
    assert!(scroll(&app) > 1);
    update(&mut app, key(crossterm::event::KeyCode::Esc));
    assert_eq!(app.scope(), Scope::List);
    update(&mut app, ch('O'));
    update(&mut app, ch('q'));
    assert_eq!(app.scope(), Scope::List, "q closes the panel, never quits");
    assert!(app.asking.is_none());
}

#[test]
fn a_running_command_shows_as_running_and_the_empty_panel_says_where_commands_are() {
    let mut app = with_commands("");
    update(&mut app, ch('O'));
    let s = render(&mut app, 100, 30);
    assert!(
        s.contains("No command has run yet; your commands are in `?`."),
        "{s}"
    );
    update(&mut app, ch('q'));
    update(&mut app, ch('o'));
    update(&mut app, ch('O'));
    assert!(render(&mut app, 100, 30).contains(": running…"));
}

#[test]
fn the_history_keeps_the_last_runs_only() {
    let mut app = with_commands("");
    for i in 0..MAX_RUNS + 5 {
        run_once(&mut app, ok(&format!("run {i}\n")));
    }
    assert_eq!(app.custom.history.len(), MAX_RUNS);
    let newest = app.custom.history.newest_first().next().expect("a run");
    let (_, outcome) = newest.ended.as_ref().expect("ended");
    assert_eq!(outcome.stdout, format!("run {}\n", MAX_RUNS + 4));
}

#[test]
fn the_toast_offers_the_panel_under_its_key_remapped_or_not() {
    let mut app = with_commands("");
    run_once(&mut app, ok("opened\n"));
    assert_eq!(
        toast(&app),
        "'Open ticket' finished (exit 0). O shows the output."
    );
    let mut app = with_commands("[keys]\noutput = \"L\"\n");
    run_once(&mut app, failed());
    assert_eq!(
        toast(&app),
        "'Open ticket' failed (exit 2): no such ticket; L shows the output."
    );
    update(&mut app, ch('O'));
    assert_eq!(app.scope(), Scope::List, "O is free once output moved");
    update(&mut app, ch('L'));
    assert_eq!(app.scope(), Scope::Output);
    assert!(app.footer().contains(&("Esc/q".to_string(), "close")));
}

#[test]
fn commands_and_the_panel_work_beside_a_bulk_run() {
    let mut app = with_commands("");
    for id in ["REQ1verifone", "REQ2epayNoTid"] {
        move_to(&mut app, id);
        update(&mut app, ch(' '));
    }
    update(&mut app, ch('A'));
    update(&mut app, key(crossterm::event::KeyCode::Enter));
    assert_eq!(app.scope(), Scope::BulkRunning);
    let custom = crate::keys::custom_footer(&app.config.prefs.keys, app.scope());
    assert_eq!(custom, [("o".to_string(), "Open ticket".to_string())]);
    assert!(app.footer().contains(&("O".to_string(), "output")));
    run_once(&mut app, ok("opened\n"));
    assert_eq!(app.scope(), Scope::BulkRunning, "the run goes on");
    update(&mut app, ch('?'));
    assert_eq!(app.scope(), Scope::HelpRunning);
    let help = crate::keys::help(&app.config.prefs.keys);
    assert!(help.contains(&HelpLine::Row {
        label: "o".into(),
        text: "Open ticket".into()
    }));
    update(&mut app, ch('?'));
    update(&mut app, ch('O'));
    assert_eq!(app.scope(), Scope::Output);
    assert!(render(&mut app, 100, 30).contains("  opened"));
}

#[test]
fn snapshot_the_panel_with_output_and_a_failure() {
    let mut app = with_commands("");
    move_to(&mut app, "REQ3epayReady");
    run_once(&mut app, failed());
    run_once(&mut app, ok("opened https://tickets/REQ3epayReady\n"));
    update(&mut app, ch('O'));
    insta::assert_snapshot!(render(&mut app, 80, 20));
}

#[test]
fn snapshot_the_empty_panel() {
    let mut app = with_commands("");
    update(&mut app, ch('O'));
    insta::assert_snapshot!(render(&mut app, 80, 20));
}
