//! Fault rules: what the fake does with a backend call instead of answering `200`.
//!
//! An [`Outcome`] is one behaviour for one call (answer a status, hang, drop the connection).
//! A [`Rule`] says which outcome each successive call gets: first the entries of its
//! `script`, one per call, then its `steady` outcome, optionally made [`Flaky`]. Rules are
//! installed per `lab_request_id` (or as the default) and optionally per [`Endpoint`]; the
//! lookup order lives in [`crate::state`].
//!
//! The JSON forms (used by the control API) are documented on each type and in the crate docs.

use std::collections::VecDeque;
use std::fmt;
use std::time::Duration;

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value, json};

/// One of the endpoints the Worker calls, the VM backend's two and the alert webhook; rules
/// can be scoped to one of them.
///
/// JSON: `"expose"`, `"delete_vm"` or `"webhook"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Endpoint {
    /// `DELETE /api/v1/expose/`: remove the exposed services of a master VM.
    Expose,
    /// `POST /api/v1/labs/delete`: delete one VM.
    DeleteVm,
    /// `POST /webhook[/...]` ([`WEBHOOK_PATH`]): the alert webhook (`ALERT_WEBHOOK_URL`), a
    /// service of its own: only rules scoped to this endpoint apply to it, never a
    /// both-endpoints rule of the VM backend.
    Webhook,
}

impl fmt::Display for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Endpoint::Expose => "expose",
            Endpoint::DeleteVm => "delete_vm",
            Endpoint::Webhook => "webhook",
        })
    }
}

/// What the fake does with one backend call.
///
/// JSON forms (accepted by the control API; the first of each is what it writes back):
///
/// | Rust | JSON |
/// | --- | --- |
/// | `Status { status: 503, body: None }` | `{"status": 503}` or just `503` |
/// | `Status { status: 500, body: Some(b) }` | `{"status": 500, "body": "<raw body text>"}` |
/// | `Hang { duration: Some(300 ms), then: None }` | `{"hang_ms": 300}` |
/// | `Hang { duration: Some(300 ms), then: Some(o) }` | `{"hang_ms": 300, "then": <outcome>}` |
/// | `Hang { duration: None, then: None }` | `{"hang_ms": null}` or `"hang"` |
/// | `Drop` | `"drop"` |
/// | `Redirect { status: 302, location: None }` | `{"redirect": 302}` |
/// | `Redirect { status: 307, location: Some(l) }` | `{"redirect": 307, "location": "<l>"}` |
///
/// Statuses must lie in `200..=599`; redirect statuses are [`REDIRECT_STATUSES`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Answer with `status`. With `body: None` the body is `{"success":true}` for a 2xx and
    /// `{"success":false,"error":"fake backend: injected <status>"}` otherwise. A given body
    /// is sent as is (`Content-Type: application/json` if it parses as JSON, else
    /// `text/plain`).
    Status {
        /// The HTTP status code, `200..=599`.
        status: u16,
        /// The raw body to send instead of the default one.
        body: Option<String>,
    },
    /// Hold the request (the call stays in flight) for `duration`, or until the fake shuts
    /// down when `None`, then carry out `then`, or drop the connection when `then` is `None`.
    /// Use it to exercise the caller's per-call timeout.
    Hang {
        /// How long to hold the request; `None` holds it until shutdown.
        duration: Option<Duration>,
        /// What to do once the hold is over; `None` drops the connection.
        then: Option<Box<Outcome>>,
    },
    /// Close the connection without sending any response.
    Drop,
    /// Answer with a redirect: `status` (one of [`REDIRECT_STATUSES`]) and a `Location`
    /// header, `location` or, when `None`, [`LANDING_PATH`] — a page on the fake itself that
    /// answers `200` to any method, so a caller that follows the redirect ends at a `200`
    /// that is not the backend confirming anything (and the fake records that it followed).
    /// The body is `{"success":false,"error":"fake backend: redirect to <location>"}`.
    Redirect {
        /// 301, 302, 303, 307 or 308.
        status: u16,
        /// The `Location` header; `None` is [`LANDING_PATH`].
        location: Option<String>,
    },
}

/// Where the fake's alert webhook listens: `POST` on this path, or on any path under it
/// (`/webhook/T000/B000/XXXX`, as a Slack incoming-webhook URL has a secret path), is a
/// [`crate::CallKind::Webhook`] call, whatever [`crate::FakeBackendConfig::path_prefix`] is.
pub const WEBHOOK_PATH: &str = "/webhook";

/// The statuses [`Outcome::Redirect`] accepts.
pub const REDIRECT_STATUSES: [u16; 5] = [301, 302, 303, 307, 308];

/// The fake's landing page, where a default [`Outcome::Redirect`] points: any method on this
/// path answers `200` `{"success":true}` (no token needed) and is recorded as a
/// [`crate::CallKind::Landing`] call.
pub const LANDING_PATH: &str = "/landing";

impl Outcome {
    /// `200` with the default body: what the fake does when no rule says otherwise.
    pub fn ok() -> Self {
        Outcome::status(200)
    }

    /// Answer `status` with the default body.
    pub fn status(status: u16) -> Self {
        Outcome::Status { status, body: None }
    }

    /// Answer `status` with `body` sent as is.
    pub fn status_with_body(status: u16, body: impl Into<String>) -> Self {
        Outcome::Status {
            status,
            body: Some(body.into()),
        }
    }

    /// Hold the request for `duration`, then drop the connection.
    pub fn hang(duration: Duration) -> Self {
        Outcome::Hang {
            duration: Some(duration),
            then: None,
        }
    }

    /// Hold the request for `duration`, then carry out `then` (a slow answer).
    pub fn hang_then(duration: Duration, then: Outcome) -> Self {
        Outcome::Hang {
            duration: Some(duration),
            then: Some(Box::new(then)),
        }
    }

    /// Hold the request until the fake shuts down.
    pub fn hang_forever() -> Self {
        Outcome::Hang {
            duration: None,
            then: None,
        }
    }

    /// Redirect with `status` to the fake's own [`LANDING_PATH`].
    pub fn redirect(status: u16) -> Self {
        Outcome::Redirect {
            status,
            location: None,
        }
    }

    /// Redirect with `status` to `location` (sent as the `Location` header as is).
    pub fn redirect_to(status: u16, location: impl Into<String>) -> Self {
        Outcome::Redirect {
            status,
            location: Some(location.into()),
        }
    }

    /// Where a redirect points (`None` for other outcomes).
    pub fn location(&self) -> Option<&str> {
        match self {
            Outcome::Redirect { location, .. } => Some(location.as_deref().unwrap_or(LANDING_PATH)),
            _ => None,
        }
    }

    /// The default response body for `status` (see [`Outcome::Status`]).
    pub fn default_body(status: u16) -> String {
        if (200..300).contains(&status) {
            json!({"success": true}).to_string()
        } else {
            json!({"success": false, "error": format!("fake backend: injected {status}")})
                .to_string()
        }
    }

    fn to_value(&self) -> Value {
        match self {
            Outcome::Status { status, body: None } => json!({ "status": status }),
            Outcome::Status {
                status,
                body: Some(body),
            } => json!({ "status": status, "body": body }),
            Outcome::Hang { duration, then } => {
                let mut map = Map::new();
                map.insert(
                    "hang_ms".into(),
                    duration.map_or(Value::Null, |d| json!(duration_ms(d))),
                );
                if let Some(then) = then {
                    map.insert("then".into(), then.to_value());
                }
                Value::Object(map)
            }
            Outcome::Drop => json!("drop"),
            Outcome::Redirect {
                status,
                location: None,
            } => json!({ "redirect": status }),
            Outcome::Redirect {
                status,
                location: Some(location),
            } => json!({ "redirect": status, "location": location }),
        }
    }

    fn from_value(value: &Value) -> Result<Self, String> {
        match value {
            Value::Number(_) => Ok(Outcome::status(parse_status(value)?)),
            Value::String(word) => match word.as_str() {
                "drop" => Ok(Outcome::Drop),
                "hang" => Ok(Outcome::hang_forever()),
                other => Err(format!(
                    "unknown outcome {other:?}: expected \"drop\", \"hang\", a status number or an object"
                )),
            },
            Value::Object(map) => {
                if let Some(status) = map.get("status") {
                    let body = match map.get("body") {
                        None | Some(Value::Null) => None,
                        Some(Value::String(body)) => Some(body.clone()),
                        Some(other) => Some(other.to_string()),
                    };
                    Ok(Outcome::Status {
                        status: parse_status(status)?,
                        body,
                    })
                } else if let Some(ms) = map.get("hang_ms") {
                    let duration = match ms {
                        Value::Null => None,
                        other => Some(Duration::from_millis(other.as_u64().ok_or_else(|| {
                            format!("hang_ms must be a whole number of milliseconds or null, got {other}")
                        })?)),
                    };
                    let then = match map.get("then") {
                        None | Some(Value::Null) => None,
                        Some(then) => Some(Box::new(Outcome::from_value(then)?)),
                    };
                    Ok(Outcome::Hang { duration, then })
                } else if let Some(status) = map.get("redirect") {
                    let status = match status.as_u64().and_then(|n| u16::try_from(n).ok()) {
                        Some(n) if REDIRECT_STATUSES.contains(&n) => n,
                        _ => {
                            return Err(format!(
                                "redirect must be one of {REDIRECT_STATUSES:?}, got {status}"
                            ));
                        }
                    };
                    let location = match map.get("location") {
                        None | Some(Value::Null) => None,
                        Some(Value::String(l)) if !l.is_empty() => Some(l.clone()),
                        Some(other) => {
                            return Err(format!(
                                "location must be a non-empty string, got {other}"
                            ));
                        }
                    };
                    Ok(Outcome::Redirect { status, location })
                } else {
                    Err(format!(
                        "outcome object needs \"status\", \"hang_ms\" or \"redirect\", got {value}"
                    ))
                }
            }
            other => Err(format!("not an outcome: {other}")),
        }
    }
}

impl Default for Outcome {
    /// [`Outcome::ok`].
    fn default() -> Self {
        Outcome::ok()
    }
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Outcome::Status { status, body: None } => write!(f, "{status}"),
            Outcome::Status {
                status,
                body: Some(_),
            } => write!(f, "{status} (custom body)"),
            Outcome::Hang { duration: None, .. } => f.write_str("hang forever"),
            Outcome::Hang {
                duration: Some(d),
                then,
            } => {
                write!(f, "hang {} ms then ", duration_ms(*d))?;
                match then {
                    Some(then) => write!(f, "{then}"),
                    None => f.write_str("drop"),
                }
            }
            Outcome::Drop => f.write_str("drop"),
            Outcome::Redirect { status, .. } => write!(
                f,
                "redirect {status} to {}",
                self.location().unwrap_or(LANDING_PATH)
            ),
        }
    }
}

impl Serialize for Outcome {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.to_value().serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Outcome {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        Outcome::from_value(&value).map_err(D::Error::custom)
    }
}

fn parse_status(value: &Value) -> Result<u16, String> {
    match value.as_u64() {
        Some(n @ 200..=599) => Ok(n as u16),
        _ => Err(format!("status must be a number in 200..=599, got {value}")),
    }
}

pub(crate) fn duration_ms(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}

/// Makes the steady outcome of a [`Rule`] fail at a given rate, reproducibly.
///
/// Each call that falls to the steady outcome draws one number from a PRNG seeded with
/// `seed` when the rule is installed: with probability `rate` the call gets `fail` instead.
/// The same seed and the same order of calls give the same pattern of failures, on every
/// platform and every version of this crate (the PRNG is a hand-rolled SplitMix64 rather
/// than `rand`'s `SmallRng`/`StdRng`, whose output `rand` does not promise to keep stable).
///
/// JSON: `{"rate": 0.3, "seed": 42, "fail": 503}`; `seed` defaults to 0, `fail` to `503`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "FlakyWire")]
pub struct Flaky {
    /// The probability of failing, in `0.0..=1.0`.
    pub rate: f64,
    /// The PRNG seed.
    pub seed: u64,
    /// What a failing call gets.
    pub fail: Outcome,
}

impl Flaky {
    /// Fail with `fail` at `rate` (clamped to `0.0..=1.0`), drawing from a PRNG seeded with `seed`.
    pub fn new(rate: f64, seed: u64, fail: Outcome) -> Self {
        Flaky {
            rate: if rate.is_nan() {
                0.0
            } else {
                rate.clamp(0.0, 1.0)
            },
            seed,
            fail,
        }
    }
}

#[derive(Deserialize)]
struct FlakyWire {
    rate: f64,
    #[serde(default)]
    seed: u64,
    #[serde(default = "default_flaky_fail")]
    fail: Outcome,
}

fn default_flaky_fail() -> Outcome {
    Outcome::status(503)
}

impl TryFrom<FlakyWire> for Flaky {
    type Error = String;

    fn try_from(wire: FlakyWire) -> Result<Self, Self::Error> {
        if !(0.0..=1.0).contains(&wire.rate) {
            return Err(format!("rate must lie in 0.0..=1.0, got {}", wire.rate));
        }
        Ok(Flaky::new(wire.rate, wire.seed, wire.fail))
    }
}

/// Which outcome each successive call gets.
///
/// Calls first consume `script`, front first, one entry per call; once it is empty every call
/// gets `steady`, or `flaky.fail` when `flaky` says so. The default rule is "always `200`".
///
/// JSON (every field optional):
/// `{"script": [500, 500, 200], "steady": 200, "flaky": {"rate": 0.5, "seed": 7, "fail": 503}}`.
///
/// ```
/// use labs_fake_backend::{Outcome, Rule};
/// use std::time::Duration;
///
/// // Two failures, then a success, then success forever.
/// let retry_twice = Rule::script([Outcome::status(500), Outcome::status(503)]);
/// // Always too slow for a 1 s client timeout.
/// let timeout = Rule::always(Outcome::hang(Duration::from_secs(2)));
/// // Half the calls fail, reproducibly.
/// let flaky = Rule::default().flaky(0.5, 7, Outcome::status(503));
/// # let _ = (retry_twice, timeout, flaky);
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Rule {
    /// Outcomes consumed one per call before `steady` applies.
    #[serde(default)]
    pub script: Vec<Outcome>,
    /// The outcome once the script is used up.
    #[serde(default)]
    pub steady: Outcome,
    /// Optional random failures of the steady outcome.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flaky: Option<Flaky>,
}

impl Rule {
    /// Every call gets `outcome`.
    pub fn always(outcome: Outcome) -> Self {
        Rule {
            steady: outcome,
            ..Rule::default()
        }
    }

    /// Calls get the `script` entries in order, then `200` (change it with [`Rule::then`]).
    pub fn script(script: impl IntoIterator<Item = Outcome>) -> Self {
        Rule {
            script: script.into_iter().collect(),
            ..Rule::default()
        }
    }

    /// Sets the steady outcome that follows the script.
    pub fn then(mut self, steady: Outcome) -> Self {
        self.steady = steady;
        self
    }

    /// Makes the steady outcome fail with `fail` at `rate`, reproducibly from `seed`
    /// (see [`Flaky`]).
    pub fn flaky(mut self, rate: f64, seed: u64, fail: Outcome) -> Self {
        self.flaky = Some(Flaky::new(rate, seed, fail));
        self
    }
}

/// An installed rule: the rule plus its progress (script left, PRNG state).
#[derive(Debug, Clone)]
pub(crate) struct ActiveRule {
    rule: Rule,
    script: VecDeque<Outcome>,
    rng: SplitMix64,
}

impl ActiveRule {
    pub(crate) fn new(rule: Rule) -> Self {
        let script = rule.script.iter().cloned().collect();
        let rng = SplitMix64::new(rule.flaky.as_ref().map_or(0, |f| f.seed));
        ActiveRule { rule, script, rng }
    }

    /// The rule as it was installed.
    pub(crate) fn rule(&self) -> &Rule {
        &self.rule
    }

    /// How many script entries are still to be consumed.
    pub(crate) fn script_left(&self) -> usize {
        self.script.len()
    }

    /// The outcome for the next call, advancing the script or the PRNG.
    pub(crate) fn next_outcome(&mut self) -> Outcome {
        if let Some(outcome) = self.script.pop_front() {
            return outcome;
        }
        match &self.rule.flaky {
            Some(flaky) if self.rng.next_f64() < flaky.rate => flaky.fail.clone(),
            _ => self.rule.steady.clone(),
        }
    }
}

/// SplitMix64 (Steele, Lea, Flood 2014): tiny, fast, and its output is fixed forever.
#[derive(Debug, Clone)]
pub(crate) struct SplitMix64(u64);

impl SplitMix64 {
    pub(crate) fn new(seed: u64) -> Self {
        SplitMix64(seed)
    }

    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A uniform number in `0.0..1.0` (53 random bits).
    pub(crate) fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outcome(json: &str) -> Result<Outcome, serde_json::Error> {
        serde_json::from_str(json)
    }

    #[test]
    fn outcome_json_forms_are_accepted() {
        assert_eq!(outcome("503").unwrap(), Outcome::status(503));
        assert_eq!(outcome(r#"{"status": 404}"#).unwrap(), Outcome::status(404));
        assert_eq!(
            outcome(r#"{"status": 500, "body": "boom"}"#).unwrap(),
            Outcome::status_with_body(500, "boom")
        );
        assert_eq!(
            outcome(r#"{"status": 500, "body": {"error": "x"}}"#).unwrap(),
            Outcome::status_with_body(500, r#"{"error":"x"}"#)
        );
        assert_eq!(outcome(r#""drop""#).unwrap(), Outcome::Drop);
        assert_eq!(outcome(r#""hang""#).unwrap(), Outcome::hang_forever());
        assert_eq!(
            outcome(r#"{"hang_ms": null}"#).unwrap(),
            Outcome::hang_forever()
        );
        assert_eq!(
            outcome(r#"{"hang_ms": 250}"#).unwrap(),
            Outcome::hang(Duration::from_millis(250))
        );
        assert_eq!(
            outcome(r#"{"hang_ms": 250, "then": 200}"#).unwrap(),
            Outcome::hang_then(Duration::from_millis(250), Outcome::ok())
        );
        assert_eq!(
            outcome(r#"{"redirect": 302}"#).unwrap(),
            Outcome::redirect(302)
        );
        assert_eq!(
            outcome(r#"{"redirect": 308, "location": "https://elsewhere.example/x"}"#).unwrap(),
            Outcome::redirect_to(308, "https://elsewhere.example/x")
        );
    }

    #[test]
    fn redirects_point_at_the_landing_page_unless_told() {
        assert_eq!(Outcome::redirect(301).location(), Some(LANDING_PATH));
        assert_eq!(Outcome::redirect_to(307, "/x").location(), Some("/x"));
        assert_eq!(Outcome::status(302).location(), None);
        assert_eq!(
            Outcome::redirect(302).to_string(),
            "redirect 302 to /landing"
        );
    }

    #[test]
    fn outcome_json_rejects_nonsense() {
        for bad in [
            "99",
            "600",
            "-1",
            "200.5",
            r#""explode""#,
            r#"{}"#,
            r#"{"status": "500"}"#,
            r#"{"hang_ms": -5}"#,
            r#"{"hang_ms": 5, "then": "nope"}"#,
            r#"{"redirect": 200}"#,
            r#"{"redirect": 304}"#,
            r#"{"redirect": "302"}"#,
            r#"{"redirect": 302, "location": ""}"#,
            r#"{"redirect": 302, "location": 5}"#,
            "[]",
            "null",
        ] {
            assert!(outcome(bad).is_err(), "{bad} should be rejected");
        }
    }

    #[test]
    fn outcome_json_round_trips() {
        for o in [
            Outcome::ok(),
            Outcome::status_with_body(429, "slow down"),
            Outcome::hang(Duration::from_millis(10)),
            Outcome::hang_then(Duration::from_millis(10), Outcome::status(404)),
            Outcome::hang_forever(),
            Outcome::Drop,
            Outcome::redirect(302),
            Outcome::redirect_to(307, "http://127.0.0.1:1/landing"),
        ] {
            let text = serde_json::to_string(&o).unwrap();
            assert_eq!(outcome(&text).unwrap(), o, "{text}");
        }
    }

    #[test]
    fn rule_json_defaults_and_validation() {
        let rule: Rule = serde_json::from_str("{}").unwrap();
        assert_eq!(rule, Rule::default());
        assert_eq!(rule.steady, Outcome::ok());

        let rule: Rule = serde_json::from_str(
            r#"{"script": [500, "drop"], "steady": 404, "flaky": {"rate": 0.25}}"#,
        )
        .unwrap();
        assert_eq!(rule.script, vec![Outcome::status(500), Outcome::Drop]);
        assert_eq!(rule.steady, Outcome::status(404));
        assert_eq!(rule.flaky, Some(Flaky::new(0.25, 0, Outcome::status(503))));

        assert!(serde_json::from_str::<Rule>(r#"{"flaky": {"rate": 1.5}}"#).is_err());
        assert!(serde_json::from_str::<Rule>(r#"{"flaky": {"seed": 1}}"#).is_err());
        assert!(serde_json::from_str::<Rule>(r#"{"script": 500}"#).is_err());
    }

    #[test]
    fn script_is_consumed_in_order_then_steady() {
        let mut active = ActiveRule::new(
            Rule::script([Outcome::status(500), Outcome::Drop, Outcome::ok()])
                .then(Outcome::status(404)),
        );
        let got: Vec<_> = (0..5).map(|_| active.next_outcome()).collect();
        assert_eq!(
            got,
            [
                Outcome::status(500),
                Outcome::Drop,
                Outcome::ok(),
                Outcome::status(404),
                Outcome::status(404)
            ]
        );
        assert_eq!(active.script_left(), 0);
    }

    fn pattern(rate: f64, seed: u64, n: usize) -> Vec<bool> {
        let mut active = ActiveRule::new(Rule::default().flaky(rate, seed, Outcome::status(503)));
        (0..n)
            .map(|_| active.next_outcome() == Outcome::status(503))
            .collect()
    }

    #[test]
    fn flaky_is_deterministic_per_seed_and_close_to_its_rate() {
        assert_eq!(pattern(0.5, 7, 64), pattern(0.5, 7, 64));
        assert_ne!(pattern(0.5, 7, 64), pattern(0.5, 8, 64));
        let failures = pattern(0.3, 1, 2000).iter().filter(|f| **f).count();
        assert!((500..700).contains(&failures), "{failures} of 2000");
        assert!(pattern(0.0, 3, 100).iter().all(|f| !f));
        assert!(pattern(1.0, 3, 100).iter().all(|f| *f));
    }

    #[test]
    fn splitmix64_matches_reference_values() {
        // First outputs for seed 0 of the reference implementation (Vigna's splitmix64.c).
        let mut rng = SplitMix64::new(0);
        assert_eq!(rng.next_u64(), 0xE220_A839_7B1D_CDAF);
        assert_eq!(rng.next_u64(), 0x6E78_9E6A_A1B9_65F4);
        assert_eq!(rng.next_u64(), 0x06C4_5D18_8009_454F);
    }

    #[test]
    fn flaky_constructor_clamps_rate() {
        assert_eq!(Flaky::new(2.0, 0, Outcome::Drop).rate, 1.0);
        assert_eq!(Flaky::new(-1.0, 0, Outcome::Drop).rate, 0.0);
        assert_eq!(Flaky::new(f64::NAN, 0, Outcome::Drop).rate, 0.0);
    }
}
