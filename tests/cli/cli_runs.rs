//! `intake activate` on the audited core: what is refused before sending.

use crate::common;

use common::cli_env::{CliEnv, ready, stderr, stdout};
use intake::api::IntegrationType;
use intake::audit::Outcome;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn activate_sends_once_and_the_servers_refusal_of_an_epay_request_without_terminal_id_is_refused()
 {
    let env = CliEnv::new("runs-epay").await;
    let blank =
        env.find(|r| r.is_pending() && r.kind == IntegrationType::Epay && r.needs_terminal_id());
    let ready = env.find(ready);
    let before = env.sim.stats().total_calls;

    let o = env.run(&["activate", &blank.id, &ready.id]).await;
    assert_eq!(o.status.code(), Some(1));
    let (out, err) = (stdout(&o), stderr(&o));
    let refused = format!(
        "{id} refused: The server refused to activate request {id}: it needs a terminalId first (INTEGRATION_PARAM_MISSING).",
        id = blank.id
    );
    assert!(out.contains(&refused), "{out}");
    assert!(out.contains(&format!("{} activated (", ready.id)), "{out}");
    assert!(err.contains("1 of 2 refused"), "{err}");
    // One call each: nothing is read before sending (merchant names aside).
    assert_eq!(env.sim.activate_calls_for(&blank.id), 1);
    assert_eq!(env.sim.activate_calls_for(&ready.id), 1);
    let calls = env.sim.stats().calls;
    assert_eq!((calls.read_one, calls.search), (0, 0), "{calls:?}");
    assert!(env.sim.stats().total_calls - before >= 2);

    let records = env.audit();
    let lines: Vec<(Outcome, Option<&str>)> = records
        .iter()
        .map(|r| (r.outcome, r.id.as_deref()))
        .collect();
    assert!(
        lines.contains(&(Outcome::Refused, Some(blank.id.as_str()))),
        "{lines:?}"
    );
    // Refused is final: there is nothing to resume.
    let o = env.run(&["activate", "--resume"]).await;
    assert!(o.status.success());
    assert!(stderr(&o).contains("Nothing to resume"));

    // --json gives the audit log's word and the server's code.
    let o = env.run(&["activate", &blank.id, "--json"]).await;
    assert_eq!(o.status.code(), Some(1));
    let json = common::cli_env::json_lines(&o);
    assert_eq!(json[0]["outcome"], "refused");
    assert_eq!(json[0]["errorCode"], "INTEGRATION_PARAM_MISSING");
    // stderr speaks of the JSON on stdout, not of lines above.
    let err = stderr(&o);
    assert!(err.contains("as their `message` on stdout says"), "{err}");

    // The advice, followed to the letter: set it, then activate it again.
    let o = env
        .run(&["update", &blank.id, "--terminal-id", "11000021"])
        .await;
    assert!(o.status.success(), "{}", stderr(&o));
    let o = env.run(&["activate", &blank.id]).await;
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(env.sim.get(&blank.id).is_some_and(|r| r.is_active()));
    env.sim.shutdown().await;
}
