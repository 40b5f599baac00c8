//! End-to-end, in a pseudo-terminal against a standalone simulator: the console asks
//! before replacing a terminalId, shows where it points (PRODUCTION asks for
//! a big bulk run's count), and in read-only mode changes nothing.

use crate::common;

use std::collections::HashSet;

use common::*;
use intake::api::{IntegrationRequest, IntegrationType};

fn find(sim: &Sim, pred: impl Fn(&IntegrationRequest) -> bool) -> IntegrationRequest {
    all(&sim.client())
        .into_iter()
        .find(|r| pred(r))
        .expect("the seed has one")
}

fn server_copy(sim: &Sim, id: &str) -> IntegrationRequest {
    all(&sim.client())
        .into_iter()
        .find(|r| r.id == id)
        .expect("still on the server")
}

/// Filter the list down to one request.
fn filter_to(term: &Pty, id: &str) {
    term.keys(&["/"]);
    term.type_text(&format!("id:{id}"));
    term.keys(&["Enter"]);
    term.wait_for("the one row", |s| s.contains("1/") && s.contains(&id[..12]));
}

#[test]
fn t_on_a_request_with_a_terminal_id_shows_old_to_new_and_sends_only_on_y() {
    let sim = Sim::start();
    let req = find(&sim, |r| {
        r.kind == IntegrationType::Epay && r.is_pending() && r.effective_terminal_id().is_some()
    });
    let old = req.effective_terminal_id().unwrap_or_default().to_string();
    let new = if old == "11000022" {
        "11000023"
    } else {
        "11000022"
    };
    let dir = scratch("overwrite");
    let term = Pty::start("overwrite", 160, 48, &console_command(&sim, &dir));
    term.wait_for("the list", |s| s.contains("pending"));
    filter_to(&term, &req.id);

    term.keys(&["t"]);
    term.wait_for("the form with the current terminalId", |s| {
        s.contains("Set terminalId") && s.contains(&format!("terminalId: {old}"))
    });
    let erase: Vec<&str> = std::iter::repeat_n("BSpace", old.chars().count() + 2).collect();
    term.keys(&erase);
    term.type_text(new);
    term.keys(&["Enter"]);
    let change = format!("{old} → {new}");
    term.wait_for("old → new", |s| {
        s.contains("Change terminalId?") && s.contains(&change)
    });

    // n: back to the form, and nothing was sent.
    term.keys(&["n"]);
    term.wait_for("the form again", |s| {
        !s.contains("Change terminalId?") && s.contains(&format!("terminalId: {new}"))
    });
    assert_eq!(server_copy(&sim, &req.id), req, "n sent nothing");

    // Enter asks again; y sends it.
    term.keys(&["Enter"]);
    term.wait_for("old → new again", |s| s.contains(&change));
    term.keys(&["y"]);
    wait_until("the new terminalId on the server", || {
        server_copy(&sim, &req.id).effective_terminal_id() == Some(new)
    });
    term.wait_for("the saved toast", |s| {
        s.contains(&format!("Saved terminalId {new}"))
    });
    term.keys(&["q"]);
    assert_terminal_restored(&term);
}

#[test]
fn production_profile_shows_itself_and_a_big_bulk_run_needs_the_count() {
    let sim = Sim::start();
    let dir = scratch("production");
    let config = dir.join("config.toml");
    std::fs::write(
        &config,
        format!(
            "[profiles.live]\nbase_url = \"{}\"\napi_key = \"{KEY}\"\nproduction = true\nconfirm_typed_over = 2\n",
            sim.url
        ),
    )
    .expect("config");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&config, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    }
    let was_active: HashSet<String> = all(&sim.client())
        .into_iter()
        .filter(intake::api::IntegrationRequest::is_active)
        .map(|r| r.id)
        .collect();
    let host = sim.url.trim_start_matches("http://").to_string();
    let env = format!("INTAKE_CONFIG={}", shell_quote(&config));
    let term = Pty::start(
        "production",
        160,
        48,
        &console_command_with(&sim, &dir, &env, ""),
    );
    let screen = term.wait_for("the list", |s| s.contains("pending"));
    let title = screen.lines().next().unwrap_or_default();
    assert!(
        title.contains(&format!("live │ {host} │ PRODUCTION")),
        "{title}"
    );

    // Three ready Verifone requests: more than confirm_typed_over = 2.
    bulk_three_pending_verifone(&term);
    term.wait_for("the count asked for", |s| {
        s.contains("PRODUCTION: type 3 (the number of requests) to run.")
    });

    // y and a wrong count start nothing.
    term.keys(&["y"]);
    term.type_text("4");
    term.keys(&["Enter"]);
    term.wait_for("the wrong count refused", |s| {
        s.contains("4 is not 3: type 3 to start the run.")
    });
    let active_now = all(&sim.client()).iter().filter(|r| r.is_active()).count();
    assert_eq!(active_now, was_active.len(), "nothing was activated");

    // The right count starts it.
    term.keys(&["BSpace"]);
    term.type_text("3");
    term.keys(&["Enter"]);
    let results = term.wait_for("the results", |s| s.matches("activated").count() >= 3);
    assert!(!results.contains("failed:"), "{results}");
    let newly = all(&sim.client())
        .into_iter()
        .filter(|r| r.is_active() && !was_active.contains(&r.id))
        .count();
    assert_eq!(newly, 3);
    term.keys(&["Escape", "q"]);
    assert_terminal_restored(&term);
}

#[test]
fn read_only_shows_in_the_title_and_activating_changes_nothing() {
    let sim = Sim::start();
    let req = find(&sim, |r| r.is_pending() && !r.needs_terminal_id());
    let dir = scratch("read-only");
    let term = Pty::start(
        "read-only",
        160,
        48,
        &console_command_with(&sim, &dir, "", "--read-only"),
    );
    let screen = term.wait_for("the list", |s| s.contains("pending"));
    let title = screen.lines().next().unwrap_or_default();
    assert!(title.contains("READ-ONLY"), "{title}");
    filter_to(&term, &req.id);

    term.keys(&["a", "y"]);
    term.wait_for("the read-only toast", |s| {
        s.contains("Read-only: this console makes no changes. Start intake without --read-only to activate requests.")
    });
    assert!(
        !term.screen().contains("Activate this"),
        "no confirm opened"
    );
    assert_eq!(server_copy(&sim, &req.id), req, "the server is unchanged");
    // With no question open, `y` was the list's: its copy menu, closed by Esc.
    term.wait_for("the copy menu", |s| s.contains("Copy from"));
    term.keys(&["Escape"]);
    term.wait_for("the copy menu closed", |s| !s.contains("Copy from"));
    term.keys(&["q"]);
    assert_terminal_restored(&term);
    let audit = std::fs::read_to_string(dir.join("audit.jsonl")).unwrap_or_default();
    assert!(audit.trim().is_empty(), "nothing to audit: {audit}");
}
