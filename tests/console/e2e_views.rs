//! End-to-end: saved views (the tabs under the title) and the backlog panel
//! in the real console against a standalone simulator, with their counts
//! checked against what the server holds.

use crate::common;

use std::path::Path;

use common::*;
use intake::api::IntegrationRequest;

fn pending(requests: &[IntegrationRequest]) -> Vec<&IntegrationRequest> {
    requests.iter().filter(|r| r.is_pending()).collect()
}

/// The list's rows on `screen`: the lines of the requests table.
fn rows(screen: &str) -> Vec<&str> {
    screen
        .lines()
        .filter(|l| l.starts_with('│') && l.contains(" pending "))
        .collect()
}

/// The cells of the screen: its lines cut at the box borders, trimmed.
fn cells(screen: &str) -> Vec<&str> {
    screen
        .lines()
        .flat_map(|l| l.split('│'))
        .map(str::trim)
        .collect()
}

fn write_config(dir: &Path, text: &str) -> String {
    let path = dir.join("config.toml");
    std::fs::write(&path, text).expect("write the config");
    format!("INTAKE_CONFIG={}", shell_quote(&path))
}

#[test]
fn default_tabs_count_what_the_server_holds_and_switch() {
    let sim = Sim::start();
    let requests = all(&sim.client());
    let pending = pending(&requests);
    let epay_blank: Vec<&IntegrationRequest> = pending
        .iter()
        .copied()
        .filter(|r| r.kind.to_string() == "epay" && r.effective_terminal_id().is_none())
        .collect();
    let ready = pending.iter().filter(|r| r.blockers().is_empty()).count();
    let (p, e) = (pending.len(), epay_blank.len());
    assert!(e > 0 && ready > 0 && e < p && ready < p);

    let dir = scratch("views-default");
    let term = Pty::start("views-default", 140, 40, &console_command(&sim, &dir));
    let tabs = format!("Pending {p} · ePay missing terminalId {e} · Ready {ready}");
    term.wait_for("the default tabs with the server's counts", |s| {
        s.contains(&tabs)
    });

    term.keys(&["Tab"]);
    let screen = term.wait_for("the ePay view", |s| s.contains(&format!("{e}/{p} shown")));
    let shown = rows(&screen);
    assert_eq!(shown.len(), e, "{screen}");
    // The terminalId cell, under its header: the merchant cell is a name
    // once names arrive and a bare id before, so it cannot be the anchor.
    let column = screen
        .lines()
        .find_map(|l| {
            l.find("terminalId age")
                .map(|byte| l[..byte].chars().count())
        })
        .expect("the list's header");
    assert!(
        shown.iter().all(|r| {
            let list = r.split("││").next().unwrap_or(r);
            list.contains(" epay ") && list.chars().nth(column) == Some('-')
        }),
        "a row of another type, or with a terminalId, in the ePay view:\n{screen}"
    );

    term.keys(&["Tab"]);
    term.wait_for("the Ready view", |s| {
        s.contains(&format!("{ready}/{p} shown"))
    });
    term.keys(&["BTab"]);
    term.wait_for("shift-Tab back to the ePay view", |s| {
        s.contains(&format!("{e}/{p} shown"))
    });
    term.keys(&["1"]);
    term.wait_for("1: the Pending view", |s| {
        s.contains(&format!("{p}/{p} shown"))
    });
    term.keys(&["2"]);
    let screen = term.wait_for("2: the ePay view", |s| {
        s.contains(&format!("{e}/{p} shown"))
    });
    assert_eq!(rows(&screen).len(), e, "{screen}");

    term.keys(&["q"]);
    assert_terminal_restored(&term);
}

#[test]
fn configured_views_replace_the_defaults_and_keep_marks_across_them() {
    let sim = Sim::start();
    let requests = all(&sim.client());
    let pending = pending(&requests);
    let of = |kind: &str| -> Vec<&IntegrationRequest> {
        pending
            .iter()
            .copied()
            .filter(|r| r.kind.to_string() == kind)
            .collect()
    };
    let (verifone, windcave) = (of("verifone"), of("windcave"));
    let verifone_blank = verifone
        .iter()
        .filter(|r| r.effective_terminal_id().is_none())
        .count();
    let p = pending.len();
    assert!(verifone_blank > 0 && verifone_blank < verifone.len());

    let dir = scratch("views-config");
    let env = write_config(
        &dir,
        "[[views]]\nname = \"Verifone\"\nfilter = \"type:verifone\"\nsort = \"merchant\"\n\n\
         [[views]]\nname = \"Windcave\"\nfilter = \"type:windcave\"\n",
    );
    let term = Pty::start(
        "views-config",
        140,
        40,
        &console_command_with(&sim, &dir, &env, ""),
    );
    let tabs = format!("Verifone {} · Windcave {}", verifone.len(), windcave.len());
    let screen = term.wait_for("the configured tabs", |s| {
        s.contains(&tabs) && s.contains(&format!("{}/{p} shown", verifone.len()))
    });
    assert!(
        !screen.contains("Ready") && !screen.contains("ePay missing terminalId"),
        "the default tabs are still there:\n{screen}"
    );
    assert!(screen.contains("sort: merchant"), "{screen}");
    assert!(
        rows(&screen).iter().all(|r| r.contains(" verifone ")),
        "{screen}"
    );

    // The typed filter narrows within the view.
    term.keys(&["/"]);
    term.type_text("terminal:none");
    term.keys(&["Enter"]);
    let screen = term.wait_for("the view narrowed by the filter", |s| {
        s.contains(&format!("{verifone_blank}/{p} shown"))
    });
    let shown = rows(&screen);
    assert_eq!(shown.len(), verifone_blank, "{screen}");
    assert!(shown.iter().all(|r| r.contains(" verifone ")), "{screen}");
    term.keys(&["Escape"]);
    term.wait_for("the filter cleared", |s| {
        s.contains(&format!("{}/{p} shown", verifone.len()))
    });

    // A mark in each view, then back to the first: both still count.
    term.keys(&["Space"]);
    term.wait_for("one marked", |s| s.contains("1 marked"));
    term.keys(&["Tab"]);
    term.wait_for("the Windcave view", |s| {
        s.contains(&format!("{}/{p} shown", windcave.len()))
    });
    term.keys(&["Space"]);
    term.wait_for("two marked", |s| s.contains("2 marked"));
    term.keys(&["1"]);
    term.wait_for("back in the Verifone view", |s| {
        s.contains(&format!("{}/{p} shown", verifone.len())) && s.contains("2 marked")
    });
    term.keys(&["A"]);
    let dialog = term.wait_for("the bulk dialog", |s| s.contains("Activate 2 requests?"));
    assert!(
        dialog.contains("1 is hidden by the current filter."),
        "{dialog}"
    );
    term.keys(&["Escape"]);
    term.wait_for("the dialog closed, the marks kept", |s| {
        !s.contains("Activate 2 requests?") && s.contains("2 marked")
    });

    term.keys(&["q"]);
    assert_terminal_restored(&term);
}

#[test]
fn a_view_with_a_bad_filter_is_named_when_the_console_opens() {
    let sim = Sim::start();
    let dir = scratch("views-bad");
    let env = write_config(
        &dir,
        "[[views]]\nname = \"Colours\"\nfilter = \"colour:red\"\n",
    );
    let term = Pty::start(
        "views-bad",
        140,
        40,
        &console_command_with(&sim, &dir, &env, ""),
    );
    term.wait_for("the sentence naming the view", |s| {
        s.contains("The view `Colours` has a filter that matches nothing")
    });
    term.keys(&["q"]);
    assert_terminal_restored(&term);
}

#[test]
fn b_counts_the_backlog_by_type_and_the_title_counts_over_sla() {
    let sim = Sim::start();
    let requests = all(&sim.client());
    let pending = pending(&requests);
    let mut by_type: Vec<(String, usize)> = Vec::new();
    for r in &pending {
        let kind = r.kind.to_string();
        match by_type.iter_mut().find(|(k, _)| *k == kind) {
            Some((_, n)) => *n += 1,
            None => by_type.push((kind, 1)),
        }
    }
    // The seed's requests are all older than a day.
    let p = pending.len();

    let dir = scratch("views-backlog");
    let env = write_config(&dir, "sla_days = 1\n");
    let term = Pty::start(
        "views-backlog",
        140,
        40,
        &console_command_with(&sim, &dir, &env, ""),
    );
    term.wait_for("the title's SLA count", |s| {
        s.contains(&format!("{p} over SLA"))
    });
    term.keys(&["b"]);
    let screen = term.wait_for("the backlog panel", |s| {
        s.contains(&format!("Backlog: {p} shown")) && s.contains("by readiness")
    });
    let cells = cells(&screen);
    for (kind, n) in &by_type {
        let cell = format!("{n}  {kind}");
        assert!(cells.contains(&cell.as_str()), "no `{cell}`:\n{screen}");
    }
    assert!(screen.contains("SLA 1d"), "{screen}");

    term.keys(&["b"]);
    term.wait_for("the detail pane again", |s| !s.contains("Backlog:"));
    term.keys(&["q"]);
    assert_terminal_restored(&term);
}
