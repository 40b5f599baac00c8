//! Keys as intents: every key a footer or the help shows does what it says,
//! with the default keys and with a remapped config, in every scope.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use crate::app::*;
use crate::keys::table::{Binding as Row, HELP, HINTS};
use crate::keys::{ConfigBinding, HelpLine, Intent, Key, KeyMap, Scope};
use crate::testkit::*;

fn keymap(bindings: &[(&str, &[&str])]) -> KeyMap {
    let bindings: Vec<ConfigBinding> = bindings
        .iter()
        .enumerate()
        .map(|(i, (action, keys))| ConfigBinding {
            action: action.to_string(),
            keys: keys.iter().map(std::string::ToString::to_string).collect(),
            line: i + 1,
        })
        .collect();
    KeyMap::from_bindings(&bindings).expect("valid bindings")
}

fn remapped() -> KeyMap {
    keymap(&[
        ("export", &["x"]),
        ("down", &["n"]),
        ("activate", &["o"]),
        ("confirm", &["Y", "enter"]),
        ("cancel", &["c"]),
        ("enter_missing", &["m"]),
        ("retry_failed", &["F"]),
        ("close", &["z", "enter"]),
        ("quit", &["Q"]),
        ("help", &["h"]),
        // Enter is close's above; the runs panel opens a run with another.
        ("open_run", &["l"]),
    ])
}

fn act(app: &mut App, intent: Intent) -> Vec<Command> {
    apply_intent(app, intent)
}

fn goto(app: &mut App, id: &str) {
    act(app, Intent::Top);
    for _ in 0..app.visible_len() {
        if cursor_id(app) == id {
            return;
        }
        act(app, Intent::Down);
    }
    panic!("{id} is not visible");
}

fn text(app: &mut App, s: &str) {
    for c in s.chars() {
        update(app, ch(c));
    }
}

/// A loaded console in `scope`, reached through intents only, so the same
/// path works whatever the keys are.
pub(super) fn app_in(scope: Scope, keys: &KeyMap) -> App {
    app_in_with(scope, keys, false)
}

fn app_in_with(scope: Scope, keys: &KeyMap, read_only: bool) -> App {
    let mut cfg = config();
    cfg.prefs.keys = keys.clone();
    cfg.safety.read_only.flag = read_only;
    if matches!(scope, Scope::BulkCount | Scope::ImportCount) {
        cfg.safety = production_safety(0);
    }
    let mut app = loaded_with(cfg);
    match scope {
        Scope::List => {}
        Scope::Filter => drop(act(&mut app, Intent::Filter)),
        Scope::Help => drop(act(&mut app, Intent::Help)),
        Scope::Messages => drop(act(&mut app, Intent::Messages)),
        Scope::Output => drop(act(&mut app, Intent::Output)),
        Scope::Palette => drop(act(&mut app, Intent::Palette)),
        Scope::Runs => drop(act(&mut app, Intent::Runs)),
        Scope::Columns => drop(act(&mut app, Intent::Columns)),
        Scope::Range => {
            goto(&mut app, "REQ3epayReady");
            act(&mut app, Intent::RangeMark);
            act(&mut app, Intent::Down);
        }
        Scope::CopyMenu => {
            goto(&mut app, "REQ2epayNoTid");
            act(&mut app, Intent::Copy);
        }
        Scope::Form => {
            goto(&mut app, "REQ4windcaveT9");
            act(&mut app, Intent::TerminalId);
        }
        Scope::Overwrite => {
            goto(&mut app, "REQ4windcaveT9");
            act(&mut app, Intent::TerminalId);
            text(&mut app, "X");
            act(&mut app, Intent::Submit);
        }
        Scope::Confirm => {
            goto(&mut app, "REQ1verifone");
            act(&mut app, Intent::Activate);
        }
        Scope::BulkConfirm
        | Scope::BulkCount
        | Scope::BulkRunning
        | Scope::BulkResults
        | Scope::QuitConfirm
        | Scope::HelpRunning => into_bulk(&mut app, scope),
        Scope::Prompt => drop(act(&mut app, Intent::Export)),
        Scope::ExportOverwrite => into_export_overwrite(&mut app),
        Scope::ImportPlanning
        | Scope::ImportPreview
        | Scope::ImportCount
        | Scope::ImportRunning
        | Scope::ImportResults => into_import(&mut app, scope),
    }
    app
}

/// Two marked, the bulk dialog, then as far into a run as `scope` is.
fn into_bulk(app: &mut App, scope: Scope) {
    for id in ["REQ1verifone", "REQ2epayNoTid"] {
        goto(app, id);
        act(app, Intent::Mark);
    }
    act(app, Intent::BulkActivate);
    if matches!(
        scope,
        Scope::BulkRunning | Scope::BulkResults | Scope::QuitConfirm | Scope::HelpRunning
    ) {
        act(app, Intent::Confirm);
    }
    if scope == Scope::HelpRunning {
        act(app, Intent::Help);
    }
    if scope == Scope::QuitConfirm {
        act(app, Intent::Quit);
    }
    if scope == Scope::BulkResults {
        let run_id = app.bulk().map(|r| r.run_id).expect("a run");
        bulk_finished(app, run_id, false);
    }
}

/// An export to a file that is already there.
fn into_export_overwrite(app: &mut App) {
    act(app, Intent::Export);
    for cmd in act(app, Intent::Submit) {
        if let Command::Api(WorkerCall::Export { path, .. }) = cmd {
            api(
                app,
                ApiEvent::Exported {
                    path,
                    count: 8,
                    result: Err(crate::export::ExportError::Exists),
                },
            );
        }
    }
}

/// An import of `terminals.csv`, as far as `scope` is.
fn into_import(app: &mut App, scope: Scope) {
    act(app, Intent::Import);
    for _ in 0..app.last_import_path.chars().count() {
        update(app, key(KeyCode::Backspace));
    }
    text(app, "terminals.csv");
    act(app, Intent::Submit);
    if scope != Scope::ImportPlanning {
        planned(app, IMPORT_CSV);
    }
    match scope {
        Scope::ImportCount => drop(act(app, Intent::ConfirmAlt)),
        Scope::ImportRunning | Scope::ImportResults => drop(act(app, Intent::Confirm)),
        _ => {}
    }
    if scope == Scope::ImportResults {
        let run_id = app
            .import()
            .and_then(ImportState::run)
            .map(|r| r.run_id)
            .expect("an import run");
        import_finished(app, run_id, false);
    }
}

fn screen(app: &mut App) -> String {
    let mut t = Terminal::new(TestBackend::new(100, 30)).expect("a test terminal");
    t.draw(|f| crate::ui::draw(f, app)).expect("a frame");
    t.backend().to_string()
}

/// The keys a label names, per intent: `j/k` names one key of each of two
/// intents; `a / Enter` or `y/Enter` all keys of one; `y / n` one of each.
fn parse(label: &str, prefix: &str, intents: &[Intent]) -> Vec<(Key, Intent)> {
    let label = label.strip_prefix(prefix).unwrap_or(label);
    let split = |part: &str| -> Vec<String> {
        if part == "/" {
            vec!["/".into()]
        } else {
            part.split('/').map(str::to_string).collect()
        }
    };
    let parts: Vec<&str> = label.split(" / ").collect();
    let groups: Vec<Vec<String>> = if parts.len() == intents.len() {
        parts.into_iter().map(split).collect()
    } else if intents.len() == 1 {
        vec![parts.into_iter().flat_map(split).collect()]
    } else {
        split(label).into_iter().map(|k| vec![k]).collect()
    };
    assert_eq!(groups.len(), intents.len(), "`{label}` for {intents:?}");
    groups
        .into_iter()
        .zip(intents)
        .flat_map(|(keys, i)| {
            keys.into_iter().map(move |k| {
                let key = Key::parse(&k).unwrap_or_else(|e| panic!("`{label}`: {e}"));
                (key, *i)
            })
        })
        .collect()
}

/// Every (key, intent) the footer and the help show in `app`'s scope.
fn shown(app: &App) -> Vec<(Key, Intent)> {
    let scope = app.scope();
    let ctx = app.hint_context();
    let footer = app.footer();
    let rows: Vec<_> = HINTS
        .iter()
        .filter(|h| h.scope == scope && ctx.shows(h.when))
        .collect();
    assert_eq!(rows.len(), footer.len());
    let mut pairs = Vec::new();
    for (row, (label, _)) in rows.iter().zip(&footer) {
        if !row.intents.is_empty() {
            pairs.extend(parse(label, "", row.intents));
        }
    }
    let help = crate::keys::help(&app.config.prefs.keys);
    for (row, line) in HELP.iter().zip(&help) {
        if let HelpLine::Row { label, .. } = line
            && row.scope == scope
            && !row.intents.is_empty()
        {
            pairs.extend(parse(label, row.prefix, row.intents));
        }
    }
    pairs
}

fn event(k: Key) -> KeyEvent {
    let e = k.to_event();
    // Shifted letters arrive with SHIFT, as crossterm reports them.
    match e.code {
        KeyCode::Char(c) if c.is_ascii_uppercase() => {
            KeyEvent::new(e.code, e.modifiers | KeyModifiers::SHIFT)
        }
        _ => e,
    }
}

/// The `[keys]` of a dialog's key lines, as drawn: `[y/Enter] activate`.
fn dialog_keys(screen: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in screen.lines() {
        let mut rest = line;
        while let Some(start) = rest.find('[') {
            let Some(len) = rest[start..].find(']') else {
                break;
            };
            let label = &rest[start + 1..start + len];
            // A key line: `[k] words`; other brackets are not keys.
            if rest[start + len + 1..].starts_with(' ') && !label.contains(' ') {
                out.push(label.to_string());
            }
            rest = &rest[start + len + 1..];
        }
    }
    out
}

#[test]
fn every_key_a_footer_or_the_help_shows_triggers_the_intent_it_names() {
    for keys in [KeyMap::default(), remapped()] {
        // The list's help covers moving everywhere a list or text scrolls.
        let list_help = shown(&app_in(Scope::List, &keys));
        for scope in Scope::ALL {
            let app = app_in(scope, &keys);
            assert_eq!(app.scope(), scope);
            let pairs = shown(&app);
            assert!(!pairs.is_empty(), "{scope:?} shows no key");
            for (k, intent) in &pairs {
                assert_eq!(
                    keys.resolve(scope, &event(*k)),
                    Some(*intent),
                    "{scope:?}: `{k}` is shown for {intent:?}"
                );
                let mut pressed = app_in(scope, &keys);
                let mut applied = app_in(scope, &keys);
                let by_key = update(&mut pressed, Action::Key(event(*k)));
                let by_intent = apply_intent(&mut applied, *intent);
                assert_eq!(by_key, by_intent, "{scope:?}: `{k}` vs {intent:?}");
                assert_eq!(pressed.scope(), applied.scope(), "{scope:?}: `{k}`");
                assert_eq!(
                    screen(&mut pressed),
                    screen(&mut applied),
                    "{scope:?}: `{k}`"
                );
            }
            // Every `[key]` a dialog line shows works in the dialog (or,
            // for the count drawn over the import preview, in the preview
            // it goes back to).
            let beneath = match scope {
                Scope::ImportCount => Scope::ImportPreview,
                other => other,
            };
            let mut drawn = app_in(scope, &keys);
            let labels = dialog_keys(&screen(&mut drawn));
            if matches!(
                scope,
                Scope::Confirm | Scope::BulkConfirm | Scope::Overwrite
            ) {
                assert!(labels.len() >= 2, "{scope:?}: no key line found");
            }
            for label in labels {
                for k in label.split('/') {
                    let key = Key::parse(k).unwrap_or_else(|e| panic!("[{label}]: {e}"));
                    assert!(
                        keys.resolve(scope, &event(key)).is_some()
                            || keys.resolve(beneath, &event(key)).is_some(),
                        "{scope:?}: the dialog shows [{label}] but `{k}` does nothing"
                    );
                }
            }
            // Nothing that works is left unmentioned, aliases aside.
            let aliases: Vec<(Key, Intent)> = crate::keys::table::bindings()
                .filter(|b: &&Row| b.scope == scope)
                .flat_map(|b| {
                    b.aliases
                        .iter()
                        .map(move |a| (Key::parse(a).expect("a key"), b.intent))
                })
                .collect();
            for (k, intent) in keys.bound(scope) {
                let moving = list_help.contains(&(k, intent))
                    || matches!(
                        intent,
                        Intent::Top
                            | Intent::Bottom
                            | Intent::HalfPageDown
                            | Intent::HalfPageUp
                            | Intent::PageDown
                            | Intent::PageUp
                            | Intent::Up
                            | Intent::Down
                    ) && list_help.iter().any(|(_, i)| *i == intent);
                assert!(
                    pairs.contains(&(k, intent)) || aliases.contains(&(k, intent)) || moving,
                    "{scope:?}: `{k}` ({intent:?}) works but is not shown"
                );
            }
        }
    }
}

#[test]
fn read_only_footers_show_only_keys_that_do_what_they_say() {
    // Read-only reaches the list, its inputs and the import preview; the
    // rest refuse before they open.
    for keys in [KeyMap::default(), remapped()] {
        for scope in [
            Scope::List,
            Scope::Filter,
            Scope::Help,
            Scope::Prompt,
            Scope::ImportPlanning,
            Scope::ImportPreview,
        ] {
            let app = app_in_with(scope, &keys, true);
            assert_eq!(app.scope(), scope);
            for (k, intent) in shown(&app) {
                assert_eq!(
                    keys.resolve(scope, &event(k)),
                    Some(intent),
                    "{scope:?}: `{k}`"
                );
                let mut pressed = app_in_with(scope, &keys, true);
                let mut applied = app_in_with(scope, &keys, true);
                let by_key = update(&mut pressed, Action::Key(event(k)));
                let by_intent = apply_intent(&mut applied, intent);
                assert_eq!(by_key, by_intent, "{scope:?}: `{k}` vs {intent:?}");
                assert_eq!(
                    screen(&mut pressed),
                    screen(&mut applied),
                    "{scope:?}: `{k}`"
                );
            }
        }
    }
}

#[test]
fn the_issue_examples_tell_the_truth() {
    // export = "x": the bulk dialog offers `e` for the missing terminalIds,
    // and `x` there changes nothing and sends nothing.
    let keys = keymap(&[("export", &["x"])]);
    let mut app = app_in(Scope::BulkConfirm, &keys);
    assert!(
        app.footer()
            .contains(&("e".to_string(), "enter missing terminalIds")),
        "{:?}",
        app.footer()
    );
    let before = screen(&mut app);
    assert!(
        before.contains("[e] enter the 1 missing terminalId first"),
        "{before}"
    );
    assert!(update(&mut app, ch('x')).is_empty());
    assert_eq!(app.scope(), Scope::BulkConfirm);
    assert_eq!(screen(&mut app), before);
    update(&mut app, ch('e'));
    assert_eq!(app.scope(), Scope::Form, "e enters the missing terminalIds");

    // down = "n": the import preview offers `n/k scroll`; `n` scrolls and
    // the import stays open.
    let keys = keymap(&[("down", &["n"])]);
    let mut app = app_in(Scope::ImportPreview, &keys);
    assert!(
        app.footer().contains(&("n/k".to_string(), "scroll")),
        "{:?}",
        app.footer()
    );
    let scroll = app.import().map(|r| r.scroll);
    assert!(update(&mut app, ch('n')).is_empty());
    assert_eq!(app.scope(), Scope::ImportPreview);
    assert_eq!(app.import().map(|r| r.scroll), scroll.map(|s| s + 1));
    update(&mut app, key(KeyCode::Esc));
    assert_eq!(app.scope(), Scope::List, "Esc still cancels");
}

#[test]
fn dialogs_follow_their_remapped_keys() {
    let keys = remapped();
    let mut app = app_in(Scope::Confirm, &keys);
    let s = screen(&mut app);
    assert!(
        s.contains("[Y/enter] activate") && s.contains("[c/esc] cancel"),
        "{s}"
    );
    // The old keys are gone; the new ones act.
    assert!(update(&mut app, ch('y')).is_empty());
    assert_eq!(app.scope(), Scope::Confirm);
    update(&mut app, ch('c'));
    assert_eq!(app.scope(), Scope::List);
    let mut app = app_in(Scope::BulkResults, &keys);
    assert!(update(&mut app, ch('R')).is_empty());
    assert_eq!(app.scope(), Scope::BulkResults);
    update(&mut app, ch('z'));
    assert_eq!(app.scope(), Scope::List);
}

#[test]
fn backlog_key_toggles_the_panel_and_follows_its_remap() {
    for (keys, k) in [
        (KeyMap::default(), 'b'),
        (keymap(&[("backlog", &["B"])]), 'B'),
    ] {
        let mut app = app_in(Scope::List, &keys);
        assert!(
            app.footer().contains(&(k.to_string(), "backlog")),
            "{:?}",
            app.footer()
        );
        assert!(screen(&mut app).contains(" Detail "));
        assert!(update(&mut app, ch(k)).is_empty());
        assert_eq!(app.scope(), Scope::List, "the list keeps the keyboard");
        let s = screen(&mut app);
        assert!(
            s.contains(" Backlog: 8 shown ") && !s.contains(" Detail "),
            "{s}"
        );
        update(&mut app, ch(k));
        assert!(screen(&mut app).contains(" Detail "), "{k} again closes it");
    }
    // Remapped, `b` is free again.
    let mut app = app_in(Scope::List, &keymap(&[("backlog", &["B"])]));
    update(&mut app, ch('b'));
    assert!(!app.backlog.open);
}

#[test]
fn copy_keys_work_as_shown_in_the_list_and_beside_a_bulk_run() {
    for keys in [
        KeyMap::default(),
        keymap(&[("copy", &["c"]), ("copy_rows", &["Z"])]),
    ] {
        let (one, rows) = if keys.is_default() {
            ('y', 'Y')
        } else {
            ('c', 'Z')
        };
        for scope in [Scope::List, Scope::BulkRunning] {
            let mut app = app_in(scope, &keys);
            let label = format!("{one}/{rows}");
            assert!(
                app.footer().contains(&(label.clone(), "copy")),
                "{scope:?}: {:?}",
                app.footer()
            );
            let id = cursor_id(&app);
            assert!(update(&mut app, ch(one)).is_empty(), "{scope:?}: the menu");
            assert_eq!(app.scope(), Scope::CopyMenu);
            let cmds = update(&mut app, ch('y'));
            assert!(
                matches!(cmds.as_slice(), [Command::Effect(Effect::Copy { text, .. })] if *text == id),
                "{scope:?}: {cmds:?}"
            );
            let cmds = update(&mut app, ch(rows));
            assert!(
                matches!(cmds.as_slice(), [Command::Effect(Effect::Copy { text, .. })] if text.starts_with("id,status,")),
                "{scope:?}: {cmds:?}"
            );
            assert_eq!(app.scope(), scope);
        }
    }
}

#[test]
fn saved_view_keys_are_remappable_and_shown_as_remapped() {
    let keys = keymap(&[
        ("next_view", &["]"]),
        ("previous_view", &["["]),
        ("view_2", &["F2"]),
    ]);
    let mut app = app_in(Scope::List, &keys);
    assert_eq!(app.views().current(), 0);
    update(&mut app, ch(']'));
    assert_eq!(app.views().current(), 1);
    update(&mut app, ch('['));
    assert_eq!(app.views().current(), 0);
    update(&mut app, key(KeyCode::F(2)));
    assert_eq!(app.views().current(), 1);
    // The keys they replace do nothing in the list now.
    update(&mut app, key(KeyCode::Tab));
    update(&mut app, ch('2'));
    assert_eq!(app.views().current(), 1);
    update(&mut app, ch('1'));
    assert_eq!(app.views().current(), 0);
    let pairs = shown(&app);
    for (k, intent) in [
        ("]", Intent::NextView),
        ("[", Intent::PrevView),
        ("f2", Intent::View(2)),
        ("3", Intent::View(3)),
    ] {
        let k = Key::parse(k).expect("a key");
        assert!(
            pairs.contains(&(k, intent)),
            "{k} for {intent:?}: {pairs:?}"
        );
    }
}

#[test]
fn your_commands_keys_in_the_help_run_the_commands_they_name() {
    let text = "[keys]\nrefresh = \"R\"\n\n[[commands]]\nkey = \"r\"\nname = \"Mine\"\nrun = \"true {id}\"\n";
    let cfg = crate::testkit::config_from(text);
    let keys = cfg.prefs.keys.clone();
    let help = crate::keys::help(&keys);
    let at = help
        .iter()
        .position(|l| *l == HelpLine::Section("Your commands"))
        .expect("a Your commands section");
    let HelpLine::Row { label, text } = &help[at + 1] else {
        panic!("a row under the section");
    };
    assert_eq!((label.as_str(), text.as_str()), ("r", "Mine"));
    let mut app = loaded_with(cfg);
    let cmds = update(
        &mut app,
        Action::Key(event(Key::parse(label).expect("a key"))),
    );
    assert!(
        matches!(cmds.as_slice(), [Command::Effect(Effect::RunCustom(CustomRun { index: 0, name, .. }))] if name == "Mine"),
        "{cmds:?}"
    );
    // Without the remap, r is refresh's and the command is refused.
    let text = "[[commands]]\nkey = \"r\"\nname = \"Mine\"\nrun = \"true\"\n";
    let file: crate::config::ConfigFile = toml::from_str(text).expect("valid toml");
    let err = crate::prefs::from_file(std::path::Path::new("/tmp/c.toml"), &file, text)
        .expect_err("r is refresh's");
    assert!(err.to_string().contains("`refresh`"), "{err}");
}
