//! What happens on a terminal: the delete confirmation, the hidden token prompt, tables and
//! colour (NO_COLOR, --color never). Runs `labctl` under a pseudo-terminal made by
//! util-linux `script` (installed by `scripts/setup`, `scripts/test` and `scripts/dev`:
//! Debian's bsdutils); without it these tests fail, naming it. No Worker needed here;
//! [`on_tty`] also serves `list`'s and `token`'s terminal tests, which need one.

use std::process::Output;

use crate::util::{Sandbox, dead_url, stdout};

/// Runs `labctl ARGS` on a pseudo-terminal of 80 columns (`TTY_COLS` in `env` changes
/// that), typing `input`. stdout and stderr both arrive in `stdout` (a terminal has one
/// screen). Panics when `script` is missing.
pub fn on_tty(sb: &Sandbox, args: &[&str], input: &str, env: &[(&str, &str)]) -> Output {
    let mut probe = sb.program("script".as_ref());
    probe.arg("--version").envs(env.iter().copied());
    let found = probe.output().is_ok_and(|out| out.status.success());
    assert!(
        found,
        "util-linux `script` is missing: the terminal tests need it to make a pseudo-terminal. \
         Install it with `source scripts/lib.sh && ensure_script_tool` \
         (apt-get install bsdutils)"
    );
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
            r#"{ if [ -n "$TTY_INPUT" ]; then sleep 0.7; printf '%s' "$TTY_INPUT"; sleep 0.3; fi; } | script -qec "stty cols ${TTY_COLS:-80} rows 24; $TTY_LINE" /dev/null"#,
        ]);
    for (k, v) in env {
        script.env(k, v);
    }
    script.output().expect("run labctl under `script`")
}

/// The widest line of a terminal screen, in columns: colour and cursor sequences take no
/// room, and a carriage return starts the line over.
pub fn widest_line(screen: &str) -> usize {
    screen
        .lines()
        .flat_map(|line| line.split('\r'))
        .map(|segment| {
            let mut visible = String::new();
            let mut chars = segment.chars();
            while let Some(c) = chars.next() {
                if c == '\x1b' {
                    // CSI: ESC [ parameters final-byte.
                    if chars.next() == Some('[') {
                        for c in chars.by_ref() {
                            if ('@'..='~').contains(&c) {
                                break;
                            }
                        }
                    }
                } else {
                    visible.push(c);
                }
            }
            labctl::table::width(&visible)
        })
        .max()
        .unwrap_or(0)
}

#[test]
#[should_panic(expected = "util-linux `script` is missing")]
fn without_script_a_terminal_test_fails_naming_it() {
    let sb = Sandbox::new();
    let empty = sb.path().join("empty-bin");
    std::fs::create_dir_all(&empty).unwrap();
    on_tty(
        &sb,
        &["--version"],
        "",
        &[("PATH", empty.to_str().unwrap())],
    );
}

#[test]
fn delete_asks_on_a_terminal() {
    let sb = Sandbox::new();
    let env = [
        ("LABCTL_URL", &*dead_url()),
        ("LABCTL_TOKEN", "t"),
        ("LABCTL_RETRIES", "0"),
    ];
    let no = on_tty(&sb, &["session", "delete", "user-1"], "n", &env);
    let screen = stdout(&no);
    assert!(
        screen.contains("Delete the lab session of user-1? Its VMs will be deleted too [y/N]"),
        "{screen}"
    );
    assert!(screen.contains("cancelled"), "{screen}");
    assert_eq!(no.status.code(), Some(1));

    // "y" goes ahead: the dead URL then gives 6, which shows a request was made.
    let yes = on_tty(&sb, &["session", "delete", "user-1"], "y", &env);
    assert_eq!(yes.status.code(), Some(6), "{}", stdout(&yes));

    // --no-input: no question even on a terminal.
    let refused = on_tty(
        &sb,
        &["session", "delete", "user-1", "--no-input"],
        "y",
        &env,
    );
    assert_eq!(refused.status.code(), Some(2), "{}", stdout(&refused));
    assert!(!stdout(&refused).contains("[y/N]"));
}

#[test]
fn login_prompts_for_a_hidden_token_on_a_terminal() {
    let sb = Sandbox::new();
    let out = on_tty(
        &sb,
        &["auth", "login", "--no-verify"],
        "typed-secret-token\n",
        &[],
    );
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
    let out = on_tty(&sb, &["config", "list"], "", &[]);
    let screen = stdout(&out);
    assert!(
        screen.contains('│') && screen.contains("PROFILE"),
        "{screen}"
    );
    assert!(screen.contains("\x1b["), "colour on a terminal: {screen:?}");

    let no_color = on_tty(&sb, &["config", "list"], "", &[("NO_COLOR", "1")]);
    assert!(stdout(&no_color).contains('│'));
    assert!(
        !stdout(&no_color).contains("\x1b[1m"),
        "{:?}",
        stdout(&no_color)
    );

    let never = on_tty(&sb, &["config", "list", "--color", "never"], "", &[]);
    assert!(!stdout(&never).contains("\x1b[1m"), "{:?}", stdout(&never));

    let json = on_tty(&sb, &["config", "list", "--json"], "", &[]);
    assert!(!stdout(&json).contains('│'));
    assert!(stdout(&json).contains("\"url\": \"https://labs.example.com\""));
}

/// `ensure_script_tool` (scripts/lib.sh), with a PATH holding only stand-ins for `apt-get`
/// and `id`; returns the `apt-get` command lines it ran.
fn ensure_script_tool_with(sb: &Sandbox, script_present: bool) -> Vec<String> {
    let bin = sb.path().join("fake-bin");
    std::fs::create_dir_all(&bin).unwrap();
    let log = sb.path().join("apt-get.log");
    let fake = |name: &str, body: &str| {
        let path = bin.join(name);
        std::fs::write(&path, format!("#!/bin/bash\n{body}\n")).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
    };
    fake("apt-get", &format!("echo \"$*\" >> '{}'", log.display()));
    fake("id", "echo 0");
    if script_present {
        fake("script", "exit 0");
    }
    let lib = concat!(env!("CARGO_MANIFEST_DIR"), "/../scripts/lib.sh");
    let out = std::process::Command::new("bash")
        .args([
            "-c",
            r#"source "$1" && PATH="$2" && ensure_script_tool"#,
            "bash",
        ])
        .arg(lib)
        .arg(&bin)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", crate::util::stderr(&out));
    std::fs::read_to_string(&log)
        .unwrap_or_default()
        .lines()
        .map(str::to_owned)
        .collect()
}

#[test]
fn the_scripts_install_script_with_apt_when_it_is_missing() {
    assert_eq!(
        ensure_script_tool_with(&Sandbox::new(), false),
        ["update", "install -y bsdutils"]
    );
    assert_eq!(
        ensure_script_tool_with(&Sandbox::new(), true),
        Vec::<String>::new(),
        "nothing to install when `script` is there"
    );
}

#[test]
fn tables_fit_an_80_column_terminal_and_pipes_keep_whole_values() {
    let sb = Sandbox::new();
    let long = format!(
        "https://labs-{}.example.com/an/unusually/long/path/to/the/api",
        "x".repeat(40)
    );
    for profile in [
        "default",
        "a-profile-name-that-is-much-longer-than-any-column-should-be",
    ] {
        sb.labctl(&["--profile", profile, "config", "set", "url", &long])
            .assert()
            .success();
    }
    let screen = stdout(&on_tty(&sb, &["config", "list"], "", &[]));
    assert!(
        screen.contains("PROFILE") && screen.contains('…'),
        "{screen}"
    );
    assert!(
        widest_line(&screen) <= 80,
        "wider than 80 columns:\n{screen}"
    );
    let narrow = stdout(&on_tty(&sb, &["config", "list"], "", &[("TTY_COLS", "50")]));
    assert!(
        widest_line(&narrow) <= 50,
        "wider than 50 columns:\n{narrow}"
    );
    // Piped: every value whole.
    let piped = stdout(&sb.labctl(&["config", "list"]).output().unwrap());
    assert_eq!(piped.matches(long.as_str()).count(), 2, "{piped}");
}
