//! The help overlay: scrolling and remapped keys.

use super::*;

#[test]
fn help_scrolls_when_it_does_not_fit() {
    let mut app = loaded();
    update(&mut app, ch('?'));
    let top = render(&mut app, 80, 24);
    assert!(top.contains("Moving"));
    for _ in 0..40 {
        update(&mut app, ch('j'));
    }
    let bottom = render(&mut app, 80, 24);
    assert!(bottom.contains("quit at once"), "{bottom}");
    assert!(!bottom.contains("Moving"));
    // Clamped while drawing, so one k scrolls back immediately.
    update(&mut app, ch('k'));
    assert!(render(&mut app, 80, 24) != bottom);
}

#[test]
fn help_shows_remapped_keys_in_every_section() {
    let mut cfg = crate::app::fixtures::config();
    cfg.prefs.keys = crate::keys::KeyMap::from_bindings(&[
        crate::keys::ConfigBinding {
            action: "activate".into(),
            keys: vec!["x".into()],
            line: 1,
        },
        crate::keys::ConfigBinding {
            action: "export".into(),
            keys: vec!["ctrl-e".into()],
            line: 2,
        },
        crate::keys::ConfigBinding {
            action: "retry_failed".into(),
            keys: vec!["F".into()],
            line: 3,
        },
    ])
    .expect("valid bindings");
    let mut app = App::new(cfg, crate::app::fixtures::now());
    app.init();
    update(&mut app, ch('?'));
    let screen = render(&mut app, 160, 48);
    let row = |what: &str| {
        screen
            .lines()
            .find(|l| l.contains(what))
            .unwrap_or_else(|| panic!("{what} not in help:\n{screen}"))
            .to_string()
    };
    assert!(row("activate the request").contains(" x "), "{screen}");
    assert!(row("export the rows shown").contains("ctrl-e"), "{screen}");
    assert!(row("bulk: enter the missing").contains(" e "), "{screen}");
    assert!(
        !row("bulk: enter the missing").contains("ctrl-e"),
        "{screen}"
    );
    // Dialog keys follow their remaps too.
    assert!(row("retry the failed ones").contains(" F "), "{screen}");
    assert!(!row("retry the failed ones").contains(" R "), "{screen}");
}
