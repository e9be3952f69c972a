//! `labctl session delete USER_ID`: asks on a terminal; `--yes` skips the question; refuses
//! without `--yes` when nobody can be asked.

use serde_json::Value;

use super::display::io_error;
use crate::api;
use crate::cli::DeleteArgs;
use crate::commands::confirm::confirm;
use crate::context::Context;
use crate::exit::CliError;
use crate::output::Io;

/// Whether to go ahead: `--yes`, or a "yes" at the prompt. Errors when a confirmation is
/// needed and no one can give it, or when the answer is "no".
pub fn confirm_delete(io: &mut Io, user_id: &str, yes: bool) -> Result<(), CliError> {
    confirm(
        io,
        yes,
        &format!("Delete the lab session of {user_id}? Its VMs will be deleted too"),
        &format!("refusing to delete the lab session of {user_id}"),
    )
}

/// Confirms, deletes and reports.
pub async fn run(args: DeleteArgs, ctx: &mut Context) -> Result<(), CliError> {
    // Check the user id before asking anything.
    api::user_segment(&args.user_id)?;
    let client = ctx.client()?;
    confirm_delete(&mut ctx.io, &args.user_id, args.yes)?;
    let data = api::delete_session(&client, &args.user_id).await?;
    if ctx.io.json {
        ctx.io.print_json(&data)?;
    } else {
        let user = data
            .get("user_id")
            .and_then(Value::as_str)
            .unwrap_or(&args.user_id);
        ctx.io
            .success(&format!(
                "Deleted the lab session of {user}; its VMs are being deleted"
            ))
            .map_err(io_error)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exit::ExitStatus;

    #[test]
    fn yes_skips_the_question() {
        let (mut io, _, _) = Io::for_test(false);
        assert!(confirm_delete(&mut io, "u1", true).is_ok());
    }

    #[test]
    fn refuses_without_yes_when_nobody_can_be_asked() {
        let (mut io, _, _) = Io::for_test(false);
        let err = confirm_delete(&mut io, "u1", false).unwrap_err();
        assert_eq!(err.exit_status(), ExitStatus::Usage);
        let (mut io, _, _) = Io::for_test(true);
        io.no_input = true;
        assert!(confirm_delete(&mut io, "u1", false).is_err());
    }
}
