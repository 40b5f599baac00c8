//! Classifying the rows of a file against the requests the server holds.

use std::collections::HashMap;

use super::{ImportPlan, PlannedRow, Row, RowClass, RowData};
use crate::api::{IntegrationRequest, IntegrationType};
use crate::domain::validate::validate_terminal_id;

/// A row matched to a request, before duplicates and current values are considered.
struct Matched<'a> {
    request: &'a IntegrationRequest,
    terminal_id: String,
}

/// The server's requests by id and by (merchant, type).
struct Index<'a> {
    by_id: HashMap<&'a str, &'a IntegrationRequest>,
    by_pair: HashMap<(&'a str, &'a IntegrationType), Vec<&'a IntegrationRequest>>,
}

/// Classify every row against the requests the server holds now.
pub fn plan(rows: &[Row], current: &[IntegrationRequest]) -> ImportPlan {
    let index = Index::new(current);
    // First pass: match each row to a request and validate its terminalId.
    let (mut planned, matched): (Vec<PlannedRow>, Vec<Option<Matched<'_>>>) =
        rows.iter().map(|row| match_row(row, &index)).unzip();
    // Rows naming the same request: identical repeats are ignored, different
    // values make every row for that request invalid (which one is right?).
    let mut groups: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, m) in matched.iter().enumerate() {
        if let Some(m) = m {
            groups.entry(m.request.id.as_str()).or_default().push(i);
        }
    }
    for (i, m) in matched.iter().enumerate() {
        let Some(m) = m else { continue };
        let group = groups
            .get(m.request.id.as_str())
            .map_or(&[][..], Vec::as_slice);
        classify(&mut planned[i], i, m, group, rows, &matched);
    }
    ImportPlan { rows: planned }
}

impl<'a> Index<'a> {
    fn new(current: &'a [IntegrationRequest]) -> Index<'a> {
        let by_id = current.iter().map(|r| (r.id.as_str(), r)).collect();
        let mut by_pair: HashMap<_, Vec<_>> = HashMap::new();
        for r in current {
            by_pair
                .entry((r.merchant_id.as_str(), &r.kind))
                .or_default()
                .push(r);
        }
        Index { by_id, by_pair }
    }
}

/// One row as planned on its own, and the request it names with its valid
/// terminalId (`None` when the row is already decided: unreadable, no such
/// request, or a terminalId the request's type refuses).
fn match_row<'a>(row: &Row, index: &Index<'a>) -> (PlannedRow, Option<Matched<'a>>) {
    let mut out = PlannedRow {
        line: row.line,
        class: RowClass::Invalid,
        id: None,
        merchant_id: None,
        kind: None,
        terminal_id: None,
        current_terminal_id: None,
        reason: None,
        request: None,
    };
    let data = match &row.content {
        Ok(d) => d,
        Err(reason) => {
            out.reason = Some(reason.clone());
            return (out, None);
        }
    };
    out.id = data.id.clone();
    out.merchant_id = data.merchant_id.clone();
    out.kind = data.kind.clone();
    out.terminal_id = Some(data.terminal_id.clone());
    let request = match resolve(data, index) {
        Err((class, reason)) => {
            out.class = class;
            out.reason = Some(reason);
            return (out, None);
        }
        Ok(request) => request,
    };
    out.id = Some(request.id.clone());
    out.merchant_id = Some(request.merchant_id.clone());
    out.kind = Some(request.kind.clone());
    out.current_terminal_id = request.effective_terminal_id().map(str::to_string);
    out.request = Some(request.clone());
    match validate_terminal_id(&request.kind, &data.terminal_id) {
        Err(reason) => {
            out.reason = Some(reason);
            (out, None)
        }
        Ok(tid) => {
            out.terminal_id = Some(tid.clone());
            let matched = Matched {
                request,
                terminal_id: tid,
            };
            (out, Some(matched))
        }
    }
}

/// The class of matched row `i` among `group`, the rows naming its request.
fn classify(
    out: &mut PlannedRow,
    i: usize,
    m: &Matched<'_>,
    group: &[usize],
    rows: &[Row],
    matched: &[Option<Matched<'_>>],
) {
    let first = group.first().copied().unwrap_or(i);
    let differing = group.iter().any(|&j| {
        matched[j]
            .as_ref()
            .is_some_and(|o| o.terminal_id != m.terminal_id)
    });
    if differing {
        let lines: Vec<String> = group.iter().map(|&j| rows[j].line.to_string()).collect();
        out.class = RowClass::Invalid;
        out.reason = Some(format!(
            "Request {} appears on lines {} with different terminalIds; keep one row for it and import again.",
            m.request.id,
            lines.join(", ")
        ));
        return;
    }
    if first != i {
        out.class = RowClass::Duplicate;
        out.reason = Some(format!(
            "Same request and terminalId as line {}; ignored.",
            rows[first].line
        ));
        return;
    }
    match m.request.effective_terminal_id() {
        None => out.class = RowClass::WillSet,
        Some(c) if c == m.terminal_id => out.class = RowClass::Unchanged,
        Some(c) => {
            out.class = RowClass::Conflicting;
            out.reason = Some(format!(
                "It already has terminalId {c}; not overwritten. If the file is right, replace it with `intake update {} --terminal-id {} --force`.",
                m.request.id, m.terminal_id
            ));
        }
    }
}

fn resolve<'a>(
    data: &RowData,
    index: &Index<'a>,
) -> Result<&'a IntegrationRequest, (RowClass, String)> {
    if let Some(id) = &data.id {
        let Some(&r) = index.by_id.get(id.as_str()) else {
            return Err((
                RowClass::UnknownRequest,
                format!(
                    "No integration request {id} in this account; check the id and the profile's account."
                ),
            ));
        };
        if let Some(m) = data.merchant_id.as_deref().filter(|m| *m != r.merchant_id) {
            return Err((
                RowClass::Invalid,
                format!(
                    "Request {id} belongs to merchant {}, not {m}; fix the id or the merchantId.",
                    r.merchant_id
                ),
            ));
        }
        if let Some(k) = data.kind.as_ref().filter(|k| **k != r.kind) {
            return Err((
                RowClass::Invalid,
                format!(
                    "Request {id} is of type {}, not {k}; fix the id or the type.",
                    r.kind
                ),
            ));
        }
        return Ok(r);
    }
    let (Some(merchant), Some(kind)) = (data.merchant_id.as_deref(), data.kind.as_ref()) else {
        return Err((
            RowClass::Invalid,
            "The row names no request; fill in the id, or the merchantId and type.".to_string(),
        ));
    };
    match index.by_pair.get(&(merchant, kind)).map(Vec::as_slice) {
        None | Some([]) => Err((
            RowClass::UnknownRequest,
            format!(
                "No {kind} integration request for merchant {merchant} in this account; check the merchantId and type."
            ),
        )),
        Some([r]) => Ok(r),
        Some(many) => Err((
            RowClass::Invalid,
            format!(
                "{} {kind} requests exist for merchant {merchant}; use the id column to say which one.",
                many.len()
            ),
        )),
    }
}
