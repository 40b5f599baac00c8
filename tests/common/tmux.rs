//! A tmux server of the test's own, for the one optional check that needs
//! tmux itself (its paste buffer taking OSC 52). The e2e suite runs on the
//! pty harness (pty.rs); this one skips, saying so, when tmux is absent.

use std::process::Command;
use std::time::{Duration, Instant};

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
