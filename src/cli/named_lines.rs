//! Outcome lines that name a request's merchant: printed in the order they
//! arrive, each after its merchant's name is looked up (once per merchant),
//! while the run that produces them goes on; for people, or (`--json`) as
//! JSON Lines, each through [`super::lines`] as it comes.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender, unbounded_channel};

use super::json::ActivationLine;
use super::lines;
use super::output::clean;
use crate::api::Client;
use crate::api::retry::RetryPolicy;
use crate::failure::Failure;
use crate::names_cache::NameLookup;

/// One line: `text`, then ` (type, merchant NAME)` when it names a request.
pub struct NamedLine {
    pub body: Body,
    /// The request's type and merchantId.
    pub request: Option<(String, String)>,
}

/// What a line says, before its merchant is named.
pub enum Body {
    /// For people: the name is added after the text.
    Text(String),
    /// `--json`: the name fills `merchantName` when it is known.
    Json(Box<ActivationLine>),
}

/// The sending side, held by the run's progress callback.
pub struct Lines {
    tx: UnboundedSender<NamedLine>,
    failed: Arc<AtomicBool>,
}

impl Lines {
    /// Queue a line; false once printing has failed (stop the run).
    pub fn send(&self, line: NamedLine) -> bool {
        !self.failed.load(Ordering::Relaxed) && self.tx.send(line).is_ok()
    }
}

/// The printing side: run [`Printer::print`] beside the run.
pub struct Printer {
    rx: UnboundedReceiver<NamedLine>,
    failed: Arc<AtomicBool>,
}

pub fn channel() -> (Lines, Printer) {
    let (tx, rx) = unbounded_channel();
    let failed = Arc::new(AtomicBool::new(false));
    (
        Lines {
            tx,
            failed: failed.clone(),
        },
        Printer { rx, failed },
    )
}

impl Printer {
    /// Print every line until the sending side is dropped, its merchant's
    /// name from `names`. A closed pipe is quiet; another write error stops
    /// the printing and is returned.
    pub async fn print(
        mut self,
        names: &mut NameLookup,
        client: &Client,
        policy: RetryPolicy,
    ) -> Option<Failure> {
        while let Some(line) = self.rx.recv().await {
            let named = match line.request {
                Some((kind, merchant_id)) => {
                    let name = names.one(client, policy, &merchant_id).await;
                    Some((kind, merchant_id, name.map(|m| m.name)))
                }
                None => None,
            };
            let printed = match line.body {
                Body::Json(mut o) => {
                    o.merchant_name = named.and_then(|(_, _, name)| name);
                    lines::json(&o)
                }
                Body::Text(text) => lines::text(&match named {
                    Some((kind, id, name)) => format!(
                        "{text} ({}, merchant {})",
                        clean(&kind),
                        clean(&name.unwrap_or(id))
                    ),
                    None => text,
                }),
            };
            if let Err(f) = printed {
                self.failed.store(true, Ordering::Relaxed);
                return Some(f);
            }
        }
        None
    }
}
