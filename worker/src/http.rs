//! The request pipeline: everything every request goes through, in one place.
//!
//! request id → CORS preflight → route (`labs_core::routes::resolve`) → auth → body (size
//! limit, JSON) → handler → response (envelope, CORS, `X-Request-Id`) → one log line.
//! A handler's internal failure is logged here with the request id and answered with a
//! generic 500 that carries only that id.

use labs_core::envelope;
use labs_core::error::ApiError;
use labs_core::log::Level;
use labs_core::routes::{self, Method, Route};
use labs_core::time::Timestamp;
use labs_core::validation;
use serde_json::Value;
use worker::{Context, D1Database, Date, Env, Request, Response, Result};

use crate::auth;
use crate::clock;
use crate::config::Config;
use crate::handlers::{self, cleanup, dev, sessions, tokens};
use crate::logger::Logger;
use crate::random;

/// The largest request body accepted: 64 KiB.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// A successful answer: status and JSON body.
pub struct Reply {
    /// HTTP status.
    pub status: u16,
    /// JSON body.
    pub body: Value,
}

impl Reply {
    /// A 200.
    pub fn ok(body: Value) -> Reply {
        Reply { status: 200, body }
    }
}

/// Why a handler did not answer normally.
#[derive(Debug)]
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

impl From<worker::Error> for Failure {
    fn from(e: worker::Error) -> Failure {
        Failure::Internal(e.to_string())
    }
}

/// What a handler may use.
pub struct RequestContext<'a> {
    /// The database.
    pub db: D1Database,
    /// The environment (for work that outlives the response, which needs its own bindings).
    pub env: Env,
    /// The configuration.
    pub config: &'a Config,
    /// A logger carrying the request id.
    pub logger: Logger,
    /// The invocation context (for `wait_until`).
    pub ctx: &'a Context,
    /// The query string's pairs.
    pub query: Vec<(String, String)>,
    /// "Now" for this request, read once (it costs a D1 query when the dev clock is on).
    pub now: Timestamp,
}

impl RequestContext<'_> {
    /// The value of query parameter `name`, if present.
    pub fn query(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Handles one request.
pub async fn handle(mut req: Request, env: Env, ctx: Context) -> Result<Response> {
    let started = Date::now().as_millis();
    let request_id = random::uuid();
    let config = Config::from_env(&env);
    let logger = Logger::new(config.log_level).with("request_id", request_id.clone());
    // The method as sent: workers-rs maps a method it does not know (`QUERY`, ...) to GET,
    // which would serve it as a GET instead of a 405 (found by schemathesis).
    let method_name = req.inner().method();
    let method = Method::parse(&method_name);
    let path = req.path();
    let origin = req.headers().get("Origin")?;

    if method == Method::Options {
        let mut response = Response::empty()?.with_status(204);
        for (name, value) in config.cors.preflight_headers(origin.as_deref()) {
            response.headers_mut().set(name, &value)?;
        }
        response.headers_mut().set("X-Request-Id", &request_id)?;
        logger.emit(
            logger
                .line(Level::Debug, "request completed")
                .with("method", method_name)
                .with("route", "cors_preflight")
                .with("status", 204)
                .with(
                    "duration_ms",
                    Date::now().as_millis().saturating_sub(started),
                ),
        );
        return Ok(response);
    }

    let route = routes::resolve(method, &path);
    let route_name = route.as_ref().map(Route::name).unwrap_or("unmatched");
    let user_id = match &route {
        Ok(Route::GetSession(u) | Route::UpdateSession(u) | Route::DeleteSession(u)) => {
            Some(u.clone())
        }
        _ => None,
    };
    let mut caller = None;
    let outcome = match route {
        Ok(route) => serve(&mut req, &env, &ctx, &config, &logger, route, &mut caller).await,
        Err(e) => Err(Failure::Api(e)),
    };

    let (status, body, allow) = match outcome {
        Ok(reply) => (reply.status, reply.body, None),
        Err(Failure::Api(e)) => {
            let allow = match &e.kind {
                labs_core::error::ErrorKind::MethodNotAllowed(allow) => Some(allow.clone()),
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
            let e = ApiError::internal();
            (500, envelope::failure(&e, Some(&request_id)), None)
        }
    };

    let mut response = Response::from_json(&body)?.with_status(status);
    let headers = response.headers_mut();
    headers.set("Content-Type", "application/json")?;
    headers.set("X-Request-Id", &request_id)?;
    if let Some(allow) = allow {
        headers.set("Allow", &allow)?;
    }
    for (name, value) in config.cors.response_headers(origin.as_deref()) {
        headers.set(name, &value)?;
    }

    let level = match status {
        500.. => Level::Error,
        401 | 403 => Level::Warn,
        _ => Level::Info,
    };
    let mut line = logger
        .line(level, "request completed")
        .with("method", method_name)
        .with("route", route_name)
        .with("status", status)
        .with(
            "duration_ms",
            Date::now().as_millis().saturating_sub(started),
        );
    if let Some(user) = user_id {
        line = line.with("user_id", user);
    }
    if let Some(caller) = caller {
        line = line.with("principal", caller);
    }
    logger.emit(line);
    Ok(response)
}

/// Authenticates, reads the body and runs the route's handler.
async fn serve(
    req: &mut Request,
    env: &Env,
    ctx: &Context,
    config: &Config,
    logger: &Logger,
    route: Route,
    caller: &mut Option<String>,
) -> std::result::Result<Reply, Failure> {
    if config.dev_clock_refused {
        logger.log(
            Level::Critical,
            "LABS_DEV_CLOCK is set in production and is ignored; remove it",
        );
    }
    let db = env.d1("DB")?;
    let now = clock::now(&db, config).await?;
    if route.requires_auth() {
        let header = req.headers().get("Authorization")?;
        let principal =
            match auth::authenticate(header.as_deref(), config, &db, env, ctx, now).await {
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
    let query = req
        .url()?
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    let rc = RequestContext {
        db,
        env: env.clone(),
        config,
        logger: logger.clone(),
        ctx,
        query,
        now,
    };
    match route {
        Route::Root => Ok(handlers::root(&rc)),
        Route::Health => Ok(handlers::health()),
        Route::OpenApi => handlers::openapi(),
        Route::CreateSession => sessions::create_session(&rc, read_json(req).await?).await,
        Route::ListSessions => sessions::list_sessions(&rc).await,
        Route::GetSession(user) => sessions::get_session(&rc, &user).await,
        Route::UpdateSession(user) => {
            sessions::update_session(&rc, &user, read_json(req).await?).await
        }
        Route::DeleteSession(user) => sessions::delete_session(&rc, &user).await,
        Route::RunCleanup => cleanup::run_cleanup(&rc, read_json(req).await?).await,
        Route::ListCleanupRuns => cleanup::list_cleanup_runs(&rc).await,
        Route::GetCleanupRun(id) => cleanup::get_cleanup_run(&rc, &id).await,
        Route::ListCleanupQueue => cleanup::list_cleanup_queue(&rc).await,
        Route::RetryCleanupItem(id) => cleanup::retry_cleanup_item(&rc, &id).await,
        Route::RetryDeadCleanupItems => cleanup::retry_dead_cleanup_items(&rc).await,
        Route::SetDevClock => dev::set_dev_clock(&rc, read_json(req).await?).await,
        Route::CreateToken => tokens::create_token(&rc, read_json(req).await?).await,
        Route::ListTokens => tokens::list_tokens(&rc).await,
        Route::RevokeToken(id) => tokens::revoke_token(&rc, &id).await,
    }
}

/// Reads the body as JSON: `None` when empty, 413 over [`MAX_BODY_BYTES`], 400 when not JSON.
async fn read_json(req: &mut Request) -> std::result::Result<Option<Value>, Failure> {
    let declared = req
        .headers()
        .get("Content-Length")?
        .and_then(|v| v.trim().parse::<usize>().ok());
    if declared.is_some_and(|n| n > MAX_BODY_BYTES) {
        return Err(ApiError::payload_too_large(MAX_BODY_BYTES).into());
    }
    let bytes = req.bytes().await?;
    if bytes.len() > MAX_BODY_BYTES {
        return Err(ApiError::payload_too_large(MAX_BODY_BYTES).into());
    }
    let text = String::from_utf8(bytes).map_err(|_| ApiError::invalid_json())?;
    Ok(validation::parse_json_body(&text)?)
}
