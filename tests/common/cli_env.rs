//! The built binary run as a CLI: a private home, config, log and audit
//! file, against an in-process simulator.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use intake::api::IntegrationRequest;
use intake::audit::Record;
use intake::sim::{self, SimConfig, SimHandle};

/// The binary with nothing of the developer's environment: its home, XDG
/// folders, log and audit file all under `dir`.
pub fn isolated(dir: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_intake"));
    c.env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", dir)
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .env("XDG_STATE_HOME", dir.join("state"))
        .env("XDG_DATA_HOME", dir.join("data"))
        .env("INTAKE_CACHE_DIR", dir.join("cache"))
        .env("INTAKE_LOG_FILE", dir.join("intake.log"))
        .env("INTAKE_AUDIT_FILE", dir.join("audit.jsonl"));
    c
}

/// An in-process simulator and a scratch folder for one test.
pub struct CliEnv {
    pub sim: SimHandle,
    pub dir: PathBuf,
}

impl CliEnv {
    pub async fn new(name: &str) -> CliEnv {
        CliEnv::start(name, SimConfig::default()).await
    }

    pub async fn start(name: &str, config: SimConfig) -> CliEnv {
        let sim = sim::start_local(config).await.expect("sim");
        CliEnv {
            sim,
            dir: super::scratch(name),
        }
    }

    pub fn audit_path(&self) -> PathBuf {
        self.dir.join("audit.jsonl")
    }

    /// [`isolated`] pointed at the simulator, with fast retries.
    pub fn cmd(&self) -> Command {
        let mut c = isolated(&self.dir);
        c.env("INTAKE_RETRY_BASE_MS", "5")
            .env("CENTRAPAY_BASE_URL", self.sim.base_url())
            .env("CENTRAPAY_API_KEY", self.sim.api_key());
        c
    }

    pub async fn run(&self, args: &[&str]) -> Output {
        let mut c = self.cmd();
        c.args(args);
        run(c).await
    }

    /// Write `text` to `name` in the scratch folder; returns its path.
    pub fn write(&self, name: &str, text: &str) -> String {
        let path = self.dir.join(name);
        std::fs::write(&path, text).expect("write a file");
        path.display().to_string()
    }

    /// Every record in the audit log; a damaged line fails the test.
    pub fn audit(&self) -> Vec<Record> {
        super::audit::records(&self.audit_path())
    }

    /// The first of the simulator's requests that `pred` accepts.
    pub fn find(&self, pred: impl Fn(&IntegrationRequest) -> bool) -> IntegrationRequest {
        self.sim
            .requests()
            .into_iter()
            .find(|r| pred(r))
            .expect("the seed has one")
    }

    /// The name the simulator serves for merchant `id`.
    pub fn merchant_name(&self, id: &str) -> String {
        self.sim
            .merchants()
            .into_iter()
            .find(|m| m.id == id)
            .map(|m| m.name)
            .expect("the seed names its merchants")
    }

    /// The terminalId the simulator holds for `id`.
    pub fn terminal_id(&self, id: &str) -> Option<String> {
        self.sim
            .get(id)
            .and_then(|r| r.effective_terminal_id().map(str::to_string))
    }
}

/// Run `c` to the end off the async runtime's threads.
pub async fn run(mut c: Command) -> Output {
    tokio::task::spawn_blocking(move || c.output().expect("binary runs"))
        .await
        .expect("join")
}

/// [`run`] with `stdin` written to the binary's standard input (closed at
/// once when `None`).
pub async fn run_with_stdin(mut c: Command, stdin: Option<String>) -> Output {
    tokio::task::spawn_blocking(move || {
        c.stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = c.spawn().expect("binary runs");
        let mut pipe = child.stdin.take().expect("stdin");
        if let Some(text) = stdin {
            pipe.write_all(text.as_bytes()).expect("write stdin");
        }
        drop(pipe);
        child.wait_with_output().expect("wait")
    })
    .await
    .expect("join")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A request a bulk run would send: pending, with what it needs.
pub fn ready(r: &IntegrationRequest) -> bool {
    r.is_pending() && !r.needs_terminal_id()
}

/// stdout as JSON Lines: one object per line, each line whole.
pub fn json_lines(o: &Output) -> Vec<serde_json::Value> {
    stdout(o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: a JSON line: {l}")))
        .collect()
}
