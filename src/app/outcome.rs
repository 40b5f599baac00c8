//! The console's words for what ops answers. The worker forwards ops's
//! outcomes and typed errors as they are; the slices match on them and say
//! a failure with these, so the console's own wording (read-only, a change
//! not on record, the terminalId a request needs) is in one place.

use crate::api::{ApiError, Blocker};
use crate::ops::{Done, OpError};

/// The console never asks for a change in read-only mode, so ops's refusal
/// is only the second line of defence; its sentence names the CLI's flags,
/// which mean nothing here.
pub(in crate::app) const READ_ONLY: &str =
    "Read-only: this console makes no changes, so nothing was sent.";

/// The change made (with why the audit log lacks it, when it does), or the
/// sentence saying why it was not made.
pub(in crate::app) fn made<T>(result: Result<Done<T>, OpError>) -> Result<Done<T>, String> {
    result.map_err(|e| failure(&e))
}

/// Why a save or an activation did not happen.
pub(in crate::app) fn failure(e: &OpError) -> String {
    match e {
        OpError::ReadOnly(_) => READ_ONLY.to_string(),
        OpError::AuditUnavailable(why) => ApiError::NotRecorded(why.clone()).to_string(),
        // The server's own refusal, or the same rule on the copy held: the
        // slice adds the key that sets a terminalId.
        OpError::NotReady {
            blocker: Blocker::TerminalIdMissing,
            ..
        } => ApiError::ParamMissing.to_string(),
        // Its advice is a CLI command; the slice names the console's key.
        OpError::NotApplied { what, .. } => what.clone(),
        e => e.to_string(),
    }
}

/// Whether setting a terminalId is what would let it through, so the
/// console can name its key for that.
pub(in crate::app) fn needs_terminal_id<T>(result: &Result<T, OpError>) -> bool {
    matches!(
        result,
        Err(OpError::Api(ApiError::ParamMissing)
            | OpError::NotReady {
                blocker: Blocker::TerminalIdMissing,
                ..
            })
    )
}

/// An answer whose closing audit line could not be written. A change the
/// server made is told as made (in the CLI's words), one it found already
/// done as nothing changed; either way nothing more is sent on its back.
pub(in crate::app) fn not_in_log(why: &str, made: bool) -> String {
    if made {
        format!("{why} The change was made but is not in the audit log.")
    } else {
        format!("{why} Nothing was changed, but its line is missing from the audit log.")
    }
}

/// Why an import row was not set: ops's own sentence, but for the
/// console's read-only one.
pub(in crate::app) fn import_failure(e: &OpError) -> String {
    match e {
        OpError::ReadOnly(_) => READ_ONLY.to_string(),
        e => e.to_string(),
    }
}
