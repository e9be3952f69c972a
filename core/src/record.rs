//! How a session is laid out in its D1 row, and back.
//!
//! The row keeps the seed's column names. `vm`, `worker_nodes`, `loadBalancers` and
//! `detached_vm_ids` are JSON text; `validation` travels as decimal text because D1 binds
//! numbers as JavaScript doubles, which cannot hold every 64-bit value (the Worker selects it
//! with `CAST(validation AS TEXT)`). `version` counts writes, for optimistic updates.

use serde::{Deserialize, Serialize};

use crate::session::Session;

/// A `labs_sessions` row as D1 returns it, every value as the SELECT gives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[allow(non_snake_case, missing_docs)]
pub struct SessionRow {
    pub id: String,
    pub labId: String,
    pub labTitle: String,
    pub labGroupID: String,
    pub moduleID: String,
    pub duration: u32,
    pub activatedAt: String,
    pub counterID: String,
    pub configId: String,
    pub workerConfigId: String,
    pub lab_request_id: String,
    pub user_id: String,
    pub terminal_url: String,
    /// Decimal text of the 64-bit value.
    pub validation: String,
    /// JSON object.
    pub vm: String,
    pub vscode_domain: Option<String>,
    pub puku_domain: Option<String>,
    /// JSON array.
    pub worker_nodes: String,
    /// JSON array.
    pub loadBalancers: String,
    pub created_at: String,
    pub updated_at: String,
    pub expires_at: String,
    /// Bumped on every write; updates are conditional on it.
    pub version: u32,
    /// JSON array of worker VM ids dropped from `worker_nodes` by updates, kept for cleanup.
    pub detached_vm_ids: String,
}

/// A session with the bookkeeping its row carries besides the wire fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredSession {
    /// The session as the API returns it.
    pub session: Session,
    /// The row's write counter.
    pub version: u32,
    /// Worker VM ids no longer listed but not yet deleted.
    pub detached_vm_ids: Vec<String>,
}

/// A row that does not decode: a column holds text that is not what was written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("stored session row is corrupt: column {column}: {reason}")]
pub struct CorruptRow {
    /// The column.
    pub column: &'static str,
    /// Why it does not decode.
    pub reason: String,
}

fn json_column<T: for<'de> Deserialize<'de>>(
    column: &'static str,
    text: &str,
) -> Result<T, CorruptRow> {
    serde_json::from_str(text).map_err(|e| CorruptRow {
        column,
        reason: e.to_string(),
    })
}

impl TryFrom<SessionRow> for StoredSession {
    type Error = CorruptRow;

    fn try_from(row: SessionRow) -> Result<StoredSession, CorruptRow> {
        let validation = row.validation.parse::<i64>().map_err(|e| CorruptRow {
            column: "validation",
            reason: e.to_string(),
        })?;
        let session = Session {
            id: row.id,
            lab_id: row.labId,
            lab_title: row.labTitle,
            lab_group_id: row.labGroupID,
            module_id: row.moduleID,
            duration: row.duration,
            activated_at: row.activatedAt,
            counter_id: row.counterID,
            config_id: row.configId,
            worker_config_id: row.workerConfigId,
            lab_request_id: row.lab_request_id,
            user_id: row.user_id,
            terminal_url: row.terminal_url,
            validation,
            vm: json_column("vm", &row.vm)?,
            vscode_domain: row.vscode_domain,
            puku_domain: row.puku_domain,
            worker_nodes: json_column("worker_nodes", &row.worker_nodes)?,
            load_balancers: json_column("loadBalancers", &row.loadBalancers)?,
            created_at: row.created_at,
            updated_at: row.updated_at,
            expires_at: row.expires_at,
        };
        Ok(StoredSession {
            session,
            version: row.version,
            detached_vm_ids: json_column("detached_vm_ids", &row.detached_vm_ids)?,
        })
    }
}

impl StoredSession {
    /// The row that stores this session.
    pub fn to_row(&self) -> SessionRow {
        let s = &self.session;
        SessionRow {
            id: s.id.clone(),
            labId: s.lab_id.clone(),
            labTitle: s.lab_title.clone(),
            labGroupID: s.lab_group_id.clone(),
            moduleID: s.module_id.clone(),
            duration: s.duration,
            activatedAt: s.activated_at.clone(),
            counterID: s.counter_id.clone(),
            configId: s.config_id.clone(),
            workerConfigId: s.worker_config_id.clone(),
            lab_request_id: s.lab_request_id.clone(),
            user_id: s.user_id.clone(),
            terminal_url: s.terminal_url.clone(),
            validation: s.validation.to_string(),
            vm: to_json(&s.vm),
            vscode_domain: s.vscode_domain.clone(),
            puku_domain: s.puku_domain.clone(),
            worker_nodes: to_json(&s.worker_nodes),
            loadBalancers: to_json(&s.load_balancers),
            created_at: s.created_at.clone(),
            updated_at: s.updated_at.clone(),
            expires_at: s.expires_at.clone(),
            version: self.version,
            detached_vm_ids: to_json(&self.detached_vm_ids),
        }
    }
}

/// A column value as JSON text.
fn to_json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("column values always serialize")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::Timestamp;
    use crate::validation::parse_new_session;

    fn stored() -> StoredSession {
        let body: serde_json::Value =
            serde_json::from_str(include_str!("../tests/fixtures/create-multinode.json")).unwrap();
        let mut new = parse_new_session(&body).unwrap();
        new.validation = 9_007_199_254_740_993;
        let now = Timestamp::parse("2026-11-20T11:30:00.000Z").unwrap();
        StoredSession {
            session: new.into_session("s-1".into(), now),
            version: 3,
            detached_vm_ids: vec!["w-old".into()],
        }
    }

    #[test]
    fn row_round_trips_exactly() {
        let s = stored();
        let row = s.to_row();
        assert_eq!(row.validation, "9007199254740993");
        assert!(row.worker_nodes.starts_with('['));
        assert_eq!(StoredSession::try_from(row).unwrap(), s);
    }

    #[test]
    fn corrupt_columns_are_named() {
        let mut row = stored().to_row();
        row.vm = "{not json".into();
        assert_eq!(StoredSession::try_from(row).unwrap_err().column, "vm");
        let mut row = stored().to_row();
        row.validation = "12.5".into();
        assert_eq!(
            StoredSession::try_from(row).unwrap_err().column,
            "validation"
        );
    }
}
