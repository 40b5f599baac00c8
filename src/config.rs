//! Profiles in a TOML file in the OS config dir, overridden by environment
//! variables and then by command-line flags.

use std::collections::BTreeMap;
use std::error::Error as _;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use thiserror::Error;
use toml::Spanned;

use crate::api::Secret;
use crate::safety::{self, ReadOnly};

pub const APP_NAME: &str = "intake";
pub const PRODUCTION_URL: &str = "https://service.centrapay.com";
pub const DEFAULT_CONCURRENCY: usize = 8;

/// The file as written on disk.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ConfigFile {
    pub default_profile: Option<String>,
    pub concurrency: Option<usize>,
    pub auto_refresh_secs: Option<u64>,
    /// Bulk runs on production over this many requests ask for the count.
    pub confirm_typed_over: Option<usize>,
    pub profiles: BTreeMap<String, Profile>,
    /// Console key bindings: action name -> key or list of keys.
    pub keys: BTreeMap<String, Spanned<KeySpec>>,
    /// Console colours: status name -> colour.
    pub theme: BTreeMap<String, Spanned<String>>,
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
    /// Warnings to show the operator (e.g. a config file others can read).
    pub warnings: Vec<String>,
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
    #[error(
        "Profile `{profile}` is not in {path} (profiles there: {available}). Pick one with --profile or INTAKE_PROFILE, or try `intake --demo`."
    )]
    UnknownProfile {
        path: PathBuf,
        profile: String,
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
    #[error("`{key}` in {path} is invalid: {detail}")]
    BadValue {
        path: PathBuf,
        key: String,
        detail: String,
    },
    #[error("Could not work out the OS config directory: {0}. Use --config PATH.")]
    NoConfigDir(String),
    #[error("Could not write {path}: {detail}")]
    Write { path: PathBuf, detail: String },
}

/// The path of the config file: `--config`, then INTAKE_CONFIG, then the OS config dir.
pub fn config_path(explicit: Option<&Path>) -> Result<PathBuf, ConfigError> {
    if let Some(p) = explicit {
        return Ok(p.to_path_buf());
    }
    if let Some(p) = std::env::var_os("INTAKE_CONFIG").filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(p));
    }
    confy::get_configuration_file_path(APP_NAME, "config")
        .map_err(|e| ConfigError::NoConfigDir(e.to_string()))
}

/// Read the file if it exists; `Ok(None)` when there is none.
pub fn read_file(path: &Path) -> Result<Option<ConfigFile>, ConfigError> {
    if !path.exists() {
        return Ok(None);
    }
    // confy would create a default file on a miss; we checked existence first.
    confy::load_path::<ConfigFile>(path)
        .map(Some)
        .map_err(|e| ConfigError::Invalid {
            path: path.to_path_buf(),
            detail: match e.source() {
                Some(src) => src.to_string().trim().replace('\n', " "),
                None => e.to_string(),
            },
        })
}

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

    let have_env_key = env("CENTRAPAY_API_KEY").is_some();
    if file.is_none() && !have_env_key {
        return Err(ConfigError::Missing {
            path: path.to_path_buf(),
        });
    }

    let api_key = env("CENTRAPAY_API_KEY")
        .map(Secret::new)
        .or(profile.api_key.filter(|k| !k.is_empty()))
        .ok_or_else(|| ConfigError::MissingKey {
            path: path.to_path_buf(),
            profile: profile_name.clone(),
            key: "api_key",
            env: "CENTRAPAY_API_KEY",
        })?;
    let base_url = overrides
        .base_url
        .clone()
        .or_else(|| env("CENTRAPAY_BASE_URL"))
        .or(profile.base_url.filter(|u| !u.trim().is_empty()))
        .unwrap_or_else(|| PRODUCTION_URL.to_string());
    if let Err(e) = crate::api::client::parse_base_url(&base_url) {
        return Err(ConfigError::BadValue {
            path: path.to_path_buf(),
            key: format!("profiles.{profile_name}.base_url"),
            detail: e.to_string(),
        });
    }
    let account_id = overrides
        .account_id
        .clone()
        .or_else(|| env("CENTRAPAY_ACCOUNT_ID"))
        .or(profile.account_id.filter(|a| !a.trim().is_empty()));
    if let Some(a) = &account_id
        && !crate::validate::is_valid_id(a)
    {
        return Err(ConfigError::BadValue {
            path: path.to_path_buf(),
            key: format!("profiles.{profile_name}.account_id"),
            detail: format!("`{a}` is not an account id (letters and digits only)."),
        });
    }
    let ca_file = profile
        .ca_file
        .filter(|p| !p.as_os_str().is_empty())
        .map(|p| match path.parent() {
            Some(dir) if p.is_relative() => dir.join(p),
            _ => p,
        });
    let concurrency = file_ref.concurrency.unwrap_or(DEFAULT_CONCURRENCY);
    if !(1..=64).contains(&concurrency) {
        return Err(ConfigError::BadValue {
            path: path.to_path_buf(),
            key: "concurrency".into(),
            detail: format!("{concurrency} is out of range; use 1 to 64."),
        });
    }
    let auto_refresh = file_ref
        .auto_refresh_secs
        .filter(|s| *s > 0)
        .map(|s| Duration::from_secs(s.max(5)));

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

    let mut warnings = Vec::new();
    if let Some(f) = file
        && let Some(w) = permission_warning(path, f)
    {
        warnings.push(w);
    }
    Ok(Settings {
        profile: profile_name,
        base_url,
        api_key,
        account_id,
        concurrency,
        auto_refresh,
        production,
        read_only,
        confirm_typed_over,
        ca_file,
        warnings,
    })
}

/// Load the file and resolve settings from the real environment.
pub fn load(overrides: &Overrides) -> Result<Settings, ConfigError> {
    let path = config_path(overrides.config_path.as_deref())?;
    let file = read_file(&path)?;
    resolve(&path, file.as_ref(), overrides, &|k| std::env::var(k).ok())
}

/// Whether any profile in the file holds a non-empty API key.
fn holds_api_key(file: &ConfigFile) -> bool {
    file.profiles
        .values()
        .any(|p| p.api_key.as_ref().is_some_and(|k| !k.is_empty()))
}

/// As ssh does for private keys: a file holding an API key that group or
/// others can read is named, with the fix.
#[cfg(unix)]
fn permission_warning(path: &Path, file: &ConfigFile) -> Option<String> {
    use std::os::unix::fs::PermissionsExt;
    if !holds_api_key(file) {
        return None;
    }
    let mode = std::fs::metadata(path).ok()?.permissions().mode();
    (mode & 0o077 != 0).then(|| {
        format!(
            "Warning: {} holds an API key and is readable by other users; run chmod 600 {}",
            path.display(),
            path.display()
        )
    })
}

#[cfg(not(unix))]
fn permission_warning(_path: &Path, _file: &ConfigFile) -> Option<String> {
    None
}

pub const STARTER: &str = include_str!("../config.example.toml");

/// Write the commented starter file, readable only by its owner.
pub fn write_starter(path: &Path) -> Result<(), ConfigError> {
    let err = |e: std::io::Error| ConfigError::Write {
        path: path.to_path_buf(),
        detail: e.to_string(),
    };
    if path.exists() {
        return Err(ConfigError::Write {
            path: path.to_path_buf(),
            detail: "the file already exists; edit it or remove it first".into(),
        });
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(err)?;
    }
    write_private(path, STARTER.as_bytes()).map_err(err)
}

/// Create a file with mode 0600 from the start, so the key is never briefly world-readable.
pub fn write_private(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let mut f = opts.open(path)?;
    f.write_all(contents)?;
    f.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file() -> ConfigFile {
        toml_from(
            r#"
default_profile = "sandbox"
[profiles.sandbox]
base_url = "https://service.cp42.click"
api_key = "file-key"
account_id = "AccFile1"
[profiles.production]
base_url = "https://service.centrapay.com"
api_key = "prod-key"
"#,
        )
    }

    fn toml_from(s: &str) -> ConfigFile {
        let dir = std::env::temp_dir().join(format!("intake-cfg-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("tmp");
        static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let p = dir.join(format!("{n}.toml"));
        std::fs::write(&p, s).expect("write");
        read_file(&p).expect("parse").expect("exists")
    }

    fn env_of(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |k| {
            pairs
                .iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn file_values_apply_without_overrides() {
        let f = file();
        let s = resolve(
            Path::new("c.toml"),
            Some(&f),
            &Overrides::default(),
            &env_of(&[]),
        )
        .expect("ok");
        assert_eq!(s.profile, "sandbox");
        assert_eq!(s.base_url, "https://service.cp42.click");
        assert_eq!(s.api_key.expose(), "file-key");
        assert_eq!(s.account_id.as_deref(), Some("AccFile1"));
        assert_eq!(s.concurrency, DEFAULT_CONCURRENCY);
    }

    #[test]
    fn env_beats_file_and_flag_beats_env() {
        let f = file();
        let env = env_of(&[
            ("CENTRAPAY_API_KEY", "env-key"),
            ("CENTRAPAY_BASE_URL", "https://env.example"),
            ("CENTRAPAY_ACCOUNT_ID", "AccEnv"),
            ("INTAKE_PROFILE", "production"),
        ]);
        let s = resolve(Path::new("c.toml"), Some(&f), &Overrides::default(), &env).expect("ok");
        assert_eq!(s.profile, "production");
        assert_eq!(s.api_key.expose(), "env-key");
        assert_eq!(s.base_url, "https://env.example");
        assert_eq!(s.account_id.as_deref(), Some("AccEnv"));

        let flags = Overrides {
            profile: Some("sandbox".into()),
            base_url: Some("https://flag.example".into()),
            account_id: Some("AccFlag".into()),
            ..Default::default()
        };
        let s = resolve(Path::new("c.toml"), Some(&f), &flags, &env).expect("ok");
        assert_eq!(s.profile, "sandbox");
        assert_eq!(s.base_url, "https://flag.example");
        assert_eq!(s.account_id.as_deref(), Some("AccFlag"));
        assert_eq!(s.api_key.expose(), "env-key");
    }

    #[test]
    fn unknown_profile_names_the_file_and_the_choices() {
        let f = file();
        let flags = Overrides {
            profile: Some("staging".into()),
            ..Default::default()
        };
        let e = resolve(Path::new("/x/config.toml"), Some(&f), &flags, &env_of(&[])).unwrap_err();
        let msg = e.to_string();
        assert!(msg.contains("/x/config.toml"), "{msg}");
        assert!(msg.contains("production, sandbox"), "{msg}");
        assert!(msg.contains("--demo"), "{msg}");
    }

    #[test]
    fn missing_file_without_env_suggests_demo() {
        let e = resolve(
            Path::new("/nope.toml"),
            None,
            &Overrides::default(),
            &env_of(&[]),
        )
        .unwrap_err();
        assert!(matches!(e, ConfigError::Missing { .. }));
        assert!(e.to_string().contains("intake --demo"));
    }

    #[test]
    fn env_alone_is_enough() {
        let env = env_of(&[("CENTRAPAY_API_KEY", "k")]);
        let s = resolve(Path::new("/nope.toml"), None, &Overrides::default(), &env).expect("ok");
        assert_eq!(s.base_url, PRODUCTION_URL);
    }

    #[test]
    fn plain_http_to_a_remote_host_is_refused_but_loopback_is_fine() {
        let env = env_of(&[
            ("CENTRAPAY_API_KEY", "k"),
            ("CENTRAPAY_BASE_URL", "http://example.com"),
        ]);
        let e = resolve(Path::new("c.toml"), None, &Overrides::default(), &env).unwrap_err();
        assert!(e.to_string().contains("plain http"), "{e}");
        let env = env_of(&[
            ("CENTRAPAY_API_KEY", "k"),
            ("CENTRAPAY_BASE_URL", "http://127.0.0.1:9"),
        ]);
        assert!(resolve(Path::new("c.toml"), None, &Overrides::default(), &env).is_ok());
    }

    #[test]
    fn invalid_toml_names_the_file_and_the_key() {
        let dir = std::env::temp_dir().join(format!("intake-bad-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("tmp");
        let p = dir.join("config.toml");
        std::fs::write(&p, "[profiles.sandbox]\nbase_urll = \"x\"\n").expect("write");
        let e = read_file(&p).unwrap_err().to_string();
        assert!(e.contains(&p.display().to_string()), "{e}");
        assert!(e.contains("base_urll"), "{e}");
    }

    #[test]
    fn missing_api_key_names_profile_and_env() {
        let f = toml_from("[profiles.p]\nbase_url = \"https://a.example\"\n");
        let e = resolve(
            Path::new("c.toml"),
            Some(&f),
            &Overrides::default(),
            &env_of(&[]),
        )
        .unwrap_err();
        let msg = e.to_string();
        assert!(
            msg.contains("api_key") && msg.contains("`p`") && msg.contains("CENTRAPAY_API_KEY"),
            "{msg}"
        );
    }

    #[test]
    fn production_defaults_to_the_production_host_and_profiles_can_say_otherwise() {
        let f = toml_from(
            r#"
confirm_typed_over = 40
[profiles.live]
base_url = "https://service.centrapay.com"
api_key = "k"
[profiles.notlive]
base_url = "https://service.centrapay.com"
api_key = "k"
production = false
confirm_typed_over = 5
[profiles.staging]
base_url = "https://staging.example"
api_key = "k"
production = true
read_only = true
"#,
        );
        let get = |name: &str, overrides: Overrides| {
            let overrides = Overrides {
                profile: Some(name.into()),
                ..overrides
            };
            resolve(Path::new("c.toml"), Some(&f), &overrides, &env_of(&[])).expect("ok")
        };
        let live = get("live", Overrides::default());
        assert!(live.production);
        assert_eq!(live.confirm_typed_over, 40);
        assert!(!live.read_only.is_on());
        let notlive = get("notlive", Overrides::default());
        assert!(!notlive.production);
        assert_eq!(notlive.confirm_typed_over, 5);
        let staging = get("staging", Overrides::default());
        assert!(staging.production);
        assert_eq!(
            staging.read_only,
            ReadOnly {
                flag: false,
                profile: true
            }
        );
        let flagged = get(
            "live",
            Overrides {
                read_only: true,
                ..Default::default()
            },
        );
        assert!(flagged.read_only.flag && !flagged.read_only.profile);
        // Neither says: the default threshold, and not production.
        let s = resolve(
            Path::new("c.toml"),
            None,
            &Overrides::default(),
            &env_of(&[
                ("CENTRAPAY_API_KEY", "k"),
                ("CENTRAPAY_BASE_URL", "http://127.0.0.1:9"),
            ]),
        )
        .expect("ok");
        assert!(!s.production);
        assert_eq!(s.confirm_typed_over, safety::DEFAULT_CONFIRM_TYPED_OVER);
    }

    #[test]
    fn ca_file_is_taken_from_the_config_folder_when_relative() {
        let f = toml_from(
            "[profiles.a]\napi_key = \"k\"\nca_file = \"certs/ca.pem\"\n[profiles.b]\napi_key = \"k\"\nca_file = \"/etc/ca.pem\"\n[profiles.c]\napi_key = \"k\"\n",
        );
        let pick = |p: &str| {
            let o = Overrides {
                profile: Some(p.into()),
                ..Default::default()
            };
            resolve(
                Path::new("/home/op/.config/intake/config.toml"),
                Some(&f),
                &o,
                &env_of(&[]),
            )
            .expect("ok")
            .ca_file
        };
        assert_eq!(
            pick("a"),
            Some(PathBuf::from("/home/op/.config/intake/certs/ca.pem"))
        );
        assert_eq!(pick("b"), Some(PathBuf::from("/etc/ca.pem")));
        assert_eq!(pick("c"), None);
    }

    #[cfg(unix)]
    #[test]
    fn starter_is_written_0600_and_warns_when_opened_up() {
        use std::os::unix::fs::PermissionsExt;
        let dir = std::env::temp_dir().join(format!("intake-init-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let p = dir.join("sub").join("config.toml");
        write_starter(&p).expect("write");
        let mode = std::fs::metadata(&p).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        let starter = read_file(&p).expect("starter parses").expect("a file");
        assert!(permission_warning(&p, &starter).is_none());
        assert!(write_starter(&p).is_err(), "never overwrites");
    }

    #[cfg(unix)]
    #[test]
    fn a_key_others_can_read_is_named_with_the_fix() {
        use std::os::unix::fs::PermissionsExt;
        let dir = std::env::temp_dir().join(format!("intake-perm-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("dir");
        let write = |name: &str, text: &str, mode: u32| {
            let p = dir.join(name);
            std::fs::write(&p, text).expect("write");
            std::fs::set_permissions(&p, std::fs::Permissions::from_mode(mode)).expect("chmod");
            let file = read_file(&p).expect("parses").expect("a file");
            (p, file)
        };
        let keyed = "[profiles.sandbox]\napi_key = \"k\"\n";
        let (p, f) = write("open.toml", keyed, 0o644);
        assert_eq!(
            permission_warning(&p, &f),
            Some(format!(
                "Warning: {} holds an API key and is readable by other users; run chmod 600 {}",
                p.display(),
                p.display()
            ))
        );
        // Through resolve, as the CLI and the console get it.
        let settings = resolve(&p, Some(&f), &Overrides::default(), &|_| None).expect("ok");
        assert_eq!(settings.warnings.len(), 1);
        let (p, f) = write("group.toml", keyed, 0o640);
        assert!(permission_warning(&p, &f).is_some(), "group can read it");
        let (p, f) = write("private.toml", keyed, 0o600);
        assert_eq!(permission_warning(&p, &f), None);
        let (p, f) = write(
            "nokey.toml",
            "[profiles.sandbox]\nbase_url = \"https://h.example\"\napi_key = \"\"\n",
            0o644,
        );
        assert_eq!(permission_warning(&p, &f), None, "no key to protect");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
