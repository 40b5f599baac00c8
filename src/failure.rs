//! Why a command (or the console) failed; decides the exit code.

use std::io;

use crate::api::ApiError;
use crate::audit::AuditError;
use crate::config::ConfigError;
use crate::ops::OpError;

/// Why a command failed; decides the exit code.
#[derive(Debug)]
pub enum Failure {
    /// Bad arguments or configuration: exit 2.
    Usage(String),
    /// The API refused or could not be reached: exit 1.
    Api(ApiError),
    /// Some of the work failed and was reported line by line: exit 1.
    Reported(String),
}

/// The exit status of a command that did what it was asked.
pub const SUCCESS: u8 = 0;
/// The exit status of a command whose work (or part of it) failed.
pub const FAILED: u8 = 1;
/// The exit status of a command refused before it started its work.
pub const USAGE: u8 = 2;

/// One exit status as scripts see it: the number, a name and when it is
/// given.
#[derive(Debug, Clone, Copy)]
pub struct ExitStatus {
    pub code: u8,
    pub name: &'static str,
    pub meaning: &'static str,
}

/// Every exit status intake gives, the one table `intake --help`, the man
/// page and README's table are rendered from (`cli::exit_docs`). Scripts
/// branch on these numbers, so a change to one needs a CHANGELOG line.
pub const EXIT_STATUSES: [ExitStatus; 3] = [
    ExitStatus {
        code: SUCCESS,
        name: "ok",
        meaning: "Done, including when there was nothing to do (an import whose rows are all \
                  unchanged, the same terminalId again) and when a reader such as `head -1` \
                  stopped reading early.",
    },
    ExitStatus {
        code: FAILED,
        name: "failed",
        meaning: "The API refused or could not be reached, or some of the work failed; each \
                  failure is said in a sentence on stderr. E.g. an unknown id, an activation \
                  refused, an update that did not take, a different terminalId without \
                  `--force`, an import with no usable row or without `--yes` off a terminal, a \
                  run another process still holds, an audit log that cannot be read or written.",
    },
    ExitStatus {
        code: USAGE,
        name: "usage",
        meaning: "Refused before anything was sent: bad arguments, a bad or missing \
                  configuration (no config file or API key, a bad base URL), an invalid id or \
                  terminalId, no account for `create`, or a change in read-only mode \
                  (`--read-only` or `read_only = true`).",
    },
];

impl Failure {
    pub fn exit_code(&self) -> u8 {
        match self {
            Failure::Usage(_) | Failure::Api(ApiError::Config(_)) => USAGE,
            Failure::Api(_) | Failure::Reported(_) => FAILED,
        }
    }
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::Usage(m) | Failure::Reported(m) => f.write_str(m),
            Failure::Api(e) => write!(f, "{e}"),
        }
    }
}

impl From<ApiError> for Failure {
    fn from(e: ApiError) -> Self {
        Failure::Api(e)
    }
}

impl From<ConfigError> for Failure {
    fn from(e: ConfigError) -> Self {
        Failure::Usage(e.to_string())
    }
}

/// The log could not be opened or written: nothing is changed unrecorded.
impl From<AuditError> for Failure {
    fn from(e: AuditError) -> Self {
        Failure::Reported(e.to_string())
    }
}

/// Refusals of what was asked are usage (exit 2); the rest happened to the
/// work itself (exit 1).
impl From<OpError> for Failure {
    fn from(e: OpError) -> Self {
        match e {
            OpError::Api(e) => Failure::Api(e),
            OpError::ReadOnly(m) | OpError::InvalidTerminalId(m) => Failure::Usage(m),
            other => Failure::Reported(other.to_string()),
        }
    }
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Self {
        Failure::Reported(format!("Could not write the output: {e}."))
    }
}
