//! The console's merchant names: those kept on disk (fresh ones) are answered
//! at once, the others looked up with the read concurrency and sent on in
//! batches, and what was found is saved back after each batch, as `intake
//! list` does.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use tokio::sync::mpsc::{UnboundedSender, unbounded_channel};

use crate::app::ApiEvent;
use crate::names_cache::NameCache;
use crate::ops::{MerchantLookups, Ops};

/// Merchant lookups in flight at once without a profile's `read_concurrency`.
const DEFAULT_READS: usize = 6;
/// Answers that arrive within this long of one batch go in the next one:
/// at the read concurrency a lookup returns every millisecond or so, and
/// the console takes each batch in one update.
const BATCH_WINDOW: std::time::Duration = std::time::Duration::from_millis(20);
/// Most answers in one batch.
const BATCH_MAX: usize = 4096;

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

    /// Answer each of `ids` in `ApiEvent::Merchants` batches, in a task of
    /// its own: the cached ones at once, the others as their lookups return,
    /// gathered for `BATCH_WINDOW` so a burst of answers is one event.
    pub fn fetch(&self, ops: Ops, events: UnboundedSender<ApiEvent>, ids: Vec<String>) {
        let names = self.clone();
        tokio::spawn(async move {
            let now = chrono::Utc::now();
            let (mut cached, mut missing) = (Vec::new(), Vec::new());
            {
                let cache = names.cache.lock().unwrap_or_else(PoisonError::into_inner);
                for id in ids {
                    match cache.get(&id, now) {
                        Some(m) => cached.push((id, Some(m.clone()))),
                        None => missing.push(id),
                    }
                }
            }
            if !cached.is_empty() {
                let _ = events.send(ApiEvent::Merchants { names: cached });
            }
            if missing.is_empty() {
                return;
            }
            names.in_flight.fetch_add(1, Ordering::SeqCst);
            let mut found = Vec::new();
            let (answers, mut answered) = unbounded_channel();
            let keep = &mut found;
            let lookups = names.lookups.each(
                ops.client(),
                ops.policy(),
                missing,
                // Owns the sender: once the last lookup is in, the batches end.
                move |merchant_id, merchant| {
                    if let Some(m) = &merchant {
                        keep.push((merchant_id.clone(), m.clone()));
                    }
                    let _ = answers.send((merchant_id, merchant));
                },
            );
            let batches = async {
                let mut batch = Vec::new();
                while answered.recv_many(&mut batch, BATCH_MAX).await > 0 {
                    let names = std::mem::take(&mut batch);
                    let _ = events.send(ApiEvent::Merchants { names });
                    tokio::time::sleep(BATCH_WINDOW).await;
                }
            };
            tokio::join!(lookups, batches);
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
