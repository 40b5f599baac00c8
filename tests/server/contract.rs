//! The contract, as one table: requests and the answers the reference
//! (integration-requests.md) and its conventions (conventions.md) promise,
//! run in order against the in-process simulator of each revision.
//!
//! Rows are written from those documents, not from the simulator: statuses,
//! `message` codes and field names come from the reference; the only facts
//! taken from the simulator are its shipped merchants (an account that owns
//! two merchants, and another account's merchant) and its page size, set to 2
//! so paging shows. A row that differs by revision says so with `by(..)`:
//! an operation a revision lacks answers 404 like any unknown route.

use std::collections::HashMap;

use intake::sim::{Revision, SimConfig, SimHandle, start_local};
use reqwest::{Method, StatusCode};
use serde_json::Value;

const ACCOUNT: &str = "Jaim1Cu1Q55uooxSens6yk";
/// Two merchants of ACCOUNT.
const MERCHANT: &str = "5ee0c486308f590260d9a07f";
const MERCHANT_2: &str = "5e37b1bf1404cd3aec32db3b";
/// The account of another merchant, 64895bc4f7572dd88f18de53.
const FOREIGN_ACCOUNT: &str = "SbXOIkDj8Q6xzR8t8JDvTN";

/// The expected status in the reference, the later revision and `both`.
#[derive(Clone, Copy)]
struct Expect([u16; 3]);

const fn all(status: u16) -> Expect {
    Expect([status; 3])
}

const fn by(reference: u16, later: u16, both: u16) -> Expect {
    Expect([reference, later, both])
}

impl Expect {
    fn for_revision(self, r: Revision) -> u16 {
        match r {
            Revision::Reference => self.0[0],
            Revision::Later => self.0[1],
            Revision::Both => self.0[2],
        }
    }

    /// A 404 where another revision answers otherwise is a missing route:
    /// the row's checks are about the operation, not the 404.
    fn missing_route(self, r: Revision) -> bool {
        self.for_revision(r) == 404 && self.0.iter().any(|&s| s != 404)
    }
}

enum Check {
    /// The error body's `message` is exactly this (a documented code).
    Message(&'static str),
    /// The error body's `message` is a sentence naming these words.
    Mentions(&'static [&'static str]),
    /// A top-level field equals this text (after `{var}` substitution).
    Is(&'static str, &'static str),
    Starts(&'static str, &'static str),
    Present(&'static str),
    Absent(&'static str),
    /// The length of an array field.
    Len(&'static str, usize),
    /// Every item of `items` has this field with this value.
    Every(&'static str, &'static str),
}

use Check::*;

struct Row {
    what: &'static str,
    method: Method,
    path: &'static str,
    query: &'static [(&'static str, &'static str)],
    body: Option<&'static str>,
    key: bool,
    expect: Expect,
    checks: &'static [Check],
    /// `(var, field)`: remember a field of a successful answer.
    save: &'static [(&'static str, &'static str)],
}

const R: Row = Row {
    what: "",
    method: Method::GET,
    path: "/api/integration-requests",
    query: &[],
    body: None,
    key: true,
    expect: all(200),
    checks: &[],
    save: &[],
};

const IR: &str = "/api/integration-requests";

/// Every row, in the order they run: a row may use what an earlier one saved.
fn table() -> Vec<Row> {
    [
        auth_and_create_rows(),
        refused_create_rows(),
        search_rows(),
        update_rows(),
        activate_rows(),
        by_id_merchant_and_route_rows(),
    ]
    .into_iter()
    .flatten()
    .collect()
}

fn auth_and_create_rows() -> Vec<Row> {
    vec![
        // Authentication (conventions: X-Api-Key; 401 when missing).
        Row {
            what: "no key",
            key: false,
            expect: all(401),
            checks: &[Message("Missing authentication")],
            ..R
        },
        // Create.
        Row {
            what: "create epay",
            method: Method::POST,
            path: IR,
            body: Some(
                r#"{"accountId":"Jaim1Cu1Q55uooxSens6yk","merchantId":"5ee0c486308f590260d9a07f","type":"epay"}"#,
            ),
            checks: &[
                Present("id"),
                Is("accountId", ACCOUNT),
                Is("merchantId", MERCHANT),
                Is("type", "epay"),
                Is("status", "pending"),
                Present("createdAt"),
                Starts("createdBy", "crn:Jaim1Cu1Q55uooxSens6yk:api-key:"),
            ],
            save: &[("epay", "id")],
            ..R
        },
        Row {
            what: "create the same merchant and type again",
            method: Method::POST,
            path: IR,
            body: Some(
                r#"{"accountId":"Jaim1Cu1Q55uooxSens6yk","merchantId":"5ee0c486308f590260d9a07f","type":"epay"}"#,
            ),
            expect: all(403),
            checks: &[Message("INTEGRATION_ALREADY_REQUESTED")],
            ..R
        },
        Row {
            what: "create verifone",
            method: Method::POST,
            path: IR,
            body: Some(
                r#"{"accountId":"Jaim1Cu1Q55uooxSens6yk","merchantId":"5ee0c486308f590260d9a07f","type":"verifone"}"#,
            ),
            checks: &[Is("type", "verifone"), Is("status", "pending")],
            save: &[("verifone", "id"), ("verifone_updated", "updatedAt")],
            ..R
        },
        Row {
            what: "create windcave",
            method: Method::POST,
            path: IR,
            body: Some(
                r#"{"accountId":"Jaim1Cu1Q55uooxSens6yk","merchantId":"5e37b1bf1404cd3aec32db3b","type":"windcave"}"#,
            ),
            checks: &[Is("merchantId", MERCHANT_2)],
            save: &[("windcave", "id")],
            ..R
        },
    ]
}

fn refused_create_rows() -> Vec<Row> {
    vec![
        // Creates the reference refuses.
        Row {
            what: "create a later revision's type",
            method: Method::POST,
            path: IR,
            body: Some(
                r#"{"accountId":"SbXOIkDj8Q6xzR8t8JDvTN","merchantId":"64895bc4f7572dd88f18de53","type":"smartpay"}"#,
            ),
            expect: by(400, 200, 200),
            ..R
        },
        Row {
            what: "create an undocumented type",
            method: Method::POST,
            path: IR,
            body: Some(
                r#"{"accountId":"Jaim1Cu1Q55uooxSens6yk","merchantId":"5e37b1bf1404cd3aec32db3b","type":"linkly"}"#,
            ),
            expect: all(400),
            checks: &[Mentions(&["type"])],
            ..R
        },
        Row {
            what: "create for an unknown merchant",
            method: Method::POST,
            path: IR,
            body: Some(
                r#"{"accountId":"Jaim1Cu1Q55uooxSens6yk","merchantId":"000000000000000000000000","type":"epay"}"#,
            ),
            expect: all(403),
            checks: &[Message("Forbidden")],
            ..R
        },
        Row {
            what: "create for another account's merchant",
            method: Method::POST,
            path: IR,
            body: Some(
                r#"{"accountId":"Jaim1Cu1Q55uooxSens6yk","merchantId":"64895bc4f7572dd88f18de53","type":"epay"}"#,
            ),
            expect: all(403),
            checks: &[Message("Forbidden")],
            ..R
        },
        Row {
            what: "create with an accountId no CRN can hold",
            method: Method::POST,
            path: IR,
            body: Some(
                r#"{"accountId":"Jaim1Cu1Q55:uooxSens6yk","merchantId":"5e37b1bf1404cd3aec32db3b","type":"epay"}"#,
            ),
            expect: all(400),
            checks: &[Mentions(&["accountId"])],
            ..R
        },
        Row {
            what: "create without accountId",
            method: Method::POST,
            path: IR,
            body: Some(r#"{"merchantId":"5e37b1bf1404cd3aec32db3b","type":"epay"}"#),
            expect: all(400),
            checks: &[Mentions(&["accountId"])],
            ..R
        },
    ]
}

fn search_rows() -> Vec<Row> {
    vec![
        // Search, paged by nextPageKey / pageKey.
        Row {
            what: "search an account, first page",
            query: &[("accountId", ACCOUNT)],
            checks: &[
                Len("items", 2),
                Present("nextPageKey"),
                Every("accountId", ACCOUNT),
            ],
            save: &[("next", "nextPageKey")],
            ..R
        },
        Row {
            what: "search an account, last page",
            query: &[("accountId", ACCOUNT), ("pageKey", "{next}")],
            checks: &[
                Len("items", 1),
                Absent("nextPageKey"),
                Every("accountId", ACCOUNT),
            ],
            ..R
        },
        Row {
            what: "search by type",
            query: &[("accountId", ACCOUNT), ("type", "epay")],
            checks: &[
                Len("items", 1),
                Every("type", "epay"),
                Absent("nextPageKey"),
            ],
            ..R
        },
        Row {
            what: "search pending",
            query: &[("accountId", ACCOUNT), ("pending", "true")],
            checks: &[Len("items", 2), Every("status", "pending")],
            ..R
        },
        Row {
            what: "search another account",
            query: &[("accountId", FOREIGN_ACCOUNT), ("type", "epay")],
            checks: &[Len("items", 0), Absent("nextPageKey")],
            ..R
        },
        Row {
            what: "search with empty values",
            query: &[("accountId", ""), ("pending", "")],
            expect: all(400),
            ..R
        },
        Row {
            what: "search with an empty type",
            query: &[("type", "")],
            expect: all(400),
            checks: &[Mentions(&["type"])],
            ..R
        },
        Row {
            what: "search with pending neither true nor false",
            query: &[("pending", "maybe")],
            expect: all(400),
            checks: &[Mentions(&["pending"])],
            ..R
        },
    ]
}

fn update_rows() -> Vec<Row> {
    vec![
        // Update: terminalId is optional; ids before bodies.
        Row {
            what: "update with {}",
            method: Method::POST,
            path: "/api/integration-requests/{verifone}/update",
            body: Some("{}"),
            expect: by(200, 404, 200),
            checks: &[
                Is("id", "{verifone}"),
                Is("updatedAt", "{verifone_updated}"),
                Absent("terminalId"),
            ],
            ..R
        },
        Row {
            what: "configs with {}",
            method: Method::PUT,
            path: "/api/integration-requests/{verifone}/configs",
            body: Some("{}"),
            expect: by(404, 200, 200),
            checks: &[
                Is("id", "{verifone}"),
                Is("updatedAt", "{verifone_updated}"),
                Absent("terminalId"),
            ],
            ..R
        },
        Row {
            what: "update with a numeric terminalId",
            method: Method::POST,
            path: "/api/integration-requests/{epay}/update",
            body: Some(r#"{"terminalId":11000021}"#),
            expect: by(400, 404, 400),
            checks: &[Mentions(&["terminalId", "string"])],
            ..R
        },
        Row {
            what: "configs with a numeric terminalId",
            method: Method::PUT,
            path: "/api/integration-requests/{epay}/configs",
            body: Some(r#"{"terminalId":11000021}"#),
            expect: by(404, 400, 400),
            checks: &[Mentions(&["terminalId", "string"])],
            ..R
        },
        Row {
            what: "update an unknown id with a malformed body",
            method: Method::POST,
            path: "/api/integration-requests/NoSuchRequest0000000001/update",
            body: Some(r#"{"terminalId":5}"#),
            expect: by(403, 404, 403),
            checks: &[Message("Forbidden")],
            ..R
        },
        Row {
            what: "configs of an unknown id with a malformed body",
            method: Method::PUT,
            path: "/api/integration-requests/NoSuchRequest0000000001/configs",
            body: Some(r#"{"terminalId":5}"#),
            expect: by(404, 403, 403),
            checks: &[Message("Forbidden")],
            ..R
        },
    ]
}

fn activate_rows() -> Vec<Row> {
    vec![
        // Activate.
        Row {
            what: "activate ePay without terminalId",
            method: Method::POST,
            path: "/api/integration-requests/{epay}/activate",
            expect: all(403),
            checks: &[Message("INTEGRATION_PARAM_MISSING")],
            ..R
        },
        Row {
            what: "update terminalId",
            method: Method::POST,
            path: "/api/integration-requests/{epay}/update",
            body: Some(r#"{"terminalId":"11000021"}"#),
            expect: by(200, 404, 200),
            checks: &[Is("terminalId", "11000021"), Is("status", "pending")],
            ..R
        },
        Row {
            what: "configs terminalId",
            method: Method::PUT,
            path: "/api/integration-requests/{epay}/configs",
            body: Some(r#"{"terminalId":"11000021"}"#),
            expect: by(404, 200, 200),
            checks: &[Is("terminalId", "11000021")],
            ..R
        },
        Row {
            what: "activate ePay",
            method: Method::POST,
            path: "/api/integration-requests/{epay}/activate",
            checks: &[
                Is("id", "{epay}"),
                Is("status", "active"),
                Is("terminalId", "11000021"),
            ],
            ..R
        },
        Row {
            what: "activate again",
            method: Method::POST,
            path: "/api/integration-requests/{epay}/activate",
            expect: all(403),
            checks: &[Message("INTEGRATION_ALREADY_ACTIVATED")],
            ..R
        },
        Row {
            what: "activate verifone without terminalId",
            method: Method::POST,
            path: "/api/integration-requests/{verifone}/activate",
            checks: &[Is("status", "active")],
            ..R
        },
        Row {
            what: "activate an unknown id",
            method: Method::POST,
            path: "/api/integration-requests/NoSuchRequest0000000001/activate",
            expect: all(403),
            checks: &[Message("Forbidden")],
            ..R
        },
    ]
}

fn by_id_merchant_and_route_rows() -> Vec<Row> {
    vec![
        // The later revision's one-by-id operations.
        Row {
            what: "get one",
            path: "/api/integration-requests/{epay}",
            expect: by(404, 200, 200),
            checks: &[Is("id", "{epay}"), Is("status", "active")],
            ..R
        },
        Row {
            what: "get an unknown id",
            path: "/api/integration-requests/NoSuchRequest0000000001",
            expect: by(404, 403, 403),
            checks: &[Message("Forbidden")],
            ..R
        },
        Row {
            what: "delete one",
            method: Method::DELETE,
            path: "/api/integration-requests/{windcave}",
            expect: by(404, 200, 200),
            checks: &[Is("id", "{windcave}")],
            ..R
        },
        // Merchants.
        Row {
            what: "a merchant",
            path: "/api/merchants/5ee0c486308f590260d9a07f",
            checks: &[
                Is("id", MERCHANT),
                Is("accountId", ACCOUNT),
                Is("name", "Centrapay Cafe Auckland"),
                Is("country", "NZ"),
                Is("test", "false"),
            ],
            ..R
        },
        Row {
            what: "an unknown merchant",
            path: "/api/merchants/000000000000000000000000",
            expect: all(403),
            checks: &[Message("Forbidden")],
            ..R
        },
        Row {
            what: "an account's merchants",
            path: "/api/accounts/Jaim1Cu1Q55uooxSens6yk/merchants",
            checks: &[
                Len("items", 2),
                Present("nextPageKey"),
                Every("accountId", ACCOUNT),
            ],
            ..R
        },
        // Unknown routes and methods.
        Row {
            what: "unknown route",
            path: "/api/nothing-here",
            expect: all(404),
            checks: &[Message("Not Found")],
            ..R
        },
        Row {
            what: "wrong method",
            method: Method::PATCH,
            path: IR,
            expect: all(404),
            checks: &[Message("Not Found")],
            ..R
        },
    ]
}

fn fill(text: &str, vars: &HashMap<String, String>) -> Result<String, String> {
    let mut out = text.to_string();
    while let Some(start) = out.find('{') {
        let Some(len) = out[start..].find('}') else {
            break;
        };
        let name = &out[start + 1..start + len];
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            break;
        }
        let value = vars
            .get(name)
            .ok_or_else(|| format!("no value for {{{name}}} (an earlier row failed)"))?;
        out.replace_range(start..start + len + 1, value);
    }
    Ok(out)
}

fn text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Null => None,
        other => Some(other.to_string()),
    }
}

fn check(c: &Check, body: &Value, vars: &HashMap<String, String>) -> Result<(), String> {
    let field = |name: &str| body.get(name).and_then(text);
    let message = field("message").unwrap_or_default();
    match c {
        Message(code) if message != *code => Err(format!("message {message:?}, expected {code:?}")),
        Mentions(words)
            if message.split_whitespace().count() < 3
                || !words.iter().all(|w| message.contains(w)) =>
        {
            Err(format!(
                "message {message:?} is not a sentence naming {words:?}"
            ))
        }
        Is(name, want) => {
            let want = fill(want, vars)?;
            match field(name) {
                Some(got) if got == want => Ok(()),
                got => Err(format!("{name} is {got:?}, expected {want:?}")),
            }
        }
        Starts(name, prefix) => match field(name) {
            Some(got) if got.starts_with(prefix) => Ok(()),
            got => Err(format!(
                "{name} is {got:?}, expected it to start {prefix:?}"
            )),
        },
        Present(name) if field(name).is_none() => Err(format!("{name} is missing")),
        Absent(name) if body.get(name).is_some() => {
            Err(format!("{name} is present: {}", body[name]))
        }
        Len(name, n) => match body.get(name).and_then(Value::as_array) {
            Some(items) if items.len() == *n => Ok(()),
            other => Err(format!(
                "{name} has {:?} items, expected {n}",
                other.map(Vec::len)
            )),
        },
        Every(name, want) => {
            let items = body
                .get("items")
                .and_then(Value::as_array)
                .ok_or("no items")?;
            match items
                .iter()
                .find(|i| i.get(*name).and_then(text).as_deref() != Some(want))
            {
                Some(odd) => Err(format!("an item has {name} = {}", odd[*name])),
                None => Ok(()),
            }
        }
        _ => Ok(()),
    }
}

/// Conventions: every error is `{statusCode, error, message}`.
fn error_body(status: StatusCode, body: &Value) -> Result<(), String> {
    let ok = body.get("statusCode").and_then(Value::as_u64) == Some(u64::from(status.as_u16()))
        && body.get("error").and_then(Value::as_str) == status.canonical_reason()
        && body
            .get("message")
            .and_then(Value::as_str)
            .is_some_and(|m| !m.is_empty());
    if ok {
        Ok(())
    } else {
        Err(format!(
            "error body is not {{statusCode, error, message}}: {body}"
        ))
    }
}

async fn run_row(
    h: &SimHandle,
    c: &reqwest::Client,
    revision: Revision,
    row: &Row,
    vars: &mut HashMap<String, String>,
) -> Result<(), String> {
    let path = fill(row.path, vars)?;
    let mut query = Vec::new();
    for (k, v) in row.query {
        query.push((*k, fill(v, vars)?));
    }
    let mut req = c
        .request(row.method.clone(), format!("{}{path}", h.base_url()))
        .query(&query);
    if row.key {
        req = req.header("X-Api-Key", h.api_key());
    }
    if let Some(body) = row.body {
        req = req
            .header("Content-Type", "application/json")
            .body(fill(body, vars)?);
    }
    let resp = req.send().await.map_err(|e| format!("not sent: {e}"))?;
    let status = resp.status();
    let raw = resp.text().await.map_err(|e| format!("no body: {e}"))?;
    let body: Value =
        serde_json::from_str(&raw).map_err(|_| format!("{status}: body is not JSON: {raw}"))?;
    let want = row.expect.for_revision(revision);
    if status.as_u16() != want {
        return Err(format!("status {status}, expected {want}: {body}"));
    }
    if status.is_client_error() || status.is_server_error() {
        error_body(status, &body)?;
    }
    if row.expect.missing_route(revision) {
        return check(&Message("Not Found"), &body, vars);
    }
    for c in row.checks {
        check(c, &body, vars)?;
    }
    if status.is_success() {
        for (var, field) in row.save {
            let value = body
                .get(*field)
                .and_then(text)
                .ok_or_else(|| format!("no {field} to remember"))?;
            vars.insert((*var).to_string(), value);
        }
    }
    Ok(())
}

async fn contract(revision: Revision) {
    intake::install_crypto();
    let h = start_local(SimConfig {
        revision,
        seed_count: Some(0),
        page_size: 2,
        ..SimConfig::default()
    })
    .await
    .expect("simulator starts");
    let c = reqwest::Client::new();
    let mut vars = HashMap::new();
    let mut failures = Vec::new();
    for row in table() {
        if let Err(e) = run_row(&h, &c, revision, &row, &mut vars).await {
            failures.push(format!("{} {} ({}): {e}", row.method, row.path, row.what));
        }
    }
    h.shutdown().await;
    assert!(
        failures.is_empty(),
        "{revision}: {} rows broke the contract:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[tokio::test]
async fn reference_revision_keeps_the_contract() {
    contract(Revision::Reference).await;
}

#[tokio::test]
async fn later_revision_keeps_the_contract() {
    contract(Revision::Later).await;
}

#[tokio::test]
async fn both_revisions_keep_the_contract() {
    contract(Revision::Both).await;
}
