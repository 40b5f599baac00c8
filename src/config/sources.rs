//! Precedence, flag > environment > file > default, applied value by value
//! with where each value came from. Nothing is checked here but the
//! profile's name: `intake config show` lists what this finds even when a
//! value would be refused, and [`Resolved::check`] refuses it naming its
//! origin.

use std::path::PathBuf;

use super::file::{LoadedConfig, permission_warning};
use super::origin::{Origin, Sourced};
use super::{ConfigError, ConfigFile, Overrides, PRODUCTION_URL, Profile};
use crate::api::Secret;
use crate::safety::{self, ReadOnly};

/// The environment with blank values taken as unset.
pub(super) type Env<'a> = &'a dyn Fn(&str) -> Option<String>;

/// Every setting of the chosen profile with its origin, before checks.
#[derive(Debug, Clone)]
pub struct Resolved {
    /// The config file's path, and what chose it (`--config`, INTAKE_CONFIG
    /// or the OS config dir).
    pub path: Sourced<PathBuf>,
    /// Whether there is a file at `path`.
    pub file_found: bool,
    pub profile: Sourced<String>,
    /// `None`: no key anywhere. Shown only as set or not set.
    pub api_key: Option<Sourced<Secret>>,
    pub base_url: Sourced<String>,
    pub account_id: Option<Sourced<String>>,
    pub production: Sourced<bool>,
    pub read_only: Sourced<ReadOnly>,
    pub confirm_typed_over: Sourced<usize>,
    pub concurrency: Sourced<usize>,
    pub read_concurrency: Sourced<usize>,
    pub merchant_cache_days: Sourced<u32>,
    pub auto_refresh_secs: Sourced<u64>,
    pub sla_days: Sourced<u32>,
    /// As written; made absolute by the check.
    pub ca_file: Option<Sourced<PathBuf>>,
    pub warnings: Vec<String>,
}

/// The file, the environment and the chosen profile, to find a value's origin.
struct Layers<'a> {
    config: &'a LoadedConfig,
    env: Env<'a>,
    profile: &'a str,
}

impl Layers<'_> {
    fn file_origin(&self, key: &str) -> Origin {
        self.config.lines.origin(&self.config.path, key)
    }

    /// A top-level key of the file, with its line.
    fn top<T>(&self, key: &str, value: Option<T>) -> Option<Sourced<T>> {
        value.map(|v| Sourced::new(v, self.file_origin(key)))
    }

    /// A key of the chosen profile, with its line.
    fn in_profile<T>(&self, field: &str, value: Option<T>) -> Option<Sourced<T>> {
        let key = format!("profiles.{}.{field}", self.profile);
        value.map(|v| Sourced::new(v, self.file_origin(&key)))
    }

    fn env(&self, var: &'static str) -> Option<Sourced<String>> {
        (self.env)(var).map(|v| Sourced::new(v, Origin::Env(var)))
    }
}

fn flag(name: &'static str, value: Option<&String>) -> Option<Sourced<String>> {
    value.map(|v| Sourced::new(v.clone(), Origin::Flag(name)))
}

fn not_blank(s: &Sourced<String>) -> bool {
    !s.value.trim().is_empty()
}

/// Every value of the profile `overrides` and the environment choose, with
/// its origin. `env` is injected so tests need not touch the process
/// environment. Refused only when the profile named is not in the file.
pub fn sources(
    config: &LoadedConfig,
    overrides: &Overrides,
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<Resolved, ConfigError> {
    let env = |k: &str| env(k).filter(|v| !v.trim().is_empty());
    let empty = ConfigFile::default();
    let file = config.file.as_ref().unwrap_or(&empty);
    let (profile, settings) = choose_profile(config, overrides, &env)?;
    let layers = Layers {
        config,
        env: &env,
        profile: &profile.value,
    };
    let base_url = flag("--base-url", overrides.base_url.as_ref())
        .or_else(|| layers.env("CENTRAPAY_BASE_URL"))
        .or(layers
            .in_profile("base_url", settings.base_url)
            .filter(not_blank))
        .unwrap_or_else(|| Sourced::default_value(PRODUCTION_URL.to_string()));
    let production = layers
        .in_profile("production", settings.production)
        .unwrap_or_else(|| Sourced::default_value(safety::is_production_url(&base_url.value)));
    let read_only = read_only(&layers, overrides.read_only, settings.read_only);
    let number = |key: &str, value: Option<usize>, default: usize| {
        layers
            .top(key, value)
            .unwrap_or_else(|| Sourced::default_value(default))
    };
    Ok(Resolved {
        path: config_path_origin(config, overrides, &env),
        file_found: config.file.is_some(),
        api_key: layers
            .env("CENTRAPAY_API_KEY")
            .map(|s| Sourced::new(Secret::new(s.value), s.origin))
            .or(layers
                .in_profile("api_key", settings.api_key)
                .filter(|k| !k.value.is_empty())),
        account_id: flag("--account", overrides.account_id.as_ref())
            .or_else(|| layers.env("CENTRAPAY_ACCOUNT_ID"))
            .or(layers
                .in_profile("account_id", settings.account_id)
                .filter(not_blank)),
        confirm_typed_over: layers
            .in_profile("confirm_typed_over", settings.confirm_typed_over)
            .or(layers.top("confirm_typed_over", file.confirm_typed_over))
            .unwrap_or_else(|| Sourced::default_value(safety::DEFAULT_CONFIRM_TYPED_OVER)),
        concurrency: number("concurrency", file.concurrency, super::DEFAULT_CONCURRENCY),
        read_concurrency: number(
            "read_concurrency",
            file.read_concurrency,
            super::DEFAULT_READ_CONCURRENCY,
        ),
        merchant_cache_days: layers
            .top("merchant_cache_days", file.merchant_cache_days)
            .unwrap_or_else(|| Sourced::default_value(super::DEFAULT_MERCHANT_CACHE_DAYS)),
        auto_refresh_secs: layers
            .top("auto_refresh_secs", file.auto_refresh_secs)
            .unwrap_or_else(|| Sourced::default_value(super::DEFAULT_AUTO_REFRESH_SECS)),
        sla_days: layers
            .top("sla_days", file.sla_days)
            .unwrap_or_else(|| Sourced::default_value(super::DEFAULT_SLA_DAYS)),
        ca_file: layers
            .in_profile("ca_file", settings.ca_file)
            .filter(|p| !p.value.as_os_str().is_empty()),
        warnings: config
            .file
            .as_ref()
            .and_then(|f| permission_warning(&config.path, f))
            .into_iter()
            .collect(),
        profile,
        base_url,
        production,
        read_only,
    })
}

/// `--read-only` over the profile's `read_only`; the flag's origin keeps
/// what the profile says too, since both must be undone to make changes.
fn read_only(layers: &Layers<'_>, flag: bool, in_file: Option<bool>) -> Sourced<ReadOnly> {
    let profile = in_file.unwrap_or(false);
    if flag {
        return Sourced::new(
            ReadOnly {
                flag: true,
                profile,
            },
            Origin::Flag("--read-only"),
        );
    }
    layers.in_profile("read_only", in_file).map_or_else(
        || Sourced::default_value(ReadOnly::default()),
        |s| {
            let ro = ReadOnly {
                flag: false,
                profile: s.value,
            };
            Sourced::new(ro, s.origin)
        },
    )
}

/// What chose the config file's path, as `config_path` chose it.
fn config_path_origin(
    config: &LoadedConfig,
    overrides: &Overrides,
    env: Env<'_>,
) -> Sourced<PathBuf> {
    let origin = if overrides.config_path.is_some() {
        Origin::Flag("--config")
    } else if env("INTAKE_CONFIG").is_some() {
        Origin::Env("INTAKE_CONFIG")
    } else {
        Origin::Default
    };
    Sourced::new(config.path.clone(), origin)
}

/// The profile asked for (flag, env, the file's default, else the file's
/// only one), with its name and origin. A profile named but not in the
/// file is an error; with none named, a file without it gives an empty
/// profile.
fn choose_profile(
    config: &LoadedConfig,
    overrides: &Overrides,
    env: Env<'_>,
) -> Result<(Sourced<String>, Profile), ConfigError> {
    let empty = ConfigFile::default();
    let file = config.file.as_ref().unwrap_or(&empty);
    let file_origin = |key: &str| config.lines.origin(&config.path, key);
    let explicit = flag("--profile", overrides.profile.as_ref())
        .or_else(|| env("INTAKE_PROFILE").map(|v| Sourced::new(v, Origin::Env("INTAKE_PROFILE"))));
    let named = explicit.clone().or_else(|| {
        file.default_profile
            .clone()
            .map(|p| Sourced::new(p, file_origin("default_profile")))
    });
    let only = || {
        let mut names = file.profiles.keys();
        match (names.next(), names.next()) {
            (Some(name), None) => Some(Sourced::new(
                name.clone(),
                file_origin(&format!("profiles.{name}")),
            )),
            _ => None,
        }
    };
    let name = named
        .clone()
        .or_else(only)
        .unwrap_or_else(|| Sourced::default_value("default".to_string()));
    let profile = match file.profiles.get(&name.value) {
        Some(p) => p.clone(),
        // A profile asked for by name is never quietly replaced by the
        // environment's settings, with or without a file.
        None if explicit.is_some() || (config.file.is_some() && named.is_some()) => {
            let available = match (config.file.is_some(), file.profiles.is_empty()) {
                (false, _) => "none, as there is no file there".to_string(),
                (true, true) => "none".to_string(),
                (true, false) => file.profiles.keys().cloned().collect::<Vec<_>>().join(", "),
            };
            return Err(ConfigError::UnknownProfile {
                path: config.path.clone(),
                profile: name.value,
                origin: name.origin,
                available,
            });
        }
        None => Profile::default(),
    };
    Ok((name, profile))
}
