//! The response envelopes every `/api/v1/` answer uses, and the bodies of `/` and `/health`.

use serde::Serialize;
use serde_json::{Value, json};

use crate::error::{ApiError, FieldProblem};
use crate::routes::{ENDPOINTS, Endpoint};

/// The service name reported by `/health` and `/`.
pub const SERVICE_NAME: &str = "lab-sessions-api";

/// `{"success": true, "message": ..., "data": ...}`.
pub fn success(message: &str, data: impl Serialize) -> Value {
    json!({ "success": true, "message": message, "data": data })
}

/// An error answer's body: `{"success": false, "error", "code", "details"?, "request_id"?}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorBody {
    /// Always `false`.
    pub success: bool,
    /// The message clients match on (the contract's wording).
    pub error: String,
    /// A stable machine-readable code, such as `not_found` or `validation_failed`.
    pub code: String,
    /// Per-field problems, when the request named bad fields or parameters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub details: Option<Vec<FieldProblem>>,
    /// The request id the cause was logged under (sent with 500s).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
}

/// `{"success": false, "error": ..., "code": ..., "details"?: [...], "request_id"?: ...}`.
///
/// `request_id` is sent with 500s, so an operator can find the logged cause.
pub fn failure(error: &ApiError, request_id: Option<&str>) -> Value {
    json!(ErrorBody {
        success: false,
        error: error.message.clone(),
        code: error.kind.code().to_owned(),
        details: (!error.details.is_empty()).then(|| error.details.clone()),
        request_id: request_id.map(str::to_owned),
    })
}

/// The `/health` body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Health {
    /// Always `healthy`.
    pub status: String,
    /// The service name, `lab-sessions-api`.
    pub service: String,
    /// The Worker's clock.
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub timestamp: String,
}

/// The `/health` body.
pub fn health(timestamp: &str) -> Value {
    json!(Health {
        status: "healthy".into(),
        service: SERVICE_NAME.into(),
        timestamp: timestamp.into(),
    })
}

/// The `GET /` body: what the service is and every endpoint it serves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ServiceDescription {
    /// The service name, `lab-sessions-api`.
    pub name: String,
    /// What it does.
    pub description: String,
    /// The Worker's version.
    pub version: String,
    /// `ENVIRONMENT` (`production`, `staging`, `development`).
    pub environment: String,
    /// Every endpoint.
    pub endpoints: Vec<Endpoint>,
}

/// The `GET /` body: name, version and endpoints.
pub fn service_description(version: &str, environment: &str) -> Value {
    json!(ServiceDescription {
        name: SERVICE_NAME.into(),
        description: "Records which hands-on lab each learner runs and deletes its VMs when the lab's time is up".into(),
        version: version.into(),
        environment: environment.into(),
        endpoints: ENDPOINTS.to_vec(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

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
