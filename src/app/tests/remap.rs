//! update() with remapped keys.

use crossterm::event::KeyCode;

use crate::app::*;
use crate::testkit::*;

fn remapped(bindings: &[(&str, &[&str])]) -> App {
    let bindings: Vec<crate::keys::ConfigBinding> = bindings
        .iter()
        .enumerate()
        .map(|(i, (action, keys))| crate::keys::ConfigBinding {
            action: action.to_string(),
            keys: keys.iter().map(std::string::ToString::to_string).collect(),
            line: i + 1,
        })
        .collect();
    let mut cfg = config();
    cfg.prefs.keys = crate::keys::KeyMap::from_bindings(&bindings).expect("valid bindings");
    let mut app = App::new(cfg, now());
    let id = load_id(&app.init());
    api(&mut app, page(id, requests(), true));
    app
}

#[test]
fn remapped_keys_drive_update_and_the_old_keys_stop() {
    let mut app = remapped(&[("activate", &["x"]), ("down", &["n"]), ("filter", &["f"])]);
    let first = cursor_id(&app);
    // The old keys do nothing.
    update(&mut app, ch('j'));
    assert_eq!(cursor_id(&app), first);
    update(&mut app, ch('a'));
    assert!(matches!(app.mode, Mode::List));
    // The new ones do what the old ones did.
    update(&mut app, ch('n'));
    assert_ne!(cursor_id(&app), first);
    update(&mut app, ch('f'));
    assert!(matches!(app.mode, Mode::Filter));
    // Inside the filter, keys are text, not bindings.
    typed(&mut app, "nx");
    assert_eq!(app.list.filter_text, "nx");
    update(&mut app, key(KeyCode::Esc));
    update(&mut app, key(KeyCode::Esc));
    let target = visible_ids(&app)
        .into_iter()
        .find(|id| {
            app.request(id)
                .is_some_and(|r| r.is_pending() && !r.needs_terminal_id())
        })
        .expect("an activatable request");
    move_to_remapped(&mut app, &target);
    update(&mut app, ch('x'));
    assert!(
        matches!(app.mode, Mode::Asking(Asking::Activate { .. })),
        "x activates"
    );
    // Arrow keys keep working: only `down` was remapped, to n alone.
    update(&mut app, key(KeyCode::Esc));
    use crate::keys::{Intent, Scope};
    assert_eq!(
        app.config
            .prefs
            .keys
            .label(Scope::List, &[Intent::Activate], "a / Enter", false),
        "x"
    );
    assert_eq!(
        app.keys_label(Scope::List, &[Intent::Down, Intent::Up], "j/k"),
        "n/k"
    );
}

fn move_to_remapped(app: &mut App, id: &str) {
    update(app, ch('g'));
    for _ in 0..app.visible_len() {
        if cursor_id(app) == id {
            return;
        }
        update(app, ch('n'));
    }
    panic!("{id} is not visible");
}
