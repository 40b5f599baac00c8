//! The console's merchant names: those kept on disk (fresh ones) are answered
//! at once, the others looked up with the read concurrency, and what was
//! found is saved back after each batch, as `intake list` does.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use tokio::sync::mpsc::UnboundedSender;

use crate::app::ApiEvent;
use crate::names_cache::NameCache;
use crate::ops::{MerchantLookups, Ops};

/// Merchant lookups in flight at once without a profile's `read_concurrency`.
const DEFAULT_READS: usize = 6;

/// Clones share the cache and the lookups' permits.
#[derive(Clone)]
pub struct Names {
    lookups: MerchantLookups,
    cache: Arc<Mutex<NameCache>>,
    /// Batches being looked up; the last to finish writes the file, so a
    /// load of many pages writes it once, not once per page.
    in_flight: Arc<AtomicUsize>,
}

impl Names {
    pub fn new(cache: NameCache, read_concurrency: usize) -> Names {
        Names {
            lookups: MerchantLookups::new(read_concurrency),
            cache: Arc::new(Mutex::new(cache)),
            in_flight: Arc::new(AtomicUsize::new(0)),
        }
    }

    /// No disk cache (tests, benches without one).
    pub fn in_memory() -> Names {
        Names::new(NameCache::off(), DEFAULT_READS)
    }

    /// Answer each of `ids` with an `ApiEvent::Merchant`, in a task of its own.
    pub fn fetch(&self, ops: Ops, events: UnboundedSender<ApiEvent>, ids: Vec<String>) {
        let names = self.clone();
        tokio::spawn(async move {
            let now = chrono::Utc::now();
            let mut missing = Vec::new();
            {
                let cache = names.cache.lock().unwrap_or_else(PoisonError::into_inner);
                for id in ids {
                    match cache.get(&id, now) {
                        Some(m) => {
                            let merchant = Some(m.clone());
                            let _ = events.send(ApiEvent::Merchant {
                                merchant_id: id,
                                merchant,
                            });
                        }
                        None => missing.push(id),
                    }
                }
            }
            if missing.is_empty() {
                return;
            }
            names.in_flight.fetch_add(1, Ordering::SeqCst);
            let mut found = Vec::new();
            names
                .lookups
                .each(
                    ops.client(),
                    ops.policy(),
                    missing,
                    |merchant_id, merchant| {
                        if let Some(m) = &merchant {
                            found.push((merchant_id.clone(), m.clone()));
                        }
                        let _ = events.send(ApiEvent::Merchant {
                            merchant_id,
                            merchant,
                        });
                    },
                )
                .await;
            let fetched = chrono::Utc::now();
            let mut cache = names.cache.lock().unwrap_or_else(PoisonError::into_inner);
            for (id, m) in found {
                cache.put(id, m, fetched);
            }
            // Under the lock, so a batch starting now saves after this one.
            if names.in_flight.fetch_sub(1, Ordering::SeqCst) == 1 {
                cache.save(fetched);
            }
        });
    }
}
