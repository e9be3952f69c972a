//! A deterministic simulation of `labs-engine`, in the manner of FoundationDB's and
//! TigerBeetle's simulators: the production code path, run against simulated executors
//! ([`world`]) by a seeded single-threaded scheduler ([`sched`]) that picks, at every await,
//! which of many concurrent actors runs next.
//!
//! One seed is one world: a few users, each with one to three clients at once, creating, updating (worker nodes added and dropped),
//! deleting and re-creating labs; the cron's sweeps, forced sweeps, the sweeps after each
//! DELETE; in half the seeds, a Cloudflare Queue the cron and each DELETE fan the work out
//! over, whose sends fail and whose messages are lost, duplicated, late, and delivered to
//! consumers that die mid-batch; an operator retrying one item and all dead items; the clock jumping past expiry,
//! leases and backoff; a backend answering each call as the seed says (2xx, 404, 500, a 3xx,
//! a hang past the timeout, refused, dropped, an answer after the caller gave up); and
//! Workers dying at any await. Then faults stop, time passes, an operator revives what died,
//! and sweeps run until the queue is empty.
//!
//! Checked whenever a task ends, and at the end ([`check`]):
//! - every VM id the API accepted (in a create, or in an update's worker list) is in a live
//!   session or in the queue (pending, dead or done), and done only after the backend's
//!   delete endpoint itself answered 2xx or 404;
//! - never two calls in flight for one queue item;
//! - at most one live session per user, and no acknowledged write lost;
//! - every answer to one `Idempotency-Key` is the first answer (status and body), however
//!   often the client retries after its Worker died;
//! - once faults stop and enough sweeps ran, every accepted VM id got its confirmed deletion.
//!
//! A seed replays exactly: `LABS_SIM_SEED=N cargo test -p labs-sim --test simulation`.

pub mod sched;
pub mod world;

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use futures_util::FutureExt;
use labs_engine::config::Config;
use labs_engine::db::{Db, Row, Statement};
use labs_engine::host::Host;
use labs_engine::http::{self, Request};
use labs_engine::{Engine, sweep};
use serde_json::{Value, json};

use crate::sched::{Sched, Stop};
use crate::world::{SimBackend, SimDb, SimHost, SimQueue, Simulated};

/// The root token every simulated client presents.
const TOKEN: &str = "sim-root-token";
/// 2026-12-01T00:00:00Z.
const EPOCH_MS: i64 = sched::EPOCH_OFFSET;
/// Polls one seed may take before it is called stuck.
const MAX_STEPS: u64 = 200_000;

/// How one seed went.
#[derive(Debug, Clone)]
pub struct Report {
    /// The seed.
    pub seed: u64,
    /// Scheduler polls made.
    pub steps: u64,
    /// Backend calls made.
    pub calls: u64,
    /// Property violations, in the order found.
    pub violations: Vec<String>,
    /// What happened, one line per event (for a failing seed).
    pub trace: Vec<String>,
}

/// What the simulated clients were told, kept to check the database against.
#[derive(Default)]
struct Model {
    /// VM ids the API accepted.
    accepted: BTreeSet<String>,
    /// Per session id, the `terminal_url` of the last acknowledged write.
    acked_terminal: BTreeMap<String, String>,
    /// Per `Idempotency-Key`, the first answer it got (status and body).
    key_answers: BTreeMap<String, (u16, String)>,
    /// Fresh-name counter.
    next: u64,
}

impl Model {
    fn fresh(&mut self, prefix: &str) -> String {
        self.next += 1;
        format!("{prefix}-{}", self.next)
    }
}

/// Everything one seed's actors share.
struct World {
    sched: Sched,
    db: SimDb,
    backend: SimBackend,
    webhook: SimBackend,
    /// The cleanup queue, in the seeds that fan out over one.
    queue: Option<SimQueue>,
    host: Rc<SimHost>,
    config: Config,
    model: RefCell<Model>,
    violations: RefCell<Vec<String>>,
}

impl World {
    fn engine(&self) -> Rc<Engine<Simulated>> {
        Rc::new(Engine {
            db: self.db.clone(),
            backend: Some(self.backend.clone()),
            webhook: Some(self.webhook.clone()),
            queue: self.queue.clone(),
            host: Host {
                clock: self.host.clone(),
                random: self.host.clone(),
                logs: self.host.clone(),
                spawner: self.host.clone(),
                timer: self.host.clone(),
            },
            config: self.config.clone(),
        })
    }

    /// Sends one request as its own killable task (a Worker invocation); `None` if the
    /// Worker died before answering.
    async fn request(
        self: &Rc<Self>,
        method: &str,
        path: &str,
        body: Option<Value>,
    ) -> Option<(u16, Value)> {
        self.request_with_key(method, path, body, None).await
    }

    /// [`World::request`] with an `Idempotency-Key`.
    async fn request_with_key(
        self: &Rc<Self>,
        method: &str,
        path: &str,
        body: Option<Value>,
        key: Option<String>,
    ) -> Option<(u16, Value)> {
        let result = Rc::new(RefCell::new(None));
        let (world, out) = (self.clone(), result.clone());
        let (method, path) = (method.to_owned(), path.to_owned());
        let label = format!("{method} {path}");
        let task = self.sched.spawn(&label, true, async move {
            let mut headers = vec![("authorization".into(), format!("Bearer {TOKEN}"))];
            if let Some(key) = &key {
                headers.push(("idempotency-key".into(), key.clone()));
            }
            let request = Request {
                method: method.clone(),
                path: path.clone(),
                query: Vec::new(),
                headers,
            };
            let bytes = body
                .as_ref()
                .map(|b| b.to_string().into_bytes())
                .unwrap_or_default();
            let response = http::handle(&world.engine(), request, bytes).await;
            let value: Value = serde_json::from_str(&response.body).unwrap_or(Value::Null);
            world
                .sched
                .trace(|| format!("{method} {path} → {}", response.status));
            if let Some(key) = &key {
                world.keyed_answer(key, response.status, &response.body);
            }
            // Acknowledged in the same step as the answer: nothing runs in between.
            match (method.as_str(), response.status) {
                ("POST", 201) if path == "/api/v1/labs/sessions" => {
                    let sent = body.as_ref().expect("a create has a body");
                    let mut vms = vec![
                        sent["lab_request_id"]
                            .as_str()
                            .unwrap_or_default()
                            .to_owned(),
                    ];
                    vms.extend(workers_of(sent));
                    acknowledge(&world, &value["data"], &vms);
                }
                ("PUT", 200) => acknowledge(&world, &value["data"], &[]),
                _ => {}
            }
            *out.borrow_mut() = Some((response.status, value));
        });
        self.sched.join(task).await;
        result.borrow_mut().take()
    }

    /// Checks that every answer to one key is the first one (a 409 "still running" aside,
    /// which a client retries).
    fn keyed_answer(&self, key: &str, status: u16, body: &str) {
        if status == 409 && body.contains("idempotency_key_in_use") {
            return;
        }
        let first = {
            let mut model = self.model.borrow_mut();
            model
                .key_answers
                .entry(key.to_owned())
                .or_insert_with(|| (status, body.to_owned()))
                .clone()
        };
        if first != (status, body.to_owned()) {
            self.violation(format!(
                "Idempotency-Key {key}: first answered {} {}, now {status} {body}",
                first.0, first.1
            ));
        }
    }

    fn violation(&self, what: String) {
        self.sched.trace(|| format!("VIOLATION: {what}"));
        self.violations.borrow_mut().push(what);
    }

    fn rows(&self, sql: &str) -> Vec<Row> {
        self.db
            .inner
            .execute(Statement::new(sql))
            .now_or_never()
            .expect("SQLite answers at once")
            .expect("check queries run")
            .rows
    }

    fn strings(&self, sql: &str) -> BTreeSet<String> {
        self.rows(sql)
            .into_iter()
            .filter_map(|r| {
                r.into_iter()
                    .next()
                    .and_then(|(_, v)| v.as_str().map(str::to_owned))
            })
            .collect()
    }

    /// The properties that hold at every moment.
    fn check(&self) {
        for overlap in self.backend.overlaps() {
            if !self.violations.borrow().iter().any(|v| v == &overlap) {
                self.violation(overlap);
            }
        }
        let known = self.strings(
            "SELECT lab_request_id FROM labs_sessions \
             UNION SELECT json_extract(w.value, '$.worker_lab_request_id') FROM labs_sessions s, json_each(s.worker_nodes) w \
             UNION SELECT d.value FROM labs_sessions s, json_each(s.detached_vm_ids) d \
             UNION SELECT lab_request_id FROM cleanup_items WHERE kind = 'vm'",
        );
        let model = self.model.borrow();
        for vm in model.accepted.difference(&known) {
            self.violation(format!(
                "VM {vm} was accepted but is in no live session and not queued: forgotten"
            ));
        }
        for vm in self.strings(
            "SELECT lab_request_id FROM cleanup_items WHERE kind = 'vm' AND state = 'done'",
        ) {
            if !self.backend.confirmed(&vm) {
                self.violation(format!(
                    "VM {vm} is marked done, but the delete endpoint never confirmed it"
                ));
            }
        }
        for row in
            self.rows("SELECT user_id FROM labs_sessions GROUP BY user_id HAVING COUNT(*) > 1")
        {
            self.violation(format!(
                "more than one live session for {:?}",
                row.get("user_id")
            ));
        }
        for row in self.rows("SELECT id, terminal_url FROM labs_sessions") {
            let (Some(id), Some(url)) = (row["id"].as_str(), row["terminal_url"].as_str()) else {
                continue;
            };
            if let Some(acked) = model.acked_terminal.get(id).filter(|acked| *acked != url) {
                self.violation(format!(
                    "session {id}: the last acknowledged write set terminal_url {acked}, the row holds {url}"
                ));
            }
        }
    }
}

fn worker_node(id: &str) -> Value {
    json!({"name": format!("w-{id}"), "worker_lab_request_id": id, "network_id": "net", "netbird_ip": "100.64.0.9"})
}

fn create_body(user: &str, model: &mut Model, workers: usize, minutes: i64) -> Value {
    let master = model.fresh("vm");
    let nodes: Vec<Value> = (0..workers)
        .map(|_| worker_node(&model.fresh("vm")))
        .collect();
    let body = json!({
        "labId": "lab-sim", "labTitle": "Simulated", "labGroupID": "g", "moduleID": "m",
        "duration": minutes, "activatedAt": "2026-12-01T00:00:00.000Z", "counterID": "c",
        "configId": "cfg", "workerConfigId": "wcfg", "lab_request_id": master,
        "user_id": user, "terminal_url": model.fresh("https://t.example.com/t"),
        "validation": 1, "vm": {"name": "m", "network_id": "net", "netbird_ip": "100.64.0.1"},
        "worker_nodes": nodes,
    });
    body
}

/// What a user believes about their lab: the worker ids of the last answer they saw.
fn workers_of(session: &Value) -> Vec<String> {
    session["worker_nodes"]
        .as_array()
        .map(|ws| {
            ws.iter()
                .filter_map(|w| w["worker_lab_request_id"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

/// Records an acknowledged create or update.
fn acknowledge(world: &World, session: &Value, also_accepted: &[String]) {
    let mut model = world.model.borrow_mut();
    if let (Some(id), Some(url)) = (session["id"].as_str(), session["terminal_url"].as_str()) {
        model.acked_terminal.insert(id.to_owned(), url.to_owned());
    }
    model.accepted.extend(also_accepted.iter().cloned());
    model.accepted.extend(workers_of(session));
}

/// A short pause most of the time (so requests overlap), now and then a long one.
fn pause(world: &World, long_ms: i64) -> i64 {
    world.sched.rng(|r| {
        if r.chance(0.7) {
            r.range(0, 50)
        } else {
            r.range(0, long_ms)
        }
    })
}

/// One client of a user (a user may have several at once: tabs, CI retries).
async fn client(world: Rc<World>, user: String, ops: usize) {
    let mut known_workers: Vec<String> = Vec::new();
    for _ in 0..ops {
        let pause = pause(&world, 20_000);
        world.sched.sleep_until(world.sched.now() + pause).await;
        match world.sched.rng(|r| r.below(100)) {
            0..35 => {
                let (workers, minutes) = world.sched.rng(|r| (r.below(3) as usize, r.range(1, 3)));
                let body = create_body(&user, &mut world.model.borrow_mut(), workers, minutes);
                // Half the creates carry a key; a client whose Worker died retries with it.
                let key = world
                    .sched
                    .rng(|r| r.chance(0.5))
                    .then(|| world.model.borrow_mut().fresh("key"));
                for _ in 0..3 {
                    let answer = world
                        .request_with_key(
                            "POST",
                            "/api/v1/labs/sessions",
                            Some(body.clone()),
                            key.clone(),
                        )
                        .await;
                    match answer {
                        Some((201, answer)) => known_workers = workers_of(&answer["data"]),
                        None | Some((409 | 500, _)) if key.is_some() => continue,
                        _ => {}
                    }
                    break;
                }
            }
            35..65 => {
                let mut body = json!({"terminal_url": world.model.borrow_mut().fresh("https://t.example.com/u")});
                if world.sched.rng(|r| r.chance(0.6)) {
                    // Keep some workers, drop others, add one.
                    let mut keep: Vec<String> = known_workers
                        .iter()
                        .filter(|_| world.sched.rng(|r| r.chance(0.5)))
                        .cloned()
                        .collect();
                    if world.sched.rng(|r| r.chance(0.6)) {
                        keep.push(world.model.borrow_mut().fresh("vm"));
                    }
                    body["worker_nodes"] =
                        Value::Array(keep.iter().map(|w| worker_node(w)).collect());
                }
                let path = format!("/api/v1/labs/sessions/{user}");
                if let Some((200, answer)) = world.request("PUT", &path, Some(body)).await {
                    known_workers = workers_of(&answer["data"]);
                }
            }
            65..85 => {
                world
                    .request("DELETE", &format!("/api/v1/labs/sessions/{user}"), None)
                    .await;
            }
            _ => {
                if let Some((200, answer)) = world
                    .request("GET", &format!("/api/v1/labs/sessions/user/{user}"), None)
                    .await
                {
                    known_workers = workers_of(&answer["data"]);
                }
            }
        }
    }
}

/// The cron: a sweep every simulated minute, each its own invocation.
async fn cron(world: Rc<World>, sweeps: usize) {
    for _ in 0..sweeps {
        world.sched.sleep_until(world.sched.now() + 60_000).await;
        let engine = world.engine();
        let task = world
            .sched
            .spawn("cron sweep", true, sweep::scheduled(engine));
        world.sched.join(task).await;
    }
}

/// An operator: forced sweeps, retries of one item and of every dead item.
async fn operator(world: Rc<World>, actions: usize) {
    for _ in 0..actions {
        let pause = pause(&world, 90_000);
        world.sched.sleep_until(world.sched.now() + pause).await;
        match world.sched.rng(|r| r.below(3)) {
            0 => {
                world
                    .request("POST", "/api/v1/labs/cleanup", Some(json!({})))
                    .await;
            }
            1 => {
                let id = world.sched.rng(|r| r.range(1, 12));
                world
                    .request(
                        "POST",
                        &format!("/api/v1/labs/cleanup/queue/{id}/retry"),
                        None,
                    )
                    .await;
            }
            _ => {
                world
                    .request("POST", "/api/v1/labs/cleanup/queue/retry-dead", None)
                    .await;
            }
        }
    }
}

/// Time passing in jumps: past a call's timeout, a minute, a lease, an expiry, a backoff.
async fn clock(world: Rc<World>, jumps: usize, lease_ms: i64) {
    for _ in 0..jumps {
        let pause = pause(&world, 30_000);
        world.sched.sleep_until(world.sched.now() + pause).await;
        let by = world.sched.rng(|r| match r.below(5) {
            0 => r.range(1_000, 15_000),
            1 => 61_000,
            2 => lease_ms + 1,
            3 => r.range(60_000, 240_000),
            _ => 65 * 60_000,
        });
        world.sched.trace(|| format!("clock jumps {} s", by / 1000));
        world.sched.advance(by);
    }
}

/// Runs one seed.
pub fn run_seed(seed: u64) -> Report {
    let sched = Sched::new(seed, EPOCH_MS);
    let (settings, malformed) = sched.rng(|r| {
        let mut vars = vec![
            ("CLEANUP_MAX_SUBREQUESTS", r.range(2, 8).to_string()),
            ("CLEANUP_CONCURRENCY", r.range(1, 3).to_string()),
            ("CLEANUP_TIMEOUT_MS", r.range(100, 2_000).to_string()),
            ("CLEANUP_MAX_ATTEMPTS", r.range(1, 4).to_string()),
            ("CLEANUP_EXPIRE_BATCH", r.range(1, 4).to_string()),
        ];
        let malformed = r.chance(0.1);
        if malformed {
            let i = r.below(vars.len() as u64) as usize;
            vars[i].1 = "1O".into();
        }
        (vars, malformed)
    });
    let config = Config::from_vars(|name| match name {
        "CF_WORKER_TOKEN" => Some(TOKEN.into()),
        "LOG_LEVEL" => Some("critical".into()),
        "ENVIRONMENT" => Some("test".into()),
        _ => settings
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.clone()),
    });
    debug_assert_eq!(malformed, !config.config_problems.is_empty());
    let fault_per_mille = sched.rng(|r| r.range(0, 600) as u64);
    let backend = SimBackend::new(sched.clone(), fault_per_mille);
    let webhook = SimBackend::webhook(sched.clone(), fault_per_mille);
    let queue = sched
        .rng(|r| r.chance(0.5))
        .then(|| SimQueue::new(sched.clone(), fault_per_mille / 2));
    let lease_ms = config.cleanup.lease_ms();
    let world = Rc::new(World {
        db: SimDb::new(sched.clone()),
        backend: backend.clone(),
        webhook: webhook.clone(),
        queue: queue.clone(),
        host: Rc::new(SimHost {
            sched: sched.clone(),
            critical_lines: RefCell::new(0),
        }),
        config,
        model: RefCell::default(),
        violations: RefCell::default(),
        sched: sched.clone(),
    });

    if let Some(queue) = &queue {
        let w = Rc::downgrade(&world);
        queue.set_consumer(Rc::new(move |messages| {
            let w = w.clone();
            Box::pin(async move {
                match w.upgrade() {
                    Some(world) => labs_engine::queue::consume(world.engine(), messages).await,
                    None => Vec::new(),
                }
            })
        }));
    }

    // Phase 1: everything at once, with faults and Worker deaths.
    let kill = sched.rng(|r| {
        if r.chance(0.7) {
            r.range(1, 30) as f64 / 1000.0
        } else {
            0.0
        }
    });
    sched.set_kill_chance(kill);
    let users = sched.rng(|r| r.range(1, 3));
    for u in 0..users {
        for c in 0..sched.rng(|r| r.range(1, 3)) {
            let ops = sched.rng(|r| r.range(2, 8) as usize);
            let label = format!("user-{u} client-{c}");
            sched.spawn(
                &label,
                false,
                client(world.clone(), format!("user-{u}"), ops),
            );
        }
    }
    let (sweeps, actions, jumps) = sched.rng(|r| {
        (
            r.range(1, 6) as usize,
            r.range(0, 4) as usize,
            r.range(0, 6) as usize,
        )
    });
    sched.spawn("cron", false, cron(world.clone(), sweeps));
    sched.spawn("operator", false, operator(world.clone(), actions));
    sched.spawn("clock", false, clock(world.clone(), jumps, lease_ms));
    let w = world.clone();
    let mut stop = sched.run(MAX_STEPS, |_, _| w.check());

    // Phase 2: faults stop. Time passes (past every expiry, lease and backoff), an operator
    // revives dead items, and sweeps run until nothing is owed.
    backend.heal();
    webhook.heal();
    if let Some(queue) = &queue {
        queue.heal();
    }
    sched.set_kill_chance(0.0);
    for _ in 0..60 {
        if stop == Stop::OutOfSteps {
            break;
        }
        let owed = world.rows(
            "SELECT (SELECT COUNT(*) FROM labs_sessions) + (SELECT COUNT(*) FROM cleanup_items WHERE state <> 'done') AS n",
        )[0]["n"]
            .as_i64()
            .unwrap_or(0);
        if owed == 0 {
            break;
        }
        sched.advance(2 * 60 * 60_000);
        let w = world.clone();
        sched.spawn("healing", false, async move {
            w.request("POST", "/api/v1/labs/cleanup/queue/retry-dead", None)
                .await;
            let task = w
                .sched
                .spawn("cron sweep", false, sweep::scheduled(w.engine()));
            w.sched.join(task).await;
        });
        let w = world.clone();
        stop = sched.run(MAX_STEPS, |_, _| w.check());
    }
    if stop == Stop::OutOfSteps {
        world.violation(format!("the world did not settle within {MAX_STEPS} steps"));
    }
    world.check();
    let unconfirmed: Vec<String> = world
        .model
        .borrow()
        .accepted
        .iter()
        .filter(|vm| !backend.confirmed(vm))
        .cloned()
        .collect();
    for vm in unconfirmed {
        world.violation(format!(
            "VM {vm} never got its confirmed deletion, though faults stopped and sweeps ran"
        ));
    }
    if world.config.config_problems.is_empty() == (*world.host.critical_lines.borrow() > 0)
        && malformed
    {
        world.violation("a malformed CLEANUP_* value was not logged as critical".into());
    }
    let violations = world.violations.borrow().clone();
    Report {
        seed,
        steps: sched.steps(),
        calls: backend.calls(),
        violations,
        trace: sched.trace_lines(),
    }
}
