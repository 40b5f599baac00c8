//! update() behaviour, key by key, with fixed data and a fixed clock.

use chrono::TimeDelta;
use crossterm::event::{KeyCode, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::Rect;

use super::fixtures::*;
use super::*;
use crate::api::retry::Activation;
use crate::api::{ApiError, IntegrationType, SearchQuery, Status};

fn api(app: &mut App, e: ApiEvent) -> Vec<Command> {
    update(app, Action::Api(e))
}

fn page(load_id: u64, items: Vec<crate::api::IntegrationRequest>, done: bool) -> ApiEvent {
    ApiEvent::Page {
        load_id,
        items,
        done,
    }
}

fn move_to(app: &mut App, id: &str) {
    update(app, ch('g'));
    for _ in 0..app.visible_len() {
        if cursor_id(app) == id {
            return;
        }
        update(app, ch('j'));
    }
    panic!("{id} is not visible");
}

fn load_id(cmds: &[Command]) -> u64 {
    match cmds {
        [Command::Load { load_id, .. }] => *load_id,
        other => panic!("expected one Load, got {other:?}"),
    }
}

#[test]
fn init_loads_pending_only_for_the_configured_account() {
    let mut cfg = config();
    cfg.account_id = Some("Jaim1Cu1Q55uooxSens6yk".into());
    let mut app = App::new(cfg, now());
    assert_eq!(
        app.init(),
        vec![Command::Load {
            load_id: 1,
            query: SearchQuery {
                account_id: Some("Jaim1Cu1Q55uooxSens6yk".into()),
                kind: None,
                pending: true,
            },
        }]
    );
    assert!(app.is_busy());
    assert!(app.is_loading());
}

#[test]
fn first_page_shows_while_the_rest_load_and_stale_pages_are_ignored() {
    let mut app = App::new(config(), now());
    app.init();
    let all = requests();
    api(&mut app, page(1, all[..3].to_vec(), false));
    assert_eq!(app.visible_len(), 3);
    assert!(app.is_loading());
    // A page from another load is not ours.
    api(&mut app, page(7, all[3..].to_vec(), true));
    assert_eq!(app.visible_len(), 3);
    api(&mut app, page(1, all[3..].to_vec(), true));
    assert_eq!(app.visible_len(), 8);
    assert!(!app.is_loading());
    // After a reload, the old load's late pages are stale too.
    let id = load_id(&update(&mut app, ch('r')));
    assert_eq!(id, 2);
    api(&mut app, page(1, vec![], true));
    assert!(app.is_loading());
    api(
        &mut app,
        ApiEvent::LoadFailed {
            load_id: 1,
            error: ApiError::Timeout {
                after: std::time::Duration::from_secs(3),
            },
        },
    );
    assert!(app.load_error.is_none());
}

#[test]
fn navigation_keys_move_the_cursor() {
    let mut app = loaded();
    app.page = 4;
    let steps: &[(Action, usize)] = &[
        (ch('j'), 1),
        (key(KeyCode::Down), 2),
        (ch('k'), 1),
        (key(KeyCode::Up), 0),
        (key(KeyCode::Up), 0),
        (ch('G'), 7),
        (ch('g'), 0),
        (key(KeyCode::End), 7),
        (key(KeyCode::Home), 0),
        (ctrl('d'), 2),
        (ctrl('u'), 0),
        (key(KeyCode::PageDown), 4),
        (key(KeyCode::PageDown), 7),
        (key(KeyCode::PageUp), 3),
    ];
    for (i, (action, want)) in steps.iter().enumerate() {
        update(&mut app, action.clone());
        assert_eq!(app.cursor(), *want, "step {i}: {action:?}");
    }
}

#[test]
fn p_toggles_pending_only_and_reloads_with_the_flag() {
    let mut app = loaded();
    let cmds = update(&mut app, ch('p'));
    match cmds.as_slice() {
        [Command::Load { load_id: 2, query }] => assert!(!query.pending),
        other => panic!("{other:?}"),
    }
    assert!(!app.pending_only);
    // The new set replaces the old on its first page.
    api(&mut app, page(2, requests()[..2].to_vec(), false));
    assert_eq!(app.total_len(), 2);
    let cmds = update(&mut app, ch('p'));
    match cmds.as_slice() {
        [Command::Load { load_id: 3, query }] => assert!(query.pending),
        other => panic!("{other:?}"),
    }
}

#[test]
fn s_cycles_the_sort_column_and_capital_s_reverses() {
    let mut app = loaded();
    assert_eq!(app.sort, SortKey::Age);
    assert_eq!(visible_ids(&app)[0], "REQ1verifone");
    update(&mut app, ch('S'));
    assert!(app.reverse);
    assert_eq!(visible_ids(&app)[0], "REQ8smartpay");
    update(&mut app, ch('S'));
    update(&mut app, ch('s'));
    assert_eq!(app.sort, SortKey::Status);
    // active < pending < rejected
    assert_eq!(visible_ids(&app)[0], "REQ5active");
    assert_eq!(visible_ids(&app)[7], "REQ6rejected");
    update(&mut app, ch('s'));
    assert_eq!(app.sort, SortKey::Kind);
    assert_eq!(visible_ids(&app)[0], "REQ2epayNoTid");
    for _ in 0..4 {
        update(&mut app, ch('s'));
    }
    assert_eq!(app.sort, SortKey::Age);
}

#[test]
fn sort_keeps_the_cursor_on_the_same_request() {
    let mut app = loaded();
    move_to(&mut app, "REQ3epayReady");
    update(&mut app, ch('S'));
    assert_eq!(cursor_id(&app), "REQ3epayReady");
}

#[test]
fn filter_narrows_live_enter_keeps_and_esc_clears() {
    let mut app = loaded();
    update(&mut app, ch('/'));
    assert!(matches!(app.mode, Mode::Filter));
    typed(&mut app, "type:e");
    assert_eq!(
        app.visible_len(),
        7,
        "verifone, windcave and epay contain an e"
    );
    typed(&mut app, "p");
    assert_eq!(visible_ids(&app), ["REQ2epayNoTid", "REQ3epayReady"]);
    typed(&mut app, "ay status:pend");
    assert_eq!(app.visible_len(), 2);
    // Letters that are keys elsewhere (q quits) are text while typing a filter.
    typed(&mut app, " q");
    assert!(!app.should_quit());
    update(&mut app, key(KeyCode::Backspace));
    typed(&mut app, "zz");
    assert_eq!(app.visible_len(), 0);
    for _ in 0..3 {
        update(&mut app, key(KeyCode::Backspace));
    }
    assert_eq!(app.visible_len(), 2);
    update(&mut app, key(KeyCode::Enter));
    assert!(matches!(app.mode, Mode::List));
    assert_eq!(app.filter_text().trim(), "type:epay status:pend");
    assert_eq!(app.visible_len(), 2);
    // Reopening edits the kept filter; Esc clears it.
    update(&mut app, ch('/'));
    assert_eq!(app.filter_input.value().trim(), "type:epay status:pend");
    update(&mut app, key(KeyCode::Esc));
    assert_eq!(app.filter_text(), "");
    assert_eq!(app.visible_len(), 8);
    assert!(matches!(app.mode, Mode::List));
}

#[test]
fn filter_fields_and_bare_words() {
    let mut app = loaded();
    for (text, want) in [
        ("merchant:5EE0", 1),
        ("account:jaim1", 8),
        ("id:req5", 1),
        ("terminal:1100", 1),
        ("verifone", 3),
        ("5ee0c486", 1),
        ("windcave rejected", 1),
        ("nope:x", 0),
        ("type:", 8),
    ] {
        app.set_filter_text(text);
        assert_eq!(app.visible_len(), want, "{text}");
    }
    app.set_filter_text("");
    assert_eq!(app.visible_len(), 8);
}

#[test]
fn esc_in_the_list_clears_the_filter() {
    let mut app = loaded();
    app.set_filter_text("epay");
    update(&mut app, key(KeyCode::Esc));
    assert_eq!(app.visible_len(), 8);
}

#[test]
fn space_marks_and_moves_down_star_marks_visible_u_clears() {
    let mut app = loaded();
    update(&mut app, ch(' '));
    assert_eq!(app.cursor(), 1);
    assert!(app.is_marked("REQ1verifone"));
    update(&mut app, ch('k'));
    update(&mut app, ch(' '));
    assert!(!app.is_marked("REQ1verifone"));
    app.set_filter_text("epay");
    update(&mut app, ch('*'));
    assert_eq!(app.marked_len(), 2);
    update(&mut app, ch('u'));
    assert_eq!(app.marked_len(), 0);
}

#[test]
fn marks_survive_filter_sort_and_refresh() {
    let mut app = loaded();
    move_to(&mut app, "REQ3epayReady");
    update(&mut app, ch(' '));
    move_to(&mut app, "REQ7verifone");
    update(&mut app, ch(' '));
    app.set_filter_text("type:epay");
    assert_eq!(app.marked_len(), 2);
    assert_eq!(app.visible_marked, 1);
    update(&mut app, ch('s'));
    update(&mut app, ch('S'));
    app.set_filter_text("");
    assert!(app.is_marked("REQ3epayReady") && app.is_marked("REQ7verifone"));
    let id = load_id(&update(&mut app, ch('r')));
    api(&mut app, page(id, requests(), true));
    assert!(app.is_marked("REQ3epayReady") && app.is_marked("REQ7verifone"));
    assert_eq!(app.marked_len(), 2);
    assert_eq!(app.visible_marked, 2);
}

#[test]
fn refresh_keeps_cursor_filter_and_shows_old_rows_until_done() {
    let mut app = loaded();
    app.set_filter_text("pending");
    move_to(&mut app, "REQ4windcaveT9");
    let id = load_id(&update(&mut app, ch('r')));
    // The new set arrives in a different order and in pages.
    let mut fresh = requests();
    fresh.reverse();
    api(&mut app, page(id, fresh[..3].to_vec(), false));
    assert_eq!(
        app.total_len(),
        8,
        "old rows stay until the reload completes"
    );
    api(&mut app, page(id, fresh[3..].to_vec(), true));
    assert_eq!(cursor_id(&app), "REQ4windcaveT9");
    assert_eq!(app.filter_text(), "pending");
    assert_eq!(app.visible_len(), 6);
}

#[test]
fn load_errors_are_a_status_line_and_never_block_typing() {
    let mut app = loaded();
    let id = load_id(&update(&mut app, ch('r')));
    api(
        &mut app,
        ApiEvent::LoadFailed {
            load_id: id,
            error: ApiError::Connect {
                host: "example.test".into(),
            },
        },
    );
    let e = app.load_error.clone().unwrap_or_default();
    assert!(e.contains("Could not connect to example.test"), "{e}");
    assert!(!app.is_loading());
    assert_eq!(app.total_len(), 8);
    update(&mut app, ch('/'));
    typed(&mut app, "epay");
    assert_eq!(app.visible_len(), 2);
    // The next successful load clears it.
    update(&mut app, key(KeyCode::Enter));
    let id = load_id(&update(&mut app, ch('r')));
    api(&mut app, page(id, requests(), true));
    assert!(app.load_error.is_none());
}

#[test]
fn activate_asks_then_sends() {
    let mut app = loaded();
    move_to(&mut app, "REQ3epayReady");
    assert!(update(&mut app, ch('a')).is_empty());
    assert!(matches!(&app.mode, Mode::Confirm { id } if id == "REQ3epayReady"));
    update(&mut app, ch('n'));
    assert!(matches!(app.mode, Mode::List));
    update(&mut app, key(KeyCode::Enter));
    assert!(matches!(app.mode, Mode::Confirm { .. }));
    update(&mut app, key(KeyCode::Esc));
    assert!(matches!(app.mode, Mode::List));
    update(&mut app, ch('a'));
    let cmds = update(&mut app, ch('y'));
    assert_eq!(
        cmds,
        vec![Command::Activate {
            id: "REQ3epayReady".into()
        }]
    );
    assert!(app.is_busy());
    let mut done = app
        .request("REQ3epayReady")
        .cloned()
        .unwrap_or_else(|| panic!("row"));
    done.status = Status::Active;
    api(
        &mut app,
        ApiEvent::Activated {
            id: done.id.clone(),
            run_id: None,
            result: Ok(Activation::Activated(done)),
        },
    );
    assert_eq!(
        app.request("REQ3epayReady").map(|r| r.status.clone()),
        Some(Status::Active)
    );
    assert!(app.activating.is_empty());
    assert!(
        app.current_toast()
            .is_some_and(|t| t.text.contains("Activated REQ3epayReady"))
    );
    // Enter confirms too, and an active row is not offered again.
    update(&mut app, ch('a'));
    assert!(matches!(app.mode, Mode::List));
}

#[test]
fn activation_errors_are_sentences() {
    let mut app = loaded();
    move_to(&mut app, "REQ1verifone");
    update(&mut app, ch('a'));
    update(&mut app, key(KeyCode::Enter));
    api(
        &mut app,
        ApiEvent::Activated {
            id: "REQ1verifone".into(),
            run_id: None,
            result: Err(ApiError::Server {
                status: 502,
                message: "bad gateway".into(),
            }),
        },
    );
    let t = app
        .current_toast()
        .cloned()
        .unwrap_or_else(|| panic!("a toast"));
    assert_eq!(t.kind, ToastKind::Error);
    assert!(
        t.text
            .starts_with("Could not activate REQ1verifone. The server failed with 502"),
        "{}",
        t.text
    );
    assert_eq!(
        app.request("REQ1verifone").map(|r| r.status.clone()),
        Some(Status::Pending)
    );
}

#[test]
fn already_activated_marks_the_row_active_and_says_so() {
    let mut app = loaded();
    move_to(&mut app, "REQ1verifone");
    update(&mut app, ch('a'));
    update(&mut app, ch('y'));
    api(
        &mut app,
        ApiEvent::Activated {
            id: "REQ1verifone".into(),
            run_id: None,
            result: Err(ApiError::AlreadyActivated),
        },
    );
    assert_eq!(
        app.request("REQ1verifone").map(|r| r.status.clone()),
        Some(Status::Active)
    );
    let t = app
        .current_toast()
        .map(|t| t.text.clone())
        .unwrap_or_default();
    assert!(t.contains("already activated by someone else"), "{t}");
}

#[test]
fn non_pending_rows_are_not_offered_for_activation() {
    let mut app = loaded();
    move_to(&mut app, "REQ6rejected");
    assert!(update(&mut app, ch('a')).is_empty());
    assert!(matches!(app.mode, Mode::List));
    assert!(
        app.current_toast()
            .is_some_and(|t| t.text.contains("rejected"))
    );
}

#[test]
fn epay_without_terminal_id_gets_the_form_then_activates_without_a_second_confirm() {
    let mut app = loaded();
    move_to(&mut app, "REQ2epayNoTid");
    update(&mut app, ch('a'));
    assert!(matches!(&app.mode, Mode::Form(f) if matches!(f.then, FormThen::Activate)));
    typed(&mut app, "12a");
    assert!(update(&mut app, key(KeyCode::Enter)).is_empty());
    match &app.mode {
        Mode::Form(f) => assert_eq!(
            f.error.as_deref(),
            Some("An ePay terminalId is digits only (e.g. 11000021).")
        ),
        other => panic!("{other:?}"),
    }
    update(&mut app, key(KeyCode::Backspace));
    match &app.mode {
        Mode::Form(f) => assert!(f.error.is_none(), "editing clears the error"),
        other => panic!("{other:?}"),
    }
    typed(&mut app, "3");
    let cmds = update(&mut app, key(KeyCode::Enter));
    assert_eq!(
        cmds,
        vec![Command::Update {
            id: "REQ2epayNoTid".into(),
            terminal_id: "123".into(),
            expected: None
        }]
    );
    assert!(matches!(app.mode, Mode::List));
    let mut saved = app
        .request("REQ2epayNoTid")
        .cloned()
        .unwrap_or_else(|| panic!("row"));
    saved.terminal_id = Some("123".into());
    let cmds = api(
        &mut app,
        ApiEvent::Updated {
            id: saved.id.clone(),
            result: Ok(saved),
        },
    );
    assert_eq!(
        cmds,
        vec![Command::Activate {
            id: "REQ2epayNoTid".into()
        }]
    );
    assert!(matches!(app.mode, Mode::List));
    assert_eq!(
        app.request("REQ2epayNoTid")
            .and_then(|r| r.effective_terminal_id()),
        Some("123")
    );
}

#[test]
fn a_failed_save_does_not_activate() {
    let mut app = loaded();
    move_to(&mut app, "REQ2epayNoTid");
    update(&mut app, ch('a'));
    typed(&mut app, "11000021");
    update(&mut app, key(KeyCode::Enter));
    let cmds = api(
        &mut app,
        ApiEvent::Updated {
            id: "REQ2epayNoTid".into(),
            result: Err(ApiError::BadRequest {
                message: "terminalId is invalid".into(),
            }),
        },
    );
    assert!(cmds.is_empty());
    let t = app
        .current_toast()
        .map(|t| t.text.clone())
        .unwrap_or_default();
    assert!(
        t.contains("Could not save the terminalId") && t.contains("terminalId is invalid"),
        "{t}"
    );
}

#[test]
fn t_opens_the_form_prefilled_and_esc_cancels() {
    let mut app = loaded();
    move_to(&mut app, "REQ4windcaveT9");
    update(&mut app, ch('t'));
    match &app.mode {
        Mode::Form(f) => {
            assert_eq!(f.input.value(), "T-9");
            assert!(matches!(f.then, FormThen::Save));
        }
        other => panic!("{other:?}"),
    }
    assert!(update(&mut app, key(KeyCode::Esc)).is_empty());
    assert!(matches!(app.mode, Mode::List));
    update(&mut app, ch('t'));
    typed(&mut app, "X");
    // It has T-9 already: replacing it is confirmed first.
    assert!(update(&mut app, key(KeyCode::Enter)).is_empty());
    assert!(matches!(app.mode, Mode::Overwrite(_)));
    let cmds = update(&mut app, ch('y'));
    assert_eq!(
        cmds,
        vec![Command::Update {
            id: "REQ4windcaveT9".into(),
            terminal_id: "T-9X".into(),
            expected: Some("T-9".into())
        }]
    );
    // Nothing more is sent when the save succeeds.
    let mut saved = app
        .request("REQ4windcaveT9")
        .cloned()
        .unwrap_or_else(|| panic!("row"));
    saved.terminal = None;
    saved.terminal_id = Some("T-9X".into());
    assert!(
        api(
            &mut app,
            ApiEvent::Updated {
                id: saved.id.clone(),
                result: Ok(saved)
            }
        )
        .is_empty()
    );
    assert_eq!(
        app.request("REQ4windcaveT9")
            .and_then(|r| r.effective_terminal_id()),
        Some("T-9X")
    );
}

fn mark(app: &mut App, ids: &[&str]) {
    for id in ids {
        move_to(app, id);
        update(app, ch(' '));
    }
}

#[test]
fn bulk_confirm_counts_hidden_not_pending_and_missing_terminal_ids() {
    let mut app = loaded();
    mark(
        &mut app,
        &[
            "REQ1verifone",
            "REQ2epayNoTid",
            "REQ5active",
            "REQ6rejected",
            "REQ7verifone",
        ],
    );
    app.set_filter_text("type:verifone");
    update(&mut app, ch('A'));
    let Mode::BulkConfirm(plan) = &app.mode else {
        panic!("{:?}", app.mode)
    };
    assert_eq!(plan.ids.len(), 5);
    assert_eq!(
        plan.hidden, 2,
        "the ePay and the rejected windcave are filtered out"
    );
    assert_eq!(plan.not_pending, 2);
    assert_eq!(plan.missing_terminal, vec!["REQ2epayNoTid".to_string()]);
    assert_eq!(plan.runnable(), 2);
    update(&mut app, key(KeyCode::Esc));
    assert!(matches!(app.mode, Mode::List));
}

#[test]
fn bulk_without_marks_uses_the_cursor_row() {
    let mut app = loaded();
    move_to(&mut app, "REQ7verifone");
    update(&mut app, ch('A'));
    let Mode::BulkConfirm(plan) = &app.mode else {
        panic!("{:?}", app.mode)
    };
    assert_eq!(plan.ids, vec!["REQ7verifone".to_string()]);
}

/// Mark, confirm with Enter, and return the run's id and ids.
fn start_run(app: &mut App, ids: &[&str]) -> (u64, Vec<String>) {
    mark(app, ids);
    update(app, ch('A'));
    match update(app, key(KeyCode::Enter)).as_slice() {
        [
            Command::BulkActivate {
                run_id,
                ids,
                concurrency,
            },
        ] => {
            assert_eq!(*concurrency, 4);
            (*run_id, ids.clone())
        }
        other => panic!("{other:?}"),
    }
}

fn activated(app: &mut App, run_id: u64, id: &str, result: Result<(), ApiError>) {
    api(
        app,
        ApiEvent::BulkStarted {
            run_id,
            id: id.into(),
        },
    );
    let result = result.map(|()| {
        let mut r = app.request(id).cloned().unwrap_or_else(|| panic!("{id}"));
        r.status = Status::Active;
        Activation::Activated(r)
    });
    api(
        app,
        ApiEvent::Activated {
            id: id.into(),
            run_id: Some(run_id),
            result,
        },
    );
}

#[test]
fn bulk_run_progress_results_one_outcome_each_and_retry() {
    let mut app = loaded();
    let (run_id, ids) = start_run(
        &mut app,
        &[
            "REQ1verifone",
            "REQ2epayNoTid",
            "REQ3epayReady",
            "REQ5active",
            "REQ7verifone",
            "REQ8smartpay",
        ],
    );
    assert_eq!(
        ids,
        [
            "REQ1verifone",
            "REQ3epayReady",
            "REQ7verifone",
            "REQ8smartpay"
        ]
    );
    assert!(matches!(app.mode, Mode::Bulk));
    assert!(app.is_busy());
    api(
        &mut app,
        ApiEvent::BulkStarted {
            run_id,
            id: "REQ1verifone".into(),
        },
    );
    assert_eq!(
        app.bulk().map(|r| r.in_flight.clone()),
        Some(vec!["REQ1verifone".to_string()])
    );
    activated(&mut app, run_id, "REQ1verifone", Ok(()));
    activated(
        &mut app,
        run_id,
        "REQ3epayReady",
        Err(ApiError::AlreadyActivated),
    );
    activated(
        &mut app,
        run_id,
        "REQ7verifone",
        Err(ApiError::Timeout {
            after: std::time::Duration::from_secs(30),
        }),
    );
    activated(&mut app, run_id, "REQ8smartpay", Ok(()));
    // A duplicate answer does not change a final outcome.
    api(
        &mut app,
        ApiEvent::Activated {
            id: "REQ1verifone".into(),
            run_id: Some(run_id),
            result: Err(ApiError::AlreadyActivated),
        },
    );
    api(
        &mut app,
        ApiEvent::BulkFinished {
            run_id,
            cancelled: false,
        },
    );
    let run = app.bulk().cloned().unwrap_or_else(|| panic!("a run"));
    assert_eq!(run.phase, Phase::Finished { cancelled: false });
    let outcome = |id: &str| run.outcome(id).cloned();
    assert_eq!(outcome("REQ1verifone"), Some(Outcome::Activated));
    assert_eq!(outcome("REQ3epayReady"), Some(Outcome::AlreadyActive(None)));
    assert!(
        matches!(outcome("REQ7verifone"), Some(Outcome::Failed(s)) if s.starts_with("The request timed out"))
    );
    assert_eq!(
        outcome("REQ2epayNoTid"),
        Some(Outcome::Skipped("epay: terminalId missing".into()))
    );
    assert_eq!(
        outcome("REQ5active"),
        Some(Outcome::Skipped("already active".into()))
    );
    assert_eq!(run.items.len(), 6, "exactly one outcome per request");
    let c = run.counts();
    assert_eq!(
        (
            c.activated,
            c.already,
            c.skipped,
            c.failed,
            c.in_flight,
            c.waiting
        ),
        (2, 1, 2, 1, 0, 0)
    );
    assert_eq!(
        app.request("REQ3epayReady").map(|r| r.status.clone()),
        Some(Status::Active)
    );
    assert!(!app.is_busy() || !app.toasts.is_empty());

    // R retries the failed one under a new run id.
    match update(&mut app, ch('R')).as_slice() {
        [
            Command::BulkActivate {
                run_id: retry, ids, ..
            },
        ] => {
            assert_ne!(*retry, run_id);
            assert_eq!(ids, &["REQ7verifone".to_string()]);
            // Answers for the old run no longer count.
            api(
                &mut app,
                ApiEvent::Activated {
                    id: "REQ7verifone".into(),
                    run_id: Some(run_id),
                    result: Err(ApiError::AlreadyActivated),
                },
            );
            assert_eq!(
                app.bulk().and_then(|r| r.outcome("REQ7verifone").cloned()),
                Some(Outcome::Queued)
            );
            activated(&mut app, *retry, "REQ7verifone", Ok(()));
            api(
                &mut app,
                ApiEvent::BulkFinished {
                    run_id: *retry,
                    cancelled: false,
                },
            );
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        app.bulk().and_then(|r| r.outcome("REQ7verifone").cloned()),
        Some(Outcome::Activated)
    );
    // Closing the results unmarks what is now active and keeps the rest.
    update(&mut app, key(KeyCode::Esc));
    assert!(matches!(app.mode, Mode::List));
    assert!(app.bulk().is_none());
    assert!(!app.is_marked("REQ1verifone"));
    assert!(app.is_marked("REQ2epayNoTid"));
}

#[test]
fn results_close_with_enter_or_q() {
    for close in [key(KeyCode::Enter), ch('q')] {
        let mut app = loaded();
        let (run_id, _) = start_run(&mut app, &["REQ1verifone"]);
        activated(&mut app, run_id, "REQ1verifone", Ok(()));
        api(
            &mut app,
            ApiEvent::BulkFinished {
                run_id,
                cancelled: false,
            },
        );
        update(&mut app, close);
        assert!(matches!(app.mode, Mode::List));
        assert!(!app.should_quit());
    }
}

#[test]
fn esc_cancels_a_running_bulk_and_the_unstarted_are_skipped() {
    let mut app = loaded();
    let (run_id, _) = start_run(&mut app, &["REQ1verifone", "REQ7verifone", "REQ8smartpay"]);
    api(
        &mut app,
        ApiEvent::BulkStarted {
            run_id,
            id: "REQ1verifone".into(),
        },
    );
    assert_eq!(
        update(&mut app, key(KeyCode::Esc)),
        vec![Command::CancelBulk { run_id }]
    );
    // A second Esc does not send it again.
    assert!(update(&mut app, key(KeyCode::Esc)).is_empty());
    // The one in flight finishes.
    activated(&mut app, run_id, "REQ1verifone", Ok(()));
    api(
        &mut app,
        ApiEvent::BulkFinished {
            run_id,
            cancelled: true,
        },
    );
    let run = app.bulk().cloned().unwrap_or_else(|| panic!("a run"));
    assert_eq!(run.phase, Phase::Finished { cancelled: true });
    assert_eq!(run.outcome("REQ1verifone"), Some(&Outcome::Activated));
    assert_eq!(
        run.outcome("REQ7verifone"),
        Some(&Outcome::Skipped("cancelled before it started".into()))
    );
}

#[test]
fn e_enters_missing_terminal_ids_one_by_one_then_runs() {
    let mut app = loaded();
    let mut second = req(
        "REQ9epayNoTid",
        IntegrationType::Epay,
        Status::Pending,
        "5e37b1bf1404cd3aec32db3b",
        None,
        TimeDelta::days(1),
    );
    second.account_id = "acc".into();
    api(
        &mut app,
        ApiEvent::Page {
            load_id: 1,
            items: vec![],
            done: true,
        },
    );
    app.append(vec![second]);
    mark(
        &mut app,
        &["REQ1verifone", "REQ2epayNoTid", "REQ9epayNoTid"],
    );
    update(&mut app, ch('A'));
    assert!(update(&mut app, ch('e')).is_empty());
    match &app.mode {
        Mode::Form(f) => {
            assert_eq!(f.id, "REQ2epayNoTid");
            assert!(matches!(&f.then, FormThen::Bulk(e) if e.step == (1, 2)));
        }
        other => panic!("{other:?}"),
    }
    typed(&mut app, "11000021");
    assert!(update(&mut app, key(KeyCode::Enter)).is_empty());
    match &app.mode {
        Mode::Form(f) => assert_eq!(f.id, "REQ9epayNoTid"),
        other => panic!("{other:?}"),
    }
    typed(&mut app, "11000022");
    let cmds = update(&mut app, key(KeyCode::Enter));
    assert_eq!(
        cmds,
        vec![
            Command::Update {
                id: "REQ2epayNoTid".into(),
                terminal_id: "11000021".into(),
                expected: None
            },
            Command::Update {
                id: "REQ9epayNoTid".into(),
                terminal_id: "11000022".into(),
                expected: None
            },
        ]
    );
    assert!(matches!(app.mode, Mode::Bulk));
    assert_eq!(app.bulk().map(|r| r.phase), Some(Phase::Saving));
    let mut saved = app
        .request("REQ2epayNoTid")
        .cloned()
        .unwrap_or_else(|| panic!("row"));
    saved.terminal_id = Some("11000021".into());
    assert!(
        api(
            &mut app,
            ApiEvent::Updated {
                id: saved.id.clone(),
                result: Ok(saved)
            }
        )
        .is_empty()
    );
    let cmds = api(
        &mut app,
        ApiEvent::Updated {
            id: "REQ9epayNoTid".into(),
            result: Err(ApiError::BadRequest {
                message: "no".into(),
            }),
        },
    );
    match cmds.as_slice() {
        [Command::BulkActivate { ids, .. }] => assert_eq!(
            ids,
            &["REQ1verifone".to_string(), "REQ2epayNoTid".to_string()]
        ),
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        app.bulk().and_then(|r| r.outcome("REQ9epayNoTid").cloned()),
        Some(Outcome::Failed(s)) if s.starts_with("could not save the terminalId.")
    ));
}

#[test]
fn esc_on_a_bulk_form_skips_that_request() {
    let mut app = loaded();
    mark(&mut app, &["REQ1verifone", "REQ2epayNoTid"]);
    update(&mut app, ch('A'));
    update(&mut app, ch('e'));
    let cmds = update(&mut app, key(KeyCode::Esc));
    match cmds.as_slice() {
        [Command::BulkActivate { ids, .. }] => assert_eq!(ids, &["REQ1verifone".to_string()]),
        other => panic!("{other:?}"),
    }
    assert_eq!(
        app.bulk().and_then(|r| r.outcome("REQ2epayNoTid").cloned()),
        Some(Outcome::Skipped("epay: terminalId missing".into()))
    );
}

#[test]
fn a_bulk_with_nothing_runnable_goes_straight_to_results() {
    let mut app = loaded();
    mark(&mut app, &["REQ5active", "REQ6rejected"]);
    update(&mut app, ch('A'));
    assert!(update(&mut app, ch('y')).is_empty());
    assert_eq!(
        app.bulk().map(|r| r.phase),
        Some(Phase::Finished { cancelled: false })
    );
}

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
    assert!(app.quit_confirm);
    update(&mut app, ch('n'));
    assert!(!app.quit_confirm && !app.should_quit());
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

#[test]
fn help_opens_scrolls_and_closes() {
    let mut app = loaded();
    update(&mut app, ch('?'));
    assert!(matches!(app.mode, Mode::Help { scroll: 0 }));
    update(&mut app, ch('j'));
    update(&mut app, ch('j'));
    update(&mut app, ch('k'));
    assert!(matches!(app.mode, Mode::Help { scroll: 1 }));
    update(&mut app, ch('q'));
    assert!(matches!(app.mode, Mode::List));
    assert!(!app.should_quit());
    update(&mut app, ch('?'));
    update(&mut app, key(KeyCode::Esc));
    assert!(matches!(app.mode, Mode::List));
}

#[test]
fn help_lists_every_list_key() {
    let lines = crate::keymap::help(&crate::keymap::KeyMap::default());
    let keys: Vec<&str> = lines
        .iter()
        .filter_map(|l| match l {
            crate::keymap::HelpLine::Row { label, .. } => Some(label.as_str()),
            crate::keymap::HelpLine::Section(_) => None,
        })
        .collect();
    for k in [
        "/",
        "p",
        "s / S",
        "r",
        "a / Enter",
        "t",
        "Space",
        "*",
        "u",
        "A",
        "?",
        "q",
        "ctrl-c",
        "R",
        "e",
    ] {
        assert!(keys.contains(&k), "{k} missing from help");
    }
}

#[test]
fn toasts_expire_with_ticks() {
    let mut app = loaded();
    app.info("hello");
    assert!(app.is_busy());
    update(&mut app, Action::Tick(now() + TimeDelta::seconds(1)));
    assert!(app.current_toast().is_some());
    update(&mut app, Action::Tick(now() + TimeDelta::seconds(30)));
    assert!(app.current_toast().is_none());
    assert!(!app.is_busy());
}

#[test]
fn auto_refresh_on_tick_only_when_idle() {
    let mut cfg = config();
    cfg.auto_refresh = Some(std::time::Duration::from_secs(60));
    let mut app = App::new(cfg, now());
    app.init();
    api(&mut app, page(1, requests(), true));
    assert!(update(&mut app, Action::Tick(now() + TimeDelta::seconds(30))).is_empty());
    let cmds = update(&mut app, Action::Tick(now() + TimeDelta::seconds(61)));
    assert_eq!(load_id(&cmds), 2);
    // Not again while that load runs.
    assert!(update(&mut app, Action::Tick(now() + TimeDelta::seconds(62))).is_empty());
    api(&mut app, page(2, requests(), true));
    // Not while a bulk run is in progress.
    start_run(&mut app, &["REQ1verifone"]);
    assert!(update(&mut app, Action::Tick(now() + TimeDelta::seconds(500))).is_empty());
    // Without auto_refresh, never.
    let mut app = loaded();
    assert!(update(&mut app, Action::Tick(now() + TimeDelta::days(1))).is_empty());
}

#[test]
fn mouse_click_selects_and_wheel_scrolls() {
    let mut app = loaded();
    app.set_table_area(Some(Rect::new(1, 3, 60, 5)));
    app.scroll_window(5);
    let mouse = |kind, column, row| {
        Action::Mouse(MouseEvent {
            kind,
            column,
            row,
            modifiers: KeyModifiers::NONE,
        })
    };
    update(
        &mut app,
        mouse(MouseEventKind::Down(MouseButton::Left), 10, 5),
    );
    assert_eq!(app.cursor(), 2);
    // Outside the table: nothing.
    update(
        &mut app,
        mouse(MouseEventKind::Down(MouseButton::Left), 10, 1),
    );
    assert_eq!(app.cursor(), 2);
    update(&mut app, mouse(MouseEventKind::ScrollDown, 10, 5));
    assert_eq!(app.cursor(), 5);
    update(&mut app, mouse(MouseEventKind::ScrollUp, 10, 5));
    assert_eq!(app.cursor(), 2);
    // With the window scrolled, a click maps through the offset.
    update(&mut app, ch('G'));
    app.scroll_window(5);
    update(
        &mut app,
        mouse(MouseEventKind::Down(MouseButton::Left), 10, 3),
    );
    assert_eq!(app.cursor(), 3);
}

#[test]
fn resize_changes_nothing() {
    let mut app = loaded();
    assert!(update(&mut app, Action::Resize(10, 10)).is_empty());
    assert_eq!(app.visible_len(), 8);
}

#[test]
fn scroll_window_keeps_the_cursor_visible() {
    let mut app = loaded();
    assert_eq!(app.scroll_window(3), 0..3);
    update(&mut app, ch('G'));
    assert_eq!(app.scroll_window(3), 5..8);
    update(&mut app, ch('g'));
    assert_eq!(app.scroll_window(3), 0..3);
    assert_eq!(app.scroll_window(100), 0..8);
}

#[test]
fn duplicate_ids_across_pages_are_stored_once() {
    let mut app = App::new(config(), now());
    app.init();
    api(&mut app, page(1, requests(), false));
    api(&mut app, page(1, requests()[..2].to_vec(), true));
    assert_eq!(app.total_len(), 8);
    assert_eq!(app.visible_len(), 8);
}

#[test]
fn many_rows_filter_and_narrow() {
    let mut app = App::new(config(), now());
    app.init();
    let base = requests();
    let items: Vec<_> = (0..5000)
        .map(|i| {
            let mut r = base[i % base.len()].clone();
            r.id = format!("ID{i:05}");
            r
        })
        .collect();
    api(&mut app, page(1, items, true));
    assert_eq!(app.visible_len(), 5000);
    app.set_filter_text("id:ID01");
    assert_eq!(app.visible_len(), 1000);
    app.set_filter_text("id:ID010");
    assert_eq!(app.visible_len(), 100);
    app.set_filter_text("id:ID01");
    assert_eq!(app.visible_len(), 1000);
    app.set_filter_text("id:id01 type:verifone");
    assert_eq!(app.visible_len(), 375);
}

#[test]
fn modifiers_do_not_turn_into_commands() {
    let mut app = loaded();
    let alt_q = Action::Key(crossterm::event::KeyEvent::new(
        KeyCode::Char('q'),
        KeyModifiers::ALT,
    ));
    update(&mut app, alt_q);
    assert!(!app.should_quit());
}

fn remapped(bindings: &[(&str, &[&str])]) -> App {
    let bindings: Vec<crate::keymap::Binding> = bindings
        .iter()
        .enumerate()
        .map(|(i, (action, keys))| crate::keymap::Binding {
            action: action.to_string(),
            keys: keys.iter().map(|k| k.to_string()).collect(),
            line: i + 1,
        })
        .collect();
    let mut cfg = config();
    cfg.prefs.keys = crate::keymap::KeyMap::from_bindings(&bindings).expect("valid bindings");
    let mut app = App::new(cfg, now());
    let id = load_id(&app.init());
    api(&mut app, page(id, requests(), true));
    app
}

#[test]
fn remapped_keys_drive_update_and_the_old_keys_stop() {
    let mut app = remapped(&[("activate", &["x"]), ("down", &["n"]), ("filter", &["f"])]);
    let first = cursor_id(&app);
    // The old keys do nothing.
    update(&mut app, ch('j'));
    assert_eq!(cursor_id(&app), first);
    update(&mut app, ch('a'));
    assert!(matches!(app.mode, Mode::List));
    // The new ones do what the old ones did.
    update(&mut app, ch('n'));
    assert_ne!(cursor_id(&app), first);
    update(&mut app, ch('f'));
    assert!(matches!(app.mode, Mode::Filter));
    // Inside the filter, keys are text, not bindings.
    typed(&mut app, "nx");
    assert_eq!(app.filter_text, "nx");
    update(&mut app, key(KeyCode::Esc));
    update(&mut app, key(KeyCode::Esc));
    let target = visible_ids(&app)
        .into_iter()
        .find(|id| {
            app.request(id)
                .is_some_and(|r| r.is_pending() && !r.needs_terminal_id())
        })
        .expect("an activatable request");
    move_to_remapped(&mut app, &target);
    update(&mut app, ch('x'));
    assert!(matches!(app.mode, Mode::Confirm { .. }), "x activates");
    // Arrow keys keep working: only `down` was remapped, to n alone.
    update(&mut app, key(KeyCode::Esc));
    use crate::keymap::{Intent, Scope};
    assert_eq!(
        app.config
            .prefs
            .keys
            .label(Scope::List, &[Intent::Activate], "a / Enter", false),
        "x"
    );
    assert_eq!(
        app.keys_label(Scope::List, &[Intent::Down, Intent::Up], "j/k"),
        "n/k"
    );
}

fn move_to_remapped(app: &mut App, id: &str) {
    update(app, ch('g'));
    for _ in 0..app.visible_len() {
        if cursor_id(app) == id {
            return;
        }
        update(app, ch('n'));
    }
    panic!("{id} is not visible");
}

#[test]
fn deleting_filter_characters_gives_what_a_full_recompute_gives() {
    let fresh = |text: &str| {
        let mut app = loaded();
        app.set_filter_text(text);
        visible_ids(&app)
    };
    let mut app = loaded();
    let words = [
        "t",
        "ty",
        "type:",
        "type:e",
        "type:ep",
        "type:epay",
        "type:epay 1",
    ];
    for w in words {
        app.set_filter_text(w);
        assert_eq!(visible_ids(&app), fresh(w), "typing {w:?}");
    }
    for w in words.iter().rev().skip(1).chain(std::iter::once(&"")) {
        app.set_filter_text(w);
        assert_eq!(visible_ids(&app), fresh(w), "deleting back to {w:?}");
    }
    // A row that changes while a filter is typed is matched afresh on the
    // way back, not from what was remembered before the change.
    app.set_filter_text("terminal:");
    app.set_filter_text("terminal:7");
    let id = visible_ids(&loaded())[0].clone();
    let mut changed = app.request(&id).expect("known").clone();
    changed.terminal_id = Some("77777777".into());
    changed.terminal = None;
    app.patch(changed);
    app.set_filter_text("terminal:77777777");
    assert_eq!(visible_ids(&app), vec![id.clone()]);
    app.set_filter_text("terminal:7");
    assert!(visible_ids(&app).contains(&id));
}
