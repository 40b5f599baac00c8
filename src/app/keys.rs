//! Key classification shared by every mode, and the help text listing them.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::keymap::{KeyAction, KeyMap};

pub fn is_ctrl_c(k: &KeyEvent) -> bool {
    k.modifiers.contains(KeyModifiers::CONTROL)
        && matches!(k.code, KeyCode::Char('c') | KeyCode::Char('C'))
}

/// The character of a key typed without ctrl or alt (shift is part of the
/// character already: `G`, `A`, `*`).
pub fn plain(k: &KeyEvent) -> Option<char> {
    if k.modifiers
        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SUPER)
    {
        return None;
    }
    match k.code {
        KeyCode::Char(c) => Some(c),
        _ => None,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nav {
    Up,
    Down,
    Top,
    Bottom,
    HalfUp,
    HalfDown,
    PageUp,
    PageDown,
}

pub fn nav(k: &KeyEvent) -> Option<Nav> {
    let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
    Some(match k.code {
        KeyCode::Up => Nav::Up,
        KeyCode::Down => Nav::Down,
        KeyCode::Home => Nav::Top,
        KeyCode::End => Nav::Bottom,
        KeyCode::PageUp => Nav::PageUp,
        KeyCode::PageDown => Nav::PageDown,
        KeyCode::Char('d') if ctrl => Nav::HalfDown,
        KeyCode::Char('u') if ctrl => Nav::HalfUp,
        KeyCode::Char('f') if ctrl => Nav::PageDown,
        KeyCode::Char('b') if ctrl => Nav::PageUp,
        _ => match plain(k)? {
            'j' => Nav::Down,
            'k' => Nav::Up,
            'g' => Nav::Top,
            'G' => Nav::Bottom,
            _ => return None,
        },
    })
}

/// Move a position within `len` items; `page` is the visible height.
pub fn apply(nav: Nav, pos: usize, len: usize, page: usize) -> usize {
    if len == 0 {
        return 0;
    }
    let page = page.max(1);
    let half = (page / 2).max(1);
    let last = len - 1;
    match nav {
        Nav::Up => pos.saturating_sub(1),
        Nav::Down => (pos + 1).min(last),
        Nav::Top => 0,
        Nav::Bottom => last,
        Nav::HalfUp => pos.saturating_sub(half),
        Nav::HalfDown => (pos + half).min(last),
        Nav::PageUp => pos.saturating_sub(page),
        Nav::PageDown => (pos + page).min(last),
    }
}

/// Every key, as the `?` overlay lists them.
pub const HELP: &[(&str, &str)] = &[
    ("", "Moving"),
    ("j / ↓", "down one row"),
    ("k / ↑", "up one row"),
    ("g / Home", "first row"),
    ("G / End", "last row"),
    ("ctrl-d / ctrl-u", "half a page down / up"),
    ("PgDn / PgUp", "a page down / up"),
    ("click / wheel", "select a row / scroll"),
    ("", "List"),
    ("/", "filter (Enter keeps it, Esc clears it)"),
    ("Esc", "clear the filter"),
    ("p", "pending only / all statuses"),
    ("s / S", "next sort column / reverse the sort"),
    ("r", "reload from the server"),
    ("", "Acting"),
    ("a / Enter", "activate the request (asks first)"),
    ("t", "set the terminalId (asks before replacing one)"),
    ("Space", "mark / unmark and move down"),
    ("*", "mark every visible row"),
    ("u", "clear all marks"),
    ("A", "bulk-activate the marked rows (or this row)"),
    ("", "Files"),
    ("e", "export the rows shown to .csv or .json"),
    ("i", "import terminalIds from a CSV (preview first)"),
    ("", "Dialogs"),
    ("y / Enter", "confirm"),
    ("n / Esc", "cancel"),
    ("y / n", "old → new terminalId: send it / back to the form"),
    ("0-9 Enter", "production bulk run: type the count, then run"),
    ("e", "bulk: enter the missing terminalIds first"),
    ("Esc", "bulk: cancel the run (calls in flight finish)"),
    ("R", "bulk results: retry the failed ones"),
    ("y / a", "import preview: set / set, then activate"),
    ("", "Filter words"),
    (
        "type:epay",
        "one field: type status merchant account id terminal",
    ),
    ("merchant:cafe", "merchantId or merchant name"),
    ("5ee0", "a bare word matches any field or merchant name"),
    ("", "Other"),
    ("?", "this help (j/k scroll, Esc closes)"),
    ("q", "quit (asks while a bulk run is going)"),
    ("ctrl-c", "quit at once"),
];

/// Which remappable actions each help and footer label stands for, so a
/// remapped key shows its new binding there.
const LABEL_ACTIONS: &[(&str, &[KeyAction])] = &[
    ("j / ↓", &[KeyAction::Down]),
    ("k / ↑", &[KeyAction::Up]),
    ("g / Home", &[KeyAction::Top]),
    ("G / End", &[KeyAction::Bottom]),
    (
        "ctrl-d / ctrl-u",
        &[KeyAction::HalfPageDown, KeyAction::HalfPageUp],
    ),
    ("PgDn / PgUp", &[KeyAction::PageDown, KeyAction::PageUp]),
    ("/", &[KeyAction::Filter]),
    ("p", &[KeyAction::TogglePending]),
    ("s / S", &[KeyAction::Sort, KeyAction::SortReverse]),
    ("s/S", &[KeyAction::Sort, KeyAction::SortReverse]),
    ("r", &[KeyAction::Refresh]),
    ("a / Enter", &[KeyAction::Activate]),
    ("a", &[KeyAction::Activate]),
    ("t", &[KeyAction::TerminalId]),
    ("Space", &[KeyAction::Mark]),
    ("space", &[KeyAction::Mark]),
    ("*", &[KeyAction::MarkAll]),
    ("u", &[KeyAction::ClearMarks]),
    ("A", &[KeyAction::BulkActivate]),
    ("i", &[KeyAction::Import]),
    ("e", &[KeyAction::Export]),
    ("?", &[KeyAction::Help]),
    ("q", &[KeyAction::Quit]),
    ("j/k", &[KeyAction::Down, KeyAction::Up]),
];

/// A help or footer label as the operator's bindings have it: unchanged with
/// the default bindings, else the keys now bound to the same actions.
pub fn relabel(label: &str, map: &KeyMap, short: bool) -> String {
    if map.is_default() {
        return label.to_string();
    }
    match LABEL_ACTIONS.iter().find(|(l, _)| *l == label) {
        Some((_, actions)) => actions
            .iter()
            .map(|a| if short { map.short(*a) } else { map.label(*a) })
            .collect::<Vec<_>>()
            .join(if short { "/" } else { " / " }),
        None => label.to_string(),
    }
}
