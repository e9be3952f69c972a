//! The HTTP client of the Lab Sessions API: requests, the response envelope, retries,
//! timeouts, the spinner and `-v` tracing.
//!
//! - Every response is decoded as JSON. A `{"success": true, "data": ...}` envelope yields
//!   its `data`; a body without an envelope (`/health`) is returned whole; an error
//!   envelope `{"success": false, "error", "code"?, "details"?}` becomes an [`ApiError`].
//! - GET, PUT and DELETE are retried after a connection error, a timeout or a 5xx, with
//!   exponential backoff (200 ms, 400 ms, 800 ms, ...). A POST is retried only when it
//!   carries an `Idempotency-Key` ([`Client::call_with_key`], `session create`): the Worker
//!   answers a repeat of the same key and body with the first answer, so a create that
//!   reached the Worker never runs twice; a repeat that arrives while the first is still
//!   running is told so (409 `idempotency_key_in_use`) and is retried too. Other POSTs (a
//!   sweep, a minted token) are never retried. [`Client::attempt`] makes one attempt and
//!   returns an [`Attempt`]; [`Client::send`] owns the loop and the delays.
//! - `-v` traces method, URL, status and duration to stderr, `-vv` also the bodies. The
//!   `Authorization` header is never traced: the token lives in a [`Token`]. Traced bodies
//!   go through [`redact`] first: a minted API token (`token create`'s answer, or one sent
//!   to `api`) never reaches the trace; then through
//!   [`escape_controls`](crate::output::escape_controls), as all human output does.

use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use labs_core::error::ErrorKind;
use labs_core::idempotency;
use labs_core::tokens::{TOKEN_PREFIX, looks_minted};
use reqwest::{Method, StatusCode};
use serde_json::Value;
use tracing::{debug, info};

use crate::credentials::Token;
use crate::exit::{ApiError, CliError};
use crate::output::escape_controls;

/// The first retry delay; each further retry doubles it.
const BACKOFF_BASE: Duration = Duration::from_millis(200);
/// How long a request runs before the spinner appears.
const SPINNER_DELAY: Duration = Duration::from_millis(300);

/// How to reach the Worker.
#[derive(Debug, Clone)]
pub struct ClientConfig {
    /// Base URL without a trailing `/`.
    pub base_url: String,
    /// Bearer token, when the command needs or has one.
    pub token: Option<Token>,
    /// Timeout of each attempt.
    pub timeout: Duration,
    /// Retries of idempotent requests.
    pub retries: u32,
    /// Show a spinner on stderr while a request is slow.
    pub spinner: bool,
}

/// A response as received: status and body text.
#[derive(Debug, Clone)]
pub struct RawResponse {
    /// The HTTP status.
    pub status: StatusCode,
    /// The body.
    pub body: String,
}

impl RawResponse {
    /// The body as JSON, if it is JSON.
    pub fn json(&self) -> Option<Value> {
        serde_json::from_str(&self.body).ok()
    }

    /// The `data` of a success envelope, the whole body when it has no envelope, or the
    /// [`ApiError`] of an error answer.
    pub fn into_data(self) -> Result<Value, CliError> {
        let json = self.json();
        if self.status.is_success() {
            return match json {
                Some(Value::Object(mut obj)) if obj.get("success") == Some(&Value::Bool(true)) => {
                    Ok(obj.remove("data").unwrap_or(Value::Null))
                }
                Some(other) => Ok(other),
                None if self.body.trim().is_empty() => Ok(Value::Null),
                None => Err(CliError::Other(anyhow::anyhow!(
                    "the Worker answered {} with a body that is not JSON: {}",
                    self.status,
                    snippet(&self.body)
                ))),
            };
        }
        Err(self.into_error(json))
    }

    /// The [`ApiError`] of a non-2xx answer.
    pub fn error(&self) -> CliError {
        self.clone().into_error(self.json())
    }

    fn into_error(self, json: Option<Value>) -> CliError {
        let field = |name: &str| json.as_ref().and_then(|j| j.get(name)).cloned();
        let message = field("error")
            .and_then(|e| e.as_str().map(str::to_owned))
            .or_else(|| field("message").and_then(|m| m.as_str().map(str::to_owned)))
            .unwrap_or_else(|| {
                let reason = self.status.canonical_reason().unwrap_or("error");
                match json {
                    None if !self.body.trim().is_empty() => {
                        format!(
                            "HTTP {} {reason}: {}",
                            self.status.as_u16(),
                            snippet(&self.body)
                        )
                    }
                    _ => format!("HTTP {} {reason}", self.status.as_u16()),
                }
            });
        let mut message = message;
        if let Some(id) = field("request_id").and_then(|v| v.as_str().map(str::to_owned)) {
            message.push_str(&format!(" (request id {id})"));
        }
        CliError::from(ApiError {
            status: self.status.as_u16(),
            message,
            code: field("code").and_then(|c| c.as_str().map(str::to_owned)),
            details: field("details").filter(|d| !d.is_null()),
        })
    }
}

fn snippet(body: &str) -> String {
    let one_line = body.trim().replace('\n', " ");
    match one_line.char_indices().nth(200) {
        Some((cut, _)) => format!("{}…", &one_line[..cut]),
        None => one_line,
    }
}

/// The outcome of one attempt.
#[derive(Debug)]
pub enum Attempt {
    /// A final answer (any status that is not worth retrying).
    Done(RawResponse),
    /// A failure worth retrying if the method allows it: a 5xx, or a transport error.
    Retryable(Result<RawResponse, CliError>),
}

/// The API client.
#[derive(Debug, Clone)]
pub struct Client {
    http: reqwest::Client,
    config: ClientConfig,
}

impl Client {
    /// Builds a client; the timeout is set here, once.
    pub fn new(config: ClientConfig) -> Result<Self, CliError> {
        let http = reqwest::Client::builder()
            .timeout(config.timeout)
            .connect_timeout(config.timeout)
            .user_agent(concat!("labctl/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| {
                CliError::Other(anyhow::Error::new(e).context("cannot build the HTTP client"))
            })?;
        Ok(Self { http, config })
    }

    /// The base URL.
    pub fn base_url(&self) -> &str {
        &self.config.base_url
    }

    /// Whether the client has a token.
    pub fn has_token(&self) -> bool {
        self.config.token.is_some()
    }

    /// The same client without its spinner, for commands that draw their own progress.
    pub fn without_spinner(mut self) -> Self {
        self.config.spinner = false;
        self
    }

    /// The same client with another limit on each request's answer (`cleanup run` waits for
    /// a whole sweep); connecting keeps the limit the client was built with, so a Worker that
    /// is not there is still reported as soon as before.
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.config.timeout = timeout;
        self
    }

    /// Sends a request and decodes the envelope: `data` on success, an error otherwise.
    pub async fn call(
        &self,
        method: Method,
        path: &str,
        body: Option<&Value>,
    ) -> Result<Value, CliError> {
        self.send(method, path, body.map(Value::to_string))
            .await?
            .into_data()
    }

    /// [`Client::call`] with an `Idempotency-Key`: the request is retried like an idempotent
    /// one (after a connection error, a timeout, a 5xx, or a 409 saying the first request
    /// with this key is still running), always with the same key and the same body.
    pub async fn call_with_key(
        &self,
        method: Method,
        path: &str,
        body: &Value,
        key: &str,
    ) -> Result<Value, CliError> {
        let request = Request {
            method,
            path,
            body: Some(body.to_string()),
            key: Some(key),
        };
        self.send_request(request, None).await?.into_data()
    }

    /// [`Client::call`] with `label` as the spinner's message instead of the method and
    /// path (`Running a cleanup sweep`).
    pub async fn call_labeled(
        &self,
        method: Method,
        path: &str,
        body: Option<&Value>,
        label: &str,
    ) -> Result<Value, CliError> {
        self.send_labeled(method, path, body.map(Value::to_string), Some(label))
            .await?
            .into_data()
    }

    /// Sends a request (with retries when `method` is idempotent) and returns the answer
    /// whatever its status; transport failures are errors.
    pub async fn send(
        &self,
        method: Method,
        path: &str,
        body: Option<String>,
    ) -> Result<RawResponse, CliError> {
        self.send_labeled(method, path, body, None).await
    }

    async fn send_labeled(
        &self,
        method: Method,
        path: &str,
        body: Option<String>,
        label: Option<&str>,
    ) -> Result<RawResponse, CliError> {
        let request = Request {
            method,
            path,
            body,
            key: None,
        };
        self.send_request(request, label).await
    }

    async fn send_request(
        &self,
        request: Request<'_>,
        label: Option<&str>,
    ) -> Result<RawResponse, CliError> {
        let (method, path) = (request.method.clone(), request.path);
        let request = self.send_with_retries(request);
        if !self.config.spinner {
            return request.await;
        }
        tokio::pin!(request);
        tokio::select! {
            result = &mut request => return result,
            () = tokio::time::sleep(SPINNER_DELAY) => {}
        }
        let spinner = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        spinner.set_style(
            ProgressStyle::with_template("{spinner} {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        spinner.set_message(match label {
            Some(label) => label.to_owned(),
            None => format!("{method} {path}"),
        });
        spinner.enable_steady_tick(Duration::from_millis(100));
        let result = request.await;
        spinner.finish_and_clear();
        result
    }

    async fn send_with_retries(&self, request: Request<'_>) -> Result<RawResponse, CliError> {
        let Request {
            method,
            path,
            body,
            key,
        } = request;
        let retries = if is_idempotent(&method) || key.is_some() {
            self.config.retries
        } else {
            0
        };
        let mut attempt = 0;
        loop {
            match self
                .attempt_with_key(method.clone(), path, body.clone(), key)
                .await
            {
                Attempt::Done(response) => return Ok(response),
                Attempt::Retryable(outcome) => {
                    if attempt >= retries {
                        return outcome;
                    }
                    let delay = BACKOFF_BASE * 2u32.saturating_pow(attempt);
                    let why = match &outcome {
                        Ok(response) => response.status.to_string(),
                        Err(err) => err.to_string(),
                    };
                    let same_key = key
                        .map(|k| format!("; the same {} {k}", idempotency::HEADER))
                        .unwrap_or_default();
                    info!(
                        "retrying {method} {path} in {} ({why}; retry {}/{retries}{same_key})",
                        crate::duration::format(delay),
                        attempt + 1
                    );
                    tokio::time::sleep(delay).await;
                    attempt += 1;
                }
            }
        }
    }

    /// Makes one attempt.
    pub async fn attempt(&self, method: Method, path: &str, body: Option<String>) -> Attempt {
        self.attempt_with_key(method, path, body, None).await
    }

    /// Makes one attempt, with an `Idempotency-Key` when `key` is given. With a key, a 409
    /// saying the first request with it is still running is worth retrying too.
    pub async fn attempt_with_key(
        &self,
        method: Method,
        path: &str,
        body: Option<String>,
        key: Option<&str>,
    ) -> Attempt {
        let url = format!("{}{path}", self.config.base_url);
        let mut request = self
            .http
            .request(method.clone(), &url)
            .timeout(self.config.timeout)
            .header(reqwest::header::ACCEPT, "application/json");
        if let Some(token) = &self.config.token {
            request = request.bearer_auth(token.expose());
        }
        if let Some(key) = key {
            debug!("{}: {}", idempotency::HEADER, escape_controls(key));
            request = request.header(idempotency::HEADER, key);
        }
        if let Some(body) = &body {
            debug!("request body: {}", escape_controls(&redact(body)));
            request = request
                .header(reqwest::header::CONTENT_TYPE, "application/json")
                .body(body.clone());
        }
        let started = Instant::now();
        let result = async {
            let response = request.send().await?;
            let status = response.status();
            let body = response.text().await?;
            Ok::<_, reqwest::Error>(RawResponse { status, body })
        }
        .await;
        let elapsed = started.elapsed();
        match result {
            Ok(response) => {
                info!(
                    "{method} {url} → {} in {} ms",
                    response.status,
                    elapsed.as_millis()
                );
                debug!(
                    "response body: {}",
                    escape_controls(&redact(&response.body))
                );
                if response.status.is_server_error() || (key.is_some() && is_key_in_use(&response))
                {
                    Attempt::Retryable(Ok(response))
                } else {
                    Attempt::Done(response)
                }
            }
            Err(err) => {
                info!(
                    "{method} {url} failed after {} ms: {}",
                    elapsed.as_millis(),
                    crate::exit::root_cause(&err)
                );
                let base = self.config.base_url.clone();
                let err = if err.is_timeout() {
                    CliError::Timeout {
                        url: base,
                        timeout: self.config.timeout,
                    }
                } else {
                    CliError::Unreachable {
                        url: base,
                        source: err,
                    }
                };
                Attempt::Retryable(Err(err))
            }
        }
    }
}

/// One request as the retry loop repeats it: every attempt sends the same method, path,
/// body and `Idempotency-Key`.
#[derive(Debug, Clone)]
struct Request<'a> {
    method: Method,
    path: &'a str,
    body: Option<String>,
    key: Option<&'a str>,
}

/// Whether the Worker answered that the first request with this `Idempotency-Key` is still
/// running (409 `idempotency_key_in_use`): a repeat a little later gets its answer.
fn is_key_in_use(response: &RawResponse) -> bool {
    response.status == StatusCode::CONFLICT
        && response
            .json()
            .and_then(|body| body.get("code").and_then(Value::as_str).map(str::to_owned))
            .is_some_and(|code| code == ErrorKind::IdempotencyKeyInUse.code())
}

/// What replaces a secret in a trace.
pub const REDACTED: &str = "<redacted>";

/// A body as it may be traced: the value of every `token` key (at any depth) of a JSON body
/// is replaced by [`REDACTED`], and so is anything shaped like a minted API token (`lab_`
/// and 64 hex digits, as labs-core's [`looks_minted`] says) anywhere in the text, JSON or
/// not. A body with nothing to hide is
/// returned as it came.
pub fn redact(body: &str) -> String {
    if let Ok(mut json) = serde_json::from_str::<Value>(body)
        && redact_json(&mut json)
    {
        return json.to_string();
    }
    redact_minted(body)
}

/// Redacts `json` in place; whether anything was redacted.
fn redact_json(json: &mut Value) -> bool {
    match json {
        Value::Object(map) => {
            let mut changed = false;
            for (key, value) in map.iter_mut() {
                if key.eq_ignore_ascii_case("token") && !value.is_null() {
                    *value = Value::String(REDACTED.to_owned());
                    changed = true;
                } else {
                    changed |= redact_json(value);
                }
            }
            changed
        }
        Value::Array(items) => items
            .iter_mut()
            .fold(false, |changed, item| redact_json(item) | changed),
        Value::String(text) => {
            let redacted = redact_minted(text);
            let changed = redacted != *text;
            *text = redacted;
            changed
        }
        _ => false,
    }
}

/// Replaces every run of hex digits after [`TOKEN_PREFIX`] that starts with a minted token
/// (the token and any hex digits stuck to it) in `text`.
fn redact_minted(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(TOKEN_PREFIX) {
        let after = &rest[at + TOKEN_PREFIX.len()..];
        let hex = after.bytes().take_while(u8::is_ascii_hexdigit).count();
        // The shape is labs-core's alone: does some prefix of the run look minted?
        let holds_token = (0..=hex).any(|n| looks_minted(&rest[at..at + TOKEN_PREFIX.len() + n]));
        if holds_token {
            out.push_str(&rest[..at]);
            out.push_str(REDACTED);
            rest = &after[hex..];
        } else {
            out.push_str(&rest[..at + TOKEN_PREFIX.len()]);
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// Whether a request may be repeated without changing the outcome. A PUT here always
/// carries the fields' new values, so repeating it is harmless; a POST creates.
pub fn is_idempotent(method: &Method) -> bool {
    matches!(
        *method,
        Method::GET | Method::HEAD | Method::OPTIONS | Method::PUT | Method::DELETE
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exit::ExitStatus;

    fn response(status: u16, body: &str) -> RawResponse {
        RawResponse {
            status: StatusCode::from_u16(status).unwrap(),
            body: body.to_owned(),
        }
    }

    #[test]
    fn a_success_envelope_yields_its_data() {
        let data = response(
            200,
            r#"{"success":true,"message":"ok","data":{"b":1,"a":2}}"#,
        )
        .into_data()
        .unwrap();
        // Key order is the API's, not sorted.
        assert_eq!(data.to_string(), r#"{"b":1,"a":2}"#);
    }

    #[test]
    fn a_body_without_envelope_is_returned_whole() {
        let data = response(200, r#"{"status":"healthy"}"#)
            .into_data()
            .unwrap();
        assert_eq!(data["status"], "healthy");
    }

    #[test]
    fn error_envelopes_keep_message_code_and_class() {
        let err = response(
            404,
            r#"{"success":false,"error":"No active lab session found for this user","code":"not_found"}"#,
        )
        .into_data()
        .unwrap_err();
        assert_eq!(err.to_string(), "No active lab session found for this user");
        assert_eq!(err.exit_status(), ExitStatus::NotFound);
        let CliError::Api(api) = err else { panic!() };
        assert_eq!(api.code.as_deref(), Some("not_found"));
    }

    #[test]
    fn a_500_mentions_its_request_id() {
        let err = response(
            500,
            r#"{"success":false,"error":"Internal server error","request_id":"r-1"}"#,
        )
        .into_data()
        .unwrap_err();
        assert_eq!(err.to_string(), "Internal server error (request id r-1)");
        assert_eq!(err.exit_status(), ExitStatus::Failure);
    }

    #[test]
    fn a_non_json_error_shows_the_status_and_a_snippet() {
        let err = response(502, "Bad gateway\n").into_data().unwrap_err();
        assert_eq!(err.to_string(), "HTTP 502 Bad Gateway: Bad gateway");
    }

    const MINTED: &str = "lab_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    #[test]
    fn traced_bodies_never_show_a_minted_token() {
        let answer = format!(
            r#"{{"success":true,"message":"API token created","data":{{"id":"t1","name":"ci","scope":"read","prefix":"lab_01234567","token":"{MINTED}"}}}}"#
        );
        let traced = redact(&answer);
        assert!(!traced.contains(MINTED), "{traced}");
        assert!(traced.contains(r#""token":"<redacted>""#), "{traced}");
        // The rest stays readable, in order.
        assert!(
            traced.contains(r#""id":"t1","name":"ci","scope":"read","prefix":"lab_01234567""#),
            "{traced}"
        );

        // A token-shaped string anywhere, in JSON or not.
        let echoed = format!(r#"{{"error":"bad token {MINTED}!"}}"#);
        assert_eq!(redact(&echoed), r#"{"error":"bad token <redacted>!"}"#);
        assert_eq!(
            redact(&format!("plain {MINTED} text")),
            "plain <redacted> text"
        );
        // Nothing to hide: the body as it came, byte for byte.
        let body = "{\"user_id\": \"u1\", \"lab_id\": \"lab_123\"}";
        assert_eq!(redact(body), body);
        assert_eq!(redact(r#"{"token":null}"#), r#"{"token":null}"#);
    }

    #[test]
    fn only_non_creating_methods_are_retried() {
        assert!(is_idempotent(&Method::GET));
        assert!(is_idempotent(&Method::PUT));
        assert!(is_idempotent(&Method::DELETE));
        assert!(!is_idempotent(&Method::POST));
        assert!(!is_idempotent(&Method::PATCH));
    }

    #[test]
    fn only_a_key_in_use_conflict_is_worth_repeating() {
        let in_use = response(
            409,
            r#"{"success":false,"error":"still running","code":"idempotency_key_in_use"}"#,
        );
        assert!(is_key_in_use(&in_use));
        let exists = response(
            409,
            r#"{"success":false,"error":"User already has an active lab session.","code":"session_exists"}"#,
        );
        assert!(!is_key_in_use(&exists));
        assert!(!is_key_in_use(&response(409, "not json")));
        let reused = response(
            422,
            r#"{"success":false,"error":"used with another body","code":"idempotency_key_reused"}"#,
        );
        assert!(!is_key_in_use(&reused));
    }

    #[test]
    fn a_refused_connection_is_unreachable_after_the_retries() {
        // Bind then drop a listener to get a port nobody listens on.
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let client = Client::new(ClientConfig {
            base_url: format!("http://127.0.0.1:{port}"),
            token: Some(Token::new("secret-token").unwrap()),
            timeout: Duration::from_secs(2),
            retries: 1,
            spinner: false,
        })
        .unwrap();
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let started = Instant::now();
        let err = runtime
            .block_on(client.call(Method::GET, "/health", None))
            .unwrap_err();
        assert_eq!(err.exit_status(), ExitStatus::Unreachable);
        assert!(
            started.elapsed() >= BACKOFF_BASE,
            "one retry waited for the backoff"
        );
        let report = err.render(false);
        assert!(!report.contains("secret-token"), "{report}");
        assert!(!format!("{client:?}").contains("secret-token"));
    }
}
