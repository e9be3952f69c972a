//! `Idempotency-Key` on `POST /api/v1/labs/sessions`: a client that lost the answer to a
//! create (a dropped connection, a 5xx) sends the same request with the same key again and
//! gets exactly the first answer — status and body — instead of a second lab.

use crate::error::{ApiError, ErrorKind, FieldProblem};

/// The header's name, as documented.
pub const HEADER: &str = "Idempotency-Key";
/// The longest key accepted.
pub const MAX_KEY_LEN: usize = 255;
/// How long a key's answer is kept: 24 hours.
pub const KEY_TTL_MS: i64 = 24 * 60 * 60 * 1000;
/// How long a request holds its key while it runs; a request that died is taken over after.
pub const KEY_LOCK_MS: i64 = 30_000;
/// How long a repeat waits for the first request's answer before answering 409.
pub const KEY_WAIT_MS: u32 = 5_000;

/// Checks a key: 1 to 255 printable ASCII characters (`!` to `~` and space).
pub fn parse_key(raw: &str) -> Result<&str, ApiError> {
    let problem = if raw.is_empty() {
        Some("must not be empty")
    } else if raw.len() > MAX_KEY_LEN {
        Some("must be at most 255 characters")
    } else if !raw.bytes().all(|b| (0x20..=0x7e).contains(&b)) {
        Some("must be printable ASCII")
    } else {
        None
    };
    match problem {
        None => Ok(raw),
        Some(problem) => Err(ApiError::validation(
            format!("Invalid header: {HEADER} {problem}"),
            vec![FieldProblem::new(HEADER, problem)],
        )),
    }
}

/// The fingerprint of a request body: the SHA-256 of its JSON with every object's keys
/// sorted, so the same body sent with its keys in another order is the same request.
pub fn body_hash(body: &serde_json::Value) -> String {
    fn canonical(v: &serde_json::Value, out: &mut String) {
        use serde_json::Value;
        match v {
            Value::Object(map) => {
                let mut keys: Vec<&String> = map.keys().collect();
                keys.sort();
                out.push('{');
                for (i, k) in keys.into_iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    out.push_str(&Value::String(k.clone()).to_string());
                    out.push(':');
                    canonical(&map[k], out);
                }
                out.push('}');
            }
            Value::Array(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    canonical(item, out);
                }
                out.push(']');
            }
            other => out.push_str(&other.to_string()),
        }
    }
    let mut text = String::new();
    canonical(body, &mut text);
    crate::tokens::hash(&text)
}

/// The 422 for a key used before with another body.
pub fn reused() -> ApiError {
    ApiError::new(
        ErrorKind::IdempotencyKeyReused,
        "This Idempotency-Key was used with a different request body; use a new key",
    )
}

/// The 409 while the first request with the key is still running.
pub fn in_use() -> ApiError {
    ApiError::new(
        ErrorKind::IdempotencyKeyInUse,
        "A request with this Idempotency-Key is still running; retry shortly",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_body_is_the_same_whatever_the_order_of_its_keys() {
        let a = serde_json::json!({"a": 1, "b": {"x": [1, {"p": true, "q": null}], "y": "s"}});
        let b: serde_json::Value =
            serde_json::from_str(r#"{"b": {"y": "s", "x": [1, {"q": null, "p": true}]}, "a": 1}"#)
                .unwrap();
        assert_eq!(body_hash(&a), body_hash(&b));
        let c = serde_json::json!({"a": 1, "b": {"x": [{"p": true, "q": null}, 1], "y": "s"}});
        assert_ne!(body_hash(&a), body_hash(&c), "array order is meaning");
        assert_ne!(body_hash(&a), body_hash(&serde_json::json!({"a": 2})));
    }

    #[test]
    fn keys_are_1_to_255_printable_ascii_characters() {
        assert_eq!(parse_key("create-7f3a"), Ok("create-7f3a"));
        assert!(parse_key(&"k".repeat(255)).is_ok());
        assert!(parse_key("with space ~!").is_ok());
        for bad in ["", &"k".repeat(256), "tab\there", "é", "nul\0"] {
            let e = parse_key(bad).unwrap_err();
            assert_eq!(e.status(), 400, "{bad:?}");
            assert_eq!(e.details[0].field, HEADER);
        }
        assert_eq!(reused().status(), 422);
        assert_eq!(reused().kind.code(), "idempotency_key_reused");
        assert_eq!(in_use().status(), 409);
        assert_eq!(in_use().kind.code(), "idempotency_key_in_use");
    }
}
