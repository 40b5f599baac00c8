//! Merchant names wherever the CLI names a request: `intake show`,
//! `intake activate` and the `intake import` preview (the simulator's
//! merchants all have names).

use crate::common;

use common::cli_env::{CliEnv, ready, stderr, stdout};
use intake::api::IntegrationType;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn show_names_the_merchant() {
    let env = CliEnv::new("names-show").await;
    let r = env.find(|_| true);
    let o = env.run(&["show", &r.id]).await;
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    let name = env.merchant_name(&r.merchant_id);
    assert!(
        out.lines().any(|l| l == format!("merchant    {name}")),
        "{out}"
    );
    assert!(
        out.lines()
            .any(|l| l == format!("merchantId  {}", r.merchant_id)),
        "{out}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn activate_names_the_merchant_of_each_activated_request() {
    let env = CliEnv::new("names-activate").await;
    let r = env.find(ready);
    let o = env.run(&["activate", &r.id]).await;
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    let want = format!(
        "{} activated ({}, merchant {})",
        r.id,
        r.kind.as_str(),
        env.merchant_name(&r.merchant_id)
    );
    assert!(out.lines().any(|l| l == want), "{want} not in {out}");
    // Activating it again: the "already active" line names it too.
    let o = env.run(&["activate", &r.id]).await;
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    let line = out.lines().next().unwrap_or_default();
    assert!(
        line.starts_with(&format!("{} already active", r.id)),
        "{out}"
    );
    let tail = format!(
        "({}, merchant {})",
        r.kind.as_str(),
        env.merchant_name(&r.merchant_id)
    );
    assert!(line.ends_with(&tail), "{tail} not at the end of {line}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_import_preview_names_the_merchants() {
    let env = CliEnv::new("names-import").await;
    let r =
        env.find(|r| r.is_pending() && r.kind == IntegrationType::Epay && r.needs_terminal_id());
    let file = env.write("names.csv", &format!("id,terminalId\n{},11000123\n", r.id));
    let o = env.run(&["import", &file]).await;
    let out = stdout(&o);
    let name = env.merchant_name(&r.merchant_id);
    let row = out
        .lines()
        .find(|l| l.contains(&r.id))
        .unwrap_or_else(|| panic!("the row is previewed: {out}"));
    assert!(row.contains(&name), "{row}");
    assert!(!row.contains(&r.merchant_id), "{row}");
}
