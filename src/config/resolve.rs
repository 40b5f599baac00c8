//! The checks on what precedence found, each refusal naming where the
//! value came from, and the [`Settings`] intake runs with.

use std::path::PathBuf;
use std::time::Duration;

use super::file::LoadedConfig;
use super::origin::Sourced;
use super::sources::{Resolved, sources};
use super::{ConfigError, Overrides, Settings};

/// Apply precedence flag > env > file > default and check the values.
/// `env` is injected so tests need not touch the process environment.
pub fn resolve(
    config: &LoadedConfig,
    overrides: &Overrides,
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<Settings, ConfigError> {
    sources(config, overrides, env)?.check()
}

impl Resolved {
    /// The settings, or the first value refused, named with its origin.
    pub fn check(self) -> Result<Settings, ConfigError> {
        if !self.file_found && self.api_key.is_none() {
            return Err(ConfigError::Missing {
                path: self.path.value,
            });
        }
        let api_key = self
            .api_key
            .clone()
            .ok_or_else(|| ConfigError::MissingKey {
                path: self.path.value.clone(),
                profile: self.profile.value.clone(),
                key: "api_key",
                env: "CENTRAPAY_API_KEY",
            })?;
        self.check_base_url()?;
        self.check_account_id()?;
        let concurrency = in_range("concurrency", &self.concurrency)?;
        let read_concurrency = in_range("read_concurrency", &self.read_concurrency)?;
        let ca_file = self.ca_file_path();
        Ok(Settings {
            profile: self.profile.value,
            base_url: self.base_url.value,
            api_key: api_key.value,
            account_id: self.account_id.map(|a| a.value),
            concurrency,
            auto_refresh: auto_refresh(self.auto_refresh_secs.value),
            production: self.production.value,
            read_only: self.read_only.value,
            confirm_typed_over: self.confirm_typed_over.value,
            ca_file,
            sla_days: self.sla_days.value,
            merchant_cache_days: self.merchant_cache_days.value,
            read_concurrency,
            warnings: self.warnings,
            blame: super::Blame {
                key_from: api_key.origin,
                base_url_from: self.base_url.origin,
            },
        })
    }

    /// The name a profile's key goes by in the file.
    fn profile_key(&self, field: &str) -> String {
        format!("profiles.{}.{field}", self.profile.value)
    }

    fn check_base_url(&self) -> Result<(), ConfigError> {
        let url = &self.base_url;
        crate::api::client::parse_base_url(&url.value).map_err(|e| ConfigError::BadValue {
            key: url
                .origin
                .key_name("base_url", &self.profile_key("base_url")),
            origin: url.origin.clone(),
            detail: e.to_string(),
        })?;
        Ok(())
    }

    fn check_account_id(&self) -> Result<(), ConfigError> {
        match &self.account_id {
            Some(a) if !crate::domain::validate::is_valid_id(&a.value) => {
                Err(ConfigError::BadValue {
                    key: a
                        .origin
                        .key_name("account_id", &self.profile_key("account_id")),
                    origin: a.origin.clone(),
                    detail: format!(
                        "`{}` is not an account id (letters and digits only).",
                        a.value
                    ),
                })
            }
            _ => Ok(()),
        }
    }

    /// A relative CA file is beside the config file, not the working folder.
    fn ca_file_path(&self) -> Option<PathBuf> {
        self.ca_file
            .as_ref()
            .map(|p| match self.path.value.parent() {
                Some(dir) if p.value.is_relative() => dir.join(&p.value),
                _ => p.value.clone(),
            })
    }
}

/// The most calls a run keeps in flight, from the config file or
/// `--concurrency` alike.
pub const MAX_CONCURRENCY: u16 = 64;

/// A concurrency the client can run: 1 to [`MAX_CONCURRENCY`] calls at once.
fn in_range(key: &str, value: &Sourced<usize>) -> Result<usize, ConfigError> {
    if !(1..=usize::from(MAX_CONCURRENCY)).contains(&value.value) {
        return Err(ConfigError::BadValue {
            key: key.into(),
            origin: value.origin.clone(),
            detail: format!(
                "{} is out of range; use 1 to {MAX_CONCURRENCY}.",
                value.value
            ),
        });
    }
    Ok(value.value)
}

/// On unless the file says 0: a queue several people work must not go stale.
fn auto_refresh(secs: u64) -> Option<Duration> {
    Some(secs)
        .filter(|s| *s > 0)
        .map(|s| Duration::from_secs(s.max(5)))
}

impl LoadedConfig {
    /// The settings the file gives under the real environment and `overrides`.
    pub fn settings(&self, overrides: &Overrides) -> Result<Settings, ConfigError> {
        resolve(self, overrides, &|k| std::env::var(k).ok())
    }

    /// Every value with its origin under the real environment and
    /// `overrides`, unchecked: what `intake config show` lists.
    pub fn sources(&self, overrides: &Overrides) -> Result<Resolved, ConfigError> {
        sources(self, overrides, &|k| std::env::var(k).ok())
    }
}
