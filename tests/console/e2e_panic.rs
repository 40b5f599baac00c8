//! End-to-end: a panic in the real console (the debug-build seam
//! `INTAKE_PANIC_AFTER_FIRST_FRAME`, src/tui/terminal.rs) leaves the terminal
//! as it was found and prints the panic message, without the API key.

use crate::common;

use common::*;

#[test]
fn a_panic_restores_the_terminal_and_prints_the_message_without_the_key() {
    let sim = Sim::start();
    let dir = scratch("panic");
    let term = Pty::start(
        "panic",
        140,
        40,
        &console_command_with(&sim, &dir, "INTAKE_PANIC_AFTER_FIRST_FRAME=1", ""),
    );
    let status = term.exit_status();
    assert!(!status.success(), "a panic exits with failure: {status}");
    assert_modes_restored(&term);
    let screen = term.wait_for("the panic message on the main screen", |s| {
        s.contains("panicking after the first frame")
    });
    let raw = String::from_utf8_lossy(&term.raw()).into_owned();
    assert!(
        raw.contains("\x1b[?1049h"),
        "the first frame was drawn on the alternate screen before the panic"
    );
    assert!(
        !raw.contains(KEY),
        "the API key reached the terminal:\n{screen}"
    );
}
