//! A built-in HTTP simulator of the Centrapay Integration Requests API.
//!
//! It serves the contract (plus the later revision's additions) on a real
//! socket with realistic seed data, and can inject faults, so the client,
//! CLI and TUI can be developed and tested without a Centrapay account.
//!
//! # As strict as the reference
//!
//! The simulator refuses what the reference (integration-requests.md and
//! conventions.md) would refuse, so a client that works against it does not
//! lean on leniency the real API lacks. Where the documents are silent it
//! errs towards saying no, with a sentence in `message`:
//!
//! - **Ids before bodies.** `POST …/{id}/update` and `PUT …/{id}/configs`
//!   look the id up first: an unknown or foreign id is 403 `Forbidden` even
//!   with a malformed body.
//! - **terminalId is optional.** An update without terminalId (e.g. `{}`)
//!   answers 200 with the request unchanged and stores nothing (updatedAt
//!   does not move); only ePay activation needs one. A terminalId that is not
//!   a string (a number, null) is 400 "terminalId must be a string…"; an
//!   empty one is 400 too, since leaving it out is how to change nothing.
//! - **Create** checks, in this order: the body is a JSON object with string
//!   accountId, merchantId and type (400); the accountId fits the CRN
//!   `crn:<accountId>:api-key:<key>`, so no ':' and no whitespace (400); the
//!   type is one the revision documents: verifone, windcave and epay in the
//!   reference, plus smartpay, invenco, skyzer and vista in the later
//!   revision and `both` (400); the merchant exists (403) and belongs to the
//!   accountId (403); merchantId + type is new (403
//!   `INTEGRATION_ALREADY_REQUESTED`).
//! - **Query strings.** A parameter given with an empty value
//!   (`accountId=&pending=`, `type=`, `pageKey=`) is 400, not "absent";
//!   `pending` other than `true`/`false` is 400. Search takes any `type`
//!   value: a type no request has finds nothing, as on a server that knows
//!   more types than the client.
//! - **Activation** refuses only what the reference documents:
//!   `INTEGRATION_ALREADY_ACTIVATED` and `INTEGRATION_PARAM_MISSING` (ePay
//!   without terminalId), both 403.
//! - **Shapes.** Every response carries the top-level terminalId (clients of
//!   the reference read only that); the later revision and `both` also send
//!   the `terminal` (`{terminalId, deviceId?}`) and `product` objects where a
//!   request has them, the reference never does.
//! - **Seed data** uses only documented types, plus exactly one record of
//!   the clearly future type `futurepay` ([`seed::FUTURE_TYPE`]) so a
//!   client's tolerance of unknown types is exercised.
//!
//! Which operations each revision serves is in [`Revision`]; a route the
//! revision lacks is 404 like any unknown route.

mod calls;
mod checks;
mod faults;
mod limit;
mod refusal;
mod revision;
mod rng;
mod routes;
pub mod seed;
mod stats;
mod store;

use std::io::Write;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::{Arc, PoisonError, RwLock, RwLockReadGuard, RwLockWriteGuard};
use std::time::Duration;

use tokio::sync::oneshot;
use tokio::task::JoinHandle;

pub use calls::OperationCalls;
pub use faults::Faults;
pub use revision::Revision;
pub use seed::{DEFAULT_SEED_COUNT, default_merchants};
pub use stats::{FaultStats, SimStats};

use crate::api::model::{IntegrationRequest, IntegrationType};
use rng::AtomicRng;
use stats::Counters;
use store::SimStore;

/// The API key name that appears in CRNs of changes made through the simulator.
pub const KEY_NAME: &str = "intake-sim";

/// How long a graceful shutdown may wait for open connections.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(3);

#[derive(Debug, Clone)]
pub struct SimConfig {
    pub api_key: String,
    /// `None` serves the default realistic set of about 300 requests.
    pub seed_count: Option<usize>,
    pub seed: u64,
    pub page_size: usize,
    pub faults: Faults,
    /// The API revision whose operations are served.
    pub revision: Revision,
    /// Merchants in place of assets/merchants.json (`--merchants FILE`).
    pub merchants: Option<Vec<crate::api::Merchant>>,
    /// The "now" the seed's ages count back from: `None` is the fixed
    /// [`seed::base_date`], so tests see the same data every run; the demo
    /// (and `intake sim --now`) give the time they start.
    pub base: Option<chrono::DateTime<chrono::Utc>>,
    /// Also serve [`seed::hostile`]'s records (`intake sim --hostile`).
    pub hostile: bool,
}

impl Default for SimConfig {
    fn default() -> Self {
        SimConfig {
            api_key: "demo-key".to_string(),
            seed_count: None,
            seed: 42,
            page_size: 100,
            faults: Faults::default(),
            revision: Revision::Both,
            merchants: None,
            base: None,
            hostile: false,
        }
    }
}

pub(crate) struct Shared {
    store: RwLock<SimStore>,
    faults: RwLock<Faults>,
    pub(crate) counters: Counters,
    pub(crate) bucket: limit::TokenBucket,
    pub(crate) calls: calls::CallCounters,
    pub(crate) rng: AtomicRng,
    pub(crate) api_key: String,
    pub(crate) page_size: usize,
    pub(crate) revision: Revision,
}

// A panic while holding a lock cannot leave the store half-updated in a way
// that matters to a simulator, so poisoning is ignored rather than cascaded.
impl Shared {
    pub(crate) fn stats(&self) -> SimStats {
        SimStats {
            calls: self.calls.snapshot(),
            ..self.counters.snapshot()
        }
    }

    pub(crate) fn read_store(&self) -> RwLockReadGuard<'_, SimStore> {
        self.store.read().unwrap_or_else(PoisonError::into_inner)
    }

    pub(crate) fn write_store(&self) -> RwLockWriteGuard<'_, SimStore> {
        self.store.write().unwrap_or_else(PoisonError::into_inner)
    }

    pub(crate) fn faults(&self) -> Faults {
        self.faults
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    pub(crate) fn set_faults(&self, f: Faults) {
        *self.faults.write().unwrap_or_else(PoisonError::into_inner) = f;
    }
}

/// A running simulator. Dropping it leaves the server running until the
/// runtime ends; call [`SimHandle::shutdown`] to stop it.
pub struct SimHandle {
    shared: Arc<Shared>,
    addr: SocketAddr,
    stop: oneshot::Sender<()>,
    task: JoinHandle<std::io::Result<()>>,
}

impl SimHandle {
    /// `http://HOST:PORT`, with a wildcard bind address shown as loopback so
    /// the URL is directly usable.
    pub fn base_url(&self) -> String {
        let ip = match self.addr.ip() {
            ip if ip.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
            ip => ip,
        };
        format!("http://{}", SocketAddr::new(ip, self.addr.port()))
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    pub fn api_key(&self) -> &str {
        &self.shared.api_key
    }

    pub fn set_faults(&self, f: Faults) {
        self.shared.set_faults(f);
    }

    pub fn faults(&self) -> Faults {
        self.shared.faults()
    }

    /// Snapshot of the store in order (seed data by createdAt, then creations).
    pub fn requests(&self) -> Vec<IntegrationRequest> {
        self.shared.read_store().snapshot()
    }

    pub fn get(&self, id: &str) -> Option<IntegrationRequest> {
        self.shared.read_store().get(id).cloned()
    }

    /// Insert a request, or replace the one with the same id in place.
    pub fn insert(&self, r: IntegrationRequest) {
        self.shared.write_store().upsert(r);
    }

    /// Merchants the simulator serves (the asset plus any synthesised ones).
    pub fn merchants(&self) -> Vec<crate::api::model::Merchant> {
        self.shared.read_store().merchants()
    }

    /// A merchant with no request of `kind` yet, so creating one for it (with
    /// the merchant's own accountId) succeeds.
    pub fn merchant_without(&self, kind: &IntegrationType) -> Option<crate::api::model::Merchant> {
        self.shared.read_store().merchant_without(kind).cloned()
    }

    pub fn stats(&self) -> SimStats {
        self.shared.stats()
    }

    /// Activate calls that reached the handler for one id (faults injected
    /// before the handler are not counted).
    pub fn activate_calls_for(&self, id: &str) -> u64 {
        self.shared.counters.activate_calls_for(id)
    }

    /// Stop accepting connections and wait (briefly) for open ones to finish.
    pub async fn shutdown(self) {
        let SimHandle { stop, mut task, .. } = self;
        let _ = stop.send(());
        if tokio::time::timeout(SHUTDOWN_GRACE, &mut task)
            .await
            .is_err()
        {
            task.abort();
        }
    }
}

/// Bind `addr` (port 0 picks a free port), seed the store and start serving
/// in a background task. Returns as soon as the socket is listening.
pub async fn start(config: SimConfig, addr: SocketAddr) -> std::io::Result<SimHandle> {
    let SimConfig {
        api_key,
        seed_count,
        seed,
        page_size,
        faults,
        revision,
        merchants,
        base,
        hostile,
    } = config;
    // Large seed counts take a noticeable moment; keep it off the async workers.
    let store = tokio::task::spawn_blocking(move || {
        let base = base.unwrap_or_else(seed::base_date);
        let mut seeded = seed::generate_at(seed, seed_count, merchants, base);
        if hostile {
            // The seed's own account, so a profile's search finds them.
            let account = seeded.requests.first().map(|r| r.account_id.clone());
            let account = account
                .or_else(|| seeded.merchants.first().and_then(|m| m.account_id.clone()))
                .unwrap_or_else(|| "HostileAccount1".to_string());
            let (merchants, requests) = seed::hostile::records(&account, base);
            seeded.merchants.extend(merchants);
            seeded.requests.extend(requests);
        }
        SimStore::new(seeded.merchants, seeded.requests)
    })
    .await
    .map_err(std::io::Error::other)?;

    let shared = Arc::new(Shared {
        store: RwLock::new(store),
        faults: RwLock::new(faults),
        counters: Counters::default(),
        bucket: limit::TokenBucket::default(),
        calls: calls::CallCounters::default(),
        // Distinct from the seed stream so new ids never replay seeded ones.
        rng: AtomicRng::new(seed ^ 0xA5A5_5A5A_C3C3_3C3C),
        api_key,
        page_size: page_size.max(1),
        revision,
    });

    let listener = tokio::net::TcpListener::bind(addr).await?;
    let addr = listener.local_addr()?;
    let app = routes::router(shared.clone(), revision).layer(axum::middleware::from_fn_with_state(
        shared.clone(),
        calls::count,
    ));
    let (stop, stopped) = oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        axum::serve(listener, app)
            .with_graceful_shutdown(async {
                let _ = stopped.await;
            })
            .await
    });
    Ok(SimHandle {
        shared,
        addr,
        stop,
        task,
    })
}

/// [`start`] on an ephemeral loopback port.
pub async fn start_local(config: SimConfig) -> std::io::Result<SimHandle> {
    start(config, SocketAddr::from((Ipv4Addr::LOCALHOST, 0))).await
}

/// Serve in the foreground until Ctrl-C or SIGTERM, telling the operator how
/// to point the client at it.
pub async fn run_standalone(addr: SocketAddr, config: SimConfig) -> std::io::Result<()> {
    let handle = start(config, addr).await?;
    let url = handle.base_url();
    let key = handle.api_key().to_string();
    let count = handle.shared.read_store().request_count();
    let merchants = handle.shared.read_store().merchants().len();
    {
        let mut out = std::io::stdout().lock();
        writeln!(out, "intake simulator listening on {url}")?;
        writeln!(out, "api key: {key}")?;
        writeln!(
            out,
            "serving {count} integration requests for {merchants} merchants"
        )?;
        writeln!(
            out,
            "try: CENTRAPAY_BASE_URL={url} CENTRAPAY_API_KEY={key} intake list"
        )?;
        writeln!(
            out,
            "faults: GET/PUT {url}/_sim/faults with the X-Api-Key header, e.g. {{\"error_rate\":0.1,\"garbage_rate\":0.02,\"empty_body_rate\":0.02,\"latency_min_ms\":20,\"latency_max_ms\":80}}"
        )?;
        writeln!(out, "press Ctrl-C to stop")?;
        out.flush()?;
    }
    wait_for_stop_signal().await?;
    handle.shutdown().await;
    Ok(())
}

async fn wait_for_stop_signal() -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let mut term = signal(SignalKind::terminate())?;
        tokio::select! {
            r = tokio::signal::ctrl_c() => r,
            _ = term.recv() => Ok(()),
        }
    }
    #[cfg(not(unix))]
    {
        tokio::signal::ctrl_c().await
    }
}
