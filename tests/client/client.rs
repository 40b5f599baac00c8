//! The client against the in-process simulator over loopback.

use std::time::Duration;

use intake::api::model::{NewIntegrationRequest, format_timestamp};
use intake::api::retry::{self, Activation, RetryPolicy};
use intake::api::{
    ApiError, Client, ClientOptions, IntegrationRequest, IntegrationType, SearchQuery, Secret,
    Status,
};
use intake::sim::{self, Faults, SimConfig, SimHandle};

async fn sim_with(config: SimConfig) -> (SimHandle, Client) {
    let handle = sim::start_local(config).await.expect("simulator starts");
    let client = Client::new(&handle.base_url(), &Secret::new(handle.api_key())).expect("client");
    (handle, client)
}

async fn sim() -> (SimHandle, Client) {
    sim_with(SimConfig::default()).await
}

fn first(handle: &SimHandle, pred: impl Fn(&IntegrationRequest) -> bool) -> IntegrationRequest {
    handle
        .requests()
        .into_iter()
        .find(|r| pred(r))
        .expect("seed has such a request")
}

#[tokio::test]
async fn search_follows_every_page() {
    let (handle, client) = sim_with(SimConfig {
        page_size: 7,
        ..SimConfig::default()
    })
    .await;
    let all = client
        .search(&SearchQuery::default())
        .await
        .expect("search");
    assert_eq!(all.len(), handle.requests().len());
    let mut ids: Vec<_> = all.iter().map(|r| r.id.clone()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), all.len(), "no request twice");

    let mut pages = client.search_pages(SearchQuery::default());
    let first = pages.next_page().await.expect("page").expect("some");
    assert_eq!(first.len(), 7);
    assert!(!pages.is_done());
}

#[tokio::test]
async fn search_filters_by_type_pending_and_account() {
    let (handle, client) = sim().await;
    let q = SearchQuery {
        kind: Some(IntegrationType::Epay),
        pending: true,
        ..SearchQuery::default()
    };
    let got = client.search(&q).await.expect("search");
    assert!(!got.is_empty());
    assert!(
        got.iter()
            .all(|r| r.kind == IntegrationType::Epay && r.status == Status::Pending)
    );
    let expected = handle
        .requests()
        .iter()
        .filter(|r| r.kind == IntegrationType::Epay && r.status == Status::Pending)
        .count();
    assert_eq!(got.len(), expected);

    let account = handle.requests()[0].account_id.clone();
    let q = SearchQuery {
        account_id: Some(account.clone()),
        ..SearchQuery::default()
    };
    let got = client.search(&q).await.expect("search");
    assert!(!got.is_empty() && got.iter().all(|r| r.account_id == account));
}

#[tokio::test]
async fn create_get_update_activate_and_documented_errors() {
    let (handle, client) = sim().await;
    let existing = first(&handle, |_| true);

    // create, then the same merchant+type again
    let free = handle
        .merchant_without(&IntegrationType::Epay)
        .expect("a merchant without epay");
    let new = NewIntegrationRequest {
        account_id: free.account_id.clone().unwrap_or(existing.account_id),
        merchant_id: free.id,
        kind: IntegrationType::Epay,
    };
    let created = client.create(&new).await.expect("create");
    assert_eq!(created.status, Status::Pending);
    assert_eq!(created.merchant_id, new.merchant_id);
    assert_eq!(client.create(&new).await, Err(ApiError::AlreadyRequested));

    // get
    assert_eq!(client.get(&created.id).await.expect("get").id, created.id);

    // activate without terminalId
    assert_eq!(
        client.activate(&created.id).await,
        Err(ApiError::ParamMissing)
    );

    // update, then activate, then again
    let updated = client
        .update_terminal_id(&created.id, "11000021")
        .await
        .expect("update");
    assert_eq!(updated.terminal_id.as_deref(), Some("11000021"));
    assert_eq!(
        handle
            .get(&created.id)
            .expect("stored")
            .terminal_id
            .as_deref(),
        Some("11000021")
    );
    let active = client.activate(&created.id).await.expect("activate");
    assert_eq!(active.status, Status::Active);
    assert!(active.updated_at >= created.updated_at);
    assert_eq!(
        client.activate(&created.id).await,
        Err(ApiError::AlreadyActivated)
    );

    // unknown ids are 403 Forbidden, not 404
    assert!(matches!(
        client.get("NoSuchRequest000000000").await,
        Err(ApiError::Forbidden { .. })
    ));
    assert!(matches!(
        client.activate("NoSuchRequest000000000").await,
        Err(ApiError::Forbidden { .. })
    ));
}

#[tokio::test]
async fn merchants_resolve_names() {
    let (handle, client) = sim().await;
    let r = first(&handle, |_| true);
    let m = client.merchant(&r.merchant_id).await.expect("merchant");
    assert_eq!(m.id, r.merchant_id);
    assert!(!m.name.is_empty());
    assert!(matches!(
        client.merchant("ffffffffffffffffffffffff").await,
        Err(ApiError::Forbidden { .. })
    ));
}

#[tokio::test]
async fn bad_key_is_401_and_the_message_says_what_to_do() {
    let (handle, _) = sim().await;
    let client = Client::new(&handle.base_url(), &Secret::new("wrong-key")).expect("client");
    let e = client.search(&SearchQuery::default()).await.unwrap_err();
    assert!(matches!(e, ApiError::Unauthorized { .. }), "{e:?}");
    assert!(e.to_string().contains("CENTRAPAY_API_KEY"));
}

#[tokio::test]
async fn wrong_route_is_404() {
    let (handle, _) = sim().await;
    let client = Client::new(
        &format!("{}/nested/base", handle.base_url()),
        &Secret::new(handle.api_key()),
    )
    .expect("client");
    let e = client.get("abc").await.unwrap_err();
    assert!(matches!(e, ApiError::NotFound { .. }), "{e:?}");
    assert!(e.to_string().contains("base_url"));
}

#[tokio::test]
async fn faults_map_to_their_variants() {
    let (handle, client) = sim().await;
    let id = first(&handle, |_| true).id;

    handle.set_faults(Faults {
        error_rate: 1.0,
        ..Faults::default()
    });
    assert!(matches!(
        client.get(&id).await,
        Err(ApiError::Server { status: 500, .. })
    ));

    handle.set_faults(Faults {
        garbage_rate: 1.0,
        ..Faults::default()
    });
    assert!(matches!(
        client.get(&id).await,
        Err(ApiError::Decode { .. })
    ));

    handle.set_faults(Faults {
        empty_body_rate: 1.0,
        ..Faults::default()
    });
    let e = client.get(&id).await.unwrap_err();
    assert!(
        matches!(&e, ApiError::Decode { detail } if detail.contains("empty")),
        "{e:?}"
    );

    handle.set_faults(Faults {
        drop_rate: 1.0,
        ..Faults::default()
    });
    let e = client.get(&id).await.unwrap_err();
    assert!(
        matches!(e, ApiError::Network { .. } | ApiError::Decode { .. }),
        "{e:?}"
    );

    handle.set_faults(Faults {
        latency_min_ms: 400,
        latency_max_ms: 400,
        ..Faults::default()
    });
    let slow = Client::with_options(
        &handle.base_url(),
        &Secret::new(handle.api_key()),
        ClientOptions {
            connect_timeout: Duration::from_secs(1),
            timeout: Duration::from_millis(100),
            ..ClientOptions::default()
        },
    )
    .expect("client");
    assert!(matches!(slow.get(&id).await, Err(ApiError::Timeout { .. })));

    // Last: the 429 pauses every later call of this client for the 7 s it
    // asks, so nothing here waits on it.
    handle.set_faults(Faults {
        rate_limit_rate: 1.0,
        retry_after_secs: 7,
        ..Faults::default()
    });
    assert_eq!(
        client.get(&id).await,
        Err(ApiError::RateLimited {
            retry_after: Some(Duration::from_secs(7))
        })
    );
}

#[tokio::test]
async fn connection_refused_names_host_and_port() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("addr");
    drop(listener);
    let client = Client::new(&format!("http://{addr}"), &Secret::new("k")).expect("client");
    let e = client.get("abc").await.unwrap_err();
    assert!(
        matches!(&e, ApiError::Refused { host, port } if host == "127.0.0.1" && *port == addr.port()),
        "{e:?}"
    );
}

#[tokio::test]
async fn lost_activation_response_is_confirmed_not_failed() {
    let (handle, client) = sim().await;
    let r = first(&handle, |r| r.is_pending() && !r.needs_terminal_id());
    // The server applies the activation but the body is lost; the retry then
    // answers INTEGRATION_ALREADY_ACTIVATED, which must read as our success.
    handle.set_faults(Faults {
        empty_body_rate: 1.0,
        ..Faults::default()
    });
    let policy = RetryPolicy {
        attempts: 3,
        base: Duration::from_millis(400),
        max: Duration::from_secs(1),
    };
    let task = {
        let client = client.clone();
        let id = r.id.clone();
        tokio::spawn(async move { retry::activate(&client, policy, &id).await })
    };
    // Clear the fault once the first answer was lost; the retry waits out a
    // backoff of at least 200 ms, so it meets the healthy server.
    handle
        .wait_for_stats(Duration::from_secs(30), |s| s.faults.empty_bodies >= 1)
        .await
        .expect("the first activation reached the server");
    handle.set_faults(Faults::default());
    let outcome = task.await.expect("join").expect("activated");
    assert!(
        matches!(outcome, Activation::Confirmed(Some(_))),
        "{outcome:?}"
    );
    assert_eq!(outcome.label(), "confirmed active");
    assert_eq!(handle.get(&r.id).expect("stored").status, Status::Active);
    assert_eq!(handle.stats().activations_applied, 1);
}

#[tokio::test]
async fn reads_retry_transient_faults() {
    let (handle, client) = sim().await;
    let id = first(&handle, |_| true).id;
    handle.set_faults(Faults {
        error_rate: 0.5,
        ..Faults::default()
    });
    let policy = RetryPolicy {
        attempts: 12,
        base: Duration::from_millis(1),
        max: Duration::from_millis(5),
    };
    for _ in 0..10 {
        retry::read(policy, || client.get(&id))
            .await
            .expect("retried to success");
    }
}

#[test]
fn plain_http_is_refused_except_to_loopback() {
    let e = Client::new("http://service.centrapay.com", &Secret::new("k")).unwrap_err();
    assert!(e.to_string().contains("plain http"));
    assert!(Client::new("http://localhost:1", &Secret::new("k")).is_ok());
    assert!(Client::new("http://[::1]:1", &Secret::new("k")).is_ok());
    assert!(Client::new("https://service.centrapay.com", &Secret::new("k")).is_ok());
}

#[test]
fn client_debug_hides_the_key() {
    let c = Client::new(
        "https://service.centrapay.com",
        &Secret::new("sk_super_secret"),
    )
    .expect("client");
    assert!(!format!("{c:?}").contains("sk_super_secret"));
}

const CREATE_EXAMPLE: &str = r#"{
  "id": "DKTs3U38hdhfEqwF1JKoT2",
  "accountId": "Jaim1Cu1Q55uooxSens6yk",
  "merchantId": "5ee0c486308f590260d9a07f",
  "type": "verifone",
  "status": "pending",
  "createdAt": "2020-06-12T01:17:46.499Z",
  "updatedAt": "2020-06-12T01:17:46.499Z",
  "createdBy": "crn:WIj211vFs9cNACwBb04vQw:api-key:MyApiKey",
  "updatedBy": "crn:WIj211vFs9cNACwBb04vQw:api-key:MyApiKey"
}"#;

const SEARCH_EXAMPLE: &str = r#"{
  "items": [
    {
      "id": "DKTs3U38hdhfEqwF1JKoT2",
      "accountId": "Jaim1Cu1Q55uooxSens6yk",
      "merchantId": "5ee0c486308f590260d9a07f",
      "type": "epay",
      "status": "pending",
      "terminalId": "11000021",
      "createdAt": "2020-06-12T01:17:46.499Z",
      "updatedAt": "2020-06-12T01:17:46.499Z",
      "createdBy": "crn:WIj211vFs9cNACwBb04vQw:api-key:MyApiKey",
      "updatedBy": "crn:WIj211vFs9cNACwBb04vQw:api-key:MyApiKey"
    }
  ]
}"#;

const ACTIVATE_EXAMPLE: &str = r#"{
  "id": "DKTs3U38hdhfEqwF1JKoT2",
  "accountId": "Jaim1Cu1Q55uooxSens6yk",
  "merchantId": "5ee0c486308f590260d9a07f",
  "type": "epay",
  "status": "active",
  "terminalId": "11000021",
  "createdAt": "2020-06-12T01:17:46.499Z",
  "updatedAt": "2020-06-12T01:17:46.499Z",
  "createdBy": "crn:WIj211vFs9cNACwBb04vQw:api-key:MyApiKey",
  "updatedBy": "crn:WIj211vFs9cNACwBb04vQw:api-key:MyApiKey"
}"#;

#[test]
fn contract_examples_decode() {
    let r: IntegrationRequest = serde_json::from_str(CREATE_EXAMPLE).expect("create example");
    assert_eq!(r.kind, IntegrationType::Verifone);
    assert_eq!(r.status, Status::Pending);
    assert_eq!(
        format_timestamp(&r.created_at.expect("createdAt")),
        "2020-06-12T01:17:46.499Z"
    );
    assert_eq!(
        r.created_by.as_deref(),
        Some("crn:WIj211vFs9cNACwBb04vQw:api-key:MyApiKey")
    );

    let p: intake::api::Page<IntegrationRequest> =
        serde_json::from_str(SEARCH_EXAMPLE).expect("search example");
    assert_eq!(p.items.len(), 1);
    assert_eq!(p.items[0].terminal_id.as_deref(), Some("11000021"));
    assert_eq!(p.next_page_key, None);

    let r: IntegrationRequest = serde_json::from_str(ACTIVATE_EXAMPLE).expect("activate example");
    assert!(r.is_active());
    assert!(
        r.blockers()
            .iter()
            .any(|b| b.to_string() == "already active")
    );
}

#[test]
fn later_revision_fields_and_unknown_values_decode() {
    let body = r#"{
      "id": "X1", "accountId": "A1", "merchantId": "M1",
      "type": "tyro", "status": "suspended",
      "terminal": {"terminalId": "T-77", "deviceId": "dev-9"},
      "product": {"name": "Tap to Pay"},
      "createdAt": "2026-11-01T00:00:00.000Z", "updatedAt": "2026-11-02T00:00:00.000Z",
      "someFutureField": {"nested": [1, 2, 3]}
    }"#;
    let r: IntegrationRequest = serde_json::from_str(body).expect("decodes");
    assert_eq!(r.kind, IntegrationType::Unknown("tyro".into()));
    assert_eq!(r.kind.to_string(), "tyro");
    assert_eq!(r.status, Status::Unknown("suspended".into()));
    assert_eq!(r.effective_terminal_id(), Some("T-77"));
    assert_eq!(
        r.terminal.as_ref().and_then(|t| t.device_id.as_deref()),
        Some("dev-9")
    );
    assert_eq!(r.product_name(), Some("Tap to Pay"));
    for t in ["smartpay", "invenco", "skyzer", "vista"] {
        assert_eq!(IntegrationType::parse(t).as_str(), t);
        assert!(!matches!(
            IntegrationType::parse(t),
            IntegrationType::Unknown(_)
        ));
    }
}
