//! `labctl token list`: every token with its scope, prefix and dates; never a secret.

use chrono::{DateTime, Utc};
use serde_json::Value;

use crate::api;
use crate::commands::session::display::{io_error, relative, text};
use crate::context::Context;
use crate::exit::CliError;
use crate::output::Io;
use crate::table::Column;

/// Fetches and prints the tokens.
pub async fn run(ctx: &mut Context) -> Result<(), CliError> {
    let client = ctx.client()?;
    let data = api::list_tokens(&client).await?;
    let tokens = match data.get("tokens") {
        Some(Value::Array(tokens)) => tokens.clone(),
        _ => {
            return Err(CliError::Other(anyhow::anyhow!(
                "the Worker's answer has no `tokens` list: is it up to date?"
            )));
        }
    };
    print_tokens(&mut ctx.io, &tokens, Utc::now())
}

/// `active`, `revoked` or `expired`.
pub fn state(token: &Value, now: DateTime<Utc>) -> &'static str {
    if token.get("revoked_at").is_some_and(|v| !v.is_null()) {
        return "revoked";
    }
    let expired = token
        .get("expires_at")
        .and_then(Value::as_str)
        .and_then(|at| DateTime::parse_from_rfc3339(at).ok())
        .is_some_and(|at| at.with_timezone(&Utc) <= now);
    if expired { "expired" } else { "active" }
}

/// Prints tokens: `--json` the array (any `token` field dropped, in case a Worker ever sent
/// one); piped, one line per token (`id`, `name`, `scope`, `prefix`, `state`, `created_at`,
/// `expires_at`, `last_used_at`, `revoked_at`); on a terminal, a table.
pub fn print_tokens(io: &mut Io, tokens: &[Value], now: DateTime<Utc>) -> Result<(), CliError> {
    if io.json {
        let cleaned: Vec<Value> = tokens
            .iter()
            .cloned()
            .map(|mut t| {
                if let Some(obj) = t.as_object_mut() {
                    obj.remove("token");
                }
                t
            })
            .collect();
        return io.print_json(&Value::Array(cleaned));
    }
    let human = io.stdout_tty;
    if tokens.is_empty() {
        if human {
            io.note("No API tokens yet: mint one with `labctl token create`.")
                .map_err(io_error)?;
        }
        return Ok(());
    }
    // On a terminal, times are relative (`3d ago`, `in 90d`); piped, as the API gave them.
    let when = |t: &Value, key: &str, never: &str| {
        let at = text(t, key);
        if !human {
            at
        } else if at.is_empty() {
            never.to_owned()
        } else {
            relative(&at, now).unwrap_or(at)
        }
    };
    let rows: Vec<Vec<String>> = tokens
        .iter()
        .map(|t| {
            let mut row = vec![
                text(t, "id"),
                text(t, "name"),
                text(t, "scope"),
                text(t, "prefix"),
                state(t, now).to_owned(),
                when(t, "created_at", ""),
                when(t, "expires_at", "never"),
                when(t, "last_used_at", "never"),
            ];
            if !human {
                row.push(text(t, "revoked_at"));
            }
            row
        })
        .collect();
    io.print_table(
        &[
            Column::id("ID"),
            Column::id("NAME"),
            Column::new("SCOPE"),
            Column::new("PREFIX"),
            Column::new("STATE"),
            Column::new("CREATED").optional(1),
            Column::new("EXPIRES"),
            Column::new("LAST USED"),
        ],
        &rows,
        None,
    )
    .map_err(io_error)
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

    fn tokens() -> Vec<Value> {
        vec![
            json!({"id": "t3", "name": "ops", "scope": "admin", "prefix": "lab_33333333",
                   "created_at": "2026-11-20T10:00:00.000Z", "expires_at": null,
                   "last_used_at": "2026-11-20T10:59:00.000Z", "revoked_at": null}),
            json!({"id": "t2", "name": "old", "scope": "read", "prefix": "lab_22222222",
                   "created_at": "2026-10-01T10:00:00.000Z", "expires_at": "2026-11-01T10:00:00.000Z",
                   "last_used_at": null, "revoked_at": null}),
            json!({"id": "t1", "name": "gone", "scope": "write", "prefix": "lab_11111111",
                   "created_at": "2026-10-01T10:00:00.000Z", "expires_at": null,
                   "last_used_at": null, "revoked_at": "2026-11-20T09:00:00.000Z", "token": "lab_secret"}),
        ]
    }

    #[test]
    fn states_follow_revocation_then_expiry() {
        let states: Vec<&str> = tokens().iter().map(|t| state(t, now())).collect();
        assert_eq!(states, ["active", "expired", "revoked"]);
    }

    #[test]
    fn piped_lines_and_json_never_hold_a_secret() {
        let (mut io, out, _) = Io::for_test(false);
        print_tokens(&mut io, &tokens(), now()).unwrap();
        let text = out.contents();
        assert!(text.starts_with(
            "t3\tops\tadmin\tlab_33333333\tactive\t2026-11-20T10:00:00.000Z\t\t2026-11-20T10:59:00.000Z\t\n"
        ), "{text}");
        assert!(!text.contains("lab_secret"), "{text}");
        let (mut io, out, _) = Io::for_test(false);
        io.json = true;
        print_tokens(&mut io, &tokens(), now()).unwrap();
        let printed: Value = serde_json::from_str(&out.contents()).unwrap();
        assert_eq!(printed.as_array().unwrap().len(), 3);
        assert!(!out.contents().contains("lab_secret"));
        assert!(printed[2].get("token").is_none());
    }

    #[test]
    fn a_terminal_shows_never_and_relative_times() {
        let (mut io, out, _) = Io::for_test(true);
        print_tokens(&mut io, &tokens(), now()).unwrap();
        let text = out.contents();
        assert!(
            text.contains("never") && text.contains("1m ago") && text.contains("expired"),
            "{text}"
        );
    }
}
