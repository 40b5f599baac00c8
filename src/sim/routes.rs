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
use serde_json::Value;

use super::calls::bump;
use super::checks::{self, Pairs, param, parse_object, parse_page_key, query_pairs};
use super::faults::{Faults, inject};
use super::refusal::{Refusal, bad_request, code, error_response, forbidden};
use super::seed::with_visible_millis;
use super::store::Criteria;
use super::{KEY_NAME, Revision, Shared};
use crate::api::error::ErrorCode;
use crate::api::model::{IntegrationRequest, IntegrationType, Page, Status};

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

type Answer = Result<Response, Refusal>;

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

fn path_id(path: Result<Path<String>, PathRejection>) -> Result<String, Refusal> {
    path.map(|Path(id)| id).map_err(|_| forbidden())
}

async fn search(
    State(shared): State<Arc<Shared>>,
    query: Result<Query<Pairs>, QueryRejection>,
) -> Answer {
    let pairs = query_pairs(query)?;
    let criteria = Criteria {
        // The simulator's key has global read access, so accountId is optional.
        account_id: param(&pairs, "accountId")?.map(str::to_string),
        // Any type is searched for: a filter on a type no request has finds
        // nothing, the way a server knowing more types than the client would.
        kind: param(&pairs, "type")?.map(IntegrationType::parse),
        pending: checks::pending(&pairs)?,
    };
    let page_key = param(&pairs, "pageKey")?;
    let store = shared.read_store();
    let from = parse_page_key(page_key, PAGE_KEY_PREFIX, store.slot_count())?;
    let (items, next) = store.page(&criteria, from, shared.page_size);
    drop(store);
    let next = next.or_else(|| shared.faults().page_key_cycle.then_some(from));
    Ok(Json(Page {
        items: items.iter().map(|r| shared.revision.shape(r)).collect(),
        next_page_key: next.map(|n| format!("{PAGE_KEY_PREFIX}{n}")),
    })
    .into_response())
}

fn one(shared: &Shared, r: &IntegrationRequest) -> Response {
    Json(shared.revision.shape(r)).into_response()
}

/// Refusals in the order a client can fix them: the body's shape (400),
/// then the merchant (403 when unknown or another account's), then the
/// documented duplicate rule.
async fn create(State(shared): State<Arc<Shared>>, body: Result<Bytes, BytesRejection>) -> Answer {
    bump(&shared.counters.create_calls);
    let obj = parse_object(body)?;
    let account_id = checks::account_id(&obj)?;
    let merchant_id = checks::required_string(&obj, "merchantId")?;
    let kind = IntegrationType::parse(&checks::required_string(&obj, "type")?);
    let revision = shared.revision;
    if !revision.creates_type(&kind) {
        return Err(bad_request(format!(
            "type \"{kind}\" is not an integration type; use {}",
            revision.type_list()
        )));
    }
    let mut store = shared.write_store();
    let owner = store.merchant(&merchant_id).ok_or_else(forbidden)?;
    if owner.account_id.as_deref() != Some(account_id.as_str()) {
        return Err(forbidden());
    }
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
        created_at: Some(now),
        updated_at: Some(now),
        created_by: Some(by.clone()),
        updated_by: Some(by),
        terminal: None,
        product: None,
        as_sent: Default::default(),
    };
    store.upsert(r.clone());
    drop(store);
    Ok(one(&shared, &r))
}

async fn get_one(
    State(shared): State<Arc<Shared>>,
    path: Result<Path<String>, PathRejection>,
) -> Answer {
    let id = path_id(path)?;
    let store = shared.read_store();
    let r = store.get(&id).ok_or_else(forbidden)?;
    Ok(one(&shared, r))
}

async fn delete_one(
    State(shared): State<Arc<Shared>>,
    path: Result<Path<String>, PathRejection>,
) -> Answer {
    bump(&shared.counters.delete_calls);
    let id = path_id(path)?;
    let r = shared.write_store().remove(&id).ok_or_else(forbidden)?;
    Ok(one(&shared, &r))
}

/// Serves both `POST .../update` and the later `PUT .../configs`. The id is
/// checked before the body, so an unknown id is 403 whatever was sent; a
/// body without terminalId changes nothing and answers the request as it is.
async fn update(
    State(shared): State<Arc<Shared>>,
    path: Result<Path<String>, PathRejection>,
    body: Result<Bytes, BytesRejection>,
) -> Answer {
    bump(&shared.counters.update_calls);
    let id = path_id(path)?;
    if shared.read_store().get(&id).is_none() {
        return Err(forbidden());
    }
    let obj = parse_object(body)?;
    let terminal_id = checks::optional_terminal_id(&obj)?;
    let mut store = shared.write_store();
    // Deleted between the two looks: the same answer as if it never existed.
    let r = store.get_mut(&id).ok_or_else(forbidden)?;
    let Some(terminal_id) = terminal_id else {
        return Ok(one(&shared, r));
    };
    // Keep the later `terminal` object consistent with the original field.
    if let Some(t) = r.terminal.as_mut() {
        t.terminal_id = Some(terminal_id.clone());
    }
    r.terminal_id = Some(terminal_id);
    r.updated_at = Some(now_after(r.updated_at.unwrap_or_default()));
    r.updated_by = Some(crn(&r.account_id));
    Ok(one(&shared, r))
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
    r.updated_at = Some(now_after(r.updated_at.unwrap_or_default()));
    r.updated_by = Some(crn(&r.account_id));
    let out = one(&shared, r);
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
    query: Result<Query<Pairs>, QueryRejection>,
) -> Answer {
    let account = path_id(path)?;
    let pairs = query_pairs(query)?;
    let page_key = param(&pairs, "pageKey")?;
    let store = shared.read_store();
    let from = parse_page_key(
        page_key,
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
