//! Property tests: whatever a server (or a damaged file) sends, decoding
//! answers a value or an error sentence and never panics.
//!
//! 2,000 cases per property by default; `PROPTEST_CASES=50000 cargo test
//! --release --test house fuzz` for a longer run. Each crash found is kept below as
//! a plain regression test.

use std::time::Duration;

use chrono::{TimeZone, Utc};
use proptest::prelude::*;
use proptest::test_runner::Config;
use serde_json::{Map, Value};

use intake::api::ApiError;
use intake::api::client::{decode_response, parse_retry_after};
use intake::api::model::{ErrorBody, IntegrationRequest, Merchant, Page};
use intake::api::retry::RetryPolicy;
use intake::audit;
use intake::domain::validate::{check_id, validate_terminal_id};

fn config() -> Config {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(2_000);
    Config {
        cases,
        // Crashes are kept as named tests below, not as files in the tree.
        failure_persistence: None,
        ..Config::default()
    }
}

/// Field names the decoders look for, so generated objects often hit them.
const KEYS: &[&str] = &[
    "id",
    "accountId",
    "merchantId",
    "type",
    "status",
    "terminalId",
    "createdAt",
    "updatedAt",
    "createdBy",
    "updatedBy",
    "terminal",
    "deviceId",
    "product",
    "name",
    "items",
    "nextPageKey",
    "statusCode",
    "error",
    "message",
    "country",
    "test",
];

/// Strings that are nearly right: timestamps at the edges, codes, escapes.
const STRINGS: &[&str] = &[
    "",
    "active",
    "pending",
    "epay",
    "smartpay",
    "2020-06-12T01:17:46.499Z",
    "2020-06-12T01:17:46Z",
    "2020-02-30T00:00:00Z",
    "+262143-12-31T23:59:59Z",
    "-262144-01-01T00:00:00Z",
    "9999999999-01-01T00:00:00Z",
    "2020-06-12T25:61:61.9999999999Z",
    "2020-06-12T01:17:46.499+99:99",
    "INTEGRATION_ALREADY_ACTIVATED",
    "INTEGRATION_PARAM_MISSING",
    " INTEGRATION_ALREADY_REQUESTED\n",
    "\u{0}\u{1b}[2J",
    "ir#18446744073709551616",
    "ü€𝄞",
];

fn scalar() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        prop::sample::select(STRINGS).prop_map(Value::from),
        any::<String>().prop_map(Value::String),
    ]
}

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(KEYS).prop_map(str::to_string),
        1 => any::<String>(),
    ]
}

/// JSON-ish values: nested objects and arrays with the decoders' keys.
fn value() -> impl Strategy<Value = Value> {
    scalar().prop_recursive(4, 64, 12, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((key(), inner), 0..12)
                .prop_map(|kv| Value::Object(kv.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

fn valid_request() -> Value {
    serde_json::json!({
        "id": "DKTs3U38hdhfEqwF1JKoT2",
        "accountId": "Jaim1Cu1Q55uooxSens6yk",
        "merchantId": "5ee0c486308f590260d9a07f",
        "type": "epay",
        "status": "pending",
        "terminalId": "11000021",
        "createdAt": "2020-06-12T01:17:46.499Z",
        "updatedAt": "2020-06-12T01:17:46.499Z",
        "terminal": {"terminalId": "11000021", "deviceId": "d1"},
        "product": {"name": "ePay"}
    })
}

/// Feed one body to every decoder, as a success and as an error status.
fn decode_all(bytes: &[u8], status: u16, retry_after: Option<Duration>) {
    let _ = decode_response::<IntegrationRequest>(200, bytes, "/api/x", None);
    let _ = decode_response::<Page<IntegrationRequest>>(200, bytes, "/api/x", None);
    let _ = decode_response::<Merchant>(200, bytes, "/api/x", None);
    let _ = decode_response::<ErrorBody>(200, bytes, "/api/x", None);
    for e in [
        decode_response::<Page<IntegrationRequest>>(200, bytes, "/api/x", None).err(),
        decode_response::<IntegrationRequest>(status, bytes, "/api/x", retry_after).err(),
    ]
    .into_iter()
    .flatten()
    {
        // Every error renders as a sentence, and its delay is bounded.
        let text = e.to_string();
        assert!(!text.is_empty());
        if matches!(e, ApiError::Decode { .. }) {
            assert!(text.chars().count() < 400, "{text}");
            assert!(!text.chars().any(char::is_control), "{text:?}");
        }
        let _ = e.label();
        let _ = RetryPolicy::default().delay(3, &e);
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn arbitrary_bytes_never_panic(
        bytes in prop::collection::vec(any::<u8>(), 0..512),
        status in 100u16..600,
        retry in proptest::option::of(any::<u64>()),
    ) {
        decode_all(&bytes, status, retry.map(Duration::from_secs));
    }

    #[test]
    fn arbitrary_json_values_never_panic(v in value(), status in 100u16..600) {
        let bytes = serde_json::to_vec(&v).expect("serializable");
        decode_all(&bytes, status, None);
        let long = Value::String("\u{1b}[2J".repeat(500));
        let page = serde_json::to_vec(&serde_json::json!({"items": [v.clone(), long], "nextPageKey": v}))
            .expect("serializable");
        decode_all(&page, status, None);
    }

    #[test]
    fn a_valid_request_with_one_field_replaced_never_panics(k in key(), v in value()) {
        let mut r = valid_request();
        r[k.as_str()] = v;
        let bytes = serde_json::to_vec(&r).expect("serializable");
        decode_all(&bytes, 403, None);
        // Unknown fields never matter: only replaced known ones can fail.
        if !KEYS.contains(&k.as_str()) {
            prop_assert!(decode_response::<IntegrationRequest>(200, &bytes, "/x", None).is_ok());
        }
    }

    #[test]
    fn error_bodies_map_to_a_variant_with_a_sentence(
        status in 0u16..1000,
        body in prop_oneof![
            any::<String>(),
            (any::<String>(), 0usize..2000).prop_map(|(s, n)| s.repeat(n)),
            (any::<String>(), 0usize..2000)
                .prop_map(|(s, n)| serde_json::json!({"message": s.repeat(n)}).to_string()),
            value().prop_map(|v| v.to_string()),
            (any::<Option<u16>>(), any::<Option<String>>(), prop::sample::select(STRINGS))
                .prop_map(|(s, e, m)| serde_json::json!({"statusCode": s, "error": e, "message": m}).to_string()),
        ],
        path in any::<String>(),
    ) {
        let e = ApiError::from_status(status, &body, &path, Some(Duration::from_secs(7)));
        let text = e.to_string();
        prop_assert!(!text.is_empty());
        // The server's text is cut and cleaned, never echoed whole or raw.
        prop_assert!(text.chars().count() < 400 + path.chars().count());
        if !matches!(e, ApiError::NotFound { .. }) {
            prop_assert!(!text.chars().any(char::is_control), "{:?}", text);
        }
    }

    #[test]
    fn retry_after_headers_never_panic(raw in prop_oneof![
        any::<String>(),
        any::<u64>().prop_map(|n| n.to_string()),
        Just("Wed, 21 Oct 2015 07:28:00 GMT".to_string()),
        Just("Fri, 31 Dec 9999 23:59:59 +9999".to_string()),
    ]) {
        let now = Utc::now();
        if let Some(d) = parse_retry_after(&raw, now) {
            let e = ApiError::RateLimited { retry_after: Some(d) };
            prop_assert!(RetryPolicy::default().delay(0, &e) <= Duration::from_secs(60));
        }
    }

    #[test]
    fn audit_lines_and_ids_never_panic(line in prop_oneof![
        any::<String>(),
        value().prop_map(|v| v.to_string()),
    ]) {
        let _ = audit::parse_line(&line);
        let _ = check_id("request id", &line);
        let _ = validate_terminal_id(&intake::api::IntegrationType::Epay, &line);
        let _ = audit::host_of(&line);
    }
}

// Regression tests: inputs that once misbehaved, or edges worth pinning.

#[test]
fn retry_after_in_the_past_is_zero_and_dates_parse() {
    let now = Utc
        .with_ymd_and_hms(2026, 1, 1, 0, 0, 0)
        .single()
        .expect("time");
    assert_eq!(
        parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now),
        Some(Duration::ZERO)
    );
    assert_eq!(
        parse_retry_after("Thu, 01 Jan 2026 00:00:30 GMT", now),
        Some(Duration::from_secs(30))
    );
    assert_eq!(parse_retry_after(" 5 ", now), Some(Duration::from_secs(5)));
    assert_eq!(parse_retry_after("soon", now), None);
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let deep = "[".repeat(100_000);
    let e =
        decode_response::<Page<IntegrationRequest>>(200, deep.as_bytes(), "/x", None).unwrap_err();
    assert!(matches!(e, ApiError::Decode { .. }));
    let deep = format!("{}{}", "{\"a\":".repeat(50_000), "1");
    let _ = ApiError::from_status(500, &deep, "/x", None);
}

#[test]
fn huge_retry_after_is_capped() {
    let e =
        decode_response::<IntegrationRequest>(429, b"", "/x", Some(Duration::from_secs(u64::MAX)))
            .unwrap_err();
    assert_eq!(RetryPolicy::default().delay(0, &e), Duration::from_secs(60));
    assert!(e.to_string().contains("wait"));
}

/// Timestamps are optional: one that cannot be read is left out (shown as
/// `-`), never a reason to lose the record.
#[test]
fn out_of_range_timestamps_are_left_out() {
    for t in [
        "+262144-01-01T00:00:00Z",
        "2020-02-30T00:00:00Z",
        "9999999999-01-01T00:00:00Z",
    ] {
        let mut r = valid_request();
        r["createdAt"] = Value::from(t);
        let bytes = serde_json::to_vec(&r).expect("json");
        let r = decode_response::<IntegrationRequest>(200, &bytes, "/x", None).expect(t);
        assert_eq!(r.created_at, None, "{t}");
    }
}

#[test]
fn a_multibyte_error_body_is_cut_on_a_char_boundary() {
    let body = "€".repeat(1000);
    let e = ApiError::from_status(500, &body, "/x", None);
    assert!(e.to_string().contains(&"€".repeat(200)));
    assert!(!e.to_string().contains(&"€".repeat(201)));
}

#[test]
fn a_long_or_hostile_json_message_is_cut_and_cleaned() {
    // Found while fuzzing the error path: the `message` field of a JSON
    // error body was repeated whole, escape sequences included.
    let body = serde_json::json!({
        "statusCode": 500,
        "message": format!("\u{1b}[2J\u{1b}]0;pwned\u{7}{}", "x".repeat(10_000)),
    })
    .to_string();
    let text = ApiError::from_status(500, &body, "/x", None).to_string();
    assert!(!text.chars().any(char::is_control), "{text:?}");
    assert!(text.len() < 400, "{}", text.len());
}
