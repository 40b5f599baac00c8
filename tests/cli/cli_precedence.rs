//! Where a setting comes from, through the binary: flag over environment
//! over the configuration file, checked by which simulator receives the
//! calls or what the server is asked to do.

use crate::common;

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::cli_env::{isolated, run, stderr, stdout};
use intake::api::IntegrationType;
use intake::sim::{self, SimConfig, SimHandle};

async fn sims(n: usize) -> Vec<SimHandle> {
    let mut out = Vec::new();
    for _ in 0..n {
        out.push(
            sim::start_local(SimConfig::default())
                .await
                .expect("a simulator"),
        );
    }
    out
}

/// A config file (0600, so no warning) with one profile per `(name, url)`.
fn write_config(path: &Path, default: &str, profiles: &[(&str, &str, &str, &str)]) {
    let mut text = format!("default_profile = \"{default}\"\n");
    for (name, url, key, account) in profiles {
        text.push_str(&format!(
            "\n[profiles.{name}]\nbase_url = \"{url}\"\napi_key = \"{key}\"\naccount_id = \"{account}\"\n"
        ));
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).expect("config dir");
    }
    std::fs::write(path, text).expect("write config");
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)).expect("chmod");
}

/// The config file the binary reads when neither flag nor env names one.
fn default_config_path(dir: &Path) -> PathBuf {
    dir.join("config").join("intake").join("config.toml")
}

/// Run `show` of a request every seeded simulator holds; returns which of
/// `sims` received calls (by index).
async fn who_is_called(sims: &[SimHandle], c: Command) -> (Output, Vec<usize>) {
    let before: Vec<u64> = sims.iter().map(|s| s.stats().total_calls).collect();
    let o = run(c).await;
    let called = sims
        .iter()
        .zip(before)
        .enumerate()
        .filter(|(_, (s, b))| s.stats().total_calls > *b)
        .map(|(i, _)| i)
        .collect();
    (o, called)
}

fn show(dir: &Path, sims: &[SimHandle]) -> Command {
    let mut c = isolated(dir);
    c.env("INTAKE_RETRY_BASE_MS", "5")
        .args(["show", &sims[0].requests()[0].id]);
    c
}

#[tokio::test]
async fn config_flag_beats_intake_config_which_beats_the_default_path() {
    let dir = common::scratch("precedence-config");
    let s = sims(3).await;
    let key = s[0].api_key().to_string();
    let (a, b) = (dir.join("a.toml"), dir.join("b.toml"));
    write_config(
        &default_config_path(&dir),
        "p",
        &[("p", &s[0].base_url(), &key, "A")],
    );
    write_config(&a, "p", &[("p", &s[1].base_url(), &key, "A")]);
    write_config(&b, "p", &[("p", &s[2].base_url(), &key, "A")]);

    let (o, called) = who_is_called(&s, show(&dir, &s)).await;
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(called, [0], "the OS config dir's file");

    let mut c = show(&dir, &s);
    c.env("INTAKE_CONFIG", &a);
    let (o, called) = who_is_called(&s, c).await;
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(called, [1], "INTAKE_CONFIG over the default path");

    let mut c = show(&dir, &s);
    c.env("INTAKE_CONFIG", &a).arg("--config").arg(&b);
    let (o, called) = who_is_called(&s, c).await;
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(called, [2], "--config over INTAKE_CONFIG");
}

#[tokio::test]
async fn profile_flag_beats_intake_profile_which_beats_default_profile() {
    let dir = common::scratch("precedence-profile");
    let s = sims(3).await;
    let key = s[0].api_key().to_string();
    let cfg = dir.join("c.toml");
    write_config(
        &cfg,
        "one",
        &[
            ("one", &s[0].base_url(), &key, "A"),
            ("two", &s[1].base_url(), &key, "A"),
            ("three", &s[2].base_url(), &key, "A"),
        ],
    );
    let cmd = || {
        let mut c = show(&dir, &s);
        c.env("INTAKE_CONFIG", &cfg);
        c
    };
    let (o, called) = who_is_called(&s, cmd()).await;
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(called, [0], "default_profile");

    let mut c = cmd();
    c.env("INTAKE_PROFILE", "two");
    let (o, called) = who_is_called(&s, c).await;
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(called, [1], "INTAKE_PROFILE over default_profile");

    let mut c = cmd();
    c.env("INTAKE_PROFILE", "two").args(["--profile", "three"]);
    let (o, called) = who_is_called(&s, c).await;
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(called, [2], "--profile over INTAKE_PROFILE");
}

#[tokio::test]
async fn base_url_flag_beats_env_which_beats_the_profile() {
    let dir = common::scratch("precedence-url");
    let s = sims(3).await;
    let key = s[0].api_key().to_string();
    let cfg = dir.join("c.toml");
    write_config(&cfg, "p", &[("p", &s[0].base_url(), &key, "A")]);
    let cmd = || {
        let mut c = show(&dir, &s);
        c.env("INTAKE_CONFIG", &cfg);
        c
    };
    let (o, called) = who_is_called(&s, cmd()).await;
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(called, [0], "the profile's base_url");

    let mut c = cmd();
    c.env("CENTRAPAY_BASE_URL", s[1].base_url());
    let (o, called) = who_is_called(&s, c).await;
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(called, [1], "CENTRAPAY_BASE_URL over the profile");

    let mut c = cmd();
    c.env("CENTRAPAY_BASE_URL", s[1].base_url())
        .args(["--base-url", &s[2].base_url()]);
    let (o, called) = who_is_called(&s, c).await;
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(called, [2], "--base-url over CENTRAPAY_BASE_URL");
}

#[tokio::test]
async fn api_key_from_the_environment_beats_the_profile() {
    let dir = common::scratch("precedence-key");
    let s = sims(1).await;
    let cfg = dir.join("c.toml");
    write_config(
        &cfg,
        "p",
        &[("p", &s[0].base_url(), "wrong-profile-key", "A")],
    );
    let mut c = show(&dir, &s);
    c.env("INTAKE_CONFIG", &cfg);
    let o = run(c).await;
    assert!(!o.status.success(), "the profile's wrong key is used");

    let mut c = show(&dir, &s);
    c.env("INTAKE_CONFIG", &cfg)
        .env("CENTRAPAY_API_KEY", s[0].api_key());
    let o = run(c).await;
    assert!(o.status.success(), "{}", stderr(&o));
}

#[tokio::test]
async fn account_flag_beats_env_which_beats_the_profile() {
    let dir = common::scratch("precedence-account");
    let s = sims(1).await;
    let sim = &s[0];
    let cfg = dir.join("c.toml");
    write_config(
        &cfg,
        "p",
        &[("p", &sim.base_url(), sim.api_key(), "AccountFromProfile")],
    );
    // Each create names a merchant lacking windcave; the server refuses an
    // account that does not own the merchant, and records the one it got.
    let create = |extra: &[&str], env_account: Option<&str>| {
        let m = sim
            .merchant_without(&IntegrationType::Windcave)
            .expect("a merchant without windcave");
        let mut c = isolated(&dir);
        c.env("INTAKE_CONFIG", &cfg)
            .args(["create", "--merchant", &m.id, "--type", "windcave"])
            .args(extra);
        if let Some(a) = env_account {
            c.env("CENTRAPAY_ACCOUNT_ID", a);
        }
        (c, m)
    };
    let created_in = |merchant: &str| {
        sim.requests()
            .into_iter()
            .find(|r| r.merchant_id == merchant && r.kind == IntegrationType::Windcave)
            .map(|r| r.account_id)
    };

    let (c, m) = create(&[], None);
    let o = run(c).await;
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(
        stderr(&o).contains("AccountFromProfile"),
        "the profile's account was sent: {}",
        stderr(&o)
    );
    assert_eq!(created_in(&m.id), None);

    let (probe, m) = create(&[], None);
    drop(probe);
    let owner = m.account_id.clone().expect("the merchant's account");
    let (c, m) = create(&[], Some(&owner));
    let o = run(c).await;
    assert!(o.status.success(), "env over profile: {}", stderr(&o));
    assert_eq!(created_in(&m.id), Some(owner.clone()));

    let (probe, m) = create(&[], None);
    drop(probe);
    let owner = m.account_id.clone().expect("the merchant's account");
    let (c, m) = create(&["--account", &owner], Some("AccountFromEnv"));
    let o = run(c).await;
    assert!(o.status.success(), "flag over env: {}", stderr(&o));
    assert_eq!(created_in(&m.id), Some(owner.clone()));

    let (c, m) = create(&["--account", "AccountFromFlag"], Some(&owner));
    let o = run(c).await;
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(
        stderr(&o).contains("AccountFromFlag"),
        "the flag's account was sent: {}",
        stderr(&o)
    );
    assert_eq!(created_in(&m.id), None);
}
