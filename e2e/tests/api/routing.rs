//! Routing edges: an empty user id (`/sessions/user/`) or a slash after an id is no route,
//! never user `user` nor `alice`; user ids `.` and `..` are refused at create.

use labs_e2e::session_body;
use serde_json::{Value, json};

use crate::{get_path, worker};

/// Asserts the contract's 404 for an unknown route.
fn assert_route_not_found(r: &labs_e2e::Resp, what: &str) {
    assert_eq!(r.status, 404, "{what}: {}", r.text);
    assert_eq!(r.body["success"], false, "{what}");
    assert_eq!(r.body["error"], "Route not found", "{what}");
    assert!(r.body.get("data").is_none(), "{what}: {}", r.text);
}

#[test]
fn an_empty_user_id_is_no_route_and_never_user_user() {
    let w = worker();
    // A learner whose id is literally "user": /sessions/user/ must not reach this session.
    let before = w.create_session("user");
    let update = json!({"terminal_url": "https://changed.example.com"});
    for (method, body) in [("GET", None), ("DELETE", None), ("PUT", Some(&update))] {
        let mut call = w.request(method, "/api/v1/labs/sessions/user/");
        if let Some(body) = body {
            call = call.json(body);
        }
        assert_route_not_found(&call.send(), &format!("{method} /sessions/user/"));
    }
    let after = w
        .session("user")
        .expect("user \"user\" keeps their session");
    assert_eq!(
        after, before,
        "nothing changed the session of user \"user\""
    );
    assert!(
        w.backend().calls_for("user-master").is_empty(),
        "no VM of user \"user\" was deleted"
    );
    // Its own routes still reach it.
    let r = w.request("GET", &get_path("user")).send();
    assert_eq!(r.status, 200, "{}", r.text);
}

#[test]
fn a_slash_after_a_user_id_is_no_route() {
    let w = worker();
    let before = w.create_session("alice");
    let r = w.request("DELETE", "/api/v1/labs/sessions/alice/").send();
    assert_route_not_found(&r, "DELETE /sessions/alice/");
    let r = w
        .request("PUT", "/api/v1/labs/sessions/alice/")
        .json(&json!({"vscode_domain": "changed.example.com"}))
        .send();
    assert_route_not_found(&r, "PUT /sessions/alice/");
    let r = w.request("GET", "/api/v1/labs/sessions/user/alice/").send();
    assert_route_not_found(&r, "GET /sessions/user/alice/");
    assert_eq!(w.session("alice").expect("alice keeps her session"), before);
    assert!(
        w.backend().calls_for("alice-master").is_empty(),
        "no VM of alice was deleted"
    );
    // Without the slash, the route is there.
    let r = w.request("GET", &get_path("alice")).send();
    assert_eq!(r.status, 200);
}

#[test]
fn dot_user_ids_are_refused_and_nothing_is_stored() {
    let w = worker();
    for id in [".", ".."] {
        let r = w
            .request("POST", "/api/v1/labs/sessions")
            .json(&session_body(id))
            .send();
        assert_eq!(r.status, 400, "{id:?}: {}", r.text);
        assert_eq!(r.body["success"], false);
        assert_eq!(r.body["code"], "validation_failed");
        assert!(
            r.body["error"].as_str().unwrap().contains("user_id"),
            "{id:?}: {}",
            r.text
        );
        let details = r.body["details"].as_array().expect("details");
        assert_eq!(
            details
                .iter()
                .map(|d| d["field"].as_str().unwrap())
                .collect::<Vec<_>>(),
            ["user_id"],
            "{id:?}: {}",
            r.text
        );
    }
    let out = w.d1_execute(
        "SELECT COUNT(*) AS n FROM labs_sessions WHERE user_id IN ('.', '..') \
         OR lab_request_id IN ('.-master', '..-master')",
    );
    let n: &Value = &out[0]["results"][0]["n"];
    assert_eq!(n, &json!(0), "stored: {out}");
}
