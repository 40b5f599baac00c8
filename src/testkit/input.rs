//! Key presses as the event loop would deliver them.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::app::{Action, App, Command, update};

pub fn key(code: KeyCode) -> Action {
    Action::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

pub fn ch(c: char) -> Action {
    let m = if c.is_ascii_uppercase() {
        KeyModifiers::SHIFT
    } else {
        KeyModifiers::NONE
    };
    Action::Key(KeyEvent::new(KeyCode::Char(c), m))
}

pub fn ctrl(c: char) -> Action {
    Action::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

/// Type each character as a key press; returns every command produced.
pub fn typed(app: &mut App, s: &str) -> Vec<Command> {
    s.chars().flat_map(|c| update(app, ch(c))).collect()
}

/// A bracketed paste.
pub fn paste(app: &mut App, text: &str) -> Vec<Command> {
    update(app, Action::Paste(text.into()))
}
