//! Every CLI command against a simulator of each API revision: the
//! reference (no `GET /{id}`, `POST …/update`), the later one (`GET /{id}`,
//! `PUT …/configs`, no `POST …/update`) and both. Each asserts the output
//! and what the server holds afterwards.

use crate::common;

use common::cli_env::{CliEnv, ready, stderr, stdout};
use intake::api::{IntegrationRequest, IntegrationType, Status};
use intake::audit::{self, AuditLog, Event};
use intake::sim::{Revision, SimConfig};

async fn env_of(name: &str, revision: Revision) -> CliEnv {
    CliEnv::start(
        &format!("{name}-{revision}"),
        SimConfig {
            revision,
            ..SimConfig::default()
        },
    )
    .await
}

fn blank_epay(r: &IntegrationRequest) -> bool {
    r.kind == IntegrationType::Epay && r.is_pending() && r.effective_terminal_id().is_none()
}

/// `n` distinct requests `pred` accepts.
fn take(env: &CliEnv, n: usize, pred: impl Fn(&IntegrationRequest) -> bool) -> Vec<String> {
    let ids: Vec<String> = env
        .sim
        .requests()
        .into_iter()
        .filter(|r| pred(r))
        .take(n)
        .map(|r| r.id)
        .collect();
    assert_eq!(ids.len(), n, "the seed has {n}");
    ids
}

fn ok(o: &std::process::Output) -> String {
    assert!(o.status.success(), "{}\n{}", stdout(o), stderr(o));
    stdout(o)
}

async fn list_and_show(env: &CliEnv, revision: Revision) {
    let one = env.find(ready);
    let out = ok(&env.run(&["list"]).await);
    assert!(out.contains(&one.id), "{out}");

    let out = ok(&env.run(&["show", &one.id]).await);
    assert!(
        out.contains(&one.id) && out.contains(&one.merchant_id),
        "{out}"
    );
    // With the profile's account, a read by search looks through that account.
    let out = ok(&env
        .run(&["--account", &one.account_id, "show", &one.id])
        .await);
    assert!(out.contains(&one.id), "{out}");

    let o = env.run(&["show", "NoSuchRequest1"]).await;
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(!err.contains("no route"), "{err}");
    // Forbidden only where the server answered 403; a search that finds
    // nothing says so.
    let not_found = "NoSuchRequest1 was not found in any account this API key can see (searched";
    match revision {
        Revision::Reference => {
            assert!(
                err.contains(not_found) && !err.contains("Forbidden"),
                "{err}"
            );
        }
        _ => assert!(err.contains("Forbidden"), "{err}"),
    }
}

async fn update(env: &CliEnv, id: &str) {
    let out = ok(&env.run(&["update", id, "--terminal-id", "11000021"]).await);
    assert!(
        out.contains(&format!("{id} terminalId set to 11000021")),
        "{out}"
    );
    assert_eq!(env.terminal_id(id).as_deref(), Some("11000021"));

    let o = env.run(&["update", id, "--terminal-id", "22000042"]).await;
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("Add --force to replace it."),
        "{}",
        stderr(&o)
    );
    assert_eq!(env.terminal_id(id).as_deref(), Some("11000021"), "kept");

    let out = ok(&env
        .run(&["update", id, "--terminal-id", "22000042", "--force"])
        .await);
    assert!(out.contains("terminalId set to 22000042"), "{out}");
    assert_eq!(env.terminal_id(id).as_deref(), Some("22000042"));
    let updates = env
        .audit()
        .iter()
        .filter(|r| r.id.as_deref() == Some(id))
        .count();
    assert_eq!(updates, 2, "one line per change, whichever route took it");
}

async fn create(env: &CliEnv) {
    let requests = env.sim.requests();
    let kinds = [
        IntegrationType::Windcave,
        IntegrationType::Verifone,
        IntegrationType::Epay,
    ];
    let (merchant, account, kind) = env
        .sim
        .merchants()
        .into_iter()
        .find_map(|m| {
            let account = m.account_id.clone()?;
            let kind = kinds.iter().find(|k| {
                !requests
                    .iter()
                    .any(|r| r.merchant_id == m.id && &&r.kind == k)
            })?;
            Some((m.id, account, kind.clone()))
        })
        .expect("a merchant lacking a type");
    let args = [
        "--account",
        &account,
        "create",
        "--merchant",
        &merchant,
        "--type",
        kind.as_str(),
    ];
    let out = ok(&env.run(&args).await);
    assert!(out.contains("created ("), "{out}");
    let made = env
        .sim
        .requests()
        .into_iter()
        .find(|r| r.merchant_id == merchant && r.kind == kind)
        .expect("the server holds it");
    assert!(out.starts_with(&made.id), "{out}");
    assert_eq!(made.status, Status::Pending);
}

async fn activate(env: &CliEnv, one: &str, several: &[String], refused: &str) {
    let out = ok(&env.run(&["activate", one]).await);
    assert!(out.contains(&format!("{one} activated (")), "{out}");
    assert!(env.sim.get(one).is_some_and(|r| r.is_active()));

    let mut args = vec!["activate"];
    args.extend(several.iter().map(String::as_str));
    args.push(refused);
    let o = env.run(&args).await;
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = stdout(&o);
    for id in several {
        assert!(out.contains(&format!("{id} activated (")), "{out}");
        assert!(env.sim.get(id).is_some_and(|r| r.is_active()));
    }
    assert!(out.contains(&format!("{refused} refused:")), "{out}");
    assert!(out.contains("INTEGRATION_PARAM_MISSING"), "{out}");
    assert_eq!(
        env.sim.activate_calls_for(refused),
        1,
        "sent once: the server refuses it"
    );
}

async fn import(env: &CliEnv, ids: &[String]) {
    let file = env.write(
        "import.csv",
        &format!("id,terminalId\n{},11000031\n{},11000032\n", ids[0], ids[1]),
    );
    // Without a terminal to confirm on, a plan is shown and refused (exit 1).
    let o = env.run(&["import", &file]).await;
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("Will set (2)"), "{out}");
    assert_eq!(env.terminal_id(&ids[0]), None, "a plan sends nothing");

    let out = ok(&env.run(&["import", &file, "--yes"]).await);
    assert!(out.contains("Set 2 of 2 terminalIds."), "{out}");
    assert_eq!(env.terminal_id(&ids[0]).as_deref(), Some("11000031"));
    assert_eq!(env.terminal_id(&ids[1]).as_deref(), Some("11000032"));
}

/// An interrupted run whose first id was sent without an answer (and did
/// land), then `activate --resume`.
async fn resume(env: &CliEnv, ids: &[String]) {
    let log = AuditLog::open_at(&env.audit_path(), "default", &env.sim.base_url()).expect("log");
    let run_id = audit::new_run_id();
    drop(log.plan_run(&run_id, ids).expect("planned"));
    log.record(&Event::started(Some(&run_id), &ids[0]))
        .expect("started");
    let mut landed = env.sim.get(&ids[0]).expect("exists");
    landed.status = Status::Active;
    env.sim.insert(landed);

    let o = env.run(&["activate", "--resume"]).await;
    let out = ok(&o);
    assert!(stderr(&o).contains("Resuming run"), "{}", stderr(&o));
    assert!(
        out.contains(&format!("{} confirmed active", ids[0])),
        "{out}"
    );
    assert_eq!(
        env.sim.activate_calls_for(&ids[0]),
        0,
        "read back, not sent"
    );
    for id in &ids[1..] {
        assert!(out.contains(&format!("{id} activated (")), "{out}");
        assert!(env.sim.get(id).is_some_and(|r| r.is_active()));
    }
}

async fn every_command(revision: Revision) {
    let env = env_of("every", revision).await;
    let readies = take(&env, 7, ready);
    let blanks = take(&env, 4, blank_epay);
    list_and_show(&env, revision).await;
    update(&env, &blanks[0]).await;
    create(&env).await;
    activate(&env, &readies[0], &readies[1..3], &blanks[1]).await;
    import(&env, &blanks[2..4]).await;
    resume(&env, &readies[3..6]).await;
    env.sim.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_command_works_against_the_reference_revision() {
    every_command(Revision::Reference).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_command_works_against_the_later_revision() {
    every_command(Revision::Later).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_command_works_against_a_server_of_both() {
    every_command(Revision::Both).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_run_of_ids_makes_one_call_per_activation_in_either_revision() {
    for revision in [Revision::Reference, Revision::Later] {
        let env = env_of("calls", revision).await;
        let ids = take(&env, 5, ready);
        let before = env.sim.stats();
        let mut args = vec!["activate"];
        args.extend(ids.iter().map(String::as_str));
        ok(&env.run(&args).await);
        let after = env.sim.stats();
        // No probe, no search: the activations alone (names aside).
        assert_eq!(after.calls.read_one, before.calls.read_one, "{revision:?}");
        assert_eq!(after.calls.search, before.calls.search, "{revision:?}");
        let merchants = after.calls.merchant - before.calls.merchant;
        assert_eq!(
            after.total_calls - before.total_calls - merchants,
            5,
            "{revision:?}"
        );
        env.sim.shutdown().await;
    }
}

/// An import on the reference revision: the preview's search, one fresh
/// search shared by the writes that follow within the window, the writes.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_import_on_the_reference_revision_searches_twice_not_per_row() {
    let env = env_of("import-calls", Revision::Reference).await;
    let pages = env.sim.requests().len().div_ceil(100) as u64;
    let ids = take(&env, 5, blank_epay);
    let mut text = "id,terminalId\n".to_string();
    for (n, id) in ids.iter().enumerate() {
        text.push_str(&format!("{id},1100006{n}\n"));
    }
    let file = env.write("calls.csv", &text);
    let before = env.sim.stats();
    ok(&env.run(&["import", &file, "--yes"]).await);
    let after = env.sim.stats();
    let searches = after.calls.search - before.calls.search;
    assert_eq!(
        searches,
        2 * pages,
        "the preview's search and one fresh one"
    );
    let merchants = after.calls.merchant - before.calls.merchant;
    let rest = after.total_calls - before.total_calls - merchants - searches;
    // The five writes, and at most two probes of the routes.
    assert!(
        (5..=7).contains(&rest),
        "{rest} calls besides searches: {:?}",
        after.calls
    );
    for id in &ids {
        assert!(
            env.sim
                .get(id)
                .is_some_and(|r| r.effective_terminal_id().is_some())
        );
    }
    env.sim.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_one_404_a_session_sets_terminal_ids_by_put_configs() {
    let env = env_of("puts", Revision::Later).await;
    let ids = take(&env, 3, blank_epay);
    let file = env.write(
        "three.csv",
        &format!(
            "id,terminalId\n{},11000041\n{},11000042\n{},11000043\n",
            ids[0], ids[1], ids[2]
        ),
    );
    let before = env.sim.stats().calls;
    let out = ok(&env.run(&["import", &file, "--yes"]).await);
    assert!(out.contains("Set 3 of 3 terminalIds."), "{out}");
    let calls = env.sim.stats().calls;
    assert_eq!(calls.post_update - before.post_update, 1, "{calls:?}");
    assert_eq!(calls.put_configs - before.put_configs, 3, "{calls:?}");
    // GET /{id} is served here: the re-check before each write reads by id.
    assert_eq!(calls.read_one - before.read_one, 3, "{calls:?}");
    env.sim.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn show_of_an_id_no_search_finds_names_the_account_and_the_pages() {
    let env = env_of("not-found", Revision::Reference).await;
    let account = env.find(ready).account_id;
    let held = env
        .sim
        .requests()
        .iter()
        .filter(|r| r.account_id == account)
        .count();
    let pages = held.div_ceil(100).max(1);
    let o = env
        .run(&["--account", &account, "show", "NoSuchRequest1"])
        .await;
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains(&format!(
            "Integration request NoSuchRequest1 was not found in account {account} (searched {pages} page"
        )),
        "{err}"
    );
    assert!(
        err.contains("check the id, and that the request belongs to this account (--account, or account_id in the profile)."),
        "{err}"
    );
    assert!(!err.contains("Forbidden"), "{err}");
    env.sim.shutdown().await;
}
