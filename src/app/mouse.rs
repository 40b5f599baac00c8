//! The mouse: a click selects the row drawn under it (the table's place
//! comes from the layout update keeps), the wheel scrolls what has focus.

use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::Position;

use super::keys::Nav;
use super::run::ImportStage;
use super::state::{App, Asking, Mode};

/// Rows moved per mouse wheel notch.
const WHEEL_STEP: usize = 3;

pub(super) fn on_mouse(app: &mut App, m: MouseEvent) {
    match (&mut app.mode, m.kind) {
        (Mode::Help { scroll }, MouseEventKind::ScrollDown) => {
            *scroll = scroll.saturating_add(WHEEL_STEP as u16);
        }
        (Mode::Help { scroll }, MouseEventKind::ScrollUp) => {
            *scroll = scroll.saturating_sub(WHEEL_STEP as u16);
        }
        (
            Mode::Import | Mode::Asking(Asking::Import { .. }),
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp,
        ) => {
            if let Some(import) = app.import.as_mut() {
                let (scroll, len) = match &mut import.stage {
                    ImportStage::Sending(run) => (&mut run.scroll, run.items.len()),
                    _ => (&mut import.scroll, import.plan.rows.len()),
                };
                *scroll = if m.kind == MouseEventKind::ScrollDown {
                    (*scroll + WHEEL_STEP).min(len.saturating_sub(1))
                } else {
                    scroll.saturating_sub(WHEEL_STEP)
                };
            }
        }
        (Mode::Bulk, MouseEventKind::ScrollDown | MouseEventKind::ScrollUp) => {
            if let Some(run) = app.bulk_results_mut() {
                let len = run.shown_items().len();
                run.scroll = if m.kind == MouseEventKind::ScrollDown {
                    (run.scroll + WHEEL_STEP).min(len.saturating_sub(1))
                } else {
                    run.scroll.saturating_sub(WHEEL_STEP)
                };
            }
        }
        // The wheel moves the palette's choice a row a notch, as its arrows do.
        (Mode::Palette(p, _), MouseEventKind::ScrollDown) => p.go(Nav::Down, 1),
        (Mode::Palette(p, _), MouseEventKind::ScrollUp) => p.go(Nav::Up, 1),
        (Mode::List | Mode::Filter, MouseEventKind::Down(MouseButton::Left)) => {
            let Some(area) = app.viewport.table_rows() else {
                return;
            };
            if !area.contains(Position::new(m.column, m.row)) {
                return;
            }
            let pos = app.list.offset + usize::from(m.row - area.y);
            app.list.click_row(pos);
        }
        (Mode::List | Mode::Filter, MouseEventKind::ScrollDown) => {
            for _ in 0..WHEEL_STEP {
                app.list.move_cursor(Nav::Down, app.page());
            }
        }
        (Mode::List | Mode::Filter, MouseEventKind::ScrollUp) => {
            for _ in 0..WHEEL_STEP {
                app.list.move_cursor(Nav::Up, app.page());
            }
        }
        _ => {}
    }
}
