//! Text that reaches a terminal, shared by the console and the CLI.

use chrono::{DateTime, Utc};

/// Text intake did not write (the server's, a file's, a merchant's own
/// name) as it is shown to people: every character that could act on a
/// terminal or hide itself is replaced by a visible mark, so a hostile
/// value cannot move the cursor, change colours, reorder what is around it
/// or hide inside an id, and the operator sees that something odd is
/// there. The one rule for every writer to a terminal or a spreadsheet;
/// the values the program keeps and sends are never cleaned.
pub fn clean(s: &str) -> String {
    s.chars().map(shown).collect()
}

/// [`clean`] for text of several lines: each line cleaned, the line
/// breaks kept.
pub fn clean_lines(s: &str) -> String {
    s.split('\n').map(clean).collect::<Vec<_>>().join("\n")
}

/// [`clean`], and at most `max` characters: for text repeated in an error.
pub fn clean_bounded(s: &str, max: usize) -> String {
    s.chars().take(max).map(shown).collect()
}

/// A C0 control shows as its control picture (ESC as `␛`), DEL as `␡`,
/// and a C1 control, a bidi control or an invisible character as `⍰`.
fn shown(c: char) -> char {
    match c {
        '\u{0}'..='\u{1F}' => char::from_u32(0x2400 + c as u32).unwrap_or(MARK),
        '\u{7F}' => '\u{2421}',
        c if c.is_control() || hidden(c) => MARK,
        c => c,
    }
}

/// What stands for a character that must not reach a terminal as it is.
// Not U+FFFD: terminals (and vt100) treat a replacement character as the
// trace of a decoding error and may draw it in no cell at all.
pub const MARK: char = '\u{2370}';

/// Characters that take no room or reorder the text around them: zero-width
/// spaces and joiners, direction marks, bidi embeddings, overrides and
/// isolates, word joiners and invisible operators, line and paragraph
/// separators, and byte-order marks.
fn hidden(c: char) -> bool {
    matches!(
        c,
        '\u{061C}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{2028}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
    )
}

/// How many terminal columns `s` takes: the one measure every layout uses
/// (wide CJK and emoji take two, combining marks none), as ratatui does.
pub fn width(s: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(s)
}

fn char_width(c: char) -> usize {
    unicode_width::UnicodeWidthChar::width(c).unwrap_or(0)
}

/// `s` padded with spaces to `w` columns (as it is when wider).
pub fn pad(s: &str, w: usize) -> String {
    let mut out = s.to_string();
    out.extend(std::iter::repeat_n(' ', w.saturating_sub(width(s))));
    out
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
    !c.is_control() && !hidden(c)
}

/// Show at most `max` columns, marking the cut with `…`.
pub fn clip(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = char_width(c);
        if used + w > max - 1 {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

/// Split text into lines of at most `cols` columns at spaces (a word
/// wider than that is cut).
pub fn wrap(text: &str, cols: usize) -> Vec<String> {
    let cols = cols.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        let mut word = word.to_string();
        loop {
            let len = width(&line);
            let wlen = width(&word);
            if len == 0 && wlen > cols {
                let (head, rest) = split_at_width(&word, cols);
                lines.push(head);
                word = rest;
                continue;
            }
            if len > 0 && len + 1 + wlen > cols {
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

/// The first `cols` columns of `s` (at least one character, so a wide one
/// in a narrow space still moves on), and the rest.
fn split_at_width(s: &str, cols: usize) -> (String, String) {
    let mut used = 0;
    let mut at = 0;
    for (i, c) in s.char_indices() {
        let w = char_width(c);
        if used + w > cols && i > 0 {
            break;
        }
        used += w;
        at = i + c.len_utf8();
    }
    (s[..at].to_string(), s[at..].to_string())
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
    fn controls_bidi_and_invisible_characters_show_as_marks() {
        assert_eq!(clean("a\u{1b}[2Jb\u{7}c\u{8}"), "a␛[2Jb␇c␈");
        assert_eq!(clean("x\u{7f}y\u{9b}z"), "x␡y⍰z");
        assert_eq!(
            clean("Cafe \u{202E}gnp.exe\u{202C} Ltd"),
            "Cafe ⍰gnp.exe⍰ Ltd"
        );
        assert_eq!(clean("11\u{200B}00\u{FEFF}21\u{2066}"), "11⍰00⍰21⍰");
        // Text that is only unusual stays: accents, CJK, emoji.
        assert_eq!(clean("Café 東京 🍣"), "Café 東京 🍣");
        // Every mark takes one column, so a cleaned value is as wide as shown.
        for c in [
            '\u{0}', '\u{1b}', '\u{7f}', '\u{85}', '\u{200B}', '\u{202E}',
        ] {
            assert_eq!(width(&clean(&c.to_string())), 1, "{c:?}");
        }
    }

    #[test]
    fn widths_clips_and_pads_count_columns_not_characters() {
        assert_eq!(width("東京"), 4);
        assert_eq!(clip("東京タワー", 5), "東京…");
        assert_eq!(width(&clip("東京タワー", 5)), 5);
        assert_eq!(clip("abcdef", 4), "abc…");
        assert_eq!(clip("abc", 3), "abc");
        assert_eq!(pad("東", 4), "東  ");
        assert_eq!(wrap("東京タワー abc", 4), ["東京", "タワ", "ー", "abc"]);
    }

    #[test]
    fn one_is_singular_and_every_other_count_plural() {
        assert_eq!(format!("1 row{}", plural(1)), "1 row");
        assert_eq!(format!("0 row{}", plural(0)), "0 rows");
        assert_eq!(count(1, "is", "are"), "1 is");
        assert_eq!(count(2, "request", "requests"), "2 requests");
        assert_eq!(count(0, "request", "requests"), "0 requests");
    }
}
