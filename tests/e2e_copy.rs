//! End-to-end: `y` and `Y` in the real console reach the clipboard by OSC
//! 52. tmux with `set-clipboard on` stores what an application sends that
//! way as a paste buffer, which `show-buffer` reads back.

mod common;

use common::*;

/// The newest paste buffer once it is `pred`, or fail showing it.
fn wait_for_buffer(tmux: &Tmux, what: &str, pred: impl Fn(&str) -> bool) -> String {
    let mut last = String::new();
    let found = std::cell::Cell::new(false);
    wait_until(what, || {
        last = tmux.tmux(&["show-buffer"]);
        found.set(pred(&last));
        found.get()
    });
    last
}

#[test]
fn y_puts_the_id_and_shift_y_the_csv_into_tmuxs_buffer() {
    if !tmux_available() {
        panic!("tmux is required for the end-to-end tests");
    }
    let sim = Sim::start();
    let epay = blank_epay(&all(&sim.client()));

    let dir = scratch("copy");
    let tmux = Tmux::start("copy", 140, 40, &console_command(&sim, &dir));
    // Before the console can copy anything: the server takes OSC 52.
    tmux.tmux(&["set-option", "-s", "set-clipboard", "on"]);
    tmux.wait_for("the list", |s| {
        s.contains("pending") && s.contains("verifone")
    });
    tmux.keys(&["/"]);
    tmux.type_text(&format!("id:{}", epay.id));
    tmux.keys(&["Enter"]);
    tmux.wait_for("the one row", |s| {
        s.contains(&epay.id[..12]) && s.contains(" 1/")
    });

    tmux.keys(&["y"]);
    let toast = format!("Copied {} to the clipboard.", epay.id);
    tmux.wait_for("the copy's toast", |s| s.contains(&toast));
    let buffer = wait_for_buffer(&tmux, "the id in tmux's buffer", |b| b == epay.id);
    assert_eq!(buffer, epay.id);

    tmux.keys(&["Y"]);
    tmux.wait_for("the CSV copy's toast", |s| {
        s.contains("Copied 1 row as CSV to the clipboard.")
    });
    let csv = wait_for_buffer(&tmux, "the CSV in tmux's buffer", |b| b.starts_with("id,"));
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 2, "{csv}");
    assert!(
        lines[0].starts_with("id,status,type,merchantId,accountId,terminalId,"),
        "{csv}"
    );
    assert!(
        lines[1].starts_with(&format!("{},pending,epay,{}", epay.id, epay.merchant_id)),
        "{csv}"
    );

    tmux.keys(&["q"]);
    assert_terminal_restored(&tmux, &dir);
}
