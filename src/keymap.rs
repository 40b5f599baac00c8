//! Remappable console keys. The console's update function speaks the default
//! keys; a [`KeyMap`] built from the config file's `[keys]` table translates
//! what the operator pressed into the default key of the same action, so the
//! remapping lives in one place and update() stays unaware of it.

use std::collections::HashMap;

use crossterm::event::{KeyCode, KeyEvent};

mod key;
#[cfg(test)]
mod tests;

pub use key::Key;

/// Every action an operator can rebind, with its config name and defaults.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyAction {
    Up,
    Down,
    Top,
    Bottom,
    HalfPageDown,
    HalfPageUp,
    PageDown,
    PageUp,
    Filter,
    TogglePending,
    Sort,
    SortReverse,
    TerminalId,
    Activate,
    Mark,
    MarkAll,
    ClearMarks,
    BulkActivate,
    Refresh,
    Import,
    Export,
    Help,
    Quit,
}

impl KeyAction {
    pub const ALL: [KeyAction; 23] = [
        KeyAction::Up,
        KeyAction::Down,
        KeyAction::Top,
        KeyAction::Bottom,
        KeyAction::HalfPageDown,
        KeyAction::HalfPageUp,
        KeyAction::PageDown,
        KeyAction::PageUp,
        KeyAction::Filter,
        KeyAction::TogglePending,
        KeyAction::Sort,
        KeyAction::SortReverse,
        KeyAction::TerminalId,
        KeyAction::Activate,
        KeyAction::Mark,
        KeyAction::MarkAll,
        KeyAction::ClearMarks,
        KeyAction::BulkActivate,
        KeyAction::Refresh,
        KeyAction::Import,
        KeyAction::Export,
        KeyAction::Help,
        KeyAction::Quit,
    ];

    /// The name used in the config file's `[keys]` table.
    pub fn name(self) -> &'static str {
        match self {
            KeyAction::Up => "up",
            KeyAction::Down => "down",
            KeyAction::Top => "top",
            KeyAction::Bottom => "bottom",
            KeyAction::HalfPageDown => "half_page_down",
            KeyAction::HalfPageUp => "half_page_up",
            KeyAction::PageDown => "page_down",
            KeyAction::PageUp => "page_up",
            KeyAction::Filter => "filter",
            KeyAction::TogglePending => "toggle_pending",
            KeyAction::Sort => "sort",
            KeyAction::SortReverse => "sort_reverse",
            KeyAction::TerminalId => "terminal_id",
            KeyAction::Activate => "activate",
            KeyAction::Mark => "mark",
            KeyAction::MarkAll => "mark_all",
            KeyAction::ClearMarks => "clear_marks",
            KeyAction::BulkActivate => "bulk_activate",
            KeyAction::Refresh => "refresh",
            KeyAction::Import => "import",
            KeyAction::Export => "export",
            KeyAction::Help => "help",
            KeyAction::Quit => "quit",
        }
    }

    /// The keys update() understands for this action; the first is the one
    /// a remapped key is translated to.
    pub fn defaults(self) -> &'static [&'static str] {
        match self {
            KeyAction::Up => &["k", "up"],
            KeyAction::Down => &["j", "down"],
            KeyAction::Top => &["g", "home"],
            KeyAction::Bottom => &["G", "end"],
            KeyAction::HalfPageDown => &["ctrl-d"],
            KeyAction::HalfPageUp => &["ctrl-u"],
            KeyAction::PageDown => &["pagedown", "ctrl-f"],
            KeyAction::PageUp => &["pageup", "ctrl-b"],
            KeyAction::Filter => &["/"],
            KeyAction::TogglePending => &["p"],
            KeyAction::Sort => &["s"],
            KeyAction::SortReverse => &["S"],
            KeyAction::TerminalId => &["t"],
            KeyAction::Activate => &["a", "enter"],
            KeyAction::Mark => &["space"],
            KeyAction::MarkAll => &["*"],
            KeyAction::ClearMarks => &["u"],
            KeyAction::BulkActivate => &["A"],
            KeyAction::Refresh => &["r"],
            KeyAction::Import => &["i"],
            KeyAction::Export => &["e"],
            KeyAction::Help => &["?"],
            KeyAction::Quit => &["q"],
        }
    }

    pub fn from_name(name: &str) -> Option<KeyAction> {
        KeyAction::ALL.into_iter().find(|a| a.name() == name)
    }
}

/// One `[keys]` entry as read from the file, with the line it is on.
#[derive(Debug, Clone)]
pub struct Binding {
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

/// The effective bindings of the list view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyMap {
    /// Pressed key -> the default key update() knows. Empty when nothing is
    /// remapped, which keeps translation free.
    translate: HashMap<Key, Option<Key>>,
    labels: HashMap<KeyAction, Vec<Key>>,
}

impl Default for KeyMap {
    fn default() -> Self {
        KeyMap {
            translate: HashMap::new(),
            labels: KeyAction::ALL
                .into_iter()
                .map(|a| {
                    (
                        a,
                        a.defaults()
                            .iter()
                            .filter_map(|k| Key::parse(k).ok())
                            .collect(),
                    )
                })
                .collect(),
        }
    }
}

impl KeyMap {
    /// Build from the config's bindings: each named action gets exactly the
    /// listed keys (its defaults no longer apply); a key bound to two actions
    /// is refused, naming the line.
    pub fn from_bindings(bindings: &[Binding]) -> Result<KeyMap, KeyMapError> {
        let mut effective: HashMap<KeyAction, (Vec<Key>, usize)> = HashMap::new();
        for b in bindings {
            let action = KeyAction::from_name(&b.action).ok_or_else(|| KeyMapError {
                line: b.line,
                message: format!(
                    "`{}` is not an action that can be bound (actions: {})",
                    b.action,
                    KeyAction::ALL.map(|a| a.name()).join(", ")
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
            for k in &keys {
                if matches!(k.code, KeyCode::Esc) || (k.ctrl && k.code == KeyCode::Char('c')) {
                    return Err(KeyMapError {
                        line: b.line,
                        message: format!(
                            "`{k}` is reserved (esc cancels, ctrl-c quits); pick another key"
                        ),
                    });
                }
            }
            effective.insert(action, (keys, b.line));
        }
        let mut owner: HashMap<Key, KeyAction> = HashMap::new();
        let mut labels = HashMap::new();
        for action in KeyAction::ALL {
            let keys = match effective.get(&action) {
                Some((keys, _)) => keys.clone(),
                None => action
                    .defaults()
                    .iter()
                    .filter_map(|k| Key::parse(k).ok())
                    .collect(),
            };
            for k in &keys {
                if let Some(other) = owner.insert(*k, action) {
                    // Name the line of whichever side came from the file.
                    let line = effective
                        .get(&action)
                        .or_else(|| effective.get(&other))
                        .map(|(_, l)| *l)
                        .unwrap_or(0);
                    return Err(KeyMapError {
                        line,
                        message: format!(
                            "`{k}` is bound to both `{}` and `{}`; give one of them another key",
                            other.name(),
                            action.name()
                        ),
                    });
                }
            }
            labels.insert(action, keys);
        }
        let mut translate = HashMap::new();
        if !effective.is_empty() {
            for (key, action) in &owner {
                let canonical = Key::parse(action.defaults()[0]).ok();
                translate.insert(*key, canonical);
            }
            // Default keys that no action owns any more do nothing.
            for action in KeyAction::ALL {
                for k in action.defaults().iter().filter_map(|k| Key::parse(k).ok()) {
                    translate.entry(k).or_insert(None);
                }
            }
        }
        Ok(KeyMap { translate, labels })
    }

    /// The key update() should see for what was pressed in the list view:
    /// the same key when nothing is remapped, `None` for a default key whose
    /// action was moved elsewhere.
    pub fn translate(&self, key: KeyEvent) -> Option<KeyEvent> {
        if self.translate.is_empty() {
            return Some(key);
        }
        match self.translate.get(&Key::from_event(&key)) {
            Some(Some(target)) => Some(target.to_event()),
            Some(None) => None,
            None => Some(key),
        }
    }

    /// How the footer and help show an action's keys, e.g. "j/↓".
    pub fn label(&self, action: KeyAction) -> String {
        self.labels
            .get(&action)
            .map(|keys| {
                keys.iter()
                    .map(Key::to_string)
                    .collect::<Vec<_>>()
                    .join("/")
            })
            .unwrap_or_default()
    }

    /// The first key of an action, for the footer's short hints.
    pub fn short(&self, action: KeyAction) -> String {
        self.labels
            .get(&action)
            .and_then(|keys| keys.first())
            .map(Key::to_string)
            .unwrap_or_default()
    }

    /// Whether anything differs from the defaults.
    pub fn is_default(&self) -> bool {
        self.translate.is_empty()
    }
}
