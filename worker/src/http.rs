//! The runtime's `Request` → [`labs_engine::http::Request`], and the engine's answer back to
//! a `Response`, both the runtime's own types (`web_sys`): the worker crate's wrappers would
//! read the method, URL, headers and `cf` object on the way in and copy the response's
//! headers into a new init on the way out, crossings into JavaScript that every request pays.

use std::rc::Rc;

use labs_engine::http::{self, Body, READ_HEADERS};
use wasm_bindgen::{JsCast, JsValue};
use worker::js_sys::{ArrayBuffer, Uint8Array};
use worker::wasm_bindgen_futures::JsFuture;
use worker::{Context, Env, Result, web_sys};

use crate::host::{self, Spawn};

/// The body of the request, read only if the engine asks for it.
struct WorkerBody<'a>(&'a web_sys::Request);

impl Body for WorkerBody<'_> {
    async fn read(self) -> std::result::Result<Vec<u8>, String> {
        let read = async {
            let buffer: ArrayBuffer = JsFuture::from(self.0.array_buffer()?).await?.dyn_into()?;
            Ok::<_, JsValue>(Uint8Array::new(&buffer).to_vec())
        };
        read.await.map_err(|e| worker::Error::from(e).to_string())
    }
}

/// Handles one request.
pub async fn handle(req: web_sys::Request, env: Env, ctx: Context) -> Result<web_sys::Response> {
    let engine = host::engine(&env, Spawn::Fetch(Rc::new(ctx)))?;
    // The method as sent (workers-rs would map one it does not know, `QUERY`, to GET, which
    // would serve it as a GET instead of a 405: found by schemathesis).
    let method = req.method();
    // The raw URL, split here: no URL parser in the wasm.
    let url = req.url();
    let (path, query) = http::split_url(&url);
    let mut headers = Vec::new();
    let sent = req.headers();
    for name in READ_HEADERS {
        if let Some(value) = sent.get(name)? {
            headers.push(((*name).to_owned(), value));
        }
    }
    let request = http::Request {
        method,
        path: path.to_owned(),
        query: http::query_pairs(query),
        headers,
    };
    let answer = http::handle(&engine, request, WorkerBody(&req)).await;
    let out = web_sys::Headers::new()?;
    for (name, value) in &answer.headers {
        out.set(name, value)?;
    }
    let init = web_sys::ResponseInit::new();
    init.set_status(answer.status);
    init.set_headers(&out);
    let response = if let Some(asset) = answer.asset {
        // A static asset (the OpenAPI document), from the ASSETS binding.
        let mut found = env
            .assets("ASSETS")?
            .fetch(format!("https://assets.invalid{asset}"), None)
            .await?;
        let mut body = found.bytes().await?;
        web_sys::Response::new_with_opt_u8_array_and_init(Some(&mut body), &init)
    } else if answer.body.is_empty() {
        web_sys::Response::new_with_opt_str_and_init(None, &init)
    } else {
        web_sys::Response::new_with_opt_str_and_init(Some(&answer.body), &init)
    }?;
    Ok(response)
}
