//! The `labs-fake-backend` binary: the stdout line, the token from an env var, the stderr
//! call log, `--quiet`, and a clean exit on SIGTERM and SIGINT.

use std::io::{BufRead, BufReader, Read};
use std::process::{Child, ChildStdout, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::json;

const BIN: &str = env!("CARGO_BIN_EXE_labs-fake-backend");

/// Starts the binary and reads its one stdout line; returns the child and the base URL.
fn spawn(args: &[&str]) -> (Child, String, BufReader<ChildStdout>) {
    let mut child = Command::new(BIN)
        .args(args)
        .env("FAKE_TEST_TOKEN", "from-env")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    stdout.read_line(&mut line).unwrap();
    let url = line
        .strip_prefix("listening on ")
        .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
        .trim_end()
        .to_string();
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");
    (child, url, stdout)
}

fn signal(child: &Child, name: &str) {
    let status = Command::new("kill")
        .args([&format!("-{name}"), &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
}

fn wait(child: &mut Child) -> std::process::ExitStatus {
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "did not exit on the signal"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

async fn delete(url: &str, token: &str) -> u16 {
    reqwest::Client::builder()
        .no_proxy()
        .build()
        .unwrap()
        .post(format!("{url}/api/v1/labs/delete"))
        .bearer_auth(token)
        .json(&json!({"lab_request_id": "lr-bin", "user_id": "u-bin"}))
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

#[tokio::test]
async fn prints_its_url_logs_calls_and_stops_on_sigterm() {
    let (mut child, url, mut stdout) = spawn(&["--token-env", "FAKE_TEST_TOKEN"]);
    assert_eq!(delete(&url, "from-env").await, 200);
    assert_eq!(delete(&url, "wrong").await, 401);

    signal(&child, "TERM");
    assert!(wait(&mut child).success());
    let mut rest = String::new();
    stdout.read_to_string(&mut rest).unwrap();
    assert_eq!(rest, "", "exactly one line on stdout");
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    let lines: Vec<&str> = stderr.lines().filter(|l| l.contains("lr-bin")).collect();
    assert_eq!(lines.len(), 2, "{stderr}");
    assert!(lines[0].contains("delete_vm"), "{}", lines[0]);
    assert!(lines[0].contains("user_id=u-bin"), "{}", lines[0]);
    assert!(lines[0].contains("-> 200 in "), "{}", lines[0]);
    assert!(lines[1].contains("auth=BAD -> 401"), "{}", lines[1]);
    assert!(!stderr.contains("from-env"), "the token is never logged");
}

#[tokio::test]
async fn quiet_on_a_fixed_port_and_stops_on_sigint() {
    // Find a free port, then ask for it explicitly.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let (mut child, url, _stdout) = spawn(&["--port", &port.to_string(), "--quiet"]);
    assert_eq!(url, format!("http://127.0.0.1:{port}"));
    assert_eq!(delete(&url, "anything").await, 200, "no token configured");
    signal(&child, "INT");
    assert!(wait(&mut child).success());
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert_eq!(stderr, "");
}

#[test]
fn a_missing_token_variable_is_an_error() {
    let output = Command::new(BIN)
        .args(["--token-env", "FAKE_TEST_TOKEN_UNSET"])
        .env_remove("FAKE_TEST_TOKEN_UNSET")
        .output()
        .unwrap();
    assert!(!output.status.success());
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("FAKE_TEST_TOKEN_UNSET"), "{stderr}");
}
