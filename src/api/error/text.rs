//! The sentences of the errors whose text is built from their fields.

use std::time::Duration;

use super::{MAX_MESSAGE_CHARS, Operation};

pub(super) fn forbidden_text(operation: Option<&Operation>, message: &str) -> String {
    match operation {
        Some(op) => op.forbidden_sentence(message),
        None => format!(
            "Forbidden: Centrapay refused the call ({message}): what it names does not exist or this API key cannot use it; check the ids and the profile's account."
        ),
    }
}

pub(super) fn not_in_account_text(id: &str, account: Option<&str>, pages: Option<usize>) -> String {
    let id = crate::text::clean_bounded(id, MAX_MESSAGE_CHARS);
    let searched = match pages {
        Some(n) => format!("searched {n} page{}", crate::text::plural(n)),
        None => "searched every page".to_string(),
    };
    match account {
        Some(a) => format!(
            "Integration request {id} was not found in account {} ({searched}); check the id, and that the request belongs to this account (--account, or account_id in the profile).",
            crate::text::clean_bounded(a, MAX_MESSAGE_CHARS)
        ),
        None => format!(
            "Integration request {id} was not found in any account this API key can see ({searched}); check the id."
        ),
    }
}

pub(super) fn rate_limited_text(retry_after: Option<Duration>) -> String {
    match retry_after {
        Some(d) => format!(
            "The API rate limit was reached; wait {}s before trying again.",
            d.as_secs().max(1)
        ),
        None => "The API rate limit was reached; wait a moment before trying again.".to_string(),
    }
}

pub(super) fn too_many_pages_text(pages: usize, items: usize) -> String {
    format!(
        "The server sent {pages} pages holding only {items} request{} while listing and still offered another; the listing stopped to avoid paging forever. Report this to Centrapay or retry later.",
        crate::text::plural(items)
    )
}

pub(super) fn duration_text(d: Duration) -> String {
    if d < Duration::from_secs(1) {
        format!("{}ms", d.as_millis())
    } else {
        format!("{}s", d.as_secs())
    }
}

pub(super) fn expired_text(host: &str, not_after: Option<&str>) -> String {
    let when = not_after.map(|d| format!(" on {d}")).unwrap_or_default();
    format!(
        "The certificate of {host} expired{when}; the server's operator must renew it (and check that this machine's clock is right)."
    )
}

pub(super) fn redirect_text(from: &str, to: Option<&str>) -> String {
    let to = to.map_or_else(|| "an unnamed location".to_string(), str::to_string);
    format!(
        "The server at {from} answered with a redirect to {to}; intake does not follow redirects, so the API key stays with {from}. Check base_url for this profile."
    )
}
