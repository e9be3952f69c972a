//! A native executor for [`labs_engine::db::Db`] over SQLite (rusqlite, SQLite bundled),
//! keeping D1's semantics so that nothing passes here that D1 would refuse.
//!
//! This crate owns one thing: running the engine's [`Statement`]s against a SQLite database
//! the way Cloudflare D1 runs them. It holds no SQL of its own beyond transaction control
//! and wrangler's migrations bookkeeping; every statement comes from the engine.
//!
//! # Tour
//! - [`SqliteDb`]: the executor, a cheap [`Clone`] handle on one connection (single-threaded:
//!   it is not `Send`, as a single-threaded async executor needs none).
//! - [`SqliteDb::migrated_in_memory`]: a fresh database with every migration applied, fast
//!   enough for a simulation that creates thousands per second.
//! - [`SqliteDb::apply_migrations`] and [`MIGRATIONS`]: wrangler's migrations, from a
//!   directory or as embedded at compile time.
//!
//! # D1's rules this executor keeps
//! - **Each statement is atomic**: [`Db::execute`] runs in SQLite's autocommit mode, so a
//!   failing statement (say, the third row of a multi-row `INSERT`) leaves nothing behind.
//! - **A batch is one transaction**: [`Db::batch`] runs `BEGIN IMMEDIATE`, each statement in
//!   order, `COMMIT`; any failure rolls the whole batch back, and the error names the index
//!   (0-based) of the statement that failed. An empty batch is refused, as local D1 refuses
//!   it ("No SQL statements detected").
//! - **No interactive transactions**: `BEGIN`, `COMMIT`, `ROLLBACK`, `SAVEPOINT`, `RELEASE`
//!   and `END` are refused, by [`is_transaction_control`] and, for any spelling it misses
//!   (a leading comment), by a SQLite authorizer that denies transaction operations, as
//!   workerd's does.
//! - **One SQL statement per [`Statement`]**: a second statement after the first is refused
//!   (workerd: "A prepared SQL statement must contain only one statement."); a trailing `;`
//!   or comment is fine. Empty or comment-only SQL is refused too.
//! - **Exactly as many parameters as placeholders**: workerd checks the bound count against
//!   `sqlite3_bind_parameter_count` (the largest `?N`) and refuses both too few and too many
//!   ("Wrong number of parameter bindings for SQL query."); so does this executor, where
//!   plain SQLite would bind the missing ones as `NULL`.
//! - **Parameters bind as D1 binds JavaScript values**: each goes through [`check_param`]
//!   (an integer past ±(2^53 − 1) or a non-finite double is refused). JavaScript has one
//!   number type and workerd binds every number as a `REAL`, so [`Param::Int`] and
//!   [`Param::Real`] both bind as a real (a column's `INTEGER` affinity turns an integral one
//!   back into an integer, exactly as in D1); [`Param::Text`] binds as text, [`Param::Null`]
//!   as `NULL`.
//! - **Values read back as JavaScript sees them**: `INTEGER` through [`integer_value`] (so a
//!   64-bit value past 2^53 comes back rounded: select it `CAST(x AS TEXT)` to read it
//!   exactly), `REAL` through [`number_value`] (so `5.0` reads as the integer 5), `TEXT` as a
//!   JSON string, `NULL` as null. A `BLOB` is an error: the schema has none.
//! - **`changes` counts the rows that statement wrote**: the growth of
//!   `sqlite3_total_changes` across it, as local D1 (miniflare) computes `meta.changes`, so
//!   a `SELECT` or DDL counts 0 where `sqlite3_changes` would repeat the last write's count.
//! - **`... RETURNING` returns its rows**, like any `SELECT`.
//! - **Foreign keys are enforced** (`PRAGMA foreign_keys = ON` on every connection), as D1
//!   enforces them by default, immediately at each statement; setting `PRAGMA foreign_keys`
//!   is refused (the authorizer again), while `PRAGMA defer_foreign_keys = ON` defers the
//!   checks to the end of a batch as on D1.
//!
//! # Example
//! ```
//! use labs_engine::db::{Db, Statement};
//! use labs_sqlite::SqliteDb;
//!
//! let db = SqliteDb::migrated_in_memory()?;
//! futures_lite::future::block_on(async {
//!     let written = db
//!         .run(Statement::new("INSERT INTO dev_clock (id, offset_ms) VALUES (1, ?1)").bind(60_000i64))
//!         .await?;
//!     assert_eq!(written, 1);
//!     let row = db.execute(Statement::new("SELECT offset_ms FROM dev_clock")).await?;
//!     assert_eq!(row.rows[0]["offset_ms"], 60_000);
//!     Ok::<_, labs_engine::db::DbError>(())
//! })?;
//! # Ok::<_, labs_engine::db::DbError>(())
//! ```
#![warn(missing_docs)]

mod migrations;

use std::path::Path;
use std::rc::Rc;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use labs_engine::db::{
    Db, DbError, Outcome, Param, Row, Statement, check_param, integer_value,
    is_transaction_control, number_value,
};
use rusqlite::hooks::{AuthAction, AuthContext, Authorization};
use rusqlite::types::{Null, ValueRef};
use rusqlite::{Connection, ErrorCode};
use serde_json::Value;

pub use migrations::{MIGRATIONS, MIGRATIONS_TABLE, Migration};

/// How many prepared statements a connection keeps: more than the engine has distinct ones.
const STATEMENT_CACHE_CAPACITY: usize = 128;

/// A D1-like database over one SQLite connection (see the crate docs for the rules it keeps).
///
/// Clones share the connection. Every method runs synchronously inside its `async fn`, so
/// a statement or batch is never interleaved with another.
#[derive(Clone)]
pub struct SqliteDb {
    inner: Rc<Inner>,
}

struct Inner {
    conn: Connection,
    /// Whether the authorizer lets transaction control through: true only while this
    /// executor runs its own `BEGIN IMMEDIATE` / `COMMIT` / `ROLLBACK`.
    own_transaction_control: Arc<AtomicBool>,
}

impl std::fmt::Debug for SqliteDb {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SqliteDb")
            .field("path", &self.inner.conn.path())
            .finish_non_exhaustive()
    }
}

impl SqliteDb {
    /// An empty in-memory database (no tables: see [`SqliteDb::migrated_in_memory`]).
    pub fn open_in_memory() -> Result<SqliteDb, DbError> {
        let conn = Connection::open_in_memory()
            .map_err(|e| DbError(format!("opening an in-memory database: {e}")))?;
        SqliteDb::from_connection(conn)
    }

    /// The database in the file at `path`, created if missing. Apply the migrations with
    /// [`SqliteDb::apply_migrations`].
    pub fn open(path: impl AsRef<Path>) -> Result<SqliteDb, DbError> {
        let path = path.as_ref();
        let conn = Connection::open(path)
            .map_err(|e| DbError(format!("opening {}: {e}", path.display())))?;
        SqliteDb::from_connection(conn)
    }

    /// A fresh in-memory database with every migration of [`MIGRATIONS`] applied.
    ///
    /// The migrations run once per thread, into a template database; each call copies that
    /// template into a new connection with SQLite's backup API, which is several times
    /// faster than running the migrations again (see `examples/fresh_db.rs`).
    pub fn migrated_in_memory() -> Result<SqliteDb, DbError> {
        let mut conn = Connection::open_in_memory()
            .map_err(|e| DbError(format!("opening an in-memory database: {e}")))?;
        migrations::copy_template_into(&mut conn)?;
        SqliteDb::from_connection(conn)
    }

    /// Applies, in file-name order, every `.sql` file of `dir` (wrangler's `NNNN_name.sql`
    /// migrations) not yet recorded in [`MIGRATIONS_TABLE`], each in one transaction with
    /// its record, as `wrangler d1 migrations apply` does. Returns the names applied.
    pub fn apply_migrations(&self, dir: &Path) -> Result<Vec<String>, DbError> {
        let found = migrations::read_dir(dir)?;
        self.inner.apply(
            found
                .iter()
                .map(|(name, sql)| (name.as_str(), sql.as_str())),
        )
    }

    /// Applies the embedded [`MIGRATIONS`] not yet recorded, as
    /// [`SqliteDb::apply_migrations`] does for a directory. Returns the names applied.
    pub fn apply_embedded_migrations(&self) -> Result<Vec<String>, DbError> {
        self.inner.apply(MIGRATIONS.iter().map(|m| (m.name, m.sql)))
    }

    /// Sets the connection up as D1 has it: foreign keys enforced, transaction control and
    /// turning foreign keys off refused, statements cached.
    fn from_connection(mut conn: Connection) -> Result<SqliteDb, DbError> {
        conn.pragma_update(None, "foreign_keys", true)
            .map_err(|e| DbError(format!("enabling foreign keys: {e}")))?;
        conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE_CAPACITY);
        let own_transaction_control = Arc::new(AtomicBool::new(false));
        let allow = Arc::clone(&own_transaction_control);
        conn.authorizer(Some(move |ctx: AuthContext<'_>| match ctx.action {
            AuthAction::Transaction { .. } | AuthAction::Savepoint { .. }
                if !allow.load(Ordering::Relaxed) =>
            {
                Authorization::Deny
            }
            AuthAction::Pragma {
                pragma_name,
                pragma_value: Some(_),
            } if pragma_name.eq_ignore_ascii_case("foreign_keys") => Authorization::Deny,
            _ => Authorization::Allow,
        }))
        .map_err(|e| DbError(format!("installing the authorizer: {e}")))?;
        Ok(SqliteDb {
            inner: Rc::new(Inner {
                conn,
                own_transaction_control,
            }),
        })
    }
}

impl Db for SqliteDb {
    async fn execute(&self, statement: Statement) -> Result<Outcome, DbError> {
        let outcome = self.inner.run_statement(&statement);
        // Unreachable while the authorizer holds, but a statement must never leave a
        // transaction open behind it.
        if !self.inner.conn.is_autocommit() {
            self.inner.rollback();
            return Err(DbError(
                "the statement left a transaction open; rolled back".into(),
            ));
        }
        outcome
    }

    async fn batch(&self, statements: Vec<Statement>) -> Result<Vec<Outcome>, DbError> {
        self.inner.run_batch(&statements)
    }
}

impl Inner {
    /// Runs one statement, with D1's checks, on whatever transaction state the connection
    /// is in (autocommit for `execute`, the batch's transaction for `batch`).
    fn run_statement(&self, statement: &Statement) -> Result<Outcome, DbError> {
        if is_transaction_control(&statement.sql) {
            return Err(transaction_control_refused());
        }
        let mut stmt = self
            .conn
            .prepare_cached(&statement.sql)
            .map_err(|e| prepare_error(e, &statement.sql))?;
        let expected = stmt.parameter_count();
        if statement.params.len() != expected {
            return Err(DbError(format!(
                "Wrong number of parameter bindings for SQL query: {} bound, the SQL takes {expected}",
                statement.params.len()
            )));
        }
        for (i, param) in statement.params.iter().enumerate() {
            let index = i + 1;
            check_param(index, param)?;
            let bound = match param {
                Param::Null => stmt.raw_bind_parameter(index, Null),
                // As workerd binds a JavaScript number (exact: `check_param` kept it ≤ 2^53).
                Param::Int(v) => stmt.raw_bind_parameter(index, *v as f64),
                Param::Real(v) => stmt.raw_bind_parameter(index, v),
                Param::Text(v) => stmt.raw_bind_parameter(index, v.as_str()),
            };
            bound.map_err(|e| DbError(format!("binding parameter ?{index}: {e}")))?;
        }
        let columns: Vec<String> = stmt.column_names().map(str::to_owned).collect();

        let before = self.conn.total_changes();
        let mut rows = stmt.raw_query();
        let mut out = Vec::new();
        while let Some(row) = rows.next().map_err(step_error)? {
            let mut values = Row::new();
            for (i, name) in columns.iter().enumerate() {
                let value = row.get_ref(i).map_err(step_error)?;
                values.insert(name.clone(), read_value(name, value)?);
            }
            out.push(values);
        }
        drop(rows);
        Ok(Outcome {
            rows: out,
            changes: self.conn.total_changes() - before,
        })
    }

    fn run_batch(&self, statements: &[Statement]) -> Result<Vec<Outcome>, DbError> {
        if statements.is_empty() {
            return Err(DbError(
                "batch: no statements (D1 refuses an empty batch)".into(),
            ));
        }
        // Refused before the transaction starts, so a refusal costs no lock.
        if let Some(i) = statements
            .iter()
            .position(|s| is_transaction_control(&s.sql))
        {
            return Err(batch_error(
                i,
                statements.len(),
                &transaction_control_refused(),
            ));
        }
        self.control("BEGIN IMMEDIATE")?;
        let mut outcomes = Vec::with_capacity(statements.len());
        for (i, statement) in statements.iter().enumerate() {
            match self.run_statement(statement) {
                Ok(outcome) => outcomes.push(outcome),
                Err(e) => {
                    self.rollback();
                    return Err(batch_error(i, statements.len(), &e));
                }
            }
        }
        if let Err(e) = self.control("COMMIT") {
            self.rollback();
            return Err(DbError(format!(
                "batch: committing failed, nothing was written: {e}"
            )));
        }
        Ok(outcomes)
    }

    /// Runs this executor's own transaction control, which the authorizer lets through.
    fn control(&self, sql: &str) -> Result<(), DbError> {
        self.own_transaction_control.store(true, Ordering::Relaxed);
        let result = self
            .conn
            .prepare_cached(sql)
            .and_then(|mut stmt| stmt.raw_execute());
        self.own_transaction_control.store(false, Ordering::Relaxed);
        result
            .map(drop)
            .map_err(|e| DbError(format!("{sql}: {}", sqlite_message(&e))))
    }

    /// Rolls back the open transaction, if SQLite has not already (it does on some errors).
    fn rollback(&self) {
        if !self.conn.is_autocommit() {
            // Nothing more to do if even this fails: the connection is then unusable and
            // every later statement reports it.
            let _ = self.control("ROLLBACK");
        }
    }

    /// Applies `migrations` (name, SQL) in order, skipping those already recorded, each in
    /// one transaction with its record.
    fn apply<'a>(
        &self,
        migrations: impl Iterator<Item = (&'a str, &'a str)>,
    ) -> Result<Vec<String>, DbError> {
        self.conn
            .execute_batch(migrations::CREATE_MIGRATIONS_TABLE)
            .map_err(|e| {
                DbError(format!(
                    "creating {MIGRATIONS_TABLE}: {}",
                    sqlite_message(&e)
                ))
            })?;
        let mut applied = Vec::new();
        for (name, sql) in migrations {
            let done: bool = self
                .conn
                .prepare_cached(migrations::IS_APPLIED)
                .and_then(|mut stmt| stmt.exists([name]))
                .map_err(|e| {
                    DbError(format!(
                        "reading {MIGRATIONS_TABLE}: {}",
                        sqlite_message(&e)
                    ))
                })?;
            if done {
                continue;
            }
            self.control("BEGIN IMMEDIATE")?;
            let result = self.conn.execute_batch(sql).and_then(|()| {
                self.conn
                    .execute(migrations::RECORD_APPLIED, [name])
                    .map(drop)
            });
            if let Err(e) = result {
                self.rollback();
                return Err(DbError(format!("migration {name}: {}", sqlite_message(&e))));
            }
            if let Err(e) = self.control("COMMIT") {
                self.rollback();
                return Err(DbError(format!("migration {name}: {e}")));
            }
            applied.push(name.to_owned());
        }
        Ok(applied)
    }
}

/// A column value as D1 returns it.
fn read_value(column: &str, value: ValueRef<'_>) -> Result<Value, DbError> {
    Ok(match value {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(v) => integer_value(v),
        ValueRef::Real(v) => number_value(v),
        // SQLite hands back the bytes stored; JavaScript decodes invalid UTF-8 lossily too.
        ValueRef::Text(bytes) => Value::String(String::from_utf8_lossy(bytes).into_owned()),
        ValueRef::Blob(_) => {
            return Err(DbError(format!(
                "column {column} is a BLOB, which this executor does not read (the schema has none)"
            )));
        }
    })
}

fn transaction_control_refused() -> DbError {
    DbError(
        "transaction control (BEGIN, COMMIT, ROLLBACK, SAVEPOINT, RELEASE, END) is refused: \
         D1 runs each statement on its own and a batch as one transaction"
            .into(),
    )
}

fn batch_error(index: usize, len: usize, error: &DbError) -> DbError {
    DbError(format!(
        "batch statement {index} (0-based, of {len}) failed, so the batch was rolled back: {}",
        error.0
    ))
}

fn prepare_error(e: rusqlite::Error, sql: &str) -> DbError {
    match e {
        rusqlite::Error::MultipleStatement => {
            DbError("A prepared SQL statement must contain only one statement.".into())
        }
        rusqlite::Error::Empty => DbError("SQL code did not contain a statement.".into()),
        // The authorizer denied it: transaction control or setting foreign_keys.
        e if sqlite_code(&e) == Some(ErrorCode::AuthorizationForStatementDenied) => {
            if sql.to_ascii_lowercase().contains("foreign_keys") {
                DbError(
                    "setting PRAGMA foreign_keys is refused: D1 always enforces foreign keys \
                     (PRAGMA defer_foreign_keys = ON defers them to the end of a batch)"
                        .into(),
                )
            } else {
                transaction_control_refused()
            }
        }
        e => DbError(sqlite_message(&e)),
    }
}

fn step_error(e: rusqlite::Error) -> DbError {
    DbError(sqlite_message(&e))
}

fn sqlite_code(e: &rusqlite::Error) -> Option<ErrorCode> {
    match e {
        rusqlite::Error::SqliteFailure(err, _) => Some(err.code),
        rusqlite::Error::SqlInputError { error, .. } => Some(error.code),
        _ => None,
    }
}

/// SQLite's message for `e` (never a parameter's value: SQLite does not put them in its
/// messages).
fn sqlite_message(e: &rusqlite::Error) -> String {
    e.to_string()
}
