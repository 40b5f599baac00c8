//! Merchant names for display: merchantIds are opaque, so lists show names.

use std::collections::{HashMap, HashSet};
use std::ops::ControlFlow;
use std::sync::Arc;

use futures_util::{Stream, StreamExt};
use tokio::sync::Semaphore;

use crate::api::retry::RetryPolicy;
use crate::api::{ApiError, Client, IntegrationRequest, Merchant, SearchQuery};

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
        found: impl FnMut(String, Option<Merchant>),
    ) {
        self.each_of(client, policy, futures_util::stream::iter(ids), found)
            .await;
    }

    /// As [`MerchantLookups::each`], for ids that keep arriving until the
    /// stream ends.
    async fn each_of(
        &self,
        client: &Client,
        policy: RetryPolicy,
        ids: impl Stream<Item = String>,
        mut found: impl FnMut(String, Option<Merchant>),
    ) {
        let slots = &self.slots;
        let lookups = ids
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
    ) -> HashMap<String, Merchant> {
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

impl MerchantLookups {
    /// Every page of `query` in the server's order, with the names of its
    /// merchants that are not `known`, each looked up once while the later
    /// pages are still arriving (rather than after the last). Names not
    /// found are absent.
    pub async fn along_pages(
        &self,
        client: &Client,
        policy: RetryPolicy,
        query: SearchQuery,
        known: impl Fn(&str) -> bool,
    ) -> Result<(Vec<IntegrationRequest>, HashMap<String, Merchant>), ApiError> {
        let (tx, rx) = tokio::sync::mpsc::unbounded_channel::<String>();
        let mut all = Vec::new();
        let paging = async {
            let tx = tx;
            let mut asked = HashSet::new();
            super::for_each_page(client, policy, query, |items, _| {
                for r in &items {
                    let id = &r.merchant_id;
                    if !id.is_empty() && !known(id) && asked.insert(id.clone()) {
                        // The receiver outlives this loop; a send cannot fail.
                        let _ = tx.send(id.clone());
                    }
                }
                all.extend(items);
                ControlFlow::Continue(())
            })
            .await
            // `tx` is dropped here, so the lookups end after the last page's.
        };
        let mut names = HashMap::new();
        let ids =
            futures_util::stream::unfold(
                rx,
                |mut rx| async move { rx.recv().await.map(|id| (id, rx)) },
            );
        let looking = self.each_of(client, policy, ids, |id, m| {
            if let Some(m) = m {
                names.insert(id, m);
            }
        });
        let (paged, ()) = tokio::join!(paging, looking);
        paged?;
        Ok((all, names))
    }
}
