//! An update racing a delete and re-create of the same user: no acknowledged VM id is lost,
//! and the live session only ever holds what was written to that very session.

use std::collections::BTreeSet;
use std::sync::Barrier;
use std::time::{Duration, Instant};

use labs_e2e::{Resp, Worker, multinode_body, unique_user};
use serde_json::{Value, json};

use crate::{user_path, worker};

const ROUNDS: usize = 30;
/// Rounds stop starting after this; the test must still have run `MIN_ROUNDS`.
const TIME_BOX: Duration = Duration::from_secs(60);
const MIN_ROUNDS: usize = 10;

/// What one round's requests were answered, and how long the DELETE + re-create took.
struct Round {
    user: String,
    first: Value,
    put: Resp,
    second: Value,
    recreate: Duration,
}

/// A create body for `user` with master `<user>-<tag>-master` and one worker `<user>-<tag>-w`.
fn body(user: &str, tag: &str) -> Value {
    let mut body = multinode_body(user, 1);
    body["lab_request_id"] = json!(format!("{user}-{tag}-master"));
    body["worker_nodes"][0]["worker_lab_request_id"] = json!(format!("{user}-{tag}-w"));
    body["labTitle"] = json!(format!("lab {tag}"));
    body
}

fn create(w: &Worker, body: &Value) -> Value {
    let r = w.request("POST", "/api/v1/labs/sessions").json(body).send();
    assert_eq!(r.status, 201, "{}", r.text);
    r.body["data"].clone()
}

/// The VM ids a session body names.
fn vm_ids(session: &Value) -> BTreeSet<String> {
    let mut ids = BTreeSet::from([session["lab_request_id"].as_str().unwrap().to_owned()]);
    for node in session["worker_nodes"].as_array().unwrap() {
        ids.insert(node["worker_lab_request_id"].as_str().unwrap().to_owned());
    }
    ids
}

/// One round: create with worker A; then at once PUT worker_nodes [B] (after `put_delay`)
/// and DELETE (after `delete_delay`) followed by a create with worker C.
fn round(w: &Worker, put_delay: Duration, delete_delay: Duration) -> Round {
    let user = unique_user("put-vs-recreate");
    let first = create(w, &body(&user, "a"));
    let update = json!({
        "worker_nodes": [{
            "name": "k3s-worker-b",
            "worker_lab_request_id": format!("{user}-b-w"),
            "network_id": "net-77c1",
            "netbird_ip": "100.64.20.99",
        }],
        "terminal_url": format!("https://{user}.put.example.com"),
    });
    let barrier = Barrier::new(2);
    let (put, second) = std::thread::scope(|s| {
        let put = s.spawn(|| {
            barrier.wait();
            std::thread::sleep(put_delay);
            w.request("PUT", &user_path(&user)).json(&update).send()
        });
        let recreate = s.spawn(|| {
            barrier.wait();
            std::thread::sleep(delete_delay);
            let started = Instant::now();
            let r = w.request("DELETE", &user_path(&user)).send();
            assert_eq!(r.status, 200, "{}", r.text);
            (create(w, &body(&user, "c")), started.elapsed())
        });
        (put.join().unwrap(), recreate.join().unwrap())
    });
    assert!(
        put.status == 200 || put.status == 404,
        "PUT: {} {}",
        put.status,
        put.text
    );
    let (second, recreate) = second;
    Round {
        user,
        first,
        put,
        second,
        recreate,
    }
}

/// Every VM item in the queue (any state) of the users in `users`, as (user, VM id).
fn queued(w: &Worker, users: &BTreeSet<&str>) -> BTreeSet<(String, String)> {
    let mut found = BTreeSet::new();
    let mut cursor: Option<String> = None;
    loop {
        let mut path = "/api/v1/labs/cleanup/queue?state=all&limit=100".to_string();
        if let Some(c) = &cursor {
            path.push_str(&format!("&cursor={c}"));
        }
        let r = w.request("GET", &path).send();
        assert_eq!(r.status, 200, "{}", r.text);
        for item in r.body["data"]["items"].as_array().unwrap() {
            let user = item["user_id"].as_str().unwrap();
            if item["kind"] == "vm" && users.contains(user) {
                found.insert((
                    user.to_owned(),
                    item["lab_request_id"].as_str().unwrap().to_owned(),
                ));
            }
        }
        match r.body["data"]["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_owned()),
            None => return found,
        }
    }
}

#[test]
fn an_update_racing_delete_and_recreate_loses_no_vm_and_never_mixes_sessions() {
    let w = worker();
    let started = Instant::now();
    let mut rounds: Vec<Round> = Vec::new();
    while rounds.len() < ROUNDS && started.elapsed() < TIME_BOX {
        // Stagger the update across rounds, from just before the DELETE to past the
        // re-create, in quarters of the last round's DELETE + re-create time.
        let span = rounds.last().map_or(Duration::ZERO, |r| r.recreate * 6 / 5);
        let (put_delay, delete_delay) = match rounds.len() % 6 {
            0 => (Duration::ZERO, span / 4),
            k => (span * (k as u32 - 1) / 4, Duration::ZERO),
        };
        rounds.push(round(w, put_delay, delete_delay));
    }
    assert!(
        rounds.len() >= MIN_ROUNDS,
        "only {} rounds in {TIME_BOX:?}",
        rounds.len()
    );

    let users: BTreeSet<&str> = rounds.iter().map(|r| r.user.as_str()).collect();
    let queue = queued(w, &users);
    let (mut on_old, mut on_new, mut missed) = (0, 0, 0);
    let mut acknowledged_by_round = Vec::new();
    for r in &rounds {
        let live = w.session(&r.user).expect("the re-created session");
        assert_eq!(
            live["id"], r.second["id"],
            "{}: not the re-created session",
            r.user
        );
        assert_ne!(r.first["id"], r.second["id"]);
        // The live session is exactly an acknowledged write to it: the re-create, or the
        // update when the update went to this session.
        let put_here = r.put.status == 200 && r.put.body["data"]["id"] == live["id"];
        let expected = if put_here {
            &r.put.body["data"]
        } else {
            &r.second
        };
        assert_eq!(&live, expected, "{}: the live session", r.user);
        if r.put.status == 200 {
            let put = &r.put.body["data"];
            let base = if put_here { &r.second } else { &r.first };
            assert_eq!(put["id"], base["id"]);
            assert_eq!(
                put["lab_request_id"], base["lab_request_id"],
                "{}: the update mixed two sessions: {put}",
                r.user
            );
            assert_eq!(put["labTitle"], base["labTitle"], "{}", r.user);
            if put_here {
                on_new += 1;
            } else {
                on_old += 1;
            }
        } else {
            missed += 1;
        }

        // Every acknowledged VM id is live or queued; only a worker the update dropped
        // from the live session may be neither (it is kept detached: checked below).
        let mut acknowledged = vm_ids(&r.first);
        acknowledged.extend(vm_ids(&r.second));
        if r.put.status == 200 {
            acknowledged.extend(vm_ids(&r.put.body["data"]));
        }
        let live_ids = vm_ids(&live);
        for id in &acknowledged {
            let visible = live_ids.contains(id) || queue.contains(&(r.user.clone(), id.clone()));
            let detached = put_here && *id == format!("{}-c-w", r.user);
            assert!(
                visible || detached,
                "{}: VM {id} is neither live nor queued",
                r.user
            );
        }
        acknowledged_by_round.push(acknowledged);
    }
    eprintln!(
        "{} rounds in {:?}: update on the old session {on_old}, on the new one {on_new}, \
         between the two {missed}",
        rounds.len(),
        started.elapsed()
    );

    // Ending the live sessions queues everything that was ever acknowledged.
    for r in &rounds {
        let d = w.request("DELETE", &user_path(&r.user)).send();
        assert_eq!(d.status, 200, "{}", d.text);
    }
    let queue = queued(w, &users);
    for (r, acknowledged) in rounds.iter().zip(&acknowledged_by_round) {
        for id in acknowledged {
            assert!(
                queue.contains(&(r.user.clone(), id.clone())),
                "{}: VM {id} was forgotten",
                r.user
            );
        }
    }
}
