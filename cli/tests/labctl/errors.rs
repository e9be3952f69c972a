//! Usage errors, the refusals, and the exit codes that need no Worker: 2 usage, 4 no token,
//! 6 unreachable or timed out.

use std::time::{Duration, Instant};

use predicates::prelude::*;

use crate::util::{Sandbox, dead_url, stderr};

#[test]
fn version_and_help() {
    let sb = Sandbox::new();
    sb.labctl(&["--version"])
        .assert()
        .success()
        .stdout(format!("labctl {}\n", env!("CARGO_PKG_VERSION")));
    sb.labctl(&["--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Settings are resolved in this order",
        ))
        .stdout(predicate::str::contains(
            "6  Worker unreachable or timed out",
        ));
    sb.labctl(&[]).assert().code(2);
    sb.labctl(&["sessions"]).assert().code(2);
}

#[test]
fn usage_errors_exit_2_before_any_request() {
    let sb = Sandbox::new();
    let run = |args: &[&str]| {
        sb.labctl(args)
            .env("LABCTL_URL", dead_url())
            .env("LABCTL_TOKEN", "t")
            .assert()
            .code(2)
    };
    run(&["session", "get"]);
    run(&["session", "extend", "u1", "--by", "0m"]);
    run(&["session", "extend", "u1", "--by=-30m"]);
    run(&["session", "extend", "u1", "--by", "90s"]);
    run(&["session", "update", "u1"]).stderr(predicate::str::contains("nothing to update"));
    run(&[
        "session",
        "update",
        "u1",
        "--load-balancer",
        "id=lb-1,port=80",
    ])
    .stderr(predicate::str::contains("missing domain"));
    run(&["session", "create", "--file", "/no/such/file.json"])
        .stderr(predicate::str::contains("cannot read /no/such/file.json"));
    run(&["session", "get", ".."]);
    run(&["--timeout", "0", "health"]);
    run(&["--color", "sometimes", "health"]);
    run(&["api", "GET", "api/v1/x"]).stderr(predicate::str::contains("must start with `/`"));
    run(&["api", "GET", "/x", "--data", "{not json"]);
    sb.labctl(&["session", "create", "--file", "-"])
        .env("LABCTL_URL", dead_url())
        .env("LABCTL_TOKEN", "t")
        .write_stdin("[1, 2]")
        .assert()
        .code(2)
        .stderr("error: stdin must hold a JSON object\n");
    sb.labctl(&["health"])
        .env("LABCTL_TIMEOUT", "soon")
        .assert()
        .code(2);
    sb.labctl(&["health"])
        .env("LABCTL_URL", "localhost:8787")
        .assert()
        .code(2);
}

#[test]
fn delete_refuses_without_yes_when_nobody_can_be_asked() {
    let sb = Sandbox::new();
    // The URL is dead: reaching it would exit 6, so exit 2 proves nothing was sent.
    sb.labctl(&["session", "delete", "user-1"])
        .env("LABCTL_URL", dead_url())
        .env("LABCTL_TOKEN", "t")
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            "error: refusing to delete the lab session of user-1 without confirmation: no terminal to ask on\n\
             hint: pass --yes to confirm without a prompt\n",
        );
    sb.labctl(&["session", "delete", "user-1", "--yes", "--retries", "0"])
        .env("LABCTL_URL", dead_url())
        .env("LABCTL_TOKEN", "t")
        .assert()
        .code(6);
}

#[test]
fn commands_that_need_a_token_exit_4_without_one() {
    let sb = Sandbox::new();
    for args in [
        &["session", "get", "u1"][..],
        &["session", "delete", "u1", "--yes"],
        &["session", "extend", "u1", "--by", "30m"],
        &["auth", "token"],
    ] {
        sb.labctl(args)
            .env("LABCTL_URL", dead_url())
            .assert()
            .code(4)
            .stderr(predicate::str::contains(
                "hint: log in with `labctl auth login`",
            ));
    }
}

#[test]
fn an_unreachable_worker_exits_6_after_backoff_retries() {
    let sb = Sandbox::new();
    let started = Instant::now();
    let out = sb
        .labctl(&["health", "-v", "--retries", "2"])
        .env("LABCTL_URL", dead_url())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(6));
    // 200 ms + 400 ms of backoff.
    assert!(started.elapsed() >= Duration::from_millis(600));
    let err = stderr(&out);
    assert_eq!(err.matches("retrying GET /health").count(), 2, "{err}");
    assert!(
        err.contains("error: could not reach the Worker at http://127.0.0.1:"),
        "{err}"
    );
    assert!(err.contains("caused by: Connection refused"), "{err}");
}

#[test]
fn a_create_is_retried_with_one_key_and_other_posts_never() {
    let sb = Sandbox::new();
    let body = sb.write("create.json", r#"{"user_id": "u1"}"#);
    let out = sb
        .labctl(&[
            "session",
            "create",
            "--file",
            body.to_str().unwrap(),
            "-v",
            "--retries",
            "3",
        ])
        .env("LABCTL_URL", dead_url())
        .env("LABCTL_TOKEN", "t")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(6));
    // Three retries, each with the Idempotency-Key of the first attempt.
    let err = stderr(&out);
    let keys: Vec<&str> = err
        .lines()
        .filter(|l| l.contains("retrying POST /api/v1/labs/sessions"))
        .filter_map(|l| l.split("the same Idempotency-Key ").nth(1))
        .map(|rest| rest.trim_end_matches(')'))
        .collect();
    assert_eq!(keys.len(), 3, "{err}");
    assert!(keys.iter().all(|k| *k == keys[0] && k.len() == 36), "{err}");
    // A sweep or a minted token is never sent twice.
    for args in [
        &["cleanup", "run"][..],
        &["token", "create", "--name", "n", "--scope", "read"],
    ] {
        let out = sb
            .labctl(args)
            .args(["-v", "--retries", "3"])
            .env("LABCTL_URL", dead_url())
            .env("LABCTL_TOKEN", "t")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(6), "{args:?}");
        assert!(!stderr(&out).contains("retrying"), "{}", stderr(&out));
    }
}

#[test]
fn a_worker_that_does_not_answer_times_out_with_exit_6() {
    // A listener that accepts connections but never answers.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let sb = Sandbox::new();
    let started = Instant::now();
    sb.labctl(&["health", "--timeout", "300ms", "--retries", "0"])
        .env("LABCTL_URL", &url)
        .assert()
        .code(6)
        .stderr(predicate::str::contains("did not answer within 300ms"));
    assert!(started.elapsed() < Duration::from_secs(5));
    drop(listener);
}

#[test]
fn colour_is_off_when_piped_and_on_only_when_forced() {
    let sb = Sandbox::new();
    let plain = sb.labctl(&["auth", "token"]).output().unwrap();
    assert!(!stderr(&plain).contains('\x1b'));
    let forced = sb
        .labctl(&["auth", "token", "--color", "always"])
        .output()
        .unwrap();
    assert!(stderr(&forced).contains("\x1b["), "{}", stderr(&forced));
    let never = sb
        .labctl(&["auth", "token", "--color", "never"])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(!stderr(&never).contains('\x1b'));
}

#[test]
fn a_token_is_never_sent_over_plain_http_to_another_host() {
    let sb = Sandbox::new();
    // `.invalid` never resolves: a request would end in exit 6, so exit 2 shows none was made.
    let remote = "http://labs.invalid:8787";
    for args in [
        &["session", "get", "u1"][..],
        &["session", "delete", "u1", "--yes"],
        &["cleanup", "run"],
        &["api", "GET", "/api/v1/tokens"],
        &["auth", "status"],
    ] {
        let out = sb
            .labctl(args)
            .env("LABCTL_URL", remote)
            .env("LABCTL_TOKEN", "t")
            .env("LABCTL_RETRIES", "0")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        let err = stderr(&out);
        assert!(
            err.contains("refusing to send the token over plain http:// to labs.invalid")
                && err.contains("https://")
                && err.contains("LABCTL_INSECURE_HTTP=1"),
            "{args:?}: {err}"
        );
    }
    // Logging in verifies the token with the Worker: refused the same way.
    sb.labctl(&["auth", "login", "--with-token", "--url", remote])
        .write_stdin("t")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("LABCTL_INSECURE_HTTP=1"));

    // The opt-in lets the request go (and fail to resolve: exit 6).
    sb.labctl(&["session", "get", "u1", "--timeout", "5s", "--retries", "0"])
        .env("LABCTL_URL", remote)
        .env("LABCTL_TOKEN", "t")
        .env("LABCTL_INSECURE_HTTP", "1")
        .assert()
        .code(6);
    // No token, nothing to protect: `health` goes over http anywhere.
    sb.labctl(&["health", "--timeout", "5s", "--retries", "0"])
        .env("LABCTL_URL", remote)
        .assert()
        .code(6);
    // https anywhere, and http to this machine, are fine (exit 6: the request was made).
    for url in [
        "https://labs.invalid",
        &dead_url(),
        &dead_url().replace("127.0.0.1", "localhost"),
    ] {
        sb.labctl(&["session", "get", "u1", "--timeout", "5s", "--retries", "0"])
            .env("LABCTL_URL", url)
            .env("LABCTL_TOKEN", "t")
            .assert()
            .code(6);
    }
}
