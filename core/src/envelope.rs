//! The response envelopes every `/api/v1/` answer uses, and the bodies of `/` and `/health`.

use serde::Serialize;
use serde_json::{Value, json};

use crate::error::ApiError;
use crate::routes::ENDPOINTS;

/// The service name reported by `/health` and `/`.
pub const SERVICE_NAME: &str = "lab-sessions-api";

/// `{"success": true, "message": ..., "data": ...}`.
pub fn success(message: &str, data: impl Serialize) -> Value {
    json!({ "success": true, "message": message, "data": data })
}

/// `{"success": false, "error": ..., "code": ..., "details"?: [...], "request_id"?: ...}`.
///
/// `request_id` is sent with 500s, so an operator can find the logged cause.
pub fn failure(error: &ApiError, request_id: Option<&str>) -> Value {
    let mut body = json!({ "success": false, "error": error.message, "code": error.kind.code() });
    if !error.details.is_empty() {
        body["details"] = json!(error.details);
    }
    if let Some(id) = request_id {
        body["request_id"] = json!(id);
    }
    body
}

/// The `/health` body.
pub fn health(timestamp: &str) -> Value {
    json!({ "status": "healthy", "service": SERVICE_NAME, "timestamp": timestamp })
}

/// The `GET /` body: name, version and endpoints.
pub fn service_description(version: &str, environment: &str) -> Value {
    json!({
        "name": SERVICE_NAME,
        "description": "Records which hands-on lab each learner runs and deletes its VMs when the lab's time is up",
        "version": version,
        "environment": environment,
        "endpoints": ENDPOINTS,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::FieldProblem;

    #[test]
    fn success_shape() {
        let v = success("Lab session created successfully", json!({"id": "x"}));
        assert_eq!(
            v,
            json!({"success": true, "message": "Lab session created successfully", "data": {"id": "x"}})
        );
    }

    #[test]
    fn failure_shape_keeps_contract_keys() {
        let v = failure(&ApiError::session_not_found(), None);
        assert_eq!(
            v,
            json!({"success": false, "error": "No active lab session found for this user", "code": "not_found"})
        );
        let err = ApiError::validation(
            "Missing required fields: vm",
            vec![FieldProblem::new("vm", "is required")],
        );
        let v = failure(&err, None);
        assert_eq!(
            v["details"],
            json!([{"field": "vm", "problem": "is required"}])
        );
        let v = failure(&ApiError::internal(), Some("req-1"));
        assert_eq!(v["request_id"], "req-1");
        assert_eq!(v["error"], "Internal server error");
    }

    #[test]
    fn description_lists_endpoints() {
        let v = service_description("0.1.0", "development");
        assert_eq!(v["name"], SERVICE_NAME);
        assert!(
            v["endpoints"]
                .as_array()
                .unwrap()
                .iter()
                .any(|e| e["path"] == "/health")
        );
    }
}
