//! Text that reaches a terminal, shared by the console and the CLI.

use chrono::{DateTime, Utc};

/// Server, file and operator text without control characters, so a hostile
/// value cannot move the cursor or change colours.
pub fn clean(s: &str) -> String {
    s.chars().filter(|c| !c.is_control()).collect()
}

/// [`clean`], and at most `max` characters: for text repeated in an error.
pub fn clean_bounded(s: &str, max: usize) -> String {
    s.chars().filter(|c| !c.is_control()).take(max).collect()
}

/// An age like `40s`, `12m`, `5h`, `3d`, `2y`.
pub fn age(now: DateTime<Utc>, t: DateTime<Utc>) -> String {
    let secs = (now - t).num_seconds().max(0);
    match secs {
        s if s < 60 => format!("{s}s"),
        s if s < 3_600 => format!("{}m", s / 60),
        s if s < 86_400 => format!("{}h", s / 3_600),
        s if s < 365 * 86_400 => format!("{}d", s / 86_400),
        s => format!("{}y", s / (365 * 86_400)),
    }
}

/// What a paste keeps: no control characters (line breaks, tabs, escapes)
/// and none of the invisible formatting that copying from web pages and
/// chat picks up (zero-width spaces, byte-order marks, direction marks and
/// overrides), which would otherwise hide inside a terminalId or a path.
pub fn pasteable(c: char) -> bool {
    !c.is_control()
        && !matches!(
            c,
            '\u{200B}'..='\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{2069}'
                | '\u{FEFF}'
        )
}

/// `"s"` unless `n` is one: `format!("{n} row{}", plural(n))`.
pub fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
