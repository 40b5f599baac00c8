//! The filter line's error and the empty result.

use super::*;

#[test]
fn an_unknown_field_is_shown_under_the_filter_input() {
    let mut app = loaded();
    update(&mut app, ch('/'));
    typed(&mut app, "tpye:epay");
    let screen = render(&mut app, 100, 16);
    insta::assert_snapshot!("filter_unknown_field_100x16", screen);
    let lines: Vec<&str> = screen.lines().collect();
    let input = lines
        .iter()
        .position(|l| l.starts_with("\"/tpye:epay"))
        .expect("the filter input");
    assert!(
        lines[input + 1].starts_with(
            "\"unknown field tpye; fields: type status merchant account id terminal needs"
        ),
        "{screen}"
    );
}

#[test]
fn an_empty_result_says_no_requests_match() {
    let mut app = loaded();
    app.set_filter_text("terminal:none type:smartpay");
    let screen = render(&mut app, 100, 16);
    insta::assert_snapshot!("filter_no_match_100x16", screen);
    assert!(
        screen.contains("No requests match `terminal:none type:smartpay`"),
        "{screen}"
    );
}

#[test]
fn an_empty_result_says_how_many_other_statuses_hold_and_that_p_shows_them() {
    let mut app = loaded();
    update(&mut app, ch('/'));
    let cmds = typed(&mut app, "type:smartpay needs:pend");
    let load_id = cmds
        .iter()
        .find_map(|c| match c {
            crate::app::Command::Api(crate::app::WorkerCall::LoadOthers { load_id, .. }) => {
                Some(*load_id)
            }
            _ => None,
        })
        .expect("the count is asked for");
    let mut other = requests()
        .into_iter()
        .find(|r| r.id == "REQ8smartpay")
        .expect("fixture");
    other.id = "OTHERsmartpay".into();
    other.status = crate::api::Status::Disabled;
    api(&mut app, page(load_id, vec![other], true));
    update(&mut app, key(KeyCode::Enter));
    let screen = render(&mut app, 100, 16);
    insta::assert_snapshot!("filter_more_in_other_statuses_100x16", screen);
    assert!(
        screen.contains("1 more in other statuses; press p to show them."),
        "{screen}"
    );
}

/// The line under the filter input, at `width` columns.
fn under_input(app: &mut App, width: u16, typed_text: &str) -> (String, String) {
    let screen = render(app, width, 16);
    let lines: Vec<&str> = screen.lines().collect();
    let input = lines
        .iter()
        .position(|l| l.starts_with(&format!("\"/{typed_text}")))
        .expect("the filter input");
    (screen.clone(), lines[input + 1].to_string())
}

#[test]
fn an_unknown_value_is_shown_under_the_filter_input_with_the_known_ones() {
    let mut app = loaded();
    update(&mut app, ch('/'));
    typed(&mut app, "needs:bogus");
    let (screen, line) = under_input(&mut app, 100, "needs:bogus");
    insta::assert_snapshot!("filter_unknown_value_100x16", screen);
    assert!(
        line.starts_with("\"unknown needs:bogus; needs: terminal pending active nothing"),
        "{screen}"
    );
}

#[test]
fn the_filter_hint_names_terminal_none_and_needs_at_100_columns() {
    let mut app = loaded();
    update(&mut app, ch('/'));
    let (screen, line) = under_input(&mut app, 100, "");
    insta::assert_snapshot!("filter_hint_100x16", screen);
    assert!(line.contains("terminal:none needs:terminal"), "{screen}");
}
