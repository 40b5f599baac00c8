//! activate_many against the in-process simulator's token bucket: every
//! 429 is sat out and sent again, none fails, and the run's concurrency is
//! cut.

use std::ops::ControlFlow;

use crate::ops::testing::Bench;
use crate::ops::*;
use crate::sim::Faults;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_run_over_the_rate_limit_pauses_cuts_concurrency_and_fails_nothing() {
    let ids: Vec<String> = (0..30).map(|n| format!("R{n:02}")).collect();
    let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
    let b = Bench::pending(&refs).await;
    b.sim.set_faults(Faults {
        rate_limit: 10,
        ..Faults::default()
    });
    let jobs = ids
        .iter()
        .map(|id| ActivateJob {
            id: id.clone(),
            in_doubt: false,
            held: None,
        })
        .collect();
    let mut outcomes = Vec::new();
    // RetryPolicy::NONE: one attempt each, so only a 429 that costs no
    // attempt lets these succeed.
    b.ops
        .activate_many(
            RunStart::New,
            jobs,
            8,
            Order::AsFinished,
            &Cancel::default(),
            |event| {
                if let RunEvent::Finished { result, .. } = event {
                    outcomes.push(match result {
                        Ok(done) => done.value.label().to_string(),
                        Err(e) => e.label().to_string(),
                    });
                }
                ControlFlow::Continue(())
            },
        )
        .await
        .expect("the run starts");
    assert_eq!(outcomes.len(), 30);
    assert!(outcomes.iter().all(|o| o == "activated"), "{outcomes:?}");

    let stats = b.sim.stats();
    let view = b.ops.client().throttle().view();
    assert!(stats.faults.bucket_refusals >= 1, "{stats:?}");
    assert_eq!(view.rate_limited, stats.faults.bucket_refusals);
    assert_eq!(stats.max_activate_calls_per_id, 1);
    assert_eq!(stats.activations_applied, 30);
    // Cut from at most 8 in flight; growing back to no limit would take far
    // more successes than this run has.
    assert!(view.window.is_some_and(|w| (1..8).contains(&w)), "{view:?}");
    assert_eq!(view.in_flight, 0);
}
