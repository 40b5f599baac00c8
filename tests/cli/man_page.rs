//! `intake man`: a roff page with every subcommand, the exit statuses, the
//! environment variables and the config keys, that `man -l -` renders.

use std::io::Write;
use std::process::{Command, Stdio};

use clap::CommandFactory;
use intake::cli::{Cli, VARIABLES};
use intake::failure::EXIT_STATUSES;

use crate::common;
use common::cli_env::{isolated, stderr, stdout};

fn page() -> String {
    let dir = common::scratch("man-page");
    let o = isolated(&dir).arg("man").output().expect("binary runs");
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).is_empty(), "{}", stderr(&o));
    stdout(&o)
}

/// Every command's name as the page heads its subsection.
fn command_names(cmd: &clap::Command, parent: &str, out: &mut Vec<String>) {
    for sub in cmd.get_subcommands() {
        let name = format!("{parent} {}", sub.get_name());
        command_names(sub, &name, out);
        out.push(name);
    }
}

#[test]
fn the_man_page_is_roff_with_every_command_status_variable_and_key() {
    let page = page();
    assert!(
        page.starts_with(".TH INTAKE 1 "),
        "{}",
        &page[..80.min(page.len())]
    );
    let mut names = Vec::new();
    command_names(&Cli::command(), "intake", &mut names);
    for name in &names {
        assert!(
            page.contains(&format!(".SS \"{name}\"\n")),
            "no section for `{name}`"
        );
    }
    let exit = &page[page
        .find(".SH \"EXIT STATUS\"")
        .expect("an EXIT STATUS section")..];
    for status in EXIT_STATUSES {
        assert!(
            exit.contains(&format!("\\fB{}\\fR ({})", status.code, status.name)),
            "{exit}"
        );
    }
    let environment = &page[page
        .find(".SH ENVIRONMENT")
        .expect("an ENVIRONMENT section")..];
    for variable in VARIABLES {
        assert!(environment.contains(variable.name), "{}", variable.name);
    }
    // The keys as config.example.toml writes them (roff escapes `-`).
    for key in [
        "default_profile",
        "concurrency",
        "base_url",
        "api_key",
        "[keys]",
        "[[views]]",
    ] {
        assert!(page.contains(key), "the page lacks the config key {key}");
    }
}

#[test]
fn man_renders_the_page() {
    let Ok(probe) = Command::new("man").arg("--version").output() else {
        println!("skipped: man is not installed");
        return;
    };
    assert!(probe.status.success(), "man --version failed");
    let page = page();
    let mut man = Command::new("man")
        .args(["-l", "-"])
        .env("MANPAGER", "cat")
        .env("MANWIDTH", "80")
        // The locale every machine has, and the strictest: its ASCII device
        // warns about any character it cannot show.
        .env("LC_ALL", "C")
        // Every troff warning (an unknown macro, a bad escape) on stderr.
        .env("MANROFFOPT", "-ww")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("man runs");
    let mut stdin = man.stdin.take().expect("stdin");
    stdin.write_all(page.as_bytes()).expect("write the page");
    drop(stdin);
    let o = man.wait_with_output().expect("man ends");
    assert!(o.status.success(), "man -l - failed: {}", stderr(&o));
    assert!(stderr(&o).trim().is_empty(), "man warned: {}", stderr(&o));
    let text = stdout(&o);
    for heading in [
        "SYNOPSIS",
        "GLOBAL OPTIONS",
        "COMMANDS",
        "EXIT STATUS",
        "ENVIRONMENT",
    ] {
        assert!(text.contains(heading), "no {heading} in\n{text}");
    }
    // The usage line as `intake update --help` prints it.
    assert!(text.contains("<TERMINAL_ID> <ID>"), "{text}");
}

#[test]
fn intake_help_ends_with_the_exit_statuses() {
    let dir = common::scratch("help-exit");
    for flag in ["--help", "-h"] {
        let o = isolated(&dir).arg(flag).output().expect("binary runs");
        assert!(o.status.success(), "{}", stderr(&o));
        let out = stdout(&o);
        let tail = &out[out.rfind("\nExit status:\n").expect("an exit status list")..];
        for status in EXIT_STATUSES {
            assert!(
                tail.contains(&format!("\n  {}  {:<7} ", status.code, status.name)),
                "{flag}: {tail}"
            );
        }
    }
}
