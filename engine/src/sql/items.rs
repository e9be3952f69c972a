//! SQL for `cleanup_items`: one row per backend call still owed for an ended session — a
//! `vm` deletion per distinct VM id, and one best-effort `expose` removal.
//!
//! Items are claimed under a lease ([`claim`]) and settled only while the lease is still
//! the claimer's ([`settle`]); an operator's retry never touches a leased item ([`retry`]).

use labs_core::cleanup::{ItemKind, ItemState, QueueItem};
use serde::Deserialize;

use super::sessions::Ending;
use crate::db::Statement;

/// Queues the calls the ending sessions need, in one statement of the ending batch: for
/// each session (oldest expiry first) its expose item, then one item per distinct VM id —
/// master, workers, and workers an update detached — so ids follow the order of the work.
pub fn queue_ended(ending: Ending<'_>, now: &str) -> Statement {
    let p = ending.predicate("s.");
    let select = |kind: ItemKind, order: u8, id_expr: &str, from: &str| {
        format!(
            "SELECT s.id || '@' || ?1 AS ticket, s.user_id AS user_id, s.labId AS lab_id, \
             '{}' AS kind, {id_expr} AS lab_request_id, s.expires_at AS expires_at, {order} AS ord \
             FROM labs_sessions s{from} WHERE {p}",
            kind.as_str()
        )
    };
    ending.statement(
        format!(
            "INSERT OR IGNORE INTO cleanup_items (ticket, user_id, lab_id, kind, lab_request_id, \
             next_attempt_at, created_at, updated_at) \
             SELECT ticket, user_id, lab_id, kind, lab_request_id, ?1, ?1, ?1 FROM ({} UNION ALL {} \
             UNION ALL {} UNION ALL {}) ORDER BY expires_at, ticket, ord",
            select(ItemKind::Expose, 0, "s.lab_request_id", ""),
            select(ItemKind::Vm, 1, "s.lab_request_id", ""),
            select(
                ItemKind::Vm,
                1,
                "json_extract(w.value, '$.worker_lab_request_id')",
                ", json_each(s.worker_nodes) w"
            ),
            select(ItemKind::Vm, 1, "d.value", ", json_each(s.detached_vm_ids) d"),
        ),
        now,
    )
}

/// An item a sweep has claimed.
#[derive(Debug, Clone, Deserialize)]
pub struct ClaimedItem {
    /// Item id.
    pub id: i64,
    /// Its session's ticket (none for an alert about the cron trigger).
    pub ticket: Option<String>,
    /// The user whose lab it was.
    pub user_id: String,
    /// The lab.
    pub lab_id: String,
    /// What to call.
    pub kind: ItemKind,
    /// The VM's provisioning request id.
    pub lab_request_id: String,
    /// Failed attempts so far.
    pub attempts: u32,
    /// An alert's JSON.
    pub payload: Option<String>,
}

/// The condition for an item that may be claimed at `?3`: pending, due, not leased, and —
/// for a VM — its session's expose call attempted once already, or claimable now itself
/// (then it is claimed in the same statement, ahead of its VMs: the claim goes in queue
/// order, where a session's expose item comes first). The contract orders the expose call
/// first; the claimer makes it before the VM calls, and after one attempt, whatever its
/// outcome, it never holds VMs up.
const CLAIMABLE: &str = "i.state = 'pending' AND i.next_attempt_at <= ?3 \
    AND (i.lease_until IS NULL OR i.lease_until <= ?3) AND i.kind <> 'alert' \
    AND (i.kind = 'expose' OR NOT EXISTS (SELECT 1 FROM cleanup_items e \
         WHERE e.ticket = i.ticket AND e.kind = 'expose' AND e.state = 'pending' \
         AND e.last_status IS NULL AND e.last_error IS NULL \
         AND (e.next_attempt_at > ?3 OR e.lease_until > ?3 OR EXISTS (SELECT 1 FROM cleanup_items o \
              WHERE o.lab_request_id = e.lab_request_id AND o.kind = 'expose' AND o.lease_until > ?3))))";

/// Which items a sweep works.
#[derive(Debug, Clone, Copy)]
pub enum Scope<'a> {
    /// Every due item (the cron without a queue, a forced sweep).
    All,
    /// Only the items of these ended sessions (a DELETE's session, a queue message's), given
    /// as a JSON array of tickets.
    Tickets(&'a str),
}

/// Claims up to `limit` claimable items for `owner` until `lease_until`, in one statement,
/// so sweeps running at once never claim the same item. Run it with [`unclaim_gated`] after
/// it in one batch.
///
/// One VM is never called twice at once, even when a client listed its id in two sessions
/// (two items): an item is not claimed while another item for the same call (kind and VM
/// id) is leased, and one claim takes at most one item per VM.
pub fn claim(
    owner: &str,
    now: &str,
    lease_until: &str,
    limit: usize,
    scope: Scope<'_>,
) -> Statement {
    let only_tickets = match scope {
        Scope::All => "",
        Scope::Tickets(_) => "AND i.ticket IN (SELECT value FROM json_each(?5))",
    };
    let s = Statement::new(format!(
        "UPDATE cleanup_items SET lease_owner = ?1, lease_until = ?2, updated_at = ?3 \
         WHERE id IN (SELECT MIN(i.id) FROM cleanup_items i WHERE {CLAIMABLE} {only_tickets} \
           AND NOT EXISTS (SELECT 1 FROM cleanup_items o WHERE o.lab_request_id = i.lab_request_id \
               AND o.kind = i.kind AND o.lease_until > ?3) \
           GROUP BY i.kind, i.lab_request_id \
           ORDER BY MIN(i.next_attempt_at), MIN(i.id) LIMIT ?4) \
         RETURNING id, ticket, user_id, lab_id, kind, lab_request_id, attempts, payload"
    ))
    .bind(owner)
    .bind(lease_until)
    .bind(now)
    .bind(limit);
    match scope {
        Scope::All => s,
        Scope::Tickets(tickets) => s.bind(tickets),
    }
}

/// Gives back, in the claim's batch, the VMs `owner` just claimed whose session's expose
/// call is neither attempted nor claimed by `owner` too (the claim's limit fell between
/// them, or the expose item lost to another session's for the same master): they wait for
/// it. Returns their ids.
pub fn unclaim_gated(owner: &str) -> Statement {
    Statement::new(
        "UPDATE cleanup_items SET lease_owner = NULL, lease_until = NULL \
         WHERE lease_owner = ?1 AND kind = 'vm' AND EXISTS (SELECT 1 FROM cleanup_items e \
           WHERE e.ticket = cleanup_items.ticket AND e.kind = 'expose' AND e.state = 'pending' \
           AND e.last_status IS NULL AND e.last_error IS NULL \
           AND (e.lease_owner IS NULL OR e.lease_owner <> ?1)) RETURNING id",
    )
    .bind(owner)
}

/// Of the sessions `tickets` (a JSON array), those with an item claimable at `now`, as
/// column `ticket`: what a queue consumer that ran out of budget leaves to a redelivery.
pub fn tickets_with_claimable(tickets: &str, now: &str) -> Statement {
    Statement::new(format!(
        "SELECT DISTINCT i.ticket AS ticket FROM cleanup_items i WHERE {CLAIMABLE} \
         AND i.ticket IN (SELECT value FROM json_each(?2))"
    ))
    // CLAIMABLE reads `now` as ?3, as in `claim`; ?1 (the claimer there) is unused here.
    .bind("")
    .bind(tickets)
    .bind(now)
}

/// Marks for dispatch up to `limit` due, unleased items not dispatched since `hold_until`
/// was last set, in work order: each is held until `hold_until`. Run with
/// [`dispatched_sessions`] after it in one batch.
pub fn dispatch(now: &str, hold_until: &str, limit: usize) -> Statement {
    Statement::new(
        "UPDATE cleanup_items SET dispatched_until = ?2 WHERE id IN (SELECT id FROM cleanup_items \
         WHERE state = 'pending' AND kind <> 'alert' AND ticket IS NOT NULL AND next_attempt_at <= ?1 \
         AND (lease_until IS NULL OR lease_until <= ?1) \
         AND (dispatched_until IS NULL OR dispatched_until <= ?1) \
         ORDER BY next_attempt_at, id LIMIT ?3)",
    )
    .bind(now)
    .bind(hold_until)
    .bind(limit)
}

/// The sessions [`dispatch`] just marked until `hold_until`, in queue order (by their first
/// marked item), each with its count of marked items: columns `ticket`, `n`.
pub fn dispatched_sessions(hold_until: &str) -> Statement {
    Statement::new(
        "SELECT ticket, COUNT(*) AS n FROM cleanup_items WHERE dispatched_until = ?1 \
         AND state = 'pending' AND ticket IS NOT NULL GROUP BY ticket ORDER BY MIN(id)",
    )
    .bind(hold_until)
}

/// Clears the dispatch mark of the sessions `tickets` (a JSON array) whose message could
/// not be sent, so the next cron names them again at once.
pub fn undispatch(tickets: &str) -> Statement {
    Statement::new(
        "UPDATE cleanup_items SET dispatched_until = NULL WHERE state = 'pending' \
         AND ticket IN (SELECT value FROM json_each(?1))",
    )
    .bind(tickets)
}

/// Claims up to `limit` due alerts for `owner` until `lease_until` (alerts have a budget of
/// their own, so they never take a VM deletion's place).
pub fn claim_alerts(owner: &str, now: &str, lease_until: &str, limit: usize) -> Statement {
    Statement::new(
        "UPDATE cleanup_items SET lease_owner = ?1, lease_until = ?2, updated_at = ?3 \
         WHERE id IN (SELECT id FROM cleanup_items WHERE kind = 'alert' AND state = 'pending' \
           AND next_attempt_at <= ?3 AND (lease_until IS NULL OR lease_until <= ?3) \
           ORDER BY next_attempt_at, id LIMIT ?4) \
         RETURNING id, ticket, user_id, lab_id, kind, lab_request_id, attempts, payload",
    )
    .bind(owner)
    .bind(lease_until)
    .bind(now)
    .bind(limit)
}

/// Queues an alert that item `id` went dead, in the settling batch: only if the settlement
/// made it dead, and once per item (a second death of a retried item is not alerted again).
pub fn alert_dead(id: i64, payload: &str, now: &str) -> Statement {
    Statement::new(
        "INSERT OR IGNORE INTO cleanup_items (ticket, user_id, lab_id, kind, lab_request_id, payload, \
         next_attempt_at, created_at, updated_at) SELECT ticket, user_id, lab_id, 'alert', \
         lab_request_id, ?2, ?3, ?3, ?3 FROM cleanup_items WHERE id = ?1 AND state = 'dead' \
         AND lease_owner IS NULL",
    )
    .bind(id)
    .bind(payload)
    .bind(now)
}

/// Queues an alert about the service itself (no session), keyed by `key`.
pub fn alert(key: &str, payload: &str, now: &str) -> Statement {
    Statement::new(
        "INSERT INTO cleanup_items (ticket, user_id, lab_id, kind, lab_request_id, payload, \
         next_attempt_at, created_at, updated_at) VALUES (NULL, '', '', 'alert', ?1, ?2, ?3, ?3, ?3)",
    )
    .bind(key)
    .bind(payload)
    .bind(now)
}

/// Counts due items nobody holds at `now` — what is left for a later sweep, VMs still
/// waiting behind their session's expose call included — as column `n`.
pub fn count_due(now: &str) -> Statement {
    Statement::new(
        "SELECT COUNT(*) AS n FROM cleanup_items WHERE state = 'pending' AND kind <> 'alert' \
         AND next_attempt_at <= ?1 AND (lease_until IS NULL OR lease_until <= ?1)",
    )
    .bind(now)
}

/// How an attempt on a claimed item ended, to be written back.
#[derive(Debug, Clone)]
pub struct Settlement {
    /// The item.
    pub id: i64,
    /// Its new state.
    pub state: ItemState,
    /// Failed attempts after this one (a success keeps the count).
    pub attempts: u32,
    /// The backend's status, if it answered.
    pub status: Option<u16>,
    /// The error, if it failed.
    pub error: Option<String>,
    /// The next attempt's time (pending items only).
    pub next_attempt_at: Option<String>,
}

/// Records `s`, only while `owner` still holds the item's lease.
pub fn settle(owner: &str, now: &str, s: &Settlement) -> Statement {
    Statement::new(
        "UPDATE cleanup_items SET state = ?2, attempts = ?3, last_status = ?4, last_error = ?5, \
         next_attempt_at = COALESCE(?6, next_attempt_at), \
         completed_at = CASE WHEN ?2 = 'done' THEN ?7 ELSE completed_at END, \
         updated_at = ?7, lease_owner = NULL, lease_until = NULL \
         WHERE id = ?1 AND lease_owner = ?8",
    )
    .bind(s.id)
    .bind(s.state.as_str())
    .bind(s.attempts)
    .bind(s.status)
    .bind(s.error.as_deref())
    .bind(s.next_attempt_at.as_deref())
    .bind(now)
    .bind(owner)
}

/// Gives back an item `owner` claimed but did not call (its lease could not outlive the
/// call): claimable again at once, nothing recorded.
pub fn release(owner: &str, now: &str, id: i64) -> Statement {
    Statement::new(
        "UPDATE cleanup_items SET lease_owner = NULL, lease_until = NULL, updated_at = ?3 \
         WHERE id = ?1 AND lease_owner = ?2",
    )
    .bind(id)
    .bind(owner)
    .bind(now)
}

const ITEM_COLUMNS: &str = "i.id, s.session_id, i.user_id, i.lab_id, i.kind, i.lab_request_id, \
    i.state, i.attempts, i.next_attempt_at, i.last_status, i.last_error, i.created_at, \
    i.updated_at, i.completed_at";

/// Items in `states`, by id, after `after_id`, at most `limit`.
pub fn list(states: &[ItemState], after_id: i64, limit: usize) -> Statement {
    let marks: Vec<String> = (0..states.len()).map(|i| format!("?{}", i + 3)).collect();
    let mut s = Statement::new(format!(
        "SELECT {ITEM_COLUMNS} FROM cleanup_items i LEFT JOIN cleanup_sessions s ON s.ticket = i.ticket \
         WHERE i.id > ?1 AND i.state IN ({}) ORDER BY i.id LIMIT ?2",
        marks.join(", ")
    ))
    .bind(after_id)
    .bind(limit);
    for state in states {
        s = s.bind(state.as_str());
    }
    s
}

/// Every item of the ended session `ticket`, by id, as the history shows them.
pub fn for_ticket(ticket: &str) -> Statement {
    Statement::new(
        "SELECT id, lab_request_id, kind, state, attempts, last_status, last_error, completed_at \
         FROM cleanup_items WHERE ticket = ?1 ORDER BY id",
    )
    .bind(ticket)
}

/// One item by id.
pub fn get(id: i64) -> Statement {
    Statement::new(format!(
        "SELECT {ITEM_COLUMNS} FROM cleanup_items i LEFT JOIN cleanup_sessions s ON s.ticket = i.ticket \
         WHERE i.id = ?1"
    ))
    .bind(id)
}

/// An item's state and lease, for explaining a refused retry.
#[derive(Debug, Clone, Deserialize)]
pub struct ItemLease {
    /// Its state.
    pub state: ItemState,
    /// Until when a sweep holds it, if one does.
    pub lease_until: Option<String>,
}

/// [`ItemLease`] of item `id`.
pub fn lease_of(id: i64) -> Statement {
    Statement::new("SELECT state, lease_until FROM cleanup_items WHERE id = ?1").bind(id)
}

/// Makes a pending or dead item due now with a fresh attempt count — unless a sweep holds
/// it: a leased item's call may be in flight, and clearing the lease would let another
/// sweep call the same VM at once and drop the first outcome. An item already due keeps its
/// place in the queue (a retry never moves work later: a session's expose item stays ahead
/// of its VMs).
pub fn retry(id: i64, now: &str) -> Statement {
    Statement::new(
        "UPDATE cleanup_items SET state = 'pending', attempts = 0, \
         next_attempt_at = MIN(next_attempt_at, ?2), updated_at = ?2 \
         WHERE id = ?1 AND state IN ('pending', 'dead') \
         AND (lease_until IS NULL OR lease_until <= ?2)",
    )
    .bind(id)
    .bind(now)
}

/// Makes every dead item due now (never one a sweep holds).
pub fn retry_all_dead(now: &str) -> Statement {
    Statement::new(
        "UPDATE cleanup_items SET state = 'pending', attempts = 0, next_attempt_at = ?1, \
         updated_at = ?1 WHERE state = 'dead' AND (lease_until IS NULL OR lease_until <= ?1)",
    )
    .bind(now)
}

/// Drops finished items completed before `cutoff`.
pub fn prune_done(cutoff: &str) -> Statement {
    Statement::new("DELETE FROM cleanup_items WHERE state = 'done' AND completed_at < ?1")
        .bind(cutoff)
}

/// The decoded page of [`list`] / the item of [`get`].
pub type Item = QueueItem;

/// Queue items (not alerts) by state and kind, with what is due now and the oldest pending.
#[derive(Debug, Clone, Deserialize)]
pub struct StatusCounts {
    /// `pending` or `dead`.
    pub state: String,
    /// `vm`, `expose` or `alert`.
    pub kind: String,
    /// How many.
    pub n: u64,
    /// Of which due now and unleased.
    pub due: Option<u64>,
    /// The oldest one's `created_at`.
    pub oldest: Option<String>,
}

/// [`StatusCounts`], one row per state and kind.
pub fn status_counts(now: &str) -> Statement {
    Statement::new(
        "SELECT state, kind, COUNT(*) AS n, \
         SUM(next_attempt_at <= ?1 AND (lease_until IS NULL OR lease_until <= ?1)) AS due, \
         MIN(created_at) AS oldest FROM cleanup_items WHERE state IN ('pending', 'dead') \
         GROUP BY state, kind",
    )
    .bind(now)
}
