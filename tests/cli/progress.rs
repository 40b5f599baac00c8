//! Progress on stderr, for people only: drawn when stderr is a terminal
//! (a real pseudo-terminal here, read through a vt100 parser), never off
//! one or with `--quiet`, and stdout's bytes the same in every case.

use std::path::Path;

use crate::common;

use common::cli_env::{CliEnv, stderr, stdout};
use common::{KEY, Pty, Sim, all, console_command_with, shell_quote};
use intake::api::{IntegrationRequest, IntegrationType};

/// What a progress bar or spinner would leave in a captured stream.
fn assert_no_progress(what: &str, err: &str) {
    for mark in ['\r', '\u{1b}'] {
        assert!(!err.contains(mark), "{what}: {mark:?} on stderr: {err:?}");
    }
    for words in ["so far", " left", "/s "] {
        assert!(!err.contains(words), "{what}: {words:?} on stderr: {err}");
    }
}

/// Ready to activate (pending, nothing missing), the first `n`.
fn ready_ids(requests: &[IntegrationRequest], n: usize) -> Vec<String> {
    let ids: Vec<String> = requests
        .iter()
        .filter(|r| r.is_pending() && !r.needs_terminal_id())
        .take(n)
        .map(|r| r.id.clone())
        .collect();
    assert_eq!(ids.len(), n, "the seed has {n} ready requests");
    ids
}

/// An import file setting a terminalId on `n` pending non-ePay requests
/// without one.
fn import_file(env: &CliEnv, n: usize) -> String {
    let mut text = String::from("id,terminalId\n");
    let rows = env
        .sim
        .requests()
        .into_iter()
        .filter(|r| r.is_pending() && r.kind != IntegrationType::Epay)
        .filter(|r| r.effective_terminal_id().is_none())
        .take(n)
        .enumerate()
        .map(|(i, r)| format!("{},1100{i:04}\n", r.id))
        .collect::<String>();
    text.push_str(&rows);
    env.write("terminals.csv", &text)
}

/// `intake ARGS` with stdout and stderr piped, run in the test's folder.
async fn in_dir(env: &CliEnv, args: &[&str]) -> std::process::Output {
    let mut c = env.cmd();
    c.current_dir(&env.dir).args(args);
    common::cli_env::run(c).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn off_a_terminal_stderr_has_no_progress_and_quiet_changes_no_stdout_byte() {
    // Two simulators from the same seed: each run changes the one it is
    // sent to, so the same command meets the same data.
    let (plain, quiet) = (
        CliEnv::new("progress-plain").await,
        CliEnv::new("progress-quiet").await,
    );
    let ids = ready_ids(&plain.sim.requests(), 6);
    let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
    let (file_plain, file_quiet) = (import_file(&plain, 3), import_file(&quiet, 3));
    assert_eq!(
        std::fs::read(file_plain).ok(),
        std::fs::read(file_quiet).ok()
    );

    let commands: Vec<Vec<&str>> = vec![
        vec!["list"],
        vec!["list", "--json"],
        [&["activate"][..], &ids].concat(),
        // The same relative path, since the preview names the file.
        vec!["import", "terminals.csv", "--yes", "--activate"],
    ];
    for args in commands {
        let a = in_dir(&plain, &args).await;
        let b = in_dir(&quiet, &[&["--quiet"][..], &args].concat()).await;
        let what = args.join(" ");
        assert!(a.status.success(), "{what}: {}", stderr(&a));
        assert_eq!(a.status.code(), b.status.code(), "{what}");
        assert!(!a.stdout.is_empty(), "{what}");
        assert_eq!(
            stdout(&a),
            stdout(&b),
            "{what}: stdout differs with --quiet"
        );
        assert_no_progress(&what, &stderr(&a));
        assert_no_progress(&what, &stderr(&b));
    }

    // Notes go with --quiet; results and the run's summary stay.
    let twice = [&["activate"][..], &ids[..1], &ids[..1]].concat();
    let o = plain.run(&twice).await;
    assert!(
        stderr(&o).contains("given more than once"),
        "{}",
        stderr(&o)
    );
    let o = quiet.run(&[&["-q"][..], &twice].concat()).await;
    assert!(
        !stderr(&o).contains("given more than once"),
        "{}",
        stderr(&o)
    );
    assert!(stderr(&o).contains("already active"), "{}", stderr(&o));
    assert!(stdout(&o).contains(ids[0]), "{}", stdout(&o));
}

/// A standalone simulator slow enough for a run to be watched.
fn slow_sim(dir: &Path, extra: &[&str]) -> Sim {
    let mut args = vec!["--seed-count", "300", "--latency-ms", "80"];
    args.extend_from_slice(extra);
    Sim::start_with(KEY, &args, &dir.join("sim.log"))
}

/// `intake ARGS` on a pseudo-terminal of 160×48; `redirect` is added to
/// the shell command line (e.g. `> out.txt`).
fn on_terminal(sim: &Sim, dir: &Path, args: &str, redirect: &str) -> Pty {
    let command = format!("{} {redirect}", console_command_with(sim, dir, "", args));
    Pty::start("progress", 160, 48, &command)
}

/// The bar's count, e.g. `7/30 activations done`, anywhere on the screen.
fn shows_count(screen: &str, total: usize, what: &str) -> bool {
    screen.lines().any(|l| {
        l.split_once(&format!("/{total} {what}"))
            .is_some_and(|(before, _)| before.ends_with(|c: char| c.is_ascii_digit()))
    })
}

#[test]
fn on_a_terminal_a_bulk_activation_shows_done_of_total_and_leaves_its_lines_intact() {
    let dir = common::scratch("progress-pty");
    let sim = slow_sim(&dir, &[]);
    let ids = ready_ids(&all(&sim.client()), 30);
    let term = on_terminal(
        &sim,
        &dir,
        &format!("activate --concurrency 2 {}", ids.join(" ")),
        "",
    );

    let running = term.wait_for("done/total while the run goes", |s| {
        shows_count(s, 30, "activations done") && s.contains(" left")
    });
    assert!(running.contains("/s"), "no rate shown:\n{running}");

    assert!(term.exit_status().success(), "{}", term.screen());
    let screen = term.screen();
    let lines: Vec<&str> = screen.lines().map(str::trim_end).collect();
    for id in &ids {
        let mine: Vec<&&str> = lines.iter().filter(|l| l.contains(id.as_str())).collect();
        assert_eq!(mine.len(), 1, "{id} on one line:\n{screen}");
        let line = mine[0];
        assert!(
            line.starts_with(&format!("{id} activated (")) && line.ends_with(')'),
            "{id}'s line is not whole: {line:?}\n{screen}"
        );
    }
    assert!(
        !shows_count(&screen, 30, "activations done") && !screen.contains(" left"),
        "the bar was left on the screen:\n{screen}"
    );
    assert!(
        screen.contains("30 activated, 0 confirmed active"),
        "{screen}"
    );
}

#[test]
fn with_stdout_in_a_file_the_bar_draws_on_stderr_and_the_file_is_what_a_pipe_gets() {
    let dir = common::scratch("progress-file");
    let sim = slow_sim(&dir, &[]);
    let ids = ready_ids(&all(&sim.client()), 24).join(" ");
    let out = dir.join("out.txt");
    let args = format!("activate --concurrency 2 {ids}");
    let term = on_terminal(&sim, &dir, &args, &format!("> {}", shell_quote(&out)));
    term.wait_for("the bar on the terminal", |s| {
        shows_count(s, 24, "activations done")
    });
    assert!(term.exit_status().success(), "{}", term.screen());

    // The same run against a fresh simulator (the same seed), stdout piped.
    let again = common::scratch("progress-pipe");
    let fresh = slow_sim(&again, &[]);
    let piped = std::process::Command::new("sh")
        .args(["-c", &console_command_with(&fresh, &again, "", &args)])
        .output()
        .expect("runs");
    assert!(
        piped.status.success(),
        "{}",
        String::from_utf8_lossy(&piped.stderr)
    );
    let written = std::fs::read(&out).expect("stdout's file");
    assert!(!written.is_empty());
    assert_eq!(
        String::from_utf8_lossy(&written),
        String::from_utf8_lossy(&piped.stdout),
        "stdout differs with the bar drawn"
    );
}

#[test]
fn on_a_terminal_a_listing_counts_the_requests_so_far_then_clears_it() {
    let dir = common::scratch("progress-list");
    let sim = slow_sim(&dir, &["--page-size", "10"]);
    let term = on_terminal(&sim, &dir, "list --json", "> /dev/null");
    let paging = term.wait_for("the count while paging", |s| {
        s.contains("requests so far (") && s.contains(" pages)")
    });
    assert!(paging.contains("Listing:"), "{paging}");
    assert!(term.exit_status().success(), "{}", term.screen());
    let screen = term.screen();
    assert!(!screen.contains("so far"), "left on the screen:\n{screen}");
}

#[test]
fn quiet_on_a_terminal_draws_no_bar() {
    let dir = common::scratch("progress-quiet");
    let sim = slow_sim(&dir, &[]);
    let ids = ready_ids(&all(&sim.client()), 10);
    let args = format!("--quiet activate --concurrency 2 {}", ids.join(" "));
    let term = on_terminal(&sim, &dir, &args, "");
    assert!(term.exit_status().success(), "{}", term.screen());
    let raw = String::from_utf8_lossy(&term.raw()).into_owned();
    assert_no_progress("--quiet on a terminal", &raw.replace("\r\n", "\n"));
    for id in &ids {
        assert!(raw.contains(&format!("{id} activated (")), "{raw}");
    }
}

#[test]
fn on_a_terminal_an_imports_writes_show_done_of_total_and_their_lines_stay_whole() {
    let dir = common::scratch("progress-import");
    let sim = slow_sim(&dir, &[]);
    let rows: Vec<String> = all(&sim.client())
        .into_iter()
        .filter(|r| r.is_pending() && r.kind != IntegrationType::Epay)
        .filter(|r| r.effective_terminal_id().is_none())
        .take(12)
        .map(|r| r.id)
        .collect();
    assert_eq!(rows.len(), 12, "the seed has 12 such requests");
    let csv: String = rows
        .iter()
        .enumerate()
        .map(|(i, id)| format!("{id},1100{i:04}\n"))
        .collect();
    let file = dir.join("terminals.csv");
    std::fs::write(&file, format!("id,terminalId\n{csv}")).expect("write the file");
    let args = format!("import {} --yes --activate", shell_quote(&file));
    let term = on_terminal(&sim, &dir, &args, "");
    assert!(term.exit_status().success(), "{}", term.screen());

    // Every frame the bar drew is in the raw bytes, however fast it went.
    let raw = String::from_utf8_lossy(&term.raw()).into_owned();
    assert!(
        raw.contains("/12 writes done"),
        "no bar for the writes: {raw:?}"
    );
    let screen = term.screen();
    for (i, id) in rows.iter().enumerate() {
        let whole = format!("{id} terminalId set to 1100{i:04}");
        assert!(
            screen.lines().any(|l| l.trim_end().ends_with(&whole)),
            "{id}'s line is not whole:\n{screen}"
        );
    }
    assert!(!screen.contains(" left"), "the bar was left:\n{screen}");
}
