//! The saved views' tabs under the title, at 120 and 80 columns.

use super::*;
use crate::config::ViewSpec;

fn tabs_line(app: &mut App, w: u16) -> String {
    render(app, w, 12)
        .lines()
        .nth(1)
        .unwrap_or_default()
        .to_string()
}

fn view(name: &str, filter: &str) -> ViewSpec {
    ViewSpec {
        name: name.into(),
        filter: filter.into(),
        ..ViewSpec::default()
    }
}

#[test]
fn tabs_show_each_view_with_its_count_and_shorten_to_fit() {
    let mut cfg = config();
    cfg.prefs.views = vec![
        view("ePay missing terminalId", "type:epay terminal:none"),
        view("Verifone", "type:verifone"),
        view("Windcave older than a week", "type:windcave"),
        view("Everything pending in the queue", ""),
    ];
    let mut app = loaded_with(cfg);
    update(&mut app, ch('2'));
    let wide = tabs_line(&mut app, 120);
    let narrow = tabs_line(&mut app, 80);
    insta::assert_snapshot!("tabs_120", wide);
    insta::assert_snapshot!("tabs_80", narrow);
    assert!(wide.contains("Everything pending in the queue 8"), "{wide}");
    assert!(
        narrow.contains('…') && narrow.contains("Verifone 3"),
        "{narrow}"
    );
    // The list starts under the tabs, where clicks and paging expect it.
    let screen = render(&mut app, 80, 12);
    assert!(
        screen
            .lines()
            .nth(2)
            .is_some_and(|l| l.contains("Integration requests")),
        "{screen}"
    );
}

#[test]
fn the_current_tab_is_highlighted() {
    let mut app = loaded();
    update(&mut app, ch('3'));
    let t = terminal(&mut app, 80, 12);
    let buf = t.backend().buffer();
    let line = tabs_line(&mut app, 80);
    // The line as drawn is quoted: one character before the first cell.
    let byte = line.find("Ready").unwrap_or_default();
    let x = line[..byte].chars().count() - 1;
    let cell = &buf[(u16::try_from(x).unwrap_or_default(), 1)];
    assert!(cell.modifier.contains(Modifier::REVERSED), "{cell:?}");
    assert!(!buf[(1, 1)].modifier.contains(Modifier::REVERSED));
}
