//! Making the archive folder a git repository the team can share: `.gitattributes` names
//! dagsorden's merge driver for the archive's TOML files, `.gitignore` keeps lock hints,
//! refused-save copies and exports out, and the driver is registered in the repository's
//! own configuration (every clone registers it for itself: git does not carry it along).
//! What is there already is kept; only what is missing is added.

use std::path::{Path, PathBuf};

use super::{Repo, init};
use crate::lang::{Lang, Said};
use crate::said;

/// What `setup` did.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Report {
    /// The folder was made a repository.
    pub initialised: bool,
    /// Files written or given the lines they lacked.
    pub wrote: Vec<PathBuf>,
    /// The first commit was made (a repository without one gets the archive as it is).
    pub committed: bool,
    /// Why the first commit could not be made, when it could not.
    pub not_committed: Option<Said>,
}

/// The line of `.gitattributes` that gives the archive's files to the merge driver.
pub const ATTRIBUTE: &str = "*.toml merge=dagsorden";

/// Lines of `.gitignore`: lock hints, the copies a refused save leaves, exports.
pub const IGNORED: &[&str] = &[".*.lock", "*.mine-*", "exports/"];

/// Sets the archive folder `dir` up for git; `exe` is the dagsorden program git is to run
/// as the merge driver.
pub fn setup(dir: &Path, exe: &Path, lang: Lang) -> Result<Report, Said> {
    let mut report = Report::default();
    let repo = match Repo::find(dir) {
        Some(repo) => repo,
        None => {
            report.initialised = true;
            init(dir)?
        }
    };
    let attributes_note = match lang {
        Lang::Da => "# dagsorden fletter mødefiler felt for felt (dagsorden merge-file --help).",
        Lang::En => {
            "# dagsorden merges meeting files field by field (dagsorden merge-file --help)."
        }
    };
    if add_lines(&dir.join(".gitattributes"), attributes_note, &[ATTRIBUTE])? {
        report.wrote.push(dir.join(".gitattributes"));
    }
    let ignore_note = match lang {
        Lang::Da => "# Låsehint, kopier fra afviste gem og eksporter hører ikke til arkivet.",
        Lang::En => "# Lock hints, copies from refused saves and exports are not the archive's.",
    };
    if add_lines(&dir.join(".gitignore"), ignore_note, IGNORED)? {
        report.wrote.push(dir.join(".gitignore"));
    }
    register_driver(&repo, exe)?;
    if !repo.has_commits() && !repo.knows_who() {
        report.not_committed = Some(said!(
            "git kender ikke dit navn og din e-mail; skriv git config --global user.name \"Dit Navn\" og git config --global user.email \"dig@example.dk\", og kør så dagsorden init igen";
            "git does not know your name and e-mail; run git config --global user.name \"Your Name\" and git config --global user.email \"you@example.com\", then dagsorden init again"
        ));
    } else if !repo.has_commits() {
        let message = match lang {
            Lang::Da => "Arkivet lagt i git",
            Lang::En => "The archive put in git",
        };
        match repo
            .run(&["add", "-A"])
            .and_then(|_| repo.run(&["commit", "--quiet", "-m", message]))
        {
            Ok(_) => report.committed = true,
            Err(why) => report.not_committed = Some(why),
        }
    }
    Ok(report)
}

/// Registers `exe merge-file` as the `dagsorden` merge driver in the repository's config.
pub fn register_driver(repo: &Repo, exe: &Path) -> Result<(), Said> {
    let driver = format!("{} merge-file %O %A %B %P", shell_quoted(exe));
    repo.run(&[
        "config",
        "merge.dagsorden.name",
        "dagsorden: archive files merged field by field",
    ])?;
    repo.run(&["config", "merge.dagsorden.driver", &driver])?;
    Ok(())
}

/// Whether the driver is registered in this clone.
pub fn driver_registered(repo: &Repo) -> bool {
    repo.run(&["config", "--get", "merge.dagsorden.driver"])
        .is_ok_and(|d| !d.trim().is_empty())
}

/// `path` for the shell git runs the driver with.
fn shell_quoted(path: &Path) -> String {
    format!("'{}'", path.display().to_string().replace('\'', "'\\''"))
}

/// Adds the lines `file` lacks (with `note` above them in a new file); whether it wrote.
fn add_lines(file: &Path, note: &str, lines: &[&str]) -> Result<bool, Said> {
    let text = match std::fs::read_to_string(file) {
        Ok(t) => Some(t),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(at(file, &Said::io(&e))),
    };
    let have = text.as_deref().unwrap_or("");
    let missing: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|l| !have.lines().any(|h| h.trim() == *l))
        .collect();
    if missing.is_empty() {
        return Ok(false);
    }
    let mut new = match &text {
        None => format!("{note}\n"),
        Some(t) if t.is_empty() || t.ends_with('\n') => t.clone(),
        Some(t) => format!("{t}\n"),
    };
    for l in missing {
        new.push_str(l);
        new.push('\n');
    }
    crate::store::atomic::write_atomic(file, new.as_bytes())
        .map_err(|e| at(file, &Said::io(&e)))?;
    Ok(true)
}

fn at(file: &Path, why: &Said) -> Said {
    let f = file.display();
    said!("{f}: {}", why.da; "{f}: {}", why.en)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_missing_lines_are_added() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join(".gitignore");
        std::fs::write(&file, "target\n.*.lock").unwrap();
        assert!(add_lines(&file, "# n", IGNORED).unwrap());
        assert_eq!(
            std::fs::read_to_string(&file).unwrap(),
            "target\n.*.lock\n*.mine-*\nexports/\n"
        );
        assert!(!add_lines(&file, "# n", IGNORED).unwrap(), "nothing twice");
    }

    #[test]
    fn a_path_is_quoted_for_the_shell() {
        assert_eq!(shell_quoted(Path::new("/a b/it's")), "'/a b/it'\\''s'");
    }
}
