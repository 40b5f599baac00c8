//! How a run's activations ended, counted for the summary (stderr, and the
//! last JSON line) and the exit code.

use super::Answer;
use crate::api::retry::Activation;
use crate::audit::Outcome;
use crate::cli::json::{self, ActivationSummary};
use crate::failure::Failure;

/// Each kind counted apart: only `activated` is an activation this run is
/// known to have made.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct Tally {
    activated: usize,
    confirmed: usize,
    already: usize,
    refused: usize,
    unconfirmed: usize,
    failed: usize,
}

impl Tally {
    pub(super) fn add(&mut self, result: &Answer) {
        match result.as_ref().map(|done| &done.value) {
            Ok(Activation::Activated(_)) => self.activated += 1,
            Ok(Activation::Confirmed(_)) => self.confirmed += 1,
            Ok(Activation::AlreadyActive(_)) => self.already += 1,
            Err(e) => match e.outcome() {
                Outcome::Refused => self.refused += 1,
                Outcome::Unconfirmed => self.unconfirmed += 1,
                _ => self.failed += 1,
            },
        }
    }

    pub(super) fn summary(&self) -> String {
        let mut text = format!(
            "{} activated, {} confirmed active, {} already active, {} refused, {} unconfirmed, {} failed.",
            self.activated,
            self.confirmed,
            self.already,
            self.refused,
            self.unconfirmed,
            self.failed
        );
        if self.confirmed > 0 {
            text.push_str(
                " Confirmed active: the answer was lost and reading the request back showed it active; this run or another may have activated it.",
            );
        }
        text
    }

    /// The last line of `--json`.
    pub(super) fn json(&self, total: usize) -> ActivationSummary {
        ActivationSummary {
            kind: json::SUMMARY,
            total,
            activated: self.activated,
            confirmed_active: self.confirmed,
            already_active: self.already,
            refused: self.refused,
            unconfirmed: self.unconfirmed,
            failed: self.failed,
            message: self.summary(),
        }
    }

    /// Exit 1 when any id did not end active, with what to do for each
    /// kind; `json`: their lines are JSON on stdout, and the advice says so.
    pub(super) fn verdict(&self, total: usize, json: bool) -> Result<(), Failure> {
        let (refused_see, failed_see) = match json {
            true => (
                "as their `message` on stdout says",
                "see their `message` and `errorCode` on stdout",
            ),
            false => ("as the lines above say", "see the lines above"),
        };
        let mut parts = Vec::new();
        if self.refused > 0 {
            parts.push(format!(
                "{} of {total} refused: set their terminalIds {refused_see}, then activate them again",
                self.refused
            ));
        }
        if self.unconfirmed > 0 {
            parts.push(format!(
                "{} of {total} unconfirmed: `intake activate --resume` reads them back and finishes the run",
                self.unconfirmed
            ));
        }
        if self.failed > 0 {
            parts.push(format!("{} of {total} failed; {failed_see}", self.failed));
        }
        match parts.is_empty() {
            true => Ok(()),
            false => Err(Failure::Reported(format!("{}.", parts.join("; ")))),
        }
    }
}
