use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::Context;
use crate::cli::{CalendarArgs, CalendarFormat};
use dagsorden::archive::Archive;
use dagsorden::calendar::propose::{busy_days, has_rules, propose};
use dagsorden::calendar::schedule;
use dagsorden::calendar::year::overview;
use dagsorden::edit::calendar::proposed_plan_text;
use dagsorden::export::calendar::{
    calendar_json, calendar_markdown, calendar_text, proposal_json, proposal_markdown,
};
use dagsorden::export::ics::calendar_ics;
use dagsorden::store::Store;
use dagsorden::text::Medium;

pub fn calendar(ctx: &Context, args: &CalendarArgs) -> anyhow::Result<ExitCode> {
    let archive = ctx.load_headers()?;
    let lang = ctx.lang(&archive);
    if args.propose {
        return proposal(ctx, args, &archive);
    }
    let all = schedule(&archive);
    let year = overview(&archive, &all, args.year, ctx.today);
    let text = match args.format {
        CalendarFormat::Text => calendar_text(&archive, &year, lang),
        CalendarFormat::Md => calendar_markdown(&archive, &year, lang),
        CalendarFormat::Ics => calendar_ics(&archive, &year, lang, ctx.today),
        CalendarFormat::Json => {
            dagsorden::export::json::pretty(&calendar_json(&archive, &year, lang))?
        }
    };
    emit(args.output.as_deref(), args.format, &text)?;
    Ok(ExitCode::SUCCESS)
}

fn proposal(ctx: &Context, args: &CalendarArgs, archive: &Archive) -> anyhow::Result<ExitCode> {
    let lang = ctx.lang(archive);
    let forum = &archive.forum;
    if !has_rules(forum) {
        return Err(super::Told::error(dagsorden::said!(
            "forum.toml sætter ikke meetings_per_year for noget organ; tilføj fx `meetings_per_year = 4` og `weekday = \"fredag\"` til det organ, der beslutter";
            "forum.toml sets no meetings_per_year for any body; add e.g. `meetings_per_year = 4` and `weekday = \"fredag\"` to the body that decides"
        )));
    }
    let draft = propose(forum, args.year, &busy_days(archive, args.year));
    // The file is in the forum's language, like every plan the screens write.
    let plan = proposed_plan_text(&draft, forum.language, ctx.today);
    if args.write {
        let rel = PathBuf::from(format!("calendar/{}.toml", args.year));
        let mut store = Store::open(&ctx.dir, dagsorden::archive::check_text);
        store.record_writes();
        store.create(&rel, "proposed plan", &plan).map_err(|e| {
            super::Told::because(
                dagsorden::said!("udkastet blev ikke gemt"; "the draft was not saved"),
                e,
            )
        })?;
        super::record_in_git(ctx, archive, &mut store, None);
        super::out::stderr(&format!("{}\n", ctx.dir.join(&rel).display()));
    }
    let text = match args.format {
        CalendarFormat::Md => proposal_markdown(forum, &draft, lang),
        CalendarFormat::Text => plan,
        CalendarFormat::Json => dagsorden::export::json::pretty(&proposal_json(&draft, lang))?,
        CalendarFormat::Ics => {
            return Err(super::Told::error(dagsorden::said!(
                "et udkast eksporteres ikke som iCalendar; gem det med --write, ret det til, og eksportér så året";
                "a draft is not exported as iCalendar; save it with --write, adjust it, then export the year"
            )));
        }
    };
    emit(args.output.as_deref(), args.format, &text)?;
    Ok(ExitCode::SUCCESS)
}

fn emit(output: Option<&Path>, format: CalendarFormat, text: &str) -> anyhow::Result<()> {
    let medium = match format {
        CalendarFormat::Text => Medium::Terminal,
        CalendarFormat::Md => Medium::Markdown,
        CalendarFormat::Ics => Medium::Ics,
        CalendarFormat::Json => Medium::Json,
    };
    super::out::to(output, medium, text)
}
