//! What a server serves is learnt once per host: a second `intake` process
//! on the same cache dir pays no 404 to find out which routes answer, in
//! either revision; a remembered route the server answers 404 is learnt
//! again and kept; a garbage memory file is ignored. The key's own CRN is
//! kept beside the routes, for that key only.

use crate::common;

use std::path::PathBuf;

use common::cli_env::{CliEnv, stderr, stdout};
use intake::api::learnt::{Memory, Served};
use intake::api::revision::{ReadWay, UpdateWay};
use intake::api::{Client, IntegrationRequest, IntegrationType, Secret};
use intake::server_memory::{self, ServerMemory};
use intake::sim::{OperationCalls, Revision, SimConfig};

async fn env_of(name: &str, revision: Revision) -> CliEnv {
    let config = SimConfig {
        revision,
        ..SimConfig::default()
    };
    CliEnv::start(&format!("learnt-{name}-{revision}"), config).await
}

/// Calls to routes this revision does not serve: each one a 404.
fn unserved(revision: Revision, c: &OperationCalls) -> u64 {
    match revision {
        Revision::Reference => c.read_one + c.put_configs,
        Revision::Later => c.post_update,
        Revision::Both => 0,
    }
}

fn cache(env: &CliEnv) -> PathBuf {
    env.dir.join("cache")
}

/// The memory file `intake` keeps for this simulator, as the CLI opens it.
fn memory(env: &CliEnv) -> ServerMemory {
    let key = Secret::new(env.sim.api_key());
    ServerMemory::open_in(&cache(env), &env.sim.base_url(), &key)
}

fn blank_epays(env: &CliEnv, n: usize) -> Vec<String> {
    let ids: Vec<String> = env
        .sim
        .requests()
        .into_iter()
        .filter(|r: &IntegrationRequest| {
            r.kind == IntegrationType::Epay && r.is_pending() && r.effective_terminal_id().is_none()
        })
        .take(n)
        .map(|r| r.id)
        .collect();
    assert_eq!(ids.len(), n, "the seed has {n}");
    ids
}

async fn ok(env: &CliEnv, args: &[&str]) -> String {
    let o = env.run(args).await;
    assert!(
        o.status.success(),
        "{args:?}: {}\n{}",
        stdout(&o),
        stderr(&o)
    );
    stdout(&o)
}

/// `show` and `update`: between them, every route whose way is learnt.
async fn show_and_update(env: &CliEnv, show: &str, blank: &str, tid: &str) {
    let out = ok(env, &["show", show]).await;
    assert!(out.contains(show), "{out}");
    ok(env, &["update", blank, "--terminal-id", tid]).await;
    assert_eq!(env.terminal_id(blank).as_deref(), Some(tid));
}

async fn a_second_process_pays_no_404(revision: Revision) {
    let env = env_of("second", revision).await;
    let all = env.sim.requests();
    let blanks = blank_epays(&env, 2);
    show_and_update(&env, &all[0].id, &blanks[0], "11000051").await;
    let first = env.sim.stats().calls;
    assert!(unserved(revision, &first) >= 1, "found out: {first:?}");
    let kept = std::fs::read_to_string(memory(&env).path()).expect("kept on disk");
    assert!(!kept.contains(env.sim.api_key()), "no key: {kept}");

    show_and_update(&env, &all[1].id, &blanks[1], "11000052").await;
    let second = env.sim.stats().calls;
    assert_eq!(
        unserved(revision, &second),
        unserved(revision, &first),
        "no 404 in the second processes: {first:?} then {second:?}"
    );
    env.sim.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_process_pays_no_404_on_the_reference_revision() {
    a_second_process_pays_no_404(Revision::Reference).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_process_pays_no_404_on_the_later_revision() {
    a_second_process_pays_no_404(Revision::Later).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_remembered_route_answered_404_is_learnt_again_and_kept() {
    for (revision, wrong) in [
        (Revision::Reference, (ReadWay::ById, UpdateWay::PutConfigs)),
        (Revision::Later, (ReadWay::ById, UpdateWay::PostUpdate)),
    ] {
        let env = env_of("relearn", revision).await;
        let all = env.sim.requests();
        let blanks = blank_epays(&env, 2);
        // What another server on this host and port served before.
        memory(&env).keep(&Served {
            read: wrong.0,
            update: wrong.1,
            own_crn: None,
        });

        show_and_update(&env, &all[0].id, &blanks[0], "11000061").await;
        let first = env.sim.stats().calls;
        let expected = match revision {
            Revision::Reference => (ReadWay::Search, UpdateWay::PostUpdate, 2),
            _ => (ReadWay::ById, UpdateWay::PutConfigs, 1),
        };
        assert_eq!(unserved(revision, &first), expected.2, "{first:?}");
        let now = memory(&env).recall();
        assert_eq!((now.read, now.update), (expected.0, expected.1));

        show_and_update(&env, &all[1].id, &blanks[1], "11000062").await;
        let second = env.sim.stats().calls;
        assert_eq!(
            unserved(revision, &second),
            expected.2,
            "learnt once: {second:?}"
        );
        env.sim.shutdown().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_garbage_memory_file_is_ignored_and_replaced() {
    let env = env_of("garbage", Revision::Reference).await;
    let one = env.sim.requests()[0].id.clone();
    let path = memory(&env).path().to_path_buf();
    assert_eq!(
        path.file_name().and_then(|n| n.to_str()),
        Some(server_memory::file_name(&env.sim.base_url()).as_str())
    );
    std::fs::create_dir_all(cache(&env)).expect("cache dir");
    std::fs::write(&path, "{\"format\":1,\"read\":{\"way\":").expect("garbage");
    let o = env.run(&["show", &one]).await;
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).is_empty(),
        "nothing said about it: {}",
        stderr(&o)
    );
    assert_eq!(env.sim.stats().calls.read_one, 1, "learnt by one probe");
    assert_eq!(memory(&env).recall().read, ReadWay::Search, "kept afresh");
    env.sim.shutdown().await;
}

#[test]
fn the_own_crn_is_kept_for_the_key_that_learnt_it() {
    let dir = common::scratch("learnt-own-crn");
    let url = "http://127.0.0.1:9";
    let client = |key: &str| {
        let key = Secret::new(key);
        Client::new(url, &key)
            .expect("client")
            .with_memory(ServerMemory::open_in(&dir, url, &key))
    };
    let mine = client("my-key");
    assert_eq!(mine.own_crn(), None);
    mine.learn_own_crn("not a crn");
    mine.learn_own_crn("crn:Acc1:api-key:Mine\u{1b}[2J");
    assert_eq!(mine.own_crn(), None, "only what can be a CRN");
    mine.learn_own_crn(" crn:Acc1:api-key:Mine ");
    assert_eq!(mine.own_crn().as_deref(), Some("crn:Acc1:api-key:Mine"));
    // The next process with the same key knows it; another key does not.
    assert_eq!(
        client("my-key").own_crn().as_deref(),
        Some("crn:Acc1:api-key:Mine")
    );
    let other = client("another-key");
    assert_eq!(other.own_crn(), None);
    other.learn_own_crn("crn:Acc2:api-key:Theirs");
    assert_eq!(
        client("another-key").own_crn().as_deref(),
        Some("crn:Acc2:api-key:Theirs")
    );
    let text = std::fs::read_to_string(dir.join(server_memory::file_name(url))).expect("file");
    assert!(
        !text.contains("my-key") && !text.contains("another-key"),
        "{text}"
    );
}
