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
            return Err(super::Told::error(dagsorden::said!(
                "filen til mødet {id} har fejl og blev ikke læst: kør `dagsorden check` for at se dem";
                "the file of meeting {id} has errors and was not read: run `dagsorden check` to see them"
            )));
        }
        let known: Vec<String> = archive.meetings.iter().map(|m| m.id.to_string()).collect();
        let known = known.join(", ");
        return Err(super::Told::error(dagsorden::said!(
            "der er ingen mødefil for {id}; møderne med filer er: {known}";
            "no meeting file for {id}; the meetings with files are: {known}"
        )));
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
