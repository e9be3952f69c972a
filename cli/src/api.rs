//! The Lab Sessions API's routes, one small function each, apart from display.
//!
//! Paths are exactly those of the contract (`shared/contract/API.md`) and of the cleanup,
//! token and list endpoints. Ids are percent-encoded as one path segment (user ids may hold
//! `/`, spaces or any unicode), and query values are percent-encoded too (`+` in a
//! timestamp's offset must not turn into a space).

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

/// The collection path (create, list).
pub const SESSIONS: &str = "/api/v1/labs/sessions";
/// Forced sweeps.
pub const CLEANUP: &str = "/api/v1/labs/cleanup";
/// Sweep history.
pub const CLEANUP_RUNS: &str = "/api/v1/labs/cleanup/runs";
/// The cleanup queue.
pub const CLEANUP_QUEUE: &str = "/api/v1/labs/cleanup/queue";
/// API tokens.
pub const TOKENS: &str = "/api/v1/tokens";
/// Ended sessions.
pub const HISTORY: &str = "/api/v1/labs/sessions/history";

/// Encodes a user id as one path segment. `.` and `..` cannot be a segment of a URL (they
/// mean "here" and "up", even encoded), and an empty id names no session: all three are
/// refused.
pub fn user_segment(user_id: &str) -> Result<String, CliError> {
    segment(user_id, "a user id")
}

/// Encodes `value` as one path segment; `what` names it in the refusal of `""`, `.` and
/// `..`.
pub fn segment(value: &str, what: &str) -> Result<String, CliError> {
    if value.is_empty() || value == "." || value == ".." {
        return Err(CliError::usage(format!(
            "`{value}` cannot be used as {what} in a URL"
        )));
    }
    Ok(utf8_percent_encode(value, SEGMENT).to_string())
}

/// `path?name=value&...` with the given parameters (absent ones left out), values
/// percent-encoded.
pub fn with_query(path: &str, params: &[(&str, Option<String>)]) -> String {
    let pairs: Vec<String> = params
        .iter()
        .filter_map(|(name, value)| {
            value
                .as_ref()
                .map(|v| format!("{name}={}", utf8_percent_encode(v, SEGMENT)))
        })
        .collect();
    if pairs.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{}", pairs.join("&"))
    }
}

/// One page of a cursor-paginated list: its items and the cursor of the next page.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// The page's items, in the API's order.
    pub items: Vec<Value>,
    /// The cursor to pass back for the next page; `None` on the last page.
    pub next_cursor: Option<String>,
}

impl Page {
    /// Reads `{<key>: [...], next_cursor}`.
    pub fn from_data(data: Value, key: &str) -> Result<Page, CliError> {
        let Value::Object(mut obj) = data else {
            return Err(malformed(key));
        };
        let items = match obj.remove(key) {
            Some(Value::Array(items)) => items,
            _ => return Err(malformed(key)),
        };
        let next_cursor = match obj.remove("next_cursor") {
            Some(Value::String(c)) if !c.is_empty() => Some(c),
            _ => None,
        };
        Ok(Page { items, next_cursor })
    }
}

fn malformed(key: &str) -> CliError {
    CliError::Other(anyhow::anyhow!(
        "the Worker's answer has no `{key}` list: is the URL the Lab Sessions API, and is it \
         up to date?"
    ))
}

/// `GET /api/v1/labs/sessions/user/{user_id}`
pub fn session_path_read(user_id: &str) -> Result<String, CliError> {
    Ok(format!("{SESSIONS}/user/{}", user_segment(user_id)?))
}

/// `PUT|DELETE /api/v1/labs/sessions/{user_id}`
pub fn session_path_write(user_id: &str) -> Result<String, CliError> {
    Ok(format!("{SESSIONS}/{}", user_segment(user_id)?))
}

/// Creates a session with an `Idempotency-Key`; returns it (with its id). Retried like the
/// idempotent methods, with the same key: the Worker answers a repeat with the first answer.
pub async fn create_session(client: &Client, body: &Value, key: &str) -> Result<Value, CliError> {
    client
        .call_with_key(Method::POST, SESSIONS, body, key)
        .await
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

/// The filters of `GET /api/v1/labs/sessions`, passed through as given: the Worker checks
/// them and names the bad ones.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SessionFilters {
    /// `expired=true|false`.
    pub expired: Option<bool>,
    /// `lab_id`.
    pub lab_id: Option<String>,
    /// `lab_group_id`.
    pub lab_group_id: Option<String>,
    /// `created_before` (ISO 8601).
    pub created_before: Option<String>,
    /// `created_after` (ISO 8601).
    pub created_after: Option<String>,
}

/// The path of one page of `GET /api/v1/labs/sessions`.
pub fn sessions_page_path(filters: &SessionFilters, limit: u32, cursor: Option<&str>) -> String {
    with_query(
        SESSIONS,
        &[
            ("limit", Some(limit.to_string())),
            ("cursor", cursor.map(str::to_owned)),
            ("expired", filters.expired.map(|e| e.to_string())),
            ("lab_id", filters.lab_id.clone()),
            ("lab_group_id", filters.lab_group_id.clone()),
            ("created_before", filters.created_before.clone()),
            ("created_after", filters.created_after.clone()),
        ],
    )
}

/// One page of sessions, newest first.
pub async fn list_sessions(
    client: &Client,
    filters: &SessionFilters,
    limit: u32,
    cursor: Option<&str>,
) -> Result<Page, CliError> {
    let data = client
        .call(
            Method::GET,
            &sessions_page_path(filters, limit, cursor),
            None,
        )
        .await?;
    Page::from_data(data, "sessions")
}

/// The filters of `GET /api/v1/labs/sessions/history`, passed through as given: the Worker
/// checks them and names the bad ones.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HistoryFilters {
    /// `user_id`.
    pub user_id: Option<String>,
    /// `lab_id`.
    pub lab_id: Option<String>,
    /// `reason`: `expired` or `deleted`.
    pub reason: Option<String>,
    /// `ended_after` (ISO 8601).
    pub ended_after: Option<String>,
    /// `ended_before` (ISO 8601).
    pub ended_before: Option<String>,
}

/// The path of one page of `GET /api/v1/labs/sessions/history`.
pub fn history_page_path(filters: &HistoryFilters, limit: u32, cursor: Option<&str>) -> String {
    with_query(
        HISTORY,
        &[
            ("limit", Some(limit.to_string())),
            ("cursor", cursor.map(str::to_owned)),
            ("user_id", filters.user_id.clone()),
            ("lab_id", filters.lab_id.clone()),
            ("reason", filters.reason.clone()),
            ("ended_after", filters.ended_after.clone()),
            ("ended_before", filters.ended_before.clone()),
        ],
    )
}

/// One page of ended sessions, newest first.
pub async fn list_history(
    client: &Client,
    filters: &HistoryFilters,
    limit: u32,
    cursor: Option<&str>,
) -> Result<Page, CliError> {
    let path = history_page_path(filters, limit, cursor);
    Page::from_data(client.call(Method::GET, &path, None).await?, "entries")
}

/// `GET /api/v1/labs/sessions/history/{session_id}`
pub fn history_detail_path(session_id: &str) -> Result<String, CliError> {
    Ok(format!(
        "{HISTORY}/{}",
        segment(session_id, "a session id")?
    ))
}

/// One ended session: the session as it ended and every backend call it was owed.
pub async fn get_history(client: &Client, session_id: &str) -> Result<Value, CliError> {
    client
        .call(Method::GET, &history_detail_path(session_id)?, None)
        .await
}

/// Runs a sweep now (`dry_run`: only report); returns its run record. Never retried.
pub async fn run_cleanup(client: &Client, dry_run: bool, label: &str) -> Result<Value, CliError> {
    let body = serde_json::json!({ "dry_run": dry_run });
    client
        .call_labeled(Method::POST, CLEANUP, Some(&body), label)
        .await
}

/// One page of sweep records, newest first.
pub async fn list_cleanup_runs(
    client: &Client,
    limit: u32,
    cursor: Option<&str>,
) -> Result<Page, CliError> {
    let path = with_query(
        CLEANUP_RUNS,
        &[
            ("limit", Some(limit.to_string())),
            ("cursor", cursor.map(str::to_owned)),
        ],
    );
    Page::from_data(client.call(Method::GET, &path, None).await?, "runs")
}

/// One sweep record.
pub async fn get_cleanup_run(client: &Client, run_id: &str) -> Result<Value, CliError> {
    let path = format!("{CLEANUP_RUNS}/{}", segment(run_id, "a run id")?);
    client.call(Method::GET, &path, None).await
}

/// One page of queue items, by id; `state` is `pending`, `dead`, `done` or `all` (`None`:
/// pending and dead).
pub async fn list_cleanup_queue(
    client: &Client,
    state: Option<&str>,
    limit: u32,
    cursor: Option<&str>,
) -> Result<Page, CliError> {
    let path = with_query(
        CLEANUP_QUEUE,
        &[
            ("state", state.map(str::to_owned)),
            ("limit", Some(limit.to_string())),
            ("cursor", cursor.map(str::to_owned)),
        ],
    );
    Page::from_data(client.call(Method::GET, &path, None).await?, "items")
}

/// Makes item `id` due now with a fresh attempt count; returns the item.
pub async fn retry_cleanup_item(client: &Client, id: u64) -> Result<Value, CliError> {
    client
        .call(Method::POST, &format!("{CLEANUP_QUEUE}/{id}/retry"), None)
        .await
}

/// Makes every dead item due now; returns `{"retried": N}`.
pub async fn retry_dead_cleanup_items(client: &Client) -> Result<Value, CliError> {
    client
        .call(Method::POST, &format!("{CLEANUP_QUEUE}/retry-dead"), None)
        .await
}

/// Mints a token; the answer holds the secret, this once.
pub async fn create_token(client: &Client, body: &Value) -> Result<Value, CliError> {
    client.call(Method::POST, TOKENS, Some(body)).await
}

/// Every token, without secrets: `{"tokens": [...]}`.
pub async fn list_tokens(client: &Client) -> Result<Value, CliError> {
    client.call(Method::GET, TOKENS, None).await
}

/// Revokes token `id`; returns `{"id", "revoked", "revoked_at"}`.
pub async fn revoke_token(client: &Client, id: &str) -> Result<Value, CliError> {
    let path = format!("{TOKENS}/{}", segment(id, "a token id")?);
    client.call(Method::DELETE, &path, None).await
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
    fn query_values_are_encoded_and_absent_ones_left_out() {
        let filters = SessionFilters {
            expired: Some(false),
            lab_id: Some("lab a&b".into()),
            created_after: Some("2026-11-20T10:00:00+01:00".into()),
            ..Default::default()
        };
        assert_eq!(
            sessions_page_path(&filters, 50, Some("2026-11-20T10:00:00.000Z_id-1")),
            "/api/v1/labs/sessions?limit=50&cursor=2026-11-20T10%3A00%3A00.000Z_id-1\
             &expired=false&lab_id=lab%20a%26b&created_after=2026-11-20T10%3A00%3A00%2B01%3A00"
        );
        assert_eq!(with_query("/x", &[("a", None)]), "/x");
    }

    #[test]
    fn history_paths_carry_the_filters_and_encode_the_session_id() {
        let filters = HistoryFilters {
            user_id: Some("a/b".into()),
            reason: Some("deleted".into()),
            ended_after: Some("2026-11-20T10:00:00.000Z".into()),
            ..Default::default()
        };
        assert_eq!(
            history_page_path(&filters, 5, None),
            "/api/v1/labs/sessions/history?limit=5&user_id=a%2Fb&reason=deleted\
             &ended_after=2026-11-20T10%3A00%3A00.000Z"
        );
        assert_eq!(
            history_detail_path("s 1").unwrap(),
            "/api/v1/labs/sessions/history/s%201"
        );
        assert!(history_detail_path("..").is_err());
    }

    #[test]
    fn pages_read_their_list_and_cursor() {
        let page = Page::from_data(
            serde_json::json!({"runs": [{"id": "r1"}], "next_cursor": "c"}),
            "runs",
        )
        .unwrap();
        assert_eq!(page.items.len(), 1);
        assert_eq!(page.next_cursor.as_deref(), Some("c"));
        let last = Page::from_data(
            serde_json::json!({"items": [], "next_cursor": null}),
            "items",
        )
        .unwrap();
        assert_eq!(last.next_cursor, None);
        assert!(Page::from_data(serde_json::json!({"sessions": 3}), "sessions").is_err());
        assert!(Page::from_data(serde_json::json!([]), "sessions").is_err());
    }

    #[test]
    fn dot_segments_and_empty_ids_are_refused() {
        for id in ["", ".", ".."] {
            assert!(user_segment(id).is_err(), "{id:?}");
        }
    }
}
