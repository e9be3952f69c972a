//! The Lab Sessions API's routes, one small function each, apart from display.
//!
//! Paths are exactly those of the contract (`shared/contract/API.md`). A user id is
//! percent-encoded as one path segment: ids may hold `/`, spaces or any unicode.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use reqwest::Method;
use serde_json::Value;

use crate::client::Client;
use crate::exit::CliError;

/// Everything but RFC 3986's unreserved characters is encoded.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// The collection path (create).
pub const SESSIONS: &str = "/api/v1/labs/sessions";

/// Encodes a user id as one path segment. `.` and `..` cannot be a segment of a URL (they
/// mean "here" and "up", even encoded), and an empty id names no session: all three are
/// refused.
pub fn user_segment(user_id: &str) -> Result<String, CliError> {
    if user_id.is_empty() || user_id == "." || user_id == ".." {
        return Err(CliError::usage(format!(
            "`{user_id}` cannot be used as a user id in a URL"
        )));
    }
    Ok(utf8_percent_encode(user_id, SEGMENT).to_string())
}

/// `GET /api/v1/labs/sessions/user/{user_id}`
pub fn session_path_read(user_id: &str) -> Result<String, CliError> {
    Ok(format!("{SESSIONS}/user/{}", user_segment(user_id)?))
}

/// `PUT|DELETE /api/v1/labs/sessions/{user_id}`
pub fn session_path_write(user_id: &str) -> Result<String, CliError> {
    Ok(format!("{SESSIONS}/{}", user_segment(user_id)?))
}

/// Creates a session; returns it (with its id).
pub async fn create_session(client: &Client, body: &Value) -> Result<Value, CliError> {
    client.call(Method::POST, SESSIONS, Some(body)).await
}

/// Reads the active session of `user_id`.
pub async fn get_session(client: &Client, user_id: &str) -> Result<Value, CliError> {
    client
        .call(Method::GET, &session_path_read(user_id)?, None)
        .await
}

/// Updates the session of `user_id` with the fields of `body`; returns the new session.
pub async fn update_session(
    client: &Client,
    user_id: &str,
    body: &Value,
) -> Result<Value, CliError> {
    client
        .call(Method::PUT, &session_path_write(user_id)?, Some(body))
        .await
}

/// Deletes the session of `user_id`; returns `{"user_id", "deleted"}`.
pub async fn delete_session(client: &Client, user_id: &str) -> Result<Value, CliError> {
    client
        .call(Method::DELETE, &session_path_write(user_id)?, None)
        .await
}

/// `GET /health` (no token needed).
pub async fn health(client: &Client) -> Result<Value, CliError> {
    client.call(Method::GET, "/health", None).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_ids_are_one_encoded_segment() {
        let table = [
            ("user-1001", "user-1001"),
            ("a/b", "a%2Fb"),
            ("with space", "with%20space"),
            ("üñï", "%C3%BC%C3%B1%C3%AF"),
            ("a?b#c%d", "a%3Fb%23c%25d"),
            ("x.y_z~", "x.y_z~"),
            ("...", "..."),
        ];
        for (id, encoded) in table {
            assert_eq!(user_segment(id).unwrap(), encoded, "{id}");
        }
        assert_eq!(
            session_path_read("a/b").unwrap(),
            "/api/v1/labs/sessions/user/a%2Fb"
        );
        assert_eq!(
            session_path_write("u 1").unwrap(),
            "/api/v1/labs/sessions/u%201"
        );
    }

    #[test]
    fn dot_segments_and_empty_ids_are_refused() {
        for id in ["", ".", ".."] {
            assert!(user_segment(id).is_err(), "{id:?}");
        }
    }
}
