//! Sweeps that succeed: expiry through the cron, the DELETE path, dry runs, run history.

use std::time::Duration;

use labs_e2e::{encode, wait_for};
use serde_json::json;

use crate::{MIN, deleted, items, lab, ms, worker_with, worker_without_queue};

/// The cron working the queue itself (no queue bound; `queue.rs` has the fan-out).
#[test]
fn cron_cleans_expired_sessions_once_per_distinct_vm_and_removes_them() {
    let w = worker_without_queue(&[]);
    let (single, single_ids) = lab(&w, "cron-single", 0, 1);
    let (multi, multi_ids) = lab(&w, "cron-multi", 2, 1);
    let (alive, alive_ids) = lab(&w, "cron-alive", 1, 60);
    // A worker node listing the master's id again, and a duplicate worker: one call each.
    let (dup, _) = {
        let user = labs_e2e::unique_user("cron-dup");
        let mut body = labs_e2e::multinode_body(&user, 2);
        body["duration"] = json!(1);
        body["worker_nodes"][1]["worker_lab_request_id"] = json!(format!("{user}-master"));
        let first = body["worker_nodes"][0].clone();
        body["worker_nodes"].as_array_mut().unwrap().push(first);
        assert_eq!(
            w.request("POST", "/api/v1/labs/sessions")
                .json(&body)
                .send()
                .status,
            201
        );
        (user, ())
    };

    w.fire_cron();
    assert!(w.backend().calls().is_empty(), "nothing has expired yet");
    w.set_clock_offset(2 * MIN);
    w.fire_cron();

    let expected: Vec<String> = single_ids
        .iter()
        .chain(&multi_ids)
        .cloned()
        .chain([format!("{dup}-master"), format!("{dup}-worker-0")])
        .collect();
    wait_for(Duration::from_secs(20), "every expired VM deleted", || {
        expected
            .iter()
            .all(|id| deleted(&w).contains(id))
            .then_some(())
    });
    for id in &expected {
        assert_eq!(w.backend().confirmed_deletes(id), 1, "{id} called once");
    }
    for id in &alive_ids {
        assert!(
            w.backend().calls_for(id).is_empty(),
            "{id} belongs to a live lab"
        );
    }
    // Expose once per master; the delete bodies name the user; the backend token is sent.
    for (user, master) in [(&single, &single_ids[0]), (&multi, &multi_ids[0])] {
        let calls = w.backend().calls_for(master);
        assert_eq!(
            calls.iter().filter(|c| c.path == "/api/v1/expose/").count(),
            1
        );
        let delete = calls
            .iter()
            .find(|c| c.path == "/api/v1/labs/delete")
            .unwrap();
        let body: serde_json::Value = serde_json::from_str(&delete.body).unwrap();
        assert_eq!(body, json!({"lab_request_id": master, "user_id": user}));
        assert!(
            calls
                .iter()
                .all(|c| c.auth_ok && c.content_type.as_deref() == Some("application/json"))
        );
    }
    for user in [&single, &multi, &dup] {
        assert!(
            w.session(user).is_none(),
            "{user}'s expired session is gone"
        );
    }
    assert!(w.session(&alive).is_some());
    // The user may start a new lab at once.
    w.create_session(&single);

    let runs = w.request("GET", "/api/v1/labs/cleanup/runs").send().body["data"]["runs"].clone();
    let cron_run = runs
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["sessions_expired"] == 3)
        .expect("the cron run");
    assert_eq!(cron_run["trigger"], "cron");
    assert_eq!(cron_run["vms_deleted"], 6, "1 + 3 + 2 distinct VM ids");
    assert_eq!(cron_run["calls_made"], 9, "6 VMs + 3 exposes");
    assert_eq!(cron_run["failures"], 0);
    assert!(cron_run["duration_ms"].is_number() && cron_run["finished_at"].is_string());
    assert!(items(&w).iter().all(|i| i["state"] == "done"));
}

#[test]
fn delete_goes_through_the_queue_and_calls_at_once() {
    let w = worker_with(&[]);
    let (user, ids) = lab(&w, "del", 2, 60);
    let r = w
        .request(
            "DELETE",
            &format!("/api/v1/labs/sessions/{}", encode(&user)),
        )
        .send();
    assert_eq!(r.status, 200);
    assert_eq!(r.body["data"], json!({"user_id": user, "deleted": true}));
    wait_for(Duration::from_secs(10), "the DELETE's VM deletions", || {
        ids.iter().all(|id| deleted(&w).contains(id)).then_some(())
    });
    // A consumer of the cleanup queue did the work, in a run of its own.
    let runs = w.request("GET", "/api/v1/labs/cleanup/runs").send().body["data"]["runs"].clone();
    let run = &runs[0];
    assert_eq!(run["trigger"], "queue");
    assert_eq!(run["vms_deleted"], 3);
    assert_eq!(run["calls_made"], 4);
    // The archived session is kept for audit with the item.
    let all = items(&w);
    assert_eq!(all.len(), 4);
    assert!(
        all.iter()
            .all(|i| i["user_id"] == json!(user) && i["state"] == "done")
    );
}

#[test]
fn dry_run_reports_and_calls_nothing() {
    let w = worker_with(&[]);
    lab(&w, "dry-a", 1, 1);
    lab(&w, "dry-b", 0, 1);
    w.set_clock_offset(2 * MIN);
    let r = w
        .request("POST", "/api/v1/labs/cleanup")
        .json(&json!({"dry_run": true}))
        .send();
    assert_eq!(r.status, 200, "{}", r.text);
    let run = &r.body["data"];
    assert_eq!(run["dry_run"], true);
    assert_eq!(run["sessions_expired"], 2);
    assert_eq!(run["calls_made"], 5, "3 VMs + 2 exposes would be called");
    assert!(w.backend().calls().is_empty());
    assert!(items(&w).is_empty(), "nothing was queued");

    let r = w
        .request("POST", "/api/v1/labs/cleanup")
        .json(&json!({"dry_run": "yes"}))
        .send();
    assert_eq!(r.status, 400);

    let run = w.sweep();
    assert_eq!(run["dry_run"], false);
    assert_eq!(run["sessions_expired"], 2);
    assert_eq!(run["vms_deleted"], 3);
}

#[test]
fn run_history_pages_newest_first_and_queue_filters() {
    let w = worker_with(&[]);
    let ids: Vec<String> = (0..5)
        .map(|_| w.sweep()["id"].as_str().unwrap().to_owned())
        .collect();
    let r = w.request("GET", "/api/v1/labs/cleanup/runs?limit=2").send();
    assert_eq!(r.status, 200);
    let page1 = r.body["data"]["runs"].as_array().unwrap().clone();
    assert_eq!(page1.len(), 2);
    assert_eq!(page1[0]["id"], json!(ids[4]), "newest first");
    let cursor = r.body["data"]["next_cursor"].as_str().unwrap().to_owned();
    let r = w
        .request(
            "GET",
            &format!("/api/v1/labs/cleanup/runs?limit=2&cursor={cursor}"),
        )
        .send();
    let page2 = r.body["data"]["runs"].as_array().unwrap().clone();
    assert_eq!(page2[0]["id"], json!(ids[2]));
    let r = w
        .request("GET", "/api/v1/labs/cleanup/runs?limit=100")
        .send();
    assert!(r.body["data"]["next_cursor"].is_null());
    assert!(r.body["data"]["runs"].as_array().unwrap().len() >= 5);

    let r = w
        .request("GET", &format!("/api/v1/labs/cleanup/runs/{}", ids[0]))
        .send();
    assert_eq!(r.status, 200);
    assert_eq!(r.body["data"]["trigger"], "forced");
    assert!(ms(r.body["data"]["started_at"].as_str().unwrap()) > 0);
    let r = w
        .request("GET", "/api/v1/labs/cleanup/runs/no-such-run")
        .send();
    assert_eq!(r.status, 404);
    assert_eq!(r.body["code"], "not_found");

    for bad in ["limit=0", "limit=101", "limit=x", "cursor=garbage"] {
        let r = w
            .request("GET", &format!("/api/v1/labs/cleanup/runs?{bad}"))
            .send();
        assert_eq!(r.status, 400, "{bad}");
    }
    let r = w
        .request("GET", "/api/v1/labs/cleanup/queue?state=sleeping")
        .send();
    assert_eq!(r.status, 400);
    assert!(r.body["error"].as_str().unwrap().contains("state"));
    let r = w
        .request("POST", "/api/v1/labs/cleanup/queue/999999/retry")
        .send();
    assert_eq!(r.status, 404);
}

#[test]
fn history_older_than_thirty_days_is_pruned_by_the_cron() {
    let w = worker_with(&[]);
    let (_user, ids) = lab(&w, "prune", 0, 1);
    w.set_clock_offset(2 * MIN);
    let old_runs: Vec<String> = (0..3)
        .map(|_| w.sweep()["id"].as_str().unwrap().to_owned())
        .collect();
    assert!(deleted(&w).contains(&ids[0]));
    assert_eq!(items(&w).len(), 2, "the done items are kept for audit");

    w.set_clock_offset(31 * 24 * 60 * MIN);
    w.fire_cron();
    let runs = w
        .request("GET", "/api/v1/labs/cleanup/runs?limit=100")
        .send()
        .body["data"]["runs"]
        .clone();
    let kept: Vec<&str> = runs
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    for old in &old_runs {
        assert!(
            !kept.contains(&old.as_str()),
            "run {old} is older than 30 days"
        );
    }
    assert_eq!(kept.len(), 1, "only the pruning cron run is left: {kept:?}");
    assert!(
        items(&w).is_empty(),
        "done items older than 30 days are pruned"
    );
}
