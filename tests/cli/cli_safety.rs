//! Demo stays demo (its changes never reach the operator's audit log, and
//! `intake log` never shows them) and secrets at rest (a config file holding
//! an API key that others can read is named, with the fix).

use crate::common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::cli_env::{stderr, stdout};
use common::*;
use intake::api::IntegrationRequest;

/// The binary with a private home, log, audit file and temp dir; no API
/// settings at all.
fn cmd(dir: &Path) -> Command {
    let mut c = cli_env::isolated(dir);
    c.env("TMPDIR", dir.join("tmp"));
    c
}

fn run(dir: &Path, args: &[&str]) -> Output {
    cmd(dir).args(args).output().expect("intake runs")
}

/// Files a demo left in the temp dir (its log, or a run lock).
fn demo_leftovers(tmp: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(tmp)
        .map(|d| {
            d.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.to_string_lossy().contains("intake-demo-audit"))
                .collect()
        })
        .unwrap_or_default()
}

fn demo_requests(dir: &Path) -> Vec<IntegrationRequest> {
    let o = run(dir, &["--demo", "list", "--pending", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    serde_json::from_slice(&o.stdout).expect("requests")
}

/// A real line and one an older version wrote for `--demo`.
const REAL_LINE: &str = r#"{"time":"2026-11-20T09:00:00Z","profile":"sandbox","host":"service.cp42.click","id":"RealRequest1","action":"activate","outcome":"activated"}"#;
const OLD_DEMO_LINE: &str = r#"{"time":"2026-11-20T09:01:00Z","profile":"demo","host":"127.0.0.1:40123","id":"DemoRequest1","action":"activate","outcome":"activated"}"#;

#[test]
fn demo_changes_never_reach_the_audit_log_and_log_hides_old_ones() {
    let dir = scratch("demo-cli");
    std::fs::create_dir_all(dir.join("tmp")).expect("tmp");
    let audit = dir.join("audit.jsonl");
    let pending = demo_requests(&dir);
    let ready: Vec<&IntegrationRequest> = pending
        .iter()
        .filter(|r| !r.needs_terminal_id())
        .take(2)
        .collect();
    let epay = pending
        .iter()
        .find(|r| r.needs_terminal_id())
        .expect("an ePay request without a terminalId");

    // No log yet: the demo does not create one.
    let o = run(&dir, &["--demo", "activate", &ready[0].id]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).starts_with(&format!("{} activated", ready[0].id)),
        "{}",
        stdout(&o)
    );
    let o = run(
        &dir,
        &["--demo", "update", &epay.id, "--terminal-id", "11000021"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!audit.exists(), "the demo created the operator's audit log");

    // An existing log (with a line an older version wrote for the demo) is
    // left byte for byte as it was.
    let before = format!("{REAL_LINE}\n{OLD_DEMO_LINE}\n");
    std::fs::write(&audit, &before).expect("write");
    let o = run(&dir, &["--demo", "activate", &ready[1].id]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = run(
        &dir,
        &["--demo", "update", &epay.id, "--terminal-id", "11000022"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&audit).expect("log"), before);
    assert!(
        demo_leftovers(&dir.join("tmp")).is_empty(),
        "the demo's temporary log was not removed: {:?}",
        demo_leftovers(&dir.join("tmp"))
    );

    // `intake log` shows the real line only.
    let o = run(&dir, &["log", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let json = stdout(&o);
    let lines: Vec<&str> = json.lines().collect();
    assert_eq!(lines.len(), 1, "{json}");
    assert!(lines[0].contains("RealRequest1"), "{}", lines[0]);
    let o = run(&dir, &["log"]);
    let table = stdout(&o);
    assert!(table.contains("RealRequest1"), "{table}");
    assert!(!table.contains("DemoRequest1"), "{table}");
    assert!(!table.contains("demo"), "{table}");
    for args in [
        ["--profile", "demo", "log"].as_slice(),
        ["--demo", "log"].as_slice(),
    ] {
        let o = run(&dir, args);
        assert!(
            !stdout(&o).contains("DemoRequest1"),
            "{args:?}: {}",
            stdout(&o)
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_demo_console_records_to_a_temporary_log_removed_at_exit() {
    let dir = scratch("demo-console");
    let tmp = dir.join("tmp");
    std::fs::create_dir_all(&tmp).expect("tmp");
    let audit = dir.join("audit.jsonl");
    std::fs::write(&audit, format!("{REAL_LINE}\n")).expect("write");
    let target = demo_requests(&dir)
        .into_iter()
        .find(|r| !r.needs_terminal_id())
        .expect("a ready request");
    let command = format!(
        "exec env -i PATH=\"$PATH\" HOME={home} TERM=xterm-256color TMPDIR={tmp} INTAKE_CONFIG={home}/none.toml \
         INTAKE_LOG_FILE={home}/intake.log INTAKE_AUDIT_FILE={audit} {bin} --demo",
        home = shell_quote(&dir),
        tmp = shell_quote(&tmp),
        audit = shell_quote(&audit),
        bin = shell_quote(Path::new(env!("CARGO_BIN_EXE_intake"))),
    );
    let term = Pty::start("demo-console", 160, 40, &command);
    term.wait_for("the demo list", |s| {
        s.contains("DEMO") && s.contains("pending")
    });
    term.keys(&["/"]);
    term.type_text(&format!("id:{}", target.id));
    term.keys(&["Enter"]);
    term.wait_for("the filtered row", |s| s.contains(&target.id[..12]));
    term.keys(&["a"]);
    term.wait_for("the confirm dialog", |s| s.contains("Activate"));
    term.keys(&["y"]);
    term.wait_for("the activation", |s| {
        s.contains(&format!("Activated {}", target.id))
    });
    // Recorded, as every change is, but in the demo's own log.
    let logs = demo_leftovers(&tmp);
    assert_eq!(logs.len(), 1, "{logs:?}");
    let recorded = std::fs::read_to_string(&logs[0]).expect("the demo's log");
    assert!(recorded.contains(&target.id), "{recorded}");
    term.keys(&["q"]);
    assert_terminal_restored(&term);
    assert_eq!(
        std::fs::read_to_string(&audit).expect("log"),
        format!("{REAL_LINE}\n"),
        "the operator's log is untouched"
    );
    assert!(
        demo_leftovers(&tmp).is_empty(),
        "{:?}",
        demo_leftovers(&tmp)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

fn keyed_config(dir: &Path, url: &str, mode: u32) -> PathBuf {
    let path = dir.join("config.toml");
    std::fs::write(
        &path,
        format!("[profiles.sandbox]\nbase_url = \"{url}\"\napi_key = \"{KEY}\"\n"),
    )
    .expect("write");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).expect("chmod");
    }
    path
}

#[cfg(unix)]
#[test]
fn a_config_key_others_can_read_is_warned_about_on_stderr() {
    let sim = Sim::start();
    let dir = scratch("perm-cli");
    let path = keyed_config(&dir, &sim.url, 0o644);
    let shown = path.display();
    let sentence = format!(
        "Warning: {shown} holds an API key and is readable by other users; run chmod 600 {shown}"
    );
    let config = path.to_str().expect("utf8 path");
    let o = run(&dir, &["--config", config, "list"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains(&sentence), "{}", stderr(&o));
    assert!(
        !stdout(&o).contains("Warning"),
        "stdout stays clean for scripts"
    );

    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    let o = run(&dir, &["--config", config, "list"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!stderr(&o).contains("holds an API key"), "{}", stderr(&o));
    let _ = std::fs::remove_dir_all(&dir);
}

#[cfg(unix)]
#[test]
fn a_config_key_others_can_read_is_a_toast_in_the_console() {
    let sim = Sim::start();
    let dir = scratch("perm-console");
    let path = keyed_config(&dir, &sim.url, 0o640);
    let args = format!("--config {}", shell_quote(&path));
    let term = Pty::start(
        "perm-console",
        220,
        30,
        &console_command_with(&sim, &dir, "", &args),
    );
    let screen = term.wait_for("the warning toast", |s| {
        s.contains("holds an API key and is readable by other users; run chmod 600")
    });
    assert!(screen.contains(&path.display().to_string()), "{screen}");
    term.keys(&["q"]);
    assert_terminal_restored(&term);
    let _ = std::fs::remove_dir_all(&dir);
}
