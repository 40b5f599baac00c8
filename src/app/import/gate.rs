//! The import preview's answers. On production, an import's "set, then activate" (`a` in the preview)
//! over more than `confirm_typed_over` requests asks for the count that
//! will be activated before anything is sent: the sets are part of the same
//! confirmed action, so the count comes before the first of them.

use crate::app::answer::Answer;
use crate::app::command::Command;
use crate::app::read_only;
use crate::app::state::{App, Asking, Mode};
use crate::app::typed_count::TypedCount;

use super::flow::{apply, close};

/// `a` in the preview: set the rows and activate them, or first ask for
/// their count when production requires it.
fn set_and_activate(app: &mut App) -> Vec<Command> {
    let will_activate = app
        .import
        .as_ref()
        .map_or(0, |run| run.plan.to_activate().count());
    if !app.config.safety.needs_typed_count(will_activate) {
        return apply(app, true);
    }
    // Read-only refuses before asking for a count it would not act on.
    if read_only::refuse(app, "import terminalIds") {
        return Vec::new();
    }
    app.mode = Mode::Asking(Asking::Import {
        typed: Some(TypedCount::default()),
    });
    Vec::new()
}

/// The answer to the import preview: set (`y`), set then activate (`a`),
/// or leave with nothing sent.
pub(in crate::app) fn answered(app: &mut App, answer: Answer) -> Vec<Command> {
    match answer {
        Answer::Yes => apply(app, false),
        Answer::Alt => set_and_activate(app),
        Answer::No => {
            close(app);
            app.info("Import cancelled; nothing was sent.");
            Vec::new()
        }
    }
}

/// The count was typed right (Enter): set and activate; Esc goes back to
/// the preview with nothing sent.
pub(in crate::app) fn count_answered(app: &mut App, answer: Answer) -> Vec<Command> {
    app.mode = Mode::Asking(Asking::Import { typed: None });
    if answer == Answer::No {
        return Vec::new();
    }
    apply(app, true)
}
