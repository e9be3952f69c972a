//! `BACKEND_API_URL` is a secret: with credentials and a secret path in it, and the backend
//! failing every way (500, timeout, dropped, refused, nothing listening), no queue item, run
//! record or log line shows the URL, its host:port or its secret parts; errors name the
//! endpoint and the problem.

use std::net::TcpListener;
use std::time::Duration;

use labs_e2e::{Outcome, Rule, Worker, WorkerOptions, encode, wait_for};
use labs_fake_backend::{CallKind, Endpoint};
use serde_json::Value;

use crate::{MIN, items, lab};

/// The secret parts of the URLs below.
const SECRET: &str = "s3cr3t";
const CREDENTIALS: &str = "user:";
const PREFIX: &str = "/tenant-s3cr3t-7f3a";

/// Every error text a read token can see, plus the Worker's whole output: the queue items'
/// `last_error`s, and each run's errors and config problems (listed and fetched by id).
fn visible_texts(w: &Worker) -> Vec<String> {
    let mut texts: Vec<String> = items(w)
        .iter()
        .filter_map(|i| i["last_error"].as_str().map(str::to_owned))
        .collect();
    let runs = w
        .request("GET", "/api/v1/labs/cleanup/runs?limit=100")
        .send();
    assert_eq!(runs.status, 200, "{}", runs.text);
    for listed in runs.body["data"]["runs"].as_array().unwrap() {
        texts.push(listed.to_string());
        let id = listed["id"].as_str().unwrap();
        let one = w
            .request("GET", &format!("/api/v1/labs/cleanup/runs/{id}"))
            .send();
        assert_eq!(one.status, 200, "{}", one.text);
        texts.push(one.text);
    }
    texts.push(w.logs());
    texts
}

/// Asserts that none of `texts` holds any of `secrets`.
fn assert_hidden(texts: &[String], secrets: &[&str]) {
    for text in texts {
        for secret in secrets {
            if let Some(line) = text.lines().find(|l| l.contains(secret)) {
                panic!("{secret:?} is visible: {line}");
            }
        }
    }
}

/// The queue's errors, by VM id and kind.
fn error_of(w: &Worker, lab_request_id: &str, kind: &str) -> String {
    items(w)
        .into_iter()
        .find(|i| i["lab_request_id"] == lab_request_id && i["kind"] == kind)
        .and_then(|i| i["last_error"].as_str().map(str::to_owned))
        .unwrap_or_else(|| panic!("no error recorded for the {kind} item of {lab_request_id}"))
}

#[test]
fn backend_failures_never_show_the_backend_url() {
    let w = Worker::start(
        WorkerOptions::default()
            .var("CLEANUP_TIMEOUT_MS", "500")
            .backend_url(&format!("http://user:{SECRET}@{{fake}}{PREFIX}/"))
            .backend_path_prefix(PREFIX),
    );
    let host_port = w.backend().addr().to_string();
    let (_a, failing) = lab(&w, "secret-500", 0, 1);
    let (_b, hanging) = lab(&w, "secret-hang", 0, 1);
    let (_c, dropped) = lab(&w, "secret-drop", 0, 1);
    let (_d, fine) = lab(&w, "secret-fine", 0, 1);
    w.backend().set_rule_on(
        Endpoint::DeleteVm,
        &failing[0],
        Rule::always(Outcome::status_with_body(
            500,
            format!("upstream http://user:{SECRET}@{host_port} broke"),
        )),
    );
    w.backend().set_rule_on(
        Endpoint::DeleteVm,
        &hanging[0],
        Rule::always(Outcome::hang(Duration::from_secs(3))),
    );
    w.backend()
        .set_rule_on(Endpoint::DeleteVm, &dropped[0], Rule::always(Outcome::Drop));
    w.set_clock_offset(2 * MIN);
    let run = w.sweep();
    assert_eq!(run["vms_deleted"], 1, "{run}");
    assert_eq!(run["failures"], 3, "{run}");
    // The calls really reached the fake, under the URL's path, with the bearer token.
    let reached = w.backend().calls_for(&fine[0]);
    assert!(
        reached
            .iter()
            .any(|c| c.kind == CallKind::DeleteVm && c.path.starts_with(PREFIX) && c.auth_ok),
        "{reached:?}"
    );
    assert!(w.backend().deleted_ids().contains(&fine[0]));

    let e = error_of(&w, &failing[0], "vm");
    assert!(
        e.contains("POST /api/v1/labs/delete") && e.contains("500"),
        "{e}"
    );
    let e = error_of(&w, &hanging[0], "vm");
    assert!(
        e.contains("POST /api/v1/labs/delete") && e.contains("timed out"),
        "{e}"
    );
    let e = error_of(&w, &dropped[0], "vm");
    assert!(e.contains("POST /api/v1/labs/delete"), "{e}");

    // Refused: nothing listens for one sweep.
    w.backend().clear_rules();
    w.backend().refuse_connections(true).unwrap();
    w.set_clock_offset(2 * MIN + 3_600_000);
    let run = w.sweep();
    w.backend().refuse_connections(false).unwrap();
    assert_eq!(run["failures"], 3, "{run}");
    let e = error_of(&w, &failing[0], "vm");
    assert!(e.contains("POST /api/v1/labs/delete failed"), "{e}");

    // Let the log lines of the sweeps arrive, then look everywhere.
    wait_for(Duration::from_secs(5), "the second run's log line", || {
        w.log_lines()
            .iter()
            .any(|l| l["context"]["run_id"] == run["id"] && l["message"] == "cleanup run finished")
            .then_some(())
    });
    let texts = visible_texts(&w);
    assert_hidden(
        &texts,
        &[SECRET, CREDENTIALS, &host_port, &w.backend().url()],
    );
}

#[test]
fn a_backend_nobody_listens_on_is_a_failure_named_by_endpoint() {
    let closed = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let url = format!("http://user:{SECRET}@127.0.0.1:{closed}{PREFIX}/");
    let w = Worker::start(WorkerOptions::default().backend_url(&url));
    let (user, ids) = lab(&w, "secret-closed", 1, 60);
    let r = w
        .request(
            "DELETE",
            &format!("/api/v1/labs/sessions/{}", encode(&user)),
        )
        .send();
    assert_eq!(r.status, 200, "{}", r.text);
    let failed: Vec<Value> = wait_for(
        Duration::from_secs(15),
        "the DELETE's sweep to fail every call",
        || {
            let all = items(&w);
            (all.len() == 3 && all.iter().all(|i| i["last_error"].is_string())).then_some(all)
        },
    );
    for item in &failed {
        assert_eq!(item["state"], "pending", "{item}");
        assert!(item["last_status"].is_null(), "no HTTP answer: {item}");
        let endpoint = match item["kind"].as_str().unwrap() {
            "expose" => "DELETE /api/v1/expose/ failed",
            _ => "POST /api/v1/labs/delete failed",
        };
        let error = item["last_error"].as_str().unwrap();
        assert!(error.contains(endpoint), "{error}");
    }
    assert!(ids.iter().all(|id| {
        failed
            .iter()
            .any(|i| i["lab_request_id"] == *id && i["kind"] == "vm")
    }));
    assert!(
        w.backend().calls().is_empty(),
        "the fake is not the backend here"
    );
    let texts = visible_texts(&w);
    assert_hidden(
        &texts,
        &[SECRET, CREDENTIALS, &format!("127.0.0.1:{closed}"), &url],
    );
}
