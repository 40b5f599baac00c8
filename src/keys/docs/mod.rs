//! README's Keys table and config.example.toml's list of actions, rendered
//! from the key table and the intents' declaration, so the docs name the
//! keys that dispatch. The committed copies sit between marker lines; the
//! house test `keys_docs` fails when they differ from these and rewrites
//! them when run with `INTAKE_WRITE_DOCS=1`.

mod readme_rows;

use std::ops::Range;

use super::intent::{Intent, Scope};
use super::table;
use readme_rows::ROWS;

pub const README_BEGIN: &str = "<!-- keys: generated from src/keys by keys::docs::readme_table(); `INTAKE_WRITE_DOCS=1 cargo test --test house keys_docs` rewrites it -->";
pub const README_END: &str = "<!-- /keys -->";
pub const CONFIG_BEGIN: &str = "# -- generated from src/keys by keys::docs::config_keys(); `INTAKE_WRITE_DOCS=1 cargo test --test house keys_docs` rewrites it";
pub const CONFIG_END: &str = "# -- end of the generated list";

/// Where the config's action list wraps.
const WIDTH: usize = 78;
/// The column the config list's descriptions start at.
const HELP_COLUMN: usize = 36;

/// README's Keys table: the rows written for it, then a row for each
/// intent none of them names.
pub fn readme_table() -> String {
    let mut out = String::from("| key | action | does |\n|---|---|---|\n");
    for row in ROWS {
        let keys = joined(row.intents, |i| code_list(defaults(row.scope, i)));
        let action = joined(row.intents, |i| format!("`{}`", i.name()));
        let text = fill(row.text, row.scope);
        out.push_str(&format!("| {keys}{} | {action} | {text} |\n", row.label));
    }
    let named = |i: &Intent| ROWS.iter().any(|r| r.intents.contains(i));
    for intent in Intent::all().filter(|i| !named(i)) {
        let mut sets = key_sets(intent).into_iter();
        let Some((keys, _)) = sets.next() else {
            continue;
        };
        let elsewhere: Vec<String> = sets
            .map(|(keys, scopes)| format!("{} in {}", code_list(keys), places(&scopes)))
            .collect();
        let elsewhere = if elsewhere.is_empty() {
            String::new()
        } else {
            format!(" ({})", elsewhere.join("; "))
        };
        out.push_str(&format!(
            "| {}{elsewhere} | `{}` | {} |\n",
            code_list(keys),
            intent.name(),
            intent.help()
        ));
    }
    out
}

/// config.example.toml's list of actions (comment lines): each with its
/// default keys and what it does, the list's first, then the dialogs',
/// with the places an action has other keys.
pub fn config_keys() -> String {
    let in_list = |i: &Intent| !defaults(Scope::List, *i).is_empty();
    let mut out = String::from("# In the list (most also beside a bulk run):\n");
    for intent in Intent::all().filter(in_list) {
        config_entry(&mut out, intent);
    }
    out.push_str("# In the dialogs, results and text fields:\n");
    for intent in Intent::all().filter(|i| !in_list(i)) {
        config_entry(&mut out, intent);
    }
    out
}

/// One action of the config's list: `name = keys`, what it does, and its
/// keys where they differ. The views are one entry.
fn config_entry(out: &mut String, intent: Intent) {
    let mut sets = key_sets(intent).into_iter();
    let Some((keys, _)) = sets.next() else {
        return;
    };
    let entry = match intent {
        Intent::View(1) => {
            let last = Intent::VIEWS[Intent::VIEWS.len() - 1];
            let last_keys = key_sets(last).first().map_or(&[][..], |(k, _)| *k);
            format!(
                "view_1 = {} … {} = {}",
                toml_value(keys),
                last.name(),
                toml_value(last_keys)
            )
        }
        Intent::View(_) => return,
        // Esc and ctrl-c cannot be bound (the config refuses them), so the
        // list offers only what may be written, and says what always works.
        _ => match bindable(keys) {
            Some(value) => format!("{} = {value}", intent.name()),
            None => intent.name().to_string(),
        },
    };
    let help = format!("{}{}", intent.help(), always(keys));
    let help_width = WIDTH - HELP_COLUMN;
    let indent = format!("#{:width$}", "", width = HELP_COLUMN - 1);
    let mut lines = wrap(&help, help_width).into_iter();
    // An entry too long for its column puts what it does on the next line.
    if entry.chars().count() + 2 > HELP_COLUMN - 4 {
        out.push_str(&format!("#   {entry}\n"));
    } else {
        let first = lines.next().unwrap_or_default();
        out.push_str(&format!(
            "#   {entry:<width$}{first}\n",
            width = HELP_COLUMN - 4
        ));
    }
    for line in lines {
        out.push_str(&format!("{indent}{line}\n"));
    }
    for (keys, scopes) in sets {
        let value = bindable(keys).unwrap_or_else(|| "no other key".into());
        let text = format!("in {}: {value}{}", places(&scopes), always(keys));
        for line in wrap(&text, WIDTH - 8) {
            out.push_str(&format!("#       {line}\n"));
        }
    }
}

/// The committed text between the marker lines `begin` and `end`.
pub fn between<'a>(text: &'a str, begin: &str, end: &str) -> Option<&'a str> {
    span(text, begin, end).map(|r| &text[r])
}

/// `text` with what is between the marker lines replaced by `generated`.
pub fn replace_between(text: &str, begin: &str, end: &str, generated: &str) -> Option<String> {
    let r = span(text, begin, end)?;
    Some(format!("{}{generated}{}", &text[..r.start], &text[r.end..]))
}

/// Where the text between the marker lines is: each marker a whole line.
fn span(text: &str, begin: &str, end: &str) -> Option<Range<usize>> {
    let start = text.find(&format!("{begin}\n"))? + begin.len() + 1;
    let len = text[start..]
        .find(&format!("\n{end}\n"))
        .map(|at| at + 1)
        .or_else(|| text[start..].starts_with(&format!("{end}\n")).then_some(0))?;
    Some(start..start + len)
}

/// `text` with each `{action}` replaced by that action's keys in `scope`,
/// and each `{Scope/action}` by its keys in that scope (`Scope` as the
/// enum names it), all joined by `/`. A name that is no action, or has no
/// keys there, is left as written (a test finds it).
fn fill(text: &str, scope: Scope) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            break;
        };
        let name = &after[..close];
        match keys_named(name, scope) {
            Some(keys) => out.push_str(&keys),
            None => out.push_str(&rest[open..=open + 1 + close]),
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

/// The default keys a `{Scope/action}` or `{action}` reference names.
fn keys_named(name: &str, scope: Scope) -> Option<String> {
    let (scope, action) = match name.split_once('/') {
        Some((s, a)) => (Scope::ALL.into_iter().find(|x| format!("{x:?}") == s)?, a),
        None => (scope, name),
    };
    let keys = defaults(scope, Intent::from_name(action)?);
    (!keys.is_empty()).then(|| {
        keys.iter()
            .map(|k| format!("`{k}`"))
            .collect::<Vec<_>>()
            .join("/")
    })
}

/// The keys `intent` has in `scope` by default, as the config writes them
/// (aliases left out).
fn defaults(scope: Scope, intent: Intent) -> &'static [&'static str] {
    table::bindings()
        .find(|b| b.scope == scope && b.intent == intent)
        .map_or(&[], |b| b.keys)
}

/// `intent`'s default keys, grouped by the scopes that give the same ones:
/// the set most scopes give first (the table's first on a tie).
fn key_sets(intent: Intent) -> Vec<(&'static [&'static str], Vec<Scope>)> {
    let mut sets: Vec<(&'static [&'static str], Vec<Scope>)> = Vec::new();
    for b in table::bindings().filter(|b| b.intent == intent) {
        match sets.iter_mut().find(|(keys, _)| same_keys(keys, b.keys)) {
            Some((_, scopes)) => scopes.push(b.scope),
            None => sets.push((b.keys, vec![b.scope])),
        }
    }
    sets.sort_by_key(|(_, scopes)| std::cmp::Reverse(scopes.len()));
    sets
}

/// The same keys, whichever is shown first.
fn same_keys(a: &[&str], b: &[&str]) -> bool {
    a.len() == b.len() && a.iter().all(|k| b.contains(k))
}

/// Intents joined by ` / `; a run of views as its first and last.
fn joined(intents: &[Intent], one: impl Fn(Intent) -> String) -> String {
    let views = intents.len() > 2 && intents.iter().all(|i| matches!(i, Intent::View(_)));
    if let (true, Some(first), Some(last)) = (views, intents.first(), intents.last()) {
        return format!("{}–{}", one(*first), one(*last));
    }
    intents
        .iter()
        .map(|i| one(*i))
        .collect::<Vec<_>>()
        .join(" / ")
}

fn code_list(keys: &[&str]) -> String {
    keys.iter()
        .map(|k| format!("`{k}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Keys as a `[keys]` value: one as a string, more as an array.
/// The keys the config may bind, as a TOML value; `None` when every key is
/// one that cannot be rebound.
fn bindable(keys: &[&str]) -> Option<String> {
    let keys: Vec<&str> = keys.iter().copied().filter(|k| !fixed(k)).collect();
    (!keys.is_empty()).then(|| toml_value(&keys))
}

/// What works whatever the config says, as ` (esc, always)`.
fn always(keys: &[&str]) -> String {
    let keys: Vec<&str> = keys.iter().copied().filter(|k| fixed(k)).collect();
    if keys.is_empty() {
        String::new()
    } else {
        format!(" ({}, always)", keys.join(", "))
    }
}

/// Keys the config refuses to bind (`keys::build`'s reserved keys).
fn fixed(key: &str) -> bool {
    matches!(key, "esc" | "ctrl-c")
}

fn toml_value(keys: &[&str]) -> String {
    let quoted: Vec<String> = keys
        .iter()
        .map(|k| format!("\"{}\"", k.replace('\\', "\\\\").replace('"', "\\\"")))
        .collect();
    match quoted.as_slice() {
        [one] => one.clone(),
        _ => format!("[{}]", quoted.join(", ")),
    }
}

fn places(scopes: &[Scope]) -> String {
    let words: Vec<&str> = scopes.iter().map(|s| place(*s)).collect();
    match words.as_slice() {
        [.., last] if words.len() > 1 => {
            format!("{} and {last}", words[..words.len() - 1].join(", "))
        }
        _ => words.join(""),
    }
}

/// A scope as the docs name it.
fn place(scope: Scope) -> &'static str {
    match scope {
        Scope::List => "the list",
        Scope::Filter => "the filter",
        Scope::Help => "the help",
        Scope::Form => "the terminalId form",
        Scope::Overwrite => "the terminalId's replace question",
        Scope::Confirm => "the activate question",
        Scope::BulkConfirm => "the bulk dialog",
        Scope::BulkCount => "the bulk dialog's typed count",
        Scope::BulkRunning => "the list beside a bulk run",
        Scope::BulkResults => "the bulk results",
        Scope::Prompt => "the path prompt",
        Scope::ImportPlanning => "the import's planning",
        Scope::ImportPreview => "the import preview",
        Scope::ImportCount => "the import's typed count",
        Scope::ImportRunning => "a running import",
        Scope::ImportResults => "the import results",
        Scope::QuitConfirm => "the quit question",
        Scope::ExportOverwrite => "the export's replace question",
        Scope::HelpRunning => "the help beside a bulk run",
        Scope::Messages => "the message log",
        Scope::Output => "the output panel",
        Scope::Palette => "the command palette",
        Scope::Runs => "the runs panel",
        Scope::Columns => "the column chooser",
        Scope::Range => "range marking",
        Scope::CopyMenu => "the copy menu",
    }
}

/// `text` in lines of at most `width` characters, broken between words.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests;
