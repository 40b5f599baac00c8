//! Where a bulk run's progress goes: lines of their own above the status
//! line while it runs, so the list, the detail pane and help stay usable.

use ratatui::layout::Rect;

use crate::app::run::Run;
use crate::app::state::App;
use crate::app::viewport::Viewport;

/// The gauge, then the ids in flight.
const PROGRESS_LINES: u16 = 2;

impl App {
    /// Whether a bulk run is going on (its progress is shown).
    pub fn bulk_running(&self) -> bool {
        self.bulk.as_ref().is_some_and(Run::is_running)
    }

    /// The layout of a screen `area` large as things are now: the view
    /// draws it and update keeps the cursor and scroll positions inside it.
    pub fn layout(&self, area: Rect) -> Viewport {
        let lines = if self.bulk_running() {
            PROGRESS_LINES
        } else {
            0
        };
        Viewport::with_progress(area, lines)
    }
}
