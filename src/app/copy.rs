//! `Y`: the marked (else the shown) rows as the export's CSV, handed back
//! as [`Effect::Copy`] for the terminal layer to put on the clipboard with
//! OSC 52 (`y`'s menu of one request's fields is `copy_menu`). update()
//! only decides what to copy and says so; it never touches the terminal.

use crate::api::IntegrationRequest;
use crate::keys::{Intent, Scope};
use crate::text::count;

use super::command::{Command, Effect};
use super::state::App;

/// The most text one copy sends. Terminals cap an OSC 52 sequence (about
/// 100 kB of base64 in several); this many bytes encode to 100,000. Above
/// it nothing is copied, rather than a CSV cut off mid-row.
pub const MAX_COPY_BYTES: usize = 75_000;

/// `Y`: the marked rows (all of them, hidden ones too, as `A` takes them),
/// or with no marks the rows shown, as CSV with the export's header,
/// columns and merchant names.
pub(super) fn rows(app: &mut App) -> Vec<Command> {
    let marked = app.marked_len() > 0;
    let requests: Vec<IntegrationRequest> = if marked {
        app.list.marked_requests()
    } else {
        app.visible_requests()
    };
    if requests.is_empty() {
        return Vec::new();
    }
    let rows = count(
        requests.len(),
        if marked { "marked row" } else { "row" },
        if marked { "marked rows" } else { "rows" },
    );
    let mut out = Vec::new();
    let text = crate::export::csv(&mut out, &requests, &app.known_merchants())
        .map_err(|e| e.to_string())
        .and_then(|()| String::from_utf8(out).map_err(|e| e.to_string()));
    let text = match text {
        Ok(text) => text,
        Err(e) => {
            app.error(format!(
                "Could not write the {rows} as CSV ({e}); nothing was copied."
            ));
            return Vec::new();
        }
    };
    if text.len() > MAX_COPY_BYTES {
        let export = app.keys_label(Scope::List, &[Intent::Export], "e");
        app.error(format!(
            "The {rows} come to {} kB of CSV, more than the {} kB a terminal takes in one copy, so nothing was copied. Copy fewer (mark some, or narrow the filter) or press {export} to export them to a file.",
            text.len().div_ceil(1000),
            MAX_COPY_BYTES / 1000
        ));
        return Vec::new();
    }
    app.info(format!("Copied {rows} as CSV to the clipboard."));
    vec![Command::Effect(Effect::Copy {
        text,
        what: format!("{rows} as CSV"),
    })]
}
