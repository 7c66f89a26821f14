use std::io::{self, Write};
use std::process::ExitCode;

use super::Context;
use dagsorden::lang::Lang;

/// Prints every problem, compiler style; exit 1 when there are any.
pub fn check(ctx: &Context) -> anyhow::Result<ExitCode> {
    let archive = ctx.load()?;
    let lang = ctx.lang(&archive);
    let mut out = io::stdout().lock();
    for d in &archive.diagnostics {
        writeln!(out, "{d}")?;
    }
    let (errors, warnings) = (archive.error_count(), archive.warning_count());
    let files = archive.files_read;
    match lang {
        Lang::Da => {
            let advarsler = if warnings == 1 {
                "advarsel"
            } else {
                "advarsler"
            };
            writeln!(
                out,
                "{errors} fejl, {warnings} {advarsler} i {files} filer."
            )
        }
        Lang::En => writeln!(
            out,
            "{errors} errors, {warnings} warnings in {files} files."
        ),
    }?;
    Ok(if archive.diagnostics.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
