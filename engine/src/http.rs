//! The request pipeline: everything every request goes through, in one place.
//!
//! CORS preflight → route (`labs_core::routes::resolve`) → dev-clock gate → auth and scope
//! → body (size limit, JSON) → handler → response (envelope, CORS, `X-Request-Id`) → one
//! log line. A handler's internal failure is logged here with the request id and answered
//! with a generic 500 that carries only that id.
//!
//! The adapter hands over a [`Request`] (method as sent, raw path, decoded query, the few
//! headers the API reads) and a [`Body`] that is read only when the route takes one, and
//! gets back a [`Response`] to send as it is.

use std::rc::Rc;

use labs_core::envelope;
use labs_core::error::{ApiError, ErrorKind};
use labs_core::log::Level;
use labs_core::routes::{self, Method, Route};
use labs_core::validation;
use serde_json::Value;

use crate::config::DevClock;
use crate::handlers::{self, RequestContext, cleanup, dev, history, sessions, status, tokens};
use crate::log::{Field, Logger};
use crate::reply::{Failure, Handled};
use crate::{Engine, Platform, auth};

/// The largest request body accepted: 64 KiB.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// The request headers the API reads (lowercase); adapters pass these and no others.
pub const READ_HEADERS: &[&str] = &[
    "authorization",
    "origin",
    "content-length",
    "idempotency-key",
];

/// A request as the engine sees it.
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// The method as sent (`GET`, `QUERY`, ...): a method the runtime does not know must
    /// reach the router as it is, to get a 405.
    pub method: String,
    /// The raw, percent-encoded path, without the query string.
    pub path: String,
    /// The query string's pairs, decoded.
    pub query: Vec<(String, String)>,
    /// The values of [`READ_HEADERS`] that were sent, names lowercase.
    pub headers: Vec<(String, String)>,
}

impl Request {
    /// The value of header `name` (lowercase), if sent.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// A request body, read only when the route takes one.
#[allow(async_fn_in_trait)]
pub trait Body {
    /// Reads the whole body.
    async fn read(self) -> Result<Vec<u8>, String>;
}

impl Body for Vec<u8> {
    async fn read(self) -> Result<Vec<u8>, String> {
        Ok(self)
    }
}

/// The answer to send.
#[derive(Debug, Clone, PartialEq)]
pub struct Response {
    /// HTTP status.
    pub status: u16,
    /// Headers besides the body's.
    pub headers: Vec<(&'static str, String)>,
    /// The body: JSON or text, or empty for a 204.
    pub body: String,
    /// A static asset (its path) the adapter sends as the body instead.
    pub asset: Option<&'static str>,
}

/// The pairs of a raw (still percent-encoded) query string, decoded as HTML forms encode
/// them (`+` is a space).
pub fn query_pairs(raw: &str) -> Vec<(String, String)> {
    let decode = |s: &str| {
        percent_encoding::percent_decode_str(&s.replace('+', " "))
            .decode_utf8_lossy()
            .into_owned()
    };
    raw.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (decode(k), decode(v))
        })
        .collect()
}

/// The raw path and query string of an absolute URL (`http://host/a%20b?x=1#f`).
pub fn split_url(url: &str) -> (&str, &str) {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let rest = rest.split_once('#').map_or(rest, |(r, _)| r);
    let at = rest.find('/').unwrap_or(rest.len());
    let target = &rest[at..];
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    (if path.is_empty() { "/" } else { path }, query)
}

/// Handles one request.
pub async fn handle<P: Platform>(
    engine: &Rc<Engine<P>>,
    request: Request,
    body: impl Body,
) -> Response {
    let host = &engine.host;
    let started = host.clock.wall_ms();
    let request_id = host.uuid();
    let logger = engine.logger().with("request_id", request_id.clone());
    let method = Method::parse(&request.method);
    let origin = request.header("origin").map(str::to_owned);
    let cors = &engine.config.cors;

    if method == Method::Options {
        let mut headers = cors.preflight_headers(origin.as_deref());
        headers.push(("X-Request-Id", request_id));
        log_completion(
            &logger,
            &request.method,
            "cors_preflight",
            204,
            started,
            host,
            Level::Debug,
            None,
            None,
        );
        return Response {
            status: 204,
            headers,
            body: String::new(),
            asset: None,
        };
    }

    let route = routes::resolve(method, &request.path);
    let route_name = route.as_ref().map(Route::name).unwrap_or("unmatched");
    let user_id = match &route {
        Ok(Route::GetSession(u) | Route::UpdateSession(u) | Route::DeleteSession(u)) => {
            Some(u.clone())
        }
        _ => None,
    };
    let mut caller = None;
    let outcome = match route {
        Ok(route) => serve(engine, &logger, &request, body, route, &mut caller).await,
        Err(e) => Err(Failure::Api(e)),
    };

    let mut content_type = "application/json";
    let mut asset = None;
    let (status, body, allow) = match outcome {
        Ok(reply) => {
            content_type = reply.content_type;
            asset = reply.asset;
            (reply.status, reply.body.into_owned(), None)
        }
        Err(Failure::Api(e)) => {
            let allow = match &e.kind {
                ErrorKind::MethodNotAllowed(allow) => Some(allow.clone()),
                _ => None,
            };
            let id = (e.status() >= 500).then_some(request_id.as_str());
            (e.status(), envelope::failure(&e, id), allow)
        }
        Err(Failure::Internal(cause)) => {
            logger.emit(
                logger
                    .line(Level::Error, "internal error")
                    .with("route", route_name)
                    .with("error", cause),
            );
            (
                500,
                envelope::failure(&ApiError::internal(), Some(&request_id)),
                None,
            )
        }
    };

    let mut headers = vec![
        ("Content-Type", content_type.to_owned()),
        ("X-Request-Id", request_id),
    ];
    if let Some(allow) = allow {
        headers.push(("Allow", allow));
    }
    headers.extend(cors.response_headers(origin.as_deref()));
    let level = match status {
        500.. => Level::Error,
        401 | 403 => Level::Warn,
        _ => Level::Info,
    };
    log_completion(
        &logger,
        &request.method,
        route_name,
        status,
        started,
        host,
        level,
        user_id,
        caller,
    );
    Response {
        status,
        headers,
        body,
        asset,
    }
}

#[allow(clippy::too_many_arguments)]
fn log_completion(
    logger: &Logger,
    method: &str,
    route: &str,
    status: u16,
    started: i64,
    host: &crate::host::Host,
    level: Level,
    user_id: Option<String>,
    caller: Option<String>,
) {
    if !logger.enabled(level) {
        return;
    }
    // Built as text directly (issue 11): this line is written for every request.
    let mut fields = vec![
        ("method", Field::Str(method)),
        ("route", Field::Str(route)),
        ("status", Field::Int(i64::from(status))),
        (
            "duration_ms",
            Field::Int(host.clock.wall_ms().saturating_sub(started)),
        ),
    ];
    if let Some(user) = &user_id {
        fields.push(("user_id", Field::Str(user)));
    }
    if let Some(caller) = &caller {
        fields.push(("principal", Field::Str(caller)));
    }
    logger.emit_fields(level, "request completed", &fields);
}

/// Gates, authenticates, reads the body and runs the route's handler.
async fn serve<P: Platform>(
    engine: &Rc<Engine<P>>,
    logger: &Logger,
    request: &Request,
    body: impl Body,
    route: Route,
    caller: &mut Option<String>,
) -> Handled {
    match engine.config.dev_clock {
        DevClock::Refused => logger.log(
            Level::Critical,
            "LABS_DEV_CLOCK is set outside a development or test environment and is ignored; remove it",
        ),
        DevClock::On | DevClock::Off => {}
    }
    // Outside development and test the dev clock's route does not exist: refused before
    // anything else is read.
    if route == Route::SetDevClock && engine.config.dev_clock != DevClock::On {
        return Err(ApiError::route_not_found().into());
    }
    let now = engine.clock().await?.now();
    if route.requires_auth() {
        let header = request.header("authorization");
        let principal = match auth::authenticate(engine, header, now).await {
            Ok(principal) => principal,
            Err(failure) => {
                // Never the presented token: only whether a header was there at all.
                logger.emit(
                    logger
                        .line(Level::Warn, "authentication failed")
                        .with("route", route.name())
                        .with(
                            "authorization_header",
                            if header.is_some() {
                                "present"
                            } else {
                                "absent"
                            },
                        ),
                );
                return Err(failure);
            }
        };
        *caller = Some(principal.label());
        if !principal.scope().allows(&route) {
            logger.emit(
                logger
                    .line(Level::Warn, "scope too small for route")
                    .with("route", route.name())
                    .with("principal", principal.label())
                    .with("scope", principal.scope().as_str()),
            );
            return Err(ApiError::forbidden().into());
        }
    }
    let rc = RequestContext {
        engine,
        logger: logger.clone(),
        query: &request.query,
        now,
    };
    match route {
        Route::Root => Ok(handlers::root(&rc)),
        Route::Health => Ok(handlers::health(&rc)),
        Route::OpenApi => handlers::openapi(),
        Route::CreateSession => {
            let key = request.header("idempotency-key");
            sessions::create_session(&rc, key, read_json(request, body).await?).await
        }
        Route::ListHistory => history::list_history(&rc).await,
        Route::Status => status::get_status(&rc).await,
        Route::Metrics => status::get_metrics(&rc).await,
        Route::GetHistory(id) => history::get_history(&rc, &id).await,
        Route::ListSessions => sessions::list_sessions(&rc).await,
        Route::GetSession(user) => sessions::get_session(&rc, &user).await,
        Route::UpdateSession(user) => {
            sessions::update_session(&rc, &user, read_json(request, body).await?).await
        }
        Route::DeleteSession(user) => sessions::delete_session(&rc, &user).await,
        Route::RunCleanup => cleanup::run_cleanup(&rc, read_json(request, body).await?).await,
        Route::ListCleanupRuns => cleanup::list_cleanup_runs(&rc).await,
        Route::GetCleanupRun(id) => cleanup::get_cleanup_run(&rc, &id).await,
        Route::ListCleanupQueue => cleanup::list_cleanup_queue(&rc).await,
        Route::RetryCleanupItem(id) => cleanup::retry_cleanup_item(&rc, &id).await,
        Route::RetryDeadCleanupItems => cleanup::retry_dead_cleanup_items(&rc).await,
        Route::SetDevClock => dev::set_dev_clock(&rc, read_json(request, body).await?).await,
        Route::CreateToken => tokens::create_token(&rc, read_json(request, body).await?).await,
        Route::ListTokens => tokens::list_tokens(&rc).await,
        Route::RevokeToken(id) => tokens::revoke_token(&rc, &id).await,
    }
}

/// Reads the body as JSON: `None` when empty, 413 over [`MAX_BODY_BYTES`], 400 when not JSON.
async fn read_json(request: &Request, body: impl Body) -> Result<Option<Value>, Failure> {
    let declared = request
        .header("content-length")
        .and_then(|v| v.trim().parse::<usize>().ok());
    if declared.is_some_and(|n| n > MAX_BODY_BYTES) {
        return Err(ApiError::payload_too_large(MAX_BODY_BYTES).into());
    }
    let bytes = body.read().await.map_err(Failure::Internal)?;
    if bytes.len() > MAX_BODY_BYTES {
        return Err(ApiError::payload_too_large(MAX_BODY_BYTES).into());
    }
    let text = String::from_utf8(bytes).map_err(|_| ApiError::invalid_json())?;
    Ok(validation::parse_json_body(&text)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_split_into_raw_path_and_query() {
        assert_eq!(
            split_url("http://h:1/a%20b/c?x=1&y=2#f"),
            ("/a%20b/c", "x=1&y=2")
        );
        assert_eq!(split_url("https://h"), ("/", ""));
        assert_eq!(split_url("http://h/?q"), ("/", "q"));
    }

    #[test]
    fn query_pairs_decode_like_forms() {
        assert_eq!(
            query_pairs("user_id=a%2Fb+c&empty=&flag&x=%E2%9C%93"),
            vec![
                ("user_id".to_owned(), "a/b c".to_owned()),
                ("empty".to_owned(), String::new()),
                ("flag".to_owned(), String::new()),
                ("x".to_owned(), "✓".to_owned()),
            ]
        );
        assert!(query_pairs("").is_empty());
    }
}
