//! The `/__fake/` control API over HTTP: rules, calls, latency, stats, deletes, reset and
//! refusing for a while, the way the dev script drives a fake in another process.

mod common;

use std::io::ErrorKind;
use std::net::TcpStream;
use std::time::{Duration, Instant};

use common::{client, delete_status, expose, start};
use labs_fake_backend::{Answer, Call, Endpoint, InstalledRule, Outcome, Rule, Stats};
use serde_json::{Value, json};

#[tokio::test]
async fn rules_calls_stats_and_reset_round_trip() {
    let backend = start();
    let client = client();
    let base = format!("{}/__fake", backend.url());

    // Install rules the way curl would: no Content-Type.
    let put = client
        .put(format!("{base}/rules/lr-1"))
        .body(r#"{"script": [500, {"status": 503, "body": "busy"}], "steady": 404}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(put.status(), 204);
    let put = client
        .put(format!("{base}/rules/default?endpoint=expose"))
        .body(r#"{"steady": "drop"}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(put.status(), 204);

    let rules: Vec<InstalledRule> = client
        .get(format!("{base}/rules"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(rules.len(), 2);
    let lr1 = rules
        .iter()
        .find(|r| r.lab_request_id.as_deref() == Some("lr-1"))
        .unwrap();
    assert_eq!(
        lr1.rule,
        Rule::script([Outcome::status(500), Outcome::status_with_body(503, "busy")])
            .then(Outcome::status(404))
    );
    assert_eq!(lr1.script_left, 2);
    let default = rules.iter().find(|r| r.lab_request_id.is_none()).unwrap();
    assert_eq!(default.endpoint, Some(Endpoint::Expose));
    assert_eq!(default.rule.steady, Outcome::Drop);

    assert_eq!(delete_status(&client, &backend, "lr-1").await, 500);
    assert_eq!(delete_status(&client, &backend, "lr-1").await, 503);
    assert_eq!(delete_status(&client, &backend, "lr-1").await, 404);
    assert!(expose(&client, &backend, "lr-2").await.is_err());

    let calls: Vec<Call> = client
        .get(format!("{base}/calls?lab_request_id=lr-1"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    // The same calls as in-process (JSON times are whole milliseconds, so leave them out).
    let key = |c: &Call| (c.seq, c.kind, c.body.clone(), c.outcome.clone(), c.answer);
    assert_eq!(
        calls.iter().map(key).collect::<Vec<_>>(),
        backend
            .calls_for("lr-1")
            .iter()
            .map(key)
            .collect::<Vec<_>>()
    );
    assert_eq!(
        calls.iter().map(|c| c.answer).collect::<Vec<_>>(),
        [500, 503, 404].map(Answer::Status)
    );
    let all: Vec<Value> = client
        .get(format!("{base}/calls"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(all.len(), 4);
    assert_eq!(all[3]["kind"], "expose");
    assert_eq!(all[3]["answer"], "dropped");
    assert_eq!(all[0]["answer"], json!({"status": 500}));

    let deleted: Value = client
        .get(format!("{base}/deleted"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(deleted, json!({"lr-1": 1}));

    let put = client
        .put(format!("{base}/latency"))
        .body(r#"{"ms": 30}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(put.status(), 204);
    let latency: Value = client
        .get(format!("{base}/latency"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(latency, json!({"ms": 30}));

    let stats: Stats = client
        .get(format!("{base}/stats"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        stats,
        Stats {
            calls: 4,
            in_flight: 0,
            max_in_flight: 1,
            latency_ms: 30,
            refusing: false
        }
    );
    let reset = client
        .post(format!("{base}/stats/reset"))
        .send()
        .await
        .unwrap();
    assert_eq!(reset.status(), 204);
    assert_eq!(backend.max_in_flight(), 0);

    // Control calls are neither recorded nor delayed.
    assert_eq!(backend.calls().len(), 4);

    let deleted = client
        .delete(format!("{base}/rules/lr-1"))
        .send()
        .await
        .unwrap();
    assert_eq!(deleted.status(), 204);
    assert_eq!(backend.rules().len(), 1);
    let deleted = client
        .delete(format!("{base}/rules/default?endpoint=delete_vm"))
        .send()
        .await
        .unwrap();
    assert_eq!(deleted.status(), 204);
    assert_eq!(backend.rules().len(), 1, "only the expose default existed");
    client.delete(format!("{base}/rules")).send().await.unwrap();
    assert!(backend.rules().is_empty());

    client.delete(format!("{base}/calls")).send().await.unwrap();
    assert!(backend.calls().is_empty());

    backend.set_rule("lr-3", Rule::always(Outcome::status(500)));
    let reset = client.post(format!("{base}/reset")).send().await.unwrap();
    assert_eq!(reset.status(), 204);
    assert!(backend.rules().is_empty());
    assert_eq!(backend.stats().latency_ms, 0);
}

#[tokio::test]
async fn bad_control_requests_are_refused_and_not_recorded() {
    let backend = start();
    let client = client();
    let base = format!("{}/__fake", backend.url());
    for (url, body) in [
        (format!("{base}/rules/lr-1"), r#"{"script": [99]}"#),
        (format!("{base}/rules/lr-1"), r#"{"flaky": {"rate": 2}}"#),
        (format!("{base}/rules/lr-1"), "not json"),
        (format!("{base}/latency"), r#"{"ms": -1}"#),
        (format!("{base}/refuse"), "{}"),
    ] {
        let response = client.put(&url).body(body).send().await.unwrap();
        assert_eq!(response.status(), 400, "{url} {body}");
        let error: Value = response.json().await.unwrap();
        assert!(error["error"].is_string(), "{error}");
    }
    let bad_endpoint = client
        .put(format!("{base}/rules/lr-1?endpoint=nope"))
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(bad_endpoint.status(), 400);
    let unknown = client.get(format!("{base}/nothing")).send().await.unwrap();
    assert_eq!(unknown.status(), 404);
    assert!(backend.rules().is_empty());
    assert!(backend.calls().is_empty());
}

#[tokio::test]
async fn refusing_for_a_while_comes_back_on_the_same_port() {
    let backend = start();
    let client = client();
    let started = Instant::now();
    let put = client
        .put(format!("{}/__fake/refuse", backend.url()))
        .body(r#"{"ms": 300}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(put.status(), 204);
    tokio::time::sleep(Duration::from_millis(50)).await;
    let refused = TcpStream::connect(backend.addr()).unwrap_err();
    assert_eq!(refused.kind(), ErrorKind::ConnectionRefused);
    assert!(backend.stats().refusing);

    // Poll until it listens again; it must not come back early.
    loop {
        if TcpStream::connect(backend.addr()).is_ok() {
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(3), "never resumed");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert!(started.elapsed() >= Duration::from_millis(300));
    assert_eq!(delete_status(&client, &backend, "lr-back").await, 200);
}
