//! The alert webhook over real HTTP: a Slack-shaped body accepted and recorded whole, no token
//! asked (a sent one recorded), bad bodies refused, paths under `/webhook`, rules of its own
//! (fail N times then accept, per alerted VM, hang), untouched by the VM backend's rules,
//! outside the path prefix, and driven through the control API.

mod common;

use std::time::{Duration, Instant};

use common::{client, delete_status, start};
use labs_fake_backend::{
    Answer, Call, CallKind, Endpoint, FakeBackend, FakeBackendConfig, Outcome, Rule, WEBHOOK_PATH,
};
use serde_json::{Value, json};

/// An alert like the Worker's: `text` for Slack, the facts beside it.
fn alert(lab_request_id: &str) -> Value {
    json!({
        "text": format!("VM {lab_request_id} of user u-1 was not deleted after 3 attempts"),
        "event": "vm_deletion_dead",
        "item_id": 7,
        "user_id": "u-1",
        "lab_request_id": lab_request_id,
        "attempts": 3,
    })
}

/// POSTs `body` to the webhook (no token, as the Worker sends it); returns the status.
async fn post(client: &reqwest::Client, url: &str, body: &Value) -> u16 {
    client
        .post(url)
        .json(body)
        .send()
        .await
        .expect("the fake answers")
        .status()
        .as_u16()
}

#[tokio::test]
async fn an_alert_is_accepted_without_a_token_and_recorded_whole() {
    let backend = start();
    let client = client();
    assert_eq!(
        backend.webhook_url(),
        format!("{}{WEBHOOK_PATH}", backend.url())
    );
    let body = alert("lr-dead");
    assert_eq!(post(&client, &backend.webhook_url(), &body).await, 200);
    // Any path under /webhook, as a Slack URL carries its secret in the path.
    let secret_path = format!("{}/T0/B0/s3cr3t", backend.webhook_url());
    let cron = json!({"text": "The cleanup cron fires again", "event": "cron_resumed"});
    assert_eq!(post(&client, &secret_path, &cron).await, 200);

    let calls = backend.calls_of(CallKind::Webhook);
    assert_eq!(calls.len(), 2, "{calls:?}");
    let first = &calls[0];
    assert_eq!(first.method, "POST");
    assert_eq!(first.path, "/webhook");
    assert!(first.auth_ok, "the webhook takes no token");
    assert!(!first.has_authorization);
    assert_eq!(first.content_type.as_deref(), Some("application/json"));
    assert_eq!(serde_json::from_str::<Value>(&first.body).unwrap(), body);
    assert_eq!(first.lab_request_id.as_deref(), Some("lr-dead"));
    assert_eq!(first.user_id.as_deref(), Some("u-1"));
    assert_eq!(first.answer, Answer::Status(200));
    assert_eq!(calls[1].path, "/webhook/T0/B0/s3cr3t");
    assert_eq!(calls[1].lab_request_id, None);
    assert_eq!(backend.alerts(), vec![body, cron]);
    // An alert is no VM deletion, and it is found by the VM it names.
    assert!(backend.deleted_ids().is_empty());
    assert_eq!(backend.calls_for("lr-dead").len(), 1);
}

#[tokio::test]
async fn a_token_sent_to_the_webhook_is_recorded_not_refused() {
    let backend = start();
    let client = client();
    let answer = client
        .post(backend.webhook_url())
        .bearer_auth(common::TOKEN)
        .json(&alert("lr-token"))
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 200);
    let wrong = client
        .post(backend.webhook_url())
        .header("authorization", "Basic dXNlcjpwdw==")
        .json(&alert("lr-token"))
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), 200);
    let calls = backend.calls_of(CallKind::Webhook);
    assert_eq!(
        calls
            .iter()
            .map(|c| c.has_authorization)
            .collect::<Vec<_>>(),
        [true, true]
    );
    // The VM endpoints record it too.
    delete_status(&client, &backend, "lr-vm").await;
    assert!(backend.calls_for("lr-vm")[0].has_authorization);
}

#[tokio::test]
async fn bodies_without_text_get_400_and_other_methods_404() {
    let backend = start();
    let client = client();
    backend.set_default_rule_on(Endpoint::Webhook, Rule::script([Outcome::status(500)]));
    for body in [json!({"event": "x"}), json!({"text": ""}), json!(["text"])] {
        assert_eq!(
            post(&client, &backend.webhook_url(), &body).await,
            400,
            "{body}"
        );
    }
    let not_json = client
        .post(backend.webhook_url())
        .body("text=hello")
        .send()
        .await
        .unwrap();
    assert_eq!(not_json.status(), 400);
    let get = client.get(backend.webhook_url()).send().await.unwrap();
    assert_eq!(get.status(), 404);
    let near = client
        .post(format!("{}/webhooks", backend.url()))
        .json(&alert("lr-x"))
        .send()
        .await
        .unwrap();
    assert_eq!(near.status(), 404);

    let calls = backend.calls_of(CallKind::Webhook);
    assert_eq!(calls.len(), 4, "refused ones are recorded: {calls:?}");
    assert!(calls.iter().all(|c| c.answer == Answer::Status(400)));
    assert!(backend.alerts().is_empty(), "none was accepted");
    // The refusals did not consume the script: the next good alert gets its 500.
    assert_eq!(
        post(&client, &backend.webhook_url(), &alert("lr-x")).await,
        500
    );
    assert_eq!(
        post(&client, &backend.webhook_url(), &alert("lr-x")).await,
        200
    );
}

#[tokio::test]
async fn fail_twice_then_accept_per_alerted_vm_and_untouched_by_vm_rules() {
    let backend = start();
    let client = client();
    // The VM backend fails everywhere, for these VMs too: not the webhook's business.
    backend.set_default_rule(Rule::always(Outcome::status(500)));
    backend.set_rule("lr-a", Rule::always(Outcome::status(503)));
    backend.set_rule_on(
        Endpoint::Webhook,
        "lr-a",
        Rule::script([Outcome::status(500), Outcome::status(502)]),
    );
    let url = backend.webhook_url();
    let mut a = Vec::new();
    for _ in 0..3 {
        a.push(post(&client, &url, &alert("lr-a")).await);
    }
    assert_eq!(a, [500, 502, 200]);
    assert_eq!(post(&client, &url, &alert("lr-b")).await, 200);
    assert_eq!(delete_status(&client, &backend, "lr-a").await, 503);
    assert_eq!(delete_status(&client, &backend, "lr-b").await, 500);

    // The default webhook rule: the next two alerts fail, whichever VM they name.
    backend.set_default_rule_on(
        Endpoint::Webhook,
        Rule::script([Outcome::status(500), Outcome::status(500)]),
    );
    let mut got = Vec::new();
    for id in ["lr-c", "lr-d", "lr-c", "lr-d"] {
        got.push(post(&client, &url, &alert(id)).await);
    }
    assert_eq!(got, [500, 500, 200, 200]);
    let accepted: Vec<String> = backend
        .alerts()
        .iter()
        .map(|a| a["lab_request_id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(accepted, ["lr-a", "lr-b", "lr-c", "lr-d"]);
}

#[tokio::test]
async fn a_hanging_webhook_outlasts_the_client_timeout() {
    let backend = start();
    backend.set_default_rule_on(
        Endpoint::Webhook,
        Rule::always(Outcome::hang(Duration::from_millis(400))),
    );
    let client = reqwest::Client::builder()
        .no_proxy()
        .timeout(Duration::from_millis(150))
        .build()
        .unwrap();
    let started = Instant::now();
    let err = client
        .post(backend.webhook_url())
        .json(&alert("lr-hang"))
        .send()
        .await
        .unwrap_err();
    assert!(err.is_timeout(), "{err:?}");
    assert!(started.elapsed() < Duration::from_millis(390));
    let call = loop {
        let call = backend.calls_of(CallKind::Webhook).remove(0);
        if call.answer != Answer::InFlight {
            break call;
        }
        assert!(started.elapsed() < Duration::from_secs(2), "never settled");
        tokio::time::sleep(Duration::from_millis(10)).await;
    };
    assert_eq!(call.answer, Answer::Abandoned);
    assert!(backend.alerts().is_empty());
}

#[tokio::test]
async fn the_webhook_stays_at_its_path_under_a_prefixed_backend() {
    let backend = FakeBackend::start(FakeBackendConfig {
        token: Some(common::TOKEN.into()),
        path_prefix: Some("/tenant-7".into()),
        ..FakeBackendConfig::default()
    })
    .unwrap();
    let client = client();
    assert_eq!(
        post(&client, &backend.webhook_url(), &alert("lr-p")).await,
        200
    );
    let under = format!("{}/tenant-7/webhook", backend.url());
    assert_eq!(post(&client, &under, &alert("lr-p")).await, 404);
    let kinds: Vec<CallKind> = backend.calls().iter().map(|c| c.kind).collect();
    assert_eq!(kinds, [CallKind::Webhook, CallKind::Other]);
}

#[tokio::test]
async fn the_control_api_programs_and_lists_webhook_calls() {
    let backend = start();
    let client = client();
    let base = format!("{}/__fake", backend.url());
    let put = client
        .put(format!("{base}/rules/default?endpoint=webhook"))
        .body(r#"{"script": [500, 500]}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(put.status(), 204);
    let url = backend.webhook_url();
    let mut got = Vec::new();
    for _ in 0..3 {
        got.push(post(&client, &url, &alert("lr-ctl")).await);
    }
    assert_eq!(got, [500, 500, 200]);
    delete_status(&client, &backend, "lr-ctl").await;

    let listed: Vec<Call> = client
        .get(format!("{base}/calls?kind=webhook"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(listed.len(), 3, "{listed:?}");
    assert!(listed.iter().all(|c| c.kind == CallKind::Webhook));
    let raw: Value = client
        .get(format!("{base}/calls?kind=webhook&lab_request_id=lr-ctl"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(raw[2]["kind"], "webhook");
    assert_eq!(raw[2]["has_authorization"], false);
    assert_eq!(raw[2]["answer"], json!({"status": 200}));
    let everything: Vec<Call> = client
        .get(format!("{base}/calls?lab_request_id=lr-ctl"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(everything.len(), 4, "three alerts and one VM deletion");
    let bad = client
        .get(format!("{base}/calls?kind=nonsense"))
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), 400);
}
