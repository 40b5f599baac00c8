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

impl Failure {
    pub fn exit_code(&self) -> u8 {
        match self {
            Failure::Usage(_) | Failure::Api(ApiError::Config(_)) => 2,
            Failure::Api(_) | Failure::Reported(_) => 1,
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
