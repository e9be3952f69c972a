//! `labctl session history [USER_ID] [filters] | --session SESSION_ID`: ended labs, newest
//! first — when and how each ended, and whether the VM backend confirmed the deletion of its
//! VMs — or one ended session and every backend call it was owed (state, attempts, last
//! error). `--all` follows the cursors as `session list --all` does.

use chrono::{DateTime, Utc};
use labs_core::cleanup::{ItemKind, ItemState};
use labs_core::history::HistoryCall;
use serde_json::Value;

use super::display::{io_error, relative, text, with_relative};
use crate::api::{self, HistoryFilters};
use crate::cli::{HistoryArgs, wire_name};
use crate::context::Context;
use crate::duration;
use crate::exit::CliError;
use crate::output::Io;
use crate::paging::{self, Paging};
use crate::table::Column;

/// The columns of the list on a terminal, in order. `USER` is left out when the list is one
/// user's; on a narrow terminal ids are shortened, and the session id goes first if that is
/// not enough. Piped, every entry is one line of the API's values instead:
/// `ended_at user_id lab_id reason vms_total vms_deleted vms_pending vms_dead session_id`.
pub const COLUMNS: [Column<'static>; 8] = [
    Column::new("ENDED"),
    Column::id("USER"),
    Column::id("LAB"),
    Column::new("HOW"),
    Column::new("DELETED"),
    Column::new("PENDING"),
    Column::new("DEAD"),
    Column::id("SESSION ID").optional(1),
];

/// The columns of one session's calls on a terminal (on a narrow one the VM id and the
/// error are shortened; the warnings under the table name dead items whole). Piped, each
/// call is one line:
/// `call id kind lab_request_id state attempts last_status last_error completed_at`.
pub const CALL_COLUMNS: [Column<'static>; 6] = [
    Column::new("ITEM"),
    Column::new("KIND"),
    Column::id("VM ID"),
    Column::new("STATE"),
    Column::new("ATTEMPTS"),
    Column::text("LAST ERROR"),
];

/// The filters the flags ask for; `--since`/`--until` durations count back from `now`.
pub fn filters(args: &HistoryArgs, now: DateTime<Utc>) -> HistoryFilters {
    HistoryFilters {
        user_id: args.user_id.clone(),
        lab_id: args.lab.clone(),
        reason: args.reason.map(|r| r.as_str().to_owned()),
        ended_after: args.since.as_ref().map(|w| w.resolve(now)),
        ended_before: args.until.as_ref().map(|w| w.resolve(now)),
    }
}

/// Lists ended labs, or shows one with `--session`.
pub async fn run(args: HistoryArgs, ctx: &mut Context) -> Result<(), CliError> {
    if let Some(session_id) = &args.session {
        api::history_detail_path(session_id)?;
        let client = ctx.client()?;
        let detail = api::get_history(&client, session_id).await?;
        print_detail(&mut ctx.io, &detail, Utc::now())?;
        if !ctx.io.json {
            warn_dead_calls(&mut ctx.io, &calls(&detail))?;
        }
        return Ok(());
    }
    let show_progress = args.all && ctx.io.show_progress();
    let mut client = ctx.client()?;
    if show_progress {
        client = client.without_spinner();
    }
    let filters = filters(&args, Utc::now());
    let paging = Paging {
        page_size: args.limit,
        cap: None,
        one_page: !args.all,
    };
    let collected =
        paging::collect_with_progress(paging, show_progress, "ended labs", |limit, cursor| {
            let (client, filters) = (&client, &filters);
            async move { api::list_history(client, filters, limit, cursor.as_deref()).await }
        })
        .await?;
    print_entries(
        &mut ctx.io,
        &collected.items,
        args.user_id.is_some(),
        Utc::now(),
    )?;
    if ctx.io.json {
        return Ok(());
    }
    if collected.more {
        ctx.io
            .note(&format!(
                "more ended labs match: showing the newest {}; pass --all to see every page",
                collected.items.len()
            ))
            .map_err(io_error)?;
    }
    let with_dead: Vec<String> = collected
        .items
        .iter()
        .filter(|e| count(e, "vms_dead") > 0)
        .map(|e| text(e, "session_id"))
        .collect();
    if !with_dead.is_empty() {
        ctx.io
            .warn(&format!(
                "{} ended lab(s) have VMs whose deletion is dead (nobody deletes them until \
                 they are retried): `labctl session history --session {}` names them",
                with_dead.len(),
                with_dead[0]
            ))
            .map_err(io_error)?;
    }
    Ok(())
}

fn count(value: &Value, key: &str) -> u64 {
    value.get(key).and_then(Value::as_u64).unwrap_or(0)
}

/// Prints ended labs: `--json` the entries as the API gave them; otherwise one row each (on
/// a terminal: when relative, `DELETED` as `2/3`; without the `USER` column when
/// `one_user`).
pub fn print_entries(
    io: &mut Io,
    entries: &[Value],
    one_user: bool,
    now: DateTime<Utc>,
) -> Result<(), CliError> {
    if io.print_json_or_empty(entries, "No ended lab sessions match.")? {
        return Ok(());
    }
    if !io.stdout_tty {
        let rows: Vec<Vec<String>> = entries
            .iter()
            .map(|e| {
                [
                    "ended_at",
                    "user_id",
                    "lab_id",
                    "reason",
                    "vms_total",
                    "vms_deleted",
                    "vms_pending",
                    "vms_dead",
                    "session_id",
                ]
                .iter()
                .map(|key| text(e, key))
                .collect()
            })
            .collect();
        return io.print_table(&COLUMNS, &rows, None).map_err(io_error);
    }
    let keep = |i: usize| !(one_user && i == 1);
    let columns: Vec<Column<'_>> = COLUMNS
        .iter()
        .enumerate()
        .filter(|(i, _)| keep(*i))
        .map(|(_, c)| *c)
        .collect();
    let rows: Vec<Vec<String>> = entries
        .iter()
        .map(|e| {
            let ended = text(e, "ended_at");
            let cells = [
                relative(&ended, now).unwrap_or(ended),
                text(e, "user_id"),
                text(e, "lab_id"),
                text(e, "reason"),
                format!("{}/{}", count(e, "vms_deleted"), count(e, "vms_total")),
                count(e, "vms_pending").to_string(),
                count(e, "vms_dead").to_string(),
                text(e, "session_id"),
            ];
            cells
                .into_iter()
                .enumerate()
                .filter(|(i, _)| keep(*i))
                .map(|(_, c)| c)
                .collect()
        })
        .collect();
    io.print_table(&columns, &rows, None).map_err(io_error)
}

/// The calls of a detail, as labs-core reads them (none when the answer has no `vms`).
pub fn calls(detail: &Value) -> Vec<HistoryCall> {
    detail
        .get("vms")
        .cloned()
        .and_then(|vms| serde_json::from_value(vms).ok())
        .unwrap_or_default()
}

/// How the VMs of a session stand: `(total, deleted, pending, dead)`, counting VM calls only
/// (the expose call never keeps a VM alive).
pub fn vm_counts(calls: &[HistoryCall]) -> (usize, usize, usize, usize) {
    let vms = || calls.iter().filter(|c| c.kind == ItemKind::Vm);
    let state = |s: ItemState| vms().filter(|c| c.state == s).count();
    (
        vms().count(),
        state(ItemState::Done),
        state(ItemState::Pending),
        state(ItemState::Dead),
    )
}

/// `3/3 deleted`, or `1/3 deleted, 1 pending, 1 dead`.
pub fn vm_summary(calls: &[HistoryCall]) -> String {
    let (total, deleted, pending, dead) = vm_counts(calls);
    let mut text = format!("{deleted}/{total} deleted");
    if pending > 0 {
        text.push_str(&format!(", {pending} pending"));
    }
    if dead > 0 {
        text.push_str(&format!(", {dead} dead"));
    }
    text
}

/// Prints one ended session: `--json` the API's object; piped, `key<TAB>value` lines
/// (`session_id`, `user_id`, `lab_id`, `reason`, `ended_at`, `vms_total`, `vms_deleted`,
/// `vms_pending`, `vms_dead`, `all_deleted`) then one `call<TAB>...` line per call; on a
/// terminal, a summary and a table of the calls.
pub fn print_detail(io: &mut Io, detail: &Value, now: DateTime<Utc>) -> Result<(), CliError> {
    if io.json {
        return io.print_json(detail);
    }
    let session = detail.get("session").cloned().unwrap_or(Value::Null);
    let calls = calls(detail);
    let (total, deleted, pending, dead) = vm_counts(&calls);
    let ended = text(detail, "ended_at");
    let rows: Vec<(&str, String)> = if io.stdout_tty {
        let duration = session
            .get("duration")
            .and_then(Value::as_i64)
            .map(duration::format_minutes)
            .unwrap_or_default();
        vec![
            ("session", text(&session, "id")),
            ("user", text(&session, "user_id")),
            ("lab", text(&session, "labId")),
            ("title", text(&session, "labTitle")),
            ("created", text(&session, "created_at")),
            ("duration", duration),
            ("ended", with_relative(&ended, now)),
            ("how", text(detail, "reason")),
            ("VMs", vm_summary(&calls)),
        ]
    } else {
        vec![
            ("session_id", text(&session, "id")),
            ("user_id", text(&session, "user_id")),
            ("lab_id", text(&session, "labId")),
            ("reason", text(detail, "reason")),
            ("ended_at", ended),
            ("vms_total", total.to_string()),
            ("vms_deleted", deleted.to_string()),
            ("vms_pending", pending.to_string()),
            ("vms_dead", dead.to_string()),
            ("all_deleted", text(detail, "all_deleted")),
        ]
    };
    io.print_record(&rows).map_err(io_error)?;
    if calls.is_empty() {
        return Ok(());
    }
    io.heading("\nBackend calls").map_err(io_error)?;
    let human = io.stdout_tty;
    let rows: Vec<Vec<String>> = calls
        .iter()
        .map(|c| {
            let mut row = vec![
                c.id.to_string(),
                wire_name(c.kind),
                c.lab_request_id.clone(),
                wire_name(c.state),
                c.attempts.to_string(),
            ];
            if !human {
                row.push(c.last_status.map(|s| s.to_string()).unwrap_or_default());
            }
            row.push(c.last_error.clone().unwrap_or_default());
            if !human {
                row.push(c.completed_at.clone().unwrap_or_default());
            }
            row
        })
        .collect();
    io.print_table(&CALL_COLUMNS, &rows, Some("call"))
        .map_err(io_error)
}

/// A warning on stderr for each dead VM call, with the command that retries it.
pub fn warn_dead_calls(io: &mut Io, calls: &[HistoryCall]) -> Result<(), CliError> {
    for call in calls
        .iter()
        .filter(|c| c.kind == ItemKind::Vm && c.state == ItemState::Dead)
    {
        io.warn(&format!(
            "the deletion of VM {} is dead (given up after {} attempts): nobody deletes it \
             until it is retried: `labctl cleanup retry {}`",
            call.lab_request_id, call.attempts, call.id
        ))
        .map_err(io_error)?;
    }
    Ok(())
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

    fn entries() -> Vec<Value> {
        vec![
            json!({"session_id": "1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed", "user_id": "user-1",
                   "lab_id": "lab-intro-k8s", "reason": "deleted", "ended_at": "2026-11-20T10:55:00.000Z",
                   "vms_total": 3, "vms_deleted": 2, "vms_pending": 1, "vms_dead": 0, "all_deleted": false}),
            json!({"session_id": "0b6f2c45-1111-2222-3333-ab8dfbbd4bed", "user_id": "user-1",
                   "lab_id": "lab-intro-k8s", "reason": "expired", "ended_at": "2026-11-19T09:00:00.000Z",
                   "vms_total": 1, "vms_deleted": 1, "vms_pending": 0, "vms_dead": 0, "all_deleted": true}),
        ]
    }

    fn detail() -> Value {
        json!({
            "session": {"id": "s-1", "user_id": "user-1", "labId": "lab-k8s", "labTitle": "Intro",
                        "duration": 90, "created_at": "2026-11-20T09:00:00.000Z"},
            "ended_at": "2026-11-20T10:30:00.000Z",
            "reason": "expired",
            "vms": [
                {"id": 7, "lab_request_id": "user-1-master", "kind": "expose", "state": "done",
                 "attempts": 0, "last_status": null, "last_error": null, "completed_at": "2026-11-20T10:30:01.000Z"},
                {"id": 8, "lab_request_id": "user-1-master", "kind": "vm", "state": "done",
                 "attempts": 0, "last_status": null, "last_error": null, "completed_at": "2026-11-20T10:30:02.000Z"},
                {"id": 9, "lab_request_id": "user-1-worker-0", "kind": "vm", "state": "dead",
                 "attempts": 2, "last_status": 500, "last_error": "POST /api/v1/labs/delete answered 500",
                 "completed_at": null},
                {"id": 10, "lab_request_id": "user-1-worker-1", "kind": "vm", "state": "pending",
                 "attempts": 1, "last_status": null, "last_error": "POST /api/v1/labs/delete timed out after 10000 ms",
                 "completed_at": null}
            ],
            "vms_pending": 1, "vms_dead": 1, "all_deleted": false
        })
    }

    #[test]
    fn piped_entries_are_one_stable_line_each_with_every_field() {
        let (mut io, out, err) = Io::for_test(false);
        print_entries(&mut io, &entries(), true, now()).unwrap();
        assert_eq!(
            out.contents(),
            "2026-11-20T10:55:00.000Z\tuser-1\tlab-intro-k8s\tdeleted\t3\t2\t1\t0\t\
             1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed\n\
             2026-11-19T09:00:00.000Z\tuser-1\tlab-intro-k8s\texpired\t1\t1\t0\t0\t\
             0b6f2c45-1111-2222-3333-ab8dfbbd4bed\n"
        );
        assert_eq!(err.contents(), "");
    }

    #[test]
    fn a_terminal_gets_a_table_that_fits_80_columns() {
        for one_user in [true, false] {
            let (mut io, out, _) = Io::for_test(true);
            print_entries(&mut io, &entries(), one_user, now()).unwrap();
            let text = out.contents();
            assert!(text.lines().all(|l| crate::table::width(l) <= 80), "{text}");
            for cell in [
                "ENDED", "HOW", "DELETED", "5m ago", "2/3", "deleted", "expired",
            ] {
                assert!(text.contains(cell), "{cell} in\n{text}");
            }
            assert_eq!(text.contains("USER"), !one_user, "{text}");
        }
    }

    #[test]
    fn json_is_the_entries_as_given_and_nothing_matches_quietly() {
        let (mut io, out, _) = Io::for_test(false);
        io.json = true;
        print_entries(&mut io, &entries(), false, now()).unwrap();
        let printed: Value = serde_json::from_str(&out.contents()).unwrap();
        assert_eq!(printed, Value::Array(entries()));
        let (mut io, out, err) = Io::for_test(false);
        print_entries(&mut io, &[], false, now()).unwrap();
        assert_eq!(
            (out.contents(), err.contents()),
            (String::new(), String::new())
        );
    }

    #[test]
    fn counts_are_of_vms_only() {
        let calls = calls(&detail());
        assert_eq!(calls.len(), 4);
        assert_eq!(vm_counts(&calls), (3, 1, 1, 1));
        assert_eq!(vm_summary(&calls), "1/3 deleted, 1 pending, 1 dead");
        assert_eq!(vm_summary(&calls[..2]), "1/1 deleted");
    }

    #[test]
    fn a_detail_piped_is_key_value_lines_then_one_line_per_call() {
        let (mut io, out, _) = Io::for_test(false);
        print_detail(&mut io, &detail(), now()).unwrap();
        assert_eq!(
            out.contents(),
            "session_id\ts-1\nuser_id\tuser-1\nlab_id\tlab-k8s\nreason\texpired\n\
             ended_at\t2026-11-20T10:30:00.000Z\nvms_total\t3\nvms_deleted\t1\nvms_pending\t1\n\
             vms_dead\t1\nall_deleted\tfalse\n\
             call\t7\texpose\tuser-1-master\tdone\t0\t\t\t2026-11-20T10:30:01.000Z\n\
             call\t8\tvm\tuser-1-master\tdone\t0\t\t\t2026-11-20T10:30:02.000Z\n\
             call\t9\tvm\tuser-1-worker-0\tdead\t2\t500\tPOST /api/v1/labs/delete answered 500\t\n\
             call\t10\tvm\tuser-1-worker-1\tpending\t1\t\t\
             POST /api/v1/labs/delete timed out after 10000 ms\t\n"
        );
    }

    #[test]
    fn a_detail_on_a_terminal_is_a_summary_and_a_table_of_calls() {
        let (mut io, out, err) = Io::for_test(true);
        print_detail(&mut io, &detail(), now()).unwrap();
        warn_dead_calls(&mut io, &calls(&detail())).unwrap();
        let text = out.contents();
        assert!(text.lines().all(|l| crate::table::width(l) <= 80), "{text}");
        for cell in [
            "1/3 deleted, 1 pending, 1 dead",
            "90 min (1h30m)",
            "(30m ago)",
            "Backend calls",
            "ATTEMPTS",
            "LAST ERROR",
            "user-1-worker-0",
            "dead",
        ] {
            assert!(text.contains(cell), "{cell} in\n{text}");
        }
        assert_eq!(
            err.contents(),
            "warning: the deletion of VM user-1-worker-0 is dead (given up after 2 attempts): \
             nobody deletes it until it is retried: `labctl cleanup retry 9`\n"
        );
    }
}
