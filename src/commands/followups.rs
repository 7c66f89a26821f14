use std::io::{self, Write};
use std::process::ExitCode;

use super::Context;
use crate::cli::{FollowupsArgs, FollowupsFormat};
use dagsorden::calendar::schedule;
use dagsorden::export::followups::{followups_json, followups_markdown, followups_text};
use dagsorden::followup::{EntryFilter, FollowupState, entries};
use dagsorden::model::BodyId;

pub fn followups(ctx: &Context, args: &FollowupsArgs) -> anyhow::Result<ExitCode> {
    let archive = ctx.load()?;
    let lang = ctx.lang(&archive);
    Context::check_body(&archive, args.body.as_deref())?;
    let filter = EntryFilter {
        state: args.state,
        owner: args.owner.clone(),
        body: args.body.as_deref().and_then(|b| b.parse::<BodyId>().ok()),
    };
    let all = entries(&archive, &schedule(&archive), ctx.today);
    let overdue = all
        .iter()
        .any(|e| e.state() == FollowupState::Overdue && filter.matches_who(e.followup(&archive)));
    let shown: Vec<_> = all
        .into_iter()
        .filter(|e| filter.matches(e, &archive))
        .collect();
    let text = match args.format {
        FollowupsFormat::Text => followups_text(&archive, &shown, ctx.today, lang),
        FollowupsFormat::Md => followups_markdown(&archive, &shown, ctx.today, lang),
        FollowupsFormat::Json => {
            dagsorden::export::json::pretty(&followups_json(&archive, &shown, lang))?
        }
    };
    io::stdout().lock().write_all(text.as_bytes())?;
    Ok(if overdue {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
