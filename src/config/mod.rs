//! Profiles in a TOML file in the OS config dir, overridden by environment
//! variables and then by command-line flags.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Duration;

use serde::{Deserialize, Serialize};
use thiserror::Error;
use toml::Spanned;

use crate::api::Secret;
use crate::safety::ReadOnly;

mod file;
mod origin;
mod resolve;
mod show;
mod sources;
#[cfg(test)]
mod tests;

#[cfg(any(test, feature = "testkit"))]
pub use file::reads_on_this_thread;
pub use file::{LoadedConfig, STARTER, config_path, write_private, write_starter};
pub use origin::{KeyLines, Origin, Sourced};
pub use resolve::{MAX_CONCURRENCY, resolve};
pub use show::{ShowRow, Shown, rows as show_rows};
pub use sources::{Resolved, sources};

pub const APP_NAME: &str = "intake";
pub const PRODUCTION_URL: &str = "https://service.centrapay.com";
pub const DEFAULT_CONCURRENCY: usize = 8;
/// Reads change nothing, so more of them may be in flight than writes.
pub const DEFAULT_READ_CONCURRENCY: usize = 32;
/// Merchant names are kept on disk this many days unless the file says.
pub const DEFAULT_MERCHANT_CACHE_DAYS: u32 = 7;
/// The console's live queue reloads this often unless the file says (0 = off).
pub const DEFAULT_AUTO_REFRESH_SECS: u64 = 60;
pub const DEFAULT_SLA_DAYS: u32 = 7;

/// The file as written on disk.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ConfigFile {
    pub default_profile: Option<String>,
    pub concurrency: Option<usize>,
    pub auto_refresh_secs: Option<u64>,
    /// Bulk runs on production over this many requests ask for the count.
    pub confirm_typed_over: Option<usize>,
    /// Pending requests older than this many days are over SLA (0: off).
    pub sla_days: Option<u32>,
    /// Merchant names are kept on disk this many days (0: not kept).
    pub merchant_cache_days: Option<u32>,
    /// Lookups (merchant names) in flight at once; changes keep `concurrency`.
    pub read_concurrency: Option<usize>,
    pub profiles: BTreeMap<String, Profile>,
    /// Console key bindings: action name -> key or list of keys.
    pub keys: BTreeMap<String, Spanned<KeySpec>>,
    /// Console colours: status name -> colour.
    pub theme: BTreeMap<String, Spanned<String>>,
    /// Saved views, shown as tabs under the console's title.
    pub views: Vec<ViewSpec>,
    /// The operator's own commands, bound to list keys in the console.
    pub commands: Vec<crate::custom::CommandSpec>,
}

/// One `[[views]]` entry: a named filter, in the console's filter syntax.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ViewSpec {
    pub name: String,
    pub filter: String,
    /// A column name as the table's header has it (`age`, `type`...).
    pub sort: Option<String>,
    /// Load requests in every status, not only pending ones.
    pub all_statuses: bool,
    /// The columns shown, in order, at any width (names as the header has
    /// them); none: every column while the width has room.
    pub columns: Vec<String>,
}

/// One key or several, as `[keys]` accepts them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum KeySpec {
    One(String),
    Many(Vec<String>),
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Profile {
    pub base_url: Option<String>,
    pub api_key: Option<Secret>,
    pub account_id: Option<String>,
    /// Default: true when base_url's host is service.centrapay.com.
    pub production: Option<bool>,
    pub read_only: Option<bool>,
    /// Overrides the top-level `confirm_typed_over` for this profile.
    pub confirm_typed_over: Option<usize>,
    /// A PEM file of CA certificates to trust besides the system's; a
    /// relative path is taken from the config file's folder.
    pub ca_file: Option<PathBuf>,
}

/// What the command line says, highest precedence.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    pub config_path: Option<PathBuf>,
    pub profile: Option<String>,
    pub base_url: Option<String>,
    pub account_id: Option<String>,
    /// `--read-only`.
    pub read_only: bool,
}

/// The settings intake runs with, after precedence is applied.
#[derive(Debug, Clone)]
pub struct Settings {
    pub profile: String,
    pub base_url: String,
    pub api_key: Secret,
    pub account_id: Option<String>,
    pub concurrency: usize,
    pub auto_refresh: Option<Duration>,
    /// The title says PRODUCTION and big bulk runs ask for the count.
    pub production: bool,
    pub read_only: ReadOnly,
    pub confirm_typed_over: usize,
    /// The profile's `ca_file`, made absolute.
    pub ca_file: Option<PathBuf>,
    /// Pending requests older than this many days are over SLA; 0 is off.
    pub sla_days: u32,
    /// Merchant names are kept on disk this many days; 0 is off.
    pub merchant_cache_days: u32,
    /// Merchant lookups in flight at once.
    pub read_concurrency: usize,
    /// Warnings to show the operator (e.g. a config file others can read).
    pub warnings: Vec<String>,
    /// Where the key and the base URL came from, for an error that blames
    /// one of them.
    pub blame: Blame,
}

/// Where the API key and the base URL came from: what an error that blames
/// one of them names, in the CLI and the console alike.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Blame {
    pub key_from: Origin,
    pub base_url_from: Origin,
}

impl Default for Blame {
    fn default() -> Self {
        Blame {
            key_from: Origin::Default,
            base_url_from: Origin::Default,
        }
    }
}

impl Settings {
    /// See [`Blame::source_of`].
    pub fn source_of(&self, e: &crate::api::ApiError) -> Option<String> {
        self.blame.source_of(e)
    }
}

impl Blame {
    /// Which value an API error blames, and where that value came from, as
    /// a sentence to follow the error's own: a refused key or an
    /// unreachable base URL then names the flag, variable or file line to
    /// fix. `None` for other errors, and for intake's own values.
    pub fn source_of(&self, e: &crate::api::ApiError) -> Option<String> {
        use crate::api::ApiError as E;
        let (what, origin) = match e {
            E::Unauthorized { .. } => ("API key", &self.key_from),
            E::NotFound { .. }
            | E::Connect { .. }
            | E::Refused { .. }
            | E::NameNotResolved { .. }
            | E::UntrustedCertificate { .. }
            | E::CertificateExpired { .. } => ("base_url", &self.base_url_from),
            _ => return None,
        };
        match origin {
            Origin::Default => None,
            o => Some(format!("That {what} is the one {}.", o.as_source())),
        }
    }
}

#[derive(Debug, Error)]
pub enum ConfigError {
    #[error(
        "No configuration found at {path}. Run `intake config init` to write a starter file, set CENTRAPAY_API_KEY and CENTRAPAY_BASE_URL, or try `intake --demo`."
    )]
    Missing { path: PathBuf },
    #[error(
        "The configuration file {path} could not be read: {detail}. Fix it (see config.example.toml) or try `intake --demo`."
    )]
    Invalid { path: PathBuf, detail: String },
    /// The parser's own report, whole: its snippet's caret sits under the
    /// column only while its lines are kept as they are.
    #[error(
        "The configuration file {path} is not valid (fix it, see config.example.toml, or try `intake --demo`):\n{report}"
    )]
    Syntax { path: PathBuf, report: String },
    #[error(
        "Profile `{profile}` is not in {path} (profiles there: {available}); it was named by {origin}. Pick one with --profile or INTAKE_PROFILE, or try `intake --demo`."
    )]
    UnknownProfile {
        path: PathBuf,
        profile: String,
        origin: Origin,
        available: String,
    },
    #[error(
        "`{key}` is not set for profile `{profile}` in {path}; set it there or with {env}, or try `intake --demo`."
    )]
    MissingKey {
        path: PathBuf,
        profile: String,
        key: &'static str,
        env: &'static str,
    },
    /// A value refused, named as it is where it came from (the flag, the
    /// environment variable, or the file's key with its line).
    #[error("`{key}` {} is invalid: {detail}", .origin.as_source())]
    BadValue {
        key: String,
        origin: Origin,
        detail: String,
    },
    #[error("Could not work out the OS config directory: {0}. Use --config PATH.")]
    NoConfigDir(String),
    #[error("Could not write {path}: {detail}")]
    Write { path: PathBuf, detail: String },
}
