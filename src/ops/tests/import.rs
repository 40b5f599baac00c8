//! Import against the in-process simulator: planned from the file and every
//! page, applied row by row, never overwriting a value set after the plan.

use std::ops::ControlFlow;

use crate::api::{IntegrationType::*, Status};
use crate::import::RowClass;
use crate::ops::testing::{Bench, req};
use crate::ops::*;

#[tokio::test]
async fn a_terminal_id_set_after_the_plan_is_never_overwritten() {
    let b = Bench::start(
        vec![
            req("R1", Epay, Status::Pending, None),
            req("R2", Epay, Status::Pending, None),
            req("R3", Epay, Status::Pending, None),
        ],
        2,
    )
    .await;
    let file = b.log.with_file_name("terminals.csv");
    std::fs::create_dir_all(file.parent().expect("dir")).expect("dir");
    std::fs::write(
        &file,
        "id,terminalId\nR1,11000001\nR2,11000002\nR3,11000003\n",
    )
    .expect("csv");
    let plan = plan_import(
        b.ops.client(),
        b.ops.policy(),
        &file,
        "terminals.csv",
        Default::default(),
    )
    .await
    .expect("plan");
    assert_eq!(plan.count(RowClass::WillSet), 3, "planned over every page");
    let rows = ImportUpdate::from_plan(&plan);
    assert_eq!(
        rows[1],
        ImportUpdate {
            line: 3,
            id: "R2".into(),
            terminal_id: "11000002".into()
        }
    );

    // After the preview: someone sets R2 to another value, and R3 to the same.
    for (id, tid) in [("R2", "11000099"), ("R3", "11000003")] {
        let mut r = b.sim.get(id).expect("exists");
        r.terminal_id = Some(tid.into());
        b.sim.insert(r);
    }
    let updates_before = b.sim.stats().update_calls;
    let mut seen = Vec::new();
    let summary = b
        .ops
        .import_apply(
            rows,
            2,
            Order::AsGiven,
            &Cancel::default(),
            |row, result, missing| {
                assert_eq!(missing, None);
                seen.push((row.id.clone(), result));
                ControlFlow::Continue(())
            },
        )
        .await;
    assert!(!summary.cancelled && !summary.stopped);
    assert!(
        matches!(&seen[0], (id, ImportRowResult::Set(_)) if id == "R1"),
        "{seen:?}"
    );
    assert_eq!(
        seen[1],
        (
            "R2".into(),
            ImportRowResult::SetMeanwhile("11000099".into())
        )
    );
    assert_eq!(seen[2], ("R3".into(), ImportRowResult::Unchanged));
    assert_eq!(
        b.terminal_id("R2").as_deref(),
        Some("11000099"),
        "not overwritten"
    );
    assert_eq!(
        b.sim.stats().update_calls - updates_before,
        1,
        "only R1 was sent"
    );
    assert_eq!(b.outcomes(), ["updated R1"]);
}

#[tokio::test]
async fn a_missing_file_is_a_file_error_and_nothing_is_fetched() {
    let b = Bench::start(vec![], 100).await;
    let missing = b.log.with_file_name("nope.csv");
    let e = plan_import(
        b.ops.client(),
        b.ops.policy(),
        &missing,
        "nope.csv",
        Default::default(),
    )
    .await
    .unwrap_err();
    let PlanError::File(why) = e else {
        panic!("{e:?}")
    };
    assert!(why.starts_with("Could not open nope.csv ("), "{why}");
    assert_eq!(b.sim.stats().total_calls, 0);
}

#[tokio::test]
async fn a_cancelled_import_starts_no_new_row() {
    let b = Bench::start(
        vec![
            req("R1", Epay, Status::Pending, None),
            req("R2", Epay, Status::Pending, None),
        ],
        100,
    )
    .await;
    let rows = vec![
        ImportUpdate {
            line: 2,
            id: "R1".into(),
            terminal_id: "11000001".into(),
        },
        ImportUpdate {
            line: 3,
            id: "R2".into(),
            terminal_id: "11000002".into(),
        },
    ];
    let cancel = Cancel::default();
    let mut seen = 0;
    let summary = b
        .ops
        .import_apply(rows, 1, Order::AsFinished, &cancel, |_, _, _| {
            seen += 1;
            cancel.cancel();
            ControlFlow::Continue(())
        })
        .await;
    assert!(summary.cancelled);
    assert_eq!(seen, 1);
    assert_eq!(b.terminal_id("R2"), None);
}
