//! The subcommands. Each prints to standard output and returns its exit status.

mod check;
mod export;
mod list;

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use chrono::NaiveDate;

use crate::cli::Global;
use dagsorden::archive::Archive;
use dagsorden::config::Config;
use dagsorden::lang::Lang;

pub use check::check;
pub use export::export;
pub use list::list;

/// What every command needs: the archive folder, today and the language.
pub struct Context {
    pub dir: PathBuf,
    pub today: NaiveDate,
    /// The language asked for; `None` means the forum's default.
    lang: Option<Lang>,
}

impl Context {
    pub fn new(global: &Global) -> anyhow::Result<Context> {
        let config = Config::load(global.config.as_deref())?;
        let dir = match (&global.dir, &config.dir) {
            (Some(dir), _) => dir.clone(),
            (None, Some(dir)) => dir.clone(),
            (None, None) if PathBuf::from("agendas").is_dir() => PathBuf::from("agendas"),
            (None, None) => anyhow::bail!(
                "no archive folder: give one with --dir DIR, set DAGSORDEN_DIR, or set `dir` in {}",
                dagsorden::config::config_dir().map_or_else(
                    || "the configuration file".to_owned(),
                    |d| d.join("config.toml").display().to_string()
                )
            ),
        };
        let lang = global
            .lang
            .or_else(|| config.lang.as_deref().and_then(|l| l.parse().ok()));
        Ok(Context {
            dir,
            today: global
                .today
                .unwrap_or_else(|| chrono::Local::now().date_naive()),
            lang,
        })
    }

    pub fn load(&self) -> anyhow::Result<Archive> {
        Archive::load(&self.dir).context("cannot open the archive")
    }

    pub fn lang(&self, archive: &Archive) -> Lang {
        self.lang.unwrap_or(archive.forum.language)
    }
}

/// With no subcommand: what the archive holds and what to do with it.
pub fn summary(ctx: &Context) -> anyhow::Result<ExitCode> {
    let archive = ctx.load()?;
    let lang = ctx.lang(&archive);
    let mut out = io::stdout().lock();
    let (meetings, plans, problems) = (
        archive.meetings.len(),
        archive.plans.len(),
        archive.diagnostics.len(),
    );
    // The next meeting on or after today, from meeting files and year plans.
    let next = archive
        .plans
        .iter()
        .flat_map(|p| p.meetings.iter().map(|m| m.id()))
        .chain(archive.meetings.iter().map(|m| m.id.clone()))
        .filter(|id| id.date >= ctx.today)
        .min();
    match lang {
        Lang::Da => writeln!(
            out,
            "{}: {meetings} møder, {plans} årsplaner, {problems} problemer i {}.\n\n\
             Kommandoer: dagsorden check | list | export minutes MØDE | export agenda MØDE\n\
             Se dagsorden --help.",
            archive.forum.name,
            ctx.dir.display()
        )?,
        Lang::En => writeln!(
            out,
            "{}: {meetings} meetings, {plans} year plans, {problems} problems in {}.\n\n\
             Commands: dagsorden check | list | export minutes MEETING | export agenda MEETING\n\
             See dagsorden --help.",
            archive.forum.name,
            ctx.dir.display()
        )?,
    }
    if let Some(id) = next {
        let body = archive.forum.body_name(&id.body);
        writeln!(
            out,
            "\n{}: {body}, {}.",
            lang.labels().next_meeting,
            lang.long_date(id.date)
        )?;
    }
    Ok(ExitCode::SUCCESS)
}
