//! The terminalId form and its `old → new` question as data: what the
//! state holds while the operator types, apart from what they lead to
//! (that is in `change`).

use crate::api::{IntegrationType, Status};

use super::text_field::TextField;

use super::run::BulkEntry;

/// The terminalId form.
#[derive(Debug, Clone)]
pub struct Form {
    pub id: String,
    pub kind: IntegrationType,
    pub merchant: String,
    pub input: TextField,
    pub error: Option<String>,
    pub then: FormThen,
    /// The request's status and terminalId when the form opened.
    pub status: Status,
    pub old: Option<String>,
}

/// What happens after the form is submitted.
#[derive(Debug, Clone)]
pub enum FormThen {
    Save,
    /// Save, then activate on the server's success (no second confirm).
    Activate,
    /// One of the bulk run's missing terminalIds; the rest follow.
    Bulk(BulkEntry),
}

/// A checked terminalId waiting for the operator's yes.
#[derive(Debug, Clone)]
pub struct Overwrite {
    /// The form it came from: `n`/Esc goes back to it as it was.
    pub form: Box<Form>,
    /// The terminalId the request has now, if any.
    pub old: Option<String>,
    pub new: String,
    /// The request's status when the form was submitted.
    pub status: Status,
}

impl Overwrite {
    /// `11000021 → 11000022`, with `none` for a request without one.
    pub fn change(&self) -> String {
        format!(
            "{} → {}",
            crate::text::clean(self.old.as_deref().unwrap_or("none")),
            self.new
        )
    }
}
