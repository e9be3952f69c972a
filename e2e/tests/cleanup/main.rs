//! End-to-end tests of expiry cleanup: the cron sweep, the queue, backoff, dead items,
//! budgets and leases, against the real Worker and the fault-injecting fake backend.
//!
//! Tests never wait real minutes: each starts its own Worker with `LABS_DEV_CLOCK=enabled`
//! and moves the Worker's clock forward with `PUT /api/v1/dev/clock` (a route that does not
//! exist when `ENVIRONMENT` is `production`).

mod faults;
mod holes;
mod observe;
mod queue;
mod secrets;
mod sweep;

use std::collections::BTreeSet;

use labs_e2e::{Worker, WorkerOptions, multinode_body, unique_user};
use serde_json::Value;

/// A Worker of this test's own, with `vars` set.
pub fn worker_with(vars: &[(&str, &str)]) -> Worker {
    let mut options = WorkerOptions::default();
    for (k, v) in vars {
        options = options.var(k, v);
    }
    Worker::start(options)
}

/// A Worker of this test's own without the cleanup queue (wrangler environment `no-queue`):
/// the cron and each DELETE work the queue themselves.
pub fn worker_without_queue(vars: &[(&str, &str)]) -> Worker {
    let mut options = WorkerOptions::default().wrangler_env("no-queue");
    for (k, v) in vars {
        options = options.var(k, v);
    }
    Worker::start(options)
}

/// `DELETE`s `user`'s session; panics unless it answers 200.
pub fn delete_session(w: &Worker, user: &str) {
    let r = w
        .request(
            "DELETE",
            &format!("/api/v1/labs/sessions/{}", labs_e2e::encode(user)),
        )
        .send();
    assert_eq!(r.status, 200, "DELETE {user}: {}", r.text);
}

/// The run records, newest first (up to 100).
pub fn runs(w: &Worker) -> Vec<Value> {
    let r = w
        .request("GET", "/api/v1/labs/cleanup/runs?limit=100")
        .send();
    assert_eq!(r.status, 200, "{}", r.text);
    r.body["data"]["runs"].as_array().unwrap().clone()
}

/// Creates a lab for a new user with `workers` worker nodes lasting `minutes`; returns the
/// user and the lab's distinct VM ids.
pub fn lab(w: &Worker, prefix: &str, workers: usize, minutes: u32) -> (String, Vec<String>) {
    let user = unique_user(prefix);
    let mut body = multinode_body(&user, workers);
    body["duration"] = serde_json::json!(minutes);
    let r = w
        .request("POST", "/api/v1/labs/sessions")
        .json(&body)
        .send();
    assert_eq!(r.status, 201, "{}", r.text);
    let mut ids = vec![format!("{user}-master")];
    ids.extend((0..workers).map(|i| format!("{user}-worker-{i}")));
    (user, ids)
}

/// Every queue item, any state.
pub fn items(w: &Worker) -> Vec<Value> {
    let mut all = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let mut path = "/api/v1/labs/cleanup/queue?state=all&limit=100".to_string();
        if let Some(c) = &cursor {
            path.push_str(&format!("&cursor={c}"));
        }
        let r = w.request("GET", &path).send();
        assert_eq!(r.status, 200, "{}", r.text);
        all.extend(r.body["data"]["items"].as_array().unwrap().iter().cloned());
        match r.body["data"]["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_owned()),
            None => return all,
        }
    }
}

/// The queue items of `lab_request_id`.
pub fn items_for(w: &Worker, lab_request_id: &str) -> Vec<Value> {
    items(w)
        .into_iter()
        .filter(|i| i["lab_request_id"] == lab_request_id)
        .collect()
}

/// The VM item of `lab_request_id` (exactly one expected).
pub fn vm_item(w: &Worker, lab_request_id: &str) -> Value {
    let found: Vec<Value> = items_for(w, lab_request_id)
        .into_iter()
        .filter(|i| i["kind"] == "vm")
        .collect();
    assert_eq!(found.len(), 1, "{lab_request_id}: {found:?}");
    found[0].clone()
}

/// VM ids the backend confirmed deleting.
pub fn deleted(w: &Worker) -> BTreeSet<String> {
    w.backend().deleted_ids()
}

/// Milliseconds of a fixed-width ISO timestamp.
pub fn ms(iso: &str) -> i64 {
    labs_e2e::iso_ms(iso)
}

/// One minute in ms.
pub const MIN: i64 = 60_000;
