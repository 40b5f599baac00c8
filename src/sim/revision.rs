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
