//! The backend endpoints over real HTTP: default answers, recording, auth, bad input, every
//! fault kind, latency, refusing connections, in-flight tracking and shutdown.

mod common;

use std::collections::BTreeSet;
use std::io::ErrorKind;
use std::net::TcpStream;
use std::sync::LazyLock;
use std::time::{Duration, Instant};

use common::{TOKEN, client, delete_status, delete_vm, expose, start};
use labs_fake_backend::{
    Answer, CallKind, Endpoint, FakeBackend, FakeBackendConfig, Outcome, Rule,
};
use serde_json::{Value, json};

#[tokio::test]
async fn default_answers_are_200_and_every_field_is_recorded() {
    let backend = start();
    let client = client();

    let response = expose(&client, &backend, "lr-master").await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.json::<Value>().await.unwrap(),
        json!({"success": true})
    );
    let response = delete_vm(&client, &backend, "lr-master").await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(delete_status(&client, &backend, "lr-worker").await, 200);

    let calls = backend.calls();
    assert_eq!(calls.len(), 3);
    assert_eq!(
        calls.iter().map(|c| c.seq).collect::<Vec<_>>(),
        [1, 2, 3],
        "seq counts calls in arrival order"
    );
    let first = &calls[0];
    assert_eq!(first.kind, CallKind::Expose);
    assert_eq!(first.method, "DELETE");
    assert_eq!(first.path, "/api/v1/expose/");
    assert_eq!(first.lab_request_id.as_deref(), Some("lr-master"));
    assert_eq!(first.user_id, None);
    assert!(first.auth_ok);
    assert_eq!(first.content_type.as_deref(), Some("application/json"));
    assert_eq!(
        serde_json::from_str::<Value>(&first.body).unwrap(),
        json!({"lab_request_id": "lr-master"})
    );
    assert_eq!(first.outcome, Outcome::ok());
    assert_eq!(first.answer, Answer::Status(200));
    assert!(first.took.is_some());

    let second = &calls[1];
    assert_eq!(second.kind, CallKind::DeleteVm);
    assert_eq!(second.method, "POST");
    assert_eq!(second.user_id.as_deref(), Some("user-1"));
    assert!(second.received_at >= first.received_at);

    assert_eq!(backend.calls_for("lr-master").len(), 2);
    assert_eq!(backend.calls_for("lr-worker").len(), 1);
    assert!(backend.calls_for("nobody").is_empty());
    // An expose is not a VM delete.
    assert_eq!(
        backend.deleted_ids(),
        BTreeSet::from(["lr-master".to_string(), "lr-worker".to_string()])
    );
    assert_eq!(backend.confirmed_deletes("lr-master"), 1);

    backend.clear_calls();
    assert!(backend.calls().is_empty());
    assert!(backend.deleted_ids().is_empty());
    delete_status(&client, &backend, "lr-after").await;
    assert_eq!(
        backend.calls()[0].seq,
        4,
        "seq keeps counting after a clear"
    );
}

#[tokio::test]
async fn bad_or_missing_tokens_get_401_and_are_recorded() {
    let backend = start();
    let client = client();
    let url = format!("{}/api/v1/labs/delete", backend.url());
    let body = json!({"lab_request_id": "lr-auth", "user_id": "u"});

    let missing = client.post(&url).json(&body).send().await.unwrap();
    assert_eq!(missing.status(), 401);
    let wrong = client
        .post(&url)
        .bearer_auth("not-the-token")
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), 401);
    let lower = client
        .post(&url)
        .header("authorization", format!("bearer {TOKEN}"))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(lower.status(), 200, "the scheme is case-insensitive");

    let calls = backend.calls_for("lr-auth");
    assert_eq!(
        calls.iter().map(|c| c.auth_ok).collect::<Vec<_>>(),
        [false, false, true]
    );
    assert_eq!(calls[0].answer, Answer::Status(401));
    assert_eq!(backend.confirmed_deletes("lr-auth"), 1);

    // A rule does not get past a bad token, and is not consumed by one.
    backend.set_rule("lr-auth", Rule::script([Outcome::status(500)]));
    let wrong = client.post(&url).json(&body).send().await.unwrap();
    assert_eq!(wrong.status(), 401);
    assert_eq!(delete_status(&client, &backend, "lr-auth").await, 500);

    // Without a configured token anything goes.
    let open = FakeBackend::start(FakeBackendConfig::default()).unwrap();
    let response = client
        .post(format!("{}/api/v1/labs/delete", open.url()))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert!(open.calls()[0].auth_ok);
}

#[tokio::test]
async fn bad_bodies_get_400_and_unknown_routes_404_both_recorded() {
    let backend = start();
    let client = client();
    let delete_url = format!("{}/api/v1/labs/delete", backend.url());

    let not_json = client
        .post(&delete_url)
        .bearer_auth(TOKEN)
        .body("lab_request_id=lr-1")
        .send()
        .await
        .unwrap();
    assert_eq!(not_json.status(), 400);
    let no_user = client
        .post(&delete_url)
        .bearer_auth(TOKEN)
        .json(&json!({"lab_request_id": "lr-no-user"}))
        .send()
        .await
        .unwrap();
    assert_eq!(no_user.status(), 400);
    let error = no_user.json::<Value>().await.unwrap();
    assert_eq!(error["success"], false);
    assert!(error["error"].as_str().unwrap().contains("user_id"));

    let wrong_method = client
        .post(format!("{}/api/v1/expose/", backend.url()))
        .bearer_auth(TOKEN)
        .json(&json!({"lab_request_id": "lr-1"}))
        .send()
        .await
        .unwrap();
    assert_eq!(wrong_method.status(), 404);
    let no_slash = client
        .delete(format!("{}/api/v1/expose", backend.url()))
        .json(&json!({"lab_request_id": "lr-1"}))
        .send()
        .await
        .unwrap();
    assert_eq!(no_slash.status(), 404, "404 takes precedence over 401");

    let calls = backend.calls();
    assert_eq!(calls.len(), 4);
    assert_eq!(calls[0].body, "lab_request_id=lr-1");
    assert_eq!(calls[0].lab_request_id, None);
    assert_eq!(calls[0].answer, Answer::Status(400));
    assert_eq!(calls[1].lab_request_id.as_deref(), Some("lr-no-user"));
    assert_eq!(calls[2].kind, CallKind::Other);
    assert_eq!(calls[3].kind, CallKind::Other);
    assert_eq!(calls[3].path, "/api/v1/expose");
    assert_eq!(calls[3].answer, Answer::Status(404));
    assert!(backend.deleted_ids().is_empty());
}

#[tokio::test]
async fn status_rules_answer_their_status_and_body() {
    let backend = start();
    let client = client();
    backend.set_rule("lr-500", Rule::always(Outcome::status(500)));
    backend.set_rule(
        "lr-503",
        Rule::always(Outcome::status_with_body(503, "maintenance")),
    );
    backend.set_rule("lr-404", Rule::always(Outcome::status(404)));
    backend.set_rule("lr-429", Rule::always(Outcome::status(429)));

    let response = delete_vm(&client, &backend, "lr-500").await.unwrap();
    assert_eq!(response.status(), 500);
    assert_eq!(
        response.json::<Value>().await.unwrap()["success"],
        json!(false)
    );
    let response = delete_vm(&client, &backend, "lr-503").await.unwrap();
    assert_eq!(response.status(), 503);
    assert_eq!(response.text().await.unwrap(), "maintenance");
    assert_eq!(delete_status(&client, &backend, "lr-404").await, 404);
    assert_eq!(delete_status(&client, &backend, "lr-429").await, 429);
    assert_eq!(delete_status(&client, &backend, "lr-other").await, 200);

    // 404 means "already gone": it confirms the deletion, the failures do not.
    assert_eq!(
        backend.deleted_ids(),
        BTreeSet::from(["lr-404".to_string(), "lr-other".to_string()])
    );
}

#[tokio::test]
async fn endpoint_scoped_and_default_rules() {
    let backend = start();
    let client = client();
    backend.set_rule_on(Endpoint::Expose, "lr-m", Rule::always(Outcome::status(500)));
    assert_eq!(
        expose(&client, &backend, "lr-m").await.unwrap().status(),
        500
    );
    assert_eq!(delete_status(&client, &backend, "lr-m").await, 200);

    backend.set_default_rule(Rule::always(Outcome::status(502)));
    backend.set_default_rule_on(Endpoint::DeleteVm, Rule::always(Outcome::status(503)));
    assert_eq!(delete_status(&client, &backend, "lr-x").await, 503);
    assert_eq!(
        expose(&client, &backend, "lr-x").await.unwrap().status(),
        502
    );
    backend.clear_default_rule();
    assert_eq!(delete_status(&client, &backend, "lr-x").await, 200);
    backend.clear_rule("lr-m");
    assert_eq!(
        expose(&client, &backend, "lr-m").await.unwrap().status(),
        200
    );
    assert!(backend.rules().is_empty());
}

#[tokio::test]
async fn script_outcomes_come_in_order_then_the_steady_one() {
    let backend = start();
    let client = client();
    backend.set_rule(
        "lr-script",
        Rule::script([
            Outcome::status(500),
            Outcome::status(503),
            Outcome::status(429),
        ])
        .then(Outcome::status(404)),
    );
    let mut got = Vec::new();
    for _ in 0..5 {
        got.push(delete_status(&client, &backend, "lr-script").await);
    }
    assert_eq!(got, [500, 503, 429, 404, 404]);
    assert_eq!(backend.rules()[0].script_left, 0);
    let recorded: Vec<_> = backend
        .calls_for("lr-script")
        .iter()
        .map(|c| c.answer)
        .collect();
    assert_eq!(recorded[..3], [500, 503, 429].map(Answer::Status));
    assert_eq!(backend.confirmed_deletes("lr-script"), 2);
}

#[tokio::test]
async fn flaky_failures_repeat_for_the_same_seed() {
    let backend = start();
    let client = client();
    async fn pattern(
        backend: &FakeBackend,
        client: &reqwest::Client,
        id: &str,
        seed: u64,
    ) -> Vec<u16> {
        backend.set_rule(id, Rule::default().flaky(0.5, seed, Outcome::status(503)));
        let mut statuses = Vec::new();
        for _ in 0..24 {
            statuses.push(delete_status(client, backend, id).await);
        }
        statuses
    }
    let first = pattern(&backend, &client, "lr-flaky", 11).await;
    let again = pattern(&backend, &client, "lr-flaky", 11).await;
    let other_seed = pattern(&backend, &client, "lr-flaky", 12).await;
    assert_eq!(first, again, "re-installing the rule restarts its PRNG");
    assert_ne!(first, other_seed);
    assert!(first.contains(&503) && first.contains(&200), "{first:?}");
    assert!(first.iter().all(|s| *s == 200 || *s == 503));

    backend.set_rule(
        "lr-always",
        Rule::default().flaky(1.0, 5, Outcome::status(500)),
    );
    assert_eq!(delete_status(&client, &backend, "lr-always").await, 500);
}

#[tokio::test]
async fn a_hang_outlasts_the_client_timeout() {
    let backend = start();
    backend.set_rule(
        "lr-hang",
        Rule::always(Outcome::hang(Duration::from_millis(400))),
    );
    let client = reqwest::Client::builder()
        .no_proxy()
        .timeout(Duration::from_millis(150))
        .build()
        .unwrap();
    let started = Instant::now();
    let err = delete_vm(&client, &backend, "lr-hang").await.unwrap_err();
    assert!(err.is_timeout(), "{err:?}");
    assert!(started.elapsed() < Duration::from_millis(390));
    // The client hung up mid-hang: hyper notices, drops the request, and the fake records
    // that it gave up (well before the hang would have ended).
    let call = loop {
        let call = backend.calls_for("lr-hang").remove(0);
        if call.answer != Answer::InFlight {
            break call;
        }
        assert!(started.elapsed() < Duration::from_secs(2), "never settled");
        tokio::time::sleep(Duration::from_millis(10)).await;
    };
    assert_eq!(call.outcome, Outcome::hang(Duration::from_millis(400)));
    assert_eq!(call.answer, Answer::Abandoned);
    assert!(call.took.unwrap() < Duration::from_millis(390));
    assert_eq!(backend.in_flight(), 0);
    assert!(backend.deleted_ids().is_empty());
}

#[tokio::test]
async fn a_hang_then_an_answer_is_a_slow_answer() {
    let backend = start();
    let client = client();
    backend.set_rule(
        "lr-slow",
        Rule::always(Outcome::hang_then(
            Duration::from_millis(250),
            Outcome::ok(),
        )),
    );
    let started = Instant::now();
    assert_eq!(delete_status(&client, &backend, "lr-slow").await, 200);
    assert!(started.elapsed() >= Duration::from_millis(250));
    let took = backend.calls_for("lr-slow")[0].took.unwrap();
    assert!(took >= Duration::from_millis(250), "{took:?}");
}

#[tokio::test]
async fn a_drop_closes_the_connection_without_a_response() {
    let backend = start();
    backend.set_rule("lr-drop", Rule::always(Outcome::Drop));
    let client = client();
    let started = Instant::now();
    let err = delete_vm(&client, &backend, "lr-drop").await.unwrap_err();
    assert!(!err.is_timeout() && err.status().is_none(), "{err:?}");
    assert!(started.elapsed() < Duration::from_secs(2));
    let calls = backend.calls_for("lr-drop");
    assert_eq!(calls.len(), 1);
    assert_eq!(calls[0].answer, Answer::Dropped);
    assert_eq!(backend.in_flight(), 0);
    // The server is fine afterwards, on the same client.
    assert_eq!(delete_status(&client, &backend, "lr-fine").await, 200);
}

#[tokio::test]
async fn latency_delays_every_answer() {
    let backend = start();
    let client = client();
    backend.set_latency(Duration::from_millis(150));
    backend.set_rule("lr-404", Rule::always(Outcome::status(404)));
    for id in ["lr-ok", "lr-404"] {
        let started = Instant::now();
        delete_status(&client, &backend, id).await;
        assert!(started.elapsed() >= Duration::from_millis(150), "{id}");
    }
    assert_eq!(backend.stats().latency_ms, 150);
    backend.set_latency(Duration::ZERO);
    let started = Instant::now();
    delete_status(&client, &backend, "lr-fast").await;
    assert!(started.elapsed() < Duration::from_millis(140));
}

#[tokio::test]
async fn refusing_closes_the_port_and_resuming_reopens_the_same_one() {
    let backend = start();
    let client = client();
    let port = backend.port();
    // Leave a keep-alive connection in the client's pool.
    assert_eq!(delete_status(&client, &backend, "lr-before").await, 200);

    backend.refuse_connections(true).unwrap();
    assert!(backend.stats().refusing);
    let refused = TcpStream::connect(backend.addr()).unwrap_err();
    assert_eq!(refused.kind(), ErrorKind::ConnectionRefused);
    // Give the client a moment to see the fake close its idle pooled connection.
    tokio::time::sleep(Duration::from_millis(200)).await;
    let err = delete_vm(&client, &backend, "lr-during").await.unwrap_err();
    assert!(err.is_connect(), "{err:?}");
    assert!(backend.calls_for("lr-during").is_empty());
    backend.refuse_connections(true).unwrap();

    backend.refuse_connections(false).unwrap();
    assert_eq!(backend.port(), port);
    assert!(!backend.stats().refusing);
    assert_eq!(delete_status(&client, &backend, "lr-after").await, 200);
    backend.refuse_connections(false).unwrap();
    assert_eq!(backend.deleted_ids().len(), 2);
}

#[tokio::test]
async fn max_in_flight_counts_concurrent_calls() {
    let backend = start();
    backend.set_default_rule(Rule::always(Outcome::hang_then(
        Duration::from_millis(400),
        Outcome::ok(),
    )));
    let client = client();
    let mut tasks = Vec::new();
    for i in 0..6 {
        let client = client.clone();
        let url = backend.url();
        tasks.push(tokio::spawn(async move {
            client
                .post(format!("{url}/api/v1/labs/delete"))
                .bearer_auth(TOKEN)
                .json(&json!({"lab_request_id": format!("lr-par-{i}"), "user_id": "u"}))
                .send()
                .await
                .map(|r| r.status().as_u16())
        }));
    }
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(backend.in_flight(), 6);
    for task in tasks {
        assert_eq!(task.await.unwrap().unwrap(), 200);
    }
    assert_eq!(backend.max_in_flight(), 6);
    assert_eq!(backend.in_flight(), 0);
    backend.reset_max_in_flight();
    assert_eq!(backend.max_in_flight(), 0);

    backend.clear_rules();
    for _ in 0..3 {
        delete_status(&client, &backend, "lr-seq").await;
    }
    assert_eq!(backend.max_in_flight(), 1, "sequential calls never overlap");
}

#[tokio::test]
async fn shutdown_releases_the_port_and_ends_held_requests() {
    let backend = start();
    let addr = backend.addr();
    backend.set_rule("lr-forever", Rule::always(Outcome::hang_forever()));
    let client = client();
    let url = backend.url();
    let held = tokio::spawn(async move {
        client
            .post(format!("{url}/api/v1/labs/delete"))
            .bearer_auth(TOKEN)
            .json(&json!({"lab_request_id": "lr-forever", "user_id": "u"}))
            .send()
            .await
    });
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert_eq!(backend.in_flight(), 1);
    let started = Instant::now();
    backend.shutdown();
    assert!(started.elapsed() < Duration::from_secs(1));
    assert!(
        held.await.unwrap().is_err(),
        "the held request got no answer"
    );
    let refused = TcpStream::connect(addr).unwrap_err();
    assert_eq!(refused.kind(), ErrorKind::ConnectionRefused);
}

/// One instance for several tests, as the end-to-end suite uses it: it must outlive each
/// test's runtime.
static SHARED: LazyLock<FakeBackend> = LazyLock::new(start);

#[tokio::test]
async fn a_shared_instance_serves_one_test_runtime() {
    assert_eq!(delete_status(&client(), &SHARED, "lr-shared-a").await, 200);
    assert_eq!(SHARED.confirmed_deletes("lr-shared-a"), 1);
}

#[tokio::test]
async fn a_shared_instance_serves_another_test_runtime() {
    assert_eq!(delete_status(&client(), &SHARED, "lr-shared-b").await, 200);
    assert_eq!(SHARED.confirmed_deletes("lr-shared-b"), 1);
}

#[test]
fn a_shared_instance_serves_a_plain_test_too() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    for _ in 0..2 {
        let status = runtime.block_on(delete_status(&client(), &SHARED, "lr-shared-c"));
        assert_eq!(status, 200);
    }
    assert_eq!(SHARED.confirmed_deletes("lr-shared-c"), 2);
}
