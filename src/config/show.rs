//! What `intake config show` lists: every setting of the resolved profile
//! with its value and where the value came from, as `git config
//! --show-origin` does. The API key is only ever "set" or "not set".

use super::file::LoadedConfig;
use super::origin::{Origin, Sourced};
use super::sources::Resolved;
use super::{ConfigFile, KeySpec};

/// A value as `config show` prints it: text, a number or a yes/no, so
/// `--json` keeps its type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shown {
    Text(String),
    Number(u64),
    Flag(bool),
}

/// One setting: its name, its value and where the value came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShowRow {
    pub setting: String,
    pub value: Shown,
    pub origin: Origin,
}

/// The built-in saved views, shown when the file has none.
const DEFAULT_VIEWS: &str = "built in: Pending, ePay missing terminalId, Ready";

/// Every row `config show` prints for `resolved`, read from `config` (the
/// file read once at start): profile settings first, then the console's
/// keys, colours, views and commands.
pub fn rows(config: &LoadedConfig, resolved: &Resolved) -> Vec<ShowRow> {
    let text = |v: &str| Shown::Text(v.to_string());
    let mut config_file = resolved.path.value.display().to_string();
    if !resolved.file_found {
        config_file.push_str(" (no file there)");
    }
    let mut rows = vec![
        row("config_file", text(&config_file), &resolved.path.origin),
        row(
            "profile",
            text(&resolved.profile.value),
            &resolved.profile.origin,
        ),
        row(
            "base_url",
            text(&resolved.base_url.value),
            &resolved.base_url.origin,
        ),
        match &resolved.api_key {
            // Whether it is set, and by what; never the key, nor any of it.
            Some(k) => row("api_key", text("set"), &k.origin),
            None => row("api_key", text("not set"), &Origin::Default),
        },
        match &resolved.account_id {
            Some(a) => row("account_id", text(&a.value), &a.origin),
            None => row("account_id", text("not set"), &Origin::Default),
        },
        row(
            "read_only",
            Shown::Flag(resolved.read_only.value.is_on()),
            &resolved.read_only.origin,
        ),
        row(
            "production",
            Shown::Flag(resolved.production.value),
            &resolved.production.origin,
        ),
        number("confirm_typed_over", &resolved.confirm_typed_over),
        number("concurrency", &resolved.concurrency),
        number("read_concurrency", &resolved.read_concurrency),
        number("merchant_cache_days", &resolved.merchant_cache_days),
        number("auto_refresh_secs", &resolved.auto_refresh_secs),
        number("sla_days", &resolved.sla_days),
        match &resolved.ca_file {
            Some(p) => row("ca_file", text(&p.value.display().to_string()), &p.origin),
            None => row("ca_file", text("not set"), &Origin::Default),
        },
    ];
    let empty = ConfigFile::default();
    let file = config.file.as_ref().unwrap_or(&empty);
    rows.extend(console_rows(config, file));
    if let Some(key) = &resolved.api_key {
        hide(&mut rows, key.value.expose().trim());
    }
    rows
}

/// A key pasted into another value (a command's `run`, a URL) is not shown
/// there either. Only a key long enough to be one: a letter or two would
/// blot out ordinary words.
fn hide(rows: &mut [ShowRow], key: &str) {
    if key.chars().count() < 6 {
        return;
    }
    for row in rows {
        if let Shown::Text(t) = &mut row.value
            && t.contains(key)
        {
            *t = t.replace(key, "***");
        }
    }
}

/// `[keys]`, `[theme]`, `[[views]]` and `[[commands]]` as written, each
/// entry with its line; a table left out is the built-in one.
fn console_rows(config: &LoadedConfig, file: &ConfigFile) -> Vec<ShowRow> {
    let at = |key: &str| config.lines.origin(&config.path, key);
    let text = |v: String| Shown::Text(v);
    let mut rows = Vec::new();
    for (action, spec) in &file.keys {
        let keys = match spec.get_ref() {
            KeySpec::One(k) => k.clone(),
            KeySpec::Many(ks) => ks.join(", "),
        };
        let key = format!("keys.{action}");
        rows.push(row(&key, text(keys), &at(&key)));
    }
    rows.push(row(
        "keys",
        text(match file.keys.is_empty() {
            true => "the defaults (README's Keys table)".into(),
            false => "the defaults for every other action".into(),
        }),
        &Origin::Default,
    ));
    for (status, colour) in &file.theme {
        let key = format!("theme.{status}");
        rows.push(row(&key, text(colour.get_ref().clone()), &at(&key)));
    }
    for (i, view) in file.views.iter().enumerate() {
        let key = format!("views[{i}]");
        let mut value = format!("{}: {}", view.name, view.filter);
        if let Some(sort) = &view.sort {
            value.push_str(&format!(" (sort {sort})"));
        }
        if view.all_statuses {
            value.push_str(" (all statuses)");
        }
        if !view.columns.is_empty() {
            value.push_str(&format!(" (columns {})", view.columns.join(", ")));
        }
        rows.push(row(&key, text(value), &entry(config, &key, "name")));
    }
    if file.views.is_empty() {
        rows.push(row("views", text(DEFAULT_VIEWS.into()), &Origin::Default));
    }
    for (i, command) in file.commands.iter().enumerate() {
        let key = format!("commands[{i}]");
        let value = format!("{} {}: {}", command.key, command.name, command.run);
        rows.push(row(&key, text(value), &entry(config, &key, "key")));
    }
    if file.commands.is_empty() {
        rows.push(row("commands", text("none".into()), &Origin::Default));
    }
    rows
}

/// An array entry's line: its `field`'s, else the entry's own.
fn entry(config: &LoadedConfig, key: &str, field: &str) -> Origin {
    let line = config
        .lines
        .line(&format!("{key}.{field}"))
        .or_else(|| config.lines.line(key));
    Origin::File {
        path: config.path.clone(),
        line,
    }
}

fn row(setting: &str, value: Shown, origin: &Origin) -> ShowRow {
    ShowRow {
        setting: setting.into(),
        value,
        origin: origin.clone(),
    }
}

fn number<T: Copy + TryInto<u64>>(setting: &str, v: &Sourced<T>) -> ShowRow {
    let n = v.value.try_into().unwrap_or(u64::MAX);
    row(setting, Shown::Number(n), &v.origin)
}
