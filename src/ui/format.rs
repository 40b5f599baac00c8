//! Times as the operator reads them: local wall clock plus a short age.

use chrono::{DateTime, FixedOffset, Utc};

/// The age column is five wide: `45s`, `12m`, `5h`, `3d`, `2y`.
pub use crate::text::{age, clean, clip, wrap};

/// `lines` with every span's text as [`clean`] shows it: dialogs mix the
/// server's values into their sentences, so the whole is cleaned once
/// where it is drawn (the house's own words pass unchanged).
pub fn shown<'a>(lines: Vec<ratatui::text::Line<'a>>) -> Vec<ratatui::text::Line<'a>> {
    lines
        .into_iter()
        .map(|mut line| {
            for span in &mut line.spans {
                let cleaned = clean(&span.content);
                if cleaned != span.content {
                    span.content = cleaned.into();
                }
            }
            line
        })
        .collect()
}

pub fn local(t: DateTime<Utc>, tz: FixedOffset) -> String {
    t.with_timezone(&tz)
        .format("%Y-%m-%d %H:%M:%S %:z")
        .to_string()
}

/// Minutes are enough where space is short; the zone is the configured one.
pub fn local_short(t: DateTime<Utc>, tz: FixedOffset) -> String {
    t.with_timezone(&tz).format("%Y-%m-%d %H:%M").to_string()
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
