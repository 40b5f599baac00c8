#![allow(unsafe_code)]
// The pseudo-terminal needs libc calls (dup, poll, kill, tcgetattr) that std does not offer; none are in the product.
//! The console in a pseudo-terminal of the test's own (portable-pty), its
//! output fed to a vt100 parser, and the checks that the terminal was left
//! as it was found. Needs nothing but Rust: no tmux, no util-linux `script`.

use std::fs::File;
use std::io::{Read, Write};
use std::os::fd::{FromRawFd, RawFd};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, SlavePty};

use super::sim::{KEY, Sim};

/// One program on a pseudo-terminal; a reader thread feeds everything it
/// writes to a vt100 parser (the screen) and keeps the raw bytes (for
/// sequences the screen does not show, such as OSC 52).
pub struct Pty {
    parser: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
    writer: Mutex<File>,
    child: Mutex<Box<dyn Child + Send + Sync>>,
    status: Mutex<Option<ExitStatus>>,
    master: Option<Box<dyn MasterPty + Send>>,
    // Held so the terminal (and its modes) outlives the program: the checks
    // read the modes after it exits, and only dropping the master hangs up.
    slave: Mutex<Option<Box<dyn SlavePty + Send>>>,
    // The line discipline's flags the moment the program was seen to exit.
    final_lflag: Mutex<Option<libc::tcflag_t>>,
    stop: Arc<AtomicBool>,
    reader_done: Arc<AtomicBool>,
    reader: Option<JoinHandle<()>>,
}

fn dup(fd: RawFd) -> File {
    // SAFETY: `fd` is the open master of a pty we own; dup gives a new
    // descriptor that the File then owns alone.
    let new = unsafe { libc::dup(fd) };
    assert!(new >= 0, "dup the pty master");
    // SAFETY: `new` is a fresh descriptor nothing else owns.
    unsafe { File::from_raw_fd(new) }
}

impl Pty {
    /// `shell_command` run by `sh -c` on a `width`×`height` terminal.
    pub fn start(name: &str, width: u16, height: u16, shell_command: &str) -> Pty {
        let mut cmd = CommandBuilder::new("sh");
        cmd.args(["-c", shell_command]);
        Pty::start_command(name, width, height, cmd)
    }

    pub fn start_command(_name: &str, width: u16, height: u16, mut cmd: CommandBuilder) -> Pty {
        if cmd.get_cwd().is_none() {
            cmd.cwd(std::env::temp_dir());
        }
        let pair = portable_pty::native_pty_system()
            .openpty(PtySize {
                rows: height,
                cols: width,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let child = pair.slave.spawn_command(cmd).expect("spawn on the pty");
        let fd = pair.master.as_raw_fd().expect("the pty master's fd");
        let mut input = dup(fd);
        let writer = dup(fd);
        let parser = Arc::new(Mutex::new(vt100::Parser::new(
            nonzero(height),
            nonzero(width),
            0,
        )));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let reader_done = Arc::new(AtomicBool::new(false));
        let reader = {
            let (parser, raw, stop) = (parser.clone(), raw.clone(), stop.clone());
            let done = reader_done.clone();
            let input_fd = std::os::fd::AsRawFd::as_raw_fd(&input);
            std::thread::spawn(move || {
                let mut buf = [0u8; 8192];
                // Poll with a timeout so a hang-up can stop this thread and
                // close the last master descriptor.
                while !stop.load(Ordering::Relaxed) {
                    let mut pfd = libc::pollfd {
                        fd: input_fd,
                        events: libc::POLLIN,
                        revents: 0,
                    };
                    // SAFETY: one valid pollfd for the duration of the call.
                    let ready = unsafe { libc::poll(&mut pfd, 1, 50) };
                    if ready <= 0 {
                        continue;
                    }
                    match input.read(&mut buf) {
                        Ok(0) | Err(_) => break,
                        Ok(n) => {
                            raw.lock().unwrap().extend_from_slice(&buf[..n]);
                            parser.lock().unwrap().process(&buf[..n]);
                        }
                    }
                }
                done.store(true, Ordering::Release);
            })
        };
        Pty {
            parser,
            raw,
            writer: Mutex::new(writer),
            child: Mutex::new(child),
            status: Mutex::new(None),
            master: Some(pair.master),
            slave: Mutex::new(Some(pair.slave)),
            final_lflag: Mutex::new(None),
            stop,
            reader_done,
            reader: Some(reader),
        }
    }

    fn write(&self, bytes: &[u8]) {
        let mut w = self.writer.lock().unwrap();
        w.write_all(bytes).expect("write to the pty");
        w.flush().expect("flush the pty");
    }

    /// The screen as text, one line per row.
    pub fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// Everything the program wrote, escape sequences and all.
    pub fn raw(&self) -> Vec<u8> {
        self.raw.lock().unwrap().clone()
    }

    /// A check on the parser's terminal state (modes, cursor).
    pub fn with_screen<T>(&self, f: impl FnOnce(&vt100::Screen) -> T) -> T {
        f(self.parser.lock().unwrap().screen())
    }

    /// Named keys as tmux spells them (`Enter`, `Escape`, `Space`, `BSpace`,
    /// `Tab`, `BTab`, `Up`, `C-c`, …); anything else is typed as it is.
    /// Keys are paced so a lone Escape is not read as the start of a
    /// sequence.
    pub fn keys(&self, keys: &[&str]) {
        for k in keys {
            self.write(&key_bytes(k));
            std::thread::sleep(Duration::from_millis(60));
        }
    }

    /// Literal text, one key at a time like a person types.
    pub fn type_text(&self, text: &str) {
        for c in text.chars() {
            self.write(c.to_string().as_bytes());
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// `text` as one paste: wrapped in ESC[200~ … ESC[201~ when the program
    /// has turned bracketed paste on, as a terminal does.
    pub fn paste(&self, text: &str) {
        let text = text.replace('\n', "\r");
        if self.with_screen(vt100::Screen::bracketed_paste) {
            self.write(format!("\x1b[200~{text}\x1b[201~").as_bytes());
        } else {
            self.write(text.as_bytes());
        }
    }

    pub fn resize(&self, width: u16, height: u16) {
        if let Some(m) = &self.master {
            m.resize(PtySize {
                rows: height,
                cols: width,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resize the pty");
        }
        self.parser
            .lock()
            .unwrap()
            .screen_mut()
            .set_size(nonzero(height), nonzero(width));
    }

    /// The process on the terminal (intake itself when the command `exec`s).
    pub fn pid(&self) -> u32 {
        self.child
            .lock()
            .unwrap()
            .process_id()
            .expect("the child's pid")
    }

    /// Send `signal` (e.g. `libc::SIGTERM`) to the process on the terminal.
    pub fn signal(&self, signal: i32) {
        let pid = i32::try_from(self.pid()).expect("a pid");
        // SAFETY: kill has no memory effects; the pid is our own child.
        let r = unsafe { libc::kill(pid, signal) };
        assert_eq!(r, 0, "signal {signal} to {pid}");
    }

    /// The exit status once the process has ended, waiting up to 20 s.
    pub fn exit_status(&self) -> ExitStatus {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(s) = self.try_exit_status() {
                return s;
            }
            if Instant::now() > deadline {
                panic!(
                    "timed out waiting for the program to exit; the screen was:\n{}",
                    self.screen()
                );
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The exit status if the process has ended. The first time it is seen
    /// ended, the terminal's flags are kept and everything the program wrote
    /// is read (our end of the terminal is closed, so the reader drains to
    /// its end), so the checks after it see the final state.
    pub fn try_exit_status(&self) -> Option<ExitStatus> {
        let mut status = self.status.lock().unwrap();
        if status.is_none() {
            *status = self.child.lock().unwrap().try_wait().expect("try_wait");
            if status.is_some() && self.master.is_some() {
                *self.final_lflag.lock().unwrap() = Some(self.current_lflag());
                self.slave.lock().unwrap().take();
                let deadline = Instant::now() + Duration::from_secs(20);
                while !self.reader_done.load(Ordering::Acquire) && Instant::now() < deadline {
                    std::thread::sleep(Duration::from_millis(10));
                }
            }
        }
        status.clone()
    }

    /// The line discipline's flags (`c_lflag`; raw mode clears ICANON and
    /// ECHO), as the program left them once it has exited.
    pub fn local_flags(&self) -> libc::tcflag_t {
        if let Some(f) = *self.final_lflag.lock().unwrap() {
            return f;
        }
        self.current_lflag()
    }

    fn current_lflag(&self) -> libc::tcflag_t {
        let fd = self
            .master
            .as_ref()
            .and_then(|m| m.as_raw_fd())
            .expect("the pty master's fd");
        // SAFETY: a zeroed termios is a valid out-parameter for tcgetattr.
        let mut t: libc::termios = unsafe { std::mem::zeroed() };
        // SAFETY: fd is our open master; t is a valid termios.
        let r = unsafe { libc::tcgetattr(fd, &mut t) };
        assert_eq!(r, 0, "tcgetattr on the pty");
        t.c_lflag
    }

    /// Close the terminal under the program, as a dropped ssh session does:
    /// every master descriptor closes and the kernel sends SIGHUP.
    pub fn hang_up(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(r) = self.reader.take() {
            let _ = r.join();
        }
        *self.writer.lock().unwrap() = File::open("/dev/null").expect("/dev/null");
        self.master = None;
        self.slave.get_mut().unwrap().take();
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
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        if self.try_exit_status().is_none() {
            let mut child = self.child.lock().unwrap();
            let _ = child.kill();
            let _ = child.wait();
        }
        self.hang_up();
    }
}

fn nonzero(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).expect("a terminal size above 0")
}

fn key_bytes(key: &str) -> Vec<u8> {
    let named: Option<&[u8]> = match key {
        "Enter" => Some(b"\r"),
        "Escape" => Some(b"\x1b"),
        "Space" => Some(b" "),
        "BSpace" => Some(b"\x7f"),
        "Tab" => Some(b"\t"),
        "BTab" => Some(b"\x1b[Z"),
        "Up" => Some(b"\x1b[A"),
        "Down" => Some(b"\x1b[B"),
        "Right" => Some(b"\x1b[C"),
        "Left" => Some(b"\x1b[D"),
        "Home" => Some(b"\x1b[H"),
        "End" => Some(b"\x1b[F"),
        "PPage" | "PageUp" => Some(b"\x1b[5~"),
        "NPage" | "PageDown" => Some(b"\x1b[6~"),
        "DC" | "Delete" => Some(b"\x1b[3~"),
        _ => None,
    };
    if let Some(b) = named {
        return b.to_vec();
    }
    if let Some(c) = key.strip_prefix("C-")
        && let [c] = c.as_bytes()
    {
        return vec![c.to_ascii_lowercase() & 0x1f];
    }
    key.as_bytes().to_vec()
}

pub fn shell_quote(p: &Path) -> String {
    format!("'{}'", p.display().to_string().replace('\'', "'\\''"))
}

/// The console command line; `exec` makes intake itself the process on the
/// terminal, so its exit status and signals need no shell in between.
pub fn console_command(sim: &Sim, dir: &Path) -> String {
    console_command_with(sim, dir, "", "")
}

/// [`console_command`] with extra `NAME=value` words for the environment
/// (e.g. `INTAKE_CONFIG=/path/cfg.toml`, which wins over the default) and
/// extra arguments for intake (e.g. `--read-only`).
pub fn console_command_with(sim: &Sim, dir: &Path, env: &str, args: &str) -> String {
    format!(
        "exec env -i PATH=\"$PATH\" HOME={home} TERM=xterm-256color INTAKE_CONFIG={home}/none.toml INTAKE_LOG_FILE={home}/intake.log INTAKE_AUDIT_FILE={home}/audit.jsonl \
         CENTRAPAY_BASE_URL={url} CENTRAPAY_API_KEY={KEY} {env} {bin} {args}",
        home = shell_quote(dir),
        url = sim.url,
        bin = shell_quote(Path::new(env!("CARGO_BIN_EXE_intake"))),
    )
}

/// intake exited 0 and left the terminal as it found it.
pub fn assert_terminal_restored(term: &Pty) {
    let status = term.exit_status();
    assert!(
        status.success(),
        "intake exited with {status}; the screen was:\n{}",
        term.screen()
    );
    assert_modes_restored(term);
}

/// The terminal's modes are as before the program started, whatever its
/// exit: cooked line discipline, main screen, cursor shown, no mouse
/// capture, no bracketed paste.
pub fn assert_modes_restored(term: &Pty) {
    let lflag = term.local_flags();
    assert!(
        lflag & libc::ICANON != 0 && lflag & libc::ECHO != 0,
        "raw mode still on (c_lflag {lflag:#o})"
    );
    let screen = term.screen();
    term.with_screen(|s| {
        assert!(
            !s.alternate_screen(),
            "still on the alternate screen:\n{screen}"
        );
        assert!(!s.hide_cursor(), "cursor hidden:\n{screen}");
        assert_eq!(
            s.mouse_protocol_mode(),
            vt100::MouseProtocolMode::None,
            "mouse capture left on"
        );
        assert!(!s.bracketed_paste(), "bracketed paste left on");
    });
}
