//! The built binary's output and exit codes, against an in-process simulator.

use crate::common;

use common::cli_env::{CliEnv, run, stderr, stdout};
use common::forbidden;
use intake::api::{IntegrationRequest, IntegrationType, Status};
use intake::audit::Outcome;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn list_prints_a_table_json_and_csv() {
    let env = CliEnv::new("list").await;
    let total = env.sim.requests().len();

    let o = env.run(&["list"]).await;
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    let mut lines = out.lines();
    let header = lines.next().expect("header");
    for col in [
        "ID", "STATUS", "TYPE", "MERCHANT", "ACCOUNT", "TERMINAL", "AGE",
    ] {
        assert!(header.contains(col), "{header}");
    }
    assert_eq!(lines.count(), total);
    // Merchant names stand beside their ids, with a TEST tag for test merchants.
    let merchants = env.sim.merchants();
    let first = env.sim.requests().into_iter().next().expect("seeded");
    let merchant = merchants
        .iter()
        .find(|m| m.id == first.merchant_id)
        .expect("the seed names its merchants");
    let row = out
        .lines()
        .find(|l| l.starts_with(&first.id))
        .expect("the first request is listed");
    assert!(row.contains(&merchant.name), "{row}");
    if let Some(test) = merchants.iter().find(|m| m.test) {
        assert!(
            out.lines()
                .any(|l| l.contains(&format!("{} [TEST]", test.name))),
            "{out}"
        );
    }

    let o = env
        .run(&["list", "--json", "--pending", "--type", "epay"])
        .await;
    assert!(o.status.success(), "{}", stderr(&o));
    let items: Vec<IntegrationRequest> = serde_json::from_slice(&o.stdout).expect("json");
    let expected = env
        .sim
        .requests()
        .into_iter()
        .filter(|r| r.kind == IntegrationType::Epay && r.status == Status::Pending)
        .count();
    assert_eq!(items.len(), expected);
    assert!(
        items
            .iter()
            .all(|r| r.kind == IntegrationType::Epay && r.is_pending())
    );

    let o = env.run(&["list", "--csv"]).await;
    assert!(o.status.success());
    let out = stdout(&o);
    assert!(
        out.starts_with("id,status,type,merchantId,accountId,terminalId,createdAt"),
        "{out}"
    );
    assert!(
        out.lines()
            .next()
            .is_some_and(|h| h.ends_with(",merchantName,merchantTest")),
        "{out}"
    );
    assert!(out.contains(&merchant.name), "{out}");
    assert_eq!(out.lines().count(), total + 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn show_update_activate_create_and_their_exit_codes() {
    let env = CliEnv::new("ops").await;
    let epay = env
        .sim
        .requests()
        .into_iter()
        .find(|r| {
            r.kind == IntegrationType::Epay && r.is_pending() && r.effective_terminal_id().is_none()
        })
        .expect("an epay without terminalId");

    show_and_its_errors(&env, &epay).await;
    terminal_id_before_activation(&env, &epay).await;
    activate_several_then_again(&env, &epay).await;
    create_and_its_refusals(&env).await;
    let o = env.run(&["activate"]).await;
    assert_eq!(o.status.code(), Some(2), "clap usage errors exit 2");
}

/// `show` of a request, of an unknown id (exit 1) and of a malformed one (exit 2).
async fn show_and_its_errors(env: &CliEnv, epay: &IntegrationRequest) {
    let o = env.run(&["show", &epay.id]).await;
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains(&epay.merchant_id) && out.contains("epay: terminalId missing"),
        "{out}"
    );

    // unknown id: API error, exit 1, a sentence
    let o = env.run(&["show", "NoSuchRequest000000000"]).await;
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("does not exist or this API key cannot see it"),
        "{}",
        stderr(&o)
    );

    // malformed id: usage, exit 2, nothing sent
    let o = env.run(&["show", "a/b"]).await;
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("not a valid request id"),
        "{}",
        stderr(&o)
    );
}

/// An ePay request refuses activation until a valid terminalId is set.
async fn terminal_id_before_activation(env: &CliEnv, epay: &IntegrationRequest) {
    // activate before the terminalId: domain error line, exit 1
    let o = env.run(&["activate", &epay.id]).await;
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains("INTEGRATION_PARAM_MISSING"),
        "{}",
        stdout(&o)
    );

    // invalid terminalId for epay: exit 2, nothing stored
    let o = env
        .run(&["update", &epay.id, "--terminal-id", "12ab"])
        .await;
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("digits only"), "{}", stderr(&o));
    assert_eq!(env.sim.get(&epay.id).expect("stored").terminal_id, None);

    let o = env
        .run(&["update", &epay.id, "--terminal-id", "11000021"])
        .await;
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        env.sim
            .get(&epay.id)
            .expect("stored")
            .terminal_id
            .as_deref(),
        Some("11000021")
    );
}

async fn activate_several_then_again(env: &CliEnv, epay: &IntegrationRequest) {
    // activate several: one line each, exit 1 because one failed
    let other = env
        .sim
        .requests()
        .into_iter()
        .find(|r| r.is_pending() && !r.needs_terminal_id() && r.id != epay.id)
        .expect("another pending");
    let o = env
        .run(&["activate", &epay.id, &other.id, "NoSuchRequest000000000"])
        .await;
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert!(
        lines[0].starts_with(&format!("{} activated", epay.id)),
        "{out}"
    );
    assert!(
        lines[1].starts_with(&format!("{} activated", other.id)),
        "{out}"
    );
    assert!(
        lines[2].starts_with("NoSuchRequest000000000 failed: Forbidden"),
        "{out}"
    );
    assert_eq!(
        env.sim.get(&epay.id).expect("stored").status,
        Status::Active
    );
    assert_eq!(
        env.sim.get(&other.id).expect("stored").status,
        Status::Active
    );

    // again: already active is not a failure
    let o = env.run(&["activate", &epay.id, "--json"]).await;
    assert!(o.status.success(), "{}", stderr(&o));
    let v = common::cli_env::json_lines(&o);
    assert_eq!(v[0]["outcome"], "already_active");
    assert_eq!(v[0]["errorCode"], "INTEGRATION_ALREADY_ACTIVATED");
    assert_eq!(v[1]["kind"], "summary");
    assert_eq!(v[1]["alreadyActive"], 1);
}

async fn create_and_its_refusals(env: &CliEnv) {
    // create, and the duplicate
    let free = env
        .sim
        .merchant_without(&IntegrationType::Windcave)
        .expect("a merchant without windcave");
    let free_account = free.account_id.clone().expect("account");
    let args = [
        "create",
        "--merchant",
        &free.id,
        "--type",
        "windcave",
        "--account",
        &free_account,
    ];
    let o = env.run(&args).await;
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains(&format!(
        "created (windcave, merchant {}, pending)",
        free.id
    )));
    let o = env.run(&args).await;
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("INTEGRATION_ALREADY_REQUESTED"),
        "{}",
        stderr(&o)
    );

    let o = env
        .run(&[
            "create",
            "--merchant",
            "abc",
            "--type",
            "paypal",
            "--account",
            "A",
        ])
        .await;
    assert!(
        stderr(&o).contains("paypal is not a type the API documents"),
        "{}",
        stderr(&o)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn missing_config_is_a_clear_usage_error() {
    let env = CliEnv::new("noconfig").await;
    let mut c = env.cmd();
    c.env_remove("CENTRAPAY_API_KEY")
        .env_remove("CENTRAPAY_BASE_URL")
        .arg("list");
    let o = run(c).await;
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("No configuration found at") && err.contains("intake --demo"),
        "{err}"
    );
    assert!(err.contains("config.toml"), "{err}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn config_init_writes_0600_and_profiles_resolve() {
    let env = CliEnv::new("init").await;
    let path = env.dir.join("cfg").join("config.toml");
    let mut c = env.cmd();
    c.env("INTAKE_CONFIG", &path).args(["config", "path"]);
    let o = run(c).await;
    assert_eq!(stdout(&o).trim(), path.display().to_string());

    let mut c = env.cmd();
    c.env("INTAKE_CONFIG", &path).args(["config", "init"]);
    let o = run(c).await;
    assert!(o.status.success(), "{}", stderr(&o));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path)
            .expect("written")
            .permissions()
            .mode()
            & 0o777;
        assert_eq!(mode, 0o600);
    }

    // a profile pointing at the simulator, picked by --profile
    let text = format!(
        "default_profile = \"production\"\n[profiles.local]\nbase_url = \"{}\"\napi_key = \"{}\"\n[profiles.production]\nbase_url = \"https://service.centrapay.com\"\napi_key = \"nope\"\n",
        env.sim.base_url(),
        env.sim.api_key()
    );
    intake::config::write_private(&path, text.as_bytes()).expect("write");
    let mut c = env.cmd();
    c.env_remove("CENTRAPAY_API_KEY")
        .env_remove("CENTRAPAY_BASE_URL")
        .env("INTAKE_CONFIG", &path)
        .args(["--profile", "local", "list", "--json"]);
    let o = run(c).await;
    assert!(o.status.success(), "{}", stderr(&o));

    let mut c = env.cmd();
    c.env_remove("CENTRAPAY_API_KEY")
        .env("INTAKE_CONFIG", &path)
        .args(["--profile", "staging", "list"]);
    let o = run(c).await;
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("Profile `staging` is not in"),
        "{}",
        stderr(&o)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn demo_runs_any_command_without_credentials() {
    let env = CliEnv::new("demo").await;
    let mut c = env.cmd();
    c.env_remove("CENTRAPAY_API_KEY")
        .env_remove("CENTRAPAY_BASE_URL")
        .args(["--demo", "list", "--pending"]);
    let o = run(c).await;
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).lines().count() > 10);
    assert!(stdout(&o).lines().skip(1).all(|l| l.contains("pending")));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_api_key_never_reaches_output_or_logs() {
    let env = CliEnv::new("secret").await;
    let canary = "sk_live_CANARY_7f3a9c";
    let mut outputs = Vec::new();
    for args in [
        vec!["--log-level", "trace", "list"],
        vec!["--log-level", "trace", "show", "DKTs3U38hdhfEqwF1JKoT2"],
        vec![
            "--log-level",
            "trace",
            "activate",
            "DKTs3U38hdhfEqwF1JKoT2",
            "X2",
        ],
        vec![
            "--log-level",
            "trace",
            "update",
            "DKTs3U38hdhfEqwF1JKoT2",
            "--terminal-id",
            "1",
        ],
        vec![
            "--log-level",
            "trace",
            "--base-url",
            "http://example.com",
            "list",
        ],
        vec![
            "--log-level",
            "trace",
            "--base-url",
            "http://127.0.0.1:1",
            "list",
        ],
    ] {
        let mut c = env.cmd();
        c.env("CENTRAPAY_API_KEY", canary).args(&args);
        let o = run(c).await;
        assert_ne!(
            o.status.code(),
            Some(0),
            "{args:?} should fail with a wrong key"
        );
        outputs.push(stdout(&o));
        outputs.push(stderr(&o));
    }
    outputs.push(std::fs::read_to_string(env.dir.join("intake.log")).unwrap_or_default());
    for text in &outputs {
        assert!(!text.contains(canary), "the key leaked: {text}");
        assert!(!text.contains("CANARY"), "part of the key leaked: {text}");
    }
    assert!(
        outputs
            .iter()
            .any(|t| t.contains("The API key was refused"))
    );
}

/// Lost and odd answers through the real binary: what the server holds
/// decides the outcome, the exit code follows it, and the sentence's
/// command, run as given, finishes the job.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lost_answers_are_settled_by_reading_back_and_their_advice_works() {
    use intake::sim::Faults;
    let env = CliEnv::new("lost").await;
    let blanks: Vec<_> = env
        .sim
        .requests()
        .into_iter()
        .filter(|r| r.is_pending() && r.kind == IntegrationType::Epay && r.needs_terminal_id())
        .take(2)
        .collect();
    // A write of this key's shows its CRN, kept on disk for the next process.
    let o = env
        .run(&["update", &blanks[0].id, "--terminal-id", "11000071"])
        .await;
    assert!(o.status.success(), "{}", stderr(&o));

    // A create whose answer is lost: found, and known to be this key's.
    let free = env
        .sim
        .merchant_without(&IntegrationType::Windcave)
        .expect("a merchant without windcave");
    let account = free.account_id.clone().expect("account");
    env.sim.set_faults(Faults {
        drop_writes_after: true,
        ..Faults::default()
    });
    let args = [
        "create",
        "--merchant",
        &free.id,
        "--type",
        "windcave",
        "--account",
        &account,
    ];
    let o = env.run(&args).await;
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("confirmed by searching for it, since the server's answer was lost"),
        "{}",
        stdout(&o)
    );
    assert_eq!(env.sim.stats().create_calls, 1, "never sent twice");
    let last = env.audit().pop().expect("a line");
    assert_eq!(last.outcome, Outcome::ConfirmedCreated);

    // An update answered 200 without the value: not applied, exit 1.
    env.sim.set_faults(Faults {
        ignore_updates: true,
        ..Faults::default()
    });
    let id = &blanks[1].id;
    let o = env.run(&["update", id, "--terminal-id", "11000072"]).await;
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    let advice = format!("Set it again with `intake update {id} --terminal-id 11000072`.");
    assert!(stderr(&o).contains(&advice), "{}", stderr(&o));
    assert_eq!(
        env.audit().pop().map(|r| r.outcome),
        Some(Outcome::NotApplied)
    );
    // Followed to the letter once the server takes updates again.
    env.sim.set_faults(Faults::default());
    let o = env.run(&["update", id, "--terminal-id", "11000072"]).await;
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        env.sim
            .get(id)
            .and_then(|r| r.effective_terminal_id().map(str::to_string))
            .as_deref(),
        Some("11000072")
    );
    env.sim.shutdown().await;
}

/// Every CLI writer against records with escapes, bidi overrides,
/// invisible characters and formulas: tables, `show`, messages and CSV
/// write none of them raw and no live formula; `--json` keeps every value.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_cli_writer_passes_hostile_text_raw_and_json_stays_faithful() {
    let env = CliEnv::start(
        "hostile",
        intake::sim::SimConfig {
            hostile: true,
            ..intake::sim::SimConfig::default()
        },
    )
    .await;
    let hostile: Vec<IntegrationRequest> = env
        .sim
        .requests()
        .into_iter()
        .filter(|r| r.id.starts_with("HOSTILE"))
        .collect();
    assert_eq!(hostile.len(), 10);
    let clean_out = |o: &std::process::Output| {
        for text in [stdout(o), stderr(o)] {
            assert!(!text.chars().any(forbidden), "{text}");
        }
    };
    let o = env.run(&["list", "--pending"]).await;
    assert!(o.status.success(), "{}", stderr(&o));
    clean_out(&o);
    assert!(stdout(&o).contains("11␛[31m00"), "{}", stdout(&o));
    for r in &hostile {
        let o = env.run(&["show", &r.id]).await;
        assert!(o.status.success(), "{}", stderr(&o));
        clean_out(&o);
    }
    let o = env.run(&["show", "HOSTILE01request"]).await;
    assert!(
        stdout(&o).contains("(terminalId has letters)"),
        "{}",
        stdout(&o)
    );
    // A refusal quoting the server's value.
    let o = env
        .run(&["update", "HOSTILE00request", "--terminal-id", "11000021"])
        .await;
    assert_eq!(o.status.code(), Some(1));
    clean_out(&o);
    assert!(
        stderr(&o).contains("already has terminalId 11␛[31m00"),
        "{}",
        stderr(&o)
    );

    let o = env.run(&["list", "--pending", "--csv"]).await;
    assert!(o.status.success(), "{}", stderr(&o));
    clean_out(&o);
    let mut reader = csv::Reader::from_reader(o.stdout.as_slice());
    for row in reader.records() {
        for cell in &row.expect("a row") {
            assert!(
                !matches!(
                    cell.chars().next(),
                    Some('=' | '+' | '-' | '@' | '\t' | '\r')
                ),
                "a live formula: {cell:?}"
            );
        }
    }
    // The export reads back as an import: the `'` before a formula is dropped.
    let file = env.write("back.csv", &stdout(&o));
    let o = env.run(&["import", &file]).await;
    clean_out(&o);
    assert!(stdout(&o).contains("unchanged"), "{}", stdout(&o));

    // The audit log keeps the server's terminalId exactly; `intake log`
    // shows it marked.
    let o = env.run(&["activate", "HOSTILE00request"]).await;
    assert!(o.status.success(), "{}", stderr(&o));
    clean_out(&o);
    let o = env.run(&["log"]).await;
    assert!(o.status.success(), "{}", stderr(&o));
    clean_out(&o);
    assert!(stdout(&o).contains("11␛[31m00"), "{}", stdout(&o));
    let audited = env.audit().pop().expect("a line");
    assert_eq!(audited.terminal_id.as_deref(), Some("11\u{1b}[31m00"));

    json_keeps_every_value(&env, &hostile).await;
    env.sim.shutdown().await;
}

/// `list --json` and `show --json` give each hostile value exactly as the
/// server sent it, in the documented shape.
async fn json_keeps_every_value(env: &CliEnv, hostile: &[IntegrationRequest]) {
    let mut schemas = crate::json_contract::schema::Schemas::docs();
    let o = env.run(&["list", "--json"]).await;
    let listed: Vec<IntegrationRequest> = serde_json::from_slice(&o.stdout).expect("json");
    let document: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    schemas.assert_valid("list.schema.json", &document);
    for r in hostile {
        let got = listed.iter().find(|l| l.id == r.id).expect("listed");
        assert_eq!(got.terminal_id, r.terminal_id, "exactly as received");
        assert_eq!(got.created_by, r.created_by);
    }
    for r in hostile.iter().take(3) {
        let o = env.run(&["show", &r.id, "--json"]).await;
        let shown: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
        schemas.assert_valid("show.schema.json", &shown);
        let sent = serde_json::to_value(env.sim.get(&r.id).expect("stored")).expect("json");
        for (key, value) in sent.as_object().expect("an object") {
            assert_eq!(&shown[key], value, "{key} exactly as sent");
        }
    }
}
