//! What the console says about range marking, and the range ended when a
//! change of the rows takes its anchor's request out of the shown rows.

use crate::app::list::RangeOutcome;
use crate::app::state::App;
use crate::text::count;

/// The toast after a range intent: marking says how many; starting says
/// nothing (the status line and the footer show the range).
pub(crate) fn said(app: &mut App, outcome: RangeOutcome) {
    match outcome {
        RangeOutcome::Started => {}
        RangeOutcome::Marked { rows, new } => {
            let already = rows - new;
            let before = if already > 0 {
                format!(" ({already} already were)")
            } else {
                String::new()
            };
            let all = app.marked_len();
            app.info(format!(
                "Marked {}{before}; {all} marked in all.",
                count(rows, "row", "rows")
            ));
        }
        RangeOutcome::Cancelled => app.info("Range cancelled; nothing marked."),
    }
}

/// After any action: a range whose anchor's request left the shown rows
/// (a refresh dropped it, a filter hid it) ends, and the operator is told
/// nothing was marked. True when it ended now.
pub(crate) fn keep(app: &mut App) -> bool {
    let Some(id) = app.list.keep_range() else {
        return false;
    };
    app.info(format!(
        "The range's first row, {}, is no longer shown: range marking ended, nothing marked.",
        crate::text::clean(&id)
    ));
    true
}
