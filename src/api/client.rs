//! The HTTP client: one method per operation of the contract.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{HeaderMap, HeaderValue, RETRY_AFTER};
use reqwest::{Method, Url};
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::error::{ApiError, Operation};
use super::learnt::Learnt;
use super::model::{IntegrationRequest, Merchant, NewIntegrationRequest, Page, SearchQuery};
use super::secret::Secret;
use super::throttle::Throttle;
use super::transport::{self, Target};

/// Timeouts and trust for the client.
#[derive(Debug, Clone)]
pub struct ClientOptions {
    pub connect_timeout: Duration,
    pub timeout: Duration,
    /// A PEM file of CA certificates trusted in addition to the system's
    /// (a profile's `ca_file`).
    pub ca_file: Option<PathBuf>,
}

impl Default for ClientOptions {
    fn default() -> Self {
        ClientOptions {
            connect_timeout: Duration::from_secs(5),
            timeout: Duration::from_secs(30),
            ca_file: None,
        }
    }
}

pub const USER_AGENT: &str = concat!("intake/", env!("CARGO_PKG_VERSION"));

/// A Centrapay API client bound to one base URL and API key.
#[derive(Clone)]
pub struct Client {
    http: reqwest::Client,
    base: Url,
    host: String,
    connect_timeout: Duration,
    timeout: Duration,
    /// Whose requests a read by search looks through (the profile's account).
    account_id: Option<Arc<str>>,
    /// Which revision's routes answer and who this key is (see `learnt`).
    pub(super) learnt: Arc<Learnt>,
    /// The session's shared answer to 429s (see `throttle`).
    throttle: Arc<Throttle>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("base", &self.base.as_str())
            .field("api_key", &"***")
            .finish()
    }
}

/// Whether a host is a loopback address, where plain http cannot leak the key.
pub fn is_loopback_host(host: &str) -> bool {
    let h = host.trim_start_matches('[').trim_end_matches(']');
    h.eq_ignore_ascii_case("localhost")
        || h.parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// Parse and check a base URL: http(s) only, and http only to loopback so the
/// key is never sent in clear text over a network.
pub fn parse_base_url(raw: &str) -> Result<Url, ApiError> {
    let trimmed = raw.trim();
    let url = Url::parse(trimmed).map_err(|e| {
        ApiError::Config(format!(
            "base_url `{trimmed}` is not a valid URL ({e}); use e.g. https://service.centrapay.com."
        ))
    })?;
    // Checked first, and the URL is not echoed: it would carry the secret.
    if !url.username().is_empty() || url.password().is_some() {
        return Err(ApiError::Config(
            "base_url contains credentials (user:password@); remove them and put the API key in api_key or CENTRAPAY_API_KEY.".into(),
        ));
    }
    let host = url.host_str().unwrap_or_default().to_string();
    match url.scheme() {
        "https" => {}
        "http" if is_loopback_host(&host) => {}
        "http" => {
            return Err(ApiError::Config(format!(
                "base_url `{trimmed}` uses plain http to {host}; the API key would travel unencrypted. Use https (plain http is allowed only to loopback addresses)."
            )));
        }
        other => {
            return Err(ApiError::Config(format!(
                "base_url `{trimmed}` has scheme `{other}`; use https://."
            )));
        }
    }
    if host.is_empty() {
        return Err(ApiError::Config(format!(
            "base_url `{trimmed}` has no host; use e.g. https://service.centrapay.com."
        )));
    }
    Ok(url)
}

/// Turn a response into the value or the error it stands for. Public so the
/// decoder can be fuzzed without a socket; it never panics on any input.
pub fn decode_response<T: DeserializeOwned>(
    status: u16,
    bytes: &[u8],
    path: &str,
    retry_after: Option<Duration>,
) -> Result<T, ApiError> {
    if (200..300).contains(&status) {
        serde_json::from_slice(bytes).map_err(|e| {
            match super::model::lenient::malformed_detail(&e) {
                Some(detail) => ApiError::Malformed { detail },
                None => ApiError::Decode {
                    detail: if bytes.is_empty() {
                        "the body was empty".to_string()
                    } else {
                        // serde quotes the offending value: keep it short and inert.
                        crate::text::clean_bounded(&e.to_string(), super::error::MAX_MESSAGE_CHARS)
                    },
                },
            }
        })
    } else {
        let text = String::from_utf8_lossy(bytes);
        Err(ApiError::from_status(status, &text, path, retry_after))
    }
}

/// `Retry-After` as delay-seconds or an HTTP date (RFC 9110); a date in the
/// past means "now".
pub fn parse_retry_after(raw: &str, now: chrono::DateTime<chrono::Utc>) -> Option<Duration> {
    let raw = raw.trim();
    if let Ok(secs) = raw.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let at = chrono::DateTime::parse_from_rfc2822(raw).ok()?;
    Some(
        (at.with_timezone(&chrono::Utc) - now)
            .to_std()
            .unwrap_or(Duration::ZERO),
    )
}

impl Client {
    pub fn new(base_url: &str, api_key: &Secret) -> Result<Self, ApiError> {
        Self::with_options(base_url, api_key, ClientOptions::default())
    }

    pub fn with_options(
        base_url: &str,
        api_key: &Secret,
        options: ClientOptions,
    ) -> Result<Self, ApiError> {
        let base = parse_base_url(base_url)?;
        if api_key.is_empty() {
            return Err(ApiError::Config(
                "No API key is configured; set api_key in the profile or CENTRAPAY_API_KEY, or try `intake --demo`.".into(),
            ));
        }
        let mut key = HeaderValue::from_str(api_key.expose().trim()).map_err(|_| {
            ApiError::Config(
                "The API key contains characters that cannot be sent in a header; check api_key."
                    .into(),
            )
        })?;
        key.set_sensitive(true);
        let mut headers = HeaderMap::new();
        headers.insert("x-api-key", key);
        crate::install_crypto();
        // No redirect is followed: the key header would go along to wherever
        // the server points. Proxies from HTTPS_PROXY/NO_PROXY stay on.
        let mut builder = reqwest::Client::builder()
            .user_agent(USER_AGENT)
            .default_headers(headers)
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(options.connect_timeout)
            .timeout(options.timeout);
        // Plain http is allowed only to loopback, where no proxy is needed;
        // through an HTTP_PROXY the key would leave the machine in clear text.
        if base.scheme() == "http" {
            builder = builder.no_proxy();
        }
        if let Some(path) = &options.ca_file {
            builder = builder.tls_certs_merge(transport::load_ca_file(path)?);
        }
        let http = builder
            .build()
            .map_err(|e| ApiError::Config(format!("Could not build the HTTP client: {e}.")))?;
        let host = base.host_str().unwrap_or_default().to_string();
        Ok(Client {
            http,
            base,
            host,
            connect_timeout: options.connect_timeout,
            timeout: options.timeout,
            account_id: None,
            learnt: Arc::default(),
            throttle: Arc::default(),
        })
    }

    /// The account a read falls back to searching (the profile's `account_id`).
    pub fn with_account_id(mut self, account_id: Option<String>) -> Self {
        self.account_id = account_id.map(Arc::from);
        self
    }

    pub fn account_id(&self) -> Option<&str> {
        self.account_id.as_deref()
    }

    pub(super) fn learnt(&self) -> &Learnt {
        &self.learnt
    }

    /// The shared pause and adaptive window every call goes through.
    pub fn throttle(&self) -> &Throttle {
        &self.throttle
    }

    pub fn base_url(&self) -> &Url {
        &self.base
    }

    /// The host of the base URL, for the audit log and messages.
    pub fn host(&self) -> &str {
        &self.host
    }

    pub(super) fn url(&self, segments: &[&str]) -> Url {
        let mut url = self.base.clone();
        if let Ok(mut path) = url.path_segments_mut() {
            path.pop_if_empty();
            for s in segments {
                path.push(s);
            }
        }
        url
    }

    /// One call; `op` names it in the error, so a refusal says what was
    /// refused. It waits out a shared pause first and tells the throttle
    /// how it went.
    pub(super) async fn send<B: Serialize + ?Sized, T: DeserializeOwned>(
        &self,
        op: Operation,
        method: Method,
        url: Url,
        query: &[(&str, &str)],
        body: Option<&B>,
    ) -> Result<T, ApiError> {
        let slot = self.throttle.enter().await;
        let out = self.send_now(op, method, url, query, body).await;
        match &out {
            Err(ApiError::RateLimited { retry_after }) => {
                self.throttle.rate_limited(&slot, *retry_after);
            }
            Ok(_) => self.throttle.succeeded(),
            Err(_) => {}
        }
        out
    }

    async fn send_now<B: Serialize + ?Sized, T: DeserializeOwned>(
        &self,
        op: Operation,
        method: Method,
        url: Url,
        query: &[(&str, &str)],
        body: Option<&B>,
    ) -> Result<T, ApiError> {
        let path = url.path().to_string();
        let mut req = self.http.request(method, url.clone());
        if !query.is_empty() {
            req = req.query(query);
        }
        if let Some(b) = body {
            req = req.json(b);
        }
        let resp = req.send().await.map_err(|e| self.transport_error(&e))?;
        let status = resp.status();
        if status.is_redirection() {
            let location = resp
                .headers()
                .get(reqwest::header::LOCATION)
                .and_then(|v| v.to_str().ok());
            return Err(transport::redirect_error(&self.base, &url, location));
        }
        let retry_after = resp
            .headers()
            .get(RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(|s| parse_retry_after(s, chrono::Utc::now()));
        let bytes = resp.bytes().await.map_err(|e| self.transport_error(&e))?;
        decode_response(status.as_u16(), &bytes, &path, retry_after).map_err(|e| e.during(op))
    }

    fn transport_error(&self, e: &reqwest::Error) -> ApiError {
        let target = Target {
            base: &self.base,
            connect_timeout: self.connect_timeout,
            timeout: self.timeout,
        };
        transport::classify(e, &target)
    }

    /// `POST /api/integration-requests`.
    pub async fn create(
        &self,
        new: &NewIntegrationRequest,
    ) -> Result<IntegrationRequest, ApiError> {
        let url = self.url(&["api", "integration-requests"]);
        let op = Operation::Create {
            account_id: new.account_id.clone(),
            merchant_id: new.merchant_id.clone(),
        };
        self.send(op, Method::POST, url, &[], Some(new)).await
    }

    /// One page of `GET /api/integration-requests`.
    pub async fn search_page(
        &self,
        query: &SearchQuery,
        page_key: Option<&str>,
    ) -> Result<Page<IntegrationRequest>, ApiError> {
        let url = self.url(&["api", "integration-requests"]);
        let mut params: Vec<(&str, &str)> = Vec::new();
        if let Some(a) = query.account_id.as_deref() {
            params.push(("accountId", a));
        }
        if let Some(t) = query.kind.as_ref() {
            params.push(("type", t.as_str()));
        }
        if query.pending {
            params.push(("pending", "true"));
        }
        if let Some(k) = page_key {
            params.push(("pageKey", k));
        }
        self.send::<(), _>(Operation::Search, Method::GET, url, &params, None)
            .await
    }

    /// `POST /api/integration-requests/{id}/activate`.
    pub async fn activate(&self, id: &str) -> Result<IntegrationRequest, ApiError> {
        let url = self.url(&["api", "integration-requests", id, "activate"]);
        let op = Operation::Activate { id: id.to_string() };
        self.send::<(), _>(op, Method::POST, url, &[], None).await
    }

    /// `GET /api/merchants/{merchantId}`.
    pub async fn merchant(&self, merchant_id: &str) -> Result<Merchant, ApiError> {
        let url = self.url(&["api", "merchants", merchant_id]);
        let op = Operation::Merchant {
            id: merchant_id.to_string(),
        };
        self.send::<(), _>(op, Method::GET, url, &[], None).await
    }
}
