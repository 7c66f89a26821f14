//! The archive in git, through the `git` program the machine has (its credentials, ssh
//! keys and remotes as the user set them up), never a copy of git's logic.

pub mod commit;
pub mod history;
pub mod message;
pub mod setup;
pub mod sync;
pub mod worker;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::lang::Said;
use crate::said;

/// A git work tree that holds the archive.
#[derive(Debug, Clone)]
pub struct Repo {
    /// The archive folder (git runs here; it may be a folder inside the work tree).
    pub dir: PathBuf,
    /// git runs behind the screens: it must never ask for a password or a host key on the
    /// terminal they own (it fails instead, and the sync says so).
    pub batch: bool,
    /// Set when the screens end: a fetch or push still waiting for the network is given up
    /// (the work is committed here and goes at the next sync), so quitting never hangs.
    pub stop: Option<std::sync::Arc<std::sync::atomic::AtomicBool>>,
}

impl Repo {
    /// The repository the archive folder is in, when it is in one and git is installed.
    pub fn find(dir: &Path) -> Option<Repo> {
        let repo = Repo {
            dir: dir.to_path_buf(),
            batch: false,
            stop: None,
        };
        let out = repo.run(&["rev-parse", "--is-inside-work-tree"]).ok()?;
        (out.trim() == "true").then_some(repo)
    }

    /// Runs git in the archive folder; its standard output, or why it failed.
    pub fn run(&self, args: &[&str]) -> Result<String, Said> {
        let network = matches!(args.first(), Some(&"fetch" | &"push"));
        let out = match &self.stop {
            Some(stop) if network => self.run_until(args, stop)?,
            _ => self.command(args).output().map_err(|e| no_git(&e))?,
        };
        finished(args, out)
    }

    /// Runs git, killing it when `stop` is set before it ends.
    fn run_until(
        &self,
        args: &[&str],
        stop: &std::sync::atomic::AtomicBool,
    ) -> Result<Output, Said> {
        use std::process::Stdio;
        let mut child = self
            .command(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| no_git(&e))?;
        loop {
            if child.try_wait().map_err(|e| no_git(&e))?.is_some() {
                return child.wait_with_output().map_err(|e| no_git(&e));
            }
            if stop.load(std::sync::atomic::Ordering::Relaxed) {
                let _ = child.kill();
                let _ = child.wait();
                return Err(said!(
                    "afbrudt, da programmet sluttede";
                    "given up as the program ended"
                ));
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
    }

    pub fn command(&self, args: &[&str]) -> Command {
        let mut c = Command::new("git");
        c.arg("-C").arg(&self.dir).args(args);
        // Messages in a stable language, to be read by this program; none is shown raw.
        c.env("LC_ALL", "C");
        if self.batch {
            c.env("GIT_TERMINAL_PROMPT", "0")
                .env("SSH_ASKPASS_REQUIRE", "force")
                .env("SSH_ASKPASS", "false")
                .stdin(std::process::Stdio::null());
        }
        c
    }

    /// Commits `files` as the work tree holds them (relative to the archive folder; removed
    /// ones too) with `message`: for changes made outside dagsorden. A step dagsorden saved
    /// is committed from its own texts ([`Repo::commit_states`]). `false` when they were as
    /// committed already. `name` stands in when git's config has
    /// no `user.name` (the configuration's `name`).
    pub fn commit(
        &self,
        message: &str,
        files: &[PathBuf],
        name: Option<&str>,
    ) -> Result<bool, Said> {
        if files.is_empty() {
            return Ok(false);
        }
        let paths: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
        let mut add = vec!["add", "-A", "--"];
        add.extend(paths.iter().map(String::as_str));
        self.run(&add)?;
        let mut diff = vec!["diff", "--cached", "--quiet", "--"];
        diff.extend(paths.iter().map(String::as_str));
        if self.run(&diff).is_ok() {
            return Ok(false);
        }
        let mut args = self.who(name)?;
        args.extend(["commit", "--quiet", "-m", message, "--"].map(String::from));
        args.extend(paths);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        self.run(&args)?;
        Ok(true)
    }

    /// Whether git knows who commits (`user.name` and `user.email`).
    pub fn knows_who(&self) -> bool {
        let set = |key: &str| {
            self.run(&["config", key])
                .is_ok_and(|v| !v.trim().is_empty())
        };
        set("user.name") && set("user.email")
    }

    /// Whether the repository has a commit yet.
    pub fn has_commits(&self) -> bool {
        self.run(&["rev-parse", "--verify", "--quiet", "HEAD"])
            .is_ok()
    }
}

/// Runs `git init` in `dir`.
pub fn init(dir: &Path) -> Result<Repo, Said> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["init", "--quiet"])
        .env("LC_ALL", "C")
        .output()
        .map_err(|e| no_git(&e))?;
    finished(&["init"], out)?;
    Ok(Repo {
        dir: dir.to_path_buf(),
        batch: false,
        stop: None,
    })
}

fn finished(args: &[&str], out: Output) -> Result<String, Said> {
    if out.status.success() {
        return Ok(String::from_utf8_lossy(&out.stdout).into_owned());
    }
    let why = String::from_utf8_lossy(&out.stderr);
    // git's first line says what went wrong; the rest is advice for its own users.
    let first = why.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let why = crate::text::sanitize(first.trim()).into_owned();
    let what = args.first().copied().unwrap_or("");
    Err(said!("git {what} mislykkedes: {why}"; "git {what} failed: {why}"))
}

fn no_git(e: &std::io::Error) -> Said {
    let e = Said::io(e);
    said!(
        "git kan ikke køres ({}); installér git, fx med apt-get install git", e.da;
        "git cannot be run ({}); install git, e.g. with apt-get install git", e.en
    )
}
