//! Writes structured log lines (built by `labs_core::log`) to the console, filtered by level.

use labs_core::log::{Level, LogLine};
use serde_json::Value;

use crate::clock;

/// A logger at a minimum level, with context fields added to every line.
#[derive(Debug, Clone)]
pub struct Logger {
    min: Level,
    context: Vec<(String, Value)>,
}

impl Logger {
    /// A logger that writes lines at `min` and above.
    pub fn new(min: Level) -> Logger {
        Logger {
            min,
            context: Vec::new(),
        }
    }

    /// A logger that adds `key: value` to every line.
    pub fn with(&self, key: &str, value: impl Into<Value>) -> Logger {
        let mut next = self.clone();
        next.context.push((key.to_owned(), value.into()));
        next
    }

    /// Starts a line at `level`; write it with [`Logger::emit`].
    pub fn line(&self, level: Level, message: impl Into<String>) -> LogLine {
        let mut line = LogLine::new(clock::wall().to_iso(), level, message);
        for (k, v) in &self.context {
            line = line.with(k, v.clone());
        }
        line
    }

    /// Writes `line` if its level passes the filter.
    pub fn emit(&self, line: LogLine) {
        if line.level() >= self.min {
            worker::console_log!("{}", line.to_json());
        }
    }

    /// Writes a line with no extra fields.
    pub fn log(&self, level: Level, message: impl Into<String>) {
        self.emit(self.line(level, message));
    }
}
