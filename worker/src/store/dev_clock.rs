//! SQL for the test-only clock offset (`dev_clock`, one row).

use worker::{D1Database, Result};

use super::num;

/// The stored offset in ms (0 when unset).
pub async fn offset_ms(db: &D1Database) -> Result<i64> {
    let offset: Option<f64> = db
        .prepare("SELECT offset_ms FROM dev_clock WHERE id = 1")
        .first(Some("offset_ms"))
        .await?;
    Ok(offset.unwrap_or(0.0) as i64)
}

/// Sets the offset.
pub async fn set_offset_ms(db: &D1Database, offset_ms: i64) -> Result<()> {
    db.prepare(
        "INSERT INTO dev_clock (id, offset_ms) VALUES (1, ?1) \
         ON CONFLICT (id) DO UPDATE SET offset_ms = excluded.offset_ms",
    )
    .bind(&[num(offset_ms as f64)])?
    .run()
    .await?;
    Ok(())
}
