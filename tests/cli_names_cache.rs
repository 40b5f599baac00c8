//! Merchant names kept on disk: a second `intake list` asks the simulator
//! for none, `--refresh-names` asks again, `merchant_cache_days = 0` keeps
//! nothing, and the file never holds the API key. The simulator counts
//! `GET /api/merchants/{id}` calls (`/_sim/stats`).

mod common;

use std::path::PathBuf;

use common::cli_env::{CliEnv, stderr, stdout};

fn merchant_calls(env: &CliEnv) -> u64 {
    env.sim.stats().calls.merchant
}

fn cache_files(env: &CliEnv) -> Vec<PathBuf> {
    match std::fs::read_dir(env.dir.join("cache")) {
        Ok(d) => d.map(|e| e.expect("entry").path()).collect(),
        Err(_) => Vec::new(),
    }
}

/// Merchants of the requests `intake list` shows (pending ones, by default).
fn distinct_listed_merchants(out: &str, env: &CliEnv) -> usize {
    let listed: std::collections::HashSet<String> = env
        .sim
        .requests()
        .into_iter()
        .filter(|r| out.contains(&r.id))
        .map(|r| r.merchant_id)
        .collect();
    listed.len()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_list_asks_for_no_names_and_refresh_asks_again() {
    let env = CliEnv::new("names-cache-warm").await;
    let cold = env.run(&["list"]).await;
    assert!(cold.status.success(), "{}", stderr(&cold));
    let first = merchant_calls(&env);
    let merchants = distinct_listed_merchants(&stdout(&cold), &env);
    assert!(merchants > 0, "{}", stdout(&cold));
    assert_eq!(first, merchants as u64, "one lookup per merchant");

    let warm = env.run(&["list"]).await;
    assert!(warm.status.success(), "{}", stderr(&warm));
    assert_eq!(merchant_calls(&env), first, "a warm list asks for no names");
    assert_eq!(
        stdout(&warm),
        stdout(&cold),
        "the names come from the cache"
    );

    let refreshed = env.run(&["--refresh-names", "list"]).await;
    assert!(refreshed.status.success(), "{}", stderr(&refreshed));
    assert_eq!(
        merchant_calls(&env),
        2 * first,
        "--refresh-names asks again"
    );
    assert_eq!(stdout(&refreshed), stdout(&cold));

    // What --refresh-names fetched is kept: the next list asks for none.
    let again = env.run(&["list"]).await;
    assert!(again.status.success(), "{}", stderr(&again));
    assert_eq!(merchant_calls(&env), 2 * first);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_cache_is_one_private_file_per_host_without_the_key() {
    let env = CliEnv::new("names-cache-file").await;
    let o = env.run(&["list"]).await;
    assert!(o.status.success(), "{}", stderr(&o));
    let files = cache_files(&env);
    assert_eq!(files.len(), 1, "{files:?}");
    let port = env.sim.addr().port();
    let name = files[0].file_name().expect("name").to_string_lossy();
    assert_eq!(name, format!("merchants-127.0.0.1_{port}.json"));
    let text = std::fs::read_to_string(&files[0]).expect("cache file");
    assert!(!text.contains(env.sim.api_key()), "the key is in {text}");
    let some = env.sim.merchants()[0].name.clone();
    assert!(
        env.sim.merchants().iter().any(|m| text.contains(&m.name)),
        "no names (such as {some}) in {text}"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&files[0]).expect("meta").permissions();
        assert_eq!(mode.mode() & 0o777, 0o600);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn zero_cache_days_writes_no_file_and_always_asks() {
    let env = CliEnv::new("names-cache-off").await;
    let config = env.write(
        "config.toml",
        &format!(
            "merchant_cache_days = 0\n[profiles.default]\nbase_url = \"{}\"\n",
            env.sim.base_url()
        ),
    );
    let o = env.run(&["--config", &config, "list"]).await;
    assert!(o.status.success(), "{}", stderr(&o));
    let first = merchant_calls(&env);
    assert!(first > 0);
    let o = env.run(&["--config", &config, "list"]).await;
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(merchant_calls(&env), 2 * first);
    assert!(cache_files(&env).is_empty(), "{:?}", cache_files(&env));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_corrupt_cache_file_is_replaced_without_failing_the_list() {
    let env = CliEnv::new("names-cache-corrupt").await;
    let o = env.run(&["list"]).await;
    assert!(o.status.success(), "{}", stderr(&o));
    let file = cache_files(&env).pop().expect("a cache file");
    std::fs::write(&file, "{ not json").expect("spoil it");
    let first = merchant_calls(&env);
    let again = env.run(&["list"]).await;
    assert!(again.status.success(), "{}", stderr(&again));
    assert_eq!(stderr(&again), "", "nothing on the terminal about it");
    assert_eq!(stdout(&again), stdout(&o));
    assert_eq!(merchant_calls(&env), 2 * first, "looked up afresh");
    let warm = env.run(&["list"]).await;
    assert!(warm.status.success(), "{}", stderr(&warm));
    assert_eq!(merchant_calls(&env), 2 * first, "and kept again");
}
