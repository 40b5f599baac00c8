//! Reliability under faults and rate limits: bulk runs through the CLI and the console's worker, kill -9 and resume, cancel and retry.

#[path = "../common/mod.rs"]
mod common;

mod console_bulk;
mod rate_limit;
mod reliability;
mod reliability_outcomes;
mod worker_cancel;
mod worker_read_only;
mod worker_retry;
