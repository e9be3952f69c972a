//! `worker::Request` → [`labs_engine::http::Request`], and the engine's answer back.

use std::rc::Rc;

use labs_engine::http::{self, Body, READ_HEADERS};
use worker::{Context, Env, Request, Response, Result};

use crate::host::{self, Spawn};

/// The body of the request, read only if the engine asks for it.
struct WorkerBody<'a>(&'a mut Request);

impl Body for WorkerBody<'_> {
    async fn read(self) -> std::result::Result<Vec<u8>, String> {
        self.0.bytes().await.map_err(|e| e.to_string())
    }
}

/// Handles one request.
pub async fn handle(mut req: Request, env: Env, ctx: Context) -> Result<Response> {
    let engine = host::engine(&env, Spawn::Fetch(Rc::new(ctx)))?;
    // The method as sent: workers-rs maps a method it does not know (`QUERY`, ...) to GET,
    // which would serve it as a GET instead of a 405 (found by schemathesis).
    let method = req.inner().method();
    // The raw URL, split here: no URL parser in the wasm.
    let url = req.inner().url();
    let (path, query) = http::split_url(&url);
    let mut headers = Vec::new();
    for name in READ_HEADERS {
        if let Some(value) = req.headers().get(name)? {
            headers.push(((*name).to_owned(), value));
        }
    }
    let request = http::Request {
        method,
        path: path.to_owned(),
        query: http::query_pairs(query),
        headers,
    };
    let answer = http::handle(&engine, request, WorkerBody(&mut req)).await;
    let mut response = if let Some(asset) = answer.asset {
        // A static asset (the OpenAPI document), from the ASSETS binding.
        let mut found = env
            .assets("ASSETS")?
            .fetch(format!("https://assets.invalid{asset}"), None)
            .await?;
        Response::from_bytes(found.bytes().await?)?
    } else if answer.body.is_empty() {
        Response::empty()?
    } else {
        Response::from_bytes(answer.body.into_bytes())?
    }
    .with_status(answer.status);
    let out = response.headers_mut();
    for (name, value) in answer.headers {
        out.set(name, &value)?;
    }
    Ok(response)
}
