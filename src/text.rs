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

/// Show at most `max` characters, marking the cut.
pub fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else if max == 0 {
        String::new()
    } else {
        let mut out: String = s.chars().take(max - 1).collect();
        out.push('…');
        out
    }
}

/// Split text into lines of at most `width` characters at spaces (a word
/// longer than the width is cut).
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        let mut word = word.to_string();
        loop {
            let len = line.chars().count();
            let wlen = word.chars().count();
            if len == 0 && wlen > width {
                lines.push(word.chars().take(width).collect());
                word = word.chars().skip(width).collect();
                continue;
            }
            if len > 0 && len + 1 + wlen > width {
                lines.push(std::mem::take(&mut line));
                continue;
            }
            if len > 0 {
                line.push(' ');
            }
            line.push_str(&word);
            break;
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// `s` with its first letter upper case, to start a sentence.
pub fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The `s` a count other than one takes: `format!("{n} row{}", plural(n))`.
pub fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// `n` and the word that agrees with it: `count(2, "row", "rows")` is `2 rows`.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_is_singular_and_every_other_count_plural() {
        assert_eq!(format!("1 row{}", plural(1)), "1 row");
        assert_eq!(format!("0 row{}", plural(0)), "0 rows");
        assert_eq!(count(1, "is", "are"), "1 is");
        assert_eq!(count(2, "request", "requests"), "2 requests");
        assert_eq!(count(0, "request", "requests"), "0 requests");
    }
}
