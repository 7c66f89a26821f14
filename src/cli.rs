//! The command line. With no subcommand, `dagsorden` opens the archive in the terminal UI.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};

use dagsorden::lang::Lang;

/// The version and the build it came from (the commit and its date, when built from git).
pub const VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), env!("DAGSORDEN_BUILD"));

#[derive(Debug, Parser)]
#[command(
    name = "dagsorden",
    version = VERSION,
    about = "Agendas, decisions, follow-ups and the meeting calendar of Socialdirektørforum",
    long_about = "Agendas, decisions, follow-ups and the meeting calendar of Socialdirektørforum and \
                  Forretningsudvalget, kept as TOML files in an archive folder.\n\n\
                  With no subcommand, dagsorden opens the archive in the terminal UI; press ? \
                  there for the keys.\n\n\
                  The archive folder is --dir, else $DAGSORDEN_DIR, else `dir` in the configuration \
                  file, else ./agendas when it exists."
)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(flatten)]
    pub screen: ScreenArgs,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Options of the terminal UI (`dagsorden` with no subcommand).
#[derive(Debug, Args)]
pub struct ScreenArgs {
    /// Colour theme: default, light, dark, mono, or a NAME.toml in the config folder's themes/
    #[arg(long, value_name = "NAME")]
    pub theme: Option<String>,
    /// Leave the mouse to the terminal (keeps text selection working)
    #[arg(long)]
    pub no_mouse: bool,
}

#[derive(Debug, Args)]
pub struct Global {
    /// The archive folder
    #[arg(long, global = true, env = "DAGSORDEN_DIR", value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// Treat this date as today (YYYY-MM-DD); default: the real date
    #[arg(long, global = true, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub today: Option<NaiveDate>,
    /// Language of screens and documents: da (Danish) or en (English); default: the forum's
    #[arg(long, global = true, value_name = "da|en")]
    pub lang: Option<Lang>,
    /// The configuration file (default: ~/.config/dagsorden/config.toml)
    #[arg(long, global = true, env = "DAGSORDEN_CONFIG", value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Read every file of the archive, without the load cache (nor write to it)
    #[arg(long, global = true)]
    pub no_cache: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check every file of the archive and print the problems found
    ///
    /// Exit status: 0 when the archive is clean, 1 when problems were found, 2 when the check
    /// could not run.
    Check,
    /// List the meetings, from meeting files and year plans
    List(ListArgs),
    /// Write the minutes or the agenda of a meeting as Markdown
    Export {
        #[command(subcommand)]
        what: ExportCommand,
    },
    /// Create the file of a new meeting with the body's defaults and the standing items
    ///
    /// The agenda gets approval of the previous minutes (linked to that meeting),
    /// Orienteringer, Eventuelt and Næste møde. Follow-ups that report to the body and are
    /// due by the meeting are listed; --include-followups makes them items.
    New(NewArgs),
    /// Import published minutes (pages saved as text or as web pages) as meeting files
    ///
    /// Each file is read by the layout it is written in (so far the forum's own site: text
    /// copied from a browser, or the page saved as HTML) and written as one meeting file in its
    /// year's folder. Whatever the importer is unsure of is reported with the file and
    /// line, and marked "check" in the file. A meeting already in the archive is not
    /// written again.
    ///
    /// Exit status: 0 when every file was imported (or is in the archive), 1 when one could
    /// not be, 2 when the command could not run.
    Import(ImportArgs),
    /// Search titles, backgrounds, recommendations, decisions, remarks, attachments,
    /// participants and follow-ups
    ///
    /// Words match at the start of words, whatever the case ("stjernen" finds "Stjernen";
    /// "aa", "ae", "oe" also find "å", "æ", "ø"). "Quoted words" must follow each other.
    /// Filters: body:fu, year:2017, outcome:rejected (or afvist, godkendt, ændret, …),
    /// tag:stjernen, route:kommunalbestyrelsen (the case passes through it),
    /// before:2018-01-01, after:2017-06. Hits are grouped by meeting, newest first.
    ///
    /// Exit status: 0 with hits, 1 without, 2 when the query could not be read.
    Search(SearchArgs),
    /// Every decision in the archive, newest first, with each clause's outcome
    ///
    /// --deviations lists only the clauses whose outcome is not what was recommended
    /// (approved with changes, rejected, postponed, withdrawn), each with the recommendation
    /// and the decision side by side.
    Decisions(DecisionsArgs),
    /// List the follow-ups that decisions and year plans set in motion, with where each
    /// stands as of today
    ///
    /// Each follow-up is one entry; a yearly deadline has one entry per year. States:
    /// overdue (its date has passed), due (within 14 days, or a count trigger reached),
    /// waiting (a count not reached, or "report back" with no date), later, answered (an item of a
    /// held meeting reports on it; close it), done, cancelled.
    /// Vague periods count as due by a fixed day: primo = 31 March, medio = 30 June,
    /// ultimo = 31 December (in a month: the 10th, the 20th, the last day).
    ///
    /// Exit status: 1 when any follow-up of the --owner and --body asked for is overdue
    /// (whatever --state shows), else 0; for a morning job that mails the list.
    Followups(FollowupsArgs),
    /// A year's meeting calendar: the FU→SDF pairs with the days between, every meeting
    /// with its ISO week and working dates, seminars, moves, deadlines and the checks
    ///
    /// --format ics writes an iCalendar file for Outlook, Google or Apple Calendar: times
    /// in Europe/Copenhagen, one fixed UID per meeting, and a moved meeting has a higher
    /// SEQUENCE, so importing it again updates the old entry instead of adding one.
    /// --format md gives the "Mødeplan" table for an agenda item.
    ///
    /// --propose drafts the year from the rules in forum.toml (meetings_per_year, weekday,
    /// gap_days, avoid_months), clear of weekends, public holidays and dates already taken;
    /// --write saves the draft as calendar/YEAR.toml to adjust in the Kalender screen.
    Calendar(CalendarArgs),
    /// Start a new archive in DIR: forum.toml from a few questions, the format's README and
    /// the calendar folder (never over an archive that is there), kept in git
    ///
    /// Each question shows its default in brackets; Enter takes it. --yes takes every
    /// default without asking; answers may also come one per line on standard input.
    ///
    /// The folder is made a git repository (unless --no-git) with a .gitattributes that
    /// gives the archive's files to dagsorden's merge driver, a .gitignore for lock hints
    /// and exports, and the driver registered in the repository. On an archive that is
    /// there, or a fresh clone of one, init only adds what is missing.
    Init(InitArgs),
    /// Print the shell completions for bash, zsh, fish, elvish or powershell
    ///
    /// e.g. `dagsorden completions bash > ~/.local/share/bash-completion/completions/dagsorden`
    Completions { shell: clap_complete::Shell },
    /// Print the manual page (roff), e.g. `dagsorden man > ~/.local/share/man/man1/dagsorden.1`
    Man,
    /// Sync the archive with its git remote: commit what is pending, fetch the others'
    /// changes, put ours on top (meeting files merged field by field), push
    ///
    /// Never a force push, and a sync that cannot finish is taken back, so no change is lost.
    /// Offline, it says so: the changes stay committed here and are sent next time.
    ///
    /// Exit status: 0 when in sync, 1 when it could not sync (offline, no remote, refused),
    /// 2 when the archive is not in git.
    Sync,
    /// Who changed a meeting or an item, and when: its versions from git's history
    ///
    /// For MEETING#ITEM the item's title, recommendation and decision; for MEETING its title,
    /// status, place, time and attendance. Each version with its author, date and commit
    /// message, newest first, with the fields it changed.
    Log(LogArgs),
    /// Merge a meeting file field by field, for git (registered as a merge driver by init)
    ///
    /// git runs it as `dagsorden merge-file %O %A %B %P`: BASE is the common version, OURS
    /// our version (the merge is written there), THEIRS the other. Items are matched by
    /// number, follow-ups by id; only a field changed two ways is a conflict, recorded in
    /// the file as [[conflicts]] so that it still loads. A file that does not parse is left
    /// to git's own line merge (with its conflict markers).
    MergeFile(MergeFileArgs),
    /// The load cache: where it is and how big, or clear it
    ///
    /// Each meeting file's reading is kept in the user's cache folder (never in the archive),
    /// so a start reads back what it read last time instead of every file. The files stay
    /// the truth: a changed file is read again, and clearing the cache loses nothing.
    /// `--no-cache` on any command leaves it out.
    Cache {
        #[command(subcommand)]
        what: CacheCommand,
    },
}

#[derive(Debug, Subcommand)]
pub enum CacheCommand {
    /// Where the archive's cache is, how many files it holds and their size
    Status,
    /// Delete the archive's cache (the next start reads every file)
    Clear {
        /// Delete the caches of every archive
        #[arg(long)]
        all: bool,
    },
}

#[derive(Debug, Args)]
pub struct LogArgs {
    /// The meeting or item, e.g. 2017-09-08-sdf or 2017-09-08-sdf#9
    pub what: String,
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    pub format: ListFormat,
}

#[derive(Debug, Args)]
pub struct MergeFileArgs {
    /// The common version (git's %O)
    pub base: PathBuf,
    /// Our version, where the merge is written (git's %A)
    pub ours: PathBuf,
    /// Their version (git's %B)
    pub theirs: PathBuf,
    /// The file's path in the repository (git's %P), for messages
    pub path: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder of the new archive (made if missing)
    pub dir: PathBuf,
    /// The forum's name
    #[arg(long)]
    pub name: Option<String>,
    /// The id of the body that meets (e.g. sdf, bu)
    #[arg(long)]
    pub body: Option<String>,
    /// Where the body meets
    #[arg(long)]
    pub place: Option<String>,
    /// Take the defaults for every question not answered by an option
    #[arg(long, short)]
    pub yes: bool,
    /// Leave git out: the folder is not made a repository and no merge driver is registered
    #[arg(long)]
    pub no_git: bool,
}

#[derive(Debug, Args)]
pub struct CalendarArgs {
    /// The year, e.g. 2018
    pub year: i32,
    #[arg(long, value_enum, default_value_t = CalendarFormat::Text)]
    pub format: CalendarFormat,
    /// Draft the year's plan from the rules in forum.toml instead (text, md or json)
    #[arg(long)]
    pub propose: bool,
    /// With --propose: save the draft as calendar/YEAR.toml (never over an existing plan)
    #[arg(long, requires = "propose")]
    pub write: bool,
    /// Write to this file instead of standard output
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CalendarFormat {
    Text,
    Md,
    Ics,
    Json,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The query: words, "phrases" and filters (quote it for the shell)
    #[arg(required = true, num_args = 1..)]
    pub query: Vec<String>,
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    pub format: ListFormat,
}

#[derive(Debug, Args)]
pub struct DecisionsArgs {
    /// Only decisions of this body (e.g. sdf, fu)
    #[arg(long)]
    pub body: Option<String>,
    /// Only decisions made in this year
    #[arg(long)]
    pub year: Option<i32>,
    /// Only decisions with a clause decided this way
    #[arg(long, value_parser = parse_outcome, value_name = "OUTCOME")]
    pub outcome: Option<dagsorden::model::Outcome>,
    /// Only items with this tag (or a tag starting so)
    #[arg(long)]
    pub tag: Option<String>,
    /// Only the clauses that depart from the recommendation
    #[arg(long)]
    pub deviations: bool,
    #[arg(long, value_enum, default_value_t = DecisionsFormat::Text)]
    pub format: DecisionsFormat,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum DecisionsFormat {
    Text,
    Json,
    Csv,
    Md,
}

fn parse_outcome(s: &str) -> Result<dagsorden::model::Outcome, String> {
    dagsorden::model::Outcome::from_key(s).ok_or_else(|| {
        format!(
            "`{s}` is not an outcome; one of: {}",
            dagsorden::model::Outcome::ALL.map(|o| o.key()).join(", ")
        )
    })
}

#[derive(Debug, Args)]
pub struct FollowupsArgs {
    /// Which to list: overdue, due, waiting, open (all not closed), done, cancelled or all
    #[arg(long, default_value = "open", value_parser = parse_state, value_name = "STATE")]
    pub state: dagsorden::followup::StateFilter,
    /// Only follow-ups whose owner contains this (any case)
    #[arg(long)]
    pub owner: Option<String>,
    /// Only follow-ups reporting to this body (e.g. sdf, fu)
    #[arg(long)]
    pub body: Option<String>,
    #[arg(long, value_enum, default_value_t = FollowupsFormat::Text)]
    pub format: FollowupsFormat,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum FollowupsFormat {
    Text,
    Json,
    Md,
}

fn parse_state(s: &str) -> Result<dagsorden::followup::StateFilter, String> {
    use dagsorden::followup::StateFilter;
    StateFilter::from_key(s).ok_or_else(|| {
        format!(
            "`{s}` is not a state; one of: {}",
            StateFilter::ALL.map(|f| f.key()).join(", ")
        )
    })
}

#[derive(Debug, Args)]
pub struct NewArgs {
    /// The body that meets (e.g. sdf, fu)
    #[arg(long)]
    pub body: String,
    /// The meeting's date (YYYY-MM-DD)
    #[arg(long, value_parser = parse_date)]
    pub date: NaiveDate,
    /// Add every follow-up that is due by the meeting as an item
    #[arg(long)]
    pub include_followups: bool,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Files, or folders of files, of published minutes
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// The body the meetings are of (e.g. sdf), where a page does not name one forum.toml knows
    #[arg(long)]
    pub body: Option<String>,
    /// Report what would be written, and write nothing
    #[arg(long)]
    pub dry_run: bool,
    /// For a meeting the archive holds: write the page's values where they differ from the
    /// file (field by field; comments and the file's own fields stay)
    #[arg(long)]
    pub update: bool,
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    pub format: ListFormat,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only meetings in this year
    #[arg(long)]
    pub year: Option<i32>,
    /// Only meetings of this body (e.g. sdf, fu)
    #[arg(long)]
    pub body: Option<String>,
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    pub format: ListFormat,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ListFormat {
    Text,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// The minutes (referat): the agenda with every decision and the follow-ups created
    Minutes(ExportArgs),
    /// The agenda (dagsorden): items, backgrounds and recommendations, without decisions
    Agenda(ExportArgs),
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The meeting's id, e.g. 2017-09-08-sdf
    pub meeting: String,
    /// Leave closed items out (numbers of the other items are kept)
    #[arg(long)]
    pub public: bool,
    /// Write to this file instead of standard output
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| format!("`{s}` is not a date: write it as YYYY-MM-DD, e.g. 2018-02-09"))
}
