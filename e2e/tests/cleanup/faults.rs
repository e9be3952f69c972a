//! Sweeps against a failing backend: backoff, dead items, timeouts, refused connections,
//! leases, budgets, and the guarantee that no VM id is ever forgotten.

use std::collections::BTreeSet;
use std::time::Duration;

use labs_e2e::{Outcome, Rule, wait_for};
use serde_json::json;

use crate::{MIN, deleted, items, lab, ms, vm_item, worker_with};

/// The VM-deletion calls the backend got for `id` (not the expose calls).
fn delete_calls(w: &labs_e2e::Worker, id: &str) -> usize {
    w.backend()
        .calls_for(id)
        .iter()
        .filter(|c| c.path == "/api/v1/labs/delete")
        .count()
}

#[test]
fn failures_back_off_and_nothing_is_called_early() {
    let w = worker_with(&[]);
    let (_user, ids) = lab(&w, "backoff", 0, 1);
    let vm = &ids[0];
    w.backend().set_rule(vm, Rule::always(Outcome::status(500)));
    let mut offset = 2 * MIN;
    w.set_clock_offset(offset);

    let mut gaps = Vec::new();
    for attempt in 1..=4 {
        let before = delete_calls(&w, vm);
        let run = w.sweep();
        assert_eq!(
            delete_calls(&w, vm),
            before + 1,
            "attempt {attempt} made its call"
        );
        assert!(run["failures"].as_u64().unwrap() >= 1);
        let item = vm_item(&w, vm);
        assert_eq!(item["state"], "pending");
        assert_eq!(item["attempts"], attempt);
        assert_eq!(item["last_status"], 500);
        let gap =
            ms(item["next_attempt_at"].as_str().unwrap()) - ms(run["started_at"].as_str().unwrap());
        let base = MIN << (attempt - 1);
        assert!(
            gap >= base * 8 / 10 && gap <= base * 12 / 10,
            "attempt {attempt}: gap {gap} ms, base {base}"
        );
        gaps.push(gap);

        // Not before next_attempt_at: a sweep just short of it calls nothing for this VM.
        let calls = delete_calls(&w, vm);
        offset += gap - 5_000;
        w.set_clock_offset(offset);
        w.sweep();
        assert_eq!(
            delete_calls(&w, vm),
            calls,
            "called before next_attempt_at (attempt {attempt})"
        );
        offset += 10_000;
        w.set_clock_offset(offset);
    }
    assert!(
        gaps.windows(2).all(|g| g[1] > g[0]),
        "backoff grows: {gaps:?}"
    );
}

#[test]
fn items_die_after_the_last_attempt_and_retry_revives_them() {
    let w = worker_with(&[("CLEANUP_MAX_ATTEMPTS", "3")]);
    let (user, ids) = lab(&w, "dead", 1, 1);
    let (doomed, healthy) = (&ids[1], &ids[0]);
    w.backend()
        .set_rule(doomed, Rule::always(Outcome::status(503)));
    let mut offset = 2 * MIN;
    let mut newly_dead = 0;
    for _ in 0..3 {
        w.set_clock_offset(offset);
        newly_dead += w.sweep()["newly_dead"].as_u64().unwrap();
        offset += 2 * 3_600_000;
    }
    assert_eq!(newly_dead, 1);
    assert!(
        deleted(&w).contains(healthy),
        "a failing worker never held up the master"
    );
    let item = vm_item(&w, doomed);
    assert_eq!(item["state"], "dead");
    assert_eq!(item["attempts"], 3);

    // Dead items are listed, kept and never retried on their own.
    let dead = w
        .request("GET", "/api/v1/labs/cleanup/queue?state=dead")
        .send();
    assert_eq!(dead.body["data"]["items"].as_array().unwrap().len(), 1);
    let calls = delete_calls(&w, doomed);
    w.set_clock_offset(offset + 24 * 3_600_000);
    w.sweep();
    w.fire_cron();
    // Time for any queue consumer the cron might have started: none calls it.
    std::thread::sleep(Duration::from_secs(2));
    assert_eq!(delete_calls(&w, doomed), calls);

    // The critical log line names the user and the VM, never a token.
    let line = wait_for(Duration::from_secs(5), "the critical line", || {
        w.log_lines()
            .into_iter()
            .find(|l| l["level"] == "critical" && l["context"]["lab_request_id"] == json!(doomed))
    });
    assert_eq!(line["context"]["user_id"], json!(user));
    assert!(!w.logs().contains(w.backend_token()));

    // An operator retry makes it due now; once the backend recovers it is done.
    w.backend().clear_rule(doomed);
    let id = item["id"].as_i64().unwrap();
    let r = w
        .request("POST", &format!("/api/v1/labs/cleanup/queue/{id}/retry"))
        .send();
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.body["data"]["state"], "pending");
    assert_eq!(r.body["data"]["attempts"], 0);
    w.sweep();
    assert_eq!(vm_item(&w, doomed)["state"], "done");
    assert!(deleted(&w).contains(doomed));
    let r = w
        .request("POST", &format!("/api/v1/labs/cleanup/queue/{id}/retry"))
        .send();
    assert_eq!(r.status, 409, "a done item is not retried");
}

#[test]
fn timeouts_refusals_and_dropped_connections_are_failures_to_retry() {
    let w = worker_with(&[("CLEANUP_TIMEOUT_MS", "400")]);
    let (_u1, hang) = lab(&w, "hang", 0, 1);
    let (_u2, drop) = lab(&w, "drop", 0, 1);
    w.backend().set_rule(
        &hang[0],
        Rule::always(Outcome::hang(Duration::from_secs(5))),
    );
    w.backend().set_rule(&drop[0], Rule::always(Outcome::Drop));
    w.set_clock_offset(2 * MIN);
    let run = w.sweep();
    assert!(
        run["duration_ms"].as_i64().unwrap() < 4_000,
        "the timeout bounded the run: {run}"
    );
    let hung = vm_item(&w, &hang[0]);
    assert_eq!(hung["state"], "pending");
    assert!(
        hung["last_error"].as_str().unwrap().contains("timed out"),
        "{hung}"
    );
    assert_eq!(vm_item(&w, &drop[0])["state"], "pending");

    // Refused connections: nothing answers at all.
    w.backend().clear_rules();
    w.backend().refuse_connections(true).unwrap();
    w.set_clock_offset(2 * MIN + 3_600_000);
    let run = w.sweep();
    assert!(run["failures"].as_u64().unwrap() >= 2, "{run}");
    assert_eq!(run["vms_deleted"], 0);
    w.backend().refuse_connections(false).unwrap();
    w.set_clock_offset(2 * MIN + 3 * 3_600_000);
    w.sweep();
    assert!(deleted(&w).contains(&hang[0]) && deleted(&w).contains(&drop[0]));
}

#[test]
fn expose_failures_never_hold_up_vm_deletions() {
    let w = worker_with(&[]);
    let (_user, ids) = lab(&w, "expose", 1, 1);
    w.backend().set_rule_on(
        labs_fake_backend::Endpoint::Expose,
        &ids[0],
        Rule::always(Outcome::status(500)),
    );
    w.set_clock_offset(2 * MIN);
    let run = w.sweep();
    assert_eq!(run["vms_deleted"], 2);
    assert_eq!(run["failures"], 1);
    let expose = crate::items_for(&w, &ids[0])
        .into_iter()
        .find(|i| i["kind"] == "expose")
        .unwrap();
    assert_eq!(
        expose["state"], "pending",
        "the expose call is retried on its own"
    );
}

#[test]
fn runs_stay_within_budget_and_concurrency_and_carry_the_rest_over() {
    let w = worker_with(&[
        ("CLEANUP_MAX_SUBREQUESTS", "5"),
        ("CLEANUP_CONCURRENCY", "2"),
    ]);
    w.backend().set_latency(Duration::from_millis(100));
    let mut all_ids = Vec::new();
    for i in 0..6 {
        all_ids.extend(lab(&w, &format!("budget-{i}"), 1, 1).1);
    }
    w.set_clock_offset(2 * MIN);
    w.backend().reset_max_in_flight();
    let first = w.sweep();
    assert_eq!(first["calls_made"], 5);
    assert_eq!(first["deferred"], 13, "18 calls due, 5 made");
    let mut runs = 1;
    while items(&w).iter().any(|i| i["state"] == "pending") {
        let run = w.sweep();
        assert!(run["calls_made"].as_u64().unwrap() <= 5, "{run}");
        runs += 1;
        assert!(runs < 10);
    }
    assert_eq!(runs, 4, "18 calls at 5 a run");
    assert!(
        w.backend().max_in_flight() <= 2,
        "max in flight {}",
        w.backend().max_in_flight()
    );
    assert_eq!(w.backend().calls().len(), 18);
    let expected: BTreeSet<String> = all_ids.into_iter().collect();
    assert_eq!(deleted(&w), expected);
}

#[test]
fn sweeps_at_the_same_time_never_call_an_item_twice() {
    let w = worker_with(&[("CLEANUP_CONCURRENCY", "3")]);
    w.backend().set_latency(Duration::from_millis(200));
    let mut ids = Vec::new();
    for i in 0..8 {
        ids.extend(lab(&w, &format!("lease-{i}"), 2, 1).1);
    }
    w.set_clock_offset(2 * MIN);
    std::thread::scope(|s| {
        for _ in 0..3 {
            s.spawn(|| {
                w.sweep();
            });
        }
        s.spawn(|| w.fire_cron());
    });
    wait_for(Duration::from_secs(20), "all deletions", || {
        (!items(&w).iter().any(|i| i["state"] == "pending")).then_some(())
    });
    for id in &ids {
        assert_eq!(delete_calls(&w, id), 1, "{id}");
    }
}

#[test]
fn after_any_fault_sequence_no_vm_id_is_forgotten() {
    let w = worker_with(&[("CLEANUP_MAX_ATTEMPTS", "4"), ("CLEANUP_TIMEOUT_MS", "300")]);
    let mut expected = BTreeSet::new();
    for i in 0..10 {
        let (user, ids) = lab(&w, &format!("chaos-{i}"), i % 3, 1);
        expected.extend(ids);
        if i == 9 {
            assert_eq!(
                w.request(
                    "DELETE",
                    &format!("/api/v1/labs/sessions/{}", labs_e2e::encode(&user))
                )
                .send()
                .status,
                200
            );
        }
    }
    let ids: Vec<String> = expected.iter().cloned().collect();
    w.backend()
        .set_default_rule(Rule::default().flaky(0.6, 7, Outcome::status(502)));
    w.backend()
        .set_rule(&ids[0], Rule::always(Outcome::hang(Duration::from_secs(2))));
    w.backend().set_rule(
        &ids[1],
        Rule::script([Outcome::Drop, Outcome::status(500), Outcome::status(429)])
            .then(Outcome::status(404)),
    );
    let mut offset = 2 * MIN;
    for _ in 0..6 {
        w.set_clock_offset(offset);
        w.sweep();
        offset += 2 * 3_600_000;
    }
    // The faults end. Whatever gave up is dead and visible, not lost: retry it.
    w.backend().clear_rules();
    w.request("POST", "/api/v1/labs/cleanup/queue/retry-dead")
        .send();
    for _ in 0..4 {
        w.set_clock_offset(offset);
        w.sweep();
        offset += 2 * 3_600_000;
    }
    let forgotten: Vec<&String> = expected
        .iter()
        .filter(|id| !deleted(&w).contains(*id))
        .collect();
    assert!(forgotten.is_empty(), "forgotten VM ids: {forgotten:?}");
    assert!(
        items(&w)
            .iter()
            .filter(|i| i["kind"] == "vm")
            .all(|i| i["state"] == "done")
    );
}
