//! The filter's language, row by row: prefixes, bare words, names
//! matched whole, values it does not know.

use super::*;
use crate::api::{IntegrationType, Status};
use chrono::TimeZone;

fn req() -> IntegrationRequest {
    let t = chrono::Utc
        .with_ymd_and_hms(2024, 1, 1, 0, 0, 0)
        .single()
        .unwrap_or_default();
    IntegrationRequest {
        id: "DKTs3U38".into(),
        account_id: "Jaim1Cu1".into(),
        merchant_id: "5ee0c486".into(),
        kind: IntegrationType::Epay,
        status: Status::Pending,
        terminal_id: Some("11000021".into()),
        created_at: Some(t),
        updated_at: Some(t),
        created_by: None,
        updated_by: None,
        terminal: None,
        product: None,
        as_sent: Default::default(),
    }
}

#[test]
fn prefixes_and_bare_words() {
    let h = Haystack::new(&req());
    for yes in [
        "",
        "epay",
        "EPAY",
        "type:epay status:pending",
        "merchant:5EE0 account:jaim",
        "id:dkts terminal:1100",
        "account:",
        "pend 5ee0",
        "tid:11",
    ] {
        assert!(Filter::parse(yes).matches(&h, ""), "{yes}");
    }
    for no in [
        "type:verifone",
        "merchant:jaim",
        "status:active",
        "nothing",
        "foo:bar",
        "epay:x",
    ] {
        assert!(!Filter::parse(no).matches(&h, ""), "{no}");
    }
}

#[test]
fn never_panics_on_odd_input() {
    let h = Haystack::new(&req());
    for s in [
        ":",
        "::",
        ":::x",
        "type::",
        "\u{0}",
        "ß:ẞ",
        "İ",
        "id:İ",
        "\u{1b}[2J",
        "  \t ",
    ] {
        let _ = Filter::parse(s).matches(&h, "ß");
    }
}

#[test]
fn merchant_names_match_merchant_terms_and_bare_words_only() {
    let h = Haystack::new(&req());
    let name = "kowhai coffee";
    for yes in ["merchant:kowhai", "m:coffee", "kowhai", "coffee type:epay"] {
        let f = Filter::parse(yes);
        assert!(f.matches(&h, name), "{yes}");
        assert!(!f.matches(&h, ""), "{yes} without the name");
        assert!(f.name_could_match(name), "{yes}");
    }
    for no in ["account:kowhai", "id:coffee", "type:epay"] {
        assert!(!Filter::parse(no).name_could_match(name), "{no}");
    }
    assert!(!Filter::parse("account:kowhai").matches(&h, name));
    // A bare word cannot straddle the row's text and the name.
    assert!(!Filter::parse("pendingkowhai").matches(&h, name));
}

#[test]
fn narrowing() {
    let a = Filter::parse("id:dk");
    let b = Filter::parse("id:dkt");
    assert!(b.narrows(&a));
    assert!(!a.narrows(&b));
    assert!(Filter::parse("id:dk x").narrows(&a));
    assert!(!Filter::parse("account:dk").narrows(&a));
    // A name matched whole: `type:ep` matches nothing, `type:epay` more.
    assert!(!Filter::parse("type:epay").narrows(&Filter::parse("type:ep")));
    assert!(Filter::parse("type:epay x").narrows(&Filter::parse("type:epay")));
}

fn with_type(kind: &str) -> Haystack {
    Haystack::new(&IntegrationRequest {
        kind: IntegrationType::parse(kind),
        ..req()
    })
}

#[test]
fn type_and_status_match_a_name_whole() {
    assert!(Filter::parse("type:epay").matches(&with_type("epay"), ""));
    for other in ["epaynz", "newepay"] {
        assert!(
            !Filter::parse("type:epay").matches(&with_type(other), ""),
            "{other}"
        );
    }
    assert!(!Filter::parse("type:ep").matches(&with_type("epay"), ""));
    let h = Haystack::new(&req());
    assert!(Filter::parse("status:pending").matches(&h, ""));
    assert!(!Filter::parse("status:pend").matches(&h, ""));
    // Ids and the rest are found from any part.
    assert!(Filter::parse("id:s3u merchant:c486 tid:0002").matches(&h, ""));
}

#[test]
fn a_value_no_known_one_begins_with_is_named_with_the_known_ones() {
    for (text, said) in [
        (
            "needs:bogus",
            "unknown needs:bogus; needs: terminal pending active nothing",
        ),
        (
            "type:epayx",
            "unknown type epayx; types: verifone windcave epay smartpay invenco skyzer vista",
        ),
        (
            "status:bogus",
            "unknown status bogus; statuses: pending active available rejected disabled",
        ),
    ] {
        let f = Filter::parse(text);
        assert_eq!(f.error().as_deref(), Some(said), "{text}");
        assert!(!f.matches(&Haystack::new(&req()), ""), "{text}");
    }
    // Known values, and the start of one still being typed, say nothing.
    for fine in [
        "needs:terminal",
        "needs:pend",
        "needs:nothing",
        "needs:ready",
        "needs:act",
        "type:ep",
        "type:smartpay",
        "status:pen",
        "status:disabled",
        "terminal:none",
        "id:zzz",
    ] {
        assert_eq!(Filter::parse(fine).error(), None, "{fine}");
    }
    // Both kinds at once, each once.
    assert_eq!(
        Filter::parse("tpye:x needs:bogus needs:bogus")
            .error()
            .as_deref(),
        Some(
            "unknown field tpye; fields: type status merchant account id terminal needs · unknown needs:bogus; needs: terminal pending active nothing"
        )
    );
}
