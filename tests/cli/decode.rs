//! The CLI against a tiny fake server that sends only what the contract
//! promises: records with the five mandatory fields alone, the later
//! revision's `terminal`/`product` objects instead of the top-level
//! terminalId, a record missing a mandatory field, and error bodies with odd
//! fields (a string statusCode, an array or object message).

use crate::common;

use std::collections::HashMap;
use std::path::Path as FsPath;
use std::process::Output;

use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{Value, json};

use common::cli_env::{isolated, run, stderr, stdout};

const MINIMAL: &str = "Minimal0000000000000001";
const LATER: &str = "LaterShape000000000002";
const FUTURE: &str = "FutureType000000000003";

fn records() -> Vec<Value> {
    vec![
        json!({"id": MINIMAL, "accountId": "Acc1", "merchantId": "5ee0c486308f590260d9a07f",
               "type": "verifone", "status": "pending"}),
        json!({"id": LATER, "accountId": "Acc1", "merchantId": "6411fd000000000000000000",
               "type": "epay", "status": "pending",
               "terminal": {"terminalId": "11000021", "deviceId": "WF55-029271"},
               "product": {"name": "Cloud EFTPOS"}}),
        json!({"id": FUTURE, "accountId": "Acc1", "merchantId": "6411fd000000000000000001",
               "type": "linkly", "status": "suspended", "terminal": {"deviceId": "D-1"},
               "createdAt": "2026-11-01T00:00:00.000Z",
               "updatedAt": "2026-11-02T13:00:00.500+13:00"}),
    ]
}

fn answer(status: StatusCode, body: Value) -> Response {
    (status, Json(body)).into_response()
}

async fn search(Query(q): Query<HashMap<String, String>>) -> Response {
    let mut items = records();
    if q.get("accountId").map(String::as_str) == Some("Broken") {
        items.push(
            json!({"id": "NoStatus00000000000004", "accountId": "Broken",
                          "merchantId": "m", "type": "epay"}),
        );
    }
    answer(StatusCode::OK, json!({ "items": items }))
}

async fn read_one(Path(id): Path<String>) -> Response {
    match records().into_iter().find(|r| r["id"] == id.as_str()) {
        Some(r) => answer(StatusCode::OK, r),
        // A missing message and a string statusCode must not lose `error`.
        None => answer(
            StatusCode::FORBIDDEN,
            json!({"statusCode": "403", "error": "Forbidden"}),
        ),
    }
}

async fn create(Json(body): Json<Value>) -> Response {
    if body["merchantId"] == "Duplicate" {
        return answer(
            StatusCode::FORBIDDEN,
            json!({"statusCode": "403", "error": "Forbidden",
                   "message": ["INTEGRATION_ALREADY_REQUESTED"]}),
        );
    }
    answer(
        StatusCode::FORBIDDEN,
        json!({"statusCode": 403, "error": "Forbidden", "message": {"reason": "not yours"}}),
    )
}

async fn activate(Path(_id): Path<String>) -> Response {
    answer(
        StatusCode::BAD_REQUEST,
        json!({"statusCode": "400", "error": "Bad Request",
               "message": ["terminalId is required", "status is wrong"]}),
    )
}

/// Serves on loopback until the test ends; returns the base URL.
async fn fake() -> String {
    let app = Router::new()
        .route("/api/integration-requests", get(search).post(create))
        .route("/api/integration-requests/{id}", get(read_one))
        .route("/api/integration-requests/{id}/activate", post(activate));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    format!("http://{addr}")
}

async fn intake(base: &str, dir: &FsPath, args: &[&str]) -> Output {
    let mut c = isolated(dir);
    c.env("INTAKE_RETRY_BASE_MS", "1")
        .env("INTAKE_RETRY_ATTEMPTS", "1")
        .env("CENTRAPAY_BASE_URL", base)
        .env("CENTRAPAY_API_KEY", "fake-key")
        .env("CENTRAPAY_ACCOUNT_ID", "Acc1")
        .args(args);
    run(c).await
}

fn line_of<'a>(out: &'a str, id: &str) -> &'a str {
    out.lines()
        .find(|l| l.starts_with(id))
        .unwrap_or_else(|| panic!("no line for {id} in:\n{out}"))
}

#[tokio::test]
async fn list_shows_records_with_only_the_mandatory_fields() {
    let base = fake().await;
    let dir = common::scratch("decode-list");
    let o = intake(&base, &dir, &["list"]).await;
    let out = stdout(&o);
    assert!(o.status.success(), "{out}\n{}", stderr(&o));
    // No createdAt: the age column shows `-`.
    let minimal = line_of(&out, MINIMAL);
    assert!(minimal.trim_end().ends_with('-'), "{minimal}");
    // The terminal object's terminalId fills the terminal column.
    assert!(line_of(&out, LATER).contains("11000021"), "{out}");
    // Unknown type and status are kept verbatim.
    let future = line_of(&out, FUTURE);
    assert!(
        future.contains("linkly") && future.contains("suspended"),
        "{future}"
    );

    let o = intake(&base, &dir, &["list", "--json"]).await;
    assert!(o.status.success(), "{}", stderr(&o));
    let items: Vec<Value> = serde_json::from_str(&stdout(&o)).expect("JSON");
    assert_eq!(items.len(), 3);
    assert_eq!(items[1]["terminalId"], "11000021");
    assert!(items[0].get("createdAt").is_none(), "{}", items[0]);
    // Timestamps come back exactly as sent, in the documented shape.
    assert_eq!(items[2]["createdAt"], "2026-11-01T00:00:00.000Z");
    assert_eq!(items[2]["updatedAt"], "2026-11-02T13:00:00.500+13:00");
    let shapes = Value::Array(items);
    crate::json_contract::schema::Schemas::docs().assert_valid("list.schema.json", &shapes);
}

#[tokio::test]
async fn show_fills_missing_fields_with_a_dash_and_shows_the_later_objects() {
    let base = fake().await;
    let dir = common::scratch("decode-show");
    let o = intake(&base, &dir, &["show", MINIMAL]).await;
    let out = stdout(&o);
    assert!(o.status.success(), "{out}\n{}", stderr(&o));
    for field in ["createdAt", "updatedAt", "createdBy", "deviceId", "product"] {
        let line = line_of(&out, field);
        assert_eq!(line.split_whitespace().nth(1), Some("-"), "{line}");
    }

    let o = intake(&base, &dir, &["show", LATER]).await;
    let out = stdout(&o);
    assert!(o.status.success(), "{out}\n{}", stderr(&o));
    assert!(line_of(&out, "terminalId").contains("11000021"), "{out}");
    assert!(line_of(&out, "deviceId").contains("WF55-029271"), "{out}");
    assert!(line_of(&out, "product").contains("Cloud EFTPOS"), "{out}");
}

#[tokio::test]
async fn a_record_without_a_mandatory_field_is_named_not_silently_lost() {
    let base = fake().await;
    let dir = common::scratch("decode-broken");
    let o = intake(&base, &dir, &["list", "--account", "Broken"]).await;
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("the integration request NoStatus00000000000004 has no status"),
        "{err}"
    );
}

#[tokio::test]
async fn odd_error_bodies_keep_their_code_and_name_the_refused_operation() {
    let base = fake().await;
    let dir = common::scratch("decode-errors");
    // An array message holding the code still maps to its sentence.
    let o = intake(
        &base,
        &dir,
        &[
            "create",
            "--merchant",
            "Duplicate",
            "--type",
            "verifone",
            "--account",
            "Acc1",
        ],
    )
    .await;
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("already exists (INTEGRATION_ALREADY_REQUESTED)"),
        "{err}"
    );

    // A plain 403 on create names the create, not a missing request.
    let o = intake(
        &base,
        &dir,
        &[
            "create",
            "--merchant",
            "M1",
            "--type",
            "verifone",
            "--account",
            "Acc1",
        ],
    )
    .await;
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("refused to create the integration request for merchant M1 in account Acc1"),
        "{err}"
    );
    assert!(err.contains("check accountId and merchantId"), "{err}");
    assert!(
        !err.contains("does not exist or this API key cannot see it"),
        "{err}"
    );

    // No message and a string statusCode: `error` is kept, the read is named.
    let o = intake(&base, &dir, &["show", "Unknown0000000000000099"]).await;
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("refused to read integration request Unknown0000000000000099 (Forbidden)"),
        "{err}"
    );

    // An array message is joined for display.
    let o = intake(&base, &dir, &["activate", MINIMAL]).await;
    let all = format!("{}{}", stdout(&o), stderr(&o));
    assert_eq!(o.status.code(), Some(1), "{all}");
    assert!(
        all.contains("terminalId is required; status is wrong"),
        "{all}"
    );
}
