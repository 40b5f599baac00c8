//! Where update()'s commands go: calls to the API worker, and the event
//! loop's own effects (a copy written to the terminal, the config's
//! commands handed to `tui::custom`). Each consumer gets only its kind.

use std::io;

use tokio::sync::mpsc::UnboundedSender;

use crate::app::{Command, CustomRun, Effect, WorkerCall};

/// The event loop's ends of the worker's and the config commands' channels.
pub struct Outlets {
    pub worker: UnboundedSender<WorkerCall>,
    pub custom: UnboundedSender<CustomRun>,
}

impl Outlets {
    /// Carry out `commands` in order. Called by the loop between frames,
    /// when nothing is drawing, so a copy can go to the terminal at once.
    pub fn send(&self, commands: Vec<Command>) {
        for c in commands {
            match c {
                Command::Api(call) => {
                    // The worker outlives the loop; a closed channel means it
                    // died, and the error toasts would never come: log it.
                    if self.worker.send(call).is_err() {
                        tracing::error!("the API worker has stopped");
                    }
                }
                Command::Effect(Effect::Copy { text, what }) => {
                    if let Err(e) = super::clipboard::copy(&mut io::stdout(), &text) {
                        tracing::warn!(%what, error = %e, "could not write the OSC 52 copy");
                    }
                }
                Command::Effect(Effect::RunCustom(run)) => {
                    if self.custom.send(run).is_err() {
                        tracing::error!("the runner of your commands has stopped");
                    }
                }
            }
        }
    }
}
