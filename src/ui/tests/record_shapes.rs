//! What the console shows of a request that carries only the contract's
//! mandatory fields, or the later revision's terminal and product objects.

use chrono::TimeDelta;

use crate::api::model::{Product, Terminal};
use crate::api::{IntegrationRequest, IntegrationType, Status};
use crate::app::{Action, App, update};
use crate::testkit::*;

fn bare() -> IntegrationRequest {
    let mut r = req(
        "BareMandatoryOnly",
        IntegrationType::Unknown("linkly".into()),
        Status::Unknown("suspended".into()),
        "5ee0c486308f590260d9a07f",
        None,
        TimeDelta::days(3),
    );
    r.created_at = None;
    r.updated_at = None;
    r.created_by = None;
    r.updated_by = None;
    r
}

fn later() -> IntegrationRequest {
    let mut r = req(
        "LaterShapeOnly",
        IntegrationType::Epay,
        Status::Pending,
        "6411fd000000000000000000",
        None,
        TimeDelta::days(2),
    );
    r.terminal = Some(Terminal {
        terminal_id: Some("11000021".into()),
        device_id: Some("WF55-029271".into()),
    });
    r.product = Some(Product {
        name: Some("Cloud EFTPOS".into()),
    });
    r
}

fn app() -> App {
    let mut app = App::new(config(), now());
    let cmds = app.init();
    let id = load_id(&cmds);
    update(&mut app, Action::Api(page(id, vec![bare(), later()], true)));
    app
}

fn line_with<'a>(screen: &'a str, needle: &str) -> &'a str {
    screen
        .lines()
        .find(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("no line with {needle} in:\n{screen}"))
}

/// The list's part of a line (the detail pane is beside it at this size).
fn list_part(line: &str) -> &str {
    line.split("││").next().unwrap_or_default()
}

#[test]
fn missing_timestamps_show_as_a_dash_in_the_list_and_the_detail() {
    let mut app = app();
    // Pending only is the default; the bare row's status is unknown.
    update(&mut app, ch('p'));
    move_to(&mut app, "BareMandatoryOnly");
    let screen = render(&mut app, 160, 48);
    // The row's last cell is its age; without one the row sorts last.
    let row = list_part(line_with(&screen, "suspended linkly"));
    let cells: Vec<&str> = row
        .trim_matches(['"', '│', ' '])
        .split_whitespace()
        .collect();
    assert_eq!(cells.last(), Some(&"-"), "{row}");
    assert!(
        screen.find("suspended linkly") > screen.find("pending   epay"),
        "{screen}"
    );
    for label in ["created ", "updated ", "created by", "deviceId", "product"] {
        let line = line_with(&screen, label);
        let after = line.split(label).nth(1).unwrap_or_default();
        assert!(after.trim_start().starts_with('-'), "{label}: {line}");
    }
}

#[test]
fn the_later_objects_show_in_the_detail() {
    let mut app = app();
    move_to(&mut app, "LaterShapeOnly");
    let screen = render(&mut app, 160, 48);
    assert!(
        line_with(&screen, "deviceId").contains("WF55-029271"),
        "{screen}"
    );
    assert!(
        line_with(&screen, "product").contains("Cloud EFTPOS"),
        "{screen}"
    );
    let row = list_part(line_with(&screen, "pending   epay"));
    assert!(row.contains("11000021"), "{screen}");
}
