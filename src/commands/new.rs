use std::fmt::Write;
use std::process::ExitCode;

use super::Context;
use crate::cli::NewArgs;
use dagsorden::archive::check_text;
use dagsorden::calendar::schedule;
use dagsorden::edit::new_meeting::{draft, offered_followups};
use dagsorden::followup::followup_due_phrase;
use dagsorden::model::BodyId;
use dagsorden::store::Store;

pub fn new(ctx: &Context, args: &NewArgs) -> anyhow::Result<ExitCode> {
    let archive = ctx.load()?;
    let lang = ctx.lang(&archive);
    let labels = lang.labels();
    let body: BodyId = args.body.parse()?;
    let schedule = schedule(&archive);
    let offered = offered_followups(&archive, &schedule, &body, args.date);
    let include: &[_] = if args.include_followups {
        &offered
    } else {
        &[]
    };
    let draft = draft(&archive, &schedule, &body, args.date, include)
        .map_err(|e| anyhow::anyhow!("{}", e.get(lang)))?;
    let path = ctx.dir.join(&draft.rel);
    let mut store = Store::open(&ctx.dir, check_text);
    store.record_writes();
    store.create(&draft.rel, "new meeting", &draft.text)?;
    super::record_in_git(ctx, &archive, &mut store, None);
    let mut out = String::new();
    writeln!(out, "{} {}", labels.created, path.display())?;
    if !offered.is_empty() && !args.include_followups {
        writeln!(out, "{}", labels.followups_due_by_meeting)?;
        for f in &offered {
            let what = dagsorden::text::sanitize(&f.what);
            writeln!(
                out,
                "  {} — {what} ({})",
                f.id,
                followup_due_phrase(&archive, f, lang)
            )?;
        }
        writeln!(out, "{}", labels.include_followups_hint)?;
    }
    super::out::stdout(dagsorden::text::Medium::Terminal, &out)?;
    Ok(ExitCode::SUCCESS)
}
