//! The Lab Sessions API as a Cloudflare Worker: adapters only.
//!
//! The service's behaviour is `labs-engine`; this crate connects it to the platform:
//! - the `#[event]` entry points below (fetch, the cron trigger, the cleanup queue's
//!   consumer);
//! - [`http`]: the runtime's `Request` → [`labs_engine::http::Request`] and back;
//! - [`d1`]: the D1 executor behind [`labs_engine::db::Db`];
//! - [`fetch`]: the `fetch` client behind [`labs_engine::backend::Backend`];
//! - [`queue`]: the `CLEANUP_QUEUE` producer behind [`labs_engine::queue::Queue`], and
//!   delivered batches in and out;
//! - [`host`]: `Date.now`, Web Crypto, `console.log` and `wait_until` behind
//!   [`labs_engine::host::Host`], and the vars and secrets the configuration reads.

pub mod d1;
pub mod fetch;
pub mod host;
pub mod http;
pub mod queue;

use worker::{Context, Env, MessageBatch, Result, ScheduleContext, ScheduledEvent, event, web_sys};

#[event(fetch)]
async fn fetch(req: web_sys::Request, env: Env, ctx: Context) -> Result<web_sys::Response> {
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

/// The cleanup queue's consumer: works the sessions the batch's messages name (see
/// [`labs_engine::queue::consume`]) and acknowledges or retries each message. It never
/// returns an error, which would retry the whole batch: the engine decides per message.
#[event(queue)]
async fn queue(batch: MessageBatch<wasm_bindgen::JsValue>, env: Env, ctx: Context) -> Result<()> {
    let bodies = queue::bodies(&batch);
    match host::engine(&env, host::Spawn::Fetch(std::rc::Rc::new(ctx))) {
        Ok(engine) => {
            let fates = labs_engine::queue::consume(engine, bodies).await;
            queue::settle(&batch, &fates);
        }
        Err(e) => {
            worker::console_error!("cleanup queue consumer cannot start: {e}");
            batch.retry_all();
        }
    }
    Ok(())
}
