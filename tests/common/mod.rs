//! Shared helpers for the end-to-end tests: a standalone simulator process,
//! a tmux server of the test's own, scratch folders and terminal checks.
// Each test file uses a different part of this module.
#![allow(dead_code)]

use std::collections::HashSet;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use intake::api::{Client, IntegrationRequest, SearchQuery, Secret};

pub mod audit;
pub mod cli_env;

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

    pub fn tmux(&self, args: &[&str]) -> String {
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

    /// `text` as one bracketed paste (tmux wraps it in ESC[200~ … ESC[201~
    /// when the application has asked for bracketed paste).
    pub fn paste(&self, text: &str) {
        self.tmux(&["set-buffer", "--", text]);
        self.tmux(&["paste-buffer", "-p", "-t", &self.target]);
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

pub fn tmux_available() -> bool {
    Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success())
}

pub fn all(client: &Client) -> Vec<IntegrationRequest> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("rt");
    rt.block_on(client.search(&SearchQuery::default()))
        .expect("search")
}

pub fn wait_until(what: &str, mut pred: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while !pred() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

pub fn shell_quote(p: &Path) -> String {
    format!("'{}'", p.display().to_string().replace('\'', "'\\''"))
}

/// An empty folder of this test binary's own under the temp dir.
pub fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "intake-{}-{name}-{}",
        env!("CARGO_CRATE_NAME"),
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

/// The console command line, then `stty -a` into a file once it exits so the
/// test can check the terminal was restored.
pub fn console_command(sim: &Sim, dir: &Path) -> String {
    console_command_with(sim, dir, "", "")
}

/// [`console_command`] with extra `NAME=value` words for the environment
/// (e.g. `INTAKE_CONFIG=/path/cfg.toml`, which wins over the default) and
/// extra arguments for intake (e.g. `--read-only`).
pub fn console_command_with(sim: &Sim, dir: &Path, env: &str, args: &str) -> String {
    format!(
        "env -i PATH=\"$PATH\" HOME={home} TERM=xterm-256color INTAKE_CONFIG={home}/none.toml INTAKE_LOG_FILE={home}/intake.log INTAKE_AUDIT_FILE={home}/audit.jsonl \
         CENTRAPAY_BASE_URL={url} CENTRAPAY_API_KEY={KEY} {env} {bin} {args}; echo EXIT=$? > {home}/exit.txt; stty -a > {home}/stty.txt; sleep 60",
        home = shell_quote(dir),
        url = sim.url,
        bin = shell_quote(Path::new(env!("CARGO_BIN_EXE_intake"))),
    )
}

pub fn assert_terminal_restored(tmux: &Tmux, dir: &Path) {
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
    assert!(
        words.contains("echoctl"),
        "the bracketed paste probe needs echoctl:\n{stty}"
    );
    assert_bracketed_paste_off(tmux);
}

/// tmux (3.3) has no format for the bracketed paste mode, so paste a marker
/// into the pane, where the shell waits with echo on: the line discipline
/// echoes it, wrapped in a visible `^[[200~ … ^[[201~` if the mode was left on.
pub fn assert_bracketed_paste_off(tmux: &Tmux) {
    let marker = "bracketed-paste-probe";
    tmux.paste(marker);
    let screen = tmux.wait_for("the pasted probe's echo", |s| s.contains(marker));
    assert!(
        !screen.contains("[200~"),
        "bracketed paste left on:\n{screen}"
    );
}
