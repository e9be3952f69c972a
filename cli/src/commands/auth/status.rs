//! `labctl auth status`: the URL, where the token comes from, and whether the Worker
//! accepts it. Exits 4 when there is no token or the Worker rejects it, 6 when the Worker
//! cannot be reached.

use serde_json::{Value, json};

use crate::commands::session::display::io_error;
use crate::context::{Context, TokenSource};
use crate::credentials::Backend;
use crate::exit::CliError;

/// Reports and checks.
pub async fn run(ctx: &mut Context) -> Result<(), CliError> {
    let settings = ctx.settings()?;
    let token = ctx.token()?;
    let (source, source_text, file) = match &token {
        None => (Value::Null, "none".to_owned(), Value::Null),
        Some((_, TokenSource::Env)) => (
            json!("env"),
            "environment (LABCTL_TOKEN)".to_owned(),
            Value::Null,
        ),
        Some((_, TokenSource::Stored(Backend::Keyring))) => (
            json!("keyring"),
            format!("OS keyring (service labctl, account {})", ctx.profile),
            Value::Null,
        ),
        Some((_, TokenSource::Stored(Backend::File(path)))) => {
            let why = if ctx.env.keyring_off {
                "LABCTL_KEYRING=off"
            } else {
                "no OS keyring"
            };
            let mode = file_mode(path)
                .map(|m| format!("mode {m:04o}; "))
                .unwrap_or_default();
            (
                json!("file"),
                format!("file {} ({mode}{why})", path.display()),
                json!(path),
            )
        }
    };

    let check = match &token {
        None => Err(CliError::NoToken {
            profile: ctx.profile.clone(),
        }),
        Some((token, _)) => {
            let client = ctx.client_with(&settings, Some(token.clone()))?;
            super::token_accepted(&client).await
        }
    };
    let (accepted, verdict) = match &check {
        Ok(true) => (json!(true), "accepted".to_owned()),
        Ok(false) => (json!(false), "rejected".to_owned()),
        Err(CliError::NoToken { .. }) => (Value::Null, "not checked (no token)".to_owned()),
        Err(err) => (Value::Null, format!("not checked ({err})")),
    };

    if ctx.io.json {
        ctx.io.print_json(&json!({
            "profile": ctx.profile,
            "url": settings.url.value,
            "url_source": settings.url.source.to_string(),
            "token_source": source,
            "token_file": file,
            "accepted": accepted,
        }))?;
    } else {
        ctx.io
            .print_record(&[
                ("profile", ctx.profile.clone()),
                (
                    "url",
                    format!("{} ({})", settings.url.value, settings.url.source),
                ),
                ("token", source_text),
                ("worker", verdict),
            ])
            .map_err(io_error)?;
    }
    match check {
        Ok(true) => Ok(()),
        Ok(false) => Err(CliError::TokenRejected {
            profile: ctx.profile.clone(),
            url: settings.url.value,
        }),
        Err(err) => Err(err),
    }
}

/// The permission bits of `path` (Unix only).
fn file_mode(path: &std::path::Path) -> Option<u32> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        std::fs::metadata(path)
            .ok()
            .map(|m| m.permissions().mode() & 0o777)
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        None
    }
}
