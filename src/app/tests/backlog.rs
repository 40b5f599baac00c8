//! The backlog at a glance: counts by type, readiness and age of the shown
//! requests, and the SLA count, worked out when the shown list changes.

use chrono::TimeDelta;

use crate::api::{IntegrationType, Status};
use crate::app::*;
use crate::testkit::*;

fn with_sla(days: u32) -> App {
    loaded_with(AppConfig {
        sla_days: days,
        ..config()
    })
}

fn summary(app: &App) -> BacklogSummary {
    app.backlog.summary().clone()
}

fn counts(items: &[(&str, usize)]) -> Vec<(String, usize)> {
    items.iter().map(|(s, n)| (s.to_string(), *n)).collect()
}

#[test]
fn b_opens_a_summary_of_the_shown_requests() {
    let mut app = with_sla(7);
    assert!(!app.backlog.open);
    update(&mut app, ch('b'));
    assert!(app.backlog.open);
    assert_eq!(app.visible_len(), 8);
    let s = summary(&app);
    assert_eq!(s.shown, 8);
    assert_eq!(
        s.by_type,
        counts(&[
            ("verifone", 3),
            ("epay", 2),
            ("windcave", 2),
            ("smartpay", 1)
        ])
    );
    // The detail pane's words, as it shows them.
    assert_eq!(
        s.by_readiness,
        counts(&[
            ("ready to activate", 5),
            ("already active", 1),
            ("epay: terminalId missing", 1),
            ("not pending", 1),
        ])
    );
    // REQ6 (5 h), REQ7 (42 min), REQ8 (30 s); REQ3 (25d), REQ4 (20d), REQ5
    // (10d); REQ1 (40d), REQ2 (30d).
    assert_eq!(s.ages, [3, 0, 0, 3, 2]);
    assert_eq!(s.unknown_age, 0);
    // REQ1 to REQ4; REQ5 (active, 10d) is off the backlog.
    assert_eq!(s.over_sla, 4);
    update(&mut app, ch('b'));
    assert!(!app.backlog.open, "b again closes it");
}

#[test]
fn the_summary_follows_the_filter() {
    let mut app = with_sla(7);
    update(&mut app, ch('b'));
    update(&mut app, ch('/'));
    for c in "type:epay".chars() {
        update(&mut app, ch(c));
    }
    let s = summary(&app);
    assert_eq!(s.shown, 2);
    assert_eq!(s.by_type, counts(&[("epay", 2)]));
    assert_eq!(s.ages, [0, 0, 0, 1, 1]);
    assert_eq!(s.over_sla, 2);
    // Deleting back restores the earlier rows from the filter's history;
    // the summary follows them too.
    for _ in 0.."type:epay".len() {
        update(&mut app, key(crossterm::event::KeyCode::Backspace));
    }
    assert_eq!(summary(&app).shown, 8);
    assert_eq!(summary(&app).over_sla, 4);
}

#[test]
fn requests_without_created_at_are_of_unknown_age() {
    let mut app = with_sla(7);
    let mut fresh = req(
        "REQ9noDate",
        IntegrationType::Vista,
        Status::Pending,
        "5ee0c486308f590260d9a07f",
        None,
        TimeDelta::days(2),
    );
    let dated = req(
        "REQ10twoDays",
        IntegrationType::Vista,
        Status::Pending,
        "5ee0c486308f590260d9a07f",
        None,
        TimeDelta::days(2),
    );
    fresh.created_at = None;
    let cmds = update(&mut app, ch('r'));
    let id = load_id(&cmds);
    let mut items = requests();
    items.push(fresh);
    items.push(dated);
    api(&mut app, page(id, items, true));
    update(&mut app, ch('b'));
    let s = summary(&app);
    assert_eq!(s.shown, 10);
    assert_eq!(s.unknown_age, 1);
    assert_eq!(s.ages, [3, 1, 0, 3, 2]);
    assert_eq!(
        s.ages.iter().sum::<u64>(),
        9,
        "the unknown one is in no bucket"
    );
    assert_eq!(s.over_sla, 4, "no createdAt is never over SLA");
}

#[test]
fn the_sla_count_moves_with_the_clock_once_a_minute() {
    let mut app = with_sla(7);
    assert_eq!(
        summary(&app).over_sla,
        4,
        "counted for the title, panel closed"
    );
    let computed = app.backlog.at;
    // Ticks within the minute read the summary; they do not work it out.
    update(&mut app, Action::Tick(now() + TimeDelta::seconds(30)));
    assert_eq!(app.backlog.at, computed);
    // Eight days on, REQ7 and REQ8 are over a 7-day SLA too (REQ6 is
    // rejected).
    update(&mut app, Action::Tick(now() + TimeDelta::days(8)));
    assert_eq!(summary(&app).over_sla, 6);
    assert_ne!(app.backlog.at, computed);
}

#[test]
fn sla_days_0_turns_it_off() {
    let mut app = with_sla(0);
    assert_eq!(summary(&app).over_sla, 0);
    assert_eq!(
        app.backlog.at, None,
        "nothing is worked out while nothing needs it"
    );
    update(&mut app, ch('b'));
    let s = summary(&app);
    assert_eq!(s.shown, 8);
    assert_eq!(s.over_sla, 0);
    let r = app.visible_request(0).cloned().expect("a row");
    assert!(!app.backlog.is_over_sla(&r, 0));
}

#[test]
fn age_buckets_have_their_edges() {
    let cases = [
        (TimeDelta::minutes(-5), 0),
        (TimeDelta::hours(23), 0),
        (TimeDelta::days(1), 1),
        (TimeDelta::days(3) - TimeDelta::seconds(1), 1),
        (TimeDelta::days(3), 2),
        (TimeDelta::days(7), 3),
        (TimeDelta::days(28) - TimeDelta::seconds(1), 3),
        (TimeDelta::days(28), 4),
        (TimeDelta::days(400), 4),
    ];
    for (age, bucket) in cases {
        assert_eq!(age_bucket(age), bucket, "{age}");
    }
}

#[test]
fn over_sla_is_strictly_older_and_pending_only() {
    let at = |age, status| req("R", IntegrationType::Verifone, status, "m", None, age);
    let week = TimeDelta::days(7);
    assert!(!over_sla(&at(week, Status::Pending), now(), 7));
    assert!(over_sla(
        &at(week + TimeDelta::minutes(1), Status::Pending),
        now(),
        7
    ));
    assert!(!over_sla(&at(week * 4, Status::Active), now(), 7));
    assert!(!over_sla(&at(week * 4, Status::Pending), now(), 0));
}
