//! Which call an error came from, so a refusal names what was refused.

use crate::text::clean_bounded;

/// One operation of the API, with the ids it was about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Operation {
    /// `GET /api/integration-requests`.
    Search,
    /// Reading one integration request.
    Read { id: String },
    /// `POST /api/integration-requests`.
    Create {
        account_id: String,
        merchant_id: String,
    },
    /// Setting an integration request's terminalId.
    UpdateTerminalId { id: String },
    /// `POST /api/integration-requests/{id}/activate`.
    Activate { id: String },
    /// `GET /api/merchants/{id}`.
    Merchant { id: String },
    /// `GET /api/accounts/{id}/merchants`.
    AccountMerchants { account_id: String },
}

/// The longest id repeated in a sentence.
const MAX_ID_CHARS: usize = 64;

fn id(s: &str) -> String {
    clean_bounded(s, MAX_ID_CHARS)
}

impl Operation {
    /// The refusal of a 403 without a documented code, as one sentence:
    /// what was refused, the server's words, the likely cause and the fix.
    pub fn forbidden_sentence(&self, message: &str) -> String {
        let (what, why, fix) = match self {
            Operation::Search => (
                "search integration requests".to_string(),
                "this API key cannot read that account's requests",
                "check the profile's account_id (or --account) and api_key",
            ),
            Operation::Read { id: r } => (
                format!("read integration request {}", id(r)),
                "it does not exist or this API key cannot see it",
                "check the id and the profile's account",
            ),
            Operation::Create {
                account_id,
                merchant_id,
            } => (
                format!(
                    "create the integration request for merchant {} in account {}",
                    id(merchant_id),
                    id(account_id)
                ),
                "the account does not own this merchant, the merchant does not exist, or this API key cannot use it",
                "check accountId and merchantId",
            ),
            Operation::UpdateTerminalId { id: r } => (
                format!("set the terminalId of integration request {}", id(r)),
                "it does not exist or this API key cannot change it",
                "check the id and the profile's account",
            ),
            Operation::Activate { id: r } => (
                format!("activate integration request {}", id(r)),
                "it does not exist or this API key cannot change it",
                "check the id and the profile's account",
            ),
            Operation::Merchant { id: m } => (
                format!("look up merchant {}", id(m)),
                "it does not exist or this API key cannot see it",
                "check the merchantId",
            ),
            Operation::AccountMerchants { account_id } => (
                format!("list the merchants of account {}", id(account_id)),
                "this API key cannot see that account",
                "check accountId and the profile's api_key",
            ),
        };
        format!("Forbidden: Centrapay refused to {what} ({message}): {why}; {fix}.")
    }
}
