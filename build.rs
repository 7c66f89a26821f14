//! Names the build in `dagsorden --version`: the commit and its date when built from a git
//! checkout ("0.1.0 (8a6050d 2026-12-02)"), the bare version otherwise (a crate download).

// cargo reads a build script's instructions from its standard output.
#![allow(clippy::disallowed_macros)]

use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=.git/HEAD");
    println!("cargo:rerun-if-changed=.git/refs/heads");
    let build = Command::new("git")
        .args(["log", "-1", "--format=%h %cs"])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty());
    let suffix = match build {
        Some(commit) => format!(" ({commit})"),
        None => String::new(),
    };
    println!("cargo:rustc-env=DAGSORDEN_BUILD={suffix}");
}
