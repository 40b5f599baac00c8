//! The audited core: every change the CLI and the console make goes through
//! here, so each rule (read before writing, never replace silently, refuse
//! what cannot succeed, record before and after sending) exists once.
//! No printing and no UI.

mod activate;
mod audited;
pub mod bounded;
mod cancel;
mod create;
mod error;
pub mod fetch;
mod import;
pub mod merchants;
pub mod readiness;
pub mod reads;
mod run;
mod update;

#[cfg(test)]
pub(crate) mod testing;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_import;
#[cfg(test)]
mod tests_rate;
#[cfg(test)]
mod tests_reads;
#[cfg(test)]
mod tests_run;
#[cfg(test)]
mod tests_run_reads;

pub use activate::ActivateJob;
pub use bounded::{Order, for_each_bounded};
pub use cancel::Cancel;
pub use error::{Done, OpError, not_recorded};
pub use fetch::{fetch_all_pages, for_each_page};
pub use import::{ApplySummary, ImportRowResult, ImportUpdate, PlanError, plan_import};
pub use merchants::MerchantLookups;
pub use reads::RunReads;
pub use run::{Resumable, RunEvent, RunStart, RunSummary};
pub use update::{OnExisting, Updated};

use crate::api::Client;
use crate::api::retry::RetryPolicy;
use crate::audit::AuditLog;
use crate::safety::ReadOnly;
use audited::Audited;

/// Whether changes are allowed, and the profile the refusal names.
#[derive(Debug, Clone, Default)]
pub struct ChangeGuard {
    pub read_only: ReadOnly,
    pub profile: String,
}

impl ChangeGuard {
    /// [`Ops::may_change`] without an `Ops`, for callers that refuse before
    /// opening anything (the CLI refuses before the audit log exists).
    pub fn may_change(&self, what: &str) -> Result<(), OpError> {
        let ro = self.read_only;
        match ro.is_on() {
            true => Err(OpError::ReadOnly(ro.cli_refusal(&self.profile, what))),
            false => Ok(()),
        }
    }
}

/// A handle on the core: the client, how hard to retry, the audit log every
/// change is recorded in, and whether changes are allowed. Cheap to clone.
#[derive(Clone)]
pub struct Ops {
    client: Client,
    policy: RetryPolicy,
    audit: Option<AuditLog>,
    guard: ChangeGuard,
}

impl Ops {
    pub fn new(client: Client, policy: RetryPolicy, audit: AuditLog, guard: ChangeGuard) -> Ops {
        Ops {
            client,
            policy,
            audit: Some(audit),
            guard,
        }
    }

    /// Tests and benchmarks only: changes are made but not recorded. A
    /// session never builds one.
    pub fn unaudited(client: Client, policy: RetryPolicy) -> Ops {
        Ops {
            client,
            policy,
            audit: None,
            guard: ChangeGuard::default(),
        }
    }

    pub fn client(&self) -> &Client {
        &self.client
    }

    pub fn policy(&self) -> RetryPolicy {
        self.policy
    }

    pub fn audit(&self) -> Option<&AuditLog> {
        self.audit.as_ref()
    }

    /// Refuse `what` (e.g. "set terminalIds") in read-only mode. Every change
    /// asks first, before reading or sending anything.
    pub fn may_change(&self, what: &str) -> Result<(), OpError> {
        self.guard.may_change(what)
    }

    fn audited(&self) -> Audited<'_> {
        Audited::new(self.audit.as_ref())
    }
}
