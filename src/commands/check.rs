use std::fmt::Write;
use std::process::ExitCode;

use super::Context;
use dagsorden::calendar::pairs::pairs;
use dagsorden::calendar::{checks, schedule};
use dagsorden::lang::Lang;

/// Prints every problem, compiler style, then the calendar's findings (a preparing meeting
/// too close to its meeting, weekends, days off, one body twice on a day); exit 1 when
/// there are any.
pub fn check(ctx: &Context) -> anyhow::Result<ExitCode> {
    let archive = ctx.load_checked()?;
    let lang = ctx.lang(&archive);
    let mut out = String::new();
    for d in &archive.diagnostics {
        writeln!(out, "{}", d.render(lang))?;
    }
    // Stated weekdays are checked as the files are read; the rest needs the whole calendar.
    let all = schedule(&archive);
    let findings: Vec<_> = checks::check(&archive, &all, &pairs(&archive, &all), None)
        .into_iter()
        .filter(|f| !f.reported_by_loader())
        .map(|f| f.diagnostic(&archive))
        .collect();
    for d in &findings {
        writeln!(out, "{}", d.render(lang))?;
    }
    let errors = archive.error_count() + findings.iter().filter(|d| d.is_error()).count();
    let warnings = archive.warning_count() + findings.iter().filter(|d| !d.is_error()).count();
    let files = archive.files_read;
    use dagsorden::lang::counted;
    let line = match lang {
        Lang::Da => format!(
            "{}, {} i {}.",
            counted(errors, "fejl", "fejl"),
            counted(warnings, "advarsel", "advarsler"),
            counted(files, "fil", "filer")
        ),
        Lang::En => format!(
            "{}, {} in {}.",
            counted(errors, "error", "errors"),
            counted(warnings, "warning", "warnings"),
            counted(files, "file", "files")
        ),
    };
    writeln!(out, "{line}")?;
    super::out::stdout(dagsorden::text::Medium::Terminal, &out)?;
    Ok(if errors + warnings == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
