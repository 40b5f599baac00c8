//! intake: a terminal console for Centrapay Integration Requests.

pub mod api;
