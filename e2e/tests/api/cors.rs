//! CORS from ALLOWED_ORIGINS (the shared Worker allows https://app.example.com and
//! https://admin.example.com).

use crate::worker;

#[test]
fn preflight_needs_no_token_and_echoes_allowed_origins() {
    let w = worker();
    let r = w
        .anonymous("OPTIONS", "/api/v1/labs/sessions")
        .header("Origin", "https://app.example.com")
        .header("Access-Control-Request-Method", "POST")
        .header(
            "Access-Control-Request-Headers",
            "authorization, content-type",
        )
        .send();
    assert_eq!(r.status, 204);
    assert_eq!(
        r.header("access-control-allow-origin"),
        Some("https://app.example.com")
    );
    let methods = r.header("access-control-allow-methods").unwrap();
    for m in ["GET", "POST", "PUT", "DELETE"] {
        assert!(methods.contains(m), "{methods}");
    }
    let headers = r
        .header("access-control-allow-headers")
        .unwrap()
        .to_ascii_lowercase();
    assert!(
        headers.contains("authorization") && headers.contains("content-type"),
        "{headers}"
    );
    assert_eq!(r.header("access-control-max-age"), Some("86400"));
    assert_eq!(r.header("vary"), Some("Origin"));
}

#[test]
fn other_origins_get_no_cors_headers() {
    let w = worker();
    let r = w
        .anonymous("OPTIONS", "/api/v1/labs/sessions")
        .header("Origin", "https://evil.example.com")
        .send();
    assert_eq!(r.status, 204);
    assert_eq!(r.header("access-control-allow-origin"), None);
    assert_eq!(r.header("access-control-allow-methods"), None);
    let r = w
        .anonymous("GET", "/health")
        .header("Origin", "https://evil.example.com")
        .send();
    assert_eq!(r.header("access-control-allow-origin"), None);
}

#[test]
fn actual_responses_carry_the_allowed_origin() {
    let w = worker();
    let r = w
        .anonymous("GET", "/health")
        .header("Origin", "https://admin.example.com")
        .send();
    assert_eq!(
        r.header("access-control-allow-origin"),
        Some("https://admin.example.com")
    );
    let r = w
        .anonymous("GET", "/api/v1/labs/sessions/user/x")
        .header("Origin", "https://app.example.com")
        .send();
    assert_eq!(r.status, 401);
    assert_eq!(
        r.header("access-control-allow-origin"),
        Some("https://app.example.com"),
        "errors too"
    );
}
