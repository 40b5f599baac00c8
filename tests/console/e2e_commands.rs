//! End-to-end: a `[[commands]]` entry run from the real console puts a
//! request's id and a hostile merchant name into a file exactly, as two
//! literal arguments, and nothing in the name runs; the output panel (`O`)
//! shows what a failing command printed, stderr marked.

use crate::common;

use common::*;

const HOSTILE: &str = "'; touch pwned # $(touch pwned2)";
const MERCHANT_ID: &str = "5ee0c486308f590260d9a07f";

#[test]
fn a_command_writes_the_id_and_a_hostile_merchant_name_exactly() {
    let dir = scratch("commands");
    let merchants = dir.join("merchants.json");
    let list = serde_json::json!([{
        "id": MERCHANT_ID,
        "accountId": "Jaim1Cu1Q55uooxSens6yk",
        "name": HOSTILE,
        "country": "NZ",
        "test": false
    }]);
    std::fs::write(&merchants, list.to_string()).expect("merchants file");
    let sim = Sim::start_with(
        KEY,
        &["--merchants", merchants.to_str().expect("utf-8 path")],
        &dir.join("sim.log"),
    );
    let request = all(&sim.client())
        .into_iter()
        .find(|r| r.merchant_id == MERCHANT_ID && r.status.as_str() == "pending")
        .expect("a pending request of the hostile merchant");

    let out = dir.join("out.txt");
    let cwd = dir.join("cwd");
    std::fs::create_dir_all(&cwd).expect("cwd");
    let config = dir.join("config.toml");
    std::fs::write(
        &config,
        format!(
            "[[commands]]\nkey = \"o\"\nname = \"Write it\"\nrun = '''printf '%s\\n' {{id}} {{merchantName}} > {}'''\n\n[[commands]]\nkey = \"x\"\nname = \"Say it\"\nrun = \"echo said {{id}}; echo oops >&2; exit 3\"\n",
            shell_quote(&out)
        ),
    )
    .expect("config");
    let env = format!("INTAKE_CONFIG={}", shell_quote(&config));
    let command = format!(
        "cd {} && {}",
        shell_quote(&cwd),
        console_command_with(&sim, &dir, &env, "")
    );
    let term = Pty::start("commands", 140, 40, &command);
    term.wait_for("the list", |s| s.contains("pending"));
    term.keys(&["/"]);
    term.type_text(&format!("id:{}", request.id));
    term.keys(&["Enter"]);
    term.wait_for("the one row with its merchant's name", |s| {
        s.contains(&request.id[..12]) && s.contains(" 1/") && s.contains("touch pwned")
    });

    term.keys(&["o"]);
    term.wait_for("the finished toast", |s| {
        s.contains("'Write it' finished (exit 0).")
    });
    let written = std::fs::read_to_string(&out).expect("the command wrote its file");
    assert_eq!(written, format!("{}\n{HOSTILE}\n", request.id));
    for name in ["pwned", "pwned2"] {
        assert!(!cwd.join(name).exists(), "{name} was created: the name ran");
        assert!(!dir.join(name).exists(), "{name} was created: the name ran");
    }
    let entries: Vec<_> = std::fs::read_dir(&cwd).expect("cwd").collect();
    assert!(entries.is_empty(), "the command's cwd holds {entries:?}");

    term.keys(&["x"]);
    term.wait_for("the failed toast offering the panel", |s| {
        s.contains("'Say it' failed (exit 3): oops; O shows the output.")
    });
    term.keys(&["O"]);
    term.wait_for("the panel with both runs and the output", |s| {
        s.contains("Command output, newest first")
            && s.contains(&format!("Say it for {}: exit 3 in", request.id))
            && s.contains(&format!("said {}", request.id))
            && s.contains("stderr│ oops")
            && s.contains(&format!("Write it for {}: exit 0 in", request.id))
    });
    term.keys(&["q"]);
    term.wait_for("the list again", |s| !s.contains("Command output"));

    term.keys(&["q"]);
    assert_terminal_restored(&term);
}
