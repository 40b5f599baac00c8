//! Short messages in the footer: the newest shows, each until it expires
//! or the view it was raised in closes (the message log keeps them all).

use chrono::{DateTime, Utc};

const INFO_TTL: chrono::TimeDelta = chrono::TimeDelta::seconds(4);
const ERROR_TTL: chrono::TimeDelta = chrono::TimeDelta::seconds(10);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ToastKind {
    Info,
    Error,
}

/// The view a toast was raised in. The list is under every other view, so
/// its toasts stay; another view's go when it closes.
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
    pub(crate) fn info(&mut self, text: String, now: DateTime<Utc>) {
        self.push(text, ToastKind::Info, now + INFO_TTL);
    }

    pub(crate) fn error(&mut self, text: String, now: DateTime<Utc>) {
        self.push(text, ToastKind::Error, now + ERROR_TTL);
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
        self.items
            .retain(|t| matches!(t.view, Some(ToastView::List)) || t.view == Some(now));
    }

    pub(crate) fn expire(&mut self, now: DateTime<Utc>) {
        self.items.retain(|t| t.expires > now);
    }

    pub fn current(&self) -> Option<&Toast> {
        self.items.last()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn clear(&mut self) {
        self.items.clear();
    }
}
