//! Merchant names for display: merchantIds are opaque, so lists show names.

use std::collections::{HashMap, HashSet};

use futures_util::StreamExt;

use super::retry::{self, RetryPolicy};
use super::{ApiError, Client, Merchant};

/// Look each distinct merchant up once, a few at a time. A merchant the key
/// cannot see (403/404) is simply absent: callers show its id alone.
pub async fn lookup(
    client: &Client,
    ids: impl IntoIterator<Item = String>,
    concurrency: usize,
) -> HashMap<String, Merchant> {
    let distinct: HashSet<String> = ids.into_iter().collect();
    futures_util::stream::iter(distinct)
        .map(|id| async move {
            fetch(client, RetryPolicy::default(), &id)
                .await
                .map(|m| (id, m))
        })
        .buffer_unordered(concurrency.max(1))
        .filter_map(|x| async move { x })
        .collect()
        .await
}

/// One merchant, or `None` when the key cannot see it or the lookup failed
/// after its retries: callers then show the id alone.
pub async fn fetch(client: &Client, policy: RetryPolicy, id: &str) -> Option<Merchant> {
    match retry::read(policy, || client.merchant(id)).await {
        Ok(m) => Some(m),
        Err(e) => {
            log_miss(id, &e);
            None
        }
    }
}

fn log_miss(id: &str, e: &ApiError) {
    tracing::debug!(merchant = id, error = %e.label(), "merchant name unavailable");
}
