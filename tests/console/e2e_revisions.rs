//! End-to-end in a pseudo-terminal against a standalone simulator of the reference
//! revision only (no `GET /{id}`, terminalIds by `POST …/update`): the
//! console sets a terminalId with `t` and activates with `a`.

use crate::common;

use common::*;
use intake::audit::Outcome;

#[test]
fn the_console_sets_a_terminal_id_and_activates_against_the_reference_revision() {
    let log = std::env::temp_dir().join("intake-e2e-revisions-sim.log");
    let sim = Sim::start_with(KEY, &["--revision", "reference"], &log);
    let client = sim.client();
    let epay = blank_epay(&all(&client));

    let dir = scratch("revisions");
    let term = Pty::start("revisions", 160, 48, &console_command(&sim, &dir));
    term.wait_for("the list", |s| s.contains("pending"));
    term.keys(&["/"]);
    term.type_text(&format!("type:epay id:{}", epay.id));
    term.keys(&["Enter"]);
    term.wait_for("the one row", |s| {
        s.contains("1/") && s.contains(&epay.id[..12])
    });

    term.keys(&["t"]);
    term.wait_for("the terminalId form", |s| s.contains("Set terminalId"));
    term.type_text("11000021");
    term.keys(&["Enter"]);
    wait_until("the terminalId on the server", || {
        all(&client)
            .iter()
            .any(|r| r.id == epay.id && r.effective_terminal_id() == Some("11000021"))
    });
    term.wait_for("the saved toast", |s| {
        s.contains("Saved terminalId 11000021")
    });

    term.keys(&["a"]);
    term.wait_for("the confirm dialog", |s| {
        s.contains("Activate") && s.contains(&epay.merchant_id)
    });
    term.keys(&["y"]);
    wait_until("the activation on the server", || {
        all(&client)
            .iter()
            .any(|r| r.id == epay.id && r.is_active())
    });
    let screen = term.wait_for("the row to show it active", |s| s.contains("active"));
    assert!(!screen.contains("no route"), "{screen}");
    term.keys(&["q"]);
    assert_terminal_restored(&term);

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
