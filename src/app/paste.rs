//! A bracketed paste goes, as text, into the text field that has focus:
//! the filter line, the terminalId form, a path prompt or the command
//! palette's input. It never submits
//! the field, answers a dialog or acts as a key; anywhere else it is
//! dropped with a toast saying so.

use tui_input::{Input, InputRequest};

use crate::domain::validate::validate_terminal_id;
use crate::keys::Intent;
use crate::text::pasteable;

use super::state::{App, Mode};

/// The longest the filter line grows by pasting.
pub(super) const FILTER_MAX: usize = 512;
/// Twice the longest terminalId, so an over-long paste is still reported as
/// too long instead of being cut down to a valid-looking one.
pub(super) const TERMINAL_ID_MAX: usize = 64;
/// Longer than any action's words.
pub(super) const PALETTE_MAX: usize = 200;
/// The longest path Linux accepts.
pub(super) const PATH_MAX: usize = 4096;

/// What a paste did to a field.
struct Pasted {
    /// Characters inserted.
    kept: usize,
    /// Whether more would have fitted had the field been longer.
    cut: bool,
}

/// Put `text` into the focused field, if there is one. Returns no commands
/// by construction: a paste changes only what is on screen.
pub(super) fn on_paste(app: &mut App, text: &str) {
    if app.asking.is_some() {
        ignore(app);
        return;
    }
    let (pasted, field, max) = match &mut app.mode {
        Mode::Filter => {
            let pasted = insert(&mut app.list.filter_input, text, FILTER_MAX);
            let value = app.list.filter_input.value().to_string();
            // The same live refilter as a typed character, and as one it
            // is the operator's choice: the cursor no longer follows the top.
            app.list.stop_following_top();
            app.set_filter_text(&value);
            (pasted, "the filter", FILTER_MAX)
        }
        Mode::Form(form) => {
            let pasted = insert(form.input.paste_target(text), text, TERMINAL_ID_MAX);
            if pasted.kept > 0 {
                // A paste is usually the whole value: check it at once
                // rather than waiting for Enter.
                form.error = validate_terminal_id(&form.kind, form.input.value()).err();
            }
            (pasted, "a terminalId field", TERMINAL_ID_MAX)
        }
        Mode::Prompt(prompt) => {
            let pasted = insert(prompt.input.paste_target(text), text, PATH_MAX);
            if pasted.kept > 0 {
                prompt.error = None;
            }
            (pasted, "the path prompt", PATH_MAX)
        }
        Mode::Palette(palette, _) => {
            let pasted = insert(palette.paste_target(text), text, PALETTE_MAX);
            palette.pasted();
            (pasted, "the command palette", PALETTE_MAX)
        }
        Mode::List => {
            let key = app.config.prefs.keys.short(Intent::Filter);
            app.info(format!(
                "Paste ignored: no text field is open. Press {key} to filter first, then paste."
            ));
            return;
        }
        Mode::Help { .. }
        | Mode::Messages { .. }
        | Mode::Output { .. }
        | Mode::Runs
        | Mode::Columns { .. }
        | Mode::CopyMenu { .. }
        | Mode::Asking(_)
        | Mode::Bulk
        | Mode::Import => {
            ignore(app);
            return;
        }
    };
    if pasted.cut {
        app.info(format!(
            "Only the first {} pasted characters fit: {field} holds at most {max}.",
            pasted.kept
        ));
    } else if pasted.kept == 0 && !text.is_empty() {
        app.info(
            "Nothing pasted: the text held only line breaks, tabs or other invisible characters.",
        );
    }
}

fn ignore(app: &mut App) {
    app.info("Paste ignored: there is no text field here, and pasted text never acts as keys.");
}

/// Insert what `text` has of [`pasteable`] at the cursor, leaving the field
/// at most `max` characters long.
fn insert(input: &mut Input, text: &str, max: usize) -> Pasted {
    let room = max.saturating_sub(input.value().chars().count());
    let mut chars = text.chars().filter(|&c| pasteable(c));
    let mut kept = 0;
    for c in chars.by_ref().take(room) {
        input.handle(InputRequest::InsertChar(c));
        kept += 1;
    }
    Pasted {
        kept,
        cut: chars.next().is_some(),
    }
}
