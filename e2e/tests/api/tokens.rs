//! Scoped API tokens: minting, every scope against every route class, revocation, expiry,
//! and no token ever stored or logged in clear.

use std::collections::BTreeSet;

use labs_e2e::{Worker, WorkerOptions, session_body, unique_user};
use serde_json::{Value, json};

use crate::{get_path, user_path, worker};

fn mint(w: &Worker, scope: &str, extra: Value) -> (String, String) {
    let mut body = json!({"name": format!("{scope}-{}", unique_user("t")), "scope": scope});
    if let (Some(b), Some(e)) = (body.as_object_mut(), extra.as_object()) {
        b.extend(e.clone());
    }
    let r = w.request("POST", "/api/v1/tokens").json(&body).send();
    assert_eq!(r.status, 201, "{}", r.text);
    let data = &r.body["data"];
    (
        data["token"].as_str().unwrap().to_owned(),
        data["id"].as_str().unwrap().to_owned(),
    )
}

#[test]
fn minting_shows_the_token_once_and_lists_never_do() {
    let w = worker();
    let r = w
        .request("POST", "/api/v1/tokens")
        .json(&json!({"name": "grafana", "scope": "read", "expires_in_days": 30}))
        .send();
    assert_eq!(r.status, 201, "{}", r.text);
    let data = &r.body["data"];
    let token = data["token"].as_str().unwrap();
    assert!(token.starts_with("lab_") && token.len() == 68, "{token}");
    assert_eq!(data["scope"], "read");
    assert_eq!(data["prefix"], json!(&token[..12]));
    assert!(data["expires_at"].is_string());
    let list = w.request("GET", "/api/v1/tokens").send();
    assert_eq!(list.status, 200);
    assert!(!list.text.contains(token), "a list shows a secret");
    assert!(!list.text.contains(&token[12..]));
    let listed = list.body["data"]["tokens"].as_array().unwrap();
    assert!(
        listed
            .iter()
            .any(|t| t["id"] == data["id"] && t["prefix"] == data["prefix"])
    );
}

#[test]
fn minted_tokens_are_unique() {
    let w = worker();
    let tokens: BTreeSet<String> = (0..25).map(|_| mint(w, "read", json!({})).0).collect();
    assert_eq!(tokens.len(), 25);
}

#[test]
fn each_scope_against_each_route_class() {
    let w = worker();
    for (scope, can_read, can_write, can_admin) in [
        ("read", true, false, false),
        ("write", true, true, false),
        ("admin", true, true, true),
    ] {
        let (token, _) = mint(w, scope, json!({}));
        let user = unique_user(&format!("scope-{scope}"));
        w.create_session(&user);
        let expect = |allowed: bool, r: labs_e2e::Resp, what: &str| {
            if allowed {
                assert!(
                    r.status < 400,
                    "{scope} should {what}: {} {}",
                    r.status,
                    r.text
                );
            } else {
                assert_eq!(r.status, 403, "{scope} should not {what}: {}", r.text);
                assert_eq!(r.body["code"], "forbidden");
                assert_eq!(r.body["success"], false);
            }
        };
        expect(
            can_read,
            w.anonymous("GET", &get_path(&user)).bearer(&token).send(),
            "read a session",
        );
        expect(
            can_read,
            w.anonymous("GET", "/api/v1/labs/cleanup/runs")
                .bearer(&token)
                .send(),
            "read cleanup runs",
        );
        let other = unique_user(&format!("scope-{scope}-new"));
        expect(
            can_write,
            w.anonymous("POST", "/api/v1/labs/sessions")
                .bearer(&token)
                .json(&session_body(&other))
                .send(),
            "create",
        );
        expect(
            can_write,
            w.anonymous("PUT", &user_path(&user))
                .bearer(&token)
                .json(&json!({"duration": 30}))
                .send(),
            "update",
        );
        expect(
            can_write,
            w.anonymous("DELETE", &user_path(&user))
                .bearer(&token)
                .send(),
            "delete",
        );
        expect(
            can_admin,
            w.anonymous("GET", "/api/v1/tokens").bearer(&token).send(),
            "list tokens",
        );
        expect(
            can_admin,
            w.anonymous("POST", "/api/v1/tokens")
                .bearer(&token)
                .json(&json!({"name": "x", "scope": "read"}))
                .send(),
            "mint",
        );
        expect(
            can_admin,
            w.anonymous("POST", "/api/v1/labs/cleanup")
                .bearer(&token)
                .json(&json!({"dry_run": true}))
                .send(),
            "run cleanup",
        );
        if !can_write {
            assert!(
                w.session(&user).is_some(),
                "a refused delete changed nothing"
            );
            assert!(
                w.session(&other).is_none(),
                "a refused create changed nothing"
            );
        }
    }
}

#[test]
fn a_revoked_token_stops_on_the_very_next_request() {
    let w = worker();
    let (token, id) = mint(w, "write", json!({}));
    let path = get_path(&unique_user("revoke"));
    assert_eq!(w.anonymous("GET", &path).bearer(&token).send().status, 404);
    let r = w.request("DELETE", &format!("/api/v1/tokens/{id}")).send();
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.body["data"]["revoked"], true);
    let r = w.anonymous("GET", &path).bearer(&token).send();
    assert_eq!(r.status, 401);
    assert_eq!(r.body["error"], "Invalid or missing authentication token");
    assert_eq!(
        w.request("DELETE", &format!("/api/v1/tokens/{id}"))
            .send()
            .status,
        200,
        "revoking twice is fine"
    );
    assert_eq!(
        w.request("DELETE", "/api/v1/tokens/no-such-token")
            .send()
            .status,
        404
    );
    let listed = w.request("GET", "/api/v1/tokens").send().body["data"]["tokens"].clone();
    let entry = listed
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == json!(id))
        .unwrap()
        .clone();
    assert!(entry["revoked_at"].is_string());
    assert!(entry["last_used_at"].is_string(), "use was recorded");
}

#[test]
fn unknown_tokens_are_401_and_bad_bodies_400() {
    let w = worker();
    let fake = format!("lab_{}", "0".repeat(64));
    let r = w.anonymous("GET", &get_path("x")).bearer(&fake).send();
    assert_eq!(r.status, 401);
    for body in [
        json!({"scope": "read"}),
        json!({"name": "n", "scope": "superuser"}),
        json!({"name": "n", "scope": "read", "expires_in_days": -3}),
    ] {
        let r = w.request("POST", "/api/v1/tokens").json(&body).send();
        assert_eq!(r.status, 400, "{body}");
        assert_eq!(r.body["code"], "validation_failed");
    }
}

#[test]
fn expired_tokens_are_401_and_nothing_is_stored_or_logged_in_clear() {
    let w = Worker::start(WorkerOptions::default());
    let (token, id) = mint(&w, "read", json!({"expires_in_days": 1}));
    let path = get_path(&unique_user("expiry"));
    assert_eq!(w.anonymous("GET", &path).bearer(&token).send().status, 404);
    w.set_clock_offset(2 * 86_400_000);
    let r = w.anonymous("GET", &path).bearer(&token).send();
    assert_eq!(r.status, 401);

    let rows = w.d1_execute("SELECT * FROM api_tokens");
    let text = rows.to_string();
    assert!(text.contains(&id), "the row is there: {text}");
    assert!(
        !text.contains(&token),
        "the D1 row holds the token in clear"
    );
    assert!(
        !text.contains(&token[12..]),
        "the D1 row holds the token's secret part"
    );
    assert!(
        !w.logs().contains(&token[12..]),
        "a log line holds the token"
    );
}

#[test]
fn last_used_at_is_written_at_most_once_a_minute() {
    let w = Worker::start(WorkerOptions::default());
    let (token, id) = mint(&w, "read", json!({}));
    let last_used = || {
        let list = w.request("GET", "/api/v1/tokens").send().body["data"]["tokens"].clone();
        list.as_array()
            .unwrap()
            .iter()
            .find(|t| t["id"] == json!(id))
            .unwrap()["last_used_at"]
            .clone()
    };
    assert!(last_used().is_null(), "never used yet");
    let path = get_path(&unique_user("touch"));
    assert_eq!(w.anonymous("GET", &path).bearer(&token).send().status, 404);
    let first = labs_e2e::wait_for(
        std::time::Duration::from_secs(5),
        "the first use recorded",
        || {
            let v = last_used();
            (!v.is_null()).then_some(v)
        },
    );
    for _ in 0..3 {
        assert_eq!(w.anonymous("GET", &path).bearer(&token).send().status, 404);
    }
    std::thread::sleep(std::time::Duration::from_millis(500));
    assert_eq!(
        last_used(),
        first,
        "uses within a minute are not written again"
    );

    w.set_clock_offset(2 * 60_000);
    assert_eq!(w.anonymous("GET", &path).bearer(&token).send().status, 404);
    let later = labs_e2e::wait_for(
        std::time::Duration::from_secs(5),
        "the later use recorded",
        || {
            let v = last_used();
            (v != first).then_some(v)
        },
    );
    assert!(later.as_str() > first.as_str());
}
