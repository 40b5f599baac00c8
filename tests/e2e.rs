//! End-to-end: the real binary in a real pseudo-terminal (tmux) against the
//! simulator started standalone on loopback.

mod common;

use std::collections::HashSet;
use std::path::Path;
use std::process::{Command, Stdio};

use common::*;
use intake::api::{IntegrationRequest, IntegrationType, Status};

#[test]
fn triage_a_terminal_id_activate_and_bulk_activate_then_quit() {
    if !tmux_available() {
        panic!("tmux is required for the end-to-end tests");
    }
    let sim = Sim::start();
    let client = sim.client();
    let before = all(&client);
    let epay = blank_epay(&before);
    let was_active = active_ids(&before);

    let dir = scratch("triage");
    let tmux = Tmux::start("triage", 160, 48, &console_command(&sim, &dir));
    tmux.wait_for("the list", |s| {
        s.contains("pending") && s.contains("verifone")
    });

    // Filter to ePay, down to the one request.
    tmux.keys(&["/"]);
    tmux.type_text(&format!("type:epay id:{}", epay.id));
    tmux.keys(&["Enter"]);
    tmux.wait_for("the filtered row", |s| s.contains(&epay.id[..12]));

    // Enter its terminalId.
    tmux.keys(&["t"]);
    tmux.wait_for("the terminalId form", |s| {
        s.to_lowercase().contains("terminalid")
    });
    tmux.type_text("11000021");
    tmux.keys(&["Enter"]);
    wait_until("the terminalId to be stored", || {
        all(&client)
            .iter()
            .any(|r| r.id == epay.id && r.effective_terminal_id() == Some("11000021"))
    });
    tmux.wait_for("the row to show it", |s| s.contains("11000021"));

    // Activate it.
    tmux.keys(&["a"]);
    tmux.wait_for("the confirm dialog", |s| {
        s.contains("Activate") && s.contains(&epay.merchant_id)
    });
    tmux.keys(&["y"]);
    wait_until("the activation", || {
        all(&client)
            .iter()
            .any(|r| r.id == epay.id && r.is_active())
    });

    // Clear the filter, narrow to pending Verifone, mark three, bulk-activate.
    tmux.keys(&["/", "Escape"]);
    bulk_three_pending_verifone(&tmux);
    tmux.wait_for("the bulk dialog", |s| {
        s.contains('3') && s.to_lowercase().contains("activate")
    });
    tmux.keys(&["Enter"]);
    let results = tmux.wait_for("the results", |s| s.matches("activated").count() >= 3);
    assert!(!results.contains("failed:"), "{results}");
    tmux.keys(&["Escape", "q"]);
    assert_terminal_restored(&tmux, &dir);

    let after = all(&client);
    let newly: Vec<&IntegrationRequest> = after
        .iter()
        .filter(|r| r.is_active() && !was_active.contains(&r.id))
        .collect();
    assert_eq!(
        newly.len(),
        4,
        "exactly four activated: {:?}",
        newly.iter().map(|r| &r.id).collect::<Vec<_>>()
    );
    assert!(newly.iter().any(|r| r.id == epay.id));
    let verifone = newly
        .iter()
        .filter(|r| r.kind == IntegrationType::Verifone)
        .count();
    assert_eq!(verifone, 3);
    assert!(
        after
            .iter()
            .all(|r| r.status != Status::Unknown(String::new()))
    );

    // Every change is in the audit log, and the key is not.
    let audit = std::fs::read_to_string(dir.join("audit.jsonl")).expect("the audit log");
    assert!(
        !audit.contains(KEY),
        "the API key leaked into the audit log"
    );
    let lines: Vec<serde_json::Value> = audit
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    let with = |action: &str, outcome: &str| {
        lines
            .iter()
            .filter(|l| l["action"] == action && l["outcome"] == outcome)
            .collect::<Vec<_>>()
    };
    let updates = with("update", "updated");
    assert_eq!(updates.len(), 1, "{audit}");
    assert_eq!(updates[0]["id"], epay.id.as_str());
    assert_eq!(updates[0]["terminalId"], "11000021");
    let activated: HashSet<&str> = with("activate", "activated")
        .iter()
        .filter_map(|l| l["id"].as_str())
        .collect();
    let newly_ids: HashSet<&str> = newly.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(activated, newly_ids, "{audit}");
    assert_eq!(with("activate", "started").len(), 4, "{audit}");
}

fn signal_restores_the_terminal(signal: &str) {
    if !tmux_available() {
        panic!("tmux is required for the end-to-end tests");
    }
    let sim = Sim::start();
    let name = signal.to_lowercase();
    let dir = scratch(&name);
    let tmux = Tmux::start(&name, 100, 30, &console_command(&sim, &dir));
    tmux.wait_for("the list", |s| s.contains("pending"));
    let pid = tmux.format("#{pane_pid}");
    // The pane runs a shell; intake is its child.
    let out = Command::new("pkill")
        .args([&format!("-{signal}"), "-P", &pid, "-x", "intake"])
        .status()
        .expect("pkill");
    assert!(out.success(), "no intake process to signal");
    assert_terminal_restored(&tmux, &dir);
}

#[test]
fn sigterm_restores_the_terminal() {
    signal_restores_the_terminal("TERM");
}

#[test]
fn sighup_restores_the_terminal() {
    signal_restores_the_terminal("HUP");
}

/// Closing the terminal under the console (an ssh session dropping) must end
/// it: crossterm spins reading a hung-up terminal, so intake has to leave on
/// the SIGHUP rather than stay behind burning a core.
#[test]
fn closing_the_terminal_ends_the_console() {
    if !tmux_available() {
        panic!("tmux is required for the end-to-end tests");
    }
    let sim = Sim::start();
    let dir = scratch("hangup");
    let tmux = Tmux::start("hangup", 100, 30, &console_command(&sim, &dir));
    tmux.wait_for("the list", |s| s.contains("pending"));
    let pane = tmux.format("#{pane_pid}");
    let out = Command::new("pgrep")
        .args(["-P", &pane, "-x", "intake"])
        .output()
        .expect("pgrep");
    let pid = String::from_utf8_lossy(&out.stdout).trim().to_string();
    assert!(!pid.is_empty(), "no intake process under the pane");
    drop(tmux); // kills the tmux server: the pane's terminal hangs up
    let gone = || {
        std::fs::read_to_string(format!("/proc/{pid}/stat"))
            .map(|s| s.split_whitespace().nth(2) == Some("Z"))
            .unwrap_or(true)
    };
    wait_until("intake to exit after its terminal closed", gone);

    // The same hang-up the instant the first frame is out: the race in which
    // crossterm reads the dead terminal before the loop sees the signal.
    // util-linux `script` gives a pty that dies with it.
    for round in 0..8 {
        let cmd = format!(
            "stty cols 100 rows 30; INTAKE_CONFIG={home}/none.toml INTAKE_LOG_FILE={home}/hup{round}.log \
             INTAKE_AUDIT_FILE={home}/audit.jsonl exec {bin} --demo",
            home = shell_quote(&dir),
            bin = shell_quote(Path::new(env!("CARGO_BIN_EXE_intake"))),
        );
        let Ok(mut script) = Command::new("script")
            .args(["-qfec", &cmd, "/dev/null"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
        else {
            return; // no util-linux script here: the tmux case above stands
        };
        let mut out = script.stdout.take().expect("stdout");
        let mut seen = Vec::new();
        let mut buf = [0u8; 4096];
        while !String::from_utf8_lossy(&seen).contains("DEMO") {
            match std::io::Read::read(&mut out, &mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => seen.extend_from_slice(&buf[..n]),
            }
        }
        let child = Command::new("pgrep")
            .args(["-P", &script.id().to_string(), "-x", "intake"])
            .output()
            .expect("pgrep");
        let pid = String::from_utf8_lossy(&child.stdout).trim().to_string();
        let _ = script.kill();
        let _ = script.wait();
        if pid.is_empty() {
            continue;
        }
        let gone = || {
            std::fs::read_to_string(format!("/proc/{pid}/stat"))
                .map(|s| s.split_whitespace().nth(2) == Some("Z"))
                .unwrap_or(true)
        };
        wait_until(
            &format!("intake to exit after its pty died (round {round})"),
            gone,
        );
    }
}
