//! Fixed data and a fixed clock for the app, view and worker tests, so ages
//! and snapshots never depend on when the tests run.

use crate::api::model::{Product, Terminal};
use crate::api::{IntegrationRequest, IntegrationType, Status};
use chrono::{DateTime, FixedOffset, TimeDelta, TimeZone, Utc};

use crate::app::{AppConfig, Safety};

pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2024, 6, 1, 12, 0, 0)
        .single()
        .unwrap_or_default()
}

/// A production profile whose bulk runs over `confirm_typed_over` ask for
/// their count to be typed.
pub fn production_safety(confirm_typed_over: usize) -> Safety {
    Safety {
        host: "service.centrapay.com".into(),
        production: true,
        confirm_typed_over,
        ..Safety::default()
    }
}

/// `config()` with the console preferences a config file's text gives
/// (its `[keys]`, `[[commands]]`, `[[views]]`), read as the console reads
/// them; a test's text that they refuse is a broken test.
pub fn config_from(text: &str) -> AppConfig {
    let file: crate::config::ConfigFile = toml::from_str(text).expect("valid toml");
    let prefs = crate::prefs::from_file(std::path::Path::new("/tmp/c.toml"), &file, text)
        .expect("valid preferences");
    AppConfig { prefs, ..config() }
}

pub fn config() -> AppConfig {
    AppConfig {
        profile: "default".into(),
        demo: false,
        account_id: None,
        concurrency: 4,
        auto_refresh: None,
        color: false,
        tz: FixedOffset::east_opt(12 * 3600).expect("a valid offset"),
        prefs: Default::default(),
        warnings: Vec::new(),
        safety: Default::default(),
        // Off, so the screens of other tests do not carry SLA markers;
        // the backlog tests turn it on.
        sla_days: 0,
        blame: Default::default(),
    }
}

pub fn req(
    id: &str,
    kind: IntegrationType,
    status: Status,
    merchant: &str,
    terminal: Option<&str>,
    age: TimeDelta,
) -> IntegrationRequest {
    IntegrationRequest {
        id: id.into(),
        account_id: "Jaim1Cu1Q55uooxSens6yk".into(),
        merchant_id: merchant.into(),
        kind,
        status,
        terminal_id: terminal.map(str::to_string),
        created_at: Some(now() - age),
        updated_at: Some(now() - age + TimeDelta::minutes(5)),
        created_by: Some("crn:Jaim1Cu1Q55uooxSens6yk:api-key:ops".into()),
        updated_by: Some("crn:Jaim1Cu1Q55uooxSens6yk:api-key:ops".into()),
        terminal: None,
        product: None,
        as_sent: Default::default(),
    }
}

/// Eight requests, oldest first (the default sort): ids say what they are.
pub fn requests() -> Vec<IntegrationRequest> {
    use IntegrationType::*;
    use Status::*;
    let mut windcave = req(
        "REQ4windcaveT9",
        Windcave,
        Pending,
        "5f9b343b1007e910f9a8eab8",
        // As decoded: the terminal object's terminalId fills the top level.
        Some("T-9"),
        TimeDelta::days(20),
    );
    windcave.terminal = Some(Terminal {
        terminal_id: Some("T-9".into()),
        device_id: Some("DEV-42".into()),
    });
    windcave.product = Some(Product {
        name: Some("Windcave Smart".into()),
    });
    vec![
        req(
            "REQ1verifone",
            Verifone,
            Pending,
            "5ee0c486308f590260d9a07f",
            None,
            TimeDelta::days(40),
        ),
        req(
            "REQ2epayNoTid",
            Epay,
            Pending,
            "6455f32b15743f591f4ee209",
            None,
            TimeDelta::days(30),
        ),
        req(
            "REQ3epayReady",
            Epay,
            Pending,
            "62e0ca487e40434aa184db17",
            Some("11000021"),
            TimeDelta::days(25),
        ),
        windcave,
        req(
            "REQ5active",
            Verifone,
            Active,
            "60a848820346ce068b21ea85",
            None,
            TimeDelta::days(10),
        ),
        req(
            "REQ6rejected",
            Windcave,
            Rejected,
            "612dadae653317980d0b7738",
            Some("W1"),
            TimeDelta::hours(5),
        ),
        req(
            "REQ7verifone",
            Verifone,
            Pending,
            "655ce6036e47236456e91ecc",
            None,
            TimeDelta::minutes(42),
        ),
        req(
            "REQ8smartpay",
            Smartpay,
            Pending,
            "6324b3e7046f02a4ad6064cf",
            Some("SP-1"),
            TimeDelta::seconds(30),
        ),
    ]
}

/// The rows of `requests()` ready to activate, in list order.
pub const READY: [&str; 4] = [
    "REQ1verifone",
    "REQ3epayReady",
    "REQ7verifone",
    "REQ8smartpay",
];

/// [`READY`] with one row that needs a terminalId and one already active:
/// a marking the bulk dialog has to sort out.
pub const MIXED: [&str; 6] = [
    "REQ1verifone",
    "REQ2epayNoTid",
    "REQ3epayReady",
    "REQ5active",
    "REQ7verifone",
    "REQ8smartpay",
];

/// Names for the merchants of `requests()`; `60a8…` (REQ5active's) is one
/// the key cannot see, and Cafe Aroha is a test merchant.
pub fn merchants() -> Vec<(&'static str, Option<crate::api::Merchant>)> {
    let m = |id: &str, name: &str, test: bool| crate::api::Merchant {
        id: id.into(),
        account_id: Some("Jaim1Cu1Q55uooxSens6yk".into()),
        name: name.into(),
        country: Some("NZ".into()),
        test,
    };
    vec![
        (
            "5ee0c486308f590260d9a07f",
            Some(m("5ee0c486308f590260d9a07f", "Kowhai Coffee House", false)),
        ),
        (
            "6455f32b15743f591f4ee209",
            Some(m("6455f32b15743f591f4ee209", "Cafe Aroha", true)),
        ),
        (
            "62e0ca487e40434aa184db17",
            Some(m("62e0ca487e40434aa184db17", "Tui Books", false)),
        ),
        (
            "5f9b343b1007e910f9a8eab8",
            Some(m(
                "5f9b343b1007e910f9a8eab8",
                "Harbourside Cafe & Bar",
                false,
            )),
        ),
        ("60a848820346ce068b21ea85", None),
        (
            "612dadae653317980d0b7738",
            Some(m("612dadae653317980d0b7738", "Pohutukawa Pharmacy", false)),
        ),
        (
            "655ce6036e47236456e91ecc",
            Some(m("655ce6036e47236456e91ecc", "Rimu Hardware", true)),
        ),
        (
            "6324b3e7046f02a4ad6064cf",
            Some(m("6324b3e7046f02a4ad6064cf", "Kauri Motors", false)),
        ),
    ]
}

/// An import file for `requests()`: sets REQ2's and REQ1's terminalIds,
/// repeats REQ3's, conflicts with REQ6's, names an unknown request, repeats
/// line 2 and leaves REQ7's terminalId empty.
pub const IMPORT_CSV: &str = "id,terminalId
REQ2epayNoTid,11000099
REQ3epayReady,11000021
REQ6rejected,W2
REQnope,123
REQ2epayNoTid,11000099
REQ7verifone,
REQ1verifone,V-77
";

/// The plan the worker would answer for `IMPORT_CSV` against `current`.
pub fn import_plan(csv: &str, current: &[IntegrationRequest]) -> crate::import::ImportPlan {
    let rows = crate::import::read_rows("terminals.csv", csv.as_bytes()).expect("a readable CSV");
    crate::import::plan(&rows, current)
}
