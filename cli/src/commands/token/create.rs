//! `labctl token create --name N --scope S [--expires 30d]`: mint a token and print it, the
//! only time anyone sees it. Piped, stdout is the token and a newline, nothing else
//! (`labctl token create ... > ci.token`); on a terminal a line on stderr says it will not
//! be shown again; `--json` prints the whole answer, token included.

use serde_json::{Value, json};

use crate::api;
use crate::cli::TokenCreateArgs;
use crate::commands::session::display::{io_error, text};
use crate::context::Context;
use crate::exit::CliError;
use crate::output::{Io, escape_controls};

/// The request body the flags make.
pub fn body(args: &TokenCreateArgs) -> Value {
    let mut body = json!({ "name": args.name, "scope": args.scope.as_str() });
    if let Some(days) = args.expires {
        body["expires_in_days"] = json!(days);
    }
    body
}

/// Mints the token (a POST: never retried, so never minted twice) and prints it.
pub async fn run(args: TokenCreateArgs, ctx: &mut Context) -> Result<(), CliError> {
    let client = ctx.client()?;
    let data = api::create_token(&client, &body(&args)).await?;
    print_created(&mut ctx.io, &data)
}

/// Prints a freshly minted token: `--json` the answer; otherwise the token alone on
/// stdout, and what it is on stderr.
pub fn print_created(io: &mut Io, data: &Value) -> Result<(), CliError> {
    let Some(secret) = data.get("token").and_then(Value::as_str) else {
        return Err(CliError::Other(anyhow::anyhow!(
            "the Worker's answer holds no token; list tokens with `labctl token list` and \
             revoke the new one if it is there"
        )));
    };
    if io.json {
        return io.print_json(data);
    }
    let expiry = match data.get("expires_at").and_then(Value::as_str) {
        Some(at) => format!("expires {at}"),
        None => "never expires".to_owned(),
    };
    io.success(&format!(
        "Created API token {} (id {}, scope {}, {expiry})",
        text(data, "name"),
        text(data, "id"),
        text(data, "scope"),
    ))
    .map_err(io_error)?;
    // A real token is `lab_` and hex digits; anything else the Worker sent is shown, not
    // obeyed.
    io.print(&format!("{}\n", escape_controls(secret)))
        .map_err(io_error)?;
    if io.stdout_tty {
        io.warn("copy the token now: it will not be shown again")
            .map_err(io_error)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn minted() -> Value {
        json!({"id": "t1", "name": "ci", "scope": "read", "prefix": "lab_01234567",
               "created_at": "2026-11-20T10:00:00.000Z", "expires_at": null,
               "last_used_at": null, "revoked_at": null, "token": "lab_0123"})
    }

    #[test]
    fn piped_stdout_is_the_token_alone() {
        let (mut io, out, err) = Io::for_test(false);
        print_created(&mut io, &minted()).unwrap();
        assert_eq!(out.contents(), "lab_0123\n");
        assert_eq!(
            err.contents(),
            "Created API token ci (id t1, scope read, never expires)\n"
        );
    }

    #[test]
    fn a_terminal_is_told_it_is_shown_once() {
        let (mut io, out, err) = Io::for_test(true);
        print_created(&mut io, &minted()).unwrap();
        assert_eq!(out.contents(), "lab_0123\n");
        assert!(err.contents().contains("will not be shown again"));
        assert!(!err.contents().contains("lab_0123"));
    }

    #[test]
    fn json_is_the_whole_answer() {
        let (mut io, out, _) = Io::for_test(false);
        io.json = true;
        print_created(&mut io, &minted()).unwrap();
        let printed: Value = serde_json::from_str(&out.contents()).unwrap();
        assert_eq!(printed, minted());
    }

    #[test]
    fn an_answer_without_a_token_is_an_error() {
        let (mut io, out, _) = Io::for_test(false);
        let mut data = minted();
        data.as_object_mut().unwrap().remove("token");
        assert!(print_created(&mut io, &data).is_err());
        assert_eq!(out.contents(), "");
    }

    #[test]
    fn the_body_carries_days_only_when_asked() {
        use crate::cli::TokenCreateArgs;
        use labs_core::tokens::Scope;
        let mut args = TokenCreateArgs {
            name: "grafana".into(),
            scope: Scope::Write,
            expires: None,
        };
        assert_eq!(body(&args), json!({"name": "grafana", "scope": "write"}));
        args.expires = Some(30);
        assert_eq!(
            body(&args),
            json!({"name": "grafana", "scope": "write", "expires_in_days": 30})
        );
    }
}
