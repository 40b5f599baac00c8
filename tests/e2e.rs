//! End-to-end: the real binary in a real pseudo-terminal (tmux) against the
//! simulator started standalone on loopback.

use std::collections::HashSet;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use intake::api::{Client, IntegrationRequest, IntegrationType, SearchQuery, Secret, Status};

const KEY: &str = "e2e-key";

/// A standalone `intake sim` process, killed on drop.
struct Sim {
    child: Child,
    url: String,
}

impl Sim {
    fn start() -> Sim {
        let mut child = Command::new(env!("CARGO_BIN_EXE_intake"))
            .args(["sim", "--listen", "127.0.0.1:0", "--api-key", KEY])
            .env(
                "INTAKE_LOG_FILE",
                std::env::temp_dir().join("intake-e2e-sim.log"),
            )
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

    fn client(&self) -> Client {
        Client::new(&self.url, &Secret::new(KEY)).expect("client")
    }
}

impl Drop for Sim {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A tmux server of our own with one window running a shell command.
pub struct Tmux {
    socket: String,
    target: String,
}

impl Tmux {
    pub fn start(name: &str, width: u16, height: u16, shell_command: &str) -> Tmux {
        let socket = format!("intake-{name}-{}", std::process::id());
        let t = Tmux {
            socket,
            target: "e2e".into(),
        };
        let status = Command::new("tmux")
            .args([
                "-L",
                &t.socket,
                "-f",
                "/dev/null",
                "new-session",
                "-d",
                "-s",
                &t.target,
            ])
            .args(["-x", &width.to_string(), "-y", &height.to_string()])
            .arg(shell_command)
            .status()
            .expect("tmux runs");
        assert!(status.success(), "tmux new-session failed");
        t
    }

    fn tmux(&self, args: &[&str]) -> String {
        let out = Command::new("tmux")
            .args(["-L", &self.socket])
            .args(args)
            .output()
            .expect("tmux runs");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    pub fn screen(&self) -> String {
        self.tmux(&["capture-pane", "-p", "-t", &self.target])
    }

    /// Named keys (`Enter`, `Escape`, `Space`, `C-c`).
    pub fn keys(&self, keys: &[&str]) {
        for k in keys {
            self.tmux(&["send-keys", "-t", &self.target, k]);
            std::thread::sleep(Duration::from_millis(60));
        }
    }

    /// Literal text, one key at a time like a person types.
    pub fn type_text(&self, text: &str) {
        for c in text.chars() {
            self.tmux(&["send-keys", "-t", &self.target, "-l", &c.to_string()]);
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn format(&self, fmt: &str) -> String {
        self.tmux(&["display-message", "-p", "-t", &self.target, fmt])
            .trim()
            .to_string()
    }

    /// Wait until the screen satisfies `pred`, or fail showing the screen.
    pub fn wait_for(&self, what: &str, pred: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let s = self.screen();
            if pred(&s) {
                return s;
            }
            if Instant::now() > deadline {
                panic!("timed out waiting for {what}; the screen was:\n{s}");
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .status();
    }
}

fn tmux_available() -> bool {
    Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn all(client: &Client) -> Vec<IntegrationRequest> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("rt");
    rt.block_on(client.search(&SearchQuery::default()))
        .expect("search")
}

fn wait_until(what: &str, mut pred: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while !pred() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn shell_quote(p: &Path) -> String {
    format!("'{}'", p.display().to_string().replace('\'', "'\\''"))
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("intake-e2e-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

/// The console command line, then `stty -a` into a file once it exits so the
/// test can check the terminal was restored.
fn console_command(sim: &Sim, dir: &Path) -> String {
    format!(
        "env -i PATH=\"$PATH\" HOME={home} TERM=xterm-256color INTAKE_CONFIG={home}/none.toml INTAKE_LOG_FILE={home}/intake.log INTAKE_AUDIT_FILE={home}/audit.jsonl \
         CENTRAPAY_BASE_URL={url} CENTRAPAY_API_KEY={KEY} {bin}; echo EXIT=$? > {home}/exit.txt; stty -a > {home}/stty.txt; sleep 60",
        home = shell_quote(dir),
        url = sim.url,
        bin = shell_quote(Path::new(env!("CARGO_BIN_EXE_intake"))),
    )
}

fn assert_terminal_restored(tmux: &Tmux, dir: &Path) {
    let stty_path = dir.join("stty.txt");
    wait_until("intake to exit", || {
        stty_path.exists() && std::fs::metadata(&stty_path).is_ok_and(|m| m.len() > 0)
    });
    let exit = std::fs::read_to_string(dir.join("exit.txt")).expect("exit code");
    assert_eq!(exit.trim(), "EXIT=0");
    let stty = std::fs::read_to_string(&stty_path).expect("stty");
    let words: HashSet<&str> = stty.split_whitespace().collect();
    assert!(
        words.contains("icanon") && words.contains("echo"),
        "raw mode still on:\n{stty}"
    );
    assert_eq!(
        tmux.format("#{alternate_on}"),
        "0",
        "still on the alternate screen"
    );
    assert_eq!(tmux.format("#{cursor_flag}"), "1", "cursor hidden");
    assert_eq!(
        tmux.format("#{mouse_any_flag}"),
        "0",
        "mouse capture left on"
    );
}

#[test]
fn triage_a_terminal_id_activate_and_bulk_activate_then_quit() {
    if !tmux_available() {
        panic!("tmux is required for the end-to-end tests");
    }
    let sim = Sim::start();
    let client = sim.client();
    let before = all(&client);
    let epay = before
        .iter()
        .find(|r| {
            r.kind == IntegrationType::Epay && r.is_pending() && r.effective_terminal_id().is_none()
        })
        .expect("an ePay request without a terminalId")
        .clone();
    let was_active: HashSet<String> = before
        .iter()
        .filter(|r| r.is_active())
        .map(|r| r.id.clone())
        .collect();

    let dir = scratch("triage");
    let tmux = Tmux::start("triage", 160, 48, &console_command(&sim, &dir));
    tmux.wait_for("the list", |s| {
        s.contains("pending") && s.contains("verifone")
    });

    // Filter to ePay, down to the one request.
    tmux.keys(&["/"]);
    tmux.type_text(&format!("type:epay id:{}", epay.id));
    tmux.keys(&["Enter"]);
    tmux.wait_for("the filtered row", |s| s.contains(&epay.id[..12]));

    // Enter its terminalId.
    tmux.keys(&["t"]);
    tmux.wait_for("the terminalId form", |s| {
        s.to_lowercase().contains("terminalid")
    });
    tmux.type_text("11000021");
    tmux.keys(&["Enter"]);
    wait_until("the terminalId to be stored", || {
        all(&client)
            .iter()
            .any(|r| r.id == epay.id && r.effective_terminal_id() == Some("11000021"))
    });
    tmux.wait_for("the row to show it", |s| s.contains("11000021"));

    // Activate it.
    tmux.keys(&["a"]);
    tmux.wait_for("the confirm dialog", |s| {
        s.contains("Activate") && s.contains(&epay.merchant_id)
    });
    tmux.keys(&["y"]);
    wait_until("the activation", || {
        all(&client)
            .iter()
            .any(|r| r.id == epay.id && r.is_active())
    });

    // Clear the filter, narrow to pending Verifone, mark three, bulk-activate.
    tmux.keys(&["/", "Escape"]);
    tmux.keys(&["/"]);
    tmux.type_text("type:verifone status:pending");
    tmux.keys(&["Enter"]);
    tmux.wait_for("verifone rows only", |s| {
        s.contains("verifone") && !s.contains(" epay ")
    });
    tmux.keys(&["Space", "Space", "Space"]);
    tmux.wait_for("three marked", |s| s.contains("3 marked"));
    tmux.keys(&["A"]);
    tmux.wait_for("the bulk dialog", |s| {
        s.contains('3') && s.to_lowercase().contains("activate")
    });
    tmux.keys(&["Enter"]);
    let results = tmux.wait_for("the results", |s| s.matches("activated").count() >= 3);
    assert!(!results.contains("failed:"), "{results}");
    tmux.keys(&["Escape", "q"]);
    assert_terminal_restored(&tmux, &dir);

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
    assert!(
        after
            .iter()
            .all(|r| r.status != Status::Unknown(String::new()))
    );

    // Every change is in the audit log, and the key is not.
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

fn signal_restores_the_terminal(signal: &str) {
    if !tmux_available() {
        panic!("tmux is required for the end-to-end tests");
    }
    let sim = Sim::start();
    let name = signal.to_lowercase();
    let dir = scratch(&name);
    let tmux = Tmux::start(&name, 100, 30, &console_command(&sim, &dir));
    tmux.wait_for("the list", |s| s.contains("pending"));
    let pid = tmux.format("#{pane_pid}");
    // The pane runs a shell; intake is its child.
    let out = Command::new("pkill")
        .args([&format!("-{signal}"), "-P", &pid, "-x", "intake"])
        .status()
        .expect("pkill");
    assert!(out.success(), "no intake process to signal");
    assert_terminal_restored(&tmux, &dir);
}

#[test]
fn sigterm_restores_the_terminal() {
    signal_restores_the_terminal("TERM");
}

#[test]
fn sighup_restores_the_terminal() {
    signal_restores_the_terminal("HUP");
}

/// Closing the terminal under the console (an ssh session dropping) must end
/// it: crossterm spins reading a hung-up terminal, so intake has to leave on
/// the SIGHUP rather than stay behind burning a core.
#[test]
fn closing_the_terminal_ends_the_console() {
    if !tmux_available() {
        panic!("tmux is required for the end-to-end tests");
    }
    let sim = Sim::start();
    let dir = scratch("hangup");
    let tmux = Tmux::start("hangup", 100, 30, &console_command(&sim, &dir));
    tmux.wait_for("the list", |s| s.contains("pending"));
    let pane = tmux.format("#{pane_pid}");
    let out = Command::new("pgrep")
        .args(["-P", &pane, "-x", "intake"])
        .output()
        .expect("pgrep");
    let pid = String::from_utf8_lossy(&out.stdout).trim().to_string();
    assert!(!pid.is_empty(), "no intake process under the pane");
    drop(tmux); // kills the tmux server: the pane's terminal hangs up
    let gone = || {
        std::fs::read_to_string(format!("/proc/{pid}/stat"))
            .map(|s| s.split_whitespace().nth(2) == Some("Z"))
            .unwrap_or(true)
    };
    wait_until("intake to exit after its terminal closed", gone);

    // The same hang-up the instant the first frame is out: the race in which
    // crossterm reads the dead terminal before the loop sees the signal.
    // util-linux `script` gives a pty that dies with it.
    for round in 0..8 {
        let cmd = format!(
            "stty cols 100 rows 30; INTAKE_CONFIG={home}/none.toml INTAKE_LOG_FILE={home}/hup{round}.log \
             INTAKE_AUDIT_FILE={home}/audit.jsonl exec {bin} --demo",
            home = shell_quote(&dir),
            bin = shell_quote(Path::new(env!("CARGO_BIN_EXE_intake"))),
        );
        let Ok(mut script) = Command::new("script")
            .args(["-qfec", &cmd, "/dev/null"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
        else {
            return; // no util-linux script here: the tmux case above stands
        };
        let mut out = script.stdout.take().expect("stdout");
        let mut seen = Vec::new();
        let mut buf = [0u8; 4096];
        while !String::from_utf8_lossy(&seen).contains("DEMO") {
            match std::io::Read::read(&mut out, &mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => seen.extend_from_slice(&buf[..n]),
            }
        }
        let child = Command::new("pgrep")
            .args(["-P", &script.id().to_string(), "-x", "intake"])
            .output()
            .expect("pgrep");
        let pid = String::from_utf8_lossy(&child.stdout).trim().to_string();
        let _ = script.kill();
        let _ = script.wait();
        if pid.is_empty() {
            continue;
        }
        let gone = || {
            std::fs::read_to_string(format!("/proc/{pid}/stat"))
                .map(|s| s.split_whitespace().nth(2) == Some("Z"))
                .unwrap_or(true)
        };
        wait_until(
            &format!("intake to exit after its pty died (round {round})"),
            gone,
        );
    }
}
