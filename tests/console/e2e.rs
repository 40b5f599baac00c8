//! End-to-end: the real binary in a real pseudo-terminal (portable-pty) against the
//! simulator started standalone on loopback.

use crate::common;

use std::collections::HashSet;
use std::path::Path;

use common::*;
use intake::api::{IntegrationRequest, IntegrationType, Status};

#[test]
fn triage_a_terminal_id_activate_and_bulk_activate_then_quit() {
    let sim = Sim::start();
    let client = sim.client();
    let before = all(&client);
    let epay = blank_epay(&before);
    let was_active = active_ids(&before);

    let dir = scratch("triage");
    let term = Pty::start("triage", 160, 48, &console_command(&sim, &dir));
    term.wait_for("the list", |s| {
        s.contains("pending") && s.contains("verifone")
    });

    // Filter to ePay, down to the one request.
    term.keys(&["/"]);
    term.type_text(&format!("type:epay id:{}", epay.id));
    term.keys(&["Enter"]);
    term.wait_for("the filtered row", |s| s.contains(&epay.id[..12]));

    enter_its_terminal_id(&term, &client, &epay);

    // Activate it.
    term.keys(&["a"]);
    term.wait_for("the confirm dialog", |s| {
        s.contains("Activate") && s.contains(&epay.merchant_id)
    });
    term.keys(&["y"]);
    wait_until("the activation", || {
        all(&client)
            .iter()
            .any(|r| r.id == epay.id && r.is_active())
    });

    // Clear the filter, narrow to pending Verifone, mark three, bulk-activate.
    term.keys(&["/", "Escape"]);
    bulk_three_pending_verifone(&term);
    // Only the dialog `A` opens says this: "3" and "activate" alone were on
    // the screen before the key.
    term.wait_for("the bulk dialog", |s| {
        s.contains("Bulk activate") && s.contains("Activate 3 requests?")
    });
    term.keys(&["Enter"]);
    let results = term.wait_for("the results", |s| s.matches("activated").count() >= 3);
    assert!(!results.contains("failed:"), "{results}");
    term.keys(&["Escape", "q"]);
    assert_terminal_restored(&term);

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
    // Every status the server holds afterwards is one the contract names.
    let unknown: Vec<_> = after
        .iter()
        .filter(|r| matches!(r.status, Status::Unknown(_)))
        .map(|r| (&r.id, r.status.as_str()))
        .collect();
    assert!(
        unknown.is_empty(),
        "statuses outside the contract: {unknown:?}"
    );

    every_change_is_in_the_audit_log_and_the_key_is_not(&dir, &epay, &newly);
}

/// `t` on the one row, the terminalId typed: stored on the server and
/// the console says so.
fn enter_its_terminal_id(term: &Pty, client: &intake::api::Client, epay: &IntegrationRequest) {
    term.keys(&["t"]);
    term.wait_for("the terminalId form", |s| {
        s.to_lowercase().contains("terminalid")
    });
    term.type_text("11000021");
    term.keys(&["Enter"]);
    wait_until("the terminalId to be stored", || {
        all(client)
            .iter()
            .any(|r| r.id == epay.id && r.effective_terminal_id() == Some("11000021"))
    });
    // The typed value is on screen in the form too: wait for the console to
    // have the server's answer, not for the digits.
    term.wait_for("the row to show it", |s| {
        s.contains("Saved terminalId 11000021") && !s.contains("saving")
    });
}

/// One update line and one activation line for each newly active request.
fn every_change_is_in_the_audit_log_and_the_key_is_not(
    dir: &Path,
    epay: &IntegrationRequest,
    newly: &[&IntegrationRequest],
) {
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

fn signal_restores_the_terminal(signal: i32, name: &str) {
    let sim = Sim::start();
    let dir = scratch(name);
    let term = Pty::start(name, 100, 30, &console_command(&sim, &dir));
    term.wait_for("the list", |s| s.contains("pending"));
    term.signal(signal);
    assert_terminal_restored(&term);
}

#[test]
fn sigterm_restores_the_terminal() {
    signal_restores_the_terminal(libc::SIGTERM, "term");
}

#[test]
fn sighup_restores_the_terminal() {
    signal_restores_the_terminal(libc::SIGHUP, "hup");
}

/// Closing the terminal under the console (an ssh session dropping) must end
/// it: crossterm spins reading a hung-up terminal, so intake has to leave on
/// the SIGHUP rather than stay behind burning a core.
#[test]
fn closing_the_terminal_ends_the_console() {
    let sim = Sim::start();
    let dir = scratch("hangup");
    let mut term = Pty::start("hangup", 100, 30, &console_command(&sim, &dir));
    term.wait_for("the list", |s| s.contains("pending"));
    term.hang_up();
    term.exit_status();

    // The same hang-up the instant the first frame is out: the race in which
    // crossterm reads the dead terminal before the loop sees the signal.
    for round in 0..8 {
        let cmd = format!(
            "INTAKE_CONFIG={home}/none.toml INTAKE_LOG_FILE={home}/hup{round}.log \
             INTAKE_AUDIT_FILE={home}/audit.jsonl exec {bin} --demo",
            home = shell_quote(&dir),
            bin = shell_quote(Path::new(env!("CARGO_BIN_EXE_intake"))),
        );
        let mut term = Pty::start("hangup-race", 100, 30, &cmd);
        term.wait_for("the demo's first frame", |s| s.contains("DEMO"));
        term.hang_up();
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        while term.try_exit_status().is_none() {
            assert!(
                std::time::Instant::now() < deadline,
                "intake still running after its pty died (round {round})"
            );
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
    }
}
