//! The Centrapay Integration Requests API: model, errors and the HTTP client.

pub mod client;
pub mod error;
pub mod merchants;
pub mod model;
pub mod retry;
pub mod revision;
pub mod secret;
mod transport;

pub use client::{Client, ClientOptions};
pub use error::{ApiError, ErrorCode};
pub use model::{
    Blocker, IntegrationRequest, IntegrationType, Merchant, NewIntegrationRequest, Page,
    SearchQuery, Status,
};
pub use secret::Secret;
