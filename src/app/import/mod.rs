//! The import slice: what an import does after its path prompt. Its state
//! (plan, stage, run and results) is in `app::run`, held by `App`; its
//! preview is the question `Asking::Import`, answered by `confirm`. Here are
//! the preview's answers, the run's steps, the keys of its screens, and the
//! worker's events about it.

pub(in crate::app) mod events;
mod flow;
mod gate;
pub(in crate::app) mod intents;

pub(in crate::app) use gate::{answered, count_answered};
