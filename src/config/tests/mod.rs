mod origins;

use std::path::Path;

#[cfg(unix)]
use super::file::permission_warning;
use super::*;
use crate::safety;

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
    LoadedConfig::at(&p).expect("parse").file.expect("exists")
}

/// The config as read at start, for a file built in memory (no lines known).
fn at(path: &Path, file: Option<&ConfigFile>) -> LoadedConfig {
    LoadedConfig {
        path: path.to_path_buf(),
        file: file.cloned(),
        ..LoadedConfig::default()
    }
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
        &at(Path::new("c.toml"), Some(&f)),
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
    let s = resolve(
        &at(Path::new("c.toml"), Some(&f)),
        &Overrides::default(),
        &env,
    )
    .expect("ok");
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
    let s = resolve(&at(Path::new("c.toml"), Some(&f)), &flags, &env).expect("ok");
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
    let e = resolve(
        &at(Path::new("/x/config.toml"), Some(&f)),
        &flags,
        &env_of(&[]),
    )
    .unwrap_err();
    let msg = e.to_string();
    assert!(msg.contains("/x/config.toml"), "{msg}");
    assert!(msg.contains("production, sandbox"), "{msg}");
    assert!(msg.contains("--demo"), "{msg}");
}

#[test]
fn missing_file_without_env_suggests_demo() {
    let e = resolve(
        &at(Path::new("/nope.toml"), None),
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
    let s = resolve(
        &at(Path::new("/nope.toml"), None),
        &Overrides::default(),
        &env,
    )
    .expect("ok");
    assert_eq!(s.base_url, PRODUCTION_URL);
}

#[test]
fn plain_http_to_a_remote_host_is_refused_but_loopback_is_fine() {
    let env = env_of(&[
        ("CENTRAPAY_API_KEY", "k"),
        ("CENTRAPAY_BASE_URL", "http://example.com"),
    ]);
    let e = resolve(&at(Path::new("c.toml"), None), &Overrides::default(), &env).unwrap_err();
    assert!(e.to_string().contains("plain http"), "{e}");
    let env = env_of(&[
        ("CENTRAPAY_API_KEY", "k"),
        ("CENTRAPAY_BASE_URL", "http://127.0.0.1:9"),
    ]);
    assert!(resolve(&at(Path::new("c.toml"), None), &Overrides::default(), &env).is_ok());
}

#[test]
fn invalid_toml_names_the_file_and_the_key() {
    let dir = std::env::temp_dir().join(format!("intake-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("tmp");
    let p = dir.join("config.toml");
    std::fs::write(&p, "[profiles.sandbox]\nbase_urll = \"x\"\n").expect("write");
    let e = LoadedConfig::at(&p).unwrap_err().to_string();
    assert!(e.contains(&p.display().to_string()), "{e}");
    assert!(e.contains("base_urll"), "{e}");
}

#[test]
fn missing_api_key_names_profile_and_env() {
    let f = toml_from("[profiles.p]\nbase_url = \"https://a.example\"\n");
    let e = resolve(
        &at(Path::new("c.toml"), Some(&f)),
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
        resolve(&at(Path::new("c.toml"), Some(&f)), &overrides, &env_of(&[])).expect("ok")
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
        &at(Path::new("c.toml"), None),
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
            &at(Path::new("/home/op/.config/intake/config.toml"), Some(&f)),
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
    let starter = LoadedConfig::at(&p)
        .expect("starter parses")
        .file
        .expect("a file");
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
        let file = LoadedConfig::at(&p).expect("parses").file.expect("a file");
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
    let settings = resolve(&at(&p, Some(&f)), &Overrides::default(), &|_| None).expect("ok");
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

#[test]
fn sla_days_defaults_to_a_week_and_0_turns_it_off() {
    let resolved = |f: &ConfigFile| {
        resolve(
            &at(Path::new("c.toml"), Some(f)),
            &Overrides::default(),
            &env_of(&[]),
        )
        .expect("ok")
        .sla_days
    };
    let mut f = file();
    assert_eq!(resolved(&f), DEFAULT_SLA_DAYS);
    assert_eq!(DEFAULT_SLA_DAYS, 7);
    f.sla_days = Some(3);
    assert_eq!(resolved(&f), 3);
    f.sla_days = Some(0);
    assert_eq!(resolved(&f), 0);
    let parsed = toml_from("sla_days = 14\n[profiles.x]\nbase_url = \"https://h.example\"\n");
    assert_eq!(parsed.sla_days, Some(14));
}

#[test]
fn auto_refresh_defaults_to_a_minute_and_0_turns_it_off() {
    let resolved = |f: &ConfigFile| {
        resolve(
            &at(Path::new("c.toml"), Some(f)),
            &Overrides::default(),
            &env_of(&[]),
        )
        .expect("ok")
        .auto_refresh
    };
    let mut f = file();
    assert_eq!(resolved(&f), Some(std::time::Duration::from_secs(60)));
    assert_eq!(DEFAULT_AUTO_REFRESH_SECS, 60);
    f.auto_refresh_secs = Some(0);
    assert_eq!(resolved(&f), None);
    f.auto_refresh_secs = Some(2);
    assert_eq!(resolved(&f), Some(std::time::Duration::from_secs(5)));
    f.auto_refresh_secs = Some(90);
    assert_eq!(resolved(&f), Some(std::time::Duration::from_secs(90)));
}
