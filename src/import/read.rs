//! Reading the rows of a CSV file with a header row.

use std::io::Read;

use super::{Row, RowData};
use crate::api::IntegrationType;
use crate::domain::validate::check_id;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Id,
    MerchantId,
    Type,
    TerminalId,
    /// Another column of intake's own export (`status`, `merchantName`…):
    /// read past, so an export read back still works.
    Exported,
}

impl Column {
    fn name(self) -> &'static str {
        match self {
            Column::Id => "id",
            Column::MerchantId => "merchantId",
            Column::Type => "type",
            Column::TerminalId => "terminalId",
            Column::Exported => "exported",
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
            other => crate::export::CSV_HEADER
                .iter()
                .any(|h| h.to_lowercase() == other)
                .then_some(Column::Exported),
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
            if col != Column::Exported && positions.iter().any(|(c, _)| *c == col) {
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

    /// The cell, trimmed, without the `'` intake's own CSV puts before a
    /// value a spreadsheet would run as a formula, so an export reads back.
    fn cell<'r>(&self, record: &'r csv::StringRecord, col: Column) -> &'r str {
        let cell = self
            .positions
            .iter()
            .find(|(c, _)| *c == col)
            .and_then(|(_, i)| record.get(*i))
            .unwrap_or("")
            .trim();
        cell.strip_prefix('\'').unwrap_or(cell)
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
            Some(parse_type(kind))
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

/// Any type is taken, as the console and `intake list --type` take it: a
/// row names a request by merchant and type, and a type no revision
/// documents may still be one the server holds. A row whose type matches
/// nothing is reported as not found when the import is planned.
fn parse_type(raw: &str) -> IntegrationType {
    IntegrationType::parse(raw.trim().to_ascii_lowercase().as_str())
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
