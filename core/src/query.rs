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

/// Reads a list's query parameters one by one, collecting every problem, so one 400 names
/// each bad parameter. Unknown parameters are ignored.
pub struct QueryReader<'a> {
    pairs: &'a [(String, String)],
    problems: Vec<FieldProblem>,
}

impl<'a> QueryReader<'a> {
    /// A reader over `name=value` pairs.
    pub fn new(pairs: &'a [(String, String)]) -> QueryReader<'a> {
        QueryReader {
            pairs,
            problems: Vec::new(),
        }
    }

    /// The raw value of `name`, if present.
    pub fn get(&self, name: &str) -> Option<&'a str> {
        self.pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// Notes a problem with `name`.
    pub fn problem(&mut self, name: &str, problem: &str) {
        self.problems.push(FieldProblem::new(name, problem));
    }

    /// `limit` (see [`limit`]).
    pub fn limit(&mut self, default: usize) -> usize {
        match limit(self.get("limit"), default, MAX_LIMIT) {
            Ok(n) => n,
            Err(e) => {
                self.problems.extend(e.details);
                default
            }
        }
    }

    /// `cursor`, as [`encode_time_cursor`] wrote it.
    pub fn time_cursor(&mut self) -> Option<(String, String)> {
        let raw = self.get("cursor")?;
        decode_time_cursor(raw)
            .map_err(|e| self.problems.extend(e.details))
            .ok()
    }

    /// A text filter of 1 to 256 bytes.
    pub fn text(&mut self, name: &str) -> Option<String> {
        match self.get(name) {
            Some(v) if v.is_empty() || v.len() > 256 => {
                self.problem(name, "must be 1 to 256 bytes");
                None
            }
            v => v.map(str::to_owned),
        }
    }

    /// An instant, normalised to the stored form.
    pub fn timestamp(&mut self, name: &str) -> Option<String> {
        let raw = self.get(name)?;
        match crate::time::Timestamp::parse(raw) {
            Some(t) => Some(t.to_iso()),
            None => {
                self.problem(
                    name,
                    "must be an ISO 8601 timestamp such as 2026-11-20T10:00:00.000Z",
                );
                None
            }
        }
    }

    /// One of `choices` (`(text, value)`), or a problem listing them.
    pub fn choice<T: Copy>(&mut self, name: &str, choices: &[(&str, T)]) -> Option<T> {
        let raw = self.get(name)?;
        match choices.iter().find(|(text, _)| *text == raw) {
            Some((_, value)) => Some(*value),
            None => {
                let names: Vec<&str> = choices.iter().map(|(t, _)| *t).collect();
                self.problem(name, &format!("must be {}", names.join(" or ")));
                None
            }
        }
    }

    /// `value` when no parameter was bad, else one 400 naming every bad one.
    pub fn finish<T>(self, value: T) -> Result<T, ApiError> {
        if self.problems.is_empty() {
            return Ok(value);
        }
        let listed: Vec<String> = self
            .problems
            .iter()
            .map(|p| format!("{} {}", p.field, p.problem))
            .collect();
        Err(ApiError::validation(
            format!("Invalid query parameters: {}", listed.join("; ")),
            self.problems,
        ))
    }
}

/// Reads the list query from its `name=value` pairs. Every bad parameter is named in one
/// 400; unknown parameters are ignored.
pub fn session_list_query(pairs: &[(String, String)]) -> Result<SessionListQuery, ApiError> {
    let mut q = QueryReader::new(pairs);
    let query = SessionListQuery {
        limit: q.limit(SESSIONS_DEFAULT_LIMIT),
        after: q.time_cursor(),
        expired: q.choice("expired", &[("true", true), ("false", false)]),
        lab_id: q.text("lab_id"),
        lab_group_id: q.text("lab_group_id"),
        created_before: q.timestamp("created_before"),
        created_after: q.timestamp("created_after"),
    };
    q.finish(query)
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
