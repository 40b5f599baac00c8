//! The API key stays out of the log file at trace level on calls that
//! succeed (the failing ones are covered in tests/cli/cli.rs).

use crate::common;

use common::cli_env::{CliEnv, ready, stderr, stdout};
use intake::sim::{Faults, SimConfig};

const CANARY: &str = "sk_live_CANARY_trace_4d1e9b";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_api_key_is_absent_from_the_trace_log_on_successful_calls() {
    let env = CliEnv::start(
        "log-secrets",
        SimConfig {
            api_key: CANARY.to_string(),
            ..SimConfig::default()
        },
    )
    .await;
    let shown = env.find(|_| true).id;
    let to_activate = env.find(ready).id;
    let epay = env.find(|r| r.is_pending() && r.needs_terminal_id()).id;
    // Some 500s, retried to success, so the log holds the retry lines a
    // trace-level run writes and not just nothing.
    env.sim.set_faults(Faults {
        error_rate: 0.3,
        ..Faults::default()
    });
    let mut outputs = Vec::new();
    for args in [
        vec!["--log-level", "trace", "list"],
        vec!["--log-level", "trace", "show", &shown],
        vec![
            "--log-level",
            "trace",
            "update",
            &epay,
            "--terminal-id",
            "11000021",
        ],
        vec!["--log-level", "trace", "activate", &to_activate],
    ] {
        let mut c = env.cmd();
        c.env("INTAKE_RETRY_ATTEMPTS", "20").args(&args);
        let o = common::cli_env::run(c).await;
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        outputs.push(stdout(&o));
        outputs.push(stderr(&o));
    }
    let stats = env.sim.stats();
    assert!(stats.faults.server_errors > 0, "{stats:?}");
    let log = std::fs::read_to_string(env.dir.join("intake.log")).expect("the log file");
    assert!(
        log.contains("retrying"),
        "the trace-level log records the retries: {log}"
    );
    outputs.push(log);
    for text in &outputs {
        assert!(!text.contains(CANARY), "the key leaked: {text}");
    }
}

/// The log file after `intake ARGS` alone, with room for many retries.
async fn log_of(env: &CliEnv, args: &[&str]) -> String {
    let _ = std::fs::remove_file(env.dir.join("intake.log"));
    let mut c = env.cmd();
    c.env("INTAKE_RETRY_ATTEMPTS", "40").args(args);
    let o = common::cli_env::run(c).await;
    assert!(o.status.success(), "{args:?}: {}", stderr(&o));
    std::fs::read_to_string(env.dir.join("intake.log")).unwrap_or_default()
}

/// `--log-level` picks what intake writes; other crates' chatter stays at
/// warnings. Retries are logged at debug, so a run that retries shows both.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_log_level_decides_what_the_log_file_holds() {
    let env = CliEnv::new("log-level").await;
    env.sim.set_faults(Faults {
        error_rate: 0.5,
        ..Faults::default()
    });
    let info = log_of(&env, &["list"]).await;
    assert!(!info.contains(" DEBUG "), "debug lines at info: {info}");
    assert!(!info.contains("retrying"), "{info}");
    let debug = log_of(&env, &["--log-level", "debug", "list"]).await;
    assert!(
        debug.contains(" DEBUG ") && debug.contains("retrying"),
        "{debug}"
    );
    assert!(!debug.contains(" TRACE "), "{debug}");
    for line in debug
        .lines()
        .filter(|l| l.contains(" DEBUG ") || l.contains(" INFO "))
    {
        assert!(
            line.contains(" intake"),
            "another crate's line below warn: {line}"
        );
    }
}
