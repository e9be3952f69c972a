//! Holes a sweep must not fall into: a redirect taken for a deletion, an operator retry of an
//! item whose call is in flight, a malformed `CLEANUP_*` value, and VM deletions racing
//! ahead of (or held up by) the session's expose call.

use std::time::Duration;

use labs_e2e::{Outcome, Rule, Worker, encode, iso_ms, wait_for};
use labs_fake_backend::{Answer, Call, CallKind, Endpoint};
use serde_json::{Value, json};

use crate::{MIN, deleted, items_for, lab, vm_item, worker_with};

/// The VM-deletion calls the backend got for `id`, oldest first.
fn delete_calls(w: &Worker, id: &str) -> Vec<Call> {
    w.backend()
        .calls_for(id)
        .into_iter()
        .filter(|c| c.kind == CallKind::DeleteVm)
        .collect()
}

/// The expose item of the session whose master is `master`.
fn expose_item(w: &Worker, master: &str) -> Value {
    items_for(w, master)
        .into_iter()
        .find(|i| i["kind"] == "expose")
        .unwrap_or_else(|| panic!("no expose item for {master}"))
}

/// `DELETE`s `user`'s session; panics unless it answers 200.
fn delete_session(w: &Worker, user: &str) {
    let r = w
        .request("DELETE", &format!("/api/v1/labs/sessions/{}", encode(user)))
        .send();
    assert_eq!(r.status, 200, "DELETE {user}: {}", r.text);
}

/// The run with `id`, from `GET /api/v1/labs/cleanup/runs/:id`.
fn run(w: &Worker, id: &str) -> Value {
    let r = w
        .request("GET", &format!("/api/v1/labs/cleanup/runs/{id}"))
        .send();
    assert_eq!(r.status, 200, "{}", r.text);
    r.body["data"].clone()
}

#[test]
fn a_redirect_is_a_failure_and_is_never_followed() {
    let w = worker_with(&[]);
    let (user, ids) = lab(&w, "redirect", 0, 60);
    let vm = &ids[0];
    // 302 to the fake's own /landing, which answers 200 to anyone who follows.
    w.backend()
        .set_rule_on(Endpoint::DeleteVm, vm, Rule::always(Outcome::redirect(302)));

    delete_session(&w, &user);
    let item = wait_for(
        Duration::from_secs(10),
        "the DELETE's sweep to try the VM",
        || {
            let item = vm_item(&w, vm);
            (item["attempts"] == 1).then_some(item)
        },
    );
    assert_eq!(
        item["state"], "pending",
        "a redirect is no deletion: {item}"
    );
    assert_eq!(item["last_status"], 302);
    let error = item["last_error"].as_str().unwrap();
    assert!(
        error.contains("POST /api/v1/labs/delete") && error.contains("redirect"),
        "the error names the endpoint and the redirect: {error}"
    );
    let calls = delete_calls(&w, vm);
    assert_eq!(calls.len(), 1, "{calls:?}");
    assert_eq!(calls[0].answer, Answer::Status(302));
    assert!(
        !w.backend()
            .calls()
            .iter()
            .any(|c| c.kind == CallKind::Landing),
        "the Worker followed the redirect to the landing page"
    );
    assert!(!deleted(&w).contains(vm));

    // The backend stops redirecting: the next sweep after the backoff gets a 200.
    w.backend().clear_rule(vm);
    w.set_clock_offset(10 * MIN);
    let run = w.sweep();
    assert_eq!(run["vms_deleted"], 1, "{run}");
    let item = vm_item(&w, vm);
    assert_eq!(item["state"], "done", "{item}");
    assert_eq!(item["last_status"], 200);
    assert_eq!(w.backend().confirmed_deletes(vm), 1);
    assert!(
        !w.backend()
            .calls()
            .iter()
            .any(|c| c.kind == CallKind::Landing)
    );
}

#[test]
fn an_item_whose_call_is_in_flight_is_neither_retried_nor_called_twice() {
    let w = worker_with(&[("CLEANUP_TIMEOUT_MS", "8000")]);
    let (_user, ids) = lab(&w, "in-flight", 0, 1);
    let vm = &ids[0];
    let hold = Duration::from_secs(3);
    w.backend().set_rule_on(
        Endpoint::DeleteVm,
        vm,
        Rule::always(Outcome::hang_then(hold, Outcome::ok())),
    );
    w.set_clock_offset(2 * MIN);

    std::thread::scope(|s| {
        let first = s.spawn(|| w.sweep());
        wait_for(
            Duration::from_secs(10),
            "the first sweep's held delete call",
            || {
                delete_calls(&w, vm)
                    .iter()
                    .any(|c| c.answer == Answer::InFlight)
                    .then_some(())
            },
        );
        let item = vm_item(&w, vm);
        let id = item["id"].as_i64().unwrap();

        // An operator retry while the call is in flight is refused, saying until when.
        let r = w
            .request("POST", &format!("/api/v1/labs/cleanup/queue/{id}/retry"))
            .send();
        assert_eq!(r.status, 409, "{}", r.text);
        assert_eq!(r.body["success"], false);
        assert_eq!(r.body["code"], "conflict");
        let message = r.body["error"].as_str().unwrap();
        assert!(message.contains("sweep is working on"), "{message}");
        let until = message
            .split_once("until ")
            .map(|(_, rest)| &rest[..24])
            .unwrap_or_else(|| panic!("no time in {message:?}"));
        assert!(
            iso_ms(until) > iso_ms(item["updated_at"].as_str().unwrap()),
            "the lease ends after the claim: {message}"
        );

        // Retrying the dead leaves a held pending item alone.
        let r = w
            .request("POST", "/api/v1/labs/cleanup/queue/retry-dead")
            .send();
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(r.body["data"]["retried"], 0);
        let after = vm_item(&w, vm);
        assert_eq!(
            (
                &after["state"],
                &after["attempts"],
                &after["next_attempt_at"]
            ),
            (&item["state"], &item["attempts"], &item["next_attempt_at"]),
        );

        // A second sweep meanwhile makes no second call for that VM.
        let second = w.sweep();
        let calls = delete_calls(&w, vm);
        assert_eq!(calls.len(), 1, "two calls for one VM: {calls:?}");
        assert_eq!(
            calls[0].answer,
            Answer::InFlight,
            "the second sweep ran while the first call was held"
        );
        assert_eq!(second["calls_made"], 0, "{second}");

        let first = first.join().unwrap();
        assert_eq!(first["vms_deleted"], 1, "{first}");
    });
    assert_eq!(vm_item(&w, vm)["state"], "done");
    assert_eq!(delete_calls(&w, vm).len(), 1);
    assert_eq!(w.backend().confirmed_deletes(vm), 1);
}

#[test]
fn a_malformed_cleanup_setting_falls_back_to_its_default_and_says_so_at_every_sweep() {
    let w = worker_with(&[("CLEANUP_TIMEOUT_MS", "ten")]);
    let named = |problems: &Value| {
        let problems = problems.as_array().expect("config_problems is a list");
        problems.len() == 1 && {
            let p = problems[0].as_str().unwrap();
            // README: the default CLEANUP_TIMEOUT_MS is 10000.
            p.contains("CLEANUP_TIMEOUT_MS") && p.contains("default") && p.contains("10000")
        }
    };

    // The cron: a slow answer (1.5 s) still counts, so the timeout in force is not "ten" ms.
    let (_u, cron_ids) = lab(&w, "bad-setting-cron", 1, 1);
    w.backend().set_rule(
        &cron_ids[0],
        Rule::always(Outcome::hang_then(
            Duration::from_millis(1500),
            Outcome::ok(),
        )),
    );
    w.set_clock_offset(2 * MIN);
    w.fire_cron();
    wait_for(Duration::from_secs(20), "the cron's VM deletions", || {
        cron_ids
            .iter()
            .all(|id| deleted(&w).contains(id))
            .then_some(())
    });
    let find_run = |what: &str, matches: &dyn Fn(&Value) -> bool| {
        wait_for(Duration::from_secs(10), what, || {
            let runs =
                w.request("GET", "/api/v1/labs/cleanup/runs").send().body["data"]["runs"].clone();
            runs.as_array()
                .unwrap()
                .iter()
                .find(|r| matches(r) && r["finished_at"].is_string())
                .cloned()
        })
    };
    // The cron ends the session and hands its work to the queue; the consumer deletes.
    let cron_run = find_run("the cron's run record", &|r| {
        r["trigger"] == "cron" && r["sessions_expired"] == 1
    });
    assert!(named(&cron_run["config_problems"]), "{cron_run}");
    let queue_run = find_run("the consumer's run record", &|r| {
        r["trigger"] == "queue" && r["vms_deleted"] == 2
    });
    assert!(named(&queue_run["config_problems"]), "{queue_run}");

    // A forced sweep: the same.
    let (_u, forced_ids) = lab(&w, "bad-setting-forced", 0, 1);
    w.set_clock_offset(4 * MIN);
    let forced = w.sweep();
    assert_eq!(forced["vms_deleted"], 1, "{forced}");
    assert!(deleted(&w).contains(&forced_ids[0]));
    assert!(named(&forced["config_problems"]), "{forced}");

    // Every record keeps it, and each sweep logged it as critical.
    for id in [&cron_run["id"], &queue_run["id"], &forced["id"]] {
        let id = id.as_str().unwrap();
        assert!(named(&run(&w, id)["config_problems"]));
        let line = wait_for(Duration::from_secs(5), "the sweep's critical line", || {
            w.log_lines().into_iter().find(|l| {
                l["level"] == "critical"
                    && l["context"]["run_id"] == json!(id)
                    && l.to_string().contains("CLEANUP_TIMEOUT_MS")
            })
        });
        assert!(
            line["message"].as_str().unwrap().contains("default"),
            "{line}"
        );
    }
}

#[test]
fn the_expose_call_ends_before_any_vm_deletion_starts() {
    let w = worker_with(&[]);
    let (user, ids) = lab(&w, "expose-first", 2, 60);
    let master = &ids[0];
    // A slow expose answer: a VM deletion started alongside it could not hide.
    w.backend().set_rule_on(
        Endpoint::Expose,
        master,
        Rule::always(Outcome::hang_then(
            Duration::from_millis(300),
            Outcome::ok(),
        )),
    );
    delete_session(&w, &user);
    wait_for(Duration::from_secs(10), "the DELETE's VM deletions", || {
        ids.iter().all(|id| deleted(&w).contains(id)).then_some(())
    });
    let exposes: Vec<_> = w
        .backend()
        .calls_for(master)
        .into_iter()
        .filter(|c| c.kind == CallKind::Expose)
        .collect();
    assert_eq!(exposes.len(), 1, "{exposes:?}");
    let expose = &exposes[0];
    let expose_end = expose.finished_at().expect("the expose call ended");
    for id in &ids {
        for call in delete_calls(&w, id) {
            assert!(
                call.started_at() > expose.started_at() && call.started_at() >= expose_end,
                "{id}'s deletion started at {:?}, the expose call ran {:?}..{:?}",
                call.started_at(),
                expose.started_at(),
                expose_end
            );
        }
    }
}

#[test]
fn a_failing_expose_call_holds_up_no_vm_and_is_retried_on_its_own() {
    let w = worker_with(&[]);
    let (user, ids) = lab(&w, "expose-fails", 2, 60);
    let master = &ids[0];
    w.backend()
        .set_rule_on(Endpoint::Expose, master, Rule::always(Outcome::status(500)));
    delete_session(&w, &user);
    // The DELETE's own sweep deletes the VMs; should it not have, the next sweep must.
    let all_deleted = || ids.iter().all(|id| deleted(&w).contains(id));
    let deadline = std::time::Instant::now() + Duration::from_secs(5);
    while !all_deleted() && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    if !all_deleted() {
        w.sweep();
    }
    assert!(
        all_deleted(),
        "VMs held up by a failing expose call: {:?}",
        deleted(&w)
    );
    let expose = expose_item(&w, master);
    assert_eq!(expose["state"], "pending", "{expose}");
    assert_eq!(expose["attempts"], 1);
    assert_eq!(expose["last_status"], 500);
    assert!(
        expose["last_error"]
            .as_str()
            .unwrap()
            .contains("DELETE /api/v1/expose/ answered 500"),
        "{expose}"
    );
    for id in &ids {
        assert_eq!(vm_item(&w, id)["state"], "done", "{id}");
    }

    // Once the backend recovers, the expose item is retried alone: no VM is called again.
    w.backend().clear_rule(master);
    w.set_clock_offset(10 * MIN);
    let run = w.sweep();
    assert_eq!(run["calls_made"], 1, "{run}");
    assert_eq!(run["vms_deleted"], 0);
    assert_eq!(expose_item(&w, master)["state"], "done");
    for id in &ids {
        assert_eq!(delete_calls(&w, id).len(), 1, "{id} was called again");
    }
}
