//! The values a field knows: `type:` and `status:` take a name, matched
//! whole; `needs:` a word of the readiness the detail pane shows. A value
//! none of them begins with is named under the input, as an unknown field is.

use crate::api::{Blocker, IntegrationType, Status};

use super::{Field, NOTHING};

/// The words `needs:` offers, as the error line lists them.
const NEEDS_WORDS: &str = "terminal pending active nothing";

/// Whether `field` matches a value whole rather than any part of it: a
/// type or status is a name (`type:epay` is not `type:epayx`).
pub(super) fn whole(field: Option<Field>) -> bool {
    matches!(field, Some(Field::Kind | Field::Status))
}

/// Why `value` is not one `field` knows, as the line under the input says
/// it; `None` while it is one, or the start of one still being typed.
pub(super) fn unknown(field: Field, value: &str) -> Option<String> {
    match field {
        Field::Kind => {
            let names: Vec<&str> = IntegrationType::KNOWN
                .iter()
                .map(IntegrationType::as_str)
                .collect();
            (!names.iter().any(|n| n.starts_with(value)))
                .then(|| format!("unknown type {value}; types: {}", names.join(" ")))
        }
        Field::Status => {
            let names: Vec<&str> = Status::KNOWN.iter().map(Status::as_str).collect();
            (!names.iter().any(|n| n.starts_with(value)))
                .then(|| format!("unknown status {value}; statuses: {}", names.join(" ")))
        }
        Field::Needs => {
            let said = [
                Blocker::AlreadyActive,
                Blocker::TerminalIdMissing,
                Blocker::NotPending,
            ]
            .map(|b| b.to_string().to_lowercase());
            let known = said.iter().any(|s| s.contains(value))
                || NOTHING.iter().any(|w| w.starts_with(value))
                || crate::domain::readiness::READY.contains(value);
            (!known).then(|| format!("unknown needs:{value}; needs: {NEEDS_WORDS}"))
        }
        _ => None,
    }
}
