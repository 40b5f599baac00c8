//! Times as the operator reads them: local wall clock plus a short age.

use chrono::{DateTime, FixedOffset, Utc};

/// The age column is five wide: `45s`, `12m`, `5h`, `3d`, `2y`.
pub use crate::text::{age, clean};

pub fn local(t: DateTime<Utc>, tz: FixedOffset) -> String {
    t.with_timezone(&tz)
        .format("%Y-%m-%d %H:%M:%S %:z")
        .to_string()
}

/// Minutes are enough where space is short; the zone is the configured one.
pub fn local_short(t: DateTime<Utc>, tz: FixedOffset) -> String {
    t.with_timezone(&tz).format("%Y-%m-%d %H:%M").to_string()
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

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeDelta;

    #[test]
    fn ages() {
        let now = DateTime::<Utc>::UNIX_EPOCH + TimeDelta::days(1000);
        assert_eq!(age(now, now), "0s");
        assert_eq!(age(now, now + TimeDelta::seconds(5)), "0s");
        assert_eq!(age(now, now - TimeDelta::seconds(59)), "59s");
        assert_eq!(age(now, now - TimeDelta::minutes(12)), "12m");
        assert_eq!(age(now, now - TimeDelta::hours(5)), "5h");
        assert_eq!(age(now, now - TimeDelta::days(3)), "3d");
        assert_eq!(age(now, now - TimeDelta::days(800)), "2y");
    }

    #[test]
    fn wrapping() {
        assert_eq!(wrap("a bb ccc", 4), ["a bb", "ccc"]);
        assert_eq!(wrap("abcdefgh", 3), ["abc", "def", "gh"]);
        assert_eq!(wrap("", 3), [""]);
        assert_eq!(wrap("x", 0), ["x"]);
    }

    #[test]
    fn clipping() {
        assert_eq!(clip("abcdef", 4), "abc…");
        assert_eq!(clip("abc", 4), "abc");
        assert_eq!(clip("abc", 0), "");
    }
}
