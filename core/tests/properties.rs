//! Property tests of core's parsing and validation: bodies, paths, timestamps and query
//! parameters never panic whatever arrives, valid input always parses, and what is stored
//! reads back exactly. Seeded and bounded (see `support::config`).

mod support;

use labs_core::query;
use labs_core::record::StoredSession;
use labs_core::routes::{self, Method, Route};
use labs_core::session::{Session, UPDATABLE_FIELDS};
use labs_core::time::Timestamp;
use labs_core::tokens;
use labs_core::validation::{self, parse_new_session, parse_update};
use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};
use proptest::prelude::*;
use serde_json::{Value, json};
use support::{config, json_value, mutation, timestamp_text, valid_create_body, valid_update_body};

fn now() -> Timestamp {
    Timestamp::parse("2026-11-20T10:00:00.000Z").unwrap()
}

proptest! {
    #![proptest_config(config(1000))]

    #[test]
    fn parsing_any_json_never_panics(body in json_value()) {
        let _ = parse_new_session(&body);
        let _ = parse_update(Some(&body));
        let _ = tokens::parse_new_token(Some(&body));
        if let Err(e) = parse_new_session(&body) {
            prop_assert_eq!(e.status(), 400);
            prop_assert!(!e.details.is_empty(), "a 400 names what is wrong: {}", e.message);
        }
    }

    #[test]
    fn any_request_text_is_json_or_the_contract_400(text in any::<String>()) {
        match validation::parse_json_body(&text) {
            Ok(None) => prop_assert!(text.trim().is_empty()),
            Ok(Some(v)) => prop_assert_eq!(Some(v), serde_json::from_str::<Value>(&text).ok()),
            Err(e) => prop_assert_eq!(e.message, "Invalid JSON in request body"),
        }
    }

    #[test]
    fn json_text_of_any_value_parses_back(body in json_value()) {
        let text = body.to_string();
        prop_assert_eq!(validation::parse_json_body(&text).unwrap(), Some(body));
    }
}

proptest! {
    #![proptest_config(config(500))]

    #[test]
    fn a_valid_body_parses_and_its_session_round_trips_through_the_row(body in valid_create_body()) {
        let new = parse_new_session(&body)
            .unwrap_or_else(|e| panic!("refused a valid body: {}: {body}", e.message));
        let session = new.into_session("s-1".into(), now());
        let wire = serde_json::to_value(&session).unwrap();
        for field in ["labId", "labTitle", "labGroupID", "moduleID", "duration", "activatedAt",
                      "counterID", "configId", "workerConfigId", "lab_request_id", "user_id",
                      "terminal_url", "validation", "vm"] {
            prop_assert_eq!(&wire[field], &body[field], "{}", field);
        }
        for list in ["worker_nodes", "loadBalancers"] {
            let sent = match &body[list] { Value::Null => json!([]), v => v.clone() };
            prop_assert_eq!(&wire[list], &sent);
        }
        let stored = StoredSession { session: session.clone(), version: 7, detached_vm_ids: vec!["w-gone".into()] };
        prop_assert_eq!(StoredSession::try_from(stored.to_row()).unwrap(), stored);
        // What clients get back deserializes to the same session.
        prop_assert_eq!(serde_json::from_value::<Session>(wire).unwrap(), session);
    }

    #[test]
    fn unknown_fields_never_change_a_valid_body(body in valid_create_body(), extra in json_value()) {
        let mut with_extra = body.clone();
        with_extra["surprise"] = extra;
        prop_assert_eq!(parse_new_session(&with_extra).ok(), parse_new_session(&body).ok());
    }

    #[test]
    fn mutated_bodies_never_panic_and_refusals_name_fields(
        body in valid_create_body(),
        m in proptest::collection::vec(mutation(), 1..4),
    ) {
        let body = m.iter().fold(body, |b, m| m.apply(b));
        match parse_new_session(&body) {
            Ok(new) => {
                let session = new.into_session("s-2".into(), now());
                let stored = StoredSession { session, version: 1, detached_vm_ids: vec![] };
                prop_assert_eq!(StoredSession::try_from(stored.to_row()).unwrap(), stored);
            }
            Err(e) => {
                prop_assert_eq!(e.status(), 400);
                prop_assert!(!e.details.is_empty());
                prop_assert!(e.message.starts_with("Missing required fields: ")
                    || e.message.starts_with("Invalid fields: ")
                    || e.message == "Request body must be a JSON object", "{}", e.message);
            }
        }
    }

    #[test]
    fn a_valid_update_applies_only_what_it_names(
        create in valid_create_body(),
        update in valid_update_body(),
    ) {
        let session = parse_new_session(&create).unwrap().into_session("s-3".into(), now());
        let parsed = parse_update(Some(&update))
            .unwrap_or_else(|e| panic!("refused a valid update: {}: {update}", e.message));
        let later = now().plus_minutes(5).unwrap();
        let (next, dropped) = session.apply(&parsed, later).unwrap();
        let before = serde_json::to_value(&session).unwrap();
        let after = serde_json::to_value(&next).unwrap();
        for (field, value) in after.as_object().unwrap() {
            let named = UPDATABLE_FIELDS.contains(&field.as_str()) && update.get(field).is_some();
            match field.as_str() {
                "updated_at" => prop_assert_eq!(value, &json!(later.to_iso())),
                "expires_at" if update.get("duration").is_some() => {
                    let minutes = update["duration"].as_i64().unwrap();
                    let want = Timestamp::parse(&session.created_at).unwrap().plus_minutes(minutes).unwrap();
                    prop_assert_eq!(value, &json!(want.to_iso()));
                }
                _ if named => prop_assert_eq!(value, &update[field], "{}", field),
                _ => prop_assert_eq!(value, &before[field], "{}", field),
            }
        }
        // A worker VM the new list drops is handed back for cleanup, never lost.
        for id in session.vm_ids().iter().skip(1) {
            let kept = next.worker_nodes.iter().any(|n| &n.worker_lab_request_id == id);
            prop_assert!(kept || *id == session.lab_request_id || dropped.contains(id), "{} lost", id);
        }
    }

    #[test]
    fn resolve_never_panics_on_any_path(
        method in proptest::sample::select(&["GET", "POST", "PUT", "DELETE", "PATCH"][..]),
        path in prop_oneof![
            any::<String>(),
            "(/[a-z0-9%.-]{0,8}){0,8}/?",
            "/api/v1/labs/(sessions|cleanup|tokens)(/[a-zA-Z0-9%]{0,6}){0,4}",
            "/api/v1/labs/sessions/user/(%[0-9A-Fa-f]{2}|[a-z]){0,12}",
        ],
    ) {
        match routes::resolve(Method::parse(method), &path) {
            Ok(route) => prop_assert!(!route.name().is_empty()),
            Err(e) => prop_assert!([400, 404, 405].contains(&e.status()), "{}: {}", path, e.status()),
        }
    }

    #[test]
    fn any_encoded_user_id_reaches_its_session_routes(user in any::<String>().prop_filter("non-empty", |u| !u.is_empty())) {
        let encoded = utf8_percent_encode(&user, NON_ALPHANUMERIC).to_string();
        prop_assert_eq!(
            routes::resolve(Method::Get, &format!("/api/v1/labs/sessions/user/{encoded}")),
            Ok(Route::GetSession(user.clone()))
        );
        prop_assert_eq!(
            routes::resolve(Method::Put, &format!("/api/v1/labs/sessions/{encoded}")),
            Ok(Route::UpdateSession(user.clone()))
        );
        prop_assert_eq!(
            routes::resolve(Method::Delete, &format!("/api/v1/labs/sessions/{encoded}")),
            Ok(Route::DeleteSession(user))
        );
        // A slash after the id is never the id (`/sessions/user/` is not user `user`).
        let trailing = routes::resolve(Method::Delete, &format!("/api/v1/labs/sessions/{encoded}/"));
        prop_assert_eq!(trailing.map_err(|e| e.status()), Err(404));
    }

    #[test]
    fn timestamps_round_trip_in_fixed_width(ms in 0_i64..=253_402_300_799_999, other in 0_i64..=253_402_300_799_999) {
        let t = Timestamp::from_millis(ms).unwrap();
        let iso = t.to_iso();
        prop_assert_eq!(iso.len(), 24);
        prop_assert_eq!(Timestamp::parse(&iso), Some(t));
        let u = Timestamp::from_millis(other).unwrap();
        prop_assert_eq!(iso.cmp(&u.to_iso()), ms.cmp(&other), "text order is time order");
    }

    #[test]
    fn any_offset_form_parses_to_the_same_instant(text in timestamp_text()) {
        let t = Timestamp::parse(&text).unwrap();
        let back = Timestamp::parse(&t.to_iso()).unwrap();
        prop_assert_eq!(back, t);
        let direct = chrono::DateTime::parse_from_rfc3339(&text).unwrap().timestamp_millis();
        prop_assert_eq!(t.as_millis(), direct);
    }

    #[test]
    fn timestamp_parse_never_panics(text in any::<String>()) {
        if let Some(t) = Timestamp::parse(&text) {
            prop_assert!(Timestamp::parse(&t.to_iso()) == Some(t));
        }
    }

    #[test]
    fn list_queries_never_panic_and_name_each_bad_parameter(
        pairs in proptest::collection::vec((
            prop_oneof![
                proptest::sample::select(&["limit", "cursor", "expired", "lab_id", "lab_group_id", "created_before", "created_after"][..]).prop_map(str::to_owned),
                any::<String>(),
            ],
            prop_oneof![any::<String>(), "[0-9]{1,4}", Just("true".to_owned()), timestamp_text()],
        ), 0..6),
    ) {
        match query::session_list_query(&pairs) {
            Ok(q) => prop_assert!((1..=query::MAX_LIMIT).contains(&q.limit)),
            Err(e) => {
                prop_assert_eq!(e.status(), 400);
                for problem in &e.details {
                    prop_assert!(pairs.iter().any(|(k, _)| k == &problem.field), "{} was not sent", problem.field);
                }
            }
        }
    }

    #[test]
    fn cursors_round_trip(ms in 0_i64..=253_402_300_799_999, id in "[a-zA-Z0-9_-]{1,40}") {
        let at = Timestamp::from_millis(ms).unwrap().to_iso();
        let cursor = query::encode_time_cursor(&at, &id);
        prop_assert_eq!(query::decode_time_cursor(&cursor).unwrap(), (at, id));
    }
}
