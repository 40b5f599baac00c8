//! The bulk slice: what bulk activation does. Its state (the plan, the run
//! and its results) is in `app::run`, held by `App`; here are the dialog's
//! answers, the run's steps, a retry of what failed, the keys of its
//! progress and results, and the worker's events about it.

mod dialog;
pub(in crate::app) mod during;
pub(in crate::app) mod events;
mod flow;
pub(in crate::app) mod intents;
mod progress;
mod retry;

pub(in crate::app) use dialog::answered;
pub(in crate::app) use flow::{after_bulk_save, on_saved, saving_for_bulk, start_bulk_with};
