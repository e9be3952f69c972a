//! Embeds every migration of `../migrations/` (wrangler's `NNNN_name.sql` files, applied in
//! name order) so `SqliteDb::migrated_in_memory` needs no file system, and a new migration
//! is picked up without editing code.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::{env, fs};

fn main() {
    let manifest_dir =
        PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let dir = manifest_dir.join("../migrations");
    // A directory here makes cargo rerun this script when any file in it changes or is added.
    println!("cargo::rerun-if-changed={}", dir.display());

    let mut names: Vec<String> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("reading {}: {e}", dir.display()))
        .map(|entry| entry.unwrap_or_else(|e| panic!("reading {}: {e}", dir.display())))
        .filter(|entry| entry.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|entry| entry.file_name().into_string().ok())
        .filter(|name| name.ends_with(".sql"))
        .collect();
    names.sort();

    let mut out = String::from("&[\n");
    for name in &names {
        let path = fs::canonicalize(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        writeln!(
            out,
            "    Migration {{ name: {name:?}, sql: include_str!({:?}) }},",
            path_str(&path)
        )
        .expect("writing to a String");
    }
    out.push_str("]\n");

    let out_path =
        PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR")).join("migrations.rs");
    fs::write(&out_path, out).unwrap_or_else(|e| panic!("writing {}: {e}", out_path.display()));
}

fn path_str(path: &Path) -> &str {
    path.to_str().expect("the migrations' path is UTF-8")
}
