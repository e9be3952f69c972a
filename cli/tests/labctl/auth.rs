//! `labctl auth login|status` against the real Worker, and flag/env/profile precedence with
//! requests that really succeed or fail.

use predicates::prelude::*;
use serde_json::json;

use crate::util::{Sandbox, dead_url, json, worker};

#[test]
fn login_verifies_the_token_and_status_reports_it() {
    let sb = Sandbox::new();
    let w = worker();
    sb.labctl(&["auth", "login", "--with-token", "--url", w.url()])
        .write_stdin(format!("{}\n", w.token()))
        .assert()
        .success()
        .stderr(predicate::str::contains("token accepted by the Worker"));
    // The URL given at login became the profile's.
    sb.labctl(&["config", "get", "url"])
        .assert()
        .stdout(format!("{}\n", w.url()));

    let out = sb.labctl(&["auth", "status", "--json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let s = json(&out);
    assert_eq!(s["accepted"], true);
    assert_eq!(s["token_source"], "file");
    assert_eq!(s["url_source"], "profile default");

    // The stored token and profile URL now drive every command.
    let user = labs_e2e::unique_user("cli-auth-profile");
    sb.labctl(&["session", "create", "--file", "-"])
        .write_stdin(labs_e2e::session_body(&user).to_string())
        .assert()
        .success();
    sb.labctl(&["session", "delete", &user, "--yes"])
        .assert()
        .success();
}

#[test]
fn a_rejected_token_is_exit_4_and_is_not_stored() {
    let sb = Sandbox::new();
    sb.labctl(&["auth", "login", "--with-token", "--url", worker().url()])
        .write_stdin("not-the-token")
        .assert()
        .code(4)
        .stderr(predicate::str::contains("rejected the token"));
    assert!(!sb.config_dir().join("credentials.toml").exists());

    let out = sb
        .labctl(&["auth", "status", "--json"])
        .env("LABCTL_URL", worker().url())
        .env("LABCTL_TOKEN", "not-the-token")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4));
    assert_eq!(json(&out)["accepted"], false);

    sb.labctl(&["session", "get", "anyone"])
        .env("LABCTL_URL", worker().url())
        .env("LABCTL_TOKEN", "not-the-token")
        .assert()
        .code(4)
        .stderr(
            "error: Invalid or missing authentication token\n\
             hint: log in with `labctl auth login` (add --profile NAME for another profile), or set LABCTL_TOKEN\n",
        );
}

#[test]
fn flags_beat_env_beat_profile_against_the_worker() {
    let sb = Sandbox::new();
    let w = worker();
    // Profile `staging`: the real Worker and its token. Profile `default`: a dead URL.
    sb.labctl(&["config", "set", "url", &dead_url()])
        .assert()
        .success();
    sb.labctl(&[
        "--profile",
        "staging",
        "auth",
        "login",
        "--with-token",
        "--url",
        w.url(),
    ])
    .write_stdin(w.token())
    .assert()
    .success();
    let nobody = labs_e2e::unique_user("cli-precedence");
    let get = |args: &[&str], env: &[(&str, &str)]| {
        let mut cmd = sb.labctl(&["session", "get", &nobody, "--retries", "0"]);
        cmd.args(args);
        for (k, v) in env {
            cmd.env(k, v);
        }
        cmd.output().unwrap().status.code()
    };
    // 3 = reached the Worker with a good token (no such session).
    assert_eq!(get(&["--profile", "staging"], &[]), Some(3));
    assert_eq!(get(&[], &[("LABCTL_PROFILE", "staging")]), Some(3));
    assert_eq!(get(&[], &[]), Some(4), "default profile has no token");
    assert_eq!(
        get(&["--profile", "staging"], &[("LABCTL_URL", &dead_url())]),
        Some(6)
    );
    assert_eq!(
        get(
            &["--profile", "staging", "--url", w.url()],
            &[("LABCTL_URL", &dead_url())]
        ),
        Some(3)
    );
    assert_eq!(
        get(&["--profile", "staging"], &[("LABCTL_TOKEN", "wrong")]),
        Some(4)
    );
    assert_eq!(
        get(&[], &[("LABCTL_URL", w.url()), ("LABCTL_TOKEN", w.token())]),
        Some(3)
    );

    let out = sb
        .labctl(&["auth", "status", "--json", "--profile", "staging"])
        .output()
        .unwrap();
    assert_eq!(json(&out)["url"], json!(w.url()));
}
