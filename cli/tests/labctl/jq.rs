//! `--jq EXPRESSION` on commands that print JSON, against the shared Worker: strings raw,
//! other results compact JSON one per line, `--json` implied, and a bad expression refused
//! (exit 2) before any request.

use predicates::prelude::*;
use serde_json::{Value, json};

use crate::util::{Sandbox, dead_url, stderr, stdout, worker};

/// Runs `labctl ARGS` on the shared Worker, expects exit 0, returns stdout.
fn jq(sb: &Sandbox, args: &[&str]) -> String {
    let out = sb.on_worker(args).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "labctl {}\n{}",
        args.join(" "),
        stderr(&out)
    );
    stdout(&out)
}

#[test]
fn jq_filters_the_json_of_many_commands() {
    let sb = Sandbox::new();
    let lab = labs_e2e::unique_user("cli-jq-lab");
    let mut users = Vec::new();
    let mut bodies = Vec::new();
    for _ in 0..2 {
        let user = labs_e2e::unique_user("cli-jq");
        let mut body = labs_e2e::session_body(&user);
        body["labId"] = json!(lab);
        // A POST with --jq: the filtered answer alone, no status line.
        let out = sb
            .on_worker(&["session", "create", "--file", "-", "--jq", ".user_id"])
            .write_stdin(body.to_string())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        assert_eq!(stdout(&out), format!("{user}\n"));
        assert_eq!(stderr(&out), "");
        users.push(user);
        bodies.push(body);
    }
    let user = &users[0];

    // A string prints raw; an object as one line of compact JSON.
    assert_eq!(
        jq(&sb, &["session", "get", user, "--jq", ".labId"]),
        format!("{lab}\n")
    );
    let vm = jq(&sb, &["session", "get", user, "--jq", ".vm"]);
    assert_eq!(vm.lines().count(), 1, "{vm}");
    let vm: Value = serde_json::from_str(&vm).unwrap();
    assert_eq!(vm, bodies[0]["vm"]);

    // One line per result, newest first; numbers as JSON.
    let listed = jq(
        &sb,
        &["session", "list", "--lab-id", &lab, "--jq", ".[].user_id"],
    );
    assert_eq!(listed, format!("{}\n{}\n", users[1], users[0]));
    assert_eq!(
        jq(
            &sb,
            &["session", "list", "--lab-id", &lab, "--jq", "length"]
        ),
        "2\n"
    );
    assert_eq!(
        jq(
            &sb,
            &[
                "session",
                "list",
                "--lab-id",
                &lab,
                "--jq",
                r#".[] | [.user_id, .duration] | @tsv"#
            ]
        ),
        format!("{}\t60\n{}\t60\n", users[1], users[0])
    );
    // --jq after the subcommand or before it, and with --json too.
    assert_eq!(
        jq(
            &sb,
            &[
                "--jq",
                ".duration",
                "session",
                "extend",
                user,
                "--by",
                "15m",
                "--json"
            ]
        ),
        "75\n"
    );

    // Other commands: the token list, the cleanup history, a raw request, health (no
    // token), auth status.
    let minted = jq(
        &sb,
        &[
            "token",
            "create",
            "--name",
            &labs_e2e::unique_user("cli-jq-token"),
            "--scope",
            "read",
            "--jq",
            ".token",
        ],
    );
    assert!(
        labs_core::tokens::looks_minted(minted.trim_end()),
        "{minted:?}"
    );
    let scopes = jq(&sb, &["token", "list", "--jq", "map(.scope) | unique"]);
    assert!(
        scopes.starts_with('[') && scopes.contains("\"read\""),
        "{scopes}"
    );
    let runs = jq(&sb, &["cleanup", "runs", "--limit", "1", "--jq", "type"]);
    assert_eq!(runs, "array\n");
    assert_eq!(
        jq(
            &sb,
            &[
                "api",
                "GET",
                &format!("/api/v1/labs/sessions/user/{}", labs_e2e::encode(user)),
                "--jq",
                ".data.user_id",
            ]
        ),
        format!("{user}\n")
    );
    let health = sb
        .labctl(&["health", "--jq", ".status"])
        .env("LABCTL_URL", worker().url())
        .output()
        .unwrap();
    assert_eq!(stdout(&health), "healthy\n");
    assert_eq!(jq(&sb, &["auth", "status", "--jq", ".accepted"]), "true\n");

    // A program that fails on the data: exit 1, its message, nothing on stdout.
    let failed = sb
        .on_worker(&["session", "list", "--lab-id", &lab, "--jq", ".user_id"])
        .output()
        .unwrap();
    assert_eq!(failed.status.code(), Some(1), "{}", stderr(&failed));
    assert!(
        stderr(&failed).starts_with("error: --jq: "),
        "{}",
        stderr(&failed)
    );
    assert_eq!(stdout(&failed), "");
}

#[test]
fn a_bad_jq_expression_is_a_usage_error_before_any_request() {
    let sb = Sandbox::new();
    // The URL is dead: reaching it would exit 6.
    for (expression, problem) in [
        (".[", "expected"),
        (".user_id |", "expected term"),
        ("map(.x", "expected"),
        ("nosuchfilter(1)", "undefined filter `nosuchfilter/1`"),
    ] {
        sb.labctl(&["session", "get", "u1", "--jq", expression])
            .env("LABCTL_URL", dead_url())
            .env("LABCTL_TOKEN", "t")
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::starts_with(format!(
                "error: --jq: `{expression}` is not a jq program: "
            )))
            .stderr(predicate::str::contains(problem));
    }
    // Even for a command that needs no request.
    sb.labctl(&["config", "list", "--jq", "{"]).assert().code(2);
}
