//! intake: a terminal console for Centrapay Integration Requests.

// The product has no unsafe code and may never have any; Cargo.toml's
// lints deny it, and allow it only in the tests' pseudo-terminal harness.
#![forbid(unsafe_code)]

pub mod api;
pub mod app;
pub mod audit;
pub mod cli;
pub mod config;
pub mod custom;
pub mod domain;
pub mod export;
pub mod failure;
pub mod fuzzy;
pub mod import;
pub mod keys;
pub mod logging;
pub mod names_cache;
pub mod ops;
pub mod paths;
pub mod prefs;
pub mod safety;
pub mod server_memory;
pub mod session;
pub mod sim;
/// Fixtures, clock and `App` drivers for the unit tests, the integration
/// tests and the benches: built only for them (the `testkit` feature, which
/// the tests and benches turn on through the dev-dependency on this
/// package), never in the library a release build ships.
#[cfg(any(test, feature = "testkit"))]
pub mod testkit;
pub mod text;
pub mod tui;
pub mod ui;

/// The version with the git commit it was built from, when known.
/// e.g. "0.1.0 (abc1234)", or "0.1.0 (unknown)" when built outside git.
pub const VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (",
    env!("INTAKE_GIT_COMMIT"),
    ")"
);

/// Install rustls' ring provider once per process; reqwest is built without a
/// default provider to keep aws-lc (and its C build) out of the tree.
pub fn install_crypto() {
    let _ = rustls::crypto::ring::default_provider().install_default();
}
