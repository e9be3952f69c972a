//! Hostile input: every bad request gets a clear 4xx and changes nothing.

use labs_e2e::{session_body, unique_user};
use serde_json::{Value, json};

use crate::{get_path, user_path, worker};

/// Sends `body` as a create for a user that must not exist afterwards.
fn refused_create(body: &Value, user: &str, expected_status: u16) -> Value {
    let w = worker();
    let r = w.request("POST", "/api/v1/labs/sessions").json(body).send();
    assert_eq!(r.status, expected_status, "{}", r.text);
    assert_eq!(r.body["success"], false);
    assert!(
        w.session(user).is_none(),
        "a refused create left a session behind"
    );
    r.body
}

#[test]
fn wrong_types_name_the_offending_fields() {
    let user = unique_user("types");
    let cases = [
        ("duration", json!("60"), "duration"),
        ("duration", json!(-1), "duration"),
        ("duration", json!(1.5), "duration"),
        ("validation", json!("1763632800000"), "validation"),
        ("activatedAt", json!("not a time"), "activatedAt"),
        ("vm", json!("vm-1"), "vm"),
        (
            "vm",
            json!({"name": 5, "network_id": "n", "netbird_ip": "i"}),
            "vm.name",
        ),
        (
            "worker_nodes",
            json!([{"name": "w", "network_id": "n", "netbird_ip": "i"}]),
            "worker_nodes[0].worker_lab_request_id",
        ),
        (
            "loadBalancers",
            json!([{"id": "lb", "domain": "d", "port": 80}]),
            "loadBalancers[0].port",
        ),
        ("labTitle", json!(["array"]), "labTitle"),
    ];
    for (field, value, reported) in cases {
        let mut body = session_body(&user);
        body[field] = value.clone();
        let err = refused_create(&body, &user, 400);
        assert_eq!(err["code"], "validation_failed", "{field}={value}");
        let details = err["details"].as_array().unwrap();
        assert!(
            details.iter().any(|d| d["field"] == reported),
            "{field}={value}: {details:?}"
        );
        assert!(
            err["error"].as_str().unwrap().contains(reported),
            "{}",
            err["error"]
        );
    }
}

#[test]
fn nulls_are_missing_fields() {
    let user = unique_user("nulls");
    let mut body = session_body(&user);
    body["labTitle"] = Value::Null;
    body["vm"] = Value::Null;
    let err = refused_create(&body, &user, 400);
    assert_eq!(err["error"], "Missing required fields: labTitle, vm");
}

#[test]
fn oversized_and_deeply_nested_bodies() {
    let w = worker();
    let user = unique_user("big");
    let mut body = session_body(&user);
    body["labTitle"] = json!("x".repeat(1024 * 1024));
    let err = refused_create(&body, &user, 413);
    assert_eq!(err["code"], "payload_too_large");

    // 64 KiB + 1 without a Content-Length the Worker can trust is still refused.
    let r = w
        .request("POST", "/api/v1/labs/sessions")
        .raw(vec![b' '; 64 * 1024 + 1])
        .send();
    assert_eq!(r.status, 413);

    let deep = "[".repeat(5000) + &"]".repeat(5000);
    let r = w.request("POST", "/api/v1/labs/sessions").raw(deep).send();
    assert_eq!(r.status, 400);
    assert_eq!(r.body["error"], "Invalid JSON in request body");

    let mut nested = json!(1);
    for _ in 0..100 {
        nested = json!({ "a": nested });
    }
    let mut body = session_body(&user);
    body["vm"] = nested;
    refused_create(&body, &user, 400);

    for raw in ["[]", "42", "\"text\"", "null"] {
        let r = w.request("POST", "/api/v1/labs/sessions").raw(raw).send();
        assert_eq!(r.status, 400, "{raw}");
    }
}

#[test]
fn awkward_user_ids_are_reachable_through_every_route() {
    let w = worker();
    for prefix in [
        "with/slash",
        "with space",
        "élève-ユーザー",
        "../../etc/passwd",
        "'; DROP TABLE labs_sessions; --",
        "100%25%",
        "a?b#c&d=e",
    ] {
        let user = unique_user(prefix);
        w.create_session(&user);
        let got = w.session(&user).expect("reachable by GET");
        assert_eq!(got["user_id"], json!(user));
        let r = w
            .request("PUT", &user_path(&user))
            .json(&json!({"duration": 30}))
            .send();
        assert_eq!(r.status, 200, "{user}: {}", r.text);
        assert_eq!(r.body["data"]["user_id"], json!(user));
        let r = w.request("DELETE", &user_path(&user)).send();
        assert_eq!(r.status, 200, "{user}");
        assert!(w.session(&user).is_none());
    }
    // The table survived the SQL metacharacters.
    let user = unique_user("after-injection");
    w.create_session(&user);
}

#[test]
fn unusable_user_ids_are_refused_at_create() {
    let long = "u".repeat(300);
    for bad in [
        json!(long),
        json!("line\nbreak"),
        json!("nul\u{0}byte"),
        json!(""),
        json!(42),
    ] {
        let mut body = session_body("placeholder");
        body["user_id"] = bad.clone();
        let r = worker()
            .request("POST", "/api/v1/labs/sessions")
            .json(&body)
            .send();
        assert_eq!(r.status, 400, "{bad}");
        assert!(r.text.contains("user_id"), "{bad}: {}", r.text);
    }
    assert!(worker().session(&long).is_none());
    let r = worker().request("GET", &get_path(&long)).send();
    assert_eq!(r.status, 404);
}

#[test]
fn very_long_ids_elsewhere_are_refused() {
    let user = unique_user("long-ids");
    let mut body = session_body(&user);
    body["lab_request_id"] = json!("r".repeat(10_000));
    let err = refused_create(&body, &user, 400);
    assert!(
        err["details"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["field"] == "lab_request_id")
    );
}

#[test]
fn bad_percent_encoding_is_400() {
    let r = worker()
        .request("GET", "/api/v1/labs/sessions/user/%FF%FE")
        .send();
    assert_eq!(r.status, 400);
    assert_eq!(r.body["success"], false);
}
