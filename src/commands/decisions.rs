use dagsorden::text::Medium;
use std::process::ExitCode;

use super::Context;
use crate::cli::{DecisionsArgs, DecisionsFormat};
use dagsorden::export::decisions::{
    decisions_csv, decisions_json, decisions_markdown, decisions_text,
};
use dagsorden::history::{DecisionFilter, decision_rows};

pub fn decisions(ctx: &Context, args: &DecisionsArgs) -> anyhow::Result<ExitCode> {
    let archive = ctx.load_headers()?;
    let lang = ctx.lang(&archive);
    Context::check_body(&archive, args.body.as_deref())?;
    let filter = DecisionFilter {
        body: args.body.clone(),
        year: args.year,
        outcome: args.outcome,
        tag: args.tag.clone(),
        deviations: args.deviations,
    };
    let rows = decision_rows(&archive.meetings, &filter);
    let (forum, meetings) = (&archive.forum, &archive.meetings);
    let (medium, text) = match args.format {
        DecisionsFormat::Text => (
            Medium::Terminal,
            decisions_text(forum, meetings, &rows, args.deviations, lang),
        ),
        DecisionsFormat::Md => (
            Medium::Markdown,
            decisions_markdown(forum, meetings, &rows, args.deviations, lang),
        ),
        DecisionsFormat::Csv => (Medium::Csv, decisions_csv(forum, meetings, &rows)?),
        DecisionsFormat::Json => (
            Medium::Json,
            dagsorden::export::json::pretty(&decisions_json(forum, meetings, &rows))?,
        ),
    };
    super::out::stdout(medium, &text)?;
    Ok(ExitCode::SUCCESS)
}
