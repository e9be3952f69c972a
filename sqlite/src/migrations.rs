//! Wrangler's D1 migrations: the `.sql` files of `migrations/`, embedded at compile time or
//! read from a directory, and the `d1_migrations` table that records which ran.

use std::cell::OnceCell;
use std::path::Path;
use std::rc::Rc;

use labs_engine::db::DbError;
use rusqlite::Connection;
use rusqlite::backup::{Backup, StepResult};

use crate::SqliteDb;

/// One migration: a wrangler `NNNN_name.sql` file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Migration {
    /// The file name, as wrangler records it (`0001_labs_sessions.sql`).
    pub name: &'static str,
    /// The file's SQL.
    pub sql: &'static str,
}

/// Every `.sql` file of the workspace's `migrations/` directory when this crate was built,
/// in file-name order (the order wrangler applies them in). `build.rs` lists the directory,
/// so a new migration is embedded without editing code.
pub static MIGRATIONS: &[Migration] = include!(concat!(env!("OUT_DIR"), "/migrations.rs"));

/// The table recording applied migrations: wrangler's default name and schema, so a
/// database migrated here and one migrated by `wrangler d1 migrations apply` agree.
pub const MIGRATIONS_TABLE: &str = "d1_migrations";

pub(crate) const CREATE_MIGRATIONS_TABLE: &str = "CREATE TABLE IF NOT EXISTS d1_migrations (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    name       TEXT UNIQUE,
    applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL
)";
pub(crate) const IS_APPLIED: &str = "SELECT 1 FROM d1_migrations WHERE name = ?1";
pub(crate) const RECORD_APPLIED: &str = "INSERT INTO d1_migrations (name) VALUES (?1)";

/// The `.sql` files of `dir` as (file name, SQL), in file-name order, as wrangler lists them.
pub(crate) fn read_dir(dir: &Path) -> Result<Vec<(String, String)>, DbError> {
    let io = |e: std::io::Error| DbError(format!("reading migrations in {}: {e}", dir.display()));
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let entry = entry.map_err(io)?;
        if !entry.file_type().map_err(io)?.is_file() {
            continue;
        }
        let Ok(name) = entry.file_name().into_string() else {
            continue;
        };
        if !name.ends_with(".sql") {
            continue;
        }
        let sql = std::fs::read_to_string(entry.path())
            .map_err(|e| DbError(format!("reading {}: {e}", entry.path().display())))?;
        found.push((name, sql));
    }
    found.sort();
    Ok(found)
}

/// Copies a database with every embedded migration applied into `dest` (an empty
/// connection), with SQLite's backup API, from a template migrated once per thread.
pub(crate) fn copy_template_into(dest: &mut Connection) -> Result<(), DbError> {
    thread_local! {
        // A `Connection` is not `Sync`, so each thread keeps its own template.
        static TEMPLATE: OnceCell<Connection> = const { OnceCell::new() };
    }
    TEMPLATE.with(|cell| {
        let template = match cell.get() {
            Some(template) => template,
            None => {
                let built = build_template()?;
                cell.get_or_init(|| built)
            }
        };
        Backup::new(template, dest)
            .and_then(|backup| backup.step(-1))
            .map_err(|e| DbError(format!("copying the migrated template: {e}")))
            .and_then(|step| match step {
                StepResult::Done => Ok(()),
                other => Err(DbError(format!(
                    "copying the migrated template stopped: {other:?}"
                ))),
            })
    })
}

fn build_template() -> Result<Connection, DbError> {
    let db = SqliteDb::open_in_memory()?;
    db.apply_embedded_migrations()?;
    Ok(Rc::into_inner(db.inner)
        .expect("the template has no other handle")
        .conn)
}
