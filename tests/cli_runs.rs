//! `intake activate` on the audited core: what is refused before sending.

use std::path::PathBuf;
use std::process::{Command, Output};

use intake::api::IntegrationType;
use intake::audit::{self, Outcome};
use intake::sim::{self, SimConfig, SimHandle};

struct Env {
    sim: SimHandle,
    dir: PathBuf,
}

impl Env {
    async fn new(name: &str) -> Env {
        let sim = sim::start_local(SimConfig::default()).await.expect("sim");
        let dir = std::env::temp_dir().join(format!("intake-runs-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("dir");
        Env { sim, dir }
    }

    async fn run(&self, args: &[&str]) -> Output {
        let mut c = Command::new(env!("CARGO_BIN_EXE_intake"));
        c.env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", &self.dir)
            .env("XDG_CONFIG_HOME", self.dir.join("config"))
            .env("XDG_DATA_HOME", self.dir.join("data"))
            .env("INTAKE_LOG_FILE", self.dir.join("intake.log"))
            .env("INTAKE_AUDIT_FILE", self.dir.join("audit.jsonl"))
            .env("CENTRAPAY_BASE_URL", self.sim.base_url())
            .env("CENTRAPAY_API_KEY", self.sim.api_key())
            .args(args);
        tokio::task::spawn_blocking(move || c.output().expect("binary runs"))
            .await
            .expect("join")
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn activate_refuses_an_epay_request_without_terminal_id_before_sending() {
    let env = Env::new("epay").await;
    let blank = env
        .sim
        .requests()
        .into_iter()
        .find(|r| r.is_pending() && r.kind == IntegrationType::Epay && r.needs_terminal_id())
        .expect("a pending ePay request without a terminalId");
    let ready = env
        .sim
        .requests()
        .into_iter()
        .find(|r| r.is_pending() && !r.needs_terminal_id())
        .expect("a ready request");

    let o = env.run(&["activate", &blank.id, &ready.id]).await;
    assert_eq!(o.status.code(), Some(1));
    let out = String::from_utf8_lossy(&o.stdout);
    let err = String::from_utf8_lossy(&o.stderr);
    let refused = format!(
        "{id} failed: Request {id} is an ePay request without a terminalId, which the server refuses (INTEGRATION_PARAM_MISSING); nothing was sent.",
        id = blank.id
    );
    assert!(out.contains(&refused), "{out}");
    assert!(out.contains(&format!("{} activated (", ready.id)), "{out}");
    assert!(err.contains("1 of 2 activations failed"), "{err}");
    assert_eq!(env.sim.activate_calls_for(&blank.id), 0, "nothing was sent");
    assert_eq!(env.sim.activate_calls_for(&ready.id), 1);

    let (records, _) = audit::read_all(&env.dir.join("audit.jsonl")).expect("audit log");
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
    assert!(String::from_utf8_lossy(&o.stderr).contains("Nothing to resume"));

    // --json gives the server's code for it.
    let o = env.run(&["activate", &blank.id, "--json"]).await;
    assert_eq!(o.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(json[0]["outcome"], "failed");
    assert_eq!(json[0]["code"], "INTEGRATION_PARAM_MISSING");
    assert_eq!(env.sim.activate_calls_for(&blank.id), 0);
    env.sim.shutdown().await;
}
