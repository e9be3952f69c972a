//! `labctl cleanup run|runs|show|queue|retry` against a Worker of its own (its clock moves,
//! which the shared Worker's must not): the counts of a sweep with a failing VM, a dry run
//! that calls nothing, an item pending then dead, retries by id and `--all-dead`, exit
//! codes 3 and 5, the history and one run's record; a sweep held up by a hanging VM.

use std::time::{Duration, Instant};

use labs_e2e::{Outcome, Rule, Worker, WorkerOptions, session_body, unique_user};
use labs_fake_backend::Endpoint;
use serde_json::{Value, json};

use crate::tty::{on_tty, widest_line};
use crate::util::{Sandbox, json, stderr, stdout};

/// One minute, in ms.
const MIN: i64 = 60_000;

/// Creates a one-minute session for a new user through `labctl`; returns the user.
fn expiring_session(sb: &Sandbox, w: &Worker, prefix: &str) -> String {
    let user = unique_user(prefix);
    let mut body = session_body(&user);
    body["duration"] = json!(1);
    sb.on(w, &["session", "create", "--file", "-", "--json"])
        .write_stdin(body.to_string())
        .assert()
        .success();
    user
}

/// Runs `labctl ARGS` on `w`, expects exit `code`, returns the output.
fn run(sb: &Sandbox, w: &Worker, args: &[&str], code: i32) -> std::process::Output {
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

/// The items of `user` in a `--json` queue listing.
fn items_of(queue: &Value, user: &str) -> Vec<Value> {
    queue
        .as_array()
        .expect("the queue is an array")
        .iter()
        .filter(|i| i["user_id"] == user)
        .cloned()
        .collect()
}

fn by_kind<'a>(items: &'a [Value], kind: &str) -> &'a Value {
    items
        .iter()
        .find(|i| i["kind"] == kind)
        .unwrap_or_else(|| panic!("no {kind} item in {items:?}"))
}

#[test]
fn a_failing_vm_is_reported_queued_dead_retried_and_kept_in_the_history() {
    // Two attempts: the first failure leaves the item pending, the second parks it as dead.
    let w = Worker::start(WorkerOptions::default().var("CLEANUP_MAX_ATTEMPTS", "2"));
    let sb = Sandbox::new();
    let good = expiring_session(&sb, &w, "cli-clean-ok");
    let bad = expiring_session(&sb, &w, "cli-clean-bad");
    let bad_vm = format!("{bad}-master");
    w.backend()
        .set_rule(&bad_vm, Rule::always(Outcome::status(500)));
    w.set_clock_offset(2 * MIN);

    // A dry run reports what a sweep would do, and calls nothing.
    let dry = json(&run(&sb, &w, &["cleanup", "run", "--dry-run", "--json"], 0));
    assert_eq!(dry["dry_run"], true, "{dry}");
    assert_eq!(dry["trigger"], "forced");
    assert_eq!(dry["sessions_expired"], 2, "{dry}");
    assert_eq!(
        dry["calls_made"], 4,
        "a VM and an expose call per session: {dry}"
    );
    assert_eq!(dry["vms_deleted"], 0);
    assert!(w.backend().calls().is_empty(), "a dry run calls nothing");

    // The real sweep: one VM deleted, two failed calls (the bad VM and its expose), exit 0.
    let first = json(&run(&sb, &w, &["cleanup", "run", "--json"], 0));
    assert_eq!(first["dry_run"], false);
    assert_eq!(first["sessions_expired"], 2, "{first}");
    assert_eq!(first["calls_made"], 4, "{first}");
    assert_eq!(first["vms_deleted"], 1, "{first}");
    assert_eq!(first["failures"], 2, "{first}");
    assert_eq!(first["newly_dead"], 0, "{first}");
    let errors = first["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 2, "{first}");
    for error in errors {
        assert_eq!(error["user_id"], json!(bad));
        assert_eq!(error["lab_request_id"], json!(bad_vm));
        assert!(error["error"].as_str().unwrap().contains("500"), "{error}");
    }
    let deleted = w.backend().deleted_ids();
    assert!(deleted.contains(&format!("{good}-master")), "{deleted:?}");
    assert!(!deleted.contains(&bad_vm), "{deleted:?}");

    // The queue shows the bad session's items pending, after one attempt; the good one is
    // done, so not listed by default.
    let queue = json(&run(&sb, &w, &["cleanup", "queue", "--json"], 0));
    assert!(items_of(&queue, &good).is_empty(), "{queue}");
    let pending = items_of(&queue, &bad);
    assert_eq!(pending.len(), 2, "{queue}");
    for item in &pending {
        assert_eq!(item["state"], "pending", "{item}");
        assert_eq!(item["attempts"], 1, "{item}");
        assert_eq!(item["last_status"], 500, "{item}");
    }
    let vm_id = by_kind(&pending, "vm")["id"].as_u64().unwrap();
    let expose_id = by_kind(&pending, "expose")["id"].as_u64().unwrap();
    // Piped, one line per item in the documented column order.
    let plain = stdout(&run(&sb, &w, &["cleanup", "queue"], 0));
    assert!(
        plain.contains(&format!("{vm_id}\tpending\tvm\t{bad}\t{bad_vm}\t1\t")),
        "{plain}"
    );
    assert!(
        plain.contains("\t500\tPOST /api/v1/labs/delete answered 500\n"),
        "{plain}"
    );

    // Past the backoff, the second failure parks both items as dead. Piped summary, still
    // exit 0, the failures listed and warned about.
    w.set_clock_offset(2 * MIN + 3 * 60 * MIN);
    let second = run(&sb, &w, &["cleanup", "run"], 0);
    let summary = stdout(&second);
    for line in ["failures\t2\n", "newly_dead\t2\n", "vms_deleted\t0\n"] {
        assert!(summary.contains(line), "{line:?} in {summary}");
    }
    assert!(
        summary.contains(&format!(
            "error\t{vm_id}\t{bad}\t{bad_vm}\tvm\tPOST /api/v1/labs/delete answered 500\n"
        )),
        "{summary}"
    );
    assert!(
        stderr(&second).contains("warning: 2 cleanup item(s) gave up"),
        "{}",
        stderr(&second)
    );

    let dead = json(&run(&sb, &w, &["cleanup", "queue", "--dead", "--json"], 0));
    let dead_items = items_of(&dead, &bad);
    assert_eq!(dead_items.len(), 2, "{dead}");
    assert!(
        dead.as_array()
            .unwrap()
            .iter()
            .all(|i| i["state"] == "dead"),
        "{dead}"
    );
    let warned = run(&sb, &w, &["cleanup", "queue", "--dead"], 0);
    assert!(
        stderr(&warned).contains("labctl cleanup retry --all-dead"),
        "{}",
        stderr(&warned)
    );

    // Retry one by id: pending again with a fresh count; then every other dead one.
    let retried = json(&run(
        &sb,
        &w,
        &["cleanup", "retry", &vm_id.to_string(), "--json"],
        0,
    ));
    assert_eq!(retried["id"], vm_id);
    assert_eq!(retried["state"], "pending");
    assert_eq!(retried["attempts"], 0);
    let still_dead = json(&run(&sb, &w, &["cleanup", "queue", "--dead", "--json"], 0));
    let ids: Vec<&Value> = still_dead
        .as_array()
        .unwrap()
        .iter()
        .map(|i| &i["id"])
        .collect();
    assert_eq!(
        ids,
        [&json!(expose_id)],
        "only the expose item is still dead"
    );
    let all = json(&run(
        &sb,
        &w,
        &["cleanup", "retry", "--all-dead", "--json"],
        0,
    ));
    assert_eq!(all, json!({"retried": 1}));
    let again = run(&sb, &w, &["cleanup", "retry", "--all-dead"], 0);
    assert!(
        stderr(&again).contains("no dead cleanup items"),
        "{}",
        stderr(&again)
    );
    let queue = json(&run(
        &sb,
        &w,
        &["cleanup", "queue", "--state", "pending", "--json"],
        0,
    ));
    let revived = items_of(&queue, &bad);
    assert_eq!(revived.len(), 2, "{queue}");
    assert_eq!(by_kind(&revived, "expose")["id"], expose_id);

    // An unknown item is 3; an item already done is 5.
    let unknown = run(&sb, &w, &["cleanup", "retry", "987654321"], 3);
    assert!(
        stderr(&unknown).contains("No cleanup item"),
        "{}",
        stderr(&unknown)
    );
    let done = json(&run(
        &sb,
        &w,
        &["cleanup", "queue", "--state", "done", "--json"],
        0,
    ));
    let done_vm = by_kind(&items_of(&done, &good), "vm")["id"].to_string();
    let conflict = run(&sb, &w, &["cleanup", "retry", &done_vm], 5);
    assert!(
        stderr(&conflict).contains("already done"),
        "{}",
        stderr(&conflict)
    );

    // The backend recovers: the retried items are done by the next sweep.
    w.backend().clear_rule(&bad_vm);
    let third = json(&run(&sb, &w, &["cleanup", "run", "--json"], 0));
    assert_eq!(third["calls_made"], 2, "{third}");
    assert_eq!(third["vms_deleted"], 1, "{third}");
    assert_eq!(third["failures"], 0, "{third}");
    assert!(w.backend().deleted_ids().contains(&bad_vm));
    let queue = json(&run(&sb, &w, &["cleanup", "queue", "--json"], 0));
    assert_eq!(queue, json!([]), "nothing left to do");

    // The history, newest first: --limit cuts it.
    let latest = json(&run(
        &sb,
        &w,
        &["cleanup", "runs", "--limit", "2", "--json"],
        0,
    ));
    let latest = latest.as_array().unwrap();
    assert_eq!(latest.len(), 2, "{latest:?}");
    assert_eq!(latest[0]["id"], third["id"]);
    assert_eq!(
        latest[1]["id"],
        json!(
            stdout(&second)
                .lines()
                .find_map(|l| l.strip_prefix("id\t"))
                .unwrap()
        )
    );
    let history = json(&run(&sb, &w, &["cleanup", "runs", "--json"], 0));
    let ids: Vec<&Value> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|r| &r["id"])
        .collect();
    assert_eq!(ids.len(), 4, "dry run and three sweeps: {history}");
    assert_eq!(ids[2], &first["id"]);
    assert_eq!(ids[3], &dry["id"]);
    let piped = stdout(&run(&sb, &w, &["cleanup", "runs", "--limit", "1"], 0));
    assert_eq!(piped.lines().count(), 1, "{piped}");
    assert!(
        piped.starts_with(&format!(
            "{}\t{}\tforced\tfalse\t",
            third["id"].as_str().unwrap(),
            third["started_at"].as_str().unwrap()
        )),
        "{piped}"
    );

    // One run's record: the same object as the sweep returned.
    let first_id = first["id"].as_str().unwrap();
    let shown = json(&run(&sb, &w, &["cleanup", "show", first_id, "--json"], 0));
    assert_eq!(shown, first);
    let plain = stdout(&run(&sb, &w, &["cleanup", "show", first_id], 0));
    assert!(
        plain.starts_with(&format!("id\t{first_id}\ntrigger\tforced\n")),
        "{plain}"
    );
    assert_eq!(
        plain.lines().filter(|l| l.starts_with("error\t")).count(),
        2,
        "{plain}"
    );
    // On an 80-column terminal every table fits.
    let env = [("LABCTL_URL", w.url()), ("LABCTL_TOKEN", w.token())];
    for args in [
        &["cleanup", "runs"][..],
        &["cleanup", "show", first_id],
        &["cleanup", "queue", "--state", "all"],
    ] {
        let screen = stdout(&on_tty(&sb, args, "", &env));
        assert!(screen.contains('│'), "{args:?}: {screen}");
        assert!(
            widest_line(&screen) <= 80,
            "{args:?} is wider than 80 columns:\n{screen}"
        );
    }

    let missing = run(&sb, &w, &["cleanup", "show", "no-such-run"], 3);
    assert!(
        stderr(&missing).contains("No cleanup run"),
        "{}",
        stderr(&missing)
    );
}

#[test]
fn cleanup_needs_an_admin_token_and_retry_one_target() {
    let sb = Sandbox::new();
    // Usage errors, before any request.
    sb.on_worker(&["cleanup", "retry"]).assert().code(2);
    sb.on_worker(&["cleanup", "retry", "1", "--all-dead"])
        .assert()
        .code(2);
    sb.on_worker(&["cleanup", "queue", "--dead", "--state", "done"])
        .assert()
        .code(2);
    // A read token may read the history but not run a sweep (403 → 4, with the scope hint).
    let minted = json(
        &sb.on_worker(&[
            "token",
            "create",
            "--name",
            &unique_user("cli-clean-reader"),
            "--scope",
            "read",
            "--json",
        ])
        .output()
        .unwrap(),
    );
    let reader = minted["token"].as_str().unwrap();
    sb.with_token(reader, &["cleanup", "runs", "--limit", "1", "--json"])
        .assert()
        .success();
    let refused = sb
        .with_token(reader, &["cleanup", "run", "--dry-run"])
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(4), "{}", stderr(&refused));
    assert!(
        stderr(&refused).contains("scope is too small"),
        "{}",
        stderr(&refused)
    );
}

#[test]
fn cleanup_run_waits_for_a_sweep_held_up_by_a_hanging_vm() {
    // Backend calls may take 20 s; this VM's deletion hangs 15 s, then its connection drops.
    let w = Worker::start(WorkerOptions::default().var("CLEANUP_TIMEOUT_MS", "20000"));
    let sb = Sandbox::new();
    let user = expiring_session(&sb, &w, "cli-clean-hang");
    let vm = format!("{user}-master");
    w.backend().set_rule_on(
        Endpoint::DeleteVm,
        &vm,
        Rule::always(Outcome::hang(Duration::from_secs(15))),
    );
    w.set_clock_offset(2 * MIN);

    // No --timeout: labctl's 10 s would give up; a sweep gets 5 minutes.
    let started = Instant::now();
    let out = run(&sb, &w, &["cleanup", "run", "--json"], 0);
    let waited = started.elapsed();
    assert!(
        waited >= Duration::from_secs(15),
        "the sweep waited on the hung call: {waited:?}"
    );
    let record = json(&out);
    assert_eq!(record["sessions_expired"], 1, "{record}");
    assert_eq!(record["calls_made"], 2, "{record}");
    assert_eq!(record["failures"], 1, "the hung call failed: {record}");
    assert_eq!(record["vms_deleted"], 0, "{record}");
    let errors = record["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1, "{record}");
    assert_eq!(errors[0]["kind"], "vm");
    assert_eq!(errors[0]["lab_request_id"], json!(vm));
    // The same run is in the history: labctl's answer was the sweep's record.
    let shown = json(&run(
        &sb,
        &w,
        &["cleanup", "show", record["id"].as_str().unwrap(), "--json"],
        0,
    ));
    assert_eq!(shown, record);

    // --timeout still sets the limit exactly: a second hanging VM, and a 2 s limit.
    let other = expiring_session(&sb, &w, "cli-clean-hang-2");
    w.backend().clear_rule(&vm);
    w.backend().set_rule_on(
        Endpoint::DeleteVm,
        &format!("{other}-master"),
        Rule::always(Outcome::hang(Duration::from_secs(15))),
    );
    w.set_clock_offset(5 * MIN);
    let started = Instant::now();
    let out = run(&sb, &w, &["cleanup", "run", "--timeout", "2s"], 6);
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "{:?}",
        started.elapsed()
    );
    assert!(
        stderr(&out).contains("did not answer within 2s"),
        "{}",
        stderr(&out)
    );
}
