//! End-to-end: the live queue in the real console. A request created on
//! the server while the console is open appears marked new after a
//! refresh, and one activated there leaves with a toast saying by whom.

use crate::common;

use std::collections::HashSet;
use std::time::{Duration, Instant};

use common::*;
use intake::api::{Client, IntegrationRequest, IntegrationType, NewIntegrationRequest};

/// Refreshes come every 5 s; a busy machine may take a few of them.
fn wait_live(term: &Pty, what: &str, pred: impl Fn(&str) -> bool) -> String {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let s = term.screen();
        if pred(&s) {
            return s;
        }
        assert!(
            Instant::now() < deadline,
            "timed out waiting for {what}; the screen was:\n{s}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn block_on<T>(f: impl std::future::Future<Output = T>) -> T {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("rt")
        .block_on(f)
}

/// Create a request for a merchant that has none of some type yet.
fn create_one(client: &Client, requests: &[IntegrationRequest]) -> IntegrationRequest {
    let taken: HashSet<(&str, &IntegrationType)> = requests
        .iter()
        .map(|r| (r.merchant_id.as_str(), &r.kind))
        .collect();
    for r in requests {
        for kind in [
            IntegrationType::Smartpay,
            IntegrationType::Invenco,
            IntegrationType::Skyzer,
            IntegrationType::Vista,
        ] {
            if taken.contains(&(r.merchant_id.as_str(), &kind)) {
                continue;
            }
            let new = NewIntegrationRequest {
                account_id: r.account_id.clone(),
                merchant_id: r.merchant_id.clone(),
                kind,
            };
            if let Ok(created) = block_on(client.create(&new)) {
                return created;
            }
        }
    }
    panic!("the simulator took no new request");
}

#[test]
fn a_request_created_on_the_server_appears_marked_new_and_one_activated_there_leaves() {
    let sim = Sim::start();
    let client = sim.client();
    let dir = scratch("live");
    let config = dir.join("live.toml");
    std::fs::write(&config, "auto_refresh_secs = 5\n").expect("config");
    let cmd = console_command_with(
        &sim,
        &dir,
        &format!("INTAKE_CONFIG={}", shell_quote(&config)),
        "",
    );
    let term = Pty::start("live", 140, 40, &cmd);
    term.wait_for("the live list", |s| {
        s.contains("pending") && s.contains("live ↻")
    });

    let requests = all(&client);
    let created = create_one(&client, &requests);
    term.keys(&["/"]);
    term.type_text(&format!("id:{}", created.id));
    term.keys(&["Enter"]);
    // All on one screen, waited for together: the next refresh (every 5 s)
    // shows `Loading…` where the note was, so a screen taken between the
    // two need not hold the note.
    wait_live(&term, "the created request marked new", |s| {
        s.contains("1 new")
            && s.contains(" 1/")
            && s.contains("> + pending")
            && s.contains("since the last look")
    });

    let ready = requests
        .iter()
        .find(|r| r.is_pending() && intake::domain::readiness::blocker(r).is_none())
        .expect("a request ready to activate");
    let activated = block_on(client.activate(&ready.id)).expect("activated on the server");
    let by = activated.updated_by.clone().unwrap_or_default();
    let toast = format!("1 left the queue: 1 activated by {by}");
    // The timer's refresh was seen above; `r` makes the same diff now
    // rather than five seconds on.
    term.keys(&["r"]);
    wait_live(&term, "the left-the-queue toast", |s| s.contains(&toast));

    term.keys(&["q"]);
    assert_terminal_restored(&term);
}
