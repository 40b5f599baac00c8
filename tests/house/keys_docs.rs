//! README's Keys table and config.example.toml's list of actions are
//! generated from the key table (`intake::keys::docs`), so they name the
//! keys that dispatch. The committed copies must be the generated ones;
//! `INTAKE_WRITE_DOCS=1` rewrites them.

use std::fs;
use std::path::Path;

use intake::keys::docs;

#[test]
fn the_committed_key_docs_are_the_generated_ones() {
    let write = std::env::var("INTAKE_WRITE_DOCS").is_ok_and(|v| v == "1");
    let generated = [
        (
            "README.md",
            docs::README_BEGIN,
            docs::README_END,
            docs::readme_table(),
        ),
        (
            "config.example.toml",
            docs::CONFIG_BEGIN,
            docs::CONFIG_END,
            docs::config_keys(),
        ),
    ];
    let mut stale = Vec::new();
    for (file, begin, end, fresh) in generated {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
        let text = fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        let committed = docs::between(&text, begin, end).unwrap_or_else(|| {
            panic!("{file} has lost its marker lines; put back\n{begin}\n{end}\n(each a whole line) where the generated text goes")
        });
        if committed == fresh {
            continue;
        }
        if write {
            let text = docs::replace_between(&text, begin, end, &fresh).unwrap_or_default();
            fs::write(&path, text)
                .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
        } else {
            stale.push(format!(
                "{file}, first at: {}",
                first_difference(committed, &fresh)
            ));
        }
    }
    assert!(
        stale.is_empty(),
        "Key docs differ from what src/keys generates (keys::docs): the key table or \
         the intents changed, or the generated text was edited by hand. Run \
         `INTAKE_WRITE_DOCS=1 cargo test --test house keys_docs` to rewrite them, then review and \
         commit the change.\n{}",
        stale.join("\n")
    );
}

/// The first line where the committed text and the generated one part.
fn first_difference(committed: &str, fresh: &str) -> String {
    let mut committed = committed.lines();
    let mut fresh = fresh.lines();
    loop {
        match (committed.next(), fresh.next()) {
            (Some(a), Some(b)) if a == b => {}
            (a, b) => {
                return format!(
                    "committed `{}`, generated `{}`",
                    a.unwrap_or("(end)"),
                    b.unwrap_or("(end)")
                );
            }
        }
    }
}
