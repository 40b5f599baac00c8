//! A simulator, an `Ops` on it and a scratch audit log, for the ops tests.

use std::path::PathBuf;

use chrono::Utc;

use super::{ChangeGuard, Ops};
use crate::api::retry::RetryPolicy;
use crate::api::{Client, IntegrationRequest, IntegrationType, Secret, Status};
use crate::audit::{self, AuditLog, Record};
use crate::safety::ReadOnly;
use crate::sim::{self, SimConfig, SimHandle};

pub(crate) const ACCOUNT: &str = "Jaim1Cu1Q55uooxSens6yk";

pub(crate) fn req(
    id: &str,
    kind: IntegrationType,
    status: Status,
    terminal: Option<&str>,
) -> IntegrationRequest {
    let now = Utc::now();
    IntegrationRequest {
        id: id.into(),
        account_id: ACCOUNT.into(),
        merchant_id: "M1".into(),
        kind,
        status,
        terminal_id: terminal.map(str::to_string),
        created_at: Some(now),
        updated_at: Some(now),
        created_by: None,
        updated_by: None,
        terminal: None,
        product: None,
        as_sent: Default::default(),
    }
}

pub(crate) struct Bench {
    pub sim: SimHandle,
    pub ops: Ops,
    pub log: PathBuf,
}

impl Bench {
    /// A simulator holding exactly `requests`, serving `page_size` a page.
    pub async fn start(requests: Vec<IntegrationRequest>, page_size: usize) -> Bench {
        Bench::start_on(sim::Revision::Both, requests, page_size).await
    }

    /// [`Bench::start`] serving only `revision`'s operations.
    pub async fn start_on(
        revision: sim::Revision,
        requests: Vec<IntegrationRequest>,
        page_size: usize,
    ) -> Bench {
        let sim = sim::start_local(SimConfig {
            seed_count: Some(0),
            page_size,
            revision,
            ..SimConfig::default()
        })
        .await
        .expect("simulator");
        let merchant = sim.merchants()[0].id.clone();
        for mut r in requests {
            r.merchant_id = merchant.clone();
            sim.insert(r);
        }
        let log = std::env::temp_dir()
            .join(format!(
                "intake-ops-{}-{}",
                std::process::id(),
                Utc::now().timestamp_nanos_opt().unwrap_or_default()
            ))
            .join("audit.jsonl");
        let ops = Bench::ops_on(&sim, &log, ReadOnly::default());
        Bench { sim, ops, log }
    }

    /// A simulator holding a pending Windcave request (no terminalId needed) per id.
    pub async fn pending(ids: &[&str]) -> Bench {
        let requests = ids
            .iter()
            .map(|id| req(id, IntegrationType::Windcave, Status::Pending, None))
            .collect();
        Bench::start(requests, 100).await
    }

    pub fn ops_on(sim: &SimHandle, log: &std::path::Path, read_only: ReadOnly) -> Ops {
        let client = Client::new(&sim.base_url(), &Secret::new(sim.api_key())).expect("client");
        let audit = AuditLog::open_at(log, "test", &sim.base_url()).expect("audit log");
        let guard = ChangeGuard {
            read_only,
            profile: "test".into(),
        };
        Ops::new(client, RetryPolicy::NONE, audit, guard)
    }

    pub fn read_only(&self) -> Ops {
        let ro = ReadOnly {
            flag: true,
            profile: false,
        };
        Bench::ops_on(&self.sim, &self.log, ro)
    }

    /// Every audit line so far, oldest first.
    pub fn lines(&self) -> Vec<Record> {
        audit::read_all(&self.log).expect("read the log").0
    }

    /// `outcome id` for each line, e.g. `started R1`, `activated R1`.
    pub fn outcomes(&self) -> Vec<String> {
        self.lines()
            .iter()
            .map(|r| format!("{} {}", r.outcome.as_str(), r.id.as_deref().unwrap_or("-")))
            .collect()
    }

    pub fn terminal_id(&self, id: &str) -> Option<String> {
        let r = self.sim.get(id)?;
        r.effective_terminal_id().map(str::to_string)
    }
}
