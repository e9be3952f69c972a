//! `labctl status` against Workers of its own (one's clock moves): exit 0 on a fresh Worker,
//! 10 with a stale cron and a dead VM deletion (each problem with what to do, piped, as
//! JSON, through --jq and on a terminal in colour), back to 0 by doing what it says; 9 with
//! a malformed CLEANUP_* value, also for a read token; 6 when the Worker is not there.

use std::time::Duration;

use labs_e2e::{Outcome, Rule, Worker, WorkerOptions, unique_user, wait_for};
use labs_fake_backend::Endpoint;
use serde_json::{Value, json};

use crate::tty::on_tty;
use crate::util::{Sandbox, dead_url, json, stderr, stdout};

/// One minute, in ms.
const MIN: i64 = 60_000;

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

/// The `problem` line of `code` in piped output, split at its tabs.
fn problem_line(text: &str, code: &str) -> Vec<String> {
    text.lines()
        .map(|l| l.split('\t').map(str::to_owned).collect::<Vec<_>>())
        .find(|f| f.len() == 4 && f[0] == "problem" && f[1] == code)
        .unwrap_or_else(|| panic!("no problem line for {code} in:\n{text}"))
}

#[test]
fn ok_exits_0_failing_exits_10_with_what_to_do_and_the_advice_leads_back_to_ok() {
    let w = Worker::start(WorkerOptions::default().var("CLEANUP_MAX_ATTEMPTS", "1"));
    let sb = Sandbox::new();

    // A fresh Worker: ok, exit 0, nothing on stderr.
    let out = run(&sb, &w, &["status"], 0);
    let text = stdout(&out);
    assert!(text.starts_with("status\tok\nsessions_live\t0\n"), "{text}");
    assert!(text.contains("\ncapacity_calls_per_run\t40\n"), "{text}");
    assert!(!text.contains("problem"), "{text}");
    assert_eq!(stderr(&out), "");
    let data = json(&run(&sb, &w, &["status", "--json"], 0));
    assert_eq!(data["status"], "ok", "{data}");
    assert_eq!(data["problems"], json!([]));
    assert_eq!(
        stdout(&run(&sb, &w, &["status", "--jq", ".status"], 0)),
        "ok\n"
    );

    // A live lab, and a lab whose VM deletion dies at its first failure; then 4 minutes
    // without a cron sweep.
    w.create_session(&unique_user("cli-status-live"));
    let user = unique_user("cli-status-dead");
    w.create_session(&user);
    let vm = format!("{user}-master");
    w.backend()
        .set_rule_on(Endpoint::DeleteVm, &vm, Rule::always(Outcome::status(500)));
    run(&sb, &w, &["session", "delete", &user, "--yes"], 0);
    wait_for(Duration::from_secs(10), "the VM deletion to die", || {
        let dead = json(&run(&sb, &w, &["cleanup", "queue", "--dead", "--json"], 0));
        (dead.as_array().unwrap().len() == 1).then_some(())
    });
    w.set_clock_offset(4 * MIN);

    let out = run(&sb, &w, &["status"], 10);
    let text = stdout(&out);
    assert!(text.starts_with("status\tfailing\n"), "{text}");
    assert!(text.contains("\nsessions_live\t1\n"), "{text}");
    assert!(text.contains("\nqueue_dead\t1\n"), "{text}");
    let stale = problem_line(&text, "cron_stale");
    assert!(
        stale[2].contains("the cron trigger is not firing"),
        "{stale:?}"
    );
    assert!(
        stale[3].contains("wrangler.toml") && stale[3].contains("dashboard"),
        "{stale:?}"
    );
    let dead = problem_line(&text, "dead_items");
    assert!(dead[2].contains("1 cleanup call(s) gave up"), "{dead:?}");
    assert!(
        dead[3].contains("`labctl cleanup queue --state dead`")
            && dead[3].contains("`labctl cleanup retry ITEM`"),
        "{dead:?}"
    );
    assert_eq!(
        stderr(&out),
        "error: the cleanup is failing: cron_stale, dead_items\n"
    );

    // --json and --jq: the API's data, and the same exit code.
    let out = run(&sb, &w, &["status", "--json"], 10);
    let data: Value = json(&out);
    assert_eq!(data["status"], "failing", "{data}");
    assert_eq!(data["queue"]["dead"], 1, "{data}");
    let out = run(&sb, &w, &["status", "--jq", ".problems[].code"], 10);
    assert_eq!(stdout(&out), "cron_stale\ndead_items\n");

    // On a terminal: the state in red, each problem with what to do.
    let env = [("LABCTL_URL", w.url()), ("LABCTL_TOKEN", w.token())];
    let screen_out = on_tty(&sb, &["status"], "", &env);
    let screen = stdout(&screen_out);
    assert_eq!(screen_out.status.code(), Some(10), "{screen}");
    assert!(screen.contains("\x1b[31;1m✗ failing\x1b[0m"), "{screen:?}");
    assert!(
        screen.contains(&format!("cleanup of {}", w.url())),
        "{screen}"
    );
    assert!(
        screen.contains("→ list them with `labctl cleanup queue --state dead`"),
        "{screen}"
    );
    assert!(screen.contains("→ check `[triggers] crons`"), "{screen}");

    // Doing what it says: the cron fires again; the backend is fixed, the dead item retried
    // and swept. All clear.
    w.fire_cron();
    w.backend().clear_rule(&vm);
    run(&sb, &w, &["cleanup", "retry", "--all-dead"], 0);
    run(&sb, &w, &["cleanup", "run"], 0);
    assert!(w.backend().deleted_ids().contains(&vm));
    let text = stdout(&run(&sb, &w, &["status"], 0));
    assert!(text.starts_with("status\tok\n"), "{text}");
    assert!(text.contains("\nqueue_dead\t0\n"), "{text}");
}

#[test]
fn degraded_exits_9_for_a_read_token_too_and_an_absent_worker_is_6() {
    let w = Worker::start(WorkerOptions::default().var("CLEANUP_TIMEOUT_MS", "ten"));
    let sb = Sandbox::new();
    let out = run(&sb, &w, &["status"], 9);
    let text = stdout(&out);
    assert!(text.starts_with("status\tdegraded\n"), "{text}");
    let bad = problem_line(&text, "config_invalid");
    assert!(bad[2].contains("CLEANUP_TIMEOUT_MS"), "{bad:?}");
    assert!(bad[3].contains("fix the named variable"), "{bad:?}");
    assert_eq!(
        stderr(&out),
        "error: the cleanup is degraded: config_invalid\n"
    );

    // What Prometheus or a monitoring job would hold: a read token.
    let minted = w
        .request("POST", "/api/v1/tokens")
        .json(&json!({"name": "monitor", "scope": "read"}))
        .send();
    assert_eq!(minted.status, 201, "{}", minted.text);
    let read = minted.body["data"]["token"].as_str().unwrap();
    let out = sb
        .on(&w, &["status", "--jq", ".status"])
        .env("LABCTL_TOKEN", read)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(9), "{}", stderr(&out));
    assert_eq!(stdout(&out), "degraded\n");

    // No Worker there: unreachable (6), not a state.
    let out = sb
        .labctl(&["status", "--retries", "0"])
        .env("LABCTL_URL", dead_url())
        .env("LABCTL_TOKEN", w.token())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(6), "{}", stderr(&out));
    assert_eq!(stdout(&out), "");
}
