//! How sweep records and queue items look: a summary and an error table for one run, a
//! table of runs, a table of queue items; tab-separated lines in a fixed order when piped.
//! `--json` bypasses this and prints the API's objects as they came.
//!
//! What an operator needs first at 3 a.m.: did VMs fail to be deleted, which users and VM
//! ids, what the backend said, and whether anything is dead (never retried until someone
//! acts). Those come out as the errors table and warnings on stderr.

use chrono::{DateTime, Utc};
use labs_core::cleanup::ItemState;
use serde_json::Value;

use crate::commands::session::display::{io_error, relative, text, with_relative};
use crate::exit::CliError;
use crate::output::Io;
use crate::table::{self, Column, Shorten};

/// The counters of a run, in the order they are printed.
pub const COUNTS: [&str; 6] = [
    "sessions_expired",
    "calls_made",
    "vms_deleted",
    "failures",
    "deferred",
    "newly_dead",
];

/// The longest last error shown in a terminal table (the piped form keeps it whole).
pub const ERROR_WIDTH: usize = 60;

fn count(run: &Value, key: &str) -> u64 {
    run.get(key).and_then(Value::as_u64).unwrap_or(0)
}

fn errors(run: &Value) -> Vec<Value> {
    run.get("errors")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default()
}

/// `1234` ms as `1234 ms`, `0` as `0 ms`; empty while the run has not finished.
fn millis(run: &Value) -> String {
    run.get("duration_ms")
        .and_then(Value::as_i64)
        .map(|ms| format!("{ms} ms"))
        .unwrap_or_default()
}

/// `forced`, or `forced (dry run)`.
fn trigger(run: &Value) -> String {
    let trigger = text(run, "trigger");
    if run.get("dry_run").and_then(Value::as_bool) == Some(true) {
        format!("{trigger} (dry run)")
    } else {
        trigger
    }
}

/// An item's state, as labs-core names them; `None` when the field is missing or unknown.
pub fn item_state(item: &Value) -> Option<ItemState> {
    serde_json::from_value(item.get("state")?.clone()).ok()
}

/// Prints one run: `--json` the record; piped, `key<TAB>value` lines (`id`, `trigger`,
/// `dry_run`, `started_at`, `finished_at`, `duration_ms`, then the counters) and one
/// `error<TAB>item_id<TAB>user_id<TAB>lab_request_id<TAB>kind<TAB>error` line per error; on
/// a terminal, a summary table and an errors table.
pub fn print_run(io: &mut Io, run: &Value, now: DateTime<Utc>) -> Result<(), CliError> {
    if io.json {
        return io.print_json(run);
    }
    let human = io.stdout_tty;
    let errors = errors(run);
    let mut rows: Vec<(&str, String)> = if human {
        vec![
            ("run", text(run, "id")),
            ("trigger", trigger(run)),
            ("started", with_relative(&text(run, "started_at"), now)),
            ("duration", millis(run)),
        ]
    } else {
        vec![
            ("id", text(run, "id")),
            ("trigger", text(run, "trigger")),
            ("dry_run", text(run, "dry_run")),
            ("started_at", text(run, "started_at")),
            ("finished_at", text(run, "finished_at")),
            ("duration_ms", text(run, "duration_ms")),
        ]
    };
    for key in COUNTS {
        let label = if human {
            match key {
                "sessions_expired" => "sessions expired",
                "calls_made" => "backend calls",
                "vms_deleted" => "VMs deleted",
                "failures" => "failed calls",
                "deferred" => "deferred (budget)",
                _ => "newly dead",
            }
        } else {
            key
        };
        rows.push((label, count(run, key).to_string()));
    }
    io.print_record(&rows).map_err(io_error)?;
    if errors.is_empty() {
        return Ok(());
    }
    io.heading("\nErrors").map_err(io_error)?;
    let rows: Vec<Vec<String>> = errors
        .iter()
        .map(|e| {
            vec![
                text(e, "item_id"),
                text(e, "user_id"),
                text(e, "lab_request_id"),
                text(e, "kind"),
                text(e, "error"),
            ]
        })
        .collect();
    io.print_table(
        &[
            Column::new("ITEM"),
            Column::id("USER"),
            Column::id("VM ID"),
            Column::new("KIND"),
            Column::text("ERROR"),
        ],
        &rows,
        Some("error"),
    )
    .map_err(io_error)
}

/// What an operator should do about a run, as lines for stderr: failed calls (retried with
/// backoff), dead items (never retried until someone acts), deferred items, errors beyond
/// the record's list. Empty for a clean run.
pub fn run_advice(run: &Value) -> Vec<Advice> {
    let mut advice = Vec::new();
    let dry = run.get("dry_run").and_then(Value::as_bool) == Some(true);
    if dry {
        advice.push(Advice::Note(
            "dry run: nothing was called or changed; the counts are what a sweep would do now"
                .to_owned(),
        ));
        if count(run, "deferred") > 0 {
            advice.push(Advice::Note(format!(
                "{} due calls would wait for a later sweep (over this run's budget)",
                count(run, "deferred")
            )));
        }
        return advice;
    }
    let failures = count(run, "failures");
    let dead = count(run, "newly_dead");
    if dead > 0 {
        advice.push(Advice::Warn(format!(
            "{dead} cleanup item(s) gave up after their last attempt and will not be retried: \
             check the VM backend, then `labctl cleanup queue --dead` and \
             `labctl cleanup retry --all-dead`"
        )));
    }
    if failures > dead {
        advice.push(Advice::Warn(format!(
            "{} backend call(s) failed and will be retried with backoff: \
             see `labctl cleanup queue`",
            failures - dead
        )));
    }
    let listed = errors(run).len() as u64;
    if failures > listed {
        advice.push(Advice::Note(format!(
            "the run record keeps the first {listed} errors of {failures}"
        )));
    }
    if count(run, "deferred") > 0 {
        advice.push(Advice::Note(format!(
            "{} due item(s) wait for the next sweep (this run's budget was spent)",
            count(run, "deferred")
        )));
    }
    advice
}

/// A line for stderr.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Advice {
    /// Printed as `warning: ...`.
    Warn(String),
    /// Printed as is.
    Note(String),
}

/// Prints advice lines on stderr.
pub fn print_advice(io: &mut Io, advice: &[Advice]) -> Result<(), CliError> {
    for line in advice {
        match line {
            Advice::Warn(text) => io.warn(text),
            Advice::Note(text) => io.note(text),
        }
        .map_err(io_error)?;
    }
    Ok(())
}

/// Prints runs: `--json` the array; piped, one line per run (`id`, `started_at`, `trigger`,
/// `dry_run`, `duration_ms`, then the counters); on a terminal, a table.
pub fn print_runs(io: &mut Io, runs: &[Value], now: DateTime<Utc>) -> Result<(), CliError> {
    if io.print_json_or_empty(runs, "No cleanup runs recorded yet.")? {
        return Ok(());
    }
    let human = io.stdout_tty;
    let rows: Vec<Vec<String>> = runs
        .iter()
        .map(|run| {
            let mut row = if human {
                let started = text(run, "started_at");
                vec![
                    text(run, "id"),
                    relative(&started, now).unwrap_or(started),
                    trigger(run),
                    millis(run),
                ]
            } else {
                vec![
                    text(run, "id"),
                    text(run, "started_at"),
                    text(run, "trigger"),
                    text(run, "dry_run"),
                    text(run, "duration_ms"),
                ]
            };
            row.extend(COUNTS.iter().map(|key| count(run, key).to_string()));
            row
        })
        .collect();
    // On a narrow terminal the secondary counters give way first (`cleanup show` has all).
    io.print_table(
        &[
            Column::id("RUN ID"),
            Column::new("STARTED"),
            Column::new("TRIGGER"),
            Column::new("DURATION").optional(2),
            Column::new("EXPIRED").optional(1),
            Column::new("CALLS").optional(3),
            Column::new("DELETED"),
            Column::new("FAILED"),
            Column::new("DEFERRED").optional(4),
            Column::new("DEAD"),
        ],
        &rows,
        None,
    )
    .map_err(io_error)
}

/// Prints queue items: `--json` the array; piped, one line per item (`id`, `state`, `kind`,
/// `user_id`, `lab_request_id`, `attempts`, `next_attempt_at`, `last_status`, `last_error`,
/// the error whole); on a terminal, a table with the next attempt made relative and the
/// last error cut to [`ERROR_WIDTH`].
pub fn print_queue(io: &mut Io, items: &[Value], now: DateTime<Utc>) -> Result<(), CliError> {
    if io.print_json_or_empty(items, "The cleanup queue has no such items.")? {
        return Ok(());
    }
    let human = io.stdout_tty;
    let rows: Vec<Vec<String>> = items
        .iter()
        .map(|item| {
            let state = text(item, "state");
            let next = text(item, "next_attempt_at");
            let mut row = vec![
                text(item, "id"),
                state.clone(),
                text(item, "kind"),
                text(item, "user_id"),
                text(item, "lab_request_id"),
                text(item, "attempts"),
            ];
            if human {
                let next = match item_state(item) {
                    Some(ItemState::Dead) => "never (dead)".to_owned(),
                    Some(ItemState::Done) => String::new(),
                    _ => match relative(&next, now) {
                        Some(r) if r.ends_with(" ago") || r == "now" => format!("due ({r})"),
                        Some(r) => r,
                        None => next,
                    },
                };
                row.push(next);
                row.push(table::shorten(
                    &text(item, "last_error"),
                    ERROR_WIDTH,
                    Shorten::End,
                ));
            } else {
                row.push(next);
                row.push(text(item, "last_status"));
                row.push(text(item, "last_error"));
            }
            row
        })
        .collect();
    io.print_table(
        &[
            Column::new("ID"),
            Column::new("STATE"),
            Column::new("KIND"),
            Column::id("USER"),
            Column::id("VM ID"),
            Column::new("ATTEMPTS").optional(1),
            Column::new("NEXT ATTEMPT"),
            Column::text("LAST ERROR"),
        ],
        &rows,
        None,
    )
    .map_err(io_error)
}

/// `3 pending, 1 dead` for a list of items.
pub fn queue_counts(items: &[Value]) -> String {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for item in items {
        let state = text(item, "state");
        match counts.iter_mut().find(|(s, _)| *s == state) {
            Some((_, n)) => *n += 1,
            None => counts.push((state, 1)),
        }
    }
    counts
        .iter()
        .map(|(state, n)| format!("{n} {state}"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-11-20T11:00:00Z")
            .unwrap()
            .with_timezone(&Utc)
    }

    fn failed_run() -> Value {
        json!({
            "id": "run-1", "trigger": "forced", "dry_run": false,
            "started_at": "2026-11-20T10:58:00.000Z", "finished_at": "2026-11-20T10:58:00.120Z",
            "duration_ms": 120, "sessions_expired": 2, "calls_made": 4, "vms_deleted": 1,
            "failures": 3, "deferred": 0, "newly_dead": 1,
            "errors": [
                {"item_id": 7, "user_id": "user-b", "lab_request_id": "user-b-master", "kind": "vm", "error": "backend answered 500"},
                {"item_id": 8, "user_id": "user-b", "lab_request_id": "user-b-master", "kind": "expose", "error": "request to http://b/x\ttimed out"}
            ]
        })
    }

    fn items() -> Vec<Value> {
        vec![
            json!({"id": 7, "session_id": "s", "user_id": "user-b", "lab_id": "lab", "kind": "vm",
                   "lab_request_id": "user-b-master", "state": "pending", "attempts": 1,
                   "next_attempt_at": "2026-11-20T11:03:00.000Z", "last_status": 500,
                   "last_error": "backend answered 500", "created_at": "x", "updated_at": "x", "completed_at": null}),
            json!({"id": 8, "session_id": "s", "user_id": "user-b", "lab_id": "lab", "kind": "expose",
                   "lab_request_id": "user-b-master", "state": "dead", "attempts": 12,
                   "next_attempt_at": "2026-11-20T10:00:00.000Z", "last_status": null,
                   "last_error": "request to http://backend.internal/api/v1/expose/ timed out after 10000 ms",
                   "created_at": "x", "updated_at": "x", "completed_at": null}),
        ]
    }

    #[test]
    fn a_piped_run_is_stable_lines_with_one_line_per_error() {
        let (mut io, out, _) = Io::for_test(false);
        print_run(&mut io, &failed_run(), now()).unwrap();
        assert_eq!(
            out.contents(),
            "id\trun-1\ntrigger\tforced\ndry_run\tfalse\nstarted_at\t2026-11-20T10:58:00.000Z\n\
             finished_at\t2026-11-20T10:58:00.120Z\nduration_ms\t120\nsessions_expired\t2\n\
             calls_made\t4\nvms_deleted\t1\nfailures\t3\ndeferred\t0\nnewly_dead\t1\n\
             error\t7\tuser-b\tuser-b-master\tvm\tbackend answered 500\n\
             error\t8\tuser-b\tuser-b-master\texpose\trequest to http://b/x timed out\n"
        );
    }

    #[test]
    fn a_run_without_errors_has_no_error_lines_and_no_advice() {
        let mut run = failed_run();
        run["errors"] = json!([]);
        for key in ["failures", "newly_dead"] {
            run[key] = json!(0);
        }
        let (mut io, out, _) = Io::for_test(false);
        print_run(&mut io, &run, now()).unwrap();
        assert!(!out.contents().contains("error\t"), "{}", out.contents());
        assert!(out.contents().ends_with("newly_dead\t0\n"));
        assert_eq!(run_advice(&run), vec![]);
    }

    #[test]
    fn a_run_on_a_terminal_reads_as_a_summary() {
        let (mut io, out, _) = Io::for_test(true);
        print_run(&mut io, &failed_run(), now()).unwrap();
        let text = out.contents();
        for expected in [
            "forced",
            "2026-11-20T10:58:00.000Z (2m ago)",
            "120 ms",
            "VMs deleted",
            "failed calls",
            "Errors",
            "VM ID",
            "user-b-master",
            "backend answered 500",
        ] {
            assert!(text.contains(expected), "{expected:?} in {text}");
        }
    }

    #[test]
    fn advice_names_dead_items_retries_and_cut_error_lists() {
        let advice = run_advice(&failed_run());
        assert_eq!(advice.len(), 3, "{advice:?}");
        let Advice::Warn(dead) = &advice[0] else {
            panic!("{advice:?}")
        };
        assert!(dead.starts_with("1 cleanup item(s) gave up"), "{dead}");
        assert!(dead.contains("labctl cleanup retry --all-dead"), "{dead}");
        let Advice::Warn(retried) = &advice[1] else {
            panic!("{advice:?}")
        };
        assert!(retried.starts_with("2 backend call(s) failed"), "{retried}");
        assert_eq!(
            advice[2],
            Advice::Note("the run record keeps the first 2 errors of 3".into())
        );

        let mut dry = failed_run();
        dry["dry_run"] = json!(true);
        dry["deferred"] = json!(5);
        let advice = run_advice(&dry);
        assert!(matches!(&advice[0], Advice::Note(n) if n.starts_with("dry run")));
        assert!(matches!(&advice[1], Advice::Note(n) if n.starts_with("5 due calls")));
    }

    #[test]
    fn a_piped_queue_keeps_status_and_whole_errors() {
        let (mut io, out, _) = Io::for_test(false);
        print_queue(&mut io, &items(), now()).unwrap();
        assert_eq!(
            out.contents(),
            "7\tpending\tvm\tuser-b\tuser-b-master\t1\t2026-11-20T11:03:00.000Z\t500\tbackend answered 500\n\
             8\tdead\texpose\tuser-b\tuser-b-master\t12\t2026-11-20T10:00:00.000Z\t\t\
             request to http://backend.internal/api/v1/expose/ timed out after 10000 ms\n"
        );
    }

    #[test]
    fn a_queue_on_a_terminal_is_a_table_with_cut_errors() {
        let (mut io, out, _) = Io::for_test(true);
        print_queue(&mut io, &items(), now()).unwrap();
        let text = out.contents();
        assert!(
            text.contains("NEXT ATTEMPT") && text.contains('│'),
            "{text}"
        );
        assert!(text.contains("in 3m"), "{text}");
        assert!(text.contains("never (dead)"), "{text}");
        assert!(!text.contains("10000 ms"), "the error is cut: {text}");
        assert_eq!(queue_counts(&items()), "1 pending, 1 dead");
    }

    #[test]
    fn runs_piped_are_one_line_each() {
        let (mut io, out, _) = Io::for_test(false);
        print_runs(&mut io, &[failed_run()], now()).unwrap();
        assert_eq!(
            out.contents(),
            "run-1\t2026-11-20T10:58:00.000Z\tforced\tfalse\t120\t2\t4\t1\t3\t0\t1\n"
        );
        let (mut io, out, _) = Io::for_test(false);
        io.json = true;
        print_runs(&mut io, &[], now()).unwrap();
        assert_eq!(out.contents(), "[]\n");
    }
}
