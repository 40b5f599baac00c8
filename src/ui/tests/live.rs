//! The live queue on screen: the `+` and `±` markers (readable without
//! colour), the title's count and last refresh, and the detail pane's
//! change line.

use std::time::Duration;

use chrono::TimeDelta;

use super::*;
use crate::api::{IntegrationType, Status};
use crate::app::AppConfig;

const OTHER: &str = "crn:Jaim1Cu1Q55uooxSens6yk:user:kim";

/// A live console after a refresh that brought one new request and
/// someone else's terminalId on REQ2epayNoTid, the cursor on the latter.
fn refreshed() -> App {
    let mut app = loaded_with(AppConfig {
        auto_refresh: Some(Duration::from_secs(60)),
        ..config()
    });
    let mut all = requests();
    if let Some(r) = all.iter_mut().find(|r| r.id == "REQ2epayNoTid") {
        r.terminal_id = Some("11000123".into());
        r.updated_by = Some(OTHER.into());
        r.updated_at = Some(now() - TimeDelta::minutes(2));
    }
    all.push(req(
        "REQ9new",
        IntegrationType::Epay,
        Status::Pending,
        "5f9b343b1007e910f9a8eab8",
        None,
        TimeDelta::minutes(3),
    ));
    let id = load_id(&update(&mut app, ch('r')));
    update(&mut app, Action::Api(page(id, all, true)));
    move_to(&mut app, "REQ2epayNoTid");
    app
}

#[test]
fn new_and_changed_rows_carry_markers_and_the_detail_says_who_and_what() {
    let mut app = refreshed();
    let screen = render(&mut app, 120, 30);
    insta::assert_snapshot!("live_120x30", screen);
    assert!(screen.contains("1 new · ↻ 00:00"), "{screen}");
    assert!(
        screen.contains("changed     terminalId - → 11000123")
            && screen.contains(&format!("changed by  {OTHER}, 2m ago")),
        "{screen}"
    );
    // The marker column says it without colour: `+` new, `±` changed.
    assert!(screen.contains("│  + pending  epay"), "{screen}");
    assert!(screen.contains("│> ± pending  epay"), "{screen}");
}

#[test]
fn a_new_row_under_the_cursor_says_so_in_the_detail() {
    let mut app = refreshed();
    move_to(&mut app, "REQ9new");
    let screen = render(&mut app, 120, 30);
    assert!(
        screen.contains("new         since the last look"),
        "{screen}"
    );
}

#[test]
fn the_title_says_live_with_the_last_refresh_and_nothing_when_off() {
    let mut app = loaded_with(AppConfig {
        auto_refresh: Some(Duration::from_secs(60)),
        ..config()
    });
    let screen = render(&mut app, 120, 30);
    assert!(screen.contains("live ↻ 00:00"), "{screen}");
    let mut off = loaded();
    let screen = render(&mut off, 120, 30);
    assert!(!screen.contains('↻'), "{screen}");
}
