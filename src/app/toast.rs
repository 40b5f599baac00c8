//! Short messages in the footer: the newest shows, each until it expires.

use chrono::{DateTime, Utc};

const INFO_TTL: chrono::TimeDelta = chrono::TimeDelta::seconds(4);
const ERROR_TTL: chrono::TimeDelta = chrono::TimeDelta::seconds(10);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ToastKind {
    Info,
    Error,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Toast {
    pub text: String,
    pub kind: ToastKind,
    pub expires: DateTime<Utc>,
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
        });
        // Only the newest shows; keep a few so an expiring one reveals the last.
        if self.items.len() > 5 {
            self.items.remove(0);
        }
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
