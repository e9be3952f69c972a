//! The runtime's services for the engine, and the engine built for one invocation.

use std::rc::Rc;

use futures_util::future::LocalBoxFuture;
use labs_engine::config::Config;
use labs_engine::host::{Clock, Host, LogSink, Random, Spawner, Timer};
use labs_engine::{Engine, Platform};
use wasm_bindgen::prelude::wasm_bindgen;
use worker::{Context, Date, Env, ScheduleContext};

use crate::d1::D1;
use crate::fetch::FetchBackend;
use crate::queue::CleanupQueue;

/// The Worker's executors.
pub struct Workers;

impl Platform for Workers {
    type Db = D1;
    type Backend = FetchBackend;
    type Queue = CleanupQueue;
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = crypto, js_name = getRandomValues)]
    fn get_random_values(buf: &mut [u8]);
}

/// `Date.now()`, Web Crypto and `console.log`.
struct Runtime;

impl Clock for Runtime {
    fn wall_ms(&self) -> i64 {
        Date::now().as_millis() as i64
    }
}

impl Random for Runtime {
    fn fill(&self, buf: &mut [u8]) {
        get_random_values(buf);
    }
}

impl Timer for Runtime {
    fn sleep(&self, ms: u32) -> LocalBoxFuture<'static, ()> {
        Box::pin(worker::Delay::from(std::time::Duration::from_millis(
            u64::from(ms),
        )))
    }
}

impl LogSink for Runtime {
    fn write(&self, line: &str) {
        worker::console_log!("{line}");
    }
}

/// `wait_until` of the invocation.
pub enum Spawn {
    /// A fetch event's context.
    Fetch(Rc<Context>),
    /// A scheduled event's context.
    Schedule(Rc<ScheduleContext>),
}

impl Spawner for Spawn {
    fn spawn(&self, task: LocalBoxFuture<'static, ()>) {
        match self {
            Spawn::Fetch(ctx) => ctx.wait_until(task),
            Spawn::Schedule(ctx) => ctx.wait_until(task),
        }
    }
}

/// A var or secret by name; `None` when unset or empty.
fn read(env: &Env, name: &str) -> Option<String> {
    let value = env
        .secret(name)
        .map(|s| s.to_string())
        .or_else(|_| env.var(name).map(|v| v.to_string()))
        .ok()?;
    (!value.is_empty()).then_some(value)
}

/// What the configuration reads from vars and secrets. They are fixed for an isolate's life
/// (a new deploy or secret starts new isolates), so they are read once per isolate, not on
/// every request (two JavaScript look-ups per unset name).
struct Settings {
    config: Config,
    backend: Option<(String, String)>,
    webhook: Option<String>,
}

thread_local! {
    static SETTINGS: std::cell::OnceCell<Rc<Settings>> = const { std::cell::OnceCell::new() };
}

fn settings(env: &Env) -> Rc<Settings> {
    SETTINGS.with(|cell| {
        cell.get_or_init(|| {
            let backend = match (read(env, "BACKEND_API_URL"), read(env, "BACKEND_API_TOKEN")) {
                (Some(url), Some(token)) if !url.trim().is_empty() => Some((url, token)),
                _ => None,
            };
            Rc::new(Settings {
                config: Config::from_vars(|name| read(env, name)),
                backend,
                webhook: read(env, "ALERT_WEBHOOK_URL"),
            })
        })
        .clone()
    })
}

/// The engine for one invocation.
pub fn engine(env: &Env, spawn: Spawn) -> worker::Result<Rc<Engine<Workers>>> {
    let runtime = Rc::new(Runtime);
    let settings = settings(env);
    Ok(Rc::new(Engine {
        db: D1(env.d1("DB")?),
        backend: settings
            .backend
            .as_ref()
            .map(|(url, token)| FetchBackend::new(url, token.clone())),
        webhook: settings.webhook.as_deref().map(FetchBackend::webhook),
        // Optional: without the binding (a plan without Queues) the cron works the queue.
        queue: env.queue("CLEANUP_QUEUE").ok().map(CleanupQueue),
        host: Host {
            clock: runtime.clone(),
            random: runtime.clone(),
            logs: runtime.clone(),
            spawner: Rc::new(spawn),
            timer: runtime,
        },
        config: settings.config.clone(),
    }))
}
