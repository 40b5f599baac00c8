//! A JSON Schema (2020-12) validator for the subset docs/schemas/ uses,
//! small enough to read: `type`, `const`, `enum`, `required`,
//! `properties`, `additionalProperties`, `unevaluatedProperties: false`,
//! `items`, `oneOf`, `minimum`, `format: date-time` and `$ref` (another
//! file of the folder, `#/$defs/NAME` in it, or both). A keyword outside
//! the subset fails validation, so a schema never relies on one this
//! validator would skip. Written here rather than taken as a crate: the
//! crates pull in a regex engine and an HTTP client for remote `$ref`s.

use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;

use serde_json::Value;

/// Keywords that only document.
const NOTES: [&str; 6] = [
    "$schema",
    "$id",
    "$defs",
    "title",
    "description",
    "$comment",
];

/// Every keyword the validator knows, those that only document included.
pub const KEYWORDS: [&str; 18] = [
    "$schema",
    "$id",
    "$defs",
    "title",
    "description",
    "$comment",
    "$ref",
    "type",
    "const",
    "enum",
    "minimum",
    "format",
    "required",
    "properties",
    "additionalProperties",
    "unevaluatedProperties",
    "items",
    "oneOf",
];

/// The schemas of one folder, read as they are referred to.
pub struct Schemas {
    dir: PathBuf,
    docs: HashMap<String, Value>,
}

impl Schemas {
    pub fn new(dir: PathBuf) -> Schemas {
        Schemas {
            dir,
            docs: HashMap::new(),
        }
    }

    /// The schemas of docs/schemas/ in this repository.
    pub fn docs() -> Schemas {
        Schemas::new(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs/schemas"))
    }

    /// Each way `value` breaks schema file `name` (empty when it is valid).
    pub fn errors(&mut self, name: &str, value: &Value) -> Vec<String> {
        let schema = self.doc(name).clone();
        match self.check(name, &schema, value, "$") {
            Ok(_) => Vec::new(),
            Err(errors) => errors,
        }
    }

    /// Panics with every error, naming the value, when it breaks `name`.
    pub fn assert_valid(&mut self, name: &str, value: &Value) {
        let errors = self.errors(name, value);
        assert!(
            errors.is_empty(),
            "{name} rejects {value}:\n{}",
            errors.join("\n")
        );
    }

    pub fn doc(&mut self, name: &str) -> &Value {
        let dir = self.dir.clone();
        self.docs.entry(name.to_string()).or_insert_with(|| {
            let path = dir.join(name);
            let text = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        })
    }

    /// The schema a `$ref` in file `doc` names, and the file it is in.
    fn resolve(&mut self, doc: &str, reference: &str) -> Result<(String, Value), String> {
        let (file, fragment) = reference.split_once('#').unwrap_or((reference, ""));
        let file = if file.is_empty() { doc } else { file }.to_string();
        let root = self.doc(&file);
        let found = match fragment {
            "" => Some(root),
            f => root.pointer(f),
        };
        let schema = found.ok_or_else(|| format!("$ref {reference} names nothing"))?;
        Ok((file, schema.clone()))
    }

    /// The property names `schema` evaluated on `value` when it is valid
    /// (what `unevaluatedProperties` leaves alone), else every error.
    fn check(
        &mut self,
        doc: &str,
        schema: &Value,
        value: &Value,
        at: &str,
    ) -> Result<BTreeSet<String>, Vec<String>> {
        let rules = match schema {
            Value::Bool(true) => return Ok(BTreeSet::new()),
            Value::Object(rules) => rules,
            _ => return Err(vec![format!("{at}: not allowed here")]),
        };
        let mut errors = Vec::new();
        let mut seen = BTreeSet::new();
        for (keyword, rule) in rules {
            if NOTES.contains(&keyword.as_str()) || keyword == "unevaluatedProperties" {
                continue;
            }
            match self.keyword(doc, rules, keyword, rule, value, at) {
                Ok(names) => seen.extend(names),
                Err(e) => errors.extend(e),
            }
        }
        if rules.get("unevaluatedProperties") == Some(&Value::Bool(false))
            && let Some(object) = value.as_object()
        {
            for key in object.keys().filter(|k| !seen.contains(*k)) {
                errors.push(format!("{at}: unexpected property `{key}`"));
            }
        }
        match errors.is_empty() {
            true => Ok(seen),
            false => Err(errors),
        }
    }

    /// One keyword of `rules` on `value`: the properties it evaluated.
    fn keyword(
        &mut self,
        doc: &str,
        rules: &serde_json::Map<String, Value>,
        keyword: &str,
        rule: &Value,
        value: &Value,
        at: &str,
    ) -> Result<BTreeSet<String>, Vec<String>> {
        let fail = |why: String| Err(vec![format!("{at}: {why}")]);
        match keyword {
            "$ref" => {
                let reference = rule.as_str().unwrap_or_default();
                let (file, schema) = self.resolve(doc, reference).map_err(|e| vec![e])?;
                self.check(&file, &schema, value, at)
            }
            "type" => match types_of(rule).iter().any(|t| is_type(value, t)) {
                true => Ok(BTreeSet::new()),
                false => fail(format!("{value} is not of type {rule}")),
            },
            "const" if value != rule => fail(format!("{value} is not {rule}")),
            "enum" if !rule.as_array().is_some_and(|a| a.contains(value)) => {
                fail(format!("{value} is not one of {rule}"))
            }
            "const" | "enum" => Ok(BTreeSet::new()),
            "minimum" => match (value.as_f64(), rule.as_f64()) {
                (Some(v), Some(min)) if v < min => fail(format!("{v} is below {min}")),
                _ => Ok(BTreeSet::new()),
            },
            "format" => match (rule.as_str(), value.as_str()) {
                (Some("date-time"), Some(s)) if !is_date_time(s) => {
                    fail(format!("`{s}` is not an RFC 3339 date-time"))
                }
                (Some("date-time"), _) => Ok(BTreeSet::new()),
                _ => fail(format!("format {rule} is outside the subset")),
            },
            "required" => {
                let Some(object) = value.as_object() else {
                    return Ok(BTreeSet::new());
                };
                let missing: Vec<&str> = rule
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_str)
                    .filter(|k| !object.contains_key(*k))
                    .collect();
                match missing.is_empty() {
                    true => Ok(BTreeSet::new()),
                    false => fail(format!("lacks {missing:?}")),
                }
            }
            "properties" | "additionalProperties" => {
                self.properties(doc, rules, keyword, value, at)
            }
            "items" => {
                let mut errors = Vec::new();
                for (i, item) in value.as_array().into_iter().flatten().enumerate() {
                    if let Err(e) = self.check(doc, rule, item, &format!("{at}[{i}]")) {
                        errors.extend(e);
                    }
                }
                match errors.is_empty() {
                    true => Ok(BTreeSet::new()),
                    false => Err(errors),
                }
            }
            "oneOf" => self.one_of(doc, rule, value, at),
            other => fail(format!("keyword `{other}` is outside the subset")),
        }
    }

    /// `properties` and `additionalProperties`, which reads the former.
    fn properties(
        &mut self,
        doc: &str,
        rules: &serde_json::Map<String, Value>,
        keyword: &str,
        value: &Value,
        at: &str,
    ) -> Result<BTreeSet<String>, Vec<String>> {
        let Some(object) = value.as_object() else {
            return Ok(BTreeSet::new());
        };
        let named = rules.get("properties").and_then(Value::as_object);
        let mut errors = Vec::new();
        let mut seen = BTreeSet::new();
        for (key, v) in object {
            let schema = match (keyword, named.and_then(|n| n.get(key))) {
                ("properties", Some(s)) => s.clone(),
                ("additionalProperties", None) => match &rules["additionalProperties"] {
                    Value::Bool(false) => {
                        errors.push(format!("{at}: unexpected property `{key}`"));
                        continue;
                    }
                    s => s.clone(),
                },
                _ => continue,
            };
            seen.insert(key.clone());
            if let Err(e) = self.check(doc, &schema, v, &format!("{at}.{key}")) {
                errors.extend(e);
            }
        }
        match errors.is_empty() {
            true => Ok(seen),
            false => Err(errors),
        }
    }

    fn one_of(
        &mut self,
        doc: &str,
        rule: &Value,
        value: &Value,
        at: &str,
    ) -> Result<BTreeSet<String>, Vec<String>> {
        let mut passed = Vec::new();
        let mut errors = Vec::new();
        for schema in rule.as_array().into_iter().flatten() {
            match self.check(doc, schema, value, at) {
                Ok(seen) => passed.push(seen),
                Err(e) => errors.extend(e),
            }
        }
        match passed.len() {
            1 => Ok(passed.remove(0)),
            0 => Err(std::iter::once(format!("{at}: matches no oneOf branch"))
                .chain(errors)
                .collect()),
            n => Err(vec![format!("{at}: matches {n} oneOf branches, not one")]),
        }
    }
}

fn types_of(rule: &Value) -> Vec<&str> {
    match rule {
        Value::String(t) => vec![t.as_str()],
        Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

fn is_type(value: &Value, t: &str) -> bool {
    match t {
        "object" => value.is_object(),
        "array" => value.is_array(),
        "string" => value.is_string(),
        "boolean" => value.is_boolean(),
        "null" => value.is_null(),
        "number" => value.is_number(),
        "integer" => value.is_i64() || value.is_u64(),
        _ => false,
    }
}

/// RFC 3339's date-time, with the `T` and an offset (`Z` or `±hh:mm`).
fn is_date_time(s: &str) -> bool {
    chrono::DateTime::parse_from_rfc3339(s).is_ok() && s.as_bytes().get(10) == Some(&b'T')
}
