//! `labctl session create|get|update|extend|delete` against the real Worker: the `--json`
//! shapes, the plain piped form, stdin input, exit codes 3 and 5, `--yes` and the refusal.

use chrono::DateTime;
use predicates::prelude::*;
use serde_json::{Value, json};

use crate::util::{Sandbox, json, stderr, stdout};

/// The fields every session answer carries, in the contract's order.
const SESSION_KEYS: [&str; 14] = [
    "labId",
    "labTitle",
    "labGroupID",
    "moduleID",
    "duration",
    "activatedAt",
    "counterID",
    "configId",
    "workerConfigId",
    "lab_request_id",
    "user_id",
    "terminal_url",
    "validation",
    "vm",
];

/// A contract example body (the copies in `core/tests/fixtures/`) for `user`.
fn example(name: &str, user: &str) -> String {
    let path = fixture(name);
    let mut body: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    body["user_id"] = json!(user);
    body.to_string()
}

fn fixture(name: &str) -> String {
    format!(
        "{}/../core/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

fn minutes_between(from: &Value, to: &Value) -> i64 {
    let parse = |v: &Value| DateTime::parse_from_rfc3339(v.as_str().unwrap()).unwrap();
    (parse(to) - parse(from)).num_minutes()
}

#[test]
fn create_from_a_file_then_get_as_json() {
    let sb = Sandbox::new();
    let user = labs_e2e::unique_user("cli-create-file");
    let file = sb.write("create.json", &example("create-multinode.json", &user));
    let out = sb
        .on_worker(&[
            "session",
            "create",
            "--file",
            file.to_str().unwrap(),
            "--json",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let created = json(&out);
    for key in SESSION_KEYS
        .iter()
        .chain(&["id", "created_at", "updated_at", "expires_at"])
    {
        assert!(created.get(key).is_some(), "missing {key} in {created}");
    }
    assert_eq!(created["user_id"], json!(user));
    assert_eq!(created["validation"], json!(1763638200123_i64));
    assert_eq!(created["worker_nodes"].as_array().unwrap().len(), 2);
    assert_eq!(created["loadBalancers"][0]["port"], "4000");
    assert_eq!(
        minutes_between(&created["created_at"], &created["expires_at"]),
        90
    );

    let got = json(
        &sb.on_worker(&["session", "get", &user, "--json"])
            .output()
            .unwrap(),
    );
    assert_eq!(got["id"], created["id"]);
    assert_eq!(got["vm"], created["vm"]);
}

#[test]
fn create_from_stdin_and_from_flags() {
    let sb = Sandbox::new();
    let from_stdin = labs_e2e::unique_user("cli-create-stdin");
    sb.on_worker(&["session", "create", "--file", "-", "--json"])
        .write_stdin(example("create-minimal.json", &from_stdin))
        .assert()
        .success()
        .stdout(predicate::str::contains(format!(
            "\"user_id\": \"{from_stdin}\""
        )));

    let from_flags = labs_e2e::unique_user("cli-create-flags");
    let out = sb
        .on_worker(&[
            "session",
            "create",
            "--json",
            "--user-id",
            &from_flags,
            "--lab-id",
            "lab-k8s",
            "--lab-title",
            "Intro to K8s",
            "--lab-group-id",
            "g1",
            "--module-id",
            "m1",
            "--duration",
            "45",
            "--counter-id",
            "c1",
            "--config-id",
            "cfg1",
            "--worker-config-id",
            "wcfg1",
            "--lab-request-id",
            "req-1",
            "--terminal-url",
            "https://t.example.com",
            "--vm-name",
            "vm1",
            "--vm-network-id",
            "net1",
            "--vm-netbird-ip",
            "100.64.0.1",
            "--worker-node",
            "name=w1,worker_lab_request_id=req-2,network_id=net1,netbird_ip=100.64.0.2",
            "--load-balancer",
            "id=lb-1,domain=lb.example.com,port=8080",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let s = json(&out);
    assert_eq!(s["duration"], 45);
    assert_eq!(
        s["vm"],
        json!({"name": "vm1", "network_id": "net1", "netbird_ip": "100.64.0.1"})
    );
    assert_eq!(s["worker_nodes"][0]["worker_lab_request_id"], "req-2");
    assert_eq!(
        s["loadBalancers"],
        json!([{"id": "lb-1", "domain": "lb.example.com", "port": "8080"}])
    );
    assert!(
        s["activatedAt"].as_str().is_some_and(|t| !t.is_empty()),
        "defaults to now"
    );
    assert!(
        s["validation"]
            .as_i64()
            .is_some_and(|v| v > 1_700_000_000_000),
        "defaults to now"
    );
}

#[test]
fn flags_override_the_file() {
    let sb = Sandbox::new();
    let user = labs_e2e::unique_user("cli-create-override");
    let file = sb.write(
        "create.json",
        &example("create-minimal.json", "someone-else"),
    );
    let out = sb
        .on_worker(&[
            "session",
            "create",
            "-f",
            file.to_str().unwrap(),
            "--user-id",
            &user,
            "--duration",
            "15",
            "--json",
        ])
        .output()
        .unwrap();
    let s = json(&out);
    assert_eq!(
        (s["user_id"].as_str(), s["duration"].as_i64()),
        (Some(&*user), Some(15))
    );
}

#[test]
fn a_second_create_is_a_conflict_exit_5_and_missing_fields_exit_1() {
    let sb = Sandbox::new();
    let user = labs_e2e::unique_user("cli-conflict");
    sb.create_session(&user);
    sb.on_worker(&["session", "create", "--file", "-"])
        .write_stdin(labs_e2e::session_body(&user).to_string())
        .assert()
        .code(5)
        .stdout("")
        .stderr(predicate::str::starts_with(
            "error: User already has an active lab session. Only one active lab per user is allowed.\n",
        ));
    sb.on_worker(&["session", "create", "--file", "-"])
        .write_stdin(r#"{"labTitle": "x"}"#)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("Missing required fields: labId,"));
}

#[test]
fn get_prints_a_table_free_plain_form_when_piped() {
    let sb = Sandbox::new();
    let user = labs_e2e::unique_user("cli-get-plain");
    sb.create_session(&user);
    let out = sb.on_worker(&["session", "get", &user]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(
        text.starts_with(&format!("user_id\t{user}\nid\t")),
        "{text}"
    );
    for key in [
        "labId",
        "duration",
        "created_at",
        "expires_at",
        "vm.name",
        "vm.netbird_ip",
    ] {
        assert!(text.contains(&format!("\n{key}\t")), "{key} in {text}");
    }
    assert!(!text.contains('│') && !text.contains('\x1b'), "{text}");
}

#[test]
fn a_missing_session_is_exit_3() {
    let sb = Sandbox::new();
    let nobody = labs_e2e::unique_user("cli-nobody");
    for args in [
        vec!["session", "get", &nobody],
        vec!["session", "update", &nobody, "--duration", "30"],
        vec!["session", "extend", &nobody, "--by", "30m"],
        vec!["session", "delete", &nobody, "--yes"],
    ] {
        sb.on_worker(&args)
            .assert()
            .code(3)
            .stdout("")
            .stderr("error: No active lab session found for this user\n");
    }
}

#[test]
fn update_each_field_by_flag_and_by_file() {
    let sb = Sandbox::new();
    let user = labs_e2e::unique_user("cli-update");
    sb.create_session(&user);
    let lbs = sb.write(
        "lbs.json",
        r#"[{"id": "lb-1", "domain": "a.example.com", "port": "80"}, {"id": "lb-2", "domain": "b.example.com", "port": "443"}]"#,
    );
    let out = sb
        .on_worker(&[
            "session",
            "update",
            &user,
            "--json",
            "--duration",
            "120",
            "--terminal-url",
            "https://t2.example.com",
            "--vscode-domain",
            "vs.example.com",
            "--puku-domain",
            "pk.example.com",
            "--worker-node",
            "name=w1,worker_lab_request_id=r1,network_id=n1,netbird_ip=100.64.0.2",
            "--worker-node",
            "name=w2,worker_lab_request_id=r2,network_id=n1,netbird_ip=100.64.0.3",
            "--load-balancers",
            lbs.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let s = json(&out);
    assert_eq!(s["duration"], 120);
    assert_eq!(s["terminal_url"], "https://t2.example.com");
    assert_eq!(s["vscode_domain"], "vs.example.com");
    assert_eq!(s["puku_domain"], "pk.example.com");
    assert_eq!(s["worker_nodes"].as_array().unwrap().len(), 2);
    assert_eq!(s["loadBalancers"][1]["port"], "443");
    assert_eq!(minutes_between(&s["created_at"], &s["expires_at"]), 120);

    // The contract's example update, from stdin.
    let out = sb
        .on_worker(&["session", "update", &user, "--file", "-", "--json"])
        .write_stdin(std::fs::read_to_string(fixture("update-add-workers.json")).unwrap())
        .output()
        .unwrap();
    let s = json(&out);
    assert_eq!(s["worker_nodes"][0]["name"], "k3s-worker-c");
    assert_eq!(
        s["worker_nodes"].as_array().unwrap().len(),
        1,
        "the list is replaced"
    );
}

#[test]
fn extend_adds_to_the_duration_and_moves_the_expiry() {
    let sb = Sandbox::new();
    let user = labs_e2e::unique_user("cli-extend");
    let body = sb.create_session(&user);
    let before = body["duration"].as_i64().unwrap();
    let out = sb
        .on_worker(&["session", "extend", &user, "--by", "1h30m", "--json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let s = json(&out);
    assert_eq!(s["duration"].as_i64(), Some(before + 90));
    assert_eq!(
        minutes_between(&s["created_at"], &s["expires_at"]),
        before + 90
    );
    let out = sb
        .on_worker(&["session", "extend", &user, "--by", "15"])
        .output()
        .unwrap();
    assert!(
        stderr(&out).contains(&format!("from {} to {} minutes", before + 90, before + 105)),
        "{}",
        stderr(&out)
    );
}

#[test]
fn delete_needs_yes_without_a_terminal_then_deletes() {
    let sb = Sandbox::new();
    let user = labs_e2e::unique_user("cli-delete");
    sb.create_session(&user);
    sb.on_worker(&["session", "delete", &user]).assert().code(2);
    sb.on_worker(&["session", "delete", &user, "--no-input"])
        .assert()
        .code(2);
    // Still there.
    sb.on_worker(&["session", "get", &user]).assert().success();
    let out = sb
        .on_worker(&["session", "delete", &user, "--yes", "--json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(json(&out), json!({"user_id": user, "deleted": true}));
    sb.on_worker(&["session", "get", &user]).assert().code(3);
    // Plain form: a status line on stderr, nothing on stdout.
    let user2 = labs_e2e::unique_user("cli-delete-plain");
    sb.create_session(&user2);
    sb.on_worker(&["session", "delete", &user2, "-y"])
        .assert()
        .success()
        .stdout("")
        .stderr(format!(
            "Deleted the lab session of {user2}; its VMs are being deleted\n"
        ));
}

#[test]
fn user_ids_with_slashes_spaces_and_unicode_round_trip() {
    let sb = Sandbox::new();
    for prefix in ["cli a/b", "cli ünïcødé ✓", "cli-q?x#y%z"] {
        let user = labs_e2e::unique_user(prefix);
        sb.create_session(&user);
        let got = json(
            &sb.on_worker(&["session", "get", &user, "--json"])
                .output()
                .unwrap(),
        );
        assert_eq!(got["user_id"], json!(user));
        sb.on_worker(&["session", "extend", &user, "--by", "5m"])
            .assert()
            .success();
        sb.on_worker(&["session", "delete", &user, "--yes"])
            .assert()
            .success();
        sb.on_worker(&["session", "get", &user]).assert().code(3);
    }
}

#[test]
fn control_characters_from_the_worker_are_shown_not_obeyed() {
    let sb = Sandbox::new();
    // A user id may hold a right-to-left override (it is no control character to the
    // Worker); a title anything.
    let user = labs_e2e::unique_user("cli-evil-\u{202e}");
    let title = "\u{1b}[2J\u{1b}]0;pwned\u{7}Intro \u{202e}txet\u{9b}";
    let mut body = labs_e2e::session_body(&user);
    body["labTitle"] = json!(title);
    let created = sb
        .on_worker(&["session", "create", "--file", "-", "--json"])
        .write_stdin(body.to_string())
        .output()
        .unwrap();
    assert_eq!(created.status.code(), Some(0), "{}", stderr(&created));
    // --json is exact.
    assert_eq!(json(&created)["labTitle"], title);
    let got = sb
        .on_worker(&["session", "get", &user, "--json"])
        .output()
        .unwrap();
    assert_eq!(json(&got)["labTitle"], title);
    assert_eq!(json(&got)["user_id"], json!(user));

    let shown_title = r"\u{1b}[2J\u{1b}]0;pwned\u{7}Intro \u{202e}txet\u{9b}";
    let shown_user = user.replace('\u{202e}', r"\u{202e}");
    let steering = |text: &str| {
        text.chars()
            .any(|c| matches!(c, '\u{7}' | '\u{9b}' | '\u{202e}') || text.contains("\u{1b}[2J"))
    };
    // Piped lines.
    let plain = stdout(&sb.on_worker(&["session", "get", &user]).output().unwrap());
    assert!(!steering(&plain), "{plain:?}");
    assert!(
        plain.contains(&format!("\nlabTitle\t{shown_title}\n")),
        "{plain:?}"
    );
    assert!(
        plain.starts_with(&format!("user_id\t{shown_user}\n")),
        "{plain:?}"
    );
    let listed = stdout(
        &sb.on_worker(&["session", "list", "--limit", "100"])
            .output()
            .unwrap(),
    );
    assert!(!steering(&listed), "{listed:?}");
    assert!(listed.contains(&shown_user), "{listed:?}");
    // A table on a terminal.
    let w = crate::util::worker();
    let env = [("LABCTL_URL", w.url()), ("LABCTL_TOKEN", w.token())];
    let screen = stdout(&crate::tty::on_tty(
        &sb,
        &["session", "get", &user],
        "",
        &env,
    ));
    assert!(!steering(&screen), "{screen:?}");
    assert!(screen.contains("\\u{202e}txet"), "{screen:?}");
    // A status line.
    let deleted = sb
        .on_worker(&["session", "delete", &user, "--yes"])
        .output()
        .unwrap();
    assert_eq!(deleted.status.code(), Some(0), "{}", stderr(&deleted));
    assert_eq!(
        stderr(&deleted),
        format!("Deleted the lab session of {shown_user}; its VMs are being deleted\n")
    );
}
