//! A realistic archive for benchmarks and trials: SDF meetings with the FU meeting that
//! prepares each, over as many years as the count needs; items of every kind with varied
//! Danish text, recommendations and decisions clause by clause, tags, references to earlier
//! meetings, attachments (small files on disk), follow-ups of every kind of due; a year plan
//! per year with its meetings, a seminar, a moved meeting and a recurring deadline. The same
//! count and seed always write the same archive, and `dagsorden check` accepts it.

use std::fmt::Write as _;
use std::io;
use std::path::Path;

use chrono::{Datelike, Days, NaiveDate};

use super::text::Words;

/// What was written.
#[derive(Debug, Default)]
pub struct Written {
    pub meetings: usize,
    pub files: usize,
    pub bytes: u64,
}

const PLACES: &[&str] = &[
    "Fredericia",
    "Vejle Rådhus",
    "Kolding, Byrådssalen",
    "Odense, Borgernes Hus",
    "Esbjerg Rådhus",
    "Sønderborg, Alsion",
];

const TOPICS: &[&str] = &[
    "Rammeaftale",
    "Kompetenceudvikling på myndighedsområdet",
    "Belægning på botilbud",
    "Takster for specialiserede tilbud",
    "Den centrale udmelding om borgere med svære spiseforstyrrelser",
    "Sammen om psykiatri",
    "Udviklingsstrategi for det specialiserede socialområde",
    "Kommunal medfinansiering",
    "Borgere med erhvervet hjerneskade",
    "Sikrede institutioner for børn og unge",
    "Koordination af tilbud på tværs af regionen",
    "Analyse af rammeaftalesamarbejdet",
];

const TAGS: &[&str] = &[
    "rammeaftale",
    "psykiatri",
    "takster",
    "belægning",
    "børn og unge",
    "handicap",
    "misbrug",
    "økonomi",
    "socialstyrelsen",
];

/// The SDF meeting that is number `n` (0-based), one a week from the first Friday of 2000
/// (a municipality's committees meet that often; the forum's archive is the first few
/// hundred), and the FU meeting that prepares it, the Wednesday 16 days before; a date on a
/// holiday is the working day before, as a secretariat plans it.
fn sdf_date(n: usize) -> NaiveDate {
    working_day(
        NaiveDate::from_ymd_opt(2000, 1, 7).expect("a date") + Days::new(7 * n as u64),
        false,
    )
}

fn fu_date(n: usize) -> NaiveDate {
    working_day(sdf_date(n) - Days::new(16), false)
}

/// `date`, or the nearest working day before it (after it, with `later`).
fn working_day(mut date: NaiveDate, later: bool) -> NaiveDate {
    while dagsorden::calendar::holidays::holiday(date).is_some()
        || date.weekday().number_from_monday() > 5
    {
        date = if later {
            date + Days::new(1)
        } else {
            date - Days::new(1)
        };
    }
    date
}

/// Every 25th SDF meeting is moved to the Tuesday after by the year plan; its file is on the
/// new date.
fn moved(n: usize) -> bool {
    n % 25 == 12
}

fn held_on(n: usize) -> NaiveDate {
    if moved(n) {
        // The Tuesday after, or the working day after it; but never onto the next meeting
        // (a run of holidays after a Tuesday): then the working day before it.
        let later = working_day(sdf_date(n) + Days::new(4), true);
        if later < sdf_date(n + 1) {
            later
        } else {
            working_day(sdf_date(n) + Days::new(4), false)
        }
    } else {
        sdf_date(n)
    }
}

fn id(date: NaiveDate, body: &str) -> String {
    format!("{date}-{body}")
}

/// Moves the modification time of every file and folder under `dir` back by `by`: a cache
/// written just after the archive cannot tell a change made in the same instant from none,
/// so it trusts only what is older (the benchmarks and tests want the warm case).
// For the tests and benchmarks that include this file; the generator itself has no use for it.
#[allow(dead_code)]
pub fn backdate(dir: &Path, by: std::time::Duration) -> io::Result<()> {
    for e in std::fs::read_dir(dir)? {
        let p = e?.path();
        if p.is_dir() {
            backdate(&p, by)?;
        }
        let t = std::fs::metadata(&p)?.modified()?;
        std::fs::File::open(&p)?.set_modified(t - by)?;
    }
    Ok(())
}

/// Writes `meetings` meetings (SDF and FU, half each) and their year plans into `out`.
pub fn write_archive(out: &Path, meetings: usize, seed: u64) -> io::Result<Written> {
    let mut written = Written::default();
    let pairs = meetings.div_ceil(2);
    let mut seen = std::collections::HashSet::new();
    let mut put = |rel: &str, text: &str| -> io::Result<()> {
        // Two meetings on one day of one body would be one file: the count would be off.
        if !seen.insert(rel.to_owned()) {
            return Err(io::Error::other(format!("{rel} written twice")));
        }
        let path = out.join(rel);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(&path, text)?;
        written.files += 1;
        written.bytes += text.len() as u64;
        Ok(())
    };
    put("forum.toml", FORUM)?;
    let mut years: Vec<i32> = Vec::new();
    for n in 0..pairs {
        for (body, count) in [("fu", 2 * n), ("sdf", 2 * n + 1)] {
            if count >= meetings {
                continue;
            }
            let mut words = Words::new(seed ^ (count as u64 + 1));
            let (date, text, attachments) = meeting(&mut words, body, n, pairs);
            put(&format!("{}/{}.toml", date.year(), id(date, body)), &text)?;
            for name in attachments {
                put(
                    &format!("{}/{}/{name}", date.year(), id(date, body)),
                    "%PDF-1.4\n% bilag\n",
                )?;
            }
            written.meetings += 1;
            if !years.contains(&date.year()) {
                years.push(date.year());
            }
        }
    }
    for year in years {
        put(&format!("calendar/{year}.toml"), &year_plan(year, pairs))?;
    }
    Ok(written)
}

/// One meeting file: its date, its text and the attachment files it names.
fn meeting(w: &mut Words, body: &str, n: usize, pairs: usize) -> (NaiveDate, String, Vec<String>) {
    let date = if body == "fu" { fu_date(n) } else { held_on(n) };
    let name = if body == "fu" {
        "Forretningsudvalget"
    } else {
        "Socialdirektørforum"
    };
    let mut t = String::new();
    let _ = writeln!(
        t,
        "# Generated by examples/gen_archive (meeting {n} of {body}).\n"
    );
    let _ = writeln!(t, "body = \"{body}\"");
    let _ = writeln!(t, "title = \"Møde i {name} {}\"", date.format("%d.%m.%Y"));
    let _ = writeln!(t, "date = {date}");
    let _ = writeln!(t, "start = 09:00:00\nend = 12:00:00");
    let _ = writeln!(t, "place = {}", quoted(PLACES[w.next(PLACES.len())]));
    // The last few are still ahead: planned, with an agenda; the rest are held.
    let status = if n + 3 >= pairs {
        "agenda-published"
    } else if n + 6 >= pairs {
        "minutes-draft"
    } else {
        "minutes-approved"
    };
    let _ = writeln!(t, "status = \"{status}\"");
    let mut attachments = Vec::new();
    let mut number = 1;
    // Item 1 approves the minutes of the body's meeting before.
    if n > 0 {
        let previous = if body == "fu" {
            id(fu_date(n - 1), "fu")
        } else {
            id(held_on(n - 1), "sdf")
        };
        let _ = writeln!(
            t,
            "\n[[items]]\nnumber = 1\ntitle = \"Godkendelse af referat fra sidste møde\"\nkind = \"minutes-approval\"\nrefs = [\"{previous}\"]"
        );
        if status != "agenda-published" {
            let _ = writeln!(
                t,
                "\n[[items.decision.clauses]]\noutcome = \"approved\"\ntext = \"Referatet blev godkendt.\""
            );
        }
        number = 2;
    }
    let topics = 4 + w.next(7);
    for k in 0..topics {
        let topic = TOPICS[w.next(TOPICS.len())];
        let kind = ["decision", "decision", "information", "discussion"][w.next(4)];
        let _ = writeln!(t, "\n[[items]]\nnumber = {number}");
        let _ = writeln!(
            t,
            "title = {}",
            quoted(&format!("{topic}: {}", w.sentence().trim_end_matches('.')))
        );
        let _ = writeln!(t, "kind = \"{kind}\"");
        let tag = TAGS[w.next(TAGS.len())];
        let _ = writeln!(t, "tags = [{}]", quoted(tag));
        // Earlier meetings this one builds on.
        if n > 4 && w.next(3) == 0 {
            let back = 1 + w.next(n.min(40));
            let _ = writeln!(t, "refs = [\"{}\"]", id(held_on(n - back), "sdf"));
        }
        let size = 2_000 + w.next(7_000);
        let background = basic_multiline(&w.markdown(size));
        let _ = writeln!(t, "background = \"\"\"\n{background}\"\"\"");
        let clauses = if kind == "decision" { 1 + w.next(3) } else { 1 };
        let by = if body == "sdf" { "\nby = \"fu\"" } else { "" };
        let _ = writeln!(
            t,
            "\n[items.recommendation]{by}\nlead = \"Det indstilles, at {name}:\"\nclauses = [{}]",
            (0..clauses)
                .map(|_| quoted(&w.sentence().to_lowercase()))
                .collect::<Vec<_>>()
                .join(", ")
        );
        if status != "agenda-published" {
            for _ in 0..clauses {
                let outcome = match (kind, w.next(10)) {
                    ("information", _) => "noted",
                    ("discussion", _) => "discussed",
                    (_, 0) => "rejected",
                    (_, 1) => "postponed",
                    (_, 2 | 3) => "approved-with-changes",
                    _ => "approved",
                };
                let _ = writeln!(
                    t,
                    "\n[[items.decision.clauses]]\noutcome = \"{outcome}\"\ntext = {}",
                    quoted(&w.sentence())
                );
            }
        }
        if w.next(3) == 0 {
            let file = format!("Bilag {}-{k} {}.pdf", n, tag.replace(' ', "-"));
            let _ = writeln!(
                t,
                "\n[[items.attachments]]\npath = \"{}/{file}\"",
                id(date, body)
            );
            attachments.push(file);
        }
        if status != "agenda-published" && w.next(2) == 0 {
            let due = due(w, body, n, pairs, date);
            let _ = writeln!(
                t,
                "\n[[items.followups]]\nid = \"{body}-{n}-{number}\"\nwhat = {}\nreports_to = \"sdf\"\ndue = {due}",
                quoted(&w.sentence())
            );
        }
        number += 1;
    }
    for (title, kind) in [
        ("Orienteringer", "announcements"),
        ("Eventuelt", "any-other-business"),
    ] {
        let _ = writeln!(
            t,
            "\n[[items]]\nnumber = {number}\ntitle = \"{title}\"\nkind = \"{kind}\""
        );
        number += 1;
    }
    let _ = writeln!(
        t,
        "\n[[items]]\nnumber = {number}\ntitle = \"Næste møde\"\nkind = \"next-meeting\""
    );
    (date, t, attachments)
}

/// A follow-up's due, of every kind the format has.
fn due(w: &mut Words, body: &str, n: usize, pairs: usize, date: NaiveDate) -> String {
    match w.next(7) {
        0 => format!(
            "{{ kind = \"date\", date = {} }}",
            date + Days::new(30 + w.next(300) as u64)
        ),
        1 => "{ kind = \"count\", count = 2, unit = \"forløb\" }".to_owned(),
        2 if n + 1 < pairs && body == "sdf" => {
            format!(
                "{{ kind = \"meeting\", meeting = \"{}\" }}",
                id(sdf_date(n + 1), "sdf")
            )
        }
        3 => format!(
            "{{ kind = \"period\", period = \"{} {}\" }}",
            ["primo", "medio", "ultimo"][w.next(3)],
            date.year() + 1
        ),
        4 => format!("{{ kind = \"relative\", months = {} }}", 1 + w.next(6)),
        5 => format!(
            "{{ kind = \"event\", event = \"seminar-{}\" }}",
            date.year()
        ),
        _ => "{ kind = \"report-back\" }".to_owned(),
    }
}

/// The plan of `year`: each pair's meetings, the seminar, the moves, a recurring deadline.
fn year_plan(year: i32, pairs: usize) -> String {
    let mut t = format!("# Generated by examples/gen_archive.\nyear = {year}\n");
    let mut moves = String::new();
    for n in 0..pairs {
        let (fu, sdf) = (fu_date(n), sdf_date(n));
        if fu.year() == year {
            let _ = writeln!(
                t,
                "\n[[meetings]]\nbody = \"fu\"\ndate = {fu}\nprepares = \"{}\"",
                id(sdf, "sdf")
            );
        }
        if sdf.year() == year {
            let _ = writeln!(t, "\n[[meetings]]\nbody = \"sdf\"\ndate = {sdf}");
            if moved(n) {
                let _ = writeln!(
                    moves,
                    "\n[[moves]]\nmeeting = \"{}\"\nto = {}\nreason = \"Mødet flyttes til tirsdagen efter på grund af KKR.\"",
                    id(sdf, "sdf"),
                    held_on(n)
                );
            }
        }
    }
    let _ = writeln!(
        t,
        "\n[[events]]\nid = \"seminar-{year}\"\nkind = \"seminar\"\ntitle = \"Døgnseminar for Socialdirektørforum\"\nbody = \"sdf\"\ndate = {year}-11-16\nend_date = {year}-11-17\nplace = \"Comwell Sønderborg\""
    );
    t.push_str(&moves);
    if year == 2000 {
        t.push_str(
            "\n[[deadlines]]\nid = \"belaegning-1-maj\"\nwhat = \"Kommunerne indberetter belægningsprocenter for første kvartal.\"\nreports_to = \"sdf\"\ndue = { kind = \"yearly\", month = 5, day = 1, from_year = 2000 }\n",
        );
    }
    t
}

/// A TOML basic string.
fn quoted(text: &str) -> String {
    toml::Value::String(text.to_owned()).to_string()
}

/// Text for a `"""` string: backslashes and quotes escaped.
fn basic_multiline(text: &str) -> String {
    text.replace('\\', "\\\\").replace('"', "\\\"")
}

const FORUM: &str = r#"# Generated by examples/gen_archive.
name = "Socialdirektørforum"
secretariat = "Fælleskommunalt socialsekretariat"
language = "da"

[[bodies]]
id = "sdf"
name = "Socialdirektørforum"
short = "SDF"
place = "Fredericia"
start = 09:00:00
end = 12:00:00

[[bodies]]
id = "fu"
name = "Forretningsudvalget"
short = "FU"
start = 09:00:00
end = 12:00:00
recommends_to = "sdf"
min_gap_days = 7
"#;
