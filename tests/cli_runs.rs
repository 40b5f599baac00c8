//! `intake activate` on the audited core: what is refused before sending.

mod common;

use common::cli_env::{CliEnv, ready, stderr, stdout};
use intake::api::IntegrationType;
use intake::audit::Outcome;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn activate_refuses_an_epay_request_without_terminal_id_before_sending() {
    let env = CliEnv::new("runs-epay").await;
    let blank =
        env.find(|r| r.is_pending() && r.kind == IntegrationType::Epay && r.needs_terminal_id());
    let ready = env.find(ready);

    let o = env.run(&["activate", &blank.id, &ready.id]).await;
    assert_eq!(o.status.code(), Some(1));
    let (out, err) = (stdout(&o), stderr(&o));
    let refused = format!(
        "{id} failed: Request {id} is an ePay request without a terminalId, which the server refuses (INTEGRATION_PARAM_MISSING); nothing was sent.",
        id = blank.id
    );
    assert!(out.contains(&refused), "{out}");
    assert!(out.contains(&format!("{} activated (", ready.id)), "{out}");
    assert!(err.contains("1 of 2 activations failed"), "{err}");
    assert_eq!(env.sim.activate_calls_for(&blank.id), 0, "nothing was sent");
    assert_eq!(env.sim.activate_calls_for(&ready.id), 1);

    let records = env.audit();
    let lines: Vec<(Outcome, Option<&str>)> = records
        .iter()
        .map(|r| (r.outcome, r.id.as_deref()))
        .collect();
    assert!(
        lines.contains(&(Outcome::Refused, Some(blank.id.as_str()))),
        "{lines:?}"
    );
    assert!(
        !lines.contains(&(Outcome::Started, Some(blank.id.as_str()))),
        "{lines:?}"
    );
    // Refused is final: there is nothing to resume.
    let o = env.run(&["activate", "--resume"]).await;
    assert!(o.status.success());
    assert!(stderr(&o).contains("Nothing to resume"));

    // --json gives the server's code for it.
    let o = env.run(&["activate", &blank.id, "--json"]).await;
    assert_eq!(o.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(json[0]["outcome"], "failed");
    assert_eq!(json[0]["code"], "INTEGRATION_PARAM_MISSING");
    assert_eq!(env.sim.activate_calls_for(&blank.id), 0);
    env.sim.shutdown().await;
}
