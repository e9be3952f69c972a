//! Whether VMs are being deleted, as an operator sees it: `GET /api/v1/labs/status` (ok on a
//! fresh Worker; `cron_stale`, `dead_items`, `backlog`, `config_invalid`, and the way back
//! from each), `GET /metrics` read by a Prometheus text parser (every family with HELP and
//! TYPE, gauges equal to what the queue and session routes show, counters that never go down
//! when the cron prunes the history), and the alerts the Worker POSTs to the fake's webhook
//! (one per dead VM deletion, retried through failures while other VMs go on being deleted;
//! one when the cron fires again after a stale spell), free of tokens and backend URLs.

use std::collections::{BTreeMap, BTreeSet};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use labs_e2e::{Outcome, Rule, Worker, WorkerOptions, unique_user, wait_for};
use labs_fake_backend::{Answer, Call as BackendCall, CallKind, Endpoint};
use prometheus_parse::{LineInfo, SampleType, Value as PromValue};
use serde_json::{Value, json};

use crate::{
    MIN, delete_session, deleted, items, lab, ms, runs, vm_item, worker_with, worker_without_queue,
};

/// The gauges `GET /metrics` exposes.
const GAUGES: [&str; 5] = [
    "labs_sessions_live",
    "labs_sessions_expired_waiting",
    "labs_cleanup_items",
    "labs_cleanup_oldest_pending_age_seconds",
    "labs_cleanup_last_cron_run_timestamp_seconds",
];

/// The counters `GET /metrics` exposes.
const COUNTERS: [&str; 5] = [
    "labs_cleanup_runs_total",
    "labs_cleanup_calls_total",
    "labs_cleanup_messages_total",
    "labs_sessions_created_total",
    "labs_sessions_ended_total",
];

/// The `data` of `GET /api/v1/labs/status`.
fn status(w: &Worker) -> Value {
    let r = w.request("GET", "/api/v1/labs/status").send();
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.body["success"], true, "{}", r.text);
    r.body["data"].clone()
}

/// The problem codes of a status, worst first.
fn codes(status: &Value) -> Vec<String> {
    status["problems"]
        .as_array()
        .expect("problems is a list")
        .iter()
        .map(|p| p["code"].as_str().unwrap().to_owned())
        .collect()
}

/// The problem with `code`.
fn problem<'a>(status: &'a Value, code: &str) -> &'a Value {
    status["problems"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["code"] == code)
        .unwrap_or_else(|| panic!("no {code} problem in {status}"))
}

/// Mints a token of `scope`.
fn mint(w: &Worker, scope: &str) -> String {
    let body = json!({"name": unique_user(scope), "scope": scope});
    let r = w.request("POST", "/api/v1/tokens").json(&body).send();
    assert_eq!(r.status, 201, "{}", r.text);
    r.body["data"]["token"].as_str().unwrap().to_owned()
}

/// The newest finished cron run.
fn last_cron_run(w: &Worker) -> Value {
    runs(w)
        .into_iter()
        .find(|r| r["trigger"] == "cron" && r["finished_at"].is_string())
        .expect("a finished cron run")
}

/// Every session in `GET /api/v1/labs/sessions` (`query` added), all pages.
fn sessions(w: &Worker, query: &str) -> Vec<Value> {
    let mut all = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let mut path = format!("/api/v1/labs/sessions?limit=100{query}");
        if let Some(c) = &cursor {
            path.push_str(&format!("&cursor={c}"));
        }
        let r = w.request("GET", &path).send();
        assert_eq!(r.status, 200, "{}", r.text);
        all.extend(
            r.body["data"]["sessions"]
                .as_array()
                .unwrap()
                .iter()
                .cloned(),
        );
        match r.body["data"]["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_owned()),
            None => return all,
        }
    }
}

/// The Worker's "now" in ms: the wall clock plus the dev offset it was given.
fn worker_now_ms(offset_ms: i64) -> i64 {
    let wall = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("after 1970")
        .as_millis() as i64;
    wall + offset_ms
}

/// One scrape of `GET /metrics`, read by `prometheus-parse`, with the TYPE of every family
/// (also of families without samples yet).
struct Scrape {
    text: String,
    parsed: prometheus_parse::Scrape,
    types: BTreeMap<String, SampleType>,
}

impl Scrape {
    /// Scrapes `w` with `token`: 200, the 0.0.4 content type, and every line a HELP, a TYPE
    /// or a sample the parser understands (it skips what it does not, so that is checked
    /// line by line first).
    fn take(w: &Worker, token: &str) -> Scrape {
        let r = w.request("GET", "/metrics").bearer(token).send();
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(
            r.header("content-type"),
            Some("text/plain; version=0.0.4; charset=utf-8")
        );
        let mut types = BTreeMap::new();
        for line in r.text.lines() {
            match LineInfo::parse(line) {
                LineInfo::Ignored => panic!("not Prometheus text format 0.0.4: {line:?}"),
                LineInfo::Type {
                    metric_name,
                    sample_type,
                    ..
                } => {
                    assert!(
                        types.insert(metric_name.clone(), sample_type).is_none(),
                        "two TYPE lines for {metric_name}"
                    );
                }
                LineInfo::Sample { metric_name, .. } => assert!(
                    types.contains_key(metric_name),
                    "{metric_name}'s sample comes before its TYPE line"
                ),
                LineInfo::Doc { .. } | LineInfo::Empty => {}
            }
        }
        let parsed = prometheus_parse::Scrape::parse(r.text.lines().map(|l| Ok(l.to_owned())))
            .expect("prometheus-parse reads the scrape");
        Scrape {
            text: r.text,
            parsed,
            types,
        }
    }

    /// Every family is there with a HELP text and its TYPE, and there are no others.
    fn assert_families(&self) {
        let expected: BTreeMap<&str, SampleType> = GAUGES
            .iter()
            .map(|g| (*g, SampleType::Gauge))
            .chain(COUNTERS.iter().map(|c| (*c, SampleType::Counter)))
            .collect();
        for (name, kind) in &expected {
            let help = self.parsed.docs.get(*name);
            assert!(
                help.is_some_and(|h| !h.trim().is_empty()),
                "{name} has no HELP:\n{}",
                self.text
            );
            assert_eq!(
                self.types.get(*name),
                Some(kind),
                "{name}'s TYPE:\n{}",
                self.text
            );
        }
        let found: BTreeSet<&str> = self.types.keys().map(String::as_str).collect();
        assert_eq!(found, expected.keys().copied().collect(), "{}", self.text);
        for sample in &self.parsed.samples {
            let kind = match sample.value {
                PromValue::Gauge(_) => SampleType::Gauge,
                PromValue::Counter(_) => SampleType::Counter,
                ref other => panic!("{}: {other:?}", sample.metric),
            };
            assert_eq!(self.types[&sample.metric], kind, "{}", sample.metric);
        }
    }

    /// The samples of `name`: labels (sorted) → value.
    fn samples(&self, name: &str) -> BTreeMap<BTreeMap<String, String>, f64> {
        self.parsed
            .samples
            .iter()
            .filter(|s| s.metric == name)
            .map(|s| {
                let labels = s
                    .labels
                    .iter()
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect();
                let value = match s.value {
                    PromValue::Gauge(v) | PromValue::Counter(v) | PromValue::Untyped(v) => v,
                    ref other => panic!("{name}: {other:?}"),
                };
                (labels, value)
            })
            .collect()
    }

    /// The value of `name{labels}` (exactly these labels); panics when there is none.
    fn value(&self, name: &str, labels: &[(&str, &str)]) -> f64 {
        self.get(name, labels)
            .unwrap_or_else(|| panic!("no sample {name}{labels:?} in:\n{}", self.text))
    }

    /// The value of `name{labels}`, if there is such a sample.
    fn get(&self, name: &str, labels: &[(&str, &str)]) -> Option<f64> {
        let want: BTreeMap<String, String> = labels
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        self.samples(name).get(&want).copied()
    }

    /// Every counter sample, as `name{k="v",...}` → value.
    fn counters(&self) -> BTreeMap<String, f64> {
        COUNTERS
            .iter()
            .flat_map(|name| {
                self.samples(name).into_iter().map(move |(labels, v)| {
                    let labels: Vec<String> =
                        labels.iter().map(|(k, v)| format!("{k}={v:?}")).collect();
                    (format!("{name}{{{}}}", labels.join(",")), v)
                })
            })
            .collect()
    }
}

/// `labs_cleanup_items{state, kind}` as the queue route shows it: pending and dead items of
/// every kind (alerts included), counted from `GET .../queue?state=all`.
fn queue_gauges(w: &Worker) -> BTreeMap<(String, String), f64> {
    let mut counts: BTreeMap<(String, String), f64> = BTreeMap::new();
    for state in ["pending", "dead"] {
        for kind in ["vm", "expose", "alert"] {
            counts.insert((state.into(), kind.into()), 0.0);
        }
    }
    for item in items(w) {
        let state = item["state"].as_str().unwrap();
        if state != "done" {
            *counts
                .entry((state.into(), item["kind"].as_str().unwrap().into()))
                .or_default() += 1.0;
        }
    }
    counts
}

/// `labs_cleanup_calls_total{kind, outcome}` as the fake backend saw the calls: a VM or
/// expose call answered 2xx is `deleted`, 404 `not_found`, anything else `failed`.
fn calls_by_outcome(calls: &[BackendCall]) -> BTreeMap<(String, String), f64> {
    let mut counts: BTreeMap<(String, String), f64> = BTreeMap::new();
    for call in calls {
        let kind = match call.kind {
            CallKind::DeleteVm => "vm",
            CallKind::Expose => "expose",
            _ => continue,
        };
        let outcome = match call.answer {
            Answer::Status(404) => "not_found",
            Answer::Status(s) if (200..300).contains(&s) => "deleted",
            _ => "failed",
        };
        *counts.entry((kind.into(), outcome.into())).or_default() += 1.0;
    }
    counts
}

#[test]
fn a_fresh_worker_is_ok_counts_nothing_and_exposes_every_metric() {
    let w = worker_with(&[]);
    let s = status(&w);
    assert_eq!(s["status"], "ok", "{s}");
    assert_eq!(s["problems"], json!([]));
    assert_eq!(
        s["sessions"],
        json!({"live": 0, "expiring_10m": 0, "expired_waiting": 0})
    );
    assert_eq!(
        s["queue"],
        json!({"pending": 0, "due_now": 0, "dead": 0, "oldest_pending_age_s": null})
    );
    assert_eq!(s["cron"], json!({"last_run_at": null, "age_s": null}));
    // README: CLEANUP_MAX_SUBREQUESTS defaults to 40.
    assert_eq!(
        s["capacity"],
        json!({"calls_per_run": 40, "calls_per_minute": 40, "drain_minutes": 0})
    );

    // A read token (what Prometheus is given) may read both; nobody without a token.
    let read = mint(&w, "read");
    let r = w.request("GET", "/api/v1/labs/status").bearer(&read).send();
    assert_eq!(r.status, 200, "{}", r.text);
    for path in ["/api/v1/labs/status", "/metrics"] {
        let r = w.anonymous("GET", path).send();
        assert_eq!(r.status, 401, "{path}: {}", r.text);
        assert!(!r.text.contains("labs_"), "{path}: {}", r.text);
    }

    let m = Scrape::take(&w, &read);
    m.assert_families();
    for gauge in [
        "labs_sessions_live",
        "labs_sessions_expired_waiting",
        "labs_cleanup_oldest_pending_age_seconds",
        "labs_cleanup_last_cron_run_timestamp_seconds",
    ] {
        assert_eq!(m.value(gauge, &[]), 0.0, "{gauge}");
    }
    let items = m.samples("labs_cleanup_items");
    assert_eq!(
        items.len(),
        6,
        "pending and dead, of vm, expose and alert: {items:?}"
    );
    assert!(items.values().all(|v| *v == 0.0), "{items:?}");
    for counter in COUNTERS {
        assert!(
            m.samples(counter).is_empty(),
            "{counter} counts nothing yet:\n{}",
            m.text
        );
    }
}

#[test]
fn a_stale_cron_is_failing_until_it_fires_and_its_return_is_alerted() {
    let w = Worker::start(
        WorkerOptions::default().var("ALERT_WEBHOOK_URL", "http://{fake}/webhook/cron-hook"),
    );
    let (user, ids) = lab(&w, "stale", 0, 60);
    let s = status(&w);
    assert_eq!(
        s["status"], "ok",
        "work waits, but not for 3 minutes yet: {s}"
    );
    assert_eq!(s["sessions"]["live"], 1);

    // No cron sweep has ever run, and the session has waited 4 minutes.
    w.set_clock_offset(4 * MIN);
    let s = status(&w);
    assert_eq!(
        (s["status"].as_str(), codes(&s)),
        (Some("failing"), vec!["cron_stale".to_owned()]),
        "{s}"
    );
    let message = problem(&s, "cron_stale")["message"].as_str().unwrap();
    assert!(message.contains("no cron sweep has run yet"), "{message}");
    assert_eq!(s["cron"]["last_run_at"], Value::Null);

    w.fire_cron();
    let first = last_cron_run(&w);
    let s = status(&w);
    assert_eq!(s["status"], "ok", "{s}");
    assert_eq!(s["cron"]["last_run_at"], first["started_at"], "{s}");
    assert!(s["cron"]["age_s"].as_i64().unwrap() < 60, "{s}");
    assert!(
        w.backend().calls_of(CallKind::Webhook).is_empty(),
        "the first cron sweep ever resumes nothing"
    );

    // The trigger stops for 5 minutes while the session is live.
    w.set_clock_offset(9 * MIN);
    let s = status(&w);
    assert_eq!(codes(&s), ["cron_stale"], "{s}");
    assert_eq!(s["status"], "failing");
    let age = s["cron"]["age_s"].as_i64().unwrap();
    assert!((299..330).contains(&age), "{s}");
    let message = problem(&s, "cron_stale")["message"].as_str().unwrap();
    assert!(
        message.contains(&format!("no cron sweep for {age} s")),
        "{message}"
    );

    // It fires again: not stale, and one cron_resumed alert, sent in that very sweep.
    w.fire_cron();
    let second = last_cron_run(&w);
    assert_ne!(second["id"], first["id"]);
    assert_eq!(status(&w)["status"], "ok");
    let alerts = w.backend().alerts();
    assert_eq!(alerts.len(), 1, "{alerts:?}");
    let alert = &alerts[0];
    assert_eq!(alert["event"], "cron_resumed", "{alert}");
    assert_eq!(alert["last_run_at"], first["started_at"], "{alert}");
    assert_eq!(alert["resumed_at"], second["started_at"], "{alert}");
    let gap = alert["gap_s"].as_i64().unwrap();
    assert!((299..330).contains(&gap), "{alert}");
    let text = alert["text"].as_str().unwrap();
    assert!(text.contains("5 minutes"), "{text}");
    let call = &w.backend().calls_of(CallKind::Webhook)[0];
    assert_eq!(call.path, "/webhook/cron-hook");
    assert!(!call.has_authorization, "{call:?}");
    assert_eq!(call.content_type.as_deref(), Some("application/json"));
    // The queue shows the alert as an item of its own kind, sent.
    let queued: Vec<Value> = items(&w)
        .into_iter()
        .filter(|i| i["kind"] == "alert")
        .collect();
    assert_eq!(queued.len(), 1, "{queued:?}");
    assert_eq!(queued[0]["state"], "done", "{queued:?}");

    // A cron a minute later is on time: no second alert.
    w.set_clock_offset(10 * MIN);
    w.fire_cron();
    assert_eq!(w.backend().calls_of(CallKind::Webhook).len(), 1);

    // Pending work counts as much as a live session: the lab ends, its VM deletion fails,
    // and the cron stops again.
    w.backend().set_rule_on(
        Endpoint::DeleteVm,
        &ids[0],
        Rule::always(Outcome::status(500)),
    );
    delete_session(&w, &user);
    wait_for(
        Duration::from_secs(10),
        "the DELETE's failed VM call",
        || (vm_item(&w, &ids[0])["attempts"] == 1).then_some(()),
    );
    w.set_clock_offset(20 * MIN);
    let s = status(&w);
    assert_eq!(s["sessions"]["live"], 0, "{s}");
    assert_eq!(s["queue"]["pending"], 1, "{s}");
    assert_eq!(codes(&s), ["cron_stale"], "{s}");
    w.backend().clear_rule(&ids[0]);
    w.fire_cron();
    // The cron hands the retry to the cleanup queue; a consumer deletes the VM.
    wait_for(Duration::from_secs(20), "the retried VM deleted", || {
        deleted(&w).contains(&ids[0]).then_some(())
    });
    let s = wait_for(
        Duration::from_secs(10),
        "the consumer's run recorded",
        || {
            let s = status(&w);
            (s["queue"]["pending"] == 0).then_some(s)
        },
    );
    assert_eq!(s["status"], "ok", "{s}");
    assert_eq!(s["queue"]["pending"], 0, "{s}");
    let events: Vec<Value> = w
        .backend()
        .alerts()
        .iter()
        .map(|a| a["event"].clone())
        .collect();
    assert_eq!(
        events,
        ["cron_resumed", "cron_resumed"],
        "a second stale spell: {events:?}"
    );

    // Idle: nothing live, nothing pending; no cron for 30 minutes is no problem.
    w.set_clock_offset(50 * MIN);
    let s = status(&w);
    assert_eq!(s["status"], "ok", "nothing to sweep: {s}");
    assert!(s["cron"]["age_s"].as_i64().unwrap() >= 30 * 60, "{s}");
}

#[test]
fn a_dead_item_is_failing_until_it_is_retried_and_deleted() {
    let w = worker_with(&[("CLEANUP_MAX_ATTEMPTS", "1")]);
    let (user, ids) = lab(&w, "dead-status", 0, 60);
    let vm = &ids[0];
    w.backend()
        .set_rule_on(Endpoint::DeleteVm, vm, Rule::always(Outcome::status(500)));
    delete_session(&w, &user);
    let item = wait_for(Duration::from_secs(10), "the VM item to die", || {
        let item = vm_item(&w, vm);
        (item["state"] == "dead").then_some(item)
    });

    let s = status(&w);
    assert_eq!(s["status"], "failing", "{s}");
    assert_eq!(codes(&s), ["dead_items"], "{s}");
    assert!(
        problem(&s, "dead_items")["message"]
            .as_str()
            .unwrap()
            .contains("1 cleanup call(s) gave up"),
        "{s}"
    );
    assert_eq!(
        s["queue"],
        json!({"pending": 0, "due_now": 0, "dead": 1, "oldest_pending_age_s": null}),
        "the expose call succeeded; the VM's is dead: {s}"
    );
    let m = Scrape::take(&w, w.token());
    assert_eq!(
        m.value("labs_cleanup_items", &[("state", "dead"), ("kind", "vm")]),
        1.0
    );

    // The operator fixes the backend and retries: nothing dead, the call due now.
    w.backend().clear_rule(vm);
    let id = item["id"].as_i64().unwrap();
    let r = w
        .request("POST", &format!("/api/v1/labs/cleanup/queue/{id}/retry"))
        .send();
    assert_eq!(r.status, 200, "{}", r.text);
    let s = status(&w);
    assert!(!codes(&s).contains(&"dead_items".to_owned()), "{s}");
    assert_eq!(s["status"], "ok", "{s}");
    assert_eq!(
        (
            &s["queue"]["dead"],
            &s["queue"]["pending"],
            &s["queue"]["due_now"]
        ),
        (&json!(0), &json!(1), &json!(1)),
        "{s}"
    );

    // A sweep deletes it: all clear.
    let run = w.sweep();
    assert_eq!(run["vms_deleted"], 1, "{run}");
    let s = status(&w);
    assert_eq!(s["status"], "ok", "{s}");
    assert_eq!(
        s["queue"],
        json!({"pending": 0, "due_now": 0, "dead": 0, "oldest_pending_age_s": null}),
        "{s}"
    );
    assert!(deleted(&w).contains(vm));
}

#[test]
fn more_calls_than_half_an_hour_of_budget_is_a_degraded_backlog() {
    let w = worker_with(&[("CLEANUP_MAX_SUBREQUESTS", "1")]);
    // The backend fails every call, so the calls stay pending.
    w.backend()
        .set_default_rule(Rule::always(Outcome::status(500)));
    for _ in 0..11 {
        lab(&w, "backlog", 1, 1);
    }
    w.set_clock_offset(2 * MIN);
    let run = w.sweep();
    assert_eq!(run["sessions_expired"], 11, "{run}");
    assert_eq!(run["calls_made"], 1, "a budget of one call: {run}");

    // 11 sessions × (2 VMs + 1 expose call) = 33 calls, at 1 call a minute.
    let s = status(&w);
    assert_eq!(s["status"], "degraded", "{s}");
    assert_eq!(codes(&s), ["backlog"], "{s}");
    assert_eq!(s["queue"]["pending"], 33, "{s}");
    assert_eq!(s["capacity"]["calls_per_run"], 1, "{s}");
    let drain = s["capacity"]["drain_minutes"].as_u64().unwrap();
    assert!(drain > 30, "{s}");
    assert_eq!(drain, 33);
    let message = problem(&s, "backlog")["message"].as_str().unwrap();
    assert!(
        message.contains("33 pending calls take 33 minutes at 1 calls a minute"),
        "{message}"
    );
    // The queue route agrees.
    let pending = items(&w).iter().filter(|i| i["state"] == "pending").count();
    assert_eq!(pending, 33);
}

#[test]
fn a_malformed_cleanup_setting_is_degraded_and_named() {
    let w = worker_with(&[("CLEANUP_TIMEOUT_MS", "ten")]);
    let s = status(&w);
    assert_eq!(s["status"], "degraded", "{s}");
    assert_eq!(codes(&s), ["config_invalid"], "{s}");
    let message = problem(&s, "config_invalid")["message"].as_str().unwrap();
    assert!(
        message.contains("CLEANUP_TIMEOUT_MS") && message.contains("10000"),
        "the var and the default in force: {message}"
    );
}

#[test]
fn metrics_match_the_routes_and_counters_survive_a_pruning_cron() {
    // The cron and the DELETE work the queue themselves here, so every count is settled
    // when they answer (queue.rs counts the fan-out's messages).
    let w = worker_without_queue(&[]);
    let read = mint(&w, "read");
    let (_l1, _) = lab(&w, "m-live", 0, 60);
    let (_l2, _) = lab(&w, "m-live2", 1, 60);
    let (_e1, _) = lab(&w, "m-exp", 0, 1);
    let (_e2, _) = lab(&w, "m-exp2", 2, 1);
    let (_f, failing) = lab(&w, "m-fail", 0, 1);
    let (_n, gone) = lab(&w, "m-gone", 0, 1);
    let (d, d_ids) = lab(&w, "m-del", 0, 60);
    w.backend().set_rule_on(
        Endpoint::DeleteVm,
        &failing[0],
        Rule::always(Outcome::status(500)),
    );
    w.backend().set_rule_on(
        Endpoint::DeleteVm,
        &gone[0],
        Rule::always(Outcome::status(404)),
    );
    delete_session(&w, &d);
    wait_for(Duration::from_secs(10), "the DELETE's sweep", || {
        deleted(&w).contains(&d_ids[0]).then_some(())
    });

    // Before any sweep ends them: 6 live, 4 of them expired.
    let offset = 2 * MIN;
    w.set_clock_offset(offset);
    let m = Scrape::take(&w, &read);
    m.assert_families();
    assert_eq!(
        m.value("labs_sessions_live", &[]),
        sessions(&w, "").len() as f64
    );
    assert_eq!(m.value("labs_sessions_live", &[]), 6.0);
    assert_eq!(
        m.value("labs_sessions_expired_waiting", &[]),
        sessions(&w, "&expired=true").len() as f64
    );
    assert_eq!(m.value("labs_sessions_expired_waiting", &[]), 4.0);
    assert_eq!(m.value("labs_sessions_created_total", &[]), 7.0);
    assert_eq!(
        m.value("labs_sessions_ended_total", &[("reason", "deleted")]),
        1.0
    );
    assert_eq!(
        m.value("labs_cleanup_runs_total", &[("trigger", "delete")]),
        1.0
    );

    // The cron ends the expired four; a forced sweep finds nothing due (the failure backs off).
    w.fire_cron();
    w.sweep();
    let m = Scrape::take(&w, &read);
    m.assert_families();
    assert_eq!(
        m.value("labs_sessions_live", &[]),
        sessions(&w, "").len() as f64
    );
    assert_eq!(m.value("labs_sessions_live", &[]), 2.0);
    assert_eq!(m.value("labs_sessions_expired_waiting", &[]), 0.0);
    // Gauges: what the queue route shows, by state and kind.
    let want = queue_gauges(&w);
    for ((state, kind), n) in &want {
        assert_eq!(
            m.value("labs_cleanup_items", &[("state", state), ("kind", kind)]),
            *n,
            "{state} {kind}"
        );
    }
    assert_eq!(
        want[&("pending".to_owned(), "vm".to_owned())],
        1.0,
        "{want:?}"
    );
    // The oldest pending call: the failing VM's, queued by the cron.
    let pending: Vec<Value> = items(&w)
        .into_iter()
        .filter(|i| i["state"] == "pending")
        .collect();
    let oldest = pending
        .iter()
        .map(|i| ms(i["created_at"].as_str().unwrap()))
        .min()
        .unwrap();
    let age = m.value("labs_cleanup_oldest_pending_age_seconds", &[]);
    let expected = (worker_now_ms(offset) - oldest) as f64 / 1000.0;
    assert!(
        (age - expected).abs() <= 5.0,
        "age {age} s, expected about {expected} s"
    );
    let status_age = status(&w)["queue"]["oldest_pending_age_s"]
        .as_f64()
        .unwrap();
    assert!(
        (age - status_age).abs() <= 5.0,
        "{age} vs the status's {status_age}"
    );
    // The last cron sweep's start, in Unix seconds.
    let cron = last_cron_run(&w);
    assert_eq!(
        m.value("labs_cleanup_last_cron_run_timestamp_seconds", &[]),
        (ms(cron["started_at"].as_str().unwrap()) / 1000) as f64
    );
    // Counters: the runs the history lists, by trigger; the calls the backend got, by kind
    // and outcome; the sessions created and ended.
    let listed = runs(&w);
    for trigger in ["cron", "forced", "delete", "queue"] {
        let n = listed.iter().filter(|r| r["trigger"] == trigger).count();
        assert_eq!(
            m.get("labs_cleanup_runs_total", &[("trigger", trigger)])
                .unwrap_or(0.0),
            n as f64,
            "{trigger}: {listed:?}"
        );
    }
    let seen = calls_by_outcome(&w.backend().calls());
    let counted: BTreeMap<(String, String), f64> = m
        .samples("labs_cleanup_calls_total")
        .into_iter()
        .map(|(l, v)| ((l["kind"].clone(), l["outcome"].clone()), v))
        .collect();
    assert_eq!(
        counted, seen,
        "the Worker's call counts vs the fake's record"
    );
    assert_eq!(
        counted[&("vm".to_owned(), "deleted".to_owned())],
        5.0,
        "{counted:?}"
    );
    assert_eq!(counted[&("vm".to_owned(), "not_found".to_owned())], 1.0);
    assert_eq!(counted[&("vm".to_owned(), "failed".to_owned())], 1.0);
    assert_eq!(counted[&("expose".to_owned(), "deleted".to_owned())], 5.0);
    assert_eq!(m.value("labs_sessions_created_total", &[]), 7.0);
    assert_eq!(
        m.value("labs_sessions_ended_total", &[("reason", "expired")]),
        4.0
    );
    assert_eq!(
        m.value("labs_sessions_ended_total", &[("reason", "deleted")]),
        1.0
    );

    // The failing VM recovers; then 31 days pass and the cron prunes the history: runs and
    // done items older than 30 days go, the counters stay and go on counting.
    w.backend().clear_rule(&failing[0]);
    w.set_clock_offset(10 * MIN);
    assert_eq!(w.sweep()["vms_deleted"], 1);
    let before = Scrape::take(&w, &read);
    let old_runs: BTreeSet<String> = runs(&w)
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_owned())
        .collect();
    let old_items: BTreeSet<i64> = items(&w)
        .iter()
        .map(|i| i["id"].as_i64().unwrap())
        .collect();
    assert!(old_runs.len() >= 4 && !old_items.is_empty());

    let offset = 31 * 24 * 60 * MIN;
    w.set_clock_offset(offset);
    w.fire_cron();
    let after = Scrape::take(&w, &read);
    after.assert_families();
    let kept = runs(&w);
    assert_eq!(kept.len(), 1, "only the pruning cron run is left: {kept:?}");
    assert!(!old_runs.contains(kept[0]["id"].as_str().unwrap()));
    let left: BTreeSet<i64> = items(&w)
        .iter()
        .map(|i| i["id"].as_i64().unwrap())
        .collect();
    assert!(
        left.is_disjoint(&old_items),
        "old done items pruned: {left:?}"
    );

    let (b, a) = (before.counters(), after.counters());
    for (series, value) in &b {
        let now = a
            .get(series)
            .copied()
            .unwrap_or_else(|| panic!("{series} is gone"));
        assert!(now >= *value, "{series} went down: {value} -> {now}");
    }
    assert_eq!(
        after.value("labs_cleanup_runs_total", &[("trigger", "cron")]),
        before.value("labs_cleanup_runs_total", &[("trigger", "cron")]) + 1.0
    );
    assert_eq!(
        after.value("labs_cleanup_runs_total", &[("trigger", "forced")]),
        before.value("labs_cleanup_runs_total", &[("trigger", "forced")])
    );
    // The two 60-minute labs expired meanwhile: this cron ended them and deleted their VMs.
    assert_eq!(
        after.value("labs_sessions_ended_total", &[("reason", "expired")]),
        before.value("labs_sessions_ended_total", &[("reason", "expired")]) + 2.0
    );
    assert_eq!(after.value("labs_sessions_live", &[]), 0.0);
    assert_eq!(
        after.value("labs_cleanup_last_cron_run_timestamp_seconds", &[]),
        (ms(kept[0]["started_at"].as_str().unwrap()) / 1000) as f64
    );
    let seen = calls_by_outcome(&w.backend().calls());
    let counted: BTreeMap<(String, String), f64> = after
        .samples("labs_cleanup_calls_total")
        .into_iter()
        .map(|(l, v)| ((l["kind"].clone(), l["outcome"].clone()), v))
        .collect();
    assert_eq!(counted, seen, "every call ever made is still counted");
}

/// The secret parts of the backend URL and of the webhook URL in the alert test.
const SECRET: &str = "s3cr3t";
const PREFIX: &str = "/tenant-s3cr3t-7f3a";
const HOOK_PATH: &str = "/webhook/T0-hook-s3cr3t";

#[test]
fn each_dead_vm_is_alerted_once_through_webhook_failures_while_deletions_go_on() {
    let w = Worker::start(
        WorkerOptions::default()
            .var("CLEANUP_MAX_ATTEMPTS", "3")
            .var("ALERT_WEBHOOK_URL", &format!("http://{{fake}}{HOOK_PATH}"))
            .backend_url(&format!("http://user:{SECRET}@{{fake}}{PREFIX}/"))
            .backend_path_prefix(PREFIX),
    );
    let host_port = w.backend().addr().to_string();
    // A: its master VM's deletion always fails; B: its worker VM's. Both die at the third
    // attempt (sweep 2). G0..G5 end one per sweep, so every sweep has VMs to delete.
    let (a_user, a_ids) = lab(&w, "alert-a", 0, 1);
    let (b_user, b_ids) = lab(&w, "alert-b", 1, 1);
    let good: Vec<Vec<String>> = (0..6)
        .map(|k| lab(&w, &format!("alert-g{k}"), 1, 1 + 5 * k).1)
        .collect();
    let dying = [a_ids[0].clone(), b_ids[1].clone()];
    for vm in &dying {
        w.backend()
            .set_rule_on(Endpoint::DeleteVm, vm, Rule::always(Outcome::status(500)));
        // The webhook fails each alert twice, then accepts it.
        w.backend().set_rule_on(
            Endpoint::Webhook,
            vm,
            Rule::script([Outcome::status(500), Outcome::status(500)]),
        );
    }

    let mut webhook_calls_after = Vec::new();
    for (k, g) in good.iter().enumerate() {
        let seq_before = w.backend().calls().last().map_or(0, |c| c.seq);
        w.set_clock_offset((2 + 5 * k as i64) * MIN);
        let run = w.sweep();
        // B's master goes with G0 in the first sweep.
        let expected = if k == 0 { 3 } else { 2 };
        assert_eq!(run["vms_deleted"], expected, "sweep {k}: {run}");
        assert!(g.iter().all(|id| deleted(&w).contains(id)), "sweep {k}");
        if k == 2 {
            assert_eq!(run["newly_dead"], 2, "{run}");
        }
        let this_sweep: Vec<BackendCall> = w
            .backend()
            .calls()
            .into_iter()
            .filter(|c| c.seq > seq_before)
            .collect();
        let vm_work_end = this_sweep
            .iter()
            .filter(|c| matches!(c.kind, CallKind::DeleteVm | CallKind::Expose))
            .map(|c| c.finished_at().expect("answered"))
            .max()
            .expect("VM work in every sweep");
        for call in this_sweep.iter().filter(|c| c.kind == CallKind::Webhook) {
            assert!(
                call.started_at() >= vm_work_end,
                "sweep {k}: an alert went out before the VM work ended: {call:?}"
            );
        }
        webhook_calls_after.push(w.backend().calls_of(CallKind::Webhook).len());
        if k == 2 {
            // Dead: the status is failing (these sweeps are forced, so the cron is stale
            // too), the queue lists the alerts as their own kind.
            let s = status(&w);
            assert_eq!(s["status"], "failing", "{s}");
            assert!(codes(&s).contains(&"dead_items".to_owned()), "{s}");
            assert_eq!(s["queue"]["dead"], 2, "alerts are not VM calls: {s}");
            let alerts: Vec<Value> = items(&w)
                .into_iter()
                .filter(|i| i["kind"] == "alert")
                .collect();
            assert_eq!(alerts.len(), 2, "{alerts:?}");
            for alert in &alerts {
                assert_eq!(alert["state"], "pending", "{alert}");
                assert_eq!(alert["attempts"], 1, "{alert}");
                assert_eq!(alert["last_status"], 500, "{alert}");
                let error = alert["last_error"].as_str().unwrap();
                assert!(
                    error.contains("POST ALERT_WEBHOOK_URL answered 500"),
                    "{error}"
                );
            }
        }
    }
    // Two alerts, each tried in sweeps 2, 3 and 4; nothing after.
    assert_eq!(webhook_calls_after, [0, 0, 2, 4, 6, 6]);
    let hook_calls = w.backend().calls_of(CallKind::Webhook);
    let answers: Vec<Answer> = hook_calls.iter().map(|c| c.answer).collect();
    assert_eq!(
        answers,
        [500, 500, 500, 500, 200, 200].map(Answer::Status),
        "{hook_calls:?}"
    );

    // Exactly one accepted alert per dead item, with the facts and the retry command.
    let dead: BTreeMap<String, Value> = items(&w)
        .into_iter()
        .filter(|i| i["state"] == "dead")
        .map(|i| (i["lab_request_id"].as_str().unwrap().to_owned(), i))
        .collect();
    assert_eq!(
        dead.keys().cloned().collect::<BTreeSet<_>>(),
        dying.iter().cloned().collect::<BTreeSet<_>>()
    );
    let alerts = w.backend().alerts();
    assert_eq!(alerts.len(), 2, "{alerts:?}");
    let alerted: BTreeSet<i64> = alerts
        .iter()
        .map(|a| a["item_id"].as_i64().unwrap())
        .collect();
    assert_eq!(
        alerted,
        dead.values().map(|i| i["id"].as_i64().unwrap()).collect(),
        "one alert per dead item"
    );
    for alert in &alerts {
        let vm = alert["lab_request_id"].as_str().unwrap();
        let item = &dead[vm];
        let id = item["id"].as_i64().unwrap();
        let user = if vm == a_ids[0] { &a_user } else { &b_user };
        assert_eq!(alert["event"], "vm_deletion_dead", "{alert}");
        assert_eq!(alert["user_id"], json!(user), "{alert}");
        assert_eq!(alert["lab_id"], item["lab_id"], "{alert}");
        assert_eq!(alert["attempts"], 3, "{alert}");
        let error = alert["last_error"].as_str().unwrap();
        assert!(
            error.contains("POST /api/v1/labs/delete answered 500"),
            "{error}"
        );
        assert_eq!(
            alert["retry_command"],
            json!(format!("labctl cleanup retry {id}"))
        );
        let text = alert["text"].as_str().unwrap();
        assert!(
            text.contains(vm)
                && text.contains(user)
                && text.contains(&format!("labctl cleanup retry {id}")),
            "Slack's text says which VM and what to do: {text}"
        );
    }
    // Sent as JSON, without the backend's token or any Authorization header; no body holds
    // a token, the backend URL or its secret parts.
    let never = [
        SECRET,
        "user:",
        PREFIX,
        &host_port,
        w.backend_token(),
        w.token(),
        w.second_token(),
        "Bearer",
    ];
    for call in &hook_calls {
        assert_eq!(call.path, HOOK_PATH);
        assert!(!call.has_authorization, "{call:?}");
        assert_eq!(call.content_type.as_deref(), Some("application/json"));
        for secret in never {
            assert!(!call.body.contains(secret), "{secret:?} in {}", call.body);
        }
    }
    // The alerts are done; the webhook URL (a secret, like Slack's) shows nowhere a read
    // token looks, nor in the logs.
    let queued: Vec<Value> = items(&w)
        .into_iter()
        .filter(|i| i["kind"] == "alert")
        .collect();
    assert!(queued.iter().all(|i| i["state"] == "done"), "{queued:?}");
    let mut visible: Vec<String> = items(&w).iter().map(Value::to_string).collect();
    visible.extend(runs(&w).iter().map(Value::to_string));
    visible.push(w.logs());
    for text in &visible {
        for secret in [SECRET, HOOK_PATH, "T0-hook"] {
            if let Some(line) = text.lines().find(|l| l.contains(secret)) {
                panic!("{secret:?} is visible: {line}");
            }
        }
    }
    // The alert calls are counted apart from the VM calls.
    let m = Scrape::take(&w, w.token());
    let alert_calls: f64 = m
        .samples("labs_cleanup_calls_total")
        .iter()
        .filter(|(l, _)| l["kind"] == "alert")
        .map(|(_, v)| v)
        .sum();
    assert_eq!(alert_calls, 6.0, "{}", m.text);
    assert_eq!(
        m.value(
            "labs_cleanup_calls_total",
            &[("kind", "alert"), ("outcome", "failed")]
        ),
        4.0
    );
    // An accepted alert is counted under the outcome a confirmed VM deletion has.
    assert_eq!(
        m.value(
            "labs_cleanup_calls_total",
            &[("kind", "alert"), ("outcome", "deleted")]
        ),
        2.0
    );
}
