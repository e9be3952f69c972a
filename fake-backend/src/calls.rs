//! The record of one call the fake received: [`Call`], its [`CallKind`] and its [`Answer`].
//!
//! Every request outside the control API (`/__fake/`) is recorded, including ones that were
//! refused for a bad token or a bad body. Calls serialize to the JSON that
//! `GET /__fake/calls` returns, and deserialize from it, so another process can read them
//! back into these types.

use std::fmt;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::rules::{Endpoint, LANDING_PATH, Outcome, WEBHOOK_PATH};

/// What a call was, judged from its method and path alone.
///
/// JSON: `"expose"`, `"delete_vm"`, `"webhook"`, `"landing"` or `"other"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CallKind {
    /// `DELETE /api/v1/expose/`.
    Expose,
    /// `POST /api/v1/labs/delete`.
    DeleteVm,
    /// `POST` [`WEBHOOK_PATH`] or a path under it: an alert sent to the webhook.
    Webhook,
    /// Any method on [`LANDING_PATH`], where a default [`Outcome::Redirect`] points
    /// (answered `200`): a caller got here only by following a redirect.
    Landing,
    /// Any other method or path (answered `404`).
    Other,
}

impl CallKind {
    /// The kind of a request with this method and path (exact match, trailing slash included).
    pub fn classify(method: &str, path: &str) -> Self {
        match (method, path) {
            ("DELETE", "/api/v1/expose/") => CallKind::Expose,
            ("POST", "/api/v1/labs/delete") => CallKind::DeleteVm,
            ("POST", path) if is_webhook_path(path) => CallKind::Webhook,
            (_, LANDING_PATH) => CallKind::Landing,
            _ => CallKind::Other,
        }
    }

    /// The backend endpoint of this kind, if it is one.
    pub fn endpoint(self) -> Option<Endpoint> {
        match self {
            CallKind::Expose => Some(Endpoint::Expose),
            CallKind::DeleteVm => Some(Endpoint::DeleteVm),
            CallKind::Webhook => Some(Endpoint::Webhook),
            CallKind::Landing | CallKind::Other => None,
        }
    }
}

/// [`WEBHOOK_PATH`] itself, or a path under it (`/webhook/...`, not `/webhooks`).
fn is_webhook_path(path: &str) -> bool {
    path.strip_prefix(WEBHOOK_PATH)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

impl fmt::Display for CallKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            CallKind::Expose => "expose",
            CallKind::DeleteVm => "delete_vm",
            CallKind::Webhook => "webhook",
            CallKind::Landing => "landing",
            CallKind::Other => "other",
        })
    }
}

/// What actually happened to a call, as far as the fake could tell.
///
/// JSON: `{"status": 200}`, `"dropped"`, `"abandoned"` or `"in_flight"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Answer {
    /// Still being handled (waiting out latency or a hang).
    InFlight,
    /// A response with this status was handed to the connection.
    Status(u16),
    /// The fake closed the connection without a response (a [`Outcome::Drop`], or a hang
    /// that ended in one).
    Dropped,
    /// The request was given up before the fake answered: the client went away mid-hang, or
    /// the fake shut down while holding it.
    Abandoned,
}

impl Answer {
    /// The status answered, if any.
    pub fn status(self) -> Option<u16> {
        match self {
            Answer::Status(status) => Some(status),
            _ => None,
        }
    }

    /// Whether this answer tells the caller the VM is gone: a 2xx or a 404 (see the contract,
    /// "Expiry and cleanup").
    pub fn confirms_deletion(self) -> bool {
        matches!(self, Answer::Status(s) if (200..300).contains(&s) || s == 404)
    }
}

impl fmt::Display for Answer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Answer::InFlight => f.write_str("in flight"),
            Answer::Status(status) => write!(f, "{status}"),
            Answer::Dropped => f.write_str("dropped"),
            Answer::Abandoned => f.write_str("abandoned"),
        }
    }
}

/// One recorded call.
///
/// JSON (as in `GET /__fake/calls`):
///
/// ```json
/// {"seq": 3, "received_ms": 1520, "took_ms": 51, "kind": "delete_vm", "method": "POST",
///  "path": "/api/v1/labs/delete", "lab_request_id": "lr-1", "user_id": "u-1",
///  "auth_ok": true, "has_authorization": true, "content_type": "application/json",
///  "body": "{\"lab_request_id\":\"lr-1\",\"user_id\":\"u-1\"}",
///  "outcome": {"status": 200}, "answer": {"status": 200}}
/// ```
///
/// `lab_request_id`, `user_id`, `content_type` and `took_ms` are `null` when absent;
/// `has_authorization` (whether an `Authorization` header came at all) is read as `false`
/// when missing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Call {
    /// Arrival order, from 1; never reused, not even after a clear.
    pub seq: u64,
    /// When the request arrived (the call started), measured from the fake's start (JSON:
    /// `received_ms`). See also [`Call::finished_at`].
    #[serde(rename = "received_ms", with = "millis")]
    pub received_at: Duration,
    /// From arrival to answer, drop or abandonment; `None` while in flight (JSON: `took_ms`).
    #[serde(rename = "took_ms", with = "opt_millis")]
    pub took: Option<Duration>,
    /// What the call was.
    pub kind: CallKind,
    /// The HTTP method.
    pub method: String,
    /// The request path, without the query string.
    pub path: String,
    /// `lab_request_id` from the JSON body, when it had a string one.
    pub lab_request_id: Option<String>,
    /// `user_id` from the JSON body, when it had a string one.
    pub user_id: Option<String>,
    /// Whether the `Authorization: Bearer` token matched (always `true` when the fake was
    /// started without a token, and for a [`CallKind::Webhook`] call, which needs none).
    pub auth_ok: bool,
    /// Whether the request carried an `Authorization` header at all, of any scheme: a
    /// webhook call must not (the VM backend's token is not the webhook's business).
    #[serde(default)]
    pub has_authorization: bool,
    /// The `Content-Type` header, if any.
    pub content_type: Option<String>,
    /// The raw body (invalid UTF-8 replaced).
    pub body: String,
    /// What the fake decided to do: the rule's outcome, or the `404`/`401`/`400` that took
    /// precedence over rules.
    pub outcome: Outcome,
    /// What actually happened.
    pub answer: Answer,
}

impl Call {
    /// When the call started, measured from the fake's start: [`Call::received_at`].
    pub fn started_at(&self) -> Duration {
        self.received_at
    }

    /// When the call ended (answered, dropped or abandoned), measured from the fake's start;
    /// `None` while it is in flight. An answer is recorded as it is handed to the connection,
    /// so the caller can only have seen it after this instant.
    pub fn finished_at(&self) -> Option<Duration> {
        self.took.map(|took| self.received_at + took)
    }

    /// Whether this is a VM delete whose answer confirms the VM is gone (2xx or 404).
    pub fn is_confirmed_delete(&self) -> bool {
        self.kind == CallKind::DeleteVm && self.answer.confirms_deletion()
    }
}

impl fmt::Display for Call {
    /// One human-readable line, as the binary logs it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{} {}", self.seq, self.kind)?;
        if matches!(
            self.kind,
            CallKind::Other | CallKind::Landing | CallKind::Webhook
        ) {
            write!(f, " {} {}", self.method, self.path)?;
        }
        write!(
            f,
            " lab_request_id={} user_id={}",
            self.lab_request_id.as_deref().unwrap_or("-"),
            self.user_id.as_deref().unwrap_or("-")
        )?;
        if !self.auth_ok {
            f.write_str(" auth=BAD")?;
        }
        write!(f, " -> {}", self.answer)?;
        if let Some(took) = self.took {
            write!(f, " in {} ms", crate::rules::duration_ms(took))?;
        }
        Ok(())
    }
}

mod millis {
    use super::*;
    use serde::{Deserializer, Serializer};

    pub(super) fn serialize<S: Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u64(crate::rules::duration_ms(*d))
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Duration, D::Error> {
        u64::deserialize(d).map(Duration::from_millis)
    }
}

mod opt_millis {
    use super::*;
    use serde::{Deserializer, Serializer};

    pub(super) fn serialize<S: Serializer>(d: &Option<Duration>, s: S) -> Result<S::Ok, S::Error> {
        match d {
            Some(d) => s.serialize_some(&crate::rules::duration_ms(*d)),
            None => s.serialize_none(),
        }
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<Duration>, D::Error> {
        Option::<u64>::deserialize(d).map(|ms| ms.map(Duration::from_millis))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classify_is_exact() {
        assert_eq!(
            CallKind::classify("DELETE", "/api/v1/expose/"),
            CallKind::Expose
        );
        assert_eq!(
            CallKind::classify("POST", "/api/v1/labs/delete"),
            CallKind::DeleteVm
        );
        assert_eq!(
            CallKind::classify("DELETE", "/api/v1/expose"),
            CallKind::Other
        );
        assert_eq!(
            CallKind::classify("POST", "/api/v1/expose/"),
            CallKind::Other
        );
        assert_eq!(
            CallKind::classify("DELETE", "/api/v1/labs/delete"),
            CallKind::Other
        );
        for method in ["GET", "POST", "DELETE"] {
            assert_eq!(CallKind::classify(method, "/landing"), CallKind::Landing);
        }
        for path in ["/webhook", "/webhook/", "/webhook/T0/B0/s3cr3t"] {
            assert_eq!(
                CallKind::classify("POST", path),
                CallKind::Webhook,
                "{path}"
            );
        }
        assert_eq!(CallKind::classify("GET", "/webhook"), CallKind::Other);
        assert_eq!(CallKind::classify("POST", "/webhooks"), CallKind::Other);
        assert_eq!(CallKind::classify("POST", "/x/webhook"), CallKind::Other);
        assert_eq!(CallKind::Webhook.endpoint(), Some(Endpoint::Webhook));
        assert_eq!(CallKind::classify("GET", "/landing/"), CallKind::Other);
        assert_eq!(CallKind::Landing.endpoint(), None);
    }

    #[test]
    fn deletion_is_confirmed_by_2xx_and_404_only() {
        for (answer, confirmed) in [
            (Answer::Status(200), true),
            (Answer::Status(204), true),
            (Answer::Status(404), true),
            (Answer::Status(410), false),
            (Answer::Status(500), false),
            (Answer::Status(401), false),
            (Answer::Dropped, false),
            (Answer::Abandoned, false),
            (Answer::InFlight, false),
        ] {
            assert_eq!(answer.confirms_deletion(), confirmed, "{answer:?}");
        }
    }

    #[test]
    fn call_json_round_trips_and_uses_millis() {
        let call = Call {
            seq: 3,
            received_at: Duration::from_millis(1520),
            took: Some(Duration::from_millis(51)),
            kind: CallKind::DeleteVm,
            method: "POST".into(),
            path: "/api/v1/labs/delete".into(),
            lab_request_id: Some("lr-1".into()),
            user_id: None,
            auth_ok: true,
            has_authorization: true,
            content_type: Some("application/json".into()),
            body: "{}".into(),
            outcome: Outcome::ok(),
            answer: Answer::Status(200),
        };
        let value = serde_json::to_value(&call).unwrap();
        assert_eq!(value["received_ms"], 1520);
        assert_eq!(value["took_ms"], 51);
        assert_eq!(value["kind"], "delete_vm");
        assert_eq!(value["user_id"], serde_json::Value::Null);
        assert_eq!(value["answer"], serde_json::json!({"status": 200}));
        assert_eq!(
            serde_json::to_value(Answer::Dropped).unwrap(),
            serde_json::json!("dropped")
        );
        assert_eq!(value["has_authorization"], true);
        let back: Call = serde_json::from_value(value.clone()).unwrap();
        assert_eq!(back, call);
        // A record from before `has_authorization` existed still reads.
        let mut old = value;
        old.as_object_mut().unwrap().remove("has_authorization");
        let old: Call = serde_json::from_value(old).unwrap();
        assert!(!old.has_authorization);
        assert_eq!(call.started_at(), Duration::from_millis(1520));
        assert_eq!(call.finished_at(), Some(Duration::from_millis(1571)));
        let in_flight = Call { took: None, ..call };
        assert_eq!(in_flight.finished_at(), None);
    }
}
