//! Which revision of the Integration Requests API the simulator serves.
//!
//! The reference (integration-requests.md) documents create, search,
//! `POST …/{id}/update` and `POST …/{id}/activate`. The later revision
//! (conventions.md) adds `GET`/`DELETE /api/integration-requests/{id}` and
//! takes `PUT …/{id}/configs` in place of `POST …/update`. A simulator of one
//! revision serves exactly that revision's operations, and answers any other
//! route the way Centrapay answers an unknown route (404), so the client's
//! fallbacks are tested against the same refusals a real server gives.

use std::fmt;
use std::str::FromStr;

use crate::api::model::{IntegrationRequest, IntegrationType};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Revision {
    /// Only what integration-requests.md documents.
    Reference,
    /// The later revision: `GET`/`DELETE /{id}`, `PUT …/configs`, no `POST …/update`.
    Later,
    /// Every operation of both (the default, and `--demo`'s).
    #[default]
    Both,
}

impl Revision {
    pub const ALL: [Revision; 3] = [Revision::Reference, Revision::Later, Revision::Both];

    pub fn as_str(self) -> &'static str {
        match self {
            Revision::Reference => "reference",
            Revision::Later => "later",
            Revision::Both => "both",
        }
    }

    /// `GET` and `DELETE /api/integration-requests/{id}`.
    pub fn serves_one_by_id(self) -> bool {
        self != Revision::Reference
    }

    /// `POST /api/integration-requests/{id}/update`.
    pub fn serves_post_update(self) -> bool {
        self != Revision::Later
    }

    /// `PUT /api/integration-requests/{id}/configs`.
    pub fn serves_put_configs(self) -> bool {
        self != Revision::Reference
    }

    /// The `terminal` and `product` objects in responses.
    pub fn sends_later_objects(self) -> bool {
        self != Revision::Reference
    }

    /// Whether create takes `kind`: the reference documents verifone,
    /// windcave and epay; the later revision adds smartpay, invenco, skyzer
    /// and vista. Nothing else is documented, so nothing else is created.
    pub fn creates_type(self, kind: &IntegrationType) -> bool {
        match kind {
            IntegrationType::Verifone | IntegrationType::Windcave | IntegrationType::Epay => true,
            IntegrationType::Unknown(_) => false,
            _ => self != Revision::Reference,
        }
    }

    /// A stored request as this revision sends it: the top-level terminalId
    /// always (clients of the reference read only that), the later `terminal`
    /// and `product` objects only where the later revision is served.
    pub fn shape(self, r: &IntegrationRequest) -> IntegrationRequest {
        let mut out = r.clone();
        if out.terminal_id.is_none() {
            out.terminal_id = r.effective_terminal_id().map(str::to_string);
        }
        if !self.sends_later_objects() {
            out.terminal = None;
            out.product = None;
        }
        out
    }

    /// The types create takes, for the sentence refusing another.
    pub fn type_list(self) -> &'static str {
        if self == Revision::Reference {
            "verifone, windcave or epay"
        } else {
            "verifone, windcave, epay, smartpay, invenco, skyzer or vista"
        }
    }
}

impl fmt::Display for Revision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Revision {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Revision::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| format!("\"{s}\" is not a revision; use reference, later or both."))
    }
}
