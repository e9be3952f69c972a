//! Structured logs: one JSON object per line, filtered by `LOG_LEVEL`.
//!
//! A line is `{"timestamp": ..., "level": ..., "message": ..., "context": {...}}`. The Worker
//! writes lines to the console; this module only builds them, so what a line holds is tested
//! here. Nothing that reaches a [`LogLine`] may be a credential: callers pass ids and counts,
//! never header values.

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};
use serde_json::Value;

/// How serious a log line is, from least to most.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Detail for debugging.
    Debug,
    /// Normal operation.
    Info,
    /// Something unexpected but handled (a refused token, a retried call).
    Warn,
    /// A failure (a 500, a failed backend call).
    Error,
    /// A failure that needs a person (a VM cleanup gave up).
    Critical,
}

impl Level {
    /// Reads `LOG_LEVEL` (case-insensitive); unknown or unset gives `info`.
    pub fn parse(value: Option<&str>) -> Level {
        match value.map(|v| v.trim().to_ascii_lowercase()).as_deref() {
            Some("debug") => Level::Debug,
            Some("warn") | Some("warning") => Level::Warn,
            Some("error") => Level::Error,
            Some("critical") => Level::Critical,
            _ => Level::Info,
        }
    }
}

/// One log line being built.
#[derive(Debug, Clone, Serialize)]
pub struct LogLine {
    timestamp: String,
    level: Level,
    message: String,
    #[serde(serialize_with = "in_order")]
    context: Vec<(String, Value)>,
}

/// Context fields as a JSON object, in the order they were added.
fn in_order<S: Serializer>(fields: &[(String, Value)], s: S) -> Result<S::Ok, S::Error> {
    let mut map = s.serialize_map(Some(fields.len()))?;
    for (k, v) in fields {
        map.serialize_entry(k, v)?;
    }
    map.end()
}

impl LogLine {
    /// A line at `level` saying `message`, stamped `timestamp` (ISO 8601).
    pub fn new(timestamp: String, level: Level, message: impl Into<String>) -> LogLine {
        LogLine {
            timestamp,
            level,
            message: message.into(),
            context: Vec::new(),
        }
    }

    /// Adds a context field, after those already added (a key added again is replaced in
    /// its place).
    pub fn with(mut self, key: &str, value: impl Into<Value>) -> LogLine {
        let value = value.into();
        match self.context.iter_mut().find(|(k, _)| k == key) {
            Some((_, v)) => *v = value,
            None => self.context.push((key.to_owned(), value)),
        }
        self
    }

    /// The line's level.
    pub fn level(&self) -> Level {
        self.level
    }

    /// The line as one line of JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a log line always serializes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_parse_and_order() {
        assert_eq!(Level::parse(Some("DEBUG")), Level::Debug);
        assert_eq!(Level::parse(Some("warn")), Level::Warn);
        assert_eq!(Level::parse(Some("critical")), Level::Critical);
        assert_eq!(Level::parse(Some("nonsense")), Level::Info);
        assert_eq!(Level::parse(None), Level::Info);
        assert!(Level::Debug < Level::Info && Level::Error < Level::Critical);
    }

    #[test]
    fn a_line_is_one_json_object() {
        let line = LogLine::new("2026-11-20T10:00:00.000Z".into(), Level::Warn, "refused")
            .with("request_id", "r1")
            .with("status", 401);
        let json = line.to_json();
        assert!(!json.contains('\n'));
        let v: Value = serde_json::from_str(&json).unwrap();
        assert_eq!(v["level"], "warn");
        assert_eq!(v["message"], "refused");
        assert_eq!(v["context"]["status"], 401);
        assert_eq!(v["timestamp"], "2026-11-20T10:00:00.000Z");
    }

    #[test]
    fn context_keeps_the_order_fields_were_added_in() {
        let line = LogLine::new("2026-11-20T10:00:00.000Z".into(), Level::Info, "done")
            .with("route", "get_session")
            .with("status", 200)
            .with("duration_ms", 3)
            .with("status", 404);
        assert_eq!(
            line.to_json(),
            r#"{"timestamp":"2026-11-20T10:00:00.000Z","level":"info","message":"done","context":{"route":"get_session","status":404,"duration_ms":3}}"#
        );
    }
}
