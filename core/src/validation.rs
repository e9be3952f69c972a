//! Checking request bodies: JSON in, a [`NewSession`] or [`SessionUpdate`] out, or a 400 that
//! names every offending field.
//!
//! This is the one place request JSON becomes domain values. Bodies are walked as
//! [`serde_json::Value`] rather than derived, so that every problem is reported at once and
//! by its full path (`vm.name`, `worker_nodes[1].worker_lab_request_id`), and so that a
//! missing field gets the contract's own message. Unknown fields are ignored.

use serde_json::{Map, Value};

use crate::error::{ApiError, FieldProblem, MSG_EMPTY_BODY, MSG_NO_VALID_FIELDS};
use crate::session::{
    LoadBalancer, Minutes, NewSession, SessionUpdate, UPDATABLE_FIELDS, UserId, Vm, WorkerNode,
};
use crate::time::Timestamp;

/// The most bytes an id field (`id`, `labId`, VM request ids, ...) may have.
pub const MAX_ID_BYTES: usize = 256;
/// The most bytes any other string field may have.
pub const MAX_TEXT_BYTES: usize = 2048;
/// The most worker nodes one lab may list.
pub const MAX_WORKER_NODES: usize = 64;
/// The most load balancers one lab may list.
pub const MAX_LOAD_BALANCERS: usize = 64;

/// A JSON number with no fractional part: `60` or `60.0` (JavaScript clients cannot tell
/// them apart, and JSON Schema's `integer` accepts both). A float is accepted only up to
/// 2^53, where every whole number is still exact, so no digit is silently rounded away.
pub fn whole_number(v: &Value) -> Option<i64> {
    const EXACT: f64 = 9_007_199_254_740_992.0; // 2^53
    match v {
        Value::Number(n) => n.as_i64().or_else(|| {
            n.as_f64()
                .filter(|f| f.fract() == 0.0 && f.abs() <= EXACT)
                .map(|f| f as i64)
        }),
        _ => None,
    }
}

/// Parses a request body's text as JSON; `None` for an empty (or all-whitespace) body.
pub fn parse_json_body(body: &str) -> Result<Option<Value>, ApiError> {
    if body.trim().is_empty() {
        return Ok(None);
    }
    serde_json::from_str(body)
        .map(Some)
        .map_err(|_| ApiError::invalid_json())
}

/// Checks a create body.
///
/// Missing required fields give the contract's `Missing required fields: a, b` (every missing
/// field, in the contract's order); other problems give `Invalid fields: ...`. Either way
/// `details` lists every problem found.
pub fn parse_new_session(body: &Value) -> Result<NewSession, ApiError> {
    let Some(obj) = body.as_object() else {
        return Err(not_an_object());
    };
    let mut c = Checker::default();
    let id = c.optional_id(obj, "id");
    let lab_id = c.required_text(obj, "labId", MAX_ID_BYTES);
    let lab_title = c.required_text(obj, "labTitle", MAX_TEXT_BYTES);
    let lab_group_id = c.required_text(obj, "labGroupID", MAX_ID_BYTES);
    let module_id = c.required_text(obj, "moduleID", MAX_ID_BYTES);
    let duration = c
        .required(obj, "duration")
        .and_then(|v| c.duration(v, "duration"));
    let activated_at = c
        .required(obj, "activatedAt")
        .and_then(|v| c.timestamp(v, "activatedAt"));
    let counter_id = c.required_text(obj, "counterID", MAX_ID_BYTES);
    let config_id = c.required_text(obj, "configId", MAX_ID_BYTES);
    let worker_config_id = c.required_text(obj, "workerConfigId", MAX_ID_BYTES);
    let lab_request_id = c.required_text(obj, "lab_request_id", MAX_ID_BYTES);
    let user_id = c.required(obj, "user_id").and_then(|v| c.user_id(v));
    let terminal_url = c.required_text(obj, "terminal_url", MAX_TEXT_BYTES);
    let validation = c
        .required(obj, "validation")
        .and_then(|v| c.millis(v, "validation"));
    let vm = c.required(obj, "vm").and_then(|v| c.vm(v));
    let vscode_domain = c.optional_text(obj, "vscode_domain");
    let puku_domain = c.optional_text(obj, "puku_domain");
    let worker_nodes = match obj.get("worker_nodes") {
        None | Some(Value::Null) => Some(Vec::new()),
        Some(v) => c.worker_nodes(v),
    };
    let load_balancers = match obj.get("loadBalancers") {
        None | Some(Value::Null) => Some(Vec::new()),
        Some(v) => c.load_balancers(v),
    };
    c.finish()?;
    // `finish` returned Ok, so every required value above is present.
    Ok(NewSession {
        id: id.flatten(),
        lab_id: lab_id.expect("checked"),
        lab_title: lab_title.expect("checked"),
        lab_group_id: lab_group_id.expect("checked"),
        module_id: module_id.expect("checked"),
        duration: duration.expect("checked"),
        activated_at: activated_at.expect("checked"),
        counter_id: counter_id.expect("checked"),
        config_id: config_id.expect("checked"),
        worker_config_id: worker_config_id.expect("checked"),
        lab_request_id: lab_request_id.expect("checked"),
        user_id: user_id.expect("checked"),
        terminal_url: terminal_url.expect("checked"),
        validation: validation.expect("checked"),
        vm: vm.expect("checked"),
        vscode_domain: vscode_domain.flatten(),
        puku_domain: puku_domain.flatten(),
        worker_nodes: worker_nodes.expect("checked"),
        load_balancers: load_balancers.expect("checked"),
    })
}

/// Checks an update body (`None` when the request had no body).
///
/// No body, `null` or `{}` → `Request body cannot be empty`; an object with none of the
/// updatable fields → `No valid fields to update`; a present field of the wrong type → 400
/// naming it. `vscode_domain` and `puku_domain` may be `null` to clear them.
pub fn parse_update(body: Option<&Value>) -> Result<SessionUpdate, ApiError> {
    let obj = match body {
        None | Some(Value::Null) => return Err(empty_body()),
        Some(Value::Object(obj)) if obj.is_empty() => return Err(empty_body()),
        Some(Value::Object(obj)) => obj,
        Some(_) => return Err(not_an_object()),
    };
    if !UPDATABLE_FIELDS.iter().any(|f| obj.contains_key(*f)) {
        return Err(ApiError::validation(
            MSG_NO_VALID_FIELDS,
            vec![FieldProblem::new(
                "body",
                format!("must hold one of: {}", UPDATABLE_FIELDS.join(", ")),
            )],
        ));
    }
    let mut c = Checker::default();
    let update = SessionUpdate {
        worker_nodes: obj.get("worker_nodes").and_then(|v| c.worker_nodes(v)),
        load_balancers: obj.get("loadBalancers").and_then(|v| c.load_balancers(v)),
        vscode_domain: c.optional_text(obj, "vscode_domain"),
        puku_domain: c.optional_text(obj, "puku_domain"),
        terminal_url: obj
            .get("terminal_url")
            .and_then(|v| c.text(v, "terminal_url", MAX_TEXT_BYTES)),
        duration: obj.get("duration").and_then(|v| c.duration(v, "duration")),
    };
    c.finish()?;
    Ok(update)
}

fn empty_body() -> ApiError {
    ApiError::validation(MSG_EMPTY_BODY, vec![FieldProblem::new("body", "is empty")])
}

fn not_an_object() -> ApiError {
    ApiError::validation(
        "Request body must be a JSON object",
        vec![FieldProblem::new("body", "must be a JSON object")],
    )
}

/// How a string inside an object is checked.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Member {
    /// A short string (at most [`MAX_ID_BYTES`]), possibly empty.
    Id,
    /// A short string that must not be empty.
    NonEmptyId,
    /// A longer string (at most [`MAX_TEXT_BYTES`]).
    Text,
}

/// Collects missing fields and problems while a body is walked.
#[derive(Default)]
struct Checker {
    missing: Vec<String>,
    problems: Vec<FieldProblem>,
}

impl Checker {
    fn problem(&mut self, field: &str, problem: impl Into<String>) {
        self.problems.push(FieldProblem::new(field, problem));
    }

    /// A required top-level field: absent, `null` and `""` count as missing.
    fn required<'v>(&mut self, obj: &'v Map<String, Value>, key: &str) -> Option<&'v Value> {
        match obj.get(key) {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) if s.is_empty() => None,
            Some(v) => Some(v),
        }
        .or_else(|| {
            self.missing.push(key.to_owned());
            None
        })
    }

    fn required_text(&mut self, obj: &Map<String, Value>, key: &str, max: usize) -> Option<String> {
        self.required(obj, key).and_then(|v| self.text(v, key, max))
    }

    /// An optional string: absent → `None`, `null` → `Some(None)`.
    fn optional_text(&mut self, obj: &Map<String, Value>, key: &str) -> Option<Option<String>> {
        match obj.get(key)? {
            Value::Null => Some(None),
            v => self.text(v, key, MAX_TEXT_BYTES).map(Some),
        }
    }

    fn optional_id(&mut self, obj: &Map<String, Value>, key: &str) -> Option<Option<String>> {
        match obj.get(key)? {
            Value::Null => Some(None),
            v => {
                let id = self.text(v, key, MAX_ID_BYTES)?;
                if id.is_empty() || id.chars().any(char::is_control) {
                    self.problem(key, "must be a non-empty string without control characters");
                    return None;
                }
                Some(Some(id))
            }
        }
    }

    fn text(&mut self, v: &Value, field: &str, max: usize) -> Option<String> {
        match v {
            Value::String(s) if s.len() > max => {
                self.problem(field, format!("must be at most {max} bytes"));
                None
            }
            Value::String(s) => Some(s.clone()),
            _ => {
                self.problem(field, "must be a string");
                None
            }
        }
    }

    /// A string that must not be empty, inside an object (`vm.name`, ...).
    fn member_text(
        &mut self,
        obj: &Map<String, Value>,
        key: &str,
        path: &str,
        rule: Member,
    ) -> Option<String> {
        let field = format!("{path}.{key}");
        match obj.get(key) {
            None | Some(Value::Null) => {
                self.problem(&field, "is required");
                None
            }
            Some(Value::String(s)) if rule == Member::NonEmptyId && s.is_empty() => {
                self.problem(&field, "must not be empty");
                None
            }
            Some(v) => {
                let max = if rule == Member::Text {
                    MAX_TEXT_BYTES
                } else {
                    MAX_ID_BYTES
                };
                self.text(v, &field, max)
            }
        }
    }

    fn duration(&mut self, v: &Value, field: &str) -> Option<Minutes> {
        let minutes = whole_number(v)
            .and_then(|m| u64::try_from(m).ok())
            .and_then(Minutes::new);
        if minutes.is_none() {
            self.problem(
                field,
                "must be a positive integer number of minutes, at most 525600",
            );
        }
        minutes
    }

    fn timestamp(&mut self, v: &Value, field: &str) -> Option<String> {
        let text = self.text(v, field, MAX_ID_BYTES)?;
        if Timestamp::parse(&text).is_none() {
            self.problem(
                field,
                "must be an ISO 8601 timestamp such as 2026-11-20T10:00:00.000Z",
            );
            return None;
        }
        Some(text)
    }

    fn millis(&mut self, v: &Value, field: &str) -> Option<i64> {
        let ms = whole_number(v).filter(|ms| *ms >= 0);
        if ms.is_none() {
            self.problem(
                field,
                "must be a non-negative integer (a timestamp in milliseconds)",
            );
        }
        ms
    }

    fn user_id(&mut self, v: &Value) -> Option<UserId> {
        let Value::String(raw) = v else {
            self.problem("user_id", "must be a string");
            return None;
        };
        UserId::parse(raw)
            .map_err(|p| self.problem("user_id", p))
            .ok()
    }

    fn object<'v>(&mut self, v: &'v Value, field: &str) -> Option<&'v Map<String, Value>> {
        let obj = v.as_object();
        if obj.is_none() {
            self.problem(field, "must be an object");
        }
        obj
    }

    fn array<'v>(&mut self, v: &'v Value, field: &str, max: usize) -> Option<&'v Vec<Value>> {
        match v {
            Value::Array(items) if items.len() > max => {
                self.problem(field, format!("must hold at most {max} items"));
                None
            }
            Value::Array(items) => Some(items),
            _ => {
                self.problem(field, "must be an array");
                None
            }
        }
    }

    fn vm(&mut self, v: &Value) -> Option<Vm> {
        let obj = self.object(v, "vm")?;
        let name = self.member_text(obj, "name", "vm", Member::Id);
        let network_id = self.member_text(obj, "network_id", "vm", Member::Id);
        let netbird_ip = self.member_text(obj, "netbird_ip", "vm", Member::Id);
        Some(Vm {
            name: name?,
            network_id: network_id?,
            netbird_ip: netbird_ip?,
        })
    }

    fn worker_nodes(&mut self, v: &Value) -> Option<Vec<WorkerNode>> {
        let items = self.array(v, "worker_nodes", MAX_WORKER_NODES)?;
        let mut nodes = Vec::with_capacity(items.len());
        let mut ok = true;
        for (i, item) in items.iter().enumerate() {
            let path = format!("worker_nodes[{i}]");
            let node = self.object(item, &path).and_then(|obj| {
                let name = self.member_text(obj, "name", &path, Member::Id);
                // Without this id the node's VM could never be deleted: refuse it.
                let request_id =
                    self.member_text(obj, "worker_lab_request_id", &path, Member::NonEmptyId);
                let network_id = self.member_text(obj, "network_id", &path, Member::Id);
                let netbird_ip = self.member_text(obj, "netbird_ip", &path, Member::Id);
                Some(WorkerNode {
                    name: name?,
                    worker_lab_request_id: request_id?,
                    network_id: network_id?,
                    netbird_ip: netbird_ip?,
                })
            });
            match node {
                Some(node) => nodes.push(node),
                None => ok = false,
            }
        }
        ok.then_some(nodes)
    }

    fn load_balancers(&mut self, v: &Value) -> Option<Vec<LoadBalancer>> {
        let items = self.array(v, "loadBalancers", MAX_LOAD_BALANCERS)?;
        let mut lbs = Vec::with_capacity(items.len());
        let mut ok = true;
        for (i, item) in items.iter().enumerate() {
            let path = format!("loadBalancers[{i}]");
            let lb = self.object(item, &path).and_then(|obj| {
                let id = self.member_text(obj, "id", &path, Member::Id);
                let domain = self.member_text(obj, "domain", &path, Member::Text);
                let port = self.member_text(obj, "port", &path, Member::Id);
                Some(LoadBalancer {
                    id: id?,
                    domain: domain?,
                    port: port?,
                })
            });
            match lb {
                Some(lb) => lbs.push(lb),
                None => ok = false,
            }
        }
        ok.then_some(lbs)
    }

    /// The error for what was found, if anything.
    fn finish(self) -> Result<(), ApiError> {
        if !self.missing.is_empty() {
            let message = format!("Missing required fields: {}", self.missing.join(", "));
            let mut details: Vec<FieldProblem> = self
                .missing
                .iter()
                .map(|f| FieldProblem::new(f.as_str(), "is required"))
                .collect();
            details.extend(self.problems);
            return Err(ApiError::validation(message, details));
        }
        if !self.problems.is_empty() {
            let listed: Vec<String> = self
                .problems
                .iter()
                .map(|p| format!("{} {}", p.field, p.problem))
                .collect();
            let message = format!("Invalid fields: {}", listed.join("; "));
            return Err(ApiError::validation(message, self.problems));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;
