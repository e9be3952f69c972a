//! `labctl auth login|token|logout` and token storage, without a Worker (`--no-verify`):
//! the 0600 file, the keyring fallback, and that the token never shows where it should not.

use predicates::prelude::*;

use crate::util::{Sandbox, dead_url, json, stderr};

const TOKEN: &str = "tok-3f1c2a-secret";

#[test]
fn login_from_stdin_stores_a_0600_file_and_token_prints_it() {
    let sb = Sandbox::new();
    sb.labctl(&["auth", "login", "--with-token", "--no-verify"])
        .write_stdin(format!("{TOKEN}\n"))
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "warning: the token is stored in plain text in",
        ))
        .stderr(predicate::str::contains("(mode 0600): LABCTL_KEYRING=off"))
        .stderr(predicate::str::contains(TOKEN).not());
    let file = sb.config_dir().join("credentials.toml");
    #[cfg(unix)]
    assert_eq!(crate::util::mode(&file), 0o600);
    assert!(std::fs::read_to_string(&file).unwrap().contains(TOKEN));

    sb.labctl(&["auth", "token"])
        .assert()
        .success()
        .stdout(format!("{TOKEN}\n"));
    // Another profile has no token.
    sb.labctl(&["auth", "token", "--profile", "staging"])
        .assert()
        .code(4)
        .stderr("error: no token for profile `staging`\nhint: log in with `labctl auth login` (add --profile NAME for another profile), or set LABCTL_TOKEN\n");

    sb.labctl(&["auth", "logout"])
        .assert()
        .success()
        .stderr(predicate::str::contains("Logged out of profile default"));
    sb.labctl(&["auth", "token"]).assert().code(4);
    sb.labctl(&["auth", "logout"])
        .assert()
        .success()
        .stderr("No token was stored for profile default\n");
}

#[test]
fn login_never_prompts_without_a_terminal() {
    let sb = Sandbox::new();
    sb.labctl(&["auth", "login", "--no-verify"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--with-token"));
    sb.labctl(&["auth", "login", "--with-token", "--no-verify"])
        .write_stdin("  \n")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("the token is empty"));
}

#[test]
fn the_token_is_never_a_flag() {
    let sb = Sandbox::new();
    sb.labctl(&["auth", "login", "--token", TOKEN])
        .assert()
        .code(2);
    sb.labctl(&["session", "get", "u1", "--token", TOKEN])
        .assert()
        .code(2);
}

#[test]
fn login_with_url_saves_it_in_the_profile() {
    let sb = Sandbox::new();
    sb.labctl(&[
        "auth",
        "login",
        "--with-token",
        "--no-verify",
        "--profile",
        "prod",
        "--url",
        "https://labs.example.com",
    ])
    .write_stdin(TOKEN)
    .assert()
    .success();
    sb.labctl(&["config", "get", "url", "--profile", "prod"])
        .assert()
        .success()
        .stdout("https://labs.example.com\n");
}

#[test]
fn the_token_stays_out_of_errors_and_traces() {
    let sb = Sandbox::new();
    let out = sb
        .labctl(&["session", "get", "u1", "-vv", "--retries", "1"])
        .env("LABCTL_TOKEN", TOKEN)
        .env("LABCTL_URL", dead_url())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(6));
    let err = stderr(&out);
    assert!(err.contains("retrying GET"), "{err}");
    assert!(!err.contains(TOKEN), "{err}");
}

/// The real fallback path: the keyring is wanted (LABCTL_KEYRING unset) but there is no
/// D-Bus session bus to reach a Secret Service on.
#[cfg(target_os = "linux")]
#[test]
fn without_a_reachable_keyring_the_token_goes_to_a_0600_file_with_a_warning() {
    let sb = Sandbox::new();
    let no_bus = format!("unix:path={}", sb.path().join("no-such-bus").display());
    let login = sb
        .labctl(&["auth", "login", "--with-token", "--no-verify"])
        .env_remove("LABCTL_KEYRING")
        .env("DBUS_SESSION_BUS_ADDRESS", &no_bus)
        .write_stdin(TOKEN)
        .output()
        .unwrap();
    assert!(login.status.success(), "{}", stderr(&login));
    let err = stderr(&login);
    assert!(
        err.contains("warning: the token is stored in plain text in"),
        "{err}"
    );
    assert!(err.contains("no OS keyring is available"), "{err}");
    let file = sb.config_dir().join("credentials.toml");
    assert_eq!(crate::util::mode(&file), 0o600);

    // Reading goes through the same fallback.
    sb.labctl(&["auth", "token"])
        .env_remove("LABCTL_KEYRING")
        .env("DBUS_SESSION_BUS_ADDRESS", &no_bus)
        .assert()
        .success()
        .stdout(format!("{TOKEN}\n"));
    let status = sb
        .labctl(&[
            "auth",
            "status",
            "--json",
            "--url",
            &dead_url(),
            "--retries",
            "0",
        ])
        .env_remove("LABCTL_KEYRING")
        .env("DBUS_SESSION_BUS_ADDRESS", &no_bus)
        .output()
        .unwrap();
    assert_eq!(status.status.code(), Some(6));
    assert_eq!(json(&status)["token_source"], "file");
}

/// Logging out where the keyring is wanted but cannot be asked: the file's token goes, and
/// the keyring's failure is reported (exit 1), since a token may still be in it.
#[cfg(target_os = "linux")]
#[test]
fn logout_reports_a_keyring_it_could_not_ask_and_exits_1() {
    let sb = Sandbox::new();
    let no_bus = format!("unix:path={}", sb.path().join("no-such-bus").display());
    let without_keyring = |args: &[&str]| {
        let mut cmd = sb.labctl(args);
        cmd.env_remove("LABCTL_KEYRING")
            .env("DBUS_SESSION_BUS_ADDRESS", &no_bus);
        cmd
    };
    without_keyring(&["auth", "login", "--with-token", "--no-verify"])
        .write_stdin(TOKEN)
        .assert()
        .success();
    let out = without_keyring(&["auth", "logout"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("Logged out of profile default (removed the token from"),
        "the file's token is removed: {err}"
    );
    assert!(
        err.contains(
            "error: could not remove the token of profile `default` from the OS keyring: "
        ),
        "{err}"
    );
    assert!(err.contains("LABCTL_KEYRING=off"), "{err}");
    assert!(!err.contains("No token was stored"), "{err}");
    sb.labctl(&["auth", "token"]).assert().code(4);

    // Nothing in the file: still not "no token was stored", still exit 1.
    let again = without_keyring(&["auth", "logout"]).output().unwrap();
    assert_eq!(again.status.code(), Some(1), "{}", stderr(&again));
    assert!(
        !stderr(&again).contains("No token was stored"),
        "{}",
        stderr(&again)
    );
    // With the keyring off there is nothing it could hold: exit 0.
    sb.labctl(&["auth", "logout"])
        .assert()
        .success()
        .stderr("No token was stored for profile default\n");
}
