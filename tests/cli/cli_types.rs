//! `--type` takes any value: a type no API revision documents is searched
//! for (or sent) anyway, with a warning on stderr, against either revision.

use crate::common;

use common::cli_env::{CliEnv, stderr};
use intake::api::{IntegrationRequest, IntegrationType};
use intake::audit::{Change, Outcome};
use intake::sim::{Revision, SimConfig};

const LINKLY_WARNING: &str = "linkly is not a type the API documents; searching for it anyway.";

/// A simulator of `revision` holding one request of the undocumented type
/// `linkly` (its id returned) beside the seed.
async fn with_linkly(name: &str, revision: Revision) -> (CliEnv, String) {
    let env = CliEnv::start(
        name,
        SimConfig {
            revision,
            ..SimConfig::default()
        },
    )
    .await;
    let mut r = env.sim.requests().into_iter().next().expect("seeded");
    r.id = "LinklyTypeRequest000001".into();
    r.kind = IntegrationType::Unknown("linkly".into());
    env.sim.insert(r);
    (env, "LinklyTypeRequest000001".into())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn list_searches_for_an_undocumented_type_with_a_warning() {
    for (name, revision) in [
        ("types-ref", Revision::Reference),
        ("types-later", Revision::Later),
    ] {
        let (env, id) = with_linkly(name, revision).await;
        let o = env.run(&["list", "--type", "Linkly", "--json"]).await;
        assert_eq!(o.status.code(), Some(0), "{revision:?}: {}", stderr(&o));
        assert!(stderr(&o).contains(LINKLY_WARNING), "{}", stderr(&o));
        let items: Vec<IntegrationRequest> = serde_json::from_slice(&o.stdout).expect("json");
        assert!(!items.is_empty(), "{revision:?}");
        assert!(items.iter().any(|r| r.id == id), "{revision:?}");
        assert!(
            items
                .iter()
                .all(|r| r.kind == IntegrationType::Unknown("linkly".into())),
            "{revision:?}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn documented_types_list_without_a_warning() {
    let env = CliEnv::new("types-known").await;
    for kind in ["epay", "Verifone", "smartpay"] {
        let o = env.run(&["list", "--type", kind, "--csv"]).await;
        assert_eq!(o.status.code(), Some(0), "{kind}: {}", stderr(&o));
        assert!(
            !stderr(&o).contains("not a type the API documents"),
            "{kind}: {}",
            stderr(&o)
        );
    }
    let o = env.run(&["list", "--type", " "]).await;
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("--type needs a value"),
        "{}",
        stderr(&o)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn create_sends_an_undocumented_type_with_a_warning() {
    let env = CliEnv::new("types-create").await;
    let merchant = env.sim.merchants()[0].clone();
    let account = merchant
        .account_id
        .clone()
        .expect("the seed's merchants name their account");
    let o = env
        .run(&[
            "create",
            "--merchant",
            &merchant.id,
            "--type",
            "linkly",
            "--account",
            &account,
        ])
        .await;
    let err = stderr(&o);
    assert!(
        err.contains("linkly is not a type the API documents; sending it anyway."),
        "{err}"
    );
    // Not refused as usage: it went to the server, which had the last word.
    assert_ne!(o.status.code(), Some(2), "{err}");
    // The audit log has the server's answer, whichever it was.
    let creates: Vec<_> = env
        .audit()
        .into_iter()
        .filter(|r| r.action == Change::Create)
        .collect();
    assert!(
        creates.iter().any(|r| {
            r.merchant_id.as_deref() == Some(merchant.id.as_str())
                && matches!(r.outcome, Outcome::Created | Outcome::Failed)
        }),
        "{creates:?}"
    );
}
