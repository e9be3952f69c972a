//! The test harness: a [`Sandbox`] per test, with its own config directory, so that no test
//! reads or writes the user's config, credentials or keyring.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use tempfile::TempDir;

/// The variables `labctl` reads; every command starts with them removed.
const LABCTL_VARS: [&str; 10] = [
    "LABCTL_URL",
    "LABCTL_TOKEN",
    "LABCTL_PROFILE",
    "LABCTL_TIMEOUT",
    "LABCTL_RETRIES",
    "LABCTL_CONFIG_DIR",
    "LABCTL_KEYRING",
    "LABCTL_INSECURE_HTTP",
    "NO_COLOR",
    "LABCTL_BLESS",
];

/// An isolated home for `labctl`: a temporary config dir, `LABCTL_KEYRING=off`, and `HOME`
/// / `XDG_CONFIG_HOME` pointed inside it as a second fence.
pub struct Sandbox {
    dir: TempDir,
}

impl Sandbox {
    /// A fresh sandbox.
    pub fn new() -> Self {
        Self {
            dir: tempfile::tempdir().expect("create a temp dir"),
        }
    }

    /// The config dir given to `labctl` (created on demand by `labctl`).
    pub fn config_dir(&self) -> PathBuf {
        self.dir.path().join("config")
    }

    /// The sandbox's root, for input files.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes a file in the sandbox and returns its path.
    pub fn write(&self, name: &str, contents: &str) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::write(&path, contents).expect("write a test file");
        path
    }

    /// `labctl` with no URL or token, and the keyring off.
    pub fn cmd(&self) -> Command {
        let bin = assert_cmd::cargo::cargo_bin("labctl");
        Command::from_std(self.program(bin.as_os_str()))
    }

    /// Any program, with the sandbox's environment (for `script`, which runs `labctl` on a
    /// pseudo-terminal).
    pub fn program(&self, program: &std::ffi::OsStr) -> std::process::Command {
        let mut cmd = std::process::Command::new(program);
        for var in LABCTL_VARS {
            cmd.env_remove(var);
        }
        cmd.env("LABCTL_CONFIG_DIR", self.config_dir())
            .env("LABCTL_KEYRING", "off")
            .env("HOME", self.dir.path().join("home"))
            .env("XDG_CONFIG_HOME", self.dir.path().join("home/.config"))
            .env("TERM", "dumb");
        cmd
    }

    /// `labctl ARGS...` in the sandbox.
    pub fn labctl(&self, args: &[&str]) -> Command {
        let mut cmd = self.cmd();
        cmd.args(args);
        cmd
    }
}

/// A URL where nothing listens: requests to it are refused at once.
pub fn dead_url() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind a port");
    let port = listener.local_addr().expect("local addr").port();
    drop(listener);
    format!("http://127.0.0.1:{port}")
}

/// stdout of a finished command, as text.
pub fn stdout(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// stderr of a finished command, as text.
pub fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// stdout parsed as JSON.
pub fn json(output: &std::process::Output) -> serde_json::Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}):\n{}\nstderr:\n{}",
            stdout(output),
            stderr(output)
        )
    })
}

/// The permission bits of a file.
#[cfg(unix)]
pub fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::metadata(path).expect("stat").permissions().mode() & 0o777
}

/// The real local Worker, started once per test binary by the `labs-e2e` harness.
pub fn worker() -> &'static labs_e2e::Worker {
    labs_e2e::Worker::shared()
}

impl Sandbox {
    /// `labctl ARGS...` pointed at the real Worker through `LABCTL_URL` and `LABCTL_TOKEN`.
    pub fn on_worker(&self, args: &[&str]) -> Command {
        let w = worker();
        let mut cmd = self.labctl(args);
        cmd.env("LABCTL_URL", w.url())
            .env("LABCTL_TOKEN", w.token());
        cmd
    }

    /// `labctl ARGS...` against the shared Worker with another token (a minted one).
    pub fn with_token(&self, token: &str, args: &[&str]) -> Command {
        let mut cmd = self.on_worker(args);
        cmd.env("LABCTL_TOKEN", token);
        cmd
    }

    /// `labctl ARGS...` against a Worker of the test's own, with its root token.
    pub fn on(&self, w: &labs_e2e::Worker, args: &[&str]) -> Command {
        let mut cmd = self.labctl(args);
        cmd.env("LABCTL_URL", w.url())
            .env("LABCTL_TOKEN", w.token());
        cmd
    }

    /// Creates a session for `user` from the harness's valid body; returns the body sent.
    pub fn create_session(&self, user: &str) -> serde_json::Value {
        let body = labs_e2e::session_body(user);
        self.on_worker(&["session", "create", "--file", "-", "--json"])
            .write_stdin(body.to_string())
            .assert()
            .success();
        body
    }
}
