//! `dagsorden import`: published minutes in, one meeting file each.

use std::fmt::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use rayon::prelude::*;
use serde_json::json;

use super::Context;
use crate::cli::{ImportArgs, ListFormat};
use dagsorden::archive::check_text;
use dagsorden::import::{ImportedMeeting, normalise, party_finder, read_page, write};
use dagsorden::store::Store;
use dagsorden::text::{Medium, sanitize};

/// What became of one input file.
struct Outcome {
    file: PathBuf,
    /// The meeting read from it, or why none was.
    meeting: Result<(ImportedMeeting, String, Vec<String>), String>,
    /// The meeting file written (or that would be, with --dry-run), relative to the archive.
    written: Option<PathBuf>,
    /// The meeting is in the archive already.
    present: bool,
}

/// A page read: the meeting and the repairs made to its text, or why it gave none.
type Read = Result<(ImportedMeeting, Vec<String>), String>;

pub fn import(ctx: &Context, args: &ImportArgs) -> anyhow::Result<ExitCode> {
    let archive = ctx.load()?;
    if let Some(body) = &args.body {
        Context::check_body(&archive, Some(body))?;
    }
    let files = inputs(&args.paths)?;
    let party = party_finder(&archive.forum);
    let progress = progress_bar(files.len());
    // Read in parallel; written one by one, through the one save path.
    let read: Vec<(PathBuf, Read)> = files
        .into_par_iter()
        .inspect(|_| progress.inc(1))
        .map(|file| {
            let result = std::fs::read(&file)
                .map_err(|e| format!("cannot read the file: {e}"))
                .and_then(|bytes| {
                    let (lines, notes) = normalise::page(&bytes);
                    let Some(mut m) = read_page(&lines, &party) else {
                        return Err("not in a layout the importer knows (the header block \
                                    UDVALG … PUNKTER is missing); nothing imported"
                            .to_owned());
                    };
                    if let Some(body) = &args.body
                        && m.body.is_none()
                    {
                        m.body = Some(body.clone());
                    }
                    Ok((m, notes))
                });
            (file, result)
        })
        .collect();
    progress.finish_and_clear();
    let schedule = dagsorden::calendar::schedule(&archive);
    // Looked up once per approval item of every page: a set, not a walk of 10,000 meetings.
    let ids: std::collections::HashSet<String> =
        schedule.iter().map(|s| s.id.to_string()).collect();
    let known = |id: &str| ids.contains(id);
    let mut store = Store::open(&ctx.dir, check_text);
    let mut outcomes = Vec::new();
    for (file, result) in read {
        let mut outcome = Outcome {
            file: file.clone(),
            meeting: Err(String::new()),
            written: None,
            present: false,
        };
        outcome.meeting = result.and_then(|(m, notes)| {
            let id = write::meeting_id(&m).map_err(|e| e.to_string())?;
            let text = write::meeting_file(&m, &file.display().to_string(), &known)
                .map_err(|e| e.to_string())?;
            let rel = PathBuf::from(&id[..4]).join(format!("{id}.toml"));
            if ctx.dir.join(&rel).exists() {
                outcome.present = true;
            } else if args.dry_run {
                outcome.written = Some(rel);
            } else {
                store
                    .create(&rel, "import", &text)
                    .map_err(|e| format!("not written: {e}"))?;
                outcome.written = Some(rel);
            }
            Ok((m, id, notes))
        });
        outcomes.push(outcome);
    }
    let failed = outcomes.iter().any(|o| o.meeting.is_err());
    let text = match args.format {
        ListFormat::Text => report_text(&outcomes, args.dry_run, ctx.lang(&archive)),
        ListFormat::Json => {
            dagsorden::export::json::pretty(&report_json(&outcomes, ctx.lang(&archive)))?
        }
    };
    let medium = match args.format {
        ListFormat::Text => Medium::Terminal,
        ListFormat::Json => Medium::Json,
    };
    super::out::stdout(medium, &text)?;
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// A bar on standard error while many files are read, when it is a terminal; hidden
/// otherwise (in a pipe, a test, a log).
fn progress_bar(files: usize) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if files < 20 || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(files as u64);
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} {per_sec} {eta}")
    {
        bar.set_style(style);
    }
    bar
}

/// The files named, and the files in the folders named (sorted, hidden ones left out).
fn inputs(paths: &[PathBuf]) -> anyhow::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(path)
                .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.is_file() && !is_hidden(p))
                .collect();
            found.sort();
            files.extend(found);
        } else if path.is_file() {
            files.push(path.clone());
        } else {
            anyhow::bail!("{}: no such file or folder", path.display());
        }
    }
    Ok(files)
}

fn is_hidden(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with('.'))
}

/// The report's words, in Danish and English.
struct Words {
    present: &'static str,
    would_write: &'static str,
    written: &'static str,
    not_written: &'static str,
    items: &'static str,
    note: &'static str,
    check: &'static str,
    summary: fn(usize, usize, usize, usize) -> String,
}

const DA: Words = Words {
    present: "findes allerede i arkivet; intet skrevet",
    would_write: "ville blive skrevet som",
    written: "skrevet som",
    not_written: "ikke skrevet",
    items: "punkter",
    note: "bemærk",
    check: "tjek",
    summary: |m, i, d, c| format!("{m} møder, {i} punkter, {d} beslutninger, {c} at tjekke."),
};

const EN: Words = Words {
    present: "already in the archive; nothing written",
    would_write: "would be written as",
    written: "written as",
    not_written: "not written",
    items: "items",
    note: "note",
    check: "check",
    summary: |m, i, d, c| format!("{m} meetings, {i} items, {d} decisions, {c} to check."),
};

fn report_text(outcomes: &[Outcome], dry_run: bool, lang: dagsorden::lang::Lang) -> String {
    let w = match lang {
        dagsorden::lang::Lang::Da => &DA,
        dagsorden::lang::Lang::En => &EN,
    };
    let mut out = String::new();
    let (mut meetings, mut items, mut decisions, mut doubts) = (0, 0, 0, 0);
    for o in outcomes {
        let file = sanitize(&o.file.display().to_string()).into_owned();
        match &o.meeting {
            Err(why) => {
                let _ = writeln!(out, "{file}: {}", sanitize(why));
            }
            Ok((m, id, notes)) => {
                meetings += 1;
                items += m.items.len();
                decisions += m.items.iter().filter(|i| !i.decision.is_empty()).count();
                doubts += m.doubts.len();
                let what = match (&o.written, o.present, dry_run) {
                    (_, true, _) => format!("{id}: {}", w.present),
                    (Some(rel), _, true) => format!("{id}: {} {}", w.would_write, rel.display()),
                    (Some(rel), _, false) => format!("{id}: {} {}", w.written, rel.display()),
                    (None, _, _) => format!("{id}: {}", w.not_written),
                };
                let _ = writeln!(out, "{file}: {what} ({} {})", m.items.len(), w.items);
                for note in notes {
                    let _ = writeln!(out, "{file}: {}: {note}", w.note);
                }
                for d in &m.doubts {
                    let _ = writeln!(
                        out,
                        "{file}:{}: {}: {}",
                        d.line,
                        w.check,
                        sanitize(&d.message(lang))
                    );
                }
            }
        }
    }
    out.push_str(&(w.summary)(meetings, items, decisions, doubts));
    out.push('\n');
    out
}

fn report_json(outcomes: &[Outcome], lang: dagsorden::lang::Lang) -> serde_json::Value {
    let files: Vec<_> = outcomes
        .iter()
        .map(|o| match &o.meeting {
            Err(why) => json!({ "file": o.file.display().to_string(), "error": why }),
            Ok((m, id, notes)) => json!({
                "file": o.file.display().to_string(),
                "meeting": id,
                "written": o.written.as_ref().map(|p| p.display().to_string()),
                "already_in_archive": o.present,
                "items": m.items.len(),
                "notes": notes,
                "check": m.doubts.iter().map(|d| json!({ "line": d.line, "message": d.message(lang) })).collect::<Vec<_>>(),
            }),
        })
        .collect();
    json!({ "files": files })
}
