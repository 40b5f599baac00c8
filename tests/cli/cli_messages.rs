//! CLI sentences name commands, never the console's keys.

use crate::common;

use common::cli_env::{CliEnv, stdout};
use intake::api::IntegrationType;

/// A console key as a sentence would name it (`t`, "press r"...).
fn names_a_console_key(text: &str) -> bool {
    let keys = [
        "t", "a", "A", "r", "R", "e", "i", "p", "y", "q", "m", "?", "/",
    ];
    keys.iter().any(|k| text.contains(&format!("`{k}`"))) || text.to_lowercase().contains("press ")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cli_refusal_names_the_command_to_run_and_no_console_key() {
    let env = CliEnv::new("messages-refusal").await;
    let blank =
        env.find(|r| r.is_pending() && r.kind == IntegrationType::Epay && r.needs_terminal_id());
    let o = env.run(&["activate", &blank.id]).await;
    assert_eq!(o.status.code(), Some(1));
    let out = format!("{}{}", stdout(&o), String::from_utf8_lossy(&o.stderr));
    assert!(
        out.contains(&format!(
            "Set one with `intake update {} --terminal-id TERMINAL_ID`, then activate it again.",
            blank.id
        )),
        "{out}"
    );
    assert!(!names_a_console_key(&out), "{out}");
    env.sim.shutdown().await;
}

#[test]
fn the_shared_api_sentences_name_no_console_key() {
    use intake::api::ApiError;
    for e in [
        ApiError::ParamMissing,
        ApiError::AlreadyActivated,
        ApiError::AlreadyRequested,
    ] {
        let text = e.to_string();
        assert!(!names_a_console_key(&text), "{text}");
    }
}
