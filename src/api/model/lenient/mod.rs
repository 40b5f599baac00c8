//! Decoding what a server of either revision sends without giving up on a
//! field that is missing or odd.
//!
//! An integration request needs only the contract's five mandatory fields
//! (id, accountId, merchantId, type, status); any other field that is
//! missing or of an unexpected shape becomes `None`. A record that lacks a
//! mandatory field is refused with a sentence naming the record and what it
//! lacks, and because a page is decoded as a whole, the page fails with that
//! sentence rather than silently dropping the record (see
//! [`malformed_detail`]).

use std::fmt;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Deserializer};
use serde_json::Value;

use super::{AsSent, IntegrationRequest, IntegrationType, Product, Status, Terminal};

/// Starts the text of a record refused for a missing mandatory field, so the
/// client can tell it from a body that is not JSON at all.
const MALFORMED: &str = "intake: malformed record: ";

/// An integration request as sent, before the mandatory fields are checked.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct RawRequest {
    #[serde(default, deserialize_with = "scalar")]
    id: Option<String>,
    #[serde(default, deserialize_with = "scalar")]
    account_id: Option<String>,
    #[serde(default, deserialize_with = "scalar")]
    merchant_id: Option<String>,
    #[serde(default, rename = "type", deserialize_with = "scalar")]
    kind: Option<String>,
    #[serde(default, deserialize_with = "scalar")]
    status: Option<String>,
    #[serde(default, deserialize_with = "scalar")]
    terminal_id: Option<String>,
    #[serde(default, deserialize_with = "timestamp")]
    created_at: Option<(Option<DateTime<Utc>>, String)>,
    #[serde(default, deserialize_with = "timestamp")]
    updated_at: Option<(Option<DateTime<Utc>>, String)>,
    #[serde(default, deserialize_with = "scalar")]
    created_by: Option<String>,
    #[serde(default, deserialize_with = "scalar")]
    updated_by: Option<String>,
    #[serde(default, deserialize_with = "terminal")]
    terminal: Option<Terminal>,
    #[serde(default, deserialize_with = "product")]
    product: Option<Product>,
}

/// Why a record was refused: which record, and what it lacks.
#[derive(Debug)]
pub(crate) struct Malformed(String);

impl fmt::Display for Malformed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{MALFORMED}{}", self.0)
    }
}

impl TryFrom<RawRequest> for IntegrationRequest {
    type Error = Malformed;

    fn try_from(raw: RawRequest) -> Result<Self, Malformed> {
        let (Some(id), Some(account_id), Some(merchant_id), Some(kind), Some(status)) = (
            raw.id.clone(),
            raw.account_id.clone(),
            raw.merchant_id.clone(),
            raw.kind.clone(),
            raw.status.clone(),
        ) else {
            return Err(Malformed(missing_sentence(&raw)));
        };
        // Every code path reads one terminalId: the top-level field wins,
        // the later revision's terminal object fills it when absent.
        let terminal_id = raw
            .terminal_id
            .or_else(|| raw.terminal.as_ref()?.terminal_id.clone());
        Ok(IntegrationRequest {
            id,
            account_id,
            merchant_id,
            kind: IntegrationType::parse(&kind),
            status: Status::parse(&status),
            terminal_id,
            created_at: raw.created_at.as_ref().and_then(|(at, _)| *at),
            updated_at: raw.updated_at.as_ref().and_then(|(at, _)| *at),
            created_by: raw.created_by,
            updated_by: raw.updated_by,
            terminal: raw.terminal,
            product: raw.product,
            as_sent: AsSent::new(raw.created_at, raw.updated_at),
        })
    }
}

fn missing_sentence(raw: &RawRequest) -> String {
    let missing: Vec<&str> = [
        ("id", &raw.id),
        ("accountId", &raw.account_id),
        ("merchantId", &raw.merchant_id),
        ("type", &raw.kind),
        ("status", &raw.status),
    ]
    .into_iter()
    .filter(|(_, v)| v.is_none())
    .map(|(name, _)| name)
    .collect();
    let fields = match missing.split_last() {
        Some((last, [])) => (*last).to_string(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => String::new(),
    };
    match (&raw.id, &raw.merchant_id) {
        (Some(id), _) => format!(
            "the integration request {} has no {fields}",
            crate::text::clean_bounded(id, 60)
        ),
        (None, Some(m)) => format!(
            "an integration request of merchant {} has no {fields}",
            crate::text::clean_bounded(m, 60)
        ),
        (None, None) => format!("an integration request has no {fields}"),
    }
}

/// The sentence part of a record refused for a missing mandatory field,
/// when that is why `e` failed (serde adds a position, which is dropped).
pub(crate) fn malformed_detail(e: &serde_json::Error) -> Option<String> {
    let text = e.to_string();
    let rest = text.strip_prefix(MALFORMED)?;
    let end = rest.rfind(" at line ").unwrap_or(rest.len());
    Some(rest[..end].to_string())
}

/// A string, or a number or boolean written as one; empty and anything else
/// count as absent.
pub(crate) fn scalar<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(scalar_of(Value::deserialize(d)?))
}

fn scalar_of(v: Value) -> Option<String> {
    match v {
        Value::String(s) if !s.trim().is_empty() => Some(s),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Text for people: a scalar as itself, an array's parts joined with `; `,
/// an object as compact JSON.
pub(crate) fn text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(text_of(Value::deserialize(d)?))
}

fn text_of(v: Value) -> Option<String> {
    match v {
        Value::Array(parts) => {
            let parts: Vec<String> = parts.into_iter().filter_map(text_of).collect();
            (!parts.is_empty()).then(|| parts.join("; "))
        }
        Value::Object(_) => Some(v.to_string()),
        other => scalar_of(other),
    }
}

/// A status code as a number or a numeric string.
pub(crate) fn status_code<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u16>, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::Number(n) => n.as_u64().and_then(|n| u16::try_from(n).ok()),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    })
}

/// A timestamp and the exact text it was read from, so it can be written
/// back as sent; a text that is not a time has no instant (no age, sorted
/// as unknown) but is still written back as it came.
type Timestamp = Option<(Option<DateTime<Utc>>, String)>;

fn timestamp<'de, D: Deserializer<'de>>(d: D) -> Result<Timestamp, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::String(s) => {
            let at = DateTime::parse_from_rfc3339(s.trim()).ok();
            Some((at.map(|t| t.with_timezone(&Utc)), s))
        }
        _ => None,
    })
}

fn field(v: &mut Value, name: &str) -> Option<String> {
    v.get_mut(name).map(Value::take).and_then(scalar_of)
}

fn terminal<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Terminal>, D::Error> {
    let mut v = Value::deserialize(d)?;
    if !v.is_object() {
        return Ok(None);
    }
    Ok(Some(Terminal {
        terminal_id: field(&mut v, "terminalId"),
        device_id: field(&mut v, "deviceId"),
    }))
}

fn product<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Product>, D::Error> {
    let mut v = Value::deserialize(d)?;
    if !v.is_object() {
        return Ok(None);
    }
    Ok(Some(Product {
        name: field(&mut v, "name"),
    }))
}

#[cfg(test)]
mod tests;
