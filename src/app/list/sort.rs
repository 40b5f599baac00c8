//! Sort columns and the row comparison they imply.

use std::cmp::Ordering;

use crate::api::IntegrationRequest;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    Status,
    Kind,
    Merchant,
    Account,
    Terminal,
    /// Oldest first, so the requests waiting longest come to the top.
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

    pub fn label(self) -> &'static str {
        match self {
            SortKey::Status => "status",
            SortKey::Kind => "type",
            SortKey::Merchant => "merchantId",
            SortKey::Account => "accountId",
            SortKey::Terminal => "terminalId",
            SortKey::Age => "age",
        }
    }

    pub fn next(self) -> SortKey {
        let i = SortKey::ALL.iter().position(|k| *k == self).unwrap_or(0);
        SortKey::ALL[(i + 1) % SortKey::ALL.len()]
    }
}

/// Total order: the key, then age, then id, so equal keys never shuffle
/// between recomputes.
pub fn compare(
    key: SortKey,
    reverse: bool,
    a: &IntegrationRequest,
    b: &IntegrationRequest,
) -> Ordering {
    let primary = match key {
        SortKey::Status => a.status.as_str().cmp(b.status.as_str()),
        SortKey::Kind => a.kind.as_str().cmp(b.kind.as_str()),
        SortKey::Merchant => a.merchant_id.cmp(&b.merchant_id),
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
        rows.sort_by(|a, b| compare(key, reverse, a, b));
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
