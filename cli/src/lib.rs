//! `labctl`: the operator CLI of the Lab Sessions API.
//!
//! A tour of the crate:
//!
//! - [`cli`]: every clap definition (the command tree, flags, help texts);
//! - [`commands`]: one module per command group, each command with a `run`;
//! - [`api`]: the API's routes; [`client`]: HTTP, envelope, retries, timeout, tracing
//!   (with secrets redacted); [`paging`]: following the cursors of paginated lists;
//! - [`config`]: profiles, `config.toml`, the resolution order of settings, the
//!   environment snapshot; [`credentials`]: the token, kept in the OS keyring or a `0600`
//!   file;
//! - [`output`]: the IO object (terminal state, tables, plain text, JSON, prompts,
//!   escaping); [`table`]: how tables fit a terminal's width; [`jq`]: `--jq` programs;
//! - [`exit`]: the exit codes and the error type.
//!
//! `main` parses the command line, calls [`run`] and maps its `Result` to an exit code:
//!
//! ```no_run
//! use clap::Parser as _;
//! let cli = labctl::cli::Cli::parse_from(["labctl", "health", "--json"]);
//! let env = labctl::config::Env::from_process();
//! let result = labctl::run(cli, env);
//! # let _ = result;
//! ```
#![warn(missing_docs)]

pub mod api;
pub mod cli;
pub mod client;
pub mod commands;
pub mod config;
pub mod context;
pub mod credentials;
pub mod duration;
pub mod exit;
pub mod input;
pub mod jq;
pub mod output;
pub mod paging;
pub mod table;

use std::io::IsTerminal as _;

use cli::{Cli, ColorChoice};
use config::Env;
use context::Context;
use exit::CliError;
use output::Io;

/// Runs one `labctl` invocation: sets up tracing and the IO object, then runs the command
/// on a single-threaded tokio runtime.
pub fn run(cli: Cli, env: Env) -> Result<(), CliError> {
    let Cli { global, command } = cli;
    // A bad --jq expression is a usage error before anything else happens.
    let jq = global.jq.as_deref().map(jq::Jq::compile).transpose()?;
    init_tracing(global.verbose, stderr_color(global.color, &env));
    let mut io = Io::system(global.color, env.no_color, env.dumb_term);
    io.no_input = global.no_input;
    io.json = global.json || jq.is_some();
    io.jq = jq;
    io.verbose = global.verbose;
    let mut ctx = Context::new(io, global, env);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| {
            CliError::from(anyhow::Error::new(e).context("cannot start the async runtime"))
        })?;
    runtime.block_on(commands::run(command, &mut ctx))
}

/// Whether errors on stderr get colour.
pub fn stderr_color(choice: ColorChoice, env: &Env) -> bool {
    output::color_enabled(
        choice,
        std::io::stderr().is_terminal(),
        env.no_color,
        env.dumb_term,
    )
}

/// `-v` traces requests (method, URL, status, duration), `-vv` also bodies; only this
/// crate's events are shown (the keyring's D-Bus library traces a lot).
fn init_tracing(verbose: u8, color: bool) {
    use tracing_subscriber::layer::SubscriberExt as _;
    use tracing_subscriber::util::SubscriberInitExt as _;
    let level = match verbose {
        0 => return,
        1 => tracing::Level::INFO,
        _ => tracing::Level::DEBUG,
    };
    let filter = tracing_subscriber::filter::Targets::new().with_target("labctl", level);
    let fmt = tracing_subscriber::fmt::layer()
        .with_writer(std::io::stderr)
        .without_time()
        .with_target(false)
        .with_ansi(color);
    let _ = tracing_subscriber::registry()
        .with(filter)
        .with(fmt)
        .try_init();
}
