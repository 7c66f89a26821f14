use std::io::{self, Write};
use std::process::ExitCode;

use anyhow::Context as _;

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
    match &args.output {
        Some(path) => {
            // Written beside the target and renamed, so a reader never sees half a file.
            dagsorden::store::atomic::write_atomic(path, markdown.as_bytes())
                .with_context(|| format!("cannot write {}", path.display()))?;
        }
        None => io::stdout().lock().write_all(markdown.as_bytes())?,
    }
    Ok(ExitCode::SUCCESS)
}
