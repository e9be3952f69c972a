//! End-to-end tests of the HTTP contract against the real Worker in workerd with a local D1.
//! One Worker is shared by every test here; each test uses users of its own.

mod auth;
mod concurrency;
mod contract;
mod cors;
mod dev_clock;
mod hostile;
mod list;
mod logs;
mod openapi;
mod races;
mod routing;
mod tokens;

use labs_e2e::{Worker, encode};

/// The shared Worker.
pub fn worker() -> &'static Worker {
    Worker::shared()
}

/// The path of `user`'s session for GET.
pub fn get_path(user: &str) -> String {
    format!("/api/v1/labs/sessions/user/{}", encode(user))
}

/// The path of `user`'s session for PUT and DELETE.
pub fn user_path(user: &str) -> String {
    format!("/api/v1/labs/sessions/{}", encode(user))
}
