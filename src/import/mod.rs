//! Importing terminalIds from a spreadsheet (CSV): reading the rows and
//! planning what would change.
//!
//! Everything here is pure (no HTTP): [`read_rows`] turns a CSV into rows,
//! [`plan`] classifies them against the requests the server currently holds.
//! The CLI (`intake import`) prints the plan and sends its `will set` rows;
//! the console can reuse the same plan.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::api::{IntegrationRequest, IntegrationType};

mod plan;
mod read;
#[cfg(test)]
mod tests;

pub use plan::plan;
pub use read::read_rows;

/// One data row of the file, before it is matched against the server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// 1-based line of the file where the row starts.
    pub line: u64,
    /// What the row asks for, or why it cannot be read.
    pub content: Result<RowData, String>,
}

/// A row that could be read. At least `id`, or both `merchant_id` and
/// `kind`, are present; when `id` is there it decides, and `merchant_id` /
/// `kind` (if also given) must agree with the request it names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowData {
    pub id: Option<String>,
    pub merchant_id: Option<String>,
    pub kind: Option<IntegrationType>,
    /// As written in the file (trimmed); validated against the request's type by [`plan`].
    pub terminal_id: String,
}

/// How a row of the file will be treated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RowClass {
    /// The request has no terminalId; the import sets it.
    WillSet,
    /// The request already has exactly this terminalId.
    Unchanged,
    /// The request already has a different terminalId; it is not overwritten.
    Conflicting,
    /// No request with this id, or with this merchantId and type.
    UnknownRequest,
    /// The same request and terminalId as an earlier row; ignored.
    Duplicate,
    /// The row cannot be used (bad value, or the request appears with different values).
    Invalid,
}

impl RowClass {
    /// Every class, in the order the preview shows them.
    pub const ALL: [RowClass; 6] = [
        RowClass::WillSet,
        RowClass::Unchanged,
        RowClass::Conflicting,
        RowClass::UnknownRequest,
        RowClass::Duplicate,
        RowClass::Invalid,
    ];

    /// A short label for headings and summaries.
    pub fn label(self) -> &'static str {
        match self {
            RowClass::WillSet => "will set",
            RowClass::Unchanged => "unchanged",
            RowClass::Conflicting => "conflicting",
            RowClass::UnknownRequest => "unknown request",
            RowClass::Duplicate => "duplicate",
            RowClass::Invalid => "invalid",
        }
    }
}

/// One row of the file with its classification.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlannedRow {
    /// 1-based line of the file.
    pub line: u64,
    pub class: RowClass,
    /// The request id: the matched request's, or the one the row gave.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub merchant_id: Option<String>,
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<IntegrationType>,
    /// The terminalId the file asks for (normalised when it is valid).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub terminal_id: Option<String>,
    /// The request's terminalId before the import.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub current_terminal_id: Option<String>,
    /// Why the row is not set: a sentence for the operator.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The request the row matched, as the plan read it: the copy an
    /// activation after the import is checked on.
    #[serde(skip)]
    pub request: Option<IntegrationRequest>,
}

impl PlannedRow {
    /// Whether an import with activation activates this row (see
    /// [`ImportPlan::to_activate`]).
    pub fn will_activate(&self) -> bool {
        matches!(self.class, RowClass::WillSet | RowClass::Unchanged)
            && self
                .request
                .as_ref()
                .is_some_and(IntegrationRequest::is_pending)
    }

    /// What the console's preview says about the row.
    pub fn preview_text(&self) -> String {
        let tid = crate::text::clean(self.terminal_id.as_deref().unwrap_or("-"));
        match self.class {
            RowClass::WillSet => format!("set terminalId {tid}"),
            RowClass::Unchanged => format!("already has terminalId {tid}"),
            _ => crate::text::clean(self.reason.as_deref().unwrap_or("")),
        }
    }
}

/// Every row of the file, classified, in file order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ImportPlan {
    pub rows: Vec<PlannedRow>,
}

impl ImportPlan {
    pub fn count(&self, class: RowClass) -> usize {
        self.rows.iter().filter(|r| r.class == class).count()
    }

    /// Count per class, every class present (zero when none).
    pub fn counts(&self) -> BTreeMap<RowClass, usize> {
        RowClass::ALL.iter().map(|&c| (c, self.count(c))).collect()
    }

    pub fn rows_of(&self, class: RowClass) -> impl Iterator<Item = &PlannedRow> {
        self.rows.iter().filter(move |r| r.class == class)
    }

    /// The `(request id, terminalId)` pairs to send, in file order.
    pub fn updates(&self) -> Vec<(&str, &str)> {
        self.rows_of(RowClass::WillSet)
            .filter_map(|r| Some((r.id.as_deref()?, r.terminal_id.as_deref()?)))
            .collect()
    }

    /// The rows an import with activation activates: those whose request
    /// will hold the file's terminalId (set now, or already) and is still
    /// pending, whoever set it. One rule for the CLI and the console.
    pub fn to_activate(&self) -> impl Iterator<Item = &PlannedRow> {
        self.rows.iter().filter(|r| r.will_activate())
    }

    /// `3 will set, 1 unchanged, ...` for the classes that occur.
    pub fn summary(&self) -> String {
        let parts: Vec<String> = RowClass::ALL
            .iter()
            .filter_map(|&c| {
                let n = self.count(c);
                (n > 0).then(|| format!("{n} {}", c.label()))
            })
            .collect();
        if parts.is_empty() {
            "no rows".to_string()
        } else {
            parts.join(", ")
        }
    }
}
