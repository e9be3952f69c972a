//! Scoped API tokens: their format, how they are stored (a SHA-256, never the token), and
//! which scope each route needs.
//!
//! A token is `lab_` followed by 64 hex digits (32 random bytes from the Web Crypto random
//! source, passed in by the Worker). The prefix lets secret scanners recognise a leaked
//! token. Only its SHA-256 and a short display prefix are stored; the token is shown once.
//! `CF_WORKER_TOKEN` stays the root credential, with every scope.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::error::{ApiError, FieldProblem};
use crate::routes::Route;

/// What every minted token starts with.
pub const TOKEN_PREFIX: &str = "lab_";
/// How many characters of a token are kept for display (`lab_` + 8 hex digits).
pub const DISPLAY_PREFIX_LEN: usize = 12;
/// The longest token name.
pub const MAX_NAME_BYTES: usize = 100;
/// The longest lifetime a token may be given.
pub const MAX_EXPIRES_IN_DAYS: u32 = 3650;
/// `last_used_at` is written at most this often per token.
pub const LAST_USED_RESOLUTION_MS: i64 = 60_000;

/// What a token may do. Each scope includes the ones before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Scope {
    /// The GET routes: sessions and cleanup history (dashboards).
    Read,
    /// Read, plus creating, updating and deleting sessions (the provisioning backend).
    Write,
    /// Everything: tokens and cleanup control included (operators).
    Admin,
}

impl Scope {
    /// The scope named `name`.
    pub fn parse(name: &str) -> Option<Scope> {
        match name {
            "read" => Some(Scope::Read),
            "write" => Some(Scope::Write),
            "admin" => Some(Scope::Admin),
            _ => None,
        }
    }

    /// The name stored and sent.
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Read => "read",
            Scope::Write => "write",
            Scope::Admin => "admin",
        }
    }

    /// Whether this scope allows `route`.
    pub fn allows(self, route: &Route) -> bool {
        self >= required_scope(route)
    }
}

/// The scope `route` needs.
pub fn required_scope(route: &Route) -> Scope {
    match route {
        Route::Root | Route::Health | Route::OpenApi => Scope::Read,
        Route::GetSession(_)
        | Route::ListSessions
        | Route::ListHistory
        | Route::Status
        | Route::Metrics
        | Route::GetHistory(_)
        | Route::ListCleanupRuns
        | Route::GetCleanupRun(_)
        | Route::ListCleanupQueue => Scope::Read,
        Route::CreateSession | Route::UpdateSession(_) | Route::DeleteSession(_) => Scope::Write,
        Route::RunCleanup
        | Route::RetryCleanupItem(_)
        | Route::RetryDeadCleanupItems
        | Route::SetDevClock
        | Route::CreateToken
        | Route::ListTokens
        | Route::RevokeToken(_) => Scope::Admin,
    }
}

/// A freshly minted token: the secret (shown once) and what is stored.
#[derive(Clone, PartialEq, Eq)]
pub struct MintedToken {
    /// The token itself.
    pub secret: String,
    /// Its SHA-256, hex: the only form stored.
    pub hash: String,
    /// The first characters, for lists and logs.
    pub display_prefix: String,
}

impl std::fmt::Debug for MintedToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MintedToken")
            .field("display_prefix", &self.display_prefix)
            .finish_non_exhaustive()
    }
}

/// Makes a token from 32 random bytes.
pub fn mint(random: [u8; 32]) -> MintedToken {
    let secret = format!("{TOKEN_PREFIX}{}", hex(&random));
    MintedToken {
        hash: hash(&secret),
        display_prefix: secret[..DISPLAY_PREFIX_LEN].to_owned(),
        secret,
    }
}

/// The SHA-256 of a presented token, hex: what the lookup compares.
pub fn hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

/// Whether `token` has the shape of a minted token (so it is worth a lookup).
pub fn looks_minted(token: &str) -> bool {
    token.len() == TOKEN_PREFIX.len() + 64
        && token.starts_with(TOKEN_PREFIX)
        && token[TOKEN_PREFIX.len()..]
            .bytes()
            .all(|b| b.is_ascii_hexdigit())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A checked `POST /api/v1/tokens` body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewToken {
    /// What the token is for, e.g. `grafana-dashboard`.
    pub name: String,
    /// What it may do.
    pub scope: Scope,
    /// Days until it stops working, if it should.
    pub expires_in_days: Option<u32>,
}

/// Checks a create-token body: `{name, scope, expires_in_days?}`.
pub fn parse_new_token(body: Option<&Value>) -> Result<NewToken, ApiError> {
    let Some(Value::Object(obj)) = body else {
        return Err(ApiError::validation(
            "Request body must be a JSON object",
            vec![FieldProblem::new(
                "body",
                "must be a JSON object with name and scope",
            )],
        ));
    };
    let mut problems = Vec::new();
    let name = match obj.get("name") {
        Some(Value::String(n))
            if !n.trim().is_empty()
                && n.len() <= MAX_NAME_BYTES
                && !n.chars().any(char::is_control) =>
        {
            Some(n.trim().to_owned())
        }
        _ => {
            problems.push(FieldProblem::new(
                "name",
                "must be a non-empty string of at most 100 bytes",
            ));
            None
        }
    };
    let scope = obj
        .get("scope")
        .and_then(Value::as_str)
        .and_then(Scope::parse);
    if scope.is_none() {
        problems.push(FieldProblem::new(
            "scope",
            "must be one of read, write, admin",
        ));
    }
    let expires_in_days = match obj.get("expires_in_days") {
        None | Some(Value::Null) => Some(None),
        Some(v) => match crate::validation::whole_number(v)
            .filter(|d| (1..=i64::from(MAX_EXPIRES_IN_DAYS)).contains(d))
        {
            Some(d) => Some(Some(d as u32)),
            None => {
                problems.push(FieldProblem::new(
                    "expires_in_days",
                    "must be a whole number of days from 1 to 3650",
                ));
                None
            }
        },
    };
    match (name, scope, expires_in_days) {
        (Some(name), Some(scope), Some(expires_in_days)) if problems.is_empty() => Ok(NewToken {
            name,
            scope,
            expires_in_days,
        }),
        _ => {
            let listed: Vec<String> = problems
                .iter()
                .map(|p| format!("{} {}", p.field, p.problem))
                .collect();
            Err(ApiError::validation(
                format!("Invalid fields: {}", listed.join("; ")),
                problems,
            ))
        }
    }
}

/// A token as `GET /api/v1/tokens` lists it: never the secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TokenInfo {
    /// The token's id (what `DELETE /api/v1/tokens/:id` takes).
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its scope.
    pub scope: Scope,
    /// The first characters of the token, e.g. `lab_3f9a0c1d`.
    pub prefix: String,
    /// When it was minted.
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub created_at: String,
    /// When it stops working, if ever.
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub expires_at: Option<String>,
    /// When it was last used (to the minute).
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub last_used_at: Option<String>,
    /// When it was revoked, if it was.
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub revoked_at: Option<String>,
}

/// The `data` of `POST /api/v1/tokens`: the token's record and, this once, the token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreatedToken {
    /// The stored record.
    #[serde(flatten)]
    pub info: TokenInfo,
    /// The token itself (`lab_` + 64 hex digits). It is never shown again.
    pub token: String,
}

/// The `data` of `GET /api/v1/tokens`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TokenList {
    /// Every token, newest first, without secrets.
    pub tokens: Vec<TokenInfo>,
}

/// The `data` of `DELETE /api/v1/tokens/:id`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RevokedToken {
    /// The token's id.
    pub id: String,
    /// Always `true`.
    pub revoked: bool,
    /// When it was revoked (the first time, when revoked twice).
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub revoked_at: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn minted_tokens_have_the_prefix_and_only_their_hash_is_kept() {
        let t = mint([0xab; 32]);
        assert!(t.secret.starts_with("lab_"));
        assert_eq!(t.secret.len(), 4 + 64);
        assert!(looks_minted(&t.secret));
        assert_eq!(t.display_prefix, "lab_abababab");
        assert_eq!(t.hash, hash(&t.secret));
        assert_eq!(t.hash.len(), 64);
        assert!(!t.hash.contains(&t.secret[4..]));
        assert!(
            !format!("{t:?}").contains(&t.secret),
            "Debug hides the secret"
        );
        assert_ne!(mint([1; 32]).secret, mint([2; 32]).secret);
    }

    #[test]
    fn sha256_matches_a_known_vector() {
        assert_eq!(
            hash("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn only_minted_shapes_are_looked_up() {
        assert!(!looks_minted("lab_short"));
        assert!(!looks_minted(&format!("xyz_{}", "a".repeat(64))));
        assert!(!looks_minted(&format!("lab_{}", "g".repeat(64))));
    }

    #[test]
    fn scopes_nest() {
        let get = Route::GetSession("u".into());
        let create = Route::CreateSession;
        for (scope, reads, writes, admins) in [
            (Scope::Read, true, false, false),
            (Scope::Write, true, true, false),
            (Scope::Admin, true, true, true),
        ] {
            assert_eq!(scope.allows(&get), reads);
            assert_eq!(scope.allows(&Route::ListCleanupRuns), reads);
            assert_eq!(scope.allows(&create), writes);
            assert_eq!(scope.allows(&Route::DeleteSession("u".into())), writes);
            assert_eq!(scope.allows(&Route::RunCleanup), admins);
            assert_eq!(scope.allows(&Route::CreateToken), admins);
            assert_eq!(
                scope.allows(&Route::ListTokens),
                admins,
                "token lists are admin even though GET"
            );
        }
    }

    #[test]
    fn new_token_bodies() {
        let ok = parse_new_token(Some(
            &json!({"name": " grafana ", "scope": "read", "expires_in_days": 30}),
        ))
        .unwrap();
        assert_eq!(
            ok,
            NewToken {
                name: "grafana".into(),
                scope: Scope::Read,
                expires_in_days: Some(30)
            }
        );
        assert_eq!(
            parse_new_token(Some(&json!({"name": "x", "scope": "admin"})))
                .unwrap()
                .expires_in_days,
            None
        );
        for (body, field) in [
            (json!({"scope": "read"}), "name"),
            (json!({"name": "", "scope": "read"}), "name"),
            (json!({"name": "x", "scope": "root"}), "scope"),
            (
                json!({"name": "x", "scope": "read", "expires_in_days": 0}),
                "expires_in_days",
            ),
            (
                json!({"name": "x", "scope": "read", "expires_in_days": 1.5}),
                "expires_in_days",
            ),
            (json!({"name": "x".repeat(101), "scope": "read"}), "name"),
        ] {
            let err = parse_new_token(Some(&body)).unwrap_err();
            assert_eq!(err.details[0].field, field, "{body}");
        }
        assert!(parse_new_token(None).is_err());
    }
}
