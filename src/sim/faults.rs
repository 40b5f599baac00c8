//! Fault injection: latency, rate limiting, server errors, dropped
//! connections and broken bodies, so a client's resilience can be exercised
//! against a real socket.

use std::sync::Arc;
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};

use super::Shared;
use super::calls::bump;
use super::refusal::error_response;

/// Fault settings; all zero (the default) means a well-behaved server.
/// Rates are probabilities in `[0, 1]`, drawn independently per request in
/// the order: latency, rate limit, error, drop, garbage, empty body.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Faults {
    pub latency_min_ms: u64,
    pub latency_max_ms: u64,
    pub error_rate: f64,
    pub drop_rate: f64,
    pub rate_limit_rate: f64,
    pub retry_after_secs: u64,
    /// A token bucket of this many calls per second (burst as many); 0 is
    /// no limit. Unlike `rate_limit_rate`, refusals follow the load.
    pub rate_limit: u32,
    pub garbage_rate: f64,
    pub empty_body_rate: f64,
    /// Every activation is answered 400, so a run's failures can be made
    /// to order.
    pub refuse_activations: bool,
    /// Every change (create, update, activate) is applied, and its answer
    /// is lost: what a client must settle by reading back.
    pub drop_writes_after: bool,
    /// Every terminalId update is answered 200 with the record unchanged,
    /// and not applied: a success that does not hold the value sent.
    pub ignore_updates: bool,
    /// A search's last page names its own key as the next page, as a
    /// server paging in a loop would: a client must stop, not page forever.
    pub page_key_cycle: bool,
}

impl Faults {
    /// Parse a latency given as `"50"` (fixed) or `"20..80"` (uniform range), in ms.
    pub fn parse_latency(s: &str) -> Result<(u64, u64), String> {
        let s = s.trim();
        let num = |t: &str| {
            let t = t.trim();
            let t = t.strip_suffix("ms").unwrap_or(t).trim();
            t.parse::<u64>().map_err(|_| {
                format!("latency {s:?} is not a number of milliseconds (use e.g. 50 or 20..80)")
            })
        };
        match s.split_once("..") {
            None => {
                let v = num(s)?;
                Ok((v, v))
            }
            Some((lo, hi)) => {
                let (lo, hi) = (num(lo)?, num(hi.trim_start_matches('='))?);
                if lo > hi {
                    Err(format!(
                        "latency range {s:?} has its minimum above its maximum"
                    ))
                } else {
                    Ok((lo, hi))
                }
            }
        }
    }

    /// The first rate that is not a probability, with its field name.
    pub fn rate_out_of_range(&self) -> Option<(&'static str, f64)> {
        [
            ("error_rate", self.error_rate),
            ("drop_rate", self.drop_rate),
            ("rate_limit_rate", self.rate_limit_rate),
            ("garbage_rate", self.garbage_rate),
            ("empty_body_rate", self.empty_body_rate),
        ]
        .into_iter()
        .find(|(_, v)| !(0.0..=1.0).contains(v))
    }

    /// Check that every rate is a probability.
    pub fn validate(&self) -> Result<(), String> {
        if let Some((name, _)) = self.rate_out_of_range() {
            return Err(format!("{name} must be between 0 and 1"));
        }
        if self.latency_min_ms > self.latency_max_ms {
            return Err("latency_min_ms must not exceed latency_max_ms".to_string());
        }
        Ok(())
    }

    /// True when the server behaves perfectly.
    pub fn is_none(&self) -> bool {
        *self == Faults::default()
    }
}

/// Middleware around the /api routes.
pub(crate) async fn inject(
    State(shared): State<Arc<Shared>>,
    req: Request,
    next: Next,
) -> Response {
    let c = &shared.counters;
    bump(&c.total_calls);
    let _in_flight = c.enter();
    let f = shared.faults();
    let rng = &shared.rng;

    let (lo, hi) = (
        f.latency_min_ms.min(f.latency_max_ms),
        f.latency_min_ms.max(f.latency_max_ms),
    );
    let delay = rng.range(lo, hi);
    if delay > 0 {
        bump(&c.delayed);
        tokio::time::sleep(Duration::from_millis(delay)).await;
    }
    if let Err(wait) = shared
        .bucket
        .take(f.rate_limit, tokio::time::Instant::now())
    {
        bump(&c.rate_limited);
        bump(&c.bucket_refusals);
        let mut resp = error_response(StatusCode::TOO_MANY_REQUESTS, "RATE_LIMIT_EXCEEDED");
        resp.headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(wait.as_secs()));
        return resp;
    }
    if rng.chance(f.rate_limit_rate) {
        bump(&c.rate_limited);
        let mut resp = error_response(StatusCode::TOO_MANY_REQUESTS, "RATE_LIMIT_EXCEEDED");
        resp.headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(f.retry_after_secs));
        return resp;
    }
    if let Some(resp) = ordered_fault(&shared, &f, &req) {
        return resp;
    }
    if f.drop_writes_after && req.method() != axum::http::Method::GET {
        let _applied = next.run(req).await;
        bump(&c.dropped_after);
        return dropped();
    }
    if rng.chance(f.error_rate) {
        bump(&c.server_errors);
        return error_response(
            StatusCode::INTERNAL_SERVER_ERROR,
            "An internal server error occurred",
        );
    }
    if rng.chance(f.drop_rate) {
        if rng.chance(0.5) {
            bump(&c.dropped_before);
            return dropped();
        }
        // The operation is applied but its answer never arrives: the case a
        // client must resolve by reading the resource back, not by assuming.
        let _applied = next.run(req).await;
        bump(&c.dropped_after);
        return dropped();
    }
    if rng.chance(f.garbage_rate) {
        let _applied = next.run(req).await;
        bump(&c.garbage);
        return json_200(Body::from(r#"{"items": [tru"#));
    }
    if rng.chance(f.empty_body_rate) {
        let _applied = next.run(req).await;
        bump(&c.empty_bodies);
        return json_200(Body::empty());
    }
    next.run(req).await
}

/// The faults that answer for the server without reaching it.
fn ordered_fault(shared: &Shared, f: &Faults, req: &Request) -> Option<Response> {
    let path = req.uri().path();
    if f.refuse_activations && path.ends_with("/activate") {
        return Some(error_response(
            StatusCode::BAD_REQUEST,
            "activation refused by a simulated fault",
        ));
    }
    let update = path.ends_with("/update") || path.ends_with("/configs");
    if f.ignore_updates && update && req.method() != axum::http::Method::GET {
        let id = path
            .trim_start_matches("/api/integration-requests/")
            .split('/')
            .next()?;
        let current = shared.read_store().get(id).cloned()?;
        let body = serde_json::to_vec(&current).ok()?;
        return Some(json_200(Body::from(body)));
    }
    None
}

fn json_200(body: Body) -> Response {
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
        body,
    )
        .into_response()
}

/// A response whose body fails before its first byte. hyper buffers the head
/// until body data arrives, so the failure aborts the connection with nothing
/// sent and the client sees a connection error rather than a status.
fn dropped() -> Response {
    let stream = futures_util::stream::once(async {
        Err::<Bytes, std::io::Error>(std::io::Error::new(
            std::io::ErrorKind::ConnectionAborted,
            "simulated connection drop",
        ))
    });
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
        Body::from_stream(stream),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latency_parses_fixed_and_ranges() {
        assert_eq!(Faults::parse_latency("50"), Ok((50, 50)));
        assert_eq!(Faults::parse_latency(" 20..80 "), Ok((20, 80)));
        assert_eq!(Faults::parse_latency("20ms..80ms"), Ok((20, 80)));
        assert!(Faults::parse_latency("80..20").is_err());
        assert!(Faults::parse_latency("fast").is_err());
        assert!(Faults::parse_latency("").is_err());
    }

    #[test]
    fn validate_rejects_out_of_range_rates() {
        assert!(Faults::default().validate().is_ok());
        let f = Faults {
            error_rate: 1.5,
            ..Faults::default()
        };
        assert!(f.validate().is_err());
        let f = Faults {
            drop_rate: f64::NAN,
            ..Faults::default()
        };
        assert!(f.validate().is_err());
    }
}
