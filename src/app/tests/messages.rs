//! update() for the message log (`m`), toasts that go with their view, and
//! footers that offer only what applies.

use chrono::TimeDelta;
use crossterm::event::KeyCode;

use crate::app::*;
use crate::testkit::*;

const LONG: &str = "The server refused the API key (401 Unauthorized): check api_key for this profile or CENTRAPAY_API_KEY, then press r to reload; nothing was changed.";

fn with_long_error() -> App {
    loaded_with(AppConfig {
        warnings: vec![LONG.to_string()],
        ..config()
    })
}

#[test]
fn every_toast_is_logged_with_its_time_and_outlives_its_expiry() {
    let mut app = with_long_error();
    update(&mut app, Action::Tick(now() + TimeDelta::seconds(30)));
    update(&mut app, ch('p'));
    assert!(app.current_toast().is_none_or(|t| t.text != LONG));
    let log: Vec<_> = app.messages().newest_first().collect();
    let last = log.last().expect("the warning is logged");
    assert_eq!(last.text, LONG);
    assert_eq!(last.kind, ToastKind::Error);
    assert_eq!(last.at, now());
}

#[test]
fn m_opens_the_log_newest_first_and_esc_or_q_closes_it() {
    let mut app = with_long_error();
    update(&mut app, Action::Tick(now() + TimeDelta::seconds(5)));
    move_to(&mut app, "REQ6rejected");
    update(&mut app, ch('a'));
    let refusal = toast(&app);
    assert!(!refusal.is_empty());
    update(&mut app, ch('m'));
    assert!(matches!(app.mode(), Mode::Messages { scroll: 0 }));
    assert_eq!(app.scope(), crate::keys::Scope::Messages);
    let texts: Vec<_> = app
        .messages()
        .newest_first()
        .map(|m| m.text.clone())
        .collect();
    assert_eq!(texts.first(), Some(&refusal));
    assert_eq!(texts.last().map(String::as_str), Some(LONG));
    update(&mut app, key(KeyCode::Esc));
    assert!(matches!(app.mode(), Mode::List));
    update(&mut app, ch('m'));
    update(&mut app, ch('q'));
    assert!(matches!(app.mode(), Mode::List));
    assert!(!app.should_quit(), "q closes the log, it does not quit");
}

#[test]
fn the_log_scrolls_no_further_than_its_oldest_messages() {
    let mut app = loaded();
    for i in 0..60 {
        app.info(format!("message {i}"));
    }
    update(&mut app, Action::Resize(80, 24));
    update(&mut app, ch('m'));
    update(&mut app, ch('G'));
    let Mode::Messages { scroll } = *app.mode() else {
        panic!("the log is open");
    };
    assert!(scroll > 0 && scroll < 60, "{scroll}");
    update(&mut app, ch('k'));
    assert!(matches!(app.mode(), Mode::Messages { scroll: s } if *s == scroll - 1));
    update(&mut app, ch('g'));
    assert!(matches!(app.mode(), Mode::Messages { scroll: 0 }));
}

#[test]
fn the_log_shows_a_long_error_in_full_even_at_40_columns() {
    let mut app = with_long_error();
    update(&mut app, ch('m'));
    let screen: String = render(&mut app, 40, 24)
        .lines()
        .map(|l| l.trim_matches(|c: char| c == '"' || c == '│' || c == ' '))
        .collect::<Vec<_>>()
        .join(" ");
    for word in LONG.split(' ') {
        assert!(screen.contains(word), "`{word}` is missing: {screen}");
    }
}

#[test]
fn a_toast_about_the_bulk_results_goes_when_they_close() {
    let mut app = loaded();
    let (run_id, _) = start_run(&mut app, &["REQ1verifone"]);
    bulk_activated(&mut app, "REQ1verifone", Ok(()));
    bulk_finished(&mut app, run_id, false);
    update(&mut app, ch('R'));
    assert_eq!(toast(&app), "Nothing failed; there is nothing to retry.");
    update(&mut app, key(KeyCode::Esc));
    assert!(matches!(app.mode(), Mode::List));
    assert_eq!(toast(&app), "");
    assert!(
        app.messages()
            .newest_first()
            .any(|m| m.text == "Nothing failed; there is nothing to retry.")
    );
}

#[test]
fn a_toast_about_the_list_stays_while_an_overlay_opens_and_closes() {
    let mut app = loaded();
    move_to(&mut app, "REQ6rejected");
    update(&mut app, ch('a'));
    let refusal = toast(&app);
    assert!(!refusal.is_empty());
    update(&mut app, ch('?'));
    update(&mut app, key(KeyCode::Esc));
    assert_eq!(toast(&app), refusal);
}

fn offers(app: &App, words: &str) -> bool {
    app.footer().iter().any(|(_, w)| *w == words)
}

#[test]
fn the_bulk_dialog_offers_e_only_when_a_terminal_id_is_missing() {
    // Without the typed count, then with it (production over 0).
    for mut app in [loaded(), production(0)] {
        mark(&mut app, &["REQ1verifone", "REQ3epayReady"]);
        update(&mut app, ch('A'));
        assert!(app.question() == Some(Question::Bulk), "{:?}", app.scope());
        assert!(
            !offers(&app, "enter missing terminalIds"),
            "{:?}",
            app.footer()
        );
        update(&mut app, key(KeyCode::Esc));
        mark(&mut app, &["REQ2epayNoTid"]);
        update(&mut app, ch('A'));
        assert!(
            offers(&app, "enter missing terminalIds"),
            "{:?}",
            app.footer()
        );
    }
    // A single row (no marks) targeted by `A`.
    let mut app = loaded();
    move_to(&mut app, "REQ3epayReady");
    update(&mut app, ch('A'));
    assert!(!offers(&app, "enter missing terminalIds"));
    update(&mut app, key(KeyCode::Esc));
    move_to(&mut app, "REQ2epayNoTid");
    update(&mut app, ch('A'));
    assert!(offers(&app, "enter missing terminalIds"));
}

#[test]
fn the_import_preview_offers_y_when_a_row_will_be_set_and_a_when_one_will_activate() {
    let mut app = loaded();
    import_preview(&mut app);
    assert!(offers(&app, "set terminalIds") && offers(&app, "set and activate"));
    update(&mut app, key(KeyCode::Esc));
    // Nothing to set, but the request is pending and holds the file's
    // terminalId: `a` still activates it.
    start_import(&mut app, "terminals.csv");
    planned(&mut app, "id,terminalId\nREQ3epayReady,11000021\n");
    assert!(app.import().is_some_and(ImportState::is_preview));
    assert!(!offers(&app, "set terminalIds"), "{:?}", app.footer());
    assert!(offers(&app, "set and activate"));
    match update(&mut app, ch('a')).as_slice() {
        [Command::Api(WorkerCall::BulkActivate { ids, .. })] => assert_eq!(ids, &["REQ3epayReady"]),
        other => panic!("{other:?}"),
    }
    // Nothing to set and nothing pending to activate: neither is offered.
    let mut app = loaded();
    start_import(&mut app, "terminals.csv");
    planned(&mut app, "id,terminalId\nREQ6rejected,W1\n");
    assert!(!offers(&app, "set terminalIds"), "{:?}", app.footer());
    assert!(!offers(&app, "set and activate"), "{:?}", app.footer());
    assert!(offers(&app, "cancel"));
}

#[test]
fn the_console_adds_its_own_key_to_the_shared_missing_terminal_id_sentence() {
    let mut app = loaded();
    confirm_activation(&mut app, "REQ3epayReady");
    api(
        &mut app,
        ApiEvent::Activated {
            id: "REQ3epayReady".into(),
            run_id: None,
            // The server's refusal, as ops says it.
            result: Err(crate::ops::OpError::NotReady {
                id: "REQ3epayReady".into(),
                blocker: crate::api::Blocker::TerminalIdMissing,
                by_server: true,
            }),
        },
    );
    let text = toast(&app);
    assert!(
        text.contains("`intake update ID --terminal-id TERMINAL_ID`"),
        "{text}"
    );
    assert!(text.ends_with("Here, `t` on the row sets it."), "{text}");
}
