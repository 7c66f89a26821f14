//! `dagsorden sync`, and the commits the commands make of their own saves.

use std::process::ExitCode;

use super::{Context, Told};
use dagsorden::archive::Archive;
use dagsorden::git::Repo;
use dagsorden::git::commit::FileState;
use dagsorden::store::Store;

pub fn sync(ctx: &Context) -> anyhow::Result<ExitCode> {
    let archive = ctx.load()?;
    let lang = ctx.lang(&archive);
    let Some(repo) = Repo::find(&ctx.dir) else {
        return Err(Told::error(dagsorden::said!(
            "arkivet er ikke i git; gør det til et git-arkiv med dagsorden init {}", ctx.dir.display();
            "the archive is not in git; make it one with dagsorden init {}", ctx.dir.display()
        )));
    };
    let forum_lang = archive.forum.language;
    match dagsorden::git::sync::sync(&repo, ctx.config.name.as_deref(), forum_lang) {
        Ok(synced) => {
            super::out::stdout(
                dagsorden::text::Medium::Terminal,
                &format!("{}\n", synced.line(lang)),
            )?;
            Ok(ExitCode::SUCCESS)
        }
        Err(why) => {
            super::error(&format!("dagsorden: {}\n", why.said().get(lang)));
            Ok(ExitCode::from(1))
        }
    }
}

/// Commits what `store` wrote, when the archive is in git and commits are on (a command's
/// saves are recorded like the screens'): each step its own commit, or all in one with
/// `one_message` (an import of many files).
pub fn record_in_git(
    ctx: &Context,
    archive: &Archive,
    store: &mut Store,
    one_message: Option<&str>,
) {
    if ctx.config.auto_commit == Some(false) {
        return;
    }
    let Some(repo) = Repo::find(&ctx.dir).filter(dagsorden::git::setup::driver_registered) else {
        return;
    };
    let written = store.take_written();
    if let Some(message) = one_message {
        // The files as the run left them, each once.
        let files = FileState::last(written.iter().flat_map(FileState::of));
        if let Err(why) = repo.commit_states(message, &files, ctx.config.name.as_deref()) {
            super::error(&format!("dagsorden: {}\n", why.get(ctx.lang(archive))));
        }
        return;
    }
    for written in written {
        let message =
            dagsorden::git::message::message(&written, &archive.forum, archive.forum.language);
        let files = FileState::of(&written);
        if let Err(why) = repo.commit_states(&message, &files, ctx.config.name.as_deref()) {
            super::error(&format!("dagsorden: {}\n", why.get(ctx.lang(archive))));
        }
    }
}
