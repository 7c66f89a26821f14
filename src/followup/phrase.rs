//! A due written as staff would say it: "senest mandag den 18. september 2017", "medio 2018",
//! "efter 2 forløb — 1 afholdt", "på mødet 16. november 2017", "hvert år 1. maj".

use chrono::NaiveDate;

use crate::archive::Archive;
use crate::lang::Lang;
use crate::model::followup::danish_month_name;
use crate::model::{CalendarEvent, Due, Followup, Offset};

/// Says when a follow-up of `archive` is due, with its runs and the archive's events.
pub fn followup_due_phrase(archive: &Archive, followup: &Followup, lang: Lang) -> String {
    due_phrase(&followup.due, followup.runs.len(), lang, |id| {
        archive.event(id)
    })
}

/// Says when one entry of the follow-up list is due: a yearly deadline's year is said with
/// its date ("senest tirsdag den 1. maj 2018 (hvert år 1. maj)"), moved or not.
pub fn entry_due_phrase(archive: &Archive, entry: &super::Entry, lang: Lang) -> String {
    let f = entry.followup(archive);
    let series = followup_due_phrase(archive, f, lang);
    let (Some(year), Some(date)) = (entry.year, entry.assessment.due_by) else {
        return series;
    };
    let moved = f.instance(year).and_then(|i| i.due).is_some();
    let by = if lang == Lang::Da { "senest" } else { "by" };
    let note = match (moved, lang) {
        (true, Lang::Da) => format!("flyttet; {series}"),
        (true, Lang::En) => format!("moved; {series}"),
        (false, _) => series,
    };
    format!("{by} {} ({note})", lang.long_date(date))
}

/// Says when a follow-up is due. `runs` is how many runs a count trigger has logged;
/// `event` looks up a calendar event by id.
pub fn due_phrase<'a>(
    due: &Due,
    runs: usize,
    lang: Lang,
    event: impl Fn(&str) -> Option<&'a CalendarEvent>,
) -> String {
    let da = lang == Lang::Da;
    match due {
        Due::Date(d) => {
            if da {
                format!("senest {}", lang.long_date(*d))
            } else {
                format!("by {}", lang.long_date(*d))
            }
        }
        Due::Relative { from, offset } => {
            let span = offset_phrase(*offset, lang);
            let by = offset
                .add_to(*from)
                .map(|d| lang.date(d))
                .unwrap_or_default();
            if da {
                format!("inden for {span} fra {} (senest {by})", lang.date(*from))
            } else {
                format!("within {span} of {} (by {by})", lang.date(*from))
            }
        }
        Due::Period(p) => {
            let by = p.due_by().map(|d| lang.date(d)).unwrap_or_default();
            if da {
                format!("{p} (senest {by})")
            } else {
                format!("{p} (by {by})")
            }
        }
        Due::Meeting(m) => {
            if da {
                format!(
                    "på mødet {} ({})",
                    lang.date(m.date),
                    m.body.as_str().to_uppercase()
                )
            } else {
                format!(
                    "at the meeting on {} ({})",
                    lang.date(m.date),
                    m.body.as_str().to_uppercase()
                )
            }
        }
        Due::Event(id) => match event(id) {
            Some(e) => format!(
                "{} {} ({})",
                if da { "ved" } else { "at" },
                e.title,
                date_span(e.start_date, e.end_date, lang)
            ),
            None => format!("{} {id}", if da { "ved" } else { "at" }),
        },
        Due::Count { count, unit } => {
            if da {
                let unit = if unit.is_empty() { "gange" } else { unit };
                format!("efter {count} {unit} — {runs} afholdt")
            } else {
                format!("after {count} {} — {runs} held", english_unit(unit, *count))
            }
        }
        Due::Yearly { month, day, .. } => {
            if da {
                format!("hvert år {day}. {}", danish_month_name(*month))
            } else {
                let name = NaiveDate::from_ymd_opt(2000, *month, 1)
                    .map(|d| d.format("%B").to_string())
                    .unwrap_or_default();
                format!("every year on {day} {name}")
            }
        }
        Due::ReportBack => (if da {
            "orienteres løbende"
        } else {
            "report back, no date"
        })
        .to_owned(),
    }
}

fn offset_phrase(offset: Offset, lang: Lang) -> String {
    let (n, one, many) = match (offset, lang) {
        (Offset::Days(n), Lang::Da) => (n, "dag", "dage"),
        (Offset::Weeks(n), Lang::Da) => (n, "uge", "uger"),
        (Offset::Months(n), Lang::Da) => (n, "måned", "måneder"),
        (Offset::Days(n), Lang::En) => (n, "day", "days"),
        (Offset::Weeks(n), Lang::En) => (n, "week", "weeks"),
        (Offset::Months(n), Lang::En) => (n, "month", "months"),
    };
    match (n, lang) {
        (1, Lang::Da) => format!("en {one}"),
        (1, Lang::En) => format!("one {one}"),
        _ => format!("{n} {many}"),
    }
}

/// "16.–17. november 2017", or a single date.
fn date_span(start: NaiveDate, end: NaiveDate, lang: Lang) -> String {
    use chrono::Datelike;
    if start == end {
        return lang.date(start);
    }
    if (start.year(), start.month()) == (end.year(), end.month()) {
        // "16.–17. november 2017" / "16–17 November 2017"
        let sep = if lang == Lang::Da { ".–" } else { "–" };
        return format!("{}{sep}{}", start.day(), lang.date(end));
    }
    format!("{} – {}", lang.date(start), lang.date(end))
}

/// A count's unit in English: the Danish units staff write ("forløb", "møder") in
/// English words, any other as written.
fn english_unit(unit: &str, count: u32) -> String {
    let one = count == 1;
    let word = match unit.trim().to_lowercase().as_str() {
        "" | "gange" | "gang" => {
            if one {
                "run"
            } else {
                "runs"
            }
        }
        "forløb" | "kursusforløb" => {
            if one {
                "course run"
            } else {
                "course runs"
            }
        }
        "møder" | "møde" => {
            if one {
                "meeting"
            } else {
                "meetings"
            }
        }
        "kurser" | "kursus" => {
            if one {
                "course"
            } else {
                "courses"
            }
        }
        "hold" => {
            if one {
                "class"
            } else {
                "classes"
            }
        }
        "seminarer" | "seminar" => {
            if one {
                "seminar"
            } else {
                "seminars"
            }
        }
        _ => return unit.to_owned(),
    };
    word.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{MeetingId, VaguePeriod};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn say(due: Due, runs: usize) -> String {
        due_phrase(&due, runs, Lang::Da, |_| None)
    }

    #[test]
    fn a_count_in_danish_units_is_said_in_english_words() {
        let count = |n, unit: &str| Due::Count {
            count: n,
            unit: unit.into(),
        };
        let en = |due: Due, runs| due_phrase(&due, runs, Lang::En, |_| None);
        assert_eq!(en(count(2, "forløb"), 1), "after 2 course runs — 1 held");
        assert_eq!(en(count(1, "møde"), 0), "after 1 meeting — 0 held");
        assert_eq!(en(count(3, ""), 0), "after 3 runs — 0 held");
        assert_eq!(en(count(2, "workshops"), 0), "after 2 workshops — 0 held");
    }

    #[test]
    fn every_kind_is_said_in_danish() {
        assert_eq!(
            say(Due::Date(d(2017, 9, 18)), 0),
            "senest mandag den 18. september 2017"
        );
        let medio: VaguePeriod = "medio 2018".parse().unwrap();
        assert_eq!(
            say(Due::Period(medio), 0),
            "medio 2018 (senest 30. juni 2018)"
        );
        assert_eq!(
            say(
                Due::Count {
                    count: 2,
                    unit: "forløb".into()
                },
                1
            ),
            "efter 2 forløb — 1 afholdt"
        );
        let m: MeetingId = "2017-11-16-sdf".parse().unwrap();
        assert_eq!(say(Due::Meeting(m), 0), "på mødet 16. november 2017 (SDF)");
        assert_eq!(
            say(
                Due::Yearly {
                    month: 5,
                    day: 1,
                    from_year: 2018,
                    until_year: None
                },
                0
            ),
            "hvert år 1. maj"
        );
        assert_eq!(
            say(
                Due::Relative {
                    from: d(2017, 9, 8),
                    offset: Offset::Months(1)
                },
                0
            ),
            "inden for en måned fra 8. september 2017 (senest 8. oktober 2017)"
        );
        assert_eq!(say(Due::ReportBack, 0), "orienteres løbende");
    }
}
