//! `labctl session create`: a session from a contract body (`--file PATH|-`) and/or flags.
//!
//! Every run sends an `Idempotency-Key` (a fresh random one, or `--idempotency-key KEY`), so
//! the create is retried after a connection error, a timeout or a 5xx with the same key and
//! the same body: the Worker answers a repeat with its first answer, and never creates a
//! second session.

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

/// A fresh `Idempotency-Key`: a random (version 4) UUID, from the OS's random source.
pub fn new_key() -> Result<String, CliError> {
    let mut bytes = [0u8; 16];
    getrandom::getrandom(&mut bytes).map_err(|e| {
        CliError::Other(anyhow::anyhow!(
            "cannot make an idempotency key: the OS's random source failed: {e}"
        ))
    })?;
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    Ok(format!(
        "{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    ))
}

/// Creates the session and prints it.
pub async fn run(mut args: CreateArgs, ctx: &mut Context) -> Result<(), CliError> {
    let key = match args.idempotency_key.take() {
        Some(key) => key,
        None => new_key()?,
    };
    // Built once: every attempt sends the same body with the same key.
    let body = Value::Object(build_body(args)?);
    let client = ctx.client()?;
    let session = api::create_session(&client, &body, &key).await?;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_key_is_a_fresh_uuid_the_worker_accepts() {
        let a = new_key().unwrap();
        let b = new_key().unwrap();
        assert_ne!(a, b);
        for key in [&a, &b] {
            assert_eq!(key.len(), 36, "{key}");
            let groups: Vec<usize> = key.split('-').map(str::len).collect();
            assert_eq!(groups, [8, 4, 4, 4, 12], "{key}");
            assert_eq!(key.as_bytes()[14], b'4', "version 4: {key}");
            assert!(
                matches!(key.as_bytes()[19], b'8' | b'9' | b'a' | b'b'),
                "{key}"
            );
            assert!(labs_core::idempotency::parse_key(key).is_ok());
        }
    }
}
