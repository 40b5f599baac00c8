//! Working with either revision of the Integration Requests API.
//!
//! The reference revision has no `GET /api/integration-requests/{id}` and
//! sets a terminalId with `POST …/{id}/update`; the later one has the read
//! and takes `PUT …/{id}/configs` instead. A 404 (or 405) to one of these
//! means the route is not served (an unknown id answers 403), so the client
//! switches to the other way and remembers it (see `learnt`: for the
//! session, and on disk when the session gave it a memory). A remembered
//! way answered 404 is learnt again the same way.

use reqwest::Method;

use super::client::Client;
use super::error::{ApiError, Operation};
pub use super::learnt::{ReadWay, UpdateWay};
use super::model::{IntegrationRequest, SearchQuery, UpdateIntegrationRequest};

/// Whether an answer means "this server has no such route": 404 (Centrapay
/// answers a wrong method like a wrong URL) or a 405 from a stricter server.
pub fn route_not_served(e: &ApiError) -> bool {
    matches!(
        e,
        ApiError::NotFound { .. } | ApiError::UnexpectedStatus { status: 405, .. }
    )
}

impl Client {
    /// How this session reads one request, as learnt so far.
    pub fn read_way(&self) -> ReadWay {
        self.learnt().read()
    }

    /// How this session sets a terminalId, as learnt so far.
    pub fn update_way(&self) -> UpdateWay {
        self.learnt().update()
    }

    /// One request, read fresh: `GET /{id}` where served, otherwise found
    /// in a search of the session's account (every account without one).
    pub async fn get(&self, id: &str) -> Result<IntegrationRequest, ApiError> {
        if let Some(r) = self.get_if_served(id).await? {
            return Ok(r);
        }
        let mut pages = self.search_pages(self.reading_query());
        let mut found = None;
        while let Some(page) = pages.next_page().await? {
            found = found.or_else(|| page.into_iter().find(|r| r.id == id));
        }
        found.ok_or_else(|| self.not_in_account(id, Some(pages.fetched())))
    }

    /// `GET /{id}` unless this session has learnt it is not served: the
    /// request, or `None` when the server reads only by search (learnt
    /// here on the first 404 or 405). A run uses it to find out how to read
    /// without the whole search [`Client::get`] would then do.
    pub async fn get_if_served(&self, id: &str) -> Result<Option<IntegrationRequest>, ApiError> {
        let _probe = match self.read_way() {
            ReadWay::Unknown => Some(self.learnt().read_probe.lock().await),
            _ => None,
        };
        if self.read_way() == ReadWay::Search {
            return Ok(None);
        }
        match self.get_by_id(id).await {
            Err(e) if route_not_served(&e) => {
                tracing::info!("GET /{{id}} is not served; reading requests by search");
                self.learnt().set_read(ReadWay::Search);
                Ok(None)
            }
            Ok(r) => {
                self.learnt().set_read(ReadWay::ById);
                Ok(Some(r))
            }
            Err(e) => Err(e),
        }
    }

    /// The search a read falls back to: the session's account, all types
    /// and statuses.
    pub fn reading_query(&self) -> SearchQuery {
        SearchQuery {
            account_id: self.account_id().map(str::to_string),
            ..SearchQuery::default()
        }
    }

    /// The error for an id that a search of the session's account did not
    /// find, after `pages` pages when they were counted. Not a 403: the
    /// server refused nothing, it only has no such request there.
    pub fn not_in_account(&self, id: &str, pages: Option<usize>) -> ApiError {
        ApiError::NotInAccount {
            id: id.to_string(),
            account: self.account_id().map(str::to_string),
            pages,
        }
    }

    /// [`Client::not_in_account`] where the pages searched were not
    /// counted (a run's shared search).
    pub fn unknown_id(&self, id: &str) -> ApiError {
        self.not_in_account(id, None)
    }

    /// `GET /api/integration-requests/{id}` (later revision only).
    async fn get_by_id(&self, id: &str) -> Result<IntegrationRequest, ApiError> {
        let url = self.url(&["api", "integration-requests", id]);
        let op = Operation::Read { id: id.to_string() };
        self.send::<(), _>(op, Method::GET, url, &[], None).await
    }

    /// Set a terminalId the way this server takes it: `POST …/update`, or
    /// `PUT …/configs`, switching (once per call) when one is not served.
    pub async fn update_terminal_id(
        &self,
        id: &str,
        terminal_id: &str,
    ) -> Result<IntegrationRequest, ApiError> {
        let _probe = match self.update_way() {
            UpdateWay::Unknown => Some(self.learnt().update_probe.lock().await),
            _ => None,
        };
        let first = match self.update_way() {
            UpdateWay::Unknown => UpdateWay::PostUpdate,
            known => known,
        };
        match self.update_by(first, id, terminal_id).await {
            Err(e) if route_not_served(&e) => {
                let other = match first {
                    UpdateWay::PutConfigs => UpdateWay::PostUpdate,
                    _ => UpdateWay::PutConfigs,
                };
                // A 404 means nothing was applied, so the other way is safe.
                let out = self.update_by(other, id, terminal_id).await;
                if !matches!(&out, Err(e) if route_not_served(e)) {
                    tracing::info!(?other, "setting terminalIds the other way");
                    self.learnt().set_update(other);
                }
                out
            }
            Ok(r) => {
                self.learnt().set_update(first);
                Ok(r)
            }
            Err(e) => Err(e),
        }
    }

    async fn update_by(
        &self,
        way: UpdateWay,
        id: &str,
        terminal_id: &str,
    ) -> Result<IntegrationRequest, ApiError> {
        let body = UpdateIntegrationRequest {
            terminal_id: terminal_id.to_string(),
        };
        let (method, last) = match way {
            UpdateWay::PutConfigs => (Method::PUT, "configs"),
            _ => (Method::POST, "update"),
        };
        let url = self.url(&["api", "integration-requests", id, last]);
        let op = Operation::UpdateTerminalId { id: id.to_string() };
        self.send(op, method, url, &[], Some(&body)).await
    }
}

/// What this session learns about its server and itself, and where it is
/// kept (`learnt.rs`).
impl Client {
    /// Start from what `memory` kept and give it each new fact. Call it
    /// before the client is cloned or used: it replaces what was learnt.
    pub fn with_memory(mut self, memory: impl super::learnt::Memory + 'static) -> Self {
        self.learnt = std::sync::Arc::new(super::learnt::Learnt::remembered(Box::new(memory)));
        self
    }

    /// Everything this session knows about its server.
    pub fn served(&self) -> super::learnt::Served {
        self.learnt().served()
    }

    /// The CRN this API key writes as, once learnt (here or by an earlier
    /// process with the same key against the same host).
    pub fn own_crn(&self) -> Option<String> {
        self.learnt().crn().clone()
    }

    /// Learn the CRN this API key writes as, from the `updatedBy` of one of
    /// its own successful writes. A value that cannot be a CRN is ignored.
    pub fn learn_own_crn(&self, crn: &str) {
        let crn = crn.trim();
        if !super::learnt::plausible_crn(crn) {
            return;
        }
        let learnt = self.learnt();
        {
            let mut own = learnt.crn();
            if own.as_deref() == Some(crn) {
                return;
            }
            *own = Some(crn.to_string());
        }
        learnt.keep(|here| here.own_crn = Some(crn.to_string()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_404_and_405_mean_a_route_is_not_served() {
        let status = |code: u16| ApiError::from_status(code, "", "/api/x", None);
        assert!(route_not_served(&status(404)));
        assert!(route_not_served(&status(405)));
        // An unknown id answers 403: a real answer, not a missing route.
        for code in [400, 401, 403, 409, 500] {
            assert!(!route_not_served(&status(code)), "{code}");
        }
    }
}
