//! `labs-fake-backend`: runs the fake VM backend until SIGINT or SIGTERM.
//!
//! Prints exactly one line on stdout, `listening on http://127.0.0.1:PORT`, so that scripts
//! can learn the port; every call is then logged on stderr unless `--quiet`. Drive it with
//! the `/__fake/` control API (see the crate docs).

use std::error::Error;
use std::io::{self, Write};
use std::process::ExitCode;

use clap::Parser;
use labs_fake_backend::{FakeBackend, FakeBackendConfig};
use tokio::signal::unix::{SignalKind, signal};

/// A recording, fault-injecting fake of the VM backend, on 127.0.0.1.
#[derive(Debug, Parser)]
#[command(name = "labs-fake-backend", version)]
struct Args {
    /// Port to listen on (0 picks a free one; the line on stdout tells which).
    #[arg(long, default_value_t = 0)]
    port: u16,
    /// Name of an environment variable holding the bearer token callers must present.
    /// Without it, any call is accepted. (Tokens never go on the command line.)
    #[arg(long, value_name = "VAR")]
    token_env: Option<String>,
    /// Do not log calls on stderr.
    #[arg(long)]
    quiet: bool,
    /// Serve the endpoints under this path (e.g. /tenant-7), for a BACKEND_API_URL with a path.
    #[arg(long, value_name = "PATH")]
    path_prefix: Option<String>,
}

fn main() -> ExitCode {
    let args = Args::parse();
    match run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("labs-fake-backend: error: {err}");
            let mut source = err.source();
            while let Some(cause) = source {
                eprintln!("  caused by: {cause}");
                source = cause.source();
            }
            ExitCode::FAILURE
        }
    }
}

fn run(args: Args) -> Result<(), Box<dyn Error>> {
    let token = match &args.token_env {
        Some(var) => match std::env::var(var) {
            Ok(token) if !token.is_empty() => Some(token),
            _ => return Err(format!("--token-env {var}: ${var} is unset or empty").into()),
        },
        None => None,
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .build()?;
    runtime.block_on(async {
        // Handlers go in before the port is announced, so a script may signal right away.
        let mut interrupt = signal(SignalKind::interrupt())?;
        let mut terminate = signal(SignalKind::terminate())?;
        let backend = FakeBackend::start(FakeBackendConfig {
            token,
            port: args.port,
            log_calls: !args.quiet,
            path_prefix: args.path_prefix.clone(),
        })
        .map_err(|err| format!("cannot listen on 127.0.0.1:{}: {err}", args.port))?;
        let mut stdout = io::stdout().lock();
        writeln!(stdout, "listening on {}", backend.url())?;
        stdout.flush()?;
        drop(stdout);
        tokio::select! {
            _ = interrupt.recv() => {}
            _ = terminate.recv() => {}
        }
        if !args.quiet {
            eprintln!("fake-backend: stopping");
        }
        backend.shutdown();
        Ok(())
    })
}
