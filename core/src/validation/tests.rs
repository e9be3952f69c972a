//! Accept/reject tests for request bodies, starting from the contract's own examples.

use serde_json::{Value, json};

use super::*;
use crate::error::ErrorKind;

fn fixture(name: &str) -> Value {
    let text = match name {
        "create-minimal" => include_str!("../../tests/fixtures/create-minimal.json"),
        "create-multinode" => include_str!("../../tests/fixtures/create-multinode.json"),
        "update-add-workers" => include_str!("../../tests/fixtures/update-add-workers.json"),
        "update-multiple" => include_str!("../../tests/fixtures/update-multiple.json"),
        other => panic!("no fixture {other}"),
    };
    serde_json::from_str(text).unwrap()
}

fn with(mut body: Value, path: &[&str], value: Value) -> Value {
    let mut target = &mut body;
    for key in &path[..path.len() - 1] {
        target = match key.parse::<usize>() {
            Ok(i) => &mut target[i],
            Err(_) => &mut target[*key],
        };
    }
    let last = path[path.len() - 1];
    match last.parse::<usize>() {
        Ok(i) => target[i] = value,
        Err(_) => target[last] = value,
    }
    body
}

fn without(mut body: Value, key: &str) -> Value {
    body.as_object_mut().unwrap().remove(key);
    body
}

fn problems(err: &ApiError) -> Vec<(String, String)> {
    err.details
        .iter()
        .map(|p| (p.field.clone(), p.problem.clone()))
        .collect()
}

fn rejected_field(body: Value) -> Vec<String> {
    let err = parse_new_session(&body).expect_err("should be refused");
    assert_eq!(err.status(), 400);
    err.details.into_iter().map(|p| p.field).collect()
}

#[test]
fn contract_examples_are_accepted() {
    let minimal = parse_new_session(&fixture("create-minimal")).unwrap();
    assert_eq!(minimal.user_id.as_str(), "user-1001");
    assert_eq!(minimal.validation, 1_763_632_800_000);
    assert!(minimal.worker_nodes.is_empty() && minimal.load_balancers.is_empty());
    assert_eq!(minimal.vscode_domain, None);

    let multi = parse_new_session(&fixture("create-multinode")).unwrap();
    assert_eq!(multi.worker_nodes.len(), 2);
    assert_eq!(
        multi.worker_nodes[1].worker_lab_request_id,
        "d3e5f7a9-1b2c-4d4e-9f60-8b0c2d4e6f81"
    );
    assert_eq!(multi.load_balancers[0].port, "4000");
    assert_eq!(multi.validation, 1_763_638_200_123);
    assert_eq!(
        multi.puku_domain.as_deref(),
        Some("user-2002-editor.example.com")
    );

    let workers = parse_update(Some(&fixture("update-add-workers"))).unwrap();
    assert_eq!(workers.worker_nodes.unwrap().len(), 1);
    let multiple = parse_update(Some(&fixture("update-multiple"))).unwrap();
    assert_eq!(multiple.duration.map(|m| m.get()), Some(120));
    assert_eq!(multiple.load_balancers.unwrap().len(), 2);
    assert_eq!(
        multiple.vscode_domain,
        Some(Some("user-2002-vscode2.example.com".into()))
    );
    assert_eq!(multiple.worker_nodes, None);
}

#[test]
fn missing_fields_are_listed_in_contract_order() {
    let body = without(
        without(without(fixture("create-minimal"), "vm"), "user_id"),
        "labId",
    );
    let err = parse_new_session(&body).unwrap_err();
    assert_eq!(err.message, "Missing required fields: labId, user_id, vm");
    assert_eq!(err.kind.code(), "validation_failed");

    let err = parse_new_session(&json!({})).unwrap_err();
    assert_eq!(
        err.message,
        "Missing required fields: labId, labTitle, labGroupID, moduleID, duration, activatedAt, \
         counterID, configId, workerConfigId, lab_request_id, user_id, terminal_url, validation, vm"
    );
}

#[test]
fn null_and_empty_strings_count_as_missing() {
    let body = with(
        with(fixture("create-minimal"), &["labTitle"], json!(null)),
        &["configId"],
        json!(""),
    );
    let err = parse_new_session(&body).unwrap_err();
    assert_eq!(err.message, "Missing required fields: labTitle, configId");
}

#[test]
fn missing_and_invalid_are_reported_together() {
    let body = with(
        without(fixture("create-minimal"), "labId"),
        &["duration"],
        json!("60"),
    );
    let err = parse_new_session(&body).unwrap_err();
    assert_eq!(err.message, "Missing required fields: labId");
    let fields: Vec<String> = err.details.iter().map(|p| p.field.clone()).collect();
    assert_eq!(fields, ["labId", "duration"]);
}

#[test]
fn wrong_types_name_the_field() {
    let base = fixture("create-minimal");
    for (field, value) in [
        ("labId", json!(42)),
        ("labTitle", json!(["x"])),
        ("terminal_url", json!({"u": 1})),
        ("user_id", json!(1001)),
        ("lab_request_id", json!(true)),
    ] {
        assert_eq!(rejected_field(with(base.clone(), &[field], value)), [field]);
    }
}

#[test]
fn duration_must_be_a_positive_integer() {
    let base = fixture("create-minimal");
    for bad in [
        json!(0),
        json!(-5),
        json!(1.5),
        json!("60"),
        json!(525_601),
        json!(1e20),
    ] {
        assert_eq!(
            rejected_field(with(base.clone(), &["duration"], bad.clone())),
            ["duration"],
            "{bad}"
        );
    }
    // Integral floats are integers to a JavaScript client: 60.0 is 60.
    let s = parse_new_session(&with(base.clone(), &["duration"], json!(60.0))).unwrap();
    assert_eq!(s.duration.get(), 60);
    for good in [1, 60, 525_600] {
        let s = parse_new_session(&with(base.clone(), &["duration"], json!(good))).unwrap();
        assert_eq!(s.duration.get(), good);
    }
}

#[test]
fn activated_at_must_be_a_real_timestamp() {
    let base = fixture("create-minimal");
    for bad in [
        "tomorrow",
        "2026-02-30T10:00:00Z",
        "2026-11-20",
        "1763632800000",
    ] {
        assert_eq!(
            rejected_field(with(base.clone(), &["activatedAt"], json!(bad))),
            ["activatedAt"],
            "{bad}"
        );
    }
    assert_eq!(
        rejected_field(with(base, &["activatedAt"], json!(1_763_632_800_000_i64))),
        ["activatedAt"]
    );
}

#[test]
fn whole_numbers_accept_integral_floats_only_where_exact() {
    assert_eq!(whole_number(&json!(60)), Some(60));
    assert_eq!(whole_number(&json!(60.0)), Some(60));
    assert_eq!(whole_number(&json!(-2.0)), Some(-2));
    assert_eq!(
        whole_number(&json!(9_007_199_254_740_992.0_f64)),
        Some(9_007_199_254_740_992)
    );
    assert_eq!(whole_number(&json!(1.5)), None);
    assert_eq!(
        whole_number(&json!(1e20)),
        None,
        "past 2^53 a float may have been rounded"
    );
    assert_eq!(whole_number(&json!("60")), None);
    let s = parse_new_session(&with(
        fixture("create-minimal"),
        &["validation"],
        json!(1_763_632_800_000.0_f64),
    ))
    .unwrap();
    assert_eq!(s.validation, 1_763_632_800_000);
}

#[test]
fn validation_is_exact_past_32_and_53_bits() {
    let base = fixture("create-minimal");
    for ms in [0_i64, 4_294_967_296, 9_007_199_254_740_993, i64::MAX] {
        let s = parse_new_session(&with(base.clone(), &["validation"], json!(ms))).unwrap();
        assert_eq!(s.validation, ms);
    }
    for bad in [
        json!(-1),
        json!(1.5),
        json!(u64::MAX),
        json!("1763632800000"),
    ] {
        assert_eq!(
            rejected_field(with(base.clone(), &["validation"], bad.clone())),
            ["validation"],
            "{bad}"
        );
    }
}

#[test]
fn vm_members_are_checked_by_path() {
    let base = fixture("create-minimal");
    assert_eq!(
        rejected_field(with(base.clone(), &["vm"], json!("vm-1"))),
        ["vm"]
    );
    let err = parse_new_session(&with(base.clone(), &["vm"], json!({"name": 1}))).unwrap_err();
    assert_eq!(
        problems(&err),
        [
            ("vm.name".to_string(), "must be a string".to_string()),
            ("vm.network_id".to_string(), "is required".to_string()),
            ("vm.netbird_ip".to_string(), "is required".to_string()),
        ]
    );
}

#[test]
fn worker_nodes_are_checked_one_by_one() {
    let base = fixture("create-multinode");
    let body = with(
        base.clone(),
        &["worker_nodes", "1", "worker_lab_request_id"],
        json!(null),
    );
    assert_eq!(
        rejected_field(body),
        ["worker_nodes[1].worker_lab_request_id"]
    );
    let body = with(
        base.clone(),
        &["worker_nodes", "0", "worker_lab_request_id"],
        json!(""),
    );
    assert_eq!(
        rejected_field(body),
        ["worker_nodes[0].worker_lab_request_id"]
    );
    let body = with(base.clone(), &["worker_nodes", "0"], json!("k3s-worker-a"));
    assert_eq!(rejected_field(body), ["worker_nodes[0]"]);
    assert_eq!(
        rejected_field(with(base.clone(), &["worker_nodes"], json!({}))),
        ["worker_nodes"]
    );
    let many: Vec<Value> = (0..65)
        .map(|i| json!({"name": "n", "worker_lab_request_id": format!("w{i}"), "network_id": "n", "netbird_ip": "i"}))
        .collect();
    assert_eq!(
        rejected_field(with(base.clone(), &["worker_nodes"], json!(many))),
        ["worker_nodes"]
    );
    let s = parse_new_session(&with(base, &["worker_nodes"], json!(null))).unwrap();
    assert!(s.worker_nodes.is_empty());
}

#[test]
fn load_balancer_port_is_a_string() {
    let base = fixture("create-multinode");
    let body = with(base.clone(), &["loadBalancers", "0", "port"], json!(4000));
    assert_eq!(rejected_field(body), ["loadBalancers[0].port"]);
    let body = with(
        base,
        &["loadBalancers", "0"],
        json!({"id": "lb", "domain": "d"}),
    );
    assert_eq!(rejected_field(body), ["loadBalancers[0].port"]);
}

#[test]
fn ids_are_bounded_and_user_ids_need_no_control_characters() {
    let base = fixture("create-minimal");
    assert_eq!(
        rejected_field(with(base.clone(), &["user_id"], json!("x".repeat(257)))),
        ["user_id"]
    );
    assert_eq!(
        rejected_field(with(base.clone(), &["user_id"], json!("a\u{7}b"))),
        ["user_id"]
    );
    assert_eq!(
        rejected_field(with(base.clone(), &["labId"], json!("l".repeat(257)))),
        ["labId"]
    );
    assert_eq!(
        rejected_field(with(base.clone(), &["labTitle"], json!("t".repeat(2049)))),
        ["labTitle"]
    );
    assert_eq!(
        rejected_field(with(base.clone(), &["id"], json!(7))),
        ["id"]
    );
    assert_eq!(
        rejected_field(with(base.clone(), &["id"], json!(""))),
        ["id"]
    );
    for user in [
        "a/b",
        "with space",
        "élève-ユーザー",
        "../../x",
        "'; DROP TABLE x; --",
        "100%",
    ] {
        let s = parse_new_session(&with(base.clone(), &["user_id"], json!(user))).unwrap();
        assert_eq!(s.user_id.as_str(), user);
    }
    let s = parse_new_session(&with(base, &["id"], json!("my-session"))).unwrap();
    assert_eq!(s.id.as_deref(), Some("my-session"));
}

#[test]
fn unknown_fields_are_ignored() {
    let body = with(fixture("create-minimal"), &["created_at"], json!("never"));
    let body = with(body, &["surprise"], json!({"deep": [1, 2, 3]}));
    assert!(parse_new_session(&body).is_ok());
}

#[test]
fn non_object_bodies_are_refused() {
    for body in [json!([]), json!(5), json!("x"), json!(null)] {
        let err = parse_new_session(&body).unwrap_err();
        assert_eq!(err.message, "Request body must be a JSON object");
    }
}

#[test]
fn json_body_parsing() {
    assert_eq!(parse_json_body("").unwrap(), None);
    assert_eq!(parse_json_body("  \n").unwrap(), None);
    assert_eq!(parse_json_body("{\"a\":1}").unwrap(), Some(json!({"a": 1})));
    for bad in ["{", "not json", "{\"a\":}", "[1,]"] {
        assert_eq!(
            parse_json_body(bad).unwrap_err().kind,
            ErrorKind::InvalidJson
        );
    }
    let deep = "[".repeat(10_000) + &"]".repeat(10_000);
    assert_eq!(
        parse_json_body(&deep).unwrap_err().kind,
        ErrorKind::InvalidJson
    );
}

#[test]
fn update_empty_and_no_valid_fields() {
    assert_eq!(
        parse_update(None).unwrap_err().message,
        "Request body cannot be empty"
    );
    assert_eq!(
        parse_update(Some(&json!(null))).unwrap_err().message,
        "Request body cannot be empty"
    );
    assert_eq!(
        parse_update(Some(&json!({}))).unwrap_err().message,
        "Request body cannot be empty"
    );
    let err = parse_update(Some(&json!({"labId": "x", "user_id": "y"}))).unwrap_err();
    assert_eq!(err.message, "No valid fields to update");
    assert_eq!(err.status(), 400);
    assert_eq!(
        parse_update(Some(&json!([1]))).unwrap_err().message,
        "Request body must be a JSON object"
    );
}

#[test]
fn update_checks_present_fields_only() {
    let u = parse_update(Some(&json!({"duration": 30, "labId": "ignored"}))).unwrap();
    assert_eq!(u.duration.map(|m| m.get()), Some(30));
    assert_eq!(u.terminal_url, None);
    let u = parse_update(Some(&json!({"vscode_domain": null}))).unwrap();
    assert_eq!(u.vscode_domain, Some(None));

    let err = parse_update(Some(&json!({"duration": 0, "terminal_url": 5}))).unwrap_err();
    let fields: Vec<String> = err.details.iter().map(|p| p.field.clone()).collect();
    assert_eq!(fields, ["terminal_url", "duration"]);
    assert!(
        err.message.starts_with("Invalid fields: "),
        "{}",
        err.message
    );
    let err = parse_update(Some(&json!({"worker_nodes": [{"name": "w"}]}))).unwrap_err();
    assert!(
        err.details
            .iter()
            .any(|p| p.field == "worker_nodes[0].worker_lab_request_id")
    );
}
