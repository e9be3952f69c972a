//! How a session looks on a terminal and when piped. `--json` bypasses this and prints the
//! API's `data` as is.

use chrono::{DateTime, Utc};
use serde_json::Value;

use crate::duration;
use crate::exit::CliError;
use crate::output::Io;
use crate::table::Column;

/// A field as text (`""` when absent or null; numbers and objects as JSON).
pub fn text(object: &Value, key: &str) -> String {
    match object.get(key) {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

/// A list field, which the contract returns as JSON but which is tolerated as a string.
fn list(session: &Value, key: &str) -> Vec<Value> {
    match session.get(key) {
        Some(Value::Array(items)) => items.clone(),
        Some(Value::String(s)) => serde_json::from_str(s).unwrap_or_default(),
        _ => Vec::new(),
    }
}

fn object(session: &Value, key: &str) -> Value {
    match session.get(key) {
        Some(Value::String(s)) => serde_json::from_str(s).unwrap_or(Value::Null),
        Some(v) => v.clone(),
        None => Value::Null,
    }
}

/// How far `timestamp` is from `now`: `in 42m`, `3m ago`, `now`; `None` when it is not an
/// RFC 3339 timestamp.
pub fn relative(timestamp: &str, now: DateTime<Utc>) -> Option<String> {
    let at = DateTime::parse_from_rfc3339(timestamp).ok()?;
    let minutes = (at.with_timezone(&Utc) - now).num_minutes();
    // Beyond two days, whole days read better than `2160h1m` (token expiry dates).
    let span = |m: i64| {
        let m = m.unsigned_abs();
        if m >= 2 * 24 * 60 {
            format!("{}d", m / (24 * 60))
        } else {
            duration::format(std::time::Duration::from_secs(m * 60))
        }
    };
    Some(if minutes > 0 {
        format!("in {}", span(minutes))
    } else if minutes < 0 {
        format!("{} ago", span(minutes))
    } else {
        "now".to_owned()
    })
}

/// `2026-11-20T11:00:00Z (in 42m)` on a terminal.
pub fn with_relative(timestamp: &str, now: DateTime<Utc>) -> String {
    match relative(timestamp, now) {
        Some(relative) => format!("{timestamp} ({relative})"),
        None => timestamp.to_owned(),
    }
}

/// Prints a session: `--json` the object as the API gave it; otherwise its fields as a
/// record, then its worker nodes and load balancers.
pub fn print_session(io: &mut Io, session: &Value) -> Result<(), CliError> {
    print_session_at(io, session, Utc::now())
}

/// [`print_session`] with a fixed "now", for tests.
pub fn print_session_at(io: &mut Io, session: &Value, now: DateTime<Utc>) -> Result<(), CliError> {
    if io.json {
        io.print_json(session)?;
        return Ok(());
    }
    let human = io.stdout_tty;
    let vm = object(session, "vm");
    let duration_text = match session.get("duration").and_then(Value::as_i64) {
        Some(minutes) if human => duration::format_minutes(minutes),
        _ => text(session, "duration"),
    };
    let expires = text(session, "expires_at");
    let expires = if human && !expires.is_empty() {
        with_relative(&expires, now)
    } else {
        expires
    };
    let rows: Vec<(&str, String)> = vec![
        ("user_id", text(session, "user_id")),
        ("id", text(session, "id")),
        ("labId", text(session, "labId")),
        ("labTitle", text(session, "labTitle")),
        ("labGroupID", text(session, "labGroupID")),
        ("moduleID", text(session, "moduleID")),
        ("duration", duration_text),
        ("activatedAt", text(session, "activatedAt")),
        ("created_at", text(session, "created_at")),
        ("updated_at", text(session, "updated_at")),
        ("expires_at", expires),
        ("counterID", text(session, "counterID")),
        ("configId", text(session, "configId")),
        ("workerConfigId", text(session, "workerConfigId")),
        ("lab_request_id", text(session, "lab_request_id")),
        ("terminal_url", text(session, "terminal_url")),
        ("vscode_domain", text(session, "vscode_domain")),
        ("puku_domain", text(session, "puku_domain")),
        ("validation", text(session, "validation")),
        ("vm.name", text(&vm, "name")),
        ("vm.network_id", text(&vm, "network_id")),
        ("vm.netbird_ip", text(&vm, "netbird_ip")),
    ];
    io.print_record(&rows).map_err(io_error)?;

    let workers: Vec<Vec<String>> = list(session, "worker_nodes")
        .iter()
        .map(|w| {
            ["name", "worker_lab_request_id", "network_id", "netbird_ip"]
                .iter()
                .map(|k| text(w, k))
                .collect()
        })
        .collect();
    if !workers.is_empty() {
        io.heading("\nWorker nodes").map_err(io_error)?;
        io.print_table(
            &[
                Column::id("NAME"),
                Column::id("WORKER LAB REQUEST ID"),
                Column::id("NETWORK ID"),
                Column::new("NETBIRD IP"),
            ],
            &workers,
            Some("worker_node"),
        )
        .map_err(io_error)?;
    }
    let balancers: Vec<Vec<String>> = list(session, "loadBalancers")
        .iter()
        .map(|lb| {
            ["id", "domain", "port"]
                .iter()
                .map(|k| text(lb, k))
                .collect()
        })
        .collect();
    if !balancers.is_empty() {
        io.heading("\nLoad balancers").map_err(io_error)?;
        io.print_table(
            &[Column::id("ID"), Column::id("DOMAIN"), Column::new("PORT")],
            &balancers,
            Some("load_balancer"),
        )
        .map_err(io_error)?;
    }
    Ok(())
}

pub use crate::output::io_error;

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn session() -> Value {
        json!({
            "id": "0b6f", "labId": "lab-k8s", "labTitle": "Intro", "labGroupID": "g", "moduleID": "m",
            "duration": 90, "activatedAt": "2026-11-20T10:00:00.000Z", "counterID": "c",
            "configId": "cfg", "workerConfigId": "wcfg", "lab_request_id": "req",
            "user_id": "user-1", "terminal_url": "https://t.example", "validation": 1763632800000_i64,
            "vm": {"name": "vm1", "network_id": "net", "netbird_ip": "100.64.0.1"},
            "worker_nodes": [{"name": "w1", "worker_lab_request_id": "r1", "network_id": "net", "netbird_ip": "100.64.0.2"}],
            "loadBalancers": [{"id": "lb-1", "domain": "d.example", "port": "4000"}],
            "created_at": "2026-11-20T10:00:00Z", "updated_at": "2026-11-20T10:00:00Z",
            "expires_at": "2026-11-20T11:30:00Z"
        })
    }

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-11-20T11:00:00Z")
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn piped_output_is_stable_tab_separated_lines() {
        let (mut io, out, _) = Io::for_test(false);
        print_session_at(&mut io, &session(), now()).unwrap();
        let text = out.contents();
        assert!(text.starts_with("user_id\tuser-1\nid\t0b6f\n"), "{text}");
        assert!(text.contains("\nduration\t90\n"), "{text}");
        assert!(
            text.contains("\nexpires_at\t2026-11-20T11:30:00Z\n"),
            "{text}"
        );
        assert!(
            text.contains("\nvscode_domain\t\n"),
            "absent fields keep their line: {text}"
        );
        assert!(text.contains("\nvm.netbird_ip\t100.64.0.1\n"), "{text}");
        assert!(
            text.ends_with(
                "worker_node\tw1\tr1\tnet\t100.64.0.2\nload_balancer\tlb-1\td.example\t4000\n"
            ),
            "{text}"
        );
        assert!(!text.contains('│') && !text.contains('\x1b'), "{text}");
    }

    #[test]
    fn terminal_output_is_tables_with_friendly_times() {
        let (mut io, out, _) = Io::for_test(true);
        print_session_at(&mut io, &session(), now()).unwrap();
        let text = out.contents();
        assert!(text.contains("90 min (1h30m)"), "{text}");
        assert!(text.contains("2026-11-20T11:30:00Z (in 30m)"), "{text}");
        assert!(
            text.contains("Worker nodes") && text.contains("NETBIRD IP"),
            "{text}"
        );
        assert!(
            text.contains("Load balancers") && text.contains("lb-1"),
            "{text}"
        );
    }

    #[test]
    fn relative_times_switch_to_days_beyond_two_days() {
        let at = |ts: &str| relative(ts, now()).unwrap();
        assert_eq!(at("2026-11-20T11:30:00Z"), "in 30m");
        assert_eq!(at("2026-11-20T09:30:00Z"), "1h30m ago");
        assert_eq!(at("2026-11-20T11:00:20Z"), "now");
        assert_eq!(at("2026-11-22T10:00:00Z"), "in 47h");
        assert_eq!(at("2027-02-18T11:00:00Z"), "in 90d");
        assert_eq!(at("2026-10-01T11:00:00Z"), "50d ago");
        assert_eq!(relative("not a time", now()), None);
    }

    #[test]
    fn json_output_is_the_object_as_given() {
        let (mut io, out, _) = Io::for_test(true);
        io.json = true;
        print_session_at(&mut io, &session(), now()).unwrap();
        let printed: Value = serde_json::from_str(&out.contents()).unwrap();
        assert_eq!(printed, session());
        assert!(
            out.contents()
                .starts_with("{\n  \"id\": \"0b6f\",\n  \"labId\"")
        );
    }
}
