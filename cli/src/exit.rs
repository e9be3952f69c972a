//! The named exit codes of `labctl` and the one error type every command returns.
//!
//! Scripts branch on the exit code, so the set is small, stable and documented (issue 3,
//! item 4): `0` ok, `1` any other error, `2` usage, `3` not found, `4` authentication,
//! `5` conflict, `6` the Worker could not be reached or did not answer in time. Clap's own
//! usage errors already exit with `2`. `session delete --wait` adds two outcomes of its
//! wait for the VMs: `7` the time ran out first, `8` a VM's deletion is dead (the cleanup
//! gave up on it; an operator must retry it); `labctl status` adds the state it reports:
//! `9` degraded, `10` failing.
//!
//! [`CliError`] carries its class, so `main` maps one `Result` to one exit code and prints
//! the error chain once, followed by a hint when there is something the user can do.

use std::fmt::Write as _;
use std::process::ExitCode;
use std::time::Duration;

use labs_core::cleanup::ItemState;
use labs_core::error::ErrorKind;
use labs_core::history::HistoryCall;
use serde_json::Value;

use crate::output::escape_controls;

/// The exit codes `labctl` uses. The numbers are part of its interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum ExitStatus {
    /// The command did what it was asked.
    Success = 0,
    /// Any failure not covered below (a 400 or 5xx from the Worker, an I/O error, a
    /// cancelled confirmation).
    Failure = 1,
    /// The command line was wrong, or a confirmation was needed and nobody could be asked.
    Usage = 2,
    /// The Worker answered 404: no such session, run, item or token (or no such route).
    NotFound = 3,
    /// No token, or the Worker answered 401/403 (unknown, revoked or expired token, or a
    /// scope too small for the request).
    Auth = 4,
    /// The Worker answered 409: the user already has a session, or the cleanup item is
    /// already done.
    Conflict = 5,
    /// The Worker could not be reached, or it did not answer within the timeout.
    Unreachable = 6,
    /// `session delete --wait`: the wait's time ran out before every VM's deletion was
    /// confirmed (the cleanup goes on).
    WaitTimeout = 7,
    /// `session delete --wait`: a VM's deletion is dead (the cleanup gave up on it after its
    /// last attempt); nobody deletes that VM until an operator retries it.
    DeletionDead = 8,
    /// `labctl status`: the Worker is `degraded` (VMs are deleted, but something needs
    /// attention soon: a backlog, a refused `CLEANUP_*` value).
    Degraded = 9,
    /// `labctl status`: the Worker is `failing` (VMs are not being deleted, or one never will
    /// be without an operator: the cron is stale, an item is dead, the backend fails).
    Failing = 10,
}

impl ExitStatus {
    /// The class of an HTTP error status.
    pub fn from_http_status(status: u16) -> Self {
        match status {
            200..=299 => Self::Success,
            401 | 403 => Self::Auth,
            404 => Self::NotFound,
            409 => Self::Conflict,
            _ => Self::Failure,
        }
    }

    /// The process exit code.
    pub fn code(self) -> u8 {
        self as u8
    }
}

impl From<ExitStatus> for ExitCode {
    fn from(status: ExitStatus) -> Self {
        ExitCode::from(status.code())
    }
}

/// An error answer from the Worker: the `{success: false, error, code?, details?}` envelope
/// and the HTTP status it came with.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{message}")]
pub struct ApiError {
    /// The HTTP status code.
    pub status: u16,
    /// The envelope's `error` message, or the status line when the body had none.
    pub message: String,
    /// The envelope's machine-readable `code`, when present.
    pub code: Option<String>,
    /// The envelope's per-field `details`, when present.
    pub details: Option<Value>,
}

/// Every way a `labctl` command can fail. Each variant knows its [`ExitStatus`] and, where
/// there is one, a hint telling the user what to do next.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// The Worker answered with an error status (boxed: it is the largest variant).
    #[error(transparent)]
    Api(Box<ApiError>),
    /// The connection to the Worker failed (refused, DNS, TLS).
    #[error("could not reach the Worker at {url}")]
    Unreachable {
        /// The base URL that was tried.
        url: String,
        /// What the HTTP client reported.
        #[source]
        source: reqwest::Error,
    },
    /// The Worker did not answer within the timeout.
    #[error("the Worker at {url} did not answer within {}", crate::duration::format(*.timeout))]
    Timeout {
        /// The base URL that was tried.
        url: String,
        /// The timeout in force.
        timeout: Duration,
    },
    /// The command line (or an input file it named) is wrong.
    #[error("{0}")]
    Usage(String),
    /// A destructive command needs `--yes` because nobody can be asked.
    #[error("{0}")]
    NeedsConfirmation(String),
    /// No token is configured for the profile.
    #[error("no token for profile `{profile}`")]
    NoToken {
        /// The profile that has no token.
        profile: String,
    },
    /// The Worker rejected the token (`auth status`, `auth login`).
    #[error("the Worker at {url} rejected the token for profile `{profile}`")]
    TokenRejected {
        /// The profile whose token was rejected.
        profile: String,
        /// The Worker's base URL.
        url: String,
    },
    /// The OS keyring could not be asked (`auth logout`): a token may still be stored there.
    #[error("could not remove the token of profile `{profile}` from the OS keyring: {reason}")]
    Keyring {
        /// The profile whose token was to be removed.
        profile: String,
        /// What the keyring reported.
        reason: String,
    },
    /// `session delete --wait`: the time ran out before every VM's deletion was confirmed.
    #[error(
        "gave up after {} waiting for the VMs of {user_id} to be deleted: {} of {total} not \
         confirmed yet",
        crate::duration::format(*.waited),
        .remaining.len()
    )]
    WaitTimedOut {
        /// The user whose session was deleted.
        user_id: String,
        /// The ended session's id (what `session history --session` takes).
        session_id: String,
        /// How long labctl waited.
        waited: Duration,
        /// How many VMs the session had.
        total: usize,
        /// The VM calls not confirmed yet, as last seen.
        remaining: Vec<HistoryCall>,
        /// Why the last look at the history failed, when it did.
        last_look_failed: Option<String>,
    },
    /// `session delete --wait`: a VM's deletion gave up after its last attempt.
    #[error(
        "the deletion of {} of {user_id} gave up after its last attempt (dead): nobody \
         deletes {} until it is retried",
        vms(.dead.len()),
        if .dead.len() == 1 { "it" } else { "them" }
    )]
    DeletionDead {
        /// The user whose session was deleted.
        user_id: String,
        /// The ended session's id.
        session_id: String,
        /// The dead VM calls.
        dead: Vec<HistoryCall>,
    },
    /// `labctl status`: the Worker answered, and it is degraded or failing (its report is
    /// already on stdout).
    #[error("{summary}")]
    Unhealthy {
        /// `failing` (exit 10) rather than `degraded` (exit 9).
        failing: bool,
        /// The state and its problems' codes, in one line.
        summary: String,
    },
    /// The user answered "no" to a confirmation.
    #[error("cancelled")]
    Cancelled,
    /// Anything else (I/O, malformed answers), with context naming what failed.
    #[error(transparent)]
    Other(#[from] anyhow::Error),
}

impl From<ApiError> for CliError {
    fn from(err: ApiError) -> Self {
        Self::Api(Box::new(err))
    }
}

impl CliError {
    /// Shorthand for a usage error.
    pub fn usage(message: impl Into<String>) -> Self {
        Self::Usage(message.into())
    }

    /// The exit status this error maps to. An `Idempotency-Key` used before with another
    /// body (422 `idempotency_key_reused`) is a conflict (5), as is one whose first request
    /// is still running (409 `idempotency_key_in_use`): the key is taken.
    pub fn exit_status(&self) -> ExitStatus {
        match self {
            Self::Api(api)
                if api.code.as_deref() == Some(ErrorKind::IdempotencyKeyReused.code()) =>
            {
                ExitStatus::Conflict
            }
            Self::Api(api) => ExitStatus::from_http_status(api.status),
            Self::WaitTimedOut { .. } => ExitStatus::WaitTimeout,
            Self::DeletionDead { .. } => ExitStatus::DeletionDead,
            Self::Unreachable { .. } | Self::Timeout { .. } => ExitStatus::Unreachable,
            Self::Unhealthy { failing: true, .. } => ExitStatus::Failing,
            Self::Unhealthy { .. } => ExitStatus::Degraded,
            Self::Usage(_) | Self::NeedsConfirmation(_) => ExitStatus::Usage,
            Self::NoToken { .. } | Self::TokenRejected { .. } => ExitStatus::Auth,
            Self::Keyring { .. } | Self::Cancelled | Self::Other(_) => ExitStatus::Failure,
        }
    }

    /// What the user can do about it, if anything useful can be said.
    pub fn hint(&self) -> Option<String> {
        match self {
            Self::Api(api) => match api.status {
                403 if api.code.as_deref() == Some("forbidden") => Some(SCOPE_HINT.to_owned()),
                401 | 403 => Some(LOGIN_HINT.to_owned()),
                _ if api.code.as_deref() == Some(ErrorKind::IdempotencyKeyReused.code()) => {
                    Some(KEY_REUSED_HINT.to_owned())
                }
                409 if api.code.as_deref() == Some(ErrorKind::IdempotencyKeyInUse.code()) => {
                    Some(
                        "another request with this key (a labctl run with the same \
                         --idempotency-key?) is still creating the session: run it again in a \
                         few seconds to get its answer"
                            .to_owned(),
                    )
                }
                // Other conflicts (a cleanup item already done) say all there is to say.
                409 if matches!(api.code.as_deref(), None | Some("session_exists")) => Some(
                    "a user has at most one session: inspect it with `labctl session get USER_ID`, \
                     or delete it with `labctl session delete USER_ID`"
                        .to_owned(),
                ),
                404 if api.message == "Route not found" => Some(
                    "the URL does not look like the Lab Sessions API: check `labctl config get url`"
                        .to_owned(),
                ),
                _ => None,
            },
            Self::NoToken { .. } | Self::TokenRejected { .. } => Some(LOGIN_HINT.to_owned()),
            Self::Unreachable { .. } | Self::Timeout { .. } => Some(
                "is the Worker running? Set its URL with --url, LABCTL_URL or \
                 `labctl config set url URL`; raise the limit with --timeout"
                    .to_owned(),
            ),
            Self::NeedsConfirmation(_) => {
                Some("pass --yes to confirm without a prompt".to_owned())
            }
            Self::WaitTimedOut { session_id, .. } => Some(format!(
                "the cleanup goes on without labctl (failed calls are retried with backoff): \
                 follow it with `labctl session history --session {session_id}`, sweep now \
                 with `labctl cleanup run`, or wait longer with --timeout"
            )),
            Self::DeletionDead { dead, .. } => {
                let retries: Vec<String> = dead
                    .iter()
                    .map(|call| format!("`labctl cleanup retry {}`", call.id))
                    .collect();
                Some(format!(
                    "once the VM backend is fixed, retry {}: {}",
                    if dead.len() == 1 { "it" } else { "them" },
                    retries.join(", ")
                ))
            }
            Self::Keyring { .. } => Some(
                "a token may still be in the keyring: try again where the keyring is \
                 reachable (a desktop session), or set LABCTL_KEYRING=off on a machine that \
                 has none"
                    .to_owned(),
            ),
            _ => None,
        }
    }

    /// Whether this is a write to a closed pipe (`labctl ... | head`), which is not worth
    /// reporting.
    pub fn is_broken_pipe(&self) -> bool {
        let Self::Other(err) = self else { return false };
        err.chain().any(|cause| {
            cause
                .downcast_ref::<std::io::Error>()
                .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
        })
    }

    /// The full report printed to stderr: the message, its causes, per-field details and
    /// the hint. `color` adds ANSI styling to the labels. What the Worker said is echoed with
    /// its control characters escaped ([`escape_controls`]).
    pub fn render(&self, color: bool) -> String {
        let (red, yellow, bold, reset) = if color {
            ("\x1b[31;1m", "\x1b[33m", "\x1b[1m", "\x1b[0m")
        } else {
            ("", "", "", "")
        };
        let safe = |text: &str| escape_controls(text).into_owned();
        let mut out = format!("{red}error{reset}: {}\n", safe(&self.to_string()));
        if let Self::Unreachable { source, .. } = self {
            // The HTTP stack wraps the cause in several generic layers ("error sending
            // request", "client error (Connect)"): the innermost one is what helps.
            let _ = writeln!(
                out,
                "  {bold}caused by{reset}: {}",
                safe(&root_cause(source))
            );
        } else {
            // Transparent variants (`Api`, `Other`) already forward `source` to their first
            // cause.
            let mut source = std::error::Error::source(self);
            while let Some(cause) = source {
                let _ = writeln!(
                    out,
                    "  {bold}caused by{reset}: {}",
                    safe(&cause.to_string())
                );
                source = cause.source();
            }
        }
        if let Self::Api(api) = self
            && let Some(details) = &api.details
        {
            for line in details_lines(details) {
                let _ = writeln!(out, "  {}", safe(&line));
            }
        }
        for line in self.call_lines() {
            let _ = writeln!(out, "  {}", safe(&line));
        }
        if let Some(hint) = self.hint() {
            let _ = writeln!(out, "{yellow}hint{reset}: {}", safe(&hint));
        }
        out
    }
}

impl CliError {
    /// One line per VM call a wait left behind (dead, or not confirmed yet).
    fn call_lines(&self) -> Vec<String> {
        match self {
            Self::WaitTimedOut {
                remaining,
                last_look_failed,
                ..
            } => remaining
                .iter()
                .map(call_line)
                .chain(
                    last_look_failed
                        .iter()
                        .map(|why| format!("(the last look at the history failed: {why})")),
                )
                .collect(),
            Self::DeletionDead { dead, .. } => dead.iter().map(call_line).collect(),
            _ => Vec::new(),
        }
    }
}

/// `k3s-worker-1 (item 42): pending after 1 failed attempt, last error: ...`.
pub fn call_line(call: &HistoryCall) -> String {
    let state = match call.state {
        ItemState::Pending if call.attempts == 0 => "pending, not attempted yet".to_owned(),
        ItemState::Pending => format!("pending after {}", attempts(call.attempts)),
        ItemState::Dead => format!("dead after {}", attempts(call.attempts)),
        ItemState::Done => "deleted".to_owned(),
    };
    let error = call
        .last_error
        .as_deref()
        .map(|e| format!(", last error: {e}"))
        .unwrap_or_default();
    format!("{} (item {}): {state}{error}", call.lab_request_id, call.id)
}

fn attempts(n: u32) -> String {
    if n == 1 {
        "1 failed attempt".to_owned()
    } else {
        format!("{n} failed attempts")
    }
}

/// `1 VM`, `2 VMs`.
fn vms(n: usize) -> String {
    if n == 1 {
        "1 VM".to_owned()
    } else {
        format!("{n} VMs")
    }
}

/// The innermost cause of an error (the error itself when it has none).
pub fn root_cause(err: &(dyn std::error::Error + 'static)) -> String {
    let mut current = err;
    while let Some(next) = current.source() {
        current = next;
    }
    current.to_string()
}

/// The hint shown when the Worker knows the token but its scope does not cover the request
/// (403 `forbidden`): logging in again would not help.
const SCOPE_HINT: &str = "the token is valid but its scope is too small for this request: read \
                          tokens may only read; write tokens may also create, update and \
                          delete sessions; only admin tokens (and the Worker's root token) may \
                          run the cleanup and manage tokens. Use a token with a larger scope \
                          (an admin can mint one with `labctl token create --scope SCOPE`)";

/// The hint shown when an `Idempotency-Key` was used before with another body (422).
const KEY_REUSED_HINT: &str = "an idempotency key answers one request only: this one was first \
                               used with another body. Without --idempotency-key labctl sends a \
                               fresh key each run; to rerun a create with the same key, send \
                               the same body (without --file, activatedAt and validation \
                               default to now, so pass --activated-at and --validation, or a \
                               --file)";

/// The hint shown whenever a token is missing or rejected.
const LOGIN_HINT: &str = "log in with `labctl auth login` (add --profile NAME for another \
                          profile), or set LABCTL_TOKEN";

/// Flattens the envelope's `details` (an object of field → problem, or a list) into lines.
fn details_lines(details: &Value) -> Vec<String> {
    match details {
        Value::Object(map) => map
            .iter()
            .map(|(field, problem)| match problem {
                Value::String(s) => format!("{field}: {s}"),
                other => format!("{field}: {other}"),
            })
            .collect(),
        Value::Array(items) => items
            .iter()
            .map(|item| match item {
                Value::String(s) => s.clone(),
                Value::Object(obj) => {
                    let field = obj.get("field").and_then(Value::as_str);
                    // The Worker sends `{field, problem}`; `message` is accepted too.
                    let message = obj
                        .get("problem")
                        .or_else(|| obj.get("message"))
                        .and_then(Value::as_str)
                        .map(str::to_owned)
                        .unwrap_or_else(|| item.to_string());
                    match field {
                        Some(field) => format!("{field}: {message}"),
                        None => message,
                    }
                }
                other => other.to_string(),
            })
            .collect(),
        Value::Null => Vec::new(),
        other => vec![other.to_string()],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn api(status: u16, message: &str) -> CliError {
        CliError::from(ApiError {
            status,
            message: message.to_owned(),
            code: None,
            details: None,
        })
    }

    #[test]
    fn http_statuses_map_to_the_documented_codes() {
        let table = [
            (200, 0),
            (201, 0),
            (400, 1),
            (401, 4),
            (403, 4),
            (404, 3),
            (405, 1),
            (409, 5),
            (413, 1),
            (500, 1),
            (503, 1),
        ];
        for (status, code) in table {
            assert_eq!(
                ExitStatus::from_http_status(status).code(),
                code,
                "HTTP {status}"
            );
        }
    }

    #[test]
    fn error_classes_map_to_exit_codes() {
        assert_eq!(api(404, "x").exit_status(), ExitStatus::NotFound);
        assert_eq!(api(409, "x").exit_status(), ExitStatus::Conflict);
        assert_eq!(api(401, "x").exit_status(), ExitStatus::Auth);
        assert_eq!(CliError::usage("x").exit_status(), ExitStatus::Usage);
        assert_eq!(
            CliError::NeedsConfirmation("x".into()).exit_status(),
            ExitStatus::Usage
        );
        assert_eq!(
            CliError::NoToken {
                profile: "p".into()
            }
            .exit_status(),
            ExitStatus::Auth
        );
        assert_eq!(
            CliError::Timeout {
                url: "u".into(),
                timeout: Duration::from_secs(1)
            }
            .exit_status(),
            ExitStatus::Unreachable
        );
        assert_eq!(CliError::Cancelled.exit_status(), ExitStatus::Failure);
        let unhealthy = |failing| CliError::Unhealthy {
            failing,
            summary: "x".into(),
        };
        assert_eq!(unhealthy(false).exit_status().code(), 9);
        assert_eq!(unhealthy(true).exit_status().code(), 10);
    }

    #[test]
    fn a_401_renders_the_message_and_the_login_hint() {
        let text = api(401, "Invalid or missing authentication token").render(false);
        assert_eq!(
            text,
            "error: Invalid or missing authentication token\n\
             hint: log in with `labctl auth login` (add --profile NAME for another profile), \
             or set LABCTL_TOKEN\n"
        );
    }

    #[test]
    fn a_403_forbidden_says_the_scope_is_too_small() {
        let err = CliError::from(ApiError {
            status: 403,
            message: "This token's scope does not allow this request".into(),
            code: Some("forbidden".into()),
            details: None,
        });
        assert_eq!(err.exit_status(), ExitStatus::Auth);
        let text = err.render(false);
        assert!(text.contains("scope is too small"), "{text}");
        assert!(!text.contains("labctl auth login"), "{text}");
        // A 403 from something else in front of the Worker: the login hint.
        assert!(
            api(403, "Forbidden")
                .render(false)
                .contains("labctl auth login")
        );
    }

    #[test]
    fn only_a_session_conflict_points_at_the_session() {
        assert!(api(409, "x").hint().unwrap().contains("labctl session get"));
        let done = CliError::from(ApiError {
            status: 409,
            message: "This cleanup item is already done".into(),
            code: Some("conflict".into()),
            details: None,
        });
        assert_eq!(done.exit_status(), ExitStatus::Conflict);
        assert_eq!(done.hint(), None);
    }

    #[test]
    fn details_are_listed_under_the_message() {
        let err = CliError::from(ApiError {
            status: 400,
            message: "Validation failed".into(),
            code: Some("validation_failed".into()),
            details: Some(serde_json::json!({"duration": "must be > 0"})),
        });
        assert_eq!(
            err.render(false),
            "error: Validation failed\n  duration: must be > 0\n"
        );
    }

    #[test]
    fn the_workers_field_problems_read_as_lines() {
        let err = CliError::from(ApiError {
            status: 400,
            message: "Invalid query parameters: limit must be a whole number from 1 to 100".into(),
            code: Some("validation_failed".into()),
            details: Some(serde_json::json!([
                {"field": "limit", "problem": "must be a whole number from 1 to 100"},
                {"field": "vm.name", "message": "is required"}
            ])),
        });
        assert_eq!(
            err.render(false),
            "error: Invalid query parameters: limit must be a whole number from 1 to 100\n  \
             limit: must be a whole number from 1 to 100\n  vm.name: is required\n"
        );
    }

    #[test]
    fn what_the_worker_said_is_echoed_escaped() {
        let err = CliError::from(ApiError {
            status: 400,
            message: "bad \x1b[2J title \u{202e}evil".into(),
            code: None,
            details: Some(serde_json::json!({"labTitle\x1b]0;x\x07": "no \u{9b}"})),
        });
        let text = err.render(true);
        assert!(
            !text.contains("\x1b[2J") && !text.contains('\u{202e}') && !text.contains('\u{9b}'),
            "{text:?}"
        );
        assert!(
            text.contains("bad \\u{1b}[2J title \\u{202e}evil"),
            "{text:?}"
        );
        assert!(
            text.contains("labTitle\\u{1b}]0;x\\u{7}: no \\u{9b}"),
            "{text:?}"
        );
        // The labels keep their own colour.
        assert!(text.starts_with("\x1b[31;1merror\x1b[0m: "), "{text:?}");
    }

    fn call(id: i64, state: ItemState, attempts: u32, error: Option<&str>) -> HistoryCall {
        HistoryCall {
            id,
            lab_request_id: format!("vm-{id}"),
            kind: labs_core::cleanup::ItemKind::Vm,
            state,
            attempts,
            last_status: error.map(|_| 500),
            last_error: error.map(str::to_owned),
            completed_at: None,
        }
    }

    #[test]
    fn a_wait_that_ran_out_names_what_remains_and_exits_7() {
        let err = CliError::WaitTimedOut {
            user_id: "user-1".into(),
            session_id: "s-1".into(),
            waited: Duration::from_secs(300),
            total: 3,
            remaining: vec![
                call(
                    41,
                    ItemState::Pending,
                    1,
                    Some("POST /api/v1/labs/delete answered 500"),
                ),
                call(42, ItemState::Pending, 0, None),
            ],
            last_look_failed: None,
        };
        assert_eq!(err.exit_status(), ExitStatus::WaitTimeout);
        assert_eq!(err.exit_status().code(), 7);
        let text = err.render(false);
        assert!(
            text.starts_with(
                "error: gave up after 5m waiting for the VMs of user-1 to be deleted: 2 of 3 \
                 not confirmed yet\n  vm-41 (item 41): pending after 1 failed attempt, last \
                 error: POST /api/v1/labs/delete answered 500\n  vm-42 (item 42): pending, not \
                 attempted yet\nhint: "
            ),
            "{text}"
        );
        assert!(
            text.contains("labctl session history --session s-1"),
            "{text}"
        );
    }

    #[test]
    fn a_dead_deletion_exits_8_with_the_retry_of_each_item() {
        let err = CliError::DeletionDead {
            user_id: "user-1".into(),
            session_id: "s-1".into(),
            dead: vec![call(
                41,
                ItemState::Dead,
                12,
                Some("POST /api/v1/labs/delete answered 500"),
            )],
        };
        assert_eq!(err.exit_status().code(), 8);
        assert_eq!(
            err.render(false),
            "error: the deletion of 1 VM of user-1 gave up after its last attempt (dead): \
             nobody deletes it until it is retried\n  vm-41 (item 41): dead after 12 failed \
             attempts, last error: POST /api/v1/labs/delete answered 500\nhint: once the VM \
             backend is fixed, retry it: `labctl cleanup retry 41`\n"
        );
    }

    #[test]
    fn a_reused_idempotency_key_is_a_conflict_with_its_own_hint() {
        let reused = CliError::from(ApiError {
            status: 422,
            message: "This Idempotency-Key was used with a different request body; use a new key"
                .into(),
            code: Some("idempotency_key_reused".into()),
            details: None,
        });
        assert_eq!(reused.exit_status(), ExitStatus::Conflict);
        let hint = reused.hint().unwrap();
        assert!(hint.contains("--activated-at"), "{hint}");
        assert!(!hint.contains("labctl session get"), "{hint}");
        let in_use = CliError::from(ApiError {
            status: 409,
            message: "A request with this Idempotency-Key is still running; retry shortly".into(),
            code: Some("idempotency_key_in_use".into()),
            details: None,
        });
        assert_eq!(in_use.exit_status(), ExitStatus::Conflict);
        assert!(in_use.hint().unwrap().contains("still creating"));
        // Another 422 stays a plain failure.
        assert_eq!(api(422, "x").exit_status(), ExitStatus::Failure);
    }

    #[test]
    fn other_errors_print_their_cause_chain_once() {
        let inner = anyhow::anyhow!("permission denied").context("cannot read /x.json");
        let text = CliError::Other(inner).render(false);
        assert_eq!(
            text,
            "error: cannot read /x.json\n  caused by: permission denied\n"
        );
    }
}
