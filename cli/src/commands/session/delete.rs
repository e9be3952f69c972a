//! `labctl session delete USER_ID [--wait]`: asks on a terminal; `--yes` skips the question;
//! refuses without `--yes` when nobody can be asked.
//!
//! `--wait` then follows the ended session's history (`GET .../history/:session_id`) until
//! the VM backend has confirmed the deletion of every VM (exit 0), the time runs out first
//! (exit 7, naming what remains and its last error), or a VM's deletion is dead (exit 8, at
//! once: the cleanup gave up on it, so waiting longer cannot help). The session's id is read
//! with a GET before the DELETE, whose answer does not name it. [`standing`] says where the
//! VMs stand at one look; [`look`] makes one request; [`wait_for_vms`] owns the loop and
//! the delays.

use std::time::{Duration, Instant};

use labs_core::cleanup::{ItemKind, ItemState};
use labs_core::history::HistoryCall;
use reqwest::Method;
use serde_json::Value;

use super::display::{io_error, text};
use super::history::{calls, vm_counts};
use crate::api::{self, HistoryFilters};
use crate::cli::DeleteArgs;
use crate::client::{Attempt, Client};
use crate::commands::confirm::confirm;
use crate::config::Source;
use crate::context::Context;
use crate::exit::CliError;
use crate::output::{Io, escape_controls};

/// How long `--wait` waits for the VMs unless `--timeout` says otherwise: a healthy backend
/// deletes a lab's VMs within seconds of the DELETE; a failing one is retried after 1, 2,
/// 4, ... minutes, which is worth following for a while, not for hours.
pub const WAIT_TIMEOUT: Duration = Duration::from_secs(5 * 60);

/// The least time a look at the history gets, even right at the wait's end.
const LAST_LOOK: Duration = Duration::from_millis(500);

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

/// Confirms, deletes and reports; with `--wait`, waits for the VMs first.
pub async fn run(args: DeleteArgs, ctx: &mut Context) -> Result<(), CliError> {
    // Check the user id before asking anything.
    api::user_segment(&args.user_id)?;
    if args.wait {
        return run_and_wait(args, ctx).await;
    }
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

/// `--wait`: the limit is `--timeout` when given, else [`WAIT_TIMEOUT`]; each request keeps
/// the ordinary limit.
async fn run_and_wait(args: DeleteArgs, ctx: &mut Context) -> Result<(), CliError> {
    let flagged = ctx.settings()?.timeout;
    let limit = match flagged.source {
        Source::Flag(_) => flagged.value,
        _ => WAIT_TIMEOUT,
    };
    let settings = ctx.settings_without_timeout_flag()?;
    let client = ctx.client_for(&settings)?;
    confirm_delete(&mut ctx.io, &args.user_id, args.yes)?;
    let session = api::get_session(&client, &args.user_id).await?;
    let data = api::delete_session(&client, &args.user_id).await?;
    let user = data
        .get("user_id")
        .and_then(Value::as_str)
        .unwrap_or(&args.user_id)
        .to_owned();
    let first = ended_session(&client, &user, &text(&session, "id")).await?;
    let wait = Wait {
        user_id: user.clone(),
        limit,
        interval: args.interval,
        request_timeout: settings.timeout.value,
    };
    // The DELETE's sweep has begun: from here on the progress line stands for the request
    // spinner.
    let client = client.without_spinner();
    let detail = wait_for_vms(&mut ctx.io, &client, &wait, first).await?;
    if ctx.io.json {
        return ctx.io.print_json(&detail);
    }
    let all = calls(&detail);
    let (total, ..) = vm_counts(&all);
    let vms = if total == 1 {
        "its VM".to_owned()
    } else {
        format!("its {total} VMs")
    };
    ctx.io
        .success(&format!("Deleted the lab session of {user} and {vms}"))
        .map_err(io_error)?;
    for call in all
        .iter()
        .filter(|c| c.kind == ItemKind::Expose && c.state == ItemState::Dead)
    {
        ctx.io
            .warn(&format!(
                "removing the exposed services of {} gave up after {} attempts (its VMs are \
                 deleted): `labctl cleanup retry {}`",
                call.lab_request_id, call.attempts, call.id
            ))
            .map_err(io_error)?;
    }
    Ok(())
}

/// The ended session's history detail: by the id read before the DELETE, or — when that
/// session is not the one that ended (it was replaced in between) — the user's newest
/// deleted session.
async fn ended_session(client: &Client, user: &str, session_id: &str) -> Result<Value, CliError> {
    match api::get_history(client, session_id).await {
        Err(CliError::Api(err)) if err.status == 404 => {
            let filters = HistoryFilters {
                user_id: Some(user.to_owned()),
                reason: Some("deleted".to_owned()),
                ..HistoryFilters::default()
            };
            let page = api::list_history(client, &filters, 1, None).await?;
            let newest = page.items.first().map(|e| text(e, "session_id"));
            match newest {
                Some(id) if !id.is_empty() => api::get_history(client, &id).await,
                _ => Err(CliError::Other(anyhow::anyhow!(
                    "the Worker deleted the session of {user}, but its history has no entry \
                     for it"
                ))),
            }
        }
        other => other,
    }
}

/// What `--wait` waits with.
#[derive(Debug, Clone)]
pub struct Wait {
    /// The user whose session was deleted (for messages).
    pub user_id: String,
    /// How long to wait in all.
    pub limit: Duration,
    /// The time between two looks.
    pub interval: Duration,
    /// The ordinary limit of one request.
    pub request_timeout: Duration,
}

/// Where a session's VMs stand at one look at its history.
#[derive(Debug, Clone, PartialEq)]
pub enum Standing {
    /// The backend confirmed the deletion of every VM.
    AllDeleted,
    /// These VMs' deletions gave up after their last attempt.
    Dead(Vec<HistoryCall>),
    /// Still going: `deleted` of `total` confirmed; `remaining` are the others.
    Waiting {
        /// VMs confirmed deleted.
        deleted: usize,
        /// VMs in all.
        total: usize,
        /// The VM calls not confirmed yet.
        remaining: Vec<HistoryCall>,
    },
}

/// Where the VMs stand, from the session's calls (the expose call never keeps a VM alive,
/// so only VM calls count). A dead VM decides at once, even while others are pending.
pub fn standing(calls: &[HistoryCall]) -> Standing {
    let vms: Vec<&HistoryCall> = calls.iter().filter(|c| c.kind == ItemKind::Vm).collect();
    let dead: Vec<HistoryCall> = vms
        .iter()
        .filter(|c| c.state == ItemState::Dead)
        .map(|c| (*c).clone())
        .collect();
    if !dead.is_empty() {
        return Standing::Dead(dead);
    }
    let remaining: Vec<HistoryCall> = vms
        .iter()
        .filter(|c| c.state != ItemState::Done)
        .map(|c| (*c).clone())
        .collect();
    if remaining.is_empty() {
        return Standing::AllDeleted;
    }
    Standing::Waiting {
        deleted: vms.len() - remaining.len(),
        total: vms.len(),
        remaining,
    }
}

/// One look at the history.
#[derive(Debug)]
pub enum Look {
    /// The history answered: the session's detail.
    Seen(Value),
    /// The Worker did not answer usefully this time (unreachable, too slow, a 5xx): worth
    /// another look at the next tick.
    Missed(CliError),
}

/// Looks once at `GET path`; an answer that another look would not change (401, 404, ...)
/// is an error.
pub async fn look(client: &Client, path: &str) -> Result<Look, CliError> {
    match client.attempt(Method::GET, path, None).await {
        Attempt::Done(response) => response.into_data().map(Look::Seen),
        Attempt::Retryable(Ok(response)) => Ok(Look::Missed(response.error())),
        Attempt::Retryable(Err(err)) => Ok(Look::Missed(err)),
    }
}

/// Follows the session of `first` (its detail, just read) until every VM is deleted (its
/// last detail), a VM's deletion is dead ([`CliError::DeletionDead`]) or `wait.limit` passes
/// ([`CliError::WaitTimedOut`]). A progress line on stderr when it is a terminal.
pub async fn wait_for_vms(
    io: &mut Io,
    client: &Client,
    wait: &Wait,
    first: Value,
) -> Result<Value, CliError> {
    let show = io.show_progress();
    // Drawn from the first look on, so it never shows a count it does not know yet.
    let mut bar: Option<indicatif::ProgressBar> = None;
    let result = follow(client, wait, first, |deleted, total, remaining| {
        if !show {
            return;
        }
        let bar = bar.get_or_insert_with(|| {
            crate::output::progress_line(
                Some(total as u64),
                "{spinner} {pos}/{len} VMs deleted {wide_msg}",
                "",
            )
        });
        bar.set_length(total as u64);
        bar.set_position(deleted as u64);
        bar.set_message(progress_note(remaining));
    })
    .await;
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    result
}

/// `· 1 pending, last error: ...` (escaped: it is the Worker's text).
fn progress_note(remaining: &[HistoryCall]) -> String {
    let error = remaining
        .iter()
        .find_map(|c| c.last_error.as_deref())
        .map(|e| format!(", last error: {}", escape_controls(e)))
        .unwrap_or_default();
    format!("· {} pending{error}", remaining.len())
}

/// The loop of [`wait_for_vms`], reporting `(deleted, total, remaining)` after each look.
async fn follow(
    client: &Client,
    wait: &Wait,
    first: Value,
    mut progress: impl FnMut(usize, usize, &[HistoryCall]),
) -> Result<Value, CliError> {
    let deadline = Instant::now() + wait.limit;
    let session_id = first
        .get("session")
        .map(|s| text(s, "id"))
        .unwrap_or_default();
    let path = api::history_detail_path(&session_id)?;
    let mut last = first;
    let mut last_look_failed: Option<String> = None;
    loop {
        let remaining = match standing(&calls(&last)) {
            Standing::AllDeleted => return Ok(last),
            Standing::Dead(dead) => {
                return Err(CliError::DeletionDead {
                    user_id: wait.user_id.clone(),
                    session_id,
                    dead,
                });
            }
            Standing::Waiting {
                deleted,
                total,
                remaining,
            } => {
                progress(deleted, total, &remaining);
                (total, remaining)
            }
        };
        let now = Instant::now();
        if now >= deadline {
            let (total, remaining) = remaining;
            return Err(CliError::WaitTimedOut {
                user_id: wait.user_id.clone(),
                session_id,
                waited: wait.limit,
                total,
                remaining,
                last_look_failed,
            });
        }
        tokio::time::sleep(wait.interval.min(deadline - now)).await;
        let left = deadline.saturating_duration_since(Instant::now());
        let timeout = wait.request_timeout.min(left.max(LAST_LOOK));
        match look(&client.clone().with_timeout(timeout), &path).await? {
            Look::Seen(detail) => {
                last = detail;
                last_look_failed = None;
            }
            Look::Missed(err) => {
                tracing::info!("looking at the history again at the next tick: {err}");
                last_look_failed = Some(err.to_string());
            }
        }
    }
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

    fn call(id: i64, kind: ItemKind, state: ItemState) -> HistoryCall {
        HistoryCall {
            id,
            lab_request_id: format!("vm-{id}"),
            kind,
            state,
            attempts: u32::from(state != ItemState::Done),
            last_status: None,
            last_error: (state != ItemState::Done).then(|| "answered 500".to_owned()),
            completed_at: None,
        }
    }

    #[test]
    fn only_vm_calls_decide_and_a_dead_one_decides_at_once() {
        use ItemKind::{Expose, Vm};
        use ItemState::{Dead, Done, Pending};
        assert_eq!(
            standing(&[call(1, Expose, Done), call(2, Vm, Done)]),
            Standing::AllDeleted
        );
        // A dead or pending expose call never holds up the VMs.
        assert_eq!(
            standing(&[call(1, Expose, Dead), call(2, Vm, Done)]),
            Standing::AllDeleted
        );
        assert_eq!(
            standing(&[
                call(1, Expose, Pending),
                call(2, Vm, Done),
                call(3, Vm, Pending)
            ]),
            Standing::Waiting {
                deleted: 1,
                total: 2,
                remaining: vec![call(3, Vm, Pending)]
            }
        );
        assert_eq!(
            standing(&[call(2, Vm, Pending), call(3, Vm, Dead), call(4, Vm, Done)]),
            Standing::Dead(vec![call(3, Vm, Dead)])
        );
    }

    #[test]
    fn the_progress_note_names_the_last_error_escaped() {
        let mut pending = call(3, ItemKind::Vm, ItemState::Pending);
        pending.last_error = Some("answered 500 \x1b[2J".into());
        assert_eq!(
            progress_note(&[pending]),
            "· 1 pending, last error: answered 500 \\u{1b}[2J"
        );
        let mut fresh = call(4, ItemKind::Vm, ItemState::Pending);
        fresh.last_error = None;
        assert_eq!(progress_note(&[fresh]), "· 1 pending");
    }

    fn detail(calls: &[HistoryCall]) -> Value {
        serde_json::json!({"session": {"id": "s-1"}, "vms": calls})
    }

    fn run_follow(first: Value, limit: Duration) -> (Result<Value, CliError>, Vec<(usize, usize)>) {
        // Nothing listens here: every look after the first is missed.
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let client = Client::new(crate::client::ClientConfig {
            base_url: format!("http://127.0.0.1:{port}"),
            token: None,
            timeout: Duration::from_secs(1),
            retries: 0,
            spinner: false,
        })
        .unwrap();
        let wait = Wait {
            user_id: "u1".into(),
            limit,
            interval: Duration::from_millis(50),
            request_timeout: Duration::from_secs(1),
        };
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let mut seen = Vec::new();
        let result = runtime.block_on(follow(&client, &wait, first, |d, t, _| seen.push((d, t))));
        (result, seen)
    }

    #[test]
    fn the_wait_ends_at_once_when_all_are_deleted_or_one_is_dead() {
        let (done, seen) = run_follow(
            detail(&[call(1, ItemKind::Vm, ItemState::Done)]),
            Duration::from_secs(5),
        );
        assert!(done.is_ok());
        assert!(seen.is_empty());
        let started = Instant::now();
        let (dead, _) = run_follow(
            detail(&[
                call(1, ItemKind::Vm, ItemState::Dead),
                call(2, ItemKind::Vm, ItemState::Pending),
            ]),
            Duration::from_secs(5),
        );
        assert!(started.elapsed() < Duration::from_secs(1));
        let err = dead.unwrap_err();
        assert_eq!(err.exit_status(), ExitStatus::DeletionDead);
        assert!(err.hint().unwrap().contains("`labctl cleanup retry 1`"));
    }

    #[test]
    fn a_wait_that_runs_out_keeps_the_last_standing_and_why_looks_failed() {
        let started = Instant::now();
        let (result, seen) = run_follow(
            detail(&[
                call(1, ItemKind::Vm, ItemState::Done),
                call(2, ItemKind::Vm, ItemState::Pending),
            ]),
            Duration::from_millis(300),
        );
        assert!(started.elapsed() >= Duration::from_millis(300));
        assert!(seen.len() >= 2, "{seen:?}");
        assert!(seen.iter().all(|s| *s == (1, 2)), "{seen:?}");
        let err = result.unwrap_err();
        assert_eq!(err.exit_status(), ExitStatus::WaitTimeout);
        let CliError::WaitTimedOut {
            total,
            remaining,
            last_look_failed,
            session_id,
            ..
        } = &err
        else {
            panic!("{err:?}")
        };
        assert_eq!((*total, session_id.as_str()), (2, "s-1"));
        assert_eq!(remaining, &vec![call(2, ItemKind::Vm, ItemState::Pending)]);
        assert!(
            last_look_failed
                .as_deref()
                .is_some_and(|w| w.contains("could not reach")),
            "{last_look_failed:?}"
        );
    }
}
