//! Merchant names for display: merchantIds are opaque, so lists show names.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use futures_util::StreamExt;
use tokio::sync::Semaphore;

use crate::api::retry::RetryPolicy;
use crate::api::{Client, Merchant, Merchants};

/// Lookups a few at a time; clones share the permits, so every caller
/// together stays within the bound.
#[derive(Clone)]
pub struct MerchantLookups {
    slots: Arc<Semaphore>,
    per_call: usize,
}

impl MerchantLookups {
    pub fn new(concurrency: usize) -> Self {
        let n = concurrency.max(1);
        MerchantLookups {
            slots: Arc::new(Semaphore::new(n)),
            per_call: n,
        }
    }

    /// Look each id up and hand over what was found; `None` when the key
    /// cannot see it or the lookup failed after its retries.
    pub async fn each(
        &self,
        client: &Client,
        policy: RetryPolicy,
        ids: impl IntoIterator<Item = String>,
        mut found: impl FnMut(String, Option<Merchant>),
    ) {
        let slots = &self.slots;
        let lookups = futures_util::stream::iter(ids)
            .map(|id| async move {
                // Closed only if dropped mid-call; then nobody listens.
                let Ok(_permit) = slots.acquire().await else {
                    return (id, None);
                };
                let merchant = crate::api::merchants::fetch(client, policy, &id).await;
                (id, merchant)
            })
            .buffer_unordered(self.per_call);
        let mut lookups = std::pin::pin!(lookups);
        while let Some((id, merchant)) = lookups.next().await {
            found(id, merchant);
        }
    }

    /// Each distinct merchant once; those not found are absent, and callers
    /// show the id alone.
    pub async fn names(
        &self,
        client: &Client,
        policy: RetryPolicy,
        ids: impl IntoIterator<Item = String>,
    ) -> Merchants {
        let distinct: HashSet<String> = ids.into_iter().collect();
        let mut names = HashMap::new();
        self.each(client, policy, distinct, |id, m| {
            if let Some(m) = m {
                names.insert(id, m);
            }
        })
        .await;
        names
    }
}
