//! The `/` filter: a small query language over the loaded rows.
//!
//! `type:epay status:pending merchant:5ee0 account: id: terminal:` narrow a
//! single field; bare words match any field. All terms must match. Matching
//! is a case-insensitive substring test against text lowercased once per row.
//! Merchant names arrive after the rows, so they are not in a row's
//! [`Haystack`]: the store keeps one lowercased name per merchant and passes
//! it beside the row (`merchant:` and bare words match it too).

use crate::api::IntegrationRequest;

/// Searchable fields, in the order their text is stored in a [`Haystack`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Id = 0,
    Merchant = 1,
    Account = 2,
    Terminal = 3,
    Kind = 4,
    Status = 5,
}

const FIELDS: usize = 6;
/// Never produced by lowercasing a field, and never inside a needle (needles
/// come from whitespace-split words), so a bare word cannot match across two
/// fields.
const SEP: char = '\n';

impl Field {
    fn from_prefix(p: &str) -> Option<Field> {
        Some(match p {
            "id" => Field::Id,
            "merchant" | "merchantid" | "m" => Field::Merchant,
            "account" | "accountid" | "acc" => Field::Account,
            "terminal" | "terminalid" | "tid" => Field::Terminal,
            "type" | "kind" => Field::Kind,
            "status" | "state" => Field::Status,
            _ => return None,
        })
    }
}

/// A row's searchable text, lowercased once when the row is stored: every
/// field joined into one string, with where each field ends.
#[derive(Debug, Clone, Default)]
pub struct Haystack {
    all: String,
    ends: [u32; FIELDS],
}

impl Haystack {
    pub fn new(r: &IntegrationRequest) -> Haystack {
        let parts: [&str; FIELDS] = [
            &r.id,
            &r.merchant_id,
            &r.account_id,
            r.effective_terminal_id().unwrap_or(""),
            r.kind.as_str(),
            r.status.as_str(),
        ];
        let mut all = String::with_capacity(parts.iter().map(|p| p.len() + 1).sum());
        let mut ends = [0u32; FIELDS];
        for (i, p) in parts.iter().enumerate() {
            if i > 0 {
                all.push(SEP);
            }
            for c in p.chars() {
                // Separators inside server text would let words straddle fields.
                let c = if c == SEP { ' ' } else { c };
                all.extend(c.to_lowercase());
            }
            ends[i] = u32::try_from(all.len()).unwrap_or(u32::MAX);
        }
        Haystack { all, ends }
    }

    fn field(&self, f: Field) -> &str {
        let i = f as usize;
        let start = if i == 0 {
            0
        } else {
            self.ends[i - 1] as usize + 1
        };
        let end = self.ends[i] as usize;
        self.all.get(start..end).unwrap_or("")
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Term {
    field: Option<Field>,
    needle: String,
}

/// A parsed filter. Parsing accepts any text and never fails: unknown
/// prefixes are just words.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    terms: Vec<Term>,
}

impl Filter {
    pub fn parse(text: &str) -> Filter {
        let lower = text.to_lowercase();
        let terms = lower
            .split_whitespace()
            .map(|word| match word.split_once(':') {
                Some((prefix, rest)) => match Field::from_prefix(prefix) {
                    Some(field) => Term {
                        field: Some(field),
                        needle: rest.to_string(),
                    },
                    None => Term {
                        field: None,
                        needle: word.to_string(),
                    },
                },
                None => Term {
                    field: None,
                    needle: word.to_string(),
                },
            })
            // `account:` with nothing after it is a prefix still being typed.
            .filter(|t| !t.needle.is_empty())
            .collect();
        Filter { terms }
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// Whether a row matches; `name` is its merchant's lowercased name
    /// (empty while unknown).
    pub fn matches(&self, h: &Haystack, name: &str) -> bool {
        self.terms.iter().all(|t| {
            let needle = t.needle.as_str();
            match t.field {
                Some(Field::Merchant) => {
                    h.field(Field::Merchant).contains(needle) || name.contains(needle)
                }
                Some(f) => h.field(f).contains(needle),
                None => h.all.contains(needle) || name.contains(needle),
            }
        })
    }

    /// Whether learning a merchant's (lowercased) name could change which
    /// rows match: only when a name-matching term's needle is in it.
    pub fn name_could_match(&self, name: &str) -> bool {
        !name.is_empty()
            && self.terms.iter().any(|t| {
                matches!(t.field, None | Some(Field::Merchant)) && name.contains(t.needle.as_str())
            })
    }

    /// Whether every row this filter matches is also matched by `self`'s
    /// predecessor `old`, so narrowing can start from the old result instead
    /// of every row (the common case: typing one more character).
    pub fn narrows(&self, old: &Filter) -> bool {
        old.terms.len() <= self.terms.len()
            && old
                .terms
                .iter()
                .zip(&self.terms)
                .all(|(o, n)| o.field == n.field && n.needle.contains(o.needle.as_str()))
    }
}

#[cfg(test)]
mod tests {
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
        let a = Filter::parse("type:ep");
        let b = Filter::parse("type:epa");
        assert!(b.narrows(&a));
        assert!(!a.narrows(&b));
        assert!(Filter::parse("type:ep x").narrows(&a));
        assert!(!Filter::parse("status:ep").narrows(&a));
    }
}
