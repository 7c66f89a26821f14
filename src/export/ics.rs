//! iCalendar (RFC 5545) for a year: meetings at their local times in Europe/Copenhagen
//! (with the zone's rules in a VTIMEZONE), seminars and deadlines as all-day events.
//!
//! Calendar programs update an event they already have when its UID matches and its
//! SEQUENCE is higher. So a meeting's UID is its planned id, which never changes, and its
//! SEQUENCE is the number of times it has moved: a moved meeting replaces its old entry
//! instead of appearing twice.

use chrono::{Days, NaiveDate, NaiveTime};

use crate::archive::Archive;
use crate::calendar::words::CalendarWords;
use crate::calendar::year::{YearOverview, times_moved};
use crate::calendar::{setting, working_dates};
use crate::followup::FollowupState;
use crate::lang::Lang;
use crate::text::sanitize_multiline;

const TZID: &str = "Europe/Copenhagen";

/// The zone's rules since 1996 (last Sunday of March and of October), as every calendar
/// program reads them.
const VTIMEZONE: &[&str] = &[
    "BEGIN:VTIMEZONE",
    "TZID:Europe/Copenhagen",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
];

/// Lines of content, folded at 75 octets and ended with CRLF.
struct Writer {
    out: String,
}

impl Writer {
    fn line(&mut self, line: &str) {
        let mut width = 0;
        for c in line.chars() {
            let len = c.len_utf8();
            // A continuation line starts with a space, which counts towards its 75.
            if width + len > 75 {
                self.out.push_str("\r\n ");
                width = 1;
            }
            self.out.push(c);
            width += len;
        }
        self.out.push_str("\r\n");
    }

    /// A TEXT property, escaped.
    fn text(&mut self, name: &str, value: &str) {
        self.line(&format!("{name}:{}", escape(value)));
    }
}

/// Escapes a TEXT value (RFC 5545 3.3.11); control characters other than line breaks show
/// as placeholders, as they do on screen.
pub fn escape(value: &str) -> String {
    let clean = sanitize_multiline(value);
    let mut out = String::with_capacity(clean.len());
    for c in clean.replace("\r\n", "\n").chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out
}

fn ics_date(d: NaiveDate) -> String {
    d.format("%Y%m%d").to_string()
}

fn local(d: NaiveDate, t: NaiveTime) -> String {
    format!("{}T{}", ics_date(d), t.format("%H%M%S"))
}

/// Globally unique ids need a domain: the forum's name, in letters and digits.
fn domain(archive: &Archive) -> String {
    let mut out = String::new();
    for c in archive.forum.name.to_lowercase().chars() {
        match c {
            'æ' => out.push_str("ae"),
            'ø' => out.push_str("oe"),
            'å' => out.push_str("aa"),
            c if c.is_ascii_alphanumeric() => out.push(c),
            _ if !out.ends_with('-') && !out.is_empty() => out.push('-'),
            _ => {}
        }
    }
    let name = out.trim_end_matches('-');
    if name.is_empty() {
        "dagsorden".to_owned()
    } else {
        format!("{name}.dagsorden")
    }
}

/// The year as an iCalendar file. `stamp` is the DTSTAMP (the day of the export).
pub fn calendar_ics(archive: &Archive, y: &YearOverview, lang: Lang, stamp: NaiveDate) -> String {
    let w = CalendarWords::of(lang);
    let forum = &archive.forum;
    let domain = domain(archive);
    let dtstamp = format!("DTSTAMP:{}T000000Z", ics_date(stamp));
    let mut out = Writer { out: String::new() };
    out.line("BEGIN:VCALENDAR");
    out.line("VERSION:2.0");
    out.line("PRODID:-//dagsorden//Mødeplan//DA");
    out.line("CALSCALE:GREGORIAN");
    out.line("METHOD:PUBLISH");
    out.text(
        "X-WR-CALNAME",
        &format!("{} {} · {}", w.plan, y.year, forum.name),
    );
    for l in VTIMEZONE {
        out.line(l);
    }
    for s in &y.meetings {
        let set = setting(archive, &s.id);
        out.line("BEGIN:VEVENT");
        out.text("UID", &format!("{}@{domain}", s.id));
        out.line(&dtstamp);
        // A cancellation is a change calendar programs must take over what they have.
        let sequence = times_moved(archive, &s.id) + u32::from(s.cancelled);
        out.line(&format!("SEQUENCE:{sequence}"));
        match set.start {
            Some(start) => {
                out.line(&format!("DTSTART;TZID={TZID}:{}", local(s.date, start)));
                let end = set.end.filter(|e| *e > start).unwrap_or(start);
                out.line(&format!("DTEND;TZID={TZID}:{}", local(s.date, end)));
            }
            None => {
                out.line(&format!("DTSTART;VALUE=DATE:{}", ics_date(s.date)));
                out.line(&format!(
                    "DTEND;VALUE=DATE:{}",
                    ics_date(s.date + Days::new(1))
                ));
            }
        }
        let title = archive
            .meeting(&s.id)
            .map(|m| m.title.trim().to_owned())
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| forum.body_name(&s.id.body));
        out.text(
            "SUMMARY",
            &format!("{} ({})", title, forum.body_short(&s.id.body)),
        );
        if !set.place.is_empty() {
            out.text("LOCATION", &set.place);
        }
        let mut desc = Vec::new();
        if set.start.is_none() {
            desc.push(crate::lang::capitalized(lang.labels().time_not_stated));
        }
        if let Some(body) = forum.body(&s.id.body) {
            let wd = working_dates(body, s.date);
            for (label, day) in [(w.items_due, wd.items_due), (w.agenda_out, wd.agenda_out)] {
                if let Some(day) = day {
                    desc.push(format!("{label} {}", lang.long_date(day)));
                }
            }
        }
        // A meeting that was held is confirmed on its date, whatever the plan still says.
        let held = archive
            .meeting(&s.id)
            .is_some_and(crate::calendar::checks::was_held);
        if s.move_pending && !held {
            desc.push(format!("{}: {}", w.to_be_moved, w.not_set));
        }
        desc.extend(crate::calendar::remarks(archive, s, lang));
        for m in y
            .moves
            .iter()
            .filter(|m| m.meeting == s.id && m.to.is_some())
        {
            desc.push(format!("{} {}", w.moved_from, lang.long_date(m.from)));
        }
        out.text("DESCRIPTION", &desc.join("\n"));
        out.line(if s.cancelled {
            "STATUS:CANCELLED"
        } else if s.move_pending && !held {
            "STATUS:TENTATIVE"
        } else {
            "STATUS:CONFIRMED"
        });
        out.line("END:VEVENT");
    }
    for e in &y.events {
        out.line("BEGIN:VEVENT");
        out.text("UID", &format!("event-{}@{domain}", e.id));
        out.line(&dtstamp);
        out.line("SEQUENCE:0");
        match (e.start, e.start_date == e.end_date) {
            (Some(start), true) => {
                out.line(&format!(
                    "DTSTART;TZID={TZID}:{}",
                    local(e.start_date, start)
                ));
                let end = e.end.filter(|x| *x > start).unwrap_or(start);
                out.line(&format!("DTEND;TZID={TZID}:{}", local(e.end_date, end)));
            }
            _ => {
                out.line(&format!("DTSTART;VALUE=DATE:{}", ics_date(e.start_date)));
                out.line(&format!(
                    "DTEND;VALUE=DATE:{}",
                    ics_date(e.end_date + Days::new(1))
                ));
            }
        }
        out.text("SUMMARY", &format!("{}: {}", w.event_kind(e.kind), e.title));
        if !e.place.is_empty() {
            out.text("LOCATION", &e.place);
        }
        let about: Vec<&str> = [e.theme.trim(), e.note.trim()]
            .into_iter()
            .filter(|t| !t.is_empty())
            .collect();
        if !about.is_empty() {
            out.text("DESCRIPTION", &about.join("\n"));
        }
        out.line("TRANSP:OPAQUE");
        out.line("END:VEVENT");
    }
    // Meetings taken out of the plan stay in the file as cancelled, under the UID calendar
    // programs know them by, so those programs drop them.
    let removed = archive
        .plans
        .iter()
        .flat_map(|p| &p.removed)
        .filter(|r| chrono::Datelike::year(&r.meeting.date) == y.year)
        .filter(|r| !y.meetings.iter().any(|m| m.id == r.meeting));
    for r in removed {
        out.line("BEGIN:VEVENT");
        out.text("UID", &format!("{}@{domain}", r.meeting));
        out.line(&dtstamp);
        out.line(&format!("SEQUENCE:{}", r.sequence));
        out.line(&format!("DTSTART;VALUE=DATE:{}", ics_date(r.meeting.date)));
        out.line(&format!(
            "DTEND;VALUE=DATE:{}",
            ics_date(r.meeting.date + Days::new(1))
        ));
        out.text(
            "SUMMARY",
            &format!(
                "{} ({})",
                forum.body_name(&r.meeting.body),
                forum.body_short(&r.meeting.body)
            ),
        );
        let mut why = w.removed.to_owned();
        if !r.reason.trim().is_empty() {
            why = format!("{why}: {}", r.reason.trim());
        }
        out.text("DESCRIPTION", &why);
        out.line("STATUS:CANCELLED");
        out.line("END:VEVENT");
    }
    for d in &y.dues {
        out.line("BEGIN:VEVENT");
        match d.year {
            Some(year) => out.text("UID", &format!("followup-{}-{year}@{domain}", d.id)),
            None => out.text("UID", &format!("followup-{}@{domain}", d.id)),
        }
        out.line(&dtstamp);
        out.line("SEQUENCE:0");
        out.line(&format!("DTSTART;VALUE=DATE:{}", ics_date(d.date)));
        out.line(&format!(
            "DTEND;VALUE=DATE:{}",
            ics_date(d.date + Days::new(1))
        ));
        out.text(
            "SUMMARY",
            &format!("{}: {}", w.deadline, crate::text::one_line(&d.what)),
        );
        out.text("DESCRIPTION", &d.what);
        out.line("TRANSP:TRANSPARENT");
        if d.state == FollowupState::Cancelled {
            out.line("STATUS:CANCELLED");
        }
        out.line("END:VEVENT");
    }
    out.line("END:VCALENDAR");
    out.out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape("a, b; c\\d\ne"), "a\\, b\\; c\\\\d\\ne");
        // Control characters show as placeholders, as everywhere text reaches a screen.
        assert_eq!(escape("x\u{1b}[31my"), "x␛[31my");
    }

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_a_character() {
        let mut w = Writer { out: String::new() };
        let long = format!("SUMMARY:{}", "ø".repeat(60));
        w.line(&long);
        for line in w.out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(line.len() <= 75, "{} octets", line.len());
        }
        let unfolded = w.out.replace("\r\n ", "");
        assert_eq!(unfolded, format!("{long}\r\n"));
    }
}
