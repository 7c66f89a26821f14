//! `dagsorden init DIR`: a new archive from a few questions. Writes `forum.toml` (the forum,
//! one body and its meeting defaults, commented), the format's README, and the `calendar/`
//! folder; never over an archive that is there. Answers come from the options, else from
//! the terminal (Enter takes the default in brackets), else from lines on standard input.

use std::io::{BufRead, IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context as _;
use chrono::NaiveTime;

use crate::cli::InitArgs;
use dagsorden::lang::Lang;

/// The format of the archive's files, as the bundled sample documents it.
const FORMAT_README: &str = include_str!("../../agendas/README.md");

struct Answers {
    forum: String,
    secretariat: String,
    body_id: String,
    body_name: String,
    short: String,
    place: String,
    start: NaiveTime,
    end: NaiveTime,
    lang: Lang,
}

struct Words {
    exists: &'static str,
    forum: &'static str,
    secretariat: &'static str,
    body_id: &'static str,
    body_name: &'static str,
    short: &'static str,
    place: &'static str,
    start: &'static str,
    end: &'static str,
    lang: &'static str,
    bad_id: &'static str,
    bad_time: &'static str,
    created: &'static str,
    next: &'static str,
}

fn words(lang: Lang) -> Words {
    match lang {
        Lang::Da => Words {
            exists: "findes allerede; init skriver ikke over et arkiv",
            forum: "Forummets navn",
            secretariat: "Sekretariatet",
            body_id: "Udvalgets id (små bogstaver, fx sdf)",
            body_name: "Udvalgets navn",
            short: "Forkortelse",
            place: "Mødested",
            start: "Møderne begynder kl.",
            end: "Møderne slutter kl.",
            lang: "Sprog (da/en)",
            bad_id: "et id er små bogstaver, tal og bindestreg, fx sdf eller bu",
            bad_time: "et klokkeslæt skrives 09.00 eller 9:00",
            created: "Oprettet",
            next: "Åbn det med",
        },
        Lang::En => Words {
            exists: "already exists; init never writes over an archive",
            forum: "The forum's name",
            secretariat: "The secretariat",
            body_id: "The body's id (lower case, e.g. sdf)",
            body_name: "The body's name",
            short: "Short name",
            place: "Where it meets",
            start: "Meetings start at",
            end: "Meetings end at",
            lang: "Language (da/en)",
            bad_id: "an id is lower-case letters, digits and hyphens, e.g. sdf or bu",
            bad_time: "a time is written 09.00 or 9:00",
            created: "Created",
            next: "Open it with",
        },
    }
}

pub fn init(args: &InitArgs, lang: Option<Lang>) -> anyhow::Result<ExitCode> {
    let lang = lang.unwrap_or(Lang::Da);
    let w = words(lang);
    let forum_file = args.dir.join("forum.toml");
    if forum_file.exists() {
        // An archive that is there (or a fresh clone of one): only git's part is added;
        // answers given for a new archive are refused, as they would change nothing.
        if args.name.is_some() || args.body.is_some() || args.place.is_some() || args.no_git {
            anyhow::bail!("{}: {}", forum_file.display(), w.exists);
        }
        let mut out = String::new();
        git_setup(&args.dir, lang, &mut out)?;
        super::out::stdout(dagsorden::text::Medium::Terminal, &out)?;
        return Ok(ExitCode::SUCCESS);
    }
    let answers = ask(args, lang)?;
    std::fs::create_dir_all(args.dir.join("calendar"))
        .with_context(|| args.dir.display().to_string())?;
    write_new(&forum_file, &forum_toml(&answers))?;
    let readme = args.dir.join("README.md");
    if !readme.exists() {
        write_new(&readme, FORMAT_README)?;
    }
    // What was written must load: the same check as every file of the archive.
    let archive = dagsorden::archive::Archive::load(&args.dir)?;
    if let Some(d) = archive.diagnostics.first() {
        anyhow::bail!("{}", d.render(archive.forum.language));
    }
    let mut out = format!("{} {}\n", w.created, forum_file.display());
    if !args.no_git
        && let Err(e) = git_setup(&args.dir, lang, &mut out)
    {
        // The archive is made; without git it works as a plain folder.
        out.push_str(&format!("{}\n", super::told::describe(&e, lang)));
    }
    out.push_str(&format!(
        "{}: dagsorden --dir {}\n",
        w.next,
        args.dir.display()
    ));
    super::out::stdout(dagsorden::text::Medium::Terminal, &out)?;
    Ok(ExitCode::SUCCESS)
}

/// Puts the archive in git (see `dagsorden::git::setup`) and says what was done.
fn git_setup(dir: &Path, lang: Lang, out: &mut String) -> anyhow::Result<()> {
    use std::fmt::Write as _;
    let exe = std::env::current_exe().map_err(|e| {
        super::Told::because(
            dagsorden::said!("dagsorden finder ikke sig selv"; "dagsorden cannot find itself"),
            e,
        )
    })?;
    let report = dagsorden::git::setup::setup(dir, &exe, lang).map_err(super::Told::error)?;
    let (made, added, driver, first, none) = match lang {
        Lang::Da => (
            "Gjort til et git-arkiv",
            "Tilføjet",
            "Sammenfletning felt for felt registreret (dagsorden merge-file)",
            "Første commit lavet",
            "Intet commit",
        ),
        Lang::En => (
            "Made a git repository",
            "Added",
            "Field-by-field merging registered (dagsorden merge-file)",
            "First commit made",
            "No commit",
        ),
    };
    if report.initialised {
        let _ = writeln!(out, "{made}: {}", dir.display());
    }
    if !report.wrote.is_empty() {
        let names: Vec<String> = report
            .wrote
            .iter()
            .map(|p| p.display().to_string())
            .collect();
        let _ = writeln!(out, "{added}: {}", names.join(", "));
    }
    let _ = writeln!(out, "{driver}");
    if report.committed {
        let _ = writeln!(out, "{first}");
    }
    if let Some(why) = report.not_committed {
        let _ = writeln!(out, "{none}: {}", why.get(lang));
    }
    Ok(())
}

/// Writes a file that must not be there yet (a second `init` racing this one loses).
fn write_new(path: &Path, text: &str) -> anyhow::Result<()> {
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .with_context(|| path.display().to_string())?;
    file.write_all(text.as_bytes())
        .with_context(|| path.display().to_string())
}

/// Each answer: the option given, else a question (the default taken on Enter or at the
/// end of standard input). A wrong answer is asked again in a terminal, refused otherwise.
fn ask(args: &InitArgs, lang: Lang) -> anyhow::Result<Answers> {
    let w = words(lang);
    let interactive = !args.yes && std::io::stdin().is_terminal();
    let piped = !args.yes && !interactive;
    let mut lines = std::io::stdin().lock().lines();
    let mut question =
        |label: &str, given: Option<&str>, default: &str| -> anyhow::Result<String> {
            if let Some(given) = given {
                return Ok(given.trim().to_owned());
            }
            if args.yes {
                return Ok(default.to_owned());
            }
            if interactive {
                super::out::stderr(&format!("{label} [{default}]: "));
                std::io::stderr().flush()?;
            }
            let line = if interactive || piped {
                lines.next().transpose()?.unwrap_or_default()
            } else {
                String::new()
            };
            let line = line.trim();
            Ok(if line.is_empty() { default } else { line }.to_owned())
        };
    let forum = question(w.forum, args.name.as_deref(), "Socialdirektørforum")?;
    let secretariat = question(w.secretariat, None, "Sekretariatet")?;
    let body_id = loop {
        let id = question(w.body_id, args.body.as_deref(), "sdf")?.to_lowercase();
        if id.parse::<dagsorden::model::BodyId>().is_ok() {
            break id;
        }
        if !interactive {
            anyhow::bail!("`{id}`: {}", w.bad_id);
        }
        super::out::stderr(&format!("{}\n", w.bad_id));
    };
    let body_name = question(w.body_name, None, &forum)?;
    let short = question(w.short, None, &body_id.to_uppercase())?;
    let place = question(w.place, args.place.as_deref(), "")?;
    let mut time = |label: &str, default: &str| -> anyhow::Result<NaiveTime> {
        loop {
            let text = question(label, None, default)?;
            match parse_time(&text) {
                Some(t) => return Ok(t),
                None if interactive => super::out::stderr(&format!("{}\n", w.bad_time)),
                None => anyhow::bail!("`{text}`: {}", w.bad_time),
            }
        }
    };
    let start = time(w.start, "09.00")?;
    let end = time(w.end, "12.00")?;
    let lang_answer = question(w.lang, None, lang_key(lang))?;
    let lang = lang_answer.parse().unwrap_or(lang);
    Ok(Answers {
        forum,
        secretariat,
        body_id,
        body_name,
        short,
        place,
        start,
        end,
        lang,
    })
}

fn lang_key(lang: Lang) -> &'static str {
    match lang {
        Lang::Da => "da",
        Lang::En => "en",
    }
}

/// "09.00", "9:00", "9" as staff write a time of day.
fn parse_time(text: &str) -> Option<NaiveTime> {
    let text = text.trim().trim_start_matches("kl.").trim();
    let (h, m) = match text.split_once(['.', ':']) {
        Some((h, m)) => (h.parse().ok()?, m.parse().ok()?),
        None => (text.parse().ok()?, 0),
    };
    NaiveTime::from_hms_opt(h, m, 0)
}

/// A TOML string, quoted and escaped.
fn quoted(text: &str) -> String {
    toml::Value::String(text.to_owned()).to_string()
}

fn forum_toml(a: &Answers) -> String {
    let mut out = String::new();
    out.push_str("# The forum: its bodies and the secretariat's settings.\n");
    out.push_str("# Format: see README.md in this folder. Written by `dagsorden init`.\n\n");
    out.push_str(&format!("name = {}\n", quoted(&a.forum)));
    out.push_str(&format!("secretariat = {}\n", quoted(&a.secretariat)));
    out.push_str(&format!(
        "language = \"{}\"   # \"da\" or \"en\": the default language of the screens and exports\n",
        lang_key(a.lang)
    ));
    out.push_str("# Months a proposed year plan keeps free: July is the summer holidays.\n");
    out.push_str("avoid_months = [7]\n\n");
    out.push_str("[[bodies]]\n");
    out.push_str(&format!("id = {}\n", quoted(&a.body_id)));
    out.push_str(&format!("name = {}\n", quoted(&a.body_name)));
    out.push_str(&format!("short = {}\n", quoted(&a.short)));
    if !a.place.is_empty() {
        out.push_str(&format!("place = {}\n", quoted(&a.place)));
    }
    out.push_str(&format!("start = {}\n", a.start.format("%H:%M:%S")));
    out.push_str(&format!("end = {}\n", a.end.format("%H:%M:%S")));
    out.push_str("items_due_days = 21     # items due at the secretariat this many days before\n");
    out.push_str("agenda_sent_days = 7    # agenda sent out this many days before\n");
    out.push_str("# Add the members as\n");
    out.push_str("# members = [{ name = \"…\", organisation = \"… Kommune\" }]\n");
    out
}
