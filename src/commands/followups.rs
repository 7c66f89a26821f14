use dagsorden::text::Medium;
use std::process::ExitCode;

use super::Context;
use crate::cli::{FollowupsArgs, FollowupsFormat};
use dagsorden::calendar::schedule;
use dagsorden::export::followups::{followups_json, followups_markdown, followups_text};
use dagsorden::followup::{EntryFilter, FollowupState, entries};
use dagsorden::model::BodyId;

pub fn followups(ctx: &Context, args: &FollowupsArgs) -> anyhow::Result<ExitCode> {
    let archive = ctx.load_headers()?;
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
    let (medium, text) = match args.format {
        FollowupsFormat::Text => (
            Medium::Terminal,
            followups_text(&archive, &shown, ctx.today, lang),
        ),
        FollowupsFormat::Md => (
            Medium::Markdown,
            followups_markdown(&archive, &shown, ctx.today, lang),
        ),
        FollowupsFormat::Json => (
            Medium::Json,
            dagsorden::export::json::pretty(&followups_json(&archive, &shown, lang))?,
        ),
    };
    super::out::stdout(medium, &text)?;
    Ok(if overdue {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
