//! Query-string parameters: page sizes and cursors, checked with errors that name them.

use crate::error::{ApiError, FieldProblem};

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

#[cfg(test)]
mod tests {
    use super::*;

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
