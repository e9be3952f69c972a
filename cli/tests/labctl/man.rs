//! The checked-in man pages in `man/` (one per command and subcommand: `labctl.1`,
//! `labctl-session.1`, `labctl-session-create.1`, ...) match what clap_mangen makes of the
//! clap definitions. Refresh them with `LABCTL_BLESS=1 cargo test -p labctl --test labctl man`.

use std::collections::BTreeMap;
use std::path::PathBuf;

use clap::CommandFactory as _;
use labctl::cli::Cli;

fn man_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../man")
}

/// Every page, by file name: the command and each subcommand, with the global options each
/// accepts (clap_mangen's own `generate_to`, rendered into memory).
fn pages() -> BTreeMap<String, Vec<u8>> {
    fn walk(cmd: &clap::Command, pages: &mut BTreeMap<String, Vec<u8>>) {
        for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
            walk(sub, pages);
        }
        let man = clap_mangen::Man::new(cmd.clone());
        let mut page = Vec::new();
        man.render(&mut page).expect("render a man page");
        pages.insert(man.get_filename(), page);
    }
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    let mut pages = BTreeMap::new();
    walk(&cmd, &mut pages);
    pages
}

#[test]
fn checked_in_man_pages_are_fresh() {
    let bless = std::env::var_os("LABCTL_BLESS").is_some_and(|v| v == "1");
    let pages = pages();
    let dir = man_dir();
    let on_disk: Vec<String> = std::fs::read_dir(&dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok()?.file_name().into_string().ok())
                .filter(|name| name.ends_with(".1"))
                .collect()
        })
        .unwrap_or_default();
    if bless {
        std::fs::create_dir_all(&dir).unwrap();
        for name in on_disk.iter().filter(|n| !pages.contains_key(*n)) {
            std::fs::remove_file(dir.join(name)).unwrap();
        }
        for (name, page) in &pages {
            std::fs::write(dir.join(name), page).unwrap();
        }
        return;
    }
    let mut stale: Vec<String> = pages
        .iter()
        .filter(|(name, page)| std::fs::read(dir.join(name)).ok().as_ref() != Some(*page))
        .map(|(name, _)| name.clone())
        .collect();
    stale.extend(
        on_disk
            .iter()
            .filter(|n| !pages.contains_key(*n))
            .map(|n| format!("{n} (no such command)")),
    );
    assert!(
        stale.is_empty(),
        "stale man pages in man/: {}\nrefresh them with `LABCTL_BLESS=1 cargo test -p labctl --test labctl man` and commit the result",
        stale.join(", ")
    );
}

#[test]
fn every_command_has_a_page_with_its_own_and_the_global_options() {
    let pages = pages();
    for name in [
        "labctl.1",
        "labctl-session.1",
        "labctl-session-create.1",
        "labctl-session-list.1",
        "labctl-cleanup-run.1",
        "labctl-cleanup-queue.1",
        "labctl-token-create.1",
        "labctl-auth-login.1",
        "labctl-config-set.1",
        "labctl-completions.1",
        "labctl-api.1",
        "labctl-health.1",
    ] {
        assert!(pages.contains_key(name), "{name} in {:?}", pages.keys());
    }
    let create = String::from_utf8(pages["labctl-token-create.1"].clone()).unwrap();
    assert!(create.starts_with(".ie \\n(.g .ds Aq \\(aq"), "a roff page");
    assert!(create.contains(".TH labctl-token-create 1"), "{create}");
    for option in ["\\-\\-scope", "\\-\\-expires", "\\-\\-jq", "\\-\\-timeout"] {
        assert!(create.contains(option), "{option} in {create}");
    }
    let run = String::from_utf8(pages["labctl-cleanup-run.1"].clone()).unwrap();
    assert!(run.contains("CLEANUP_TIMEOUT_MS"), "{run}");
    // No page for clap's `help` subcommand.
    assert!(
        !pages.keys().any(|name| name.contains("-help")),
        "{:?}",
        pages.keys()
    );
}
