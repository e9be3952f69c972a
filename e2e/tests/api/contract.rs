//! Every route of the contract: statuses, bodies and messages, as existing clients see them.

use labs_e2e::{multinode_body, session_body, unique_user};
use serde_json::{Value, json};

use crate::{get_path, user_path, worker};

fn fixture(name: &str) -> Value {
    let path = labs_e2e::repo_root().join("core/tests/fixtures").join(name);
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn health_and_root_need_no_token() {
    let w = worker();
    let r = w.anonymous("GET", "/health").send();
    assert_eq!(r.status, 200);
    assert_eq!(r.body["status"], "healthy");
    assert_eq!(r.body["service"], "lab-sessions-api");
    assert!(r.body["timestamp"].as_str().unwrap().ends_with('Z'));
    assert_eq!(r.header("content-type"), Some("application/json"));

    let r = w.anonymous("GET", "/").send();
    assert_eq!(r.status, 200);
    assert_eq!(r.body["name"], "lab-sessions-api");
    assert!(r.body["version"].is_string());
    let endpoints = r.body["endpoints"].as_array().unwrap();
    for (method, path) in [
        ("POST", "/api/v1/labs/sessions"),
        ("GET", "/api/v1/labs/sessions/user/:user_id"),
        ("PUT", "/api/v1/labs/sessions/:user_id"),
        ("DELETE", "/api/v1/labs/sessions/:user_id"),
        ("GET", "/health"),
    ] {
        assert!(
            endpoints.iter().any(|e| e["method"] == method
                && e["path"] == path
                && e["description"].is_string()),
            "{method} {path} missing from {endpoints:?}"
        );
    }
}

#[test]
fn create_returns_the_session_with_timestamps_and_exact_validation() {
    let w = worker();
    let user = unique_user("create");
    let mut body = fixture("create-multinode.json");
    body["user_id"] = json!(user);
    body["validation"] = json!(9_007_199_254_740_993_i64);
    let r = w
        .request("POST", "/api/v1/labs/sessions")
        .json(&body)
        .send();
    assert_eq!(r.status, 201, "{}", r.text);
    assert_eq!(r.body["success"], true);
    assert_eq!(r.body["message"], "Lab session created successfully");
    let data = &r.body["data"];
    assert!(
        data["id"].as_str().unwrap().len() >= 32,
        "a UUID is generated"
    );
    // Exact past 2^53: check the raw text, since a JSON double could not tell.
    assert!(
        r.text.contains("\"validation\":9007199254740993"),
        "{}",
        r.text
    );
    assert_eq!(data["vm"], body["vm"], "vm is JSON, not a string");
    assert_eq!(data["worker_nodes"], body["worker_nodes"]);
    assert_eq!(data["loadBalancers"], body["loadBalancers"]);
    assert_eq!(data["loadBalancers"][0]["port"], "4000");
    for field in [
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
        "terminal_url",
        "vscode_domain",
        "puku_domain",
    ] {
        assert_eq!(data[field], body[field], "{field}");
    }
    let created = data["created_at"].as_str().unwrap();
    assert_eq!(created.len(), "2026-11-20T10:00:00.000Z".len());
    assert_eq!(data["updated_at"], data["created_at"]);
    let created_ms = labs_e2e::iso_ms(created);
    assert_eq!(
        labs_e2e::iso_ms(data["expires_at"].as_str().unwrap()) - created_ms,
        90 * 60_000
    );

    // Read back: the same session, validation still exact.
    let r = w.request("GET", &get_path(&user)).send();
    assert_eq!(r.status, 200);
    assert_eq!(r.body["message"], "Lab session retrieved successfully");
    assert_eq!(r.body["data"], *data);
    assert!(r.text.contains("\"validation\":9007199254740993"));
}

#[test]
fn a_client_chosen_id_is_kept_and_optional_fields_default() {
    let w = worker();
    let user = unique_user("chosen-id");
    let mut body = session_body(&user);
    let id = format!("session-{user}");
    body["id"] = json!(id);
    body["unknown_field"] = json!({"ignored": true});
    let r = w
        .request("POST", "/api/v1/labs/sessions")
        .json(&body)
        .send();
    assert_eq!(r.status, 201, "{}", r.text);
    assert_eq!(r.body["data"]["id"], json!(id));
    assert_eq!(r.body["data"]["worker_nodes"], json!([]));
    assert_eq!(r.body["data"]["loadBalancers"], json!([]));
    assert_eq!(r.body["data"]["vscode_domain"], Value::Null);
    assert!(r.body["data"].get("unknown_field").is_none());

    // The same id for another user is a conflict, not a second session.
    let other = unique_user("chosen-id-other");
    let mut body = session_body(&other);
    body["id"] = json!(id);
    let r = w
        .request("POST", "/api/v1/labs/sessions")
        .json(&body)
        .send();
    assert_eq!(r.status, 409);
    assert_eq!(r.body["code"], "conflict");
    assert!(w.session(&other).is_none());
}

#[test]
fn second_session_for_a_user_is_409() {
    let w = worker();
    let user = unique_user("dup");
    let first = w.create_session(&user);
    let r = w
        .request("POST", "/api/v1/labs/sessions")
        .json(&session_body(&user))
        .send();
    assert_eq!(r.status, 409);
    assert_eq!(
        r.body,
        json!({"success": false, "error": "User already has an active lab session. Only one active lab per user is allowed.", "code": "session_exists"})
    );
    assert_eq!(
        w.session(&user).unwrap()["id"],
        first["id"],
        "the first session is untouched"
    );
}

#[test]
fn missing_fields_are_listed_in_order() {
    let w = worker();
    let user = unique_user("missing");
    let mut body = session_body(&user);
    for f in ["labId", "user_id", "vm"] {
        body.as_object_mut().unwrap().remove(f);
    }
    let r = w
        .request("POST", "/api/v1/labs/sessions")
        .json(&body)
        .send();
    assert_eq!(r.status, 400);
    assert_eq!(r.body["success"], false);
    assert_eq!(
        r.body["error"],
        "Missing required fields: labId, user_id, vm"
    );
    assert_eq!(r.body["code"], "validation_failed");
    assert_eq!(
        r.body["details"][0],
        json!({"field": "labId", "problem": "is required"})
    );
}

#[test]
fn invalid_json_is_400() {
    let w = worker();
    for body in ["{", "not json", "{\"labId\": }", ""] {
        let r = w
            .request("POST", "/api/v1/labs/sessions")
            .header("Content-Type", "application/json")
            .raw(body)
            .send();
        assert_eq!(r.status, 400, "{body:?}");
        assert_eq!(r.body["error"], "Invalid JSON in request body", "{body:?}");
    }
}

#[test]
fn get_unknown_user_is_404() {
    let r = worker()
        .request("GET", &get_path(&unique_user("nobody")))
        .send();
    assert_eq!(r.status, 404);
    assert_eq!(
        r.body,
        json!({"success": false, "error": "No active lab session found for this user", "code": "not_found"})
    );
}

/// The keys of each JSON object in `text`, in the order they are written, outermost first.
fn keys_in_order(text: &str) -> Vec<Vec<String>> {
    // This crate's serde_json has `preserve_order` (e2e/Cargo.toml), so a parsed `Value`
    // keeps the order the Worker wrote.
    fn walk(v: &Value, out: &mut Vec<Vec<String>>) {
        if let Value::Object(map) = v {
            out.push(map.keys().cloned().collect());
            map.values().for_each(|v| walk(v, out));
        }
    }
    let mut out = Vec::new();
    walk(&serde_json::from_str(text).unwrap(), &mut out);
    out
}

#[test]
fn answers_keep_the_contracts_key_order() {
    // The Worker's serde_json sorts a `Value`'s keys (no `preserve_order`, BENCHMARKS.md), so
    // a body that passed through one on its way out would come back alphabetical.
    let w = worker();
    let user = unique_user("order");
    w.create_session(&user);
    let r = w.request("GET", &get_path(&user)).send();
    assert_eq!(r.status, 200, "{}", r.text);
    let keys = keys_in_order(&r.text);
    assert_eq!(keys[0], ["success", "message", "data"]);
    // The session: the contract's table order, then the timestamps it adds.
    let session: Vec<&str> = keys[1].iter().map(String::as_str).collect();
    assert_eq!(
        session,
        [
            "id",
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
            "vscode_domain",
            "puku_domain",
            "worker_nodes",
            "loadBalancers",
            "created_at",
            "updated_at",
            "expires_at",
        ]
    );
    let r = w.request("GET", &get_path(&unique_user("nobody"))).send();
    assert_eq!(keys_in_order(&r.text)[0], ["success", "error", "code"]);
    let r = w.anonymous("GET", "/health").send();
    assert_eq!(
        keys_in_order(&r.text)[0],
        ["status", "service", "timestamp"]
    );
}

#[test]
fn update_is_partial_and_moves_expiry() {
    let w = worker();
    let user = unique_user("update");
    let created = w.create_session(&user);
    std::thread::sleep(std::time::Duration::from_millis(5));
    let update = fixture("update-multiple.json");
    let r = w.request("PUT", &user_path(&user)).json(&update).send();
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.body["message"], "Lab session updated successfully");
    let data = &r.body["data"];
    assert_eq!(data["duration"], 120);
    assert_eq!(data["terminal_url"], update["terminal_url"]);
    assert_eq!(data["vscode_domain"], update["vscode_domain"]);
    assert_eq!(data["loadBalancers"], update["loadBalancers"]);
    // Untouched fields stay; created_at stays; updated_at and expires_at move.
    for f in [
        "id",
        "labId",
        "user_id",
        "vm",
        "validation",
        "created_at",
        "puku_domain",
        "worker_nodes",
    ] {
        assert_eq!(data[f], created[f], "{f}");
    }
    assert!(data["updated_at"].as_str() > created["updated_at"].as_str());
    let expiry = labs_e2e::iso_ms(data["expires_at"].as_str().unwrap())
        - labs_e2e::iso_ms(data["created_at"].as_str().unwrap());
    assert_eq!(expiry, 120 * 60_000);
    assert_eq!(w.session(&user).unwrap(), *data, "the update was stored");

    // Only listed fields change; others in the body are ignored.
    let r = w
        .request("PUT", &user_path(&user))
        .json(&json!({"puku_domain": "p.example.com", "labId": "hijack", "user_id": "x"}))
        .send();
    assert_eq!(r.status, 200);
    assert_eq!(r.body["data"]["labId"], created["labId"]);
    assert_eq!(r.body["data"]["user_id"], json!(user));
    assert_eq!(r.body["data"]["puku_domain"], "p.example.com");
}

#[test]
fn update_worker_nodes_replaces_the_list() {
    let w = worker();
    let user = unique_user("update-workers");
    let r = w
        .request("POST", "/api/v1/labs/sessions")
        .json(&multinode_body(&user, 2))
        .send();
    assert_eq!(r.status, 201);
    let r = w
        .request("PUT", &user_path(&user))
        .json(&fixture("update-add-workers.json"))
        .send();
    assert_eq!(r.status, 200);
    assert_eq!(
        r.body["data"]["worker_nodes"],
        fixture("update-add-workers.json")["worker_nodes"]
    );
}

#[test]
fn update_errors() {
    let w = worker();
    let user = unique_user("update-errors");
    let before = w.create_session(&user);
    let cases: [(&str, u16, &str); 6] = [
        ("", 400, "Request body cannot be empty"),
        ("{}", 400, "Request body cannot be empty"),
        ("{\"labId\": \"x\"}", 400, "No valid fields to update"),
        ("{oops", 400, "Invalid JSON in request body"),
        (
            "{\"duration\": 0}",
            400,
            "Invalid fields: duration must be a positive integer number of minutes, at most 525600",
        ),
        ("{\"worker_nodes\": [{\"name\": \"w\"}]}", 400, ""),
    ];
    for (body, status, message) in cases {
        let r = w
            .request("PUT", &user_path(&user))
            .header("Content-Type", "application/json")
            .raw(body)
            .send();
        assert_eq!(r.status, status, "{body}: {}", r.text);
        if !message.is_empty() {
            assert_eq!(r.body["error"], message, "{body}");
        }
    }
    assert_eq!(
        w.session(&user).unwrap(),
        before,
        "no failed update changed anything"
    );

    let r = w
        .request("PUT", &user_path(&unique_user("ghost")))
        .json(&json!({"duration": 30}))
        .send();
    assert_eq!(r.status, 404);
    assert_eq!(r.body["error"], "No active lab session found for this user");
}

#[test]
fn delete_removes_the_session_and_frees_the_user() {
    let w = worker();
    let user = unique_user("delete");
    w.create_session(&user);
    let r = w.request("DELETE", &user_path(&user)).send();
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(
        r.body,
        json!({"success": true, "message": "Lab session deleted successfully", "data": {"user_id": user, "deleted": true}})
    );
    assert!(w.session(&user).is_none());
    let r = w.request("DELETE", &user_path(&user)).send();
    assert_eq!(r.status, 404);
    assert_eq!(r.body["error"], "No active lab session found for this user");
    // The user may start a new lab at once.
    w.create_session(&user);
}

#[test]
fn unknown_routes_and_wrong_methods() {
    let w = worker();
    for path in [
        "/nope",
        "/api/v1/labs",
        "/api/v2/labs/sessions",
        "/api/v1/labs/sessions/user/a/b",
    ] {
        let r = w.request("GET", path).send();
        assert_eq!(r.status, 404, "{path}");
        assert_eq!(
            r.body,
            json!({"success": false, "error": "Route not found", "code": "route_not_found"}),
            "{path}"
        );
    }
    let r = w.request("PATCH", "/api/v1/labs/sessions/someone").send();
    assert_eq!(r.status, 405);
    assert_eq!(r.header("allow"), Some("PUT, DELETE"));
    let r = w.anonymous("POST", "/health").send();
    assert_eq!(r.status, 405);
    assert_eq!(r.header("allow"), Some("GET"));
    assert_eq!(r.header("content-type"), Some("application/json"));
}

#[test]
fn every_response_has_a_request_id_and_one_log_line() {
    let w = worker();
    let user = unique_user("logline");
    let r = w.request("GET", &get_path(&user)).send();
    let id = r.header("x-request-id").expect("X-Request-Id").to_owned();
    let line = labs_e2e::wait_for(
        std::time::Duration::from_secs(5),
        "the request's log line",
        || {
            w.log_lines().into_iter().find(|l| {
                l["context"]["request_id"] == json!(id) && l["message"] == "request completed"
            })
        },
    );
    let ctx = &line["context"];
    assert_eq!(line["level"], "info");
    assert_eq!(ctx["method"], "GET");
    assert_eq!(ctx["route"], "get_session");
    assert_eq!(ctx["status"], 404);
    assert_eq!(ctx["user_id"], json!(user));
    assert!(ctx["duration_ms"].is_number());
    assert!(line["timestamp"].is_string());
}
