//! The import preview: every row of the file by class, as aligned columns.

use std::io::{self, Write};

use super::super::output::MAX_CELL;
use crate::api::Merchants;
use crate::import::{ImportPlan, PlannedRow, RowClass};
use crate::text::{self, clean, plural};

/// `names` are the merchants whose names could be looked up; the others
/// show by id.
pub(super) fn preview(
    out: &mut impl Write,
    name: &str,
    plan: &ImportPlan,
    names: &Merchants,
    activate: bool,
) -> io::Result<()> {
    let activating: Vec<&PlannedRow> = plan.to_activate().filter(|_| activate).collect();
    let and_activate = match activate {
        true => format!("; {} will activate", activating.len()),
        false => String::new(),
    };
    writeln!(
        out,
        "{}: {} row{}: {}{and_activate}.",
        clean(name),
        plan.rows.len(),
        plural(plan.rows.len()),
        plan.summary()
    )?;
    for class in RowClass::ALL {
        let rows: Vec<&PlannedRow> = plan.rows_of(class).collect();
        if !rows.is_empty() {
            class_section(out, class, &rows, names)?;
        }
    }
    if !activating.is_empty() {
        writeln!(out)?;
        writeln!(
            out,
            "Will activate (pending, and holds the file's terminalId once set) ({})",
            activating.len()
        )?;
        let header = ["LINE", "ID", "TYPE", "MERCHANT", "TERMINALID"];
        let cells: Vec<Vec<String>> = activating.iter().map(|r| cells(r, names)).collect();
        grid(out, &header, &cells)?;
    }
    writeln!(out)
}

/// One class's heading and rows; those not set as they are say why.
fn class_section(
    out: &mut impl Write,
    class: RowClass,
    rows: &[&PlannedRow],
    names: &Merchants,
) -> io::Result<()> {
    let heading = match class {
        RowClass::WillSet => "Will set",
        RowClass::Unchanged => "Unchanged (already has that terminalId)",
        RowClass::Conflicting => "Conflicting (has a different terminalId; not overwritten)",
        RowClass::UnknownRequest => "Unknown request",
        RowClass::Duplicate => "Duplicate (ignored)",
        RowClass::Invalid => "Invalid",
    };
    writeln!(out)?;
    writeln!(out, "{heading} ({})", rows.len())?;
    let with_note = !matches!(class, RowClass::WillSet | RowClass::Unchanged);
    let mut header = vec!["LINE", "ID", "TYPE", "MERCHANT", "TERMINALID"];
    if class == RowClass::Conflicting {
        header.push("CURRENT");
    }
    if with_note {
        header.push("WHY");
    }
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            let mut c = cells(r, names);
            if class == RowClass::Conflicting {
                c.push(clean(r.current_terminal_id.as_deref().unwrap_or("-")));
            }
            if with_note {
                c.push(clean(r.reason.as_deref().unwrap_or("")));
            }
            c
        })
        .collect();
    grid(out, &header, &cells)
}

/// A row's line, request, type, merchant and terminalId.
fn cells(r: &PlannedRow, names: &Merchants) -> Vec<String> {
    let merchant = r
        .merchant_id
        .as_deref()
        .map_or("-", |m| names.get(m).map_or(m, |found| found.name.as_str()));
    vec![
        r.line.to_string(),
        clean(r.id.as_deref().unwrap_or("-")),
        clean(
            r.kind
                .as_ref()
                .map_or("-", crate::api::model::IntegrationType::as_str),
        ),
        clean(merchant),
        clean(r.terminal_id.as_deref().unwrap_or("-")),
    ]
}

/// Left-aligned columns in terminal columns, two spaces apart, indented
/// under a heading; every column but the last (a sentence) capped with `…`.
fn grid(out: &mut impl Write, header: &[&str], rows: &[Vec<String>]) -> io::Result<()> {
    let mut widths: Vec<usize> = header.iter().map(|h| text::width(h)).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(text::width(cell).min(MAX_CELL));
        }
    }
    let line = |out: &mut dyn Write, cells: &[&str]| -> io::Result<()> {
        let mut s = String::from("  ");
        for (i, (cell, w)) in cells.iter().zip(&widths).enumerate() {
            if i + 1 == cells.len() {
                s.push_str(cell);
            } else {
                s.push_str(&text::pad(&text::clip(cell, *w), *w));
                s.push_str("  ");
            }
        }
        writeln!(out, "{}", s.trim_end())
    };
    line(out, header)?;
    for row in rows {
        let cells: Vec<&str> = row.iter().map(String::as_str).collect();
        line(out, &cells)?;
    }
    Ok(())
}
