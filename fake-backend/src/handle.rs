//! [`FakeBackend`]: the synchronous handle that starts, drives, inspects and stops a fake.
//!
//! Every method is a plain blocking call, safe to use from a test's async code too: the
//! server lives on its own thread and runtime, and the handle only takes a short lock or
//! waits for the server thread to acknowledge a command.

use std::collections::{BTreeMap, BTreeSet};
use std::io;
use std::net::{SocketAddr, TcpListener};
use std::sync::Arc;
use std::sync::mpsc::sync_channel;
use std::thread::JoinHandle;
use std::time::Duration;

use tokio::sync::mpsc;

use serde_json::Value;

use crate::calls::{Call, CallKind};
use crate::rules::{Endpoint, Rule, WEBHOOK_PATH};
use crate::server::{self, Command};
use crate::state::{InstalledRule, Shared, Stats};

/// How to start a [`FakeBackend`].
#[derive(Debug, Clone, Default)]
pub struct FakeBackendConfig {
    /// The bearer token calls must carry (`Authorization: Bearer <token>`); `None` accepts
    /// any call, with or without a token.
    pub token: Option<String>,
    /// The port to listen on at 127.0.0.1; `0` picks a free one.
    pub port: u16,
    /// Log each finished call as one line on stderr.
    pub log_calls: bool,
    /// Serve the two endpoints under this path (e.g. `/tenant-7`, as a backend behind a
    /// gateway would be), so a base URL with a path (`http://host:port/tenant-7/`) works; the
    /// bare paths then get `404`. Calls are recorded with the path as it arrived. `None`: at
    /// the root.
    pub path_prefix: Option<String>,
}

/// A running fake VM backend on 127.0.0.1.
///
/// Dropping it (or [`FakeBackend::shutdown`]) stops the server: held requests are abandoned,
/// connections closed, and the port released before the call returns.
///
/// With one instance shared by tests that run in parallel, give each test its own lab ids
/// and use the per-id methods: [`FakeBackend::clear`], [`FakeBackend::set_latency`],
/// [`FakeBackend::refuse_connections`] and the default rules affect every test.
pub struct FakeBackend {
    shared: Arc<Shared>,
    addr: SocketAddr,
    commands: mpsc::UnboundedSender<Command>,
    thread: Option<JoinHandle<()>>,
}

impl std::fmt::Debug for FakeBackend {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FakeBackend")
            .field("addr", &self.addr)
            .finish_non_exhaustive()
    }
}

impl FakeBackend {
    /// Binds 127.0.0.1:`config.port` and starts serving on a new thread with its own tokio
    /// runtime. Fails if the port cannot be bound or the thread not started.
    pub fn start(config: FakeBackendConfig) -> io::Result<FakeBackend> {
        let listener = TcpListener::bind(("127.0.0.1", config.port))?;
        listener.set_nonblocking(true)?;
        let addr = listener.local_addr()?;
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_io()
            .enable_time()
            .build()?;
        let shared = Shared::with_path_prefix(config.token, config.log_calls, config.path_prefix);
        let (commands, inbox) = mpsc::unbounded_channel();
        let thread = std::thread::Builder::new()
            .name(format!("fake-backend-{}", addr.port()))
            .spawn({
                let shared = Arc::clone(&shared);
                let commands = commands.clone();
                move || {
                    runtime.block_on(server::run(listener, shared, commands, inbox));
                    // Dropping the runtime cancels every connection task: hung requests are
                    // recorded as abandoned and their sockets closed.
                    drop(runtime);
                }
            })?;
        Ok(FakeBackend {
            shared,
            addr,
            commands,
            thread: Some(thread),
        })
    }

    /// The base URL, e.g. `http://127.0.0.1:43117` (no trailing slash): the Worker's
    /// `BACKEND_API_URL`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The alert webhook's URL, e.g. `http://127.0.0.1:43117/webhook`: the Worker's
    /// `ALERT_WEBHOOK_URL`. Any path under it works too (`{url}/webhook/T0/B0/secret`).
    pub fn webhook_url(&self) -> String {
        format!("{}{WEBHOOK_PATH}", self.url())
    }

    /// The port it listens on.
    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    /// The address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Installs `rule` for calls about `lab_request_id` to either endpoint, replacing the
    /// id's previous both-endpoints rule and restarting the script and PRNG.
    pub fn set_rule(&self, lab_request_id: &str, rule: Rule) {
        self.shared
            .set_rule(Some(lab_request_id.to_string()), None, rule);
    }

    /// Installs `rule` for calls about `lab_request_id` to `endpoint` only; it takes
    /// precedence over the id's both-endpoints rule.
    pub fn set_rule_on(&self, endpoint: Endpoint, lab_request_id: &str, rule: Rule) {
        self.shared
            .set_rule(Some(lab_request_id.to_string()), Some(endpoint), rule);
    }

    /// Installs the default rule: for ids without a rule of their own, either endpoint.
    pub fn set_default_rule(&self, rule: Rule) {
        self.shared.set_rule(None, None, rule);
    }

    /// Installs the default rule for `endpoint`; it takes precedence over the
    /// both-endpoints default rule.
    ///
    /// The lookup for a call is: id + endpoint, id, default + endpoint, default, then `200`.
    pub fn set_default_rule_on(&self, endpoint: Endpoint, rule: Rule) {
        self.shared.set_rule(None, Some(endpoint), rule);
    }

    /// Removes every rule of `lab_request_id` (both-endpoints and per-endpoint).
    pub fn clear_rule(&self, lab_request_id: &str) {
        self.shared.remove_rules(Some(lab_request_id), None);
    }

    /// Removes the default rules (both-endpoints and per-endpoint).
    pub fn clear_default_rule(&self) {
        self.shared.remove_rules(None, None);
    }

    /// Removes every rule: all calls get `200` again.
    pub fn clear_rules(&self) {
        self.shared.clear_rules();
    }

    /// The installed rules, with how much of each script is left.
    pub fn rules(&self) -> Vec<InstalledRule> {
        self.shared.rules()
    }

    /// Adds `latency` before every backend answer (or drop, or hang); zero turns it off.
    pub fn set_latency(&self, latency: Duration) {
        self.shared.set_latency(latency);
    }

    /// Closes the listening socket (`true`: connects now get `ECONNREFUSED`, and open
    /// keep-alive connections are closed once their current request is answered) or listens
    /// again on the same port (`false`). Returns once done; fails only if the port could not
    /// be bound again, in which case it stays refusing and a later call may retry.
    pub fn refuse_connections(&self, refuse: bool) -> io::Result<()> {
        let (ack, done) = sync_channel(1);
        self.commands
            .send(Command::Refuse {
                refuse,
                ack: Some(ack),
            })
            .map_err(|_| stopped())?;
        // A std channel, not a tokio one: blocking on it is allowed inside a runtime.
        done.recv().map_err(|_| stopped())?
    }

    /// Every recorded call, oldest first.
    pub fn calls(&self) -> Vec<Call> {
        self.shared.calls()
    }

    /// The recorded calls whose body named `lab_request_id`, oldest first.
    pub fn calls_for(&self, lab_request_id: &str) -> Vec<Call> {
        self.shared.calls_for(lab_request_id)
    }

    /// The recorded calls of one kind, oldest first (e.g. every [`CallKind::Webhook`] call,
    /// refused ones included).
    pub fn calls_of(&self, kind: CallKind) -> Vec<Call> {
        self.shared.calls_of(kind)
    }

    /// The alerts the webhook accepted (answered with a 2xx), oldest first, each body as
    /// JSON (a body that is not JSON would have been refused with `400`).
    pub fn alerts(&self) -> Vec<Value> {
        self.calls_of(CallKind::Webhook)
            .iter()
            .filter(|c| c.answer.status().is_some_and(|s| (200..300).contains(&s)))
            .filter_map(|c| serde_json::from_str(&c.body).ok())
            .collect()
    }

    /// How many VM deletes of `lab_request_id` were answered with a 2xx or a 404.
    pub fn confirmed_deletes(&self, lab_request_id: &str) -> usize {
        self.shared.confirmed_deletes(lab_request_id)
    }

    /// For each id with at least one, how many VM deletes were answered with a 2xx or a 404.
    pub fn confirmed_delete_counts(&self) -> BTreeMap<String, usize> {
        self.shared.confirmed_delete_counts()
    }

    /// The ids that got at least one 2xx or 404 answer to a VM delete: the VMs the Worker
    /// has been told are gone.
    pub fn deleted_ids(&self) -> BTreeSet<String> {
        self.shared.deleted_ids()
    }

    /// Backend calls being handled right now.
    pub fn in_flight(&self) -> usize {
        self.shared.stats().in_flight
    }

    /// The most backend calls in flight at once since start or [`Self::reset_max_in_flight`].
    pub fn max_in_flight(&self) -> usize {
        self.shared.stats().max_in_flight
    }

    /// Sets the maximum in flight back to the number in flight now.
    pub fn reset_max_in_flight(&self) {
        self.shared.reset_max_in_flight();
    }

    /// Counters: calls, in flight, max in flight, latency, refusing.
    pub fn stats(&self) -> Stats {
        self.shared.stats()
    }

    /// Forgets the recorded calls (sequence numbers keep counting up).
    pub fn clear_calls(&self) {
        self.shared.clear_calls();
    }

    /// Forgets the recorded calls, removes every rule and sets the latency back to zero.
    /// Leaves the in-flight counters and the refusing state alone.
    pub fn clear(&self) {
        self.shared.clear();
    }

    /// Stops the server and waits for its thread (what dropping the handle does).
    pub fn shutdown(mut self) {
        self.stop();
    }

    fn stop(&mut self) {
        if let Some(thread) = self.thread.take() {
            let _ = self.commands.send(Command::Shutdown);
            // A panic on the server thread has already been printed; nothing to add here.
            let _ = thread.join();
        }
    }
}

impl Drop for FakeBackend {
    fn drop(&mut self) {
        self.stop();
    }
}

fn stopped() -> io::Error {
    io::Error::other("the fake backend's server thread has stopped")
}
