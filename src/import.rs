//! Importing terminalIds from a spreadsheet (CSV): reading the rows and
//! planning what would change.
//!
//! Everything here is pure (no HTTP): [`read_rows`] turns a CSV into rows,
//! [`plan`] classifies them against the requests the server currently holds.
//! The CLI (`intake import`) prints the plan and sends its `will set` rows;
//! the console can reuse the same plan.

use std::collections::{BTreeMap, HashMap};
use std::io::Read;

use serde::Serialize;

use crate::api::{IntegrationRequest, IntegrationType};
use crate::validate::{check_id, validate_terminal_id};

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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Id,
    MerchantId,
    Type,
    TerminalId,
}

impl Column {
    fn name(self) -> &'static str {
        match self {
            Column::Id => "id",
            Column::MerchantId => "merchantId",
            Column::Type => "type",
            Column::TerminalId => "terminalId",
        }
    }

    /// Header names are case-insensitive; `merchant_id`, `Terminal ID` and
    /// the like are accepted too.
    fn parse(raw: &str) -> Option<Column> {
        let key: String = raw
            .trim_start_matches('\u{feff}')
            .chars()
            .filter(|c| !matches!(c, '_' | '-' | ' '))
            .flat_map(char::to_lowercase)
            .collect();
        match key.as_str() {
            "id" => Some(Column::Id),
            "merchantid" => Some(Column::MerchantId),
            "type" => Some(Column::Type),
            "terminalid" => Some(Column::TerminalId),
            _ => None,
        }
    }
}

const COLUMNS_HINT: &str =
    "the header row needs `id` (or `merchantId` and `type`) and `terminalId`, in any order";

/// Where each column sits in a record.
struct Layout {
    positions: Vec<(Column, usize)>,
    width: usize,
}

impl Layout {
    fn from_header(name: &str, header: &csv::StringRecord) -> Result<Layout, String> {
        let mut positions: Vec<(Column, usize)> = Vec::new();
        for (i, raw) in header.iter().enumerate() {
            let Some(col) = Column::parse(raw) else {
                let shown = crate::text::clean(raw);
                return Err(format!(
                    "{name}: the header has an unknown column `{shown}`; {COLUMNS_HINT}."
                ));
            };
            if positions.iter().any(|(c, _)| *c == col) {
                return Err(format!(
                    "{name}: the header names the column `{}` twice; keep one of them.",
                    col.name()
                ));
            }
            positions.push((col, i));
        }
        let has = |c: Column| positions.iter().any(|(p, _)| *p == c);
        if !has(Column::TerminalId) {
            return Err(format!(
                "{name}: the header has no `terminalId` column; {COLUMNS_HINT}."
            ));
        }
        let names_request = has(Column::Id) || (has(Column::MerchantId) && has(Column::Type));
        if !names_request {
            let missing = match (has(Column::MerchantId), has(Column::Type)) {
                (true, false) => "has `merchantId` but no `type` column",
                (false, true) => "has `type` but no `merchantId` column",
                _ => "has neither an `id` column nor `merchantId` and `type` columns",
            };
            return Err(format!("{name}: the header {missing}; {COLUMNS_HINT}."));
        }
        Ok(Layout {
            positions,
            width: header.len(),
        })
    }

    fn cell<'r>(&self, record: &'r csv::StringRecord, col: Column) -> &'r str {
        self.positions
            .iter()
            .find(|(c, _)| *c == col)
            .and_then(|(_, i)| record.get(*i))
            .unwrap_or("")
            .trim()
    }

    /// `None` for a row with nothing in it (skipped like a blank line).
    fn row(&self, record: &csv::StringRecord) -> Option<Result<RowData, String>> {
        if record.iter().all(|f| f.trim().is_empty()) {
            return None;
        }
        if record.len() > self.width {
            return Some(Err(format!(
                "The row has {} fields but the header has {}; check for a stray comma or an unquoted value.",
                record.len(),
                self.width
            )));
        }
        Some(self.row_data(record))
    }

    fn row_data(&self, record: &csv::StringRecord) -> Result<RowData, String> {
        let id = self.cell(record, Column::Id);
        let merchant = self.cell(record, Column::MerchantId);
        let kind = self.cell(record, Column::Type);
        let terminal_id = self.cell(record, Column::TerminalId);
        let id = if id.is_empty() {
            None
        } else {
            check_id("request id", id)?;
            Some(id.to_string())
        };
        let merchant_id = if merchant.is_empty() {
            None
        } else {
            check_id("merchant id", merchant)?;
            Some(merchant.to_string())
        };
        let kind = if kind.is_empty() {
            None
        } else {
            Some(parse_type(kind)?)
        };
        if id.is_none() && (merchant_id.is_none() || kind.is_none()) {
            return Err(match (&merchant_id, &kind) {
                (Some(_), None) => {
                    "The row has a merchantId but no type; fill in the type (e.g. epay) or the request id.".to_string()
                }
                (None, Some(_)) => {
                    "The row has a type but no merchantId; fill in the merchantId or the request id.".to_string()
                }
                _ => "The row names no request; fill in the id, or the merchantId and type."
                    .to_string(),
            });
        }
        if terminal_id.is_empty() {
            return Err("The terminalId is empty; fill it in or remove the row.".to_string());
        }
        Ok(RowData {
            id,
            merchant_id,
            kind,
            terminal_id: terminal_id.to_string(),
        })
    }
}

fn parse_type(raw: &str) -> Result<IntegrationType, String> {
    let t = IntegrationType::parse(raw.to_ascii_lowercase().as_str());
    if let IntegrationType::Unknown(u) = &t {
        let known: Vec<&str> = IntegrationType::KNOWN.iter().map(|k| k.as_str()).collect();
        return Err(format!(
            "`{}` is not an integration type; use one of {}.",
            u.escape_default(),
            known.join(", ")
        ));
    }
    Ok(t)
}

/// The 1-based line a record starts on. The csv crate reports the position
/// where it started looking, which is before any blank lines it skipped, so
/// step over those here.
fn line_of(text: &[u8], position: Option<&csv::Position>) -> u64 {
    let Some(p) = position else { return 0 };
    let mut line = p.line();
    let start = usize::try_from(p.byte()).unwrap_or(usize::MAX);
    let mut rest = text.get(start..).unwrap_or_default().iter().peekable();
    while let Some(&&b) = rest.peek() {
        match b {
            b'\n' => line += 1,
            b'\r' => {}
            _ => break,
        }
        rest.next();
    }
    line
}

/// Read the rows of a CSV with a header row. `name` (the file's path) is
/// used in errors. Blank lines are skipped; a row that cannot be used
/// becomes an `Err` with its line number. The whole read fails only when the
/// file cannot be read or its header is wrong.
pub fn read_rows<R: Read>(name: &str, mut reader: R) -> Result<Vec<Row>, String> {
    let mut text = Vec::new();
    reader.read_to_end(&mut text).map_err(|e| {
        format!("Could not read {name} ({e}); check the path and that the file is readable.")
    })?;
    let text = text.as_slice();
    let mut csv = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text);
    let mut records = csv.records();
    let header = match records.next() {
        None => {
            return Err(format!(
                "{name} is empty; {COLUMNS_HINT}, followed by one row per request."
            ));
        }
        Some(Ok(h)) => h,
        Some(Err(e)) => return Err(read_failure(name, &e)),
    };
    let layout = Layout::from_header(name, &header)?;
    let mut rows = Vec::new();
    for record in records {
        match record {
            Ok(r) => {
                if let Some(content) = layout.row(&r) {
                    rows.push(Row {
                        line: line_of(text, r.position()),
                        content,
                    });
                }
            }
            Err(e) => match e.kind() {
                csv::ErrorKind::Utf8 { pos, .. } => rows.push(Row {
                    line: line_of(text, pos.as_ref()),
                    content: Err(
                        "The row is not valid UTF-8 text; save the spreadsheet as \"CSV UTF-8\"."
                            .to_string(),
                    ),
                }),
                csv::ErrorKind::UnequalLengths { pos, .. } => rows.push(Row {
                    line: line_of(text, pos.as_ref()),
                    content: Err("The row has a different number of fields than the header; check it for stray commas.".to_string()),
                }),
                _ => return Err(read_failure(name, &e)),
            },
        }
    }
    Ok(rows)
}

fn read_failure(name: &str, e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::Io(io) => {
            format!("Could not read {name} ({io}); check the path and that the file is readable.")
        }
        csv::ErrorKind::Utf8 { .. } => format!(
            "{name}: the header row is not valid UTF-8 text; save the spreadsheet as \"CSV UTF-8\"."
        ),
        _ => format!("{name} is not a readable CSV file ({e}); export it again as CSV."),
    }
}

/// A row matched to a request, before duplicates and current values are considered.
struct Matched<'a> {
    request: &'a IntegrationRequest,
    terminal_id: String,
}

/// Classify every row against the requests the server holds now.
pub fn plan(rows: &[Row], current: &[IntegrationRequest]) -> ImportPlan {
    let by_id: HashMap<&str, &IntegrationRequest> =
        current.iter().map(|r| (r.id.as_str(), r)).collect();
    let mut by_pair: HashMap<(&str, &IntegrationType), Vec<&IntegrationRequest>> = HashMap::new();
    for r in current {
        by_pair
            .entry((r.merchant_id.as_str(), &r.kind))
            .or_default()
            .push(r);
    }

    // First pass: match each row to a request and validate its terminalId.
    let mut planned: Vec<PlannedRow> = Vec::with_capacity(rows.len());
    let mut matched: Vec<Option<Matched<'_>>> = Vec::with_capacity(rows.len());
    for row in rows {
        let mut out = PlannedRow {
            line: row.line,
            class: RowClass::Invalid,
            id: None,
            merchant_id: None,
            kind: None,
            terminal_id: None,
            current_terminal_id: None,
            reason: None,
        };
        let data = match &row.content {
            Ok(d) => d,
            Err(reason) => {
                out.reason = Some(reason.clone());
                planned.push(out);
                matched.push(None);
                continue;
            }
        };
        out.id = data.id.clone();
        out.merchant_id = data.merchant_id.clone();
        out.kind = data.kind.clone();
        out.terminal_id = Some(data.terminal_id.clone());
        match resolve(data, &by_id, &by_pair) {
            Err((class, reason)) => {
                out.class = class;
                out.reason = Some(reason);
                planned.push(out);
                matched.push(None);
            }
            Ok(request) => {
                out.id = Some(request.id.clone());
                out.merchant_id = Some(request.merchant_id.clone());
                out.kind = Some(request.kind.clone());
                out.current_terminal_id = request.effective_terminal_id().map(str::to_string);
                match validate_terminal_id(&request.kind, &data.terminal_id) {
                    Err(reason) => {
                        out.reason = Some(reason);
                        planned.push(out);
                        matched.push(None);
                    }
                    Ok(tid) => {
                        out.terminal_id = Some(tid.clone());
                        planned.push(out);
                        matched.push(Some(Matched {
                            request,
                            terminal_id: tid,
                        }));
                    }
                }
            }
        }
    }

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
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        let out = &mut planned[i];
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
            continue;
        }
        if first != i {
            out.class = RowClass::Duplicate;
            out.reason = Some(format!(
                "Same request and terminalId as line {}; ignored.",
                rows[first].line
            ));
            continue;
        }
        match m.request.effective_terminal_id() {
            None => out.class = RowClass::WillSet,
            Some(c) if c == m.terminal_id => out.class = RowClass::Unchanged,
            Some(c) => {
                out.class = RowClass::Conflicting;
                out.reason = Some(format!(
                    "It already has terminalId {c}; not overwritten. If the file is right, change it with `intake update {} --terminal-id {}`.",
                    m.request.id, m.terminal_id
                ));
            }
        }
    }
    ImportPlan { rows: planned }
}

fn resolve<'a>(
    data: &RowData,
    by_id: &HashMap<&str, &'a IntegrationRequest>,
    by_pair: &HashMap<(&str, &IntegrationType), Vec<&'a IntegrationRequest>>,
) -> Result<&'a IntegrationRequest, (RowClass, String)> {
    if let Some(id) = &data.id {
        let Some(&r) = by_id.get(id.as_str()) else {
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
    match by_pair.get(&(merchant, kind)).map(Vec::as_slice) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::Status;

    fn req(
        id: &str,
        merchant: &str,
        kind: IntegrationType,
        tid: Option<&str>,
    ) -> IntegrationRequest {
        let t = chrono::DateTime::parse_from_rfc3339("2024-01-01T00:00:00Z")
            .map(|t| t.with_timezone(&chrono::Utc))
            .unwrap_or_default();
        IntegrationRequest {
            id: id.into(),
            account_id: "acct".into(),
            merchant_id: merchant.into(),
            kind,
            status: Status::Pending,
            terminal_id: tid.map(str::to_string),
            created_at: t,
            updated_at: t,
            created_by: None,
            updated_by: None,
            terminal: None,
            product: None,
        }
    }

    fn current() -> Vec<IntegrationRequest> {
        vec![
            req("R1", "M1", IntegrationType::Epay, None),
            req("R2", "M2", IntegrationType::Epay, None),
            req("R3", "M3", IntegrationType::Verifone, Some("T-3")),
            req("R4", "M4", IntegrationType::Epay, Some("444")),
            req("R5", "M5", IntegrationType::Windcave, None),
            req("R6", "M6", IntegrationType::Epay, None),
        ]
    }

    fn plan_of(text: &str) -> ImportPlan {
        let rows = read_rows("test.csv", text.as_bytes()).expect("readable");
        plan(&rows, &current())
    }

    fn class_at(p: &ImportPlan, line: u64) -> RowClass {
        p.rows
            .iter()
            .find(|r| r.line == line)
            .map(|r| r.class)
            .unwrap_or_else(|| panic!("no row at line {line}: {p:?}"))
    }

    #[test]
    fn every_class_with_line_numbers() {
        let text = "\u{feff}Terminal_ID, ID ,MerchantId,TYPE\n\
                    111,R1,,\n\
                    222,,M2,EPAY\n\
                    T-3,R3,,\n\
                    999,R4,,\n\
                    \n\
                    1,NoSuch,,\n\
                    1,,M9,epay\n\
                    12ab,R6,,\n\
                    1,a/b,,\n\
                    W-1,R5,,\n\
                    W-2,R5,,\n\
                    111,R1,,\n\
                    ,,,\n";
        let p = plan_of(text);
        assert_eq!(class_at(&p, 2), RowClass::WillSet);
        assert_eq!(class_at(&p, 3), RowClass::WillSet);
        assert_eq!(class_at(&p, 4), RowClass::Unchanged);
        assert_eq!(class_at(&p, 5), RowClass::Conflicting);
        assert_eq!(class_at(&p, 7), RowClass::UnknownRequest);
        assert_eq!(class_at(&p, 8), RowClass::UnknownRequest);
        assert_eq!(class_at(&p, 9), RowClass::Invalid);
        assert_eq!(class_at(&p, 10), RowClass::Invalid);
        assert_eq!(class_at(&p, 11), RowClass::Invalid);
        assert_eq!(class_at(&p, 12), RowClass::Invalid);
        assert_eq!(class_at(&p, 13), RowClass::Duplicate);
        assert_eq!(p.rows.len(), 11, "blank rows are skipped");
        assert_eq!(p.updates(), vec![("R1", "111"), ("R2", "222")]);
        let reason = |line| {
            p.rows
                .iter()
                .find(|r| r.line == line)
                .and_then(|r| r.reason.clone())
                .unwrap_or_default()
        };
        assert!(reason(9).contains("digits only"), "{}", reason(9));
        assert!(reason(10).contains("not a valid request id"));
        assert!(reason(11).contains("lines 11, 12"), "{}", reason(11));
        assert!(reason(5).contains("already has terminalId 444"));
        assert_eq!(
            p.summary(),
            "2 will set, 1 unchanged, 1 conflicting, 2 unknown request, 1 duplicate, 4 invalid"
        );
    }

    #[test]
    fn rerunning_after_the_import_changes_nothing() {
        let text = "id,terminalId\nR1,111\nR2,222\n";
        let rows = read_rows("t.csv", text.as_bytes()).expect("readable");
        let mut now = current();
        for r in &mut now {
            match r.id.as_str() {
                "R1" => r.terminal_id = Some("111".into()),
                "R2" => r.terminal_id = Some("222".into()),
                _ => {}
            }
        }
        let p = plan(&rows, &now);
        assert_eq!(p.count(RowClass::Unchanged), 2);
        assert!(p.updates().is_empty());
    }

    #[test]
    fn id_must_agree_with_merchant_and_type_when_given() {
        let p = plan_of("id,merchantId,type,terminalId\nR1,M1,epay,1\nR1,M2,,1\nR5,,epay,1\n");
        assert_eq!(class_at(&p, 2), RowClass::WillSet);
        assert_eq!(class_at(&p, 3), RowClass::Invalid);
        assert_eq!(class_at(&p, 4), RowClass::Invalid);
    }

    #[test]
    fn header_errors_name_the_file() {
        for (text, want) in [
            ("", "is empty"),
            ("id,terminalId,colour\n", "unknown column `colour`"),
            ("id,id,terminalId\n", "twice"),
            ("id,merchant\n", "unknown column"),
            ("id\nR1\n", "no `terminalId` column"),
            ("merchantId,terminalId\n", "no `type` column"),
            ("terminalId\n", "neither an `id` column"),
        ] {
            let e = read_rows("in/file.csv", text.as_bytes()).expect_err(text);
            assert!(e.starts_with("in/file.csv"), "{e}");
            assert!(e.contains(want), "{text:?}: {e}");
        }
    }

    #[test]
    fn bad_rows_keep_their_line_numbers() {
        let rows = read_rows(
            "f.csv",
            "id,terminalId\nR1,1,extra\n\"multi\nline\",2\nR2,\n,,\nR3\n".as_bytes(),
        )
        .expect("readable");
        let lines: Vec<(u64, bool)> = rows.iter().map(|r| (r.line, r.content.is_ok())).collect();
        assert_eq!(lines, vec![(2, false), (3, false), (5, false), (7, false)]);
        let bytes = b"id,terminalId\nR1,\xff\xfe\nR2,5\n";
        let rows = read_rows("f.csv", &bytes[..]).expect("readable");
        assert_eq!(rows.len(), 2);
        assert!(rows[0].content.as_ref().is_err_and(|e| e.contains("UTF-8")));
        assert_eq!(rows[1].line, 3);
    }

    #[test]
    fn ambiguous_merchant_and_type() {
        let mut now = current();
        now.push(req("R7", "M1", IntegrationType::Epay, None));
        let rows = read_rows(
            "t.csv",
            "merchantId,type,terminalId\nM1,epay,5\n".as_bytes(),
        )
        .expect("readable");
        let p = plan(&rows, &now);
        assert_eq!(p.rows[0].class, RowClass::Invalid);
        assert!(
            p.rows[0]
                .reason
                .as_deref()
                .is_some_and(|r| r.contains("use the id column"))
        );
    }
}
