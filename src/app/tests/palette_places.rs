//! update() for the command palette opened away from the list: `:` opens
//! it in every place whose keys act (help, the panels, the copy menu, an
//! import's and a run's screens),
//! listing that place's actions; Esc goes back there unchanged, and Enter
//! goes back and runs the chosen action exactly as its key does there.

use crate::app::*;
use crate::keys::{Intent, KeyMap, Scope};
use crate::testkit::*;

use super::keys_walk::app_in;

/// Every place `:` opens the palette in besides the list.
const PLACES: [Scope; 11] = [
    Scope::Help,
    Scope::HelpRunning,
    Scope::Messages,
    Scope::Output,
    Scope::Runs,
    Scope::Columns,
    Scope::BulkResults,
    Scope::ImportResults,
    Scope::CopyMenu,
    Scope::ImportPlanning,
    Scope::ImportRunning,
];

fn entries(app: &App) -> Vec<Intent> {
    match &app.mode {
        Mode::Palette(p, _) => p.rows().map(|(e, _)| e.intent).collect(),
        other => panic!("no palette: {other:?}"),
    }
}

/// Everything a key's press and the palette's Enter could differ in.
fn state(app: &mut App) -> (String, String, String) {
    (format!("{:?}", app.mode), toast(app), render(app, 100, 30))
}

#[test]
fn colon_opens_the_palette_in_every_place_and_esc_goes_back_unchanged() {
    let keys = KeyMap::default();
    for scope in PLACES {
        let mut app = app_in(scope, &keys);
        assert_eq!(app.scope(), scope);
        let before = state(&mut app);
        assert!(apply_intent(&mut app, Intent::Palette).is_empty());
        assert_eq!(app.scope(), Scope::Palette, "{scope:?}");
        assert!(!entries(&app).is_empty(), "{scope:?}");
        apply_intent(&mut app, Intent::Cancel);
        assert_eq!(app.scope(), scope);
        assert_eq!(state(&mut app), before, "{scope:?}");
    }
}

#[test]
fn the_palette_lists_what_the_place_binds() {
    let keys = KeyMap::default();
    let want = |scope: Scope, intents: &[Intent]| {
        let mut app = app_in(scope, &keys);
        apply_intent(&mut app, Intent::Palette);
        assert_eq!(entries(&app), intents, "{scope:?}");
    };
    want(Scope::Runs, &[Intent::OpenRun, Intent::Close]);
    want(
        Scope::Columns,
        &[
            Intent::ToggleColumn,
            Intent::ColumnUp,
            Intent::ColumnDown,
            Intent::Close,
        ],
    );
    want(
        Scope::BulkResults,
        &[Intent::RetryFailed, Intent::FailedOnly, Intent::Close],
    );
    want(
        Scope::HelpRunning,
        &[Intent::Close, Intent::CancelRun, Intent::Quit],
    );
    want(Scope::Messages, &[Intent::Close]);
}

#[test]
fn enter_runs_the_chosen_action_in_its_place_as_its_key_does() {
    let keys = KeyMap::default();
    for scope in PLACES {
        let offered = {
            let mut app = app_in(scope, &keys);
            apply_intent(&mut app, Intent::Palette);
            entries(&app)
        };
        for (at, intent) in offered.into_iter().enumerate() {
            let mut by_key = app_in(scope, &keys);
            let key_cmds = apply_intent(&mut by_key, intent);
            let mut by_palette = app_in(scope, &keys);
            apply_intent(&mut by_palette, Intent::Palette);
            for _ in 0..at {
                apply_intent(&mut by_palette, Intent::Down);
            }
            let palette_cmds = apply_intent(&mut by_palette, Intent::Submit);
            let what = format!("{intent:?} in {scope:?}");
            assert_eq!(
                format!("{key_cmds:?}"),
                format!("{palette_cmds:?}"),
                "{what}"
            );
            assert_eq!(state(&mut by_key), state(&mut by_palette), "{what}");
        }
    }
}

#[test]
fn the_footers_of_the_places_name_the_palette_last() {
    let keys = KeyMap::default();
    for scope in PLACES {
        let app = app_in(scope, &keys);
        let footer = app.footer();
        assert_eq!(
            footer.last().map(|(k, w)| format!("{k} {w}")),
            Some(": actions".to_string()),
            "{scope:?}"
        );
    }
}
