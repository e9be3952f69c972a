//! The D1 rules `SqliteDb` keeps where plain SQLite differs: atomicity, batches, refused SQL,
//! parameter binding, values read back as JavaScript sees them, `changes`, `RETURNING`.

use labs_engine::db::{Db, DbError, MAX_SAFE_INTEGER, Outcome, Param, Statement};
use labs_sqlite::SqliteDb;
use serde_json::{Value, json};

fn block<T>(future: impl Future<Output = T>) -> T {
    futures_lite::future::block_on(future)
}

/// A database with one scratch table `t`.
fn scratch() -> SqliteDb {
    let db = SqliteDb::open_in_memory().expect("opens");
    block(db.execute(Statement::new(
        "CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER, r REAL, s TEXT UNIQUE)",
    )))
    .expect("creates t");
    db
}

fn execute(db: &SqliteDb, statement: Statement) -> Result<Outcome, DbError> {
    block(db.execute(statement))
}

fn count(db: &SqliteDb) -> Value {
    execute(db, Statement::new("SELECT count(*) AS c FROM t"))
        .expect("counts")
        .rows[0]["c"]
        .clone()
}

fn insert(n: i64, s: &str) -> Statement {
    Statement::new("INSERT INTO t (n, s) VALUES (?1, ?2)")
        .bind(n)
        .bind(s)
}

fn assert_refused(result: Result<Outcome, DbError>, needle: &str) {
    match result {
        Ok(outcome) => panic!("expected a refusal mentioning {needle:?}, got {outcome:?}"),
        Err(DbError(message)) => assert!(
            message.contains(needle),
            "expected {needle:?} in {message:?}"
        ),
    }
}

#[test]
fn a_failing_statement_leaves_nothing_behind() {
    let db = scratch();
    // The third row collides with the first: the first two must not stay.
    let result = execute(
        &db,
        Statement::new("INSERT INTO t (s) VALUES ('a'), ('b'), ('a')"),
    );
    assert_refused(result, "UNIQUE constraint failed: t.s");
    assert_eq!(count(&db), 0);
}

#[test]
fn a_failing_batch_rolls_back_every_statement_and_names_the_failed_one() {
    let db = scratch();
    execute(&db, insert(0, "kept")).expect("inserts");
    let error = block(db.batch(vec![
        insert(1, "one"),
        Statement::new("UPDATE t SET n = 99 WHERE s = 'kept'"),
        insert(2, "one"), // collides with statement 0 of this batch
        insert(3, "three"),
    ]))
    .expect_err("the third statement fails");
    assert!(error.0.contains("batch statement 2 "), "{error}");
    assert!(error.0.contains("UNIQUE constraint failed"), "{error}");

    let rows = execute(&db, Statement::new("SELECT n, s FROM t ORDER BY id"))
        .expect("reads")
        .rows;
    assert_eq!(
        Value::from(rows.into_iter().map(Value::Object).collect::<Vec<_>>()),
        json!([{"n": 0, "s": "kept"}])
    );

    // The connection is usable and out of the transaction afterwards.
    assert_eq!(execute(&db, insert(4, "four")).expect("inserts").changes, 1);
    assert_eq!(count(&db), 2);
}

#[test]
fn a_batch_commits_every_statement_and_returns_outcomes_in_order() {
    let db = scratch();
    let outcomes = block(db.batch(vec![
        insert(1, "a"),
        insert(2, "b"),
        Statement::new("UPDATE t SET n = n + 10"),
        Statement::new("SELECT n FROM t ORDER BY n"),
    ]))
    .expect("commits");
    let changes: Vec<u64> = outcomes.iter().map(|o| o.changes).collect();
    assert_eq!(changes, [1, 1, 2, 0]);
    assert_eq!(outcomes[3].rows.len(), 2);
    assert_eq!(outcomes[3].rows[0]["n"], 11);
    assert_eq!(count(&db), 2);
}

#[test]
fn an_empty_batch_is_refused() {
    let db = scratch();
    let error = block(db.batch(Vec::new())).expect_err("refused");
    assert!(error.0.contains("no statements"), "{error}");
}

#[test]
fn transaction_control_is_refused_in_execute_and_batch() {
    let db = scratch();
    for sql in [
        "BEGIN",
        "BEGIN IMMEDIATE TRANSACTION",
        "commit",
        "ROLLBACK",
        "SAVEPOINT s",
        "RELEASE s",
        "END",
        // Spellings the keyword check misses; the authorizer still refuses them.
        "/* hidden */ BEGIN",
        "-- a comment\nBEGIN",
    ] {
        assert_refused(execute(&db, Statement::new(sql)), "transaction control");
        let error = block(db.batch(vec![insert(1, "a"), Statement::new(sql)])).expect_err(sql);
        assert!(error.0.contains("batch statement 1 "), "{sql}: {error}");
        assert!(error.0.contains("transaction control"), "{sql}: {error}");
    }
    assert_eq!(count(&db), 0, "no batch wrote anything");
    // Still in autocommit: a plain write is durable at once and visible to a batch.
    execute(&db, insert(1, "a")).expect("inserts");
    assert_eq!(count(&db), 1);
}

#[test]
fn integer_parameters_past_2_53_are_refused() {
    let db = scratch();
    assert_refused(
        execute(&db, insert(MAX_SAFE_INTEGER + 1, "big")),
        "parameter ?1 is an integer past 2^53",
    );
    assert_refused(
        execute(&db, insert(-MAX_SAFE_INTEGER - 1, "small")),
        "parameter ?1 is an integer past 2^53",
    );
    assert_refused(
        execute(
            &db,
            Statement::new("INSERT INTO t (r) VALUES (?1)").bind(Param::Real(f64::INFINITY)),
        ),
        "parameter ?1 is not a finite number",
    );
    assert_eq!(count(&db), 0);
    // The largest safe integer binds and reads back exactly.
    execute(&db, insert(MAX_SAFE_INTEGER, "max")).expect("binds");
    let row = &execute(&db, Statement::new("SELECT n FROM t"))
        .expect("reads")
        .rows[0];
    assert_eq!(row["n"], json!(MAX_SAFE_INTEGER));
}

#[test]
fn parameters_bind_as_workerd_binds_javascript_values() {
    let db = scratch();
    let row = &execute(
        &db,
        Statement::new("SELECT typeof(?1) AS a, typeof(?2) AS b, typeof(?3) AS c, typeof(?4) AS d")
            .bind(Param::Int(5))
            .bind(Param::Real(5.5))
            .bind("five")
            .bind(Param::Null),
    )
    .expect("selects")
    .rows[0];
    assert_eq!(
        Value::Object(row.clone()),
        json!({"a": "real", "b": "real", "c": "text", "d": "null"}),
        "every JavaScript number is a double: an integer parameter binds as a real"
    );
    // An INTEGER column's affinity turns an integral real back into an integer, as in D1.
    execute(&db, Statement::new("CREATE TABLE n (i INTEGER)")).expect("creates");
    execute(
        &db,
        Statement::new("INSERT INTO n (i) VALUES (?1)").bind(Param::Int(7)),
    )
    .expect("inserts");
    let row = &execute(&db, Statement::new("SELECT i, typeof(i) AS ty FROM n"))
        .expect("reads")
        .rows[0];
    assert_eq!(Value::Object(row.clone()), json!({"i": 7, "ty": "integer"}));
}

#[test]
fn reals_that_are_integral_read_back_as_integers() {
    let db = scratch();
    execute(
        &db,
        Statement::new("INSERT INTO t (r) VALUES (?1), (2.5)").bind(Param::Real(5.0)),
    )
    .expect("inserts");
    let rows = execute(
        &db,
        Statement::new("SELECT r, typeof(r) AS ty FROM t ORDER BY id"),
    )
    .expect("reads")
    .rows;
    assert_eq!(rows[0]["ty"], "real", "stored as a real");
    assert_eq!(rows[0]["r"], json!(5), "read as the integer 5");
    assert!(rows[0]["r"].is_i64());
    assert_eq!(rows[1]["r"], json!(2.5));
    let row = &execute(
        &db,
        Statement::new("SELECT 5.0 AS five, NULL AS absent, 'x' AS text"),
    )
    .expect("reads")
    .rows[0];
    assert_eq!(
        Value::Object(row.clone()),
        json!({"five": 5, "absent": null, "text": "x"})
    );
}

#[test]
fn a_64_bit_integer_past_2_53_reads_back_rounded_but_exactly_as_text() {
    let db = scratch();
    // Written by SQL, as no parameter can carry it.
    execute(
        &db,
        Statement::new("INSERT INTO t (n) VALUES (9007199254740993)"),
    )
    .expect("inserts");
    let row = &execute(
        &db,
        Statement::new("SELECT n, CAST(n AS TEXT) AS exact FROM t"),
    )
    .expect("reads")
    .rows[0];
    assert_eq!(
        row["n"],
        json!(9_007_199_254_740_992.0),
        "rounded as a JavaScript number"
    );
    assert_eq!(row["exact"], "9007199254740993");
}

#[test]
fn blobs_are_an_error() {
    let db = scratch();
    assert_refused(
        execute(&db, Statement::new("SELECT x'00ff' AS b")),
        "column b is a BLOB",
    );
}

#[test]
fn returning_statements_return_their_rows() {
    let db = scratch();
    let outcome = execute(
        &db,
        Statement::new("INSERT INTO t (n, s) VALUES (?1, 'a'), (?2, 'b') RETURNING id, n")
            .bind(7i64)
            .bind(8i64),
    )
    .expect("inserts");
    assert_eq!(outcome.changes, 2);
    let rows: Vec<Value> = outcome.rows.into_iter().map(Value::Object).collect();
    assert_eq!(
        Value::from(rows),
        json!([{"id": 1, "n": 7}, {"id": 2, "n": 8}])
    );

    let outcome =
        execute(&db, Statement::new("DELETE FROM t WHERE n = 8 RETURNING s")).expect("deletes");
    assert_eq!((outcome.changes, outcome.rows.len()), (1, 1));
    assert_eq!(outcome.rows[0]["s"], "b");
}

#[test]
fn changes_counts_the_rows_that_statement_wrote() {
    let db = scratch();
    let changes = |statement| execute(&db, statement).expect("runs").changes;
    assert_eq!(
        changes(Statement::new("INSERT INTO t (n) VALUES (1), (2), (3)")),
        3
    );
    assert_eq!(
        changes(Statement::new("UPDATE t SET n = n * 10 WHERE n >= 2")),
        2
    );
    // A SELECT right after a write counts 0, not the write's 2 (sqlite3_changes would).
    assert_eq!(changes(Statement::new("SELECT * FROM t")), 0);
    assert_eq!(
        changes(Statement::new("UPDATE t SET n = 0 WHERE n = 12345")),
        0
    );
    assert_eq!(
        changes(Statement::new(
            "INSERT OR IGNORE INTO t (id, n) VALUES (1, 9)"
        )),
        0
    );
    assert_eq!(changes(Statement::new("DELETE FROM t")), 3);
    assert_eq!(changes(Statement::new("CREATE TABLE u (x)")), 0);
    // `run` is the same count.
    assert_eq!(block(db.run(insert(1, "a"))).expect("runs"), 1);
}

#[test]
fn two_sql_statements_in_one_are_refused() {
    let db = scratch();
    assert_refused(
        execute(
            &db,
            Statement::new("INSERT INTO t (n) VALUES (1); INSERT INTO t (n) VALUES (2)"),
        ),
        "must contain only one statement",
    );
    assert_refused(
        execute(&db, Statement::new("SELECT 1; DROP TABLE t")),
        "must contain only one statement",
    );
    assert_eq!(count(&db), 0);
    // A trailing semicolon, whitespace or comment is one statement.
    execute(
        &db,
        Statement::new("INSERT INTO t (n) VALUES (1);  -- done\n"),
    )
    .expect("one statement");
    assert_eq!(count(&db), 1);
    assert_refused(
        execute(&db, Statement::new("  -- nothing\n")),
        "did not contain a statement",
    );
}

#[test]
fn placeholders_and_parameters_must_match_in_number() {
    let db = scratch();
    let wrong = "Wrong number of parameter bindings";
    // Too few: plain SQLite would bind the missing one as NULL.
    assert_refused(
        execute(
            &db,
            Statement::new("INSERT INTO t (n, s) VALUES (?1, ?2)").bind(1i64),
        ),
        wrong,
    );
    // Too many.
    assert_refused(
        execute(
            &db,
            Statement::new("INSERT INTO t (n) VALUES (?1)")
                .bind(1i64)
                .bind(2i64),
        ),
        wrong,
    );
    assert_refused(execute(&db, Statement::new("SELECT 1").bind(1i64)), wrong);
    // The count is the largest ?N, as sqlite3_bind_parameter_count has it.
    assert_refused(
        execute(
            &db,
            Statement::new("SELECT ?1 + ?3 AS x").bind(1i64).bind(2i64),
        ),
        wrong,
    );
    let row = &execute(
        &db,
        Statement::new("SELECT ?1 + ?3 AS x")
            .bind(1i64)
            .bind(2i64)
            .bind(3i64),
    )
    .expect("three bound")
    .rows[0];
    assert_eq!(row["x"], 4);
    assert_eq!(count(&db), 0);
}

#[test]
fn clones_share_the_connection_and_statements_are_reused() {
    let db = scratch();
    let other = db.clone();
    for i in 0..50 {
        execute(&db, insert(i, &format!("s{i}"))).expect("inserts");
    }
    assert_eq!(count(&other), 50);
    let rows = execute(
        &other,
        Statement::new("SELECT s FROM t WHERE n = ?1").bind(49i64),
    )
    .expect("reads")
    .rows;
    assert_eq!(rows[0]["s"], "s49");
}

#[test]
fn decoding_helpers_work_over_the_executor() {
    type Fields = std::collections::BTreeMap<String, Value>;
    let db = scratch();
    execute(&db, insert(3, "c")).expect("inserts");
    let all: Vec<Fields> = block(db.all(Statement::new("SELECT n, s FROM t"))).expect("decodes");
    assert_eq!(all.len(), 1);
    assert_eq!((&all[0]["n"], &all[0]["s"]), (&json!(3), &json!("c")));
    let none: Option<Fields> =
        block(db.first(Statement::new("SELECT n, s FROM t WHERE n = 4"))).expect("decodes");
    assert_eq!(none, None);
}
