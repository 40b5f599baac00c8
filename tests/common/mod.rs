//! Shared helpers for the integration tests, included once by each test
//! binary that uses them (`tests/<area>/main.rs`): a standalone simulator process
//! (sim), a pseudo-terminal of the test's own and terminal checks (pty), an
//! optional tmux server (tmux), steps in
//! the console several tests take (console), the CLI
//! against an in-process simulator (cli_env), audit log reading (audit) and
//! scratch folders.
// Each test binary uses a different part of this module.
#![allow(dead_code)]

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

pub mod audit;
pub mod cli_env;
pub mod console;
pub mod pty;
pub mod sim;
pub mod tmux;

// The e2e files reach these as `common::*`; the CLI files do not.
#[allow(unused_imports)]
pub use console::*;
#[allow(unused_imports)]
pub use pty::*;
#[allow(unused_imports)]
pub use sim::*;
#[allow(unused_imports)]
pub use tmux::*;

pub fn wait_until(what: &str, mut pred: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while !pred() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// An empty folder of this call's own under the temp dir: the tests of a
/// binary run as threads of one process, so two of them asking for the
/// same name still get two folders.
pub fn scratch(name: &str) -> PathBuf {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "intake-{}-{name}-{}-{}",
        env!("CARGO_CRATE_NAME"),
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

/// What must never reach a terminal or a spreadsheet raw: C0 and C1
/// controls (but the line ends the text itself has), DEL, bidi controls and
/// the zero-width and invisible characters.
pub fn forbidden(c: char) -> bool {
    (c.is_control() && c != '\n')
        || matches!(
            c,
            '\u{061C}'
                | '\u{200B}'..='\u{200F}'
                | '\u{2028}'..='\u{202E}'
                | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{2069}'
                | '\u{FEFF}'
        )
}
