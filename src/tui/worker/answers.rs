//! How ops's answers reach the console: its events keep the API's error
//! type, so a refusal becomes the sentence the console shows, and a change
//! whose closing audit line is missing is reported as not recorded, not as
//! plain success.

use crate::api::ApiError;
use crate::api::retry::Activation;
use crate::app::ApiEvent;
use crate::ops::{Done, ImportRowResult, OpError, Updated};

/// The console's wording: it never asks for a change in read-only mode, so
/// this is only the second line of defence.
const READ_ONLY: &str = "Read-only: this console makes no changes, so nothing was sent.";

/// An update's answer. A terminalId set (or cleared) since the operator
/// looked comes back with the server's copy, so the row shows it.
pub(super) fn update(id: String, result: Result<Done<Updated>, OpError>) -> ApiEvent {
    match result {
        Err(OpError::WouldReplace { request, .. }) => {
            tracing::info!(
                action = "update",
                id,
                "not sent: terminalId changed meanwhile"
            );
            ApiEvent::SetMeanwhile {
                id,
                current: *request,
            }
        }
        Ok(Done {
            value: Updated::Unchanged(current),
            ..
        }) => {
            tracing::info!(
                action = "update",
                id,
                "not sent: it already has that terminalId"
            );
            ApiEvent::AlreadySet { id, current }
        }
        result => {
            let result = made(result).map(|u| match u {
                Updated::Set(r) | Updated::Confirmed(r) | Updated::Unchanged(r) => r,
            });
            log("update", &id, result.as_ref().map(|r| r.status.to_string()));
            ApiEvent::Updated { id, result }
        }
    }
}

pub(super) fn activation(
    id: &str,
    result: Result<Done<Activation>, OpError>,
) -> Result<Activation, ApiError> {
    let result = made(result);
    log(
        "activate",
        id,
        result.as_ref().map(|a| a.label().to_string()),
    );
    result
}

pub(super) fn import_row(result: ImportRowResult, unrecorded: Option<String>) -> ImportRowResult {
    match (result, unrecorded) {
        (ImportRowResult::Set(_), Some(why)) => {
            ImportRowResult::Failed(OpError::Api(ApiError::NotRecorded(why)))
        }
        (ImportRowResult::Failed(OpError::ReadOnly(_)), _) => {
            ImportRowResult::Failed(OpError::ReadOnly(READ_ONLY.to_string()))
        }
        (result, _) => result,
    }
}

/// A made change, or why not, in the console's terms.
fn made<T>(result: Result<Done<T>, OpError>) -> Result<T, ApiError> {
    match result {
        Ok(Done {
            unrecorded: Some(why),
            ..
        }) => Err(ApiError::NotRecorded(why)),
        Ok(done) => Ok(done.value),
        Err(OpError::Api(e)) => Err(e),
        Err(OpError::ReadOnly(_)) => Err(ApiError::Config(READ_ONLY.to_string())),
        Err(OpError::AuditUnavailable(why)) => Err(ApiError::NotRecorded(why)),
        // The server's own refusal, or the same rule on the copy held: the
        // console adds the key that sets a terminalId.
        Err(OpError::NotReady {
            blocker: crate::api::Blocker::TerminalIdMissing,
            ..
        }) => Err(ApiError::ParamMissing),
        Err(e) => Err(ApiError::Config(e.to_string())),
    }
}

fn log(action: &str, id: &str, result: Result<String, &ApiError>) {
    match result {
        Ok(outcome) => tracing::info!(action, id, outcome, "ok"),
        Err(e) => tracing::info!(action, id, error = %e.label(), "failed"),
    }
}
