//! `labctl health` against the real Worker: no token needed; `--json` is the health object.

use crate::util::{Sandbox, json, stdout, worker};

#[test]
fn health_needs_no_token() {
    let sb = Sandbox::new();
    let out = sb
        .labctl(&["health", "--json"])
        .env("LABCTL_URL", worker().url())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let h = json(&out);
    assert_eq!(h["status"], "healthy");
    assert_eq!(h["service"], "lab-sessions-api");
    assert!(h["timestamp"].as_str().is_some());

    let out = sb
        .labctl(&["health"])
        .env("LABCTL_URL", worker().url())
        .output()
        .unwrap();
    let text = stdout(&out);
    assert!(
        text.starts_with(&format!(
            "url\t{}\nstatus\thealthy\nservice\tlab-sessions-api\ntimestamp\t",
            worker().url()
        )),
        "{text}"
    );
}
