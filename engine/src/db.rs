//! The database interface: what the engine asks of D1, and nothing more.
//!
//! D1's semantics are the contract every executor keeps (the Worker's D1 executor, the
//! native SQLite one in `labs-sqlite`, the simulation's):
//! - each [`Statement`] runs atomically on its own;
//! - a [`Db::batch`] runs as one transaction: all its statements or none;
//! - there are no interactive transactions (no `BEGIN` held across awaits): an executor
//!   refuses transaction-control SQL;
//! - parameters bind as D1 binds JavaScript values: text, `NULL`, and numbers, which are
//!   doubles, so an integer parameter must lie within ±(2^53 − 1) ([`MAX_SAFE_INTEGER`]);
//! - values come back as JavaScript sees them: an integral number within that range (an
//!   `INTEGER`, or a `REAL` such as `5.0`) reads as an integer, any other number as a double,
//!   so a 64-bit value past 2^53 comes back rounded (select such columns as text).
//!
//! Statements are SQL text with numbered parameters (`?1`, `?2`, ...) and bound values only:
//! nothing a client sends is ever spliced into SQL.

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

/// The largest integer D1 binds exactly: 2^53 − 1 (JavaScript's `Number.MAX_SAFE_INTEGER`).
pub const MAX_SAFE_INTEGER: i64 = (1 << 53) - 1;

/// A bound parameter value.
#[derive(Debug, Clone, PartialEq)]
pub enum Param {
    /// SQL `NULL`.
    Null,
    /// An integer; executors refuse one outside ±[`MAX_SAFE_INTEGER`], as D1 would round it.
    Int(i64),
    /// A double.
    Real(f64),
    /// Text.
    Text(String),
}

impl From<&str> for Param {
    fn from(v: &str) -> Param {
        Param::Text(v.to_owned())
    }
}
impl From<String> for Param {
    fn from(v: String) -> Param {
        Param::Text(v)
    }
}
impl From<&String> for Param {
    fn from(v: &String) -> Param {
        Param::Text(v.clone())
    }
}
impl From<i64> for Param {
    fn from(v: i64) -> Param {
        Param::Int(v)
    }
}
impl From<u32> for Param {
    fn from(v: u32) -> Param {
        Param::Int(i64::from(v))
    }
}
impl From<u16> for Param {
    fn from(v: u16) -> Param {
        Param::Int(i64::from(v))
    }
}
impl From<usize> for Param {
    fn from(v: usize) -> Param {
        Param::Int(i64::try_from(v).unwrap_or(i64::MAX))
    }
}
impl From<bool> for Param {
    fn from(v: bool) -> Param {
        Param::Int(i64::from(v))
    }
}
impl<T: Into<Param>> From<Option<T>> for Param {
    fn from(v: Option<T>) -> Param {
        v.map_or(Param::Null, Into::into)
    }
}

/// One SQL statement and its parameters.
#[derive(Debug, Clone, PartialEq)]
pub struct Statement {
    /// The SQL, with `?N` placeholders.
    pub sql: String,
    /// The values of `?1`, `?2`, ...
    pub params: Vec<Param>,
}

impl Statement {
    /// A statement with no parameters yet.
    pub fn new(sql: impl Into<String>) -> Statement {
        Statement {
            sql: sql.into(),
            params: Vec::new(),
        }
    }

    /// Binds the next parameter.
    pub fn bind(mut self, value: impl Into<Param>) -> Statement {
        self.params.push(value.into());
        self
    }
}

/// A result row: column name → value, as D1 returns it.
pub type Row = Map<String, Value>;

/// What one statement returned.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Outcome {
    /// The rows (of a `SELECT` or a `... RETURNING`).
    pub rows: Vec<Row>,
    /// How many rows a write changed.
    pub changes: u64,
}

/// A database failure: the statement was refused or the database could not be reached.
/// Its message names the problem, never a parameter's value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("database: {0}")]
pub struct DbError(pub String);

/// A database with D1's semantics (see the module docs).
#[allow(async_fn_in_trait)]
pub trait Db {
    /// Runs one statement atomically.
    async fn execute(&self, statement: Statement) -> Result<Outcome, DbError>;

    /// Runs `statements` as one transaction: every one, in order, or none. The outcomes are
    /// in the same order.
    async fn batch(&self, statements: Vec<Statement>) -> Result<Vec<Outcome>, DbError>;

    /// Runs a statement and decodes every row.
    async fn all<T: DeserializeOwned>(&self, statement: Statement) -> Result<Vec<T>, DbError> {
        decode_rows(self.execute(statement).await?.rows)
    }

    /// Runs a statement and decodes its first row, if any.
    async fn first<T: DeserializeOwned>(&self, statement: Statement) -> Result<Option<T>, DbError> {
        let rows = self.execute(statement).await?.rows;
        rows.into_iter().next().map(decode_row).transpose()
    }

    /// Runs a write and returns how many rows it changed.
    async fn run(&self, statement: Statement) -> Result<u64, DbError> {
        Ok(self.execute(statement).await?.changes)
    }
}

/// Decodes one row into `T` (whose field names are the columns).
pub fn decode_row<T: DeserializeOwned>(row: Row) -> Result<T, DbError> {
    serde_json::from_value(Value::Object(row))
        .map_err(|e| DbError(format!("row does not decode: {e}")))
}

/// Decodes rows into `T`s.
pub fn decode_rows<T: DeserializeOwned>(rows: Vec<Row>) -> Result<Vec<T>, DbError> {
    rows.into_iter().map(decode_row).collect()
}

/// Whether `sql` controls a transaction (`BEGIN`, `COMMIT`, `ROLLBACK`, `SAVEPOINT`,
/// `RELEASE`, `END`): D1 refuses these, so every executor does.
pub fn is_transaction_control(sql: &str) -> bool {
    let first = sql
        .trim_start()
        .split(|c: char| !c.is_ascii_alphabetic())
        .next()
        .unwrap_or("");
    ["BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE", "END"]
        .iter()
        .any(|k| first.eq_ignore_ascii_case(k))
}

/// Checks a parameter the way D1 binds it: an integer past ±2^53 − 1 is refused, as is a
/// double that is not finite. Executors call this for every parameter they bind.
pub fn check_param(index: usize, param: &Param) -> Result<(), DbError> {
    match param {
        Param::Int(v) if v.unsigned_abs() > MAX_SAFE_INTEGER as u64 => Err(DbError(format!(
            "parameter ?{index} is an integer past 2^53, which D1 cannot bind exactly"
        ))),
        Param::Real(v) if !v.is_finite() => Err(DbError(format!(
            "parameter ?{index} is not a finite number"
        ))),
        _ => Ok(()),
    }
}

/// A number read back as D1 returns it: an integral value within ±2^53 − 1 as an integer,
/// anything else as a double. Executors pass every numeric column value through this.
pub fn number_value(v: f64) -> Value {
    if v.fract() == 0.0 && v.abs() <= MAX_SAFE_INTEGER as f64 {
        Value::from(v as i64)
    } else {
        serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number)
    }
}

/// An integer column read back as D1 returns it (rounded to a double past 2^53).
pub fn integer_value(v: i64) -> Value {
    if v.unsigned_abs() <= MAX_SAFE_INTEGER as u64 {
        Value::from(v)
    } else {
        number_value(v as f64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transaction_control_is_recognised() {
        for sql in [
            "BEGIN",
            " begin transaction",
            "COMMIT;",
            "rollback",
            "SAVEPOINT a",
            "END",
        ] {
            assert!(is_transaction_control(sql), "{sql}");
        }
        for sql in [
            "SELECT 1",
            "UPDATE t SET a = 1",
            "INSERT INTO begin_log VALUES (1)",
        ] {
            assert!(!is_transaction_control(sql), "{sql}");
        }
    }

    #[test]
    fn integers_past_2_53_are_refused() {
        assert!(check_param(1, &Param::Int(MAX_SAFE_INTEGER)).is_ok());
        assert!(check_param(1, &Param::Int(-MAX_SAFE_INTEGER)).is_ok());
        assert!(check_param(2, &Param::Int(MAX_SAFE_INTEGER + 1)).is_err());
        assert!(check_param(3, &Param::Real(f64::NAN)).is_err());
    }

    #[test]
    fn numbers_read_back_as_javascript_sees_them() {
        assert_eq!(number_value(5.0), Value::from(5));
        assert_eq!(number_value(2.5), serde_json::json!(2.5));
        assert_eq!(
            integer_value(9_007_199_254_740_993),
            serde_json::json!(9_007_199_254_740_992.0)
        );
        assert_eq!(integer_value(42), Value::from(42));
    }
}
