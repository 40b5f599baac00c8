//! The command palette over the list: the input on top, the matches with
//! their keys, the chosen one marked, and what it says when none match.

use super::*;

#[test]
fn the_palette_narrowed_and_with_nothing_matching() {
    let mut app = loaded();
    update(&mut app, ch(':'));
    typed(&mut app, "act");
    update(&mut app, key(KeyCode::Down));
    insta::assert_snapshot!("palette_act_100x30", render(&mut app, 100, 30));

    let mut app = loaded();
    update(&mut app, ch(':'));
    typed(&mut app, "zzz");
    insta::assert_snapshot!("palette_none_80x24", render(&mut app, 80, 24));
}

#[test]
fn every_action_shows_when_nothing_is_typed_and_the_list_scrolls() {
    let mut app = loaded();
    update(&mut app, ch(':'));
    for _ in 0..25 {
        update(&mut app, key(KeyCode::Down));
    }
    insta::assert_snapshot!("palette_scrolled_100x30", render(&mut app, 100, 30));
}

#[test]
fn the_matched_letters_are_highlighted() {
    let mut app = loaded();
    update(&mut app, ch(':'));
    typed(&mut app, "bact");
    let t = terminal(&mut app, 100, 30);
    let buf = t.backend().buffer();
    // The first row's `b` (of bulk-activate) is marked; its `u` is not.
    let row = (0..30)
        .find(|y| {
            (0..100)
                .map(|x| buf[(x, *y)].symbol())
                .collect::<String>()
                .contains("▶ bulk-activate")
        })
        .expect("the chosen row");
    let x = (0..100)
        .find(|x| buf[(*x, row)].symbol() == "▶")
        .expect("the marker");
    assert!(buf[(x + 2, row)].modifier.contains(Modifier::UNDERLINED));
    assert!(!buf[(x + 3, row)].modifier.contains(Modifier::UNDERLINED));
}

#[test]
fn a_small_window_draws_what_fits_without_panicking() {
    for (w, h) in [(10, 4), (12, 5), (20, 6), (30, 8), (40, 10)] {
        let mut app = loaded();
        update(&mut app, ch(':'));
        typed(&mut app, "a");
        update(&mut app, key(KeyCode::PageDown));
        let screen = render(&mut app, w, h);
        assert!(!screen.is_empty(), "{w}x{h}");
    }
}
