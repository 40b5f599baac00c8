//! How results are printed: tables for people, JSON and CSV for scripts.

use std::io::{self, Write};

use chrono::{DateTime, Utc};

use crate::api::IntegrationRequest;

use crate::text::age;
pub(crate) use crate::text::clean;

pub fn table(
    out: &mut impl Write,
    items: &[IntegrationRequest],
    merchants: &crate::export::Merchants,
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
    aligned(out, &headers, &rows)
}

/// Columns padded to their widest cell, two spaces apart, for people.
pub(crate) fn aligned<const N: usize>(
    out: &mut impl Write,
    headers: &[&str; N],
    rows: &[[String; N]],
) -> io::Result<()> {
    let mut widths = headers.map(|h| h.chars().count());
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row.iter()) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let mut line = |cells: &mut dyn Iterator<Item = &str>| -> io::Result<()> {
        let mut s = String::new();
        for (cell, w) in cells.zip(widths.iter()) {
            s.push_str(&format!("{cell:<w$}  "));
        }
        writeln!(out, "{}", s.trim_end())
    };
    line(&mut headers.iter().copied())?;
    for row in rows {
        line(&mut row.iter().map(String::as_str))?;
    }
    Ok(())
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
    fields.push(("activation", crate::ops::readiness::text(r)));
    for (k, v) in fields {
        writeln!(out, "{k:<11} {v}")?;
    }
    Ok(())
}
