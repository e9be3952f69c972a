//! SQL for `cleanup_sessions`: each ended session kept whole (`session_json`), with why it
//! ended, under a `ticket` `<session id>@<ended at>` that its queue items point to.

use super::sessions::{ARCHIVE_JSON, Ending};
use crate::db::Statement;

/// Archives the sessions `ending` selects (the first statement of the ending batch).
pub fn archive_ended(ending: Ending<'_>, now: &str) -> Statement {
    ending.statement(
        format!(
            "INSERT INTO cleanup_sessions (ticket, session_id, user_id, lab_id, reason, \
             session_json, queued_at) SELECT s.id || '@' || ?1, s.id, s.user_id, s.labId, ?2, \
             {}, ?1 FROM labs_sessions s WHERE {}",
            *ARCHIVE_JSON,
            ending.predicate("s.")
        ),
        now,
    )
}

/// Drops archived sessions queued before `cutoff` that have no queue items left.
pub fn prune(cutoff: &str) -> Statement {
    Statement::new(
        "DELETE FROM cleanup_sessions WHERE queued_at < ?1 AND NOT EXISTS \
         (SELECT 1 FROM cleanup_items i WHERE i.ticket = cleanup_sessions.ticket)",
    )
    .bind(cutoff)
}
