//! Query-string parameters: page sizes and cursors, checked with errors that name them.

use crate::error::{ApiError, FieldProblem};

/// The largest page any list endpoint returns.
pub const MAX_LIMIT: usize = 100;
/// The default page of `GET /api/v1/labs/sessions`.
pub const SESSIONS_DEFAULT_LIMIT: usize = 50;
/// The default page of `GET /api/v1/labs/cleanup/runs`.
pub const RUNS_DEFAULT_LIMIT: usize = 20;
/// The default page of `GET /api/v1/labs/cleanup/queue`.
pub const QUEUE_DEFAULT_LIMIT: usize = 50;

/// Reads `limit`: absent gives `default`; otherwise a whole number from 1 to `max`.
pub fn limit(raw: Option<&str>, default: usize, max: usize) -> Result<usize, ApiError> {
    let Some(raw) = raw else { return Ok(default) };
    match raw.parse::<usize>() {
        Ok(n) if (1..=max).contains(&n) => Ok(n),
        _ => Err(bad(
            "limit",
            format!("must be a whole number from 1 to {max}"),
        )),
    }
}

/// A 400 naming one bad query parameter.
pub fn bad(name: &str, problem: impl Into<String>) -> ApiError {
    let problem = problem.into();
    ApiError::validation(
        format!("Invalid query parameter: {name} {problem}"),
        vec![FieldProblem::new(name, problem)],
    )
}

/// A cursor over `(timestamp, id)` pairs, sent as `<timestamp>_<id>`.
pub fn encode_time_cursor(timestamp: &str, id: &str) -> String {
    format!("{timestamp}_{id}")
}

/// Reads a cursor written by [`encode_time_cursor`].
pub fn decode_time_cursor(raw: &str) -> Result<(String, String), ApiError> {
    raw.split_once('_')
        .filter(|(t, id)| crate::time::Timestamp::parse(t).is_some() && !id.is_empty())
        .map(|(t, id)| (t.to_owned(), id.to_owned()))
        .ok_or_else(|| bad("cursor", "is not a cursor this API returned"))
}

/// The filters and page of `GET /api/v1/labs/sessions`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SessionListQuery {
    /// Page size, 1 to 100 (default 50).
    pub limit: usize,
    /// Continue after this `(created_at, id)`.
    pub after: Option<(String, String)>,
    /// Only expired (`true`) or only live (`false`) sessions.
    pub expired: Option<bool>,
    /// Only this `labId`.
    pub lab_id: Option<String>,
    /// Only this `labGroupID`.
    pub lab_group_id: Option<String>,
    /// Only sessions created strictly before this instant (ISO 8601, normalised).
    pub created_before: Option<String>,
    /// Only sessions created strictly after this instant (ISO 8601, normalised).
    pub created_after: Option<String>,
}

/// Reads the list query from its `name=value` pairs. Every bad parameter is named in one
/// 400; unknown parameters are ignored.
pub fn session_list_query(pairs: &[(String, String)]) -> Result<SessionListQuery, ApiError> {
    let get = |name: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    };
    let mut problems = Vec::new();
    let mut q = SessionListQuery {
        limit: SESSIONS_DEFAULT_LIMIT,
        ..Default::default()
    };
    match limit(get("limit"), SESSIONS_DEFAULT_LIMIT, MAX_LIMIT) {
        Ok(n) => q.limit = n,
        Err(e) => problems.extend(e.details),
    }
    if let Some(raw) = get("cursor") {
        match decode_time_cursor(raw) {
            Ok(c) => q.after = Some(c),
            Err(e) => problems.extend(e.details),
        }
    }
    match get("expired") {
        None => {}
        Some("true") => q.expired = Some(true),
        Some("false") => q.expired = Some(false),
        Some(_) => problems.push(FieldProblem::new("expired", "must be true or false")),
    }
    for (name, slot) in [
        ("lab_id", &mut q.lab_id),
        ("lab_group_id", &mut q.lab_group_id),
    ] {
        match get(name) {
            Some(v) if v.is_empty() || v.len() > 256 => {
                problems.push(FieldProblem::new(name, "must be 1 to 256 bytes"))
            }
            Some(v) => *slot = Some(v.to_owned()),
            None => {}
        }
    }
    for (name, slot) in [
        ("created_before", &mut q.created_before),
        ("created_after", &mut q.created_after),
    ] {
        if let Some(v) = get(name) {
            match crate::time::Timestamp::parse(v) {
                Some(t) => *slot = Some(t.to_iso()),
                None => problems.push(FieldProblem::new(
                    name,
                    "must be an ISO 8601 timestamp such as 2026-11-20T10:00:00.000Z",
                )),
            }
        }
    }
    if problems.is_empty() {
        return Ok(q);
    }
    let listed: Vec<String> = problems
        .iter()
        .map(|p| format!("{} {}", p.field, p.problem))
        .collect();
    Err(ApiError::validation(
        format!("Invalid query parameters: {}", listed.join("; ")),
        problems,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
        items
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn session_list_defaults_and_filters() {
        assert_eq!(
            session_list_query(&[]).unwrap(),
            SessionListQuery {
                limit: 50,
                ..Default::default()
            }
        );
        let q = session_list_query(&pairs(&[
            ("limit", "10"),
            ("expired", "false"),
            ("lab_id", "lab-1"),
            ("lab_group_id", "g"),
            ("created_after", "2026-11-20T11:00:00+01:00"),
            ("surprise", "ignored"),
        ]))
        .unwrap();
        assert_eq!(q.limit, 10);
        assert_eq!(q.expired, Some(false));
        assert_eq!(q.lab_id.as_deref(), Some("lab-1"));
        assert_eq!(
            q.created_after.as_deref(),
            Some("2026-11-20T10:00:00.000Z"),
            "normalised to UTC"
        );
    }

    #[test]
    fn session_list_names_every_bad_parameter() {
        let err = session_list_query(&pairs(&[
            ("limit", "0"),
            ("expired", "maybe"),
            ("created_before", "yesterday"),
            ("cursor", "x"),
        ]))
        .unwrap_err();
        let fields: Vec<&str> = err.details.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(fields, ["limit", "cursor", "expired", "created_before"]);
        assert!(
            err.message.starts_with("Invalid query parameters: limit"),
            "{}",
            err.message
        );
    }

    #[test]
    fn limits() {
        assert_eq!(limit(None, 50, 100), Ok(50));
        assert_eq!(limit(Some("1"), 50, 100), Ok(1));
        assert_eq!(limit(Some("100"), 50, 100), Ok(100));
        for bad in ["0", "101", "-1", "ten", "", "1.5"] {
            let err = limit(Some(bad), 50, 100).unwrap_err();
            assert_eq!(err.status(), 400);
            assert_eq!(err.details[0].field, "limit");
        }
    }

    #[test]
    fn time_cursors_round_trip() {
        let c = encode_time_cursor("2026-11-20T10:00:00.000Z", "a-b-c");
        assert_eq!(
            decode_time_cursor(&c).unwrap(),
            ("2026-11-20T10:00:00.000Z".into(), "a-b-c".into())
        );
        for bad in ["", "nope", "2026-11-20T10:00:00.000Z_", "x_y"] {
            assert!(decode_time_cursor(bad).is_err(), "{bad}");
        }
    }
}
