//! The command line's edges: a reader that closes the pipe early, an
//! import with no one to confirm it, and `--help`.

use crate::common;

use std::io::{BufRead, BufReader};
use std::process::Stdio;

use common::cli_env::{CliEnv, run_with_stdin, stderr, stdout};
use intake::sim::SimConfig;

/// Far more output than a pipe holds, so writes meet the closed pipe.
async fn many() -> CliEnv {
    let config = SimConfig {
        seed_count: Some(3000),
        page_size: 500,
        ..SimConfig::default()
    };
    CliEnv::start("edges-pipe", config).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reader_that_stops_early_ends_the_list_quietly_in_every_format() {
    let env = many().await;
    for format in [None, Some("--json"), Some("--csv")] {
        let mut c = env.cmd();
        c.args(["list", "--pending"]).args(format);
        let o = tokio::task::spawn_blocking(move || {
            let mut child = c
                .stdin(Stdio::null())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .expect("binary runs");
            let mut first = String::new();
            let out = child.stdout.take().expect("stdout");
            BufReader::new(out)
                .read_line(&mut first)
                .expect("a first line");
            assert!(!first.is_empty(), "{format:?}: no output");
            // The reader goes away, as `| head -1` does.
            child.wait_with_output().expect("wait")
        })
        .await
        .expect("join");
        assert_eq!(o.status.code(), Some(0), "{format:?}: {}", stderr(&o));
        assert_eq!(stderr(&o), "", "{format:?}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_import_without_a_terminal_or_yes_sends_nothing_and_fails() {
    let env = CliEnv::new("edges-import").await;
    let r = env.find(|r| r.is_pending() && r.effective_terminal_id().is_none());
    let file = env.write("terms.csv", &format!("id,terminalId\n{},11000401\n", r.id));
    let before = env.sim.stats();
    for json in [false, true] {
        let mut c = env.cmd();
        c.args(["import", &file]);
        if json {
            c.arg("--json");
        }
        let o = run_with_stdin(c, None).await;
        assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
        let err = stderr(&o);
        assert!(
            err.trim_end()
                .ends_with("nothing was sent; add --yes to apply without asking."),
            "{err}"
        );
        assert!(!err.contains("panicked"), "{err}");
    }
    assert_eq!(env.sim.stats().update_calls, before.update_calls);
    assert_eq!(env.terminal_id(&r.id), None);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn help_lists_global_options_apart_from_the_commands_own() {
    let env = CliEnv::new("edges-help").await;
    let o = env.run(&["list", "--help"]).await;
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    let own = out.find("\nOptions:\n").expect("the command's options");
    let global = out.find("\nGlobal options:\n").expect("global options");
    assert!(own < global, "{out}");
    let (own_part, global_part) = out.split_at(global);
    assert!(own_part[own..].contains("--pending"), "{out}");
    for flag in ["--profile", "--base-url", "--read-only", "--config"] {
        assert!(global_part.contains(flag), "{flag}: {out}");
        assert!(!own_part.contains(flag), "{flag}: {out}");
    }
}
