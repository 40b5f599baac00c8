//! One command's merchant names: fresh ones from the cache on disk, the
//! others looked up once each and kept, so the next command asks for none.
//! `intake list`, `show`, `activate` and the `import` preview all go through
//! it (the console's worker shares the cache across tasks its own way).

use std::collections::HashSet;

use chrono::Utc;

use super::NameCache;
use crate::api::retry::RetryPolicy;
use crate::api::{Client, Merchant, Merchants};
use crate::ops::MerchantLookups;

pub struct NameLookup {
    cache: NameCache,
    /// Asked this run and not found (the key cannot see it, or the lookup
    /// failed): not asked again by the same command, never kept on disk.
    missed: HashSet<String>,
}

impl NameLookup {
    pub fn new(cache: NameCache) -> NameLookup {
        NameLookup {
            cache,
            missed: HashSet::new(),
        }
    }

    /// Keep names just found; written by [`NameLookup::save`].
    pub fn keep(&mut self, found: impl IntoIterator<Item = (String, Merchant)>) {
        let fetched = Utc::now();
        for (id, m) in found {
            self.cache.put(id, m, fetched);
        }
    }

    /// The merchant `id`, from the cache or else looked up (once per command).
    pub async fn one(
        &mut self,
        client: &Client,
        policy: RetryPolicy,
        id: &str,
    ) -> Option<Merchant> {
        if let Some(m) = self.cache.get(id, Utc::now()) {
            return Some(m.clone());
        }
        if self.missed.contains(id) {
            return None;
        }
        let found = crate::api::merchants::fetch(client, policy, id).await;
        match &found {
            Some(m) => self.keep([(id.to_string(), m.clone())]),
            None => {
                self.missed.insert(id.to_string());
            }
        }
        found
    }

    /// The merchants of `ids`, each distinct one missing from the cache
    /// looked up with `lookups`; those not found are absent.
    pub async fn many(
        &mut self,
        lookups: &MerchantLookups,
        client: &Client,
        policy: RetryPolicy,
        ids: impl IntoIterator<Item = String>,
    ) -> Merchants {
        let now = Utc::now();
        let mut names = Merchants::new();
        let mut missing = HashSet::new();
        for id in ids {
            if let Some(m) = self.cache.get(&id, now) {
                names.insert(id, m.clone());
            } else if !self.missed.contains(&id) {
                missing.insert(id);
            }
        }
        let found = lookups.names(client, policy, missing.iter().cloned()).await;
        self.missed
            .extend(missing.into_iter().filter(|id| !found.contains_key(id)));
        self.keep(found.clone());
        names.extend(found);
        names
    }

    /// Write what was found (a no-op when nothing was); a failure is logged.
    pub fn save(&mut self) {
        self.cache.save(Utc::now());
    }
}

/// A command that stops early or fails part way still keeps what it found.
impl Drop for NameLookup {
    fn drop(&mut self) {
        self.save();
    }
}
