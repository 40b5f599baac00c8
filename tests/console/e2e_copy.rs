//! End-to-end: `y` `y` and `Y` in the real console reach the clipboard by OSC
//! 52, checked in the bytes the console wrote to its terminal. One extra
//! check has tmux (with `set-clipboard on`) store it as a paste buffer; it
//! skips, saying so, when tmux is not installed.

use crate::common;

use common::*;

/// RFC 4648 base64, written here rather than shared with the code under test.
fn decode_base64(text: &str) -> Vec<u8> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = Vec::new();
    let (mut acc, mut bits) = (0u32, 0);
    for c in text.bytes().filter(|&c| c != b'=') {
        let v = ALPHABET
            .iter()
            .position(|&a| a == c)
            .unwrap_or_else(|| panic!("not base64: {text}"));
        acc = (acc << 6) | v as u32;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    out
}

/// The texts of every OSC 52 clipboard write in `raw`, decoded.
pub(crate) fn osc52_texts(raw: &[u8]) -> Vec<String> {
    let raw = String::from_utf8_lossy(raw);
    raw.split("\x1b]52;c;")
        .skip(1)
        .map(|rest| {
            let end = rest.find('\x07').expect("OSC 52 ends with BEL");
            String::from_utf8(decode_base64(&rest[..end])).expect("UTF-8")
        })
        .collect()
}

/// The newest clipboard write once it is `pred`, or fail showing them all.
pub(crate) fn wait_for_copy(term: &Pty, what: &str, pred: impl Fn(&str) -> bool) -> String {
    let mut last = Vec::new();
    let found = std::cell::Cell::new(false);
    wait_until(what, || {
        last = osc52_texts(&term.raw());
        found.set(last.last().is_some_and(|t| pred(t)));
        found.get()
    });
    last.pop().unwrap_or_default()
}

#[test]
fn y_copies_the_id_and_shift_y_the_csv_by_osc_52() {
    let sim = Sim::start();
    let epay = blank_epay(&all(&sim.client()));

    let dir = scratch("copy");
    let term = Pty::start("copy", 140, 40, &console_command(&sim, &dir));
    term.wait_for("the list", |s| {
        s.contains("pending") && s.contains("verifone")
    });
    term.keys(&["/"]);
    term.type_text(&format!("id:{}", epay.id));
    term.keys(&["Enter"]);
    term.wait_for("the one row", |s| {
        s.contains(&epay.id[..12]) && s.contains(" 1/")
    });
    assert!(osc52_texts(&term.raw()).is_empty(), "copied before y");

    // `y` opens the copy menu; `y` again is its id.
    term.keys(&["y"]);
    term.wait_for("the copy menu", |s| s.contains("Copy from"));
    term.keys(&["y"]);
    let toast = format!("Copied id {} to the clipboard.", epay.id);
    term.wait_for("the copy's toast", |s| s.contains(&toast));
    let copied = wait_for_copy(&term, "the id by OSC 52", |t| t == epay.id);
    assert_eq!(copied, epay.id);

    term.keys(&["Y"]);
    term.wait_for("the CSV copy's toast", |s| {
        s.contains("Copied 1 row as CSV to the clipboard.")
    });
    let csv = wait_for_copy(&term, "the CSV by OSC 52", |t| t.starts_with("id,"));
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
    assert_eq!(osc52_texts(&term.raw()).len(), 2, "one write per copy");

    term.keys(&["q"]);
    assert_terminal_restored(&term);
}

/// A real terminal multiplexer takes the sequence: tmux stores it as its
/// newest paste buffer.
#[test]
fn tmux_stores_the_copied_id_as_a_paste_buffer() {
    if !tmux_available() {
        println!("skipped: tmux is not installed");
        return;
    }
    let sim = Sim::start();
    let epay = blank_epay(&all(&sim.client()));
    let dir = scratch("copy-tmux");
    let tmux = Tmux::start("copy", 140, 40, &console_command(&sim, &dir));
    // Before the console can copy anything: the server takes OSC 52.
    tmux.tmux(&["set-option", "-s", "set-clipboard", "on"]);
    tmux.wait_for("the list", |s| s.contains("pending"));
    tmux.keys(&["/"]);
    tmux.type_text(&format!("id:{}", epay.id));
    tmux.keys(&["Enter"]);
    tmux.wait_for("the one row", |s| {
        s.contains(&epay.id[..12]) && s.contains(" 1/")
    });
    tmux.keys(&["y"]);
    tmux.wait_for("the copy menu", |s| s.contains("Copy from"));
    tmux.keys(&["y"]);
    wait_until("the id in tmux's buffer", || {
        tmux.tmux(&["show-buffer"]) == epay.id
    });
    tmux.keys(&["q"]);
}

fn a_live_formula(cell: &str) -> bool {
    matches!(
        cell.chars().next(),
        Some('=' | '+' | '-' | '@' | '\t' | '\r')
    )
}

/// Records with escapes, bidi overrides, invisible characters and formulas
/// (`intake sim --hostile`): the screen shows marks, scrolling through them
/// leaves no stale cell, and `Y` and `e` write clean CSV.
#[test]
fn hostile_rows_show_as_marks_leave_no_stale_cells_and_copy_and_export_clean() {
    let dir = scratch("hostile");
    let sim = Sim::start_with(KEY, &["--hostile"], &dir.join("sim.log"));
    let term = Pty::start("hostile", 140, 40, &console_command(&sim, &dir));
    term.wait_for("the list", |s| s.contains("pending"));
    term.keys(&["/"]);
    term.type_text("HOSTILE");
    term.keys(&["Enter"]);
    let top = term.wait_for("the hostile rows", |s| {
        s.contains(" 10/") && s.contains("HOSTILE09request")
    });
    assert!(top.contains("Bidi ⍰isolate⍰"), "{top}");
    // Down through every row (each its own frame, the detail pane too)...
    for n in (0..9).rev() {
        term.keys(&["j"]);
        term.wait_for("the next row", |s| {
            s.contains(&format!("HOSTILE{n:02}request"))
        });
    }
    let bottom = term.screen();
    assert!(bottom.contains("terminalId has letters"), "{bottom}");
    assert!(bottom.contains("11␛[31m00"), "{bottom}");
    // ...and back: the same screen as before, cell for cell.
    for n in 1..10 {
        term.keys(&["k"]);
        term.wait_for("the row before", |s| {
            s.contains(&format!("HOSTILE{n:02}request"))
        });
    }
    let again = term.screen();
    let rows = |s: &str| s.lines().skip(1).map(str::to_string).collect::<Vec<_>>();
    assert_eq!(rows(&again), rows(&top), "no stale cells after scrolling");
    for s in [&top, &bottom, &again] {
        assert!(!s.chars().any(forbidden), "{s}");
    }
    // The hostile name's own OSC 52 never reached the terminal as one.
    assert!(!osc52_texts(&term.raw()).iter().any(|t| t == "hi"));

    term.keys(&["Y"]);
    term.wait_for("the copy", |s| s.contains("Copied 10 rows as CSV"));
    let csv = wait_for_copy(&term, "the CSV by OSC 52", |t| t.starts_with("id,"));
    assert!(!csv.chars().any(forbidden), "{csv}");
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    for row in reader.records() {
        assert!(!row.expect("a row").iter().any(a_live_formula), "{csv}");
    }

    let file = dir.join("hostile.csv");
    term.keys(&["e"]);
    let prompt = term.wait_for("the export prompt", |s| s.contains("intake-export-"));
    let offered = prompt.split("intake-export-").nth(1).map_or(0, |rest| {
        "intake-export-".len() + rest.find(".csv").unwrap_or(0) + ".csv".len()
    });
    term.keys(&vec!["BSpace"; offered]);
    term.type_text(&file.display().to_string());
    term.keys(&["Enter"]);
    term.wait_for("the export", |s| s.contains("Exported 10 requests"));
    let written = std::fs::read_to_string(&file).expect("the export");
    assert!(!written.chars().any(forbidden), "{written}");
    assert!(written.contains("'=HYPERLINK"), "{written}");

    term.keys(&["m"]);
    let log = term.wait_for("the message log", |s| s.contains("Messages, newest first"));
    assert!(!log.chars().any(forbidden), "{log}");
    term.keys(&["Escape", "q"]);
    assert_terminal_restored(&term);
}
