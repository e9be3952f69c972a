//! `labctl completions SHELL`: print a completion script.
//!
//! The same scripts are checked into `completions/` at the workspace root; a test renders
//! them with [`render`] and fails when they are stale (`LABCTL_BLESS=1` rewrites them).

use clap::CommandFactory as _;
use clap_complete::Shell;

use crate::cli::{Cli, CompletionsArgs};
use crate::commands::session::display::io_error;
use crate::context::Context;
use crate::exit::CliError;

/// The shells completions are generated and checked in for, with their file names.
pub const FILES: [(Shell, &str); 5] = [
    (Shell::Bash, "labctl.bash"),
    (Shell::Zsh, "_labctl"),
    (Shell::Fish, "labctl.fish"),
    (Shell::PowerShell, "_labctl.ps1"),
    (Shell::Elvish, "labctl.elv"),
];

/// The completion script for `shell`.
pub fn render(shell: Shell) -> Vec<u8> {
    let mut command = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut command, "labctl", &mut out);
    out
}

/// Prints the script.
pub fn run(args: CompletionsArgs, ctx: &mut Context) -> Result<(), CliError> {
    let script = String::from_utf8_lossy(&render(args.shell)).into_owned();
    ctx.io.print(&script).map_err(io_error)
}
