//! Each rule of the core against the in-process simulator.

use std::ops::ControlFlow;

mod import;
mod lost;
mod rate;
mod reads;
mod run;
mod run_reads;

use super::testing::{Bench, req};
use super::*;
use crate::api::retry::Activation;
use crate::api::{ApiError, Blocker, IntegrationType::*, NewIntegrationRequest, Status};
use crate::audit::Outcome;

fn set(done: Done<Updated>) -> crate::api::IntegrationRequest {
    assert_eq!(done.unrecorded, None);
    match done.value {
        Updated::Set(r) => r,
        other => panic!("not sent: {other:?}"),
    }
}

#[tokio::test]
async fn update_sets_a_missing_terminal_id_and_records_it_with_the_merchant() {
    let b = Bench::start(vec![req("R1", Epay, Status::Pending, None)], 100).await;
    let r = set(b
        .ops
        .update_terminal_id("R1", " 11000021 ", OnExisting::Keep)
        .await
        .expect("set"));
    assert_eq!(r.effective_terminal_id(), Some("11000021"));
    let lines = b.lines();
    assert_eq!(b.outcomes(), ["updated R1"]);
    assert_eq!(lines[0].terminal_id.as_deref(), Some("11000021"));
    assert_eq!(lines[0].merchant_id, Some(r.merchant_id));
    assert_eq!(lines[0].action, crate::audit::Change::Update);
}

#[tokio::test]
async fn update_with_the_same_value_sends_nothing_and_writes_no_line() {
    let b = Bench::start(
        vec![req("R1", Epay, Status::Pending, Some("11000021"))],
        100,
    )
    .await;
    let before = b.sim.stats().update_calls;
    let done = b
        .ops
        .update_terminal_id("R1", "11000021", OnExisting::Keep)
        .await
        .expect("ok");
    assert!(matches!(done.value, Updated::Unchanged(_)), "{done:?}");
    assert_eq!(b.sim.stats().update_calls, before);
    assert!(b.lines().is_empty());
}

#[tokio::test]
async fn update_never_replaces_another_value_unless_asked() {
    let b = Bench::start(
        vec![req("R1", Epay, Status::Pending, Some("11000001"))],
        100,
    )
    .await;
    // Keep: refused, nothing sent, no line.
    let e = b
        .ops
        .update_terminal_id("R1", "11000002", OnExisting::Keep)
        .await
        .unwrap_err();
    // The refusal carries the server's copy, so the console can show it.
    let want = |e: OpError| match e {
        OpError::WouldReplace {
            id,
            current,
            wanted,
            request,
        } => {
            assert_eq!(
                (id, current, wanted),
                ("R1".into(), "11000001".into(), "11000002".into())
            );
            assert_eq!(request.effective_terminal_id(), Some("11000001"));
        }
        other => panic!("{other:?}"),
    };
    want(e);
    // ReplaceIf a value the server no longer has: refused the same way.
    let stale = OnExisting::ReplaceIf("11000009".into());
    let e = b
        .ops
        .update_terminal_id("R1", "11000002", stale)
        .await
        .unwrap_err();
    want(e);
    assert_eq!(b.sim.stats().update_calls, 0);
    assert!(b.lines().is_empty());
    assert_eq!(b.terminal_id("R1").as_deref(), Some("11000001"));
    // ReplaceIf the value it still has, then Replace: both sent and recorded.
    let seen = OnExisting::ReplaceIf("11000001".into());
    set(b
        .ops
        .update_terminal_id("R1", "11000002", seen)
        .await
        .expect("replaced"));
    set(b
        .ops
        .update_terminal_id("R1", "11000003", OnExisting::Replace)
        .await
        .expect("replaced"));
    assert_eq!(b.terminal_id("R1").as_deref(), Some("11000003"));
    assert_eq!(b.outcomes(), ["updated R1", "updated R1"]);
}

#[tokio::test]
async fn replace_if_refuses_a_value_cleared_since_it_was_seen() {
    // The operator confirmed replacing 11000001; someone cleared it since.
    let b = Bench::start(vec![req("R1", Epay, Status::Pending, None)], 100).await;
    let seen = OnExisting::ReplaceIf("11000001".into());
    let e = b
        .ops
        .update_terminal_id("R1", "11000002", seen)
        .await
        .unwrap_err();
    match &e {
        OpError::WouldReplace {
            current, request, ..
        } => {
            assert_eq!(current, "");
            assert_eq!(request.effective_terminal_id(), None);
        }
        other => panic!("{other:?}"),
    }
    assert!(e.to_string().contains("no longer has"), "{e}");
    assert_eq!(b.sim.stats().update_calls, 0);
    assert!(b.lines().is_empty());
}

#[tokio::test]
async fn update_refuses_an_invalid_terminal_id_and_read_only_before_sending() {
    let b = Bench::start(vec![req("R1", Epay, Status::Pending, None)], 100).await;
    let e = b
        .ops
        .update_terminal_id("R1", "  ", OnExisting::Keep)
        .await
        .unwrap_err();
    assert!(matches!(e, OpError::InvalidTerminalId(_)), "{e:?}");
    let calls = b.sim.stats().total_calls;
    let e = b
        .read_only()
        .update_terminal_id("R1", "11000004", OnExisting::Replace)
        .await
        .unwrap_err();
    let OpError::ReadOnly(text) = e else {
        panic!("{e:?}")
    };
    assert!(text.starts_with("Read-only: nothing was sent."), "{text}");
    let e = b
        .read_only()
        .activate_one(&ActivateJob::new("R1"), Some("run"))
        .await
        .unwrap_err();
    assert!(matches!(e, OpError::ReadOnly(_)), "{e:?}");
    assert_eq!(
        b.sim.stats().total_calls,
        calls,
        "read-only reads nothing either"
    );
    assert!(b.lines().is_empty());
}

#[tokio::test]
async fn an_update_whose_read_fails_sends_nothing_and_writes_no_line() {
    let b = Bench::start(vec![req("R1", Epay, Status::Pending, None)], 100).await;
    b.sim.set_faults(crate::sim::Faults {
        error_rate: 1.0,
        ..crate::sim::Faults::default()
    });
    let e = b
        .ops
        .update_terminal_id("R1", "11000004", OnExisting::Keep)
        .await
        .unwrap_err();
    assert!(matches!(e, OpError::Api(_)), "{e:?}");
    assert!(b.lines().is_empty());
    assert_eq!(b.sim.stats().update_calls, 0);
}

#[tokio::test]
async fn activation_records_started_then_activated() {
    let b = Bench::start(
        vec![req("R1", Epay, Status::Pending, Some("11000004"))],
        100,
    )
    .await;
    let done = b
        .ops
        .activate_one(&ActivateJob::new("R1"), Some("run-1"))
        .await
        .expect("ok");
    assert!(matches!(done.value, Activation::Activated(_)), "{done:?}");
    assert_eq!(done.unrecorded, None);
    assert_eq!(b.outcomes(), ["started R1", "activated R1"]);
    assert!(
        b.lines()
            .iter()
            .all(|l| l.run_id.as_deref() == Some("run-1"))
    );
    assert_eq!(b.sim.activate_calls_for("R1"), 1);
}

#[tokio::test]
async fn epay_without_terminal_id_is_refused_before_sending_with_a_refused_line() {
    let held = req("R1", Epay, Status::Pending, None);
    let b = Bench::start(vec![held.clone()], 100).await;
    let e = b
        .ops
        .activate_one(&ActivateJob::held(held), Some("run-1"))
        .await
        .unwrap_err();
    assert_eq!(
        e,
        OpError::NotReady {
            id: "R1".into(),
            blocker: Blocker::TerminalIdMissing,
            by_server: false,
        }
    );
    assert!(e.to_string().contains("nothing was sent"), "{e}");
    assert_eq!(b.sim.activate_calls_for("R1"), 0);
    assert_eq!(b.sim.stats().activate_calls, 0);
    assert_eq!(b.outcomes(), ["refused R1"]);
    let line = &b.lines()[0];
    assert!(line.outcome.is_final() && line.outcome == Outcome::Refused);
    assert_eq!(line.run_id.as_deref(), Some("run-1"));
    assert!(line.merchant_id.is_some());
    assert_eq!(
        line.error_code.as_deref(),
        Some("INTEGRATION_PARAM_MISSING")
    );
}

#[tokio::test]
async fn without_a_held_copy_the_servers_refusal_ends_the_same_way_in_one_call() {
    let b = Bench::start(vec![req("R1", Epay, Status::Pending, None)], 100).await;
    let before = b.sim.stats().total_calls;
    let e = b
        .ops
        .activate_one(&ActivateJob::new("R1"), Some("run-1"))
        .await
        .unwrap_err();
    assert_eq!(
        e,
        OpError::NotReady {
            id: "R1".into(),
            blocker: Blocker::TerminalIdMissing,
            by_server: true,
        }
    );
    let text = e.to_string();
    assert!(
        text.starts_with("The server refused to activate request R1"),
        "{e}"
    );
    assert!(!text.contains("nothing was sent"), "{e}");
    assert_eq!(e.label(), "INTEGRATION_PARAM_MISSING");
    assert_eq!(
        b.sim.stats().total_calls - before,
        1,
        "one call: the activation"
    );
    assert_eq!(b.outcomes(), ["started R1", "refused R1"]);
    let line = b.lines().pop().expect("a line");
    assert!(line.outcome.is_final());
    assert_eq!(
        line.error_code.as_deref(),
        Some("INTEGRATION_PARAM_MISSING")
    );
}

#[tokio::test]
async fn a_held_copy_that_would_refuse_is_read_once_and_sent_when_set_since() {
    let held = req("R1", Epay, Status::Pending, None);
    let b = Bench::start(
        vec![req("R1", Epay, Status::Pending, Some("11000021"))],
        100,
    )
    .await;
    let done = b
        .ops
        .activate_one(&ActivateJob::held(held), None)
        .await
        .expect("activated");
    assert!(matches!(done.value, Activation::Activated(_)), "{done:?}");
    assert_eq!(b.sim.activate_calls_for("R1"), 1);
}

#[tokio::test]
async fn a_held_copy_already_active_is_not_sent() {
    let held = req("R1", Windcave, Status::Active, None);
    let b = Bench::start(vec![held.clone()], 100).await;
    let before = b.sim.stats().total_calls;
    let done = b
        .ops
        .activate_one(&ActivateJob::held(held), Some("run-1"))
        .await
        .expect("ok");
    assert!(
        matches!(done.value, Activation::AlreadyActive(Some(_))),
        "{done:?}"
    );
    assert_eq!(b.sim.stats().total_calls, before, "no call at all");
    assert_eq!(b.outcomes(), ["already_active R1"]);
}

#[tokio::test]
async fn an_in_doubt_activation_that_reads_back_active_is_confirmed_and_not_sent() {
    let b = Bench::start(vec![req("R1", Windcave, Status::Active, None)], 100).await;
    let job = ActivateJob {
        id: "R1".into(),
        in_doubt: true,
        held: None,
    };
    let done = b.ops.activate_one(&job, Some("run-1")).await.expect("ok");
    assert!(
        matches!(done.value, Activation::Confirmed(Some(_))),
        "{done:?}"
    );
    assert_eq!(b.sim.activate_calls_for("R1"), 0);
    assert_eq!(b.outcomes(), ["confirmed_active R1"]);
}

#[tokio::test]
async fn an_activation_of_an_active_request_is_the_servers_answer() {
    let b = Bench::start(vec![req("R1", Windcave, Status::Active, None)], 100).await;
    let done = b
        .ops
        .activate_one(&ActivateJob::new("R1"), None)
        .await
        .expect("ok");
    assert!(
        matches!(done.value, Activation::AlreadyActive(_)),
        "{done:?}"
    );
    assert_eq!(b.outcomes(), ["started R1", "already_active R1"]);
}

#[tokio::test]
async fn a_failed_read_in_a_run_writes_a_final_failed_line_and_sends_nothing() {
    let b = Bench::start(vec![], 100).await;
    let held = req("NOPE1", Epay, Status::Pending, None);
    let e = b
        .ops
        .activate_one(&ActivateJob::held(held), Some("r"))
        .await
        .unwrap_err();
    assert!(matches!(e, OpError::Api(_)), "{e:?}");
    assert_eq!(b.outcomes(), ["failed NOPE1"]);
    assert_eq!(b.sim.stats().activate_calls, 0);
}

#[tokio::test]
async fn an_id_alone_is_sent_once_and_the_servers_refusal_stands() {
    let b = Bench::start(vec![], 100).await;
    let before = b.sim.stats().total_calls;
    let e = b
        .ops
        .activate_one(&ActivateJob::new("NOPE1"), Some("r"))
        .await
        .unwrap_err();
    assert!(matches!(e, OpError::Api(_)), "{e:?}");
    assert_eq!(b.outcomes(), ["started NOPE1", "failed NOPE1"]);
    assert_eq!(b.sim.stats().total_calls - before, 1);
}

#[tokio::test]
async fn create_is_recorded_with_its_merchant() {
    let b = Bench::start(vec![], 100).await;
    let merchant = b.sim.merchants()[0].id.clone();
    let new = NewIntegrationRequest {
        account_id: super::testing::ACCOUNT.into(),
        merchant_id: merchant.clone(),
        kind: Windcave,
    };
    let done = b.ops.create(&new).await.expect("created");
    assert_eq!(
        b.outcomes(),
        [format!("created {}", done.value.request().id)]
    );
    assert_eq!(b.lines()[0].merchant_id.as_deref(), Some(merchant.as_str()));
    let e = b.ops.create(&new).await.unwrap_err();
    assert_eq!(e, OpError::Api(ApiError::AlreadyRequested));
    assert_eq!(b.outcomes().last().map(String::as_str), Some("failed -"));
}

#[tokio::test]
async fn every_page_is_fetched_and_each_request_comes_once() {
    let many = (0..30)
        .map(|n| req(&format!("R{n:02}"), Windcave, Status::Pending, None))
        .collect();
    let b = Bench::start(many, 7).await;
    let all = fetch_all_pages(b.ops.client(), b.ops.policy(), Default::default())
        .await
        .expect("all");
    let mut ids: Vec<_> = all.iter().map(|r| r.id.clone()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 30);
    assert_eq!(all.len(), 30);
    let mut pages = Vec::new();
    for_each_page(
        b.ops.client(),
        b.ops.policy(),
        Default::default(),
        |items, done| {
            pages.push((items.len(), done));
            ControlFlow::Break(())
        },
    )
    .await
    .expect("first page");
    assert_eq!(pages, [(7, false)], "Break stops after the first page");
}

#[tokio::test]
async fn merchant_names_leave_unknown_ids_out() {
    let b = Bench::start(vec![], 100).await;
    let known = b.sim.merchants()[0].clone();
    let ids = [
        known.id.clone(),
        "unknownMerchant1".into(),
        known.id.clone(),
    ];
    let names = MerchantLookups::new(2)
        .names(b.ops.client(), b.ops.policy(), ids)
        .await;
    assert_eq!(names.len(), 1);
    assert_eq!(
        names.get(&known.id).map(|m| m.name.clone()),
        Some(known.name)
    );
}
