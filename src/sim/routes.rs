//! HTTP handlers for the Integration Requests API, the merchants lookup and
//! the simulator's own admin endpoints.
//!
//! Bodies, queries and paths are extracted as `Result`s and parsed by hand so
//! that axum's plain-text rejection messages never reach a client: every
//! error answers with Centrapay's `{statusCode, error, message}` JSON.

use std::sync::Arc;

use axum::Json;
use axum::Router;
use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, PathRejection, QueryRejection};
use axum::extract::{Path, Query, Request, State};
use axum::http::StatusCode;
use axum::middleware::{Next, from_fn_with_state};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use chrono::{DateTime, Duration, Utc};
use serde_json::{Map, Value};

use super::faults::{Faults, inject};
use super::seed::with_visible_millis;
use super::stats::bump;
use super::store::Criteria;
use super::{KEY_NAME, Revision, Shared};
use crate::api::error::ErrorCode;
use crate::api::model::{ErrorBody, IntegrationRequest, IntegrationType, Page, Status};

const PAGE_KEY_PREFIX: &str = "ir#";
const MERCHANT_PAGE_KEY_PREFIX: &str = "m#";

pub(crate) fn router(shared: Arc<Shared>, revision: Revision) -> Router {
    let mut api = Router::new().route("/api/integration-requests", get(search).post(create));
    if revision.serves_one_by_id() {
        api = api.route(
            "/api/integration-requests/{id}",
            get(get_one).delete(delete_one),
        );
    }
    if revision.serves_post_update() {
        api = api.route("/api/integration-requests/{id}/update", post(update));
    }
    if revision.serves_put_configs() {
        api = api.route("/api/integration-requests/{id}/configs", put(update));
    }
    let api = api
        .route("/api/integration-requests/{id}/activate", post(activate))
        .route("/api/merchants/{merchant_id}", get(merchant))
        .route(
            "/api/accounts/{account_id}/merchants",
            get(account_merchants),
        )
        .route_layer(from_fn_with_state(shared.clone(), require_key))
        // Outermost, like a gateway: faults hit even unauthenticated calls.
        .route_layer(from_fn_with_state(shared.clone(), inject));

    let admin = Router::new()
        .route("/_sim/faults", get(get_faults).put(put_faults))
        .route("/_sim/stats", get(get_stats))
        .route_layer(from_fn_with_state(shared.clone(), require_key));

    Router::new()
        .merge(api)
        .merge(admin)
        .fallback(not_found)
        // Centrapay answers a wrong method like a wrong URL (see conventions.md).
        .method_not_allowed_fallback(not_found)
        .with_state(shared)
}

pub(crate) fn error_response(status: StatusCode, message: &str) -> Response {
    let body = ErrorBody {
        status_code: Some(status.as_u16()),
        error: Some(status.canonical_reason().unwrap_or("Error").to_string()),
        message: Some(message.to_string()),
    };
    (status, Json(body)).into_response()
}

/// A refusal, rendered as Centrapay's error body. Kept small (rather than a
/// ready-made `Response`) so `Result`s carrying it stay cheap to move.
#[derive(Debug)]
pub(crate) struct Refusal {
    status: StatusCode,
    message: String,
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        error_response(self.status, &self.message)
    }
}

type Answer = Result<Response, Refusal>;

fn bad_request(message: impl Into<String>) -> Refusal {
    Refusal {
        status: StatusCode::BAD_REQUEST,
        message: message.into(),
    }
}

/// What Centrapay answers for a missing or foreign resource (not 404).
fn forbidden() -> Refusal {
    code_str("Forbidden")
}

fn code(c: ErrorCode) -> Refusal {
    code_str(c.as_str())
}

fn code_str(message: &str) -> Refusal {
    Refusal {
        status: StatusCode::FORBIDDEN,
        message: message.to_string(),
    }
}

async fn not_found() -> Response {
    error_response(StatusCode::NOT_FOUND, "Not Found")
}

async fn require_key(State(shared): State<Arc<Shared>>, req: Request, next: Next) -> Response {
    match req.headers().get("x-api-key") {
        None => error_response(StatusCode::UNAUTHORIZED, "Missing authentication"),
        Some(v) if v.as_bytes() == shared.api_key.as_bytes() => next.run(req).await,
        Some(_) => error_response(StatusCode::UNAUTHORIZED, "Invalid API key"),
    }
}

/// "Now" for a mutation of a request last changed at `previous`: strictly
/// later, so two changes within one millisecond still move updatedAt and a
/// client comparing timestamps can tell that something happened.
fn now_after(previous: DateTime<Utc>) -> DateTime<Utc> {
    let now = with_visible_millis(Utc::now());
    if now > previous {
        now
    } else {
        with_visible_millis(previous + Duration::milliseconds(1))
    }
}

fn crn(account_id: &str) -> String {
    format!("crn:{account_id}:api-key:{KEY_NAME}")
}

fn parse_object(body: Result<Bytes, BytesRejection>) -> Result<Map<String, Value>, Refusal> {
    let bytes = body.map_err(|_| bad_request("Request body could not be read"))?;
    match serde_json::from_slice::<Value>(&bytes) {
        Ok(Value::Object(m)) => Ok(m),
        Ok(_) => Err(bad_request("Request body must be a JSON object")),
        Err(_) => Err(bad_request("Request body is not valid JSON")),
    }
}

fn required_string(obj: &Map<String, Value>, field: &str) -> Result<String, Refusal> {
    match obj.get(field) {
        Some(Value::String(s)) if !s.trim().is_empty() => Ok(s.clone()),
        Some(Value::String(_)) | Some(Value::Null) | None => {
            Err(bad_request(format!("{field} is required")))
        }
        Some(_) => Err(bad_request(format!("{field} must be a string"))),
    }
}

fn path_id(path: Result<Path<String>, PathRejection>) -> Result<String, Refusal> {
    path.map(|Path(id)| id).map_err(|_| forbidden())
}

fn parse_page_key(raw: Option<&str>, prefix: &str, limit: usize) -> Result<usize, Refusal> {
    let Some(raw) = raw else { return Ok(0) };
    raw.strip_prefix(prefix)
        .and_then(|n| n.parse::<usize>().ok())
        .filter(|&n| n <= limit)
        .ok_or_else(|| bad_request("pageKey is invalid"))
}

/// Last value of each parameter wins; empty values count as absent.
fn param<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs
        .iter()
        .rev()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
        .filter(|v| !v.is_empty())
}

fn query_pairs(
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> Result<Vec<(String, String)>, Refusal> {
    query
        .map(|Query(q)| q)
        .map_err(|_| bad_request("Query string is invalid"))
}

async fn search(
    State(shared): State<Arc<Shared>>,
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> Answer {
    let pairs = query_pairs(query)?;
    let pending = match param(&pairs, "pending") {
        None | Some("false") => false,
        Some("true") => true,
        Some(_) => return Err(bad_request("pending must be true or false")),
    };
    let criteria = Criteria {
        // The simulator's key has global read access, so accountId is optional.
        account_id: param(&pairs, "accountId").map(str::to_string),
        kind: param(&pairs, "type").map(IntegrationType::parse),
        pending,
    };
    let store = shared.read_store();
    let from = parse_page_key(
        param(&pairs, "pageKey"),
        PAGE_KEY_PREFIX,
        store.slot_count(),
    )?;
    let (items, next) = store.page(&criteria, from, shared.page_size);
    drop(store);
    Ok(Json(Page {
        items,
        next_page_key: next.map(|n| format!("{PAGE_KEY_PREFIX}{n}")),
    })
    .into_response())
}

async fn create(State(shared): State<Arc<Shared>>, body: Result<Bytes, BytesRejection>) -> Answer {
    bump(&shared.counters.create_calls);
    let obj = parse_object(body)?;
    let account_id = required_string(&obj, "accountId")?;
    let merchant_id = required_string(&obj, "merchantId")?;
    // Any type is accepted: the simulator plays a server that may know types
    // this client does not, which is exactly what Unknown(..) must survive.
    let kind = IntegrationType::parse(&required_string(&obj, "type")?);
    let mut store = shared.write_store();
    if store.has_pair(&merchant_id, &kind) {
        return Err(code(ErrorCode::AlreadyRequested));
    }
    let now = with_visible_millis(Utc::now());
    let by = crn(&account_id);
    let r = IntegrationRequest {
        id: shared.rng.fork().base62(22),
        account_id,
        merchant_id,
        kind,
        status: Status::Pending,
        terminal_id: None,
        created_at: now,
        updated_at: now,
        created_by: Some(by.clone()),
        updated_by: Some(by),
        terminal: None,
        product: None,
    };
    store.upsert(r.clone());
    drop(store);
    Ok(Json(r).into_response())
}

async fn get_one(
    State(shared): State<Arc<Shared>>,
    path: Result<Path<String>, PathRejection>,
) -> Answer {
    let id = path_id(path)?;
    let store = shared.read_store();
    let r = store.get(&id).ok_or_else(forbidden)?;
    Ok(Json(r).into_response())
}

async fn delete_one(
    State(shared): State<Arc<Shared>>,
    path: Result<Path<String>, PathRejection>,
) -> Answer {
    bump(&shared.counters.delete_calls);
    let id = path_id(path)?;
    let r = shared.write_store().remove(&id).ok_or_else(forbidden)?;
    Ok(Json(r).into_response())
}

/// Serves both `POST .../update` and the later `PUT .../configs`.
async fn update(
    State(shared): State<Arc<Shared>>,
    path: Result<Path<String>, PathRejection>,
    body: Result<Bytes, BytesRejection>,
) -> Answer {
    bump(&shared.counters.update_calls);
    let id = path_id(path)?;
    let obj = parse_object(body)?;
    let terminal_id = match obj.get("terminalId") {
        Some(Value::String(s)) if !s.trim().is_empty() => s.clone(),
        _ => return Err(bad_request("terminalId is required")),
    };
    let mut store = shared.write_store();
    let r = store.get_mut(&id).ok_or_else(forbidden)?;
    // Keep the later `terminal` object consistent with the original field.
    if let Some(t) = r.terminal.as_mut() {
        t.terminal_id = terminal_id.clone();
    }
    r.terminal_id = Some(terminal_id);
    r.updated_at = now_after(r.updated_at);
    r.updated_by = Some(crn(&r.account_id));
    Ok(Json(&*r).into_response())
}

/// Any status other than active can be activated (including rejected and
/// disabled): the contract only documents the two business-rule refusals,
/// and the simulator should not invent stricter ones a client would then
/// wrongly rely on.
async fn activate(
    State(shared): State<Arc<Shared>>,
    path: Result<Path<String>, PathRejection>,
) -> Answer {
    bump(&shared.counters.activate_calls);
    let id = path_id(path)?;
    shared.counters.activate_call(&id);
    let mut store = shared.write_store();
    let r = store.get_mut(&id).ok_or_else(forbidden)?;
    if r.is_active() {
        bump(&shared.counters.already_activated);
        return Err(code(ErrorCode::AlreadyActivated));
    }
    if r.needs_terminal_id() {
        return Err(code(ErrorCode::ParamMissing));
    }
    r.status = Status::Active;
    r.updated_at = now_after(r.updated_at);
    r.updated_by = Some(crn(&r.account_id));
    let out = Json(&*r).into_response();
    drop(store);
    bump(&shared.counters.activations_applied);
    Ok(out)
}

async fn merchant(
    State(shared): State<Arc<Shared>>,
    path: Result<Path<String>, PathRejection>,
) -> Answer {
    let id = path_id(path)?;
    let store = shared.read_store();
    let m = store.merchant(&id).ok_or_else(forbidden)?;
    Ok(Json(m).into_response())
}

async fn account_merchants(
    State(shared): State<Arc<Shared>>,
    path: Result<Path<String>, PathRejection>,
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> Answer {
    let account = path_id(path)?;
    let pairs = query_pairs(query)?;
    let store = shared.read_store();
    let from = parse_page_key(
        param(&pairs, "pageKey"),
        MERCHANT_PAGE_KEY_PREFIX,
        store.merchant_slot_count(),
    )?;
    let (items, next) = store.merchant_page(&account, from, shared.page_size);
    drop(store);
    // An account with no merchants is indistinguishable from a foreign one.
    if items.is_empty() && from == 0 {
        return Err(forbidden());
    }
    Ok(Json(Page {
        items,
        next_page_key: next.map(|n| format!("{MERCHANT_PAGE_KEY_PREFIX}{n}")),
    })
    .into_response())
}

async fn get_faults(State(shared): State<Arc<Shared>>) -> Response {
    Json(shared.faults()).into_response()
}

async fn put_faults(
    State(shared): State<Arc<Shared>>,
    body: Result<Bytes, BytesRejection>,
) -> Answer {
    let obj = parse_object(body)?;
    let faults: Faults = serde_json::from_value(Value::Object(obj))
        .map_err(|e| bad_request(format!("faults are invalid: {e}")))?;
    faults.validate().map_err(bad_request)?;
    shared.set_faults(faults.clone());
    Ok(Json(faults).into_response())
}

async fn get_stats(State(shared): State<Arc<Shared>>) -> Response {
    Json(shared.stats()).into_response()
}
