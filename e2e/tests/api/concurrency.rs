//! One session per user holds under concurrent creates.

use labs_e2e::{session_body, unique_user};

use crate::worker;

#[test]
fn simultaneous_creates_for_one_user_give_one_201() {
    let w = worker();
    let user = unique_user("race");
    let n = 12;
    let barrier = std::sync::Barrier::new(n);
    let statuses: Vec<u16> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..n)
            .map(|i| {
                let (user, barrier) = (&user, &barrier);
                s.spawn(move || {
                    let mut body = session_body(user);
                    body["labTitle"] = serde_json::json!(format!("attempt {i}"));
                    barrier.wait();
                    w.request("POST", "/api/v1/labs/sessions")
                        .json(&body)
                        .send()
                        .status
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert_eq!(
        statuses.iter().filter(|s| **s == 201).count(),
        1,
        "{statuses:?}"
    );
    assert_eq!(
        statuses.iter().filter(|s| **s == 409).count(),
        n - 1,
        "{statuses:?}"
    );
    assert!(w.session(&user).is_some());
}

#[test]
fn concurrent_updates_are_not_lost() {
    let w = worker();
    let user = unique_user("update-race");
    w.create_session(&user);
    // Each thread sets a different field; all must survive.
    let fields = ["vscode_domain", "puku_domain", "terminal_url"];
    std::thread::scope(|s| {
        for f in fields {
            let user = &user;
            s.spawn(move || {
                let body = serde_json::json!({ f: format!("{f}.example.com") });
                let r = w.request("PUT", &crate::user_path(user)).json(&body).send();
                assert_eq!(r.status, 200, "{}", r.text);
            });
        }
    });
    let session = w.session(&user).unwrap();
    for f in fields {
        assert_eq!(session[f], format!("{f}.example.com"), "{f} was lost");
    }
}
