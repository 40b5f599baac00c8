//! `intake config show` through the binary: each value with the origin
//! flag, environment or file line gives it, never the API key; and a bad
//! value's error naming the flag, the variable or the file's line.

use crate::common;

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Output};

use common::cli_env::{isolated, run, stderr, stdout};

/// A key no output may hold, whole or in part.
const KEY: &str = "sk_test_CANARY_9f3e71";

/// A config (0600) whose lines the tests name: default_profile on 1,
/// concurrency on 2, `[profiles.sandbox]` on 4, base_url 5, api_key 6,
/// account_id 7; `[profiles.other]` on 9; `[keys]` activate on 13; the
/// first view's name on 16; the command's key on 21.
const CONFIG: &str = concat!(
    "default_profile = \"sandbox\"\n",
    "concurrency = 4\n",
    "\n",
    "[profiles.sandbox]\n",
    "base_url = \"https://sandbox.example\"\n",
    "api_key = \"sk_test_CANARY_9f3e71\"\n",
    "account_id = \"AccFile1\"\n",
    "\n",
    "[profiles.other]\n",
    "base_url = \"https://other.example\"\n",
    "\n",
    "[keys]\n",
    "activate = \"x\"\n",
    "\n",
    "[[views]]\n",
    "name = \"ePay\"\n",
    "filter = \"type:epay\"\n",
    "columns = [\"terminalId\", \"age\"]\n",
    "\n",
    "[[commands]]\n",
    "key = \"o\"\n",
    "name = \"Echo\"\n",
    "run = \"echo {id} sk_test_CANARY_9f3e71\"\n",
);

fn write(path: &Path, text: &str) {
    std::fs::write(path, text).expect("write config");
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)).expect("chmod");
}

/// `config show` with `args` before it, in a folder holding CONFIG.
fn show(dir: &Path, args: &[&str]) -> Command {
    let mut c = isolated(dir);
    c.args(args).args(["config", "show"]);
    c
}

/// The origin column of `setting`'s row in the table.
fn origin_of(out: &str, setting: &str) -> String {
    let header = out.lines().next().unwrap_or_default();
    let column = header
        .find("origin")
        .unwrap_or_else(|| panic!("a header: {out}"));
    out.lines()
        .find(|l| l.split_whitespace().next() == Some(setting))
        .and_then(|l| l.get(column..))
        .unwrap_or_else(|| panic!("no row for {setting}: {out}"))
        .trim()
        .to_string()
}

fn value_of(out: &str, setting: &str) -> String {
    out.lines()
        .find(|l| l.split_whitespace().next() == Some(setting))
        .and_then(|l| l.split_whitespace().nth(1))
        .unwrap_or_else(|| panic!("no row for {setting}: {out}"))
        .to_string()
}

fn never_the_key(o: &Output) {
    for text in [stdout(o), stderr(o)] {
        assert!(!text.contains("CANARY"), "the key shows: {text}");
        assert!(
            !text.contains("sk_test"),
            "a prefix of the key shows: {text}"
        );
    }
}

#[tokio::test]
async fn file_values_are_shown_with_their_lines() {
    let dir = common::scratch("show-file");
    let path = dir.join("c.toml");
    write(&path, CONFIG);
    let p = path.display().to_string();
    let o = run(show(&dir, &["--config", &p])).await;
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    never_the_key(&o);
    assert_eq!(origin_of(&out, "config_file"), "flag --config");
    assert_eq!(origin_of(&out, "profile"), format!("file {p}:1"));
    assert_eq!(origin_of(&out, "concurrency"), format!("file {p}:2"));
    assert_eq!(origin_of(&out, "base_url"), format!("file {p}:5"));
    assert_eq!(value_of(&out, "api_key"), "set");
    assert_eq!(origin_of(&out, "api_key"), format!("file {p}:6"));
    assert_eq!(origin_of(&out, "account_id"), format!("file {p}:7"));
    assert_eq!(origin_of(&out, "read_concurrency"), "default");
    assert_eq!(origin_of(&out, "keys.activate"), format!("file {p}:13"));
    assert_eq!(origin_of(&out, "views[0]"), format!("file {p}:16"));
    assert!(
        out.contains("ePay: type:epay (columns terminalId, age)"),
        "{out}"
    );
    assert_eq!(origin_of(&out, "commands[0]"), format!("file {p}:21"));
    for setting in ["read_only", "production", "merchant_cache_days", "sla_days"] {
        assert_eq!(origin_of(&out, setting), "default", "{setting}");
    }
}

#[tokio::test]
async fn the_environment_and_flags_are_named_over_the_file() {
    let dir = common::scratch("show-env");
    let path = dir.join("c.toml");
    write(&path, CONFIG);
    let mut c = show(&dir, &[]);
    c.env("INTAKE_CONFIG", &path)
        .env("INTAKE_PROFILE", "other")
        .env("CENTRAPAY_BASE_URL", "https://env.example")
        .env("CENTRAPAY_ACCOUNT_ID", "AccEnv")
        .env("CENTRAPAY_API_KEY", KEY);
    let o = run(c).await;
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    never_the_key(&o);
    assert_eq!(origin_of(&out, "config_file"), "env INTAKE_CONFIG");
    assert_eq!(value_of(&out, "profile"), "other");
    assert_eq!(origin_of(&out, "profile"), "env INTAKE_PROFILE");
    assert_eq!(value_of(&out, "base_url"), "https://env.example");
    assert_eq!(origin_of(&out, "base_url"), "env CENTRAPAY_BASE_URL");
    assert_eq!(origin_of(&out, "account_id"), "env CENTRAPAY_ACCOUNT_ID");
    assert_eq!(origin_of(&out, "api_key"), "env CENTRAPAY_API_KEY");

    let mut c = show(
        &dir,
        &[
            "--profile",
            "sandbox",
            "--base-url",
            "https://flag.example",
            "--account",
            "AccFlag",
            "--read-only",
        ],
    );
    c.env("INTAKE_CONFIG", &path)
        .env("INTAKE_PROFILE", "other")
        .env("CENTRAPAY_BASE_URL", "https://env.example");
    let o = run(c).await;
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    never_the_key(&o);
    assert_eq!(origin_of(&out, "profile"), "flag --profile");
    assert_eq!(origin_of(&out, "base_url"), "flag --base-url");
    assert_eq!(value_of(&out, "account_id"), "AccFlag");
    assert_eq!(origin_of(&out, "account_id"), "flag --account");
    assert_eq!(value_of(&out, "read_only"), "true");
    assert_eq!(origin_of(&out, "read_only"), "flag --read-only");
}

#[tokio::test]
async fn json_carries_each_origin_and_never_the_key() {
    let dir = common::scratch("show-json");
    let path = dir.join("c.toml");
    write(&path, CONFIG);
    let p = path.display().to_string();
    let mut c = isolated(&dir);
    c.env("CENTRAPAY_ACCOUNT_ID", "AccEnv")
        .args(["--config", &p, "config", "show", "--json"]);
    let o = run(c).await;
    assert!(o.status.success(), "{}", stderr(&o));
    never_the_key(&o);
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).expect("JSON");
    let row = |setting: &str| {
        rows.iter()
            .find(|r| r["setting"] == setting)
            .unwrap_or_else(|| panic!("no {setting} in {rows:?}"))
            .clone()
    };
    let base = row("base_url");
    assert_eq!(base["value"], "https://sandbox.example");
    assert_eq!(
        base["origin"],
        serde_json::json!({ "kind": "file", "path": p, "line": 5 })
    );
    assert_eq!(row("api_key")["value"], "set");
    assert_eq!(
        row("account_id")["origin"],
        serde_json::json!({ "kind": "env", "name": "CENTRAPAY_ACCOUNT_ID" })
    );
    assert_eq!(row("concurrency")["value"], 4);
    assert_eq!(row("read_only")["value"], false);
    assert_eq!(
        row("sla_days")["origin"],
        serde_json::json!({ "kind": "default" })
    );
}

#[tokio::test]
async fn no_file_and_no_key_is_shown_as_such() {
    let dir = common::scratch("show-none");
    let o = run(show(&dir, &[])).await;
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("(no file there)"), "{out}");
    assert_eq!(origin_of(&out, "config_file"), "default");
    assert!(
        out.lines()
            .any(|l| l.starts_with("api_key") && l.contains("not set")),
        "{out}"
    );
}

/// A bad value is blamed on where it came from: the flag, the variable,
/// or the file's line; `config show` lists it and then refuses it too.
#[tokio::test]
async fn a_bad_value_names_its_flag_variable_or_line() {
    let dir = common::scratch("bad-source");
    let path = dir.join("c.toml");
    write(
        &path,
        "[profiles.x]\napi_key = \"k\"\n\nbase_url = \"not a url\"\n",
    );
    let p = path.display().to_string();
    let o = run({
        let mut c = isolated(&dir);
        c.args(["--config", &p, "--base-url", "not a url either", "list"]);
        c
    })
    .await;
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert!(
        e.contains("`base_url` from the flag --base-url is invalid"),
        "{e}"
    );
    assert!(!e.contains(&p), "the file is not blamed: {e}");

    let mut c = isolated(&dir);
    c.env("CENTRAPAY_BASE_URL", "ftp://nope.example")
        .args(["--config", &p, "list"]);
    let o = run(c).await;
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert!(
        e.contains("`base_url` from the environment variable CENTRAPAY_BASE_URL is invalid"),
        "{e}"
    );

    let o = run({
        let mut c = isolated(&dir);
        c.args(["--config", &p, "list"]);
        c
    })
    .await;
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert!(
        e.contains(&format!("`profiles.x.base_url` in {p}:4 is invalid")),
        "{e}"
    );

    let o = run(show(&dir, &["--config", &p])).await;
    assert_eq!(o.status.code(), Some(2), "shown, then refused");
    assert_eq!(origin_of(&stdout(&o), "base_url"), format!("file {p}:4"));
    assert!(stderr(&o).contains(&format!("{p}:4")), "{}", stderr(&o));
}

/// A TOML error keeps the parser's snippet, its caret under the column.
#[tokio::test]
async fn a_toml_error_keeps_its_caret_under_the_column() {
    let dir = common::scratch("bad-toml");
    let path = dir.join("c.toml");
    write(
        &path,
        "[profiles.x]\napi_key = \"k\"\nbase_url = https://a.example\n",
    );
    let p = path.display().to_string();
    let o = run(show(&dir, &["--config", &p])).await;
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert!(e.contains(&p), "{e}");
    let lines: Vec<&str> = e.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.ends_with("base_url = https://a.example"))
        .unwrap_or_else(|| panic!("the line is quoted: {e}"));
    assert!(lines[at].starts_with("3 |"), "{e}");
    let caret = lines.get(at + 1).copied().unwrap_or_default();
    let column = caret.find('^').unwrap_or_else(|| panic!("a caret: {e}"));
    assert_eq!(lines[at].get(column..column + 5), Some("https"), "{e}");
}

/// An API error that blames the key or the base URL says where that value
/// came from: a refused key its variable, an unreachable server the flag
/// or the file's line. Exit 1 as before.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_api_error_names_where_the_key_or_base_url_came_from() {
    let env = common::cli_env::CliEnv::new("source-of-api-errors").await;
    let mut c = env.cmd();
    c.env("CENTRAPAY_API_KEY", "not-the-key").arg("list");
    let o = run(c).await;
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o)
            .contains("That API key is the one from the environment variable CENTRAPAY_API_KEY."),
        "{}",
        stderr(&o)
    );
    assert!(!stderr(&o).contains("not-the-key"), "{}", stderr(&o));

    // Nothing listens on port 1 of loopback.
    let mut c = env.cmd();
    c.args(["--base-url", "http://127.0.0.1:1", "list"]);
    let o = run(c).await;
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("That base_url is the one from the flag --base-url."),
        "{}",
        stderr(&o)
    );
    env.sim.shutdown().await;
}
