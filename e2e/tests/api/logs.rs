//! Logs and internal errors: LOG_LEVEL filters lines; a 500 tells the caller only a request
//! id, and that id leads to the logged cause.

use labs_e2e::{Worker, WorkerOptions, unique_user};
use serde_json::json;

use crate::get_path;

#[test]
fn log_level_filters_lines_and_a_500_carries_only_a_request_id() {
    let w = Worker::start(WorkerOptions::default().var("LOG_LEVEL", "warn"));
    let user = unique_user("quiet");
    let ok = w.request("GET", &get_path(&user)).send();
    assert_eq!(ok.status, 404);
    let refused = w.anonymous("GET", &get_path(&user)).send();
    assert_eq!(refused.status, 401);
    let refused_id = refused.header("x-request-id").unwrap().to_owned();
    labs_e2e::wait_for(std::time::Duration::from_secs(5), "the warn line", || {
        w.log_lines()
            .into_iter()
            .find(|l| l["context"]["request_id"] == json!(refused_id))
    });
    let ok_id = ok.header("x-request-id").unwrap();
    assert!(
        !w.log_lines()
            .iter()
            .any(|l| l["context"]["request_id"] == json!(ok_id)),
        "an info line passed LOG_LEVEL=warn"
    );
    assert!(
        w.log_lines()
            .iter()
            .all(|l| l["level"] != "info" && l["level"] != "debug")
    );

    // A row the Worker cannot read (written behind its back) makes a 500.
    let broken = unique_user("broken-row");
    w.d1_execute(&format!(
        "INSERT INTO labs_sessions (id, labId, labTitle, labGroupID, moduleID, duration, activatedAt, \
         counterID, configId, workerConfigId, lab_request_id, user_id, terminal_url, validation, vm, \
         created_at, updated_at, expires_at) VALUES ('{broken}', 'l', 't', 'g', 'm', 60, \
         '2026-11-20T10:00:00.000Z', 'c', 'cfg', 'w', 'r', '{broken}', 'u', 'not-a-number', '{{}}', \
         '2026-11-20T10:00:00.000Z', '2026-11-20T10:00:00.000Z', '2999-01-01T00:00:00.000Z')"
    ));
    let r = w.request("GET", &get_path(&broken)).send();
    assert_eq!(r.status, 500, "{}", r.text);
    let request_id = r.header("x-request-id").unwrap().to_owned();
    assert_eq!(
        r.body,
        json!({"success": false, "error": "Internal server error", "code": "internal", "request_id": request_id})
    );
    assert!(
        !r.text.contains("validation") && !r.text.contains("SELECT"),
        "no internal detail: {}",
        r.text
    );
    let line = labs_e2e::wait_for(std::time::Duration::from_secs(5), "the error line", || {
        w.log_lines().into_iter().find(|l| {
            l["context"]["request_id"] == json!(request_id) && l["message"] == "internal error"
        })
    });
    assert_eq!(line["level"], "error");
    assert!(
        line["context"]["error"]
            .as_str()
            .unwrap()
            .contains("validation"),
        "the cause is logged: {line}"
    );
}
