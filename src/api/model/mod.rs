//! The Integration Request resource as the Centrapay API sends it.
//!
//! Decoding is deliberately tolerant: unknown fields are ignored and unknown
//! enum values are kept as `Unknown(..)` so a later server revision is shown,
//! never rejected.

use std::fmt;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Decoding what either revision sends, kept beside the model it fills.
pub(super) mod lenient;
/// Timestamps written back as they were sent.
mod sent;

pub use sent::AsSent;

/// Lifecycle state of an integration request.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    Pending,
    Active,
    Available,
    Rejected,
    Disabled,
    Unknown(String),
}

impl Status {
    pub fn as_str(&self) -> &str {
        match self {
            Status::Pending => "pending",
            Status::Active => "active",
            Status::Available => "available",
            Status::Rejected => "rejected",
            Status::Disabled => "disabled",
            Status::Unknown(s) => s,
        }
    }

    pub fn parse(s: &str) -> Self {
        match s {
            "pending" => Status::Pending,
            "active" => Status::Active,
            "available" => Status::Available,
            "rejected" => Status::Rejected,
            "disabled" => Status::Disabled,
            other => Status::Unknown(other.to_string()),
        }
    }

    pub const KNOWN: [Status; 5] = [
        Status::Pending,
        Status::Active,
        Status::Available,
        Status::Rejected,
        Status::Disabled,
    ];
}

/// The vendor or asset provider an integration request is for.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum IntegrationType {
    Verifone,
    Windcave,
    Epay,
    Smartpay,
    Invenco,
    Skyzer,
    Vista,
    Unknown(String),
}

impl IntegrationType {
    pub fn as_str(&self) -> &str {
        match self {
            IntegrationType::Verifone => "verifone",
            IntegrationType::Windcave => "windcave",
            IntegrationType::Epay => "epay",
            IntegrationType::Smartpay => "smartpay",
            IntegrationType::Invenco => "invenco",
            IntegrationType::Skyzer => "skyzer",
            IntegrationType::Vista => "vista",
            IntegrationType::Unknown(s) => s,
        }
    }

    pub fn parse(s: &str) -> Self {
        match s {
            "verifone" => IntegrationType::Verifone,
            "windcave" => IntegrationType::Windcave,
            "epay" => IntegrationType::Epay,
            "smartpay" => IntegrationType::Smartpay,
            "invenco" => IntegrationType::Invenco,
            "skyzer" => IntegrationType::Skyzer,
            "vista" => IntegrationType::Vista,
            other => IntegrationType::Unknown(other.to_string()),
        }
    }

    /// Types the contract documents; the CLI accepts these without complaint.
    pub const KNOWN: [IntegrationType; 7] = [
        IntegrationType::Verifone,
        IntegrationType::Windcave,
        IntegrationType::Epay,
        IntegrationType::Smartpay,
        IntegrationType::Invenco,
        IntegrationType::Skyzer,
        IntegrationType::Vista,
    ];

    /// ePay cannot be activated until a terminalId is supplied.
    pub fn requires_terminal_id(&self) -> bool {
        matches!(self, IntegrationType::Epay)
    }
}

macro_rules! string_enum_serde {
    ($ty:ty) => {
        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }
        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = std::borrow::Cow::<'de, str>::deserialize(d)?;
                Ok(<$ty>::parse(&s))
            }
        }
        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
        impl std::str::FromStr for $ty {
            type Err = std::convert::Infallible;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Ok(<$ty>::parse(s))
            }
        }
    };
}
string_enum_serde!(Status);
string_enum_serde!(IntegrationType);

/// The later revision's terminal object. Either part may be missing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Terminal {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub terminal_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device_id: Option<String>,
}

/// The later revision's product object.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Product {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// One integration request. Only the contract's five mandatory fields are
/// required when decoding (see `model::lenient`); a missing timestamp is
/// `None` and shows as `-`. The top-level `terminalId` is filled from the
/// later revision's `terminal` object when absent, so one field holds it.
/// Written out (`sent::Wire`) with every string as the server sent it, its
/// timestamps included.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(try_from = "lenient::RawRequest")]
pub struct IntegrationRequest {
    pub id: String,
    pub account_id: String,
    pub merchant_id: String,
    pub kind: IntegrationType,
    pub status: Status,
    pub terminal_id: Option<String>,
    pub created_at: Option<DateTime<Utc>>,
    pub updated_at: Option<DateTime<Utc>>,
    pub created_by: Option<String>,
    pub updated_by: Option<String>,
    pub terminal: Option<Terminal>,
    pub product: Option<Product>,
    /// The timestamps' text as the server wrote it; `AsSent::default()`
    /// for a request intake made itself.
    pub as_sent: AsSent,
}

/// Why a request cannot be activated right now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Blocker {
    AlreadyActive,
    TerminalIdMissing,
    NotPending,
}

impl fmt::Display for Blocker {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Blocker::AlreadyActive => "already active",
            Blocker::TerminalIdMissing => "epay: terminalId missing",
            Blocker::NotPending => "not pending",
        })
    }
}

impl IntegrationRequest {
    /// The terminalId from either the original field or the later `terminal` object.
    pub fn effective_terminal_id(&self) -> Option<&str> {
        self.terminal_id
            .as_deref()
            .or_else(|| self.terminal.as_ref()?.terminal_id.as_deref())
            .filter(|t| !t.is_empty())
    }

    /// The later revision's deviceId, when the server sent one.
    pub fn device_id(&self) -> Option<&str> {
        self.terminal.as_ref()?.device_id.as_deref()
    }

    /// The later revision's product name, when the server sent one.
    pub fn product_name(&self) -> Option<&str> {
        self.product.as_ref()?.name.as_deref()
    }

    pub fn is_pending(&self) -> bool {
        self.status == Status::Pending
    }

    pub fn is_active(&self) -> bool {
        self.status == Status::Active
    }

    /// What must change before activation can succeed (empty when ready).
    pub fn blockers(&self) -> Vec<Blocker> {
        let mut out = Vec::new();
        if self.is_active() {
            out.push(Blocker::AlreadyActive);
            return out;
        }
        if !self.is_pending() {
            out.push(Blocker::NotPending);
        }
        if self.needs_terminal_id() {
            out.push(Blocker::TerminalIdMissing);
        }
        out
    }

    /// An ePay request without a terminalId: the one condition every
    /// readiness rule (`crate::domain::readiness`) is built on.
    pub fn needs_terminal_id(&self) -> bool {
        self.kind.requires_terminal_id() && self.effective_terminal_id().is_none()
    }
}

/// One page of a listing endpoint.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Page<T> {
    pub items: Vec<T>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_page_key: Option<String>,
}

/// Body for creating an integration request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NewIntegrationRequest {
    pub account_id: String,
    pub merchant_id: String,
    #[serde(rename = "type")]
    pub kind: IntegrationType,
}

/// Body of `POST /api/integration-requests/{id}/update`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UpdateIntegrationRequest {
    pub terminal_id: String,
}

/// Filters for the search operation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchQuery {
    pub account_id: Option<String>,
    pub kind: Option<IntegrationType>,
    pub pending: bool,
}

/// `GET /api/merchants/{merchantId}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Merchant {
    pub id: String,
    #[serde(default)]
    pub account_id: Option<String>,
    pub name: String,
    #[serde(default)]
    pub country: Option<String>,
    #[serde(default)]
    pub test: bool,
}

/// Centrapay's error body: `{statusCode, error, message}`. Each field is
/// decoded on its own: a string `statusCode`, an array or object `message`
/// or a missing field never loses the others (an array `message` is joined
/// with `; `).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ErrorBody {
    #[serde(default, deserialize_with = "lenient::status_code")]
    pub status_code: Option<u16>,
    #[serde(default, deserialize_with = "lenient::text")]
    pub error: Option<String>,
    #[serde(default, deserialize_with = "lenient::text")]
    pub message: Option<String>,
}

/// Serialize timestamps the way Centrapay does: UTC with milliseconds.
pub fn format_timestamp(t: &DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}
