//! The dev clock (`LABS_DEV_CLOCK=enabled`) works only where `ENVIRONMENT` is `test` (or
//! `development`): in `production` and `staging` its route is no route (the body is never
//! read), a stored offset moves nothing, and every request logs a critical line saying so.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use labs_e2e::{Worker, WorkerOptions, iso_ms, session_body, unique_user, wait_for};
use serde_json::{Value, json};

use crate::get_path;

const DAY_MS: i64 = 86_400_000;

/// A Worker with the dev clock asked for in `environment`.
fn worker_in(environment: &str) -> Worker {
    Worker::start(
        WorkerOptions::default()
            .var("ENVIRONMENT", environment)
            .var("LABS_DEV_CLOCK", "enabled"),
    )
}

fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("after 1970")
        .as_millis() as i64
}

/// Creates a one-minute lab and returns its session.
fn one_minute_lab(w: &Worker) -> Value {
    let user = unique_user("clock");
    let mut body = session_body(&user);
    body["duration"] = json!(1);
    let r = w
        .request("POST", "/api/v1/labs/sessions")
        .json(&body)
        .send();
    assert_eq!(r.status, 201, "{}", r.text);
    r.body["data"].clone()
}

/// Asserts `session` was stamped `shift_ms` from the real clock (±2 min) and expires a minute
/// after its creation.
fn assert_stamped(session: &Value, shift_ms: i64, what: &str) {
    let created = iso_ms(session["created_at"].as_str().unwrap());
    let expires = iso_ms(session["expires_at"].as_str().unwrap());
    assert!(
        (created - (now_ms() + shift_ms)).abs() < 120_000,
        "{what}: created_at {} is not the real clock + {shift_ms} ms",
        session["created_at"]
    );
    assert_eq!(expires - created, 60_000, "{what}: {session}");
}

/// The log lines of the request `r`, once its completion line is there.
fn lines_of(w: &Worker, r: &labs_e2e::Resp) -> Vec<Value> {
    let id = json!(r.header("x-request-id").expect("a request id"));
    wait_for(Duration::from_secs(5), "the request's log lines", || {
        let lines: Vec<Value> = w
            .log_lines()
            .into_iter()
            .filter(|l| l["context"]["request_id"] == id)
            .collect();
        lines
            .iter()
            .any(|l| l["message"] == "request completed")
            .then_some(lines)
    })
}

/// Whether `lines` hold the critical line saying the setting is ignored.
fn says_ignored(lines: &[Value]) -> bool {
    lines.iter().any(|l| {
        l["level"] == "critical"
            && l["message"]
                .as_str()
                .is_some_and(|m| m.contains("LABS_DEV_CLOCK") && m.contains("ignored"))
    })
}

/// `PUT /api/v1/dev/clock` is the contract's 404, small body or not, and says why in the
/// log.
fn assert_no_clock_route(w: &Worker, environment: &str) {
    let r = w
        .request("PUT", "/api/v1/dev/clock")
        .json(&json!({"offset_ms": DAY_MS}))
        .send();
    assert_eq!(r.status, 404, "{environment}: {}", r.text);
    assert!(
        says_ignored(&lines_of(w, &r)),
        "{environment}: no critical line says LABS_DEV_CLOCK is ignored"
    );
    assert_eq!(
        r.body,
        json!({"success": false, "error": "Route not found", "code": "route_not_found"}),
        "{environment}"
    );
    // Over the 64 KiB limit: a route that read its body would answer 413.
    let big = json!({"offset_ms": DAY_MS, "pad": "x".repeat(70 * 1024)});
    let r = w.request("PUT", "/api/v1/dev/clock").json(&big).send();
    assert_eq!(
        r.status, 404,
        "{environment}: the body was read: {}",
        r.text
    );
    assert_eq!(r.body["error"], "Route not found");
}

#[test]
fn production_refuses_the_dev_clock_and_ignores_a_stored_offset() {
    let w = worker_in("production");
    assert_no_clock_route(&w, "production");

    // An offset written behind the Worker's back (as a leftover from testing would be).
    w.d1_execute("INSERT OR REPLACE INTO dev_clock (id, offset_ms) VALUES (1, 86400000)");
    let session = one_minute_lab(&w);
    assert_stamped(&session, 0, "production");
    let user = session["user_id"].as_str().unwrap().to_owned();
    // A day-old lab by the offset; a minute-long one that just began by the real clock.
    w.fire_cron();
    w.sweep();
    let r = w.request("GET", &get_path(&user)).send();
    assert_eq!(r.status, 200, "the offset expired the lab: {}", r.text);
    assert_eq!(r.body["data"]["expires_at"], session["expires_at"]);
    assert!(w.backend().calls().is_empty(), "nothing was cleaned up");
    assert!(says_ignored(&lines_of(&w, &r)), "at every request");
}

#[test]
fn staging_refuses_the_dev_clock_too() {
    let w = worker_in("staging");
    assert_no_clock_route(&w, "staging");
    assert_stamped(&one_minute_lab(&w), 0, "staging");
}

#[test]
fn the_test_environment_allows_the_dev_clock() {
    let w = worker_in("test");
    let r = w
        .request("PUT", "/api/v1/dev/clock")
        .json(&json!({"offset_ms": DAY_MS}))
        .send();
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.body["data"]["offset_ms"], DAY_MS);
    assert!(!says_ignored(&lines_of(&w, &r)));
    assert_stamped(&one_minute_lab(&w), DAY_MS, "test");
    // An offset past what D1 binds exactly is refused, naming the field (found by
    // schemathesis: it was a 500), and the clock keeps its offset.
    for offset in [
        json!(9_223_372_036_854_775_806_i64),
        json!(-3_162_240_000_001_i64),
    ] {
        let r = w
            .request("PUT", "/api/v1/dev/clock")
            .json(&json!({ "offset_ms": offset }))
            .send();
        assert_eq!(r.status, 400, "{}", r.text);
        assert_eq!(r.body["details"][0]["field"], "offset_ms", "{}", r.text);
    }
    assert_stamped(&one_minute_lab(&w), DAY_MS, "test, after refused offsets");
}
