//! `cargo run --release --example gen_archive -- --meetings N --out DIR [--seed S]`: writes a
//! realistic archive of N meetings (see `generate.rs`) for benchmarks and trials at a
//! municipality's scale. `DIR` must not exist yet, so nothing is ever written over.

// A developer's tool: it prints only what it wrote and why it failed.
#![allow(clippy::disallowed_macros)]

mod generate;
mod text;

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut meetings: Option<usize> = None;
    let mut out: Option<PathBuf> = None;
    let mut seed = 1_u64;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let value = args.next();
        match (arg.as_str(), value) {
            ("--meetings", Some(v)) => meetings = v.parse().ok(),
            ("--out", Some(v)) => out = Some(PathBuf::from(v)),
            ("--seed", Some(v)) => match v.parse() {
                Ok(s) => seed = s,
                Err(_) => return usage("--seed takes a whole number"),
            },
            _ => return usage(&format!("unknown or incomplete argument: {arg}")),
        }
    }
    let (Some(meetings), Some(out)) = (meetings, out) else {
        return usage("--meetings N and --out DIR are needed");
    };
    if out.exists() {
        return usage(&format!(
            "{} exists already; give a new folder",
            out.display()
        ));
    }
    match generate::write_archive(&out, meetings, seed) {
        Ok(w) => {
            println!(
                "{} meetings, {} files, {:.1} MB in {}",
                w.meetings,
                w.files,
                w.bytes as f64 / 1e6,
                out.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("gen_archive: {}: {e}", out.display());
            ExitCode::FAILURE
        }
    }
}

fn usage(why: &str) -> ExitCode {
    eprintln!(
        "gen_archive: {why}\nusage: cargo run --release --example gen_archive -- --meetings N --out DIR [--seed S]"
    );
    ExitCode::from(2)
}
