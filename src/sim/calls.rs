//! Calls counted by operation, whether or not this revision serves the
//! route, so a test can see which way a client read or updated (e.g. that
//! after one 404 to `GET /{id}` it never asks again).

use std::sync::Arc;
use std::sync::atomic::AtomicU64;

use axum::extract::{Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::Response;
use serde::{Deserialize, Serialize};

use super::Shared;

/// Calls per operation of the Integration Requests API, served or not.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OperationCalls {
    /// `GET /api/integration-requests`.
    pub search: u64,
    /// `GET /api/integration-requests/{id}`.
    pub read_one: u64,
    /// `POST /api/integration-requests/{id}/update`.
    pub post_update: u64,
    /// `PUT /api/integration-requests/{id}/configs`.
    pub put_configs: u64,
    /// `GET /api/merchants/{id}`: the names lists show.
    #[serde(default)]
    pub merchant: u64,
}

#[derive(Debug, Default)]
pub(crate) struct CallCounters {
    search: AtomicU64,
    read_one: AtomicU64,
    post_update: AtomicU64,
    put_configs: AtomicU64,
    merchant: AtomicU64,
}

impl CallCounters {
    pub fn snapshot(&self) -> OperationCalls {
        let g = |c: &AtomicU64| c.load(std::sync::atomic::Ordering::Relaxed);
        OperationCalls {
            search: g(&self.search),
            read_one: g(&self.read_one),
            post_update: g(&self.post_update),
            put_configs: g(&self.put_configs),
            merchant: g(&self.merchant),
        }
    }

    fn count(&self, method: &Method, path: &str) {
        if method == Method::GET && path.starts_with("/api/merchants/") {
            bump(&self.merchant);
            return;
        }
        let Some(rest) = path.strip_prefix("/api/integration-requests") else {
            return;
        };
        let segments: Vec<&str> = rest.split('/').filter(|s| !s.is_empty()).collect();
        let counter = match (method.as_str(), segments.as_slice()) {
            ("GET", []) => &self.search,
            ("GET", [_]) => &self.read_one,
            ("POST", [_, "update"]) => &self.post_update,
            ("PUT", [_, "configs"]) => &self.put_configs,
            _ => return,
        };
        bump(counter);
    }
}

/// Middleware over the whole router, so unrouted calls count too.
pub(crate) async fn count(State(shared): State<Arc<Shared>>, req: Request, next: Next) -> Response {
    shared.calls.count(req.method(), req.uri().path());
    next.run(req).await
}

/// One more of what `c` counts.
pub(crate) fn bump(c: &std::sync::atomic::AtomicU64) {
    c.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
}
