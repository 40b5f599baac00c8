//! The client keeps the key with its origin and names connection failures:
//! redirects, certificates, names, refusals, timeouts and proxies, over
//! loopback servers the tests start themselves.

use crate::common;

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::cli_env::{isolated, run, stderr};
use intake::api::{ApiError, Client, ClientOptions, SearchQuery, Secret};
use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};

const KEY: &str = "sk_safety_canary_key";
const EMPTY_PAGE: &str = r#"{"items":[]}"#;

// ---------------------------------------------------------------- servers

/// A loopback server answering every request the same way and keeping the
/// request heads it saw.
struct Server {
    addr: SocketAddr,
    heads: Arc<Mutex<Vec<String>>>,
}

impl Server {
    fn start(bind: &str, response: String, tls: Option<Arc<rustls::ServerConfig>>) -> Server {
        let listener = TcpListener::bind(bind).expect("bind");
        let addr = listener.local_addr().expect("addr");
        let heads = Arc::new(Mutex::new(Vec::new()));
        let seen = heads.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(tcp) = stream else { continue };
                let _ = tcp.set_read_timeout(Some(Duration::from_secs(10)));
                match &tls {
                    None => answer(tcp, &response, &seen),
                    Some(config) => {
                        let Ok(conn) = rustls::ServerConnection::new(config.clone()) else {
                            continue;
                        };
                        // A client that rejects the certificate ends the
                        // handshake; the read then fails and nothing is kept.
                        answer(rustls::StreamOwned::new(conn, tcp), &response, &seen);
                    }
                }
            }
        });
        Server { addr, heads }
    }

    fn plain(bind: &str, response: String) -> Server {
        Server::start(bind, response, None)
    }

    fn heads(&self) -> Vec<String> {
        self.heads.lock().expect("lock").clone()
    }

    fn origin(&self, scheme: &str) -> String {
        format!("{scheme}://{}", self.addr)
    }
}

/// The head is recorded before the answer is written, so once a client call
/// has returned, every request it made is in `seen`.
fn answer(mut stream: impl Read + Write, response: &str, seen: &Mutex<Vec<String>>) {
    let mut head = Vec::new();
    let mut buf = [0u8; 4096];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") && head.len() < 64 * 1024 {
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => return,
            Ok(n) => head.extend_from_slice(&buf[..n]),
        }
    }
    seen.lock()
        .expect("lock")
        .push(String::from_utf8_lossy(&head).into_owned());
    let _ = stream.write_all(response.as_bytes());
    let _ = stream.flush();
}

fn http_response(status: &str, headers: &[(&str, &str)], body: &str) -> String {
    let mut r = format!("HTTP/1.1 {status}\r\nConnection: close\r\n");
    for (k, v) in headers {
        r.push_str(&format!("{k}: {v}\r\n"));
    }
    r.push_str(&format!("Content-Length: {}\r\n\r\n{body}", body.len()));
    r
}

fn json_ok(body: &str) -> String {
    http_response("200 OK", &[("Content-Type", "application/json")], body)
}

// ---------------------------------------------------------------- certificates

/// A test CA, and leaf certificates it signs.
struct Ca {
    issuer: Issuer<'static, KeyPair>,
    pem: String,
}

impl Ca {
    fn new(name: &str) -> Ca {
        let key = KeyPair::generate().expect("key");
        let mut params = CertificateParams::new(Vec::<String>::new()).expect("params");
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        params.distinguished_name.push(DnType::CommonName, name);
        let cert = params.self_signed(&key).expect("self-signed");
        Ca {
            pem: cert.pem(),
            issuer: Issuer::new(params, key),
        }
    }

    /// A server config with a leaf for `names`, optionally long expired.
    fn server(&self, names: &[&str], expired: bool) -> Arc<rustls::ServerConfig> {
        let key = KeyPair::generate().expect("key");
        let names: Vec<String> = names.iter().map(std::string::ToString::to_string).collect();
        let mut params = CertificateParams::new(names).expect("params");
        if expired {
            params.not_before = rcgen::date_time_ymd(2000, 1, 1);
            params.not_after = rcgen::date_time_ymd(2001, 1, 1);
        }
        let cert = params.signed_by(&key, &self.issuer).expect("signed");
        let chain: Vec<CertificateDer<'static>> = vec![cert.der().clone()];
        let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der()));
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        Arc::new(
            rustls::ServerConfig::builder_with_provider(provider)
                .with_safe_default_protocol_versions()
                .expect("versions")
                .with_no_client_auth()
                .with_single_cert(chain, key)
                .expect("server config"),
        )
    }

    fn write(&self, dir: &Path, name: &str) -> PathBuf {
        let p = dir.join(name);
        std::fs::write(&p, &self.pem).expect("write ca");
        p
    }
}

/// A private folder, removed when the test ends.
struct Scratch(PathBuf);

impl std::ops::Deref for Scratch {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.0
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn scratch(name: &str) -> Scratch {
    let dir = std::env::temp_dir().join(format!("intake-safety-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("dir");
    Scratch(dir)
}

fn client(base: &str, options: ClientOptions) -> Client {
    Client::with_options(base, &Secret::new(KEY), options).expect("client")
}

fn with_ca(path: &Path) -> ClientOptions {
    ClientOptions {
        ca_file: Some(path.to_path_buf()),
        ..ClientOptions::default()
    }
}

async fn list(client: &Client) -> Result<usize, ApiError> {
    client
        .search(&SearchQuery::default())
        .await
        .map(|v| v.len())
}

fn assert_no_key(text: &str) {
    assert!(!text.contains(KEY), "the key leaked: {text}");
}

// ---------------------------------------------------------------- redirects

/// A server on 127.0.0.1 redirecting to one on 127.0.0.2 that would answer
/// properly if it were ever asked.
fn redirect_pair() -> (Server, Server) {
    let target = Server::plain("127.0.0.2:0", json_ok(EMPTY_PAGE));
    let location = format!("{}/api/integration-requests", target.origin("http"));
    let origin = Server::plain(
        "127.0.0.1:0",
        http_response("302 Found", &[("Location", &location)], ""),
    );
    (origin, target)
}

fn redirect_sentence(origin: &Server, target: &Server) -> String {
    let from = origin.origin("http");
    format!(
        "The server at {from} answered with a redirect to {}; intake does not follow redirects, so the API key stays with {from}. Check base_url for this profile.",
        target.origin("http")
    )
}

#[tokio::test]
async fn a_redirect_is_refused_and_the_other_host_never_hears_of_the_key() {
    let (origin, target) = redirect_pair();
    let c = client(&origin.origin("http"), ClientOptions::default());
    let e = list(&c).await.unwrap_err();
    assert!(matches!(e, ApiError::Redirect { .. }), "{e:?}");
    assert_eq!(e.to_string(), redirect_sentence(&origin, &target));
    assert_no_key(&e.to_string());
    assert!(target.heads().is_empty(), "{:?}", target.heads());
    // The origin itself did get the key: it is the configured server.
    let heads = origin.heads();
    assert_eq!(heads.len(), 1, "a redirect is not retried: {heads:?}");
    assert!(heads[0].to_ascii_lowercase().contains("x-api-key: "));
    assert!(!e.is_transient());
}

#[tokio::test]
async fn a_redirect_within_the_origin_names_the_path_and_a_missing_location_is_named() {
    let same = Server::plain(
        "127.0.0.1:0",
        http_response(
            "301 Moved Permanently",
            &[("Location", "/v2/x?token=abc")],
            "",
        ),
    );
    let e = list(&client(&same.origin("http"), ClientOptions::default()))
        .await
        .unwrap_err();
    let from = same.origin("http");
    assert!(
        e.to_string().starts_with(&format!(
            "The server at {from} answered with a redirect to {from}/v2/x;"
        )),
        "{e}"
    );
    assert!(!e.to_string().contains("token"), "{e}");

    let bare = Server::plain(
        "127.0.0.1:0",
        http_response("307 Temporary Redirect", &[], ""),
    );
    let e = list(&client(&bare.origin("http"), ClientOptions::default()))
        .await
        .unwrap_err();
    assert!(
        e.to_string().contains("a redirect to an unnamed location"),
        "{e}"
    );
}

/// The built binary, with nothing of the developer's environment.
fn intake(dir: &Path) -> Command {
    let mut c = isolated(dir);
    c.env("INTAKE_CONFIG", dir.join("no-such-config.toml"))
        .env("INTAKE_RETRY_BASE_MS", "1")
        .env("CENTRAPAY_API_KEY", KEY);
    c
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_cli_refuses_a_redirect_with_the_sentence() {
    let (origin, target) = redirect_pair();
    let dir = scratch("cli-redirect");
    let mut c = intake(&dir);
    c.env("CENTRAPAY_BASE_URL", origin.origin("http"))
        .arg("list");
    let o = run(c).await;
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains(&redirect_sentence(&origin, &target)), "{err}");
    assert_no_key(&err);
    assert_no_key(&String::from_utf8_lossy(&o.stdout));
    assert!(target.heads().is_empty(), "{:?}", target.heads());
    assert_eq!(origin.heads().len(), 1, "retried: {:?}", origin.heads());
    let log = std::fs::read_to_string(dir.join("intake.log")).unwrap_or_default();
    assert_no_key(&log);
}

// ---------------------------------------------------------------- certificates

#[tokio::test]
async fn a_private_ca_is_untrusted_until_ca_file_names_it() {
    let dir = scratch("ca");
    let ca = Ca::new("intake test CA");
    let server = Server::start(
        "127.0.0.1:0",
        json_ok(EMPTY_PAGE),
        Some(ca.server(&["127.0.0.1", "localhost"], false)),
    );
    let base = server.origin("https");

    let e = list(&client(&base, ClientOptions::default()))
        .await
        .unwrap_err();
    assert!(matches!(e, ApiError::UntrustedCertificate { .. }), "{e:?}");
    assert_eq!(
        e.to_string(),
        "The certificate of 127.0.0.1 is not signed by an authority this machine trusts (self-signed or a private CA); if the server uses a private CA, set ca_file for this profile to that CA's PEM file, otherwise check base_url."
    );
    assert!(!e.is_transient(), "a certificate does not fix itself");
    assert!(
        server.heads().is_empty(),
        "nothing was sent before the handshake"
    );

    let ca_file = ca.write(&dir, "ca.pem");
    let n = list(&client(&base, with_ca(&ca_file)))
        .await
        .expect("trusted");
    assert_eq!(n, 0);
    let heads = server.heads();
    assert_eq!(heads.len(), 1, "{heads:?}");
    assert!(
        heads[0].starts_with("GET /api/integration-requests"),
        "{heads:?}"
    );
}

#[tokio::test]
async fn an_expired_certificate_and_a_wrong_name_have_their_own_sentences() {
    let dir = scratch("expired");
    let ca = Ca::new("intake test CA");
    let ca_file = ca.write(&dir, "ca.pem");
    let expired = Server::start(
        "127.0.0.1:0",
        json_ok(EMPTY_PAGE),
        Some(ca.server(&["127.0.0.1"], true)),
    );
    let e = list(&client(&expired.origin("https"), with_ca(&ca_file)))
        .await
        .unwrap_err();
    assert!(matches!(e, ApiError::CertificateExpired { .. }), "{e:?}");
    assert_eq!(
        e.to_string(),
        "The certificate of 127.0.0.1 expired on 2001-01-01; the server's operator must renew it (and check that this machine's clock is right)."
    );

    let elsewhere = Server::start(
        "127.0.0.1:0",
        json_ok(EMPTY_PAGE),
        Some(ca.server(&["api.example.test"], false)),
    );
    let e = list(&client(&elsewhere.origin("https"), with_ca(&ca_file)))
        .await
        .unwrap_err();
    assert!(matches!(e, ApiError::CertificateName { .. }), "{e:?}");
    assert!(e.to_string().contains("issued for a different name"), "{e}");
}

#[test]
fn an_unreadable_or_unparsable_ca_file_is_a_config_error_naming_the_file() {
    let dir = scratch("bad-ca");
    let missing = dir.join("missing.pem");
    let e = Client::with_options("https://127.0.0.1:9", &Secret::new(KEY), with_ca(&missing))
        .unwrap_err();
    assert!(matches!(e, ApiError::Config(_)), "{e:?}");
    assert!(
        e.to_string().contains(&missing.display().to_string()),
        "{e}"
    );

    let garbage = dir.join("garbage.pem");
    std::fs::write(&garbage, "this is not a certificate\n").expect("write");
    let e = Client::with_options("https://127.0.0.1:9", &Secret::new(KEY), with_ca(&garbage))
        .unwrap_err();
    assert!(
        e.to_string().contains(&garbage.display().to_string()),
        "{e}"
    );
    assert!(e.to_string().contains("no certificate"), "{e}");

    let broken = dir.join("broken.pem");
    std::fs::write(
        &broken,
        "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
    )
    .expect("write");
    let e = Client::with_options("https://127.0.0.1:9", &Secret::new(KEY), with_ca(&broken))
        .unwrap_err();
    assert!(matches!(e, ApiError::Config(_)), "{e:?}");
    assert!(e.to_string().contains(&broken.display().to_string()), "{e}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_cli_names_an_untrusted_certificate_and_trusts_a_profiles_ca_file() {
    let dir = scratch("cli-ca");
    let ca = Ca::new("intake test CA");
    let server = Server::start(
        "127.0.0.1:0",
        json_ok(EMPTY_PAGE),
        Some(ca.server(&["127.0.0.1"], false)),
    );
    let mut c = intake(&dir);
    c.env("CENTRAPAY_BASE_URL", server.origin("https"))
        .arg("list");
    let o = run(c).await;
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("is not signed by an authority this machine trusts"),
        "{}",
        stderr(&o)
    );

    // A relative ca_file is read from beside the config file.
    std::fs::create_dir_all(dir.join("certs")).expect("dir");
    ca.write(&dir.join("certs"), "ca.pem");
    let config = dir.join("config.toml");
    std::fs::write(
        &config,
        format!(
            "[profiles.private]\nbase_url = \"{}\"\napi_key = \"{KEY}\"\nca_file = \"certs/ca.pem\"\n",
            server.origin("https")
        ),
    )
    .expect("config");
    let mut c = intake(&dir);
    c.env("INTAKE_CONFIG", &config)
        .env_remove("CENTRAPAY_API_KEY")
        .arg("list");
    let o = run(c).await;
    assert!(o.status.success(), "{}", stderr(&o));

    std::fs::write(
        &config,
        format!(
            "[profiles.private]\nbase_url = \"{}\"\napi_key = \"{KEY}\"\nca_file = \"certs/none.pem\"\n",
            server.origin("https")
        ),
    )
    .expect("config");
    let mut c = intake(&dir);
    c.env("INTAKE_CONFIG", &config).arg("list");
    let o = run(c).await;
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("certs/none.pem"), "{}", stderr(&o));
}

// ---------------------------------------------------------------- connecting

#[tokio::test]
async fn a_refused_connection_names_host_and_port() {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    drop(listener);
    let e = list(&client(
        &format!("http://127.0.0.1:{port}"),
        ClientOptions::default(),
    ))
    .await
    .unwrap_err();
    assert_eq!(
        e,
        ApiError::Refused {
            host: "127.0.0.1".into(),
            port
        }
    );
    assert_eq!(
        e.to_string(),
        format!(
            "The server at 127.0.0.1:{port} refused the connection; check the host and port in base_url and that the service is running."
        )
    );
    assert!(e.is_transient() && e.never_sent());
}

#[tokio::test]
async fn an_unresolvable_name_says_so() {
    let c = client(
        "https://nonexistent.invalid",
        ClientOptions {
            connect_timeout: Duration::from_secs(20),
            ..ClientOptions::default()
        },
    );
    let e = tokio::time::timeout(Duration::from_secs(30), list(&c))
        .await
        .expect("the resolver answers")
        .unwrap_err();
    assert!(matches!(e, ApiError::NameNotResolved { .. }), "{e:?}");
    assert_eq!(
        e.to_string(),
        "The name nonexistent.invalid could not be resolved; check the spelling of base_url and your network or DNS (behind a proxy, set HTTPS_PROXY)."
    );
}

#[tokio::test]
async fn a_server_that_never_answers_times_out() {
    // Connections complete in the kernel's backlog; nothing ever reads them.
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("addr");
    let c = client(
        &format!("http://{addr}"),
        ClientOptions {
            timeout: Duration::from_millis(300),
            ..ClientOptions::default()
        },
    );
    let e = list(&c).await.unwrap_err();
    assert_eq!(
        e.to_string(),
        "The request timed out after 300ms; the server may be slow or unreachable, try again."
    );
    drop(listener);
}

// ---------------------------------------------------------------- proxies

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn https_proxy_is_used_and_no_proxy_bypasses_it() {
    let dir = scratch("proxy");
    let ca = Ca::new("intake test CA");
    let server = Server::start(
        "127.0.0.2:0",
        json_ok(EMPTY_PAGE),
        Some(ca.server(&["127.0.0.2"], false)),
    );
    let proxy = Server::plain("127.0.0.1:0", http_response("403 Forbidden", &[], ""));
    let ca_file = ca.write(&dir, "ca.pem");
    let config = dir.join("config.toml");
    std::fs::write(
        &config,
        format!(
            "[profiles.p]\nbase_url = \"{}\"\napi_key = \"{KEY}\"\nca_file = \"{}\"\n",
            server.origin("https"),
            ca_file.display()
        ),
    )
    .expect("config");

    let mut c = intake(&dir);
    c.env("INTAKE_CONFIG", &config)
        .env("HTTPS_PROXY", proxy.origin("http"))
        .arg("list");
    let o = run(c).await;
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let heads = proxy.heads();
    assert!(
        heads
            .first()
            .is_some_and(|h| h.starts_with(&format!("CONNECT {} ", server.addr))),
        "{heads:?}"
    );
    // The key travels inside the tunnel, never to the proxy itself.
    heads.iter().for_each(|h| assert_no_key(h));
    assert!(
        stderr(&o).contains("The proxy in HTTPS_PROXY could not open a connection to 127.0.0.2"),
        "{}",
        stderr(&o)
    );
    assert!(server.heads().is_empty());

    let before = proxy.heads().len();
    let mut c = intake(&dir);
    c.env("INTAKE_CONFIG", &config)
        .env("HTTPS_PROXY", proxy.origin("http"))
        .env("NO_PROXY", "127.0.0.2")
        .arg("list");
    let o = run(c).await;
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(proxy.heads().len(), before, "NO_PROXY bypasses the proxy");
    assert_eq!(server.heads().len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn plain_http_to_loopback_never_goes_through_a_proxy() {
    let dir = scratch("http-proxy");
    let server = Server::plain("127.0.0.1:0", json_ok(EMPTY_PAGE));
    let proxy = Server::plain("127.0.0.2:0", json_ok(EMPTY_PAGE));
    let mut c = intake(&dir);
    c.env("CENTRAPAY_BASE_URL", server.origin("http"))
        .env("HTTP_PROXY", proxy.origin("http"))
        .env("ALL_PROXY", proxy.origin("http"))
        .arg("list");
    let o = run(c).await;
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        proxy.heads().is_empty(),
        "the key went to a proxy in clear text"
    );
    assert_eq!(server.heads().len(), 1);
}
