//! update() when a load or refresh was read before this console's own save
//! landed: the save's answer stays unless the server's page is newer.

use chrono::TimeDelta;
use crossterm::event::KeyCode;

use super::live::{OTHER, live};
use crate::api::IntegrationRequest;
use crate::app::*;
use crate::testkit::*;

/// A refresh started before a save lands: its pages were read before the
/// write, so they must not put the old copy back.
#[test]
fn a_refresh_read_before_a_save_keeps_the_saved_value() {
    let mut app = live();
    let load = load_id(&update(&mut app, ch('r')));
    edit_terminal_id(&mut app, "REQ2epayNoTid", "11000055");
    update(&mut app, key(KeyCode::Enter));
    let mut saved = with_terminal(&app, "REQ2epayNoTid", Some("11000055"));
    saved.updated_at = Some(now());
    updated(&mut app, saved);
    // The page as the server held it before the save.
    api(&mut app, page(load, requests(), true));
    let row = app.request("REQ2epayNoTid").expect("still listed");
    assert_eq!(row.terminal_id.as_deref(), Some("11000055"));
    assert!(app.change_of("REQ2epayNoTid").is_none());
}

/// The same, on a load that shows pages as they come (after `p`).
#[test]
fn a_load_read_before_a_save_keeps_the_saved_value() {
    let mut app = live();
    let load = load_id(&update(&mut app, ch('p')));
    let mut saved = with_terminal(&app, "REQ2epayNoTid", Some("11000055"));
    saved.updated_at = Some(now());
    updated(&mut app, saved);
    api(&mut app, page(load, requests(), true));
    let row = app.request("REQ2epayNoTid").expect("listed");
    assert_eq!(row.terminal_id.as_deref(), Some("11000055"));
}

/// Someone else wrote after this console did: the page is newer and wins.
#[test]
fn a_page_newer_than_the_save_wins() {
    let mut app = live();
    let load = load_id(&update(&mut app, ch('r')));
    our_save_a_minute_ago(&mut app);
    api(&mut app, page(load, theirs_now(), true));
    let row = app.request("REQ2epayNoTid").expect("listed");
    assert_eq!(row.terminal_id.as_deref(), Some("T-9"));
}

/// A page already staged holds someone else's later change when this
/// console's older answer arrives: the staged copy stays.
#[test]
fn a_staged_page_newer_than_the_save_wins() {
    let mut app = live();
    let load = load_id(&update(&mut app, ch('r')));
    let (theirs, rest): (Vec<_>, Vec<_>) = theirs_now()
        .into_iter()
        .partition(|r| r.id == "REQ2epayNoTid");
    api(&mut app, page(load, theirs, false));
    our_save_a_minute_ago(&mut app);
    api(&mut app, page(load, rest, true));
    let row = app.request("REQ2epayNoTid").expect("listed");
    assert_eq!(row.terminal_id.as_deref(), Some("T-9"));
}

/// The fixture with someone else's terminalId on REQ2epayNoTid, written now.
fn theirs_now() -> Vec<IntegrationRequest> {
    requests()
        .into_iter()
        .map(|mut r| {
            if r.id == "REQ2epayNoTid" {
                r.terminal_id = Some("T-9".into());
                r.updated_by = Some(OTHER.into());
                r.updated_at = Some(now());
            }
            r
        })
        .collect()
}

/// This console's save of REQ2epayNoTid, answered a minute ago.
fn our_save_a_minute_ago(app: &mut App) {
    let mut saved = with_terminal(app, "REQ2epayNoTid", Some("11000055"));
    saved.updated_at = Some(now() - TimeDelta::minutes(1));
    updated(app, saved);
}
