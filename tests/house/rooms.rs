//! How the source tree is laid out: one module style, and tests in test
//! rooms. A module with files of its own is a folder with a `mod.rs` (never
//! `x.rs` beside `x/`), and a module's tests are in its `tests.rs` or its
//! `tests/` folder, never in `tests_*.rs` or `*_tests.rs` files among the product's files.

use std::fs;
use std::path::Path;

#[test]
fn one_module_style_and_tests_in_test_rooms() {
    let mut problems = Vec::new();
    look(Path::new("src"), &mut problems);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

fn look(dir: &Path, problems: &mut Vec<String>) {
    let entries =
        fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()));
    for entry in entries {
        let path = entry.expect("a directory entry").path();
        let shown = path.to_string_lossy().replace('\\', "/");
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        if path.is_dir() {
            if path.with_extension("rs").is_file() {
                problems.push(format!(
                    "{shown}.rs sits beside {shown}/: move it to {shown}/mod.rs (one module style)"
                ));
            }
            look(&path, problems);
        } else if (name.starts_with("tests_") || name.ends_with("_tests.rs"))
            && name.ends_with(".rs")
        {
            problems.push(format!(
                "{shown} is a test file among product files: move it into the folder's tests/"
            ));
        }
    }
}
