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
