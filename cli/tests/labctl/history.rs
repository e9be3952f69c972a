//! `labctl session history` and `labctl session delete --wait` against a Worker of their own
//! (its clock moves): a lab that expired through the cron and one deleted while the backend
//! fails one VM (pending, then dead after CLEANUP_MAX_ATTEMPTS, then retried and deleted);
//! the filters, paging, piped lines, tables and the detail; `--wait` reaching exit 0, 7 and
//! 8.

use std::process::{Output, Stdio};
use std::time::{Duration, Instant};

use labs_e2e::{Outcome, Rule, Worker, WorkerOptions, multinode_body, unique_user, wait_for};
use labs_fake_backend::Endpoint;
use serde_json::{Value, json};

use crate::tty::{on_tty, widest_line};
use crate::util::{Sandbox, json, stderr, stdout};

/// One minute, in ms.
const MIN: i64 = 60_000;

/// A Worker whose cleanup gives up on a VM after its second failed call.
fn worker() -> Worker {
    Worker::start(WorkerOptions::default().var("CLEANUP_MAX_ATTEMPTS", "2"))
}

/// Runs `labctl ARGS` on `w`, expects exit `code`, returns the output.
fn run(sb: &Sandbox, w: &Worker, args: &[&str], code: i32) -> Output {
    let out = sb.on(w, args).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(code),
        "labctl {}\nstdout:\n{}\nstderr:\n{}",
        args.join(" "),
        stdout(&out),
        stderr(&out)
    );
    out
}

/// Creates, through labctl, a lab of `workers` worker nodes (`<user>-worker-<i>`) lasting
/// `minutes`; returns the user and the session's id.
fn lab(sb: &Sandbox, w: &Worker, prefix: &str, workers: usize, minutes: u32) -> (String, String) {
    let user = unique_user(prefix);
    let mut body = multinode_body(&user, workers);
    body["duration"] = json!(minutes);
    let out = sb
        .on(w, &["session", "create", "--file", "-", "--json"])
        .write_stdin(body.to_string())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let id = json(&out)["id"].as_str().unwrap().to_owned();
    (user, id)
}

/// The ended session `id`, as `session history --session ID --json` shows it.
fn detail(sb: &Sandbox, w: &Worker, id: &str) -> Value {
    json(&run(
        sb,
        w,
        &["session", "history", "--session", id, "--json"],
        0,
    ))
}

/// [`detail`], or `None` while the session has not ended.
fn ended(sb: &Sandbox, w: &Worker, id: &str) -> Option<Value> {
    let out = sb
        .on(w, &["session", "history", "--session", id, "--json"])
        .output()
        .unwrap();
    (out.status.code() == Some(0)).then(|| json(&out))
}

/// The call for VM `vm` in a detail.
fn vm_call<'a>(detail: &'a Value, vm: &str) -> &'a Value {
    detail["vms"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["kind"] == "vm" && c["lab_request_id"] == vm)
        .unwrap_or_else(|| panic!("no call for {vm} in {detail}"))
}

#[test]
fn history_shows_an_expired_lab_and_a_deleted_one_whose_vm_fails() {
    let w = worker();
    let sb = Sandbox::new();
    let (expiring, expiring_id) = lab(&sb, &w, "cli-hist-exp", 0, 1);
    let (deleted, deleted_id) = lab(&sb, &w, "cli-hist-del", 2, 60);
    let bad_vm = format!("{deleted}-worker-1");
    w.backend().set_rule_on(
        Endpoint::DeleteVm,
        &bad_vm,
        Rule::always(Outcome::status(500)),
    );

    // Nothing has ended yet.
    let none = run(&sb, &w, &["session", "history", &deleted, "--json"], 0);
    assert_eq!(json(&none), json!([]));
    let empty = run(&sb, &w, &["session", "history", &deleted], 0);
    assert_eq!(
        (stdout(&empty), stderr(&empty)),
        (String::new(), String::new())
    );

    // DELETE: the sweep right after it deletes two VMs; the third fails and stays pending.
    run(&sb, &w, &["session", "delete", &deleted, "--yes"], 0);
    let pending = wait_for(Duration::from_secs(20), "the failed call settled", || {
        let d = detail(&sb, &w, &deleted_id);
        (vm_call(&d, &bad_vm)["attempts"] == 1).then_some(d)
    });
    assert_eq!(pending["reason"], "deleted");
    assert_eq!(pending["session"]["id"], json!(deleted_id));
    assert_eq!(pending["session"]["user_id"], json!(deleted));
    assert_eq!(
        pending["session"]["worker_nodes"].as_array().unwrap().len(),
        2
    );
    assert_eq!(
        (pending["vms_pending"].clone(), pending["vms_dead"].clone()),
        (json!(1), json!(0))
    );
    assert_eq!(pending["all_deleted"], false);
    let bad = vm_call(&pending, &bad_vm);
    assert_eq!(bad["state"], "pending", "{bad}");
    assert_eq!(bad["last_status"], 500, "{bad}");
    assert_eq!(
        bad["last_error"], "POST /api/v1/labs/delete answered 500",
        "{bad}"
    );
    for vm in [format!("{deleted}-master"), format!("{deleted}-worker-0")] {
        assert_eq!(vm_call(&pending, &vm)["state"], "done", "{pending}");
    }
    let bad_item = bad["id"].as_i64().unwrap();

    // The list, one user's: the API's entry, and the piped line in its documented order.
    let listed = json(&run(
        &sb,
        &w,
        &["session", "history", &deleted, "--json"],
        0,
    ));
    let entry = &listed[0];
    assert_eq!(listed.as_array().unwrap().len(), 1, "{listed}");
    assert_eq!(entry["session_id"], json!(deleted_id));
    assert_eq!(entry["reason"], "deleted");
    assert_eq!(entry["lab_id"], "lab-intro-k8s");
    for (key, n) in [
        ("vms_total", 3),
        ("vms_deleted", 2),
        ("vms_pending", 1),
        ("vms_dead", 0),
    ] {
        assert_eq!(entry[key], n, "{key}: {entry}");
    }
    let deleted_at = entry["ended_at"].as_str().unwrap().to_owned();
    let plain = stdout(&run(&sb, &w, &["session", "history", &deleted], 0));
    assert_eq!(
        plain,
        format!("{deleted_at}\t{deleted}\tlab-intro-k8s\tdeleted\t3\t2\t1\t0\t{deleted_id}\n")
    );
    // The detail, piped: the summary, then one line per call with state, attempts, error.
    let lines = stdout(&run(
        &sb,
        &w,
        &["session", "history", "--session", &deleted_id],
        0,
    ));
    assert!(
        lines.starts_with(&format!(
            "session_id\t{deleted_id}\nuser_id\t{deleted}\nlab_id\tlab-intro-k8s\n\
             reason\tdeleted\nended_at\t{deleted_at}\nvms_total\t3\nvms_deleted\t2\n\
             vms_pending\t1\nvms_dead\t0\nall_deleted\tfalse\n"
        )),
        "{lines}"
    );
    assert!(
        lines.contains(&format!(
            "call\t{bad_item}\tvm\t{bad_vm}\tpending\t1\t500\tPOST /api/v1/labs/delete answered 500\t\n"
        )),
        "{lines}"
    );
    assert_eq!(
        lines.lines().filter(|l| l.starts_with("call\t")).count(),
        4,
        "{lines}"
    );

    // Expiry: the clock passes the short lab's end and the backoff of the failed call; the
    // cron ends the lab (its VM deleted) and makes the second, last attempt: dead.
    w.set_clock_offset(3 * MIN);
    w.fire_cron();
    let expired = wait_for(
        Duration::from_secs(20),
        "the expired lab's VM deleted",
        || {
            let out = run(&sb, &w, &["session", "history", &expiring, "--json"], 0);
            let entries = json(&out);
            (entries[0]["all_deleted"] == true).then(|| entries[0].clone())
        },
    );
    assert_eq!(expired["reason"], "expired", "{expired}");
    assert_eq!(expired["session_id"], json!(expiring_id));
    assert_eq!(
        (expired["vms_total"].clone(), expired["vms_deleted"].clone()),
        (json!(1), json!(1))
    );
    assert!(
        w.backend()
            .deleted_ids()
            .contains(&format!("{expiring}-master"))
    );
    let dead = wait_for(Duration::from_secs(20), "the failed call dead", || {
        let d = detail(&sb, &w, &deleted_id);
        (vm_call(&d, &bad_vm)["state"] == "dead").then_some(d)
    });
    assert_eq!(vm_call(&dead, &bad_vm)["attempts"], 2, "{dead}");
    assert_eq!(
        (dead["vms_pending"].clone(), dead["vms_dead"].clone()),
        (json!(0), json!(1))
    );
    // Piped, the detail warns with the command that retries the item.
    let shown = run(
        &sb,
        &w,
        &["session", "history", "--session", &deleted_id],
        0,
    );
    assert!(
        stdout(&shown).contains(&format!("\tvm\t{bad_vm}\tdead\t2\t500\t")),
        "{}",
        stdout(&shown)
    );
    assert!(
        stderr(&shown).contains(&format!("`labctl cleanup retry {bad_item}`")),
        "{}",
        stderr(&shown)
    );

    // Every user's labs, newest first; the filters.
    let all = json(&run(&sb, &w, &["session", "history", "--json"], 0));
    let ids: Vec<&Value> = all
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["session_id"])
        .collect();
    assert_eq!(ids, [&json!(expiring_id), &json!(deleted_id)], "{all}");
    let expired_at = all[0]["ended_at"].as_str().unwrap().to_owned();
    let listing = run(&sb, &w, &["session", "history"], 0);
    assert!(
        stderr(&listing).contains(&format!(
            "1 ended lab(s) have VMs whose deletion is dead (nobody deletes them until they \
             are retried): `labctl session history --session {deleted_id}` names them"
        )),
        "{}",
        stderr(&listing)
    );
    let only = |args: &[&str]| -> Vec<String> {
        let mut full = vec!["session", "history", "--json"];
        full.extend_from_slice(args);
        let out = json(&run(&sb, &w, &full, 0));
        out.as_array()
            .unwrap()
            .iter()
            .map(|e| e["session_id"].as_str().unwrap().to_owned())
            .collect()
    };
    let (exp, del) = (expiring_id.as_str(), deleted_id.as_str());
    let none: [&str; 0] = [];
    assert_eq!(only(&["--reason", "expired"]), [exp]);
    assert_eq!(only(&["--reason", "deleted"]), [del]);
    assert_eq!(only(&["--lab", "lab-intro-k8s"]), [exp, del]);
    assert_eq!(only(&["--lab-id", "no-such-lab"]), none);
    // Durations count back from this machine's clock (the Worker's runs 3 minutes ahead).
    assert_eq!(only(&["--since", "1h"]), [exp, del]);
    assert_eq!(only(&["--until", "1h"]), none);
    // Timestamps bound strictly.
    assert_eq!(only(&["--since", &deleted_at]), [exp]);
    assert_eq!(only(&["--until", &expired_at]), [del]);
    assert_eq!(
        only(&["--since", "7d", "--until", &expired_at, &deleted]),
        [del]
    );

    // Paging: one page says there is more; --all follows the cursor.
    let first = run(
        &sb,
        &w,
        &["session", "history", "--limit", "1", "--json"],
        0,
    );
    assert_eq!(json(&first).as_array().unwrap().len(), 1);
    let first = run(&sb, &w, &["session", "history", "--limit", "1"], 0);
    assert!(
        stderr(&first).contains("more ended labs match: showing the newest 1; pass --all"),
        "{}",
        stderr(&first)
    );
    assert_eq!(only(&["--limit", "1", "--all"]), [exp, del]);

    // Bad filters: the Worker names them (exit 1); a time without a unit is refused here.
    let bad_limit = run(&sb, &w, &["session", "history", "--limit", "0"], 1);
    assert!(
        stderr(&bad_limit).contains("limit"),
        "{}",
        stderr(&bad_limit)
    );
    let bad_since = run(&sb, &w, &["session", "history", "--since", "30"], 2);
    assert!(
        stderr(&bad_since).contains("needs a unit"),
        "{}",
        stderr(&bad_since)
    );
    let unknown = run(
        &sb,
        &w,
        &["session", "history", "--session", "no-such-session"],
        3,
    );
    assert!(
        stderr(&unknown).contains("No ended lab session with this id"),
        "{}",
        stderr(&unknown)
    );

    // On an 80-column terminal the list and the detail fit.
    let env = [("LABCTL_URL", w.url()), ("LABCTL_TOKEN", w.token())];
    for args in [
        &["session", "history"][..],
        &["session", "history", &deleted],
        &["session", "history", "--session", &deleted_id],
    ] {
        let screen = stdout(&on_tty(&sb, args, "", &env));
        assert!(screen.contains('│'), "{args:?}: {screen}");
        // The tables; the warnings under them are prose, which a terminal wraps.
        let tables: String = screen
            .lines()
            .filter(|l| l.contains(['│', '┌', '└', '╞']))
            .map(|l| format!("{l}\n"))
            .collect();
        assert!(
            widest_line(&tables) <= 80,
            "{args:?} is wider than 80 columns:\n{screen}"
        );
    }
    let screen = stdout(&on_tty(&sb, &["session", "history"], "", &env));
    for cell in ["ENDED", "HOW", "expired", "deleted", "2/3", "1/1"] {
        assert!(screen.contains(cell), "{cell} in\n{screen}");
    }
    let screen = stdout(&on_tty(
        &sb,
        &["session", "history", "--session", &deleted_id],
        "",
        &env,
    ));
    for cell in [
        "2/3 deleted, 1 dead",
        "Backend calls",
        "ATTEMPTS",
        "LAST ERROR",
        "dead",
    ] {
        assert!(screen.contains(cell), "{cell} in\n{screen}");
    }

    // Retried and the backend fixed: the history says every VM is deleted.
    run(&sb, &w, &["cleanup", "retry", &bad_item.to_string()], 0);
    w.backend().clear_rule(&bad_vm);
    run(&sb, &w, &["cleanup", "run"], 0);
    let fixed = detail(&sb, &w, &deleted_id);
    assert_eq!(fixed["all_deleted"], true, "{fixed}");
    assert_eq!(vm_call(&fixed, &bad_vm)["state"], "done");
    assert!(w.backend().deleted_ids().contains(&bad_vm));
}

#[test]
fn delete_wait_exits_0_when_deleted_7_on_timeout_and_8_when_a_deletion_is_dead() {
    let w = worker();
    let sb = Sandbox::new();

    // 0: a healthy backend deletes every VM right after the DELETE.
    let (healthy, healthy_id) = lab(&sb, &w, "cli-wait-ok", 2, 60);
    let out = run(
        &sb,
        &w,
        &["session", "delete", &healthy, "--yes", "--wait", "--json"],
        0,
    );
    let done = json(&out);
    assert_eq!(done["session"]["id"], json!(healthy_id), "{done}");
    assert_eq!(done["reason"], "deleted");
    assert_eq!(done["all_deleted"], true, "{done}");
    let vms = done["vms"].as_array().unwrap();
    assert_eq!(
        vms.iter().filter(|c| c["kind"] == "vm").count(),
        3,
        "{done}"
    );
    assert!(vms.iter().all(|c| c["state"] == "done"), "{done}");
    for vm in ["master", "worker-0", "worker-1"] {
        assert!(
            w.backend()
                .deleted_ids()
                .contains(&format!("{healthy}-{vm}"))
        );
    }
    // Piped without --json: the status line only, no progress.
    let (plain, _) = lab(&sb, &w, "cli-wait-plain", 0, 60);
    let out = run(
        &sb,
        &w,
        &["session", "delete", &plain, "--yes", "--wait"],
        0,
    );
    assert_eq!(stdout(&out), "");
    assert_eq!(
        stderr(&out),
        format!("Deleted the lab session of {plain} and its VM\n")
    );

    // 7: one VM's deletion keeps failing; the time runs out first, naming it and its error.
    let (slow, slow_id) = lab(&sb, &w, "cli-wait-slow", 2, 60);
    let slow_vm = format!("{slow}-worker-0");
    w.backend().set_rule_on(
        Endpoint::DeleteVm,
        &slow_vm,
        Rule::always(Outcome::status(500)),
    );
    let started = Instant::now();
    let args = [
        "session",
        "delete",
        &slow,
        "--yes",
        "--wait",
        "--timeout",
        "3s",
        "--interval",
        "200ms",
    ];
    let out = run(&sb, &w, &args, 7);
    let waited = started.elapsed();
    assert!(
        waited >= Duration::from_secs(3) && waited < Duration::from_secs(10),
        "{waited:?}"
    );
    assert_eq!(stdout(&out), "");
    let report = stderr(&out);
    let item = vm_call(&detail(&sb, &w, &slow_id), &slow_vm)["id"].clone();
    assert!(
        report.starts_with(&format!(
            "error: gave up after 3s waiting for the VMs of {slow} to be deleted: 1 of 3 not \
             confirmed yet\n  {slow_vm} (item {item}): pending after 1 failed attempt, last \
             error: POST /api/v1/labs/delete answered 500\nhint: "
        )),
        "{report}"
    );
    assert!(
        report.contains(&format!("labctl session history --session {slow_id}")),
        "{report}"
    );
    assert!(
        !report.contains("VMs deleted"),
        "no progress when piped: {report}"
    );
    // On a terminal, the progress line says how far it got.
    let (shown, _) = lab(&sb, &w, "cli-wait-tty", 2, 60);
    w.backend().set_rule_on(
        Endpoint::DeleteVm,
        &format!("{shown}-worker-1"),
        Rule::always(Outcome::status(500)),
    );
    let env = [("LABCTL_URL", w.url()), ("LABCTL_TOKEN", w.token())];
    let tty = on_tty(
        &sb,
        &[
            "session",
            "delete",
            &shown,
            "--yes",
            "--wait",
            "--timeout",
            "2s",
            "--interval",
            "200ms",
        ],
        "",
        &env,
    );
    let screen = stdout(&tty);
    assert_eq!(tty.status.code(), Some(7), "{screen}");
    assert!(screen.contains("2/3 VMs deleted"), "{screen}");
    assert!(screen.contains("1 pending"), "{screen}");
    assert!(screen.contains("gave up after 2s waiting"), "{screen}");

    // 8: the second, last attempt fails while labctl waits: it stops at once, naming the
    // item to retry.
    let (doomed, doomed_id) = lab(&sb, &w, "cli-wait-dead", 1, 60);
    let doomed_vm = format!("{doomed}-worker-0");
    w.backend().set_rule_on(
        Endpoint::DeleteVm,
        &doomed_vm,
        Rule::always(Outcome::status(500)),
    );
    let bin = assert_cmd::cargo::cargo_bin("labctl");
    let waiting = sb
        .program(bin.as_os_str())
        .args([
            "session",
            "delete",
            &doomed,
            "--yes",
            "--wait",
            "--interval",
            "200ms",
        ])
        .env("LABCTL_URL", w.url())
        .env("LABCTL_TOKEN", w.token())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let first = wait_for(Duration::from_secs(20), "the first failure", || {
        let d = ended(&sb, &w, &doomed_id)?;
        (vm_call(&d, &doomed_vm)["attempts"] == 1).then_some(d)
    });
    let doomed_item = vm_call(&first, &doomed_vm)["id"].clone();
    w.set_clock_offset(3 * MIN);
    let fired = Instant::now();
    w.fire_cron();
    let out = waiting.wait_with_output().unwrap();
    assert!(
        fired.elapsed() < Duration::from_secs(20),
        "{:?}",
        fired.elapsed()
    );
    assert_eq!(out.status.code(), Some(8), "{}", stderr(&out));
    assert_eq!(stdout(&out), "");
    assert_eq!(
        stderr(&out),
        format!(
            "error: the deletion of 1 VM of {doomed} gave up after its last attempt (dead): \
             nobody deletes it until it is retried\n  {doomed_vm} (item {doomed_item}): dead \
             after 2 failed attempts, last error: POST /api/v1/labs/delete answered 500\n\
             hint: once the VM backend is fixed, retry it: `labctl cleanup retry {doomed_item}`\n"
        )
    );
    // The hint works: retried, the backend fixed, a sweep, and a second wait is over at once.
    run(&sb, &w, &["cleanup", "retry", &doomed_item.to_string()], 0);
    w.backend().clear_rule(&doomed_vm);
    run(&sb, &w, &["cleanup", "run"], 0);
    assert_eq!(detail(&sb, &w, &doomed_id)["all_deleted"], true);
    // A user without a session: 3, before any wait.
    let nobody = unique_user("cli-wait-nobody");
    run(
        &sb,
        &w,
        &["session", "delete", &nobody, "--yes", "--wait"],
        3,
    );
}
