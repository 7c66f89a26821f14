//! Sync: what is not committed is committed, the colleagues' changes are fetched and our
//! commits put on top of them (rebase, else a merge; dagsorden's driver merges the meeting
//! files field by field), and ours are pushed. Never a force push; a sync that cannot finish
//! is taken back (`rebase --abort`, `merge --abort`), so no local commit is ever lost.

use std::collections::BTreeSet;
use std::path::PathBuf;

use super::Repo;
use crate::lang::{Lang, Said};
use crate::said;

/// What a sync did.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Synced {
    /// Commits fetched from the remote, and who made them.
    pub fetched: usize,
    pub from: Vec<String>,
    /// Commits sent.
    pub sent: usize,
    /// Archive files the fetched commits changed (relative to the archive folder).
    pub changed: Vec<PathBuf>,
    /// Changes made outside dagsorden, committed first.
    pub committed_outside: usize,
    /// Fields the merge found changed two ways, recorded in the fetched files to be resolved.
    pub conflicts: usize,
}

impl Synced {
    /// The result in one line: "3 ændringer hentet fra Anne, 2 sendt".
    pub fn line(&self, lang: Lang) -> String {
        let from = self.from.join(", ");
        let fetched = match (lang, self.fetched) {
            (_, 0) => None,
            (Lang::Da, n) => Some(format!(
                "{} hentet fra {from}",
                crate::lang::counted(n, "ændring", "ændringer")
            )),
            (Lang::En, n) => Some(format!(
                "{} fetched from {from}",
                crate::lang::counted(n, "change", "changes")
            )),
        };
        let sent = match (lang, self.sent) {
            (_, 0) => None,
            (Lang::Da, n) => Some(format!("{n} sendt")),
            (Lang::En, n) => Some(format!("{n} sent")),
        };
        let line = match (fetched, sent) {
            (None, None) => match lang {
                Lang::Da => "Synkroniseret: intet nyt hverken her eller hos de andre".to_owned(),
                Lang::En => "In sync: nothing new here or from the others".to_owned(),
            },
            (Some(f), None) => f,
            (None, Some(s)) => match lang {
                Lang::Da => format!("{s}, intet nyt hentet"),
                Lang::En => format!("{s}, nothing new fetched"),
            },
            (Some(f), Some(s)) => format!("{f}, {s}"),
        };
        match (lang, self.conflicts) {
            (_, 0) => line,
            (Lang::Da, n) => format!(
                "{line}; {} ændret to steder: tast C i dagsorden for at vælge udgave",
                crate::lang::counted(n, "felt", "felter")
            ),
            (Lang::En, n) => format!(
                "{line}; {} changed two ways: press C in dagsorden to choose a version",
                crate::lang::counted(n, "field", "fields")
            ),
        }
    }
}

/// Why a sync did not finish.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotSynced {
    /// No remote to sync with.
    NoRemote,
    /// The remote could not be reached; the work stays here, committed.
    Offline(Said),
    /// The colleagues' changes could not be put together with ours (taken back).
    Refused(Said),
    Failed(Said),
}

impl NotSynced {
    pub fn said(&self) -> Said {
        match self {
            NotSynced::NoRemote => said!(
                "arkivet har ingen fjernkopi at synkronisere med; tilføj en med git remote add origin ADRESSE";
                "the archive has no remote to sync with; add one with git remote add origin URL"
            ),
            NotSynced::Offline(why) => said!(
                "ingen forbindelse ({}); dine ændringer er gemt her og sendes ved næste synkronisering", why.da;
                "no connection ({}); your changes are kept here and sent at the next sync", why.en
            ),
            NotSynced::Refused(why) => said!(
                "de andres ændringer kunne ikke lægges sammen med dine ({}); intet er ændret, og dine ændringer er i behold", why.da;
                "the others' changes could not be put together with yours ({}); nothing changed, and your changes are kept", why.en
            ),
            NotSynced::Failed(why) => why.clone(),
        }
    }
}

/// The remote and branch to sync with: the branch's upstream, else `origin` and the same
/// branch name.
fn upstream(repo: &Repo) -> Result<(String, String), NotSynced> {
    if let Ok(up) = repo.run(&["rev-parse", "--abbrev-ref", "--symbolic-full-name", "@{u}"])
        && let Some((remote, branch)) = up.trim().split_once('/')
    {
        return Ok((remote.to_owned(), branch.to_owned()));
    }
    let remotes = repo.run(&["remote"]).map_err(NotSynced::Failed)?;
    let remote = remotes
        .lines()
        .find(|r| *r == "origin")
        .or_else(|| remotes.lines().next())
        .ok_or(NotSynced::NoRemote)?
        .to_owned();
    let branch = repo
        .run(&["symbolic-ref", "--short", "HEAD"])
        .map_err(NotSynced::Failed)?
        .trim()
        .to_owned();
    Ok((remote, branch))
}

/// Syncs the archive; `name` stands in for git's `user.name` when it has none.
pub fn sync(repo: &Repo, name: Option<&str>, lang: Lang) -> Result<Synced, NotSynced> {
    let mut report = Synced::default();
    // What was changed outside dagsorden (an editor, a file copied in) is committed first.
    let dirty = repo
        .run(&["status", "--porcelain", "--untracked-files=all", "--", "."])
        .map_err(NotSynced::Failed)?;
    let outside: Vec<PathBuf> = dirty
        .lines()
        .filter_map(|l| l.get(3..))
        .map(|p| p.rsplit(" -> ").next().unwrap_or(p).trim_matches('"'))
        .map(PathBuf::from)
        // Never lock hints, a refused save's copies or exports, even where .gitignore is
        // missing them.
        .filter(|p| {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let hidden = name.starts_with('.') && name != ".gitattributes" && name != ".gitignore";
            !hidden
                && !name.contains(".mine-")
                && !p.components().any(|c| c.as_os_str() == "exports")
        })
        .collect();
    if !outside.is_empty() {
        let message = match lang {
            Lang::Da => "Ændringer gemt uden for dagsorden",
            Lang::En => "Changes saved outside dagsorden",
        };
        // git status names files from the top of the work tree; commit them from there.
        let top = Repo {
            dir: PathBuf::from(
                repo.run(&["rev-parse", "--show-toplevel"])
                    .map_err(NotSynced::Failed)?
                    .trim(),
            ),
            batch: repo.batch,
            stop: repo.stop.clone(),
        };
        if top
            .commit(message, &outside, name)
            .map_err(NotSynced::Failed)?
        {
            report.committed_outside = outside.len();
        }
    }
    let (remote, branch) = upstream(repo)?;
    let tracking = format!("{remote}/{branch}");
    for _attempt in 0..3 {
        repo.run(&["fetch", "--quiet", &remote])
            .map_err(NotSynced::Offline)?;
        let remote_exists = repo
            .run(&["rev-parse", "--verify", "--quiet", &tracking])
            .is_ok();
        if remote_exists {
            let before = repo
                .run(&["rev-parse", "HEAD"])
                .map_err(NotSynced::Failed)?;
            let incoming = count(repo, &format!("HEAD..{tracking}"));
            if incoming > 0 {
                let authors = repo
                    .run(&["log", "--format=%an", &format!("HEAD..{tracking}")])
                    .unwrap_or_default();
                let mut seen = BTreeSet::new();
                for a in authors.lines().filter(|a| seen.insert(a.to_owned())) {
                    if !report.from.iter().any(|f| f == a) {
                        report.from.push(crate::text::sanitize(a).into_owned());
                    }
                }
                put_on_top(repo, &tracking)?;
                report.fetched += incoming;
                let changed = repo
                    .run(&[
                        "diff",
                        "--relative",
                        "--name-only",
                        before.trim(),
                        "HEAD",
                        "--",
                        ".",
                    ])
                    .unwrap_or_default();
                report.changed.extend(changed.lines().map(PathBuf::from));
                // What the merge driver recorded as changed two ways, to be resolved.
                report.conflicts = report
                    .changed
                    .iter()
                    .filter_map(|rel| std::fs::read_to_string(repo.dir.join(rel)).ok())
                    .map(|text| crate::merge::recorded(&text).len())
                    .sum();
            }
        }
        let outgoing = if remote_exists {
            count(repo, &format!("{tracking}..HEAD"))
        } else {
            count(repo, "HEAD")
        };
        if outgoing == 0 {
            return Ok(report);
        }
        let pushed = repo.run(&[
            "push",
            "--quiet",
            "--set-upstream",
            &remote,
            &format!("HEAD:{branch}"),
        ]);
        match pushed {
            Ok(_) => {
                report.sent += outgoing;
                return Ok(report);
            }
            // Someone pushed in between: fetch and put ours on top again.
            Err(_) if remote_exists => continue,
            Err(why) => return Err(NotSynced::Offline(why)),
        }
    }
    Err(NotSynced::Failed(said!(
        "fjernkopien ændrede sig under hver synkronisering; prøv igen om lidt";
        "the remote changed during every sync; try again in a moment"
    )))
}

fn count(repo: &Repo, range: &str) -> usize {
    repo.run(&["rev-list", "--count", range])
        .ok()
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or(0)
}

/// Our commits on top of theirs: a rebase, else a merge; what fails is taken back.
fn put_on_top(repo: &Repo, tracking: &str) -> Result<(), NotSynced> {
    if repo.run(&["rebase", "--quiet", tracking]).is_ok() {
        return Ok(());
    }
    let _ = repo.run(&["rebase", "--abort"]);
    match repo.run(&["merge", "--quiet", "--no-edit", tracking]) {
        Ok(_) => Ok(()),
        Err(why) => {
            let _ = repo.run(&["merge", "--abort"]);
            Err(NotSynced::Refused(why))
        }
    }
}
