//! Each command run into each exit status it can end in, as the one table
//! (`failure::EXIT_STATUSES`, printed by `intake --help`, `intake man` and
//! README) documents them: the built binary against an in-process
//! simulator.

use std::collections::{BTreeMap, BTreeSet};

use crate::common;

use clap::CommandFactory;
use common::cli_env::{CliEnv, run, stderr};
use intake::api::{IntegrationRequest, IntegrationType};
use intake::cli::Cli;
use intake::failure::{EXIT_STATUSES, FAILED, SUCCESS, USAGE};

/// One run: the arguments, the environment to change and the status it
/// must end with.
struct Case {
    args: Vec<String>,
    env: Vec<(&'static str, String)>,
    code: u8,
}

fn case(code: u8, args: &[&str]) -> Case {
    Case {
        args: args.iter().map(ToString::to_string).collect(),
        env: Vec::new(),
        code,
    }
}

fn with_env(code: u8, args: &[&str], env: &[(&'static str, &str)]) -> Case {
    Case {
        env: env.iter().map(|(k, v)| (*k, v.to_string())).collect(),
        ..case(code, args)
    }
}

fn blank_epay(r: &IntegrationRequest) -> bool {
    r.kind == IntegrationType::Epay && r.is_pending() && r.effective_terminal_id().is_none()
}

/// The runs, in order (some set up the next: an update before its
/// conflicting one, an import refused before the same one allowed).
fn cases(env: &CliEnv) -> Vec<Case> {
    let requests = env.sim.requests();
    let blank: Vec<&IntegrationRequest> = requests.iter().filter(|r| blank_epay(r)).collect();
    let ready = env.find(|r| r.is_pending() && !r.needs_terminal_id());
    let free = env
        .sim
        .merchant_without(&IntegrationType::Windcave)
        .expect("a merchant without windcave");
    let account = free.account_id.clone().expect("the merchant's account");
    let create = ["create", "--merchant", &free.id, "--type", "windcave"];
    let csv = env.write(
        "ids.csv",
        &format!("id,terminalId\n{},11000061\n", blank[1].id),
    );
    let taken = env.sim.base_url().trim_start_matches("http://").to_string();
    let nowhere = env.dir.join("no-such-config.toml").display().to_string();
    let existing = env.write("config.toml", "");
    vec![
        case(SUCCESS, &["--help"]),
        case(SUCCESS, &["--version"]),
        case(USAGE, &["--no-such-option"]),
        case(SUCCESS, &["list", "--pending"]),
        with_env(FAILED, &["list"], &[("CENTRAPAY_API_KEY", "not-the-key")]),
        with_env(USAGE, &["list"], &[("CENTRAPAY_BASE_URL", "ftp://nowhere")]),
        case(USAGE, &["list", "--format", "csv", "--json"]),
        case(SUCCESS, &["show", &ready.id]),
        case(FAILED, &["show", "NoSuchRequest000000000"]),
        case(USAGE, &["show", "not an id"]),
        case(
            SUCCESS,
            &["update", &blank[0].id, "--terminal-id", "11000051"],
        ),
        case(
            FAILED,
            &["update", &blank[0].id, "--terminal-id", "11000052"],
        ),
        case(USAGE, &["update", &blank[0].id, "--terminal-id", "12ab"]),
        case(
            USAGE,
            &["--read-only", "update", &blank[0].id, "--terminal-id", "1"],
        ),
        case(SUCCESS, &["activate", &ready.id]),
        case(FAILED, &["activate", &blank[2].id]),
        case(USAGE, &["--read-only", "activate", &ready.id]),
        case(USAGE, &["activate"]),
        case(SUCCESS, &[&create[..], &["--account", &account]].concat()),
        case(FAILED, &[&create[..], &["--account", &account]].concat()),
        case(USAGE, &create),
        case(FAILED, &["import", &csv]),
        case(SUCCESS, &["import", &csv, "--yes"]),
        case(USAGE, &["--read-only", "import", &csv, "--yes"]),
        case(USAGE, &["import", "no-such-file.csv", "--yes"]),
        case(SUCCESS, &["log"]),
        with_env(FAILED, &["log"], &[("INTAKE_AUDIT_FILE", "/")]),
        case(USAGE, &["log", "--since", "yesterday-ish"]),
        case(SUCCESS, &["completions", "bash"]),
        case(USAGE, &["completions", "no-such-shell"]),
        case(SUCCESS, &["man"]),
        case(USAGE, &["man", "extra"]),
        case(FAILED, &["sim", "--listen", &taken]),
        case(USAGE, &["sim", "--page-size", "0"]),
        with_env(SUCCESS, &["config", "path"], &[("INTAKE_CONFIG", &nowhere)]),
        with_env(SUCCESS, &["config", "init"], &[("INTAKE_CONFIG", &nowhere)]),
        with_env(USAGE, &["config", "init"], &[("INTAKE_CONFIG", &existing)]),
        case(SUCCESS, &["config", "show"]),
        case(USAGE, &["--base-url", "not a url", "config", "show"]),
    ]
}

/// The statuses each command must be seen to end in: every command can be
/// refused (2), each that calls the API or writes a file can fail (1), and
/// all but the simulator (which serves until it is stopped) can succeed.
fn required(command: &str) -> BTreeSet<u8> {
    match command {
        "sim" => [FAILED, USAGE].into(),
        "completions" | "man" | "config" => [SUCCESS, USAGE].into(),
        _ => [SUCCESS, FAILED, USAGE].into(),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_command_ends_in_each_exit_status_it_documents() {
    let env = CliEnv::new("exit-codes").await;
    let mut seen: BTreeMap<String, BTreeSet<u8>> = BTreeMap::new();
    let mut wrong = Vec::new();
    for Case {
        args,
        env: vars,
        code,
    } in cases(&env)
    {
        let mut c = env.cmd();
        c.args(&args);
        for (k, v) in &vars {
            c.env(k, v);
        }
        let o = run(c).await;
        let got = o.status.code();
        if got != Some(i32::from(code)) {
            wrong.push(format!(
                "intake {} {vars:?}: {got:?}, not {code}\n{}",
                args.join(" "),
                stderr(&o)
            ));
        }
        if code != SUCCESS && stderr(&o).trim().is_empty() {
            wrong.push(format!(
                "intake {}: exit {code} said nothing on stderr",
                args.join(" ")
            ));
        }
        let command = args.iter().find(|a| !a.starts_with('-')).cloned();
        seen.entry(command.unwrap_or_default())
            .or_default()
            .insert(code);
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    for sub in Cli::command().get_subcommands() {
        let name = sub.get_name();
        let got = seen.get(name).cloned().unwrap_or_default();
        assert_eq!(
            got,
            required(name),
            "the exit statuses `intake {name}` was run into"
        );
    }
    let all: BTreeSet<u8> = seen.values().flatten().copied().collect();
    let documented: BTreeSet<u8> = EXIT_STATUSES.iter().map(|s| s.code).collect();
    assert_eq!(
        all, documented,
        "every documented status is reached, and no other"
    );
}
