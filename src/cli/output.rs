//! How results are printed: tables for people, JSON and CSV for scripts.

use std::io::{self, Write};

use chrono::{DateTime, Utc};

use crate::api::IntegrationRequest;

pub(crate) use crate::text::clean;
use crate::text::{self, age};

pub fn table(
    out: &mut impl Write,
    items: &[IntegrationRequest],
    merchants: &crate::api::Merchants,
    now: &DateTime<Utc>,
) -> io::Result<()> {
    let headers = [
        "ID", "STATUS", "TYPE", "MERCHANT", "NAME", "ACCOUNT", "TERMINAL", "AGE",
    ];
    let rows: Vec<[String; 8]> = items
        .iter()
        .map(|r| {
            [
                clean(&r.id),
                clean(r.status.as_str()),
                clean(r.kind.as_str()),
                clean(&r.merchant_id),
                merchants.get(&r.merchant_id).map_or_else(
                    || "-".to_string(),
                    |m| clean(&m.name) + if m.test { " [TEST]" } else { "" },
                ),
                clean(&r.account_id),
                clean(r.effective_terminal_id().unwrap_or("-")),
                r.created_at
                    .map_or_else(|| "-".to_string(), |t| age(*now, t)),
            ]
        })
        .collect();
    aligned(out, &headers, &rows, terminal_columns())
}

/// The widest a cell is shown; a longer one ends in `…`.
pub(crate) const MAX_CELL: usize = 40;

/// The narrowest the widest column is squeezed to when fitting a terminal.
const MIN_FITTED: usize = 8;

/// Columns padded to their widest cell in terminal columns (wide and
/// zero-width characters counted as a terminal draws them), two spaces
/// apart, each capped at [`MAX_CELL`]; with `fit`, the widest columns give
/// way until a line fits that many columns.
pub(crate) fn aligned<const N: usize>(
    out: &mut impl Write,
    headers: &[&str; N],
    rows: &[[String; N]],
    fit: Option<usize>,
) -> io::Result<()> {
    let widths = widths(headers, rows, fit);
    let mut line = |cells: &mut dyn Iterator<Item = &str>| -> io::Result<()> {
        let mut s = String::new();
        for (cell, w) in cells.zip(widths.iter()) {
            s.push_str(&text::pad(&text::clip(cell, *w), *w));
            s.push_str("  ");
        }
        writeln!(out, "{}", s.trim_end())
    };
    line(&mut headers.iter().copied())?;
    for row in rows {
        line(&mut row.iter().map(String::as_str))?;
    }
    Ok(())
}

fn widths<const N: usize>(
    headers: &[&str; N],
    rows: &[[String; N]],
    fit: Option<usize>,
) -> [usize; N] {
    let mut widths = headers.map(text::width);
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row.iter()) {
            *w = (*w).max(text::width(cell).min(MAX_CELL));
        }
    }
    let Some(room) = fit else {
        return widths;
    };
    let gaps = 2 * N.saturating_sub(1);
    // Take a column from the widest until the line fits or none can give.
    while widths.iter().sum::<usize>() + gaps > room {
        let Some(widest) = (0..N).max_by_key(|&i| widths[i]) else {
            break;
        };
        if widths[widest] <= MIN_FITTED {
            break;
        }
        widths[widest] -= 1;
    }
    widths
}

/// The width of the terminal stdout is, when it is one: a table for a
/// person fits it; piped, it keeps every column at its capped width.
pub(crate) fn terminal_columns() -> Option<usize> {
    use std::io::IsTerminal;
    if !io::stdout().is_terminal() {
        return None;
    }
    crossterm::terminal::size()
        .ok()
        .map(|(w, _)| usize::from(w))
}

pub fn json<T: serde::Serialize>(out: &mut impl Write, value: &T) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value).map_err(io::Error::other)?;
    writeln!(out)
}

/// `key: value` lines for `intake show`; `merchant` when its name could be
/// looked up (else the id stands in).
pub fn detail(
    out: &mut impl Write,
    r: &IntegrationRequest,
    merchant: Option<&crate::api::Merchant>,
    now: &DateTime<Utc>,
) -> io::Result<()> {
    // A timestamp the server left out shows as `-`, as every missing field.
    let local = |t: &Option<DateTime<Utc>>| {
        t.map_or_else(
            || "-".to_string(),
            |t| {
                format!(
                    "{} ({} ago)",
                    t.with_timezone(&chrono::Local)
                        .format("%Y-%m-%d %H:%M:%S %Z"),
                    age(*now, t)
                )
            },
        )
    };
    let mut fields: Vec<(&str, String)> = vec![
        ("id", clean(&r.id)),
        ("status", clean(r.status.as_str())),
        ("type", clean(r.kind.as_str())),
        (
            "merchant",
            merchant.map_or_else(|| clean(&r.merchant_id), |m| clean(&m.name)),
        ),
        ("merchantId", clean(&r.merchant_id)),
        ("accountId", clean(&r.account_id)),
        (
            "terminalId",
            clean(r.effective_terminal_id().unwrap_or("-")),
        ),
    ];
    fields.push(("deviceId", clean(r.device_id().unwrap_or("-"))));
    fields.push(("product", clean(r.product_name().unwrap_or("-"))));
    fields.push(("createdAt", local(&r.created_at)));
    fields.push(("createdBy", clean(r.created_by.as_deref().unwrap_or("-"))));
    fields.push(("updatedAt", local(&r.updated_at)));
    fields.push(("updatedBy", clean(r.updated_by.as_deref().unwrap_or("-"))));
    let activation = match crate::domain::readiness::warning(r) {
        Some(w) => format!("{} ({w})", crate::domain::readiness::text(r)),
        None => crate::domain::readiness::text(r),
    };
    fields.push(("activation", activation));
    for (k, v) in fields {
        writeln!(out, "{k:<11} {v}")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table_of(names: &[&str], fit: Option<usize>) -> String {
        let headers = ["NAME", "ACCOUNT"];
        let rows: Vec<[String; 2]> = names
            .iter()
            .map(|n| [clean(n), "Acc1".to_string()])
            .collect();
        let mut out = Vec::new();
        aligned(&mut out, &headers, &rows, fit).expect("write");
        String::from_utf8(out).expect("utf-8")
    }

    /// The display column where `needle` starts on `line`.
    fn column_of(line: &str, needle: &str) -> usize {
        let at = line.find(needle).expect("the needle");
        text::width(&line[..at])
    }

    #[test]
    fn columns_line_up_by_display_width_and_long_cells_end_in_an_ellipsis() {
        let long = "x".repeat(600);
        let names = [
            long.as_str(),
            "東京タワー Cafe",
            "Zero\u{200B}width\u{FEFF}",
            "Cafe \u{202E}gnp.exe\u{202C} Ltd",
            "🍣 Sushi",
        ];
        let out = table_of(&names, None);
        let lines: Vec<&str> = out.lines().collect();
        let at = column_of(lines[0], "ACCOUNT");
        for line in &lines[1..] {
            assert_eq!(column_of(line, "Acc1"), at, "{out}");
        }
        assert!(lines[1].contains('…'), "{out}");
        assert!(at <= MAX_CELL + 2, "{out}");
        // Nothing hidden reaches the terminal: every character is visible.
        assert!(
            out.chars().all(|c| c == '\n' || text::pasteable(c)),
            "{out}"
        );
    }

    #[test]
    fn a_table_for_a_terminal_fits_its_width() {
        let long = "y".repeat(100);
        let out = table_of(&[long.as_str()], Some(30));
        for line in out.lines() {
            assert!(text::width(line) <= 30, "{line:?}");
        }
    }
}
