//! Times the ways to get a fresh migrated in-memory database, which the simulation needs
//! thousands of per second: running the migrations, copying a migrated template with the
//! backup API, and deserializing a serialized template (what `migrated_in_memory` does).
//!
//! Each variant ends with a first query, which makes SQLite read the new database's schema.
//!
//! `cargo run --release -p labs-sqlite --example fresh_db [iterations]`

use std::hint::black_box;
use std::time::{Duration, Instant};

use futures_lite::future::block_on;
use labs_engine::db::{Db, Statement};
use labs_sqlite::{MIGRATIONS, SqliteDb};

const COUNT: &str = "SELECT count(*) AS n FROM labs_sessions";
use rusqlite::backup::Backup;
use rusqlite::{Connection, MAIN_DB};

fn migrate(conn: &Connection) {
    for m in MIGRATIONS {
        conn.execute_batch(m.sql).expect("migrates");
    }
}

/// A first statement, which makes SQLite read the schema of the new database.
fn first_query(conn: &Connection) {
    let n: i64 = conn
        .query_row("SELECT count(*) FROM labs_sessions", [], |row| row.get(0))
        .expect("queries");
    assert_eq!(n, 0);
}

fn time(label: &str, iterations: u32, mut make: impl FnMut()) {
    make(); // warm up (builds any template)
    let start = Instant::now();
    for _ in 0..iterations {
        make();
    }
    let each = start.elapsed() / iterations;
    println!(
        "{label:<52} {:>8.1} µs each  {:>8.0} per second",
        each.as_secs_f64() * 1e6,
        1.0 / each
            .as_secs_f64()
            .max(Duration::from_nanos(1).as_secs_f64())
    );
}

fn main() {
    let iterations: u32 = std::env::args()
        .nth(1)
        .map_or(2000, |n| n.parse().expect("a number"));

    let template = Connection::open_in_memory().expect("opens");
    migrate(&template);
    let image: Vec<u8> = {
        let mut conn = Connection::open_in_memory().expect("opens");
        migrate(&conn);
        conn.serialize(MAIN_DB).expect("serializes").to_vec()
    };
    println!(
        "template image: {} bytes, {iterations} iterations",
        image.len()
    );

    time("rusqlite: open + run the migrations", iterations, || {
        let conn = Connection::open_in_memory().expect("opens");
        migrate(&conn);
        first_query(&conn);
        black_box(conn);
    });
    time(
        "rusqlite: open + backup API copy of a template",
        iterations,
        || {
            let mut conn = Connection::open_in_memory().expect("opens");
            Backup::new(&template, &mut conn)
                .expect("starts")
                .step(-1)
                .expect("copies");
            first_query(&conn);
            black_box(conn);
        },
    );
    time(
        "rusqlite: open + deserialize a template image",
        iterations,
        || {
            let mut conn = Connection::open_in_memory().expect("opens");
            conn.deserialize_read_exact(MAIN_DB, image.as_slice(), image.len(), false)
                .expect("deserializes");
            first_query(&conn);
            black_box(conn);
        },
    );
    time(
        "SqliteDb::open_in_memory + apply_embedded_migrations",
        iterations,
        || {
            let db = SqliteDb::open_in_memory().expect("opens");
            db.apply_embedded_migrations().expect("migrates");
            black_box(block_on(db.execute(Statement::new(COUNT))).expect("queries"));
        },
    );
    time("SqliteDb::migrated_in_memory", iterations, || {
        let db = SqliteDb::migrated_in_memory().expect("copies");
        black_box(block_on(db.execute(Statement::new(COUNT))).expect("queries"));
    });
}
