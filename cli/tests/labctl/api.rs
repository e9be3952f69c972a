//! `labctl api METHOD PATH [--data ...]` against the real Worker: the raw body on stdout,
//! the exit code from the status, bodies from files and stdin.

use predicates::prelude::*;
use serde_json::Value;

use crate::util::{Sandbox, json, worker};

#[test]
fn raw_requests_print_the_body_and_exit_by_status() {
    let sb = Sandbox::new();
    let user = labs_e2e::unique_user("cli-api");
    let body = sb.write("create.json", &labs_e2e::session_body(&user).to_string());

    let out = sb
        .on_worker(&[
            "api",
            "POST",
            "/api/v1/labs/sessions",
            "--data",
            &format!("@{}", body.display()),
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let answer = json(&out);
    assert_eq!(answer["success"], true);
    assert_eq!(answer["message"], "Lab session created successfully");

    sb.on_worker(&[
        "api",
        "put",
        &format!("/api/v1/labs/sessions/{user}"),
        "--data",
        "-",
    ])
    .write_stdin(r#"{"duration": 75}"#)
    .assert()
    .success()
    .stdout(predicate::str::contains("\"duration\": 75"));

    let out = sb
        .on_worker(&[
            "api",
            "GET",
            "/api/v1/labs/sessions/user/nobody-at-all-here",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert_eq!(json(&out)["success"], Value::Bool(false));

    sb.on_worker(&["api", "GET", "/api/v1/nowhere"])
        .assert()
        .code(3);
    sb.labctl(&["api", "GET", "/api/v1/labs/sessions/user/x"])
        .env("LABCTL_URL", worker().url())
        .assert()
        .code(4)
        .stdout(predicate::str::contains(
            "Invalid or missing authentication token",
        ));
    sb.on_worker(&["api", "DELETE", &format!("/api/v1/labs/sessions/{user}")])
        .assert()
        .success();
}
