//! Where a setting's value came from: a flag, an environment variable, a
//! line of the config file, or intake's default. Errors about a value name
//! it, and `intake config show` lists it beside each value, so an operator
//! fixes the place the value really came from.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// Where one value came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// A command-line flag, as typed (`--base-url`).
    Flag(&'static str),
    /// An environment variable (`CENTRAPAY_BASE_URL`).
    Env(&'static str),
    /// The config file; `line` is `None` when it cannot be told (a file
    /// built in memory by a test).
    File { path: PathBuf, line: Option<usize> },
    /// Nothing set it: intake's own value.
    Default,
}

impl Origin {
    /// The short form `intake config show` prints: `flag --base-url`,
    /// `env CENTRAPAY_BASE_URL`, `file /path/config.toml:3`, `default`.
    pub fn short(&self) -> String {
        match self {
            Origin::Flag(name) => format!("flag {name}"),
            Origin::Env(var) => format!("env {var}"),
            Origin::File { .. } => format!("file {}", self.place()),
            Origin::Default => "default".into(),
        }
    }

    /// How an error says where a value came from: `from the flag
    /// --base-url`, `from the environment variable CENTRAPAY_BASE_URL`, `in
    /// /path/config.toml:3`.
    pub fn as_source(&self) -> String {
        match self {
            Origin::File { .. } => format!("in {}", self.place()),
            Origin::Default => "by default".into(),
            other => format!("from {other}"),
        }
    }

    /// A file origin as `path:line` (as compilers name a place); others as
    /// their name.
    fn place(&self) -> String {
        match self {
            Origin::File {
                path,
                line: Some(line),
            } => format!("{}:{line}", path.display()),
            Origin::File { path, line: None } => path.display().to_string(),
            Origin::Flag(name) | Origin::Env(name) => (*name).to_string(),
            Origin::Default => "the default".into(),
        }
    }

    /// The name the setting goes by where it came from: the file's dotted
    /// key (`profiles.sandbox.base_url`) for the file, the setting's own
    /// name elsewhere, since a flag or a variable is not in any profile.
    pub fn key_name(&self, setting: &str, file_key: &str) -> String {
        match self {
            Origin::File { .. } => file_key.to_string(),
            _ => setting.to_string(),
        }
    }
}

/// The long form errors use: `the flag --base-url`, `the environment
/// variable CENTRAPAY_BASE_URL`, `/path/config.toml:3`, `the default`.
impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Flag(name) => write!(f, "the flag {name}"),
            Origin::Env(var) => write!(f, "the environment variable {var}"),
            Origin::File { .. } | Origin::Default => f.write_str(&self.place()),
        }
    }
}

/// A value with where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sourced<T> {
    pub value: T,
    pub origin: Origin,
}

impl<T> Sourced<T> {
    pub fn new(value: T, origin: Origin) -> Sourced<T> {
        Sourced { value, origin }
    }

    pub fn default_value(value: T) -> Sourced<T> {
        Sourced::new(value, Origin::Default)
    }
}

/// The line of every key in a config file's text, by its dotted path
/// (`profiles.sandbox.base_url`, `views[0].name`), from the TOML parser's
/// spans. Made once from the text read at start, never by reading again.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KeyLines {
    lines: BTreeMap<String, usize>,
}

impl KeyLines {
    /// The lines of `text`; none when it does not parse (its error is
    /// reported by the parse that matters).
    pub fn of(text: &str) -> KeyLines {
        let mut lines = KeyLines::default();
        if let Ok(table) = DeTable::parse(text) {
            lines.walk_table(text, "", table.get_ref());
        }
        lines
    }

    /// The line `path` is on, if the file has it.
    pub fn line(&self, path: &str) -> Option<usize> {
        self.lines.get(path).copied()
    }

    /// The origin of the file's value at `key`.
    pub fn origin(&self, file: &Path, key: &str) -> Origin {
        Origin::File {
            path: file.to_path_buf(),
            line: self.line(key),
        }
    }

    fn walk_table(&mut self, text: &str, prefix: &str, table: &DeTable<'_>) {
        for (key, value) in table {
            let path = match prefix {
                "" => key.get_ref().to_string(),
                p => format!("{p}.{}", key.get_ref()),
            };
            self.lines
                .entry(path.clone())
                .or_insert_with(|| line_at(text, key.span().start));
            self.walk_value(text, &path, value);
        }
    }

    fn walk_value(&mut self, text: &str, path: &str, value: &Spanned<DeValue<'_>>) {
        match value.get_ref() {
            DeValue::Table(t) => self.walk_table(text, path, t),
            DeValue::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    let path = format!("{path}[{i}]");
                    self.lines
                        .entry(path.clone())
                        .or_insert_with(|| line_at(text, item.span().start));
                    self.walk_value(text, &path, item);
                }
            }
            _ => {}
        }
    }
}

/// The 1-based line of byte `offset` in `text`.
pub(crate) fn line_at(text: &str, offset: usize) -> usize {
    text.get(..offset)
        .map_or(0, |t| t.matches('\n').count() + 1)
}
