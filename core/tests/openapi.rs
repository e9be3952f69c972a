//! The OpenAPI document: the checked-in `worker/openapi.json` is what the types generate; it
//! covers every endpoint with its auth, parameters and errors; and its request schemas agree
//! with the validators, both ways: what one accepts, the other does too.
//!
//! Refresh the file with `LABS_BLESS=1 cargo test -p labs-core --test openapi` and commit it.

mod support;

use std::path::PathBuf;

use labs_core::envelope;
use labs_core::error::ApiError;
use labs_core::openapi::{self, DOCUMENT_PATH};
use labs_core::routes::ENDPOINTS;
use labs_core::time::Timestamp;
use labs_core::tokens;
use labs_core::validation::{parse_new_session, parse_update};
use proptest::prelude::*;
use serde_json::{Value, json};
use support::{config, json_value, mutation, valid_create_body, valid_update_body};

fn checked_in_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("core/ has a parent")
        .join(DOCUMENT_PATH)
}

fn document() -> &'static Value {
    static DOC: std::sync::OnceLock<Value> = std::sync::OnceLock::new();
    DOC.get_or_init(openapi::document)
}

/// A validator for `schema`, whose `#/components/...` references resolve in the document.
fn validator(schema: &Value, formats: bool) -> jsonschema::Validator {
    let mut root = schema.clone();
    root["components"] = document()["components"].clone();
    jsonschema::options()
        .should_validate_formats(formats)
        .build(&root)
        .unwrap_or_else(|e| panic!("not a schema: {e}: {schema}"))
}

fn component(name: &str) -> jsonschema::Validator {
    validator(
        &json!({ "$ref": format!("#/components/schemas/{name}") }),
        false,
    )
}

/// The schema of the `status` answer of `method path` (path as OpenAPI writes it).
fn response_schema(path: &str, method: &str, status: u16) -> Value {
    let doc = document();
    let mut response = &doc["paths"][path][method]["responses"][status.to_string()];
    if let Some(reference) = response["$ref"].as_str() {
        response = doc.pointer(reference.trim_start_matches('#')).unwrap();
    }
    let schema = &response["content"]["application/json"]["schema"];
    assert!(schema.is_object(), "{method} {path} has no {status} answer");
    schema.clone()
}

fn errors_of(v: &jsonschema::Validator, instance: &Value) -> Vec<String> {
    v.iter_errors(instance).map(|e| e.to_string()).collect()
}

#[test]
fn checked_in_document_is_fresh() {
    let generated = openapi::document_json();
    let path = checked_in_path();
    if std::env::var_os("LABS_BLESS").is_some_and(|v| v == "1") {
        std::fs::write(&path, &generated).expect("write worker/openapi.json");
        return;
    }
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        on_disk == generated,
        "{} is stale: the Rust types or routes changed.\nrefresh it with `LABS_BLESS=1 cargo test -p labs-core --test openapi` and commit the result",
        path.display()
    );
}

#[test]
fn every_endpoint_is_an_operation_with_its_auth_and_errors() {
    let doc = document();
    assert_eq!(doc["openapi"], "3.1.0");
    let mut operations = 0;
    for (_, item) in doc["paths"].as_object().unwrap() {
        operations += item.as_object().unwrap().len();
    }
    assert_eq!(operations, ENDPOINTS.len());
    for e in ENDPOINTS {
        // `:name` path parameters are `{name}` in OpenAPI.
        let path: Vec<String> = e
            .path
            .split('/')
            .map(|s| match s.strip_prefix(':') {
                Some(name) => format!("{{{name}}}"),
                None => s.to_owned(),
            })
            .collect();
        let path = path.join("/");
        let op = &doc["paths"][&path][e.method.to_ascii_lowercase()];
        assert!(op.is_object(), "{} {} is not documented", e.method, e.path);
        assert_eq!(op["summary"], e.description);
        let responses = op["responses"].as_object().unwrap();
        assert!(responses.contains_key("500"), "{} {}", e.method, e.path);
        if e.auth {
            assert_eq!(op["security"], json!([{ "bearerAuth": [] }]));
            for status in ["401", "403"] {
                assert!(
                    responses.contains_key(status),
                    "{} {} lacks {status}",
                    e.method,
                    e.path
                );
            }
        } else {
            assert_eq!(op["security"], json!([]));
            assert!(!responses.contains_key("401"));
        }
        if op.get("requestBody").is_some() {
            for status in ["400", "413"] {
                assert!(responses.contains_key(status), "{} {}", e.method, e.path);
            }
        }
        let declared: Vec<&str> = op["parameters"]
            .as_array()
            .map(|ps| {
                ps.iter()
                    .filter(|p| p["in"] == "path")
                    .map(|p| p["name"].as_str().unwrap())
                    .collect()
            })
            .unwrap_or_default();
        let in_template: Vec<&str> = e
            .path
            .split('/')
            .filter_map(|s| s.strip_prefix(':'))
            .collect();
        assert_eq!(declared, in_template, "{} {}", e.method, e.path);
    }
    assert_eq!(
        doc["components"]["securitySchemes"]["bearerAuth"]["scheme"],
        "bearer"
    );
}

#[test]
fn every_reference_resolves() {
    fn walk(doc: &Value, v: &Value, seen: &mut usize) {
        match v {
            Value::Object(obj) => {
                if let Some(Value::String(r)) = obj.get("$ref") {
                    let target = r.strip_prefix('#').expect("a local reference");
                    assert!(doc.pointer(target).is_some(), "{r} does not resolve");
                    *seen += 1;
                }
                obj.values().for_each(|x| walk(doc, x, seen));
            }
            Value::Array(items) => items.iter().for_each(|x| walk(doc, x, seen)),
            _ => {}
        }
    }
    let mut seen = 0;
    walk(document(), document(), &mut seen);
    assert!(seen > 50, "only {seen} references");
}

#[test]
fn contract_examples_match_the_request_schemas() {
    let fixtures = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let read = |name: &str| -> Value {
        serde_json::from_str(&std::fs::read_to_string(fixtures.join(name)).unwrap()).unwrap()
    };
    let create = component("CreateSessionBody");
    for name in ["create-minimal.json", "create-multinode.json"] {
        let body = read(name);
        assert_eq!(errors_of(&create, &body), Vec::<String>::new(), "{name}");
        assert!(parse_new_session(&body).is_ok());
    }
    let update = component("UpdateSessionBody");
    for name in ["update-add-workers.json", "update-multiple.json"] {
        let body = read(name);
        assert_eq!(errors_of(&update, &body), Vec::<String>::new(), "{name}");
        assert!(parse_update(Some(&body)).is_ok());
    }
    // The contract's own refusals are refused by the schemas too.
    for bad in [json!({}), json!({"unrelated": 1}), json!([])] {
        assert!(!update.is_valid(&bad), "{bad}");
        assert!(parse_update(Some(&bad)).is_err());
    }
    let token = component("CreateTokenBody");
    assert!(token.is_valid(&json!({"name": "grafana", "scope": "read"})));
    assert!(!token.is_valid(&json!({"name": "grafana", "scope": "owner"})));
}

#[test]
fn real_answers_match_their_response_schemas() {
    let body: Value = serde_json::from_str(include_str!("fixtures/create-multinode.json")).unwrap();
    let now = Timestamp::parse("2026-11-20T10:00:00.000Z").unwrap();
    let session = parse_new_session(&body)
        .unwrap()
        .into_session("s-1".into(), now);
    let created = json_of(envelope::success(
        "Lab session created successfully",
        &session,
    ));
    let v = validator(&response_schema("/api/v1/labs/sessions", "post", 201), true);
    assert_eq!(errors_of(&v, &created), Vec::<String>::new());

    let missing = parse_new_session(&json!({"labId": "x"})).unwrap_err();
    let v = validator(&response_schema("/api/v1/labs/sessions", "post", 400), true);
    assert_eq!(
        errors_of(&v, &json_of(envelope::failure(&missing, None))),
        Vec::<String>::new()
    );
    // A 404 of the session routes carries `not_found`, never another code.
    let v = validator(
        &response_schema("/api/v1/labs/sessions/user/{user_id}", "get", 404),
        true,
    );
    assert!(v.is_valid(&json_of(envelope::failure(
        &ApiError::session_not_found(),
        None
    ))));
    assert!(!v.is_valid(&json_of(envelope::failure(
        &ApiError::route_not_found(),
        None
    ))));
    // A 500 must carry its request id.
    let v = validator(&response_schema("/health", "get", 500), true);
    assert!(v.is_valid(&json_of(envelope::failure(
        &ApiError::internal(),
        Some("r-1")
    ))));
    assert!(!v.is_valid(&json_of(envelope::failure(&ApiError::internal(), None))));
    let v = validator(&response_schema("/health", "get", 200), true);
    assert!(v.is_valid(&json_of(envelope::health(&now.to_iso()))));
    let v = validator(&response_schema("/", "get", 200), true);
    assert!(v.is_valid(&json_of(envelope::service_description(
        "0.1.0",
        "development"
    ))));
}

/// A body's JSON text as a value.
fn json_of(text: String) -> Value {
    serde_json::from_str(&text).expect("bodies are JSON")
}

/// Puts `value` at `path` (dot-separated; numbers index arrays) in a copy of `body`.
fn with(body: &Value, path: &str, value: Option<Value>) -> Value {
    let steps: Vec<String> = path.split('.').map(str::to_owned).collect();
    match value {
        Some(v) => support::Mutation::Set(steps, v).apply(body.clone()),
        None => support::Mutation::Remove(steps).apply(body.clone()),
    }
}

#[test]
fn schemas_and_validators_agree_on_every_fields_edges() {
    let base: Value = serde_json::from_str(include_str!("fixtures/create-multinode.json")).unwrap();
    let node = base["worker_nodes"][0].clone();
    let lb = base["loadBalancers"][0].clone();
    let mut edges: Vec<Option<Value>> = vec![
        None,
        Some(Value::Null),
        Some(json!("")),
        Some(json!(" ")),
        Some(json!("x")),
        Some(json!("x".repeat(100))),
        Some(json!("x".repeat(101))),
        Some(json!("x".repeat(256))),
        Some(json!("x".repeat(257))),
        Some(json!("x".repeat(2048))),
        Some(json!("x".repeat(2049))),
        Some(json!("a\u{0}b")),
        Some(json!("a\u{9f}b")),
        Some(json!("2026-11-20T10:00:00.000Z")),
        Some(json!("2026-11-20T11:00:00+01:00")),
        Some(json!(0)),
        Some(json!(1)),
        Some(json!(-1)),
        Some(json!(3650)),
        Some(json!(3651)),
        Some(json!(525_600)),
        Some(json!(525_601)),
        Some(json!(9_007_199_254_740_993_i64)),
        Some(json!(i64::MAX)),
        Some(json!(u64::MAX)),
        Some(json!(true)),
        Some(json!([])),
        Some(json!({})),
        Some(json!("read")),
        Some(json!(vec![node.clone(); 64])),
        Some(json!(vec![node.clone(); 65])),
        Some(json!(vec![lb.clone(); 64])),
        Some(json!(vec![lb.clone(); 65])),
        Some(json!([{}])),
    ];
    edges.push(Some(
        json!({"name": "", "network_id": "", "netbird_ip": ""}),
    ));
    let mut fields: Vec<String> = support::FIELD_NAMES[..19]
        .iter()
        .map(|f| f.to_string())
        .collect();
    for f in ["name", "network_id", "netbird_ip"] {
        fields.push(format!("vm.{f}"));
    }
    for f in ["name", "worker_lab_request_id", "network_id", "netbird_ip"] {
        fields.push(format!("worker_nodes.0.{f}"));
    }
    for f in ["id", "domain", "port"] {
        fields.push(format!("loadBalancers.0.{f}"));
    }
    let create = validator(
        &json!({ "$ref": "#/components/schemas/CreateSessionBody" }),
        true,
    );
    let update = validator(
        &json!({ "$ref": "#/components/schemas/UpdateSessionBody" }),
        true,
    );
    let update_base = json!({"terminal_url": "https://t.example.com", "worker_nodes": [node], "loadBalancers": [lb]});
    let token = validator(
        &json!({ "$ref": "#/components/schemas/CreateTokenBody" }),
        true,
    );
    let token_base = json!({"name": "grafana", "scope": "read", "expires_in_days": 30});
    let mut checked = 0;
    for edge in &edges {
        for field in &fields {
            let body = with(&base, field, edge.clone());
            assert_eq!(
                create.is_valid(&body),
                parse_new_session(&body).is_ok(),
                "create with {field} = {edge:?}"
            );
            let body = with(&update_base, field, edge.clone());
            assert_eq!(
                update.is_valid(&body),
                parse_update(Some(&body)).is_ok(),
                "update with {field} = {edge:?}"
            );
            checked += 2;
        }
        for field in ["name", "scope", "expires_in_days"] {
            let body = with(&token_base, field, edge.clone());
            let parsed = tokens::parse_new_token(Some(&body));
            // The one rule the schema does not hold: a name of spaces only.
            let blank = body["name"]
                .as_str()
                .is_some_and(|n| !n.is_empty() && n.trim().is_empty());
            if !blank {
                assert_eq!(
                    token.is_valid(&body),
                    parsed.is_ok(),
                    "token with {field} = {edge:?}"
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 2000, "{checked}");
}

proptest! {
    #![proptest_config(config(400))]

    #[test]
    fn valid_create_bodies_match_the_schema_and_their_answers_too(body in valid_create_body()) {
        let schema = component("CreateSessionBody");
        prop_assert_eq!(errors_of(&schema, &body), Vec::<String>::new(), "{}", body);
        let now = Timestamp::parse("2026-11-20T10:00:00.000Z").unwrap();
        let session = parse_new_session(&body).unwrap().into_session("s-1".into(), now);
        let answer = validator(&response_schema("/api/v1/labs/sessions", "post", 201), true);
        let created = json_of(envelope::success("Lab session created successfully", &session));
        prop_assert_eq!(errors_of(&answer, &created), Vec::<String>::new());
    }

    #[test]
    fn what_the_create_schema_refuses_the_validator_refuses(
        body in valid_create_body(),
        m in proptest::collection::vec(mutation(), 1..4),
    ) {
        let body = m.iter().fold(body, |b, m| m.apply(b));
        let schema = component("CreateSessionBody");
        let parsed = parse_new_session(&body);
        if !schema.is_valid(&body) {
            prop_assert!(parsed.is_err(), "the schema refuses but the Worker accepts {}", body);
        }
        if let Err(e) = parsed {
            let answer = validator(&response_schema("/api/v1/labs/sessions", "post", 400), true);
            prop_assert_eq!(errors_of(&answer, &json_of(envelope::failure(&e, None))), Vec::<String>::new());
        }
    }

    #[test]
    fn update_schema_and_validator_agree(body in prop_oneof![valid_update_body(), json_value()]) {
        let schema = component("UpdateSessionBody");
        let parsed = parse_update(Some(&body));
        if !schema.is_valid(&body) {
            prop_assert!(parsed.is_err(), "the schema refuses but the Worker accepts {}", body);
        }
        if parsed.is_ok() {
            prop_assert_eq!(errors_of(&schema, &body), Vec::<String>::new(), "{}", body);
        }
    }

    #[test]
    fn token_schema_and_validator_agree(
        body in prop_oneof![
            (support::text(100), proptest::sample::select(&["read", "write", "admin", "root"][..]),
             proptest::option::of(0_u32..4000))
                .prop_map(|(name, scope, days)| json!({"name": name, "scope": scope, "expires_in_days": days})),
            json_value(),
        ]
    ) {
        let schema = component("CreateTokenBody");
        let parsed = tokens::parse_new_token(Some(&body));
        if !schema.is_valid(&body) {
            prop_assert!(parsed.is_err(), "the schema refuses but the Worker accepts {}", body);
        }
        if parsed.is_ok() {
            prop_assert_eq!(errors_of(&schema, &body), Vec::<String>::new(), "{}", body);
        }
    }
}
