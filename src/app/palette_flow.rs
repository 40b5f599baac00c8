//! The command palette, opened from any place whose keys act (the list,
//! a panel, help, a run's results): every action the key table binds
//! there (beside a running bulk run, the running list's), with the
//! operator's own commands where they work, each with its keys as bound
//! now. It keeps the place it was opened from; its Enter goes back there
//! and hands the chosen intent to `update`, which runs it as the key's
//! press would run it, through the same path: the same questions, typed
//! counts and read-only refusals.

use crate::keys::{Intent, Press, Scope};

use super::keys::nav_of;
use super::palette::{Palette, PaletteEntry};
use super::state::{App, Mode};

/// Whether the palette opens in `scope`: where the key table binds it
/// (never in a text input, where `:` is text, nor in a typed count).
pub(super) fn opens_in(scope: Scope) -> bool {
    crate::keys::table::bindings().any(|b| b.scope == scope && b.intent == Intent::Palette)
}

/// Open the palette over the current place, which it keeps to go back to.
pub(super) fn open(app: &mut App) {
    let entries = entries(app, app.scope());
    let from = std::mem::replace(&mut app.mode, Mode::List);
    app.mode = Mode::Palette(Box::new(Palette::new(entries)), Box::new(from));
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
/// for `update` to run as its key; both put back the place it was opened
/// from (`from`) as it was.
pub(super) fn on_input(
    app: &mut App,
    input: Press,
    mut palette: Box<Palette>,
    from: Box<Mode>,
) -> Option<Intent> {
    match input {
        Press::Intent(Intent::Cancel) => {
            app.mode = *from;
            return None;
        }
        Press::Intent(Intent::Submit) => {
            if let Some(intent) = palette.chosen() {
                app.mode = *from;
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
    app.mode = Mode::Palette(palette, from);
    None
}

/// The palette's rows on screen, for paging.
fn palette_page(app: &App) -> usize {
    app.viewport.screen.map_or(10, |s| {
        usize::from(super::viewport::palette(s.body)[2].height)
    })
}
