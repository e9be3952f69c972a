//! Resolution order, seen through `auth status --json` (offline: the URLs are dead, so the
//! command exits 6 after printing what it resolved): flags > env > profile > defaults.

use serde_json::Value;

use crate::util::{Sandbox, dead_url, json};

fn status(sb: &Sandbox, args: &[&str], env: &[(&str, &str)]) -> Value {
    let mut cmd = sb.labctl(&["auth", "status", "--json", "--retries", "0"]);
    cmd.args(args);
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
    assert!(matches!(out.status.code(), Some(4 | 6)), "{out:?}");
    json(&out)
}

#[test]
fn url_and_profile_resolution_order() {
    let sb = Sandbox::new();
    let (default_url, staging_url, env_url, flag_url) =
        (dead_url(), dead_url(), dead_url(), dead_url());
    sb.labctl(&["config", "set", "url", &default_url])
        .assert()
        .success();
    sb.labctl(&["config", "set", "url", &staging_url, "--profile", "staging"])
        .assert()
        .success();

    let s = status(&sb, &[], &[]);
    assert_eq!(
        (s["profile"].as_str(), s["url"].as_str()),
        (Some("default"), Some(&*default_url))
    );
    assert_eq!(s["url_source"], "profile default");

    let s = status(&sb, &[], &[("LABCTL_PROFILE", "staging")]);
    assert_eq!(
        (s["profile"].as_str(), s["url"].as_str()),
        (Some("staging"), Some(&*staging_url))
    );

    let s = status(
        &sb,
        &["--profile", "staging"],
        &[("LABCTL_PROFILE", "nope")],
    );
    assert_eq!(s["url"].as_str(), Some(&*staging_url));

    let s = status(&sb, &["--profile", "staging"], &[("LABCTL_URL", &env_url)]);
    assert_eq!(
        (s["url"].as_str(), s["url_source"].as_str()),
        (Some(&*env_url), Some("env LABCTL_URL"))
    );

    let s = status(&sb, &["--url", &flag_url], &[("LABCTL_URL", &env_url)]);
    assert_eq!(
        (s["url"].as_str(), s["url_source"].as_str()),
        (Some(&*flag_url), Some("flag --url"))
    );

    let s = status(&sb, &["--profile", "fresh"], &[]);
    assert_eq!(
        (s["url"].as_str(), s["url_source"].as_str()),
        (Some("http://127.0.0.1:8787"), Some("default"))
    );
}

#[test]
fn token_resolution_order() {
    let sb = Sandbox::new();
    let s = status(&sb, &[], &[]);
    assert_eq!(s["token_source"], Value::Null);
    assert_eq!(s["accepted"], Value::Null);

    sb.labctl(&["auth", "login", "--with-token", "--no-verify"])
        .write_stdin("stored-token")
        .assert()
        .success();
    let s = status(&sb, &[], &[]);
    assert_eq!(s["token_source"], "file");
    assert_eq!(
        s["token_file"].as_str().unwrap(),
        sb.config_dir().join("credentials.toml").to_str().unwrap()
    );
    sb.labctl(&["auth", "token"])
        .assert()
        .stdout("stored-token\n");

    let s = status(&sb, &[], &[("LABCTL_TOKEN", "env-token")]);
    assert_eq!(s["token_source"], "env");
    sb.labctl(&["auth", "token"])
        .env("LABCTL_TOKEN", "env-token")
        .assert()
        .stdout("env-token\n");

    // Tokens belong to profiles.
    let s = status(&sb, &["--profile", "staging"], &[]);
    assert_eq!(s["token_source"], Value::Null);
}
