use dagsorden::text::Medium;
use std::process::ExitCode;

use super::Context;
use crate::cli::ExportArgs;
use dagsorden::export::{DocKind, MarkdownOptions, meeting_markdown};
use dagsorden::model::MeetingId;

pub fn export(ctx: &Context, args: &ExportArgs, kind: DocKind) -> anyhow::Result<ExitCode> {
    let archive = ctx.load()?;
    let id: MeetingId = args.meeting.parse()?;
    let Some(meeting) = archive.meeting(&id) else {
        let broken = archive
            .diagnostics
            .iter()
            .any(|d| d.is_error() && d.site.file.ends_with(format!("{id}.toml")));
        if broken {
            anyhow::bail!(
                "the file of meeting {id} has errors and was not read: run `dagsorden check` to see them"
            );
        }
        let known: Vec<String> = archive.meetings.iter().map(|m| m.id.to_string()).collect();
        anyhow::bail!(
            "no meeting file for {id}; the meetings with files are: {}",
            known.join(", ")
        );
    };
    let opts = MarkdownOptions {
        kind,
        public: args.public,
        lang: ctx.lang(&archive),
    };
    let markdown = meeting_markdown(&archive, meeting, &opts);
    super::out::to(args.output.as_deref(), Medium::Markdown, &markdown)?;
    Ok(ExitCode::SUCCESS)
}
