//! What the worker logs of ops's answers. It forwards them as they are, in
//! one event per command (per item of a run): the console's slices say
//! them (`app::outcome`), and the log keeps how each change ended.

use crate::api::retry::Activation;
use crate::ops::{Done, OpError, Updated};

pub(super) fn update(id: &str, result: &Result<Done<Updated>, OpError>) {
    match result {
        Err(OpError::WouldReplace { .. }) => tracing::info!(
            action = "update",
            id,
            "not sent: terminalId changed meanwhile"
        ),
        Ok(Done {
            value: Updated::Unchanged(_),
            ..
        }) => tracing::info!(
            action = "update",
            id,
            "not sent: it already has that terminalId"
        ),
        result => log("update", id, result, |u| u.request().status.to_string()),
    }
}

pub(super) fn activation(id: &str, result: &Result<Done<Activation>, OpError>) {
    log("activate", id, result, |a| a.label().to_string());
}

fn log<T>(
    action: &str,
    id: &str,
    result: &Result<Done<T>, OpError>,
    outcome: impl Fn(&T) -> String,
) {
    match result {
        Ok(Done {
            unrecorded: Some(why),
            ..
        }) => tracing::warn!(action, id, why, "made, but not in the audit log"),
        Ok(done) => tracing::info!(action, id, outcome = outcome(&done.value), "ok"),
        Err(e) => tracing::info!(action, id, error = %e.label(), "failed"),
    }
}
