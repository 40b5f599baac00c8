//! Moving a position by a navigation intent, shared by every mode.

use crate::keys::Intent;

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

/// The move an intent makes in a list or a scrolled view.
pub fn nav_of(intent: Intent) -> Option<Nav> {
    Some(match intent {
        Intent::Up => Nav::Up,
        Intent::Down => Nav::Down,
        Intent::Top => Nav::Top,
        Intent::Bottom => Nav::Bottom,
        Intent::HalfPageUp => Nav::HalfUp,
        Intent::HalfPageDown => Nav::HalfDown,
        Intent::PageUp => Nav::PageUp,
        Intent::PageDown => Nav::PageDown,
        _ => return None,
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
