//! The `/` filter: a small query language over the loaded rows.
//!
//! `type:epay status:pending merchant:5ee0 account: id: terminal:` narrow a
//! single field; bare words match any field. `terminal:none` matches rows
//! without a terminalId, and `needs:` matches the readiness the detail pane
//! shows (`needs:terminal`, `needs:nothing`). All terms must match.
//! Matching is case-insensitive against text lowercased once per row: a
//! substring test, except that `type:` and `status:` match a name whole
//! (`values`). An unknown field (`tpye:epay`) matches nothing and is
//! reported by [`Filter::error`], never taken as text; so is a value no
//! known one begins with (`needs:bogus`, `type:epayx`).
//! Merchant names arrive after the rows, so they are not in a row's
//! [`Haystack`]: the store keeps one lowercased name per merchant and passes
//! it beside the row (`merchant:` and bare words match it too).

use crate::api::IntegrationRequest;

mod values;

/// Searchable fields, in the order their text is stored in a [`Haystack`].
/// `Needs` is kept apart: bare words never match readiness ("pending" must
/// not find "not pending").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Id = 0,
    Merchant = 1,
    Account = 2,
    Terminal = 3,
    Kind = 4,
    Status = 5,
    Needs = 6,
}

const FIELDS: usize = 6;
/// Never produced by lowercasing a field, and never inside a needle (needles
/// come from whitespace-split words), so a bare word cannot match across two
/// fields.
const SEP: char = '\n';
/// The field names the error line offers, in the order worth reading.
const FIELD_NAMES: &str = "type status merchant account id terminal needs";
/// `terminal:none`: no terminalId at all.
const NONE: &str = "none";
/// `needs:nothing` (or `none`, `ready`): ready to activate; `ready` is a
/// word, or it would find "already active".
const NOTHING: [&str; 3] = ["nothing", "none", "ready"];

impl Field {
    fn from_prefix(p: &str) -> Option<Field> {
        Some(match p {
            "id" => Field::Id,
            "merchant" | "merchantid" | "m" => Field::Merchant,
            "account" | "accountid" | "acc" => Field::Account,
            "terminal" | "terminalid" | "tid" => Field::Terminal,
            "type" | "kind" => Field::Kind,
            "status" | "state" => Field::Status,
            "needs" | "need" => Field::Needs,
            _ => return None,
        })
    }
}

/// A row's searchable text, lowercased once when the row is stored: every
/// field joined into one string, with where each field ends, and its
/// readiness apart.
#[derive(Debug, Clone, Default)]
pub struct Haystack {
    all: String,
    ends: [u32; FIELDS],
    needs: String,
    ready: bool,
}

fn lower_into(out: &mut String, text: &str) {
    for c in text.chars() {
        // Separators inside server text would let words straddle fields.
        let c = if c == SEP { ' ' } else { c };
        out.extend(c.to_lowercase());
    }
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
            lower_into(&mut all, p);
            ends[i] = u32::try_from(all.len()).unwrap_or(u32::MAX);
        }
        let mut needs = String::new();
        lower_into(&mut needs, &crate::domain::readiness::text(r));
        let ready = r.blockers().is_empty();
        Haystack {
            all,
            ends,
            needs,
            ready,
        }
    }

    fn field(&self, f: Field) -> &str {
        if f == Field::Needs {
            return &self.needs;
        }
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

impl Term {
    /// A needle that is a word of the language rather than text to find.
    fn is_keyword(&self) -> bool {
        match self.field {
            Some(Field::Terminal) => self.needle == NONE,
            Some(Field::Needs) => NOTHING.contains(&self.needle.as_str()),
            _ => false,
        }
    }

    fn matches(&self, h: &Haystack, name: &str) -> bool {
        let needle = self.needle.as_str();
        match self.field {
            Some(Field::Terminal) if needle == NONE => h.field(Field::Terminal).is_empty(),
            Some(Field::Needs) if self.is_keyword() => h.ready,
            Some(Field::Merchant) => {
                h.field(Field::Merchant).contains(needle) || name.contains(needle)
            }
            Some(f) if values::whole(self.field) => h.field(f) == needle,
            Some(f) => h.field(f).contains(needle),
            None => h.all.contains(needle) || name.contains(needle),
        }
    }

    /// Whether every row this term matches is matched by `old` too.
    fn narrows(&self, old: &Term) -> bool {
        if self.is_keyword() || old.is_keyword() || values::whole(self.field) {
            return self == old;
        }
        old.field == self.field && self.needle.contains(old.needle.as_str())
    }
}

/// A parsed filter. Parsing accepts any text and never fails: an unknown
/// field is kept to be reported and matches nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    terms: Vec<Term>,
    unknown: Vec<String>,
    /// What is wrong with each value a known field does not know.
    bad_values: Vec<String>,
}

impl Filter {
    pub fn parse(text: &str) -> Filter {
        let lower = text.to_lowercase();
        let mut unknown = Vec::new();
        let mut bad_values = Vec::new();
        let mut terms = Vec::new();
        for word in lower.split_whitespace() {
            let term = match word.split_once(':') {
                Some((prefix, rest)) => match Field::from_prefix(prefix) {
                    Some(field) => Term {
                        field: Some(field),
                        needle: rest.to_string(),
                    },
                    // Only a word of letters reads as a field name; `10:30`
                    // or `::` are text.
                    None if !prefix.is_empty() && prefix.chars().all(char::is_alphabetic) => {
                        if !unknown.iter().any(|u| u == prefix) {
                            unknown.push(prefix.to_string());
                        }
                        continue;
                    }
                    None => Term {
                        field: None,
                        needle: word.to_string(),
                    },
                },
                None => Term {
                    field: None,
                    needle: word.to_string(),
                },
            };
            // `account:` with nothing after it is a prefix still being typed.
            if term.needle.is_empty() {
                continue;
            }
            if let Some(field) = term.field
                && let Some(why) = values::unknown(field, &term.needle)
                && !bad_values.contains(&why)
            {
                bad_values.push(why);
            }
            terms.push(term);
        }
        Filter {
            terms,
            unknown,
            bad_values,
        }
    }

    /// Both filters at once: a saved view's, then what is typed in it.
    /// The view's terms come first so typing narrows from the view's rows.
    pub fn and(&self, other: &Filter) -> Filter {
        let mut out = self.clone();
        out.terms.extend(other.terms.iter().cloned());
        for u in &other.unknown {
            if !out.unknown.contains(u) {
                out.unknown.push(u.clone());
            }
        }
        for b in &other.bad_values {
            if !out.bad_values.contains(b) {
                out.bad_values.push(b.clone());
            }
        }
        out
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty() && self.unknown.is_empty()
    }

    /// What is wrong with the filter as typed, as the line under the input
    /// shows it.
    pub fn error(&self) -> Option<String> {
        let names = self.unknown.join(", ");
        let fields = match self.unknown.len() {
            0 => None,
            1 => Some(format!("unknown field {names}; fields: {FIELD_NAMES}")),
            _ => Some(format!("unknown fields {names}; fields: {FIELD_NAMES}")),
        };
        let said: Vec<String> = fields.into_iter().chain(self.bad_values.clone()).collect();
        (!said.is_empty()).then(|| said.join(" · "))
    }

    /// Whether a row matches; `name` is its merchant's lowercased name
    /// (empty while unknown).
    pub fn matches(&self, h: &Haystack, name: &str) -> bool {
        self.unknown.is_empty() && self.terms.iter().all(|t| t.matches(h, name))
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
        old.unknown.is_empty()
            && old.terms.len() <= self.terms.len()
            && old.terms.iter().zip(&self.terms).all(|(o, n)| n.narrows(o))
    }
}

#[cfg(test)]
mod tests;
