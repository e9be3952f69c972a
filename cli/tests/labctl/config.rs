//! `labctl config`: profiles' settings in config.toml (offline).

use predicates::prelude::*;
use serde_json::json;

use crate::util::{Sandbox, json, stdout};

#[test]
fn set_get_list_and_unset_per_profile() {
    let sb = Sandbox::new();
    sb.labctl(&["config", "list"]).assert().success().stdout("");
    sb.labctl(&["config", "set", "url", "https://labs.example.com/"])
        .assert()
        .success()
        .stderr("Set url = https://labs.example.com for profile default\n");
    sb.labctl(&[
        "--profile",
        "staging",
        "config",
        "set",
        "url",
        "https://staging.example.com",
    ])
    .assert()
    .success();
    sb.labctl(&["config", "set", "timeout", "20s"])
        .env("LABCTL_PROFILE", "staging")
        .assert()
        .success();
    sb.labctl(&["config", "set", "retries", "4"])
        .assert()
        .success();

    sb.labctl(&["config", "get", "url"])
        .assert()
        .success()
        .stdout("https://labs.example.com\n");
    sb.labctl(&["config", "get", "url", "--profile", "staging"])
        .assert()
        .success()
        .stdout("https://staging.example.com\n");
    sb.labctl(&["config", "get", "timeout"])
        .assert()
        .success()
        .stdout("");

    sb.labctl(&["config", "list"]).assert().success().stdout(
        "default\turl\thttps://labs.example.com\n\
         default\tretries\t4\n\
         staging\turl\thttps://staging.example.com\n\
         staging\ttimeout\t20s\n",
    );
    let out = sb.labctl(&["config", "list", "--json"]).output().unwrap();
    assert_eq!(
        json(&out),
        json!({
            "default": {"url": "https://labs.example.com", "retries": 4},
            "staging": {"url": "https://staging.example.com", "timeout": "20s"}
        })
    );
    let out = sb
        .labctl(&["config", "get", "timeout", "--json"])
        .output()
        .unwrap();
    assert_eq!(json(&out), json!({"timeout": null}));

    sb.labctl(&["config", "unset", "retries"])
        .assert()
        .success();
    sb.labctl(&["config", "unset", "retries"])
        .assert()
        .success()
        .stderr("retries is not set for profile default\n");
    let path = stdout(&sb.labctl(&["config", "path"]).output().unwrap());
    assert_eq!(
        path.trim(),
        sb.config_dir().join("config.toml").display().to_string()
    );
    let text = std::fs::read_to_string(sb.config_dir().join("config.toml")).unwrap();
    assert!(text.contains("[profiles.staging]"), "{text}");
}

#[test]
fn bad_keys_and_values_are_usage_errors() {
    let sb = Sandbox::new();
    sb.labctl(&["config", "set", "token", "s3cret"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("labctl auth login"));
    sb.labctl(&["config", "set", "url", "ftp://x"])
        .assert()
        .code(2);
    sb.labctl(&["config", "set", "timeout", "forever"])
        .assert()
        .code(2);
    sb.labctl(&["config", "set", "retries", "-1"])
        .assert()
        .code(2);
    sb.labctl(&["config", "get", "colour"]).assert().code(2);
    assert!(
        !sb.config_dir().join("config.toml").exists(),
        "nothing was written"
    );
}

#[test]
fn a_broken_config_file_is_reported_with_its_path() {
    let sb = Sandbox::new();
    std::fs::create_dir_all(sb.config_dir()).unwrap();
    std::fs::write(sb.config_dir().join("config.toml"), "profiles = 3").unwrap();
    sb.labctl(&["config", "list"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "config.toml is not a valid labctl config",
        ));
}
