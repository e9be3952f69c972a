//! Tests of the real `labctl` binary, one module per command group.
//!
//! `config`, `auth_store`, `errors`, `precedence`, `tty`, `completions` and `man` need no
//! Worker:
//! they use dead URLs, sockets that never answer, and `--no-verify`; `tty` runs `labctl` on
//! a pseudo-terminal. `session`, `list`, `token`, `health`, `api`, `auth`, `jq` and
//! `idempotency` (which puts a proxy that drops an answer in between) run against
//! the real Worker in workerd with a fresh local D1, started once for this test binary by
//! the `labs-e2e` harness; `cleanup`, `history` and `status` start Workers of their own,
//! because they move the Worker's clock or need one quiet or misconfigured. Every test runs
//! in a [`util::Sandbox`] with its own config dir and `LABCTL_KEYRING=off`.

mod api;
mod auth;
mod auth_store;
mod cleanup;
mod completions;
mod config;
mod errors;
mod health;
mod history;
mod idempotency;
mod jq;
mod list;
mod man;
mod precedence;
mod session;
mod status;
mod token;
mod tty;
mod util;
