//! `dagsorden` with no subcommand: the terminal UI.

use std::io::{self, IsTerminal};
use std::path::PathBuf;
use std::process::ExitCode;

use super::Context;
use crate::cli::ScreenArgs;
use dagsorden::tui::{self, Options, settings::Settings};

pub fn tui(ctx: &Context, args: &ScreenArgs) -> anyhow::Result<ExitCode> {
    if !io::stdout().is_terminal() || !io::stdin().is_terminal() {
        return Err(super::Told::error(dagsorden::said!(
            "skærmene kræver en terminal: kør dagsorden i en, eller brug en underkommando (check, list, export); se dagsorden --help";
            "the screens need a terminal: run dagsorden in one, or use a subcommand (check, list, export); see dagsorden --help"
        )));
    }
    let archive = ctx.load_for_screens()?;
    let lang = ctx.lang(&archive);
    // Themes and the keymap live beside the configuration file in use.
    let folder: Option<PathBuf> = ctx
        .config
        .path
        .as_ref()
        .and_then(|p| p.parent().map(PathBuf::from))
        .or_else(dagsorden::config::config_dir);
    let settings = Settings {
        folder,
        theme: args.theme.clone().or_else(|| ctx.config.theme.clone()),
        no_color: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
    };
    let loaded = settings.load();
    let mouse = !args.no_mouse && ctx.config.mouse.unwrap_or(true);
    let options = Options {
        settings_problems: loaded.problems,
        settings: Some(settings),
        user_name: ctx.config.name.clone(),
        exports_dir: ctx.config.exports.clone(),
        auto_commit: ctx.config.auto_commit != Some(false),
        editor: ["VISUAL", "EDITOR"]
            .iter()
            .find_map(|v| std::env::var(v).ok().filter(|e| !e.trim().is_empty())),
        ..Options::new(ctx.today, lang, loaded.theme, loaded.keymap)
    };
    tui::run(archive, options, mouse)?;
    Ok(ExitCode::SUCCESS)
}
