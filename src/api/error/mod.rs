//! Everything that can go wrong talking to the API, phrased for an operator.

use std::time::Duration;

use thiserror::Error;

use super::model::ErrorBody;
pub use super::operation::Operation;

mod text;
use text::*;

/// The business-rule codes the contract documents, carried in `message`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorCode {
    AlreadyRequested,
    ParamMissing,
    AlreadyActivated,
}

impl ErrorCode {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::AlreadyRequested => "INTEGRATION_ALREADY_REQUESTED",
            ErrorCode::ParamMissing => "INTEGRATION_PARAM_MISSING",
            ErrorCode::AlreadyActivated => "INTEGRATION_ALREADY_ACTIVATED",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s.trim() {
            "INTEGRATION_ALREADY_REQUESTED" => Some(ErrorCode::AlreadyRequested),
            "INTEGRATION_PARAM_MISSING" => Some(ErrorCode::ParamMissing),
            "INTEGRATION_ALREADY_ACTIVATED" => Some(ErrorCode::AlreadyActivated),
            _ => None,
        }
    }
}

/// A failed API call. Every variant's Display is a sentence saying what
/// happened and what to do; none carries the API key.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ApiError {
    #[error(
        "An integration request for this merchant and type already exists (INTEGRATION_ALREADY_REQUESTED); search for it instead of creating another."
    )]
    AlreadyRequested,
    #[error(
        "The request needs a terminalId before it can be activated (INTEGRATION_PARAM_MISSING); set one with `intake update ID --terminal-id TERMINAL_ID`, then activate it again."
    )]
    ParamMissing,
    #[error(
        "The request is already active (INTEGRATION_ALREADY_ACTIVATED); someone may have activated it first, nothing more to do."
    )]
    AlreadyActivated,
    #[error(
        "The server rejected the request as malformed: {message}. Check the values you entered."
    )]
    BadRequest { message: String },
    #[error(
        "The API key was refused ({message}); check api_key for this profile or CENTRAPAY_API_KEY."
    )]
    Unauthorized { message: String },
    /// A 403 without a documented code; the sentence names the operation
    /// refused, once the client has said which it was.
    #[error("{}", forbidden_text(operation.as_ref(), message))]
    Forbidden {
        operation: Option<Operation>,
        message: String,
    },
    #[error("The server has no route {path} (404); check base_url for this profile.")]
    NotFound { path: String },
    /// A search of the account found no request with this id (where the
    /// server cannot read one by id). Nothing was refused, so not a 403.
    #[error("{}", not_in_account_text(id, account.as_deref(), *pages))]
    NotInAccount {
        id: String,
        /// The account searched; `None` when every account the key can
        /// see was.
        account: Option<String>,
        /// Pages searched, when counted.
        pages: Option<usize>,
    },
    #[error("{}", rate_limited_text(*retry_after))]
    RateLimited { retry_after: Option<Duration> },
    #[error(
        "The server failed with {status} ({message}); this is usually temporary, try again shortly."
    )]
    Server { status: u16, message: String },
    #[error("The server answered with unexpected status {status} ({message}).")]
    UnexpectedStatus { status: u16, message: String },
    #[error("The request timed out after {}; the server may be slow or unreachable, try again.", duration_text(*after))]
    Timeout { after: Duration },
    #[error("Could not connect to {host}; check base_url and your network, then try again.")]
    Connect { host: String },
    #[error(
        "The server at {host}:{port} refused the connection; check the host and port in base_url and that the service is running."
    )]
    Refused { host: String, port: u16 },
    #[error(
        "The name {host} could not be resolved; check the spelling of base_url and your network or DNS (behind a proxy, set HTTPS_PROXY)."
    )]
    NameNotResolved { host: String },
    #[error(
        "The certificate of {host} is not signed by an authority this machine trusts (self-signed or a private CA); if the server uses a private CA, set ca_file for this profile to that CA's PEM file, otherwise check base_url."
    )]
    UntrustedCertificate { host: String },
    #[error("{}", expired_text(host, not_after.as_deref()))]
    CertificateExpired {
        host: String,
        /// The day it expired (`YYYY-MM-DD`, UTC), when the TLS library says.
        not_after: Option<String>,
    },
    #[error(
        "The certificate of {host} was issued for a different name; check that base_url uses the host name on the certificate."
    )]
    CertificateName { host: String },
    #[error(
        "A secure connection to {host} could not be set up ({reason}); check base_url, and ca_file if this profile sets one."
    )]
    Tls { host: String, reason: String },
    #[error(
        "The proxy in HTTPS_PROXY could not open a connection to {host} ({detail}); check HTTPS_PROXY and NO_PROXY, or ask whoever runs the proxy."
    )]
    Proxy { host: String, detail: String },
    /// A 3xx answer: never followed, since the API key would travel with it.
    #[error("{}", redirect_text(from, to.as_deref()))]
    Redirect {
        /// The origin of base_url.
        from: String,
        /// Where the server pointed, when it said so.
        to: Option<String>,
    },
    #[error("The connection to {host} failed mid-request ({detail}); try again.")]
    Network { host: String, detail: String },
    #[error(
        "The server's response could not be read ({detail}); the API may have changed, report this with the request id."
    )]
    Decode { detail: String },
    /// A record without one of the contract's mandatory fields.
    #[error(
        "The server sent a record intake cannot use: {detail}. Every integration request needs id, accountId, merchantId, type and status; report it to Centrapay."
    )]
    Malformed { detail: String },
    #[error("{0}")]
    Config(String),
    /// A change whose answer was lost, and whose read-back failed too: it
    /// may or may not have been made.
    #[error(
        "The answer to this change was lost ({cause}) and reading {subject} back failed too, so whether it was {change} is not known. {check}"
    )]
    Unconfirmed {
        /// What was read back ("request R1").
        subject: String,
        /// What was being done, as a past participle ("activated").
        change: &'static str,
        /// The label of the error that lost the answer.
        cause: &'static str,
        /// How to find out, as a sentence with the command to run.
        check: String,
    },
    /// The audit log could not be written, so the change was not sent.
    #[error("{0} Nothing was sent: intake sends a change only once the audit log has it.")]
    NotRecorded(String),
    /// The server handed back a page key it had already given: a cycle.
    #[error(
        "The server sent page key {key} twice while listing; the listing stopped after {pages} pages to avoid looping. Report this to Centrapay or retry later."
    )]
    PageKeyRepeated {
        /// Cleaned and bounded: it is the server's text.
        key: String,
        pages: usize,
    },
    /// More pages than the requests on them can explain, e.g. empty pages
    /// each with a fresh key.
    #[error("{}", too_many_pages_text(*pages, *items))]
    TooManyPages { pages: usize, items: usize },
}

/// The most of a server's error text that is repeated to the operator.
pub const MAX_MESSAGE_CHARS: usize = 200;

impl ApiError {
    /// The documented code, when the error is one.
    pub fn code(&self) -> Option<ErrorCode> {
        match self {
            ApiError::AlreadyRequested => Some(ErrorCode::AlreadyRequested),
            ApiError::ParamMissing => Some(ErrorCode::ParamMissing),
            ApiError::AlreadyActivated => Some(ErrorCode::AlreadyActivated),
            _ => None,
        }
    }

    /// A short label for tables, logs and the audit trail.
    pub fn label(&self) -> &'static str {
        match self {
            ApiError::AlreadyRequested => "INTEGRATION_ALREADY_REQUESTED",
            ApiError::ParamMissing => "INTEGRATION_PARAM_MISSING",
            ApiError::AlreadyActivated => "INTEGRATION_ALREADY_ACTIVATED",
            ApiError::BadRequest { .. } => "BAD_REQUEST",
            ApiError::Unauthorized { .. } => "UNAUTHORIZED",
            ApiError::Forbidden { .. } => "FORBIDDEN",
            ApiError::NotFound { .. } => "NOT_FOUND",
            ApiError::NotInAccount { .. } => "NOT_FOUND_IN_ACCOUNT",
            ApiError::RateLimited { .. } => "RATE_LIMITED",
            ApiError::Server { .. } => "SERVER_ERROR",
            ApiError::UnexpectedStatus { .. } => "UNEXPECTED_STATUS",
            ApiError::Timeout { .. } => "TIMEOUT",
            ApiError::Connect { .. } => "CONNECT_FAILED",
            ApiError::Refused { .. } => "CONNECTION_REFUSED",
            ApiError::NameNotResolved { .. } => "NAME_NOT_RESOLVED",
            ApiError::UntrustedCertificate { .. } => "UNTRUSTED_CERTIFICATE",
            ApiError::CertificateExpired { .. } => "CERTIFICATE_EXPIRED",
            ApiError::CertificateName { .. } => "CERTIFICATE_NAME",
            ApiError::Tls { .. } => "TLS_FAILED",
            ApiError::Proxy { .. } => "PROXY_FAILED",
            ApiError::Redirect { .. } => "REDIRECT",
            ApiError::Network { .. } => "NETWORK",
            ApiError::Decode { .. } => "UNDECODABLE_RESPONSE",
            ApiError::Malformed { .. } => "MALFORMED_RECORD",
            ApiError::Config(_) => "CONFIG",
            ApiError::Unconfirmed { .. } => "UNCONFIRMED",
            ApiError::NotRecorded(_) => "AUDIT_LOG",
            ApiError::PageKeyRepeated { .. } => "PAGE_KEY_REPEATED",
            ApiError::TooManyPages { .. } => "TOO_MANY_PAGES",
        }
    }

    /// A lost answer about request `id` whose read-back failed too.
    pub fn unconfirmed(id: &str, change: &'static str, cause: &'static str) -> ApiError {
        ApiError::Unconfirmed {
            subject: format!("request {id}"),
            change,
            cause,
            check: format!("Read it with `intake show {id}` before acting on it again."),
        }
    }

    /// Whether repeating the same call may succeed (and is harmless for reads).
    pub fn is_transient(&self) -> bool {
        matches!(
            self,
            ApiError::RateLimited { .. }
                | ApiError::Server { .. }
                | ApiError::Timeout { .. }
                | ApiError::Connect { .. }
                | ApiError::Refused { .. }
                | ApiError::NameNotResolved { .. }
                | ApiError::Network { .. }
                | ApiError::Decode { .. }
        )
    }

    /// Whether the request certainly never reached a server, so even a
    /// create may be sent again.
    pub fn never_sent(&self) -> bool {
        matches!(
            self,
            ApiError::Connect { .. } | ApiError::Refused { .. } | ApiError::NameNotResolved { .. }
        )
    }

    /// Whether the request may have reached the server and been applied even
    /// though we saw no answer; such mutations must be confirmed, not assumed.
    pub fn outcome_unknown(&self) -> bool {
        matches!(
            self,
            ApiError::Timeout { .. }
                | ApiError::Network { .. }
                | ApiError::Decode { .. }
                | ApiError::Malformed { .. }
                | ApiError::Server { .. }
        )
    }

    /// Name the operation this error came from, so a refusal says what was
    /// refused. Errors other than a plain 403 are unchanged.
    pub fn during(self, op: Operation) -> Self {
        match self {
            ApiError::Forbidden {
                operation: None,
                message,
            } => ApiError::Forbidden {
                operation: Some(op),
                message,
            },
            other => other,
        }
    }

    /// Build the error for a non-success status and its body. Each field of
    /// the body is read on its own (see [`ErrorBody`]), and a documented
    /// code in `message` (or `error`) always wins over the status.
    pub fn from_status(status: u16, body: &str, path: &str, retry_after: Option<Duration>) -> Self {
        let parsed: Option<ErrorBody> = serde_json::from_str(body).ok();
        if let Some(code) = parsed.as_ref().and_then(body_code) {
            return match code {
                BodyCode::Documented(code) => code.into(),
                BodyCode::RateLimit => ApiError::RateLimited { retry_after },
            };
        }
        let raw = parsed
            .as_ref()
            .and_then(|b| b.message.as_deref().or(b.error.as_deref()))
            .unwrap_or(body);
        // The server's text ends up in a terminal: bounded, one line, and
        // without control characters that could move the cursor.
        let message = crate::text::clean_bounded(raw.trim(), MAX_MESSAGE_CHARS);
        let message = if message.is_empty() {
            "no details given".to_string()
        } else {
            message
        };
        if let Some(code) = ErrorCode::parse(&message) {
            return code.into();
        }
        match status {
            400 => ApiError::BadRequest { message },
            401 => ApiError::Unauthorized { message },
            403 => ApiError::Forbidden {
                operation: None,
                message,
            },
            404 => ApiError::NotFound {
                path: path.to_string(),
            },
            429 => ApiError::RateLimited { retry_after },
            500..=599 => ApiError::Server { status, message },
            _ => ApiError::UnexpectedStatus { status, message },
        }
    }
}

impl From<ErrorCode> for ApiError {
    fn from(code: ErrorCode) -> Self {
        match code {
            ErrorCode::AlreadyRequested => ApiError::AlreadyRequested,
            ErrorCode::ParamMissing => ApiError::ParamMissing,
            ErrorCode::AlreadyActivated => ApiError::AlreadyActivated,
        }
    }
}

/// A readable code in an error body.
enum BodyCode {
    Documented(ErrorCode),
    RateLimit,
}

/// The first code in `message` (each part of an array message) or `error`.
fn body_code(body: &ErrorBody) -> Option<BodyCode> {
    let parts = body
        .message
        .iter()
        .flat_map(|m| m.split("; "))
        .chain(body.error.as_deref());
    for part in parts {
        if let Some(code) = ErrorCode::parse(part) {
            return Some(BodyCode::Documented(code));
        }
        if part.trim() == "RATE_LIMIT_EXCEEDED" {
            return Some(BodyCode::RateLimit);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documented_codes_map_to_their_variants() {
        let body =
            r#"{"statusCode":403,"error":"Forbidden","message":"INTEGRATION_ALREADY_ACTIVATED"}"#;
        assert_eq!(
            ApiError::from_status(403, body, "/x", None),
            ApiError::AlreadyActivated
        );
        let body =
            r#"{"statusCode":403,"error":"Forbidden","message":"INTEGRATION_PARAM_MISSING"}"#;
        assert_eq!(
            ApiError::from_status(403, body, "/x", None),
            ApiError::ParamMissing
        );
        let body =
            r#"{"statusCode":403,"error":"Forbidden","message":"INTEGRATION_ALREADY_REQUESTED"}"#;
        assert_eq!(
            ApiError::from_status(403, body, "/x", None),
            ApiError::AlreadyRequested
        );
    }

    #[test]
    fn statuses_map_to_variants_with_sentences() {
        let e = ApiError::from_status(429, "", "/x", Some(Duration::from_secs(3)));
        assert_eq!(
            e.to_string(),
            "The API rate limit was reached; wait 3s before trying again."
        );
        assert!(matches!(
            ApiError::from_status(403, r#"{"message":"Forbidden"}"#, "/x", None),
            ApiError::Forbidden { .. }
        ));
        assert!(matches!(
            ApiError::from_status(502, "<html>", "/x", None),
            ApiError::Server { status: 502, .. }
        ));
        assert!(matches!(
            ApiError::from_status(404, "", "/api/x", None),
            ApiError::NotFound { .. }
        ));
        assert!(
            matches!(ApiError::from_status(400, r#"{"message":"type is required"}"#, "/x", None), ApiError::BadRequest { message } if message == "type is required")
        );
    }

    #[test]
    fn a_code_survives_odd_fields_around_it() {
        for body in [
            r#"{"statusCode":"403","error":"Forbidden","message":"INTEGRATION_ALREADY_ACTIVATED"}"#,
            r#"{"statusCode":403,"message":["INTEGRATION_ALREADY_ACTIVATED"]}"#,
            r#"{"statusCode":{"x":1},"error":"INTEGRATION_ALREADY_ACTIVATED"}"#,
            r#"{"message":["see below","INTEGRATION_ALREADY_ACTIVATED"]}"#,
        ] {
            assert_eq!(
                ApiError::from_status(403, body, "/x", None),
                ApiError::AlreadyActivated,
                "{body}"
            );
        }
        let body = r#"{"statusCode":"403","message":["INTEGRATION_PARAM_MISSING"]}"#;
        assert_eq!(
            ApiError::from_status(403, body, "/x", None),
            ApiError::ParamMissing
        );
        let body =
            r#"{"statusCode":"429","error":"Too Many Requests","message":"RATE_LIMIT_EXCEEDED"}"#;
        let e = ApiError::from_status(429, body, "/x", Some(Duration::from_secs(2)));
        assert_eq!(
            e,
            ApiError::RateLimited {
                retry_after: Some(Duration::from_secs(2))
            }
        );
        // The code wins even under another status.
        let e = ApiError::from_status(403, r#"{"message":"RATE_LIMIT_EXCEEDED"}"#, "/x", None);
        assert_eq!(e, ApiError::RateLimited { retry_after: None });
    }

    #[test]
    fn an_array_message_is_joined_and_an_object_kept_readable() {
        let body = r#"{"statusCode":"400","error":"Bad Request","message":["a is required","b is wrong"]}"#;
        assert_eq!(
            ApiError::from_status(400, body, "/x", None),
            ApiError::BadRequest {
                message: "a is required; b is wrong".into()
            }
        );
        let body = r#"{"statusCode":500,"message":{"reason":"db"}}"#;
        assert_eq!(
            ApiError::from_status(500, body, "/x", None),
            ApiError::Server {
                status: 500,
                message: r#"{"reason":"db"}"#.into()
            }
        );
        // A missing message keeps `error`.
        let body = r#"{"statusCode":"403","error":"Forbidden"}"#;
        assert!(matches!(
            ApiError::from_status(403, body, "/x", None),
            ApiError::Forbidden { message, operation: None } if message == "Forbidden"
        ));
    }

    #[test]
    fn a_refusal_names_the_operation() {
        let forbidden = || {
            ApiError::from_status(
                403,
                r#"{"statusCode":403,"error":"Forbidden","message":"Forbidden"}"#,
                "/x",
                None,
            )
        };
        let create = forbidden().during(Operation::Create {
            account_id: "Acc1".into(),
            merchant_id: "5ee0c4".into(),
        });
        assert_eq!(
            create.to_string(),
            "Forbidden: Centrapay refused to create the integration request for merchant 5ee0c4 in account Acc1 (Forbidden): the account does not own this merchant, the merchant does not exist, or this API key cannot use it; check accountId and merchantId."
        );
        let merchant = forbidden().during(Operation::Merchant { id: "M9".into() });
        assert_eq!(
            merchant.to_string(),
            "Forbidden: Centrapay refused to look up merchant M9 (Forbidden): it does not exist or this API key cannot see it; check the merchantId."
        );
        let cases = [
            (Operation::Search, "refused to search integration requests"),
            (
                Operation::Read { id: "R1".into() },
                "refused to read integration request R1",
            ),
            (
                Operation::UpdateTerminalId { id: "R1".into() },
                "refused to set the terminalId of integration request R1",
            ),
            (
                Operation::Activate { id: "R1".into() },
                "refused to activate integration request R1",
            ),
            (
                Operation::AccountMerchants {
                    account_id: "Acc1".into(),
                },
                "refused to list the merchants of account Acc1",
            ),
        ];
        for (op, words) in cases {
            let e = forbidden().during(op);
            assert!(e.to_string().contains(words), "{e}");
            assert_eq!(e.label(), "FORBIDDEN");
        }
        // The first operation named stays; codes and other errors are untouched.
        let e = forbidden()
            .during(Operation::Search)
            .during(Operation::Activate { id: "R1".into() });
        assert!(e.to_string().contains("refused to search"), "{e}");
        assert_eq!(
            ApiError::AlreadyActivated.during(Operation::Search),
            ApiError::AlreadyActivated
        );
        // An id from the server or the operator cannot move the cursor.
        let e = forbidden().during(Operation::Read {
            id: "R\u{1b}[2J1".into(),
        });
        assert!(!e.to_string().contains('\u{1b}'), "{e}");
    }
}
