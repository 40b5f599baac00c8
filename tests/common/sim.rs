//! A standalone `intake sim` process for the end-to-end tests.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

use std::collections::HashSet;

use intake::api::{Client, IntegrationRequest, IntegrationType, SearchQuery, Secret};

pub const KEY: &str = "e2e-key";

/// A standalone `intake sim` process, killed on drop.
pub struct Sim {
    pub child: Child,
    pub url: String,
}

impl Sim {
    pub fn start() -> Sim {
        Sim::start_with(KEY, &[], &std::env::temp_dir().join("intake-e2e-sim.log"))
    }

    /// A simulator that takes `key`, with extra `intake sim` flags (faults)
    /// and its log at `log`.
    pub fn start_with(key: &str, args: &[&str], log: &Path) -> Sim {
        let mut child = Command::new(env!("CARGO_BIN_EXE_intake"))
            .args(["sim", "--listen", "127.0.0.1:0", "--api-key", key])
            .args(args)
            .env("INTAKE_LOG_FILE", log)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("sim starts");
        let stdout = child.stdout.take().expect("stdout");
        let mut lines = BufReader::new(stdout).lines();
        let first = lines.next().expect("a line").expect("utf8");
        let url = first
            .rsplit(' ')
            .next()
            .expect("url at the end of the first line")
            .to_string();
        assert!(url.starts_with("http://127.0.0.1:"), "{first}");
        // Keep draining so the simulator never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines {});
        Sim { child, url }
    }

    pub fn client(&self) -> Client {
        Client::new(&self.url, &Secret::new(KEY)).expect("client")
    }
}

impl Drop for Sim {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn all(client: &Client) -> Vec<IntegrationRequest> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("rt");
    rt.block_on(client.search(&SearchQuery::default()))
        .expect("search")
}

/// A pending ePay request without a terminalId among `requests`.
pub fn blank_epay(requests: &[IntegrationRequest]) -> IntegrationRequest {
    requests
        .iter()
        .find(|r| {
            r.kind == IntegrationType::Epay && r.is_pending() && r.effective_terminal_id().is_none()
        })
        .expect("an ePay request without a terminalId")
        .clone()
}

/// The ids of the active requests among `requests`.
pub fn active_ids(requests: &[IntegrationRequest]) -> HashSet<String> {
    requests
        .iter()
        .filter(|r| r.is_active())
        .map(|r| r.id.clone())
        .collect()
}
