//! `labctl cleanup queue [--dead | --state S] [--limit N]`: the items still to do (pending)
//! and given up (dead), oldest first, following the cursors up to `N` items.

use chrono::Utc;
use labs_core::cleanup::ItemState;

use super::display::{item_state, print_queue, queue_counts};
use crate::api;
use crate::cli::{CleanupQueueArgs, QueueState};
use crate::commands::session::display::io_error;
use crate::context::Context;
use crate::exit::CliError;
use crate::paging::{self, Paging};

/// The `state` query parameter the flags ask for; `None` is the API's default (pending and
/// dead).
pub fn state(args: &CleanupQueueArgs) -> Option<QueueState> {
    if args.dead {
        Some(QueueState::Only(ItemState::Dead))
    } else {
        args.state
    }
}

/// Fetches and prints the items, then a count and what to do about dead ones on stderr.
pub async fn run(args: CleanupQueueArgs, ctx: &mut Context) -> Result<(), CliError> {
    let client = ctx.client()?;
    let state = state(&args).map(QueueState::api_name);
    let collected = paging::collect(
        Paging::up_to(args.limit),
        |limit, cursor| {
            let client = &client;
            let state = state.as_deref();
            async move { api::list_cleanup_queue(client, state, limit, cursor.as_deref()).await }
        },
        |_| {},
    )
    .await?;
    let items = &collected.items;
    print_queue(&mut ctx.io, items, Utc::now())?;
    if collected.more {
        ctx.io
            .warn(&format!(
                "showing the first {} items; more are queued (raise --limit)",
                items.len()
            ))
            .map_err(io_error)?;
    }
    if ctx.io.json {
        return Ok(());
    }
    if !items.is_empty() && ctx.io.stdout_tty {
        ctx.io.note(&queue_counts(items)).map_err(io_error)?;
    }
    let dead = items
        .iter()
        .filter(|i| item_state(i) == Some(ItemState::Dead))
        .count();
    if dead > 0 {
        ctx.io
            .warn(&format!(
                "{dead} dead item(s): nobody deletes those VMs until they are retried: \
                 `labctl cleanup retry ITEM_ID` or `labctl cleanup retry --all-dead`"
            ))
            .map_err(io_error)?;
    }
    Ok(())
}
