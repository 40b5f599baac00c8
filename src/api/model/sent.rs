//! A request written back out as the server sent it.
//!
//! chrono writes `01:00:00.000Z` back as `01:00:00Z`, so a script comparing
//! what `--json` printed with what the API answered would see a change that
//! never happened. The text each timestamp arrived as is kept beside its
//! parsed instant and written in its place; a request intake made itself
//! (the simulator's, the tests') is written as Centrapay writes, UTC with
//! milliseconds.

use std::borrow::Cow;

use chrono::{DateTime, Utc};
use serde::{Serialize, Serializer};

use super::{IntegrationRequest, IntegrationType, Product, Status, Terminal, format_timestamp};

/// The text of a request's timestamps as they arrived, where Centrapay's
/// own form (`2020-06-12T01:17:46.499Z`, which writing the instant gives
/// back) would not reproduce it; so the common request holds nothing here
/// and a million rows cost a pointer each. It never makes two requests
/// differ: the instant is the value, the text only how it was written, so
/// a decoded request equals one built with the same instants.
#[derive(Debug, Clone, Default)]
pub struct AsSent(Option<Box<Texts>>);

#[derive(Debug, Clone)]
struct Texts {
    created_at: Option<Stamp>,
    updated_at: Option<Stamp>,
}

#[derive(Debug, Clone)]
struct Stamp {
    /// `None` when the text is not a time: then only the text is known.
    at: Option<DateTime<Utc>>,
    text: String,
}

impl PartialEq for AsSent {
    fn eq(&self, _: &AsSent) -> bool {
        true
    }
}

impl Eq for AsSent {}

impl AsSent {
    /// From the decoded timestamps, each with the text it was read from.
    pub(super) fn new(
        created_at: Option<(Option<DateTime<Utc>>, String)>,
        updated_at: Option<(Option<DateTime<Utc>>, String)>,
    ) -> AsSent {
        let stamp = |(at, text): (Option<DateTime<Utc>>, String)| {
            (at.is_none() || !in_centrapay_form(&text)).then_some(Stamp { at, text })
        };
        let texts = Texts {
            created_at: created_at.and_then(stamp),
            updated_at: updated_at.and_then(stamp),
        };
        match (&texts.created_at, &texts.updated_at) {
            (None, None) => AsSent(None),
            _ => AsSent(Some(Box::new(texts))),
        }
    }

    fn created_at(&self) -> Option<&Stamp> {
        self.0.as_ref()?.created_at.as_ref()
    }

    fn updated_at(&self) -> Option<&Stamp> {
        self.0.as_ref()?.updated_at.as_ref()
    }
}

/// Whether `text` (already read as a time) is `YYYY-MM-DDTHH:MM:SS.mmmZ`,
/// the form [`format_timestamp`] writes: then writing the instant gives it
/// back, and nothing need be kept. A shape test, not a format, so decoding
/// a large listing pays almost nothing for it.
fn in_centrapay_form(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 24 && b[10] == b'T' && b[19] == b'.' && b[23] == b'Z'
}

/// `at` as the server wrote it while it is still the instant it sent (a
/// request changed since, as the simulator changes its own, is written
/// afresh); otherwise in Centrapay's form. A text that was no time is
/// written back as it came while no instant has replaced it.
fn text<'a>(sent: Option<&'a Stamp>, at: Option<&DateTime<Utc>>) -> Option<Cow<'a, str>> {
    match (sent, at) {
        (Some(s), Some(at)) if s.at == Some(*at) => Some(Cow::Borrowed(s.text.as_str())),
        (_, Some(at)) => Some(Cow::Owned(format_timestamp(at))),
        (Some(s), None) if s.at.is_none() => Some(Cow::Borrowed(s.text.as_str())),
        (_, None) => None,
    }
}

/// The request's JSON: the API's field names, absent fields left out.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Wire<'a> {
    id: &'a str,
    account_id: &'a str,
    merchant_id: &'a str,
    #[serde(rename = "type")]
    kind: &'a IntegrationType,
    status: &'a Status,
    #[serde(skip_serializing_if = "Option::is_none")]
    terminal_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    created_at: Option<Cow<'a, str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    updated_at: Option<Cow<'a, str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    created_by: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    updated_by: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    terminal: Option<&'a Terminal>,
    #[serde(skip_serializing_if = "Option::is_none")]
    product: Option<&'a Product>,
}

impl Serialize for IntegrationRequest {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let sent = &self.as_sent;
        Wire {
            id: &self.id,
            account_id: &self.account_id,
            merchant_id: &self.merchant_id,
            kind: &self.kind,
            status: &self.status,
            terminal_id: self.terminal_id.as_deref(),
            created_at: text(sent.created_at(), self.created_at.as_ref()),
            updated_at: text(sent.updated_at(), self.updated_at.as_ref()),
            created_by: self.created_by.as_deref(),
            updated_by: self.updated_by.as_deref(),
            terminal: self.terminal.as_ref(),
            product: self.product.as_ref(),
        }
        .serialize(s)
    }
}
