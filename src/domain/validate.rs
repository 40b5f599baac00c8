//! Checks on values that come from the command line, files or the server.

use crate::api::IntegrationType;

/// Ids (integration request, merchant, account) are opaque but, in practice,
/// letters and digits (plus `-`/`_`); anything else is a typo or an injection.
pub fn is_valid_id(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// A sentence for a bad id, naming it.
pub fn check_id(what: &str, s: &str) -> Result<(), String> {
    if is_valid_id(s) {
        Ok(())
    } else if s.is_empty() {
        Err(format!("The {what} is empty."))
    } else {
        Err(format!(
            "`{}` is not a valid {what}: use letters, digits, `-` or `_` (at most 64).",
            s.escape_default()
        ))
    }
}

/// Check and normalise a terminalId before it is sent: trimmed, non-empty,
/// no spaces or control characters, at most 32 characters, digits only for
/// ePay. The error is a sentence for the operator.
pub fn validate_terminal_id(kind: &IntegrationType, raw: &str) -> Result<String, String> {
    let t = raw.trim();
    if t.is_empty() {
        return Err("Enter a terminalId; it cannot be empty.".into());
    }
    if t.chars().any(char::is_whitespace) {
        return Err("A terminalId cannot contain spaces.".into());
    }
    if t.chars().any(char::is_control) {
        return Err("A terminalId cannot contain control characters.".into());
    }
    if t.chars().count() > 32 {
        return Err(format!(
            "A terminalId is at most 32 characters; this one has {}.",
            t.chars().count()
        ));
    }
    if kind.requires_terminal_id() && !t.chars().all(|c| c.is_ascii_digit()) {
        return Err("An ePay terminalId is digits only (e.g. 11000021).".into());
    }
    Ok(t.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_ids() {
        let epay = IntegrationType::Epay;
        assert_eq!(
            validate_terminal_id(&epay, " 11000021 ").as_deref(),
            Ok("11000021")
        );
        assert!(
            validate_terminal_id(&epay, "")
                .unwrap_err()
                .contains("empty")
        );
        assert!(
            validate_terminal_id(&epay, "110 021")
                .unwrap_err()
                .contains("spaces")
        );
        assert!(
            validate_terminal_id(&epay, "11a")
                .unwrap_err()
                .contains("digits")
        );
        assert!(
            validate_terminal_id(&epay, &"1".repeat(33))
                .unwrap_err()
                .contains("32")
        );
        assert!(
            validate_terminal_id(&epay, "1\u{7}")
                .unwrap_err()
                .contains("control")
        );
        assert_eq!(
            validate_terminal_id(&IntegrationType::Verifone, "T-9").as_deref(),
            Ok("T-9")
        );
    }

    #[test]
    fn ids() {
        assert!(is_valid_id("DKTs3U38hdhfEqwF1JKoT2"));
        assert!(is_valid_id("5ee0c486308f590260d9a07f"));
        assert!(!is_valid_id(""));
        assert!(!is_valid_id("a/b"));
        assert!(!is_valid_id("a b"));
        assert!(
            check_id("request id", "x\u{1b}[2J")
                .unwrap_err()
                .contains("\\u{1b}")
        );
    }
}
