//! Pre-filled fields: the value they open with is drawn reversed (typing
//! replaces it) with a line saying so; and a failed export's prompt, with
//! its reason whole under the path.

use super::*;
use crate::export::ExportError;

/// The reversed characters of each line of the frame, where a field's
/// selected value is the only reversed text on screen (the list's cursor
/// row is under the dialog's box or beside it, on other lines).
fn reversed(t: &Terminal<TestBackend>, line_with: &str) -> String {
    let buf = t.backend().buffer();
    let area = buf.area;
    (area.y..area.bottom())
        .map(|y| {
            let line: String = (area.x..area.right())
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect();
            (y, line)
        })
        .filter(|(_, line)| line.contains(line_with))
        .map(|(y, _)| {
            (area.x..area.right())
                .filter(|&x| buf[(x, y)].modifier.contains(Modifier::REVERSED))
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect::<String>()
        })
        .collect()
}

#[test]
fn the_form_shows_the_terminal_id_it_opened_with_as_selected() {
    let mut app = loaded();
    move_to(&mut app, "REQ4windcaveT9");
    update(&mut app, ch('t'));
    let t = terminal(&mut app, 100, 24);
    assert_eq!(reversed(&t, "terminalId: T-9"), "T-9");
    let screen = t.backend().to_string();
    assert!(screen.contains("Typing replaces it"), "{screen}");
    insta::assert_snapshot!("form_prefilled_100x24", screen);

    // Once edited, nothing is selected and the line goes.
    update(&mut app, ch('X'));
    let t = terminal(&mut app, 100, 24);
    assert_eq!(reversed(&t, "terminalId: X"), "");
    assert!(!t.backend().to_string().contains("Typing replaces it"));
}

#[test]
fn the_path_prompts_show_their_prefilled_path_as_selected() {
    let mut app = loaded();
    update(&mut app, ch('e'));
    let t = terminal(&mut app, 100, 24);
    assert_eq!(
        reversed(&t, "file: intake-export"),
        "intake-export-20240602-000000.csv"
    );
    update(&mut app, key(KeyCode::Esc));
    app.last_import_path = "terms.csv".into();
    update(&mut app, ch('i'));
    let t = terminal(&mut app, 100, 24);
    assert_eq!(reversed(&t, "file: terms.csv"), "terms.csv");
}

#[test]
fn a_failed_export_keeps_the_prompt_with_its_reason_whole() {
    let why = "Could not export to /nonexistent/dir/x.csv (No such file or directory (os error 2)); check that the folder exists and is writable.";
    let mut app = loaded();
    update(&mut app, ch('e'));
    // The first character replaces the offered name.
    for c in "/nonexistent/dir/x.csv".chars() {
        update(&mut app, ch(c));
    }
    update(&mut app, key(KeyCode::Enter));
    update(
        &mut app,
        Action::Api(ApiEvent::Exported {
            path: "/nonexistent/dir/x.csv".into(),
            count: 2,
            result: Err(ExportError::Failed(why.into())),
        }),
    );
    let screen = render(&mut app, 100, 30);
    assert!(screen.contains("file: /nonexistent/dir/x.csv "), "{screen}");
    // Every word of the reason is on screen, none cut.
    let text: String = screen
        .lines()
        .map(|l| l.trim_matches(|c| c == '"' || c == ' ' || c == '│'))
        .collect::<Vec<_>>()
        .join(" ");
    for word in why.split(' ') {
        assert!(text.contains(word), "{word} is missing:\n{screen}");
    }
    insta::assert_snapshot!("export_failed_100x30", screen);
}
