//! Remappable console keys. The console's update function speaks the default
//! keys; a [`KeyMap`] built from the config file's `[keys]` table translates
//! what the operator pressed into the default key of the same action, so the
//! remapping lives in one place and update() stays unaware of it.

use std::collections::HashMap;
use std::fmt;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

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

/// A key as written in the config file: `a`, `A`, `ctrl-d`, `enter`, `f5`...
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    code: KeyCode,
    ctrl: bool,
    alt: bool,
}

impl Key {
    pub fn parse(spec: &str) -> Result<Key, String> {
        let mut ctrl = false;
        let mut alt = false;
        let mut rest = spec.trim();
        if rest.is_empty() {
            return Err("an empty key".into());
        }
        // `-` alone is a key; `ctrl--` is ctrl and minus.
        while rest.len() > 1 {
            let lower = rest.to_ascii_lowercase();
            if let Some(r) = lower
                .strip_prefix("ctrl-")
                .or_else(|| lower.strip_prefix("c-"))
            {
                ctrl = true;
                rest = &rest[rest.len() - r.len()..];
            } else if let Some(r) = lower
                .strip_prefix("alt-")
                .or_else(|| lower.strip_prefix("m-"))
            {
                alt = true;
                rest = &rest[rest.len() - r.len()..];
            } else {
                break;
            }
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) if !c.is_control() => KeyCode::Char(c),
            _ => match rest.to_ascii_lowercase().as_str() {
                "space" => KeyCode::Char(' '),
                "enter" | "return" => KeyCode::Enter,
                "esc" | "escape" => KeyCode::Esc,
                "tab" => KeyCode::Tab,
                "backtab" => KeyCode::BackTab,
                "backspace" => KeyCode::Backspace,
                "delete" | "del" => KeyCode::Delete,
                "insert" => KeyCode::Insert,
                "up" => KeyCode::Up,
                "down" => KeyCode::Down,
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                "pageup" | "pgup" => KeyCode::PageUp,
                "pagedown" | "pgdown" | "pgdn" => KeyCode::PageDown,
                f if f.starts_with('f')
                    && f[1..].parse::<u8>().is_ok_and(|n| (1..=12).contains(&n)) =>
                {
                    KeyCode::F(f[1..].parse().unwrap_or(1))
                }
                _ => {
                    return Err(format!(
                        "`{spec}` is not a key (use a character, or ctrl-x, alt-x, enter, esc, space, tab, up, down, left, right, home, end, pageup, pagedown, f1..f12)"
                    ));
                }
            },
        };
        Ok(Key { code, ctrl, alt })
    }

    /// The key as crossterm reports it, ignoring shift (it is in the char).
    pub fn from_event(key: &KeyEvent) -> Key {
        Key {
            code: key.code,
            ctrl: key.modifiers.contains(KeyModifiers::CONTROL),
            alt: key.modifiers.contains(KeyModifiers::ALT),
        }
    }

    fn to_event(self) -> KeyEvent {
        let mut m = KeyModifiers::NONE;
        if self.ctrl {
            m |= KeyModifiers::CONTROL;
        }
        if self.alt {
            m |= KeyModifiers::ALT;
        }
        KeyEvent::new(self.code, m)
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("ctrl-")?;
        }
        if self.alt {
            f.write_str("alt-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Enter => f.write_str("enter"),
            KeyCode::Esc => f.write_str("esc"),
            KeyCode::Tab => f.write_str("tab"),
            KeyCode::BackTab => f.write_str("backtab"),
            KeyCode::Backspace => f.write_str("backspace"),
            KeyCode::Delete => f.write_str("delete"),
            KeyCode::Insert => f.write_str("insert"),
            KeyCode::Up => f.write_str("↑"),
            KeyCode::Down => f.write_str("↓"),
            KeyCode::Left => f.write_str("←"),
            KeyCode::Right => f.write_str("→"),
            KeyCode::Home => f.write_str("home"),
            KeyCode::End => f.write_str("end"),
            KeyCode::PageUp => f.write_str("pgup"),
            KeyCode::PageDown => f.write_str("pgdn"),
            KeyCode::F(n) => write!(f, "f{n}"),
            _ => f.write_str("?"),
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn binding(action: &str, keys: &[&str], line: usize) -> Binding {
        Binding {
            action: action.into(),
            keys: keys.iter().map(|k| k.to_string()).collect(),
            line,
        }
    }

    fn press(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn defaults_pass_keys_through() {
        let map = KeyMap::default();
        assert_eq!(
            map.translate(press(KeyCode::Char('a'))),
            Some(press(KeyCode::Char('a')))
        );
        assert_eq!(map.label(KeyAction::Down), "j/↓");
        assert_eq!(map.label(KeyAction::PageDown), "pgdn/ctrl-f");
        assert_eq!(map.short(KeyAction::HalfPageDown), "ctrl-d");
    }

    #[test]
    fn a_remapped_action_answers_its_new_key_and_not_its_old_one() {
        let map = KeyMap::from_bindings(&[
            binding("activate", &["x"], 3),
            binding("down", &["n", "down"], 4),
        ])
        .expect("valid");
        assert_eq!(
            map.translate(press(KeyCode::Char('x'))),
            Some(press(KeyCode::Char('a')))
        );
        assert_eq!(map.translate(press(KeyCode::Char('a'))), None);
        assert_eq!(map.translate(press(KeyCode::Enter)), None);
        assert_eq!(
            map.translate(press(KeyCode::Char('n'))),
            Some(press(KeyCode::Char('j')))
        );
        assert_eq!(map.translate(press(KeyCode::Char('j'))), None);
        // Untouched actions keep their defaults; unrelated keys pass through.
        assert_eq!(
            map.translate(press(KeyCode::Char('t'))),
            Some(press(KeyCode::Char('t')))
        );
        assert_eq!(
            map.translate(press(KeyCode::Char('z'))),
            Some(press(KeyCode::Char('z')))
        );
        assert_eq!(map.label(KeyAction::Activate), "x");
    }

    #[test]
    fn ctrl_keys_and_named_keys_parse() {
        let map = KeyMap::from_bindings(&[
            binding("half_page_down", &["ctrl-n"], 1),
            binding("refresh", &["f5"], 2),
        ])
        .expect("valid");
        let ctrl_n = KeyEvent::new(KeyCode::Char('n'), KeyModifiers::CONTROL);
        let ctrl_d = KeyEvent::new(KeyCode::Char('d'), KeyModifiers::CONTROL);
        assert_eq!(map.translate(ctrl_n), Some(ctrl_d));
        assert_eq!(map.translate(ctrl_d), None);
        assert_eq!(
            map.translate(press(KeyCode::F(5))),
            Some(press(KeyCode::Char('r')))
        );
    }

    #[test]
    fn a_clash_names_the_line_and_both_actions() {
        let err = KeyMap::from_bindings(&[binding("activate", &["t"], 7)])
            .expect_err("t is terminal_id's");
        assert_eq!(err.line, 7);
        assert!(
            err.message.contains("`terminal_id`") && err.message.contains("`activate`"),
            "{err}"
        );
        let err =
            KeyMap::from_bindings(&[binding("refresh", &["x"], 2), binding("sort", &["x"], 9)])
                .expect_err("clash");
        assert!(err.line == 2 || err.line == 9, "{err}");
    }

    #[test]
    fn unknown_actions_and_keys_are_refused_with_their_line() {
        let err =
            KeyMap::from_bindings(&[binding("launch", &["x"], 5)]).expect_err("unknown action");
        assert_eq!(err.to_string().split(':').next(), Some("line 5"));
        assert!(err.message.contains("`launch`"));
        let err =
            KeyMap::from_bindings(&[binding("quit", &["hyper-x"], 6)]).expect_err("unknown key");
        assert_eq!(err.line, 6);
        let err = KeyMap::from_bindings(&[binding("quit", &["esc"], 8)]).expect_err("reserved");
        assert!(err.message.contains("reserved"));
    }
}
