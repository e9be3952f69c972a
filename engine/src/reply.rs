//! What handlers return: a [`Reply`], or a [`Failure`] the pipeline turns into an answer.

use std::borrow::Cow;

use labs_core::error::ApiError;

use crate::db::DbError;

/// A successful answer: status and body text.
#[derive(Debug, Clone, PartialEq)]
pub struct Reply {
    /// HTTP status.
    pub status: u16,
    /// The body, as text of `content_type` (JSON unless said otherwise).
    pub body: Cow<'static, str>,
    /// The body's `Content-Type`.
    pub content_type: &'static str,
    /// A static asset to send as the body (by its path), instead of `body`.
    pub asset: Option<&'static str>,
}

impl Reply {
    /// A 200 whose body is `json` (JSON text, such as an `envelope` body).
    pub fn ok(json: impl Into<Cow<'static, str>>) -> Reply {
        Reply::raw(200, json)
    }

    /// A 201 whose body is `json`.
    pub fn created(json: impl Into<Cow<'static, str>>) -> Reply {
        Reply::raw(201, json)
    }

    /// An answer whose body is `json`, sent as it is.
    pub fn raw(status: u16, json: impl Into<Cow<'static, str>>) -> Reply {
        Reply::text(status, "application/json", json)
    }

    /// An answer whose body is `text` of `content_type`.
    pub fn text(
        status: u16,
        content_type: &'static str,
        text: impl Into<Cow<'static, str>>,
    ) -> Reply {
        Reply {
            status,
            body: text.into(),
            content_type,
            asset: None,
        }
    }

    /// A 200 whose body is the static JSON asset at `path`.
    pub fn asset(path: &'static str) -> Reply {
        Reply {
            asset: Some(path),
            ..Reply::ok("")
        }
    }
}

/// Why a handler did not answer normally.
#[derive(Debug, Clone, PartialEq)]
pub enum Failure {
    /// An answer for the client (4xx, or a 500 the handler chose).
    Api(ApiError),
    /// An internal error: logged with the request id, never sent.
    Internal(String),
}

impl From<ApiError> for Failure {
    fn from(e: ApiError) -> Failure {
        Failure::Api(e)
    }
}

impl From<DbError> for Failure {
    fn from(e: DbError) -> Failure {
        Failure::Internal(e.to_string())
    }
}

/// What a handler returns.
pub type Handled = Result<Reply, Failure>;
