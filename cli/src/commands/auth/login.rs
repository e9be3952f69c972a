//! `labctl auth login`: store a token for the profile.
//!
//! The token comes from a hidden prompt on a terminal, or from stdin with `--with-token`;
//! never from a flag value, where it would land in shell history and `ps`. It is checked
//! against the Worker first (unless `--no-verify`), then stored in the OS keyring, or in a
//! `0600` file with a warning when no keyring works. A `--url` given here is saved as the
//! profile's URL.

use std::io::Read as _;

use crate::cli::LoginArgs;
use crate::commands::session::display::io_error;
use crate::config::{ConfigFile, Source};
use crate::context::Context;
use crate::credentials::{Backend, Token};
use crate::exit::CliError;

/// Reads the token, verifies it, stores it.
pub async fn run(args: LoginArgs, ctx: &mut Context) -> Result<(), CliError> {
    let token = read_token(&args, ctx)?;
    let settings = ctx.settings()?;
    if !args.no_verify {
        let client = ctx.client_with(&settings, Some(token.clone()))?;
        if !super::token_accepted(&client).await? {
            return Err(CliError::TokenRejected {
                profile: ctx.profile.clone(),
                url: settings.url.value.clone(),
            });
        }
    }
    if settings.url.source == Source::Flag("--url") {
        let dir = ctx.config_dir()?;
        let mut config = ConfigFile::load(&dir)?;
        config.profiles.entry(ctx.profile.clone()).or_default().url =
            Some(settings.url.value.clone());
        config.save(&dir)?;
    }
    let saved = ctx.store()?.save(&ctx.profile, &token)?;
    if let Backend::File(path) = &saved.backend {
        let why = match &saved.keyring_error {
            Some(err) => format!("no OS keyring is available ({err})"),
            None => "LABCTL_KEYRING=off".to_owned(),
        };
        ctx.io
            .warn(&format!(
                "the token is stored in plain text in {} (mode 0600): {why}",
                path.display()
            ))
            .map_err(io_error)?;
    }
    let checked = if args.no_verify {
        "not verified"
    } else {
        "accepted by the Worker"
    };
    ctx.io
        .success(&format!(
            "Logged in to {} as profile {} (token {checked}, stored in {})",
            settings.url.value, ctx.profile, saved.backend
        ))
        .map_err(io_error)?;
    if ctx.env.token.is_some() {
        ctx.io
            .warn("LABCTL_TOKEN is set: it takes precedence over the stored token")
            .map_err(io_error)?;
    }
    Ok(())
}

fn read_token(args: &LoginArgs, ctx: &mut Context) -> Result<Token, CliError> {
    if args.with_token {
        let mut text = String::new();
        std::io::stdin().read_to_string(&mut text).map_err(|e| {
            CliError::from(anyhow::Error::new(e).context("cannot read the token from stdin"))
        })?;
        return Token::new(text).map_err(|e| CliError::usage(format!("stdin: {e}")));
    }
    if !ctx.io.can_prompt() {
        return Err(CliError::usage(
            "no terminal to prompt for the token on: pipe it in with `--with-token`, \
             e.g. `labctl auth login --with-token < token.txt`",
        ));
    }
    let text = dialoguer::Password::new()
        .with_prompt(format!("Token for profile {}", ctx.profile))
        .interact()
        .map_err(|e| CliError::from(anyhow::Error::new(e).context("cannot read the token")))?;
    Token::new(text)
}
