//! update() for loading: the first load, pages, reloads, load errors and ticks.

use chrono::TimeDelta;
use crossterm::event::KeyCode;

use crate::api::{ApiError, SearchQuery};
use crate::app::*;
use crate::testkit::*;

#[test]
fn init_loads_pending_only_for_the_configured_account() {
    let mut cfg = config();
    cfg.account_id = Some("Jaim1Cu1Q55uooxSens6yk".into());
    let mut app = App::new(cfg, now());
    assert_eq!(
        app.init(),
        vec![Command::Api(WorkerCall::Load {
            load_id: 1,
            query: SearchQuery {
                account_id: Some("Jaim1Cu1Q55uooxSens6yk".into()),
                kind: None,
                pending: true,
            },
        })]
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
    assert!(app.list.load_error.is_none());
}

#[test]
fn p_toggles_pending_only_and_reloads_with_the_flag() {
    let mut app = loaded();
    let cmds = update(&mut app, ch('p'));
    match cmds.as_slice() {
        [Command::Api(WorkerCall::Load { load_id: 2, query })] => assert!(!query.pending),
        other => panic!("{other:?}"),
    }
    assert!(!app.list.pending_only);
    // The new set replaces the old on its first page.
    api(&mut app, page(2, requests()[..2].to_vec(), false));
    assert_eq!(app.total_len(), 2);
    let cmds = update(&mut app, ch('p'));
    match cmds.as_slice() {
        [Command::Api(WorkerCall::Load { load_id: 3, query })] => assert!(query.pending),
        other => panic!("{other:?}"),
    }
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
    let e = app.list.load_error.clone().unwrap_or_default();
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
    assert!(app.list.load_error.is_none());
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
