//! The checked-in shell completions in `completions/` match what `labctl completions`
//! generates. Refresh them with `LABCTL_BLESS=1 cargo test -p labctl --test labctl completions`.

use std::path::PathBuf;

use crate::util::Sandbox;
use labctl::commands::completions::{FILES, render};

fn completions_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../completions")
}

#[test]
fn checked_in_completions_are_fresh() {
    let bless = std::env::var_os("LABCTL_BLESS").is_some_and(|v| v == "1");
    let mut stale = Vec::new();
    for (shell, file) in FILES {
        let path = completions_dir().join(file);
        let expected = render(shell);
        if bless {
            std::fs::write(&path, &expected).unwrap();
            continue;
        }
        match std::fs::read(&path) {
            Ok(actual) if actual == expected => {}
            _ => stale.push(path.display().to_string()),
        }
    }
    assert!(
        stale.is_empty(),
        "stale shell completions: {}\nrefresh them with `LABCTL_BLESS=1 cargo test -p labctl --test labctl completions` and commit the result",
        stale.join(", ")
    );
}

#[test]
fn the_binary_prints_the_same_scripts() {
    for (shell, _) in FILES {
        let output = Sandbox::new()
            .labctl(&["completions", &shell.to_string()])
            .output()
            .unwrap();
        assert!(output.status.success());
        assert_eq!(output.stdout, render(shell), "{shell}");
    }
}

#[test]
fn an_unknown_shell_is_a_usage_error() {
    Sandbox::new()
        .labctl(&["completions", "tcsh"])
        .assert()
        .code(2);
}
