//! One table of outcome identifiers: the code's list (`Outcome::RESULTS`),
//! the schemas' enum and README's outcome table name the same words in the
//! same order, and docs/json.md names every schema file.

use intake::audit::Outcome;

use super::schema::Schemas;

fn read(path: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The first cell of each row of README's outcome table.
fn readme_outcomes() -> Vec<String> {
    let readme = read("README.md");
    let rows = readme
        .lines()
        .skip_while(|l| !l.starts_with("| outcome | change | meaning |"))
        .skip(2)
        .take_while(|l| l.starts_with('|'));
    rows.map(|row| {
        let cell = row.split('|').nth(1).unwrap_or_default().trim();
        cell.trim_matches('`').to_string()
    })
    .collect()
}

#[test]
fn outcome_identifiers_are_one_list_in_code_schemas_and_readme() {
    let code: Vec<&str> = Outcome::RESULTS.iter().map(|o| o.as_str()).collect();
    let mut schemas = Schemas::docs();
    let schema: Vec<&str> = schemas.doc("outcome.schema.json")["enum"]
        .as_array()
        .expect("an enum")
        .iter()
        .filter_map(serde_json::Value::as_str)
        .collect();
    assert_eq!(schema, code, "docs/schemas/outcome.schema.json");
    assert_eq!(readme_outcomes(), code, "README's outcome table");
    // The audit log writes each as the same word.
    for o in Outcome::RESULTS {
        let written = serde_json::to_value(o).expect("serializes");
        assert_eq!(written, o.as_str());
    }
}

#[test]
fn docs_json_names_every_schema_and_readme_links_the_contract() {
    let guide = read("docs/json.md");
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/schemas");
    for entry in std::fs::read_dir(dir).expect("docs/schemas") {
        let name = entry.expect("an entry").file_name();
        let name = name.to_string_lossy();
        assert!(
            guide.contains(&format!("schemas/{name}")),
            "docs/json.md names {name}"
        );
    }
    let readme = read("README.md");
    for link in ["(docs/json.md)", "(CHANGELOG.md)"] {
        assert!(readme.contains(link), "README links {link}");
    }
    let changelog = read("CHANGELOG.md");
    assert!(
        changelog.contains("## [Unreleased]"),
        "Keep a Changelog's form"
    );
}
