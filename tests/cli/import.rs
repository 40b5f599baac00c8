//! `intake import`, `intake completions` and `intake --version`, through the
//! built binary against an in-process simulator.

use crate::common;

use std::collections::{HashMap, HashSet};

use common::cli_env::{CliEnv, json_lines, stderr, stdout};
use intake::api::{IntegrationRequest, IntegrationType, Status};

/// `intake import --json`'s plan line, with the summary line's `sent`.
fn report(o: &std::process::Output) -> serde_json::Value {
    let lines = json_lines(o);
    let mut plan = lines.first().cloned().expect("the plan line");
    assert_eq!(plan["kind"], "plan", "{plan}");
    let summary = lines.last().expect("the summary line");
    assert_eq!(summary["kind"], "summary", "{summary}");
    plan["sent"] = summary["sent"].clone();
    plan
}

/// `class -> sorted line numbers` from the `--json` report.
fn lines_by_class(report: &serde_json::Value) -> HashMap<String, Vec<u64>> {
    let mut out: HashMap<String, Vec<u64>> = HashMap::new();
    for row in report["rows"].as_array().expect("rows") {
        let class = row["class"].as_str().expect("class").to_string();
        out.entry(class)
            .or_default()
            .push(row["line"].as_u64().expect("line"));
    }
    for v in out.values_mut() {
        v.sort_unstable();
    }
    out
}

/// Requests whose (merchant, type) pair is unique, so a row can name them by it.
fn unique_pairs(all: &[IntegrationRequest]) -> HashSet<String> {
    let mut n: HashMap<(String, IntegrationType), usize> = HashMap::new();
    for r in all {
        *n.entry((r.merchant_id.clone(), r.kind.clone()))
            .or_default() += 1;
    }
    all.iter()
        .filter(|r| n[&(r.merchant_id.clone(), r.kind.clone())] == 1)
        .map(|r| r.id.clone())
        .collect()
}

/// The requests the import file names, one or two for each class of row.
struct Picks<'a> {
    by_id: &'a IntegrationRequest,
    by_pair: &'a IntegrationRequest,
    letters: &'a IntegrationRequest,
    twice: &'a IntegrationRequest,
    same: &'a IntegrationRequest,
    other: &'a IntegrationRequest,
}

fn picks(all: &[IntegrationRequest]) -> Picks<'_> {
    let unique = unique_pairs(all);
    let bare_epay: Vec<&IntegrationRequest> = all
        .iter()
        .filter(|r| r.kind == IntegrationType::Epay && r.is_pending() && r.needs_terminal_id())
        .collect();
    assert!(
        bare_epay.len() >= 4,
        "the demo set has epay requests without terminalId"
    );
    let by_id = bare_epay[0];
    let by_pair = bare_epay
        .iter()
        .skip(1)
        .find(|r| unique.contains(&r.id))
        .copied()
        .expect("an epay with a unique merchant+type");
    let letters = bare_epay
        .iter()
        .find(|r| r.id != by_id.id && r.id != by_pair.id)
        .copied()
        .expect("another bare epay");
    let twice = bare_epay
        .iter()
        .find(|r| ![&by_id.id, &by_pair.id, &letters.id].contains(&&r.id))
        .copied()
        .expect("a fourth bare epay");
    let with_tid: Vec<&IntegrationRequest> = all
        .iter()
        .filter(|r| r.effective_terminal_id().is_some())
        .collect();
    assert!(
        with_tid.len() >= 2,
        "the demo set has requests with a terminalId"
    );
    let same = with_tid[0];
    let other = with_tid[1];
    Picks {
        by_id,
        by_pair,
        letters,
        twice,
        same,
        other,
    }
}

/// A file with a row of every class.
fn import_text(p: &Picks) -> String {
    let same_tid = p.same.effective_terminal_id().expect("tid");
    let other_tid = p.other.effective_terminal_id().expect("tid");
    let differing_tid = if other_tid == "99999999" {
        "88888888"
    } else {
        "99999999"
    };

    // Columns in a free order with mixed case; line numbers count the header as 1.
    format!(
        "TerminalID,ID,merchantId,Type\n\
         11000021,{a},,\n\
         11000022,,{pm},{pt}\n\
         {same_tid},{s},,\n\
         {differing_tid},{o},,\n\
         1,NoSuchRequest000000000,,\n\
         \n\
         5,,abcdefabcdefabcdefabcdef,windcave\n\
         12ab,{l},,\n\
         7,a/b,,\n\
         11000021,{a},,\n\
         11000031,{t},,\n\
         11000032,{t},,\n",
        a = p.by_id.id,
        pm = p.by_pair.merchant_id,
        pt = p.by_pair.kind.as_str().to_uppercase(),
        s = p.same.id,
        o = p.other.id,
        l = p.letters.id,
        t = p.twice.id,
    )
}

fn json_preview_classes_each_row(
    o: &std::process::Output,
    by_pair: &IntegrationRequest,
    other_tid: &str,
) {
    let report = report(o);
    let lines = lines_by_class(&report);
    assert_eq!(lines["will_set"], vec![2, 3], "{report:#}");
    assert_eq!(lines["unchanged"], vec![4]);
    assert_eq!(lines["conflicting"], vec![5]);
    assert_eq!(lines["unknown_request"], vec![6, 8]);
    assert_eq!(lines["duplicate"], vec![11]);
    assert_eq!(lines["invalid"], vec![9, 10, 12, 13]);
    assert_eq!(report["counts"]["willSet"], 2);
    assert_eq!(report["counts"]["invalid"], 4);
    assert_eq!(report["sent"], false);
    let row = |line: u64| {
        report["rows"]
            .as_array()
            .and_then(|rows| rows.iter().find(|r| r["line"] == line))
            .cloned()
            .expect("row")
    };
    assert_eq!(row(3)["id"], by_pair.id.as_str());
    assert_eq!(row(5)["currentTerminalId"], other_tid);
    assert!(
        row(9)["reason"]
            .as_str()
            .is_some_and(|r| r.contains("digits only"))
    );
    assert!(
        row(10)["reason"]
            .as_str()
            .is_some_and(|r| r.contains("not a valid request id"))
    );
    assert!(
        row(12)["reason"]
            .as_str()
            .is_some_and(|r| r.contains("lines 12, 13"))
    );
    assert!(stderr(o).contains("--yes"), "{}", stderr(o));
}

fn readable_preview_groups_rows_and_says_how_to_go_on(o: &std::process::Output) {
    let out = stdout(o);
    assert!(
        out.contains(
            "11 rows: 2 will set, 1 unchanged, 1 conflicting, 2 unknown request, 1 duplicate, 4 invalid."
        ),
        "{out}"
    );
    for heading in [
        "Will set (2)",
        "Unchanged (already has that terminalId) (1)",
        "Conflicting (has a different terminalId; not overwritten) (1)",
        "Unknown request (2)",
        "Duplicate (ignored) (1)",
        "Invalid (4)",
    ] {
        assert!(out.contains(heading), "{heading}: {out}");
    }
    assert!(
        stderr(o).contains(
            "no one can confirm that intake may set 2 terminalIds: nothing was sent; add --yes to apply without asking."
        ),
        "{}",
        stderr(o)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn import_previews_confirms_sets_and_is_idempotent() {
    let env = CliEnv::new("main").await;
    let all = env.sim.requests();
    let picked = picks(&all);
    let file = env.write("terminals.csv", &import_text(&picked));
    let Picks {
        by_id,
        by_pair,
        letters,
        twice,
        other,
        ..
    } = picked;
    let other_tid = other.effective_terminal_id().expect("tid");
    let before = env.sim.stats();

    // Preview as JSON: every class with its line numbers; nothing is sent.
    let o = env.run(&["import", &file, "--json"]).await;
    json_preview_classes_each_row(&o, by_pair, other_tid);

    // The readable preview: grouped with counts, and how to go on.
    let o = env.run(&["import", &file]).await;
    readable_preview_groups_rows_and_says_how_to_go_on(&o);

    // Nothing changed before confirmation.
    assert_eq!(env.sim.stats().update_calls, before.update_calls);
    assert_eq!(env.sim.requests(), all);

    // Confirmed: exactly the two will-set rows are sent, nothing else changes.
    let o = env.run(&["import", &file, "--yes"]).await;
    assert!(o.status.success(), "{}\n{}", stdout(&o), stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains(&format!("line 2: {} terminalId set to 11000021", by_id.id)),
        "{out}"
    );
    assert!(out.contains("Set 2 of 2 terminalIds."), "{out}");
    let tid = |id: &str| {
        env.sim
            .get(id)
            .and_then(|r| r.effective_terminal_id().map(str::to_string))
    };
    assert_eq!(tid(&by_id.id).as_deref(), Some("11000021"));
    assert_eq!(tid(&by_pair.id).as_deref(), Some("11000022"));
    assert_eq!(
        tid(&other.id).as_deref(),
        Some(other_tid),
        "not overwritten"
    );
    assert_eq!(tid(&letters.id), None);
    assert_eq!(tid(&twice.id), None);
    let after_first = env.sim.stats();
    assert_eq!(after_first.update_calls, before.update_calls + 2);
    assert_eq!(after_first.activate_calls, before.activate_calls);

    // The same file again changes nothing.
    let o = env.run(&["import", &file, "--yes", "--json"]).await;
    assert!(o.status.success(), "{}", stderr(&o));
    let report = report(&o);
    let lines = lines_by_class(&report);
    assert!(!lines.contains_key("will_set"), "{report:#}");
    assert_eq!(lines["unchanged"], vec![2, 3, 4]);
    assert_eq!(report["sent"], false);
    assert_eq!(env.sim.stats().update_calls, after_first.update_calls);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn import_activate_activates_every_pending_row_that_holds_the_files_terminal_id() {
    let env = CliEnv::new("activate").await;
    let all = env.sim.requests();
    let bare: Vec<&IntegrationRequest> = all
        .iter()
        .filter(|r| r.kind == IntegrationType::Epay && r.is_pending() && r.needs_terminal_id())
        .take(2)
        .collect();
    assert_eq!(bare.len(), 2);
    let already = all
        .iter()
        .find(|r| r.is_pending() && r.effective_terminal_id().is_some())
        .expect("a pending request with a terminalId");
    let text = format!(
        "id,terminalId\n{},11000041\n{},11000042\n{},{}\n",
        bare[0].id,
        bare[1].id,
        already.id,
        already.effective_terminal_id().unwrap_or_default()
    );
    let file = env.write("activate.csv", &text);
    // The preview lists and counts them (no --yes: nothing is sent).
    let o = env.run(&["import", &file, "--activate"]).await;
    let out = stdout(&o);
    assert!(
        out.contains("2 will set, 1 unchanged; 3 will activate."),
        "{out}"
    );
    assert!(
        out.contains("Will activate (pending, and holds the file's terminalId once set) (3)"),
        "{out}"
    );
    assert!(
        stderr(&o).contains("set 2 terminalIds and activate 3 requests"),
        "{}",
        stderr(&o)
    );
    let before = env.sim.stats();
    let o = env.run(&["import", &file, "--yes", "--activate"]).await;
    assert!(o.status.success(), "{}\n{}", stdout(&o), stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("Set 2 of 2 terminalIds. Activated 3 of 3."),
        "{out}"
    );
    let stats = env.sim.stats();
    assert_eq!(stats.activations_applied, before.activations_applied + 3);
    assert_eq!(stats.activate_calls, before.activate_calls + 3);
    for id in [&bare[0].id, &bare[1].id, &already.id] {
        let now = env.sim.get(id).expect("stored");
        assert_eq!(now.status, Status::Active, "{id}");
    }
    let mut changed: Vec<String> = env
        .sim
        .requests()
        .into_iter()
        .zip(all.iter())
        .filter(|(a, b)| a != *b)
        .map(|(a, _)| a.id)
        .collect();
    let mut expected = vec![bare[0].id.clone(), bare[1].id.clone(), already.id.clone()];
    expected.sort();
    changed.sort();
    assert_eq!(changed, expected);
}

/// What the failure sentence says to do, done to the letter: the same
/// command again sets nothing twice and activates what is still pending.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_failed_activations_the_same_command_again_finishes_the_job() {
    use intake::sim::Faults;
    let env = CliEnv::new("activate-again").await;
    let bare: Vec<IntegrationRequest> = env
        .sim
        .requests()
        .into_iter()
        .filter(|r| r.kind == IntegrationType::Epay && r.is_pending() && r.needs_terminal_id())
        .take(2)
        .collect();
    let text = format!(
        "id,terminalId\n{},11000051\n{},11000052\n",
        bare[0].id, bare[1].id
    );
    let file = env.write("again.csv", &text);
    // Every activation is refused by a fault; the updates go through.
    env.sim.set_faults(Faults {
        refuse_activations: true,
        ..Faults::default()
    });
    let o = env.run(&["import", &file, "--yes", "--activate"]).await;
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    let err = stderr(&o);
    assert!(
        err.contains("2 of 2 activations failed; see the lines above. Fix the cause and run the same command again"),
        "{err}"
    );
    env.sim.set_faults(Faults::default());
    let o = env.run(&["import", &file, "--yes", "--activate"]).await;
    assert!(o.status.success(), "{}\n{}", stdout(&o), stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("Activated 2 of 2."), "{out}");
    for r in &bare {
        assert_eq!(env.sim.get(&r.id).expect("stored").status, Status::Active);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_import_of_only_unusable_rows_exits_1() {
    let env = CliEnv::new("unusable").await;
    let file = env.write(
        "unusable.csv",
        "id,terminalId\nNoSuchRequest000000000,11000021\na/b,7\n",
    );
    for json in [false, true] {
        let mut args = vec!["import", file.as_str(), "--yes"];
        if json {
            args.push("--json");
        }
        let o = env.run(&args).await;
        assert_eq!(o.status.code(), Some(1), "{}\n{}", stdout(&o), stderr(&o));
        let err = stderr(&o);
        assert!(
            err.contains("No row of the file could be used (1 unknown request, 1 invalid;"),
            "{err}"
        );
        assert!(
            err.contains("nothing was sent. Fix those rows and import the file again."),
            "{err}"
        );
    }
    let empty = env.write("empty.csv", "id,terminalId\n");
    let o = env.run(&["import", &empty, "--yes"]).await;
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("has a header but no rows"),
        "{}",
        stderr(&o)
    );
    assert_eq!(env.sim.stats().update_calls, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reimport_of_unchanged_rows_exits_0_saying_nothing_needed_changing() {
    let env = CliEnv::new("reimport").await;
    let bare: Vec<IntegrationRequest> = env
        .sim
        .requests()
        .into_iter()
        .filter(|r| r.kind == IntegrationType::Epay && r.is_pending() && r.needs_terminal_id())
        .take(2)
        .collect();
    let text = format!(
        "id,terminalId\n{},11000071\n{},11000072\n",
        bare[0].id, bare[1].id
    );
    let file = env.write("again.csv", &text);
    let o = env.run(&["import", &file, "--yes"]).await;
    assert!(o.status.success(), "{}\n{}", stdout(&o), stderr(&o));
    let updates = env.sim.stats().update_calls;
    // Asked or not, on a terminal or not: nothing to ask about.
    for args in [vec!["import", &file], vec!["import", &file, "--yes"]] {
        let o = env.run(&args).await;
        assert_eq!(o.status.code(), Some(0), "{}\n{}", stdout(&o), stderr(&o));
        let out = stdout(&o);
        assert!(out.contains("2 rows: 2 unchanged."), "{out}");
        assert!(
            out.contains(
                "Nothing needed changing: the 2 requests already have the terminalIds in the file. Nothing was sent."
            ),
            "{out}"
        );
    }
    assert_eq!(env.sim.stats().update_calls, updates, "nothing sent");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn import_file_errors_exit_2_naming_the_file() {
    let env = CliEnv::new("errors").await;
    let missing = env.dir.join("missing.csv").display().to_string();
    let o = env.run(&["import", &missing]).await;
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains(&format!("Could not open {missing}")),
        "{}",
        stderr(&o)
    );

    let bad = env.write("bad.csv", "id,colour\nX,red\n");
    let o = env.run(&["import", &bad]).await;
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains(&bad) && err.contains("unknown column `colour`"),
        "{err}"
    );
    assert_eq!(env.sim.stats().update_calls, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn completions_for_bash_zsh_and_fish() {
    let env = CliEnv::new("completions").await;
    let o = env.run(&["completions", "bash"]).await;
    assert!(o.status.success(), "{}", stderr(&o));
    let bash = stdout(&o);
    assert!(bash.contains("intake"), "{bash}");
    assert!(
        bash.contains("import") && bash.contains("activate"),
        "{bash}"
    );
    for shell in ["zsh", "fish"] {
        let o = env.run(&["completions", shell]).await;
        assert!(o.status.success(), "{shell}: {}", stderr(&o));
        assert!(!o.stdout.is_empty(), "{shell}");
        assert!(stdout(&o).contains("import"), "{shell}");
    }
    let o = env.run(&["completions", "tcsh"]).await;
    assert_eq!(o.status.code(), Some(2));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn version_names_the_package_version_and_commit() {
    let env = CliEnv::new("version").await;
    let o = env.run(&["--version"]).await;
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains(&format!("intake {} (", env!("CARGO_PKG_VERSION"))),
        "{out}"
    );
    assert!(out.trim_end().ends_with(')'), "{out}");
    assert_eq!(intake::VERSION, out.trim().trim_start_matches("intake "));
}
