//! The VM backend over `fetch`: [`labs_engine::backend::Backend`].
//!
//! One attempt per call, aborted at its timeout, **never following redirects** (a 3xx
//! comes back as the status it is, so a redirect to a page answering 200 is not taken for
//! a deletion). The configured URL and token stay here: transport errors are scrubbed of
//! the URL and its host before they reach the engine, which stores them where read tokens
//! can see them.

use std::time::Duration;

use futures_util::future::{Either, select};
use labs_engine::backend::{Backend, BackendRequest, Transport};
use wasm_bindgen::JsValue;
use worker::{AbortController, Delay, Fetch, Request, web_sys};

/// `BACKEND_API_URL` and `BACKEND_API_TOKEN`, or `ALERT_WEBHOOK_URL` (no token).
pub struct FetchBackend {
    url: String,
    token: Option<String>,
}

impl FetchBackend {
    /// A backend at `url` (a trailing slash is dropped), authenticated with `token`.
    pub fn new(url: &str, token: String) -> FetchBackend {
        FetchBackend {
            url: url.trim().trim_end_matches('/').to_owned(),
            token: Some(token),
        }
    }

    /// The alert webhook at `url`, called as it is (requests have an empty path) and never
    /// sent a token.
    pub fn webhook(url: &str) -> FetchBackend {
        FetchBackend {
            url: url.trim().to_owned(),
            token: None,
        }
    }

    /// `message` without the configured URL or its host (which may carry credentials).
    fn scrub(&self, message: &str) -> String {
        let host = self
            .url
            .split_once("://")
            .map_or(self.url.as_str(), |(_, rest)| rest)
            .split('/')
            .next()
            .unwrap_or_default();
        let mut out = message.replace(&self.url, "<backend>");
        if !host.is_empty() {
            out = out.replace(host, "<backend>");
        }
        match &self.token {
            Some(token) => out.replace(token, "<token>"),
            None => out,
        }
    }

    /// The request, built with the runtime's own types (the worker crate's `RequestInit`
    /// conversion carries every option there is, which costs wasm size).
    fn build(&self, request: &BackendRequest) -> Result<Request, JsValue> {
        let headers = web_sys::Headers::new()?;
        if let Some(token) = &self.token {
            headers.set("Authorization", &format!("Bearer {token}"))?;
        }
        headers.set("Content-Type", "application/json")?;
        let init = web_sys::RequestInit::new();
        init.set_method(request.method);
        init.set_headers(&headers);
        init.set_redirect(web_sys::RequestRedirect::Manual);
        init.set_body(&JsValue::from_str(&request.body));
        let url = format!("{}{}", self.url, request.path);
        web_sys::Request::new_with_str_and_init(&url, &init).map(Request::from)
    }
}

impl Backend for FetchBackend {
    async fn send(&self, request: &BackendRequest) -> Result<u16, Transport> {
        let built = self.build(request).map_err(|e| {
            Transport::Failed(format!(
                "could not build the request: {}",
                self.scrub(&worker::Error::from(e).to_string())
            ))
        })?;
        let controller = AbortController::default();
        let signal = controller.signal();
        let fetch = Fetch::Request(built);
        let send = Box::pin(fetch.send_with_signal(&signal));
        let timeout = Delay::from(Duration::from_millis(u64::from(request.timeout_ms)));
        match select(send, timeout).await {
            Either::Left((Ok(response), _)) => Ok(response.status_code()),
            Either::Left((Err(e), _)) => Err(Transport::Failed(self.scrub(&e.to_string()))),
            Either::Right(((), _)) => {
                controller.abort();
                Err(Transport::TimedOut)
            }
        }
    }
}
