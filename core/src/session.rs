//! The session: wire types as clients send and receive them, and the rules that change one.
//!
//! Field names are the contract's, mixed camelCase and snake_case, because existing clients
//! depend on them. Request bodies are checked by [`crate::validation`], which is the only way
//! to build a [`NewSession`] or a [`SessionUpdate`] from JSON.

use serde::{Deserialize, Serialize};

use crate::time::Timestamp;

/// The longest lab the service accepts, in minutes (one year). Longer durations are refused
/// rather than stored, so `expires_at` always fits the fixed-width timestamp form.
pub const MAX_DURATION_MINUTES: u32 = 525_600;
/// The most bytes a `user_id` may have.
pub const MAX_USER_ID_BYTES: usize = 256;

/// A user id: non-empty, at most [`MAX_USER_ID_BYTES`], no control characters.
///
/// Any such id is reachable through every route once percent-encoded as one path segment,
/// including ids holding `/`, spaces or non-ASCII letters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct UserId(String);

impl UserId {
    /// Checks `raw`, returning the problem as a phrase when it is not a valid user id.
    pub fn parse(raw: &str) -> Result<UserId, &'static str> {
        if raw.is_empty() {
            Err("must not be empty")
        } else if raw.len() > MAX_USER_ID_BYTES {
            Err("must be at most 256 bytes")
        } else if raw.chars().any(char::is_control) {
            Err("must not contain control characters")
        } else if raw == "." || raw == ".." {
            // URL normalisation removes `.` and `..` path segments, so such a session could
            // never be read, updated or deleted.
            Err("must not be \".\" or \"..\" (URLs cannot address them)")
        } else {
            Ok(UserId(raw.to_owned()))
        }
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for UserId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A lab's length in whole minutes, from 1 to [`MAX_DURATION_MINUTES`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct Minutes(u32);

impl Minutes {
    /// `minutes`, if it is a valid duration.
    pub fn new(minutes: u64) -> Option<Minutes> {
        (1..=u64::from(MAX_DURATION_MINUTES))
            .contains(&minutes)
            .then_some(Minutes(minutes as u32))
    }

    /// The number of minutes.
    pub fn get(self) -> u32 {
        self.0
    }
}

/// The master VM of a lab.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Vm {
    /// The VM's name.
    #[cfg_attr(feature = "openapi", schema(max_length = 256))]
    pub name: String,
    /// The network it is attached to.
    #[cfg_attr(feature = "openapi", schema(max_length = 256))]
    pub network_id: String,
    /// Its address on the Netbird overlay.
    #[cfg_attr(feature = "openapi", schema(max_length = 256))]
    pub netbird_ip: String,
}

/// A worker node of a multi-node (k3s) lab; its VM is deleted with the lab.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WorkerNode {
    /// The node's name.
    #[cfg_attr(feature = "openapi", schema(max_length = 256))]
    pub name: String,
    /// The provisioning request id of the node's VM: what the backend deletes it by.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 256))]
    pub worker_lab_request_id: String,
    /// The network it is attached to.
    #[cfg_attr(feature = "openapi", schema(max_length = 256))]
    pub network_id: String,
    /// Its address on the Netbird overlay.
    #[cfg_attr(feature = "openapi", schema(max_length = 256))]
    pub netbird_ip: String,
}

/// A load balancer exposing a port of the lab.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LoadBalancer {
    /// The load balancer's id.
    #[cfg_attr(feature = "openapi", schema(max_length = 256))]
    pub id: String,
    /// The public domain it answers on.
    #[cfg_attr(feature = "openapi", schema(max_length = 2048))]
    pub domain: String,
    /// The port, as a string (as the contract has it).
    #[cfg_attr(feature = "openapi", schema(max_length = 256))]
    pub port: String,
}

/// A checked create request. Built only by [`crate::validation::parse_new_session`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSession {
    /// The session id the client chose, if any.
    pub id: Option<String>,
    /// `labId`.
    pub lab_id: String,
    /// `labTitle`.
    pub lab_title: String,
    /// `labGroupID`.
    pub lab_group_id: String,
    /// `moduleID`.
    pub module_id: String,
    /// `duration`.
    pub duration: Minutes,
    /// `activatedAt`, as the client sent it (a valid RFC 3339 timestamp).
    pub activated_at: String,
    /// `counterID`.
    pub counter_id: String,
    /// `configId`.
    pub config_id: String,
    /// `workerConfigId`.
    pub worker_config_id: String,
    /// The master VM's provisioning request id.
    pub lab_request_id: String,
    /// The learner.
    pub user_id: UserId,
    /// `terminal_url`.
    pub terminal_url: String,
    /// `validation`: a client timestamp in ms; 64-bit, kept exact.
    pub validation: i64,
    /// The master VM.
    pub vm: Vm,
    /// `vscode_domain`.
    pub vscode_domain: Option<String>,
    /// `puku_domain`.
    pub puku_domain: Option<String>,
    /// Worker nodes (empty for a single-VM lab).
    pub worker_nodes: Vec<WorkerNode>,
    /// `loadBalancers`.
    pub load_balancers: Vec<LoadBalancer>,
}

impl NewSession {
    /// The session as stored and returned once created at `now` under `id`.
    pub fn into_session(self, id: String, now: Timestamp) -> Session {
        let expires_at = expiry(now, self.duration);
        Session {
            id,
            lab_id: self.lab_id,
            lab_title: self.lab_title,
            lab_group_id: self.lab_group_id,
            module_id: self.module_id,
            duration: self.duration.get(),
            activated_at: self.activated_at,
            counter_id: self.counter_id,
            config_id: self.config_id,
            worker_config_id: self.worker_config_id,
            lab_request_id: self.lab_request_id,
            user_id: self.user_id.0,
            terminal_url: self.terminal_url,
            validation: self.validation,
            vm: self.vm,
            vscode_domain: self.vscode_domain,
            puku_domain: self.puku_domain,
            worker_nodes: self.worker_nodes,
            load_balancers: self.load_balancers,
            created_at: now.to_iso(),
            updated_at: now.to_iso(),
            expires_at: expires_at.to_iso(),
        }
    }
}

/// A session as stored and as every response returns it.
///
/// Fields serialize in the contract's order, then `created_at`, `updated_at`, `expires_at`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Session {
    /// The session id (a UUID unless the client chose one).
    pub id: String,
    /// `labId`.
    #[serde(rename = "labId")]
    pub lab_id: String,
    /// `labTitle`.
    #[serde(rename = "labTitle")]
    pub lab_title: String,
    /// `labGroupID`.
    #[serde(rename = "labGroupID")]
    pub lab_group_id: String,
    /// `moduleID`.
    #[serde(rename = "moduleID")]
    pub module_id: String,
    /// Minutes from `created_at` to `expires_at`.
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 525_600))]
    pub duration: u32,
    /// `activatedAt`.
    #[serde(rename = "activatedAt")]
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub activated_at: String,
    /// `counterID`.
    #[serde(rename = "counterID")]
    pub counter_id: String,
    /// `configId`.
    #[serde(rename = "configId")]
    pub config_id: String,
    /// `workerConfigId`.
    #[serde(rename = "workerConfigId")]
    pub worker_config_id: String,
    /// The master VM's provisioning request id.
    pub lab_request_id: String,
    /// The learner.
    pub user_id: String,
    /// `terminal_url`.
    pub terminal_url: String,
    /// `validation`, exact to 64 bits.
    #[cfg_attr(
        feature = "openapi",
        schema(minimum = 0, maximum = 9_223_372_036_854_775_807_i64)
    )]
    pub validation: i64,
    /// The master VM.
    pub vm: Vm,
    /// `vscode_domain`, `null` when unset.
    pub vscode_domain: Option<String>,
    /// `puku_domain`, `null` when unset.
    pub puku_domain: Option<String>,
    /// Worker nodes, `[]` for a single-VM lab.
    pub worker_nodes: Vec<WorkerNode>,
    /// Load balancers, `[]` when none.
    #[serde(rename = "loadBalancers")]
    pub load_balancers: Vec<LoadBalancer>,
    /// When the session was created (fixed-width ISO 8601).
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub created_at: String,
    /// When it last changed.
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub updated_at: String,
    /// When it expires: `created_at` + `duration` minutes.
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub expires_at: String,
}

impl Session {
    /// Every distinct VM provisioning request id of this lab: the master's first, then each
    /// worker's, in order. These are what cleanup must see deleted.
    pub fn vm_ids(&self) -> Vec<String> {
        let mut ids = vec![self.lab_request_id.clone()];
        for node in &self.worker_nodes {
            if !ids.contains(&node.worker_lab_request_id) {
                ids.push(node.worker_lab_request_id.clone());
            }
        }
        ids
    }

    /// The session after `update` at `now`, and the worker VM ids the update dropped.
    ///
    /// `worker_nodes` and `loadBalancers` replace the stored lists, as the original did. A
    /// worker VM id that the new list no longer holds is returned so the caller keeps it for
    /// cleanup: dropping a node from the list must never make its VM unreachable for deletion.
    pub fn apply(
        &self,
        update: &SessionUpdate,
        now: Timestamp,
    ) -> Result<(Session, Vec<String>), ExpiryOutOfRange> {
        let mut next = self.clone();
        let mut dropped = Vec::new();
        if let Some(nodes) = &update.worker_nodes {
            for old in &self.worker_nodes {
                let id = &old.worker_lab_request_id;
                let kept = nodes.iter().any(|n| &n.worker_lab_request_id == id);
                if !kept && id != &self.lab_request_id && !dropped.contains(id) {
                    dropped.push(id.clone());
                }
            }
            next.worker_nodes = nodes.clone();
        }
        if let Some(lbs) = &update.load_balancers {
            next.load_balancers = lbs.clone();
        }
        if let Some(domain) = &update.vscode_domain {
            next.vscode_domain = domain.clone();
        }
        if let Some(domain) = &update.puku_domain {
            next.puku_domain = domain.clone();
        }
        if let Some(url) = &update.terminal_url {
            next.terminal_url = url.clone();
        }
        if let Some(duration) = update.duration {
            next.duration = duration.get();
            let created = Timestamp::parse(&self.created_at).ok_or(ExpiryOutOfRange)?;
            next.expires_at = expiry(created, duration).to_iso();
        }
        next.updated_at = now.to_iso();
        Ok((next, dropped))
    }
}

/// The `data` of `GET /api/v1/labs/sessions`: one page of sessions, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SessionPage {
    /// The sessions of this page.
    pub sessions: Vec<Session>,
    /// Pass as `cursor` for the next page; `null` on the last page.
    pub next_cursor: Option<String>,
}

/// The `data` of `DELETE /api/v1/labs/sessions/:user_id`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DeletedSession {
    /// The user whose session ended.
    pub user_id: String,
    /// Always `true`.
    pub deleted: bool,
}

/// A stored `created_at` that cannot be read back as a timestamp (a corrupt row).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the stored created_at is not a timestamp")]
pub struct ExpiryOutOfRange;

/// When a session created at `created` with `duration` expires.
///
/// Never out of range: durations are at most a year and stored instants are checked.
pub fn expiry(created: Timestamp, duration: Minutes) -> Timestamp {
    created
        .plus_minutes(i64::from(duration.get()))
        .unwrap_or(Timestamp::MAX)
}

/// A checked update: each field present in the body, and nothing else.
/// Built only by [`crate::validation::parse_update`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SessionUpdate {
    /// New worker node list.
    pub worker_nodes: Option<Vec<WorkerNode>>,
    /// New load balancer list.
    pub load_balancers: Option<Vec<LoadBalancer>>,
    /// New `vscode_domain`; `Some(None)` clears it.
    pub vscode_domain: Option<Option<String>>,
    /// New `puku_domain`; `Some(None)` clears it.
    pub puku_domain: Option<Option<String>>,
    /// New `terminal_url`.
    pub terminal_url: Option<String>,
    /// New duration, which moves `expires_at`.
    pub duration: Option<Minutes>,
}

/// The names of the fields an update may change, in the contract's order.
pub const UPDATABLE_FIELDS: [&str; 6] = [
    "worker_nodes",
    "loadBalancers",
    "vscode_domain",
    "puku_domain",
    "terminal_url",
    "duration",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn node(id: &str) -> WorkerNode {
        WorkerNode {
            name: format!("node-{id}"),
            worker_lab_request_id: id.into(),
            network_id: "net".into(),
            netbird_ip: "100.64.0.1".into(),
        }
    }

    fn session() -> Session {
        let vm = Vm {
            name: "m".into(),
            network_id: "n".into(),
            netbird_ip: "ip".into(),
        };
        Session {
            id: "s1".into(),
            lab_id: "lab".into(),
            lab_title: "Lab".into(),
            lab_group_id: "g".into(),
            module_id: "m".into(),
            duration: 60,
            activated_at: "2026-11-20T10:00:00.000Z".into(),
            counter_id: "c".into(),
            config_id: "cfg".into(),
            worker_config_id: "wcfg".into(),
            lab_request_id: "master".into(),
            user_id: "u1".into(),
            terminal_url: "https://t".into(),
            validation: 1_795_168_800_000,
            vm,
            vscode_domain: None,
            puku_domain: None,
            worker_nodes: vec![node("w1"), node("w2")],
            load_balancers: vec![],
            created_at: "2026-11-20T10:00:00.000Z".into(),
            updated_at: "2026-11-20T10:00:00.000Z".into(),
            expires_at: "2026-11-20T11:00:00.000Z".into(),
        }
    }

    fn at(iso: &str) -> Timestamp {
        Timestamp::parse(iso).unwrap()
    }

    #[test]
    fn user_id_rules() {
        assert!(UserId::parse("user-1001").is_ok());
        assert!(UserId::parse(".").is_err());
        assert!(UserId::parse("..").is_err());
        assert!(UserId::parse("...").is_ok());
        assert!(UserId::parse(".hidden").is_ok());
        assert!(UserId::parse("a/b c/élève/ユーザー").is_ok());
        assert!(
            UserId::parse("../../etc/passwd").is_ok(),
            "reachable when encoded, so allowed"
        );
        assert!(UserId::parse("'; DROP TABLE labs_sessions; --").is_ok());
        assert_eq!(UserId::parse(""), Err("must not be empty"));
        assert_eq!(
            UserId::parse("a\nb"),
            Err("must not contain control characters")
        );
        assert_eq!(
            UserId::parse("a\u{0}b"),
            Err("must not contain control characters")
        );
        assert!(UserId::parse(&"x".repeat(256)).is_ok());
        assert_eq!(
            UserId::parse(&"x".repeat(257)),
            Err("must be at most 256 bytes")
        );
    }

    #[test]
    fn minutes_bounds() {
        assert_eq!(Minutes::new(0), None);
        assert_eq!(Minutes::new(1).map(Minutes::get), Some(1));
        assert_eq!(Minutes::new(525_600).map(Minutes::get), Some(525_600));
        assert_eq!(Minutes::new(525_601), None);
    }

    #[test]
    fn vm_ids_are_distinct_master_first() {
        let mut s = session();
        s.worker_nodes.push(node("w1"));
        s.worker_nodes.push(node("master"));
        assert_eq!(s.vm_ids(), ["master", "w1", "w2"]);
    }

    #[test]
    fn duration_update_moves_expiry_from_created_at() {
        let s = session();
        let update = SessionUpdate {
            duration: Minutes::new(120),
            ..Default::default()
        };
        let (next, dropped) = s.apply(&update, at("2026-11-20T10:30:00.000Z")).unwrap();
        assert_eq!(next.duration, 120);
        assert_eq!(next.expires_at, "2026-11-20T12:00:00.000Z");
        assert_eq!(next.updated_at, "2026-11-20T10:30:00.000Z");
        assert_eq!(next.created_at, s.created_at);
        assert!(dropped.is_empty());
    }

    #[test]
    fn update_without_duration_keeps_expiry() {
        let s = session();
        let update = SessionUpdate {
            terminal_url: Some("https://t2".into()),
            ..Default::default()
        };
        let (next, _) = s.apply(&update, at("2026-11-20T10:30:00.000Z")).unwrap();
        assert_eq!(next.terminal_url, "https://t2");
        assert_eq!(next.expires_at, s.expires_at);
    }

    #[test]
    fn replacing_workers_reports_dropped_vm_ids() {
        let s = session();
        let update = SessionUpdate {
            worker_nodes: Some(vec![node("w2"), node("w3")]),
            ..Default::default()
        };
        let (next, dropped) = s.apply(&update, at("2026-11-20T10:30:00.000Z")).unwrap();
        assert_eq!(next.worker_nodes, vec![node("w2"), node("w3")]);
        assert_eq!(dropped, ["w1"]);
    }

    #[test]
    fn domains_can_be_cleared() {
        let mut s = session();
        s.vscode_domain = Some("v.example.com".into());
        let update = SessionUpdate {
            vscode_domain: Some(None),
            ..Default::default()
        };
        let (next, _) = s.apply(&update, at("2026-11-20T10:30:00.000Z")).unwrap();
        assert_eq!(next.vscode_domain, None);
    }

    #[test]
    fn session_json_has_contract_names_and_order() {
        let json = serde_json::to_string(&session()).unwrap();
        let keys: Vec<&str> = [
            "\"id\"",
            "\"labId\"",
            "\"labTitle\"",
            "\"labGroupID\"",
            "\"moduleID\"",
            "\"duration\"",
            "\"activatedAt\"",
            "\"counterID\"",
            "\"configId\"",
            "\"workerConfigId\"",
            "\"lab_request_id\"",
            "\"user_id\"",
            "\"terminal_url\"",
            "\"validation\"",
            "\"vm\"",
            "\"vscode_domain\"",
            "\"puku_domain\"",
            "\"worker_nodes\"",
            "\"loadBalancers\"",
            "\"created_at\"",
            "\"updated_at\"",
            "\"expires_at\"",
        ]
        .to_vec();
        let positions: Vec<usize> = keys
            .iter()
            .map(|k| json.find(k).unwrap_or_else(|| panic!("{k} missing")))
            .collect();
        assert!(positions.windows(2).all(|w| w[0] < w[1]), "{json}");
        assert!(json.contains("\"validation\":1795168800000"));
        assert!(json.contains("\"vscode_domain\":null"));
    }
}
