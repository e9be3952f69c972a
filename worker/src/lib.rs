//! The Lab Sessions API as a Cloudflare Worker: adapters only.
//!
//! The service's behaviour is `labs-engine`; this crate connects it to the platform:
//! - the `#[event]` entry points below (fetch and the cron trigger);
//! - [`http`]: `worker::Request` → [`labs_engine::http::Request`] and back;
//! - [`d1`]: the D1 executor behind [`labs_engine::db::Db`];
//! - [`fetch`]: the `fetch` client behind [`labs_engine::backend::Backend`];
//! - [`host`]: `Date.now`, Web Crypto, `console.log` and `wait_until` behind
//!   [`labs_engine::host::Host`], and the vars and secrets the configuration reads.

pub mod d1;
pub mod fetch;
pub mod host;
pub mod http;

use worker::{Context, Env, Request, Response, Result, ScheduleContext, ScheduledEvent, event};

#[event(fetch)]
async fn fetch(req: Request, env: Env, ctx: Context) -> Result<Response> {
    http::handle(req, env, ctx).await
}

/// The cron trigger. The runtime drops this function's result, so the sweep logs its own
/// failures (see [`labs_engine::sweep::scheduled`]).
#[event(scheduled)]
async fn scheduled(_event: ScheduledEvent, env: Env, ctx: ScheduleContext) {
    match host::engine(&env, host::Spawn::Schedule(std::rc::Rc::new(ctx))) {
        Ok(engine) => labs_engine::sweep::scheduled(engine).await,
        Err(e) => worker::console_error!("cleanup sweep cannot start: {e}"),
    }
}
