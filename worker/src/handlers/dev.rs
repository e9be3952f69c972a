//! Local-testing routes, absent unless `LABS_DEV_CLOCK=enabled` outside production.

use labs_core::envelope;
use labs_core::error::{ApiError, FieldProblem};
use labs_core::time::ClockOffset;
use serde_json::Value;

use super::Handled;
use crate::http::{Reply, RequestContext};
use crate::store::dev_clock;

/// `PUT /api/v1/dev/clock` `{"offset_ms": N}`: only with `LABS_DEV_CLOCK=enabled` outside
/// production; otherwise the route does not exist.
pub async fn set_dev_clock(rc: &RequestContext<'_>, body: Option<Value>) -> Handled {
    if !rc.config.dev_clock {
        return Err(ApiError::route_not_found().into());
    }
    let offset = body
        .as_ref()
        .and_then(|b| b.get("offset_ms"))
        .and_then(Value::as_i64)
        .ok_or_else(|| {
            ApiError::validation(
                "Invalid fields: offset_ms must be an integer",
                vec![FieldProblem::new("offset_ms", "must be an integer")],
            )
        })?;
    dev_clock::set_offset_ms(&rc.db, offset).await?;
    Ok(Reply::ok(envelope::success(
        "Clock offset set",
        ClockOffset { offset_ms: offset },
    )))
}
