//! `dagsorden import`: published minutes in, one meeting file each.

use std::fmt::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use rayon::prelude::*;
use serde_json::json;

use super::Context;
use crate::cli::{ImportArgs, ListFormat};
use dagsorden::archive::check_text;
use dagsorden::import::{ImportedMeeting, normalise, party_finder, read_page, reimport, write};
use dagsorden::lang::{Lang, Said};
use dagsorden::store::Store;
use dagsorden::text::{Medium, sanitize};

/// What became of one input file.
struct Outcome {
    file: PathBuf,
    /// The meeting read from it, or why none was.
    meeting: Result<(ImportedMeeting, String, Vec<Note>), Failure>,
    /// The meeting file written (or that would be, with --dry-run), relative to the archive.
    written: Option<PathBuf>,
    /// The meeting is in the archive already.
    present: bool,
    /// For a meeting in the archive: the fields where the page differs from its file.
    differences: Vec<reimport::Difference>,
    /// The differences were written into the file (--update).
    updated: bool,
}

/// A page read: the meeting and the repairs made to its text, or why it gave none.
type Read = Result<(ImportedMeeting, Vec<Note>), Failure>;

/// Why a file gave no meeting file.
enum Failure {
    Unreadable(Said),
    Pdf(dagsorden::import::pdf::PdfError),
    NoLayout,
    Missing(write::Missing),
    NotWritten(Said),
}

impl Failure {
    fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (Failure::Unreadable(e), Lang::Da) => format!("filen kan ikke læses: {}", e.da),
            (Failure::Unreadable(e), Lang::En) => format!("cannot read the file: {}", e.en),
            (Failure::Pdf(e), _) => e.message(lang),
            (Failure::NoLayout, Lang::Da) => "ikke i et layout, importen kender (hovedet \
                 UDVALG … PUNKTER mangler); intet importeret"
                .to_owned(),
            (Failure::NoLayout, Lang::En) => "not in a layout the importer knows (the header \
                 block UDVALG … PUNKTER is missing); nothing imported"
                .to_owned(),
            (Failure::Missing(m), _) => m.message(lang),
            (Failure::NotWritten(e), Lang::Da) => format!("ikke skrevet: {}", e.da),
            (Failure::NotWritten(e), Lang::En) => format!("not written: {}", e.en),
        }
    }
}

/// Something to know about a file that was imported.
enum Note {
    Repair(normalise::Repair),
    /// An attachment named under *Bilag* that is not in the archive's folder.
    MissingAttachment(String),
}

impl Note {
    fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (Note::Repair(r), _) => r.message(lang).to_owned(),
            (Note::MissingAttachment(p), Lang::Da) => {
                format!("bilaget findes ikke i arkivet endnu (læg filen der): {p}")
            }
            (Note::MissingAttachment(p), Lang::En) => {
                format!("the attachment is not in the archive yet (put the file there): {p}")
            }
        }
    }
}

/// A page's lines, the repairs made to them, and the address it was saved from where it
/// says (a saved web page).
type PageLines = (Vec<normalise::Line>, Vec<Note>, Option<String>);

/// The page's text: a PDF through its extractor, anything else as it is.
fn page_lines(file: &Path) -> Result<PageLines, Failure> {
    let bytes = std::fs::read(file).map_err(|e| Failure::Unreadable(Said::io(&e)))?;
    let source = dagsorden::import::html::looks_like_html(&bytes)
        .then(|| dagsorden::import::html::source(&normalise::decode(&bytes).0))
        .flatten();
    let (lines, repairs) = if dagsorden::import::pdf::is_pdf(&bytes) {
        let text = dagsorden::import::pdf::text(file).map_err(Failure::Pdf)?;
        let (lines, mut repairs) = normalise::lines(&text);
        repairs.insert(0, normalise::Repair::Pdf);
        (lines, repairs)
    } else {
        normalise::page(&bytes)
    };
    Ok((
        lines,
        repairs.into_iter().map(Note::Repair).collect(),
        source,
    ))
}

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
            let result = page_lines(&file).and_then(|(lines, notes, source)| {
                let Some(mut m) = read_page(&lines, &party) else {
                    return Err(Failure::NoLayout);
                };
                if m.source.is_none() {
                    m.source = source;
                }
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
    // Looked up for every reference of every page: a set, not a walk of 10,000 meetings. The
    // meetings of this import count as known: a page may name the next one.
    let mut known = write::Known::of(&archive);
    known.meetings.extend(
        read.iter()
            .filter_map(|(_, r)| r.as_ref().ok())
            .filter_map(|(m, _)| write::meeting_id(m).ok()),
    );
    let mut store = Store::open(&ctx.dir, check_text);
    store.record_writes();
    let mut outcomes = Vec::new();
    for (file, result) in read {
        let mut outcome = Outcome {
            file: file.clone(),
            meeting: Err(Failure::NoLayout),
            written: None,
            present: false,
            differences: Vec::new(),
            updated: false,
        };
        outcome.meeting = result.and_then(|(m, mut notes)| {
            let id = write::meeting_id(&m).map_err(Failure::Missing)?;
            let text = write::meeting_file(&m, &file.display().to_string(), &known)
                .map_err(Failure::Missing)?;
            for name in m.items.iter().flat_map(|i| &i.attachments) {
                let rel = format!("{}/{id}/{name}", &id[..4]);
                if !ctx.dir.join(&rel).exists() {
                    notes.push(Note::MissingAttachment(rel));
                }
            }
            let rel = PathBuf::from(&id[..4]).join(format!("{id}.toml"));
            if ctx.dir.join(&rel).exists() {
                outcome.present = true;
                let file = std::fs::read_to_string(ctx.dir.join(&rel))
                    .map_err(|e| Failure::Unreadable(Said::io(&e)))?;
                outcome.differences =
                    reimport::differences(&file, &text).map_err(Failure::Unreadable)?;
                if args.update && !args.dry_run && !outcome.differences.is_empty() {
                    let diffs = outcome.differences.clone();
                    store
                        .edit(&rel, "import --update", |doc| {
                            reimport::apply(doc, &text, &diffs)
                        })
                        .map_err(|e| Failure::NotWritten(save_said(&e)))?;
                    outcome.updated = true;
                }
            } else if args.dry_run {
                outcome.written = Some(rel);
            } else {
                store
                    .create(&rel, "import", &text)
                    .map_err(|e| Failure::NotWritten(save_said(&e)))?;
                outcome.written = Some(rel);
            }
            Ok((m, id, notes))
        });
        outcomes.push(outcome);
    }
    let written = outcomes
        .iter()
        .filter(|o| o.written.is_some() || o.updated)
        .count();
    if written > 0 && !args.dry_run {
        let message = match archive.forum.language {
            Lang::Da => format!(
                "Referater importeret: {}",
                dagsorden::lang::counted(written, "møde", "møder")
            ),
            Lang::En => format!(
                "Minutes imported: {}",
                dagsorden::lang::counted(written, "meeting", "meetings")
            ),
        };
        super::record_in_git(ctx, &archive, &mut store, Some(&message));
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
                .map_err(|e| {
                    let p = path.display();
                    super::Told::because(dagsorden::said!("{p}"; "{p}"), e)
                })?
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.is_file() && !is_hidden(p))
                .collect();
            found.sort();
            files.extend(found);
        } else if path.is_file() {
            files.push(path.clone());
        } else {
            let p = path.display();
            return Err(super::Told::error(dagsorden::said!(
                "{p}: filen eller mappen findes ikke";
                "{p}: no such file or folder"
            )));
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
    same: &'static str,
    /// Followed by the number of differences.
    differs: &'static str,
    update_hint: &'static str,
    updated: &'static str,
    would_update: &'static str,
    item: &'static str,
    not_in_file: &'static str,
    in_file: &'static str,
    on_page: &'static str,
    new_item: &'static str,
    would_write: &'static str,
    written: &'static str,
    not_written: &'static str,
    items: &'static str,
    note: &'static str,
    check: &'static str,
    summary: fn(usize, usize, usize, usize, usize) -> String,
}

const DA: Words = Words {
    present: "findes allerede i arkivet; intet skrevet",
    same: "siden og filen er ens",
    differs: "forskelle mellem filen og siden",
    update_hint: "--update skriver sidens værdier i filen",
    updated: "filen er opdateret med sidens værdier",
    would_update: "--update ville skrive sidens værdier i filen",
    item: "punkt",
    not_in_file: "ikke i filen",
    in_file: "i filen",
    on_page: "på siden",
    new_item: "punktet er ikke i filen",
    would_write: "ville blive skrevet som",
    written: "skrevet som",
    not_written: "ikke skrevet",
    items: "punkter",
    note: "bemærk",
    check: "tjek",
    summary: |m, i, d, s, c| {
        format!(
            "{m} {}, {i} {}, {d} {}, {s} forslag til opfølgning, {c} at tjekke.",
            plural(m, "møde", "møder"),
            plural(i, "punkt", "punkter"),
            plural(d, "beslutning", "beslutninger"),
        )
    },
};

const EN: Words = Words {
    present: "already in the archive; nothing written",
    same: "the page and the file agree",
    differs: "differences between the file and the page",
    update_hint: "--update writes the page's values into the file",
    updated: "the file is updated with the page's values",
    would_update: "--update would write the page's values into the file",
    item: "item",
    not_in_file: "not in the file",
    in_file: "in the file",
    on_page: "on the page",
    new_item: "the item is not in the file",
    would_write: "would be written as",
    written: "written as",
    not_written: "not written",
    items: "items",
    note: "note",
    check: "check",
    summary: |m, i, d, s, c| {
        format!(
            "{m} {}, {i} {}, {d} {}, {s} {}, {c} to check.",
            plural(m, "meeting", "meetings"),
            plural(i, "item", "items"),
            plural(d, "decision", "decisions"),
            plural(s, "suggested follow-up", "suggested follow-ups"),
        )
    },
};

fn plural(n: usize, one: &'static str, more: &'static str) -> &'static str {
    if n == 1 { one } else { more }
}

/// The fields where a page differs from the meeting's file, one line each.
fn differences_text(out: &mut String, file: &str, id: &str, o: &Outcome, dry_run: bool, w: &Words) {
    if o.differences.is_empty() {
        let _ = writeln!(out, "{file}: {id}: {}", w.same);
        return;
    }
    let then = match (o.updated, dry_run) {
        (true, _) => String::new(),
        (false, true) => format!(" ({})", w.would_update),
        (false, false) => format!(" ({})", w.update_hint),
    };
    let _ = writeln!(
        out,
        "{file}: {id}: {} {}{then}:",
        o.differences.len(),
        w.differs
    );
    let quoted = |s: &str| format!("«{}»", sanitize(&dagsorden::text::truncate_chars(s, 80)));
    for d in &o.differences {
        let place = match (&d.item, &d.key) {
            (Some(n), Some(k)) => format!("{} {}, {}", w.item, sanitize(n), sanitize(k)),
            (Some(n), None) => format!("{} {}", w.item, sanitize(n)),
            (None, Some(k)) => sanitize(k).into_owned(),
            (None, None) => String::new(),
        };
        let (before, page) = match (&d.key, &d.file) {
            (None, _) => (w.new_item.to_owned(), quoted(&d.page)),
            (_, None) => (w.not_in_file.to_owned(), quoted(&d.page)),
            (_, Some(v)) => {
                let (file, page) = reimport::excerpts(v, &d.page, 70);
                (format!("{} {}", w.in_file, quoted(&file)), quoted(&page))
            }
        };
        let _ = writeln!(out, "  {place}: {before} · {} {page}", w.on_page);
    }
}

fn report_text(outcomes: &[Outcome], dry_run: bool, lang: Lang) -> String {
    let w = match lang {
        Lang::Da => &DA,
        Lang::En => &EN,
    };
    let mut out = String::new();
    let (mut meetings, mut items, mut decisions, mut suggestions, mut doubts) = (0, 0, 0, 0, 0);
    for o in outcomes {
        let file = sanitize(&o.file.display().to_string()).into_owned();
        match &o.meeting {
            Err(why) => {
                let _ = writeln!(out, "{file}: {}", sanitize(&why.message(lang)));
            }
            Ok((m, id, notes)) => {
                meetings += 1;
                items += m.items.len();
                decisions += m.items.iter().filter(|i| !i.decision.is_empty()).count();
                suggestions += m.items.iter().map(|i| i.followups.len()).sum::<usize>();
                doubts += m.doubts.len();
                let what = match (&o.written, o.present, dry_run) {
                    (_, true, _) if o.updated => format!("{id}: {}", w.updated),
                    (_, true, _) => format!("{id}: {}", w.present),
                    (Some(rel), _, true) => format!("{id}: {} {}", w.would_write, rel.display()),
                    (Some(rel), _, false) => format!("{id}: {} {}", w.written, rel.display()),
                    (None, _, _) => format!("{id}: {}", w.not_written),
                };
                let _ = writeln!(out, "{file}: {what} ({} {})", m.items.len(), w.items);
                if o.present {
                    differences_text(&mut out, &file, id, o, dry_run, w);
                }
                for note in notes {
                    let _ = writeln!(out, "{file}: {}: {}", w.note, sanitize(&note.message(lang)));
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
    out.push_str(&(w.summary)(
        meetings,
        items,
        decisions,
        suggestions,
        doubts,
    ));
    out.push('\n');
    out
}

fn report_json(outcomes: &[Outcome], lang: Lang) -> serde_json::Value {
    let files: Vec<_> = outcomes
        .iter()
        .map(|o| match &o.meeting {
            Err(why) => json!({ "file": o.file.display().to_string(), "error": why.message(lang) }),
            Ok((m, id, notes)) => json!({
                "file": o.file.display().to_string(),
                "meeting": id,
                "written": o.written.as_ref().map(|p| p.display().to_string()),
                "already_in_archive": o.present,
                "updated": o.updated,
                "differences": o.differences.iter().map(|d| json!({
                    "item": d.item,
                    "field": d.key,
                    "file": d.file,
                    "page": d.page,
                })).collect::<Vec<_>>(),
                "items": m.items.len(),
                "suggested_followups": m.items.iter().map(|i| i.followups.len()).sum::<usize>(),
                "notes": notes.iter().map(|n| n.message(lang)).collect::<Vec<_>>(),
                "check": m.doubts.iter().map(|d| json!({ "line": d.line, "message": d.message(lang) })).collect::<Vec<_>>(),
            }),
        })
        .collect();
    json!({ "files": files })
}

/// A refused or failed save, in both languages.
fn save_said(e: &dagsorden::store::SaveError) -> Said {
    use dagsorden::tui::save_errors::describe;
    Said::new(describe(e, Lang::Da), describe(e, Lang::En))
}
