//! The confirmation of destructive commands (`session delete`, `token revoke`): asked only
//! when someone can answer, skipped with `--yes`, refused (exit 2) when nobody can be
//! asked and `--yes` is absent.

use crate::exit::CliError;
use crate::output::Io;

/// Whether to go ahead: `--yes`, or a "yes" to `question` at the prompt. Errors with
/// `refusal` (exit 2) when a confirmation is needed and no one can give it, and with
/// [`CliError::Cancelled`] when the answer is "no".
pub fn confirm(io: &mut Io, yes: bool, question: &str, refusal: &str) -> Result<(), CliError> {
    if yes {
        return Ok(());
    }
    if !io.can_prompt() {
        return Err(CliError::NeedsConfirmation(format!(
            "{refusal} without confirmation: no terminal to ask on"
        )));
    }
    // The question may name what the Worker said (a token's name): shown, never obeyed.
    let answer = dialoguer::Confirm::new()
        .with_prompt(crate::output::escape_controls(question))
        .default(false)
        .interact()
        .map_err(|e| CliError::from(anyhow::Error::new(e).context("cannot read the answer")))?;
    if answer {
        Ok(())
    } else {
        Err(CliError::Cancelled)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exit::ExitStatus;

    #[test]
    fn yes_skips_the_question() {
        let (mut io, _, _) = Io::for_test(false);
        assert!(confirm(&mut io, true, "?", "refusing").is_ok());
    }

    #[test]
    fn refuses_without_yes_when_nobody_can_be_asked() {
        let (mut io, _, _) = Io::for_test(false);
        let err = confirm(&mut io, false, "?", "refusing to revoke t1").unwrap_err();
        assert_eq!(err.exit_status(), ExitStatus::Usage);
        assert_eq!(
            err.to_string(),
            "refusing to revoke t1 without confirmation: no terminal to ask on"
        );
        let (mut io, _, _) = Io::for_test(true);
        io.no_input = true;
        assert!(confirm(&mut io, false, "?", "refusing").is_err());
    }
}
