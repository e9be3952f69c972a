//! What happens on a terminal: the delete confirmation, the hidden token prompt, tables and
//! colour (NO_COLOR, --color never). Runs `labctl` under a pseudo-terminal made by
//! util-linux `script`; skipped (with a note) where `script` is missing. No Worker needed
//! here; [`on_tty`] also serves `token`'s terminal tests, which need one.

use std::process::Output;

use crate::util::{Sandbox, dead_url, stdout};

/// Runs `labctl ARGS` on a pseudo-terminal, typing `input`. stdout and stderr both arrive
/// in `stdout` (a terminal has one screen). `None` when `script` is unavailable.
pub fn on_tty(sb: &Sandbox, args: &[&str], input: &str, env: &[(&str, &str)]) -> Option<Output> {
    if std::process::Command::new("script")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("note: util-linux `script` is missing; skipping a terminal test");
        return None;
    }
    let bin = assert_cmd::cargo::cargo_bin("labctl");
    let quote = |s: &str| format!("'{}'", s.replace('\'', r"'\''"));
    let line = std::iter::once(bin.to_str().unwrap())
        .chain(args.iter().copied())
        .map(quote)
        .collect::<Vec<_>>()
        .join(" ");
    // The input is typed after a pause: a password prompt flushes what was typed before it
    // (TCSAFLUSH), as a terminal would.
    let mut script = sb.program("bash".as_ref());
    script
        .env("TERM", "xterm")
        .env("TTY_INPUT", input)
        .env("TTY_LINE", &line)
        .args([
            "-c",
            r#"{ if [ -n "$TTY_INPUT" ]; then sleep 0.7; printf '%s' "$TTY_INPUT"; sleep 0.3; fi; } | script -qec "$TTY_LINE" /dev/null"#,
        ]);
    for (k, v) in env {
        script.env(k, v);
    }
    Some(script.output().unwrap())
}

#[test]
fn delete_asks_on_a_terminal() {
    let sb = Sandbox::new();
    let env = [
        ("LABCTL_URL", &*dead_url()),
        ("LABCTL_TOKEN", "t"),
        ("LABCTL_RETRIES", "0"),
    ];
    let Some(no) = on_tty(&sb, &["session", "delete", "user-1"], "n", &env) else {
        return;
    };
    let screen = stdout(&no);
    assert!(
        screen.contains("Delete the lab session of user-1? Its VMs will be deleted too [y/N]"),
        "{screen}"
    );
    assert!(screen.contains("cancelled"), "{screen}");
    assert_eq!(no.status.code(), Some(1));

    // "y" goes ahead: the dead URL then gives 6, which shows a request was made.
    let yes = on_tty(&sb, &["session", "delete", "user-1"], "y", &env).unwrap();
    assert_eq!(yes.status.code(), Some(6), "{}", stdout(&yes));

    // --no-input: no question even on a terminal.
    let refused = on_tty(
        &sb,
        &["session", "delete", "user-1", "--no-input"],
        "y",
        &env,
    )
    .unwrap();
    assert_eq!(refused.status.code(), Some(2), "{}", stdout(&refused));
    assert!(!stdout(&refused).contains("[y/N]"));
}

#[test]
fn login_prompts_for_a_hidden_token_on_a_terminal() {
    let sb = Sandbox::new();
    let Some(out) = on_tty(
        &sb,
        &["auth", "login", "--no-verify"],
        "typed-secret-token\n",
        &[],
    ) else {
        return;
    };
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let screen = stdout(&out);
    assert!(screen.contains("Token for profile default"), "{screen}");
    assert!(
        !screen.contains("typed-secret-token"),
        "the token is not echoed: {screen}"
    );
    sb.labctl(&["auth", "token"])
        .assert()
        .stdout("typed-secret-token\n");
}

#[test]
fn tables_and_colour_on_a_terminal() {
    let sb = Sandbox::new();
    sb.labctl(&["config", "set", "url", "https://labs.example.com"])
        .assert()
        .success();
    let Some(out) = on_tty(&sb, &["config", "list"], "", &[]) else {
        return;
    };
    let screen = stdout(&out);
    assert!(
        screen.contains('│') && screen.contains("PROFILE"),
        "{screen}"
    );
    assert!(screen.contains("\x1b["), "colour on a terminal: {screen:?}");

    let no_color = on_tty(&sb, &["config", "list"], "", &[("NO_COLOR", "1")]).unwrap();
    assert!(stdout(&no_color).contains('│'));
    assert!(
        !stdout(&no_color).contains("\x1b[1m"),
        "{:?}",
        stdout(&no_color)
    );

    let never = on_tty(&sb, &["config", "list", "--color", "never"], "", &[]).unwrap();
    assert!(!stdout(&never).contains("\x1b[1m"), "{:?}", stdout(&never));

    let json = on_tty(&sb, &["config", "list", "--json"], "", &[]).unwrap();
    assert!(!stdout(&json).contains('│'));
    assert!(stdout(&json).contains("\"url\": \"https://labs.example.com\""));
}
