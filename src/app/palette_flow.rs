//! The command palette opened from the list: every action the key table
//! binds there (beside a running bulk run, the running list's), with the
//! operator's own commands, each with its keys as bound now. Its Enter
//! hands the chosen intent back to `update`, which runs it as the key's
//! press would run it, through the same path: the same questions, typed
//! counts and read-only refusals.

use crate::keys::{Intent, Press, Scope};

use super::keys::nav_of;
use super::palette::{Palette, PaletteEntry};
use super::state::{App, Mode};

/// Open the palette over the list.
pub(super) fn open(app: &mut App) {
    let entries = entries(app, app.scope());
    app.mode = Mode::Palette(Box::new(Palette::new(entries)));
}

/// What the palette offers in `scope`, generated from the key table so
/// that every intent bound there appears: the moving keys left out (they
/// move a cursor the palette hides) and the palette itself, each intent
/// once, in the table's order; then the operator's commands, which work
/// in the list and beside a bulk run.
fn entries(app: &App, scope: Scope) -> Vec<PaletteEntry> {
    let keys = &app.config.prefs.keys;
    let mut seen: Vec<Intent> = Vec::new();
    let mut out = Vec::new();
    for b in crate::keys::table::bindings().filter(|b| b.scope == scope) {
        let intent = b.intent;
        if seen.contains(&intent) || nav_of(intent).is_some() || intent == Intent::Palette {
            continue;
        }
        seen.push(intent);
        let Some(words) = words(app, intent) else {
            continue;
        };
        let bound = keys.keys(scope, intent);
        if bound.is_empty() {
            continue;
        }
        out.push(PaletteEntry {
            intent,
            words,
            keys: joined(bound),
        });
    }
    if matches!(scope, Scope::List | Scope::BulkRunning) {
        out.extend(
            keys.custom()
                .enumerate()
                .map(|(i, (k, name))| PaletteEntry {
                    intent: Intent::Custom(i),
                    words: name.to_string(),
                    keys: k.to_string(),
                }),
        );
    }
    out
}

/// What an intent does, in the palette's words; `None` for a view number
/// no view has.
fn words(app: &App, intent: Intent) -> Option<String> {
    match intent {
        Intent::View(n) => {
            let view = app.views.views.get(usize::from(n).checked_sub(1)?)?;
            Some(format!("go to the saved view {}", view.name))
        }
        other => Some(other.help().to_string()),
    }
}

fn joined(keys: &[crate::keys::Key]) -> String {
    keys.iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("/")
}

/// An input while the palette is open: text narrows it, the moving keys
/// choose, Esc closes it. Enter closes it and returns the chosen intent,
/// for `update` to run as its key.
pub(super) fn on_input(app: &mut App, input: Press, mut palette: Box<Palette>) -> Option<Intent> {
    match input {
        Press::Intent(Intent::Cancel) => {
            app.mode = Mode::List;
            return None;
        }
        Press::Intent(Intent::Submit) => {
            if let Some(intent) = palette.chosen() {
                app.mode = Mode::List;
                return Some(intent);
            }
        }
        Press::Intent(i) => {
            if let Some(nav) = nav_of(i) {
                palette.go(nav, palette_page(app));
            }
        }
        Press::Text(k) => palette.key(k),
    }
    app.mode = Mode::Palette(palette);
    None
}

/// The palette's rows on screen, for paging.
fn palette_page(app: &App) -> usize {
    app.viewport.screen.map_or(10, |s| {
        usize::from(super::viewport::palette(s.body)[2].height)
    })
}
