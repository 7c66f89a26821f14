//! Round trip through the tool's own Markdown: a meeting exported as minutes and read back
//! by the importer gives the same meeting, in everything the minutes print. Every meeting
//! of the sample and fixture archives, and generated meetings of every shape (clause
//! styles, closed and sub-items, gaps, attendance, case data) by proptest.
//!
//! Not printed, so not compared: a clause's outcome (read back from its wording as on any
//! page), where a decision's text ends and its remarks begin (one text in the minutes),
//! tags, references, item kinds and the follow-ups' details.

mod common;

use std::path::Path;

use dagsorden::archive::Archive;
use dagsorden::export::{DocKind, MarkdownOptions, meeting_markdown};
use dagsorden::import::ImportedMeeting;
use dagsorden::lang::Lang;
use dagsorden::model::{ClauseStyle, Meeting};
use proptest::prelude::*;

/// A text's words as a reader sees them: Markdown markup and line breaks aside.
fn words(markdown: &str) -> String {
    use pulldown_cmark::{Event, Options, Parser};
    let mut out = String::new();
    for e in Parser::new_ext(markdown, Options::ENABLE_TABLES) {
        if let Event::Text(t) | Event::Code(t) = e {
            out.push(' ');
            out.push_str(&t);
        }
    }
    out.split_whitespace()
        .map(|w| w.trim_start_matches(['–', '•']))
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// What minutes print of a meeting, in one comparable form.
#[derive(Debug, PartialEq)]
struct View {
    title: String,
    date: String,
    times: String,
    place: String,
    published: String,
    source: String,
    attendance: Vec<Vec<String>>,
    items: Vec<ItemView>,
}

#[derive(Debug, PartialEq)]
struct ItemView {
    number: String,
    title: String,
    closed: bool,
    presenter: String,
    summary: String,
    background: String,
    case: Vec<String>,
    recommendation: String,
    /// Clauses in a style with markers (none for a recommendation in one sentence).
    clauses: usize,
    decision: String,
    attachments: Vec<String>,
    absent: Vec<String>,
    guests: Vec<String>,
}

fn person(name: &str, org: Option<&str>) -> String {
    match org.filter(|o| !o.trim().is_empty()) {
        Some(org) => format!("{}, {}", name.trim(), org.trim()),
        None => name.trim().to_owned(),
    }
}

fn printed_people(v: &[String]) -> Vec<String> {
    v.iter()
        .map(|p| {
            let (name, org) = dagsorden::import::attendance::split_person(p);
            person(&name, org.as_deref())
        })
        .collect()
}

fn model_people(v: &[dagsorden::model::Person]) -> Vec<String> {
    v.iter()
        .map(|p| person(&p.name, p.organisation.as_deref()))
        .collect()
}

fn view_of_meeting(archive: &Archive, m: &Meeting) -> View {
    let a = &m.attendance;
    let mut items: Vec<ItemView> = m
        .items
        .iter()
        .map(|i| {
            let (recommendation, clauses) = match &i.recommendation {
                Some(r) => (
                    words(&format!("{}\n\n{}", r.lead, r.clauses.join("\n\n"))),
                    if r.is_sentence() { 0 } else { r.clauses.len() },
                ),
                None => (String::new(), 0),
            };
            let decision = i.decision.as_ref().map_or(String::new(), |d| {
                let clauses: Vec<String> = d
                    .clauses
                    .iter()
                    .map(|c| {
                        if c.text.trim().is_empty() {
                            format!("{}.", Lang::Da.outcome(c.outcome))
                        } else {
                            c.text.clone()
                        }
                    })
                    .collect();
                words(&format!(
                    "{}\n\n{}\n\n{}",
                    d.text,
                    clauses.join("\n\n"),
                    d.remarks
                ))
            });
            ItemView {
                number: i.number.to_string(),
                title: i.title.clone(),
                closed: i.closed,
                presenter: i.presenter.clone().unwrap_or_default(),
                summary: words(&i.summary),
                background: words(i.background.text().unwrap()),
                case: archive
                    .forum
                    .case_rows(&i.case, Lang::Da)
                    .into_iter()
                    .map(|(k, v)| format!("{k}: {v}"))
                    .collect(),
                recommendation,
                clauses,
                decision,
                attachments: i.attachments.iter().map(|a| a.title.clone()).collect(),
                absent: model_people(&i.attendance.absent),
                guests: model_people(&i.attendance.guests),
            }
        })
        .collect();
    items.sort_by(|a, b| a.number.cmp(&b.number));
    View {
        title: m.title.clone(),
        date: m.date().to_string(),
        times: format!("{:?}–{:?}", m.start, m.end),
        place: m.place.clone(),
        published: format!("{:?}", m.published),
        source: m.source.clone().unwrap_or_default(),
        attendance: vec![
            model_people(&a.participants),
            model_people(&a.apologies),
            model_people(&a.guests),
            model_people(&a.guest_apologies),
        ],
        items,
    }
}

fn view_of_import(archive: &Archive, m: &ImportedMeeting) -> View {
    let a = &m.attendance;
    let forum = &archive.forum;
    let mut items: Vec<ItemView> = m
        .items
        .iter()
        .map(|i| {
            let (recommendation, clauses) = match &i.recommendation {
                Some(r) => (
                    words(&format!("{}\n\n{}", r.lead, r.clauses.join("\n\n"))),
                    if r.style == ClauseStyle::Sentence {
                        0
                    } else {
                        r.clauses.len()
                    },
                ),
                None => (String::new(), 0),
            };
            let texts: Vec<&str> = i.decision.iter().map(|c| c.text.as_str()).collect();
            ItemView {
                number: i.number.to_string(),
                title: i.title.clone(),
                closed: i.closed,
                presenter: i.presenter.clone().unwrap_or_default(),
                summary: words(&i.summary),
                background: words(&i.background),
                case: forum
                    .case_rows(&i.case, Lang::Da)
                    .into_iter()
                    .map(|(k, v)| format!("{k}: {v}"))
                    .collect(),
                recommendation,
                clauses,
                decision: words(&format!(
                    "{}\n\n{}\n\n{}",
                    i.decision_text,
                    texts.join("\n\n"),
                    i.remarks
                )),
                attachments: i.attachments.clone(),
                absent: printed_people(&i.absent),
                guests: printed_people(&i.guests),
            }
        })
        .collect();
    items.sort_by(|a, b| a.number.cmp(&b.number));
    View {
        title: m.title.clone(),
        date: m.date.map(|d| d.to_string()).unwrap_or_default(),
        times: format!("{:?}–{:?}", m.start, m.end),
        place: m.place.clone(),
        published: format!("{:?}", m.published),
        source: m.source.clone().unwrap_or_default(),
        attendance: vec![
            printed_people(&a.participants),
            printed_people(&a.apologies),
            printed_people(&a.guests),
            printed_people(&a.guest_apologies),
        ],
        items,
    }
}

/// The meeting exported as minutes and read back, both as views; the Markdown for the
/// failure message.
fn round_trip(archive: &Archive, m: &Meeting) -> (View, View, String) {
    let opts = MarkdownOptions {
        kind: DocKind::Minutes,
        public: false,
        lang: Lang::Da,
    };
    let markdown = meeting_markdown(archive, m, &opts);
    let (lines, _) = dagsorden::import::normalise::page(markdown.as_bytes());
    let party = dagsorden::import::party_finder(&archive.forum);
    let imported = dagsorden::import::read_page(&lines, &party)
        .unwrap_or_else(|| panic!("the importer knows its own minutes:\n{markdown}"));
    assert_eq!(
        imported.body.as_deref(),
        Some(m.body().as_str()),
        "{markdown}"
    );
    (
        view_of_meeting(archive, m),
        view_of_import(archive, &imported),
        markdown,
    )
}

fn assert_same(want: &View, got: &View, markdown: &str) {
    if want == got {
        return;
    }
    let mut said = Vec::new();
    for (w, g) in want.items.iter().zip(&got.items) {
        if w != g {
            said.push(format!("item {}:\n  want {w:?}\n  got  {g:?}", w.number));
        }
    }
    panic!(
        "the round trip changed the meeting:\n{}\nwant {want:#?}\ngot {got:#?}\n\n{markdown}",
        said.join("\n")
    );
}

#[test]
fn every_meeting_of_the_archives_comes_back_from_its_minutes() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for dir in [
        "agendas",
        "tests/fixtures/municipal",
        "tests/fixtures/broken",
    ] {
        let archive = Archive::load(&root.join(dir)).unwrap();
        assert!(!archive.meetings.is_empty(), "{dir}");
        for m in &archive.meetings {
            let (want, got, markdown) = round_trip(&archive, m);
            assert_same(&want, &got, &markdown);
        }
    }
}

// --- Generated meetings ----------------------------------------------------------------

/// Words of minutes, none of which the importer reads as a sign of its own (no
/// "indstiller", "præsenterer", no section heading, no number to start a line).
const WORDS: &[&str] = &[
    "kommunerne",
    "borgerne",
    "tilbuddet",
    "regionen",
    "sekretariatet",
    "styregruppen",
    "analysen",
    "takster",
    "pladser",
    "forløb",
    "samarbejdet",
    "udvalget",
    "rammeaftalen",
    "psykiatri",
    "botilbud",
    "koordination",
    "økonomi",
    "høring",
    "ældrepleje",
    "indsatser",
    "drøftes",
    "vurderes",
    "beskrives",
    "følges",
    "styrkes",
    "planlægges",
    "udvikles",
    "er",
    "har",
    "skal",
    "kan",
    "med",
    "for",
    "om",
    "på",
    "til",
    "af",
    "og",
    "i",
    "den",
    "det",
    "fælles",
    "nye",
    "særlige",
    "højt",
    "specialiserede",
    "lokale",
    "årlige",
    "Syddanmark",
    "Fredericia",
    "Vejle",
    "KL",
    "Socialstyrelsen",
    "mio.",
    "kr.",
    "pct.",
];

fn sentence() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(WORDS), 3..12).prop_map(|w| {
        let mut s = w.join(" ");
        if let Some(first) = s.chars().next() {
            s = first.to_uppercase().chain(s.chars().skip(1)).collect();
        }
        format!("{s}.")
    })
}

fn paragraph() -> impl Strategy<Value = String> {
    prop::collection::vec(sentence(), 1..4).prop_map(|s| s.join(" "))
}

/// Markdown text: paragraphs, sometimes a bullet list.
fn text(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            4 => paragraph(),
            1 => prop::collection::vec(sentence(), 2..4)
                .prop_map(|l| l.iter().map(|s| format!("- {s}")).collect::<Vec<_>>().join("\n")),
        ],
        0..max,
    )
    .prop_map(|p| p.join("\n\n"))
}

const TITLES: &[&str] = &[
    "Godkendelse af referat",
    "Kompetenceudvikling på botilbud",
    "Takster for 2025",
    "Status på psykiatripladser",
    "Kommissorium for analyse",
    "Orienteringer",
    "Eventuelt",
    "Næste møde",
    "Rammeaftale 2026",
    "Samarbejde om udsatte unge",
    "Høring om struktur",
];

const PEOPLE: &[(&str, &str)] = &[
    ("Lise Willer", "Esbjerg Kommune"),
    ("Jacob Kyndal", "Aabenraa Kommune"),
    ("Sonja Miltersen", "Vejen Kommune"),
    ("Ole Ryttov", "Region Syddanmark"),
    ("Hanne Bech", "A"),
    ("Peter Winther", "V"),
];

fn people() -> impl Strategy<Value = Vec<(String, String)>> {
    prop::sample::subsequence(PEOPLE, 0..3).prop_map(|p| {
        p.iter()
            .map(|(n, o)| ((*n).to_owned(), (*o).to_owned()))
            .collect()
    })
}

#[derive(Debug, Clone)]
struct GenItem {
    gap: u32,
    sub: bool,
    title: String,
    closed: bool,
    untitled: bool,
    presenter: Option<String>,
    summary: String,
    background: String,
    case: Option<(String, String)>,
    /// Style, lead, clauses.
    recommendation: Option<(ClauseStyle, String, Vec<String>)>,
    /// Clause texts (empty: said by the outcome) and remarks.
    decision: Option<(Vec<String>, String)>,
    attachments: Vec<String>,
    absent: Vec<(String, String)>,
    guests: Vec<(String, String)>,
}

fn gen_item() -> impl Strategy<Value = GenItem> {
    let rec = (
        prop::sample::select(vec![
            ClauseStyle::Sentence,
            ClauseStyle::Dashes,
            ClauseStyle::Numbers,
            ClauseStyle::Bullets,
            ClauseStyle::Letters,
        ]),
        prop::collection::vec(sentence(), 1..4),
    )
        .prop_map(|(style, clauses)| {
            let (lead, clauses) = match style {
                ClauseStyle::Sentence => (
                    "Forretningsudvalget indstiller, at Socialdirektørforum".to_owned(),
                    vec![clauses[0].to_lowercase()],
                ),
                _ => (
                    "Forretningsudvalget indstiller, at Socialdirektørforum:".to_owned(),
                    clauses,
                ),
            };
            (style, lead, clauses)
        });
    (
        (
            1u32..4,
            prop::bool::weighted(0.15),
            prop::sample::select(TITLES),
        ),
        (prop::bool::weighted(0.15), prop::bool::weighted(0.3)),
        prop::option::weighted(0.2, prop::sample::select(PEOPLE)),
        (text(2), text(4)),
        prop::option::weighted(0.3, ("[0-9]{2}/[0-9]{4}", prop::sample::select(PEOPLE))),
        prop::option::weighted(0.8, rec),
        prop::option::weighted(
            0.8,
            (
                prop::collection::vec(
                    prop_oneof![3 => paragraph(), 1 => Just(String::new())],
                    1..4,
                ),
                text(2),
            ),
        ),
        prop::collection::vec(
            "[A-Za-zæøå]{3,10}( [A-Za-zæøå]{2,8}){0,3}\\.(pdf|docx)",
            0..3,
        ),
        (people(), people()),
    )
        .prop_map(
            |(
                (gap, sub, title),
                (closed, untitled),
                presenter,
                (summary, background),
                case,
                rec,
                dec,
                att,
                (absent, guests),
            )| {
                let decision = dec.map(|(mut clauses, remarks)| {
                    let n = rec.as_ref().map_or(1, |(_, _, c)| c.len());
                    clauses.truncate(n);
                    (clauses, remarks)
                });
                GenItem {
                    gap,
                    sub,
                    title: title.to_owned(),
                    closed,
                    untitled: closed && untitled,
                    presenter: presenter.map(|(n, o)| format!("{n}, {o}")),
                    summary,
                    background,
                    case: case.map(|(no, (officer, _))| (no, officer.to_owned())),
                    recommendation: rec,
                    decision,
                    attachments: att,
                    absent,
                    guests,
                }
            },
        )
}

fn quoted(s: &str) -> String {
    toml::Value::String(s.to_owned()).to_string()
}

fn people_toml(p: &[(String, String)]) -> String {
    let list: Vec<String> = p
        .iter()
        .map(|(n, o)| format!("{{ name = {}, organisation = {} }}", quoted(n), quoted(o)))
        .collect();
    format!("[{}]", list.join(", "))
}

/// The meeting file of a generated meeting.
fn meeting_file(
    body: &str,
    day: u32,
    times: bool,
    participants: &[(String, String)],
    apologies: &[(String, String)],
    items: &[GenItem],
) -> String {
    let mut out = format!(
        "body = \"{body}\"\ntitle = \"Møde den {day}. marts 2024\"\ndate = 2024-03-{day:02}\nplace = \"Fredericia\"\npublished = 2024-03-28\nsource = \"https://example.dk/referat/{day}\"\nstatus = \"minutes-approved\"\n"
    );
    if times {
        out.push_str("start = 09:00:00\nend = 12:00:00\n");
    }
    if !participants.is_empty() || !apologies.is_empty() {
        out.push_str("\n[attendance]\n");
        if !participants.is_empty() {
            out.push_str(&format!("participants = {}\n", people_toml(participants)));
        }
        if !apologies.is_empty() {
            out.push_str(&format!("apologies = {}\n", people_toml(apologies)));
        }
    }
    let mut number = 0;
    let mut subs = 0u8;
    for it in items {
        let shown = if it.sub && number > 0 && subs < 26 {
            subs += 1;
            format!("\"{number}{}\"", char::from(b'a' + subs - 1))
        } else {
            number += it.gap;
            subs = 0;
            number.to_string()
        };
        // Standing items print their text without a heading.
        let kind = match it.title.as_str() {
            "Eventuelt" => "any-other-business",
            "Næste møde" => "next-meeting",
            _ => "decision",
        };
        out.push_str(&format!(
            "\n[[items]]\nnumber = {shown}\nkind = \"{kind}\"\n"
        ));
        if !it.untitled {
            out.push_str(&format!("title = {}\n", quoted(&it.title)));
        }
        if it.closed {
            out.push_str("closed = true\n");
        }
        if let Some(p) = &it.presenter {
            out.push_str(&format!("presenter = {}\n", quoted(p)));
        }
        if !it.summary.is_empty() {
            out.push_str(&format!("summary = {}\n", quoted(&it.summary)));
        }
        if !it.background.is_empty() {
            out.push_str(&format!("background = {}\n", quoted(&it.background)));
        }
        if let Some((no, officer)) = &it.case {
            out.push_str(&format!(
                "\n[items.case]\nnumber = {}\nofficer = {}\nroute = [\"sdf\", \"Kommunalbestyrelsen\"]\n",
                quoted(no),
                quoted(officer)
            ));
        }
        if !it.absent.is_empty() || !it.guests.is_empty() {
            out.push_str("\n[items.attendance]\n");
            if !it.absent.is_empty() {
                out.push_str(&format!("absent = {}\n", people_toml(&it.absent)));
            }
            if !it.guests.is_empty() {
                out.push_str(&format!("guests = {}\n", people_toml(&it.guests)));
            }
        }
        if let Some((style, lead, clauses)) = &it.recommendation {
            let clauses: Vec<String> = clauses.iter().map(|c| quoted(c)).collect();
            out.push_str(&format!(
                "\n[items.recommendation]\nby = \"fu\"\nlead = {}\nstyle = \"{}\"\nclauses = [{}]\n",
                quoted(lead),
                style.key(),
                clauses.join(", ")
            ));
        }
        if let Some((clauses, remarks)) = &it.decision {
            if !remarks.is_empty() {
                out.push_str(&format!(
                    "\n[items.decision]\nremarks = {}\n",
                    quoted(remarks)
                ));
            }
            for c in clauses {
                out.push_str(&format!(
                    "\n[[items.decision.clauses]]\noutcome = \"approved\"\ntext = {}\n",
                    quoted(c)
                ));
            }
        }
        for a in &it.attachments {
            out.push_str(&format!(
                "\n[[items.attachments]]\npath = {}\n",
                quoted(&format!("2024-03-{day:02}-{body}/{a}"))
            ));
        }
    }
    out
}

proptest! {
    #![proptest_config(common::proptest_cases(48))]

    /// Any meeting, exported as minutes and read back, gives the same meeting.
    #[test]
    fn a_generated_meeting_comes_back_from_its_minutes(
        body in prop::sample::select(vec!["sdf", "fu"]),
        day in 1u32..28,
        times in any::<bool>(),
        participants in people(),
        apologies in people(),
        items in prop::collection::vec(gen_item(), 1..7),
    ) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::copy(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("agendas/forum.toml"),
            dir.path().join("forum.toml"),
        )
        .unwrap();
        std::fs::create_dir(dir.path().join("2024")).unwrap();
        let file = meeting_file(body, day, times, &participants, &apologies, &items);
        std::fs::write(dir.path().join(format!("2024/2024-03-{day:02}-{body}.toml")), &file)
            .unwrap();
        let archive = Archive::load(dir.path()).unwrap();
        let errors: Vec<String> = archive
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(|d| d.headline(dagsorden::lang::Lang::En))
            .collect();
        prop_assert!(errors.is_empty(), "{errors:?}\n{file}");
        let (want, got, markdown) = round_trip(&archive, &archive.meetings[0]);
        if want != got {
            assert_same(&want, &got, &format!("{markdown}\n---\n{file}"));
        }
    }
}
