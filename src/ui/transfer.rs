//! The import overlay and the export's replace question: planning, the
//! preview of every row, progress while the terminalIds are set, results.

use std::path::Path;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::app::{
    App, ImportResult, ImportStage, ImportState, Run, RunItem, RunPhase, TypedCount, shown_path,
    viewport,
};
use crate::import::{ImportPlan, RowClass};
use crate::text::count;

use super::dialog::{centered, frame_box, key, keys_line, sized_dialog};
use super::format::{clean, clip};
use super::run::{self, ListEntry};
use super::theme::Theme;
use crate::keys::{Intent, KeyMap, Scope};

/// The export's file is already there: replace it, or choose another name.
pub fn export_overwrite(frame: &mut Frame, area: Rect, app: &App, path: &Path, theme: Theme) {
    const WIDTH: u16 = 64;
    let inner_w = WIDTH.saturating_sub(2) as usize;
    let keys = &app.config.prefs.keys;
    let lines = vec![
        Line::from(Span::styled(clip(&shown_path(path), inner_w), theme.bold())),
        Line::from(format!(
            "already exists. Replace it with the {} shown?",
            count(app.visible_len(), "request", "requests")
        )),
        Line::default(),
        keys_line(
            theme,
            &[
                (
                    &key(keys, Scope::ExportOverwrite, &[Intent::Confirm], "y"),
                    "replace the file",
                ),
                (
                    &key(keys, Scope::ExportOverwrite, &[Intent::Cancel], "n/Esc"),
                    "choose another name",
                ),
            ],
        ),
    ];
    sized_dialog(frame, area, WIDTH, "Replace the file?", lines, theme);
}

/// `read_only`: the preview offers nothing to send.
pub fn overlay(frame: &mut Frame, area: Rect, app: &App, import: &ImportState, theme: Theme) {
    let keys = &app.config().prefs.keys;
    match &import.stage {
        ImportStage::Planning => planning(frame, area, import, keys, theme),
        ImportStage::Preview => {
            let view = Preview {
                typed: app.import_count(),
                read_only: app.config().safety.read_only.is_on(),
                keymap: keys,
            };
            preview(frame, area, app, import, view, theme);
        }
        ImportStage::Sending(run) if run.is_running() => progress(frame, area, import, run, theme),
        ImportStage::Sending(run) => results(frame, area, app, import, run, theme),
    }
}

fn planning(frame: &mut Frame, area: Rect, import: &ImportState, keys: &KeyMap, theme: Theme) {
    let inner = frame_box(frame, centered(area, 64, 6), "Import terminalIds", theme);
    let lines = vec![
        Line::from(Span::styled(
            format!(
                "Reading {} and fetching the current requests…",
                import.path_text()
            ),
            theme.bold(),
        )),
        Line::from("Nothing is sent until you confirm the preview."),
        Line::default(),
        keys_line(
            theme,
            &[(
                &key(keys, Scope::ImportPlanning, &[Intent::Cancel], "Esc"),
                "cancel",
            )],
        ),
    ];
    frame.render_widget(
        Paragraph::new(super::format::shown(lines)).wrap(Wrap { trim: false }),
        inner,
    );
}

fn class_style(class: RowClass, theme: Theme) -> Style {
    match class {
        RowClass::WillSet => theme.ok(),
        RowClass::Unchanged | RowClass::Duplicate => theme.dim(),
        RowClass::Conflicting => theme.warn(),
        RowClass::UnknownRequest | RowClass::Invalid => theme.error(),
    }
}

fn head(width: u16, line: u64, label: &str, who: &str) -> String {
    let w = viewport::import_id_width(width);
    format!("{line:>5} {label:<15} {:<w$} ", clip(&clean(who), w))
}

/// What the preview shows beside the plan: production's typed count,
/// read-only and the keys.
struct Preview<'a> {
    typed: Option<&'a TypedCount>,
    read_only: bool,
    keymap: &'a KeyMap,
}

fn preview(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    import: &ImportState,
    view: Preview<'_>,
    theme: Theme,
) {
    let title = format!("Import preview: {}", import.path_text());
    let inner = frame_box(frame, viewport::big_box(area), &title, theme);
    if inner.height == 0 {
        return;
    }
    let plan = &import.plan;
    let keys = preview_keys(plan, &view);
    let keys: Vec<(&str, &str)> = keys.iter().map(|(k, w)| (k.as_str(), w.as_str())).collect();
    let [top, list, bottom] = viewport::import_preview(area);
    let head_lines = preview_head(plan, theme);
    frame.render_widget(Paragraph::new(head_lines).wrap(Wrap { trim: false }), top);
    frame.render_widget(Paragraph::new(keys_line(theme, &keys)), bottom);
    let entries = preview_rows(app, plan, list.width, theme);
    let lines = run::list_lines(
        &entries,
        viewport::import_head_width(list.width),
        list,
        import.scroll,
    );
    frame.render_widget(Paragraph::new(super::format::shown(lines)), list);
    if let Some(typed) = view.typed {
        super::count::import_count(
            frame,
            area,
            import.plan.to_activate().count(),
            typed,
            view.keymap,
            theme,
        );
    }
}

/// How many rows, that nothing is sent yet, and the count of each class.
fn preview_head(plan: &ImportPlan, theme: Theme) -> Vec<Line<'static>> {
    let counts = RowClass::ALL
        .iter()
        .map(|&c| format!("{} {}", plan.count(c), c.label()))
        .collect::<Vec<_>>()
        .join(" · ");
    vec![
        Line::from(Span::styled(
            format!(
                "{} in the file. Nothing has been sent.",
                count(plan.rows.len(), "row", "rows")
            ),
            theme.bold(),
        )),
        Line::from(counts),
    ]
}

/// The keys the plan allows: set, set then activate, or only close (when
/// read-only or when there is nothing to set).
fn preview_keys(plan: &ImportPlan, view: &Preview<'_>) -> Vec<(String, String)> {
    let k =
        |intent: Intent, default: &str| key(view.keymap, Scope::ImportPreview, &[intent], default);
    let will = plan.count(RowClass::WillSet);
    let activates = plan.to_activate().count();
    let mut keys: Vec<(String, String)> = Vec::new();
    if view.read_only {
        keys.push((
            k(Intent::Cancel, "Esc"),
            "close: read-only, nothing is sent".to_string(),
        ));
    } else if will > 0 || activates > 0 {
        if will > 0 {
            keys.push((
                k(Intent::Confirm, "y/Enter"),
                format!("set {}", count(will, "terminalId", "terminalIds")),
            ));
        }
        if activates > 0 {
            let what = match will {
                0 => format!(
                    "activate {} already set",
                    count(activates, "request", "requests")
                ),
                _ => format!("set, then activate {activates}"),
            };
            keys.push((k(Intent::ConfirmAlt, "a"), what));
        }
        keys.push((k(Intent::Cancel, "Esc"), "cancel".to_string()));
    } else {
        keys.push((
            k(Intent::Cancel, "Esc"),
            "close: nothing to set".to_string(),
        ));
    }
    keys
}

/// Every row of the file: its line, class and request, then why.
fn preview_rows(app: &App, plan: &ImportPlan, width: u16, theme: Theme) -> Vec<ListEntry> {
    plan.rows
        .iter()
        .map(|r| {
            let who =
                r.id.clone()
                    .or_else(|| r.merchant_id.clone())
                    .unwrap_or_else(|| "-".into());
            ListEntry {
                head: head(width, r.line, r.class.label(), &who),
                text: run::named(
                    r.merchant_id.as_deref().map(|m| app.merchant_name(m)),
                    r.preview_text(),
                ),
                style: class_style(r.class, theme),
            }
        })
        .collect()
}

fn progress(
    frame: &mut Frame,
    area: Rect,
    import: &ImportState,
    run: &Run<ImportResult>,
    theme: Theme,
) {
    let inner = frame_box(frame, centered(area, 72, 8), "Import terminalIds", theme);
    if inner.height == 0 {
        return;
    }
    let [status, gauge, counts] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(0),
    ])
    .areas(inner);
    let what = if run.cancel_requested {
        "Cancelling: waiting for the calls in flight to finish…".to_string()
    } else {
        format!(
            "Setting terminalIds from {}{}…",
            import.path_text(),
            if import.activate {
                ", then activating"
            } else {
                ""
            }
        )
    };
    frame.render_widget(
        Paragraph::new(Span::styled(
            clip(&what, status.width as usize),
            theme.bold(),
        )),
        status,
    );
    run::gauge(frame, gauge, run, theme);
    frame.render_widget(
        Paragraph::new(run::counts(run)).wrap(Wrap { trim: false }),
        counts,
    );
}

fn results(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    import: &ImportState,
    run: &Run<ImportResult>,
    theme: Theme,
) {
    let title = match run.phase {
        RunPhase::Finished { cancelled: true } => {
            format!("Import results (cancelled): {}", import.path_text())
        }
        _ => format!("Import results: {}", import.path_text()),
    };
    let title = format!("{title}{}", run::shown_words(run.shown));
    let inner = frame_box(frame, viewport::big_box(area), &title, theme);
    if inner.height == 0 {
        return;
    }
    let [top, list] = viewport::import_results(area);
    run::summary(frame, top, run, theme);
    let row = |i: &RunItem<ImportResult>| {
        let tid = clip(&clean(&i.label.terminal_id), 15);
        head(list.width, i.label.line, &tid, &i.id)
    };
    let head_w = viewport::import_head_width(list.width);
    let merchant = |i: &RunItem<ImportResult>| app.import_merchant(i);
    run::results(frame, list, run, head_w, row, merchant, theme);
}
