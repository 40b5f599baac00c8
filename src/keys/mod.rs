//! Remappable console keys. One table (`table.rs`) maps (scope, key) to an
//! intent; a [`KeyMap`] is that table with the config file's `[keys]`
//! applied. update() resolves every key through it and its handlers match
//! intents, never characters; the footer, the help and the dialogs' key
//! lines are rendered from it, so what they show is what works.

use std::collections::{HashMap, HashSet};

use crossterm::event::KeyEvent;

mod build;
pub mod docs;
mod help_rows;
mod hint_row;
mod hints;
mod intent;
mod key;
mod panel_rows;
mod rows;
pub mod table;
#[cfg(test)]
mod tests;

pub use hints::{HelpLine, HintContext, custom_footer, footer, help, help_title, help_title_in};
pub use intent::{Intent, Scope};
pub use key::{Key, count_digit, is_quit_now, types_char};

/// A key press as a scope's handler takes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Press {
    Intent(Intent),
    /// For the scope's text field or count.
    Text(KeyEvent),
}

/// One `[keys]` entry as read from the file, with the line it is on.
#[derive(Debug, Clone)]
pub struct ConfigBinding {
    pub action: String,
    pub keys: Vec<String>,
    pub line: usize,
}

/// Why a `[keys]` table was refused; Display names the line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct KeyMapError {
    pub line: usize,
    pub message: String,
}

/// The effective bindings of every scope.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyMap {
    intent_of: HashMap<(Scope, Key), Intent>,
    /// The keys shown for an intent in a scope (aliases left out).
    shown: HashMap<(Scope, Intent), Vec<Key>>,
    /// Default keys of the scope, so one moved away is not typed as text.
    defaults: HashSet<(Scope, Key)>,
    /// (scope, intent) whose shown keys differ from the table's.
    changed: HashSet<(Scope, Intent)>,
    /// The config's own commands in the list: key, index, name. Dispatch,
    /// footer and help all read this one list.
    custom: Vec<(Key, usize, String)>,
}

impl Default for KeyMap {
    fn default() -> Self {
        match KeyMap::from_bindings(&[]) {
            Ok(map) => map,
            // The table is data checked by tests; an empty config cannot clash.
            Err(e) => unreachable!("the default key table is inconsistent: {e}"),
        }
    }
}

impl KeyMap {
    /// Build from the config's bindings. A configured intent gets exactly
    /// the listed keys in every scope it appears in (plus Esc where it had
    /// it: Esc always cancels). Inside a scope a configured key beats
    /// another intent's default key, unless it would take that intent's
    /// last key; two configured intents sharing a key in one scope clash.
    pub fn from_bindings(bindings: &[ConfigBinding]) -> Result<KeyMap, KeyMapError> {
        build::from_bindings(bindings)
    }

    /// The intent `key` asks for in `scope`. In a text input a plain
    /// character is text, never an intent; in a count, digits are.
    pub fn resolve(&self, scope: Scope, key: &KeyEvent) -> Option<Intent> {
        let k = Key::from_event(key);
        if (scope.is_text() && k.is_plain_char()) || (scope.is_count() && k.is_count_char()) {
            return None;
        }
        self.intent_at(scope, k).or_else(|| {
            // The list's commands work beside a bulk run and in a range too.
            matches!(scope, Scope::List | Scope::BulkRunning | Scope::Range)
                .then(|| self.custom.iter().find(|(ck, _, _)| *ck == k))
                .flatten()
                .map(|(_, i, _)| Intent::Custom(*i))
        })
    }

    /// The built-in intent `key` is bound to in `scope`.
    pub fn intent_at(&self, scope: Scope, key: Key) -> Option<Intent> {
        self.intent_of.get(&(scope, key)).copied()
    }

    /// Bind the config's commands in the list (checked against the
    /// built-in keys at load): (key, name), in the file's order.
    pub fn set_custom(&mut self, commands: impl IntoIterator<Item = (Key, String)>) {
        self.custom = commands
            .into_iter()
            .enumerate()
            .map(|(i, (k, name))| (k, i, name))
            .collect();
    }

    /// The config's commands: (key, name), in the file's order.
    pub fn custom(&self) -> impl Iterator<Item = (Key, &str)> {
        self.custom.iter().map(|(k, _, n)| (*k, n.as_str()))
    }

    /// What a key press is in `scope`: an intent, text for the scope's
    /// input (a character in a text field, a digit in a count, an editing
    /// key like ← or backspace), or `None` when it means nothing there (a
    /// default key moved elsewhere, say).
    pub fn input(&self, scope: Scope, key: KeyEvent) -> Option<Press> {
        if let Some(intent) = self.resolve(scope, &key) {
            return Some(Press::Intent(intent));
        }
        let k = Key::from_event(&key);
        let text = if scope.is_count() {
            k.is_count_char()
        } else {
            scope.is_text() && (k.is_plain_char() || !self.defaults.contains(&(scope, k)))
        };
        text.then_some(Press::Text(key))
    }

    /// The keys shown for `intent` in `scope`.
    pub fn keys(&self, scope: Scope, intent: Intent) -> &[Key] {
        self.shown.get(&(scope, intent)).map_or(&[], Vec::as_slice)
    }

    /// Every key that resolves in `scope`, with its intent.
    pub fn bound(&self, scope: Scope) -> Vec<(Key, Intent)> {
        let mut v: Vec<_> = self
            .intent_of
            .iter()
            .filter(|((s, _), _)| *s == scope)
            .map(|((_, k), i)| (*k, *i))
            .collect();
        v.sort_by_key(|(k, i)| (*i, k.to_string()));
        v
    }

    /// Whether `intent`'s keys in `scope` differ from the table's.
    pub fn is_changed(&self, scope: Scope, intent: Intent) -> bool {
        self.changed.contains(&(scope, intent))
    }

    /// `default` while none of `intents` is remapped in `scope`, else their
    /// keys: all keys of one intent joined by `/`; for several, the first of
    /// each joined by `/` (`short`), or all of each joined by `/` and the
    /// intents by ` / `.
    pub fn label(&self, scope: Scope, intents: &[Intent], default: &str, short: bool) -> String {
        if !intents.iter().any(|i| self.is_changed(scope, *i)) {
            return default.to_string();
        }
        let one = |i: &Intent| {
            let keys = self.keys(scope, *i);
            let take = if short && intents.len() > 1 {
                1
            } else {
                keys.len()
            };
            keys.iter()
                .take(take)
                .map(Key::to_string)
                .collect::<Vec<_>>()
                .join("/")
        };
        intents
            .iter()
            .map(one)
            .collect::<Vec<_>>()
            .join(if short { "/" } else { " / " })
    }

    /// The first key of `intent` in the list, for sentences like "Press r".
    pub fn short(&self, intent: Intent) -> String {
        self.keys(Scope::List, intent)
            .first()
            .map(Key::to_string)
            .unwrap_or_default()
    }

    /// Whether anything differs from the defaults.
    pub fn is_default(&self) -> bool {
        self.changed.is_empty()
    }
}
