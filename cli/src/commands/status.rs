//! `labctl status`: whether VMs are being deleted, from `GET /api/v1/labs/status`.
//!
//! On a terminal, a short summary: the state coloured as labctl colours its status lines
//! (`ok` green, `degraded` yellow, `failing` red), the counts, then each problem on a line
//! with what to do about it. Piped, `key<TAB>value` lines and one
//! `problem<TAB>code<TAB>message<TAB>what to do` line per problem. `--json`/`--jq`: the
//! API's `data`. The exit code is the state: `0` ok, `9` degraded, `10` failing, whatever
//! the output form, so a script or a cron job can branch on it.
//!
//! The rules behind the state are `labs_core::status` (the Worker applies them); the answer
//! is read into its types, so labctl does not spell the shape again.

use chrono::{DateTime, Utc};
use labs_core::status::{Status, StatusLevel};
use reqwest::Method;
use serde_json::Value;

use crate::client::Client;
use crate::commands::session::display::with_relative;
use crate::context::Context;
use crate::duration;
use crate::exit::CliError;
use crate::output::{Io, escape_controls, io_error};

/// The route (a `read` token may call it).
pub const PATH: &str = "/api/v1/labs/status";

/// Fetches the status, prints it, and exits with its state.
pub async fn run(ctx: &mut Context) -> Result<(), CliError> {
    let settings = ctx.settings()?;
    let client = ctx.client_for(&settings)?;
    let (data, status) = fetch(&client).await?;
    if ctx.io.json {
        ctx.io.print_json(&data)?;
    } else {
        print_status(&mut ctx.io, &settings.url.value, &status, Utc::now())?;
    }
    verdict(&status)
}

/// `GET /api/v1/labs/status`: the API's `data` as it came, and read into [`Status`].
pub async fn fetch(client: &Client) -> Result<(Value, Status), CliError> {
    let data = client.call(Method::GET, PATH, None).await?;
    let status = serde_json::from_value(data.clone()).map_err(|e| {
        CliError::from(
            anyhow::Error::new(e).context("the Worker's status answer is not the documented shape"),
        )
    })?;
    Ok((data, status))
}

/// `Ok` when the state is `ok`; otherwise the error that exits 9 (degraded) or 10 (failing),
/// naming the problems.
pub fn verdict(status: &Status) -> Result<(), CliError> {
    let failing = match status.status {
        StatusLevel::Ok => return Ok(()),
        StatusLevel::Degraded => false,
        StatusLevel::Failing => true,
    };
    let codes: Vec<&str> = status.problems.iter().map(|p| p.code.as_str()).collect();
    Err(CliError::Unhealthy {
        failing,
        summary: format!(
            "the cleanup is {}: {}",
            level_name(status.status),
            codes.join(", ")
        ),
    })
}

/// The state as the API spells it.
pub fn level_name(level: StatusLevel) -> &'static str {
    match level {
        StatusLevel::Ok => "ok",
        StatusLevel::Degraded => "degraded",
        StatusLevel::Failing => "failing",
    }
}

/// What an operator does about problem `code`.
pub fn advice(code: &str) -> &'static str {
    match code {
        "dead_items" => {
            "list them with `labctl cleanup queue --state dead`; once the VM backend is fixed, \
             retry each with `labctl cleanup retry ITEM` (or `labctl cleanup retry --all-dead`)"
        }
        "cron_stale" => {
            "check `[triggers] crons` in the Worker's wrangler.toml and its Triggers in the \
             Cloudflare dashboard; `labctl cleanup run` sweeps by hand meanwhile"
        }
        "backend_failing" => {
            "check the VM backend (is it up? BACKEND_API_URL and BACKEND_API_TOKEN right?); the \
             errors are in `labctl cleanup queue`"
        }
        "backlog" => {
            "raise CLEANUP_MAX_SUBREQUESTS (the calls one sweep may make) or wait: the queue \
             drains at that many calls a minute"
        }
        "config_invalid" => {
            "fix the named variable in the Worker's vars (wrangler.toml or the dashboard); \
             its default is used meanwhile"
        }
        _ => "see `labctl status --json` and the Worker's documentation",
    }
}

/// Prints the status: a summary on a terminal, `key<TAB>value` and `problem` lines when
/// piped. `url` is the Worker's, for the terminal's heading.
pub fn print_status(
    io: &mut Io,
    url: &str,
    status: &Status,
    now: DateTime<Utc>,
) -> Result<(), CliError> {
    if io.stdout_tty {
        return io
            .print(&summary(status, url, io.color, now))
            .map_err(io_error);
    }
    let s = status;
    let opt = |v: Option<i64>| v.map(|v| v.to_string()).unwrap_or_default();
    io.print_record(&[
        ("status", level_name(s.status).to_owned()),
        ("sessions_live", s.sessions.live.to_string()),
        ("sessions_expiring_10m", s.sessions.expiring_10m.to_string()),
        (
            "sessions_expired_waiting",
            s.sessions.expired_waiting.to_string(),
        ),
        ("queue_pending", s.queue.pending.to_string()),
        ("queue_due_now", s.queue.due_now.to_string()),
        ("queue_dead", s.queue.dead.to_string()),
        (
            "queue_oldest_pending_age_s",
            opt(s.queue.oldest_pending_age_s),
        ),
        (
            "cron_last_run_at",
            s.cron.last_run_at.clone().unwrap_or_default(),
        ),
        ("cron_age_s", opt(s.cron.age_s)),
        (
            "capacity_calls_per_run",
            s.capacity.calls_per_run.to_string(),
        ),
        (
            "capacity_calls_per_minute",
            s.capacity.calls_per_minute.to_string(),
        ),
        (
            "capacity_drain_minutes",
            s.capacity.drain_minutes.to_string(),
        ),
    ])
    .map_err(io_error)?;
    let rows: Vec<Vec<String>> = s
        .problems
        .iter()
        .map(|p| {
            vec![
                p.code.clone(),
                p.message.clone(),
                advice(&p.code).to_owned(),
            ]
        })
        .collect();
    io.print_table(&[], &rows, Some("problem"))
        .map_err(io_error)
}

/// The terminal's summary. What came from the Worker (the problems' codes and messages, the
/// cron's timestamp) is escaped.
fn summary(status: &Status, url: &str, color: bool, now: DateTime<Utc>) -> String {
    let paint = |code: &str, text: &str| {
        if color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    };
    let (mark, tone) = match status.status {
        StatusLevel::Ok => ("✓", "32;1"),
        StatusLevel::Degraded => ("!", "33;1"),
        StatusLevel::Failing => ("✗", "31;1"),
    };
    let state = paint(tone, &format!("{mark} {}", level_name(status.status)));
    let s = status;
    let ago = |secs: i64| duration::format(std::time::Duration::from_secs(secs.unsigned_abs()));
    let mut out = format!("{state}  cleanup of {}\n", escape_controls(url));
    let label = |text: &str| paint("1", &format!("{text:<9}"));
    out.push_str(&format!(
        "{} {} live, {} expiring within 10m, {} expired and waiting for a sweep\n",
        label("sessions"),
        s.sessions.live,
        s.sessions.expiring_10m,
        s.sessions.expired_waiting
    ));
    let oldest = s
        .queue
        .oldest_pending_age_s
        .map(|a| format!(", the oldest {} old", ago(a)))
        .unwrap_or_default();
    out.push_str(&format!(
        "{} {} pending ({} due now){oldest}, {} dead\n",
        label("calls"),
        s.queue.pending,
        s.queue.due_now,
        s.queue.dead
    ));
    let cron = match &s.cron.last_run_at {
        Some(at) => format!("last sweep {}", escape_controls(&with_relative(at, now))),
        None => "no cron sweep yet".to_owned(),
    };
    out.push_str(&format!("{} {cron}\n", label("cron")));
    out.push_str(&format!(
        "{} {} calls a sweep, {} a minute lately, {} min to drain the queue\n",
        label("capacity"),
        s.capacity.calls_per_run,
        s.capacity.calls_per_minute,
        s.capacity.drain_minutes
    ));
    if !s.problems.is_empty() {
        out.push('\n');
    }
    for p in &s.problems {
        let tone = match p.code.as_str() {
            "cron_stale" | "dead_items" | "backend_failing" => "31;1",
            _ => "33;1",
        };
        out.push_str(&format!(
            "{}: {}\n  → {}\n",
            paint(tone, &escape_controls(&p.code)),
            escape_controls(&p.message),
            advice(&p.code)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use labs_core::status::{Capacity, CronState, Problem, QueueCounts, SessionCounts};

    use super::*;
    use crate::exit::ExitStatus;

    fn status(level: StatusLevel, problems: &[(&str, &str)]) -> Status {
        Status {
            status: level,
            problems: problems
                .iter()
                .map(|(code, message)| Problem {
                    code: (*code).into(),
                    message: (*message).into(),
                })
                .collect(),
            sessions: SessionCounts {
                live: 2,
                expiring_10m: 1,
                expired_waiting: 0,
            },
            queue: QueueCounts {
                pending: 3,
                due_now: 1,
                dead: 1,
                oldest_pending_age_s: Some(300),
            },
            cron: CronState {
                last_run_at: Some("2026-12-01T11:56:00.000Z".into()),
                age_s: Some(240),
            },
            capacity: Capacity {
                calls_per_run: 40,
                calls_per_minute: 40,
                drain_minutes: 1,
            },
        }
    }

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-12-01T12:00:00Z")
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn the_state_is_the_exit_code() {
        assert!(verdict(&status(StatusLevel::Ok, &[])).is_ok());
        let degraded = verdict(&status(StatusLevel::Degraded, &[("backlog", "x")])).unwrap_err();
        assert_eq!(degraded.exit_status(), ExitStatus::Degraded);
        assert_eq!(degraded.to_string(), "the cleanup is degraded: backlog");
        let failing = verdict(&status(
            StatusLevel::Failing,
            &[("cron_stale", "x"), ("config_invalid", "y")],
        ))
        .unwrap_err();
        assert_eq!(failing.exit_status().code(), 10);
        assert_eq!(
            failing.to_string(),
            "the cleanup is failing: cron_stale, config_invalid"
        );
        assert_eq!(failing.hint(), None, "the report says what to do");
    }

    #[test]
    fn every_problem_says_what_to_do() {
        assert!(advice("dead_items").contains("labctl cleanup queue --state dead"));
        assert!(advice("dead_items").contains("labctl cleanup retry ITEM"));
        assert!(advice("cron_stale").contains("wrangler.toml"));
        assert!(advice("cron_stale").contains("dashboard"));
        assert!(advice("backlog").contains("CLEANUP_MAX_SUBREQUESTS"));
        assert!(advice("config_invalid").contains("named variable"));
        assert!(advice("backend_failing").contains("VM backend"));
        assert!(advice("something_new").contains("--json"));
    }

    #[test]
    fn piped_it_is_key_value_lines_then_one_line_per_problem() {
        let (mut io, out, _) = Io::for_test(false);
        let s = status(
            StatusLevel::Failing,
            &[("dead_items", "1 cleanup call(s) gave up\tnow")],
        );
        print_status(&mut io, "http://w", &s, now()).unwrap();
        let text = out.contents();
        assert!(
            text.starts_with(
                "status\tfailing\nsessions_live\t2\nsessions_expiring_10m\t1\n\
                 sessions_expired_waiting\t0\nqueue_pending\t3\nqueue_due_now\t1\nqueue_dead\t1\n\
                 queue_oldest_pending_age_s\t300\ncron_last_run_at\t2026-12-01T11:56:00.000Z\n\
                 cron_age_s\t240\ncapacity_calls_per_run\t40\ncapacity_calls_per_minute\t40\ncapacity_drain_minutes\t1\n"
            ),
            "{text}"
        );
        assert!(
            text.ends_with(&format!(
                "problem\tdead_items\t1 cleanup call(s) gave up now\t{}\n",
                advice("dead_items")
            )),
            "{text}"
        );
        // Nothing known yet: empty values, the lines stay.
        let (mut io, out, _) = Io::for_test(false);
        let mut fresh = status(StatusLevel::Ok, &[]);
        fresh.cron = CronState::default();
        fresh.queue.oldest_pending_age_s = None;
        print_status(&mut io, "http://w", &fresh, now()).unwrap();
        let text = out.contents();
        assert!(
            text.contains("\ncron_last_run_at\t\ncron_age_s\t\n"),
            "{text}"
        );
        assert!(!text.contains("problem"), "{text}");
    }

    #[test]
    fn on_a_terminal_a_summary_with_what_to_do_and_the_state_coloured() {
        let s = status(
            StatusLevel::Failing,
            &[("cron_stale", "no cron sweep for 240 s \x1b[2J")],
        );
        let plain = summary(&s, "http://w", false, now());
        assert!(
            plain.starts_with("✗ failing  cleanup of http://w\n"),
            "{plain}"
        );
        assert!(
            plain.contains("3 pending (1 due now), the oldest 5m old, 1 dead"),
            "{plain}"
        );
        assert!(
            plain.contains("last sweep 2026-12-01T11:56:00.000Z (4m ago)"),
            "{plain}"
        );
        assert!(
            plain.contains(
                "\n\ncron_stale: no cron sweep for 240 s \\u{1b}[2J\n  → check `[triggers]"
            ),
            "what the Worker said is escaped: {plain}"
        );
        assert!(!plain.contains('\x1b'), "{plain}");
        let colour = summary(&s, "http://w", true, now());
        assert!(
            colour.starts_with("\x1b[31;1m✗ failing\x1b[0m"),
            "{colour:?}"
        );
        let ok = summary(&status(StatusLevel::Ok, &[]), "http://w", true, now());
        assert!(ok.starts_with("\x1b[32;1m✓ ok\x1b[0m"), "{ok:?}");
        let degraded = summary(
            &status(StatusLevel::Degraded, &[("backlog", "b")]),
            "http://w",
            true,
            now(),
        );
        assert!(
            degraded.starts_with("\x1b[33;1m! degraded\x1b[0m"),
            "{degraded:?}"
        );
    }
}
