//! Boxes over the list fit where they are drawn: inside the panes' frame
//! (never a border over theirs), their titles cut with `…` before the
//! corner, their words shorter when narrow; the runs panel's selection
//! mark clear of a run's number. Also the palette opened from a panel.

use super::*;

/// Every row of `screen` that draws a box's bottom border.
fn bottoms(screen: &str) -> Vec<&str> {
    screen.lines().filter(|l| l.contains('└')).collect()
}

#[test]
fn the_copy_menu_sits_inside_the_panes_frame() {
    let mut app = scene_copy_menu();
    let screen = render(&mut app, 120, 36);
    // No box's corner lands on another's border.
    assert!(!screen.contains("─└") && !screen.contains("┘─"), "{screen}");
    insta::assert_snapshot!("copy_menu_120x36", screen);
}

#[test]
fn the_column_chooser_fits_a_small_screen() {
    let mut app = named();
    update(&mut app, ch('C'));
    let screen = render(&mut app, 40, 15);
    for line in bottoms(&screen) {
        assert_eq!(line.matches('└').count(), 1, "{line}");
    }
    assert!(!screen.contains("shown while there"), "{screen}");
    insta::assert_snapshot!("column_chooser_40x15", screen);
}

/// A box's title never runs into its corner: a `─` stays before the `┐`.
fn titles_end_with_a_rule(screen: &str) {
    for line in screen.lines().filter(|l| l.contains('┌')) {
        for (i, _) in line.match_indices('┐') {
            let before = line[..i].chars().last();
            assert!(
                matches!(before, Some('─' | '┌')),
                "title into the corner: {line}"
            );
        }
    }
}

#[test]
fn long_titles_are_cut_before_the_corner() {
    let mut app = loaded();
    update(&mut app, ch(':'));
    let screen = render(&mut app, 40, 15);
    titles_end_with_a_rule(&screen);
    assert!(screen.contains("…"), "{screen}");
    insta::assert_snapshot!("palette_title_40x15", screen);

    let mut app = loaded();
    let (run_id, _) = start_run(&mut app, &["REQ1verifone"]);
    bulk_finished(&mut app, run_id, true);
    let screen = render(&mut app, 40, 15);
    titles_end_with_a_rule(&screen);
    insta::assert_snapshot!("bulk_cancelled_title_40x15", screen);
}

#[test]
fn the_runs_panels_mark_is_clear_of_two_digit_numbers() {
    let mut app = loaded();
    for _ in 0..10 {
        let (run_id, _) = start_run(&mut app, &["REQ1verifone"]);
        bulk_finished(&mut app, run_id, false);
        update(&mut app, key(KeyCode::Esc));
        update(&mut app, ch('u'));
    }
    update(&mut app, ch('H'));
    let screen = render(&mut app, 80, 24);
    assert!(screen.contains(">  10 "), "{screen}");
    insta::assert_snapshot!("runs_ten_80x24", screen);
}

#[test]
fn the_palette_opened_from_a_panel_draws_over_it() {
    let mut app = loaded();
    update(&mut app, ch('H'));
    update(&mut app, ch(':'));
    let screen = render(&mut app, 80, 24);
    assert!(screen.contains("Actions: 2 of 2"), "{screen}");
    insta::assert_snapshot!("palette_over_runs_80x24", screen);
}
