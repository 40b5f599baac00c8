//! The console's start reads the config file once, for both its
//! preferences and the session's profile; the runner of the config's
//! commands runs once per request and reports each request's exit status
//! and output, so the console can say how many of them failed.

use crate::api::Secret;
use crate::app::{ApiEvent, CustomRun};
use crate::config::{self, Overrides};
use crate::custom::{RequestValues, Template};
use crate::session::SessionOptions;

const CONFIG: &str = r#"
default_profile = "sandbox"

[profiles.sandbox]
base_url = "http://127.0.0.1:9"
api_key = "file-key"

[keys]
activate = "x"

[theme]
pending = "magenta"
"#;

#[tokio::test(flavor = "current_thread")]
async fn the_console_reads_its_config_file_once_for_its_keys_and_its_profile() {
    let dir = std::env::temp_dir().join(format!("intake-start-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temp dir");
    let path = dir.join("config.toml");
    std::fs::write(&path, CONFIG).expect("write the config");
    let opts = SessionOptions {
        overrides: Overrides {
            config_path: Some(path),
            ..Overrides::default()
        },
        ..SessionOptions::default()
    };
    let before = config::reads_on_this_thread();
    let (prefs, session) = super::start(&opts).await.expect("the console starts");
    assert_eq!(config::reads_on_this_thread() - before, 1, "read once");
    // Both halves came from that one reading ([keys] was read too: a
    // mistake there would have failed the start).
    assert_eq!(session.settings.profile, "sandbox");
    assert!(prefs.theme.status.contains_key("pending"));
    session.close().await;
    let _ = std::fs::remove_dir_all(&dir);
}

fn request(id: &str) -> RequestValues {
    RequestValues {
        id: id.into(),
        merchant_id: "m".into(),
        merchant_name: None,
        account_id: "a".into(),
        kind: "epay".into(),
        status: "pending".into(),
        terminal_id: None,
    }
}

#[tokio::test(flavor = "current_thread")]
async fn a_command_for_three_requests_reports_each_exit_status() {
    let (_worker_tx, worker_rx) = tokio::sync::mpsc::unbounded_channel();
    let (runs, mut events) = super::custom::runner(worker_rx, Secret::new("k"));
    let template =
        Template::parse("echo ran {id}; case {id} in B) echo bad >&2; exit 2;; esac").expect("ok");
    runs.send(CustomRun {
        index: 0,
        name: "Mixed".into(),
        template,
        requests: ["A", "B", "C"].into_iter().map(request).collect(),
        profile: "p".into(),
        host: "h".into(),
    })
    .expect("the runner takes it");
    let Some(ApiEvent::CustomFinished { index: 0, outcome }) = events.recv().await else {
        panic!("no outcome");
    };
    let seen: Vec<(&str, Option<i32>, &str, &str)> = outcome
        .requests
        .iter()
        .map(|r| (r.id.as_str(), r.code, r.stdout.as_str(), r.stderr.as_str()))
        .collect();
    assert_eq!(
        seen,
        [
            ("A", Some(0), "ran A\n", ""),
            ("B", Some(2), "ran B\n", "bad\n"),
            ("C", Some(0), "ran C\n", ""),
        ]
    );
    assert_eq!(
        (outcome.runs, outcome.code, outcome.failed()),
        (3, Some(2), 1)
    );
}
