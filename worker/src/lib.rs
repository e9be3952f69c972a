//! The Lab Sessions API as a Cloudflare Worker.
//!
//! This crate is the I/O edge: it turns HTTP requests, D1 rows, backend `fetch` calls and
//! cron events into calls on `labs-core`, which holds the rules. Where to find things:
//! - [`http`]: the request pipeline (request id, CORS, auth, body limits, error mapping,
//!   the completion log line); the route table itself is `labs_core::routes`.
//! - [`handlers`]: one function per route.
//! - [`store`]: every SQL statement, in small named functions.
//! - [`cleanup`]: the sweep that moves ended sessions into the queue and deletes their VMs;
//!   the policy it follows is `labs_core::cleanup`.
//! - [`auth`]: who is calling (root or scoped token) and with which scope.
//! - [`backend`]: the VM backend client; [`config`]: vars and secrets; [`clock`]: now.

pub mod auth;
pub mod backend;
pub mod cleanup;
pub mod clock;
pub mod config;
pub mod handlers;
pub mod http;
pub mod logger;
pub mod random;
pub mod store;

use worker::{Context, Env, Request, Response, Result, ScheduleContext, ScheduledEvent, event};

#[event(fetch)]
async fn fetch(req: Request, env: Env, ctx: Context) -> Result<Response> {
    http::handle(req, env, ctx).await
}

/// The cron trigger. The runtime drops this function's result, so the sweep logs its own
/// failures (see [`cleanup::scheduled`]).
#[event(scheduled)]
async fn scheduled(_event: ScheduledEvent, env: Env, _ctx: ScheduleContext) {
    cleanup::scheduled(env).await;
}
