//! Structured log lines (built by `labs_core::log`), filtered by level and written to the
//! host's sink. Nothing that reaches a line may be a credential: callers pass ids, counts and
//! error texts that name endpoints by path, never header values or configured URLs.

use std::rc::Rc;

use labs_core::log::{Level, LogLine};
use serde_json::Value;

use crate::host::{Clock, LogSink};

/// A logger at a minimum level, with context fields added to every line.
#[derive(Clone)]
pub struct Logger {
    min: Level,
    context: Vec<(String, Value)>,
    clock: Rc<dyn Clock>,
    sink: Rc<dyn LogSink>,
}

impl Logger {
    /// A logger that writes lines at `min` and above to `sink`, stamped by `clock`.
    pub fn new(min: Level, clock: Rc<dyn Clock>, sink: Rc<dyn LogSink>) -> Logger {
        Logger {
            min,
            context: Vec::new(),
            clock,
            sink,
        }
    }

    /// A logger that adds `key: value` to every line.
    pub fn with(&self, key: &str, value: impl Into<Value>) -> Logger {
        let mut next = self.clone();
        next.context.push((key.to_owned(), value.into()));
        next
    }

    /// Whether a line at `level` would be written.
    pub fn enabled(&self, level: Level) -> bool {
        level >= self.min
    }

    /// Starts a line at `level`; write it with [`Logger::emit`].
    pub fn line(&self, level: Level, message: impl Into<String>) -> LogLine {
        let now = labs_core::time::Timestamp::from_millis(self.clock.wall_ms())
            .map(|t| t.to_iso())
            .unwrap_or_default();
        let mut line = LogLine::new(now, level, message);
        for (k, v) in &self.context {
            line = line.with(k, v.clone());
        }
        line
    }

    /// Writes `line` if its level passes the filter.
    pub fn emit(&self, line: LogLine) {
        if self.enabled(line.level()) {
            self.sink.write(&line.to_json());
        }
    }

    /// Writes a line with no extra fields.
    pub fn log(&self, level: Level, message: impl Into<String>) {
        if self.enabled(level) {
            self.emit(self.line(level, message));
        }
    }
}
