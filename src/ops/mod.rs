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
mod fresh;
mod import;
pub mod merchants;
pub mod reads;
mod run;
mod update;

#[cfg(test)]
pub(crate) mod testing;
#[cfg(test)]
mod tests;

pub use activate::ActivateJob;
pub use bounded::{Order, for_each_bounded};
pub use cancel::Cancel;
pub use create::Created;
pub use error::{Done, OpError, not_recorded};
pub use fetch::{fetch_all_pages, fetch_all_pages_seen, for_each_page};
pub use fresh::FRESH_WINDOW;
pub use import::{
    ApplySummary, ImportRowResult, ImportUpdate, PlanError, plan_import, plan_import_seen,
};
pub use merchants::MerchantLookups;
pub use reads::RunReads;
pub use run::{Resumable, RunEvent, RunStart, RunSummary};
pub use update::{OnExisting, Updated};

use std::sync::Arc;
use std::time::Instant;

use crate::api::retry::RetryPolicy;
use crate::api::{ApiError, Client, IntegrationRequest};
use crate::audit::AuditLog;
use crate::safety::ReadOnly;
use audited::Audited;
use fresh::FreshReads;

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
    /// The copies writes are checked against, shared by clones so that the
    /// console's and an import's writes share one search (reference revision).
    fresh: Arc<FreshReads>,
}

impl Ops {
    pub fn new(client: Client, policy: RetryPolicy, audit: AuditLog, guard: ChangeGuard) -> Ops {
        Ops {
            client,
            policy,
            audit: Some(audit),
            guard,
            fresh: Arc::default(),
        }
    }

    /// Tests and benchmarks only: changes are made but not recorded. A
    /// session never builds one.
    #[cfg(any(test, feature = "testkit"))]
    pub fn unaudited(client: Client, policy: RetryPolicy) -> Ops {
        Ops {
            client,
            policy,
            audit: None,
            guard: ChangeGuard::default(),
            fresh: Arc::default(),
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

    /// `id` as the server has it now: the copy a write is checked against
    /// (see [`FRESH_WINDOW`] for a server that reads only by search).
    pub async fn read_fresh(&self, id: &str) -> Result<IntegrationRequest, ApiError> {
        self.fresh.read(&self.client, self.policy, id).await
    }

    /// `id` read after `sent`, to learn what a write whose answer was lost did.
    pub(crate) async fn read_after(
        &self,
        id: &str,
        sent: Instant,
    ) -> Result<IntegrationRequest, ApiError> {
        self.fresh
            .read_after(&self.client, self.policy, id, sent)
            .await
    }

    /// The server's answer to a write: later fresh reads see it.
    pub(crate) fn wrote(&self, r: &IntegrationRequest) {
        self.fresh.note(r);
        if let Some(by) = r.updated_by.as_deref() {
            self.client.learn_own_crn(by);
        }
    }

    fn audited(&self) -> Audited<'_> {
        Audited::new(self.audit.as_ref())
    }
}
