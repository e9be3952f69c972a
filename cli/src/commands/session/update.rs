//! `labctl session update USER_ID`: change the updatable fields (from `--file` and/or a flag
//! per field).

use serde_json::{Map, Value};

use super::display::print_session;
use super::{apply_updatable, check_single_stdin, set};
use crate::api;
use crate::cli::UpdateArgs;
use crate::context::Context;
use crate::exit::CliError;
use crate::input;

/// Builds the update body: the file's object (if any), then the flags over it.
pub fn build_body(args: UpdateArgs) -> Result<Map<String, Value>, CliError> {
    check_single_stdin(&[
        args.file.as_deref(),
        args.fields.worker_nodes.as_deref(),
        args.fields.load_balancers.as_deref(),
    ])?;
    let mut body = match &args.file {
        Some(path) => input::read_object(path)?,
        None => Map::new(),
    };
    set(&mut body, "duration", args.duration);
    apply_updatable(args.fields, &mut body)?;
    if body.is_empty() {
        return Err(CliError::usage(
            "nothing to update: give --file or a field flag such as --duration (see --help)",
        ));
    }
    Ok(body)
}

/// Sends the update and prints the updated session.
pub async fn run(args: UpdateArgs, ctx: &mut Context) -> Result<(), CliError> {
    let user_id = args.user_id.clone();
    let body = Value::Object(build_body(args)?);
    let client = ctx.client()?;
    let session = api::update_session(&client, &user_id, &body).await?;
    print_session(&mut ctx.io, &session)?;
    if ctx.io.stderr_tty && !ctx.io.json {
        ctx.io
            .success(&format!("Updated the lab session of {user_id}"))
            .map_err(super::display::io_error)?;
    }
    Ok(())
}
