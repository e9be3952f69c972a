//! Whether VMs are being deleted: `GET /api/v1/labs/status` and `GET /metrics`, both from one
//! read of the database (one batch, so one consistent snapshot). The rules are
//! `labs_core::status`; the text format `labs_core::metrics`.

use labs_core::envelope;
use labs_core::metrics::{self as text, Family, Sample};
use labs_core::status::{self, Observed, SessionCounts, Status};
use labs_core::time::Timestamp;

use super::RequestContext;
use crate::Platform;
use crate::db::{Db, DbError, decode_row, decode_rows};
use crate::reply::{Handled, Reply};
use crate::sql::{items, runs, sessions};

/// What one read gives: the status's inputs and every counter.
struct Snapshot {
    observed: Observed,
    queue: Vec<items::StatusCounts>,
    counters: Vec<crate::sql::metrics::CounterRow>,
}

async fn snapshot<P: Platform>(rc: &RequestContext<'_, P>) -> Result<Snapshot, DbError> {
    let now = rc.now;
    let in_10m = now.plus_millis(10 * 60_000).unwrap_or(now).to_iso();
    let mut out = rc
        .engine
        .db
        .batch(vec![
            sessions::status_counts(&now.to_iso(), &in_10m),
            items::status_counts(&now.to_iso()),
            runs::last_cron(),
            crate::sql::metrics::counters(),
            runs::last_calls(),
            runs::calls_since(&now.plus_millis(-5 * 60_000).unwrap_or(now).to_iso()),
        ])
        .await?
        .into_iter()
        .map(|o| o.rows);
    let mut next = || out.next().unwrap_or_default();
    let sessions: Option<sessions::StatusCounts> =
        next().into_iter().next().map(decode_row).transpose()?;
    let queue: Vec<items::StatusCounts> = decode_rows(next())?;
    let last: Option<runs::LastCronRow> = next().into_iter().next().map(decode_row).transpose()?;
    let counters: Vec<crate::sql::metrics::CounterRow> = decode_rows(next())?;
    #[derive(serde::Deserialize)]
    struct Calls {
        calls_made: u32,
        failures: u32,
    }
    let last_calls: Option<Calls> = next().into_iter().next().map(decode_row).transpose()?;
    #[derive(serde::Deserialize)]
    struct Recent {
        n: u64,
    }
    let recent: Option<Recent> = next().into_iter().next().map(decode_row).transpose()?;
    let calls: Vec<&items::StatusCounts> = queue.iter().filter(|q| q.kind != "alert").collect();
    let sum = |state: &str, f: &dyn Fn(&items::StatusCounts) -> u64| -> u64 {
        calls
            .iter()
            .filter(|q| q.state == state)
            .map(|q| f(q))
            .sum()
    };
    let oldest_pending_at = calls
        .iter()
        .filter(|q| q.state == "pending")
        .filter_map(|q| q.oldest.clone())
        .min();
    let s = sessions.as_ref();
    let observed = Observed {
        sessions: SessionCounts {
            live: s.map_or(0, |s| s.live),
            expiring_10m: s.and_then(|s| s.expiring_10m).unwrap_or(0),
            expired_waiting: s.and_then(|s| s.expired_waiting).unwrap_or(0),
        },
        pending: sum("pending", &|q| q.n),
        due_now: sum("pending", &|q| q.due.unwrap_or(0)),
        dead: sum("dead", &|q| q.n),
        oldest_pending_at,
        oldest_live_at: s.and_then(|s| s.oldest.clone()),
        last_cron: last.map(|l| (l.started_at, l.calls_made, l.failures)),
        last_calls: last_calls.map(|c| (c.calls_made, c.failures)),
        recent_calls: recent.map_or(0, |r| r.n),
        calls_per_run: rc.engine.config.cleanup.max_subrequests as u64,
        config_problems: rc.engine.config.config_problems.clone(),
    };
    Ok(Snapshot {
        observed,
        queue,
        counters,
    })
}

/// `GET /api/v1/labs/status`.
pub async fn get_status<P: Platform>(rc: &RequestContext<'_, P>) -> Handled {
    let snapshot = snapshot(rc).await?;
    let status: Status = status::assess(&snapshot.observed, rc.now);
    Ok(Reply::ok(envelope::success(
        "Cleanup status retrieved successfully",
        status,
    )))
}

/// `GET /metrics`: the Prometheus text format.
pub async fn get_metrics<P: Platform>(rc: &RequestContext<'_, P>) -> Handled {
    let snap = snapshot(rc).await?;
    let o = &snap.observed;
    let gauge = |name: &str, help: &str, samples: Vec<Sample>| Family {
        name: format!("labs_{name}"),
        kind: "gauge",
        help: help.into(),
        samples,
    };
    let items: Vec<Sample> = ["pending", "dead"]
        .iter()
        .flat_map(|state| {
            ["vm", "expose", "alert"].iter().map(|kind| Sample {
                labels: vec![
                    ("state".into(), state.to_string()),
                    ("kind".into(), kind.to_string()),
                ],
                value: snap
                    .queue
                    .iter()
                    .filter(|q| q.state == *state && q.kind == *kind)
                    .map(|q| q.n)
                    .sum::<u64>(),
            })
        })
        .collect();
    let age = |at: Option<&str>| {
        at.and_then(Timestamp::parse).map_or(0, |t| {
            ((rc.now.as_millis() - t.as_millis()).max(0) / 1000) as u64
        })
    };
    let last_cron_s = o
        .last_cron
        .as_ref()
        .and_then(|(at, _, _)| Timestamp::parse(at))
        .map_or(0, |t| (t.as_millis() / 1000) as u64);
    let mut families = vec![
        gauge(
            "sessions_live",
            "Lab sessions in labs_sessions.",
            vec![Sample::plain(o.sessions.live)],
        ),
        gauge(
            "sessions_expired_waiting",
            "Sessions past their expiry that no sweep has ended yet.",
            vec![Sample::plain(o.sessions.expired_waiting)],
        ),
        gauge(
            "cleanup_items",
            "Cleanup queue items waiting or given up, by state and kind.",
            items,
        ),
        gauge(
            "cleanup_oldest_pending_age_seconds",
            "Age of the oldest pending VM or expose call (0 when none).",
            vec![Sample::plain(age(o.oldest_pending_at.as_deref()))],
        ),
        gauge(
            "cleanup_last_cron_run_timestamp_seconds",
            "When the last cron sweep started, in Unix seconds (0 before the first).",
            vec![Sample::plain(last_cron_s)],
        ),
    ];
    for (name, help) in text::COUNTERS {
        families.push(Family {
            name: format!("labs_{name}_total"),
            kind: "counter",
            help: (*help).into(),
            samples: snap
                .counters
                .iter()
                .filter(|c| c.name == *name)
                .map(|c| Sample {
                    labels: text::stored_labels(&c.labels),
                    value: c.value,
                })
                .collect(),
        });
    }
    Ok(Reply::text(
        200,
        text::CONTENT_TYPE,
        text::render(&families),
    ))
}
