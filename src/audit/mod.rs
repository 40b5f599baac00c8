//! The audit log: one JSON line per mutation (create, update, activate), so
//! an operator can see who changed what where, and an interrupted bulk run
//! can be finished without repeating what was done.
//!
//! The file lives in the OS data dir (`$INTAKE_AUDIT_FILE` overrides), is
//! created mode 0600, opened with O_APPEND, and every line is written whole
//! in one `write` (with the other lines recorded at the same moment) and
//! `sync_data`ed before [`AuditLog::record`] returns, so a caller that
//! records before it prints never shows a result the log lacks.
//! It never holds the API key: only the profile name and the base URL's host.
//!
//! Lines of a bulk activation share a `runId`: first a `planned` line listing
//! every id, then per id a `started` line before the call is sent and an
//! outcome line after. A run with a planned or started id but no outcome did
//! not finish; see [`unfinished_run`].

use std::io;
use std::path::PathBuf;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

mod commit;
mod log;
mod run_lock;
mod runs;
mod temporary;
#[cfg(test)]
mod tests;

pub use log::{AuditLog, default_path};
pub use run_lock::{RunBusy, RunLock};
pub use runs::{
    UnfinishedRun, new_run_id, parse_line, read_all, read_all_as_written, unfinished_run,
};
pub use temporary::{DEMO_PROFILE, is_demo};

/// The host of a base URL as the log names it: host and explicit port, never
/// the scheme, path, query or credentials. The same rule as the title bar's.
pub use crate::safety::host_of;

/// Environment variable naming the audit file (tests, or a shared location).
pub const FILE_ENV: &str = "INTAKE_AUDIT_FILE";

/// The mutation a line is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    Create,
    Update,
    Activate,
    /// A later version's action this one does not know.
    #[serde(other)]
    Other,
}

impl Change {
    pub fn as_str(self) -> &'static str {
        match self {
            Change::Create => "create",
            Change::Update => "update",
            Change::Activate => "activate",
            Change::Other => "other",
        }
    }
}

/// What happened. `Planned` and `Started` are progress markers of a bulk
/// run; every other value is the outcome of one mutation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Planned,
    Started,
    Created,
    Updated,
    Activated,
    /// An answer was lost and reading the request back showed it active:
    /// this call or another operator's did it. Older logs wrote `confirmed`.
    #[serde(rename = "confirmed_active", alias = "confirmed")]
    Confirmed,
    /// It was active before this call (INTEGRATION_ALREADY_ACTIVATED).
    AlreadyActive,
    Failed,
    /// The operator cancelled the run before this one was sent.
    Cancelled,
    /// It could not succeed as it is (an ePay request without a terminalId),
    /// said by the copy held or by the server (INTEGRATION_PARAM_MISSING).
    /// Final, so `--resume` does not send it.
    Refused,
    /// A terminalId whose answer was lost (or did not hold it) and that a
    /// read-back shows set.
    ConfirmedSet,
    /// A create whose answer was lost, found afterwards as created by this
    /// key after the call was sent.
    ConfirmedCreated,
    /// A create whose answer was lost, and a request for the same merchant
    /// and type exists that cannot be shown to be this call's.
    Exists,
    /// The server answered, or a read-back showed, that the change did not
    /// take: the value is not there (or no request was created).
    NotApplied,
    /// The answer was lost and the read-back failed too: it may or may not
    /// be done. Not final, so `--resume` reads an activation back.
    Unconfirmed,
    /// The request already held the terminalId: nothing was sent, so no
    /// line is written; `--json` and the lines say it with this word.
    Unchanged,
    /// An import's row whose request got another terminalId since the
    /// preview: not overwritten, nothing sent, no line written.
    Skipped,
    #[serde(other)]
    Other,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Planned => "planned",
            Outcome::Started => "started",
            Outcome::Created => "created",
            Outcome::Updated => "updated",
            Outcome::Activated => "activated",
            Outcome::Confirmed => "confirmed_active",
            Outcome::AlreadyActive => "already_active",
            Outcome::Failed => "failed",
            Outcome::Cancelled => "cancelled",
            Outcome::Refused => "refused",
            Outcome::ConfirmedSet => "confirmed_set",
            Outcome::ConfirmedCreated => "confirmed_created",
            Outcome::Exists => "exists",
            Outcome::NotApplied => "not_applied",
            Outcome::Unconfirmed => "unconfirmed",
            Outcome::Unchanged => "unchanged",
            Outcome::Skipped => "skipped",
            Outcome::Other => "other",
        }
    }

    /// Every way a change can end, in README's order: the one list of
    /// identifiers `--json`, the audit log and README's outcome table share
    /// (a test holds the table and docs/schemas to it).
    pub const RESULTS: [Outcome; 15] = [
        Outcome::Activated,
        Outcome::Confirmed,
        Outcome::AlreadyActive,
        Outcome::Refused,
        Outcome::Unconfirmed,
        Outcome::Updated,
        Outcome::ConfirmedSet,
        Outcome::Unchanged,
        Outcome::Skipped,
        Outcome::NotApplied,
        Outcome::Created,
        Outcome::ConfirmedCreated,
        Outcome::Exists,
        Outcome::Cancelled,
        Outcome::Failed,
    ];

    /// Whether this line ends the work on its id (not a progress marker).
    pub fn is_final(self) -> bool {
        !matches!(
            self,
            Outcome::Planned | Outcome::Started | Outcome::Unconfirmed
        )
    }

    /// The outcome of a change that ended in `e`: refused by the server's
    /// rule, not known after a lost answer, or failed.
    pub fn of_error(e: &crate::api::ApiError) -> Outcome {
        use crate::api::ApiError;
        match e {
            ApiError::ParamMissing => Outcome::Refused,
            ApiError::Unconfirmed { .. } => Outcome::Unconfirmed,
            _ => Outcome::Failed,
        }
    }

    /// The outcome of a finished activation.
    pub fn of_activation(a: &crate::api::retry::Activation) -> Outcome {
        use crate::api::retry::Activation;
        match a {
            Activation::Activated(_) => Outcome::Activated,
            Activation::Confirmed(_) => Outcome::Confirmed,
            Activation::AlreadyActive(_) => Outcome::AlreadyActive,
        }
    }
}

/// What a caller records; [`AuditLog::record`] adds time, profile and host.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub action: Change,
    pub outcome: Outcome,
    /// The request id (absent on a `planned` line and on a failed create).
    pub id: Option<String>,
    pub merchant_id: Option<String>,
    pub terminal_id: Option<String>,
    /// The error's label (`INTEGRATION_PARAM_MISSING`, `NETWORK`, ...) on failure.
    pub error_code: Option<String>,
    /// Shared by the lines of one bulk run.
    pub run_id: Option<String>,
    /// Every id of the run, on its `planned` line only.
    pub ids: Vec<String>,
}

impl Event {
    pub fn new(action: Change, outcome: Outcome, id: Option<&str>) -> Event {
        Event {
            action,
            outcome,
            id: id.map(str::to_string),
            merchant_id: None,
            terminal_id: None,
            error_code: None,
            run_id: None,
            ids: Vec::new(),
        }
    }

    /// The first line of a bulk activation: every id it will work through.
    pub fn planned(run_id: &str, ids: &[String]) -> Event {
        Event {
            run_id: Some(run_id.to_string()),
            ids: ids.to_vec(),
            ..Event::new(Change::Activate, Outcome::Planned, None)
        }
    }

    /// Written before an activation is sent.
    pub fn started(run_id: Option<&str>, id: &str) -> Event {
        Event {
            run_id: run_id.map(str::to_string),
            ..Event::new(Change::Activate, Outcome::Started, Some(id))
        }
    }

    /// The end of an activation, from its result.
    pub fn activation(
        run_id: Option<&str>,
        id: &str,
        result: &Result<crate::api::retry::Activation, crate::api::ApiError>,
    ) -> Event {
        let (outcome, error_code) = match result {
            Ok(a) => (Outcome::of_activation(a), None),
            Err(e) => (Outcome::of_error(e), Some(e.label().to_string())),
        };
        let r = result.as_ref().ok().and_then(|a| a.request());
        Event {
            run_id: run_id.map(str::to_string),
            merchant_id: r.map(|r| r.merchant_id.clone()),
            terminal_id: r.and_then(|r| r.effective_terminal_id().map(str::to_string)),
            error_code,
            ..Event::new(Change::Activate, outcome, Some(id))
        }
    }

    pub fn outcome(mut self, outcome: Outcome) -> Event {
        self.outcome = outcome;
        self
    }

    pub fn merchant(mut self, merchant_id: Option<&str>) -> Event {
        self.merchant_id = merchant_id.map(str::to_string);
        self
    }

    pub fn terminal(mut self, terminal_id: Option<&str>) -> Event {
        self.terminal_id = terminal_id.map(str::to_string);
        self
    }

    pub fn error(mut self, e: &crate::api::ApiError) -> Event {
        self.outcome = Outcome::of_error(e);
        self.error_code = Some(e.label().to_string());
        self
    }

    /// The code a line carries without an API error behind it (a refusal
    /// made on the copy held, with the server's code for the same rule).
    pub fn code(mut self, code: &str) -> Event {
        self.error_code = Some(code.to_string());
        self
    }

    pub fn run(mut self, run_id: Option<&str>) -> Event {
        self.run_id = run_id.map(str::to_string);
        self
    }
}

/// One line of the file, as written and as read back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Record {
    pub time: DateTime<Utc>,
    pub profile: String,
    pub host: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub run_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merchant_id: Option<String>,
    pub action: Change,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub terminal_id: Option<String>,
    pub outcome: Outcome,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_code: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ids: Vec<String>,
}

/// Why the log could not be opened or written; phrased for the operator.
#[derive(Debug, thiserror::Error)]
pub enum AuditError {
    #[error("Could not work out the OS data directory for the audit log; set {FILE_ENV}.")]
    NoDataDir,
    #[error(
        "Could not open the audit log {path}: {source}. Fix its permissions or set {FILE_ENV} to a writable file; nothing was changed."
    )]
    Open { path: PathBuf, source: io::Error },
    #[error("Could not write the audit log {path}: {source}.")]
    Write { path: PathBuf, source: io::Error },
    #[error("Could not read the audit log {path}: {source}.")]
    Read { path: PathBuf, source: io::Error },
    #[error(
        "Could not take the run lock {path}: {source}. Fix the permissions of the audit log's folder; nothing was sent."
    )]
    Lock { path: PathBuf, source: io::Error },
}
