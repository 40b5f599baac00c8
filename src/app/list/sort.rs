//! Sort columns and the row comparison they imply.

use std::cmp::Ordering;

use crate::api::IntegrationRequest;

use super::store::Store;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortKey {
    Status,
    Kind,
    Merchant,
    Account,
    Terminal,
    /// Oldest first, so the requests waiting longest come to the top; the
    /// order of a view without its own.
    #[default]
    Age,
}

impl SortKey {
    pub const ALL: [SortKey; 6] = [
        SortKey::Status,
        SortKey::Kind,
        SortKey::Merchant,
        SortKey::Account,
        SortKey::Terminal,
        SortKey::Age,
    ];

    /// The column's name, as the table's header has it.
    pub fn label(self) -> &'static str {
        match self {
            SortKey::Status => "status",
            SortKey::Kind => "type",
            SortKey::Merchant => "merchant",
            SortKey::Account => "accountId",
            SortKey::Terminal => "terminalId",
            SortKey::Age => "age",
        }
    }

    /// What the order means to the operator: `oldest first`, `merchant A→Z`.
    pub fn describe(self, reverse: bool) -> String {
        match (self, reverse) {
            (SortKey::Age, false) => "oldest first".into(),
            (SortKey::Age, true) => "newest first".into(),
            (key, false) => format!("{} A→Z", key.label()),
            (key, true) => format!("{} Z→A", key.label()),
        }
    }

    /// Whether the column's values read upwards down the table (`▲` beside
    /// its title) or downwards (`▼`). Oldest first puts the biggest ages at
    /// the top, so the age column's values fall.
    pub fn values_rise(self, reverse: bool) -> bool {
        match self {
            SortKey::Age => reverse,
            _ => !reverse,
        }
    }

    pub fn next(self) -> SortKey {
        let i = SortKey::ALL.iter().position(|k| *k == self).unwrap_or(0);
        SortKey::ALL[(i + 1) % SortKey::ALL.len()]
    }
}

/// A row as the sort sees it: the request and the merchant as the table
/// names it (the known name, lowercased, or else the id).
#[derive(Clone, Copy)]
pub struct Sorted<'a> {
    pub req: &'a IntegrationRequest,
    pub merchant: &'a str,
}

impl Store {
    /// Row `i` as the sort sees it.
    pub fn sorted(&self, i: u32) -> Option<Sorted<'_>> {
        let e = self.entry(i)?;
        let name = self.name_of(e);
        Some(Sorted {
            req: &e.req,
            merchant: if name.is_empty() {
                &e.req.merchant_id
            } else {
                name
            },
        })
    }

    /// Rows `a` and `b` in the order `key` (reversed or not) puts them.
    pub fn compare(&self, key: SortKey, reverse: bool, a: u32, b: u32) -> Ordering {
        match (self.sorted(a), self.sorted(b)) {
            (Some(x), Some(y)) => compare(key, reverse, x, y),
            _ => a.cmp(&b),
        }
    }
}

/// Total order: the key, then age, then id, so equal keys never shuffle
/// between recomputes.
pub fn compare(key: SortKey, reverse: bool, a: Sorted, b: Sorted) -> Ordering {
    let (ma, mb) = (a.merchant, b.merchant);
    let (a, b) = (a.req, b.req);
    let primary = match key {
        SortKey::Status => a.status.as_str().cmp(b.status.as_str()),
        SortKey::Kind => a.kind.as_str().cmp(b.kind.as_str()),
        SortKey::Merchant => ma.cmp(mb).then_with(|| a.merchant_id.cmp(&b.merchant_id)),
        SortKey::Account => a.account_id.cmp(&b.account_id),
        SortKey::Terminal => a
            .effective_terminal_id()
            .unwrap_or("")
            .cmp(b.effective_terminal_id().unwrap_or("")),
        SortKey::Age => Ordering::Equal,
    };
    let ord = primary
        .then_with(|| by_created(a, b))
        .then_with(|| a.id.cmp(&b.id));
    let ord = if reverse { ord.reverse() } else { ord };
    // A request without createdAt has no age: under the age sort it goes
    // last whichever way the sort runs, rather than posing as the oldest.
    let missing_last = match key {
        SortKey::Age => a.created_at.is_none().cmp(&b.created_at.is_none()),
        _ => Ordering::Equal,
    };
    missing_last.then(ord)
}

/// Oldest first; a missing createdAt after every known one.
fn by_created(a: &IntegrationRequest, b: &IntegrationRequest) -> Ordering {
    match (a.created_at, b.created_at) {
        (Some(x), Some(y)) => x.cmp(&y),
        (x, y) => x.is_none().cmp(&y.is_none()),
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeDelta;

    use super::*;
    use crate::api::{IntegrationType, Status};
    use crate::testkit::fixtures::req;

    fn ids(mut rows: Vec<IntegrationRequest>, key: SortKey, reverse: bool) -> Vec<String> {
        fn of(req: &IntegrationRequest) -> Sorted<'_> {
            Sorted { req, merchant: "" }
        }
        rows.sort_by(|a, b| compare(key, reverse, of(a), of(b)));
        rows.into_iter().map(|r| r.id).collect()
    }

    #[test]
    fn a_request_without_created_at_sorts_last_by_age_either_way() {
        let row = |id: &str, days: i64| {
            req(
                id,
                IntegrationType::Verifone,
                Status::Pending,
                "m",
                None,
                TimeDelta::days(days),
            )
        };
        let mut unknown = row("unknown", 0);
        unknown.created_at = None;
        let rows = vec![unknown, row("young", 1), row("old", 9)];
        assert_eq!(
            ids(rows.clone(), SortKey::Age, false),
            ["old", "young", "unknown"]
        );
        assert_eq!(ids(rows, SortKey::Age, true), ["young", "old", "unknown"]);
    }
}
