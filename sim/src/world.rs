//! The simulated world the engine runs in: the database (native SQLite with D1's semantics,
//! giving way to the scheduler before every statement), a VM backend that answers each call
//! as the seed says and records what really happened, and a host whose clock, randomness and
//! `wait_until` belong to the scheduler.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use futures_util::future::LocalBoxFuture;
use labs_engine::Platform;
use labs_engine::backend::{Backend, BackendRequest, DELETE_VM_PATH, Transport};
use labs_engine::db::{Db, DbError, Outcome, Statement};
use labs_engine::host::{Clock, LogSink, Random, Spawner, Timer};
use labs_engine::queue::{Fate, Queue};
use labs_sqlite::SqliteDb;

use crate::sched::Sched;

/// The engine's executors in the simulation.
pub struct Simulated;

impl Platform for Simulated {
    type Db = SimDb;
    type Backend = SimBackend;
    type Queue = SimQueue;
}

/// The database: every statement and batch is a point where another task may run first.
#[derive(Clone)]
pub struct SimDb {
    /// The SQLite database underneath (the checks read it directly).
    pub inner: SqliteDb,
    sched: Sched,
}

impl SimDb {
    /// A fresh, migrated database.
    pub fn new(sched: Sched) -> SimDb {
        SimDb {
            inner: SqliteDb::migrated_in_memory().expect("an in-memory database opens"),
            sched,
        }
    }
}

impl Db for SimDb {
    async fn execute(&self, statement: Statement) -> Result<Outcome, DbError> {
        self.sched.yield_now().await;
        self.inner.execute(statement).await
    }

    async fn batch(&self, statements: Vec<Statement>) -> Result<Vec<Outcome>, DbError> {
        self.sched.yield_now().await;
        self.inner.batch(statements).await
    }
}

/// How the backend answers one call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// Deletes (or finds already gone: 404) and answers 2xx.
    Ok,
    /// 500, nothing done.
    ServerError,
    /// 302 to a page that answers 200; nothing done.
    Redirect,
    /// No answer before the caller's timeout; nothing done.
    Hang,
    /// The connection is refused at once.
    Refused,
    /// The connection drops after a while; the work may or may not have been done.
    Dropped,
    /// Done, but the answer arrives after the caller gave up.
    Late,
}

/// One call as the backend saw it.
#[derive(Debug, Clone)]
struct Call {
    start: i64,
    end: i64,
}

#[derive(Default)]
struct BackendState {
    /// Whether faults are over (every call then answers `Ok`).
    healed: bool,
    /// VM ids the backend really deleted.
    deleted: HashSet<String>,
    /// VM ids whose deletion the delete endpoint itself answered 2xx or 404 to a caller.
    confirmed: HashSet<String>,
    /// Calls per `METHOD path id`, with when each was in flight for its caller.
    calls: HashMap<String, Vec<Call>>,
    /// Calls in flight twice at once, as found.
    overlaps: Vec<String>,
    /// Calls made.
    count: u64,
}

/// The VM backend.
#[derive(Clone)]
pub struct SimBackend {
    sched: Sched,
    state: Rc<RefCell<BackendState>>,
    /// How often each fault is chosen while faults last (out of 1,000).
    fault_per_mille: u64,
    /// Whether overlapping calls are a violation (not for the alert webhook, whose items are
    /// not VMs).
    check_overlaps: bool,
}

impl SimBackend {
    /// A backend failing about `fault_per_mille`/1,000 of calls until [`SimBackend::heal`].
    pub fn new(sched: Sched, fault_per_mille: u64) -> SimBackend {
        SimBackend {
            sched,
            state: Rc::default(),
            fault_per_mille,
            check_overlaps: true,
        }
    }

    /// An alert webhook failing like the backend.
    pub fn webhook(sched: Sched, fault_per_mille: u64) -> SimBackend {
        SimBackend {
            check_overlaps: false,
            ..SimBackend::new(sched, fault_per_mille)
        }
    }

    /// Faults stop.
    pub fn heal(&self) {
        self.state.borrow_mut().healed = true;
    }

    /// Whether the delete endpoint confirmed `vm` to a caller.
    pub fn confirmed(&self, vm: &str) -> bool {
        self.state.borrow().confirmed.contains(vm)
    }

    /// Overlapping calls found so far.
    pub fn overlaps(&self) -> Vec<String> {
        self.state.borrow().overlaps.clone()
    }

    /// Calls made so far.
    pub fn calls(&self) -> u64 {
        self.state.borrow().count
    }

    fn choose(&self) -> Answer {
        if self.state.borrow().healed {
            return Answer::Ok;
        }
        let faults = self.fault_per_mille;
        self.sched.rng(|r| {
            if r.below(1000) >= faults {
                return Answer::Ok;
            }
            match r.below(6) {
                0 => Answer::ServerError,
                1 => Answer::Redirect,
                2 => Answer::Hang,
                3 => Answer::Refused,
                4 => Answer::Dropped,
                _ => Answer::Late,
            }
        })
    }
}

impl Backend for SimBackend {
    async fn send(&self, request: &BackendRequest) -> Result<u16, Transport> {
        let body: serde_json::Value =
            serde_json::from_str(&request.body).expect("the engine sends JSON");
        let id = body["lab_request_id"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        let is_delete = request.path == DELETE_VM_PATH;
        let key = format!("{} {}", request.endpoint(), id);
        let answer = self.choose();
        let start = self.sched.now();
        let timeout = i64::from(request.timeout_ms);
        let latency = self.sched.rng(|r| r.range(1, 50)).min(timeout);
        let end = match answer {
            Answer::Refused => start,
            Answer::Hang | Answer::Late => start + timeout,
            _ => start + latency,
        };
        {
            let mut s = self.state.borrow_mut();
            s.count += 1;
            let calls = s.calls.entry(key.clone()).or_default();
            let overlapping = calls.iter().any(|c| c.start <= start && start < c.end);
            calls.push(Call { start, end });
            if overlapping && self.check_overlaps {
                s.overlaps.push(format!(
                    "two calls in flight at once for {key} (at {start} ms)"
                ));
            }
        }
        self.sched.trace(|| format!("backend: {key} → {answer:?}"));
        self.sched.sleep_until(end).await;
        let mut s = self.state.borrow_mut();
        let already_gone = s.deleted.contains(&id);
        let done_status = if already_gone && is_delete { 404 } else { 200 };
        match answer {
            Answer::Ok => {
                if is_delete {
                    s.deleted.insert(id.clone());
                    s.confirmed.insert(id);
                }
                Ok(done_status)
            }
            Answer::ServerError => Ok(500),
            // The Worker's client never follows redirects: the caller sees the 3xx.
            Answer::Redirect => Ok(302),
            Answer::Hang => Err(Transport::TimedOut),
            Answer::Refused => Err(Transport::Failed("connection refused".into())),
            Answer::Dropped => {
                if is_delete && self.sched.rng(|r| r.chance(0.5)) {
                    s.deleted.insert(id);
                }
                Err(Transport::Failed("connection reset".into()))
            }
            Answer::Late => {
                if is_delete {
                    s.deleted.insert(id);
                }
                Err(Transport::TimedOut)
            }
        }
    }
}

/// The host: the scheduler's clock and randomness, a muted log (critical lines counted),
/// and `wait_until` as a new killable task.
pub struct SimHost {
    /// The scheduler.
    pub sched: Sched,
    /// Critical log lines seen.
    pub critical_lines: RefCell<u64>,
}

impl Clock for SimHost {
    fn wall_ms(&self) -> i64 {
        self.sched.now()
    }
}

impl Random for SimHost {
    fn fill(&self, buf: &mut [u8]) {
        for chunk in buf.chunks_mut(8) {
            let bytes = self.sched.rng(|r| r.next_u64()).to_le_bytes();
            chunk.copy_from_slice(&bytes[..chunk.len()]);
        }
    }
}

impl LogSink for SimHost {
    fn write(&self, line: &str) {
        if line.contains("\"level\":\"critical\"") {
            *self.critical_lines.borrow_mut() += 1;
        }
    }
}

impl Spawner for SimHost {
    fn spawn(&self, task: LocalBoxFuture<'static, ()>) {
        self.sched.spawn("wait_until", true, task);
    }
}

impl Timer for SimHost {
    fn sleep(&self, ms: u32) -> LocalBoxFuture<'static, ()> {
        Box::pin(self.sched.sleep_until(self.sched.now() + i64::from(ms)))
    }
}

/// Runs one consumer invocation over delivered messages.
pub type Consumer = Rc<dyn Fn(Vec<String>) -> LocalBoxFuture<'static, Vec<Fate>>>;

/// One message on its way: its body and how often it was delivered.
#[derive(Debug, Clone)]
struct Delivered {
    body: String,
    attempts: u32,
}

/// Deliveries of one message before it is dropped (the platform's `max_retries` is 3).
const MAX_DELIVERIES: u32 = 4;

/// A Cloudflare Queue as a consumer sees it at its worst: a send may fail; a sent message
/// may be lost, delivered twice, delivered late, or delivered to a consumer that dies
/// mid-batch (and comes back, as the platform redelivers a batch whose invocation failed);
/// deliveries run at once, as the platform's concurrent consumers do.
#[derive(Clone)]
pub struct SimQueue {
    sched: Sched,
    consumer: Rc<RefCell<Option<Consumer>>>,
    fault_per_mille: u64,
    healed: Rc<RefCell<bool>>,
}

impl SimQueue {
    /// A queue misbehaving about `fault_per_mille`/1,000 of the time until [`SimQueue::heal`].
    pub fn new(sched: Sched, fault_per_mille: u64) -> SimQueue {
        SimQueue {
            sched,
            consumer: Rc::default(),
            fault_per_mille,
            healed: Rc::default(),
        }
    }

    /// Where deliveries go.
    pub fn set_consumer(&self, consumer: Consumer) {
        *self.consumer.borrow_mut() = Some(consumer);
    }

    /// Faults stop: every send succeeds and every message is delivered once.
    pub fn heal(&self) {
        *self.healed.borrow_mut() = true;
    }

    fn fault(&self) -> bool {
        !*self.healed.borrow() && self.sched.rng(|r| r.below(1000) < self.fault_per_mille)
    }

    /// Delivers `batch` after a while, as its own task; redelivers what comes back.
    fn deliver(&self, batch: Vec<Delivered>) {
        let queue = self.clone();
        self.sched.spawn("queue delivery", false, async move {
            let delay = queue.sched.rng(|r| r.range(0, 20_000));
            queue.sched.sleep_until(queue.sched.now() + delay).await;
            let Some(consumer) = queue.consumer.borrow().clone() else {
                return;
            };
            let fates = Rc::new(RefCell::new(None));
            let out = fates.clone();
            let input = batch.iter().map(|m| m.body.clone()).collect();
            let task = queue.sched.spawn("queue consumer", true, async move {
                *out.borrow_mut() = Some(consumer(input).await);
            });
            let finished = queue.sched.join(task).await;
            let fates = fates.borrow_mut().take();
            let again: Vec<Delivered> = match (finished, fates) {
                (true, Some(fates)) => batch
                    .into_iter()
                    .zip(fates)
                    .filter(|(_, f)| *f == Fate::Retry)
                    .map(|(m, _)| m)
                    .collect(),
                // The invocation died: the whole batch comes back.
                _ => batch,
            };
            queue
                .sched
                .trace(|| format!("queue: {} message(s) come back", again.len()));
            let again: Vec<Delivered> = again
                .into_iter()
                .filter(|m| m.attempts < MAX_DELIVERIES)
                .map(|m| Delivered {
                    attempts: m.attempts + 1,
                    ..m
                })
                .collect();
            if !again.is_empty() {
                queue.deliver(again);
            }
        });
    }
}

impl Queue for SimQueue {
    async fn send(&self, bodies: &[String]) -> Result<(), String> {
        self.sched.yield_now().await;
        if self.fault() {
            self.sched.trace(|| "queue: send failed".into());
            return Err("queue send failed: simulated outage".into());
        }
        let mut batch = Vec::new();
        for body in bodies {
            let message = Delivered {
                body: body.clone(),
                attempts: 1,
            };
            if self.fault() {
                match self.sched.rng(|r| r.below(2)) {
                    0 => {
                        self.sched.trace(|| format!("queue: lost {body}"));
                        continue;
                    }
                    _ => {
                        self.sched.trace(|| format!("queue: duplicated {body}"));
                        self.deliver(vec![message.clone()]);
                    }
                }
            }
            batch.push(message);
            // Batches of one to three messages, as `max_batch_size` allows.
            if batch.len() >= self.sched.rng(|r| r.range(1, 3)) as usize {
                self.deliver(std::mem::take(&mut batch));
            }
        }
        if !batch.is_empty() {
            self.deliver(batch);
        }
        Ok(())
    }
}
