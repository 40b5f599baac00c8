//! Screens at fixed sizes with fixed data and clock; insta keeps them.

use crossterm::event::KeyCode;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::{Color, Modifier};

use super::draw;
use crate::api::ApiError;
use crate::app::{Action, ApiEvent, App, update};
use crate::testkit::*;

mod backlog;
mod bulk;
mod colour;
mod columns;
mod dialogs;
mod fields;
mod files;
mod filter;
mod fitting;
mod footer;
mod help;
mod layout;
mod live;
mod messages;
mod names;
mod narrow_results;
mod palette;
mod record_shapes;
mod results_shown;
mod runs;
mod safety;
mod tabs;
mod title;
mod typed_counts;

type Scene = fn() -> App;

/// Every screen kept, by name; each `scene_` function below builds one.
fn scenes() -> Vec<(&'static str, Scene)> {
    vec![
        ("list", loaded as Scene),
        ("filter", scene_filter),
        ("detail", scene_detail),
        ("form_error", scene_form_error),
        ("confirm", scene_confirm),
        ("bulk_confirm", scene_bulk_confirm),
        ("bulk_progress", scene_bulk_progress),
        ("bulk_help", scene_bulk_help),
        ("bulk_results", scene_bulk_results),
        ("help", scene_help),
        ("load_error", scene_load_error),
        ("empty", scene_empty),
        ("loading", scene_loading),
        ("list_names", scene_list_names),
        ("export_prompt", scene_export_prompt),
        ("import_preview", scene_import_preview),
        ("import_results", scene_import_results),
        ("quit_confirm", scene_quit_confirm),
        ("range", scene_range),
        ("copy_menu", scene_copy_menu),
    ]
}

fn scene_filter() -> App {
    let mut app = loaded();
    update(&mut app, ch('/'));
    typed(&mut app, "type:epay");
    app
}

fn scene_detail() -> App {
    let mut app = loaded();
    move_to(&mut app, "REQ4windcaveT9");
    mark(&mut app, &["REQ1verifone"]);
    move_to(&mut app, "REQ4windcaveT9");
    app
}

fn scene_form_error() -> App {
    let mut app = loaded();
    edit_terminal_id(&mut app, "REQ2epayNoTid", "12a");
    update(&mut app, key(KeyCode::Enter));
    app
}

fn scene_confirm() -> App {
    let mut app = loaded();
    move_to(&mut app, "REQ3epayReady");
    update(&mut app, ch('a'));
    app
}

fn scene_bulk_confirm() -> App {
    let mut app = loaded();
    mark(
        &mut app,
        &[
            "REQ1verifone",
            "REQ2epayNoTid",
            "REQ6rejected",
            "REQ7verifone",
        ],
    );
    app.set_filter_text("type:verifone");
    update(&mut app, ch('A'));
    app
}

fn scene_bulk_progress() -> App {
    let mut app = loaded();
    start_run(&mut app, &READY);
    bulk_activated(&mut app, "REQ1verifone", Ok(()));
    let run_id = run_id(&app);
    started(&mut app, run_id, "REQ3epayReady");
    started(&mut app, run_id, "REQ7verifone");
    app
}

fn scene_bulk_help() -> App {
    let mut app = loaded();
    start_run(&mut app, &READY);
    let run_id = run_id(&app);
    started(&mut app, run_id, "REQ1verifone");
    update(&mut app, ch('?'));
    app
}

fn scene_bulk_results() -> App {
    bulk_results_on(loaded())
}

/// `app` after the scene's bulk run over `MIXED` ended: activated, already
/// active, a server error and activated again.
fn bulk_results_on(mut app: App) -> App {
    start_run(&mut app, &MIXED);
    bulk_activated(&mut app, "REQ1verifone", Ok(()));
    bulk_activated(&mut app, "REQ3epayReady", Err(ApiError::AlreadyActivated));
    bulk_activated(
        &mut app,
        "REQ7verifone",
        Err(ApiError::Server {
            status: 503,
            message: "unavailable".into(),
        }),
    );
    bulk_activated(&mut app, "REQ8smartpay", Ok(()));
    let run_id = run_id(&app);
    bulk_finished(&mut app, run_id, false);
    app
}

fn scene_help() -> App {
    let mut app = loaded();
    update(&mut app, ch('?'));
    app
}

fn scene_load_error() -> App {
    let mut app = loaded();
    update(&mut app, ch('r'));
    api(
        &mut app,
        ApiEvent::LoadFailed {
            load_id: 2,
            error: ApiError::Connect {
                host: "service.centrapay.com".into(),
            },
        },
    );
    app
}

fn scene_empty() -> App {
    let mut app = loaded();
    app.set_filter_text("merchant:nothing-like-this");
    app
}

fn scene_loading() -> App {
    let mut app = App::new(config(), now());
    app.init();
    app
}

fn scene_list_names() -> App {
    let mut app = named();
    move_to(&mut app, "REQ2epayNoTid");
    app
}

fn scene_export_prompt() -> App {
    let mut app = named();
    app.set_filter_text("type:epay");
    update(&mut app, ch('e'));
    app
}

fn scene_import_preview() -> App {
    let mut app = named();
    import_preview(&mut app);
    app
}

fn scene_import_results() -> App {
    let mut app = named();
    import_preview(&mut app);
    let run_id = apply_import(&mut app, 'y');
    let mut set = app.request("REQ2epayNoTid").cloned().expect("a row");
    set.terminal_id = Some("11000099".into());
    import_row(
        &mut app,
        run_id,
        "REQ2epayNoTid",
        crate::app::ImportRowResult::Set(set),
    );
    import_row(
        &mut app,
        run_id,
        "REQ1verifone",
        crate::app::ImportRowResult::SetMeanwhile("V-1".into()),
    );
    import_finished(&mut app, run_id, false);
    app
}

fn scene_quit_confirm() -> App {
    let mut app = loaded();
    start_run(&mut app, &["REQ1verifone"]);
    update(&mut app, ch('q'));
    app
}

/// A range from REQ2 three rows down, one row in it marked before.
fn scene_range() -> App {
    let mut app = named();
    mark(&mut app, &["REQ3epayReady"]);
    move_to(&mut app, "REQ2epayNoTid");
    update(&mut app, ch('v'));
    for _ in 0..3 {
        update(&mut app, ch('j'));
    }
    app
}

/// The copy menu of a request without a terminalId.
fn scene_copy_menu() -> App {
    let mut app = named();
    move_to(&mut app, "REQ2epayNoTid");
    update(&mut app, ch('y'));
    app
}

#[test]
fn snapshots() {
    for (name, scene) in scenes() {
        for (w, h) in [(80, 24), (160, 48)] {
            let mut app = scene();
            let screen = render(&mut app, w, h);
            insta::assert_snapshot!(format!("{name}_{w}x{h}"), screen);
        }
    }
}

#[test]
fn tiny_terminals_do_not_panic() {
    for (_, scene) in scenes() {
        for (w, h) in [(20, 5), (1, 1), (10, 4), (9, 3), (120, 3), (3, 40)] {
            let mut app = scene();
            render(&mut app, w, h);
        }
    }
}
