//! SQL for the test-only clock offset (`dev_clock`, one row).

use crate::db::Statement;

/// The stored offset in ms, as column `offset_ms` (no row when unset).
pub fn offset() -> Statement {
    Statement::new("SELECT offset_ms FROM dev_clock WHERE id = 1")
}

/// Sets the offset.
pub fn set_offset(offset_ms: i64) -> Statement {
    Statement::new(
        "INSERT INTO dev_clock (id, offset_ms) VALUES (1, ?1) \
         ON CONFLICT (id) DO UPDATE SET offset_ms = excluded.offset_ms",
    )
    .bind(offset_ms)
}
