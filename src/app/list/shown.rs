//! How the shown rows changed since the backlog last looked, so it counts
//! only what changed: rows that joined (a page, a merchant's name that a
//! filter word now matches) and rows changed in place (the server's answer
//! for one request). Anything else that changes the shown rows (a filter, a
//! reload, a view) is a reset, which only a full count answers.

use super::List;
use super::store::Facts;

/// One change to the shown rows, with the facts it moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Delta {
    Joined(Facts),
    Changed { was: Facts, now: Facts },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ShownChanges {
    Deltas(Vec<Delta>),
    Reset,
}

impl Default for ShownChanges {
    /// Nothing counted yet: the first look counts everything.
    fn default() -> ShownChanges {
        ShownChanges::Reset
    }
}

impl ShownChanges {
    fn push(&mut self, d: Delta) {
        // After a reset the full count sees every row as it is then.
        if let ShownChanges::Deltas(ds) = self {
            ds.push(d);
        }
    }
}

impl List {
    /// The changes since the last call; from now on, none.
    pub(crate) fn take_shown_changes(&mut self) -> ShownChanges {
        std::mem::replace(&mut self.shown_changes, ShownChanges::Deltas(Vec::new()))
    }

    /// The shown rows changed in a way only a full count answers.
    pub(super) fn shown_reset(&mut self) {
        self.shown_changes = ShownChanges::Reset;
    }

    /// `rows` joined the shown rows.
    pub(super) fn shown_joined(&mut self, rows: &[u32]) {
        if matches!(self.shown_changes, ShownChanges::Reset) {
            return;
        }
        for &i in rows {
            if let Some(e) = self.store.entry(i) {
                self.shown_changes.push(Delta::Joined(e.facts));
            }
        }
    }

    /// Row `i`, shown or not, was stored again with facts `was` before.
    pub(super) fn shown_changed(&mut self, i: u32, was: Facts) {
        let Some(now) = self.store.entry(i).map(|e| e.facts) else {
            return;
        };
        if was == now || matches!(self.shown_changes, ShownChanges::Reset) {
            return;
        }
        // A linear pass over indices, once per request the server answered
        // for: far cheaper than counting every shown row again.
        if self.visible.contains(&i) {
            self.shown_changes.push(Delta::Changed { was, now });
        }
    }
}
