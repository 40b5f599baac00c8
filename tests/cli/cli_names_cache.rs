//! Merchant names kept on disk: a second `intake list` asks the simulator
//! for none, `--refresh-names` asks again, `merchant_cache_days = 0` keeps
//! nothing, and the file never holds the API key; `intake activate` (its
//! lines and `--json`) and the `intake import` preview read and keep it too. The simulator counts
//! `GET /api/merchants/{id}` calls (`/_sim/stats`).

use crate::common;

use std::path::PathBuf;

use common::cli_env::{CliEnv, ready, stderr, stdout};
use intake::api::IntegrationType;

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

/// Two requests a bulk run would activate for each of up to three merchants:
/// the first of each pair, then the second.
fn two_ready_per_merchant(env: &CliEnv) -> (Vec<String>, Vec<String>, usize) {
    let mut by_merchant: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    for r in env.sim.requests().into_iter().filter(ready) {
        by_merchant.entry(r.merchant_id).or_default().push(r.id);
    }
    let pairs: Vec<Vec<String>> = by_merchant
        .into_values()
        .filter(|ids| ids.len() >= 2)
        .take(3)
        .collect();
    assert!(
        !pairs.is_empty(),
        "the seed has merchants with two ready requests"
    );
    let first = pairs.iter().map(|p| p[0].clone()).collect();
    let second = pairs.iter().map(|p| p[1].clone()).collect();
    (first, second, pairs.len())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_activate_over_the_same_merchants_asks_for_no_names() {
    let env = CliEnv::new("names-cache-activate").await;
    let (first, second, merchants) = two_ready_per_merchant(&env);
    // An id the server does not have fails the run part way: what was
    // found is kept all the same.
    let mut args = vec!["activate", "NoSuchRequest0000000000"];
    args.extend(first.iter().map(String::as_str));
    let cold = env.run(&args).await;
    assert!(!cold.status.success(), "the unknown id fails the run");
    assert_eq!(merchant_calls(&env), merchants as u64, "{}", stdout(&cold));

    let mut args = vec!["activate"];
    args.extend(second.iter().map(String::as_str));
    let warm = env.run(&args).await;
    assert!(warm.status.success(), "{}", stderr(&warm));
    assert_eq!(
        merchant_calls(&env),
        merchants as u64,
        "a warm activate asks for no names"
    );
    for id in &second {
        let r = env.sim.get(id).expect("stored");
        let name = env.merchant_name(&r.merchant_id);
        assert!(
            stdout(&warm)
                .lines()
                .any(|l| l.starts_with(id.as_str()) && l.ends_with(&format!("merchant {name})"))),
            "{name} for {id} in {}",
            stdout(&warm)
        );
    }

    let mut args = vec!["--refresh-names", "activate"];
    args.extend(second.iter().map(String::as_str));
    let refreshed = env.run(&args).await;
    assert!(refreshed.status.success(), "{}", stderr(&refreshed));
    assert_eq!(
        merchant_calls(&env),
        2 * merchants as u64,
        "--refresh-names asks again"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_import_preview_after_a_warm_cache_asks_for_no_names() {
    let env = CliEnv::new("names-cache-import").await;
    let rows: Vec<_> = env
        .sim
        .requests()
        .into_iter()
        .filter(|r| r.is_pending() && r.kind == IntegrationType::Epay && r.needs_terminal_id())
        .take(4)
        .collect();
    assert!(
        !rows.is_empty(),
        "the seed has ePay requests without a terminalId"
    );
    let mut csv = String::from("id,terminalId\n");
    for (n, r) in rows.iter().enumerate() {
        csv.push_str(&format!("{},{}\n", r.id, 11000100 + n));
    }
    let file = env.write("terminals.csv", &csv);
    let merchants: std::collections::HashSet<&str> =
        rows.iter().map(|r| r.merchant_id.as_str()).collect();

    // No terminal and no --yes: a preview only, which then fails.
    let cold = env.run(&["import", &file]).await;
    assert_eq!(
        merchant_calls(&env),
        merchants.len() as u64,
        "{}",
        stdout(&cold)
    );
    let warm = env.run(&["import", &file]).await;
    assert_eq!(
        merchant_calls(&env),
        merchants.len() as u64,
        "a warm preview asks for no names"
    );
    assert_eq!(
        stdout(&warm),
        stdout(&cold),
        "the names come from the cache"
    );
    for r in &rows {
        let name = env.merchant_name(&r.merchant_id);
        assert!(stdout(&warm).contains(&name), "{name} in {}", stdout(&warm));
    }
}

/// `intake activate --json IDS...`: its lines, each with a merchantId
/// checked to carry that merchant's name.
async fn activate_json(env: &CliEnv, ids: &[&str]) -> Vec<serde_json::Value> {
    let mut args = vec!["activate", "--json"];
    args.extend(ids);
    let o = env.run(&args).await;
    let lines: Vec<serde_json::Value> = common::cli_env::json_lines(&o)
        .into_iter()
        .filter(|l| l["kind"] == "activation")
        .collect();
    for line in lines.iter().filter(|l| l.get("merchantId").is_some()) {
        let merchant_id = line["merchantId"].as_str().expect("merchantId");
        assert_eq!(
            line["merchantName"],
            env.merchant_name(merchant_id),
            "{line}"
        );
    }
    lines
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn activate_json_lines_carry_the_merchant_name() {
    let env = CliEnv::new("names-cache-json").await;
    let (first, second, merchants) = two_ready_per_merchant(&env);
    let mut ids = vec!["NoSuchRequest0000000000"];
    ids.extend(first.iter().map(String::as_str));
    let lines = activate_json(&env, &ids).await;
    assert_eq!(lines.len(), first.len() + 1, "{lines:?}");
    assert_eq!(lines[0]["outcome"], "failed", "{lines:?}");
    assert!(lines[0].get("merchantName").is_none(), "{lines:?}");
    assert!(
        lines[1..].iter().all(|l| l.get("merchantId").is_some()),
        "{lines:?}"
    );
    assert_eq!(merchant_calls(&env), merchants as u64);

    // Kept for the next run.
    let ids: Vec<&str> = second.iter().map(String::as_str).collect();
    let lines = activate_json(&env, &ids).await;
    assert_eq!(lines.len(), second.len(), "{lines:?}");
    assert!(
        lines.iter().all(|l| l.get("merchantId").is_some()),
        "{lines:?}"
    );
    assert_eq!(merchant_calls(&env), merchants as u64);
}
