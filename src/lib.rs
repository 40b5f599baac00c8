//! intake: a terminal console for Centrapay Integration Requests.

pub mod api;
pub mod sim;

/// Install rustls' ring provider once per process; reqwest is built without a
/// default provider to keep aws-lc (and its C build) out of the tree.
pub fn install_crypto() {
    let _ = rustls::crypto::ring::default_provider().install_default();
}
