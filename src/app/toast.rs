//! Short messages in the footer: the newest of the view the operator is in
//! shows, each until it expires or that view closes (the message log keeps
//! them all).
//! `raise` is the only way in, and it logs: nothing is said on the status
//! line that the message log `m` does not keep.

use chrono::{DateTime, Utc};

use super::messages::{MessageLog, ToastKind};

const INFO_TTL: chrono::TimeDelta = chrono::TimeDelta::seconds(4);
const ERROR_TTL: chrono::TimeDelta = chrono::TimeDelta::seconds(10);

/// The view a toast was raised in: the toast is about that view, so it goes
/// as soon as the operator is in another (a list toast under the import
/// preview would speak of something else).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ToastView {
    List,
    Help,
    Messages,
    Form,
    Activate,
    Bulk,
    Prompt,
    Import,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Toast {
    pub text: String,
    pub kind: ToastKind,
    pub expires: DateTime<Utc>,
    /// Set once the update that raised it has settled on a view.
    pub view: Option<ToastView>,
}

/// The toasts waiting to expire, oldest first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Toasts {
    items: Vec<Toast>,
}

impl Toasts {
    /// Say `text` on the status line and keep it, in full and with its
    /// time, in `log`, followed there by `pointer` (where a run's results
    /// are: the screen already shows them, the log is read later).
    pub(crate) fn raise(
        &mut self,
        log: &mut MessageLog,
        kind: ToastKind,
        text: String,
        pointer: &str,
        now: DateTime<Utc>,
    ) {
        self.raise_cut(log, kind, text.clone(), format!("{text}{pointer}"), now);
    }

    /// Say `shown` (a shortened `full`) on the status line; the log keeps
    /// `full`, so nothing the status line cut is lost.
    pub(crate) fn raise_cut(
        &mut self,
        log: &mut MessageLog,
        kind: ToastKind,
        shown: String,
        full: String,
        now: DateTime<Utc>,
    ) {
        log.push(full, kind, now);
        let text = shown;
        let ttl = match kind {
            ToastKind::Info => INFO_TTL,
            ToastKind::Error => ERROR_TTL,
        };
        self.push(text, kind, now + ttl);
    }

    fn push(&mut self, text: String, kind: ToastKind, expires: DateTime<Utc>) {
        self.items.retain(|t| t.text != text);
        self.items.push(Toast {
            text,
            kind,
            expires,
            view: None,
        });
        // Only the newest shows; keep a few so an expiring one reveals the last.
        if self.items.len() > 5 {
            self.items.remove(0);
        }
    }

    /// After an update: the toasts it raised belong to `now`, the view it
    /// ended in, and those of a view that has closed go.
    pub(crate) fn settle(&mut self, now: ToastView) {
        for t in &mut self.items {
            t.view.get_or_insert(now);
        }
        // Help and the message log are a look from the list, so its toasts
        // wait under them (not drawn); any other view ends them.
        let peek = matches!(now, ToastView::Help | ToastView::Messages);
        self.items
            .retain(|t| t.view == Some(now) || (peek && t.view == Some(ToastView::List)));
    }

    /// `text` no longer holds (a later load succeeded): it goes at once.
    pub(crate) fn dismiss(&mut self, text: &str) {
        self.items.retain(|t| t.text != text);
    }

    pub(crate) fn expire(&mut self, now: DateTime<Utc>) {
        self.items.retain(|t| t.expires > now);
    }

    /// The newest toast raised in `view` (or not yet settled, as the
    /// startup warnings): another view's is never drawn under it.
    pub fn current(&self, view: ToastView) -> Option<&Toast> {
        self.items
            .iter()
            .rev()
            .find(|t| t.view.is_none_or(|v| v == view))
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn clear(&mut self) {
        self.items.clear();
    }
}
