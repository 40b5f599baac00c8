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
    /// It cannot be activated as it is (an ePay request without a terminalId).
    #[error("{}", not_ready(.id, *.blocker))]
    NotReady { id: String, blocker: Blocker },
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

fn not_ready(id: &str, blocker: Blocker) -> String {
    match blocker {
        Blocker::TerminalIdMissing => format!(
            "Request {id} is an ePay request without a terminalId, which the server refuses (INTEGRATION_PARAM_MISSING); nothing was sent. Set one with `intake update {id} --terminal-id …`, then activate again."
        ),
        other => format!("Request {id} cannot be activated ({other}). Nothing was sent."),
    }
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

impl<T> Done<T> {
    pub(crate) fn map<U>(self, f: impl FnOnce(T) -> U) -> Done<U> {
        Done {
            value: f(self.value),
            unrecorded: self.unrecorded,
        }
    }
}
