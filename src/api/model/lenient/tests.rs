use chrono::{DateTime, Utc};
use serde_json::json;

use crate::api::ApiError;
use crate::api::client::decode_response;
use crate::api::model::{ErrorBody, IntegrationRequest, IntegrationType, Page, Status};

fn decode(v: serde_json::Value) -> Result<IntegrationRequest, ApiError> {
    decode_response(200, v.to_string().as_bytes(), "/x", None)
}

#[test]
fn only_the_five_mandatory_fields_are_required() {
    let r = decode(json!({"id": "I1", "accountId": "A1", "merchantId": "M1",
                          "type": "epay", "status": "pending"}))
    .expect("decodes");
    assert_eq!(r.id, "I1");
    assert_eq!(r.kind, IntegrationType::Epay);
    assert_eq!(r.created_at, None);
    assert_eq!(r.updated_at, None);
    assert_eq!(r.created_by, None);
    assert_eq!(r.effective_terminal_id(), None);
    assert_eq!(r.device_id(), None);
    assert_eq!(r.product_name(), None);
    // Nothing absent is invented on the way back out.
    let out = serde_json::to_value(&r).expect("serializes");
    assert!(out.get("createdAt").is_none(), "{out}");
}

#[test]
fn unknown_types_and_statuses_are_kept_verbatim() {
    let r = decode(json!({"id": "I1", "accountId": "A1", "merchantId": "M1",
                          "type": "linkly", "status": "suspended"}))
    .expect("decodes");
    assert_eq!(r.kind, IntegrationType::Unknown("linkly".into()));
    assert_eq!(r.status, Status::Unknown("suspended".into()));
    let out = serde_json::to_value(&r).expect("serializes");
    assert_eq!(out["type"], "linkly");
    assert_eq!(out["status"], "suspended");
}

#[test]
fn the_terminal_object_fills_the_top_level_terminal_id() {
    let r = decode(json!({"id": "I1", "accountId": "A1", "merchantId": "M1",
                          "type": "epay", "status": "pending",
                          "terminal": {"terminalId": "11000021", "deviceId": "D-9"},
                          "product": {"name": "Cloud EFTPOS"}}))
    .expect("decodes");
    assert_eq!(r.terminal_id.as_deref(), Some("11000021"));
    assert_eq!(r.device_id(), Some("D-9"));
    assert_eq!(r.product_name(), Some("Cloud EFTPOS"));
    assert!(!r.needs_terminal_id());
}

#[test]
fn the_top_level_terminal_id_wins_over_the_terminal_object() {
    let r = decode(json!({"id": "I1", "accountId": "A1", "merchantId": "M1",
                          "type": "epay", "status": "pending", "terminalId": "111",
                          "terminal": {"terminalId": "222"}}))
    .expect("decodes");
    assert_eq!(r.terminal_id.as_deref(), Some("111"));
}

#[test]
fn odd_optional_fields_are_dropped_not_fatal() {
    let r = decode(json!({"id": "I1", "accountId": "A1", "merchantId": "M1",
                          "type": "epay", "status": "pending",
                          "terminal": {"deviceId": "D-1"}, "product": {},
                          "createdAt": "yesterday", "updatedAt": 17,
                          "createdBy": {"who": "x"}, "terminalId": null}))
    .expect("decodes");
    assert_eq!(r.terminal_id, None);
    assert_eq!(r.device_id(), Some("D-1"));
    assert_eq!(r.product_name(), None);
    assert_eq!(r.created_at, None);
    assert_eq!(r.updated_at, None);
    assert_eq!(r.created_by, None);
    let r = decode(json!({"id": "I1", "accountId": "A1", "merchantId": "M1",
                          "type": "epay", "status": "pending", "terminal": "T-1",
                          "terminalId": 11000021,
                          "createdAt": "2020-06-12T01:17:46.499Z"}))
    .expect("decodes");
    assert_eq!(r.terminal, None);
    assert_eq!(r.terminal_id.as_deref(), Some("11000021"));
    let at: DateTime<Utc> = "2020-06-12T01:17:46.499Z".parse().expect("date");
    assert_eq!(r.created_at, Some(at));
}

#[test]
fn a_missing_mandatory_field_is_named_with_the_record() {
    let e = decode(json!({"id": "I1", "merchantId": "M1", "type": "epay"})).expect_err("refused");
    assert_eq!(
        e,
        ApiError::Malformed {
            detail: "the integration request I1 has no accountId or status".into()
        }
    );
    assert!(!e.is_transient());
    assert!(
        e.to_string()
            .contains("needs id, accountId, merchantId, type and status")
    );
    let e = decode(json!({"merchantId": "M1", "accountId": "A", "type": "epay",
                          "status": "", "id": ""}))
    .expect_err("refused");
    assert_eq!(
        e.to_string(),
        "The server sent a record intake cannot use: an integration request of merchant M1 has no id or status. Every integration request needs id, accountId, merchantId, type and status; report it to Centrapay."
    );
}

#[test]
fn a_page_with_a_malformed_record_fails_naming_it() {
    let body = json!({"items": [
        {"id": "Good", "accountId": "A", "merchantId": "M", "type": "epay", "status": "pending"},
        {"id": "Bad", "accountId": "A", "merchantId": "M", "type": "epay"}
    ], "nextPageKey": "k"});
    let e =
        decode_response::<Page<IntegrationRequest>>(200, body.to_string().as_bytes(), "/x", None)
            .expect_err("refused");
    assert_eq!(
        e,
        ApiError::Malformed {
            detail: "the integration request Bad has no status".into()
        }
    );
    // Not JSON at all stays a (transient) decode failure.
    let e = decode_response::<Page<IntegrationRequest>>(200, b"{\"items\": [", "/x", None)
        .expect_err("refused");
    assert!(matches!(e, ApiError::Decode { .. }), "{e:?}");
}

#[test]
fn error_body_fields_decode_each_on_its_own() {
    let b: ErrorBody = serde_json::from_str(
        r#"{"statusCode":"403","error":"Forbidden","message":["A is required","B"]}"#,
    )
    .expect("decodes");
    assert_eq!(b.status_code, Some(403));
    assert_eq!(b.error.as_deref(), Some("Forbidden"));
    assert_eq!(b.message.as_deref(), Some("A is required; B"));
    let b: ErrorBody =
        serde_json::from_str(r#"{"statusCode":[1],"message":{"reason":"no"}}"#).expect("decodes");
    assert_eq!(b.status_code, None);
    assert_eq!(b.error, None);
    assert_eq!(b.message.as_deref(), Some(r#"{"reason":"no"}"#));
}

#[test]
fn timestamps_are_written_back_exactly_as_sent() {
    let sent = ["2026-11-20T01:00:00.000Z", "2020-06-12T01:17:46.499+13:00"];
    let r = decode(json!({"id": "I1", "accountId": "A1", "merchantId": "M1",
                          "type": "epay", "status": "pending",
                          "createdAt": sent[0], "updatedAt": sent[1]}))
    .expect("decodes");
    let out = serde_json::to_value(&r).expect("serializes");
    assert_eq!(out["createdAt"], sent[0]);
    assert_eq!(out["updatedAt"], sent[1]);
    // Decoding it again gives the same request, and the same text.
    let again: IntegrationRequest = serde_json::from_value(out.clone()).expect("decodes");
    assert_eq!(again, r);
    assert_eq!(serde_json::to_value(&again).expect("serializes"), out);
    // A request changed since it was read is written afresh, in Centrapay's form.
    let mut changed = r;
    changed.updated_at = Some(
        DateTime::parse_from_rfc3339("2026-11-21T00:00:00Z")
            .expect("time")
            .with_timezone(&Utc),
    );
    let out = serde_json::to_value(&changed).expect("serializes");
    assert_eq!(out["updatedAt"], "2026-11-21T00:00:00.000Z");
    assert_eq!(out["createdAt"], sent[0]);
}

#[test]
fn a_timestamp_in_centrapay_form_keeps_nothing_beside_it_and_still_comes_back_exactly() {
    for sent in ["2026-11-20T01:00:00.000Z", "2020-06-12T01:17:46.499Z"] {
        let r = decode(json!({"id": "I1", "accountId": "A1", "merchantId": "M1",
                              "type": "epay", "status": "pending", "createdAt": sent}))
        .expect("decodes");
        assert!(
            format!("{:?}", r.as_sent).contains("AsSent(None)"),
            "{sent}"
        );
        assert_eq!(
            serde_json::to_value(&r).expect("serializes")["createdAt"],
            sent
        );
    }
}

/// A server's timestamp that is not a time has no instant (no age, sorted
/// as unknown) but is written back exactly as it came, blanks and all.
#[test]
fn a_timestamp_that_is_no_time_is_written_back_as_sent_without_an_instant() {
    let sent = ["2026-11-20 01:00:00", " 2026-11-20T01:00:00Z "];
    let r = decode(json!({"id": "I1", "accountId": "A1", "merchantId": "M1",
                          "type": "epay", "status": "pending",
                          "createdAt": sent[0], "updatedAt": sent[1]}))
    .expect("decodes");
    assert_eq!(r.created_at, None);
    assert!(r.updated_at.is_some(), "blanks around a time still read");
    let out = serde_json::to_value(&r).expect("serializes");
    assert_eq!(out["createdAt"], sent[0]);
    assert_eq!(out["updatedAt"], sent[1]);
}
