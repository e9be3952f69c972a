//! `labctl session ...`: one module per command, each with a `run`.

pub mod create;
pub mod delete;
pub mod display;
pub mod extend;
pub mod get;
pub mod history;
pub mod list;
pub mod update;

use serde_json::{Map, Value};

use crate::cli::{SessionCommand, UpdatableFields};
use crate::context::Context;
use crate::exit::CliError;
use crate::input;

/// Runs a `session` subcommand.
pub async fn run(command: SessionCommand, ctx: &mut Context) -> Result<(), CliError> {
    match command {
        SessionCommand::Create(args) => create::run(args, ctx).await,
        SessionCommand::List(args) => list::run(args, ctx).await,
        SessionCommand::Get(args) => get::run(args, ctx).await,
        SessionCommand::Update(args) => update::run(args, ctx).await,
        SessionCommand::Extend(args) => extend::run(args, ctx).await,
        SessionCommand::Delete(args) => delete::run(args, ctx).await,
        SessionCommand::History(args) => history::run(args, ctx).await,
    }
}

/// Writes the updatable fields given as flags into `body` (over what a file gave).
pub(crate) fn apply_updatable(
    fields: UpdatableFields,
    body: &mut Map<String, Value>,
) -> Result<(), CliError> {
    let UpdatableFields {
        terminal_url,
        vscode_domain,
        puku_domain,
        worker_nodes,
        worker_node,
        load_balancers,
        load_balancer,
    } = fields;
    set(body, "terminal_url", terminal_url);
    set(body, "vscode_domain", vscode_domain);
    set(body, "puku_domain", puku_domain);
    if let Some(path) = worker_nodes {
        body.insert(
            "worker_nodes".into(),
            Value::Array(input::read_array(&path, "worker_nodes")?),
        );
    } else if !worker_node.is_empty() {
        body.insert("worker_nodes".into(), Value::Array(worker_node));
    }
    if let Some(path) = load_balancers {
        body.insert(
            "loadBalancers".into(),
            Value::Array(input::read_array(&path, "loadBalancers")?),
        );
    } else if !load_balancer.is_empty() {
        body.insert("loadBalancers".into(), Value::Array(load_balancer));
    }
    Ok(())
}

/// Sets `key` when `value` is given.
pub(crate) fn set(body: &mut Map<String, Value>, key: &str, value: Option<impl Into<Value>>) {
    if let Some(value) = value {
        body.insert(key.to_owned(), value.into());
    }
}

/// Refuses to read stdin twice (`--file -` together with `--worker-nodes -`, say).
pub(crate) fn check_single_stdin(paths: &[Option<&std::path::Path>]) -> Result<(), CliError> {
    let stdin_users = paths
        .iter()
        .flatten()
        .filter(|p| p.as_os_str() == "-")
        .count();
    if stdin_users > 1 {
        return Err(CliError::usage(
            "only one input can be read from stdin (`-`)",
        ));
    }
    Ok(())
}
