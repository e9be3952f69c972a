//! Cleanup fanned out over the Cloudflare Queue (`CLEANUP_QUEUE`, run locally by
//! `wrangler dev`): the cron names sessions in messages, each consumer invocation works one
//! within its own budget; duplicated messages, a consumer that dies mid-batch, and the
//! Worker without a queue binding.

use std::collections::BTreeMap;
use std::time::Duration;

use labs_e2e::{Outcome, Rule, Worker, wait_for};
use labs_fake_backend::{Call, CallKind};
use serde_json::Value;

use crate::{MIN, delete_session, deleted, items, lab, runs, worker_with, worker_without_queue};

/// The value of `labs_cleanup_messages_total{event="<event>"}` (0 when absent).
fn messages(w: &Worker, event: &str) -> u64 {
    let r = w.request("GET", "/metrics").send();
    assert_eq!(r.status, 200, "{}", r.text);
    let prefix = format!("labs_cleanup_messages_total{{event=\"{event}\"}} ");
    r.text
        .lines()
        .find_map(|l| l.strip_prefix(&prefix))
        .map_or(0, |v| v.trim().parse().unwrap())
}

/// Asserts that, for each lab (its VM ids, master first), the backend got one expose call
/// and one confirmed deletion per VM, and that the expose call was over before any of the
/// lab's VM calls began.
fn each_lab_cleaned_once_expose_first(w: &Worker, labs: &[Vec<String>]) {
    for ids in labs {
        let master = &ids[0];
        let exposes: Vec<Call> = w
            .backend()
            .calls_for(master)
            .into_iter()
            .filter(|c| c.kind == CallKind::Expose)
            .collect();
        assert_eq!(exposes.len(), 1, "{master}: one expose call");
        let expose_over = exposes[0].finished_at().expect("the expose call ended");
        for id in ids {
            assert_eq!(w.backend().confirmed_deletes(id), 1, "{id} deleted once");
            for call in w.backend().calls_for(id) {
                if call.kind == CallKind::DeleteVm {
                    assert!(
                        call.started_at() >= expose_over,
                        "{id}'s deletion began before its lab's expose call was over"
                    );
                }
            }
        }
    }
}

#[test]
fn the_cron_fans_expired_labs_out_over_the_queue_one_budget_per_invocation() {
    let w = worker_with(&[("CLEANUP_MAX_SUBREQUESTS", "8")]);
    // 12 labs of three VMs: 12 × (1 expose + 3 VMs) = 48 calls, 8 per message and invocation.
    let labs: Vec<Vec<String>> = (0..12).map(|_| lab(&w, "fan", 2, 1).1).collect();
    w.set_clock_offset(2 * MIN);
    w.fire_cron();

    let all: Vec<&String> = labs.iter().flatten().collect();
    wait_for(
        Duration::from_secs(60),
        "every VM of the cohort deleted",
        || all.iter().all(|id| deleted(&w).contains(*id)).then_some(()),
    );
    each_lab_cleaned_once_expose_first(&w, &labs);

    let runs = wait_for(Duration::from_secs(10), "every run finished", || {
        let runs = runs(&w);
        runs.iter()
            .all(|r| r["finished_at"].is_string())
            .then_some(runs)
    });
    let cron: Vec<&Value> = runs.iter().filter(|r| r["trigger"] == "cron").collect();
    assert_eq!(cron.len(), 1);
    assert_eq!(cron[0]["sessions_expired"], 12);
    assert_eq!(cron[0]["calls_made"], 0, "the cron only dispatches");
    let consumers: Vec<&Value> = runs.iter().filter(|r| r["trigger"] == "queue").collect();
    assert_eq!(consumers.len(), 6, "48 items in messages of 8: {runs:#?}");
    for run in &consumers {
        assert!(
            run["calls_made"].as_u64().unwrap() <= 8,
            "over budget: {run}"
        );
    }
    let calls: u64 = consumers
        .iter()
        .map(|r| r["calls_made"].as_u64().unwrap())
        .sum();
    assert_eq!(calls, 48);
    assert_eq!(w.backend().calls().len(), 48, "no call made twice");
    assert_eq!(messages(&w, "sent"), 6);
    assert_eq!(messages(&w, "delivered"), 6);
    assert_eq!(messages(&w, "retried"), 0);
    let line = w
        .log_lines()
        .into_iter()
        .find(|l| l["message"] == "cleanup work sent to the queue")
        .expect("the cron's dispatch line");
    assert_eq!(line["context"]["messages"], 6, "{line}");
    assert_eq!(line["context"]["items"], 48, "{line}");
    assert!(items(&w).iter().all(|i| i["state"] == "done"));

    // A second cron finds nothing due and sends nothing.
    w.fire_cron();
    assert_eq!(messages(&w, "sent"), 6);
}

#[test]
fn duplicated_messages_find_their_work_done_and_call_nothing_twice() {
    let w = worker_with(&[]);
    // Keep the consumer busy, so the next messages wait in the queue behind this one.
    let (busy, busy_ids) = lab(&w, "dup-busy", 0, 60);
    w.backend().set_rule(
        &busy_ids[0],
        Rule::always(Outcome::hang_then(Duration::from_secs(3), Outcome::ok())),
    );
    delete_session(&w, &busy);
    wait_for(
        Duration::from_secs(10),
        "the busy lab's call in flight",
        || (w.backend().in_flight() > 0).then_some(()),
    );
    // The DELETE names this session in a message; the cron, finding its items due and
    // unleased, names it again: two messages for one session.
    let (user, ids) = lab(&w, "dup", 2, 60);
    delete_session(&w, &user);
    w.fire_cron();
    wait_for(Duration::from_secs(5), "the cron's dispatch", || {
        w.log_lines()
            .into_iter()
            .find(|l| l["message"] == "cleanup work sent to the queue")
    });
    assert_eq!(
        messages(&w, "sent"),
        3,
        "the busy lab's, the DELETE's, the cron's"
    );

    wait_for(Duration::from_secs(60), "every message consumed", || {
        (messages(&w, "delivered") == 3).then_some(())
    });
    each_lab_cleaned_once_expose_first(&w, &[busy_ids, ids.clone()]);
    for id in &ids {
        assert_eq!(
            w.backend().calls_for(id).len(),
            if id == &ids[0] { 2 } else { 1 }
        );
    }
    // One consumer did the work; the other found it done.
    let consumers: Vec<u64> = runs(&w)
        .iter()
        .filter(|r| r["trigger"] == "queue")
        .map(|r| r["calls_made"].as_u64().unwrap())
        .collect();
    assert_eq!(consumers.len(), 3, "{consumers:?}");
    assert_eq!(
        consumers.iter().filter(|n| **n == 0).count(),
        1,
        "{consumers:?}"
    );
}

#[test]
fn a_consumer_that_dies_mid_batch_leaves_a_lease_that_expires_and_nothing_runs_twice() {
    let mut w = worker_with(&[("CLEANUP_TIMEOUT_MS", "10000")]);
    let (user, ids) = lab(&w, "die", 2, 60);
    let stuck = ids[1].clone();
    // One deletion hangs: the consumer is waiting on it when its Worker dies.
    w.backend()
        .set_rule(&stuck, Rule::always(Outcome::hang(Duration::from_secs(6))));
    delete_session(&w, &user);
    wait_for(
        Duration::from_secs(20),
        "the consumer waiting on the hung call",
        || {
            let others_done = ids
                .iter()
                .filter(|id| **id != stuck)
                .all(|id| deleted(&w).contains(id));
            (others_done && w.backend().in_flight() == 1).then_some(())
        },
    );
    w.restart();
    w.backend().clear_rules();

    // The dead invocation's run never finished, and its lease still holds the item: a cron
    // now sends nothing for it, so nothing calls the VM while the old call may be open.
    let dead_run = runs(&w)
        .into_iter()
        .find(|r| r["trigger"] == "queue")
        .expect("the dead consumer's run record");
    assert!(dead_run["finished_at"].is_null(), "{dead_run}");
    w.fire_cron();
    std::thread::sleep(Duration::from_secs(2));
    assert_eq!(w.backend().calls_for(&stuck).len(), 1);
    assert_eq!(messages(&w, "sent"), 1, "only the DELETE's message");

    // Once the lease is over (40 calls in waves of 6, 10 s each, plus a minute), the cron
    // names the item again and a consumer deletes the VM.
    w.set_clock_offset(3 * MIN);
    w.fire_cron();
    wait_for(Duration::from_secs(30), "the stuck VM deleted", || {
        deleted(&w).contains(&stuck).then_some(())
    });
    let calls = w.backend().calls_for(&stuck);
    assert_eq!(calls.len(), 2, "{calls:#?}");
    // The dead invocation never wrote back what its other calls answered (one batch after
    // the round's calls): those VMs are called again, which the backend answers as done
    // (a deletion is idempotent; 404 counts). Never two calls at once for one VM.
    for id in &ids {
        let calls = w.backend().calls_for(id);
        assert!(w.backend().confirmed_deletes(id) >= 1, "{id}");
        for pair in calls.windows(2) {
            assert!(
                pair[1].started_at() >= pair[0].finished_at().expect("the call ended"),
                "{id}: a call began while the one before it was open"
            );
        }
    }
    assert!(items(&w).iter().all(|i| i["state"] == "done"));
}

#[test]
fn without_a_queue_binding_the_cron_and_delete_work_the_queue_themselves() {
    let w = worker_without_queue(&[("CLEANUP_MAX_SUBREQUESTS", "8")]);
    // 4 labs × (1 expose + 2 VMs) = 12 calls: the first cron makes 8, in queue order (whole
    // labs first, each lab's expose before its VMs), the next one the rest.
    let labs: Vec<Vec<String>> = (0..4).map(|_| lab(&w, "noq", 1, 1).1).collect();
    w.set_clock_offset(2 * MIN);
    w.fire_cron();
    let first = wait_for(Duration::from_secs(30), "the first cron's run", || {
        runs(&w)
            .into_iter()
            .find(|r| r["trigger"] == "cron" && r["finished_at"].is_string())
    });
    assert_eq!(first["sessions_expired"], 4, "{first}");
    assert_eq!(first["calls_made"], 8, "{first}");
    assert_eq!(first["deferred"], 4, "{first}");
    // Sessions in order: the first two labs whole, the third's expose and first VM.
    let mut deleted_per_lab = BTreeMap::new();
    for (i, ids) in labs.iter().enumerate() {
        deleted_per_lab.insert(i, ids.iter().filter(|id| deleted(&w).contains(*id)).count());
    }
    assert_eq!(
        deleted_per_lab,
        BTreeMap::from([(0, 2), (1, 2), (2, 1), (3, 0)]),
        "VM deletions were not starved by expose calls"
    );
    w.fire_cron();
    let all: Vec<&String> = labs.iter().flatten().collect();
    wait_for(Duration::from_secs(30), "every VM deleted", || {
        all.iter().all(|id| deleted(&w).contains(*id)).then_some(())
    });
    each_lab_cleaned_once_expose_first(&w, &labs);

    // A DELETE works its session itself, after answering.
    let (user, ids) = lab(&w, "noq-del", 1, 60);
    delete_session(&w, &user);
    wait_for(Duration::from_secs(20), "the DELETE's VMs deleted", || {
        ids.iter().all(|id| deleted(&w).contains(id)).then_some(())
    });
    let runs = runs(&w);
    assert!(
        runs.iter()
            .any(|r| r["trigger"] == "delete" && r["vms_deleted"] == 2)
    );
    assert!(runs.iter().all(|r| r["trigger"] != "queue"), "{runs:#?}");
    assert_eq!(messages(&w, "sent"), 0);
}
