//! The fake's shared state: recorded calls, installed rules, latency and in-flight counters.
//!
//! Everything sits behind one `std::sync::Mutex` that is only ever held for a few field
//! updates, never across an `.await`, so the synchronous [`crate::FakeBackend`] handle and the
//! server's tasks can both use it. Deciding a call's outcome and recording its arrival happen
//! under the same lock, so the order of `seq` is the order in which scripts are consumed.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use crate::calls::{Answer, Call, CallKind};
use crate::rules::{ActiveRule, Endpoint, Outcome, Rule};

/// Which calls an installed rule applies to: an id (or every id without a rule of its own)
/// and an endpoint (or both).
type RuleKey = (Option<String>, Option<Endpoint>);

/// A rule as installed, with its progress; what [`crate::FakeBackend::rules`] and
/// `GET /__fake/rules` list.
///
/// JSON: `{"lab_request_id": "lr-1", "endpoint": null, "rule": {...}, "script_left": 2}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InstalledRule {
    /// The id the rule is for; `None` for the default rule.
    pub lab_request_id: Option<String>,
    /// The endpoint the rule is limited to; `None` for both.
    pub endpoint: Option<Endpoint>,
    /// The rule as it was installed.
    pub rule: Rule,
    /// How many script entries have not been consumed yet.
    pub script_left: usize,
}

/// Counters describing the fake right now; what `GET /__fake/stats` returns.
///
/// JSON: `{"calls": 12, "in_flight": 0, "max_in_flight": 3, "latency_ms": 50, "refusing": false}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stats {
    /// Calls recorded since the last clear.
    pub calls: usize,
    /// Backend calls being handled right now (including ones waiting out latency or a hang).
    pub in_flight: usize,
    /// The most calls in flight at once since start or the last reset of the maximum.
    pub max_in_flight: usize,
    /// The latency added to every answer, in milliseconds.
    pub latency_ms: u64,
    /// Whether the fake is refusing connections (its listening socket is closed).
    pub refusing: bool,
}

/// What the backend handler knows about a request once its body is read.
pub(crate) struct Arrival {
    pub(crate) received: Instant,
    pub(crate) kind: CallKind,
    pub(crate) method: String,
    pub(crate) path: String,
    pub(crate) lab_request_id: Option<String>,
    pub(crate) user_id: Option<String>,
    pub(crate) auth_ok: bool,
    pub(crate) has_authorization: bool,
    pub(crate) content_type: Option<String>,
    pub(crate) body: String,
    /// An answer that takes precedence over rules (404, 401, 400).
    pub(crate) forced: Option<Outcome>,
}

#[derive(Default)]
struct Inner {
    calls: Vec<Call>,
    last_seq: u64,
    rules: BTreeMap<RuleKey, ActiveRule>,
    latency: Duration,
    in_flight: usize,
    max_in_flight: usize,
    refusing: bool,
}

/// State shared by the handle and the server.
pub(crate) struct Shared {
    inner: Mutex<Inner>,
    start: Instant,
    token: Option<String>,
    log_calls: bool,
    /// The endpoints live under this prefix (no trailing slash), when set.
    path_prefix: Option<String>,
}

impl Shared {
    #[cfg(test)]
    pub(crate) fn new(token: Option<String>, log_calls: bool) -> Arc<Self> {
        Shared::with_path_prefix(token, log_calls, None)
    }

    pub(crate) fn with_path_prefix(
        token: Option<String>,
        log_calls: bool,
        path_prefix: Option<String>,
    ) -> Arc<Self> {
        let path_prefix = path_prefix
            .map(|p| format!("/{}", p.trim_matches('/')))
            .filter(|p| p != "/");
        Arc::new(Shared {
            inner: Mutex::new(Inner::default()),
            start: Instant::now(),
            token,
            log_calls,
            path_prefix,
        })
    }

    /// What a request to `path` is: the VM backend's endpoints are matched after the
    /// configured prefix (a path outside it is [`CallKind::Other`]); the landing page and the
    /// webhook, which are not the VM backend's, are at their paths either way.
    pub(crate) fn classify(&self, method: &str, path: &str) -> CallKind {
        let bare = CallKind::classify(method, path);
        if matches!(bare, CallKind::Landing | CallKind::Webhook) {
            return bare;
        }
        let Some(prefix) = &self.path_prefix else {
            return CallKind::classify(method, path);
        };
        match path.strip_prefix(prefix.as_str()) {
            Some(rest) if rest.starts_with('/') => match CallKind::classify(method, rest) {
                CallKind::Webhook => CallKind::Other,
                kind => kind,
            },
            _ => CallKind::Other,
        }
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        // A panic while holding the lock leaves plain data behind, still usable.
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Whether `authorization` (the header value) carries the expected bearer token.
    pub(crate) fn auth_ok(&self, authorization: Option<&str>) -> bool {
        let Some(expected) = &self.token else {
            return true;
        };
        let Some(value) = authorization else {
            return false;
        };
        match value.split_once(' ') {
            Some((scheme, token)) => {
                scheme.eq_ignore_ascii_case("bearer") && token.trim() == expected.as_str()
            }
            None => false,
        }
    }

    /// Records the arrival of a call, decides its outcome and counts it in flight.
    pub(crate) fn begin(self: &Arc<Self>, arrival: Arrival) -> (InFlight, Outcome, Duration) {
        let mut inner = self.lock();
        let outcome = match arrival.forced {
            Some(forced) => forced,
            None => Self::next_outcome(&mut inner, &arrival),
        };
        inner.last_seq += 1;
        let seq = inner.last_seq;
        inner.calls.push(Call {
            seq,
            received_at: arrival.received.saturating_duration_since(self.start),
            took: None,
            kind: arrival.kind,
            method: arrival.method,
            path: arrival.path,
            lab_request_id: arrival.lab_request_id,
            user_id: arrival.user_id,
            auth_ok: arrival.auth_ok,
            has_authorization: arrival.has_authorization,
            content_type: arrival.content_type,
            body: arrival.body,
            outcome: outcome.clone(),
            answer: Answer::InFlight,
        });
        inner.in_flight += 1;
        inner.max_in_flight = inner.max_in_flight.max(inner.in_flight);
        let latency = inner.latency;
        let guard = InFlight {
            shared: Arc::clone(self),
            seq,
            received: arrival.received,
            finished: false,
        };
        (guard, outcome, latency)
    }

    /// The outcome the most specific matching rule gives: id and endpoint, id, default and
    /// endpoint, default; `200` without any. A webhook call only looks at rules scoped to
    /// the webhook (id and webhook, default and webhook): a rule making the VM backend fail
    /// says nothing about the webhook, a service of its own.
    fn next_outcome(inner: &mut Inner, arrival: &Arrival) -> Outcome {
        let endpoint = arrival.kind.endpoint();
        let id = arrival.lab_request_id.clone();
        let candidates: Vec<RuleKey> = if endpoint == Some(Endpoint::Webhook) {
            vec![(id, endpoint), (None, endpoint)]
        } else {
            vec![
                (id.clone(), endpoint),
                (id, None),
                (None, endpoint),
                (None, None),
            ]
        };
        for key in candidates {
            if let Some(rule) = inner.rules.get_mut(&key) {
                return rule.next_outcome();
            }
        }
        Outcome::ok()
    }

    fn finish(&self, seq: u64, answer: Answer, received: Instant) {
        let line = {
            let mut inner = self.lock();
            inner.in_flight = inner.in_flight.saturating_sub(1);
            // Calls are sorted by seq; a clear may have removed this one meanwhile.
            let found = inner.calls.binary_search_by_key(&seq, |c| c.seq).ok();
            found.map(|index| {
                let call = &mut inner.calls[index];
                call.answer = answer;
                call.took = Some(received.elapsed());
                call.to_string()
            })
        };
        if self.log_calls {
            let line = line.unwrap_or_else(|| format!("#{seq} (cleared) -> {answer}"));
            eprintln!("fake-backend: {line}");
        }
    }

    pub(crate) fn calls(&self) -> Vec<Call> {
        self.lock().calls.clone()
    }

    pub(crate) fn calls_for(&self, lab_request_id: &str) -> Vec<Call> {
        self.lock()
            .calls
            .iter()
            .filter(|c| c.lab_request_id.as_deref() == Some(lab_request_id))
            .cloned()
            .collect()
    }

    pub(crate) fn calls_of(&self, kind: CallKind) -> Vec<Call> {
        self.lock()
            .calls
            .iter()
            .filter(|c| c.kind == kind)
            .cloned()
            .collect()
    }

    pub(crate) fn confirmed_delete_counts(&self) -> BTreeMap<String, usize> {
        let mut counts = BTreeMap::new();
        for call in self.lock().calls.iter().filter(|c| c.is_confirmed_delete()) {
            if let Some(id) = &call.lab_request_id {
                *counts.entry(id.clone()).or_insert(0) += 1;
            }
        }
        counts
    }

    pub(crate) fn confirmed_deletes(&self, lab_request_id: &str) -> usize {
        self.lock()
            .calls
            .iter()
            .filter(|c| {
                c.is_confirmed_delete() && c.lab_request_id.as_deref() == Some(lab_request_id)
            })
            .count()
    }

    pub(crate) fn deleted_ids(&self) -> BTreeSet<String> {
        self.confirmed_delete_counts().into_keys().collect()
    }

    pub(crate) fn clear_calls(&self) {
        self.lock().calls.clear();
    }

    pub(crate) fn set_rule(&self, id: Option<String>, endpoint: Option<Endpoint>, rule: Rule) {
        self.lock()
            .rules
            .insert((id, endpoint), ActiveRule::new(rule));
    }

    /// Removes the rules of `id` (`None`: the default rules), for one endpoint or all.
    pub(crate) fn remove_rules(&self, id: Option<&str>, endpoint: Option<Endpoint>) {
        self.lock().rules.retain(|(rule_id, rule_endpoint), _| {
            let same_id = rule_id.as_deref() == id;
            let same_endpoint = endpoint.is_none() || *rule_endpoint == endpoint;
            !(same_id && same_endpoint)
        });
    }

    pub(crate) fn clear_rules(&self) {
        self.lock().rules.clear();
    }

    pub(crate) fn rules(&self) -> Vec<InstalledRule> {
        self.lock()
            .rules
            .iter()
            .map(|((id, endpoint), active)| InstalledRule {
                lab_request_id: id.clone(),
                endpoint: *endpoint,
                rule: active.rule().clone(),
                script_left: active.script_left(),
            })
            .collect()
    }

    pub(crate) fn set_latency(&self, latency: Duration) {
        self.lock().latency = latency;
    }

    pub(crate) fn set_refusing(&self, refusing: bool) {
        self.lock().refusing = refusing;
    }

    pub(crate) fn reset_max_in_flight(&self) {
        let mut inner = self.lock();
        inner.max_in_flight = inner.in_flight;
    }

    /// Forgets calls and rules and sets the latency back to zero.
    pub(crate) fn clear(&self) {
        let mut inner = self.lock();
        inner.calls.clear();
        inner.rules.clear();
        inner.latency = Duration::ZERO;
    }

    pub(crate) fn stats(&self) -> Stats {
        let inner = self.lock();
        Stats {
            calls: inner.calls.len(),
            in_flight: inner.in_flight,
            max_in_flight: inner.max_in_flight,
            latency_ms: crate::rules::duration_ms(inner.latency),
            refusing: inner.refusing,
        }
    }
}

/// A call being handled. Finishing it records its answer; dropping it unfinished (the
/// connection went away, or the fake shut down) records [`Answer::Abandoned`]. Either way the
/// call stops counting as in flight.
pub(crate) struct InFlight {
    shared: Arc<Shared>,
    seq: u64,
    received: Instant,
    finished: bool,
}

impl InFlight {
    pub(crate) fn finish(&mut self, answer: Answer) {
        if !self.finished {
            self.finished = true;
            self.shared.finish(self.seq, answer, self.received);
        }
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        self.finish(Answer::Abandoned);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn arrival(kind: CallKind, id: &str) -> Arrival {
        Arrival {
            received: Instant::now(),
            kind,
            method: "POST".into(),
            path: "/api/v1/labs/delete".into(),
            lab_request_id: Some(id.into()),
            user_id: Some("u".into()),
            auth_ok: true,
            has_authorization: true,
            content_type: None,
            body: String::new(),
            forced: None,
        }
    }

    fn outcome_for(shared: &Arc<Shared>, kind: CallKind, id: &str) -> Outcome {
        let (mut guard, outcome, _) = shared.begin(arrival(kind, id));
        guard.finish(Answer::Status(200));
        outcome
    }

    #[test]
    fn most_specific_rule_wins() {
        let shared = Shared::new(None, false);
        assert_eq!(outcome_for(&shared, CallKind::DeleteVm, "a"), Outcome::ok());

        shared.set_rule(None, None, Rule::always(Outcome::status(500)));
        shared.set_rule(
            None,
            Some(Endpoint::Expose),
            Rule::always(Outcome::status(501)),
        );
        shared.set_rule(Some("a".into()), None, Rule::always(Outcome::status(502)));
        shared.set_rule(
            Some("a".into()),
            Some(Endpoint::DeleteVm),
            Rule::always(Outcome::status(503)),
        );

        assert_eq!(
            outcome_for(&shared, CallKind::DeleteVm, "a"),
            Outcome::status(503)
        );
        assert_eq!(
            outcome_for(&shared, CallKind::Expose, "a"),
            Outcome::status(502)
        );
        assert_eq!(
            outcome_for(&shared, CallKind::Expose, "b"),
            Outcome::status(501)
        );
        assert_eq!(
            outcome_for(&shared, CallKind::DeleteVm, "b"),
            Outcome::status(500)
        );

        shared.remove_rules(Some("a"), Some(Endpoint::DeleteVm));
        assert_eq!(
            outcome_for(&shared, CallKind::DeleteVm, "a"),
            Outcome::status(502)
        );
        shared.remove_rules(Some("a"), None);
        assert_eq!(
            outcome_for(&shared, CallKind::DeleteVm, "a"),
            Outcome::status(500)
        );
        shared.remove_rules(None, None);
        assert_eq!(outcome_for(&shared, CallKind::Expose, "a"), Outcome::ok());
        assert!(shared.rules().is_empty());
    }

    #[test]
    fn a_webhook_call_only_follows_webhook_rules() {
        let shared = Shared::new(None, false);
        // The VM backend failing everywhere, and for this id, says nothing of the webhook.
        shared.set_rule(None, None, Rule::always(Outcome::status(500)));
        shared.set_rule(Some("a".into()), None, Rule::always(Outcome::status(502)));
        shared.set_rule(
            None,
            Some(Endpoint::DeleteVm),
            Rule::always(Outcome::status(503)),
        );
        assert_eq!(outcome_for(&shared, CallKind::Webhook, "a"), Outcome::ok());
        shared.set_rule(
            None,
            Some(Endpoint::Webhook),
            Rule::script([Outcome::status(500)]),
        );
        shared.set_rule(
            Some("b".into()),
            Some(Endpoint::Webhook),
            Rule::always(Outcome::status(429)),
        );
        assert_eq!(
            outcome_for(&shared, CallKind::Webhook, "a"),
            Outcome::status(500)
        );
        assert_eq!(outcome_for(&shared, CallKind::Webhook, "a"), Outcome::ok());
        assert_eq!(
            outcome_for(&shared, CallKind::Webhook, "b"),
            Outcome::status(429)
        );
        // ... and a webhook rule says nothing of the VM backend.
        assert_eq!(
            outcome_for(&shared, CallKind::DeleteVm, "b"),
            Outcome::status(503)
        );
        assert_eq!(shared.calls_of(CallKind::Webhook).len(), 4);
    }

    #[test]
    fn forced_outcome_does_not_consume_the_script() {
        let shared = Shared::new(None, false);
        shared.set_rule(Some("a".into()), None, Rule::script([Outcome::status(500)]));
        let mut forced = arrival(CallKind::DeleteVm, "a");
        forced.forced = Some(Outcome::status(401));
        let (_guard, outcome, _) = shared.begin(forced);
        assert_eq!(outcome, Outcome::status(401));
        assert_eq!(shared.rules()[0].script_left, 1);
        assert_eq!(
            outcome_for(&shared, CallKind::DeleteVm, "a"),
            Outcome::status(500)
        );
    }

    #[test]
    fn guard_counts_in_flight_and_records_abandonment() {
        let shared = Shared::new(None, false);
        let (a, _, _) = shared.begin(arrival(CallKind::DeleteVm, "a"));
        let (mut b, _, _) = shared.begin(arrival(CallKind::DeleteVm, "b"));
        assert_eq!(shared.stats().in_flight, 2);
        b.finish(Answer::Status(404));
        drop(a);
        let stats = shared.stats();
        assert_eq!((stats.in_flight, stats.max_in_flight), (0, 2));
        let calls = shared.calls();
        assert_eq!(calls[0].answer, Answer::Abandoned);
        assert_eq!(calls[1].answer, Answer::Status(404));
        assert!(calls.iter().all(|c| c.took.is_some()));
        assert_eq!(shared.deleted_ids(), BTreeSet::from(["b".to_string()]));
        assert_eq!(shared.confirmed_deletes("b"), 1);
        assert_eq!(shared.confirmed_deletes("a"), 0);
        shared.reset_max_in_flight();
        assert_eq!(shared.stats().max_in_flight, 0);
    }

    #[test]
    fn a_path_prefix_moves_the_endpoints_but_not_the_landing_page() {
        let plain = Shared::new(None, false);
        assert_eq!(
            plain.classify("POST", "/api/v1/labs/delete"),
            CallKind::DeleteVm
        );
        for prefix in ["/tenant-7", "tenant-7/", "/tenant-7/"] {
            let shared = Shared::with_path_prefix(None, false, Some(prefix.into()));
            assert_eq!(
                shared.classify("POST", "/tenant-7/api/v1/labs/delete"),
                CallKind::DeleteVm,
                "{prefix}"
            );
            assert_eq!(
                shared.classify("DELETE", "/tenant-7/api/v1/expose/"),
                CallKind::Expose
            );
            assert_eq!(
                shared.classify("POST", "/api/v1/labs/delete"),
                CallKind::Other
            );
            assert_eq!(
                shared.classify("POST", "/tenant-77/api/v1/labs/delete"),
                CallKind::Other
            );
            assert_eq!(shared.classify("GET", "/landing"), CallKind::Landing);
            assert_eq!(shared.classify("POST", "/webhook/x"), CallKind::Webhook);
            assert_eq!(
                shared.classify("POST", "/tenant-7/webhook"),
                CallKind::Other,
                "the webhook is not the VM backend's"
            );
        }
        let root = Shared::with_path_prefix(None, false, Some("/".into()));
        assert_eq!(
            root.classify("POST", "/api/v1/labs/delete"),
            CallKind::DeleteVm
        );
    }

    #[test]
    fn bearer_check() {
        let shared = Shared::new(Some("s3cret".into()), false);
        assert!(shared.auth_ok(Some("Bearer s3cret")));
        assert!(shared.auth_ok(Some("bearer s3cret")));
        assert!(!shared.auth_ok(Some("Bearer wrong")));
        assert!(!shared.auth_ok(Some("Basic s3cret")));
        assert!(!shared.auth_ok(Some("Bearer")));
        assert!(!shared.auth_ok(Some("s3cret")));
        assert!(!shared.auth_ok(None));
        let open = Shared::new(None, false);
        assert!(open.auth_ok(None));
    }
}
