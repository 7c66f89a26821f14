//! Commits. A step of the screens or a command is committed from the texts it wrote, never
//! from the work tree: the files may already hold the next step by the time git runs (a
//! decision typed while the commit of the recommendation is being made), and git reading a
//! file while it is replaced can record the one's stat with the other's content. So the
//! commit is built in an index of its own (blobs from the texts, a tree, `commit-tree`),
//! HEAD is moved only if it is still where it was, and git's own index is then told about
//! the files (`reset`), leaving the work tree alone.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::{Repo, finished, no_git};
use crate::lang::Said;
use crate::said;

/// A file as a step left it: its text, or `None` where the step removed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileState {
    /// Relative to the archive folder.
    pub rel: PathBuf,
    pub text: Option<String>,
}

impl FileState {
    /// The files a saved step wrote, each as it left it.
    pub fn of(written: &crate::store::Written) -> Vec<FileState> {
        FileState::last(written.changes.iter().map(|change| FileState {
            rel: change.rel.clone(),
            text: change.after().map(str::to_owned),
        }))
    }

    /// Each file once, as it was left last (steps that wrote a file twice).
    pub fn last(states: impl IntoIterator<Item = FileState>) -> Vec<FileState> {
        let mut files: Vec<FileState> = Vec::new();
        for state in states {
            match files.iter_mut().find(|f| f.rel == state.rel) {
                Some(f) => *f = state,
                None => files.push(state),
            }
        }
        files
    }
}

/// How often a commit is tried again when HEAD moved under it (a colleague's `git commit`
/// in a shell at the same moment).
const ATTEMPTS: usize = 3;

impl Repo {
    /// Commits `files` as they are given, whatever the work tree holds now; `false` when
    /// they were as committed already. `name` stands in when git's config has no
    /// `user.name` (the configuration's `name`).
    pub fn commit_states(
        &self,
        message: &str,
        files: &[FileState],
        name: Option<&str>,
    ) -> Result<bool, Said> {
        if files.is_empty() {
            return Ok(false);
        }
        let who = self.who(name)?;
        let place = self.run(&["rev-parse", "--show-toplevel", "--show-prefix"])?;
        let mut place = place.lines();
        let top = Repo {
            dir: PathBuf::from(place.next().unwrap_or(".")),
            batch: self.batch,
            stop: self.stop.clone(),
        };
        let prefix = place.next().unwrap_or("").to_owned();
        let paths: Vec<String> = files
            .iter()
            .map(|f| format!("{prefix}{}", slashed(&f.rel)))
            .collect();
        for _ in 0..ATTEMPTS {
            let head = top
                .run(&["rev-parse", "--verify", "--quiet", "HEAD"])
                .ok()
                .map(|h| h.trim().to_owned());
            let Some(tree) = top.tree_with(head.as_deref(), files, &paths)? else {
                return Ok(false);
            };
            let mut args: Vec<&str> = who.iter().map(String::as_str).collect();
            args.extend(["commit-tree", &tree, "-m", message]);
            if let Some(head) = &head {
                args.extend(["-p", head]);
            }
            let commit = top.run(&args)?.trim().to_owned();
            let reflog = format!("dagsorden: {}", message.lines().next().unwrap_or(""));
            let mut update = vec!["update-ref", "-m", &reflog, "HEAD", &commit];
            // Moved only from where it was (an empty old value: HEAD must not exist yet).
            update.push(head.as_deref().unwrap_or(""));
            if top.run(&update).is_err() {
                continue;
            }
            // git's index learns the committed files; the work tree is left as it is, so
            // a step written since shows as changed, as it is.
            let mut reset = vec!["reset", "--quiet", "HEAD", "--"];
            reset.extend(paths.iter().map(String::as_str));
            top.run(&reset)?;
            return Ok(true);
        }
        Err(said!(
            "git blev ved med at ændre sig under indlægningen; prøv at synkronisere igen";
            "git kept changing while the commit was made; try syncing again"
        ))
    }

    /// The tree of `head` with `files` put in, built in an index of its own; `None` when it
    /// is `head`'s tree already.
    fn tree_with(
        &self,
        head: Option<&str>,
        files: &[FileState],
        paths: &[String],
    ) -> Result<Option<String>, Said> {
        let index = TempIndex::new(self)?;
        let env = [("GIT_INDEX_FILE", index.path.as_os_str())];
        match head {
            Some(head) => self.run_with(&["read-tree", head], &env, None)?,
            None => self.run_with(&["read-tree", "--empty"], &env, None)?,
        };
        // One blob per file from its text; the modes and the index entries in one call
        // each, so a run that wrote thousands of files (an import) is not thousands of
        // processes more.
        let modes = self.modes_in(head, paths);
        let mut entries = String::new();
        for (file, path) in files.iter().zip(paths) {
            match &file.text {
                Some(text) => {
                    let blob = self.run_with(
                        &["hash-object", "-w", "--stdin", &format!("--path={path}")],
                        &env,
                        Some(text.as_bytes()),
                    )?;
                    let mode = modes.get(path).map_or("100644", String::as_str);
                    entries.push_str(&format!("{mode} {}\t{path}\0", blob.trim()));
                }
                // A zero mode and id take the path out of the index.
                None => entries.push_str(&format!("0 {}\t{path}\0", "0".repeat(40))),
            }
        }
        self.run_with(
            &["update-index", "-z", "--index-info"],
            &env,
            Some(entries.as_bytes()),
        )?;
        let tree = self
            .run_with(&["write-tree"], &env, None)?
            .trim()
            .to_owned();
        let unchanged = head.is_some_and(|head| {
            self.run(&["rev-parse", &format!("{head}^{{tree}}")])
                .is_ok_and(|t| t.trim() == tree)
        });
        Ok((!unchanged).then_some(tree))
    }

    /// The files' modes in `head` (an executable script stays one); a file not there, or
    /// not a plain file, is missing (and written as a plain file).
    fn modes_in(&self, head: Option<&str>, paths: &[String]) -> HashMap<String, String> {
        let Some(head) = head else {
            return HashMap::new();
        };
        let mut args = vec!["ls-tree", "-z", head, "--"];
        args.extend(paths.iter().map(String::as_str));
        self.run(&args)
            .unwrap_or_default()
            .split('\0')
            .filter_map(|entry| {
                let (info, path) = entry.split_once('\t')?;
                let mode = info.split_whitespace().next()?;
                mode.starts_with("100")
                    .then(|| (path.to_owned(), mode.to_owned()))
            })
            .collect()
    }

    /// `-c` options that name the committer when git's config does not.
    pub(super) fn who(&self, name: Option<&str>) -> Result<Vec<String>, Said> {
        if self.knows_who() {
            return Ok(Vec::new());
        }
        let Some(name) = name.filter(|n| !n.trim().is_empty()) else {
            return Err(said!(
                "git kender ikke dit navn; skriv git config --global user.name \"Dit Navn\" og git config --global user.email \"dig@example.dk\" (eller name = \"…\" i dagsordens konfiguration)";
                "git does not know your name; run git config --global user.name \"Your Name\" and git config --global user.email \"you@example.com\" (or set name = \"…\" in dagsorden's configuration)"
            ));
        };
        let login: String = name.chars().filter(|c| c.is_alphanumeric()).collect();
        Ok(vec![
            "-c".to_owned(),
            format!("user.name={name}"),
            "-c".to_owned(),
            format!("user.email={}@localhost", login.to_lowercase()),
        ])
    }

    /// Runs git with extra environment and, where given, bytes on its standard input.
    fn run_with(
        &self,
        args: &[&str],
        env: &[(&str, &std::ffi::OsStr)],
        input: Option<&[u8]>,
    ) -> Result<String, Said> {
        let mut command = self.command(args);
        command.envs(env.iter().copied());
        command.stdin(if input.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        });
        command.stdout(Stdio::piped()).stderr(Stdio::piped());
        let mut child = command.spawn().map_err(|e| no_git(&e))?;
        if let (Some(input), Some(mut stdin)) = (input, child.stdin.take()) {
            // git reads all of it before it answers; a failed write shows in its status.
            let _ = stdin.write_all(input);
        }
        let out = child.wait_with_output().map_err(|e| no_git(&e))?;
        finished(args, out)
    }
}

/// A path as git writes it, with `/` between the folders.
fn slashed(rel: &Path) -> String {
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// An index file of one commit's own, in the repository's git folder, removed after.
struct TempIndex {
    path: PathBuf,
}

impl TempIndex {
    fn new(repo: &Repo) -> Result<TempIndex, Said> {
        static COUNT: AtomicUsize = AtomicUsize::new(0);
        let git_dir = repo.run(&["rev-parse", "--absolute-git-dir"])?;
        let n = COUNT.fetch_add(1, Ordering::Relaxed);
        let path =
            Path::new(git_dir.trim()).join(format!("dagsorden-index-{}-{n}", std::process::id()));
        let _ = std::fs::remove_file(&path);
        Ok(TempIndex { path })
    }
}

impl Drop for TempIndex {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}
