//! The bulk activation's confirm: what the run would do and leave out,
//! then its keys.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::fit::{keyed_dialog, rows};
use super::{count_cursor, key, keys_line, push_typed_count};
use crate::app::{App, BulkPlan};
use crate::keys::{Intent, KeyMap, Scope};
use crate::text::count;
use crate::ui::theme::Theme;

pub fn bulk_confirm(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    plan: &BulkPlan,
    keys: &KeyMap,
    theme: Theme,
) {
    let body = bulk_summary(app, plan, theme);
    // The typed count and the keys are what the dialog is for: a small
    // window cuts the summary first.
    let mut tail = Vec::new();
    let count_row = plan.typed.as_deref().map(|typed| {
        tail.push(Line::default());
        push_typed_count(&mut tail, plan.ids.len(), "run", typed, theme)
    });
    tail.push(Line::default());
    tail.extend(bulk_keys(plan, keys, theme));
    let width = 64u16.min(area.width).saturating_sub(2);
    let count_row = count_row.map(|row| rows(&tail[..row], width));
    let title = if plan.reviewing {
        "Bulk activate: last look"
    } else {
        "Bulk activate"
    };
    let fitted = keyed_dialog(frame, area, 64, title, body, tail, theme);
    if let (Some(row), Some(typed)) = (count_row, plan.typed.as_deref()) {
        count_cursor(frame, fitted.keys, usize::from(row), typed);
    }
}

/// What the run would do: how many, and each kind of request it leaves out.
fn bulk_summary(app: &App, plan: &BulkPlan, theme: Theme) -> Vec<Line<'static>> {
    let n = plan.ids.len();
    let mut lines = vec![
        Line::from(Span::styled(
            if plan.retry {
                format!("Retry {}?", count(n, "failed request", "failed requests"))
            } else {
                format!("Activate {}?", count(n, "request", "requests"))
            },
            theme.bold(),
        )),
        Line::default(),
        Line::from(format!(
            "  {} hidden by the current filter.",
            count(plan.hidden, "is", "are")
        )),
        Line::from(format!(
            "  {} not pending and will be skipped.",
            count(plan.not_pending, "is", "are")
        )),
        missing_line(plan),
    ];
    if plan.reviewing {
        lines.push(Line::from(format!(
            "  {} typed: saved just before {} activate{}.",
            count(plan.entered.len(), "terminalId", "terminalIds"),
            if plan.entered.len() == 1 {
                "its request"
            } else {
                "their requests"
            },
            if plan.entered.len() == 1 { "s" } else { "" },
        )));
    }
    if plan.hidden_by_status > 0 {
        lines.insert(
            3,
            Line::from(format!(
                "  ({} in other statuses: p shows every status.)",
                plan.hidden_by_status
            )),
        );
    }
    // One request (`A` on a row with nothing marked): say which, by name.
    if let [id] = plan.ids.as_slice() {
        let named = match app.request(id) {
            Some(r) => format!(
                "  {} {id} · merchant {}",
                r.kind,
                crate::ui::format::clean(app.merchant_name(&r.merchant_id))
            ),
            None => format!("  {id} (no longer in the loaded list)"),
        };
        lines.insert(1, Line::from(named));
    }
    if plan.unknown > 0 {
        lines.push(Line::from(format!(
            "  {} no longer loaded and will be skipped.",
            count(plan.unknown, "is", "are")
        )));
    }
    lines
}

/// The ePay requests without a terminalId; after the forms, those still
/// without one (skipped, or stopped before).
fn missing_line(plan: &BulkPlan) -> Line<'static> {
    let n = plan.missing_terminal.len();
    Line::from(if plan.reviewing {
        format!(
            "  {} still without a terminalId and will be skipped.",
            count(n, "ePay request is", "ePay requests are")
        )
    } else {
        format!(
            "  {} without a terminalId.",
            count(n, "ePay request is", "ePay requests are")
        )
    })
}

/// The keys: run now, enter the missing terminalIds first, or cancel.
fn bulk_keys(plan: &BulkPlan, keys: &KeyMap, theme: Theme) -> Vec<Line<'static>> {
    let scope = if plan.typed.is_some() {
        Scope::BulkCount
    } else {
        Scope::BulkConfirm
    };
    let missing = plan.missing_terminal.len();
    let skip = plan.ids.len() - plan.runnable();
    let mut lines = vec![keys_line(
        theme,
        &[(
            // `y` would be a wrong character in the count, so only Enter runs.
            &key(
                keys,
                scope,
                &[Intent::Confirm],
                if plan.typed.is_some() {
                    "Enter"
                } else {
                    "Enter/y"
                },
            ),
            &format!("run {} now, skipping {skip}", plan.runnable()),
        )],
    )];
    if missing > 0 {
        lines.push(keys_line(
            theme,
            &[(
                &key(keys, scope, &[Intent::EnterMissing], "e"),
                &format!(
                    "enter the {} first, then run",
                    count(missing, "missing terminalId", "missing terminalIds")
                ),
            )],
        ));
    }
    let cancel = if plan.reviewing {
        "cancel the run: nothing has been sent"
    } else {
        "cancel"
    };
    lines.push(keys_line(
        theme,
        &[(&key(keys, scope, &[Intent::Cancel], "Esc"), cancel)],
    ));
    lines
}
