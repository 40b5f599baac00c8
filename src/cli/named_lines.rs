//! Outcome lines that name a request's merchant: printed in the order they
//! arrive, each after its merchant's name is looked up (once per merchant),
//! while the run that produces them goes on.

use std::io::Write;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender, unbounded_channel};

use super::output::clean;
use super::stdout::quiet_broken_pipe;
use crate::api::Client;
use crate::api::retry::RetryPolicy;
use crate::failure::Failure;
use crate::names_cache::NameLookup;

/// One line: `text`, then ` (type, merchant NAME)` when it names a request.
pub struct NamedLine {
    pub text: String,
    /// The request's type and merchantId.
    pub request: Option<(String, String)>,
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
    /// `--json`: the names are looked up beside the run, the lines printed
    /// after it as one document.
    quiet: bool,
}

/// `quiet`: look the names up without printing the lines.
pub fn channel(quiet: bool) -> (Lines, Printer) {
    let (tx, rx) = unbounded_channel();
    let failed = Arc::new(AtomicBool::new(false));
    (
        Lines {
            tx,
            failed: failed.clone(),
        },
        Printer { rx, failed, quiet },
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
        let stdout = super::stdout::stdout();
        while let Some(line) = self.rx.recv().await {
            let named = match line.request {
                Some((kind, merchant_id)) => {
                    let name = names.one(client, policy, &merchant_id).await;
                    Some((kind, name.map_or(merchant_id, |m| m.name)))
                }
                None => None,
            };
            if self.quiet {
                continue;
            }
            let text = match named {
                Some((kind, name)) => {
                    format!(
                        "{} ({}, merchant {})",
                        line.text,
                        clean(&kind),
                        clean(&name)
                    )
                }
                None => line.text,
            };
            if let Err(f) = quiet_broken_pipe(writeln!(stdout.lock(), "{text}")) {
                self.failed.store(true, Ordering::Relaxed);
                return Some(f);
            }
        }
        None
    }
}
