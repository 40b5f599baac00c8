//! `--json` as a contract: every command's real output, from the built
//! binary against the in-process simulator, validated against its schema in
//! docs/schemas/ (JSON Lines line by line, the summary line included); a
//! killed `activate --json` leaving the lines it finished; and the outcome
//! identifiers agreeing in the code, the schemas, README and docs/json.md.

use crate::common;

use std::io::{BufRead, BufReader, Read};
use std::process::Stdio;

use common::cli_env::{CliEnv, json_lines, ready, stderr};
use intake::api::{IntegrationRequest, IntegrationType};
use intake::sim::{Faults, SimConfig};
use serde_json::Value;

mod docs;
pub mod schema;
mod schema_checks;

use schema::Schemas;

/// stdout as one JSON document.
fn document(o: &std::process::Output) -> Value {
    serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}\n{}", common::cli_env::stdout(o), stderr(o)))
}

/// Each JSON line valid against `schema`; the last one the summary.
fn valid_lines(schemas: &mut Schemas, schema: &str, o: &std::process::Output) -> Vec<Value> {
    let lines = json_lines(o);
    for line in &lines {
        schemas.assert_valid(schema, line);
    }
    let last = lines.last().expect("at least the summary line");
    assert_eq!(last["kind"], "summary", "{}", stderr(o));
    lines
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_commands_json_matches_its_schema() {
    let env = CliEnv::new("json-contract").await;
    let mut schemas = Schemas::docs();

    let o = env.run(&["list", "--json"]).await;
    assert!(o.status.success(), "{}", stderr(&o));
    let list = document(&o);
    schemas.assert_valid("list.schema.json", &list);

    // show carries merchantName as list does.
    let blank =
        env.find(|r| r.is_pending() && r.kind == IntegrationType::Epay && r.needs_terminal_id());
    let o = env.run(&["show", &blank.id, "--json"]).await;
    assert!(o.status.success(), "{}", stderr(&o));
    let shown = document(&o);
    schemas.assert_valid("show.schema.json", &shown);
    assert_eq!(shown["merchantName"], env.merchant_name(&blank.merchant_id));
    let listed = list
        .as_array()
        .and_then(|l| l.iter().find(|r| r["id"] == blank.id.as_str()));
    assert_eq!(Some(&shown), listed, "show and list give one shape");

    update_and_create(&env, &mut schemas, &blank).await;
    activate_lines(&env, &mut schemas).await;
    import_lines(&env, &mut schemas).await;

    let o = env.run(&["log", "--json"]).await;
    assert!(o.status.success(), "{}", stderr(&o));
    let log = json_lines(&o);
    assert!(log.len() > 5, "{log:?}");
    for line in &log {
        schemas.assert_valid("log.schema.json", line);
    }

    // The settings: the environment's, and a key bound in a file so a
    // file origin (path and line) shows too.
    let config = env.write("config.toml", "[keys]\nquit = \"Q\"\n");
    let o = env
        .run(&["--config", &config, "config", "show", "--json"])
        .await;
    assert!(o.status.success(), "{}", stderr(&o));
    let settings = document(&o);
    schemas.assert_valid("config-show.schema.json", &settings);
    let kinds: Vec<&str> = settings
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| s["origin"]["kind"].as_str())
        .collect();
    for kind in ["flag", "env", "file", "default"] {
        assert!(kinds.contains(&kind), "no {kind} origin: {settings}");
    }
    env.sim.shutdown().await;
}

async fn update_and_create(env: &CliEnv, schemas: &mut Schemas, blank: &IntegrationRequest) {
    let set = ["update", &blank.id, "--terminal-id", "11000031", "--json"];
    for outcome in ["updated", "unchanged"] {
        let o = env.run(&set).await;
        assert!(o.status.success(), "{}", stderr(&o));
        let changed = document(&o);
        schemas.assert_valid("change.schema.json", &changed);
        assert_eq!(changed["outcome"], outcome, "{changed}");
        assert_eq!(changed["terminalId"], "11000031");
    }
    let free = env
        .sim
        .merchant_without(&IntegrationType::Windcave)
        .expect("a merchant without windcave");
    let account = free.account_id.clone().expect("account");
    let args = ["create", "--merchant", &free.id, "--type", "windcave"];
    let o = env
        .run(&[&args[..], &["--account", &account, "--json"]].concat())
        .await;
    assert!(o.status.success(), "{}", stderr(&o));
    let created = document(&o);
    schemas.assert_valid("change.schema.json", &created);
    assert_eq!(created["outcome"], "created", "{created}");
}

async fn activate_lines(env: &CliEnv, schemas: &mut Schemas) {
    let blank =
        env.find(|r| r.is_pending() && r.kind == IntegrationType::Epay && r.needs_terminal_id());
    let fine = env.find(ready);
    let args = [
        "activate",
        "--json",
        &fine.id,
        &blank.id,
        "NoSuchRequest000000000",
    ];
    let o = env.run(&args).await;
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let lines = valid_lines(schemas, "activate.schema.json", &o);
    let outcomes: Vec<&Value> = lines.iter().map(|l| &l["outcome"]).collect();
    assert_eq!(
        outcomes[..3],
        ["activated", "refused", "failed"],
        "{lines:?}"
    );
    assert_eq!(lines[1]["errorCode"], "INTEGRATION_PARAM_MISSING");
    assert_eq!(lines[3]["total"], 3);
    // The same again: already active.
    let o = env.run(&["activate", "--json", &fine.id]).await;
    assert!(o.status.success(), "{}", stderr(&o));
    let lines = valid_lines(schemas, "activate.schema.json", &o);
    assert_eq!(lines[0]["outcome"], "already_active");
    // Nothing to resume still ends in a summary.
    let o = env.run(&["activate", "--resume", "--json"]).await;
    assert!(o.status.success(), "{}", stderr(&o));
    valid_lines(schemas, "activate.schema.json", &o);
}

async fn import_lines(env: &CliEnv, schemas: &mut Schemas) {
    let bare: Vec<IntegrationRequest> = env
        .sim
        .requests()
        .into_iter()
        .filter(|r| r.kind == IntegrationType::Epay && r.is_pending() && r.needs_terminal_id())
        .take(2)
        .collect();
    let text = format!(
        "id,terminalId\n{},11000041\n{},11000042\nNoSuchRequest000000000,11000043\nbad/id,x\n",
        bare[0].id, bare[1].id
    );
    let file = env.write("contract.csv", &text);
    let o = env
        .run(&["import", &file, "--yes", "--activate", "--json"])
        .await;
    assert!(o.status.success(), "{}", stderr(&o));
    let lines = valid_lines(schemas, "import.schema.json", &o);
    let kinds: Vec<&str> = lines.iter().filter_map(|l| l["kind"].as_str()).collect();
    assert_eq!(
        kinds,
        [
            "plan",
            "update",
            "update",
            "activation",
            "activation",
            "summary"
        ],
        "{lines:?}"
    );
    assert_eq!(lines[0]["counts"]["willSet"], 2);
    assert_eq!(lines[0]["counts"]["unknownRequest"], 1);
    assert_eq!(lines[1]["outcome"], "updated");
    assert_eq!(lines[3]["outcome"], "activated");
    assert_eq!(lines[5]["set"], 2);
    // Nothing confirmed (no --yes, no terminal): the plan, then the summary.
    let o = env.run(&["import", &file, "--json"]).await;
    let lines = valid_lines(schemas, "import.schema.json", &o);
    assert_eq!(lines.len(), 2, "{lines:?}");
}

/// A run killed part way leaves on stdout every line it finished, each
/// whole and valid, and no summary. The first line is read while the run
/// is still going (the simulator answers slowly), so lines are not held
/// back until the end.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_killed_activate_json_leaves_the_lines_it_finished() {
    let faults = Faults {
        latency_min_ms: 300,
        latency_max_ms: 300,
        ..Faults::default()
    };
    let config = SimConfig {
        faults,
        ..SimConfig::default()
    };
    let env = CliEnv::start("json-killed", config).await;
    let ids: Vec<String> = env
        .sim
        .requests()
        .into_iter()
        .filter(ready)
        .take(8)
        .map(|r| r.id)
        .collect();
    let mut c = env.cmd();
    c.args(["activate", "--json", "--concurrency", "1"])
        .args(&ids)
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    let (first, running, rest) = tokio::task::spawn_blocking(move || {
        let mut child = c.spawn().expect("binary runs");
        let mut out = BufReader::new(child.stdout.take().expect("stdout"));
        let mut first = String::new();
        out.read_line(&mut first).expect("the first line");
        let running = child.try_wait().expect("try_wait").is_none();
        child.kill().expect("kill");
        child.wait().expect("wait");
        let mut rest = String::new();
        out.read_to_string(&mut rest).expect("the rest");
        (first, running, rest)
    })
    .await
    .expect("join");
    assert!(running, "the first line came only once the run had ended");
    assert!(first.ends_with('\n'), "{first:?}");
    let mut schemas = Schemas::docs();
    let printed: Vec<Value> = std::iter::once(first.as_str())
        .chain(rest.lines())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: a whole line: {l}")))
        .collect();
    for line in &printed {
        schemas.assert_valid("activate.schema.json", line);
        assert_eq!(
            line["kind"], "activation",
            "killed before the summary: {line}"
        );
    }
    assert_eq!(printed[0]["id"], ids[0].as_str());
    assert_eq!(printed[0]["outcome"], "activated");
    assert!(printed.len() < ids.len(), "{printed:?}");
    env.sim.shutdown().await;
}

/// `log --json` prints each line exactly as the file holds it: a later
/// version's words and fields, and a timestamp's own form, pass through.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn log_json_prints_the_lines_exactly_as_the_file_holds_them() {
    let env = CliEnv::new("log-as-written").await;
    let lines = [
        r#"{"time":"2026-12-07T05:20:00.000Z","profile":"default","host":"example.test","action":"activate","id":"R1","outcome":"activated"}"#,
        r#"{"time":"2026-12-07T05:21:00Z","profile":"default","host":"example.test","action":"delete","id":"R2","outcome":"deleted","errorCode":"X","note":"a later version's field"}"#,
    ];
    std::fs::write(env.audit_path(), format!("{}\n{}\n", lines[0], lines[1])).expect("write");
    let o = env.run(&["log", "--json"]).await;
    assert!(o.status.success(), "{}", stderr(&o));
    let printed = String::from_utf8_lossy(&o.stdout);
    assert_eq!(printed, format!("{}\n{}\n", lines[0], lines[1]));
    let mut schemas = Schemas::docs();
    for line in json_lines(&o) {
        schemas.assert_valid("log.schema.json", &line);
    }
}
