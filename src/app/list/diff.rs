//! What a refresh changed since the last look: rows new to the list, rows
//! someone else changed (with who and what), and rows that left. Compared
//! by id through the store's index, so a refresh of 100,000 rows costs two
//! passes, never a search per row. The console's own saves and activations
//! have already patched the store, so they compare equal here.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};

use crate::api::IntegrationRequest;

use super::List;

/// Someone else's change to a request, kept until the cursor has been on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OthersChange {
    /// `updatedBy` of the new copy, when the server says.
    pub by: Option<String>,
    /// `updatedAt` of the new copy, when the server says.
    pub at: Option<DateTime<Utc>>,
    /// The shown fields that differ: `terminalId - → T-123; status …`.
    pub what: String,
}

/// The marks a live queue puts on rows until the cursor has been on them.
#[derive(Debug, Clone, Default)]
pub(crate) struct Live {
    pub(crate) new: HashSet<String>,
    pub(crate) changed: HashMap<String, OthersChange>,
    /// The request the cursor was on at the end of the last update: once
    /// the cursor leaves it, it has been seen.
    pub(crate) cursor_was: Option<String>,
}

impl Live {
    pub(crate) fn is_new(&self, id: &str) -> bool {
        self.new.contains(id)
    }

    pub(crate) fn change(&self, id: &str) -> Option<&OthersChange> {
        self.changed.get(id)
    }

    /// Forget every mark (a load of another set of requests).
    pub(crate) fn clear(&mut self) {
        self.new.clear();
        self.changed.clear();
    }

    /// The cursor is now on `cursor`: the row it left has been seen.
    pub(crate) fn cursor_on(&mut self, cursor: Option<&str>) {
        if self.cursor_was.as_deref() == cursor {
            return;
        }
        if let Some(was) = self.cursor_was.take() {
            self.new.remove(&was);
            self.changed.remove(&was);
        }
        self.cursor_was = cursor.map(str::to_string);
    }
}

/// The requests a refresh no longer has.
pub(crate) type Left = Vec<IntegrationRequest>;

impl List {
    /// Compare the rows on screen with a refresh's `items` before they are
    /// swapped in: marks the new and changed rows, and returns the rows
    /// that left.
    pub(crate) fn diff(&mut self, items: &[IntegrationRequest]) -> Left {
        let mut incoming: HashSet<&str> = HashSet::with_capacity(items.len());
        for r in items {
            incoming.insert(r.id.as_str());
            match self.store.by_id(&r.id) {
                None => {
                    self.live.new.insert(r.id.clone());
                }
                Some(old) => {
                    if let Some(what) = what_changed(old, r) {
                        let change = OthersChange {
                            by: r.updated_by.clone(),
                            at: r.updated_at,
                            what,
                        };
                        self.live.changed.insert(r.id.clone(), change);
                    }
                }
            }
        }
        let left: Left = (0..u32::try_from(self.store.len()).unwrap_or(u32::MAX))
            .filter_map(|i| self.store.get(i))
            .filter(|r| !incoming.contains(r.id.as_str()))
            // This console's own activations already show; leaving the
            // pending queue is what they were for.
            .filter(|r| !self.pending_only || r.is_pending())
            .cloned()
            .collect();
        for r in &left {
            self.live.new.remove(&r.id);
            self.live.changed.remove(&r.id);
        }
        left
    }
}

/// The shown fields that differ between `old` and `new`, or `None` when
/// nothing shown (nor `updatedAt`) changed.
fn what_changed(old: &IntegrationRequest, new: &IntegrationRequest) -> Option<String> {
    let mut parts = Vec::new();
    let mut field = |name: &str, a: String, b: String| {
        if a != b {
            parts.push(format!("{name} {a} → {b}"));
        }
    };
    let dash = |v: Option<&str>| v.unwrap_or("-").to_string();
    field("status", old.status.to_string(), new.status.to_string());
    field(
        "terminalId",
        dash(old.effective_terminal_id()),
        dash(new.effective_terminal_id()),
    );
    field("type", old.kind.to_string(), new.kind.to_string());
    field(
        "merchantId",
        old.merchant_id.clone(),
        new.merchant_id.clone(),
    );
    field("accountId", old.account_id.clone(), new.account_id.clone());
    field("deviceId", dash(old.device_id()), dash(new.device_id()));
    field(
        "product",
        dash(old.product_name()),
        dash(new.product_name()),
    );
    if parts.is_empty() && old.updated_at == new.updated_at {
        return None;
    }
    if parts.is_empty() {
        parts.push("updated".to_string());
    }
    Some(parts.join("; "))
}
