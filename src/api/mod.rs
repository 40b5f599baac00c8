//! The Centrapay Integration Requests API: model, errors and the HTTP client.

pub mod client;
pub mod error;
pub mod learnt;
pub mod merchants;
pub mod model;
mod operation;
pub mod pages;
pub mod retry;
#[cfg(any(test, feature = "testkit"))]
pub mod retry_knobs;
pub mod revision;
pub mod secret;
pub mod throttle;
mod transport;

pub use client::{Client, ClientOptions};
pub use error::{ApiError, ErrorCode, Operation};
pub use merchants::{MerchantAnswers, Merchants};
pub use model::{
    Blocker, IntegrationRequest, IntegrationType, Merchant, NewIntegrationRequest, Page,
    SearchQuery, Status,
};
pub use secret::Secret;
