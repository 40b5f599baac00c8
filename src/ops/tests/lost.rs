//! Lost answers, for every write: what the server holds afterwards decides
//! the outcome, and the audit log records what was confirmed.

use crate::api::retry::Activation;
use crate::api::{ApiError, IntegrationType::*, NewIntegrationRequest, Status};
use crate::ops::testing::{ACCOUNT, Bench, req};
use crate::ops::*;
use crate::sim::Faults;

fn lose_answers(b: &Bench) {
    b.sim.set_faults(Faults {
        drop_writes_after: true,
        ..Faults::default()
    });
}

fn new_windcave(b: &Bench) -> NewIntegrationRequest {
    NewIntegrationRequest {
        account_id: ACCOUNT.into(),
        merchant_id: b.sim.merchants()[0].id.clone(),
        kind: Windcave,
    }
}

#[tokio::test]
async fn an_update_whose_answer_is_lost_is_confirmed_by_reading_it_back() {
    let b = Bench::start(vec![req("R1", Epay, Status::Pending, None)], 100).await;
    lose_answers(&b);
    let done = b
        .ops
        .update_terminal_id("R1", "11000021", OnExisting::Keep)
        .await
        .expect("confirmed");
    assert!(matches!(done.value, Updated::Confirmed(_)), "{done:?}");
    assert_eq!(b.outcomes(), ["confirmed_set R1"]);
    assert_eq!(b.terminal_id("R1").as_deref(), Some("11000021"));
}

#[tokio::test]
async fn a_200_that_does_not_hold_the_value_is_not_applied() {
    let b = Bench::start(vec![req("R1", Epay, Status::Pending, None)], 100).await;
    b.sim.set_faults(Faults {
        ignore_updates: true,
        ..Faults::default()
    });
    let e = b
        .ops
        .update_terminal_id("R1", "11000021", OnExisting::Keep)
        .await
        .unwrap_err();
    assert_eq!(e.label(), "NOT_APPLIED");
    let text = e.to_string();
    assert!(
        text.contains("reading it back shows no terminalId: it was not applied"),
        "{text}"
    );
    assert_eq!(b.outcomes(), ["not_applied R1"]);
    // The advice, followed: set it again (the server now takes it).
    b.sim.set_faults(Faults::default());
    let done = b
        .ops
        .update_terminal_id("R1", "11000021", OnExisting::Keep)
        .await
        .expect("set");
    assert!(matches!(done.value, Updated::Set(_)));
}

#[tokio::test]
async fn a_create_whose_answer_is_lost_is_confirmed_when_this_key_made_it() {
    let b = Bench::start(vec![req("R1", Epay, Status::Pending, None)], 100).await;
    // A write of this key's shows its CRN.
    b.ops
        .update_terminal_id("R1", "11000021", OnExisting::Keep)
        .await
        .expect("set");
    assert!(b.ops.client().own_crn().is_some());
    lose_answers(&b);
    let done = b.ops.create(&new_windcave(&b)).await.expect("confirmed");
    let Created::Confirmed(made) = &done.value else {
        panic!("{done:?}");
    };
    assert_eq!(made.kind, Windcave);
    assert_eq!(
        b.outcomes().last().map(String::as_str),
        Some(format!("confirmed_created {}", made.id).as_str())
    );
    assert_eq!(b.sim.stats().create_calls, 1, "never sent twice");
}

#[tokio::test]
async fn a_create_whose_answer_is_lost_says_who_made_what_it_finds() {
    let b = Bench::start(vec![], 100).await;
    lose_answers(&b);
    let e = b.ops.create(&new_windcave(&b)).await.unwrap_err();
    let OpError::Exists { request } = &e else {
        panic!("{e:?}");
    };
    let text = e.to_string();
    assert!(
        text.contains(&format!("Request {} (windcave", request.id)),
        "{text}"
    );
    assert!(text.contains("created by crn:"), "{text}");
    assert!(!text.contains("try again"), "{text}");
    assert_eq!(b.outcomes(), [format!("exists {}", request.id)]);
}

#[tokio::test]
async fn a_create_whose_answer_and_search_both_fail_is_unconfirmed() {
    let b = Bench::start(vec![], 100).await;
    b.sim.set_faults(Faults {
        error_rate: 1.0,
        ..Faults::default()
    });
    let e = b.ops.create(&new_windcave(&b)).await.unwrap_err();
    let OpError::Api(ApiError::Unconfirmed { .. }) = &e else {
        panic!("{e:?}");
    };
    let text = e.to_string();
    assert!(
        text.contains("whether it was created is not known"),
        "{text}"
    );
    assert!(text.contains("`intake list --type windcave`"), "{text}");
    assert!(!text.contains("try again"), "{text}");
    assert_eq!(b.outcomes(), ["unconfirmed -"]);
}

#[tokio::test]
async fn an_activation_whose_answer_is_lost_is_confirmed_active_not_activated() {
    let b = Bench::pending(&["R1"]).await;
    lose_answers(&b);
    let done = b
        .ops
        .activate_one(&ActivateJob::new("R1"), Some("run"))
        .await
        .expect("confirmed");
    assert!(
        matches!(done.value, Activation::Confirmed(Some(_))),
        "{done:?}"
    );
    assert_eq!(b.outcomes(), ["started R1", "confirmed_active R1"]);
}

#[tokio::test]
async fn an_activation_whose_answer_and_read_back_both_fail_stays_in_doubt_for_resume() {
    let b = Bench::pending(&["R1"]).await;
    b.sim.set_faults(Faults {
        error_rate: 1.0,
        ..Faults::default()
    });
    let e = b
        .ops
        .activate_one(&ActivateJob::new("R1"), Some("run"))
        .await
        .unwrap_err();
    assert_eq!(e.label(), "UNCONFIRMED");
    assert!(e.to_string().contains("`intake show R1`"), "{e}");
    assert_eq!(b.outcomes(), ["started R1", "unconfirmed R1"]);
    // Not final: the id is still in doubt, so `--resume` reads it back.
    assert!(!crate::audit::Outcome::Unconfirmed.is_final());
}
