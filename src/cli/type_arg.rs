//! `--type` takes any value: the API may know types this build does not
//! (the console shows such rows), so an undocumented one is sent anyway,
//! with a warning in case it is a typo.

use super::Failure;
use crate::api::IntegrationType;

/// The most of an undocumented type repeated in the warning.
const MAX_SHOWN: usize = 60;

/// The type `raw` names, and a warning when no API revision documents it.
/// `anyway` finishes the warning: what is done with it regardless.
pub(super) fn parse(raw: &str, anyway: &str) -> Result<(IntegrationType, Option<String>), Failure> {
    let value = raw.trim().to_ascii_lowercase();
    if value.is_empty() {
        return Err(Failure::Usage(
            "--type needs a value, e.g. --type epay.".into(),
        ));
    }
    let kind = IntegrationType::parse(&value);
    let warning = matches!(kind, IntegrationType::Unknown(_)).then(|| {
        format!(
            "{} is not a type the API documents; {anyway}.",
            crate::text::clean_bounded(&value, MAX_SHOWN)
        )
    });
    Ok((kind, warning))
}

/// [`parse`], with its warning printed on stderr.
pub(super) fn warn_and_parse(raw: &str, anyway: &str) -> Result<IntegrationType, Failure> {
    let (kind, warning) = parse(raw, anyway)?;
    if let Some(w) = warning {
        eprintln!("{w}");
    }
    Ok(kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documented_types_pass_quietly_in_any_case() {
        for raw in ["epay", " Verifone ", "WINDCAVE", "smartpay", "vista"] {
            let (kind, warning) = parse(raw, "searching for it anyway").expect("a type");
            assert!(!matches!(kind, IntegrationType::Unknown(_)), "{raw}");
            assert_eq!(warning, None, "{raw}");
        }
    }

    #[test]
    fn an_undocumented_type_is_kept_with_a_warning() {
        let (kind, warning) = parse("Linkly", "searching for it anyway").expect("a type");
        assert_eq!(kind, IntegrationType::Unknown("linkly".into()));
        assert_eq!(
            warning.as_deref(),
            Some("linkly is not a type the API documents; searching for it anyway.")
        );
        let (_, warning) = parse("a\u{1b}[2Jb", "x").expect("a type");
        assert_eq!(
            warning.as_deref(),
            Some("a␛[2jb is not a type the API documents; x.")
        );
    }

    #[test]
    fn an_empty_type_is_a_usage_error() {
        assert!(matches!(parse("  ", "x"), Err(Failure::Usage(_))));
    }
}
