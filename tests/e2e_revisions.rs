//! End-to-end in tmux against a standalone simulator of the reference
//! revision only (no `GET /{id}`, terminalIds by `POST …/update`): the
//! console sets a terminalId with `t` and activates with `a`.

mod common;

use common::*;
use intake::audit::Outcome;

#[test]
fn the_console_sets_a_terminal_id_and_activates_against_the_reference_revision() {
    if !tmux_available() {
        panic!("tmux is required for the end-to-end tests");
    }
    let log = std::env::temp_dir().join("intake-e2e-revisions-sim.log");
    let sim = Sim::start_with(KEY, &["--revision", "reference"], &log);
    let client = sim.client();
    let epay = blank_epay(&all(&client));

    let dir = scratch("revisions");
    let tmux = Tmux::start("revisions", 160, 48, &console_command(&sim, &dir));
    tmux.wait_for("the list", |s| s.contains("pending"));
    tmux.keys(&["/"]);
    tmux.type_text(&format!("type:epay id:{}", epay.id));
    tmux.keys(&["Enter"]);
    tmux.wait_for("the one row", |s| {
        s.contains("1/") && s.contains(&epay.id[..12])
    });

    tmux.keys(&["t"]);
    tmux.wait_for("the terminalId form", |s| s.contains("Set terminalId"));
    tmux.type_text("11000021");
    tmux.keys(&["Enter"]);
    wait_until("the terminalId on the server", || {
        all(&client)
            .iter()
            .any(|r| r.id == epay.id && r.effective_terminal_id() == Some("11000021"))
    });
    tmux.wait_for("the saved toast", |s| {
        s.contains("Saved terminalId 11000021")
    });

    tmux.keys(&["a"]);
    tmux.wait_for("the confirm dialog", |s| {
        s.contains("Activate") && s.contains(&epay.merchant_id)
    });
    tmux.keys(&["y"]);
    wait_until("the activation on the server", || {
        all(&client)
            .iter()
            .any(|r| r.id == epay.id && r.is_active())
    });
    let screen = tmux.wait_for("the row to show it active", |s| s.contains("active"));
    assert!(!screen.contains("no route"), "{screen}");
    tmux.keys(&["q"]);
    assert_terminal_restored(&tmux, &dir);

    let outcomes: Vec<Outcome> = common::audit::records(&dir.join("audit.jsonl"))
        .into_iter()
        .filter(|r| r.id.as_deref() == Some(epay.id.as_str()))
        .map(|r| r.outcome)
        .collect();
    assert_eq!(
        outcomes,
        [Outcome::Updated, Outcome::Started, Outcome::Activated],
        "one update and one activation, recorded as on any revision"
    );
}
