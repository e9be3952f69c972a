//! `labctl auth login|status|logout|token`: a profile's token.

pub mod login;
pub mod logout;
pub mod status;
pub mod token;

use crate::api;
use crate::cli::AuthCommand;
use crate::client::Client;
use crate::context::Context;
use crate::exit::CliError;
use reqwest::Method;

/// Runs an `auth` subcommand.
pub async fn run(command: AuthCommand, ctx: &mut Context) -> Result<(), CliError> {
    match command {
        AuthCommand::Login(args) => login::run(args, ctx).await,
        AuthCommand::Status => status::run(ctx).await,
        AuthCommand::Logout => logout::run(ctx),
        AuthCommand::Token => token::run(ctx),
    }
}

/// The user id `auth` asks for to test a token: any id works, an unknown one is cheapest.
const PROBE_USER: &str = "labctl-auth-probe";

/// Asks the Worker whether it accepts the client's token: an authenticated read answers
/// `404`/`200` when it does, `401`/`403` when it does not.
pub async fn token_accepted(client: &Client) -> Result<bool, CliError> {
    let path = api::session_path_read(PROBE_USER)?;
    let response = client.send(Method::GET, &path, None).await?;
    match response.status.as_u16() {
        200 | 404 => Ok(true),
        401 | 403 => Ok(false),
        _ => Err(response.error()),
    }
}
