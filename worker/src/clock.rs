//! The current time: the runtime's clock, plus a test-only offset.
//!
//! With `LABS_DEV_CLOCK=enabled` (refused when `ENVIRONMENT` is `production`) the offset in
//! the `dev_clock` table is added, so end-to-end tests can move expiry and backoff into the
//! past without waiting real minutes. In production no query is made.

use labs_core::time::Timestamp;
use worker::{D1Database, Date, Result};

use crate::config::Config;
use crate::store;

/// The runtime's wall clock. (`std::time::SystemTime::now` panics in wasm.)
pub fn wall() -> Timestamp {
    Timestamp::from_millis(Date::now().as_millis() as i64).expect("the runtime's clock is in range")
}

/// The service's "now": the wall clock, shifted by the dev offset where enabled.
pub async fn now(db: &D1Database, config: &Config) -> Result<Timestamp> {
    let wall = wall();
    if !config.dev_clock {
        return Ok(wall);
    }
    let offset = store::dev_clock::offset_ms(db).await?;
    Ok(wall.plus_millis(offset).unwrap_or(wall))
}
