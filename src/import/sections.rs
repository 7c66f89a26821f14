//! What every layout family shares: the header block (UDVALG, MØDE, STED, STARTTIDSPUNKT,
//! SLUTTIDSPUNKT, DELTAGERE, AFBUD, *Udgivet*), the item list (PUNKTER) reconciled with the
//! item sections, and each item's sections: case lines, background, summary, attachments,
//! the follow-ups its wording names (the recommendation and decision are read by
//! [`super::clauses`], the text's shapes by [`super::blocks`]). A layout module says which
//! headings it uses for what ([`Layout`]).

use chrono::{NaiveDate, NaiveDateTime};

use super::attendance;
use super::blocks::{blocks_markdown, marker, paragraphs};
use super::clauses::{decision, is_recommendation, recommendation};
use super::model::{Doubt, DoubtKind, ImportedItem, ImportedMeeting};
use super::normalise::Line;
use super::recognise;
use crate::model::{CaseData, ClauseStyle, ItemKind, ItemNo, Party};

/// What a heading starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Background,
    /// *Resume* where a layout keeps it apart from the background.
    Summary,
    Recommendation,
    Decision,
    Attachments,
    /// *Sagsgang og sagstype*: the bodies the case passes through, and its type.
    Case,
}

/// A layout family: the headings it uses, and for what.
pub struct Layout {
    pub heading: fn(&str) -> Option<Section>,
}

/// Whether `lines` have the header block every layout family here shares.
pub fn has_header_block(lines: &[Line]) -> bool {
    let has = |word: &str| lines.iter().any(|l| l.text.trim() == word);
    has("PUNKTER") && (has("UDVALG") || has("MØDE"))
}

/// Reads a page of `layout`. `party_id` finds a body's id by its name or short name.
pub fn read(
    layout: &Layout,
    lines: &[Line],
    party_id: &dyn Fn(&str) -> Option<String>,
) -> ImportedMeeting {
    let mut m = ImportedMeeting::default();
    let next_index = |i: usize| (i + 1..lines.len()).find(|&k| !lines[k].text.is_empty());
    let next_text = |i: usize| next_index(i).map(|k| &lines[k]);
    let mut list_start = None;
    // The header's lines that were read as something; the rest is reported, not dropped.
    let mut placed = std::collections::HashSet::new();
    for (i, line) in lines.iter().enumerate() {
        let t = line.text.trim();
        if m.title.is_empty() && !t.is_empty() {
            m.title = t.to_owned();
            placed.insert(i);
        }
        if let Some(date) = t.strip_prefix("Udgivet ") {
            placed.insert(i);
            m.published = NaiveDate::parse_from_str(date.trim(), "%d.%m.%Y").ok();
        }
        if matches!(
            t,
            "UDVALG" | "DATO" | "MØDE" | "STED" | "STARTTIDSPUNKT" | "SLUTTIDSPUNKT"
        ) {
            placed.insert(i);
            placed.extend(next_index(i));
        }
        let value = || {
            next_text(i)
                .map(|l| l.text.trim().to_owned())
                .unwrap_or_default()
        };
        match t {
            "UDVALG" => m.body_name = value(),
            "DATO" => m.date = NaiveDate::parse_from_str(&value(), "%Y-%m-%d").ok(),
            "MØDE" => m.title = value(),
            "STED" => m.place = value(),
            "STARTTIDSPUNKT" | "SLUTTIDSPUNKT" => {
                let v = value();
                match NaiveDateTime::parse_from_str(&v, "%Y-%m-%d %H:%M") {
                    Ok(at) if t == "STARTTIDSPUNKT" => {
                        m.date = Some(at.date());
                        m.start = Some(at.time());
                    }
                    Ok(at) => m.end = Some(at.time()),
                    Err(_) => m.doubts.push(Doubt {
                        line: line.no,
                        kind: DoubtKind::BadTime {
                            field: t.to_owned(),
                            value: v,
                        },
                    }),
                }
            }
            "PUNKTER" => {
                list_start = Some(i + 1);
                break;
            }
            // DELTAGERE with the names under it, or "Deltagere: …" on one line.
            _ if t == t.to_uppercase()
                && let Some(list) = attendance::list_of(t) =>
            {
                let at: Vec<usize> = (i + 1..lines.len())
                    .skip_while(|&k| lines[k].text.is_empty())
                    .take_while(|&k| {
                        !lines[k].text.is_empty() && !is_header_word(lines[k].text.trim())
                    })
                    .collect();
                let names: Vec<String> = at.iter().map(|&k| lines[k].text.clone()).collect();
                placed.insert(i);
                placed.extend(at);
                add_people(&mut m.attendance, list, attendance::people(&names));
            }
            _ => {
                if let Some((list, names)) = attendance::labelled_line(t) {
                    placed.insert(i);
                    add_people(&mut m.attendance, list, names);
                }
            }
        }
    }
    let header_end = list_start.map_or(0, |s| s - 1);
    for (i, line) in lines.iter().enumerate().take(header_end) {
        // The title printed again is no news.
        if !line.text.is_empty() && !placed.contains(&i) && line.text.trim() != m.title {
            m.unplaced.push(line.text.trim().to_owned());
            m.doubts.push(Doubt {
                line: line.no,
                kind: DoubtKind::Unplaced(line.text.trim().to_owned()),
            });
        }
    }
    m.body = party_id(&m.body_name);
    if m.date.is_none() {
        m.date = danish_date(&m.title);
    }
    // A meeting file is named by a four-digit year.
    if let Some(date) = m
        .date
        .filter(|d| !(1900..=2999).contains(&chrono::Datelike::year(d)))
    {
        m.doubts.push(Doubt {
            line: 1,
            kind: DoubtKind::BadDate(date),
        });
        m.date = None;
    }
    let Some(list_start) = list_start else {
        return m;
    };

    // The item list: entries until a number comes again (the first section).
    let mut listed: Vec<(ItemNo, String, usize)> = Vec::new();
    let mut sections_start = lines.len();
    for (i, line) in lines.iter().enumerate().skip(list_start) {
        let Some((no, title)) = entry(&line.text) else {
            if line.text.is_empty() {
                continue;
            }
            sections_start = i;
            break;
        };
        if listed.iter().any(|(n, _, _)| *n == no) {
            sections_start = i;
            break;
        }
        listed.push((no, title, line.no));
    }

    // The sections, each starting with its list entry again.
    let mut starts: Vec<(usize, usize)> = Vec::new(); // (listed index, line index)
    for (i, line) in lines.iter().enumerate().skip(sections_start) {
        if let Some((no, title)) = entry(&line.text)
            && let Some(k) = listed.iter().position(|(n, t, _)| *n == no && *t == title)
            && !starts.iter().any(|&(s, _)| s == k)
        {
            starts.push((k, i));
        }
    }
    let cx = ItemContext {
        layout,
        date: m.date,
        party_id,
    };
    for (k, (no, title, list_line)) in listed.iter().enumerate() {
        let Some(pos) = starts.iter().position(|&(s, _)| s == k) else {
            m.doubts.push(Doubt {
                line: *list_line,
                kind: DoubtKind::NoSection(no.clone()),
            });
            m.items
                .push(item(&cx, no.clone(), title, *list_line, &[], &mut m.doubts));
            continue;
        };
        let from = starts[pos].1;
        let to = starts
            .iter()
            .map(|&(_, at)| at)
            .filter(|&at| at > from)
            .min()
            .unwrap_or(lines.len());
        let body = &lines[from + 1..to];
        m.items.push(item(
            &cx,
            no.clone(),
            title,
            lines[from].no,
            body,
            &mut m.doubts,
        ));
    }
    let apologies: Vec<String> = m
        .items
        .iter()
        .flat_map(|i| i.guest_apologies.clone())
        .collect();
    for who in apologies {
        if !m.attendance.guest_apologies.contains(&who) {
            m.attendance.guest_apologies.push(who);
        }
    }
    m
}

/// A heading of the header block (UDVALG, MØDE, …, PUNKTER, DELTAGERE, AFBUD).
fn is_header_word(t: &str) -> bool {
    matches!(
        t,
        "UDVALG" | "MØDE" | "DATO" | "STED" | "STARTTIDSPUNKT" | "SLUTTIDSPUNKT" | "PUNKTER"
    ) || (t == t.to_uppercase() && attendance::list_of(t).is_some())
}

fn add_people(
    a: &mut super::model::ImportedAttendance,
    list: attendance::List,
    names: Vec<String>,
) {
    let to = match list {
        attendance::List::Participants => &mut a.participants,
        attendance::List::Apologies => &mut a.apologies,
        attendance::List::Guests => &mut a.guests,
        attendance::List::GuestApologies => &mut a.guest_apologies,
    };
    for n in names {
        if !to.contains(&n) {
            to.push(n);
        }
    }
}

/// "styregruppeform=6nd": a name a mail program's quoted-printable encoding broke (`=`
/// and hex digits where a letter was). The file on disk usually carries the same name, so
/// it is kept as printed, and reported.
fn mail_damaged(name: &str) -> bool {
    let b = name.as_bytes();
    (0..b.len()).any(|i| {
        b[i] == b'='
            && b.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
            && i > 0
            && b[i - 1].is_ascii_alphabetic()
            && !name[..i].contains('?')
    })
}

/// `3. Titel` (or `3a. Titel`): an item's number and title.
fn entry(line: &str) -> Option<(ItemNo, String)> {
    let (number, title) = line.trim().split_once(". ")?;
    let no: ItemNo = number.parse().ok()?;
    let title = title.trim();
    (!title.is_empty()).then(|| (no, title.to_owned()))
}

/// "den 8. september 2017" anywhere in `text`.
pub fn danish_date(text: &str) -> Option<NaiveDate> {
    let words: Vec<&str> = text.split_whitespace().collect();
    words.windows(3).find_map(|w| {
        let day: u32 = w[0].trim_end_matches('.').parse().ok()?;
        let month = crate::model::followup::MONTHS_DA
            .iter()
            .position(|m| w[1].eq_ignore_ascii_case(m))? as u32
            + 1;
        let year: i32 = w[2].trim_end_matches(['.', ',']).parse().ok()?;
        NaiveDate::from_ymd_opt(year, month, day)
    })
}

/// What every item of a page is read with.
struct ItemContext<'a> {
    layout: &'a Layout,
    /// The meeting's date, for dates printed without a year.
    date: Option<NaiveDate>,
    party_id: &'a dyn Fn(&str) -> Option<String>,
}

fn item(
    cx: &ItemContext,
    number: ItemNo,
    title: &str,
    line: usize,
    body: &[Line],
    doubts: &mut Vec<Doubt>,
) -> ImportedItem {
    let (layout, date, party_id) = (cx.layout, cx.date, cx.party_id);
    // The title printed again (up to three times) is not content.
    let body: Vec<Line> = body
        .iter()
        .skip_while(|l| l.text.is_empty() || l.text.trim() == title)
        .cloned()
        .collect();
    let mut sections: Vec<(Option<Section>, Vec<Line>)> = vec![(None, Vec::new())];
    let mut decision_heading = None;
    let mut case = CaseData::default();
    let mut absent = Vec::new();
    let mut guests = Vec::new();
    let mut presenter = None;
    for l in body {
        // Case data and absence stand on lines of their own, wherever in the item.
        if let Some((key, value)) = l.text.trim().split_once(':')
            && let value = value.trim()
            && !value.is_empty()
        {
            match key.trim() {
                "Sagsnr." | "Sagsnr" | "Sags nr." => {
                    case.number = Some(value.to_owned());
                    continue;
                }
                "Sagsbehandler" => {
                    case.officer = Some(value.to_owned());
                    continue;
                }
                "Beslutningskompetence" => {
                    case.authority = Some(value.to_owned());
                    continue;
                }
                "Sagstype" => {
                    case.case_type = Some(value.to_owned());
                    continue;
                }
                "Sagsgang" => {
                    case_route(&[(l.no, vec![value.to_owned()])], party_id, &mut case);
                    continue;
                }
                "Fremlægges af" | "Oplægsholder" => {
                    presenter = Some(value.to_owned());
                    continue;
                }
                "Fraværende" | "Fraværende under punktet" => {
                    absent.extend(attendance::people_in_line(value));
                    continue;
                }
                "Deltog under punktet" | "Gæster under punktet" | "Til stede under punktet" => {
                    guests.extend(attendance::people_in_line(value));
                    continue;
                }
                _ => {}
            }
        }
        match (layout.heading)(&l.text) {
            Some(s) => {
                if s == Section::Decision && l.text.trim().contains(" den ") {
                    decision_heading = Some(l.text.trim().to_owned());
                }
                sections.push((Some(s), Vec::new()))
            }
            None => sections.last_mut().expect("one").1.push(l),
        }
    }
    // "117. Personalesag – Lukket punkt": closed, its content not published.
    let (title, closed) = match title
        .strip_suffix("Lukket punkt")
        .map(|t| t.trim_end().trim_end_matches(['–', '-']).trim_end())
    {
        Some(t) => (t, true),
        None => (title, false),
    };
    let mut it = ImportedItem {
        number,
        title: title.to_owned(),
        kind: ItemKind::Other,
        approves: None,
        background: String::new(),
        recommendation: None,
        decision: Vec::new(),
        decision_text: String::new(),
        remarks: String::new(),
        attachments: Vec::new(),
        closed,
        summary: String::new(),
        case: CaseData::default(),
        decision_heading,
        absent,
        guests,
        presenter: None,
        guest_apologies: Vec::new(),
        line,
        followups: Vec::new(),
    };
    let mut background = Vec::new();
    let mut decision_paras: Vec<(usize, Vec<String>)> = Vec::new();
    // The text a follow-up may be read from: all but the attachments' names.
    let mut prose: Vec<(usize, String)> = Vec::new();
    let mut decision_prose: Vec<(usize, String)> = Vec::new();
    for (section, lines) in &sections {
        let paras = paragraphs(lines);
        if *section != Some(Section::Attachments) && *section != Some(Section::Case) {
            // The decision's wording first: where it repeats a due the recommendation
            // names, its sentence is the one to show.
            let to = if *section == Some(Section::Decision) {
                &mut decision_prose
            } else {
                &mut prose
            };
            // A list's items each on their own: one is no sentence with the next.
            for (no, l) in &paras {
                if l.len() > 1 && l.iter().any(|line| marker(line).is_some()) {
                    to.extend(l.iter().map(|line| (*no, line.clone())));
                } else {
                    to.push((*no, l.join(" ")));
                }
            }
        }
        match section {
            None | Some(Section::Background) => background.extend(paras),
            Some(Section::Recommendation) => {
                it.recommendation = recommendation(&paras, party_id, doubts)
            }
            // Read once the recommendation is known: it may come after the decision.
            Some(Section::Decision) => decision_paras.extend(paras),
            Some(Section::Summary) => it.summary = blocks_markdown(&paras),
            Some(Section::Case) => case_route(&paras, party_id, &mut case),
            Some(Section::Attachments) => {
                for (no, l) in paras {
                    for name in l {
                        // "• Name.pdf" as a list prints it: the name without its marker.
                        let name = marker(&name)
                            .filter(|(style, _)| *style == ClauseStyle::Bullets)
                            .map_or(name.trim(), |(_, rest)| rest)
                            .to_owned();
                        if mail_damaged(&name) {
                            doubts.push(Doubt {
                                line: no,
                                kind: DoubtKind::MailDamage(name.clone()),
                            });
                        }
                        it.attachments.push(name);
                    }
                }
            }
        }
    }
    // A recommendation standing in the text with no heading of its own ("Forretningsudvalget
    // indstiller, at …"), with the clauses listed under it.
    if it.recommendation.is_none()
        && let Some(at) = background
            .iter()
            .position(|(_, l)| is_recommendation(&l.join(" ")))
    {
        let end = background[at + 1..]
            .iter()
            .position(|(_, l)| l.iter().any(|line| marker(line).is_none()))
            .map_or(background.len(), |n| at + 1 + n);
        let taken: Vec<_> = background.drain(at..end).collect();
        it.recommendation = recommendation(&taken, party_id, doubts);
    }
    it.kind = recognise::kind(title, it.recommendation.as_ref());
    decision(&decision_paras, &mut it, doubts);
    it.case = case;
    it.presenter = presenter.or_else(|| {
        background
            .iter()
            .find_map(|(_, l)| attendance::presenter(&l.join(" ")))
    });
    decision_prose.append(&mut prose);
    let prose = decision_prose;
    for (_, text) in &prose {
        for sentence in super::suggest::sentences(text) {
            if let Some(who) = attendance::guest_apology(&sentence)
                && !it.guest_apologies.contains(&who)
            {
                it.guest_apologies.push(who);
            }
        }
    }
    it.background = blocks_markdown(&background);
    // A municipality's case type says it outright where the title does not.
    if it.kind == ItemKind::Other || it.kind == ItemKind::Information {
        match it
            .case
            .case_type
            .as_deref()
            .map(str::to_lowercase)
            .as_deref()
        {
            Some("beslutningssag") => it.kind = ItemKind::Decision,
            Some("orienteringssag") => it.kind = ItemKind::Information,
            Some("drøftelsessag") => it.kind = ItemKind::Discussion,
            _ => {}
        }
    }
    // A due the recommendation names and the decision repeats is one suggestion.
    for s in super::suggest::followups(&prose, date, party_id) {
        if !it.followups.iter().any(|k| k.due == s.due) {
            it.followups.push(s);
        }
    }
    // In the page's order.
    it.followups.sort_by_key(|s| s.line);
    if it.kind == ItemKind::MinutesApproval {
        it.approves = danish_date(title);
    }
    it
}

/// *Sagsgang og sagstype*: the bodies, in order ("Børn og Unge, Økonomiudvalget,
/// Kommunalbestyrelsen"), and the type on a line of its own ("Beslutningssag").
fn case_route(
    paras: &[(usize, Vec<String>)],
    party_id: &dyn Fn(&str) -> Option<String>,
    case: &mut CaseData,
) {
    for line in paras.iter().flat_map(|(_, l)| l) {
        let line = line.trim().trim_end_matches('.');
        let is_type = !line.contains([',', '→']) && line.to_lowercase().ends_with("sag");
        if is_type {
            case.case_type = Some(line.to_owned());
            continue;
        }
        case.route.extend(
            line.split([',', '→'])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(|s| match party_id(s).and_then(|id| id.parse().ok()) {
                    Some(id) => Party::Body(id),
                    None => Party::Outside(s.to_owned()),
                }),
        );
    }
}
