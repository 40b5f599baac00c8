//! A tmux server of the test's own running the console, and the checks that
//! the terminal was left as it was found.

use std::collections::HashSet;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use super::sim::{KEY, Sim};
use super::wait_until;

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

pub fn shell_quote(p: &Path) -> String {
    format!("'{}'", p.display().to_string().replace('\'', "'\\''"))
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
