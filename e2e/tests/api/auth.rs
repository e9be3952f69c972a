//! Bearer-token authentication: every way to be refused, rotated tokens, and logs that never
//! hold a presented token.

use labs_e2e::{session_body, unique_user};
use serde_json::json;

use crate::{get_path, worker};

const UNAUTHORIZED: &str = "Invalid or missing authentication token";

#[test]
fn refused_credentials_get_the_contract_401() {
    let w = worker();
    let path = get_path(&unique_user("auth"));
    let same_length_wrong: String = w.token().chars().rev().collect();
    let cases: Vec<(&str, Option<String>)> = vec![
        ("missing", None),
        ("wrong", Some("Bearer not-the-token".into())),
        (
            "same length, wrong",
            Some(format!("Bearer {same_length_wrong}")),
        ),
        (
            "prefix of the token",
            Some(format!("Bearer {}", &w.token()[..10])),
        ),
        (
            "token plus a suffix",
            Some(format!("Bearer {}x", w.token())),
        ),
        ("other scheme", Some(format!("Basic {}", w.token()))),
        ("scheme only", Some("Bearer".into())),
        ("empty", Some("Bearer ".into())),
        ("empty header", Some(String::new())),
        (
            "both tokens at once",
            Some(format!("Bearer {},{}", w.token(), w.second_token())),
        ),
    ];
    for (case, header) in cases {
        let mut call = w.anonymous("GET", &path);
        if let Some(h) = &header {
            call = call.header("Authorization", h);
        }
        let r = call.send();
        assert_eq!(r.status, 401, "{case}");
        assert_eq!(
            r.body,
            json!({"success": false, "error": UNAUTHORIZED, "code": "unauthorized"}),
            "{case}"
        );
        assert_eq!(r.header("content-type"), Some("application/json"), "{case}");
    }
}

#[test]
fn every_api_route_requires_the_token() {
    let w = worker();
    let user = unique_user("auth-routes");
    w.create_session(&user);
    let routes = [
        ("POST", "/api/v1/labs/sessions".to_string()),
        ("GET", get_path(&user)),
        ("PUT", crate::user_path(&user)),
        ("DELETE", crate::user_path(&user)),
        ("POST", "/api/v1/labs/cleanup".to_string()),
        ("GET", "/api/v1/labs/cleanup/runs".to_string()),
        ("GET", "/api/v1/labs/cleanup/queue".to_string()),
    ];
    for (method, path) in routes {
        let r = w.anonymous(method, &path).json(&session_body(&user)).send();
        assert_eq!(r.status, 401, "{method} {path}");
    }
    assert!(
        w.session(&user).is_some(),
        "refused requests changed nothing"
    );
}

#[test]
fn each_rotated_token_works_and_the_scheme_is_case_insensitive() {
    let w = worker();
    let user = unique_user("rotated");
    for token in [w.token(), w.second_token()] {
        assert_ne!(w.token(), w.second_token());
        let r = w.anonymous("GET", &get_path(&user)).bearer(token).send();
        assert_eq!(r.status, 404, "token accepted, no session");
    }
    let r = w
        .anonymous("GET", &get_path(&user))
        .header("Authorization", &format!("bearer {}", w.token()))
        .send();
    assert_eq!(r.status, 404);
    let r = w
        .anonymous("GET", &get_path(&user))
        .header("Authorization", &format!("BEARER   {}", w.second_token()))
        .send();
    assert_eq!(r.status, 404);
}

#[test]
fn refusals_are_logged_without_the_presented_token() {
    let w = worker();
    let secret_guess = format!("guess-{}", unique_user("leak"));
    let r = w
        .anonymous("GET", &get_path("someone"))
        .bearer(&secret_guess)
        .send();
    assert_eq!(r.status, 401);
    let id = r.header("x-request-id").unwrap().to_owned();
    let warning = labs_e2e::wait_for(
        std::time::Duration::from_secs(5),
        "the auth warning",
        || {
            w.log_lines().into_iter().find(|l| {
                l["context"]["request_id"] == json!(id) && l["message"] == "authentication failed"
            })
        },
    );
    assert_eq!(warning["level"], "warn");
    assert!(
        !w.logs().contains(&secret_guess),
        "a presented token reached the logs"
    );
    assert!(
        !w.logs().contains(w.token()),
        "the real token reached the logs"
    );
}
