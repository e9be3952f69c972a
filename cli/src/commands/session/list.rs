//! `labctl session list`: sessions newest first, with the Worker's filters; `--all` follows
//! the cursors, with progress on a terminal (issue 6, item 1).

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::display::{io_error, relative, text};
use crate::api::{self, SessionFilters};
use crate::cli::ListArgs;
use crate::context::Context;
use crate::duration;
use crate::exit::CliError;
use crate::output::Io;
use crate::paging::{self, Paging};
use crate::table::Column;

/// The columns of the list, in order (the piped form prints them without the header). On a
/// narrow terminal ids are shortened, and the master VM, then the lab group, then the
/// session id are left out if that is not enough (`session get` shows them all).
pub const COLUMNS: [Column<'static>; 8] = [
    Column::id("USER ID"),
    Column::id("LAB ID"),
    Column::id("LAB GROUP").optional(2),
    Column::new("DURATION"),
    Column::new("CREATED"),
    Column::new("EXPIRES"),
    Column::id("MASTER VM").optional(3),
    Column::id("SESSION ID").optional(1),
];

/// The filters the flags ask for.
pub fn filters(args: &ListArgs) -> SessionFilters {
    SessionFilters {
        expired: match (args.expired, args.live) {
            (true, _) => Some(true),
            (_, true) => Some(false),
            _ => None,
        },
        lab_id: args.lab_id.clone(),
        lab_group_id: args.lab_group_id.clone(),
        created_before: args.created_before.clone(),
        created_after: args.created_after.clone(),
    }
}

/// Fetches one page, or every page with `--all`, and prints them.
pub async fn run(args: ListArgs, ctx: &mut Context) -> Result<(), CliError> {
    let show_progress = args.all && ctx.io.show_progress();
    let mut client = ctx.client()?;
    if show_progress {
        // One progress line for the whole walk, not a spinner per request.
        client = client.without_spinner();
    }
    let filters = filters(&args);
    let paging = Paging {
        page_size: args.limit,
        cap: None,
        one_page: !args.all,
    };
    let collected =
        paging::collect_with_progress(paging, show_progress, "sessions", |limit, cursor| {
            let (client, filters) = (&client, &filters);
            async move { api::list_sessions(client, filters, limit, cursor.as_deref()).await }
        })
        .await?;
    print_sessions(&mut ctx.io, &collected.items, Utc::now())?;
    if collected.more {
        ctx.io
            .note(&format!(
                "more sessions match: showing the first {}; pass --all to see every page",
                collected.items.len()
            ))
            .map_err(io_error)?;
    }
    Ok(())
}

/// Prints sessions: `--json` the array as the API gave it; otherwise one row per session
/// (on a terminal, durations and times are short and relative: `1h30m`, `5m ago`, `in 1h`).
pub fn print_sessions(io: &mut Io, sessions: &[Value], now: DateTime<Utc>) -> Result<(), CliError> {
    if io.print_json_or_empty(sessions, "No lab sessions match.")? {
        return Ok(());
    }
    let human = io.stdout_tty;
    let rows: Vec<Vec<String>> = sessions
        .iter()
        .map(|s| {
            let expires = text(s, "expires_at");
            let created = text(s, "created_at");
            let (duration, created, expires) = if human {
                let minutes = s
                    .get("duration")
                    .and_then(Value::as_u64)
                    .map(|m| duration::format(std::time::Duration::from_secs(m * 60)));
                let expiry = match relative(&expires, now) {
                    Some(r) if r.ends_with(" ago") => format!("expired {r}"),
                    Some(r) => r,
                    None => expires,
                };
                (
                    minutes.unwrap_or_else(|| text(s, "duration")),
                    relative(&created, now).unwrap_or(created),
                    expiry,
                )
            } else {
                (text(s, "duration"), created, expires)
            };
            vec![
                text(s, "user_id"),
                text(s, "labId"),
                text(s, "labGroupID"),
                duration,
                created,
                expires,
                text(s, "lab_request_id"),
                text(s, "id"),
            ]
        })
        .collect();
    io.print_table(&COLUMNS, &rows, None).map_err(io_error)
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

    fn sessions() -> Vec<Value> {
        vec![
            json!({"id": "s2", "labId": "lab-a", "labGroupID": "g1", "duration": 90,
                   "user_id": "user-2", "lab_request_id": "req-2",
                   "created_at": "2026-11-20T10:30:00.000Z", "expires_at": "2026-11-20T12:00:00.000Z"}),
            json!({"id": "s1", "labId": "lab-a", "labGroupID": "g1", "duration": 30,
                   "user_id": "user\t1", "lab_request_id": "req-1",
                   "created_at": "2026-11-20T10:00:00.000Z", "expires_at": "2026-11-20T10:30:00.000Z"}),
        ]
    }

    #[test]
    fn piped_rows_are_tab_separated_in_a_fixed_order() {
        let (mut io, out, err) = Io::for_test(false);
        print_sessions(&mut io, &sessions(), now()).unwrap();
        assert_eq!(
            out.contents(),
            "user-2\tlab-a\tg1\t90\t2026-11-20T10:30:00.000Z\t2026-11-20T12:00:00.000Z\treq-2\ts2\n\
             user 1\tlab-a\tg1\t30\t2026-11-20T10:00:00.000Z\t2026-11-20T10:30:00.000Z\treq-1\ts1\n"
        );
        assert_eq!(err.contents(), "");
    }

    #[test]
    fn a_terminal_gets_a_table_with_readable_expiry() {
        let (mut io, out, _) = Io::for_test(true);
        print_sessions(&mut io, &sessions(), now()).unwrap();
        let text = out.contents();
        assert!(text.contains("USER ID") && text.contains('│'), "{text}");
        assert!(text.contains("in 1h"), "{text}");
        assert!(text.contains("expired 30m ago"), "{text}");
        assert!(text.contains("1h30m") && text.contains("30m ago"), "{text}");
    }

    #[test]
    fn json_is_the_array_and_nothing_matches_quietly() {
        let (mut io, out, _) = Io::for_test(false);
        io.json = true;
        print_sessions(&mut io, &sessions(), now()).unwrap();
        let printed: Value = serde_json::from_str(&out.contents()).unwrap();
        assert_eq!(printed, Value::Array(sessions()));

        let (mut io, out, err) = Io::for_test(false);
        print_sessions(&mut io, &[], now()).unwrap();
        assert_eq!(
            (out.contents(), err.contents()),
            (String::new(), String::new())
        );
        let (mut io, out, _) = Io::for_test(false);
        io.json = true;
        print_sessions(&mut io, &[], now()).unwrap();
        assert_eq!(out.contents(), "[]\n");
    }

    #[test]
    fn live_and_expired_become_the_expired_filter() {
        use clap::Parser as _;
        let parse = |extra: &[&str]| {
            let cli =
                crate::cli::Cli::try_parse_from(["labctl", "session", "list"].iter().chain(extra))
                    .unwrap();
            let crate::cli::Command::Session(crate::cli::SessionCommand::List(args)) = cli.command
            else {
                panic!()
            };
            filters(&args)
        };
        assert_eq!(parse(&[]).expired, None);
        assert_eq!(parse(&["--expired"]).expired, Some(true));
        assert_eq!(parse(&["--live"]).expired, Some(false));
        let f = parse(&["--lab-id", "x", "--created-before", "2026-01-01T00:00:00Z"]);
        assert_eq!(f.lab_id.as_deref(), Some("x"));
        assert_eq!(f.created_before.as_deref(), Some("2026-01-01T00:00:00Z"));
    }
}
