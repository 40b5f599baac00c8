#![allow(unsafe_code)] // sysconf(_SC_CLK_TCK) to read CPU time from /proc; benches only.
//! The real console in a pseudo-terminal for a bench: a reader thread feeds
//! its output to a vt100 parser and notes, with the time the bytes arrived,
//! each change of the request the detail pane shows (a key's effect: pages
//! keep the cursor on its request, so only keys move it) and the first frame
//! whose title says the load is complete.

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

/// What the screen has shown so far.
#[derive(Debug, Default, Clone)]
pub struct Seen {
    /// The id in the detail pane, and when it last changed.
    pub id: Option<String>,
    pub id_at: Option<Instant>,
    /// The first frame whose title said `…/{total} shown` and no longer
    /// loading.
    pub loaded_at: Option<Instant>,
    /// The program closed the terminal.
    pub ended: bool,
}

type Shared = Arc<(Mutex<Seen>, Condvar)>;

pub struct Watched {
    seen: Shared,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    reader: Option<JoinHandle<()>>,
    // Dropping the master hangs the terminal up; held until the end.
    _master: Box<dyn MasterPty + Send>,
}

/// The request id the detail pane shows (`│id          O1x3…`), wherever
/// the layout puts the pane.
fn detail_id(screen: &str) -> Option<String> {
    screen.lines().find_map(|line| {
        let (_, rest) = line.split_once("│id ")?;
        rest.split_whitespace()
            .next()
            .filter(|w| *w != "│")
            .map(str::to_string)
    })
}

impl Watched {
    /// `intake` (no arguments: the console) against `base_url`, with its
    /// home, cache and logs under `home`, on a `width`×`height` terminal.
    /// `total` is the row count whose arrival ends the load.
    pub fn console(
        bin: &Path,
        home: &Path,
        base_url: &str,
        api_key: &str,
        (width, height): (u16, u16),
        total: usize,
    ) -> Watched {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: height,
                cols: width,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(bin);
        cmd.env_clear();
        for (k, v) in [
            ("PATH", std::env::var("PATH").unwrap_or_default()),
            ("TERM", "xterm-256color".into()),
            ("HOME", home.display().to_string()),
            (
                "INTAKE_CONFIG",
                home.join("none.toml").display().to_string(),
            ),
            (
                "INTAKE_LOG_FILE",
                home.join("intake.log").display().to_string(),
            ),
            (
                "INTAKE_AUDIT_FILE",
                home.join("audit.jsonl").display().to_string(),
            ),
            ("INTAKE_CACHE_DIR", home.join("cache").display().to_string()),
            ("CENTRAPAY_BASE_URL", base_url.into()),
            ("CENTRAPAY_API_KEY", api_key.into()),
        ] {
            cmd.env(k, v);
        }
        cmd.cwd(home);
        let child = pair.slave.spawn_command(cmd).expect("spawn on the pty");
        drop(pair.slave);
        let mut out = pair.master.try_clone_reader().expect("the pty's reader");
        let writer = pair.master.take_writer().expect("the pty's writer");
        let seen: Shared = Arc::default();
        let reader = {
            let seen = seen.clone();
            let complete = format!("/{total} shown");
            std::thread::spawn(move || {
                let nz = |n: u16| std::num::NonZeroU16::new(n.max(1)).expect("not zero");
                let mut parser = vt100::Parser::new(nz(height), nz(width), 0);
                let mut buf = [0u8; 16384];
                loop {
                    let n = match out.read(&mut buf) {
                        Ok(0) | Err(_) => break,
                        Ok(n) => n,
                    };
                    let at = Instant::now();
                    parser.process(&buf[..n]);
                    let screen = parser.screen().contents();
                    let id = detail_id(&screen);
                    let title = screen.lines().next().unwrap_or("");
                    let loaded = title.contains(&complete) && !title.contains("loading");
                    let (lock, cv) = &*seen;
                    let mut s = lock.lock().expect("seen");
                    if id.is_some() && id != s.id {
                        s.id = id;
                        s.id_at = Some(at);
                    }
                    if loaded && s.loaded_at.is_none() {
                        s.loaded_at = Some(at);
                    }
                    cv.notify_all();
                }
                let (lock, cv) = &*seen;
                lock.lock().expect("seen").ended = true;
                cv.notify_all();
            })
        };
        Watched {
            seen,
            writer,
            child,
            reader: Some(reader),
            _master: pair.master,
        }
    }

    pub fn seen(&self) -> Seen {
        self.seen.0.lock().expect("seen").clone()
    }

    /// Wait until `done` holds for what the screen showed, at most `limit`.
    pub fn wait_for(&self, limit: Duration, done: impl Fn(&Seen) -> bool) -> Seen {
        let (lock, cv) = &*self.seen;
        let guard = lock.lock().expect("seen");
        let (guard, _) = cv
            .wait_timeout_while(guard, limit, |s| !done(s) && !s.ended)
            .expect("seen");
        guard.clone()
    }

    pub fn write(&mut self, bytes: &[u8]) {
        let _ = self.writer.write_all(bytes);
        let _ = self.writer.flush();
    }

    /// Press one key and wait (at most `limit`) for the frame that moves the
    /// detail pane off the request it showed: the key's wait, or `None`.
    pub fn press_and_time(&mut self, key: &[u8], limit: Duration) -> Option<Duration> {
        let before = self.seen().id;
        let sent = Instant::now();
        self.write(key);
        let s = self.wait_for(limit, |s| s.id != before);
        (s.id != before)
            .then(|| s.id_at.map(|at| at.saturating_duration_since(sent)))
            .flatten()
    }

    /// The CPU time the console has used so far (user and system), where
    /// /proc has it.
    pub fn cpu(&self) -> Option<Duration> {
        let pid = self.child.process_id()?;
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
        // The fields after the command name, which may hold spaces.
        let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
        let ticks: u64 =
            fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
        // SAFETY: sysconf only reads a configuration value.
        let per_second = unsafe { libc::sysconf(libc::_SC_CLK_TCK) };
        let per_second = u64::try_from(per_second).ok().filter(|n| *n > 0)?;
        Some(Duration::from_millis(ticks * 1000 / per_second))
    }

    /// Quit with `q` and wait for the process; ended if it lingers.
    pub fn quit(mut self) {
        self.write(b"q");
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                break;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
        drop(self.writer);
        if let Some(r) = self.reader.take() {
            let _ = r.join();
        }
    }
}
