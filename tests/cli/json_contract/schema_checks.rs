//! The validator itself: what it accepts and refuses, on small schemas
//! beside the real ones.

use serde_json::{Value, json};

use super::schema::Schemas;

/// A scratch folder holding `files` as schema files.
fn schemas(name: &str, files: &[(&str, Value)]) -> Schemas {
    let dir = crate::common::scratch(name);
    for (file, schema) in files {
        std::fs::write(dir.join(file), schema.to_string()).expect("write a schema");
    }
    Schemas::new(dir)
}

fn shape() -> Value {
    json!({
        "type": "object",
        "required": ["id", "kind"],
        "properties": {
            "id": {"type": "string"},
            "kind": {"enum": ["a", "b"]},
            "n": {"type": "integer", "minimum": 0},
            "at": {"type": "string", "format": "date-time"},
            "tags": {"type": "array", "items": {"type": "string"}}
        },
        "additionalProperties": false
    })
}

#[test]
fn the_validator_accepts_what_fits_and_names_each_misfit() {
    let mut s = schemas("schema-basic", &[("t.json", shape())]);
    let ok =
        json!({"id": "x", "kind": "a", "n": 2, "at": "2026-11-20T01:00:00.000Z", "tags": ["p"]});
    assert_eq!(s.errors("t.json", &ok), Vec::<String>::new());
    let misfits = [
        (json!({"kind": "a"}), "lacks"),
        (json!({"id": 1, "kind": "a"}), "not of type"),
        (json!({"id": "x", "kind": "c"}), "not one of"),
        (json!({"id": "x", "kind": "a", "n": -1}), "below"),
        (json!({"id": "x", "kind": "a", "n": 1.5}), "not of type"),
        (
            json!({"id": "x", "kind": "a", "at": "2026-11-20 01:00"}),
            "date-time",
        ),
        (json!({"id": "x", "kind": "a", "tags": [1]}), "$.tags[0]"),
        (
            json!({"id": "x", "kind": "a", "extra": true}),
            "unexpected property `extra`",
        ),
        (json!(["not", "an", "object"]), "not of type"),
    ];
    for (value, said) in misfits {
        let errors = s.errors("t.json", &value);
        assert!(
            errors.iter().any(|e| e.contains(said)),
            "{value}: {errors:?}"
        );
    }
}

#[test]
fn refs_one_of_and_unevaluated_properties_work_across_files() {
    let base =
        json!({"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}}});
    let closed = json!({
        "$ref": "base.json",
        "properties": {"extra": {"const": 1}},
        "unevaluatedProperties": false
    });
    let lines = json!({
        "oneOf": [{"$ref": "#/$defs/one"}, {"$ref": "#/$defs/two"}],
        "$defs": {
            "one": {"type": "object", "required": ["kind"], "properties": {"kind": {"const": "one"}}},
            "two": {"type": "object", "required": ["kind"], "properties": {"kind": {"const": "two"}}}
        }
    });
    let both = json!({"oneOf": [{"type": "string"}, {"type": "string"}]});
    let mut s = schemas(
        "schema-refs",
        &[
            ("base.json", base),
            ("closed.json", closed),
            ("lines.json", lines),
            ("both.json", both),
        ],
    );
    assert!(
        s.errors("closed.json", &json!({"id": "x", "extra": 1}))
            .is_empty()
    );
    let e = s.errors("closed.json", &json!({"id": "x", "stray": 1}));
    assert!(
        e.iter().any(|e| e.contains("unexpected property `stray`")),
        "{e:?}"
    );
    assert!(
        !s.errors("closed.json", &json!({"extra": 1})).is_empty(),
        "base's required"
    );
    assert!(s.errors("lines.json", &json!({"kind": "two"})).is_empty());
    let e = s.errors("lines.json", &json!({"kind": "three"}));
    assert!(e.iter().any(|e| e.contains("no oneOf branch")), "{e:?}");
    let e = s.errors("both.json", &json!("x"));
    assert!(e.iter().any(|e| e.contains("2 oneOf branches")), "{e:?}");
}

#[test]
fn a_keyword_outside_the_subset_fails_rather_than_being_skipped() {
    let mut s = schemas(
        "schema-unknown",
        &[("p.json", json!({"type": "string", "pattern": "^a"}))],
    );
    let e = s.errors("p.json", &json!("b"));
    assert!(
        e.iter()
            .any(|e| e.contains("`pattern` is outside the subset")),
        "{e:?}"
    );
}

/// Every keyword of every schema in docs/schemas/, however deep, is one
/// the validator checks (or one that only documents).
#[test]
fn the_real_schemas_use_only_the_subset() {
    let mut s = Schemas::docs();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/schemas");
    let mut outside = Vec::new();
    for entry in std::fs::read_dir(dir).expect("docs/schemas") {
        let name = entry
            .expect("an entry")
            .file_name()
            .to_string_lossy()
            .into_owned();
        walk(&name, s.doc(&name), &mut outside);
    }
    assert!(outside.is_empty(), "{outside:?}");
}

fn walk(at: &str, schema: &Value, outside: &mut Vec<String>) {
    let Some(rules) = schema.as_object() else {
        return;
    };
    for (keyword, rule) in rules {
        let here = format!("{at}/{keyword}");
        match keyword.as_str() {
            "properties" | "$defs" => {
                for (name, sub) in rule.as_object().into_iter().flatten() {
                    walk(&format!("{here}/{name}"), sub, outside);
                }
            }
            "items" | "additionalProperties" => walk(&here, rule, outside),
            "oneOf" => {
                for (i, sub) in rule.as_array().into_iter().flatten().enumerate() {
                    walk(&format!("{here}/{i}"), sub, outside);
                }
            }
            k if super::schema::KEYWORDS.contains(&k) => {}
            _ => outside.push(here),
        }
    }
}
