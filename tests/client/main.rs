//! The HTTP client over loopback: against the simulator and against fake servers of the tests' own.

#[path = "../common/mod.rs"]
mod common;

mod client;
mod client_safety;
mod paging;
