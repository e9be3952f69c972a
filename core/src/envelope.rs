//! The response envelopes every `/api/v1/` answer uses, and the bodies of `/` and `/health`.
//!
//! Each body is serialized straight from its struct to JSON text, in the struct's field order:
//! no `serde_json::Value` in between (it would cost a map per object, and with serde_json's
//! default `Map` it would sort the keys).

use serde::Serialize;

use crate::error::{ApiError, FieldProblem};
use crate::routes::{ENDPOINTS, Endpoint};

/// The service name reported by `/health` and `/`.
pub const SERVICE_NAME: &str = "lab-sessions-api";

/// `{"success": true, "message": ..., "data": ...}` as JSON text.
pub fn success(message: &str, data: impl Serialize) -> String {
    #[derive(Serialize)]
    struct Success<'a, T> {
        success: bool,
        message: &'a str,
        data: T,
    }
    to_text(&Success {
        success: true,
        message,
        data,
    })
}

/// A body as JSON text. Wire types are plain structs with string keys: they always serialize.
fn to_text(body: &impl Serialize) -> String {
    serde_json::to_string(body).expect("response bodies always serialize")
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
pub fn failure(error: &ApiError, request_id: Option<&str>) -> String {
    to_text(&ErrorBody {
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
pub fn health(timestamp: &str) -> String {
    to_text(&Health {
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
pub fn service_description(version: &str, environment: &str) -> String {
    to_text(&ServiceDescription {
        name: SERVICE_NAME.into(),
        description: "Records which hands-on lab each learner runs and deletes its VMs when the lab's time is up".into(),
        version: version.into(),
        environment: environment.into(),
        endpoints: ENDPOINTS.to_vec(),
    })
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::*;

    fn parsed(text: String) -> Value {
        serde_json::from_str(&text).unwrap()
    }

    #[test]
    fn success_shape() {
        let v = parsed(success(
            "Lab session created successfully",
            json!({"id": "x"}),
        ));
        assert_eq!(
            v,
            json!({"success": true, "message": "Lab session created successfully", "data": {"id": "x"}})
        );
    }

    #[test]
    fn failure_shape_keeps_contract_keys() {
        let v = parsed(failure(&ApiError::session_not_found(), None));
        assert_eq!(
            v,
            json!({"success": false, "error": "No active lab session found for this user", "code": "not_found"})
        );
        let err = ApiError::validation(
            "Missing required fields: vm",
            vec![FieldProblem::new("vm", "is required")],
        );
        let v = parsed(failure(&err, None));
        assert_eq!(
            v["details"],
            json!([{"field": "vm", "problem": "is required"}])
        );
        let v = parsed(failure(&ApiError::internal(), Some("req-1")));
        assert_eq!(v["request_id"], "req-1");
        assert_eq!(v["error"], "Internal server error");
    }

    #[test]
    fn description_lists_endpoints() {
        let v = parsed(service_description("0.1.0", "development"));
        assert_eq!(v["name"], SERVICE_NAME);
        assert!(
            v["endpoints"]
                .as_array()
                .unwrap()
                .iter()
                .any(|e| e["path"] == "/health")
        );
    }

    #[test]
    fn keys_come_in_the_contract_order() {
        let text = success(
            "Lab session deleted successfully",
            &Health {
                status: "healthy".into(),
                service: SERVICE_NAME.into(),
                timestamp: "2026-11-20T10:00:00.000Z".into(),
            },
        );
        assert_eq!(
            text,
            r#"{"success":true,"message":"Lab session deleted successfully","data":{"status":"healthy","service":"lab-sessions-api","timestamp":"2026-11-20T10:00:00.000Z"}}"#
        );
        assert!(
            failure(&ApiError::session_not_found(), None)
                .starts_with(r#"{"success":false,"error":"#)
        );
    }
}
