//! GET /api/v1/labs/sessions: newest first, filters, cursor pagination, bad parameters.

use labs_e2e::{session_body, unique_user};
use serde_json::{Value, json};

use crate::worker;

/// Creates `n` sessions of lab `lab` (one user each), oldest first; returns their users.
fn sessions_of_lab(lab: &str, n: usize) -> Vec<String> {
    let w = worker();
    (0..n)
        .map(|i| {
            let user = unique_user(&format!("list-{i}"));
            let mut body = session_body(&user);
            body["labId"] = json!(lab);
            body["labGroupID"] = json!(format!("{lab}-group-{}", i % 2));
            assert_eq!(
                w.request("POST", "/api/v1/labs/sessions")
                    .json(&body)
                    .send()
                    .status,
                201
            );
            std::thread::sleep(std::time::Duration::from_millis(3));
            user
        })
        .collect()
}

fn page(query: &str) -> Value {
    let r = worker()
        .request("GET", &format!("/api/v1/labs/sessions?{query}"))
        .send();
    assert_eq!(r.status, 200, "{query}: {}", r.text);
    assert_eq!(r.body["message"], "Lab sessions retrieved successfully");
    r.body["data"].clone()
}

fn users(data: &Value) -> Vec<String> {
    data["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["user_id"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn pages_newest_first_with_cursors() {
    let lab = unique_user("lab");
    let mut made = sessions_of_lab(&lab, 5);
    made.reverse();
    let first = page(&format!("lab_id={lab}&limit=2"));
    assert_eq!(users(&first), made[..2]);
    let cursor = first["next_cursor"].as_str().unwrap();
    let second = page(&format!("lab_id={lab}&limit=2&cursor={cursor}"));
    assert_eq!(users(&second), made[2..4]);
    let third = page(&format!(
        "lab_id={lab}&limit=2&cursor={}",
        second["next_cursor"].as_str().unwrap()
    ));
    assert_eq!(users(&third), made[4..]);
    assert!(third["next_cursor"].is_null());
    // Sessions come whole, as GET returns them.
    let one = &first["sessions"][0];
    assert_eq!(one["vm"]["name"], "vm-master-0b6f7c1e");
    assert!(one["expires_at"].is_string());
}

#[test]
fn filters_combine() {
    let lab = unique_user("lab-filter");
    let made = sessions_of_lab(&lab, 4);
    let group0 = page(&format!("lab_id={lab}&lab_group_id={lab}-group-0"));
    assert_eq!(users(&group0), [made[2].clone(), made[0].clone()]);
    assert_eq!(
        users(&page(&format!("lab_id={lab}&expired=false"))).len(),
        4
    );
    assert!(users(&page(&format!("lab_id={lab}&expired=true"))).is_empty());
    let all = page(&format!("lab_id={lab}"));
    let third_created = all["sessions"][1]["created_at"]
        .as_str()
        .unwrap()
        .to_owned();
    let before = page(&format!("lab_id={lab}&created_before={third_created}"));
    assert_eq!(users(&before), [made[1].clone(), made[0].clone()]);
    let after = page(&format!("lab_id={lab}&created_after={third_created}"));
    assert_eq!(users(&after), [made[3].clone()]);
    assert!(users(&page("lab_id=no-such-lab")).is_empty());
}

#[test]
fn bad_parameters_are_named() {
    let w = worker();
    for (query, field) in [
        ("limit=0", "limit"),
        ("limit=101", "limit"),
        ("limit=ten", "limit"),
        ("expired=yes", "expired"),
        ("created_before=yesterday", "created_before"),
        ("created_after=2026-13-01", "created_after"),
        ("cursor=bogus", "cursor"),
        ("lab_id=", "lab_id"),
    ] {
        let r = w
            .request("GET", &format!("/api/v1/labs/sessions?{query}"))
            .send();
        assert_eq!(r.status, 400, "{query}");
        assert_eq!(r.body["code"], "validation_failed");
        assert_eq!(r.body["details"][0]["field"], field, "{query}");
        assert!(r.body["error"].as_str().unwrap().contains(field));
    }
    let r = w.anonymous("GET", "/api/v1/labs/sessions").send();
    assert_eq!(r.status, 401);
}
