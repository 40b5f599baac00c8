//! How a [`KeyMap`] is built: the config's `[keys]` read and checked, its
//! intents placed first so they win their keys, then the table's defaults
//! placed around them.

use std::collections::{HashMap, HashSet};

use crossterm::event::KeyCode;

use super::table::{self, Binding};
use super::{ConfigBinding, Intent, Key, KeyMap, KeyMapError, Scope};

/// Each configured intent's keys, with the line they are on.
type Configured = HashMap<Intent, (Vec<Key>, usize)>;

pub(super) fn from_bindings(bindings: &[ConfigBinding]) -> Result<KeyMap, KeyMapError> {
    let mut configured: Configured = HashMap::new();
    for b in bindings {
        let (intent, keys) = configured_keys(b)?;
        configured.insert(intent, (keys, b.line));
    }
    let mut map = KeyMap {
        intent_of: HashMap::new(),
        shown: HashMap::new(),
        defaults: HashSet::new(),
        changed: HashSet::new(),
        custom: Vec::new(),
    };
    // Configured intents first, so they win their keys.
    let rows: Vec<_> = table::bindings().collect();
    let mut done: HashSet<(Scope, Intent)> = HashSet::new();
    for row in &rows {
        if place_configured(&mut map, row, &configured)? {
            done.insert((row.scope, row.intent));
        }
    }
    for row in rows.iter().filter(|r| !done.contains(&(r.scope, r.intent))) {
        place_default(&mut map, row, &configured)?;
    }
    Ok(map)
}

/// One `[keys]` entry's intent and keys, refused with its line when the
/// action is unknown, it has no key, a key does not parse or is reserved.
fn configured_keys(b: &ConfigBinding) -> Result<(Intent, Vec<Key>), KeyMapError> {
    let intent = Intent::from_name(&b.action).ok_or_else(|| KeyMapError {
        line: b.line,
        message: format!(
            "`{}` is not an action that can be bound (actions: {})",
            b.action,
            Intent::all()
                .map(Intent::name)
                .collect::<Vec<_>>()
                .join(", ")
        ),
    })?;
    if b.keys.is_empty() {
        return Err(KeyMapError {
            line: b.line,
            message: format!(
                "`{}` has no key; give one, e.g. {} = \"x\"",
                b.action, b.action
            ),
        });
    }
    let keys = b
        .keys
        .iter()
        .map(|k| Key::parse(k))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|message| KeyMapError {
            line: b.line,
            message,
        })?;
    if let Some(k) = keys.iter().find(|k| is_reserved(k)) {
        return Err(KeyMapError {
            line: b.line,
            message: format!("`{k}` is reserved (esc cancels, ctrl-c quits); pick another key"),
        });
    }
    Ok((intent, keys))
}

/// Record `row`'s default keys, and bind its configured keys if the config
/// gives any that apply in its scope. `Ok(true)`: the row is placed.
fn place_configured(
    map: &mut KeyMap,
    row: &Binding,
    configured: &Configured,
) -> Result<bool, KeyMapError> {
    let shown = parse_all(row.keys);
    let defaults: Vec<Key> = shown
        .iter()
        .chain(&parse_all(row.aliases))
        .copied()
        .collect();
    for k in &defaults {
        map.defaults.insert((row.scope, *k));
    }
    let Some((keys, line)) = configured.get(&row.intent) else {
        return Ok(false);
    };
    // In a text input a plain character is text: only the rest apply.
    let mut keys: Vec<Key> = keys
        .iter()
        .filter(|k| !(row.scope.is_text() && k.is_plain_char()))
        .copied()
        .collect();
    if keys.is_empty() {
        // Nothing given applies here: the table's keys stay.
        return Ok(false);
    }
    if let Some(esc) = defaults.iter().find(|k| is_reserved(k))
        && !keys.contains(esc)
    {
        keys.push(*esc);
    }
    for k in &keys {
        if let Some(other) = map.intent_of.insert((row.scope, *k), row.intent)
            && other != row.intent
        {
            let other_line = configured.get(&other).map_or(*line, |(_, l)| *l);
            return Err(KeyMapError {
                line: (*line).max(other_line),
                message: format!(
                    "`{k}` is bound to both `{}` and `{}`; give one of them another key",
                    other.name(),
                    row.intent.name()
                ),
            });
        }
    }
    if keys != shown {
        map.changed.insert((row.scope, row.intent));
    }
    map.shown.insert((row.scope, row.intent), keys);
    Ok(true)
}

/// Bind the table's keys of `row` that no configured intent took; taking
/// every one of them is a clash, since the row would have no key left.
fn place_default(
    map: &mut KeyMap,
    row: &Binding,
    configured: &Configured,
) -> Result<(), KeyMapError> {
    let shown = parse_all(row.keys);
    let aliases = parse_all(row.aliases);
    let mut kept = Vec::new();
    let mut taken_by = None;
    for k in shown.iter().chain(&aliases) {
        match map.intent_of.get(&(row.scope, *k)) {
            Some(owner) => taken_by = Some(*owner),
            None => kept.push(*k),
        }
    }
    if kept.is_empty()
        && let Some(owner) = taken_by
    {
        let line = configured.get(&owner).map_or(0, |(_, l)| *l);
        let k = shown.first().or(aliases.first()).copied();
        return Err(KeyMapError {
            line,
            message: format!(
                "`{}` is bound to both `{}` and `{}`; give one of them another key",
                k.map(|k| k.to_string()).unwrap_or_default(),
                row.intent.name(),
                owner.name()
            ),
        });
    }
    for k in &kept {
        map.intent_of.insert((row.scope, *k), row.intent);
    }
    let mut visible: Vec<Key> = shown.iter().filter(|k| kept.contains(k)).copied().collect();
    // Only aliases left: they are its keys now, so show them.
    if visible.is_empty() {
        visible = kept.clone();
    }
    if visible != shown {
        map.changed.insert((row.scope, row.intent));
    }
    map.shown.insert((row.scope, row.intent), visible);
    Ok(())
}

fn parse_all(keys: &[&str]) -> Vec<Key> {
    keys.iter().filter_map(|k| Key::parse(k).ok()).collect()
}

fn is_reserved(k: &Key) -> bool {
    matches!(k.code, KeyCode::Esc) || (k.ctrl && k.code == KeyCode::Char('c'))
}
