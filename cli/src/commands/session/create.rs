//! `labctl session create`: a session from a contract body (`--file PATH|-`) and/or flags.

use chrono::{SecondsFormat, Utc};
use serde_json::{Map, Value, json};

use super::display::{io_error, print_session};
use super::{apply_updatable, check_single_stdin, set};
use crate::api;
use crate::cli::CreateArgs;
use crate::context::Context;
use crate::exit::CliError;
use crate::input;

/// Builds the request body: the file's object (if any), then every flag over it. Without a
/// file, `activatedAt` and `validation` default to now.
pub fn build_body(args: CreateArgs) -> Result<Map<String, Value>, CliError> {
    check_single_stdin(&[
        args.file.as_deref(),
        args.fields.worker_nodes.as_deref(),
        args.fields.load_balancers.as_deref(),
    ])?;
    let from_file = args.file.is_some();
    let mut body = match &args.file {
        Some(path) => input::read_object(path)?,
        None => Map::new(),
    };
    set(&mut body, "id", args.id);
    set(&mut body, "labId", args.lab_id);
    set(&mut body, "labTitle", args.lab_title);
    set(&mut body, "labGroupID", args.lab_group_id);
    set(&mut body, "moduleID", args.module_id);
    set(&mut body, "duration", args.duration);
    set(&mut body, "activatedAt", args.activated_at);
    set(&mut body, "counterID", args.counter_id);
    set(&mut body, "configId", args.config_id);
    set(&mut body, "workerConfigId", args.worker_config_id);
    set(&mut body, "lab_request_id", args.lab_request_id);
    set(&mut body, "user_id", args.user_id);
    set(&mut body, "validation", args.validation);
    if args.vm_name.is_some() || args.vm_network_id.is_some() || args.vm_netbird_ip.is_some() {
        let vm = body.entry("vm").or_insert_with(|| json!({}));
        if !vm.is_object() {
            *vm = json!({});
        }
        if let Value::Object(vm) = vm {
            set(vm, "name", args.vm_name);
            set(vm, "network_id", args.vm_network_id);
            set(vm, "netbird_ip", args.vm_netbird_ip);
        }
    }
    apply_updatable(args.fields, &mut body)?;
    if !from_file {
        let now = Utc::now();
        body.entry("activatedAt")
            .or_insert_with(|| now.to_rfc3339_opts(SecondsFormat::Millis, true).into());
        body.entry("validation")
            .or_insert_with(|| now.timestamp_millis().into());
    }
    Ok(body)
}

/// Creates the session and prints it.
pub async fn run(args: CreateArgs, ctx: &mut Context) -> Result<(), CliError> {
    let body = Value::Object(build_body(args)?);
    let client = ctx.client()?;
    // Never retried: a create that reached the Worker must not run twice.
    let session = api::create_session(&client, &body).await?;
    let user = session
        .get("user_id")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let id = session
        .get("id")
        .and_then(Value::as_str)
        .unwrap_or_default();
    print_session(&mut ctx.io, &session)?;
    if ctx.io.stderr_tty && !ctx.io.json {
        ctx.io
            .success(&format!("Created lab session {id} for {user}"))
            .map_err(io_error)?;
    }
    Ok(())
}
