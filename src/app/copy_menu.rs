//! `y`: the copy menu of the request under the cursor, like lazygit's. A
//! key per field (`y` again the id, so `yy` copies it at once), each
//! handed back as [`Effect::Copy`] for the terminal layer's OSC 52. The
//! value copied is the one shown, cleaned as `y` has always copied the id:
//! the clipboard is a way out to people too, and a value the server sent
//! never reaches them with its control characters live.

use crate::api::IntegrationRequest;
use crate::keys::{Intent, Scope};
use crate::text::{clean, clip};

use super::command::{Command, Effect};
use super::state::{App, Mode};

/// The fields the menu offers, in its order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CopyField {
    Id,
    MerchantId,
    MerchantName,
    TerminalId,
    AccountId,
}

impl CopyField {
    pub const ALL: [CopyField; 5] = [
        CopyField::Id,
        CopyField::MerchantId,
        CopyField::MerchantName,
        CopyField::TerminalId,
        CopyField::AccountId,
    ];

    pub fn intent(self) -> Intent {
        match self {
            CopyField::Id => Intent::CopyId,
            CopyField::MerchantId => Intent::CopyMerchantId,
            CopyField::MerchantName => Intent::CopyMerchantName,
            CopyField::TerminalId => Intent::CopyTerminalId,
            CopyField::AccountId => Intent::CopyAccountId,
        }
    }

    /// The field as the API and the operator name it.
    pub fn name(self) -> &'static str {
        match self {
            CopyField::Id => "id",
            CopyField::MerchantId => "merchantId",
            CopyField::MerchantName => "merchant name",
            CopyField::TerminalId => "terminalId",
            CopyField::AccountId => "accountId",
        }
    }

    /// The key the table gives it, shown while not remapped.
    fn default_key(self) -> &'static str {
        match self {
            CopyField::Id => "y",
            CopyField::MerchantId => "m",
            CopyField::MerchantName => "n",
            CopyField::TerminalId => "t",
            CopyField::AccountId => "a",
        }
    }

    fn of(intent: Intent) -> Option<CopyField> {
        CopyField::ALL.into_iter().find(|f| f.intent() == intent)
    }
}

/// One line of the copy menu: the field, its key as the operator's keys
/// name it, and its value as shown (`None`: the request has none).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CopyChoice {
    pub field: CopyField,
    pub key: String,
    pub value: Option<String>,
}

impl App {
    /// The copy menu's lines for the request `id` (every value `None`
    /// once it is no longer loaded).
    pub fn copy_choices(&self, id: &str) -> Vec<CopyChoice> {
        let request = self.request(id);
        CopyField::ALL
            .into_iter()
            .map(|field| CopyChoice {
                field,
                key: self.keys_label(Scope::CopyMenu, &[field.intent()], field.default_key()),
                value: request.and_then(|r| self.copy_value(r, field)),
            })
            .collect()
    }

    /// A field of `r` as shown, cleaned; an empty one is none.
    fn copy_value(&self, r: &IntegrationRequest, field: CopyField) -> Option<String> {
        let raw = match field {
            CopyField::Id => Some(r.id.as_str()),
            CopyField::MerchantId => Some(r.merchant_id.as_str()),
            CopyField::MerchantName => self.merchant(&r.merchant_id).map(|m| m.name.as_str()),
            CopyField::TerminalId => r.effective_terminal_id(),
            CopyField::AccountId => Some(r.account_id.as_str()),
        };
        raw.filter(|v| !v.trim().is_empty()).map(clean)
    }
}

/// `y` in the list: the menu of the request under the cursor.
pub(super) fn open(app: &mut App) {
    if let Some(id) = app.cursor_request().map(|r| r.id.clone()) {
        app.mode = Mode::CopyMenu { id };
    }
}

/// A key in the copy menu of request `id`.
pub(super) fn on_key(app: &mut App, intent: Intent, id: &str) -> Vec<Command> {
    if intent == Intent::Close {
        app.mode = Mode::List;
        return Vec::new();
    }
    let Some(field) = CopyField::of(intent) else {
        return Vec::new();
    };
    let shown_id = clip(&clean(id), 24);
    if app.request(id).is_none() {
        app.mode = Mode::List;
        app.info(format!(
            "{shown_id} is no longer loaded: nothing was copied."
        ));
        return Vec::new();
    }
    let value = app
        .copy_choices(id)
        .into_iter()
        .find(|c| c.field == field)
        .and_then(|c| c.value);
    let Some(text) = value else {
        // The menu stays open: another field may be what was wanted.
        app.info(format!(
            "{shown_id} has no {}: nothing to copy.",
            field.name()
        ));
        return Vec::new();
    };
    app.mode = Mode::List;
    let (said, full, what) = match field {
        CopyField::Id => (format!("id {text}"), format!("id {text}"), text.clone()),
        _ => (
            format!("{} {} of {shown_id}", field.name(), clip(&text, 16)),
            format!("{} {text} of {}", field.name(), clean(id)),
            format!("{} of {shown_id}", field.name()),
        ),
    };
    // The status line says it short; the message log keeps it whole.
    let now = app.now;
    app.toasts.raise_cut(
        &mut app.messages,
        super::messages::ToastKind::Info,
        format!("Copied {said} to the clipboard."),
        format!("Copied {full} to the clipboard."),
        now,
    );
    vec![Command::Effect(Effect::Copy { text, what })]
}
