//! What the simulator refuses before it touches the store: bodies, query
//! strings and the fields in them. The choices are listed in the module docs
//! of [`crate::sim`].

use axum::body::Bytes;
use axum::extract::Query;
use axum::extract::rejection::{BytesRejection, QueryRejection};
use serde_json::{Map, Value};

use super::refusal::{Refusal, bad_request};

pub(crate) type Pairs = Vec<(String, String)>;

pub(crate) fn parse_object(
    body: Result<Bytes, BytesRejection>,
) -> Result<Map<String, Value>, Refusal> {
    let bytes = body.map_err(|_| bad_request("Request body could not be read"))?;
    match serde_json::from_slice::<Value>(&bytes) {
        Ok(Value::Object(m)) => Ok(m),
        Ok(_) => Err(bad_request("Request body must be a JSON object")),
        Err(_) => Err(bad_request("Request body is not valid JSON")),
    }
}

pub(crate) fn required_string(obj: &Map<String, Value>, field: &str) -> Result<String, Refusal> {
    match obj.get(field) {
        Some(Value::String(s)) if !s.trim().is_empty() => Ok(s.clone()),
        Some(Value::String(_) | Value::Null) | None => {
            Err(bad_request(format!("{field} is required")))
        }
        Some(_) => Err(bad_request(format!("{field} must be a string"))),
    }
}

/// An accountId ends up in the CRNs `crn:<accountId>:api-key:<key>`, so one
/// that would break that shape is refused rather than stored.
pub(crate) fn account_id(obj: &Map<String, Value>) -> Result<String, Refusal> {
    let id = required_string(obj, "accountId")?;
    if id
        .chars()
        .any(|c| c == ':' || c.is_whitespace() || c.is_control())
    {
        return Err(bad_request(
            "accountId must not contain ':' or whitespace; use the account's id as Centrapay shows it",
        ));
    }
    Ok(id)
}

/// The optional terminalId of an update: absent means "change nothing".
pub(crate) fn optional_terminal_id(obj: &Map<String, Value>) -> Result<Option<String>, Refusal> {
    match obj.get("terminalId") {
        None => Ok(None),
        Some(Value::String(s)) if !s.trim().is_empty() => Ok(Some(s.clone())),
        Some(Value::String(_)) => Err(bad_request(
            "terminalId must not be empty; leave it out to change nothing",
        )),
        Some(_) => Err(bad_request(
            "terminalId must be a string, e.g. \"11000021\"",
        )),
    }
}

pub(crate) fn query_pairs(query: Result<Query<Pairs>, QueryRejection>) -> Result<Pairs, Refusal> {
    query
        .map(|Query(q)| q)
        .map_err(|_| bad_request("Query string is invalid"))
}

/// The last value of a parameter; a parameter given with an empty value is
/// refused (it is not the same as leaving the parameter out).
pub(crate) fn param<'a>(
    pairs: &'a [(String, String)],
    name: &str,
) -> Result<Option<&'a str>, Refusal> {
    match pairs.iter().rev().find(|(k, _)| k == name) {
        None => Ok(None),
        Some((_, v)) if v.is_empty() => Err(bad_request(format!(
            "{name} must not be empty; leave the parameter out instead"
        ))),
        Some((_, v)) => Ok(Some(v.as_str())),
    }
}

pub(crate) fn pending(pairs: &[(String, String)]) -> Result<bool, Refusal> {
    match param(pairs, "pending")? {
        None | Some("false") => Ok(false),
        Some("true") => Ok(true),
        Some(_) => Err(bad_request("pending must be true or false")),
    }
}

pub(crate) fn parse_page_key(
    raw: Option<&str>,
    prefix: &str,
    limit: usize,
) -> Result<usize, Refusal> {
    let Some(raw) = raw else { return Ok(0) };
    raw.strip_prefix(prefix)
        .and_then(|n| n.parse::<usize>().ok())
        .filter(|&n| n <= limit)
        .ok_or_else(|| bad_request("pageKey is invalid"))
}
