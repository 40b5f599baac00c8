//! Centrapay's error body, `{statusCode, error, message}`, and the refusals
//! the handlers answer with.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use crate::api::error::ErrorCode;
use crate::api::model::ErrorBody;

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

pub(crate) fn bad_request(message: impl Into<String>) -> Refusal {
    Refusal {
        status: StatusCode::BAD_REQUEST,
        message: message.into(),
    }
}

/// What Centrapay answers for a missing or foreign resource (not 404).
pub(crate) fn forbidden() -> Refusal {
    code_str("Forbidden")
}

pub(crate) fn code(c: ErrorCode) -> Refusal {
    code_str(c.as_str())
}

fn code_str(message: &str) -> Refusal {
    Refusal {
        status: StatusCode::FORBIDDEN,
        message: message.to_string(),
    }
}
