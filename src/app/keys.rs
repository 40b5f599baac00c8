//! Key classification shared by every mode.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

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
