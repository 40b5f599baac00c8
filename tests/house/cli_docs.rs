//! The command line documents itself from one source, the clap
//! definitions: every argument has help text, completion offers only what
//! help lists, README's exit-code table is the one rendered from
//! `failure::EXIT_STATUSES` (`INTAKE_WRITE_DOCS=1` rewrites it), and the
//! man page's ENVIRONMENT names every variable the source reads.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use clap::CommandFactory;
use intake::cli::{self, Cli};
use intake::keys::docs;

/// Every command of the tree, the root first, with its path
/// (`intake config path`). Built, so the global options and clap's own
/// `--help`, `--version` and `help` subcommand are there too.
fn commands() -> Vec<(String, clap::Command)> {
    let mut root = Cli::command();
    root.build();
    let mut out = Vec::new();
    let mut todo = vec![("intake".to_string(), root)];
    while let Some((path, cmd)) = todo.pop() {
        for sub in cmd.get_subcommands() {
            todo.push((format!("{path} {}", sub.get_name()), sub.clone()));
        }
        out.push((path, cmd));
    }
    out
}

#[test]
fn every_argument_of_every_command_has_help_text() {
    let mut bare = Vec::new();
    for (path, cmd) in commands() {
        if cmd.get_about().is_none() && cmd.get_long_about().is_none() {
            bare.push(format!("`{path}` (the command itself)"));
        }
        for arg in cmd.get_arguments() {
            let text = arg
                .get_help()
                .or(arg.get_long_help())
                .map(ToString::to_string);
            if text.is_none_or(|t| t.trim().is_empty()) {
                bare.push(format!("`{path}`: {}", arg.get_id()));
            }
        }
    }
    assert!(
        bare.is_empty(),
        "give these a doc comment (src/cli/args.rs):\n{}",
        bare.join("\n")
    );
}

#[test]
fn completion_offers_only_options_that_help_lists() {
    let mut listed = BTreeSet::new();
    for (_, mut cmd) in commands() {
        listed.extend(long_options(&cmd.render_long_help().to_string()));
    }
    use clap_complete::Shell;
    for shell in [
        Shell::Bash,
        Shell::Zsh,
        Shell::Fish,
        Shell::Elvish,
        Shell::PowerShell,
    ] {
        let mut script = Vec::new();
        clap_complete::generate(shell, &mut Cli::command(), "intake", &mut script);
        let script = String::from_utf8_lossy(&script);
        let offered = match shell {
            // fish names a long option `-l name` in its `complete` lines.
            Shell::Fish => long_options(
                &script
                    .lines()
                    .filter(|l| l.starts_with("complete -c intake "))
                    .map(|l| l.replace(" -l ", " --"))
                    .collect::<Vec<_>>()
                    .join("\n"),
            ),
            _ => long_options(&script),
        };
        assert!(
            offered.contains("json"),
            "{shell}: no options found in\n{script}"
        );
        let unlisted: Vec<_> = offered.difference(&listed).collect();
        assert!(
            unlisted.is_empty(),
            "{shell} completion offers options no --help lists (a hidden option?): {unlisted:?}"
        );
    }
}

/// The `--long` option names in `text`.
fn long_options(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = text;
    while let Some(at) = rest.find("--") {
        rest = &rest[at + 2..];
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect();
        if name.chars().next().is_some_and(|c| c.is_ascii_lowercase()) {
            out.insert(name);
        }
    }
    out
}

#[test]
fn the_committed_exit_code_table_is_the_generated_one() {
    let write = std::env::var("INTAKE_WRITE_DOCS").is_ok_and(|v| v == "1");
    let (begin, end) = (cli::EXIT_CODES_BEGIN, cli::EXIT_CODES_END);
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let text = fs::read_to_string(&path).expect("README.md");
    let fresh = cli::exit_codes_table();
    let committed = docs::between(&text, begin, end).unwrap_or_else(|| {
        panic!("README.md has lost its marker lines; put back\n{begin}\n{end}\n(each a whole line) where the exit-code table goes")
    });
    if committed == fresh {
        return;
    }
    if write {
        let text = docs::replace_between(&text, begin, end, &fresh).unwrap_or_default();
        fs::write(&path, text).expect("write README.md");
    } else {
        panic!(
            "README's exit-code table differs from failure::EXIT_STATUSES. Run \
             `INTAKE_WRITE_DOCS=1 cargo test --test house cli_docs`, then review and commit.\n\
             committed:\n{committed}\ngenerated:\n{fresh}"
        );
    }
}

/// Variables read only by tests, debug builds or the build itself; the man
/// page is for people running intake.
const SEAMS: &[&str] = &[
    "INTAKE_GIT_COMMIT",
    "INTAKE_PANIC_AFTER_FIRST_FRAME",
    "INTAKE_RETRY_ATTEMPTS",
    "INTAKE_RETRY_BASE_MS",
    // `~` in a typed path, as every program reads it.
    "HOME",
];

#[test]
fn the_man_page_names_every_variable_the_source_reads() {
    let mut read = BTreeSet::new();
    read_names(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut read,
    );
    let documented: BTreeSet<String> = cli::VARIABLES.iter().map(|v| v.name.into()).collect();
    let missing: Vec<_> = read
        .iter()
        .filter(|n| !documented.contains(*n) && !SEAMS.contains(&n.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "add these to VARIABLES in src/cli/manual/environment.rs (or, for a test seam, to SEAMS here): {missing:?}"
    );
}

/// The names in `"INTAKE_…"`/`"CENTRAPAY_…"` literals and in
/// `var("…")`/`var_os("…")` calls, under `dir`.
fn read_names(dir: &Path, out: &mut BTreeSet<String>) {
    for entry in fs::read_dir(dir).expect("src").flatten() {
        let path = entry.path();
        if path.is_dir() {
            read_names(&path, out);
            continue;
        }
        if path.extension().is_none_or(|e| e != "rs") || path.ends_with("manual/environment.rs") {
            continue;
        }
        let code = fs::read_to_string(&path).expect("source");
        for (at, _) in code.match_indices('"') {
            let name: String = code[at + 1..]
                .chars()
                .take_while(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || *c == '_')
                .collect();
            let closed = code[at + 1 + name.len()..].starts_with('"');
            let ours = name.starts_with("INTAKE_") || name.starts_with("CENTRAPAY_");
            let called = code[..at].ends_with("var(") || code[..at].ends_with("var_os(");
            if closed && !name.is_empty() && (ours || called) {
                out.insert(name);
            }
        }
    }
}
