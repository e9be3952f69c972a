//! Migrations: the embedded set matches `migrations/`, they apply (from a directory, embedded,
//! or copied from the template) to the same schema, once, and the schema's foreign keys and
//! 64-bit columns behave as on D1.

use std::path::{Path, PathBuf};

use labs_engine::db::{Db, DbError, Outcome, Statement};
use labs_sqlite::{MIGRATIONS, MIGRATIONS_TABLE, SqliteDb};
use serde_json::{Value, json};

fn block<T>(future: impl Future<Output = T>) -> T {
    futures_lite::future::block_on(future)
}

fn execute(db: &SqliteDb, statement: Statement) -> Result<Outcome, DbError> {
    block(db.execute(statement))
}

fn migrations_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../migrations")
}

/// The column names of `table`, by `PRAGMA table_info`.
fn columns(db: &SqliteDb, table: &str) -> Vec<String> {
    execute(db, Statement::new(format!("PRAGMA table_info({table})")))
        .expect("PRAGMA table_info runs")
        .rows
        .into_iter()
        .map(|row| row["name"].as_str().expect("names are text").to_owned())
        .collect()
}

/// Every schema object, for comparing two databases.
fn schema(db: &SqliteDb) -> Vec<Value> {
    execute(
        db,
        Statement::new("SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name"),
    )
    .expect("reads the schema")
    .rows
    .into_iter()
    .map(Value::Object)
    .collect()
}

fn applied(db: &SqliteDb) -> Vec<String> {
    execute(
        db,
        Statement::new(format!("SELECT name FROM {MIGRATIONS_TABLE} ORDER BY id")),
    )
    .expect("reads the migrations table")
    .rows
    .into_iter()
    .map(|row| row["name"].as_str().expect("text").to_owned())
    .collect()
}

fn dir_names() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(migrations_dir())
        .expect("lists migrations/")
        .map(|e| e.expect("entry").file_name().into_string().expect("UTF-8"))
        .filter(|n| n.ends_with(".sql"))
        .collect();
    names.sort();
    names
}

#[test]
fn the_embedded_migrations_are_the_directory_in_name_order() {
    let names: Vec<&str> = MIGRATIONS.iter().map(|m| m.name).collect();
    assert_eq!(names, dir_names());
    assert!(names.len() >= 4, "{names:?}");
    assert_eq!(names[0], "0001_labs_sessions.sql");
    for m in MIGRATIONS {
        let on_disk = std::fs::read_to_string(migrations_dir().join(m.name)).expect("reads");
        assert_eq!(m.sql, on_disk, "{} is embedded as it is on disk", m.name);
    }
}

#[test]
fn migrations_apply_and_every_table_exists() {
    let db = SqliteDb::open_in_memory().expect("opens");
    assert_eq!(
        db.apply_migrations(&migrations_dir()).expect("applies"),
        dir_names()
    );
    assert_eq!(applied(&db), dir_names());

    let session = columns(&db, "labs_sessions");
    for column in [
        "id",
        "labId",
        "user_id",
        "duration",
        "validation",
        "vm",
        "worker_nodes",
        "created_at",
        "expires_at",
        "version",
        "detached_vm_ids",
    ] {
        assert!(
            session.contains(&column.to_owned()),
            "labs_sessions.{column} in {session:?}"
        );
    }
    let expected: [(&str, &[&str]); 6] = [
        (
            "cleanup_sessions",
            &[
                "ticket",
                "session_id",
                "reason",
                "session_json",
                "queued_at",
            ],
        ),
        (
            "cleanup_items",
            &["id", "ticket", "kind", "state", "attempts", "lease_until"],
        ),
        ("cleanup_runs", &["id", "trigger", "dry_run", "errors"]),
        ("dev_clock", &["id", "offset_ms"]),
        ("api_tokens", &["id", "scope", "token_hash", "revoked_at"]),
        (MIGRATIONS_TABLE, &["id", "name", "applied_at"]),
    ];
    for (table, wanted) in expected {
        let have = columns(&db, table);
        for column in wanted {
            assert!(
                have.contains(&column.to_string()),
                "{table}.{column} in {have:?}"
            );
        }
    }
    assert!(
        columns(&db, "no_such_table").is_empty(),
        "table_info of a missing table is empty"
    );
    let indexes = execute(
        &db,
        Statement::new("SELECT name FROM sqlite_schema WHERE type = 'index' AND name NOT LIKE 'sqlite_%' ORDER BY name"),
    )
    .expect("lists indexes")
    .rows;
    let indexes: Vec<&str> = indexes
        .iter()
        .map(|r| r["name"].as_str().expect("text"))
        .collect();
    for index in [
        "labs_sessions_expires_at",
        "labs_sessions_created",
        "cleanup_items_due",
    ] {
        assert!(indexes.contains(&index), "{index} in {indexes:?}");
    }
}

#[test]
fn migrations_apply_once() {
    let db = SqliteDb::open_in_memory().expect("opens");
    assert!(
        !db.apply_migrations(&migrations_dir())
            .expect("applies")
            .is_empty()
    );
    assert_eq!(
        db.apply_migrations(&migrations_dir()).expect("re-applies"),
        Vec::<String>::new()
    );
    assert_eq!(
        db.apply_embedded_migrations().expect("re-applies"),
        Vec::<String>::new()
    );
    // The template copy is recorded as migrated too.
    let copy = SqliteDb::migrated_in_memory().expect("copies");
    assert_eq!(
        copy.apply_migrations(&migrations_dir())
            .expect("re-applies"),
        Vec::<String>::new()
    );
    assert_eq!(applied(&copy), dir_names());
}

#[test]
fn a_failing_migration_leaves_nothing_behind() {
    let dir = scratch_dir("failing-migration");
    std::fs::write(dir.join("0001_ok.sql"), "CREATE TABLE a (x);").expect("writes");
    std::fs::write(
        dir.join("0002_bad.sql"),
        "CREATE TABLE b (x);\nINSERT INTO nowhere VALUES (1);",
    )
    .expect("writes");
    let db = SqliteDb::open_in_memory().expect("opens");
    let error = db.apply_migrations(&dir).expect_err("0002 fails");
    assert!(error.0.contains("0002_bad.sql"), "{error}");
    assert!(error.0.contains("no such table: nowhere"), "{error}");
    assert_eq!(applied(&db), ["0001_ok.sql"]);
    assert_eq!(columns(&db, "a"), ["x"]);
    assert!(
        columns(&db, "b").is_empty(),
        "0002's first statement was rolled back"
    );
    std::fs::remove_dir_all(&dir).expect("cleans up");
}

#[test]
fn the_template_copy_has_the_migrated_schema() {
    let migrated = SqliteDb::open_in_memory().expect("opens");
    migrated
        .apply_migrations(&migrations_dir())
        .expect("applies");
    let copy = SqliteDb::migrated_in_memory().expect("copies");
    assert_eq!(schema(&copy), schema(&migrated));
    assert!(schema(&copy).len() > 10);
}

#[test]
fn template_copies_are_independent_databases() {
    let a = SqliteDb::migrated_in_memory().expect("copies");
    let b = SqliteDb::migrated_in_memory().expect("copies");
    execute(
        &a,
        Statement::new("INSERT INTO dev_clock (id, offset_ms) VALUES (1, 5)"),
    )
    .expect("writes");
    let count = |db: &SqliteDb| {
        execute(db, Statement::new("SELECT count(*) AS c FROM dev_clock"))
            .expect("counts")
            .rows[0]["c"]
            .clone()
    };
    assert_eq!((count(&a), count(&b)), (json!(1), json!(0)));
    assert_eq!(
        count(&SqliteDb::migrated_in_memory().expect("copies")),
        json!(0)
    );
}

#[test]
fn a_file_database_keeps_its_migrations() {
    let dir = scratch_dir("file-db");
    let path = dir.join("labs.sqlite");
    {
        let db = SqliteDb::open(&path).expect("creates");
        assert_eq!(
            db.apply_migrations(&migrations_dir()).expect("applies"),
            dir_names()
        );
        execute(
            &db,
            Statement::new("INSERT INTO dev_clock (id, offset_ms) VALUES (1, 5)"),
        )
        .expect("writes");
    }
    let db = SqliteDb::open(&path).expect("reopens");
    assert_eq!(
        db.apply_migrations(&migrations_dir()).expect("re-applies"),
        Vec::<String>::new()
    );
    let rows = execute(&db, Statement::new("SELECT offset_ms FROM dev_clock"))
        .expect("reads")
        .rows;
    assert_eq!(rows[0]["offset_ms"], 5);
    drop(db);
    std::fs::remove_dir_all(&dir).expect("cleans up");
}

#[test]
fn foreign_keys_are_enforced_on_the_schema() {
    let db = SqliteDb::migrated_in_memory().expect("copies");
    let on = execute(&db, Statement::new("PRAGMA foreign_keys"))
        .expect("reads")
        .rows;
    assert_eq!(on[0]["foreign_keys"], 1);
    assert!(
        execute(&db, Statement::new("PRAGMA foreign_key_check"))
            .expect("checks")
            .rows
            .is_empty(),
        "the schema's REFERENCES resolve"
    );

    // A queue item for a ticket that is not in cleanup_sessions is refused...
    let error = execute(&db, item("t@1")).expect_err("no such ticket");
    assert!(error.0.contains("FOREIGN KEY constraint failed"), "{error}");
    // ...even inside a batch, whose other statements are rolled back with it.
    let error =
        block(db.batch(vec![ended_session("t@1"), item("t@2")])).expect_err("no such ticket");
    assert!(error.0.contains("batch statement 1 "), "{error}");
    assert!(error.0.contains("FOREIGN KEY constraint failed"), "{error}");
    let sessions = execute(
        &db,
        Statement::new("SELECT count(*) AS c FROM cleanup_sessions"),
    )
    .expect("counts");
    assert_eq!(sessions.rows[0]["c"], 0);

    // The ended session first, then its items: accepted, checked statement by statement.
    let outcomes = block(db.batch(vec![ended_session("t@1"), item("t@1")])).expect("commits");
    assert_eq!(outcomes.iter().map(|o| o.changes).sum::<u64>(), 2);
    // Deferred to the end of the batch, the item may come before its session.
    let outcomes = block(db.batch(vec![
        Statement::new("PRAGMA defer_foreign_keys = ON"),
        item("t@2"),
        ended_session("t@2"),
    ]))
    .expect("commits");
    assert_eq!(outcomes.iter().map(|o| o.changes).sum::<u64>(), 2);
    // A deferred violation fails the COMMIT, which rolls the whole batch back.
    let error = block(db.batch(vec![
        Statement::new("PRAGMA defer_foreign_keys = ON"),
        ended_session("t@3"),
        item("t@4"),
    ]))
    .expect_err("t@4 has no session at COMMIT");
    assert!(error.0.contains("committing failed"), "{error}");
    assert!(error.0.contains("FOREIGN KEY constraint failed"), "{error}");
    let sessions = execute(
        &db,
        Statement::new("SELECT count(*) AS c FROM cleanup_sessions"),
    )
    .expect("counts, so out of the failed transaction");
    assert_eq!(sessions.rows[0]["c"], 2, "t@1 and t@2 only");
    // Foreign keys cannot be turned off, in a statement or a batch.
    for sql in [
        "PRAGMA foreign_keys = OFF",
        "pragma FOREIGN_KEYS=0",
        "PRAGMA foreign_keys = ON",
    ] {
        let error = execute(&db, Statement::new(sql)).expect_err(sql);
        assert!(
            error.0.contains("PRAGMA foreign_keys is refused"),
            "{sql}: {error}"
        );
        let error = block(db.batch(vec![Statement::new(sql)])).expect_err(sql);
        assert!(
            error.0.contains("PRAGMA foreign_keys is refused"),
            "{sql}: {error}"
        );
    }
    // A session with queued items cannot be deleted from under them (no ON DELETE).
    let error = execute(
        &db,
        Statement::new("DELETE FROM cleanup_sessions WHERE ticket = 't@1'"),
    )
    .expect_err("still referenced");
    assert!(error.0.contains("FOREIGN KEY constraint failed"), "{error}");
}

#[test]
fn a_64_bit_validation_column_reads_exactly_only_as_text() {
    let db = SqliteDb::migrated_in_memory().expect("copies");
    // 2^53 + 1: a valid i64 that no JavaScript number holds. `validation` is bound as decimal
    // text; INTEGER affinity stores it as a 64-bit integer.
    let validation = "9007199254740993";
    let written = block(
        db.run(
            Statement::new(
                "INSERT INTO labs_sessions (id, labId, labTitle, labGroupID, moduleID, duration,
                 activatedAt, counterID, configId, workerConfigId, lab_request_id, user_id,
                 terminal_url, validation, vm, created_at, updated_at, expires_at)
             VALUES (?1, 'lab', 'Lab', 'g', 'm', ?2, ?3, 'c', 'cfg', 'wcfg', 'req', ?4, 'https://t',
                 ?5, ?6, ?3, ?3, ?3)",
            )
            .bind("s1")
            .bind(30i64)
            .bind("2026-11-20T10:00:00.000Z")
            .bind("u1")
            .bind(validation)
            .bind(r#"{"id":"vm-1"}"#),
        ),
    )
    .expect("inserts");
    assert_eq!(written, 1);
    let row = &execute(
        &db,
        Statement::new(
            "SELECT typeof(validation) AS ty, validation, CAST(validation AS TEXT) AS exact,
                 worker_nodes, version FROM labs_sessions",
        ),
    )
    .expect("reads")
    .rows[0];
    assert_eq!(row["ty"], "integer");
    assert_eq!(
        row["validation"],
        json!(9_007_199_254_740_992.0),
        "rounded, as D1 returns it"
    );
    assert_eq!(row["exact"], validation, "exact as text");
    assert_eq!(
        (&row["worker_nodes"], &row["version"]),
        (&json!("[]"), &json!(1)),
        "defaults"
    );

    // The schema's CHECKs hold: vm must be JSON.
    let error = execute(
        &db,
        Statement::new("UPDATE labs_sessions SET vm = ?1 WHERE id = 's1'").bind("not json"),
    )
    .expect_err("refused");
    assert!(error.0.contains("CHECK constraint failed"), "{error}");
}

fn ended_session(ticket: &str) -> Statement {
    Statement::new(
        "INSERT INTO cleanup_sessions (ticket, session_id, user_id, lab_id, reason, session_json, queued_at)
         VALUES (?1, 's1', 'u1', 'lab', 'deleted', '{}', '2026-11-20T10:00:00.000Z')",
    )
    .bind(ticket)
}

fn item(ticket: &str) -> Statement {
    Statement::new(
        "INSERT INTO cleanup_items (ticket, user_id, lab_id, kind, lab_request_id, next_attempt_at,
             created_at, updated_at)
         VALUES (?1, 'u1', 'lab', 'vm', 'req', ?2, ?2, ?2)",
    )
    .bind(ticket)
    .bind("2026-11-20T10:00:00.000Z")
}

/// A fresh directory under the system's temp dir, unique to this process and test.
fn scratch_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("labs-sqlite-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("creates a scratch dir");
    dir
}
