//! Structured logs: one JSON object per line, filtered by `LOG_LEVEL`.
//!
//! A line is `{"timestamp": ..., "level": ..., "message": ..., "context": {...}}`. The Worker
//! writes lines to the console; this module only builds them, so what a line holds is tested
//! here. Nothing that reaches a [`LogLine`] may be a credential: callers pass ids and counts,
//! never header values.

use serde::Serialize;
use serde_json::{Map, Value};

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
    context: Map<String, Value>,
}

impl LogLine {
    /// A line at `level` saying `message`, stamped `timestamp` (ISO 8601).
    pub fn new(timestamp: String, level: Level, message: impl Into<String>) -> LogLine {
        LogLine {
            timestamp,
            level,
            message: message.into(),
            context: Map::new(),
        }
    }

    /// Adds a context field.
    pub fn with(mut self, key: &str, value: impl Into<Value>) -> LogLine {
        self.context.insert(key.to_owned(), value.into());
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
}
