//! Reads for one run of many: where the server cannot read one request by
//! id, each read would be a whole search, so a run searches once and looks
//! ids up in that, searching again once when an id is missing (it may have
//! been created since). Only reads that merely plan use it: a read that
//! decides an outcome (an in-doubt read-back, the check before writing a
//! terminalId, a refusal) is always fresh.

use std::collections::HashMap;

use tokio::sync::Mutex;

use crate::api::retry::{self, RetryPolicy};
use crate::api::revision::ReadWay;
use crate::api::{ApiError, Client, IntegrationRequest};

/// The per-run cache of requests; build one per run.
pub struct RunReads {
    state: Mutex<Cached>,
}

#[derive(Default)]
struct Cached {
    by_id: Option<HashMap<String, IntegrationRequest>>,
    refreshed: bool,
}

impl RunReads {
    pub fn new() -> Self {
        RunReads {
            state: Mutex::new(Cached::default()),
        }
    }

    /// `id` as the run last saw it: from the server where it reads by id,
    /// else from the run's search.
    pub async fn read(
        &self,
        client: &Client,
        policy: RetryPolicy,
        id: &str,
    ) -> Result<IntegrationRequest, ApiError> {
        if client.read_way() == ReadWay::ById {
            return retry::read(policy, || client.get(id)).await;
        }
        let mut cached = self.state.lock().await;
        match client.read_way() {
            ReadWay::Search => {}
            // The first read finds out while the run's others wait, so they
            // use this cache rather than each searching.
            ReadWay::Unknown => return retry::read(policy, || client.get(id)).await,
            ReadWay::ById => {
                drop(cached);
                return retry::read(policy, || client.get(id)).await;
            }
        }
        if cached.by_id.is_none() {
            cached.by_id = Some(search_all(client, policy).await?);
        }
        if let Some(r) = cached.by_id.as_ref().and_then(|m| m.get(id)) {
            return Ok(r.clone());
        }
        if !cached.refreshed {
            cached.refreshed = true;
            cached.by_id = Some(search_all(client, policy).await?);
            if let Some(r) = cached.by_id.as_ref().and_then(|m| m.get(id)) {
                return Ok(r.clone());
            }
        }
        Err(client.unknown_id(id))
    }
}

impl Default for RunReads {
    fn default() -> Self {
        RunReads::new()
    }
}

async fn search_all(
    client: &Client,
    policy: RetryPolicy,
) -> Result<HashMap<String, IntegrationRequest>, ApiError> {
    let all = super::fetch_all_pages(client, policy, client.reading_query()).await?;
    Ok(all.into_iter().map(|r| (r.id.clone(), r)).collect())
}
