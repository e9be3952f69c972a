//! The Lab Sessions service's behaviour, written against small interfaces.
//!
//! Every route's handler, every SQL statement, auth and scopes, the cleanup sweep and its
//! settlement, and the run records live here, as async Rust generic over:
//! - [`db::Db`]: a database with D1's semantics (each statement atomic, a batch one
//!   transaction, no interactive transactions, numbers bound as doubles);
//! - [`backend::Backend`]: the VM backend, one call → a status or a transport error;
//! - [`host::Host`]: a wall clock, randomness, a log sink and `wait_until`.
//!
//! Three drivers run this same code: the Worker in workerd over D1 and `fetch`
//! (`labs-worker`), native SQLite (`labs-sqlite`), and a seeded simulation that
//! interleaves requests and sweeps and injects faults (`labs-sim`).
//!
//! # Tour
//! - [`http`]: the request pipeline (CORS, routing, auth, body limits, the completion log
//!   line) over a plain [`http::Request`]; the route table itself is `labs_core::routes`.
//! - [`handlers`]: one function per route.
//! - [`sweep`]: ending expired sessions and working the cleanup queue within a budget.
//! - [`queue`]: fanning that work out over a Cloudflare Queue, and its consumer.
//! - [`auth`]: who is calling (root or a scoped token).
//! - [`sql`]: every SQL statement, one module per table.
//! - [`config`]: vars and secrets read through one getter; [`log`]: log lines.
#![warn(missing_docs)]

pub mod auth;
pub mod backend;
pub mod config;
pub mod db;
pub mod handlers;
pub mod host;
pub mod http;
pub mod log;
pub mod queue;
pub mod reply;
pub mod sql;
pub mod sweep;

use labs_core::time::Timestamp;

use crate::backend::Backend;
use crate::config::{Config, DevClock};
use crate::db::{Db, DbError};
use crate::host::Host;
use crate::log::Logger;

/// Which executors an engine runs on.
pub trait Platform: 'static {
    /// The database.
    type Db: Db + 'static;
    /// The VM backend.
    type Backend: Backend + 'static;
    /// The queue cleanup work fans out over.
    type Queue: queue::Queue + 'static;
}

/// Everything one invocation runs against. Shared as `Rc<Engine<P>>` with work that
/// outlives the response.
pub struct Engine<P: Platform> {
    /// The database.
    pub db: P::Db,
    /// The VM backend; `None` when it is not configured (items then wait in the queue).
    pub backend: Option<P::Backend>,
    /// Where alerts go (`ALERT_WEBHOOK_URL`); `None` when not configured (alerts wait).
    pub webhook: Option<P::Backend>,
    /// The queue cleanup work fans out over (`CLEANUP_QUEUE`); `None` without one (the cron
    /// then works the queue itself, within its one budget).
    pub queue: Option<P::Queue>,
    /// Clock, randomness, logs, `wait_until`.
    pub host: Host,
    /// The configuration.
    pub config: Config,
}

impl<P: Platform> Engine<P> {
    /// A logger at the configured level.
    pub fn logger(&self) -> Logger {
        Logger::new(
            self.config.log_level,
            self.host.clock.clone(),
            self.host.logs.clone(),
        )
    }

    /// The service's clock: the wall clock, shifted by the dev offset where it is on (read
    /// once here: it costs a query).
    pub async fn clock(&self) -> Result<ServiceClock, DbError> {
        let offset_ms = if self.config.dev_clock == DevClock::On {
            #[derive(serde::Deserialize)]
            struct Offset {
                offset_ms: i64,
            }
            self.db
                .first::<Offset>(sql::dev_clock::offset())
                .await?
                .map_or(0, |o| o.offset_ms)
        } else {
            0
        };
        Ok(ServiceClock {
            host: self.host.clone(),
            offset_ms,
        })
    }
}

/// "Now" as the service sees it: the wall clock plus the dev offset (0 in production).
#[derive(Clone)]
pub struct ServiceClock {
    host: Host,
    offset_ms: i64,
}

impl ServiceClock {
    /// The current instant.
    pub fn now(&self) -> Timestamp {
        let wall = self.host.wall();
        wall.plus_millis(self.offset_ms).unwrap_or(wall)
    }
}
