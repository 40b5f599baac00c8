//! Why an operation did not happen, and what a made change carries back.

use crate::api::{ApiError, Blocker, IntegrationRequest};
use crate::text::clean;

/// Why an operation failed. Every variant but `Api` means nothing was sent.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OpError {
    #[error(transparent)]
    Api(#[from] ApiError),
    /// Read-only mode: the sentence says how to start intake to change things.
    #[error("{0}")]
    ReadOnly(String),
    /// The terminalId is not valid for the request's type.
    #[error("{0}")]
    InvalidTerminalId(String),
    /// It cannot be activated as it is (an ePay request without a
    /// terminalId): said by the copy held (nothing sent) or by the server
    /// (INTEGRATION_PARAM_MISSING). Both end as `refused` in the audit log.
    #[error("{}", not_ready(.id, *.blocker, *.by_server))]
    NotReady {
        id: String,
        blocker: Blocker,
        by_server: bool,
    },
    /// A change the server's answer or a read-back shows did not take:
    /// `what` says which value is missing, `redo` the command that makes it
    /// again (the console says its own key instead).
    #[error("{what} {redo}")]
    NotApplied { what: String, redo: String },
    /// A create whose answer was lost, while a request for that merchant and
    /// type exists that cannot be shown to be this call's.
    #[error("{}", exists(.request))]
    Exists { request: Box<IntegrationRequest> },
    /// It has another terminalId than the caller allowed replacing (`current`
    /// is empty when it was cleared since it was seen). `request` is the
    /// server's copy, so a caller can show what is there now.
    #[error("{}", would_replace(.id, .current, .wanted))]
    WouldReplace {
        id: String,
        current: String,
        wanted: String,
        request: Box<IntegrationRequest>,
    },
    /// A line that must be in the audit log before sending could not be written.
    #[error("{0} Nothing was sent.")]
    AuditUnavailable(String),
    /// Another live process is working through the run: nothing was sent.
    #[error("{0}")]
    Busy(String),
}

impl OpError {
    /// The audit log's identifier for a change that ended in this error.
    pub fn outcome(&self) -> crate::audit::Outcome {
        use crate::audit::Outcome;
        match self {
            OpError::Api(e) => Outcome::of_error(e),
            OpError::NotReady { .. } => Outcome::Refused,
            OpError::NotApplied { .. } => Outcome::NotApplied,
            OpError::Exists { .. } => Outcome::Exists,
            _ => Outcome::Failed,
        }
    }

    /// A short code for scripts (`--json`), as [`ApiError::label`] gives.
    pub fn label(&self) -> &'static str {
        match self {
            OpError::Api(e) => e.label(),
            OpError::ReadOnly(_) => "READ_ONLY",
            OpError::InvalidTerminalId(_) => "INVALID_TERMINAL_ID",
            OpError::NotReady {
                blocker: Blocker::TerminalIdMissing,
                ..
            } => "INTEGRATION_PARAM_MISSING",
            OpError::NotReady { .. } => "NOT_READY",
            OpError::WouldReplace { .. } => "TERMINAL_ID_SET",
            OpError::NotApplied { .. } => "NOT_APPLIED",
            OpError::Exists { .. } => "INTEGRATION_ALREADY_REQUESTED",
            OpError::AuditUnavailable(_) => "AUDIT_LOG",
            OpError::Busy(_) => "RUN_BUSY",
        }
    }
}

fn would_replace(id: &str, current: &str, wanted: &str) -> String {
    let wanted = clean(wanted);
    match current {
        "" => format!(
            "Request {id} no longer has the terminalId that was to be replaced; not setting {wanted}. Nothing was sent."
        ),
        current => format!(
            "Request {id} already has terminalId {}; not replacing it with {wanted}. Nothing was sent.",
            clean(current)
        ),
    }
}

fn not_ready(id: &str, blocker: Blocker, by_server: bool) -> String {
    match (blocker, by_server) {
        (Blocker::TerminalIdMissing, false) => format!(
            "Request {id} is an ePay request without a terminalId, which the server refuses (INTEGRATION_PARAM_MISSING); nothing was sent. Set one with `intake update {id} --terminal-id TERMINAL_ID`, then activate it again."
        ),
        (Blocker::TerminalIdMissing, true) => format!(
            "The server refused to activate request {id}: it needs a terminalId first (INTEGRATION_PARAM_MISSING). Set one with `intake update {id} --terminal-id TERMINAL_ID`, then activate it again."
        ),
        (other, _) => format!("Request {id} cannot be activated ({other}). Nothing was sent."),
    }
}

fn exists(r: &IntegrationRequest) -> String {
    let by = r
        .created_by
        .as_deref()
        .map_or_else(|| "someone".into(), clean);
    let at = r
        .created_at
        .map(|t| format!(" at {}", t.format("%Y-%m-%d %H:%M:%S UTC")))
        .unwrap_or_default();
    format!(
        "The answer to the create was lost. Request {} ({}, merchant {}) exists, created by {by}{at}, and cannot be shown to be this call's; nothing more was sent. See it with `intake show {}`.",
        clean(&r.id),
        r.kind,
        clean(&r.merchant_id),
        clean(&r.id)
    )
}

/// A change that was made. `unrecorded` holds why its closing audit line
/// could not be written, when it could not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Done<T> {
    pub value: T,
    pub unrecorded: Option<String>,
}

/// Why a change's audit line is missing, if it is: the line that had to come
/// first could not be written (nothing sent), or the closing line could not.
/// A run stops on it rather than go on unrecorded.
pub fn not_recorded<T>(result: &Result<Done<T>, OpError>) -> Option<&str> {
    match result {
        Ok(done) => done.unrecorded.as_deref(),
        Err(OpError::AuditUnavailable(why)) => Some(why),
        Err(_) => None,
    }
}
