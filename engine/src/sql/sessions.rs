//! SQL for `labs_sessions`: one row per running lab.
//!
//! [`COLUMNS`] is the one list of the table's columns; every statement's column list, the
//! parameters bound from a [`SessionRow`], and the archived JSON copy are derived from it
//! (a test checks it against `SessionRow` and the migrations).

use std::sync::LazyLock;

use labs_core::history::EndReason;
use labs_core::query::SessionListQuery;
use labs_core::record::SessionRow;
use serde_json::Value;

use super::Conditions;
use serde::Deserialize;

use crate::db::{Param, Statement};

/// How a column is stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnKind {
    /// Text, or a number stored as is.
    Plain,
    /// A 64-bit integer: bound as decimal text (INTEGER affinity stores it exactly) and read
    /// back with `CAST(... AS TEXT)`, since D1 returns numbers as doubles.
    BigInt,
    /// JSON text.
    Json,
}

/// One column of `labs_sessions`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    /// Its name (also the field of [`SessionRow`] and the key of the archived JSON).
    pub name: &'static str,
    /// How it is stored.
    pub kind: ColumnKind,
}

const fn plain(name: &'static str) -> Column {
    Column {
        name,
        kind: ColumnKind::Plain,
    }
}
const fn json(name: &'static str) -> Column {
    Column {
        name,
        kind: ColumnKind::Json,
    }
}

/// Every column of `labs_sessions`, in the migrations' order.
pub const COLUMNS: &[Column] = &[
    plain("id"),
    plain("labId"),
    plain("labTitle"),
    plain("labGroupID"),
    plain("moduleID"),
    plain("duration"),
    plain("activatedAt"),
    plain("counterID"),
    plain("configId"),
    plain("workerConfigId"),
    plain("lab_request_id"),
    plain("user_id"),
    plain("terminal_url"),
    Column {
        name: "validation",
        kind: ColumnKind::BigInt,
    },
    json("vm"),
    plain("vscode_domain"),
    plain("puku_domain"),
    json("worker_nodes"),
    json("loadBalancers"),
    plain("created_at"),
    plain("updated_at"),
    plain("expires_at"),
    plain("version"),
    json("detached_vm_ids"),
];

/// The select list every read uses.
static SELECT_LIST: LazyLock<String> = LazyLock::new(|| {
    COLUMNS
        .iter()
        .map(|c| match c.kind {
            ColumnKind::BigInt => format!("CAST({0} AS TEXT) AS {0}", c.name),
            _ => c.name.to_owned(),
        })
        .collect::<Vec<_>>()
        .join(", ")
});

/// `json_object(...)` of a row aliased `s`, with the API's field names: the archived copy.
pub static ARCHIVE_JSON: LazyLock<String> = LazyLock::new(|| {
    let fields: Vec<String> = COLUMNS
        .iter()
        .map(|c| match c.kind {
            ColumnKind::Json => format!("'{0}', json(s.{0})", c.name),
            _ => format!("'{0}', s.{0}", c.name),
        })
        .collect();
    format!("json_object({})", fields.join(", "))
});

static INSERT_SQL: LazyLock<String> = LazyLock::new(|| {
    let names: Vec<&str> = COLUMNS.iter().map(|c| c.name).collect();
    let marks: Vec<String> = (1..=COLUMNS.len()).map(|i| format!("?{i}")).collect();
    format!(
        "INSERT INTO labs_sessions ({}) VALUES ({}) ON CONFLICT DO NOTHING",
        names.join(", "),
        marks.join(", ")
    )
});

static UPDATE_SQL: LazyLock<String> = LazyLock::new(|| {
    // Every column but the key, from the new row; the key and the version read pin the row.
    let n = COLUMNS.len();
    let sets: Vec<String> = COLUMNS
        .iter()
        .enumerate()
        .filter(|(_, c)| c.name != "id")
        .map(|(i, c)| format!("{} = ?{}", c.name, i + 1))
        .collect();
    format!(
        "UPDATE labs_sessions SET {} WHERE id = ?{} AND created_at = ?{} AND version = ?{}",
        sets.join(", "),
        n + 1,
        n + 2,
        n + 3
    )
});

/// The parameters binding `row`, in [`COLUMNS`] order.
fn row_params(row: &SessionRow) -> Vec<Param> {
    let Value::Object(map) = serde_json::to_value(row).expect("a row always serializes") else {
        unreachable!("a row serializes to an object")
    };
    COLUMNS
        .iter()
        .map(|c| match map.get(c.name) {
            Some(Value::String(s)) => Param::Text(s.clone()),
            Some(Value::Number(n)) => Param::Int(n.as_i64().expect("row numbers are integers")),
            Some(Value::Null) | None => Param::Null,
            Some(other) => Param::Text(other.to_string()),
        })
        .collect()
}

/// The session of `user_id`.
pub fn find_by_user(user_id: &str) -> Statement {
    Statement::new(format!(
        "SELECT {} FROM labs_sessions WHERE user_id = ?1",
        *SELECT_LIST
    ))
    .bind(user_id)
}

/// The user owning session `id`, as column `user_id`.
pub fn user_of_session(id: &str) -> Statement {
    Statement::new("SELECT user_id FROM labs_sessions WHERE id = ?1").bind(id)
}

/// Inserts `row`; changes nothing when a uniqueness rule (one session per user, unique id)
/// refuses it, so the constraint, not a read-then-write, decides between concurrent creates.
pub fn insert(row: &SessionRow) -> Statement {
    Statement {
        sql: INSERT_SQL.clone(),
        params: row_params(row),
    }
}

/// Writes `next` over the row it was computed from: only if that row (its id and
/// `created_at`, so never a later session of the same user, even one reusing the id) is
/// still at `read_version`.
pub fn update_if_unchanged(
    next: &SessionRow,
    read_created_at: &str,
    read_version: u32,
) -> Statement {
    let mut params = row_params(next);
    params.push(Param::Text(next.id.clone()));
    params.push(Param::Text(read_created_at.to_owned()));
    params.push(Param::from(read_version));
    Statement {
        sql: UPDATE_SQL.clone(),
        params,
    }
}

/// Which sessions to end.
#[derive(Debug, Clone, Copy)]
pub enum Ending<'a> {
    /// Those whose `expires_at` is at or before now, oldest first, at most `limit`.
    Expired {
        /// How many sessions at most.
        limit: usize,
    },
    /// The session of one user (a DELETE).
    Deleted {
        /// The user.
        user_id: &'a str,
    },
}

impl Ending<'_> {
    /// The WHERE predicate selecting the ending rows of `labs_sessions` aliased `alias`
    /// (with its dot, or empty). `?1` is now, `?2` the reason, `?3` the selector.
    pub fn predicate(&self, alias: &str) -> String {
        match self {
            Ending::Expired { .. } => format!(
                "{alias}id IN (SELECT id FROM labs_sessions WHERE expires_at <= ?1 \
                 ORDER BY expires_at, id LIMIT ?3)"
            ),
            Ending::Deleted { .. } => format!("{alias}user_id = ?3"),
        }
    }

    /// Why these sessions end.
    pub fn reason(&self) -> EndReason {
        match self {
            Ending::Expired { .. } => EndReason::Expired,
            Ending::Deleted { .. } => EndReason::Deleted,
        }
    }

    /// `?1`, `?2`, `?3` for [`Ending::predicate`] at `now`: every statement of the ending
    /// batch takes the same three.
    pub fn params(&self, now: &str) -> Vec<Param> {
        let selector = match self {
            Ending::Expired { limit } => Param::from(*limit),
            Ending::Deleted { user_id } => Param::from(*user_id),
        };
        vec![
            Param::from(now),
            Param::from(self.reason().as_str()),
            selector,
        ]
    }

    /// `sql` with this ending's parameters.
    pub fn statement(&self, sql: String, now: &str) -> Statement {
        Statement {
            sql,
            params: self.params(now),
        }
    }
}

/// Deletes the ending rows, returning each one's `id` and `ticket` (`<id>@<now>`).
pub fn delete_ended(ending: Ending<'_>, now: &str) -> Statement {
    ending.statement(
        format!(
            "DELETE FROM labs_sessions WHERE {} RETURNING id, id || '@' || ?1 AS ticket",
            ending.predicate("")
        ),
        now,
    )
}

/// What a sweep at `now` would end (at most `limit` sessions, as a sweep takes them) and the
/// backend calls they need (one expose each plus each distinct VM id), as `sessions`, `vms`.
pub fn preview_expiry(now: &str, limit: usize) -> Statement {
    Statement::new(
        "WITH ended AS (SELECT * FROM labs_sessions WHERE expires_at <= ?1 \
         ORDER BY expires_at, id LIMIT ?2), \
         ids AS (SELECT id, lab_request_id AS vm FROM ended \
                 UNION SELECT e.id, json_extract(w.value, '$.worker_lab_request_id') \
                       FROM ended e, json_each(e.worker_nodes) w \
                 UNION SELECT e.id, d.value FROM ended e, json_each(e.detached_vm_ids) d) \
         SELECT (SELECT COUNT(*) FROM ended) AS sessions, (SELECT COUNT(*) FROM ids) AS vms",
    )
    .bind(now)
    .bind(limit)
}

/// A page of sessions, newest first, as `query` filters them; `now` decides what is
/// expired. Asks for one more than the limit so the caller knows whether a next page exists.
pub fn list(query: &SessionListQuery, now: &str) -> Statement {
    let mut f = Conditions::default();
    if let Some((created, id)) = &query.after {
        f.add(
            "(created_at, id) < (?, ?)",
            vec![Param::from(created), Param::from(id)],
        );
    }
    match query.expired {
        Some(true) => f.add("expires_at <= ?", vec![Param::from(now)]),
        Some(false) => f.add("expires_at > ?", vec![Param::from(now)]),
        None => {}
    }
    if let Some(lab) = &query.lab_id {
        f.add("labId = ?", vec![Param::from(lab)]);
    }
    if let Some(group) = &query.lab_group_id {
        f.add("labGroupID = ?", vec![Param::from(group)]);
    }
    if let Some(before) = &query.created_before {
        f.add("created_at < ?", vec![Param::from(before)]);
    }
    if let Some(after) = &query.created_after {
        f.add("created_at > ?", vec![Param::from(after)]);
    }
    f.statement(query.limit + 1, |filter, limit| {
        format!(
            "SELECT {} FROM labs_sessions {filter} ORDER BY created_at DESC, id DESC LIMIT ?{limit}",
            *SELECT_LIST
        )
    })
}

/// Session counts at `now` (`in_10m` = now + 10 minutes).
#[derive(Debug, Clone, Deserialize)]
pub struct StatusCounts {
    /// Rows.
    pub live: u64,
    /// Expiring within 10 minutes.
    pub expiring_10m: Option<u64>,
    /// Past expiry, not yet swept.
    pub expired_waiting: Option<u64>,
    /// The oldest row's `created_at`.
    pub oldest: Option<String>,
}

/// [`StatusCounts`].
pub fn status_counts(now: &str, in_10m: &str) -> Statement {
    // Each part is an index-only read: the count walks the narrowest index, the expiry
    // ranges the expiry index, the oldest the creation index.
    Statement::new(
        "SELECT (SELECT COUNT(*) FROM labs_sessions) AS live, \
         (SELECT COUNT(*) FROM labs_sessions WHERE expires_at > ?1 AND expires_at <= ?2) AS expiring_10m, \
         (SELECT COUNT(*) FROM labs_sessions WHERE expires_at <= ?1) AS expired_waiting, \
         (SELECT MIN(created_at) FROM labs_sessions) AS oldest",
    )
    .bind(now)
    .bind(in_10m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_the_rows_fields() {
        let row: SessionRow = serde_json::from_value(serde_json::json!({
            "id": "s", "labId": "l", "labTitle": "t", "labGroupID": "g", "moduleID": "m",
            "duration": 1, "activatedAt": "a", "counterID": "c", "configId": "c",
            "workerConfigId": "w", "lab_request_id": "r", "user_id": "u", "terminal_url": "t",
            "validation": "1", "vm": "{}", "vscode_domain": null, "puku_domain": null,
            "worker_nodes": "[]", "loadBalancers": "[]", "created_at": "c", "updated_at": "u",
            "expires_at": "e", "version": 1, "detached_vm_ids": "[]"
        }))
        .unwrap();
        let Value::Object(map) = serde_json::to_value(&row).unwrap() else {
            panic!()
        };
        let fields: Vec<&str> = map.keys().map(String::as_str).collect();
        let columns: Vec<&str> = COLUMNS.iter().map(|c| c.name).collect();
        assert_eq!(fields, columns);
        assert_eq!(row_params(&row).len(), COLUMNS.len());
    }

    #[test]
    fn list_numbers_its_parameters_in_order() {
        let q = SessionListQuery {
            limit: 5,
            after: Some(("2026-01-01T00:00:00.000Z".into(), "id-9".into())),
            expired: Some(false),
            lab_id: Some("lab".into()),
            lab_group_id: None,
            created_before: None,
            created_after: None,
        };
        let s = list(&q, "now");
        assert!(s.sql.contains("(created_at, id) < (?1, ?2)"), "{}", s.sql);
        assert!(
            s.sql.contains("expires_at > ?3") && s.sql.contains("labId = ?4"),
            "{}",
            s.sql
        );
        assert!(s.sql.ends_with("LIMIT ?5"), "{}", s.sql);
        assert_eq!(s.params.len(), 5);
        assert_eq!(s.params[4], Param::Int(6));
    }
}
