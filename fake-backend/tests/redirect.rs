//! The redirect outcome over real HTTP: the 3xx and its `Location`, the landing page it
//! points at by default, how both are recorded, rules and the control API; call start and
//! end times; endpoints under a path prefix.

mod common;

use std::time::Duration;

use common::{TOKEN, client, delete_status, delete_vm, start};
use labs_fake_backend::{
    Answer, CallKind, Endpoint, LANDING_PATH, Outcome, REDIRECT_STATUSES, Rule,
};
use reqwest::header::LOCATION;
use serde_json::{Value, json};

/// A client that never follows redirects, as the Worker's must not.
fn manual() -> reqwest::Client {
    reqwest::Client::builder()
        .no_proxy()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

#[tokio::test]
async fn a_redirect_answers_its_status_and_points_at_the_landing_page() {
    let backend = start();
    backend.set_rule_on(
        Endpoint::DeleteVm,
        "lr-moved",
        Rule::always(Outcome::redirect(302)),
    );
    let response = delete_vm(&manual(), &backend, "lr-moved").await.unwrap();
    assert_eq!(response.status(), 302);
    assert_eq!(response.headers()[LOCATION], LANDING_PATH);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["success"], false);

    let calls = backend.calls();
    assert_eq!(calls.len(), 1, "not followed, so nothing else arrived");
    assert_eq!(calls[0].kind, CallKind::DeleteVm);
    assert_eq!(calls[0].outcome, Outcome::redirect(302));
    assert_eq!(calls[0].answer, Answer::Status(302));
    assert!(
        backend.deleted_ids().is_empty(),
        "a redirect confirms nothing"
    );

    // The landing page answers 200 to any method, without a token, and is recorded.
    let landing = client()
        .get(format!("{}{LANDING_PATH}", backend.url()))
        .send()
        .await
        .unwrap();
    assert_eq!(landing.status(), 200);
    assert_eq!(
        landing.json::<Value>().await.unwrap(),
        json!({"success": true})
    );
    let landed = backend.calls().pop().unwrap();
    assert_eq!(landed.kind, CallKind::Landing);
    assert_eq!(landed.path, LANDING_PATH);
    assert_eq!(landed.answer, Answer::Status(200));
    assert!(backend.deleted_ids().is_empty());
}

#[tokio::test]
async fn a_client_that_follows_ends_at_a_200_the_fake_records() {
    let backend = start();
    for (i, status) in REDIRECT_STATUSES.into_iter().enumerate() {
        let id = format!("lr-follow-{i}");
        backend.set_rule(&id, Rule::always(Outcome::redirect(status)));
        // reqwest follows by default: 301/302/303 turn the POST into a GET, 307/308 keep it.
        let response = delete_vm(&client(), &backend, &id).await.unwrap();
        assert_eq!(response.status(), 200, "{status} then the landing page");
        let calls = backend.calls();
        let landed = calls.last().unwrap();
        assert_eq!(landed.kind, CallKind::Landing, "{status}");
        let expected = if status >= 307 { "POST" } else { "GET" };
        assert_eq!(landed.method, expected, "{status}");
        assert_eq!(
            calls[calls.len() - 2].answer,
            Answer::Status(status),
            "the redirect itself is recorded too"
        );
    }
    assert!(
        backend.deleted_ids().is_empty(),
        "ending at a 200 is no deletion"
    );
}

#[tokio::test]
async fn a_redirect_can_point_anywhere_and_scripts_lift_it() {
    let backend = start();
    backend.set_rule(
        "lr-away",
        Rule::script([
            Outcome::redirect_to(308, "http://127.0.0.1:9/elsewhere"),
            Outcome::redirect(301),
        ]),
    );
    let client = manual();
    let first = delete_vm(&client, &backend, "lr-away").await.unwrap();
    assert_eq!(first.status(), 308);
    assert_eq!(first.headers()[LOCATION], "http://127.0.0.1:9/elsewhere");
    let second = delete_vm(&client, &backend, "lr-away").await.unwrap();
    assert_eq!(second.status(), 301);
    assert_eq!(second.headers()[LOCATION], LANDING_PATH);
    assert_eq!(delete_status(&client, &backend, "lr-away").await, 200);
    assert_eq!(backend.confirmed_deletes("lr-away"), 1);
}

#[tokio::test]
async fn redirect_rules_go_through_the_control_api() {
    let backend = start();
    let control = client();
    let base = format!("{}/__fake", backend.url());
    let put = control
        .put(format!("{base}/rules/lr-ctl?endpoint=delete_vm"))
        .body(r#"{"steady": {"redirect": 307}}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(put.status(), 204);
    let rules = backend.rules();
    assert_eq!(rules[0].rule.steady, Outcome::redirect(307));
    let listed: Value = control
        .get(format!("{base}/rules"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(listed[0]["rule"]["steady"], json!({"redirect": 307}));

    let response = delete_vm(&manual(), &backend, "lr-ctl").await.unwrap();
    assert_eq!(response.status(), 307);
    let calls: Value = control
        .get(format!("{base}/calls?lab_request_id=lr-ctl"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(calls[0]["outcome"], json!({"redirect": 307}));
    assert_eq!(calls[0]["answer"], json!({"status": 307}));

    for bad in [
        r#"{"steady": {"redirect": 200}}"#,
        r#"{"steady": {"redirect": 302, "location": ""}}"#,
    ] {
        let put = control
            .put(format!("{base}/rules/lr-ctl"))
            .body(bad)
            .send()
            .await
            .unwrap();
        assert_eq!(put.status(), 400, "{bad}");
    }
}

#[tokio::test]
async fn a_bad_token_gets_401_before_any_redirect() {
    let backend = start();
    backend.set_rule("lr-auth", Rule::script([Outcome::redirect(302)]));
    let response = manual()
        .post(format!("{}/api/v1/labs/delete", backend.url()))
        .bearer_auth(format!("{TOKEN}-wrong"))
        .json(&json!({"lab_request_id": "lr-auth", "user_id": "u"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 401);
    assert!(response.headers().get(LOCATION).is_none());
    assert_eq!(
        backend.rules()[0].script_left,
        1,
        "a refused call does not consume the redirect"
    );
}

#[tokio::test]
async fn calls_record_when_they_started_and_ended() {
    let backend = start();
    backend.set_rule(
        "lr-slow",
        Rule::always(Outcome::hang_then(
            Duration::from_millis(200),
            Outcome::ok(),
        )),
    );
    let client = client();
    assert_eq!(delete_status(&client, &backend, "lr-slow").await, 200);
    assert_eq!(delete_status(&client, &backend, "lr-next").await, 200);
    let calls = backend.calls();
    let (slow, next) = (&calls[0], &calls[1]);
    let slow_end = slow.finished_at().expect("answered");
    assert!(slow_end >= slow.started_at() + Duration::from_millis(200));
    assert!(
        next.started_at() >= slow_end,
        "a call made after the answer starts after the recorded end: {next:?} {slow:?}"
    );

    // In flight: a start, no end yet.
    backend.set_rule("lr-held", Rule::always(Outcome::hang_forever()));
    let url = backend.url();
    let held = tokio::spawn(async move {
        common::client()
            .post(format!("{url}/api/v1/labs/delete"))
            .bearer_auth(TOKEN)
            .json(&json!({"lab_request_id": "lr-held", "user_id": "u"}))
            .send()
            .await
    });
    let call = loop {
        if let Some(call) = backend.calls_for("lr-held").pop() {
            break call;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    };
    assert_eq!(call.answer, Answer::InFlight);
    assert_eq!(call.finished_at(), None);
    held.abort();
}

#[tokio::test]
async fn a_path_prefix_serves_the_endpoints_under_it() {
    let backend = labs_fake_backend::FakeBackend::start(labs_fake_backend::FakeBackendConfig {
        token: Some(TOKEN.into()),
        path_prefix: Some("/tenant-s3cr3t".into()),
        ..Default::default()
    })
    .unwrap();
    let client = client();
    let under = client
        .post(format!(
            "{}/tenant-s3cr3t/api/v1/labs/delete",
            backend.url()
        ))
        .bearer_auth(TOKEN)
        .json(&json!({"lab_request_id": "lr-p", "user_id": "u"}))
        .send()
        .await
        .unwrap();
    assert_eq!(under.status(), 200);
    assert_eq!(
        delete_status(&client, &backend, "lr-bare").await,
        404,
        "outside the prefix"
    );
    let calls = backend.calls();
    assert_eq!(calls[0].kind, CallKind::DeleteVm);
    assert_eq!(calls[0].path, "/tenant-s3cr3t/api/v1/labs/delete");
    assert_eq!(calls[1].kind, CallKind::Other);
    assert_eq!(
        backend.deleted_ids().len(),
        1,
        "only the call under the prefix"
    );
}
