//! update() for the command palette (`:`): it lists the list's actions and
//! the operator's commands with their keys as bound, typing narrows it,
//! and Enter runs the chosen action exactly as its key does (the same
//! dialog, typed count, question or read-only refusal); Esc changes
//! nothing.

use crossterm::event::KeyCode;

use crate::app::*;
use crate::keys::{ConfigBinding, Intent, KeyMap};
use crate::safety::ReadOnly;
use crate::testkit::*;

const COMMANDS: &str = r#"
[[commands]]
key = "o"
name = "Open ticket"
run = "xdg-open https://tickets/{id}"

[[commands]]
key = "ctrl-r"
name = "Report to the team"
run = "report {id}"
confirm = true
for = "marked"
"#;

fn with_commands() -> App {
    let cfg = crate::testkit::config_from(COMMANDS);
    loaded_with(cfg)
}

fn read_only() -> App {
    loaded_with(AppConfig {
        safety: Safety {
            read_only: ReadOnly {
                flag: true,
                profile: false,
            },
            ..Safety::default()
        },
        ..config()
    })
}

fn palette(app: &App) -> &Palette {
    match &app.mode {
        Mode::Palette(p, _) => p,
        other => panic!("no palette: {other:?}"),
    }
}

/// (words, keys) of the rows shown, best first.
fn rows(app: &App) -> Vec<(String, String)> {
    palette(app)
        .rows()
        .map(|(e, _)| (e.words.clone(), e.keys.clone()))
        .collect()
}

/// `:`, then `query` typed, then Enter.
fn run_from_palette(app: &mut App, query: &str) -> Vec<Command> {
    assert!(update(app, ch(':')).is_empty());
    typed(app, query);
    update(app, key(KeyCode::Enter))
}

/// Everything a key's press and the palette's Enter could differ in.
fn same_outcome(by_key: &mut App, by_palette: &mut App) {
    assert_eq!(
        format!("{:?}", by_key.mode),
        format!("{:?}", by_palette.mode)
    );
    assert_eq!(toast(by_key), toast(by_palette));
    assert_eq!(render(by_key, 100, 30), render(by_palette, 100, 30));
}

#[test]
fn colon_opens_every_list_action_with_its_key_and_no_moving_keys() {
    let mut app = with_commands();
    update(&mut app, ch(':'));
    assert_eq!(app.scope(), crate::keys::Scope::Palette);
    let rows = rows(&app);
    let has = |words: &str, keys: &str| rows.iter().any(|(w, k)| w == words && k == keys);
    assert!(has(Intent::BulkActivate.help(), "A"), "{rows:?}");
    assert!(has(Intent::Activate.help(), "a/enter"), "{rows:?}");
    assert!(has(Intent::Filter.help(), "/"), "{rows:?}");
    assert!(has("go to the saved view Pending", "1"), "{rows:?}");
    // The operator's commands come last, with their keys.
    assert_eq!(
        rows[rows.len() - 2..],
        [
            ("Open ticket".to_string(), "o".to_string()),
            ("Report to the team".to_string(), "ctrl-r".to_string())
        ]
    );
    for gone in [Intent::Up, Intent::Down, Intent::PageDown, Intent::Palette] {
        assert!(!rows.iter().any(|(w, _)| w == gone.help()), "{gone:?}");
    }
    // Views with no saved view behind them are not offered.
    assert!(!rows.iter().any(|(w, k)| w.starts_with("go to") && k == "9"));
}

#[test]
fn typing_narrows_the_list_best_first_and_the_moving_keys_choose() {
    let mut app = loaded();
    update(&mut app, ch(':'));
    let all = palette(&app).len();
    typed(&mut app, "bulk act");
    let p = palette(&app);
    assert!(p.len() < all);
    assert_eq!(p.chosen(), Some(Intent::BulkActivate));
    let (_, matched) = p.rows().next().expect("a row");
    assert_eq!(matched, (0..4).chain(5..8).collect::<Vec<_>>());

    for k in [KeyCode::Backspace; 8] {
        update(&mut app, key(k));
    }
    assert_eq!(palette(&app).len(), all, "back to every action");
    update(&mut app, key(KeyCode::Down));
    update(&mut app, ctrl('n'));
    assert_eq!(palette(&app).selected(), 2);
    update(&mut app, ctrl('p'));
    assert_eq!(palette(&app).selected(), 1);
    // A letter is text here, never the list's key.
    update(&mut app, ch('q'));
    assert!(!app.should_quit() && palette(&app).query() == "q");
}

#[test]
fn enter_on_bulk_activate_opens_what_the_key_opens_with_the_typed_count_on_production() {
    for make in [loaded as fn() -> App, || production(2)] {
        let ids = ["REQ1verifone", "REQ3epayReady", "REQ7verifone"];
        let (mut by_key, mut by_palette) = (make(), make());
        mark(&mut by_key, &ids);
        mark(&mut by_palette, &ids);
        let cmds = update(&mut by_key, ch('A'));
        assert_eq!(run_from_palette(&mut by_palette, "bulk activate"), cmds);
        assert!(matches!(by_palette.mode, Mode::Asking(Asking::Bulk(_))));
        same_outcome(&mut by_key, &mut by_palette);
    }
    let mut app = production(2);
    mark(&mut app, &["REQ1verifone", "REQ3epayReady", "REQ7verifone"]);
    run_from_palette(&mut app, "bulk activate");
    assert!(matches!(&app.mode, Mode::Asking(Asking::Bulk(p)) if p.typed.is_some()));
}

#[test]
fn read_only_enter_on_activate_gives_the_keys_refusal() {
    let (mut by_key, mut by_palette) = (read_only(), read_only());
    move_to(&mut by_key, "REQ3epayReady");
    move_to(&mut by_palette, "REQ3epayReady");
    assert!(update(&mut by_key, ch('a')).is_empty());
    assert!(run_from_palette(&mut by_palette, "activate the").is_empty());
    assert!(toast(&by_palette).starts_with("Read-only: this console makes no changes."));
    assert!(matches!(by_palette.mode, Mode::List));
    same_outcome(&mut by_key, &mut by_palette);
}

#[test]
fn a_command_with_confirm_asks_the_same_question_and_one_without_runs() {
    let (mut by_key, mut by_palette) = (with_commands(), with_commands());
    mark(&mut by_key, &["REQ1verifone", "REQ7verifone"]);
    mark(&mut by_palette, &["REQ1verifone", "REQ7verifone"]);
    assert!(update(&mut by_key, ctrl('r')).is_empty());
    assert!(run_from_palette(&mut by_palette, "report").is_empty());
    assert!(matches!(
        by_palette.mode,
        Mode::Asking(Asking::Custom { index: 1, .. })
    ));
    same_outcome(&mut by_key, &mut by_palette);

    let (mut by_key, mut by_palette) = (with_commands(), with_commands());
    let cmds = update(&mut by_key, ch('o'));
    assert!(!cmds.is_empty());
    assert_eq!(run_from_palette(&mut by_palette, "open tick"), cmds);
}

#[test]
fn esc_closes_it_and_changes_nothing() {
    let mut app = loaded();
    move_to(&mut app, "REQ3epayReady");
    let before = render(&mut app, 100, 30);
    assert!(update(&mut app, ch(':')).is_empty());
    typed(&mut app, "exp");
    paste(&mut app, "ort");
    assert_eq!(palette(&app).query(), "export");
    assert!(update(&mut app, key(KeyCode::Esc)).is_empty());
    assert!(matches!(app.mode, Mode::List));
    assert_eq!(cursor_id(&app), "REQ3epayReady");
    assert_eq!(render(&mut app, 100, 30), before);
}

#[test]
fn nothing_matching_says_so_and_enter_stays() {
    let mut app = loaded();
    update(&mut app, ch(':'));
    typed(&mut app, "zzzz");
    assert!(palette(&app).is_empty());
    assert!(render(&mut app, 100, 30).contains("no action matches"));
    assert!(update(&mut app, key(KeyCode::Enter)).is_empty());
    assert!(palette(&app).is_empty(), "still open");
}

#[test]
fn remapped_keys_show_as_bound_and_the_palette_key_moves() {
    let bindings = [("bulk_activate", "B"), ("palette", "ctrl-k")].map(|(a, k)| ConfigBinding {
        action: a.into(),
        keys: vec![k.into()],
        line: 1,
    });
    let mut cfg = config();
    cfg.prefs.keys = KeyMap::from_bindings(&bindings).expect("valid");
    let mut app = loaded_with(cfg);
    update(&mut app, ch(':'));
    assert!(
        matches!(app.mode, Mode::List),
        "`:` is no longer the palette"
    );
    update(&mut app, ctrl('k'));
    let rows = rows(&app);
    assert!(rows.contains(&(Intent::BulkActivate.help().into(), "B".into())));
}

#[test]
fn beside_a_running_bulk_run_it_offers_the_runs_keys_and_runs_them() {
    let mut app = loaded();
    start_run(&mut app, &["REQ1verifone", "REQ7verifone"]);
    update(&mut app, ch(':'));
    let rows = rows(&app);
    assert!(rows.contains(&(Intent::CancelRun.help().into(), "esc".into())));
    assert!(!rows.iter().any(|(w, _)| w == Intent::ClearFilter.help()));
    typed(&mut app, "cancel a running");
    let cmds = update(&mut app, key(KeyCode::Enter));
    assert!(
        matches!(
            cmds.as_slice(),
            [Command::Api(WorkerCall::CancelBulk { .. })]
        ),
        "{cmds:?}"
    );
}

#[test]
fn the_wheel_moves_the_choice_and_leaves_the_list_alone() {
    use crossterm::event::{KeyModifiers, MouseEvent, MouseEventKind};
    let mut app = loaded();
    let cursor = cursor_id(&app);
    update(&mut app, ch(':'));
    let wheel = |kind| {
        Action::Mouse(MouseEvent {
            kind,
            column: 50,
            row: 10,
            modifiers: KeyModifiers::NONE,
        })
    };
    update(&mut app, wheel(MouseEventKind::ScrollDown));
    update(&mut app, wheel(MouseEventKind::ScrollDown));
    update(&mut app, wheel(MouseEventKind::ScrollUp));
    assert_eq!(palette(&app).selected(), 1);
    assert_eq!(cursor_id(&app), cursor);
}
