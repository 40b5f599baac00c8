//! The runner of the config's commands runs once per request and reports
//! each request's exit status and output, so the console can say how many
//! of them failed.

use crate::api::Secret;
use crate::app::{ApiEvent, CustomRun};
use crate::custom::{RequestValues, Template};

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
