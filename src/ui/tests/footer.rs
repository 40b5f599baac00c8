//! The key hints under the screen: whole or not at all.

use super::*;

/// The footer line of a rendered screen (its last line), trimmed.
fn footer_of(screen: &str) -> String {
    screen
        .lines()
        .last()
        .unwrap_or_default()
        .trim_matches('"')
        .trim_end()
        .to_string()
}

#[test]
fn a_hint_that_does_not_fit_is_left_out_whole_and_an_ellipsis_says_so() {
    let full = footer_of(&render(&mut loaded(), 400, 12));
    assert!(!full.ends_with('…'), "{full}");
    for width in 20..160u16 {
        let footer = footer_of(&render(&mut loaded(), width, 12));
        if footer.len() < full.len() {
            assert!(footer.ends_with('…'), "width {width}: {footer}");
            let shown = footer.trim_end_matches('…').trim_end();
            // What is shown is a prefix of the whole footer that ends with a
            // hint's words, never a key cut from them.
            assert!(full.starts_with(shown), "width {width}: {footer}");
            let next = &full[shown.len()..];
            assert!(
                next.is_empty() || next.starts_with("  "),
                "width {width}: {footer}"
            );
        }
    }
}
