//! The `labctl` binary: parse, run, map the one `Result` to an exit code, print the error
//! chain once. Everything else is in the library (`src/lib.rs`).

use std::process::ExitCode;

use clap::Parser as _;
use labctl::cli::Cli;
use labctl::config::Env;

fn main() -> ExitCode {
    // Usage errors exit 2 here, inside clap.
    let cli = Cli::parse();
    let env = Env::from_process();
    let color = labctl::stderr_color(cli.global.color, &env);
    match labctl::run(cli, env) {
        Ok(()) => ExitCode::SUCCESS,
        // `labctl session get u | head -1`: the reader left; that is not an error.
        Err(err) if err.is_broken_pipe() => ExitCode::SUCCESS,
        Err(err) => {
            eprint!("{}", err.render(color));
            err.exit_status().into()
        }
    }
}
