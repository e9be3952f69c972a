//! End-to-end test harness: the real Worker, in workerd, on a free port.
//!
//! [`Worker::start`] runs `scripts/dev` — the README's own first command — with a fresh
//! state directory (so a fresh local D1 with the real migrations), a free port, and
//! `BACKEND_API_URL` pointing at an in-process [`FakeBackend`] the test can program. No part
//! of the runtime or of D1 is mocked.
//!
//! [`Worker::shared`] starts one such Worker per test binary, for tests whose state does
//! not collide (each uses its own users via [`unique_user`]). Tests that move the clock or
//! need a quiet queue start their own with [`Worker::start`].
//!
//! The Worker is built once per test run: `scripts/test` builds it and sets
//! `LABS_WORKER_PREBUILT=1`; otherwise the first start in a process runs `scripts/setup`.
//! Every process a Worker starts belongs to `scripts/dev`, which stops them when the
//! Worker is dropped or when the test process exits (`LABS_PARENT_PID`).
#![warn(missing_docs)]

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock, mpsc};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

pub use labs_fake_backend::{FakeBackend, FakeBackendConfig, Outcome, Rule};
use serde_json::{Value, json};

/// The token the shared Worker's clients present; [`Worker::second_token`] is the other
/// of its two rotated tokens.
const TOKENS: [&str; 2] = [
    "e2e-token-primary-0123456789abcdef",
    "e2e-token-rotated-0123456789abcdef",
];
/// The token the Worker presents to the fake backend.
const BACKEND_TOKEN: &str = "e2e-backend-token-fedcba9876543210";

/// How to start a Worker.
#[derive(Debug, Clone)]
pub struct WorkerOptions {
    /// `CF_WORKER_TOKEN` (comma-separated tokens).
    pub tokens: String,
    /// Extra vars (`CLEANUP_MAX_ATTEMPTS`, `ALLOWED_ORIGINS`, `ENVIRONMENT`, ...). In a value,
    /// `{fake}` stands for the fake backend's `127.0.0.1:PORT`, so that
    /// `ALERT_WEBHOOK_URL=http://{fake}/webhook` points at the fake's webhook.
    pub vars: Vec<(String, String)>,
    /// `BACKEND_API_URL` instead of the fake backend's own URL, with `{fake}` standing for
    /// the fake's `127.0.0.1:PORT` (e.g. `http://user:pw@{fake}/`); `None`: the fake's URL.
    pub backend_url: Option<String>,
    /// The path the fake backend serves its endpoints under (see
    /// [`FakeBackendConfig::path_prefix`]), for a `backend_url` with a path.
    pub backend_path_prefix: Option<String>,
    /// A wrangler environment of `worker/wrangler.toml` (`LABS_WRANGLER_ENV`), e.g.
    /// `no-queue`: the Worker without its cleanup queue.
    pub wrangler_env: Option<String>,
}

impl Default for WorkerOptions {
    fn default() -> WorkerOptions {
        WorkerOptions {
            tokens: TOKENS.join(","),
            vars: vec![
                (
                    "ALLOWED_ORIGINS".into(),
                    "https://app.example.com, https://admin.example.com".into(),
                ),
                ("LABS_DEV_CLOCK".into(), "enabled".into()),
                ("LOG_LEVEL".into(), "debug".into()),
            ],
            backend_url: None,
            backend_path_prefix: None,
            wrangler_env: None,
        }
    }
}

impl WorkerOptions {
    /// These options with var `name` set to `value` (`{fake}` in it: the fake's address).
    pub fn var(mut self, name: &str, value: &str) -> WorkerOptions {
        self.vars.retain(|(n, _)| n != name);
        self.vars.push((name.into(), value.into()));
        self
    }

    /// These options with `BACKEND_API_URL` set from `template`, where `{fake}` stands for
    /// the fake backend's `127.0.0.1:PORT`.
    pub fn backend_url(mut self, template: &str) -> WorkerOptions {
        self.backend_url = Some(template.into());
        self
    }

    /// These options with the Worker run in wrangler environment `env` (e.g. `no-queue`).
    pub fn wrangler_env(mut self, env: &str) -> WorkerOptions {
        self.wrangler_env = Some(env.into());
        self
    }

    /// These options with the fake backend serving its endpoints under `prefix`.
    pub fn backend_path_prefix(mut self, prefix: &str) -> WorkerOptions {
        self.backend_path_prefix = Some(prefix.into());
        self
    }
}

/// What a successful `scripts/dev` start yields: URL, process, captured output, state dir.
type Started = (String, Child, Arc<Mutex<String>>, tempfile::TempDir);

/// A running Worker and its fake VM backend.
pub struct Worker {
    url: String,
    options: WorkerOptions,
    tokens: Vec<String>,
    backend: FakeBackend,
    child: Mutex<Option<Child>>,
    logs: Arc<Mutex<String>>,
    _state: tempfile::TempDir,
}

/// The repository root.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("e2e/ has a parent")
        .to_path_buf()
}

fn ensure_built() {
    static BUILT: OnceLock<()> = OnceLock::new();
    BUILT.get_or_init(|| {
        if std::env::var("LABS_WORKER_PREBUILT").as_deref() == Ok("1") {
            return;
        }
        let status = Command::new("bash")
            .arg(repo_root().join("scripts/setup"))
            .stdout(Stdio::null())
            .status()
            .expect("run scripts/setup");
        assert!(
            status.success(),
            "scripts/setup failed: the Worker could not be built"
        );
    });
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

impl Worker {
    /// The Worker shared by every test in this test binary.
    pub fn shared() -> &'static Worker {
        static SHARED: OnceLock<Worker> = OnceLock::new();
        SHARED.get_or_init(|| Worker::start(WorkerOptions::default()))
    }

    /// Starts a Worker of its own, with a fresh local D1. Panics with the Worker's output if
    /// it does not become healthy.
    pub fn start(options: WorkerOptions) -> Worker {
        ensure_built();
        // Starts are serialised within a process: several wrangler/workerd starting at once on
        // two cores only slow each other down, and their internal ports can collide. A start
        // that still loses a port race is retried on a new port.
        static STARTING: Mutex<()> = Mutex::new(());
        let _one_at_a_time = STARTING.lock().unwrap_or_else(|e| e.into_inner());
        let backend = FakeBackend::start(FakeBackendConfig {
            token: Some(BACKEND_TOKEN.into()),
            port: 0,
            log_calls: false,
            path_prefix: options.backend_path_prefix.clone(),
        })
        .expect("start the fake backend");
        let mut last_output = String::new();
        for _attempt in 0..3 {
            match Worker::spawn(&options, &backend, None) {
                Ok((url, child, logs, state)) => {
                    return Worker {
                        url,
                        options: options.clone(),
                        tokens: options
                            .tokens
                            .split(',')
                            .map(|t| t.trim().to_owned())
                            .collect(),
                        backend,
                        child: Mutex::new(Some(child)),
                        logs,
                        _state: state,
                    };
                }
                Err(output) if output.contains("Address already in use") => last_output = output,
                Err(output) => panic!("the Worker did not start; its output:\n{output}"),
            }
        }
        panic!("the Worker did not start after 3 tries; its last output:\n{last_output}");
    }

    /// One attempt at starting `scripts/dev`: the URL, the process, its output and state
    /// directory once ready, or everything it printed.
    fn spawn(
        options: &WorkerOptions,
        backend: &FakeBackend,
        state_dir: Option<&Path>,
    ) -> Result<Started, String> {
        let state = tempfile::Builder::new()
            .prefix("labs-e2e-")
            .tempdir()
            .expect("a state directory");
        let state_path = state_dir.unwrap_or(state.path()).to_path_buf();
        let port = free_port();
        let mut cmd = Command::new("bash");
        cmd.arg(repo_root().join("scripts/dev"))
            .env("LABS_PORT", port.to_string())
            .env("LABS_STATE_DIR", &state_path)
            .env("LABS_SKIP_BUILD", "1")
            .env("LABS_PARENT_PID", std::process::id().to_string())
            .env("CF_WORKER_TOKEN", &options.tokens)
            .env("BACKEND_API_TOKEN", BACKEND_TOKEN)
            .env(
                "BACKEND_API_URL",
                match &options.backend_url {
                    Some(template) => template.replace("{fake}", &backend.addr().to_string()),
                    None => backend.url(),
                },
            )
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        for (name, value) in &options.vars {
            cmd.env(name, value.replace("{fake}", &backend.addr().to_string()));
        }
        if let Some(env) = &options.wrangler_env {
            cmd.env("LABS_WRANGLER_ENV", env);
        }
        {
            use std::os::unix::process::CommandExt;
            cmd.process_group(0);
        }
        let mut child = cmd.spawn().expect("spawn scripts/dev");
        let logs = Arc::new(Mutex::new(String::new()));
        let stderr = child.stderr.take().expect("piped stderr");
        let sink = Arc::clone(&logs);
        std::thread::spawn(move || {
            let echo = std::env::var_os("LABS_E2E_VERBOSE").is_some();
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if echo {
                    eprintln!("[worker] {line}");
                }
                let mut logs = sink.lock().unwrap();
                logs.push_str(&line);
                logs.push('\n');
            }
        });
        let stdout = child.stdout.take().expect("piped stdout");
        let (ready_tx, ready_rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(url) = line.strip_prefix("LABS_READY url=") {
                    let _ = ready_tx.send(url.to_owned());
                }
            }
        });
        match ready_rx.recv_timeout(Duration::from_secs(180)) {
            Ok(url) => Ok((url, child, logs, state)),
            Err(_) => {
                kill_group(&mut child);
                // Let the reader threads drain what is left.
                std::thread::sleep(Duration::from_millis(200));
                let output = logs.lock().unwrap().clone();
                Err(output)
            }
        }
    }

    /// The Worker's base URL, e.g. `http://127.0.0.1:41234`.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// A token the Worker accepts.
    pub fn token(&self) -> &str {
        &self.tokens[0]
    }

    /// The other rotated token, when the Worker has two.
    pub fn second_token(&self) -> &str {
        self.tokens.get(1).unwrap_or(&self.tokens[0])
    }

    /// Stops the Worker's processes (workerd mid-invocation included: its invocations die
    /// unfinished) and starts it again on the same local D1, with the same fake backend, on
    /// a new port. What only lived in the runtime (queue messages, a running invocation) is
    /// gone; what D1 holds is not.
    pub fn restart(&mut self) {
        if let Some(mut child) = self.child.lock().unwrap().take() {
            kill_group(&mut child);
        }
        let state = self._state.path().to_path_buf();
        let (url, child, logs, _unused) = Worker::spawn(&self.options, &self.backend, Some(&state))
            .unwrap_or_else(|output| panic!("the Worker did not restart; its output:\n{output}"));
        self.url = url;
        *self.child.lock().unwrap() = Some(child);
        self.logs = logs;
    }

    /// The local D1 state directory (`--persist-to`) of this Worker.
    pub fn state_dir(&self) -> &Path {
        self._state.path()
    }

    /// Runs `sql` on this Worker's local D1 with `wrangler d1 execute --local --json` (a
    /// second reader of the same database) and returns wrangler's JSON.
    pub fn d1_execute(&self, sql: &str) -> Value {
        let script = format!(
            "source scripts/lib.sh && ensure_toolchain >/dev/null && cd worker && \
             wrangler d1 execute DB --local --persist-to '{}' --config wrangler.toml {} --json --command \"$LABS_SQL\"",
            self.state_dir().display(),
            self.options
                .wrangler_env
                .as_ref()
                .map(|e| format!("--env {e}"))
                .unwrap_or_default()
        );
        let out = Command::new("bash")
            .arg("-c")
            .arg(script)
            .env("LABS_SQL", sql)
            .current_dir(repo_root())
            .output()
            .expect("run wrangler d1 execute");
        assert!(
            out.status.success(),
            "wrangler d1 execute failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).expect("wrangler's JSON")
    }

    /// The token the Worker sends to the VM backend.
    pub fn backend_token(&self) -> &str {
        BACKEND_TOKEN
    }

    /// The fake VM backend this Worker calls.
    pub fn backend(&self) -> &FakeBackend {
        &self.backend
    }

    /// Everything the Worker (wrangler, workerd, the Worker's log lines) wrote so far.
    pub fn logs(&self) -> String {
        self.logs.lock().unwrap().clone()
    }

    /// The Worker's structured log lines (JSON objects) so far.
    pub fn log_lines(&self) -> Vec<Value> {
        self.logs()
            .lines()
            .filter_map(|l| serde_json::from_str::<Value>(l).ok())
            .filter(|v| v.get("level").is_some())
            .collect()
    }

    /// A request to `path` with this Worker's token.
    pub fn request(&self, method: &str, path: &str) -> Call {
        Call::new(method, &format!("{}{}", self.url, path)).bearer(self.token())
    }

    /// A request to `path` with no credentials.
    pub fn anonymous(&self, method: &str, path: &str) -> Call {
        Call::new(method, &format!("{}{}", self.url, path))
    }

    /// Creates a session for `user` from [`session_body`]; panics unless it answers 201.
    pub fn create_session(&self, user: &str) -> Value {
        let resp = self
            .request("POST", "/api/v1/labs/sessions")
            .json(&session_body(user))
            .send();
        assert_eq!(resp.status, 201, "create for {user}: {}", resp.text);
        resp.body["data"].clone()
    }

    /// The current session of `user`, or `None` on 404.
    pub fn session(&self, user: &str) -> Option<Value> {
        let resp = self
            .request(
                "GET",
                &format!("/api/v1/labs/sessions/user/{}", encode(user)),
            )
            .send();
        match resp.status {
            200 => Some(resp.body["data"].clone()),
            404 => None,
            other => panic!("GET session of {user}: {other} {}", resp.text),
        }
    }

    /// Shifts the Worker's clock by `offset_ms` (needs `LABS_DEV_CLOCK=enabled`).
    pub fn set_clock_offset(&self, offset_ms: i64) {
        let resp = self
            .request("PUT", "/api/v1/dev/clock")
            .json(&json!({ "offset_ms": offset_ms }))
            .send();
        assert_eq!(resp.status, 200, "set clock: {}", resp.text);
    }

    /// Fires the cron trigger as the runtime would (`/__scheduled`).
    pub fn fire_cron(&self) {
        let resp = Call::new("GET", &format!("{}/__scheduled?cron=*+*+*+*+*", self.url)).send();
        assert!(
            resp.status < 300,
            "/__scheduled answered {}: {}",
            resp.status,
            resp.text
        );
    }

    /// Runs a forced sweep and returns its run record.
    pub fn sweep(&self) -> Value {
        let resp = self.request("POST", "/api/v1/labs/cleanup").send();
        assert_eq!(resp.status, 200, "forced sweep: {}", resp.text);
        resp.body["data"].clone()
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.lock().unwrap().take() {
            kill_group(&mut child);
        }
    }
}

/// Stops `scripts/dev` (which stops wrangler, workerd and its fake backend) and waits.
fn kill_group(child: &mut Child) {
    let pgid = child.id() as i32;
    // SAFETY: kill(2) with a negative pid signals that process group; no memory involved.
    unsafe {
        libc::kill(-pgid, libc::SIGTERM);
    }
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        if let Ok(Some(_)) = child.try_wait() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    unsafe {
        libc::kill(-pgid, libc::SIGKILL);
    }
    let _ = child.wait();
}

/// A user id no other test (in any process) uses, starting with `prefix`.
pub fn unique_user(prefix: &str) -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    format!("{prefix}-{}-{n}-{nanos:x}", std::process::id())
}

/// A valid create body for `user`: the contract's minimal example, with a master VM id
/// unique to this user (`<user>-master`).
pub fn session_body(user: &str) -> Value {
    let mut body: Value = serde_json::from_str(include_str!(
        "../../core/tests/fixtures/create-minimal.json"
    ))
    .expect("fixture");
    body["user_id"] = json!(user);
    body["lab_request_id"] = json!(format!("{user}-master"));
    body
}

/// A valid create body for `user` with `workers` worker nodes (`<user>-worker-<i>`).
pub fn multinode_body(user: &str, workers: usize) -> Value {
    let mut body = session_body(user);
    body["worker_nodes"] = Value::Array(
        (0..workers)
            .map(|i| {
                json!({
                    "name": format!("k3s-worker-{i}"),
                    "worker_lab_request_id": format!("{user}-worker-{i}"),
                    "network_id": "net-77c1",
                    "netbird_ip": format!("100.64.20.{}", 10 + i),
                })
            })
            .collect(),
    );
    body
}

/// Milliseconds since the epoch of a fixed-width ISO timestamp (`2026-11-20T10:00:00.000Z`),
/// computed here rather than with the crate under test.
pub fn iso_ms(iso: &str) -> i64 {
    let n = |a: usize, b: usize| {
        iso[a..b]
            .parse::<i64>()
            .expect("a fixed-width ISO timestamp")
    };
    let (y, m, d) = (n(0, 4), n(5, 7), n(8, 10));
    // Days from the civil date (Howard Hinnant's algorithm).
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * ((m + 9) % 12) + 2) / 5 + d - 1;
    let days = era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719_468;
    ((days * 24 + n(11, 13)) * 60 + n(14, 16)) * 60_000 + n(17, 19) * 1000 + n(20, 23)
}

/// Percent-encodes `segment` as one path segment (everything but unreserved characters).
pub fn encode(segment: &str) -> String {
    let mut out = String::new();
    for b in segment.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// One HTTP request being built.
pub struct Call {
    method: reqwest::Method,
    url: String,
    headers: Vec<(String, String)>,
    body: Option<Vec<u8>>,
}

/// A response, its body read.
#[derive(Debug, Clone)]
pub struct Resp {
    /// The status code.
    pub status: u16,
    /// Header names (lowercase) and values.
    pub headers: Vec<(String, String)>,
    /// The body as text.
    pub text: String,
    /// The body as JSON (`Null` when it is not JSON).
    pub body: Value,
}

impl Resp {
    /// The value of header `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        let name = name.to_ascii_lowercase();
        self.headers
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }
}

fn client() -> &'static reqwest::blocking::Client {
    static CLIENT: OnceLock<reqwest::blocking::Client> = OnceLock::new();
    CLIENT.get_or_init(|| {
        reqwest::blocking::Client::builder()
            .timeout(Duration::from_secs(60))
            .pool_max_idle_per_host(32)
            .build()
            .expect("an HTTP client")
    })
}

impl Call {
    /// A request with `method` to `url`.
    pub fn new(method: &str, url: &str) -> Call {
        Call {
            method: method.parse().expect("a method"),
            url: url.to_owned(),
            headers: Vec::new(),
            body: None,
        }
    }

    /// Adds a header.
    pub fn header(mut self, name: &str, value: &str) -> Call {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Sets `Authorization: Bearer <token>`, replacing any earlier one.
    pub fn bearer(self, token: &str) -> Call {
        self.no_auth()
            .header("Authorization", &format!("Bearer {token}"))
    }

    /// Removes the `Authorization` header.
    pub fn no_auth(mut self) -> Call {
        self.headers
            .retain(|(n, _)| !n.eq_ignore_ascii_case("authorization"));
        self
    }

    /// A JSON body.
    pub fn json(self, body: &Value) -> Call {
        self.header("Content-Type", "application/json")
            .raw(body.to_string().into_bytes())
    }

    /// A raw body.
    pub fn raw(mut self, body: impl Into<Vec<u8>>) -> Call {
        self.body = Some(body.into());
        self
    }

    /// Sends it and reads the answer.
    pub fn send(self) -> Resp {
        let mut req = client().request(self.method.clone(), &self.url);
        for (n, v) in &self.headers {
            req = req.header(n, v);
        }
        if let Some(body) = self.body {
            req = req.body(body);
        }
        let resp = req
            .send()
            .unwrap_or_else(|e| panic!("{} {}: {e}", self.method, self.url));
        let status = resp.status().as_u16();
        let headers = resp
            .headers()
            .iter()
            .map(|(n, v)| (n.as_str().to_owned(), v.to_str().unwrap_or("").to_owned()))
            .collect();
        let text = resp.text().unwrap_or_default();
        let body = serde_json::from_str(&text).unwrap_or(Value::Null);
        Resp {
            status,
            headers,
            text,
            body,
        }
    }
}

/// Polls `check` every 50 ms until it returns `Some`, or panics after `timeout` with `what`.
pub fn wait_for<T>(timeout: Duration, what: &str, mut check: impl FnMut() -> Option<T>) -> T {
    let deadline = Instant::now() + timeout;
    loop {
        if let Some(v) = check() {
            return v;
        }
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}
