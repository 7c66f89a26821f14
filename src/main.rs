//! The `dagsorden` binary: parses the command line and dispatches. Library errors become
//! messages here and nowhere else.

mod cli;
mod cli_da;
mod commands;

use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches};

use cli::{Cli, Command, ExportCommand};

/// Exit status: 0 ok, 1 findings (problems, …), 2 could not run.
fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let help_lang = cli_da::help_lang(&args);
    let matches = command(help_lang).get_matches_from(args);
    let cli = Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    match run(&cli, help_lang) {
        Ok(code) => code,
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            let lang = commands::error_lang(&cli.global);
            commands::error(&format!(
                "dagsorden: {}\n",
                commands::told::describe(&e, lang)
            ));
            ExitCode::from(2)
        }
    }
}

/// The command line's definition, its help in `lang`.
fn command(lang: dagsorden::lang::Lang) -> clap::Command {
    match lang {
        dagsorden::lang::Lang::Da => cli_da::danish(Cli::command()),
        dagsorden::lang::Lang::En => Cli::command(),
    }
}

fn run(cli: &Cli, help_lang: dagsorden::lang::Lang) -> anyhow::Result<ExitCode> {
    // Init, completions and the manual need no archive (and no configuration).
    let ctx = || commands::Context::new(&cli.global);
    match &cli.command {
        None => commands::tui(&ctx()?, &cli.screen),
        Some(Command::Init(args)) => commands::init(args, cli.global.lang),
        Some(Command::Completions { shell }) => {
            let mut command = command(help_lang);
            clap_complete::generate(*shell, &mut command, "dagsorden", &mut std::io::stdout());
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Man) => {
            clap_mangen::Man::new(command(help_lang)).render(&mut std::io::stdout())?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::MergeFile(args)) => commands::merge_file(args),
        Some(Command::Sync) => commands::sync(&ctx()?),
        Some(Command::Cache { what }) => commands::cache(&ctx()?, what),
        Some(Command::Log(args)) => commands::log(&ctx()?, args),
        Some(Command::Check) => commands::check(&ctx()?),
        Some(Command::List(args)) => commands::list(&ctx()?, args),
        Some(Command::New(args)) => commands::new(&ctx()?, args),
        Some(Command::Import(args)) => commands::import(&ctx()?, args),
        Some(Command::Search(args)) => commands::search(&ctx()?, args),
        Some(Command::Decisions(args)) => commands::decisions(&ctx()?, args),
        Some(Command::Followups(args)) => commands::followups(&ctx()?, args),
        Some(Command::Calendar(args)) => commands::calendar(&ctx()?, args),
        Some(Command::Export { what }) => match what {
            ExportCommand::Minutes(args) => {
                commands::export(&ctx()?, args, dagsorden::export::DocKind::Minutes)
            }
            ExportCommand::Agenda(args) => {
                commands::export(&ctx()?, args, dagsorden::export::DocKind::Agenda)
            }
        },
    }
}

/// `dagsorden list | head` closes the pipe early; that is not an error.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
