//! Structured log lines (built by `labs_core::log`), filtered by level and written to the
//! host's sink. Nothing that reaches a line may be a credential: callers pass ids, counts and
//! error texts that name endpoints by path, never header values or configured URLs.

use std::rc::Rc;

use labs_core::log::{Level, LogLine};
use serde_json::Value;

use crate::host::{Clock, LogSink};

/// A field value for [`Logger::emit_fields`].
#[derive(Debug, Clone, Copy)]
pub enum Field<'a> {
    /// A string.
    Str(&'a str),
    /// An integer.
    Int(i64),
}

mod erased {
    /// A value serde_json writes into a buffer (writing into a `Vec` never fails).
    pub trait Json {
        fn write(&self, out: &mut Vec<u8>);
    }
    impl<T: serde::Serialize + ?Sized> Json for T {
        fn write(&self, out: &mut Vec<u8>) {
            let _ = serde_json::to_writer(&mut *out, self);
        }
    }
}

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

    /// Writes a line of `fields` after the logger's context, building its JSON text
    /// directly: the same text as [`Logger::line`] with each field and [`Logger::emit`], for
    /// the one line every request writes (issue 11), without a map and a value per field.
    /// `fields` must not repeat a context key.
    pub fn emit_fields(&self, level: Level, message: &str, fields: &[(&str, Field<'_>)]) {
        if !self.enabled(level) {
            return;
        }
        let now = labs_core::time::Timestamp::from_millis(self.clock.wall_ms())
            .map(|t| t.to_iso())
            .unwrap_or_default();
        let mut out = Vec::with_capacity(256);
        let write = |out: &mut Vec<u8>, v: &dyn erased::Json| v.write(out);
        out.extend_from_slice(b"{\"timestamp\":");
        write(&mut out, &now.as_str());
        out.extend_from_slice(b",\"level\":");
        write(&mut out, &level);
        out.extend_from_slice(b",\"message\":");
        write(&mut out, &message);
        out.extend_from_slice(b",\"context\":{");
        let mut first = true;
        let mut key = |out: &mut Vec<u8>, k: &str| {
            if !std::mem::take(&mut first) {
                out.push(b',');
            }
            write(out, &k);
            out.push(b':');
        };
        for (k, v) in &self.context {
            key(&mut out, k);
            write(&mut out, v);
        }
        for (k, v) in fields {
            key(&mut out, k);
            match v {
                Field::Str(s) => write(&mut out, s),
                Field::Int(n) => write(&mut out, n),
            }
        }
        out.extend_from_slice(b"}}");
        self.sink
            .write(&String::from_utf8(out).expect("serde_json writes UTF-8"));
    }

    /// Writes a line with no extra fields.
    pub fn log(&self, level: Level, message: impl Into<String>) {
        if self.enabled(level) {
            self.emit(self.line(level, message));
        }
    }
}

#[cfg(test)]
mod tests {
    use std::cell::RefCell;

    use super::*;

    struct Fixed;
    impl Clock for Fixed {
        fn wall_ms(&self) -> i64 {
            1_764_000_000_123
        }
    }
    #[derive(Default)]
    struct Lines(RefCell<Vec<String>>);
    impl LogSink for Lines {
        fn write(&self, line: &str) {
            self.0.borrow_mut().push(line.to_owned());
        }
    }

    #[test]
    fn emit_fields_writes_what_line_and_emit_write() {
        let sink = Rc::new(Lines::default());
        let logger = Logger::new(Level::Info, Rc::new(Fixed), sink.clone())
            .with("request_id", "r-1 \"quoted\" \u{2713}");
        logger.emit(
            logger
                .line(Level::Warn, "request completed")
                .with("route", "get_session")
                .with("status", 404)
                .with("duration_ms", -3i64)
                .with("user_id", "a/b\n"),
        );
        logger.emit_fields(
            Level::Warn,
            "request completed",
            &[
                ("route", Field::Str("get_session")),
                ("status", Field::Int(404)),
                ("duration_ms", Field::Int(-3)),
                ("user_id", Field::Str("a/b\n")),
            ],
        );
        logger.emit_fields(Level::Debug, "filtered out", &[]);
        let lines = sink.0.borrow();
        assert_eq!(lines.len(), 2, "{lines:?}");
        assert_eq!(lines[0], lines[1]);
    }
}
