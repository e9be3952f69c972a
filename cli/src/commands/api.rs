//! `labctl api METHOD PATH [--data @FILE|-|JSON]`: a raw authenticated request, the escape
//! hatch for what no command covers.
//!
//! The body of the answer goes to stdout whatever the status (pretty-printed when JSON;
//! a body that is not JSON has its control characters escaped on a terminal); the exit code
//! follows the status like every other command's.

use std::path::Path;

use reqwest::Method;

use crate::cli::ApiArgs;
use crate::commands::session::display::io_error;
use crate::context::Context;
use crate::exit::CliError;
use crate::input;
use crate::output::escape_controls;

/// Reads `--data`: `@FILE`, `@-` or `-` for stdin, or the literal text.
pub fn read_data(data: &str) -> Result<String, CliError> {
    if data == "-" {
        return input::read_text(Path::new("-"));
    }
    if let Some(path) = data.strip_prefix('@') {
        return input::read_text(Path::new(path));
    }
    Ok(data.to_owned())
}

/// Sends the request and prints the answer.
pub async fn run(args: ApiArgs, ctx: &mut Context) -> Result<(), CliError> {
    let method = Method::from_bytes(args.method.to_ascii_uppercase().as_bytes())
        .map_err(|_| CliError::usage(format!("`{}` is not an HTTP method", args.method)))?;
    if !args.path.starts_with('/') {
        return Err(CliError::usage(format!(
            "the path must start with `/`, e.g. /api/v1/labs/sessions/user/USER_ID (got `{}`)",
            args.path
        )));
    }
    let body = args.data.as_deref().map(read_data).transpose()?;
    if let Some(body) = &body {
        // Catch a typo here rather than as a 400 from the Worker.
        input::parse_json(body, "--data")?;
    }
    let client = ctx.client_optional_token()?;
    let response = client.send(method, &args.path, body).await?;
    match response.json() {
        // Pretty JSON, or what --jq makes of it.
        Some(json) => ctx.io.print_json(&json)?,
        None if ctx.io.jq.is_some() && response.status.is_success() => {
            return Err(CliError::Other(anyhow::anyhow!(
                "--jq: the Worker's answer is not JSON: {}",
                response.body.trim()
            )));
        }
        None => {
            // A body that is not JSON is printed as it came into a pipe, and shown (its
            // control characters escaped) on a terminal.
            let text = if ctx.io.stdout_tty {
                escape_controls(&response.body).into_owned()
            } else {
                response.body.clone()
            };
            if !text.is_empty() {
                ctx.io
                    .print(&format!("{}\n", text.trim_end()))
                    .map_err(io_error)?;
            }
        }
    }
    if response.status.is_success() {
        Ok(())
    } else {
        Err(response.error())
    }
}
