//! `dagsorden merge-file BASE OURS THEIRS [PATH]`: git's merge driver for the archive's
//! files. The merge is written into OURS, as git expects; exit 0 when it is made (a field
//! changed two ways is recorded in the file and reported by `check`), else git's own line
//! merge is run and its exit status returned, so that git marks the file as conflicted.

use std::path::Path;
use std::process::ExitCode;

use crate::cli::MergeFileArgs;
use dagsorden::lang::Lang;
use dagsorden::merge::merge;

pub fn merge_file(args: &MergeFileArgs) -> anyhow::Result<ExitCode> {
    // The archive's forum.toml: beside the file or above it (the archive may be a folder of
    // the repository, which git runs the driver at the top of).
    let lang = args
        .path
        .as_deref()
        .into_iter()
        .flat_map(Path::ancestors)
        .skip(1)
        .map(|dir| dir.join("forum.toml"))
        .find(|f| f.is_file())
        .map_or_else(Lang::default, |f| forum_language(&f));
    let name = args
        .path
        .as_ref()
        .unwrap_or(&args.ours)
        .display()
        .to_string();
    let read = |p: &Path| {
        std::fs::read(p)
            .ok()
            .and_then(|b| String::from_utf8(b).ok())
    };
    let texts = (read(&args.base), read(&args.ours), read(&args.theirs));
    let (Some(base), Some(ours), Some(theirs)) = texts else {
        return Ok(line_merge(args));
    };
    // In a rebase, git's "ours" is the others' work the commit is replayed onto, and
    // "theirs" the user's own commit: the user's version is the one kept in the field and
    // recorded as `mine`, as in a merge.
    let merged = if rebasing() {
        merge(&base, &theirs, &ours, lang)
    } else {
        merge(&base, &ours, &theirs, lang)
    };
    match merged {
        Ok(merged) => {
            dagsorden::store::atomic::write_atomic(&args.ours, merged.text.as_bytes())?;
            if !merged.conflicts.is_empty() {
                let fields = merged.conflicts.join(", ");
                let line = match lang {
                    Lang::Da => format!(
                        "{name}: ændret to steder, skrevet i filen som [[conflicts]]: {fields}\n"
                    ),
                    Lang::En => format!(
                        "{name}: changed in two places, recorded in the file as [[conflicts]]: {fields}\n"
                    ),
                };
                super::error(&line);
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(why) => {
            super::error(&format!("{name}: {}\n", why.0.get(lang)));
            Ok(line_merge(args))
        }
    }
}

/// Whether git is in the middle of a rebase here (the driver runs in the work tree).
fn rebasing() -> bool {
    ["rebase-merge", "rebase-apply"].iter().any(|dir| {
        std::process::Command::new("git")
            .args(["rev-parse", "--git-path", dir])
            .output()
            .ok()
            .filter(|o| o.status.success())
            .is_some_and(|o| Path::new(String::from_utf8_lossy(&o.stdout).trim()).is_dir())
    })
}

/// git's own three-way line merge into OURS, with its conflict markers.
fn line_merge(args: &MergeFileArgs) -> ExitCode {
    let status = std::process::Command::new("git")
        .args(["merge-file", "-L", "ours", "-L", "base", "-L", "theirs"])
        .arg(&args.ours)
        .arg(&args.base)
        .arg(&args.theirs)
        .status();
    match status {
        Ok(s) if s.success() => ExitCode::SUCCESS,
        _ => ExitCode::from(1),
    }
}

/// The forum's language, from its forum.toml; Danish when it cannot be read.
fn forum_language(forum: &Path) -> Lang {
    std::fs::read_to_string(forum)
        .ok()
        .and_then(|t| t.parse::<toml::Table>().ok())
        .and_then(|t| t.get("language")?.as_str()?.parse().ok())
        .unwrap_or_default()
}
