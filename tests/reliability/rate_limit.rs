//! A real rate limit: the simulator's token bucket (`--rate-limit N`) and the
//! client's answer to it (one shared pause, adaptive concurrency).

use crate::common;

use common::cli_env::{CliEnv, ready, run_with_stdin, stderr, stdout};
use intake::api::Status;
use intake::sim::{self, Faults, Revision, SimConfig, SimStats};

fn http() -> reqwest::Client {
    intake::install_crypto();
    reqwest::Client::builder()
        .no_proxy()
        .build()
        .expect("client")
}

async fn get(h: &sim::SimHandle, path: &str) -> reqwest::Response {
    http()
        .get(format!("{}{path}", h.base_url()))
        .header("x-api-key", h.api_key())
        .send()
        .await
        .expect("send")
}

#[tokio::test]
async fn the_bucket_answers_429_with_retry_after_and_spares_sim_routes() {
    let h = sim::start_local(SimConfig::default()).await.expect("sim");
    h.set_faults(Faults {
        rate_limit: 1,
        ..Faults::default()
    });
    // One token: the first call takes it, and a call before it comes back
    // (a second later) is refused.
    let mut served = 0;
    let refused = loop {
        let resp = get(&h, "/api/integration-requests").await;
        if resp.status() == 429 {
            break resp;
        }
        assert_eq!(resp.status(), 200);
        served += 1;
        assert!(served < 100, "the bucket never ran dry");
    };
    assert!(served >= 1);
    assert_eq!(
        refused
            .headers()
            .get("retry-after")
            .and_then(|v| v.to_str().ok()),
        Some("1"),
        "whole seconds until a token, at least 1"
    );
    let body: serde_json::Value = refused.json().await.expect("json body");
    assert_eq!(body["statusCode"], 429);
    assert_eq!(body["message"], "RATE_LIMIT_EXCEEDED");
    assert!(body["error"].is_string(), "{body}");

    // The simulator's own routes never take a token: twenty in a row while
    // the bucket holds at most one.
    for _ in 0..20 {
        let resp = get(&h, "/_sim/stats").await;
        assert_eq!(resp.status(), 200);
    }
    let stats: SimStats = get(&h, "/_sim/stats").await.json().await.expect("stats");
    assert_eq!(stats.faults.bucket_refusals, 1);
    assert_eq!(stats.faults.rate_limited, 1);
    assert_eq!(stats.total_calls, served + 1, "/_sim calls are not counted");
    h.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hundred_activations_under_a_rate_limit_all_succeed_with_few_429s() {
    // The reference revision reads a run's requests from one search, so each
    // activation is one call and the limit is what sets the pace.
    let env = CliEnv::start(
        "rate",
        SimConfig {
            seed_count: Some(400),
            revision: Revision::Reference,
            ..SimConfig::default()
        },
    )
    .await;
    let ids: Vec<String> = env
        .sim
        .requests()
        .iter()
        .filter(|r| ready(r))
        .take(100)
        .map(|r| r.id.clone())
        .collect();
    assert_eq!(ids.len(), 100, "seed has enough ready requests");
    env.sim.set_faults(Faults {
        rate_limit: 20,
        latency_min_ms: 50,
        latency_max_ms: 50,
        ..Faults::default()
    });
    let mut c = env.cmd();
    c.args(["activate", "-", "--concurrency", "2"]);
    let o = run_with_stdin(c, Some(ids.join("\n") + "\n")).await;
    let stats = env.sim.stats();
    env.sim.set_faults(Faults::default());
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert_eq!(text.lines().count(), 100, "{text}");
    assert!(
        text.lines().all(|l| l.contains(" activated")),
        "every one activated by this run:\n{text}"
    );
    for id in &ids {
        let r = env.sim.get(id).expect("still there");
        assert_eq!(r.status, Status::Active, "{id}");
    }
    // A 429 is never processed, so no activation reached the server twice.
    assert_eq!(stats.max_activate_calls_per_id, 1, "{stats:?}");
    assert_eq!(stats.activations_applied, 100);
    let refused = stats.faults.bucket_refusals;
    assert!(
        refused * 100 <= stats.total_calls * 5,
        "{refused} of {} calls answered 429",
        stats.total_calls
    );
    eprintln!(
        "FIGURES rate: activations=100 calls={} answered_429={refused}",
        stats.total_calls
    );
}
