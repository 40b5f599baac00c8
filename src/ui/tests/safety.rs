//! The title bar on production and read-only profiles, the overwrite
//! confirm and the typed count of a production bulk run.

use crossterm::event::KeyCode;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::{Color, Modifier};

use crate::app::{App, AppConfig, Safety, update};
use crate::safety::ReadOnly;
use crate::testkit::*;

fn loaded_as(profile: &str, safety: Safety, color: bool) -> App {
    loaded_with(AppConfig {
        profile: profile.into(),
        safety,
        color,
        ..config()
    })
}

fn production(color: bool) -> App {
    loaded_as(
        "live",
        Safety {
            host: "service.centrapay.com".into(),
            production: true,
            confirm_typed_over: 2,
            ..Safety::default()
        },
        color,
    )
}

fn read_only() -> App {
    loaded_as(
        "sandbox",
        Safety {
            host: "127.0.0.1:8080".into(),
            read_only: ReadOnly {
                flag: true,
                profile: false,
            },
            ..Safety::default()
        },
        false,
    )
}

/// The title line as text.
fn title(t: &Terminal<TestBackend>) -> String {
    let buf = t.backend().buffer();
    (0..buf.area.width)
        .map(|x| buf[(x, 0)].symbol().to_string())
        .collect::<String>()
        .trim_end()
        .to_string()
}

/// The x where `word` starts in the title.
fn column_of(t: &Terminal<TestBackend>, word: &str) -> u16 {
    let text = title(t);
    let byte = text.find(word).expect("in the title");
    text[..byte].chars().count() as u16
}

#[test]
fn title_bar_of_a_production_profile() {
    let mut app = production(true);
    let t = terminal(&mut app, 120, 10);
    let line = title(&t);
    insta::assert_snapshot!("title_production", line);
    for want in ["live", "service.centrapay.com", "PRODUCTION"] {
        assert!(line.contains(want), "{line}");
    }
    assert!(!line.contains("READ-ONLY"), "{line}");
    // Reverse red, bold.
    let x = column_of(&t, "PRODUCTION");
    let cell = &t.backend().buffer()[(x, 0)];
    assert_eq!(cell.fg, Color::Red);
    assert!(cell.modifier.contains(Modifier::REVERSED | Modifier::BOLD));
    // Without colour it is still reverse and bold.
    let mut app = production(false);
    let t = terminal(&mut app, 120, 10);
    let x = column_of(&t, "PRODUCTION");
    let cell = &t.backend().buffer()[(x, 0)];
    assert_eq!(cell.fg, Color::Reset);
    assert!(cell.modifier.contains(Modifier::REVERSED | Modifier::BOLD));
    // Profile and host come first: an 80-column title still has them.
    let mut app = production(false);
    let t = terminal(&mut app, 80, 10);
    assert!(
        title(&t).starts_with(" intake │ live │ service.centrapay.com │ PRODUCTION │ "),
        "{}",
        title(&t)
    );
}

#[test]
fn title_bar_of_a_read_only_profile() {
    let mut app = read_only();
    let t = terminal(&mut app, 120, 10);
    let line = title(&t);
    insta::assert_snapshot!("title_read_only", line);
    for want in ["sandbox", "127.0.0.1:8080", "READ-ONLY"] {
        assert!(line.contains(want), "{line}");
    }
    assert!(!line.contains("PRODUCTION"), "{line}");
    let x = column_of(&t, "READ-ONLY");
    assert!(
        t.backend().buffer()[(x, 0)]
            .modifier
            .contains(Modifier::BOLD)
    );
}

#[test]
fn read_only_footer_offers_no_change_keys() {
    let mut app = read_only();
    let screen = render(&mut app, 160, 24);
    let footer = screen.lines().last().unwrap_or_default().to_string();
    for gone in ["activate", "terminalId", "bulk"] {
        assert!(!footer.contains(gone), "{footer}");
    }
    assert!(
        footer.contains("filter") && footer.contains("export"),
        "{footer}"
    );
    update(&mut app, ch('?'));
    let help = render(&mut app, 160, 48);
    assert!(
        help.contains("Keys: read-only, every change is refused"),
        "{help}"
    );
}

#[test]
fn overwrite_confirm() {
    let mut app = loaded();
    move_to(&mut app, "REQ3epayReady");
    update(&mut app, ch('t'));
    update(&mut app, key(KeyCode::Backspace));
    typed(&mut app, "2");
    update(&mut app, key(KeyCode::Enter));
    let screen = render(&mut app, 80, 24);
    insta::assert_snapshot!("overwrite_confirm_80x24", screen);
    assert!(screen.contains("11000021 → 11000022"), "{screen}");
    assert!(screen.contains("[y/Enter] yes, change it"), "{screen}");
    assert!(screen.contains("n/Esc back to the form"), "{screen}");
}

#[test]
fn overwrite_confirm_of_a_request_that_is_not_pending() {
    let mut app = loaded();
    move_to(&mut app, "REQ5active");
    update(&mut app, ch('t'));
    let form = render(&mut app, 80, 24);
    assert!(
        form.contains("This request is active; saving asks first."),
        "{form}"
    );
    typed(&mut app, "V-1");
    update(&mut app, key(KeyCode::Enter));
    let screen = render(&mut app, 80, 24);
    insta::assert_snapshot!("overwrite_confirm_active_80x24", screen);
    assert!(
        screen.contains("This request is active. Change its terminalId anyway?"),
        "{screen}"
    );
    assert!(screen.contains("none → V-1"), "{screen}");
}

#[test]
fn production_bulk_dialog_asks_for_the_count() {
    let mut app = production(false);
    for id in ["REQ1verifone", "REQ3epayReady", "REQ7verifone"] {
        move_to(&mut app, id);
        update(&mut app, ch(' '));
    }
    update(&mut app, ch('A'));
    typed(&mut app, "4");
    update(&mut app, key(KeyCode::Enter));
    let mut t = terminal(&mut app, 80, 24);
    let screen = t.backend().to_string();
    insta::assert_snapshot!("bulk_confirm_typed_80x24", screen);
    assert!(
        screen.contains("PRODUCTION: type 3 (the number of requests) to run."),
        "{screen}"
    );
    assert!(
        screen.contains("4 is not 3: type 3 to start the run."),
        "{screen}"
    );
    assert!(screen.contains("[Enter] run 3 now"), "{screen}");
    assert!(!screen.contains("Enter/y"), "{screen}");
    // The cursor sits after what was typed.
    let pos = t.get_cursor_position().expect("a cursor");
    let buf = t.backend().buffer();
    let row: String = (0..buf.area.width)
        .map(|x| buf[(x, pos.y)].symbol().to_string())
        .collect();
    assert!(row.contains("count: 4"), "{row}");
}
