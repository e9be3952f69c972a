//! Cleanup past one invocation: fanning the queue's work out over a Cloudflare Queue.
//!
//! The D1 queue (`cleanup_items`) stays the one source of truth. With a queue bound
//! (`CLEANUP_QUEUE`):
//! - the cron ends expired sessions and then, instead of working the queue itself within its
//!   one budget, names the sessions with due items in messages of at most one budget's worth
//!   of items each ([`dispatch`]), marking those items so the next cron does not name them
//!   again while the message may still be on its way;
//! - a DELETE sends one message naming its session;
//! - each consumer invocation ([`consume`]) works the sessions its messages name, under a
//!   lease and within its own budget, exactly as any sweep: the same claim, calls and
//!   settlement ([`crate::sweep`]).
//!
//! A lost message only delays its items (the cron names them again after
//! [`fanout::DISPATCH_HOLD_MS`]); a duplicated or late one finds them leased or done and
//! makes no call; a consumer that dies mid-batch leaves leases that expire, and its message
//! comes back. A send that fails clears the mark and the cron works the queue itself, as it
//! does with no queue bound at all.

use std::rc::Rc;

use labs_core::cleanup::{Trigger, fanout};
use labs_core::log::Level;
use labs_core::time::Timestamp;
use serde::Deserialize;

use crate::db::{Db, DbError};
use crate::log::Logger;
use crate::sql::items::{self, Scope};
use crate::sql::metrics;
use crate::{Engine, Platform, sweep};

/// The platform's queue producer.
#[allow(async_fn_in_trait)]
pub trait Queue {
    /// Sends `bodies` (JSON text, at most [`fanout::SEND_BATCH_MAX`]) as messages in one
    /// call. The error text never holds a secret.
    async fn send(&self, bodies: &[String]) -> Result<(), String>;
}

/// What the cron's dispatch did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Dispatched {
    /// Items named in messages that were sent.
    pub items: u32,
    /// Messages sent.
    pub messages: u32,
    /// Whether a send failed (the cron then works the queue itself).
    pub send_failed: bool,
}

#[derive(Deserialize)]
struct Marked {
    ticket: String,
    n: usize,
}

/// Names due items in queue messages: marks them (held for [`fanout::DISPATCH_HOLD_MS`]),
/// groups them by session in work order, packs the sessions into messages of at most
/// `CLEANUP_MAX_SUBREQUESTS` items and sends them, [`fanout::SEND_BATCH_MAX`] at a time. A
/// batch that cannot be sent gets its marks cleared, and no more are sent.
pub async fn dispatch<P: Platform>(
    engine: &Engine<P>,
    queue: &P::Queue,
    logger: &Logger,
    now: Timestamp,
) -> Result<Dispatched, DbError> {
    let hold_until = now
        .plus_millis(fanout::DISPATCH_HOLD_MS)
        .unwrap_or(Timestamp::MAX);
    let (now, hold) = (now.to_iso(), hold_until.to_iso());
    let marked: Vec<Marked> = crate::db::decode_rows(
        engine
            .db
            .batch(vec![
                items::dispatch(&now, &hold, fanout::DISPATCH_MAX_ITEMS),
                items::dispatched_sessions(&hold),
            ])
            .await?
            .into_iter()
            .last()
            .map(|o| o.rows)
            .unwrap_or_default(),
    )?;
    let tickets: Vec<(String, usize)> = marked.into_iter().map(|m| (m.ticket, m.n)).collect();
    let messages = fanout::pack(tickets, engine.config.cleanup.max_subrequests);
    let mut done = Dispatched::default();
    let mut unsent: Vec<String> = Vec::new();
    for chunk in messages.chunks(fanout::SEND_BATCH_MAX) {
        if done.send_failed {
            unsent.extend(chunk.iter().flat_map(|(m, _)| m.tickets.iter().cloned()));
            continue;
        }
        let bodies: Vec<String> = chunk.iter().map(|(m, _)| m.to_body()).collect();
        match queue.send(&bodies).await {
            Ok(()) => {
                done.messages += chunk.len() as u32;
                done.items += chunk.iter().map(|(_, n)| *n as u32).sum::<u32>();
            }
            Err(e) => {
                logger.emit(
                    logger
                        .line(
                            Level::Error,
                            "cleanup queue send failed; the cron works the queue itself",
                        )
                        .with("error", e),
                );
                done.send_failed = true;
                unsent.extend(chunk.iter().flat_map(|(m, _)| m.tickets.iter().cloned()));
            }
        }
    }
    let mut statements = Vec::new();
    if !unsent.is_empty() {
        statements.push(items::undispatch(&json_list(&unsent)));
    }
    if done.messages > 0 {
        statements.push(metrics::bump(
            "cleanup_messages",
            "event=sent",
            u64::from(done.messages),
        ));
    }
    if done.send_failed {
        statements.push(metrics::bump("cleanup_messages", "event=send_failed", 1));
    }
    if !statements.is_empty() {
        engine.db.batch(statements).await?;
    }
    Ok(done)
}

/// Sends the one message that names the session a DELETE just ended; `false` if it could not
/// be sent (the caller then works the session itself).
pub async fn send_ticket<P: Platform>(
    engine: &Engine<P>,
    queue: &P::Queue,
    logger: &Logger,
    ticket: &str,
) -> bool {
    let body = fanout::Message {
        tickets: vec![ticket.to_owned()],
    }
    .to_body();
    let (event, sent) = match queue.send(&[body]).await {
        Ok(()) => ("event=sent", true),
        Err(e) => {
            logger.emit(
                logger
                    .line(
                        Level::Error,
                        "cleanup queue send failed; the session is worked at once",
                    )
                    .with("error", e),
            );
            ("event=send_failed", false)
        }
    };
    // A counter that cannot be written must not stop the cleanup it counts.
    let _ = engine
        .db
        .run(metrics::bump("cleanup_messages", event, 1))
        .await;
    sent
}

/// What to tell the platform about one delivered message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fate {
    /// Done with: its sessions have nothing claimable left (or it was malformed).
    Ack,
    /// Deliver it again: the budget ran out before its sessions' items, or the database
    /// failed.
    Retry,
}

/// A queue consumer invocation: works the sessions the delivered messages (their `bodies`,
/// as [`fanout::Message::to_body`] wrote them) name, within one budget, and says for each
/// message whether it is done with. Never fails: a malformed message is acknowledged (and
/// logged), a database failure retries every message.
pub async fn consume<P: Platform>(engine: Rc<Engine<P>>, bodies: Vec<String>) -> Vec<Fate> {
    let logger = engine.logger().with("trigger", Trigger::Queue.as_str());
    let parsed: Vec<Option<fanout::Message>> =
        bodies.iter().map(|b| fanout::Message::parse(b)).collect();
    let malformed = parsed.iter().filter(|p| p.is_none()).count();
    if malformed > 0 {
        logger.emit(
            logger
                .line(
                    Level::Error,
                    "cleanup queue message is not a list of tickets; dropped",
                )
                .with("messages", malformed as u64),
        );
    }
    let mut tickets: Vec<String> = Vec::new();
    for m in parsed.iter().flatten() {
        for t in &m.tickets {
            if !tickets.contains(t) {
                tickets.push(t.clone());
            }
        }
    }
    // The counts known now travel with the run's last batch.
    let mut counts = vec![metrics::bump(
        "cleanup_messages",
        "event=delivered",
        bodies.len() as u64,
    )];
    if malformed > 0 {
        counts.push(metrics::bump(
            "cleanup_messages",
            "event=malformed",
            malformed as u64,
        ));
    }
    let outcome = if tickets.is_empty() {
        engine.db.batch(counts).await.map(|_| Vec::new())
    } else {
        let list = json_list(&tickets);
        sweep::sweep_scoped(
            &engine,
            &logger,
            Trigger::Queue,
            Scope::Tickets(&list),
            counts,
        )
        .await
        .map(|(_, left)| left)
    };
    let fates: Vec<Fate> = match &outcome {
        Ok(left) => parsed
            .iter()
            .map(|p| match p {
                Some(m) if m.tickets.iter().any(|t| left.contains(t)) => Fate::Retry,
                _ => Fate::Ack,
            })
            .collect(),
        Err(e) => {
            logger.emit(
                logger
                    .line(
                        Level::Error,
                        "cleanup queue consumer failed; its messages come back",
                    )
                    .with("error", e.to_string()),
            );
            vec![Fate::Retry; bodies.len()]
        }
    };
    let retried = fates.iter().filter(|f| **f == Fate::Retry).count() as u64;
    if retried > 0 {
        // A counter that cannot be written must not change what happens to the messages.
        let _ = engine
            .db
            .run(metrics::bump("cleanup_messages", "event=retried", retried))
            .await;
    }
    fates
}

/// `tickets` as the JSON array the scoped statements bind.
pub fn json_list(tickets: &[String]) -> String {
    serde_json::to_string(tickets).unwrap_or_else(|_| "[]".into())
}
