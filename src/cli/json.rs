//! The shapes `--json` prints, a contract with scripts: each is named in
//! docs/json.md and has a JSON Schema in docs/schemas/, and tests/cli's
//! `json_contract` validates every command's real output against them.
//! Keys are camelCase, as the API's are; strings the API sent are written
//! exactly as sent; an outcome is the audit log's identifier
//! ([`crate::audit::Outcome::RESULTS`]), its sentence in `message`; a code
//! is `errorCode`, as the log names it. A change here is a line in
//! CHANGELOG.md.

use serde::Serialize;

use crate::api::IntegrationRequest;
use crate::audit::Outcome;

/// `intake show --json`, and each item of `intake list --json`: the request
/// as sent plus `merchantName` and `merchantTest` when the name is known.
pub use crate::export::Exported as Shown;

/// `intake update --json`, `intake create --json`: the request as the
/// server holds it after the change, and how the change ended.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Changed<'a> {
    #[serde(flatten)]
    pub request: &'a IntegrationRequest,
    pub outcome: &'static str,
    pub message: String,
}

impl<'a> Changed<'a> {
    pub fn new(request: &'a IntegrationRequest, outcome: Outcome, message: String) -> Changed<'a> {
        Changed {
            request,
            outcome: outcome.as_str(),
            message,
        }
    }
}

/// `kind` of a line of `intake activate --json`, and of `intake import
/// --json`'s activations.
pub const ACTIVATION: &str = "activation";

/// `kind` of the last line of a run printed as JSON Lines.
pub const SUMMARY: &str = "summary";

/// One line of `intake activate --json`, printed as its id finishes.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ActivationLine {
    pub kind: &'static str,
    pub id: String,
    pub outcome: &'static str,
    /// The sentence people read on the line, without the id.
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub merchant_id: Option<String>,
    /// Omitted when the key cannot see the merchant (or the lookup failed).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub merchant_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub activated_by: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error_code: Option<&'static str>,
}

/// The last line of `intake activate --json`: how many ended each way. A
/// run that stops before it (killed, or the audit log unwritable) prints
/// none, so its absence says the run did not finish.
#[derive(Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ActivationSummary {
    pub kind: &'static str,
    pub total: usize,
    pub activated: usize,
    pub confirmed_active: usize,
    pub already_active: usize,
    pub refused: usize,
    pub unconfirmed: usize,
    pub failed: usize,
    /// The sentence stderr says too.
    pub message: String,
}
