//! GET /openapi.json: the Worker serves the checked-in document, it lists every endpoint,
//! and real answers of every route — successes and errors — match the schema the document
//! declares for that route and status.

use std::collections::BTreeSet;
use std::sync::{Mutex, OnceLock};

use labs_core::routes::ENDPOINTS;
use labs_e2e::{Outcome, Resp, Rule, encode, multinode_body, session_body, unique_user};
use serde_json::{Value, json};

use crate::worker;

/// The document as the Worker serves it (fetched once).
fn document() -> &'static Value {
    static DOC: OnceLock<Value> = OnceLock::new();
    DOC.get_or_init(|| {
        let r = worker().anonymous("GET", "/openapi.json").send();
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(r.header("content-type"), Some("application/json"));
        r.body
    })
}

/// `(method, path template, status)` of every answer checked so far.
fn checked() -> &'static Mutex<BTreeSet<(String, String, u16)>> {
    static CHECKED: OnceLock<Mutex<BTreeSet<(String, String, u16)>>> = OnceLock::new();
    CHECKED.get_or_init(Default::default)
}

/// Follows a local `$ref`, if `v` is one.
fn deref(v: &Value) -> &Value {
    match v["$ref"].as_str() {
        Some(r) => document()
            .pointer(r.trim_start_matches('#'))
            .unwrap_or_else(|| panic!("{r} does not resolve")),
        None => v,
    }
}

/// Asserts that `resp`, the answer to `method template`, is documented for its status and
/// matches the declared schema (formats checked) and headers.
fn conforms(method: &str, template: &str, resp: &Resp) {
    let op = &document()["paths"][template][method.to_ascii_lowercase()];
    assert!(op.is_object(), "{method} {template} is not in the document");
    let response = &op["responses"][resp.status.to_string()];
    assert!(
        response.is_object(),
        "{method} {template} answered {}, which the document does not list: {}",
        resp.status,
        resp.text
    );
    let response = deref(response);
    if response["content"].get("text/plain").is_some() {
        // A text answer (`/metrics`): its media type, and not empty.
        assert!(
            resp.header("content-type")
                .is_some_and(|t| t.starts_with("text/plain")),
            "{method} {template}: {:?}",
            resp.header("content-type")
        );
        assert!(!resp.text.is_empty(), "{method} {template}: empty");
        checked()
            .lock()
            .unwrap()
            .insert((method.to_owned(), template.to_owned(), resp.status));
        return;
    }
    let mut schema = response["content"]["application/json"]["schema"].clone();
    schema["components"] = document()["components"].clone();
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the declared schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(&resp.body)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "{method} {template} {}: the body does not match the document: {errors:?}\n{}",
        resp.status,
        resp.text
    );
    assert_eq!(
        resp.header("content-type"),
        Some("application/json"),
        "{method} {template}"
    );
    for (name, _) in response["headers"].as_object().into_iter().flatten() {
        assert!(
            resp.header(name).is_some_and(|v| !v.is_empty()),
            "{method} {template} {}: no {name} header",
            resp.status
        );
    }
    checked()
        .lock()
        .unwrap()
        .insert((method.to_owned(), template.to_owned(), resp.status));
}

/// Sends `method path` (with `body`, as `token`, or anonymously when `None`), checks the
/// answer against `template`, expects `status`, and returns it.
fn call(
    method: &str,
    template: &str,
    path: &str,
    token: Option<&str>,
    body: Option<Value>,
    status: u16,
) -> Resp {
    let w = worker();
    let mut c = w.anonymous(method, path);
    if let Some(token) = token {
        c = c.bearer(token);
    }
    if let Some(body) = body {
        c = c.json(&body);
    }
    let r = c.send();
    assert_eq!(r.status, status, "{method} {path}: {}", r.text);
    conforms(method, template, &r);
    r
}

/// Every queue item `first_page` and the pages after it list (each page checked).
fn queue_items(first_page: &str, token: Option<&str>) -> Vec<Value> {
    let template = "/api/v1/labs/cleanup/queue";
    let mut items = Vec::new();
    let mut path = first_page.to_owned();
    loop {
        let r = call("GET", template, &path, token, None, 200);
        items.extend(r.body["data"]["items"].as_array().unwrap().iter().cloned());
        match r.body["data"]["next_cursor"].as_str() {
            Some(cursor) => path = format!("{first_page}&cursor={cursor}"),
            None => return items,
        }
    }
}

fn mint(scope: &str) -> String {
    let root = worker().token().to_owned();
    let r = call(
        "POST",
        "/api/v1/tokens",
        "/api/v1/tokens",
        Some(&root),
        Some(json!({"name": format!("openapi-{scope}"), "scope": scope})),
        201,
    );
    r.body["data"]["token"].as_str().unwrap().to_owned()
}

#[test]
fn the_served_document_is_the_checked_in_one() {
    let on_disk: Value = serde_json::from_str(
        &std::fs::read_to_string(labs_e2e::repo_root().join("worker/openapi.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(document(), &on_disk);
    assert_eq!(document()["openapi"], "3.1.0");
    // No token needed, like /health.
    let r = worker().anonymous("GET", "/openapi.json").send();
    assert_eq!(r.status, 200);
    assert!(r.header("x-request-id").is_some());
}

/// `/a/:name/b` as OpenAPI writes it: `/a/{name}/b`.
fn template_of(path: &str) -> String {
    path.split('/')
        .map(|s| match s.strip_prefix(':') {
            Some(name) => format!("{{{name}}}"),
            None => s.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("/")
}

#[test]
fn every_endpoint_is_in_the_served_document() {
    for e in ENDPOINTS {
        let template = template_of(e.path);
        let op = &document()["paths"][&template][e.method.to_ascii_lowercase()];
        assert!(op.is_object(), "{} {} is missing", e.method, e.path);
        assert_eq!(
            op["security"].as_array().is_some_and(|s| !s.is_empty()),
            e.auth,
            "{} {}",
            e.method,
            e.path
        );
    }
}

#[test]
fn every_route_answers_as_documented() {
    let w = worker();
    let root = w.token().to_owned();
    let root = Some(root.as_str());
    let read = mint("read");
    let read = Some(read.as_str());
    let write = mint("write");
    let write = Some(write.as_str());

    // Service routes.
    call("GET", "/", "/", None, None, 200);
    call("GET", "/health", "/health", None, None, 200);
    call("GET", "/openapi.json", "/openapi.json", None, None, 200);

    // Sessions.
    let sessions = "/api/v1/labs/sessions";
    let user = unique_user("openapi é/ü");
    let mut body = multinode_body(&user, 2);
    body["loadBalancers"] = json!([{"id": "lb-1", "domain": "lb.example.com", "port": "8080"}]);
    body["validation"] = json!(9_007_199_254_740_993_i64);
    body["activatedAt"] = json!("2026-11-20T11:00:00+01:00");
    call("POST", sessions, sessions, root, Some(body.clone()), 201);
    call("POST", sessions, sessions, write, Some(body.clone()), 409);
    call(
        "POST",
        sessions,
        sessions,
        root,
        Some(json!({"labId": "x"})),
        400,
    );
    let r = w
        .request("POST", sessions)
        .header("Content-Type", "application/json")
        .raw("{not json")
        .send();
    assert_eq!(r.status, 400);
    conforms("POST", sessions, &r);
    let big = json!({ "padding": "x".repeat(70 * 1024) });
    call("POST", sessions, sessions, root, Some(big.clone()), 413);
    call(
        "POST",
        sessions,
        sessions,
        None,
        Some(session_body("nobody")),
        401,
    );
    call(
        "POST",
        sessions,
        sessions,
        read,
        Some(session_body("nobody")),
        403,
    );

    let list = format!(
        "{sessions}?lab_id={}&limit=2&expired=false",
        body["labId"].as_str().unwrap()
    );
    let page = call("GET", sessions, &list, read, None, 200);
    assert!(!page.body["data"]["sessions"].as_array().unwrap().is_empty());
    call(
        "GET",
        sessions,
        &format!("{sessions}?limit=0&created_after=yesterday"),
        root,
        None,
        400,
    );
    call("GET", sessions, sessions, None, None, 401);

    let get = "/api/v1/labs/sessions/user/{user_id}";
    let one = |u: &str| format!("/api/v1/labs/sessions/user/{}", encode(u));
    call("GET", get, &one(&user), read, None, 200);
    call("GET", get, &one(&unique_user("absent")), root, None, 404);
    call(
        "GET",
        get,
        "/api/v1/labs/sessions/user/%FF",
        root,
        None,
        400,
    );
    call("GET", get, &one(&user), None, None, 401);

    let put = "/api/v1/labs/sessions/{user_id}";
    let mine = |u: &str| format!("/api/v1/labs/sessions/{}", encode(u));
    let update = json!({"duration": 90, "vscode_domain": null, "worker_nodes": []});
    call("PUT", put, &mine(&user), write, Some(update.clone()), 200);
    call("PUT", put, &mine(&user), root, Some(json!({})), 400);
    call(
        "PUT",
        put,
        &mine(&user),
        root,
        Some(json!({"nope": 1})),
        400,
    );
    call(
        "PUT",
        put,
        &mine(&user),
        root,
        Some(json!({"duration": 0})),
        400,
    );
    call("PUT", put, &mine(&user), root, Some(big), 413);
    call(
        "PUT",
        put,
        &mine(&unique_user("absent")),
        root,
        Some(update.clone()),
        404,
    );
    call("PUT", put, &mine(&user), read, Some(update), 403);

    // The master VM's deletion fails for now, so its queue item stays pending.
    let master = body["lab_request_id"].as_str().unwrap().to_owned();
    w.backend()
        .set_rule(&master, Rule::always(Outcome::status(503)));
    call("DELETE", put, &mine(&user), read, None, 403);
    call("DELETE", put, &mine(&user), write, None, 200);
    call("DELETE", put, &mine(&user), root, None, 404);

    // The ended session's history.
    let history = "/api/v1/labs/sessions/history";
    let ended = call(
        "GET",
        history,
        &format!("{history}?user_id={}&reason=deleted", encode(&user)),
        read,
        None,
        200,
    );
    let session_id = ended.body["data"]["entries"][0]["session_id"]
        .as_str()
        .expect("the deleted session is in the history")
        .to_owned();
    call(
        "GET",
        history,
        &format!("{history}?reason=gone"),
        root,
        None,
        400,
    );
    call("GET", history, history, None, None, 401);
    let detail = "/api/v1/labs/sessions/history/{session_id}";
    call(
        "GET",
        detail,
        &format!("{history}/{}", encode(&session_id)),
        read,
        None,
        200,
    );
    call(
        "GET",
        detail,
        &format!("{history}/no-such-session"),
        root,
        None,
        404,
    );

    // Status and metrics.
    let status = "/api/v1/labs/status";
    call("GET", status, status, read, None, 200);
    call("GET", status, status, None, None, 401);
    call("GET", "/metrics", "/metrics", read, None, 200);
    call("GET", "/metrics", "/metrics", None, None, 401);

    // Cleanup.
    let cleanup = "/api/v1/labs/cleanup";
    let run = call(
        "POST",
        cleanup,
        cleanup,
        root,
        Some(json!({"dry_run": true})),
        200,
    );
    call(
        "POST",
        cleanup,
        cleanup,
        root,
        Some(json!({"dry_run": "yes"})),
        400,
    );
    call(
        "POST",
        cleanup,
        cleanup,
        root,
        Some(json!([null, null])),
        400,
    );
    call("POST", cleanup, cleanup, write, None, 403);

    let runs = "/api/v1/labs/cleanup/runs";
    call("GET", runs, &format!("{runs}?limit=1"), read, None, 200);
    call(
        "GET",
        runs,
        &format!("{runs}?cursor=bogus"),
        read,
        None,
        400,
    );
    let run_id = run.body["data"]["id"].as_str().unwrap();
    let one_run = "/api/v1/labs/cleanup/runs/{id}";
    call(
        "GET",
        one_run,
        &format!("{runs}/{}", encode(run_id)),
        read,
        None,
        200,
    );
    call(
        "GET",
        one_run,
        &format!("{runs}/no-such-run"),
        read,
        None,
        404,
    );

    let queue = "/api/v1/labs/cleanup/queue";
    // The session's items (its master VM and its exposed services) once each failed once.
    let mine_failed = || -> Option<Vec<Value>> {
        let items = queue_items(&format!("{queue}?state=pending&limit=100"), read);
        let mine: Vec<Value> = items
            .into_iter()
            .filter(|i| i["lab_request_id"] == master.as_str() && i["attempts"] == 1)
            .collect();
        (mine.len() == 2).then_some(mine)
    };
    let items = labs_e2e::wait_for(
        std::time::Duration::from_secs(20),
        "the master's queue items to have failed once",
        mine_failed,
    );
    call(
        "GET",
        queue,
        &format!("{queue}?state=maybe"),
        read,
        None,
        400,
    );
    let retry = "/api/v1/labs/cleanup/queue/{id}/retry";
    let retry_path = |item: &Value| format!("{queue}/{}/retry", item["id"]);
    call("POST", retry, &retry_path(&items[0]), read, None, 403);
    w.backend().clear_rule(&master);
    for item in &items {
        call("POST", retry, &retry_path(item), root, None, 200);
    }
    call(
        "POST",
        retry,
        &format!("{queue}/999999999/retry"),
        root,
        None,
        404,
    );
    // Work the retried items off; retrying a done item is a conflict.
    labs_e2e::wait_for(
        std::time::Duration::from_secs(30),
        "the retried items to be done",
        || {
            call("POST", cleanup, cleanup, root, None, 200);
            let done = queue_items(&format!("{queue}?state=done&limit=100"), read);
            let n = done
                .iter()
                .filter(|i| i["lab_request_id"] == master.as_str())
                .count();
            (n == 2).then_some(())
        },
    );
    call("POST", retry, &retry_path(&items[0]), root, None, 409);
    let dead = "/api/v1/labs/cleanup/queue/retry-dead";
    call("POST", dead, dead, root, None, 200);
    call("POST", dead, dead, write, None, 403);

    // Tokens.
    let tokens = "/api/v1/tokens";
    call(
        "POST",
        tokens,
        tokens,
        root,
        Some(json!({"name": "x", "scope": "owner"})),
        400,
    );
    call(
        "POST",
        tokens,
        tokens,
        write,
        Some(json!({"name": "x", "scope": "read"})),
        403,
    );
    call("GET", tokens, tokens, root, None, 200);
    call("GET", tokens, tokens, read, None, 403);
    let minted = call(
        "POST",
        tokens,
        tokens,
        root,
        Some(json!({"name": "to-revoke", "scope": "read", "expires_in_days": 1})),
        201,
    );
    let id = minted.body["data"]["id"].as_str().unwrap();
    let revoke = "/api/v1/tokens/{id}";
    call("DELETE", revoke, &format!("{tokens}/{id}"), root, None, 200);
    call(
        "DELETE",
        revoke,
        &format!("{tokens}/no-such-token"),
        root,
        None,
        404,
    );
    call("DELETE", revoke, &format!("{tokens}/{id}"), None, None, 401);

    // The dev clock (enabled on the shared Worker); offset 0 leaves its time alone.
    let clock = "/api/v1/dev/clock";
    call(
        "PUT",
        clock,
        clock,
        root,
        Some(json!({"offset_ms": 0})),
        200,
    );
    call(
        "PUT",
        clock,
        clock,
        root,
        Some(json!({"offset_ms": "soon"})),
        400,
    );
    call(
        "PUT",
        clock,
        clock,
        read,
        Some(json!({"offset_ms": 0})),
        403,
    );

    // Every endpoint was seen succeeding and failing.
    let seen = checked().lock().unwrap().clone();
    for e in ENDPOINTS {
        let template = template_of(e.path);
        let statuses: Vec<u16> = seen
            .iter()
            .filter(|(m, t, _)| m == e.method && *t == template)
            .map(|(_, _, s)| *s)
            .collect();
        assert!(
            statuses.iter().any(|s| *s < 300),
            "{} {}: no success checked",
            e.method,
            e.path
        );
        assert!(
            !e.auth || statuses.iter().any(|s| *s >= 400),
            "{} {}: no error checked",
            e.method,
            e.path
        );
    }
}

#[test]
fn unknown_routes_and_wrong_methods_answer_the_error_envelope() {
    let w = worker();
    let mut schema = json!({ "$ref": "#/components/schemas/ErrorBody" });
    schema["components"] = document()["components"].clone();
    let validator = jsonschema::validator_for(&schema).unwrap();
    for (method, path, status) in [
        ("GET", "/nope", 404),
        ("DELETE", "/health", 405),
        ("POST", "/openapi.json", 405),
        ("PATCH", "/api/v1/labs/sessions", 405),
        // Methods workers-rs does not know were once served as GET (found by schemathesis).
        ("QUERY", "/health", 405),
        ("QUERY", "/api/v1/tokens", 405),
    ] {
        let r = w.request(method, path).send();
        assert_eq!(r.status, status, "{method} {path}");
        assert!(validator.is_valid(&r.body), "{method} {path}: {}", r.text);
    }
}
