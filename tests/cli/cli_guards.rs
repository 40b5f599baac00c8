//! The CLI never replaces a terminalId unasked, and in read-only mode
//! refuses every change before sending it. The built binary against an
//! in-process simulator.

use crate::common;

use common::cli_env::{CliEnv, stderr, stdout};
use intake::api::{IntegrationRequest, IntegrationType};

fn is_blank_epay(r: &IntegrationRequest) -> bool {
    r.kind == IntegrationType::Epay && r.is_pending() && r.effective_terminal_id().is_none()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn update_replaces_a_different_terminal_id_only_with_force() {
    let env = CliEnv::new("force").await;
    let epay = env.find(is_blank_epay);
    let id = epay.id.as_str();

    // No terminalId yet: set without --force.
    let o = env.run(&["update", id, "--terminal-id", "11000021"]).await;
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(env.terminal_id(id).as_deref(), Some("11000021"));

    // A different one: refused, exit 1, both values named, nothing sent.
    let before = env.sim.get(id).expect("stored");
    let o = env.run(&["update", id, "--terminal-id", "11000022"]).await;
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(
        stderr(&o).trim(),
        format!(
            "error: Request {id} already has terminalId 11000021; not replacing it with 11000022. Nothing was sent. Add --force to replace it."
        )
    );
    assert_eq!(
        env.sim.get(id),
        Some(before.clone()),
        "the server is unchanged"
    );

    // The same one: said, nothing sent, exit 0.
    let o = env.run(&["update", id, "--terminal-id", "11000021"]).await;
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        stdout(&o).trim(),
        format!("Request {id} already has terminalId 11000021; nothing was sent.")
    );
    assert_eq!(env.sim.get(id), Some(before), "not even updatedAt moved");
    let o = env
        .run(&["update", id, "--terminal-id", "11000021", "--json"])
        .await;
    assert!(o.status.success(), "{}", stderr(&o));
    let r: IntegrationRequest = serde_json::from_slice(&o.stdout).expect("the request as JSON");
    assert_eq!(r.effective_terminal_id(), Some("11000021"));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert_eq!(v["outcome"], "unchanged", "{v}");
    let said = v["message"].as_str().unwrap_or_default();
    assert!(
        said.contains("already has terminalId 11000021; nothing was sent."),
        "{v}"
    );

    // --force replaces it.
    let o = env
        .run(&["update", id, "--terminal-id", "11000022", "--force"])
        .await;
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(env.terminal_id(id).as_deref(), Some("11000022"));

    // Only the two changes that were sent are in the audit log.
    let audit = std::fs::read_to_string(env.dir.join("audit.jsonl")).expect("audit log");
    assert_eq!(audit.lines().count(), 2, "{audit}");
    env.sim.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn read_only_refuses_every_change_with_exit_2_and_keeps_reads() {
    let env = CliEnv::new("ro").await;
    let blank = env.find(is_blank_epay);
    let ready = env.find(|r| r.is_pending() && !r.needs_terminal_id());
    let csv = env.dir.join("terminals.csv");
    std::fs::write(&csv, format!("id,terminalId\n{},11000041\n", blank.id)).expect("csv");
    let csv = csv.display().to_string();
    let before = env.sim.requests();

    let changes: Vec<(Vec<&str>, &str)> = vec![
        (
            vec!["update", &blank.id, "--terminal-id", "11000040"],
            "set terminalIds",
        ),
        (vec!["activate", &ready.id], "activate requests"),
        (
            vec![
                "create",
                "--merchant",
                &ready.merchant_id,
                "--type",
                "verifone",
                "--account",
                &ready.account_id,
            ],
            "create requests",
        ),
        (vec!["import", &csv, "--yes"], "import terminalIds"),
    ];
    for (args, what) in &changes {
        let mut all = vec!["--read-only"];
        all.extend(args.iter().copied());
        let o = env.run(&all).await;
        assert_eq!(o.status.code(), Some(2), "{all:?}: {}", stderr(&o));
        assert_eq!(
            stderr(&o).trim(),
            format!(
                "error: Read-only: nothing was sent. Run intake without --read-only to {what}."
            )
        );
        assert!(stdout(&o).is_empty(), "{all:?}: {}", stdout(&o));
        // The flag goes anywhere, as the other global flags do.
        let mut after = args.clone();
        after.push("--read-only");
        assert_eq!(env.run(&after).await.status.code(), Some(2), "{after:?}");
    }
    assert_eq!(env.sim.requests(), before, "the server is unchanged");
    assert!(!env.dir.join("audit.jsonl").exists(), "nothing to audit");

    for args in [
        vec!["--read-only", "list", "--pending"],
        vec!["--read-only", "show", &ready.id],
        vec!["--read-only", "log"],
    ] {
        let o = env.run(&args).await;
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
    }
    env.sim.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_read_only_profile_refuses_and_names_itself() {
    let env = CliEnv::new("ro-profile").await;
    let ready = env.find(|r| r.is_pending() && !r.needs_terminal_id());
    let config = env.dir.join("config.toml");
    std::fs::write(
        &config,
        format!(
            "[profiles.audit]\nbase_url = \"{}\"\nread_only = true\n",
            env.sim.base_url()
        ),
    )
    .expect("config");
    let config = config.display().to_string();
    let o = env.run(&["--config", &config, "activate", &ready.id]).await;
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains(
            "Read-only: nothing was sent. Run intake with read_only = false for profile `audit` to activate requests."
        ),
        "{}",
        stderr(&o)
    );
    assert!(env.sim.get(&ready.id).is_some_and(|r| r.is_pending()));
    env.sim.shutdown().await;
}
