//! Keeping the cursor and every scroll position inside the layout, after
//! every action, so the view only reads them.

use ratatui::layout::Rect;

use crate::text::wrap;

use super::help_layout::HelpLayout;
use super::results_text::row_texts;
use super::run::ImportStage;
use super::run::{Run, RunResult};
use super::state::{App, Asking, Mode};
use super::viewport::{self, Viewport};

impl App {
    /// The terminal is `w`×`h` now.
    pub(crate) fn resize(&mut self, w: u16, h: u16) {
        self.viewport = self.layout(Rect::new(0, 0, w, h));
    }

    /// Rows a page key moves.
    pub(crate) fn page(&self) -> usize {
        self.viewport.page()
    }

    /// The layout update works with; the view draws the same from the size.
    pub fn viewport(&self) -> &Viewport {
        &self.viewport
    }

    /// The cursor on a row, the table scrolled to show it, and each
    /// overlay's list scrolled no further than where its last entries just
    /// fill the view (so scrolling back up moves at once).
    pub(crate) fn keep_in_view(&mut self) {
        let rows = self.viewport.table_body().map(|r| usize::from(r.height));
        self.list.keep_in_view(rows);
        let Some(screen) = self.viewport.screen else {
            return;
        };
        // The panel's lines are built from the whole app, so it is read
        // before the mode is borrowed below.
        if let Mode::Output { scroll } = self.mode {
            let scroll = super::output::keep_in_view(self, scroll, screen.body);
            self.mode = Mode::Output { scroll };
        }
        match &mut self.mode {
            Mode::Palette(palette, _) => {
                let [_, _, rows] = viewport::palette(screen.body);
                let len = palette.len();
                palette.selected = palette.selected.min(len.saturating_sub(1));
                palette.offset = viewport::window_start(
                    palette.offset,
                    palette.selected,
                    len,
                    usize::from(rows.height),
                );
            }
            Mode::Help { scroll } => {
                let max = HelpLayout::of(screen.body, &self.config.prefs.keys).max_scroll();
                *scroll = (*scroll).min(max);
            }
            Mode::Messages { scroll } => {
                super::messages::keep_in_view(scroll, &self.messages, screen.body);
            }
            Mode::Bulk => {
                let [_, list] = viewport::bulk_results(screen.body);
                let head_w = viewport::BULK_HEAD_WIDTH;
                let w = viewport::text_width(list.width, head_w);
                let texts = self
                    .bulk_results()
                    .map(|run| row_texts(run, w, |i| self.bulk_merchant(i)))
                    .unwrap_or_default();
                if let Some(run) = self.bulk_results_mut() {
                    keep_results_in_view(run, &texts, list, head_w);
                }
            }
            Mode::Import | Mode::Asking(Asking::Import { .. }) => {
                let [_, list] = viewport::import_results(screen.body);
                let head_w = viewport::import_head_width(list.width);
                let w = viewport::text_width(list.width, head_w);
                let texts = match self.import.as_ref().map(|i| &i.stage) {
                    Some(ImportStage::Sending(run)) => {
                        row_texts(run, w, |i| self.import_merchant(i))
                    }
                    _ => Vec::new(),
                };
                if let Some(import) = self.import.as_mut() {
                    match &mut import.stage {
                        ImportStage::Preview => {
                            let [_, list, _] = viewport::import_preview(screen.body);
                            let w = import_text_width(list);
                            let max = viewport::max_scroll(
                                import.plan.rows.iter().map(|r| {
                                    viewport::entry_lines(
                                        list.width,
                                        viewport::import_head_width(list.width),
                                        wrap(&r.preview_text(), w).len(),
                                    )
                                }),
                                usize::from(list.height),
                            );
                            import.scroll = import.scroll.min(max);
                        }
                        ImportStage::Sending(run) if !run.is_running() => {
                            keep_results_in_view(run, &texts, list, head_w);
                        }
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
}

/// A finished run's results, whose rows say `texts`, scroll no further
/// than where their last lines just fill `list`.
fn keep_results_in_view<R: RunResult>(
    run: &mut Run<R>,
    texts: &[String],
    list: Rect,
    head_w: usize,
) {
    let w = viewport::text_width(list.width, head_w);
    let max = viewport::max_scroll(
        texts
            .iter()
            .map(|t| viewport::entry_lines(list.width, head_w, wrap(t, w).len())),
        usize::from(list.height),
    );
    run.scroll = run.scroll.min(max);
}

fn import_text_width(list: Rect) -> usize {
    viewport::text_width(list.width, viewport::import_head_width(list.width))
}
