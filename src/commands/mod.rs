//! The subcommands. Each prints to standard output and returns its exit status.

mod cache;
mod calendar;
mod check;
mod decisions;
mod export;
mod followups;
mod import;
mod init;
mod list;
mod log;
mod merge_file;
mod new;
mod out;
mod screen;
mod search;
mod sync;
pub mod told;

use std::path::PathBuf;

use chrono::NaiveDate;

use crate::cli::Global;
use dagsorden::archive::Archive;
use dagsorden::config::Config;
use dagsorden::lang::Lang;

pub use cache::cache;
pub use calendar::calendar;
pub use check::check;
pub use decisions::decisions;
pub use export::export;
pub use followups::followups;
pub use import::import;
pub use init::init;
pub use list::list;
pub use log::log;
pub use merge_file::merge_file;
pub use new::new;
pub use out::stderr as error;
pub use screen::tui;
pub use search::search;
pub use sync::{record_in_git, sync};

use told::Told;

/// The language errors are told in: `--lang`, else the configuration's `lang`, else Danish
/// (the archive, whose forum.toml may say otherwise, may be what could not be read).
pub fn error_lang(global: &Global) -> Lang {
    global.lang.unwrap_or_else(|| {
        Config::load(global.config.as_deref())
            .ok()
            .and_then(|c| c.lang.as_deref().and_then(|l| l.parse().ok()))
            .unwrap_or_default()
    })
}

/// What every command needs: the archive folder, today and the language.
pub struct Context {
    pub config: Config,
    pub dir: PathBuf,
    pub today: NaiveDate,
    /// The language asked for; `None` means the forum's default.
    lang: Option<Lang>,
    /// `--no-cache`: every file is read.
    pub no_cache: bool,
}

impl Context {
    pub fn new(global: &Global) -> anyhow::Result<Context> {
        let config = Config::load(global.config.as_deref())?;
        let dir = match (&global.dir, &config.dir) {
            (Some(dir), _) => dir.clone(),
            (None, Some(dir)) => dir.clone(),
            (None, None) if PathBuf::from("agendas").is_dir() => PathBuf::from("agendas"),
            (None, None) => {
                let file = dagsorden::config::config_dir()
                    .map(|d| d.join("config.toml").display().to_string());
                let (file_da, file_en) = match &file {
                    Some(f) => (f.clone(), f.clone()),
                    None => (
                        "konfigurationsfilen".to_owned(),
                        "the configuration file".to_owned(),
                    ),
                };
                return Err(Told::error(dagsorden::said!(
                    "ingen arkivmappe: angiv en med --dir MAPPE, sæt DAGSORDEN_DIR, eller sæt `dir` i {file_da}";
                    "no archive folder: give one with --dir DIR, set DAGSORDEN_DIR, or set `dir` in {file_en}"
                )));
            }
        };
        let lang = global
            .lang
            .or_else(|| config.lang.as_deref().and_then(|l| l.parse().ok()));
        Ok(Context {
            config,
            dir,
            today: global
                .today
                .unwrap_or_else(|| chrono::Local::now().date_naive()),
            lang,
            no_cache: global.no_cache,
        })
    }

    /// The archive's load cache, unless `--no-cache` says not to use it.
    pub fn cache(&self) -> Option<dagsorden::archive::cache::Cache> {
        (!self.no_cache)
            .then(|| dagsorden::archive::cache::Cache::for_archive(&self.dir))
            .flatten()
    }

    /// The archive, through the load cache unless `--no-cache` says not to. A damaged
    /// cache entry is told on standard error (the file was read instead); the screens tell
    /// it in their status line instead.
    pub fn load(&self) -> anyhow::Result<Archive> {
        let archive = self.load_quietly()?;
        self.tell_of_cache(&archive);
        Ok(archive)
    }

    /// As [`Self::load`], leaving the items' long texts (backgrounds) of the meetings taken
    /// from the cache in their files: for a command that shows none of them, such as
    /// `list` (at 10,000 meetings half the time and memory).
    pub fn load_headers(&self) -> anyhow::Result<Archive> {
        let archive = self.load_for_screens()?;
        self.tell_of_cache(&archive);
        Ok(archive)
    }

    /// What the cache had to say (a damaged entry rebuilt, a folder it could not write).
    fn tell_of_cache(&self, archive: &Archive) {
        if let Some(notice) = archive.cache_report.as_ref().and_then(|r| r.notice()) {
            let lang = self.lang(archive);
            let word = dagsorden::archive::Severity::Warning.word(lang);
            out::stderr(&format!("{word}: {}\n", notice.get(lang)));
        }
    }

    /// For the screens: as [`Self::load`], telling nothing of the cache (the status line
    /// does), and leaving the long texts of meetings taken from it in their files until
    /// a meeting is shown.
    pub fn load_for_screens(&self) -> anyhow::Result<Archive> {
        match self.cache() {
            Some(cache) => Archive::load_for_screens(&self.dir, cache),
            None => Archive::load(&self.dir),
        }
        .map_err(|e| Told::because(cannot_open(), e))
    }

    /// As [`Self::load`], telling nothing of the cache.
    fn load_quietly(&self) -> anyhow::Result<Archive> {
        match self.cache() {
            Some(cache) => Archive::load_cached(&self.dir, cache),
            None => Archive::load(&self.dir),
        }
        .map_err(|e| Told::because(cannot_open(), e))
    }

    /// The archive with every hidden character in its files reported too (`check`).
    pub fn load_checked(&self) -> anyhow::Result<Archive> {
        Archive::load_checked(&self.dir).map_err(|e| Told::because(cannot_open(), e))
    }

    /// Refuses a body that forum.toml does not define, naming the ones it does.
    pub fn check_body(archive: &Archive, body: Option<&str>) -> anyhow::Result<()> {
        match body {
            Some(body) if archive.forum.bodies.iter().all(|b| b.id.as_str() != body) => {
                let bodies = archive.forum.body_ids().join(", ");
                Err(Told::error(dagsorden::said!(
                    "ukendt organ `{body}`; organerne er: {bodies}";
                    "unknown body `{body}`; the bodies are: {bodies}"
                )))
            }
            _ => Ok(()),
        }
    }

    /// The language asked for (`--lang`, the configuration), for a command that does not
    /// read the archive; Danish when none was.
    pub fn asked_lang(&self) -> Lang {
        self.lang.unwrap_or_default()
    }

    pub fn lang(&self, archive: &Archive) -> Lang {
        self.lang_of(&archive.forum)
    }

    /// The language asked for, else the forum's.
    pub fn lang_of(&self, forum: &dagsorden::model::Forum) -> Lang {
        self.lang.unwrap_or(forum.language)
    }
}

fn cannot_open() -> dagsorden::lang::Said {
    dagsorden::said!("arkivet kan ikke åbnes"; "cannot open the archive")
}
