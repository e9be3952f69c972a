//! Tests of the real `labctl` binary, one module per command group. The modules below need
//! no Worker: they use dead URLs, sockets that never answer, and `--no-verify`.

mod auth_store;
mod completions;
mod config;
mod errors;
mod precedence;
mod util;
