//! Follow-ups latent in the minutes' wording, proposed for staff to accept or discard:
//! "senest mandag den 18. september 2017", "medio 2018", "i slutningen af 2018",
//! "dagsordenssættes til mødet den 16. november 2017", "evalueres efter to forløb",
//! "inden for en måned", "holdes orienteret", "forelægges … igen", "sendes videre til KKR".
//!
//! A suggestion is never a follow-up until staff accept it, so the reading may be generous:
//! a sentence that names a due is proposed, with the sentence itself to judge it by. One
//! suggestion per sentence, the most particular kind of due it names.

use chrono::{Datelike, NaiveDate};

use crate::model::followup::MONTHS_DA;
use crate::model::{Offset, PeriodPart, VaguePeriod};

/// A follow-up read from a sentence of an item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SuggestedFollowup {
    /// The input's line the sentence's paragraph starts on.
    pub line: usize,
    /// The sentence, as printed.
    pub quote: String,
    pub due: SuggestedDue,
    /// The body it comes back to, where the sentence names one the archive knows.
    pub reports_to: Option<String>,
}

/// The due a sentence names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SuggestedDue {
    Date(NaiveDate),
    Period(VaguePeriod),
    /// A meeting of a body (its id where the sentence names one the archive knows; else the
    /// meeting's own body) on a date.
    Meeting {
        date: NaiveDate,
        body: Option<String>,
    },
    Count {
        count: u32,
        unit: String,
    },
    /// A span from the meeting's date.
    Relative(Offset),
    /// Something on a date that may be a calendar event (a seminar the guests are invited
    /// to): the event of that day where the calendar has one, else the date.
    AtEvent(NaiveDate),
    ReportBack,
}

/// The suggestions in an item's paragraphs (each with the line it starts on).
/// `meeting_date` dates what is printed without a year; `party_id` finds a body by its name
/// in any case (it is given lowercased text).
pub fn followups(
    paragraphs: &[(usize, String)],
    meeting_date: Option<NaiveDate>,
    party_id: &dyn Fn(&str) -> Option<String>,
) -> Vec<SuggestedFollowup> {
    let mut out = Vec::new();
    for (line, text) in paragraphs {
        // A list item's marker is no part of what it says.
        let text = text
            .trim_start()
            .trim_start_matches(['•', '–', '-'])
            .trim_start();
        let sentences = sentences(text);
        for (k, sentence) in sentences.iter().enumerate() {
            let Some(due) = due(sentence, meeting_date, party_id) else {
                continue;
            };
            // "Oplægget evalueres efter to forløb. Evalueringen forelægges for
            // Socialdirektørforum.": the body may be named in the sentence after.
            let reports_to = reports_to(sentence, party_id).or_else(|| {
                sentences
                    .get(k + 1)
                    .filter(|next| due_kind_only(next, meeting_date, party_id))
                    .and_then(|next| reports_to(next, party_id))
            });
            let reports_to = match (&due, reports_to) {
                (SuggestedDue::Meeting { body: Some(b), .. }, None) => Some(b.clone()),
                (_, r) => r,
            };
            out.push(SuggestedFollowup {
                line: *line,
                quote: sentence.clone(),
                due,
                reports_to,
            });
        }
    }
    out
}

/// Whether the sentence names no due but a body to report to ("Evalueringen forelægges
/// for Socialdirektørforum."), or a report-back at most.
fn due_kind_only(
    sentence: &str,
    meeting_date: Option<NaiveDate>,
    party_id: &dyn Fn(&str) -> Option<String>,
) -> bool {
    matches!(
        due(sentence, meeting_date, party_id),
        None | Some(SuggestedDue::ReportBack)
    )
}

/// The sentences of a paragraph: split after `.`, `!` or `?` before a capital letter,
/// except after a day's number ("den 18. september") or a common abbreviation.
pub fn sentences(text: &str) -> Vec<String> {
    const ABBREVIATIONS: [&str; 12] = [
        "ca", "evt", "fx", "f.eks", "bl.a", "jf", "nr", "pkt", "mv", "inkl", "ift", "mht",
    ];
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut out = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for (i, w) in words.iter().enumerate() {
        current.push(w);
        let ends = w.ends_with(['.', '!', '?']);
        let next_capital = words
            .get(i + 1)
            .and_then(|n| n.chars().next())
            .is_some_and(char::is_uppercase);
        let stem = w.trim_end_matches(['.', '!', '?']).to_lowercase();
        // "den 18. september": a day's number with its stop, not a sentence's end (a year
        // of four digits can end one).
        let ordinal = (1..=2).contains(&stem.len()) && stem.chars().all(|c| c.is_ascii_digit());
        if ends && next_capital && !ordinal && !ABBREVIATIONS.contains(&stem.as_str()) {
            out.push(current.join(" "));
            current.clear();
        }
    }
    if !current.is_empty() {
        out.push(current.join(" "));
    }
    out
}

/// The most particular due a sentence names, if any.
fn due(
    sentence: &str,
    meeting_date: Option<NaiveDate>,
    party_id: &dyn Fn(&str) -> Option<String>,
) -> Option<SuggestedDue> {
    let lower = sentence.to_lowercase();
    let words: Vec<String> = lower
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric() && c != '.')
                .to_owned()
        })
        .collect();
    let year = meeting_date.map(|d| d.year());
    // On the agenda of a named meeting.
    if [
        "dagsordenssæt",
        "dagsordensæt",
        "dagsordenssat",
        "dagsordensat",
        "på dagsordenen",
    ]
    .iter()
    .any(|w| lower.contains(w))
        && let Some(at) = lower.find("mødet")
        && let Some(date) = date_in(&words_from(&lower[at..]), year, meeting_date)
    {
        let body = body_of_meeting(&lower[at..], party_id);
        return Some(SuggestedDue::Meeting { date, body });
    }
    // A count of runs: "evalueres efter to forløb".
    if lower.contains("evaluer")
        && let Some(at) = words.iter().position(|w| w == "efter")
        && let Some(count) = words.get(at + 1).and_then(|w| count_word(w))
        && let Some(unit) = words.get(at + 2).filter(|u| !u.is_empty())
    {
        return Some(SuggestedDue::Count {
            count,
            unit: unit.trim_end_matches('.').to_owned(),
        });
    }
    // A deadline: "senest (mandag) den 18. september 2017", "inden den 1. maj".
    for (k, w) in words.iter().enumerate() {
        let deadline =
            w == "senest" || (w == "inden" && words.get(k + 1).is_some_and(|n| n == "den"));
        if deadline && let Some(date) = date_in(&words[k + 1..], year, meeting_date) {
            return Some(SuggestedDue::Date(date));
        }
    }
    // Invited to something on a date: a seminar of the calendar, likely.
    if words.iter().any(|w| w.starts_with("invite"))
        && let Some(date) = date_in(&words, year, meeting_date)
    {
        return Some(SuggestedDue::AtEvent(date));
    }
    if let Some(period) = period_in(&words) {
        return Some(SuggestedDue::Period(period));
    }
    if let Some(at) = lower.find("inden for")
        && let Some(offset) = offset_in(&words_from(&lower[at + "inden for".len()..]))
    {
        return Some(SuggestedDue::Relative(offset));
    }
    let reports = lower.contains("holdes orienteret")
        || lower.contains("sendes videre til")
        || (lower.contains("forelægges") && lower.contains("igen"));
    reports.then_some(SuggestedDue::ReportBack)
}

fn words_from(text: &str) -> Vec<String> {
    text.split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric() && c != '.')
                .to_owned()
        })
        .collect()
}

/// The first "18. september [2017]" among `words`; a date without a year is in the
/// meeting's year, or the next when that would be before the meeting.
fn date_in(words: &[String], year: Option<i32>, meeting: Option<NaiveDate>) -> Option<NaiveDate> {
    (0..words.len()).find_map(|i| {
        let day: u32 = words[i].strip_suffix('.')?.parse().ok()?;
        let month = MONTHS_DA.iter().position(|m| {
            words
                .get(i + 1)
                .is_some_and(|w| w.trim_end_matches('.') == *m)
        })? as u32
            + 1;
        let printed: Option<i32> = words
            .get(i + 2)
            .and_then(|w| w.trim_end_matches('.').parse().ok())
            .filter(|y| (1900..=2999).contains(y));
        match printed {
            Some(y) => NaiveDate::from_ymd_opt(y, month, day),
            None => {
                let d = NaiveDate::from_ymd_opt(year?, month, day)?;
                match meeting {
                    Some(m) if d < m => d.with_year(d.year() + 1),
                    _ => Some(d),
                }
            }
        }
    })
}

/// "medio 2018", "ultimo januar 2018", "i slutningen af 2018", "3. kvartal 2018".
fn period_in(words: &[String]) -> Option<VaguePeriod> {
    let year_at = |i: usize| -> Option<i32> {
        words
            .get(i)?
            .trim_end_matches('.')
            .parse()
            .ok()
            .filter(|y| (1900..=2999).contains(y))
    };
    let month_at = |i: usize| -> Option<u32> {
        let w = words.get(i)?.trim_end_matches('.');
        MONTHS_DA.iter().position(|m| *m == w).map(|m| m as u32 + 1)
    };
    for i in 0..words.len() {
        let part = match words[i].as_str() {
            "primo" => Some(PeriodPart::Early),
            "medio" => Some(PeriodPart::Mid),
            "ultimo" => Some(PeriodPart::Late),
            "slutningen" | "udgangen" if words.get(i + 1).is_some_and(|w| w == "af") => {
                Some(PeriodPart::Late)
            }
            "starten" | "begyndelsen" if words.get(i + 1).is_some_and(|w| w == "af") => {
                Some(PeriodPart::Early)
            }
            "midten" if words.get(i + 1).is_some_and(|w| w == "af") => Some(PeriodPart::Mid),
            _ => None,
        };
        if let Some(part) = part {
            let at = if matches!(words[i].as_str(), "primo" | "medio" | "ultimo") {
                i + 1
            } else {
                i + 2
            };
            if let Some(year) = year_at(at) {
                return Some(VaguePeriod {
                    part,
                    year,
                    month: None,
                });
            }
            if let (Some(month), Some(year)) = (month_at(at), year_at(at + 1)) {
                return Some(VaguePeriod {
                    part,
                    year,
                    month: Some(month),
                });
            }
        }
        if words[i] == "kvartal"
            && let Some(q) = i
                .checked_sub(1)
                .and_then(|p| words[p].trim_end_matches('.').parse::<u8>().ok())
                .filter(|q| (1..=4).contains(q))
            && let Some(year) = year_at(i + 1)
        {
            return Some(VaguePeriod {
                part: PeriodPart::Quarter(q),
                year,
                month: None,
            });
        }
    }
    None
}

/// "en måned", "14 dage", "to uger": the span after "inden for".
fn offset_in(words: &[String]) -> Option<Offset> {
    let n = count_word(words.first()?)?;
    let unit = words.get(1)?.trim_end_matches('.');
    if unit.starts_with("dag") {
        Some(Offset::Days(n))
    } else if unit.starts_with("uge") {
        Some(Offset::Weeks(n))
    } else if unit.starts_with("måned") {
        Some(Offset::Months(n))
    } else {
        None
    }
}

/// A count as written: "2", "to", "en", "et".
fn count_word(w: &str) -> Option<u32> {
    const WORDS: [&str; 12] = [
        "nul", "en", "to", "tre", "fire", "fem", "seks", "syv", "otte", "ni", "ti", "elleve",
    ];
    if let Ok(n) = w.parse::<u32>() {
        return (n > 0 && n < 1000).then_some(n);
    }
    match w {
        "et" | "ét" | "én" => Some(1),
        "tolv" => Some(12),
        _ => WORDS
            .iter()
            .position(|x| *x == w)
            .map(|n| n as u32)
            .filter(|&n| n > 0),
    }
}

/// The body a sentence reports to: "forelægges for X", "X holdes orienteret", "forelægges X".
fn reports_to(sentence: &str, party_id: &dyn Fn(&str) -> Option<String>) -> Option<String> {
    // Lowercase throughout: an index into the lowercased text is no index into the original
    // (lowercasing can change a character's length), and bodies are found in any case.
    let lower = sentence.to_lowercase();
    if let Some(at) = lower.find("holdes orienteret") {
        return party_in(&lower[..at], party_id);
    }
    for marker in ["forelægges for ", "forelægges ", "sendes videre til "] {
        if let Some(at) = lower.find(marker) {
            let rest = &lower[at + marker.len()..];
            if let Some(p) = party_in(rest, party_id) {
                return Some(p);
            }
        }
    }
    None
}

/// "mødet i Socialdirektørforum den …": the body named between "mødet" and the date.
fn body_of_meeting(text: &str, party_id: &dyn Fn(&str) -> Option<String>) -> Option<String> {
    let upto = text.find(" den ").unwrap_or(text.len());
    party_in(&text[..upto], party_id)
}

/// The first body the archive knows among the words of `text` (a name of up to four words,
/// a possessive "-s" allowed: "Socialdirektørforums").
fn party_in(text: &str, party_id: &dyn Fn(&str) -> Option<String>) -> Option<String> {
    // Punctuation off, but not a hyphen: "Social- og Omsorgsudvalget" is a name.
    let words: Vec<&str> = text
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-'))
        .collect();
    for start in 0..words.len() {
        for len in (1..=4).rev() {
            let Some(name) = words.get(start..start + len) else {
                continue;
            };
            let name = name.join(" ");
            if let Some(id) = party_id(&name) {
                return Some(id);
            }
            if let Some(id) = name.strip_suffix('s').and_then(party_id) {
                return Some(id);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn party(name: &str) -> Option<String> {
        match name.to_lowercase().as_str() {
            "socialdirektørforum" | "sdf" => Some("sdf".into()),
            "forretningsudvalget" | "fu" => Some("fu".into()),
            _ => None,
        }
    }

    fn read(text: &str) -> Vec<(SuggestedDue, Option<String>)> {
        followups(&[(1, text.to_owned())], Some(d(2017, 9, 8)), &party)
            .into_iter()
            .map(|s| (s.due, s.reports_to))
            .collect()
    }

    #[test]
    fn sentences_split_at_full_stops_but_not_in_dates_or_abbreviations() {
        assert_eq!(
            sentences("Status senest den 18. september 2017. Der er ca. 25 deltagere. Slut"),
            [
                "Status senest den 18. september 2017.",
                "Der er ca. 25 deltagere.",
                "Slut"
            ]
        );
    }

    #[test]
    fn every_kind_of_due_is_read_from_the_wording() {
        assert_eq!(
            read("Status bedes afgivet til Socialstyrelsen senest mandag den 18. september 2017."),
            [(SuggestedDue::Date(d(2017, 9, 18)), None)]
        );
        assert_eq!(
            read("Analysen skal forelægge medio 2018."),
            [(SuggestedDue::Period("medio 2018".parse().unwrap()), None)]
        );
        assert_eq!(
            read("Herefter vil der i slutningen af 2018 være en ny drøftelse."),
            [(SuggestedDue::Period("ultimo 2018".parse().unwrap()), None)]
        );
        assert_eq!(
            read("Svar ultimo januar 2019 og 3. kvartal 2019."),
            [(
                SuggestedDue::Period("ultimo januar 2019".parse().unwrap()),
                None
            )]
        );
        assert_eq!(
            read(
                "Projektet vil blive dagsordenssat til mødet i Socialdirektørforum den 16. november 2017."
            ),
            [(
                SuggestedDue::Meeting {
                    date: d(2017, 11, 16),
                    body: Some("sdf".into())
                },
                Some("sdf".into())
            )]
        );
        assert_eq!(
            read(
                "Oplægget evalueres efter to forløb. Evalueringen forelægges for Socialdirektørforum."
            ),
            [(
                SuggestedDue::Count {
                    count: 2,
                    unit: "forløb".into()
                },
                Some("sdf".into())
            )]
        );
        assert_eq!(
            read("Kommunerne skal inden for en måned oplyse, hvad det betyder."),
            [(SuggestedDue::Relative(Offset::Months(1)), None)]
        );
        assert_eq!(
            read("LMS inviteres med til Socialdirektørforums døgnseminar den 17. november 2017."),
            [(SuggestedDue::AtEvent(d(2017, 11, 17)), None)]
        );
        assert_eq!(
            read("Socialdirektørforum holdes orienteret om resultatet."),
            [(SuggestedDue::ReportBack, Some("sdf".into()))]
        );
        assert_eq!(
            read("Sagen sendes videre til KKR."),
            [(SuggestedDue::ReportBack, None)]
        );
        assert_eq!(
            read("Sagen forelægges Forretningsudvalget igen."),
            [(SuggestedDue::ReportBack, Some("fu".into()))]
        );
    }

    #[test]
    fn a_date_without_a_year_is_the_next_one_after_the_meeting() {
        assert_eq!(
            read("Svar senest den 1. maj."),
            [(SuggestedDue::Date(d(2018, 5, 1)), None)]
        );
        assert_eq!(
            read("Svar senest den 1. oktober."),
            [(SuggestedDue::Date(d(2017, 10, 1)), None)]
        );
    }

    #[test]
    fn sentences_without_a_due_give_nothing() {
        assert!(read("Socialdirektørforum godkendte den skitserede model.").is_empty());
        assert!(read("Mødet blev holdt den 8. september 2017.").is_empty());
        assert!(read("").is_empty());
    }
}
