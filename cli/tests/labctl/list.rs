//! `labctl session list` against the shared Worker: filters by lab and group, newest first,
//! `--all` following the cursors (with progress on a terminal), the note when a page is not
//! the last, the piped form, and the Worker's 400 for bad parameters (exit 1).

use serde_json::{Value, json};

use crate::tty::{on_tty, widest_line};
use crate::util::{Sandbox, json, stderr, stdout, worker};

/// Creates a session of lab `lab` (group `group`) for a new user; returns the user.
fn session_in(sb: &Sandbox, lab: &str, group: &str) -> String {
    let user = labs_e2e::unique_user("cli-list");
    let mut body = labs_e2e::session_body(&user);
    body["labId"] = json!(lab);
    body["labGroupID"] = json!(group);
    sb.on_worker(&["session", "create", "--file", "-", "--json"])
        .write_stdin(body.to_string())
        .assert()
        .success();
    // Distinct creation times keep "newest first" unambiguous.
    std::thread::sleep(std::time::Duration::from_millis(5));
    user
}

fn users(list: &Value) -> Vec<&str> {
    list.as_array()
        .expect("an array of sessions")
        .iter()
        .map(|s| s["user_id"].as_str().unwrap())
        .collect()
}

fn list(sb: &Sandbox, args: &[&str]) -> std::process::Output {
    let out = sb
        .on_worker(&[&["session", "list"], args].concat())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
    out
}

#[test]
fn sessions_of_a_lab_newest_first_one_page_or_all() {
    let sb = Sandbox::new();
    let lab = labs_e2e::unique_user("cli-list-lab");
    let first = session_in(&sb, &lab, "group-a");
    let second = session_in(&sb, &lab, "group-a");
    let third = session_in(&sb, &lab, "group-b");
    let newest_first = vec![third.as_str(), second.as_str(), first.as_str()];

    let all = json(&list(&sb, &["--lab-id", &lab, "--json"]));
    assert_eq!(users(&all), newest_first);
    assert_eq!(all[0]["labId"], lab.as_str());
    assert!(all[0]["expires_at"].is_string(), "session objects: {all}");

    // Pages of one, followed to the end.
    let paged = list(&sb, &["--lab-id", &lab, "--limit", "1", "--all", "--json"]);
    assert_eq!(json(&paged), all);
    assert_eq!(stderr(&paged), "", "no progress and no note when piped");

    // One page of two: the newest two, and a note that there is more.
    let page = list(&sb, &["--lab-id", &lab, "--limit", "2", "--json"]);
    assert_eq!(users(&json(&page)), newest_first[..2]);
    assert!(stderr(&page).contains("pass --all"), "{}", stderr(&page));
    let whole = list(&sb, &["--lab-id", &lab, "--limit", "3"]);
    assert!(!stderr(&whole).contains("--all"), "{}", stderr(&whole));

    // Filters.
    let group = json(&list(
        &sb,
        &["--lab-id", &lab, "--lab-group-id", "group-b", "--json"],
    ));
    assert_eq!(users(&group), [third.as_str()]);
    let live = json(&list(&sb, &["--lab-id", &lab, "--live", "--json"]));
    assert_eq!(users(&live).len(), 3);
    let expired = json(&list(&sb, &["--lab-id", &lab, "--expired", "--json"]));
    assert_eq!(expired, json!([]));
    let first_created = all[2]["created_at"].as_str().unwrap();
    let after = json(&list(
        &sb,
        &["--lab-id", &lab, "--created-after", first_created, "--json"],
    ));
    assert_eq!(users(&after), newest_first[..2]);
    let last_created = all[0]["created_at"].as_str().unwrap();
    let before = json(&list(
        &sb,
        &["--lab-id", &lab, "--created-before", last_created, "--json"],
    ));
    assert_eq!(users(&before), newest_first[1..]);

    // Piped: one line per session, in the documented column order.
    let plain = stdout(&list(&sb, &["--lab-id", &lab]));
    let lines: Vec<&str> = plain.lines().collect();
    assert_eq!(lines.len(), 3, "{plain}");
    let fields: Vec<&str> = lines[0].split('\t').collect();
    assert_eq!(
        fields,
        [
            third.as_str(),
            lab.as_str(),
            "group-b",
            "60",
            all[0]["created_at"].as_str().unwrap(),
            all[0]["expires_at"].as_str().unwrap(),
            all[0]["lab_request_id"].as_str().unwrap(),
            all[0]["id"].as_str().unwrap(),
        ]
    );

    // On a terminal: a progress line while the pages come, then a table.
    let w = worker();
    let env = [("LABCTL_URL", w.url()), ("LABCTL_TOKEN", w.token())];
    let out = on_tty(
        &sb,
        &["session", "list", "--lab-id", &lab, "--limit", "1", "--all"],
        "",
        &env,
    );
    let screen = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{screen}");
    // "Fetching sessions…", then "Fetched N sessions (K pages)…": which of them gets
    // drawn before the line is cleared depends on timing.
    assert!(screen.contains("sessions…"), "{screen}");
    assert!(
        screen.contains("USER ID") && screen.contains('│'),
        "{screen}"
    );
    // It fits 80 columns (ids shortened in the middle, so both ends of each user id show),
    // where the whole rows are some 140 wide.
    assert!(
        widest_line(&screen) <= 80,
        "wider than 80 columns:\n{screen}"
    );
    for user in &newest_first {
        let (head, tail) = (&user[..5], &user[user.len() - 3..]);
        assert!(
            screen.lines().any(|l| l.contains(head) && l.contains(tail)),
            "{user} in {screen}"
        );
    }
    assert!(
        plain.lines().all(|l| l.chars().count() > 100),
        "piped lines are whole: {plain}"
    );

    // Nothing matches: an empty array, and nothing at all when piped.
    let none = labs_e2e::unique_user("cli-list-empty");
    assert_eq!(json(&list(&sb, &["--lab-id", &none, "--json"])), json!([]));
    assert_eq!(stdout(&list(&sb, &["--lab-id", &none])), "");
}

#[test]
fn bad_parameters_get_the_workers_message_and_exit_1() {
    let sb = Sandbox::new();
    for (args, named) in [
        (&["--created-before", "yesterday"][..], "created_before"),
        (&["--created-after", "2026-13-45"][..], "created_after"),
        (&["--limit", "500"][..], "limit"),
        (&["--limit", "0"][..], "limit"),
    ] {
        let out = sb
            .on_worker(&[&["session", "list"], args].concat())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{args:?}: {}", stderr(&out));
        let report = stderr(&out);
        assert!(
            report.starts_with("error: Invalid query parameter") && report.contains(named),
            "{args:?}: {report}"
        );
        assert_eq!(stdout(&out), "");
    }
    // Flags that exclude each other are a usage error, before any request.
    sb.on_worker(&["session", "list", "--expired", "--live"])
        .assert()
        .code(2);
}
