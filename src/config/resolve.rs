//! Precedence: command-line flag, then environment, then the file.

use std::path::{Path, PathBuf};
use std::time::Duration;

use super::file::{LoadedConfig, permission_warning};
use super::{
    ConfigError, ConfigFile, DEFAULT_AUTO_REFRESH_SECS, DEFAULT_CONCURRENCY, DEFAULT_SLA_DAYS,
    Overrides, PRODUCTION_URL, Profile, Settings,
};
use crate::api::Secret;
use crate::safety::{self, ReadOnly};

/// The environment with blank values taken as unset.
type Env<'a> = &'a dyn Fn(&str) -> Option<String>;

/// Apply precedence flag > env > file. `env` is injected so tests need not
/// touch the process environment.
pub fn resolve(
    path: &Path,
    file: Option<&ConfigFile>,
    overrides: &Overrides,
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<Settings, ConfigError> {
    let env = |k: &str| env(k).filter(|v| !v.trim().is_empty());
    let empty = ConfigFile::default();
    let file_ref = file.unwrap_or(&empty);
    let (profile_name, profile) = choose_profile(path, file, overrides, &env)?;
    if file.is_none() && env("CENTRAPAY_API_KEY").is_none() {
        return Err(ConfigError::Missing {
            path: path.to_path_buf(),
        });
    }
    let api_key = api_key(path, &profile_name, profile.api_key, &env)?;
    let base_url = base_url(path, &profile_name, overrides, profile.base_url, &env)?;
    let account_id = account_id(path, &profile_name, overrides, profile.account_id, &env)?;
    let ca_file = ca_file(path, profile.ca_file);
    let concurrency = file_ref.concurrency.unwrap_or(DEFAULT_CONCURRENCY);
    let concurrency = in_range(path, "concurrency", concurrency)?;
    let read_concurrency = file_ref
        .read_concurrency
        .unwrap_or(super::DEFAULT_READ_CONCURRENCY);
    let read_concurrency = in_range(path, "read_concurrency", read_concurrency)?;
    let production = profile
        .production
        .unwrap_or_else(|| safety::is_production_url(&base_url));
    let read_only = ReadOnly {
        flag: overrides.read_only,
        profile: profile.read_only.unwrap_or(false),
    };
    let confirm_typed_over = profile
        .confirm_typed_over
        .or(file_ref.confirm_typed_over)
        .unwrap_or(safety::DEFAULT_CONFIRM_TYPED_OVER);
    Ok(Settings {
        profile: profile_name,
        base_url,
        api_key,
        account_id,
        concurrency,
        auto_refresh: auto_refresh(file_ref),
        production,
        read_only,
        confirm_typed_over,
        ca_file,
        sla_days: file_ref.sla_days.unwrap_or(DEFAULT_SLA_DAYS),
        merchant_cache_days: file_ref
            .merchant_cache_days
            .unwrap_or(super::DEFAULT_MERCHANT_CACHE_DAYS),
        read_concurrency,
        warnings: file
            .and_then(|f| permission_warning(path, f))
            .into_iter()
            .collect(),
    })
}

/// The profile asked for (flag, env, the file's default, else the file's
/// only one), with its name. A profile named but not in the file is an
/// error; with none named, a file without it gives an empty profile.
fn choose_profile(
    path: &Path,
    file: Option<&ConfigFile>,
    overrides: &Overrides,
    env: Env<'_>,
) -> Result<(String, Profile), ConfigError> {
    let empty = ConfigFile::default();
    let file_ref = file.unwrap_or(&empty);
    let explicit_profile = overrides.profile.clone().or_else(|| env("INTAKE_PROFILE"));
    let profile_name = explicit_profile
        .clone()
        .or_else(|| file_ref.default_profile.clone())
        .or_else(|| {
            (file_ref.profiles.len() == 1)
                .then(|| file_ref.profiles.keys().next().cloned())
                .flatten()
        })
        .unwrap_or_else(|| "default".to_string());
    let profile = match file_ref.profiles.get(&profile_name) {
        Some(p) => p.clone(),
        None if file.is_some()
            && (explicit_profile.is_some() || file_ref.default_profile.is_some()) =>
        {
            let available = if file_ref.profiles.is_empty() {
                "none".to_string()
            } else {
                file_ref
                    .profiles
                    .keys()
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            return Err(ConfigError::UnknownProfile {
                path: path.to_path_buf(),
                profile: profile_name,
                available,
            });
        }
        None => Profile::default(),
    };
    Ok((profile_name, profile))
}

fn api_key(
    path: &Path,
    profile_name: &str,
    in_profile: Option<Secret>,
    env: Env<'_>,
) -> Result<Secret, ConfigError> {
    env("CENTRAPAY_API_KEY")
        .map(Secret::new)
        .or(in_profile.filter(|k| !k.is_empty()))
        .ok_or_else(|| ConfigError::MissingKey {
            path: path.to_path_buf(),
            profile: profile_name.to_string(),
            key: "api_key",
            env: "CENTRAPAY_API_KEY",
        })
}

fn base_url(
    path: &Path,
    profile_name: &str,
    overrides: &Overrides,
    in_profile: Option<String>,
    env: Env<'_>,
) -> Result<String, ConfigError> {
    let base_url = overrides
        .base_url
        .clone()
        .or_else(|| env("CENTRAPAY_BASE_URL"))
        .or(in_profile.filter(|u| !u.trim().is_empty()))
        .unwrap_or_else(|| PRODUCTION_URL.to_string());
    if let Err(e) = crate::api::client::parse_base_url(&base_url) {
        return Err(ConfigError::BadValue {
            path: path.to_path_buf(),
            key: format!("profiles.{profile_name}.base_url"),
            detail: e.to_string(),
        });
    }
    Ok(base_url)
}

fn account_id(
    path: &Path,
    profile_name: &str,
    overrides: &Overrides,
    in_profile: Option<String>,
    env: Env<'_>,
) -> Result<Option<String>, ConfigError> {
    let account_id = overrides
        .account_id
        .clone()
        .or_else(|| env("CENTRAPAY_ACCOUNT_ID"))
        .or(in_profile.filter(|a| !a.trim().is_empty()));
    if let Some(a) = &account_id
        && !crate::domain::validate::is_valid_id(a)
    {
        return Err(ConfigError::BadValue {
            path: path.to_path_buf(),
            key: format!("profiles.{profile_name}.account_id"),
            detail: format!("`{a}` is not an account id (letters and digits only)."),
        });
    }
    Ok(account_id)
}

/// A relative CA file is beside the config file, not the working folder.
fn ca_file(path: &Path, in_profile: Option<PathBuf>) -> Option<PathBuf> {
    in_profile
        .filter(|p| !p.as_os_str().is_empty())
        .map(|p| match path.parent() {
            Some(dir) if p.is_relative() => dir.join(p),
            _ => p,
        })
}

/// A concurrency the client can run: 1 to 64 calls at once.
fn in_range(path: &Path, key: &str, value: usize) -> Result<usize, ConfigError> {
    if !(1..=64).contains(&value) {
        return Err(ConfigError::BadValue {
            path: path.to_path_buf(),
            key: key.into(),
            detail: format!("{value} is out of range; use 1 to 64."),
        });
    }
    Ok(value)
}

/// On unless the file says 0: a queue several people work must not go stale.
fn auto_refresh(file: &ConfigFile) -> Option<Duration> {
    Some(file.auto_refresh_secs.unwrap_or(DEFAULT_AUTO_REFRESH_SECS))
        .filter(|s| *s > 0)
        .map(|s| Duration::from_secs(s.max(5)))
}

impl LoadedConfig {
    /// The settings the file gives under the real environment and `overrides`.
    pub fn settings(&self, overrides: &Overrides) -> Result<Settings, ConfigError> {
        resolve(&self.path, self.file.as_ref(), overrides, &|k| {
            std::env::var(k).ok()
        })
    }
}
