//! The simulator over real HTTP on loopback, driven by a plain reqwest client.

use std::collections::HashSet;
use std::time::{Duration, Instant};

use intake::api::model::{
    ErrorBody, IntegrationRequest, IntegrationType, Merchant, Page, Status, Terminal,
};
use intake::sim::{Faults, Revision, SimConfig, SimHandle, start_local};
use reqwest::{Method, RequestBuilder, StatusCode};
use serde_json::{Value, json};

async fn sim_with(config: SimConfig) -> (SimHandle, reqwest::Client) {
    intake::install_crypto();
    let handle = start_local(config).await.expect("simulator starts");
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        .build()
        .expect("client builds");
    (handle, client)
}

async fn sim() -> (SimHandle, reqwest::Client) {
    sim_with(SimConfig::default()).await
}

fn url(h: &SimHandle, path: &str) -> String {
    format!("{}{}", h.base_url(), path)
}

/// A request to `path` carrying the simulator's API key.
fn authed(h: &SimHandle, c: &reqwest::Client, method: Method, path: &str) -> RequestBuilder {
    c.request(method, url(h, path))
        .header("X-Api-Key", h.api_key())
}

async fn send(request: RequestBuilder) -> reqwest::Response {
    request.send().await.expect("the request is sent")
}

async fn error_of(resp: reqwest::Response) -> (StatusCode, ErrorBody) {
    let status = resp.status();
    let body: ErrorBody = resp.json().await.expect("error body is JSON");
    assert_eq!(body.status_code, Some(status.as_u16()));
    assert!(body.error.is_some());
    (status, body)
}

fn message(b: &ErrorBody) -> &str {
    b.message.as_deref().unwrap_or("")
}

async fn create(h: &SimHandle, c: &reqwest::Client, body: Value) -> reqwest::Response {
    send(authed(h, c, Method::POST, "/api/integration-requests").json(&body)).await
}

/// A create body for a merchant that has no request of `kind` yet.
fn free_pair(h: &SimHandle, kind: IntegrationType) -> Value {
    let m = h.merchant_without(&kind).expect("a merchant is free");
    json!({"accountId": m.account_id, "merchantId": m.id, "type": kind.as_str()})
}

async fn new_epay(h: &SimHandle, c: &reqwest::Client) -> IntegrationRequest {
    let resp = create(h, c, free_pair(h, IntegrationType::Epay)).await;
    assert_eq!(resp.status(), StatusCode::OK);
    resp.json().await.expect("request body")
}

async fn post_empty(h: &SimHandle, c: &reqwest::Client, path: &str) -> reqwest::Response {
    send(authed(h, c, Method::POST, path)).await
}

async fn search(
    h: &SimHandle,
    c: &reqwest::Client,
    query: &[(&str, &str)],
) -> Page<IntegrationRequest> {
    let resp = send(authed(h, c, Method::GET, "/api/integration-requests").query(query)).await;
    assert_eq!(resp.status(), StatusCode::OK);
    resp.json().await.expect("page decodes")
}

#[tokio::test]
async fn auth_missing_and_wrong_key_are_401() {
    let (h, c) = sim().await;
    let resp = c
        .get(url(&h, "/api/integration-requests"))
        .send()
        .await
        .unwrap();
    let (status, body) = error_of(resp).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(message(&body), "Missing authentication");
    assert_eq!(body.error.as_deref(), Some("Unauthorized"));

    let resp = c
        .get(url(&h, "/api/integration-requests"))
        .header("X-Api-Key", "nope")
        .send()
        .await
        .unwrap();
    let (status, body) = error_of(resp).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(message(&body), "Invalid API key");

    let resp = c.get(url(&h, "/_sim/faults")).send().await.unwrap();
    assert_eq!(resp.status(), StatusCode::UNAUTHORIZED);
    h.shutdown().await;
}

#[tokio::test]
async fn create_duplicate_missing_field_and_malformed_json() {
    let (h, c) = sim().await;
    let body = free_pair(&h, IntegrationType::Vista);
    let account = body["accountId"].as_str().unwrap().to_string();
    let resp = create(&h, &c, body.clone()).await;
    assert_eq!(resp.status(), StatusCode::OK);
    let raw: Value = resp.json().await.unwrap();
    let r: IntegrationRequest = serde_json::from_value(raw.clone()).unwrap();
    assert_eq!(r.id.len(), 22);
    assert!(r.id.chars().all(|c| c.is_ascii_alphanumeric()));
    assert_eq!(r.status, Status::Pending);
    assert_eq!(r.kind, IntegrationType::Vista);
    assert_eq!(r.created_at, r.updated_at);
    assert_eq!(
        r.created_by.as_deref(),
        Some(format!("crn:{account}:api-key:intake-sim").as_str())
    );
    // ISO 8601 UTC with exactly three fractional digits.
    let ts = raw["createdAt"].as_str().unwrap();
    assert_eq!(ts.len(), "2020-06-12T01:17:46.499Z".len(), "{ts}");
    assert!(ts.ends_with('Z'));
    assert_eq!(h.get(&r.id), Some(r.clone()));

    let (status, err) = error_of(create(&h, &c, body).await).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(message(&err), "INTEGRATION_ALREADY_REQUESTED");

    // A seeded merchant+type pair is a duplicate too.
    let seeded = h.requests()[0].clone();
    let resp = create(
        &h,
        &c,
        json!({"accountId": seeded.account_id, "merchantId": seeded.merchant_id, "type": seeded.kind.as_str()}),
    )
    .await;
    assert_eq!(
        message(&error_of(resp).await.1),
        "INTEGRATION_ALREADY_REQUESTED"
    );

    for (body, field) in [
        (json!({"accountId": "a", "type": "epay"}), "merchantId"),
        (
            json!({"accountId": "a", "merchantId": "", "type": "epay"}),
            "merchantId",
        ),
        (json!({"merchantId": "m", "type": "epay"}), "accountId"),
        (json!({"accountId": "a", "merchantId": "m"}), "type"),
    ] {
        let (status, err) = error_of(create(&h, &c, body).await).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert_eq!(message(&err), format!("{field} is required"));
    }

    let resp = c
        .post(url(&h, "/api/integration-requests"))
        .header("X-Api-Key", h.api_key())
        .header("Content-Type", "application/json")
        .body("{\"accountId\": ")
        .send()
        .await
        .unwrap();
    let (status, err) = error_of(resp).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(message(&err), "Request body is not valid JSON");
    assert_eq!(h.stats().create_calls, 8);
    h.shutdown().await;
}

#[tokio::test]
async fn search_filters() {
    let (h, c) = sim().await;
    let all = h.requests();
    let page = search(&h, &c, &[("type", "epay")]).await;
    assert!(!page.items.is_empty());
    assert!(page.items.iter().all(|r| r.kind == IntegrationType::Epay));
    let expected = all
        .iter()
        .filter(|r| r.kind == IntegrationType::Epay)
        .count();
    assert_eq!(page.items.len(), expected.min(100));

    let page = search(&h, &c, &[("pending", "true"), ("type", "verifone")]).await;
    assert!(!page.items.is_empty());
    assert!(
        page.items
            .iter()
            .all(|r| r.is_pending() && r.kind == IntegrationType::Verifone)
    );

    let account = "Jaim1Cu1Q55uooxSens6yk";
    let page = search(&h, &c, &[("accountId", account)]).await;
    assert!(!page.items.is_empty());
    assert!(page.items.iter().all(|r| r.account_id == account));

    let page = search(&h, &c, &[("accountId", "nobody")]).await;
    assert!(page.items.is_empty());
    assert!(page.next_page_key.is_none());

    let resp = send(
        authed(&h, &c, Method::GET, "/api/integration-requests").query(&[("pageKey", "bogus")]),
    )
    .await;
    let (status, err) = error_of(resp).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(message(&err), "pageKey is invalid");
    h.shutdown().await;
}

#[tokio::test]
async fn paging_returns_every_item_exactly_once() {
    let (h, c) = sim_with(SimConfig {
        page_size: 7,
        ..SimConfig::default()
    })
    .await;
    let expected: Vec<String> = h.requests().into_iter().map(|r| r.id).collect();
    let mut seen = Vec::new();
    let mut key: Option<String> = None;
    let mut pages = 0;
    loop {
        let mut q = vec![];
        if let Some(k) = &key {
            assert!(k.contains('#'), "page keys contain '#': {k}");
            q.push(("pageKey", k.as_str()));
        }
        let page = search(&h, &c, &q).await;
        pages += 1;
        assert!(page.items.len() <= 7);
        seen.extend(page.items.into_iter().map(|r| r.id));
        match page.next_page_key {
            Some(k) => key = Some(k),
            None => break,
        }
    }
    assert_eq!(seen, expected);
    assert_eq!(pages, expected.len().div_ceil(7));

    // Filtered paging too: every pending epay exactly once, no empty pages.
    let want: Vec<String> = h
        .requests()
        .into_iter()
        .filter(|r| r.is_pending() && r.kind == IntegrationType::Epay)
        .map(|r| r.id)
        .collect();
    let mut got = Vec::new();
    let mut key: Option<String> = None;
    loop {
        let mut q = vec![("type", "epay"), ("pending", "true")];
        if let Some(k) = &key {
            q.push(("pageKey", k.as_str()));
        }
        let page = search(&h, &c, &q).await;
        assert!(!page.items.is_empty(), "no empty pages");
        got.extend(page.items.into_iter().map(|r| r.id));
        match page.next_page_key {
            Some(k) => key = Some(k),
            None => break,
        }
    }
    assert_eq!(got, want);

    // An unencoded '#' starts a URL fragment, so only "ir" reaches the
    // server; that is refused loudly rather than restarting at page one.
    let raw = format!("{}/api/integration-requests?pageKey=ir#7", h.base_url());
    let resp = c
        .get(raw)
        .header("X-Api-Key", h.api_key())
        .send()
        .await
        .unwrap();
    let (status, err) = error_of(resp).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(message(&err), "pageKey is invalid");
    h.shutdown().await;
}

#[tokio::test]
async fn get_unknown_is_forbidden_and_known_is_returned() {
    let (h, c) = sim().await;
    let resp = send(authed(
        &h,
        &c,
        Method::GET,
        "/api/integration-requests/doesNotExist12345678",
    ))
    .await;
    let (status, err) = error_of(resp).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(err.error.as_deref(), Some("Forbidden"));
    assert_eq!(message(&err), "Forbidden");

    let known = h.requests()[5].clone();
    let got: IntegrationRequest = send(authed(
        &h,
        &c,
        Method::GET,
        &format!("/api/integration-requests/{}", known.id),
    ))
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(got, known);
    h.shutdown().await;
}

#[tokio::test]
async fn update_stores_terminal_id_and_validates() {
    let (h, c) = sim().await;
    let r = new_epay(&h, &c).await;
    let path = format!("/api/integration-requests/{}/update", r.id);
    let resp =
        send(authed(&h, &c, Method::POST, &path).json(&json!({"terminalId": 11000021}))).await;
    let (status, err) = error_of(resp).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        message(&err).starts_with("terminalId must be a string"),
        "{}",
        message(&err)
    );

    // terminalId is optional in the reference: `{}` changes nothing.
    let resp = send(authed(&h, &c, Method::POST, &path).json(&json!({}))).await;
    assert_eq!(resp.status(), StatusCode::OK);
    let same: IntegrationRequest = resp.json().await.unwrap();
    assert_eq!(same, r);
    assert_eq!(h.get(&r.id), Some(r.clone()), "nothing is stored");

    let resp =
        send(authed(&h, &c, Method::POST, &path).json(&json!({"terminalId": "11000021"}))).await;
    assert_eq!(resp.status(), StatusCode::OK);
    let updated: IntegrationRequest = resp.json().await.unwrap();
    assert_eq!(updated.terminal_id.as_deref(), Some("11000021"));
    assert!(updated.updated_at > r.updated_at);
    assert_eq!(
        h.get(&r.id).unwrap().terminal_id.as_deref(),
        Some("11000021")
    );

    // The later revision's PUT .../configs does the same.
    let resp = send(
        authed(
            &h,
            &c,
            Method::PUT,
            &format!("/api/integration-requests/{}/configs", r.id),
        )
        .json(&json!({"terminalId": "11000022"})),
    )
    .await;
    assert_eq!(resp.status(), StatusCode::OK);
    assert_eq!(
        h.get(&r.id).unwrap().terminal_id.as_deref(),
        Some("11000022")
    );

    let resp = send(
        authed(
            &h,
            &c,
            Method::POST,
            "/api/integration-requests/unknown/update",
        )
        .json(&json!({"terminalId": "1"})),
    )
    .await;
    assert_eq!(resp.status(), StatusCode::FORBIDDEN);

    // The id is checked before the body: an unknown id with a malformed body is 403.
    let resp = send(
        authed(
            &h,
            &c,
            Method::POST,
            "/api/integration-requests/unknown/update",
        )
        .json(&json!({"terminalId": 5})),
    )
    .await;
    let (status, err) = error_of(resp).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(message(&err), "Forbidden");
    assert_eq!(h.stats().update_calls, 6);
    h.shutdown().await;
}

#[tokio::test]
async fn activate_rules() {
    let (h, c) = sim().await;
    let r = new_epay(&h, &c).await;
    let activate = format!("/api/integration-requests/{}/activate", r.id);

    let (status, err) = error_of(post_empty(&h, &c, &activate).await).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(message(&err), "INTEGRATION_PARAM_MISSING");
    assert_eq!(h.get(&r.id).unwrap().status, Status::Pending);

    let resp = send(
        authed(
            &h,
            &c,
            Method::POST,
            &format!("/api/integration-requests/{}/update", r.id),
        )
        .json(&json!({"terminalId": "11000021"})),
    )
    .await;
    assert_eq!(resp.status(), StatusCode::OK);
    let updated: IntegrationRequest = resp.json().await.unwrap();

    let resp = post_empty(&h, &c, &activate).await;
    assert_eq!(resp.status(), StatusCode::OK);
    let active: IntegrationRequest = resp.json().await.unwrap();
    assert_eq!(active.status, Status::Active);
    assert!(active.updated_at > updated.updated_at);
    assert!(active.updated_at > r.updated_at);
    assert_eq!(active.created_at, r.created_at);

    let (status, err) = error_of(post_empty(&h, &c, &activate).await).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(message(&err), "INTEGRATION_ALREADY_ACTIVATED");

    let (status, err) =
        error_of(post_empty(&h, &c, "/api/integration-requests/nope/activate").await).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(message(&err), "Forbidden");

    // A terminalId only in the later `terminal` object satisfies ePay.
    let mut later = h.get(&r.id).unwrap();
    later.id = "LaterRevisionShape0001".into();
    later.merchant_id = "bbbbbbbbbbbbbbbbbbbbbbbb".into();
    later.status = Status::Pending;
    later.terminal_id = None;
    later.terminal = Some(Terminal {
        terminal_id: Some("11000099".into()),
        device_id: None,
    });
    h.insert(later.clone());
    let resp = post_empty(
        &h,
        &c,
        "/api/integration-requests/LaterRevisionShape0001/activate",
    )
    .await;
    assert_eq!(resp.status(), StatusCode::OK);

    let s = h.stats();
    assert_eq!(s.activate_calls, 5);
    assert_eq!(s.activations_applied, 2);
    h.shutdown().await;
}

#[tokio::test]
async fn delete_removes_the_request() {
    let (h, c) = sim().await;
    let r = new_epay(&h, &c).await;
    let path = format!("/api/integration-requests/{}", r.id);
    let resp = send(authed(&h, &c, Method::DELETE, &path)).await;
    assert_eq!(resp.status(), StatusCode::OK);
    assert!(h.get(&r.id).is_none());
    let resp = send(authed(&h, &c, Method::GET, &path)).await;
    assert_eq!(resp.status(), StatusCode::FORBIDDEN);
    // The merchant+type pair is free again.
    new_epay(&h, &c).await;
    h.shutdown().await;
}

#[tokio::test]
async fn merchants_endpoint() {
    let (h, c) = sim().await;
    let m: Merchant = send(authed(
        &h,
        &c,
        Method::GET,
        "/api/merchants/5ee0c486308f590260d9a07f",
    ))
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(m.name, "Centrapay Cafe Auckland");
    assert_eq!(m.account_id.as_deref(), Some("Jaim1Cu1Q55uooxSens6yk"));
    assert_eq!(m.country.as_deref(), Some("NZ"));
    assert!(!m.test);

    // Every seeded request's merchant is one of the shipped merchants.
    let ids: HashSet<String> = h.requests().into_iter().map(|r| r.merchant_id).collect();
    let known: HashSet<String> = intake::sim::default_merchants()
        .into_iter()
        .map(|m| m.id)
        .collect();
    assert!(ids.is_subset(&known));

    let resp = send(authed(
        &h,
        &c,
        Method::GET,
        "/api/merchants/000000000000000000000000",
    ))
    .await;
    let (status, err) = error_of(resp).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(message(&err), "Forbidden");

    let page: Page<Merchant> = send(authed(
        &h,
        &c,
        Method::GET,
        "/api/accounts/Jaim1Cu1Q55uooxSens6yk/merchants",
    ))
    .await
    .json()
    .await
    .unwrap();
    assert!(page.items.len() >= 5);
    assert!(
        page.items
            .iter()
            .all(|m| m.account_id.as_deref() == Some("Jaim1Cu1Q55uooxSens6yk"))
    );
    h.shutdown().await;
}

#[tokio::test]
async fn unknown_route_and_wrong_method_are_404_json() {
    let (h, c) = sim().await;
    for resp in [
        send(authed(&h, &c, Method::GET, "/api/nothing-here")).await,
        send(authed(&h, &c, Method::PATCH, "/api/integration-requests")).await,
        c.get(url(&h, "/")).send().await.unwrap(),
    ] {
        let (status, err) = error_of(resp).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert_eq!(err.error.as_deref(), Some("Not Found"));
        assert_eq!(message(&err), "Not Found");
    }
    h.shutdown().await;
}

#[tokio::test]
async fn fault_server_error_and_rate_limit() {
    let (h, c) = sim().await;
    h.set_faults(Faults {
        error_rate: 1.0,
        ..Faults::default()
    });
    let r = h.requests()[0].clone();
    let resp = post_empty(
        &h,
        &c,
        &format!("/api/integration-requests/{}/activate", r.id),
    )
    .await;
    let (status, _) = error_of(resp).await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(h.get(&r.id), Some(r.clone()), "a 500 applies nothing");
    assert_eq!(h.stats().faults.server_errors, 1);

    h.set_faults(Faults {
        rate_limit_rate: 1.0,
        retry_after_secs: 7,
        ..Faults::default()
    });
    let resp = send(authed(&h, &c, Method::GET, "/api/integration-requests")).await;
    assert_eq!(
        resp.headers()
            .get("retry-after")
            .and_then(|v| v.to_str().ok()),
        Some("7")
    );
    let (status, err) = error_of(resp).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(message(&err), "RATE_LIMIT_EXCEEDED");
    assert_eq!(h.stats().faults.rate_limited, 1);

    // Admin endpoints are never faulted, so faults can always be turned off.
    let resp = send(authed(&h, &c, Method::GET, "/_sim/faults")).await;
    assert_eq!(resp.status(), StatusCode::OK);
    h.shutdown().await;
}

#[tokio::test]
async fn fault_drop_is_a_transport_error_and_some_drops_still_apply() {
    let (h, c) = sim_with(SimConfig {
        seed_count: Some(0),
        ..SimConfig::default()
    })
    .await;
    let merchants = h.merchants();
    h.set_faults(Faults {
        drop_rate: 1.0,
        ..Faults::default()
    });
    let mut created = 0;
    for m in &merchants[..20] {
        let resp = c
            .post(url(&h, "/api/integration-requests"))
            .header("X-Api-Key", h.api_key())
            .json(&json!({"accountId": m.account_id, "merchantId": m.id, "type": "epay"}))
            .send()
            .await;
        let err = match resp {
            Err(e) => e,
            Ok(r) => panic!("a dropped connection answered {}", r.status()),
        };
        assert!(!err.is_status(), "{err}");
        if h.requests().iter().any(|r| r.merchant_id == m.id) {
            created += 1;
        }
    }
    let s = h.stats();
    assert_eq!(s.faults.dropped_before + s.faults.dropped_after, 20);
    assert_eq!(
        created, s.faults.dropped_after,
        "drops after the handler are applied"
    );
    assert!(s.faults.dropped_after > 0 && s.faults.dropped_before > 0);
    h.shutdown().await;
}

#[tokio::test]
async fn fault_garbage_and_empty_bodies_do_not_decode() {
    let (h, c) = sim().await;
    h.set_faults(Faults {
        garbage_rate: 1.0,
        ..Faults::default()
    });
    let resp = send(authed(&h, &c, Method::GET, "/api/integration-requests")).await;
    assert_eq!(resp.status(), StatusCode::OK);
    assert!(resp.json::<Page<IntegrationRequest>>().await.is_err());

    h.set_faults(Faults {
        empty_body_rate: 1.0,
        ..Faults::default()
    });
    let resp = send(authed(&h, &c, Method::GET, "/api/integration-requests")).await;
    assert_eq!(resp.status(), StatusCode::OK);
    assert_eq!(resp.text().await.unwrap(), "");
    let s = h.stats();
    assert_eq!((s.faults.garbage, s.faults.empty_bodies), (1, 1));
    h.shutdown().await;
}

#[tokio::test]
async fn latency_is_applied_and_faults_change_at_runtime_over_http() {
    let (h, c) = sim().await;
    let put = send(
        authed(&h, &c, Method::PUT, "/_sim/faults")
            .json(&json!({"latency_min_ms": 150, "latency_max_ms": 200})),
    )
    .await;
    assert_eq!(put.status(), StatusCode::OK);
    assert_eq!(h.faults().latency_min_ms, 150);

    let t = Instant::now();
    search(&h, &c, &[]).await;
    assert!(
        t.elapsed() >= Duration::from_millis(150),
        "{:?}",
        t.elapsed()
    );

    let got: Faults = send(authed(&h, &c, Method::GET, "/_sim/faults"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(got, h.faults());

    let bad =
        send(authed(&h, &c, Method::PUT, "/_sim/faults").json(&json!({"error_rate": 2.0}))).await;
    assert_eq!(bad.status(), StatusCode::BAD_REQUEST);
    assert_eq!(
        h.faults().latency_min_ms,
        150,
        "a rejected PUT changes nothing"
    );

    // Cleared at runtime: the next call is not delayed. Counted rather than
    // timed, so a busy machine cannot fail it.
    let delayed = h.stats().faults.delayed;
    assert_eq!(delayed, 1, "only the one search was delayed");
    h.set_faults(Faults::default());
    search(&h, &c, &[]).await;
    assert_eq!(h.stats().faults.delayed, delayed);
    h.shutdown().await;
}

#[tokio::test]
async fn default_seed_covers_every_status_type_and_epay_shape() {
    let (h, _c) = sim().await;
    let all = h.requests();
    assert!((250..=400).contains(&all.len()), "{}", all.len());
    let statuses: HashSet<_> = all.iter().map(|r| r.status.clone()).collect();
    for s in Status::KNOWN {
        assert!(statuses.contains(&s), "missing status {s}");
    }
    let kinds: HashSet<_> = all.iter().map(|r| r.kind.clone()).collect();
    for k in IntegrationType::KNOWN {
        assert!(kinds.contains(&k), "missing type {k}");
    }
    assert!(
        kinds
            .iter()
            .any(|k| matches!(k, IntegrationType::Unknown(_)))
    );
    let epay: Vec<_> = all
        .iter()
        .filter(|r| r.kind == IntegrationType::Epay)
        .collect();
    assert!(epay.iter().any(|r| r.needs_terminal_id()));
    assert!(
        epay.iter()
            .any(|r| r.terminal_id.as_deref().is_some_and(|t| t.len() == 8))
    );
    assert!(all.iter().any(|r| r.terminal.is_some()));
    assert!(all.iter().any(|r| r.product.is_some()));
    assert!(
        all.iter()
            .filter(|r| r.is_active() && r.kind == IntegrationType::Epay)
            .all(|r| r.effective_terminal_id().is_some())
    );
    assert!(all.windows(2).all(|w| w[0].created_at <= w[1].created_at));
    let pairs: HashSet<_> = all
        .iter()
        .map(|r| (r.merchant_id.clone(), r.kind.clone()))
        .collect();
    assert_eq!(pairs.len(), all.len());
    let pending = all.iter().filter(|r| r.is_pending()).count();
    assert!(pending * 2 > all.len(), "mostly pending");

    // Deterministic: another simulator with the same seed serves the same data.
    let (h2, _) = sim().await;
    assert_eq!(h2.requests(), all);
    h.shutdown().await;
    h2.shutdown().await;
}

#[tokio::test]
async fn large_seed_is_unique_and_pages_quickly() {
    // The full target size; a few seconds in an unoptimised build.
    let n = 200_000;
    let t = Instant::now();
    let (h, c) = sim_with(SimConfig {
        seed_count: Some(n),
        ..SimConfig::default()
    })
    .await;
    let built = t.elapsed();
    let all = h.requests();
    assert_eq!(all.len(), n);
    let pairs: HashSet<(&str, &str)> = all
        .iter()
        .map(|r| (r.merchant_id.as_str(), r.kind.as_str()))
        .collect();
    assert_eq!(pairs.len(), n);
    let ids: HashSet<&str> = all.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids.len(), n);

    // Synthesised merchants are served too.
    let last = &all[n - 1];
    let resp = send(authed(
        &h,
        &c,
        Method::GET,
        &format!("/api/merchants/{}", last.merchant_id),
    ))
    .await;
    assert_eq!(resp.status(), StatusCode::OK);

    // A page deep into the store, then the last one.
    let key = format!("ir#{}", n - 150);
    let page = search(&h, &c, &[("pageKey", &key)]).await;
    assert_eq!(page.items.len(), 100);
    let next = page.next_page_key.expect("more pages");
    let page = search(&h, &c, &[("pageKey", &next)]).await;
    assert_eq!(page.items.len(), 50);
    assert!(page.next_page_key.is_none());
    // Speed is printed, not asserted (a bound would measure the machine's
    // load): a page from the middle, and a sparse filter that scans most of
    // the store. `cargo test --test server large_seed -- --nocapture` shows it.
    let key = format!("ir#{}", n / 2);
    let t = Instant::now();
    let page = search(&h, &c, &[("pageKey", &key)]).await;
    let mid_page = t.elapsed();
    assert_eq!(page.items.len(), 100);
    let t = Instant::now();
    let page = search(&h, &c, &[("accountId", &last.account_id)]).await;
    let sparse = t.elapsed();
    assert!(!page.items.is_empty());
    eprintln!("seeded {n} in {built:?}; page {mid_page:?}; sparse filter {sparse:?}");
    h.shutdown().await;
}

#[tokio::test]
async fn create_refuses_what_the_reference_would() {
    let (h, c) = sim().await;
    let free = free_pair(&h, IntegrationType::Windcave);
    let (account, merchant) = (free["accountId"].clone(), free["merchantId"].clone());
    let foreign = h
        .merchants()
        .into_iter()
        .find(|m| m.account_id.as_ref() != account.as_str().map(str::to_string).as_ref())
        .expect("another account's merchant");
    let before = h.requests().len();
    for (body, status, wanted) in [
        (
            json!({"accountId": account, "merchantId": merchant, "type": "linkly"}),
            StatusCode::BAD_REQUEST,
            "type \"linkly\" is not an integration type",
        ),
        (
            json!({"accountId": account, "merchantId": "000000000000000000000000", "type": "windcave"}),
            StatusCode::FORBIDDEN,
            "Forbidden",
        ),
        (
            json!({"accountId": account, "merchantId": foreign.id, "type": "windcave"}),
            StatusCode::FORBIDDEN,
            "Forbidden",
        ),
        (
            json!({"accountId": "Jaim1Cu1Q55:uooxSens6yk", "merchantId": merchant, "type": "windcave"}),
            StatusCode::BAD_REQUEST,
            "accountId must not contain ':' or whitespace",
        ),
        (
            json!({"accountId": "Jaim1Cu1Q55 uooxSens6yk", "merchantId": merchant, "type": "windcave"}),
            StatusCode::BAD_REQUEST,
            "accountId must not contain ':' or whitespace",
        ),
    ] {
        let (got, err) = error_of(create(&h, &c, body.clone()).await).await;
        assert_eq!(got, status, "{body}");
        assert!(
            message(&err).starts_with(wanted),
            "{body}: {}",
            message(&err)
        );
    }
    assert_eq!(h.requests().len(), before, "nothing was created");

    // The later types are created where the later revision is served only.
    let smartpay = free_pair(&h, IntegrationType::Smartpay);
    let (r, _c) = sim_with(SimConfig {
        revision: Revision::Reference,
        ..SimConfig::default()
    })
    .await;
    let (status, err) = error_of(create(&r, &c, smartpay.clone()).await).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(message(&err).contains("verifone, windcave or epay"));
    assert_eq!(create(&h, &c, smartpay).await.status(), StatusCode::OK);
    h.shutdown().await;
    r.shutdown().await;
}

#[tokio::test]
async fn empty_or_odd_query_values_are_refused() {
    let (h, c) = sim().await;
    for (query, wanted) in [
        (
            vec![("accountId", ""), ("pending", "")],
            "must not be empty",
        ),
        (vec![("type", "")], "type must not be empty"),
        (vec![("pageKey", "")], "pageKey must not be empty"),
        (vec![("pending", "yes")], "pending must be true or false"),
    ] {
        let resp =
            send(authed(&h, &c, Method::GET, "/api/integration-requests").query(&query)).await;
        let (status, err) = error_of(resp).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{query:?}");
        assert!(
            message(&err).contains(wanted),
            "{query:?}: {}",
            message(&err)
        );
    }
    let resp = send(
        authed(
            &h,
            &c,
            Method::GET,
            "/api/accounts/Jaim1Cu1Q55uooxSens6yk/merchants",
        )
        .query(&[("pageKey", "")]),
    )
    .await;
    assert_eq!(error_of(resp).await.0, StatusCode::BAD_REQUEST);
    h.shutdown().await;
}

#[tokio::test]
async fn later_objects_only_where_the_later_revision_is_served() {
    for revision in Revision::ALL {
        let (h, c) = sim_with(SimConfig {
            revision,
            ..SimConfig::default()
        })
        .await;
        // A record holding its terminalId only in the later object still
        // sends the top-level field.
        let mut r = h
            .requests()
            .into_iter()
            .find(|r| r.terminal.is_some() && r.product.is_some())
            .expect("a seeded record with both objects");
        r.terminal_id = None;
        h.insert(r.clone());
        let page: Value = send(
            authed(&h, &c, Method::GET, "/api/integration-requests")
                .query(&[("accountId", r.account_id.as_str())]),
        )
        .await
        .json()
        .await
        .unwrap();
        let items = page["items"].as_array().unwrap();
        let got = items.iter().find(|i| i["id"] == r.id.as_str()).unwrap();
        let tid = r.terminal.as_ref().unwrap().terminal_id.as_deref().unwrap();
        assert_eq!(got["terminalId"], tid, "{revision}");
        let later = revision != Revision::Reference;
        assert_eq!(got.get("terminal").is_some(), later, "{revision}");
        assert_eq!(got.get("product").is_some(), later, "{revision}");
        if later {
            assert_eq!(got["terminal"]["terminalId"], tid);
        }
        assert!(
            items
                .iter()
                .all(|i| later || (i.get("terminal").is_none() && i.get("product").is_none()))
        );
        h.shutdown().await;
    }
}
