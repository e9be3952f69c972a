//! A recording, fault-injecting stand-in for the VM backend that the Lab Sessions Worker
//! calls when it cleans up an expired session (see the contract, "Expiry and cleanup").
//!
//! The end-to-end tests start it in-process with [`FakeBackend::start`]; the local dev script
//! runs the `labs-fake-backend` binary and drives it over HTTP with curl.
//!
//! # The backend endpoints
//!
//! On `http://127.0.0.1:PORT` (or under [`FakeBackendConfig::path_prefix`], e.g.
//! `http://127.0.0.1:PORT/tenant-7/api/v1/...`, for a base URL with a path):
//!
//! * `DELETE /api/v1/expose/` with `{"lab_request_id": "..."}`: remove a master VM's exposed
//!   services ([`CallKind::Expose`]).
//! * `POST /api/v1/labs/delete` with `{"lab_request_id": "...", "user_id": "..."}`: delete
//!   one VM ([`CallKind::DeleteVm`]).
//! * `POST /webhook`, or any path under it (`/webhook/T000/B000/XXXX`) ([`WEBHOOK_PATH`],
//!   never under the path prefix): the alert webhook, the Worker's `ALERT_WEBHOOK_URL`
//!   ([`CallKind::Webhook`]). No token needed (whether an `Authorization` header came anyway
//!   is recorded: [`Call::has_authorization`]); the body must be a JSON object with a
//!   non-empty string `text`, as a Slack incoming webhook requires, else `400`. Its
//!   `lab_request_id`, when it has one, keys rules and [`FakeBackend::calls_for`] as for
//!   the VM endpoints. Only rules scoped to [`Endpoint::Webhook`] apply to it:
//!   `backend.set_default_rule_on(Endpoint::Webhook, Rule::script([500, 500]))` fails the
//!   next two alerts then accepts, while a default rule failing the VM backend leaves the
//!   webhook answering `200`.
//! * `/landing` ([`LANDING_PATH`]), any method, no token needed: always `200`
//!   `{"success":true}` ([`CallKind::Landing`]). Not a backend endpoint: it is where a
//!   default [`Outcome::Redirect`] points, so a caller that follows a redirect shows up here.
//!
//! They answer `200` `{"success":true}` unless a rule says otherwise. The answer is decided
//! in this order: the landing page gets `200`; any other method or path gets `404`; a token
//! other than the one the fake was started with (`Authorization: Bearer <token>`, scheme in
//! any case) gets `401`, except at the webhook; a body that is not a JSON object with a
//! non-empty string `lab_request_id` (and, for a delete, `user_id`; for the webhook, `text`
//! instead) gets `400`; otherwise the [rules](#faults) decide. Every one of these calls is recorded
//! as a [`Call`], refused ones included.
//!
//! # Faults
//!
//! An [`Outcome`] is what one call gets: a status (with an optional body), a redirect (a 3xx
//! with a `Location`, by default the fake's own landing page), a hang (for a time or until
//! shutdown, then an outcome or a dropped connection), or a dropped connection. A
//! [`Rule`] hands out outcomes: its `script` one per call, then its `steady` outcome,
//! optionally [`Flaky`] (failing at a rate, reproducibly from a seed). Rules are installed
//! for a `lab_request_id` or as the default, for both endpoints or one [`Endpoint`]; a call
//! uses the first that exists of: id + endpoint, id, default + endpoint, default (else `200`).
//! The `404`/`401`/`400` above take precedence and do not consume a script.
//!
//! Besides rules: [`FakeBackend::set_latency`] delays every answer, and
//! [`FakeBackend::refuse_connections`] closes the listening socket (connects get
//! `ECONNREFUSED`) until it is told to listen again on the same port.
//!
//! # Inspecting
//!
//! [`FakeBackend::calls`], [`FakeBackend::calls_for`] (each [`Call`] with its start and end,
//! [`Call::started_at`] and [`Call::finished_at`], to check the order of calls),
//! [`FakeBackend::calls_of`] (e.g. every webhook call), [`FakeBackend::alerts`] (the bodies
//! the webhook accepted), [`FakeBackend::deleted_ids`],
//! [`FakeBackend::confirmed_deletes`] (a 2xx or a 404 to a VM delete, which the contract says
//! means the VM is gone), and [`FakeBackend::max_in_flight`], the most backend calls held at
//! once (latency and hangs included), to check the Worker's concurrency limit.
//!
//! # Example
//!
//! ```no_run
//! use std::time::Duration;
//! use labs_fake_backend::{FakeBackend, FakeBackendConfig, Outcome, Rule};
//!
//! let backend = FakeBackend::start(FakeBackendConfig {
//!     token: Some("backend-token".into()),
//!     ..FakeBackendConfig::default()
//! })?;
//! // Point the Worker's BACKEND_API_URL at backend.url(), then:
//! backend.set_rule("lr-master", Rule::script([Outcome::status(500), Outcome::status(503)]));
//! backend.set_rule("lr-worker", Rule::always(Outcome::hang(Duration::from_millis(300))));
//! // ... run the Worker's cleanup a few times ...
//! assert!(backend.deleted_ids().contains("lr-master"));
//! assert!(backend.max_in_flight() <= 4);
//! # Ok::<(), std::io::Error>(())
//! ```
//!
//! # The control API
//!
//! On the same server, under `/__fake/`; neither recorded, nor delayed, nor checked for a
//! token. Bodies are JSON (any `Content-Type`); a bad body gets `400` `{"error": "..."}`.
//!
//! | request | effect / answer |
//! | --- | --- |
//! | `GET /__fake/calls[?lab_request_id=ID][&kind=webhook]` | `200` JSON array of [`Call`] (of that kind: `expose`, `delete_vm`, `webhook`, `landing`, `other`) |
//! | `DELETE /__fake/calls` | forget calls; `204` |
//! | `GET /__fake/rules` | `200` JSON array of [`InstalledRule`] |
//! | `PUT /__fake/rules/{ID}[?endpoint=expose\|delete_vm\|webhook]` + rule | install a rule for that id; `204` |
//! | `PUT /__fake/rules/default[?endpoint=..]` + rule | install the default rule; `204` |
//! | `DELETE /__fake/rules/{ID}[?endpoint=..]` (or `default`) | remove that id's rules; `204` |
//! | `DELETE /__fake/rules` | remove every rule; `204` |
//! | `PUT /__fake/latency` + `{"ms": 50}` | latency for every answer; `204` |
//! | `GET /__fake/latency` | `200` `{"ms": 50}` |
//! | `PUT /__fake/refuse` + `{"ms": 2000}` | refuse connections for that long, then listen again; `204` |
//! | `GET /__fake/stats` | `200` [`Stats`]: `{"calls": 12, "in_flight": 0, "max_in_flight": 3, "latency_ms": 50, "refusing": false}` |
//! | `POST /__fake/stats/reset` | max in flight := in flight now; `204` |
//! | `GET /__fake/deleted` | `200` `{"<lab_request_id>": <confirmed deletes>, ...}` |
//! | `POST /__fake/reset` | [`FakeBackend::clear`]: calls, rules, latency; `204` |
//!
//! A rule (every field optional; `{}` is "always 200"):
//!
//! ```json
//! {"script": [500, 500, {"hang_ms": 300}], "steady": 200,
//!  "flaky": {"rate": 0.25, "seed": 42, "fail": 503}}
//! ```
//!
//! An outcome: `503` or `{"status": 503}`, `{"status": 500, "body": "raw text"}`, `"drop"`,
//! `{"hang_ms": 300}` (then drop), `{"hang_ms": 300, "then": 200}`, `"hang"` or
//! `{"hang_ms": null}` (until shutdown), `{"redirect": 302}` (to `/landing`) or
//! `{"redirect": 307, "location": "http://..."}`. Statuses lie in `200..=599`, redirects are
//! 301, 302, 303, 307 or 308. See [`Outcome`].
//!
//! ```sh
//! curl -X PUT localhost:$PORT/__fake/rules/lr-1 -d '{"script": [500, 500]}'
//! curl -X PUT 'localhost:$PORT/__fake/rules/default?endpoint=expose' -d '{"steady": 503}'
//! curl -s localhost:$PORT/__fake/calls?lab_request_id=lr-1
//! curl -X PUT 'localhost:$PORT/__fake/rules/default?endpoint=webhook' -d '{"script": [500, 500]}'
//! curl -s 'localhost:$PORT/__fake/calls?kind=webhook'       # the alerts sent, with their bodies
//! ```
//!
//! # The binary
//!
//! `labs-fake-backend [--port P] [--token-env VAR] [--path-prefix PATH] [--quiet]` prints exactly one line,
//! `listening on http://127.0.0.1:PORT`, on stdout, then one line per call on stderr
//! (unless `--quiet`), and exits on SIGINT or SIGTERM.

#![warn(missing_docs)]

mod backend;
mod calls;
mod control;
mod handle;
mod rules;
mod server;
mod state;

pub use calls::{Answer, Call, CallKind};
pub use handle::{FakeBackend, FakeBackendConfig};
pub use rules::{Endpoint, Flaky, LANDING_PATH, Outcome, REDIRECT_STATUSES, Rule, WEBHOOK_PATH};
pub use state::{InstalledRule, Stats};
