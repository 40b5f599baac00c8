//! Naming what went wrong below HTTP (certificates, names, refusals,
//! timeouts), refusing redirects, and trusting a profile's private CA.

use std::error::Error as StdError;
use std::io;
use std::path::Path;
use std::time::Duration;

use reqwest::Url;
use rustls::CertificateError;
use rustls::pki_types::CertificateDer;
use rustls::pki_types::pem::PemObject;

use super::error::{ApiError, MAX_MESSAGE_CHARS};

/// Where a request was going and how long it was allowed, for the sentence.
pub(crate) struct Target<'a> {
    pub base: &'a Url,
    pub connect_timeout: Duration,
    pub timeout: Duration,
}

impl Target<'_> {
    fn host(&self) -> String {
        self.base.host_str().unwrap_or_default().to_string()
    }
}

/// Every error below `e`. `io::Error::source()` skips the error it wraps
/// (where rustls puts its certificate verdict), so step into it instead.
fn causes<'a>(
    e: &'a (dyn StdError + 'static),
) -> impl Iterator<Item = &'a (dyn StdError + 'static)> {
    std::iter::successors(Some(e), |&e: &&'a (dyn StdError + 'static)| match e
        .downcast_ref::<io::Error>()
    {
        Some(io) => io.get_ref().map(|inner| inner as &(dyn StdError + 'static)),
        None => e.source(),
    })
}

/// Turn a reqwest failure into the sentence for what actually happened.
/// reqwest's own Display is not used: it is not a sentence and says nothing
/// of what to do.
pub(crate) fn classify(e: &reqwest::Error, target: &Target<'_>) -> ApiError {
    let host = target.host();
    if let Some(tls) = causes(e).find_map(|c| c.downcast_ref::<rustls::Error>()) {
        return tls_error(tls, host);
    }
    if e.is_timeout()
        || causes(e).any(|c| {
            c.downcast_ref::<io::Error>()
                .is_some_and(|io| io.kind() == io::ErrorKind::TimedOut)
        })
    {
        let after = if e.is_connect() {
            target.connect_timeout
        } else {
            target.timeout
        };
        return ApiError::Timeout { after };
    }
    // Checked before refusals: a proxy that refuses is not the server.
    // hyper-util's tunnel error type is private too; its text starts so.
    if let Some(detail) = causes(e).find_map(|c| {
        c.to_string()
            .strip_prefix("tunnel error: ")
            .map(|d| crate::text::clean_bounded(d, MAX_MESSAGE_CHARS))
    }) {
        return ApiError::Proxy { host, detail };
    }
    if causes(e).any(|c| {
        c.downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::ConnectionRefused)
    }) {
        let port = target.base.port_or_known_default().unwrap_or_default();
        return ApiError::Refused { host, port };
    }
    // hyper-util's connector reports resolver failures as a "dns error"
    // (its error type is private, so the text is all there is to go on).
    if causes(e).any(|c| c.to_string().starts_with("dns error")) {
        return ApiError::NameNotResolved { host };
    }
    if e.is_connect() {
        ApiError::Connect { host }
    } else if e.is_decode() {
        ApiError::Decode {
            detail: "the body could not be read".into(),
        }
    } else {
        let detail = if e.is_body() {
            "the response was cut off"
        } else if e.is_request() {
            "the connection was closed"
        } else {
            "the connection failed"
        };
        ApiError::Network {
            host,
            detail: detail.into(),
        }
    }
}

fn tls_error(tls: &rustls::Error, host: String) -> ApiError {
    match tls {
        rustls::Error::InvalidCertificate(cert) => match cert {
            CertificateError::UnknownIssuer => ApiError::UntrustedCertificate { host },
            CertificateError::Expired => ApiError::CertificateExpired {
                host,
                not_after: None,
            },
            CertificateError::ExpiredContext { not_after, .. } => ApiError::CertificateExpired {
                host,
                not_after: day(not_after.as_secs()),
            },
            CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. } => {
                ApiError::CertificateName { host }
            }
            CertificateError::NotValidYet | CertificateError::NotValidYetContext { .. } => {
                ApiError::Tls {
                    host,
                    reason: "its certificate is not valid yet; check this machine's clock".into(),
                }
            }
            other => ApiError::Tls {
                host,
                reason: format!(
                    "its certificate was refused: {}",
                    crate::text::clean_bounded(&other.to_string(), MAX_MESSAGE_CHARS)
                ),
            },
        },
        other => ApiError::Tls {
            host,
            reason: crate::text::clean_bounded(&other.to_string(), MAX_MESSAGE_CHARS),
        },
    }
}

fn day(unix_secs: u64) -> Option<String> {
    let secs = i64::try_from(unix_secs).ok()?;
    chrono::DateTime::from_timestamp(secs, 0).map(|t| t.format("%Y-%m-%d").to_string())
}

/// The error for a 3xx answer. Only origins (and, for a same-origin move, the
/// path) are named: a Location's query may carry a token.
pub(crate) fn redirect_error(base: &Url, request: &Url, location: Option<&str>) -> ApiError {
    let from = base.origin().ascii_serialization();
    let to = location
        .and_then(|l| request.join(l.trim()).ok())
        .filter(|u| matches!(u.scheme(), "http" | "https"))
        .map(|u| {
            let origin = u.origin().ascii_serialization();
            if origin == from {
                format!("{origin}{}", u.path())
            } else {
                origin
            }
        })
        .map(|t| crate::text::clean_bounded(&t, MAX_MESSAGE_CHARS));
    ApiError::Redirect { from, to }
}

/// The certificates of a PEM file (`ca_file`), checked so that a bad file is
/// reported as such rather than as a failed connection later.
pub(crate) fn load_ca_file(path: &Path) -> Result<Vec<reqwest::Certificate>, ApiError> {
    let shown = path.display();
    let bytes = std::fs::read(path).map_err(|e| {
        ApiError::Config(format!(
            "ca_file {shown} could not be read ({e}); point ca_file at a PEM file holding the CA certificate."
        ))
    })?;
    let bad = |detail: String| {
        ApiError::Config(format!(
            "ca_file {shown} is not a usable PEM certificate file ({detail}); export the CA certificate as PEM (-----BEGIN CERTIFICATE-----)."
        ))
    };
    let mut store = rustls::RootCertStore::empty();
    let mut certs = Vec::new();
    for der in CertificateDer::pem_slice_iter(&bytes) {
        let der = der.map_err(|e| bad(e.to_string()))?;
        let cert = reqwest::Certificate::from_der(der.as_ref())
            .map_err(|_| bad("a certificate could not be decoded".into()))?;
        store.add(der).map_err(|e| {
            bad(crate::text::clean_bounded(
                &e.to_string(),
                MAX_MESSAGE_CHARS,
            ))
        })?;
        certs.push(cert);
    }
    if certs.is_empty() {
        return Err(bad("it holds no certificate".into()));
    }
    Ok(certs)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(s: &str) -> Url {
        Url::parse(s).expect("url")
    }

    #[test]
    fn redirects_name_origins_and_never_a_query() {
        let base = url("https://service.cp42.click");
        let req = url("https://service.cp42.click/api/integration-requests?pageKey=x");
        let to = |loc: Option<&str>| match redirect_error(&base, &req, loc) {
            ApiError::Redirect { from, to } => {
                assert_eq!(from, "https://service.cp42.click");
                to
            }
            other => panic!("{other:?}"),
        };
        assert_eq!(
            to(Some("https://evil.example:8443/steal?key=1")).as_deref(),
            Some("https://evil.example:8443")
        );
        assert_eq!(
            to(Some("/login?next=%2F")).as_deref(),
            Some("https://service.cp42.click/login")
        );
        assert_eq!(to(Some("javascript:alert(1)")), None);
        assert_eq!(to(None), None);
    }

    #[test]
    fn certificate_verdicts_map_to_their_sentences() {
        let host = || "h.example".to_string();
        let cert = |c| rustls::Error::InvalidCertificate(c);
        assert!(matches!(
            tls_error(&cert(CertificateError::UnknownIssuer), host()),
            ApiError::UntrustedCertificate { .. }
        ));
        let expired = CertificateError::ExpiredContext {
            time: rustls::pki_types::UnixTime::since_unix_epoch(Duration::from_secs(1_700_000_000)),
            not_after: rustls::pki_types::UnixTime::since_unix_epoch(Duration::from_secs(
                1_600_000_000,
            )),
        };
        assert_eq!(
            tls_error(&cert(expired), host()),
            ApiError::CertificateExpired {
                host: host(),
                not_after: Some("2020-09-13".into())
            }
        );
        assert!(matches!(
            tls_error(&cert(CertificateError::NotValidForName), host()),
            ApiError::CertificateName { .. }
        ));
        let e = tls_error(&cert(CertificateError::NotValidYet), host());
        assert!(e.to_string().contains("clock"), "{e}");
        let e = tls_error(&rustls::Error::HandshakeNotComplete, host());
        assert!(matches!(e, ApiError::Tls { .. }), "{e:?}");
    }

    #[test]
    fn the_chain_steps_into_io_errors() {
        let inner = rustls::Error::InvalidCertificate(CertificateError::UnknownIssuer);
        let io = io::Error::new(io::ErrorKind::InvalidData, inner);
        assert!(
            causes(&io)
                .find_map(|c| c.downcast_ref::<rustls::Error>())
                .is_some()
        );
    }
}
