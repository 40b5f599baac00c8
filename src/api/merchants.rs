//! Merchant names for display: merchantIds are opaque, so lists show names.

use std::collections::HashMap;

use super::retry::{self, RetryPolicy};
use super::{ApiError, Client, Merchant};

/// Merchants whose names are known, by merchantId: what lookups found
/// (`ops::MerchantLookups::names`, `NameLookup::many`), the fresh names the
/// disk cache holds (`NameCache::fresh`) and those the console knows
/// (`App::known_merchants`), as `intake list`'s table, the `intake import`
/// preview and every export (`e`, `Y`, `--csv`, `--json`) take them. A
/// merchant absent from it is shown by its id.
///
/// The other holders of merchant names each keep something this does not:
/// - [`MerchantAnswers`]: lookups answered, those not found included, as the
///   console's worker sends them on in batches;
/// - `app::list::MerchantInfo`: what the console knows of each merchant this
///   session (asked and waiting, known, or unseen by the key and never asked
///   again);
/// - `app::list::Store`'s names by slot: lowercased, for the filter and the
///   merchant sort, an index away from each row;
/// - the disk cache's entries: each name with when it was fetched.
pub type Merchants = HashMap<String, Merchant>;

/// Merchant lookups answered, by merchantId: the merchant, or `None` when
/// the key cannot see it or the lookup failed after its retries (shown by
/// its id, and the console asks no more).
pub type MerchantAnswers = Vec<(String, Option<Merchant>)>;

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
