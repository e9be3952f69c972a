//! Local-testing routes, absent unless `LABS_DEV_CLOCK=enabled` in a development or test
//! environment (the pipeline answers 404 before reading the body otherwise).

use labs_core::envelope;
use labs_core::error::{ApiError, FieldProblem};
use labs_core::time::ClockOffset;
use serde_json::Value;

use super::RequestContext;
use crate::Platform;
use crate::db::Db;
use crate::reply::{Handled, Reply};
use crate::sql::dev_clock;

/// `PUT /api/v1/dev/clock` `{"offset_ms": N}`.
pub async fn set_dev_clock<P: Platform>(
    rc: &RequestContext<'_, P>,
    body: Option<Value>,
) -> Handled {
    let offset = body
        .as_ref()
        .and_then(|b| b.get("offset_ms"))
        .and_then(Value::as_i64)
        .filter(|ms| ms.unsigned_abs() <= ClockOffset::MAX_MS as u64)
        .ok_or_else(|| {
            let max = ClockOffset::MAX_MS;
            let problem = format!("must be an integer from -{max} to {max}");
            ApiError::validation(
                format!("Invalid fields: offset_ms {problem}"),
                vec![FieldProblem::new("offset_ms", problem)],
            )
        })?;
    rc.engine.db.run(dev_clock::set_offset(offset)).await?;
    Ok(Reply::ok(envelope::success(
        "Clock offset set",
        ClockOffset { offset_ms: offset },
    )))
}
