//! Cleanup throughput and the cost of finding expired sessions, against the real Worker.
//!
//! `cargo bench -p labs-e2e --bench cleanup` (after `scripts/setup`). Prints Markdown.
//! - Throughput: `LABS_BENCH_SESSIONS` (600) expired three-VM sessions, a fake backend that
//!   answers every call after 50 ms, the budget raised so one sweep takes them all. Compared
//!   with the bound of 6 connections / 50 ms = 120 calls/s, and with the original's one call
//!   at a time (20/s).
//! - Fan-out (`fanout`): a cohort of `LABS_BENCH_COHORT` (5000) three-VM sessions expiring
//!   together, cleaned through the Cloudflare Queue at the default budget; and the steady
//!   state (`steady`): `LABS_BENCH_RATE` (1000) labs ending every minute.
//! - Expiry query: `LABS_BENCH_LIVE` (100000) live sessions; the query plan of the sweep's
//!   expired-sessions query, its time beside the original's unindexable predicate, and the
//!   time of a whole sweep that finds nothing to do.

use std::time::{Duration, Instant};

use labs_e2e::{Worker, WorkerOptions, multinode_body};
use serde_json::{Value, json};

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Creates `n` sessions with `workers` worker nodes over 8 connections.
fn seed(w: &Worker, n: usize, workers: usize, minutes: u32, tag: &str) -> Duration {
    let started = Instant::now();
    let threads = 8;
    std::thread::scope(|s| {
        for t in 0..threads {
            s.spawn(move || {
                for i in (t..n).step_by(threads) {
                    let mut body = multinode_body(&format!("{tag}-{i}"), workers);
                    body["duration"] = json!(minutes);
                    let r = w
                        .request("POST", "/api/v1/labs/sessions")
                        .json(&body)
                        .send();
                    assert_eq!(r.status, 201, "{}", r.text);
                }
            });
        }
    });
    started.elapsed()
}

fn throughput() {
    let sessions = env_usize("LABS_BENCH_SESSIONS", 600);
    let w = Worker::start(
        WorkerOptions::default()
            .var("CLEANUP_MAX_SUBREQUESTS", "100000")
            .var("CLEANUP_EXPIRE_BATCH", "10000")
            .var("LOG_LEVEL", "warn"),
    );
    seed(&w, sessions, 2, 1, "tp");
    w.backend().set_latency(Duration::from_millis(50));
    w.set_clock_offset(2 * 60_000);
    w.backend().reset_max_in_flight();
    let wall = Instant::now();
    let run = w.sweep();
    let wall = wall.elapsed().as_secs_f64();
    let secs = run["duration_ms"].as_f64().unwrap() / 1000.0;
    let vms = run["vms_deleted"].as_f64().unwrap();
    let calls = run["calls_made"].as_f64().unwrap();
    assert_eq!(
        vms as usize,
        sessions * 3,
        "every VM deleted in one sweep: {run}"
    );
    let calls_per_s = calls / secs;
    let vms_per_s = vms / secs;
    println!(
        "### Cleanup throughput: {sessions} expired three-VM sessions, backend answering in 50 ms\n"
    );
    println!("| measure | value |\n| --- | --- |");
    println!("| sweep duration (run record) | {secs:.2} s (request wall time {wall:.2} s) |");
    println!(
        "| backend calls | {calls} ({vms} VM deletions + {} expose) |",
        calls - vms
    );
    println!("| calls per second | {calls_per_s:.1} |");
    println!("| VM deletions per second | {vms_per_s:.1} |");
    println!(
        "| max calls in flight (seen by the backend) | {} |",
        w.backend().max_in_flight()
    );
    println!(
        "| calls/s vs the bound 6 / 50 ms = 120/s | {:.2} |",
        calls_per_s / 120.0
    );
    println!(
        "| VM deletions/s vs the original's one at a time (20/s) | {:.2}x |",
        vms_per_s / 20.0
    );
    println!();
}

fn d1(w: &Worker, sql: &str) -> Value {
    w.d1_execute(sql)
}

fn expiry_query() {
    let live = env_usize("LABS_BENCH_LIVE", 100_000);
    let w = Worker::start(WorkerOptions::default().var("LOG_LEVEL", "warn"));
    let took = seed(&w, live, 0, 600, "live");
    let now = "2026-11-29T00:00:00.000Z";
    let ours = format!(
        "SELECT id FROM labs_sessions WHERE expires_at <= '{now}' ORDER BY expires_at, id LIMIT 500"
    );
    let original = format!(
        "SELECT id FROM labs_sessions WHERE strftime('%Y-%m-%dT%H:%M:%fZ', created_at, '+' || duration || ' minutes') <= '{now}'"
    );
    let plan = d1(&w, &format!("EXPLAIN QUERY PLAN {ours}"));
    let plan_text: Vec<String> = plan[0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["detail"].as_str().unwrap_or("").to_owned())
        .collect();
    let time = |sql: &str| -> f64 {
        let mut best = f64::MAX;
        for _ in 0..5 {
            let r = d1(&w, sql);
            best = best.min(r[0]["meta"]["duration"].as_f64().unwrap_or(f64::NAN));
        }
        best
    };
    let (ours_ms, original_ms) = (time(&ours), time(&original));
    let mut sweeps: Vec<f64> = (0..7)
        .map(|_| w.sweep()["duration_ms"].as_f64().unwrap())
        .collect();
    sweeps.sort_by(f64::total_cmp);
    println!("### Finding expired sessions among {live} live ones\n");
    println!(
        "Seeding {live} sessions over HTTP took {:.1} s ({:.0} creates/s on 8 connections).\n",
        took.as_secs_f64(),
        live as f64 / took.as_secs_f64()
    );
    println!("| measure | value |\n| --- | --- |");
    println!(
        "| query plan of the sweep's expired-sessions query | `{}` |",
        plan_text.join("; ")
    );
    // D1 reports whole milliseconds: below 1 ms reads as 0.
    let shown = |ms: f64| {
        if ms < 1.0 {
            "< 1 ms (D1 reports whole ms)".to_owned()
        } else {
            format!("{ms:.0} ms")
        }
    };
    println!(
        "| that query (best of 5, D1 meta.duration) | {} |",
        shown(ours_ms)
    );
    println!(
        "| the original's predicate on created_at + duration (best of 5) | {} |",
        shown(original_ms)
    );
    println!(
        "| original / ours | {} |",
        if ours_ms < 1.0 {
            format!("> {original_ms:.0}x")
        } else {
            format!("{:.0}x", original_ms / ours_ms)
        }
    );
    println!(
        "| a whole sweep that finds nothing due (median of 7, run record) | {:.0} ms |",
        sweeps[3]
    );
    println!();
    assert!(
        plan_text
            .iter()
            .any(|p| p.contains("labs_sessions_expires_at")),
        "the index is used: {plan_text:?}"
    );
}

/// Distinct VM ids the fake backend confirmed deleting.
fn confirmed(w: &Worker) -> usize {
    w.backend().deleted_ids().len()
}

/// The most backend calls one queue consumer invocation made, and how many there were.
fn consumer_runs(w: &Worker) -> (u64, u64) {
    let r = d1(
        w,
        "SELECT COALESCE(MAX(calls_made), 0) AS most, COUNT(*) AS n FROM cleanup_runs WHERE trigger = 'queue'",
    );
    let row = &r[0]["results"][0];
    (
        row["most"].as_u64().unwrap_or(0),
        row["n"].as_u64().unwrap_or(0),
    )
}

/// Fires the cron every `every` until `done` says so; returns how often it fired.
fn cron_until(w: &Worker, every: Duration, limit: Duration, mut done: impl FnMut() -> bool) -> u32 {
    let started = Instant::now();
    let mut fired = 0;
    let mut next = Instant::now();
    while !done() {
        assert!(started.elapsed() < limit, "not done within {limit:?}");
        if Instant::now() >= next {
            w.fire_cron();
            fired += 1;
            next += every;
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    fired
}

/// A cohort: `LABS_BENCH_COHORT` (5000) three-VM sessions expiring in the same minute, the
/// fake backend answering in 50 ms, the default budget (40 calls an invocation) and
/// concurrency (6); the cron fires every minute, as in production.
fn fanout() {
    let sessions = env_usize("LABS_BENCH_COHORT", 5_000);
    let w = Worker::start(WorkerOptions::default().var("LOG_LEVEL", "warn"));
    let took = seed(&w, sessions, 2, 1, "cohort");
    w.backend().set_latency(Duration::from_millis(50));
    w.set_clock_offset(2 * 60_000);
    w.backend().reset_max_in_flight();
    let vms = sessions * 3;
    let started = Instant::now();
    let fired = cron_until(
        &w,
        Duration::from_secs(60),
        Duration::from_secs(900),
        || confirmed(&w) >= vms,
    );
    let all_deleted = started.elapsed().as_secs_f64();
    let cron = d1(
        &w,
        "SELECT sessions_expired, duration_ms FROM cleanup_runs WHERE trigger = 'cron' ORDER BY started_at LIMIT 1",
    );
    let cron = &cron[0]["results"][0];
    let (most, invocations) = consumer_runs(&w);
    let calls = w.backend().calls().len();
    // One consumer at a time (how `wrangler dev` delivers batches), each making its 40
    // calls 6 at a time at 50 ms: ceil(40 / 6) = 7 rounds, 350 ms an invocation at best.
    let per_invocation = (40.0f64 / 6.0).ceil() * 0.05;
    let floor = (calls as f64 / 40.0).ceil() * per_invocation;
    // Where an invocation's time goes: inside its run (claim, calls, settle, records) and
    // between one run's end and the next one's start (the platform delivering the batch).
    let timeline = d1(
        &w,
        "SELECT started_at, finished_at, duration_ms FROM cleanup_runs WHERE trigger = 'queue' ORDER BY started_at",
    );
    let rows = timeline[0]["results"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let mut durations: Vec<f64> = rows
        .iter()
        .filter_map(|r| r["duration_ms"].as_f64())
        .collect();
    let mut gaps: Vec<f64> = rows
        .windows(2)
        .filter_map(|p| {
            let end = labs_e2e::iso_ms(p[0]["finished_at"].as_str()?);
            let next = labs_e2e::iso_ms(p[1]["started_at"].as_str()?);
            Some((next - end) as f64)
        })
        .collect();
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v.get(v.len() / 2).copied().unwrap_or(f64::NAN)
    };
    let (run_ms, gap_ms) = (median(&mut durations), median(&mut gaps));
    println!("### A cohort of {sessions} three-VM labs expiring together\n");
    println!(
        "Seeded over HTTP in {:.1} s. The cron fires every 60 s from the first firing.\n",
        took.as_secs_f64()
    );
    println!("| measure | value |\n| --- | --- |");
    println!("| first cron firing → all {vms} VM deletions confirmed | {all_deleted:.1} s |");
    println!("| cron firings in that time | {fired} |");
    println!(
        "| sessions the first cron ended / its duration | {} / {} ms |",
        cron["sessions_expired"], cron["duration_ms"]
    );
    println!("| backend calls (VMs + exposes) | {calls} |");
    println!("| consumer invocations | {invocations} |");
    println!("| most calls one invocation made (budget 40) | {most} |");
    println!(
        "| most calls in flight at once (seen by the backend) | {} |",
        w.backend().max_in_flight()
    );
    println!(
        "| the floor for one consumer at a time: calls / 40 invocations × 7 rounds × 50 ms | {floor:.1} s (reached {:.0}%) |",
        100.0 * floor / all_deleted
    );
    println!("| one consumer run, median (40 calls at 6 × 50 ms take ≥ 333 ms) | {run_ms:.0} ms |");
    println!("| between one run's end and the next one's start, median | {gap_ms:.0} ms |");
    println!();
    assert!(most <= 40, "an invocation went over its budget: {most}");
}

/// The steady state: `LABS_BENCH_RATE` (1000) three-VM labs expire every minute, for
/// `LABS_BENCH_MINUTES` (4) minutes. Group k lasts 10·k minutes; each real minute the
/// Worker's clock moves to group k's expiry, the cron fires, and the backlog is read just
/// before the next firing.
fn steady() {
    let rate = env_usize("LABS_BENCH_RATE", 1_000);
    let minutes = env_usize("LABS_BENCH_MINUTES", 4);
    let w = Worker::start(WorkerOptions::default().var("LOG_LEVEL", "warn"));
    let t0 = Instant::now();
    for k in 1..=minutes {
        seed(&w, rate, 2, 10 * k as u32, &format!("steady{k}"));
    }
    let seeded = t0.elapsed();
    assert!(
        seeded < Duration::from_secs(600),
        "seeding outlasted the groups' spacing"
    );
    w.backend().set_latency(Duration::from_millis(50));
    let pending = || -> u64 {
        d1(
            &w,
            "SELECT COUNT(*) AS n FROM cleanup_items WHERE state = 'pending' AND kind = 'vm'",
        )[0]["results"][0]["n"]
            .as_u64()
            .unwrap_or(0)
    };
    println!("### Steady state: {rate} three-VM labs ending every minute\n");
    println!(
        "Seeded {} sessions in {:.1} s. Each row is one real minute: the Worker's clock moves to the next group's expiry, the cron fires, and the backlog is read 59 s later.\n",
        rate * minutes,
        seeded.as_secs_f64()
    );
    println!(
        "| minute | labs ended by the cron | VMs confirmed deleted by then | VM items still pending |\n| --- | --- | --- | --- |"
    );
    let started = Instant::now();
    let mut ended_before = 0;
    for k in 1..=minutes {
        // The clock at t0 + seeding + 10·k minutes: group k has expired, group k+1 has not.
        let target = seeded + Duration::from_secs(600 * k as u64);
        w.set_clock_offset((target.as_millis() as i64) - (t0.elapsed().as_millis() as i64));
        w.fire_cron();
        let until = started + Duration::from_secs(60 * k as u64 - 1);
        std::thread::sleep(until.saturating_duration_since(Instant::now()));
        let ended = d1(
            &w,
            "SELECT COALESCE(SUM(sessions_expired), 0) AS n FROM cleanup_runs WHERE trigger = 'cron'",
        )[0]["results"][0]["n"]
            .as_u64()
            .unwrap_or(0);
        println!(
            "| {k} | {} | {} | {} |",
            ended - ended_before,
            confirmed(&w),
            pending()
        );
        ended_before = ended;
    }
    let (most, invocations) = consumer_runs(&w);
    println!();
    println!("{invocations} consumer invocations, the most calls in one: {most} (budget 40).\n");
    assert!(most <= 40, "an invocation went over its budget: {most}");
}

fn main() {
    // `cargo bench` passes --bench; nothing else is taken.
    let only = std::env::args().skip(1).find(|a| !a.starts_with("--"));
    if only.as_deref().is_none_or(|o| "throughput".contains(o)) {
        throughput();
    }
    if only.as_deref().is_none_or(|o| "expiry".contains(o)) {
        expiry_query();
    }
    if only.as_deref().is_none_or(|o| "fanout".contains(o)) {
        fanout();
    }
    if only.as_deref().is_none_or(|o| "steady".contains(o)) {
        steady();
    }
}
