//! Merchant names for display: merchantIds are opaque, so lists show names.

use super::retry::{self, RetryPolicy};
use super::{ApiError, Client, Merchant};

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
