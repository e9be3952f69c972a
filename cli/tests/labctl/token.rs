//! `labctl token create|list|revoke` against the shared Worker: the token printed once and
//! alone, scopes enforced (403 → exit 4 with a scope hint), revocation at once, the refusal
//! without `--yes`, no secret in `token list` or in `-vv` traces, `--expires`.

use chrono::DateTime;
// Whether a text is a minted token (`lab_` and 64 hex digits), as labs-core says.
use labs_core::tokens::looks_minted as is_minted;
use serde_json::Value;

use crate::tty::{on_tty, widest_line};
use crate::util::{Sandbox, json, stderr, stdout, worker};

/// Mints a token of `scope` with the root token; returns the whole answer.
fn mint(sb: &Sandbox, scope: &str) -> Value {
    let name = labs_e2e::unique_user(&format!("cli-token-{scope}"));
    let out = sb
        .on_worker(&[
            "token", "create", "--name", &name, "--scope", scope, "--json",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let minted = json(&out);
    assert_eq!(minted["name"], name.as_str());
    assert_eq!(minted["scope"], scope);
    assert!(is_minted(minted["token"].as_str().unwrap()), "{minted}");
    minted
}

fn secret(minted: &Value) -> &str {
    minted["token"].as_str().unwrap()
}

fn id(minted: &Value) -> &str {
    minted["id"].as_str().unwrap()
}

#[test]
fn a_minted_token_is_printed_once_alone_on_stdout_and_never_listed() {
    let sb = Sandbox::new();
    let name = labs_e2e::unique_user("cli-token-plain");
    let out = sb
        .on_worker(&["token", "create", "--name", &name, "--scope", "read"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let printed = stdout(&out);
    let token = printed.strip_suffix('\n').expect("one line");
    assert!(is_minted(token), "stdout is the token alone: {printed:?}");
    assert!(
        stderr(&out).contains(&format!("Created API token {name} (id ")),
        "{}",
        stderr(&out)
    );
    assert!(!stderr(&out).contains(token), "{}", stderr(&out));

    // It works, and the list shows it without its secret.
    sb.with_token(token, &["session", "list", "--limit", "1", "--json"])
        .assert()
        .success();
    let listed = sb.on_worker(&["token", "list", "--json"]).output().unwrap();
    assert_eq!(listed.status.code(), Some(0), "{}", stderr(&listed));
    assert!(!stdout(&listed).contains(token));
    let tokens = json(&listed);
    let tokens = tokens.as_array().expect("an array of tokens");
    let mine = tokens
        .iter()
        .find(|t| t["name"] == name.as_str())
        .expect("the new token is listed");
    assert_eq!(mine["scope"], "read");
    assert_eq!(mine["prefix"].as_str(), Some(&token[..12]));
    assert!(mine["revoked_at"].is_null());
    assert!(
        tokens.iter().all(|t| t.get("token").is_none()),
        "no secrets: {tokens:?}"
    );
    // Piped: one line per token, id first, the computed state fifth.
    let plain = stdout(&sb.on_worker(&["token", "list"]).output().unwrap());
    let line = plain
        .lines()
        .find(|l| l.split('\t').nth(1) == Some(name.as_str()))
        .unwrap_or_else(|| panic!("{plain}"));
    let fields: Vec<&str> = line.split('\t').collect();
    assert_eq!(fields[0], mine["id"].as_str().unwrap());
    assert_eq!(&fields[2..5], ["read", &token[..12], "active"]);
}

#[test]
fn scopes_are_enforced_and_a_403_exits_4_with_a_scope_hint() {
    let sb = Sandbox::new();
    let user = labs_e2e::unique_user("cli-token-scopes");
    sb.create_session(&user);
    let read = mint(&sb, "read");
    let write = mint(&sb, "write");
    let admin = mint(&sb, "admin");

    // read: reading works, deleting is forbidden.
    let got = sb
        .with_token(secret(&read), &["session", "get", &user, "--json"])
        .output()
        .unwrap();
    assert_eq!(got.status.code(), Some(0), "{}", stderr(&got));
    assert_eq!(json(&got)["user_id"], user.as_str());
    let refused = sb
        .with_token(secret(&read), &["session", "delete", &user, "--yes"])
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(4), "{}", stderr(&refused));
    let report = stderr(&refused);
    assert!(report.contains("scope does not allow"), "{report}");
    assert!(
        report.contains("hint: the token is valid but its scope is too small"),
        "{report}"
    );

    // write: no token management.
    let refused = sb
        .with_token(
            secret(&write),
            &["token", "create", "--name", "x", "--scope", "read"],
        )
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(4), "{}", stderr(&refused));
    assert_eq!(stdout(&refused), "");
    sb.with_token(secret(&write), &["token", "list"])
        .assert()
        .code(4);

    // admin: tokens too; write: the delete the read token could not do.
    sb.with_token(secret(&admin), &["token", "list", "--json"])
        .assert()
        .success();
    sb.with_token(secret(&write), &["session", "delete", &user, "--yes"])
        .assert()
        .success();
}

#[test]
fn a_revoked_token_is_refused_from_the_next_request_on() {
    let sb = Sandbox::new();
    let read = mint(&sb, "read");
    sb.with_token(secret(&read), &["session", "list", "--limit", "1"])
        .assert()
        .success();

    let out = sb
        .on_worker(&["token", "revoke", id(&read), "--yes", "--json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let revoked = json(&out);
    assert_eq!(revoked["id"], id(&read));
    assert_eq!(revoked["revoked"], true);
    assert!(revoked["revoked_at"].is_string(), "{revoked}");

    let refused = sb
        .with_token(secret(&read), &["session", "list", "--limit", "1"])
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(4), "{}", stderr(&refused));
    assert!(
        stderr(&refused).contains("labctl auth login"),
        "{}",
        stderr(&refused)
    );

    // Revoking again is fine; an unknown id is 3.
    let again = sb
        .on_worker(&["token", "revoke", id(&read), "--yes"])
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
    assert!(
        stderr(&again).contains("Revoked API token"),
        "{}",
        stderr(&again)
    );
    sb.on_worker(&["token", "revoke", "no-such-token", "--yes"])
        .assert()
        .code(3);
    let listed = json(&sb.on_worker(&["token", "list", "--json"]).output().unwrap());
    let mine = listed
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == id(&read))
        .unwrap()
        .clone();
    assert!(mine["revoked_at"].is_string(), "{mine}");
}

#[test]
fn revoke_refuses_without_yes_when_nobody_can_be_asked() {
    let sb = Sandbox::new();
    let read = mint(&sb, "read");
    let out = sb
        .on_worker(&["token", "revoke", id(&read)])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("refusing to revoke API token"),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("--yes"), "{}", stderr(&out));
    // Nothing was revoked.
    sb.with_token(secret(&read), &["session", "list", "--limit", "1"])
        .assert()
        .success();
}

#[test]
fn verbose_traces_never_show_the_minted_token() {
    let sb = Sandbox::new();
    let name = labs_e2e::unique_user("cli-token-traced");
    let out = sb
        .on_worker(&["-vv", "token", "create", "--name", &name, "--scope", "read"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let token = stdout(&out).trim_end().to_owned();
    assert!(is_minted(&token), "{}", stdout(&out));
    assert_eq!(stdout(&out).matches(&token).count(), 1);
    let trace = stderr(&out);
    assert!(
        trace.contains("POST") && trace.contains("/api/v1/tokens"),
        "{trace}"
    );
    assert!(
        trace.contains("response body:"),
        "-vv traces bodies: {trace}"
    );
    assert!(trace.contains(r#""token":"<redacted>""#), "{trace}");
    assert!(!trace.contains(&token), "{trace}");
    assert!(
        !trace.contains(&token[4..]),
        "not even the hex part: {trace}"
    );
    // The root token is never traced either.
    assert!(!trace.contains(worker().token()), "{trace}");
}

#[test]
fn expires_sets_the_lifetime_and_bad_values_are_refused() {
    let sb = Sandbox::new();
    let name = labs_e2e::unique_user("cli-token-expiring");
    let out = sb
        .on_worker(&[
            "token",
            "create",
            "--name",
            &name,
            "--scope",
            "read",
            "--expires",
            "30d",
            "--json",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let minted = json(&out);
    let at = |key: &str| DateTime::parse_from_rfc3339(minted[key].as_str().unwrap()).unwrap();
    assert_eq!((at("expires_at") - at("created_at")).num_days(), 30);

    for bad in ["0", "3651", "2w", "1.5"] {
        let out = sb
            .on_worker(&[
                "token",
                "create",
                "--name",
                "n",
                "--scope",
                "read",
                "--expires",
                bad,
            ])
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(2),
            "--expires {bad}: {}",
            stderr(&out)
        );
    }
    sb.on_worker(&["token", "create", "--name", "n", "--scope", "root"])
        .assert()
        .code(2);
    // The Worker's own checks: a 400 with its message, exit 1.
    let long = "n".repeat(101);
    let out = sb
        .on_worker(&["token", "create", "--name", &long, "--scope", "read"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("name"), "{}", stderr(&out));
    assert_eq!(stdout(&out), "");
}

#[test]
fn on_a_terminal_create_warns_once_and_revoke_asks_naming_the_token() {
    let sb = Sandbox::new();
    let w = worker();
    let env = [("LABCTL_URL", w.url()), ("LABCTL_TOKEN", w.token())];
    let name = labs_e2e::unique_user("cli-token-tty");
    let out = on_tty(
        &sb,
        &["token", "create", "--name", &name, "--scope", "read"],
        "",
        &env,
    );
    let screen = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{screen}");
    assert!(screen.contains("will not be shown again"), "{screen}");
    let token = screen
        .split_whitespace()
        .find(|w| is_minted(w))
        .unwrap_or_else(|| panic!("the token is on the screen: {screen}"))
        .to_owned();

    let listed = json(&sb.on_worker(&["token", "list", "--json"]).output().unwrap());
    let id = listed
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"] == name.as_str())
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let no = on_tty(&sb, &["token", "revoke", &id], "n", &env);
    let screen = stdout(&no);
    assert!(
        screen.contains(&format!("Revoke API token {name} (lab_")) && screen.contains("[y/N]"),
        "{screen}"
    );
    assert_eq!(no.status.code(), Some(1), "{screen}");
    sb.with_token(&token, &["session", "list", "--limit", "1"])
        .assert()
        .success();
    let yes = on_tty(&sb, &["token", "revoke", &id], "y", &env);
    assert_eq!(yes.status.code(), Some(0), "{}", stdout(&yes));

    // The list fits 80 columns; piped lines keep whole ids and names.
    let screen = stdout(&on_tty(&sb, &["token", "list"], "", &env));
    assert!(
        screen.contains("SCOPE") && screen.contains("revoked"),
        "{screen}"
    );
    assert!(
        widest_line(&screen) <= 80,
        "wider than 80 columns:\n{screen}"
    );
    let piped = stdout(&sb.on_worker(&["token", "list"]).output().unwrap());
    assert!(
        piped
            .lines()
            .any(|l| l.starts_with(&format!("{id}\t{name}\t"))),
        "{piped}"
    );
    sb.with_token(&token, &["session", "list", "--limit", "1"])
        .assert()
        .code(4);
}
