//! Merchant names wherever a request is named: the terminalId form, the
//! overwrite question, the single-row bulk dialog and the bulk results.

use super::*;

#[test]
fn the_terminal_id_form_names_the_merchant() {
    let mut app = named();
    move_to(&mut app, "REQ2epayNoTid");
    update(&mut app, ch('t'));
    let screen = render(&mut app, 100, 24);
    insta::assert_snapshot!("names_form_100x24", screen);
    assert!(
        screen.contains("REQ2epayNoTid  merchant Cafe Aroha"),
        "{screen}"
    );
    // Before its name arrives, the id.
    let mut app = loaded();
    move_to(&mut app, "REQ2epayNoTid");
    update(&mut app, ch('t'));
    let screen = render(&mut app, 100, 24);
    assert!(
        screen.contains("merchant 6455f32b15743f591f4ee209"),
        "{screen}"
    );
}

#[test]
fn a_single_row_bulk_activation_names_the_request_and_its_merchant() {
    let mut app = named();
    move_to(&mut app, "REQ3epayReady");
    update(&mut app, ch('A'));
    let screen = render(&mut app, 100, 24);
    insta::assert_snapshot!("names_bulk_one_100x24", screen);
    assert!(
        screen.contains("epay REQ3epayReady · merchant Tui Books"),
        "{screen}"
    );
}

#[test]
fn the_overwrite_question_names_the_merchant() {
    let mut app = named();
    edit_terminal_id(&mut app, "REQ3epayReady", "11000022");
    update(&mut app, key(KeyCode::Enter));
    let screen = render(&mut app, 100, 24);
    assert!(screen.contains("merchant    Tui Books"), "{screen}");
}

#[test]
fn bulk_results_name_each_request_s_merchant() {
    let mut app = named();
    start_run(&mut app, &["REQ1verifone", "REQ5active", "REQ8smartpay"]);
    bulk_activated(&mut app, "REQ1verifone", Ok(()));
    bulk_activated(&mut app, "REQ8smartpay", Ok(()));
    let run_id = run_id(&app);
    bulk_finished(&mut app, run_id, false);
    let screen = render(&mut app, 120, 24);
    insta::assert_snapshot!("names_bulk_results_120x24", screen);
    assert!(
        screen.contains("Kowhai Coffee House · activated"),
        "{screen}"
    );
    // The key cannot see REQ5active's merchant: its id stands in.
    assert!(
        screen.contains("60a848820346ce068b21ea85 · already active"),
        "{screen}"
    );
}
