//! The meeting calendar as one schedule: meeting files and year plans merged, moves applied,
//! and the secretariat's working dates derived from the forum's settings.

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate, NaiveTime};

pub mod checks;
pub mod holidays;
pub mod pairs;
pub mod propose;
pub mod words;
pub mod year;

use crate::archive::Archive;
use crate::model::{Body, MeetingId, Party, PlannedMeeting};

/// One meeting in the schedule, from a meeting file, a year plan or both.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scheduled {
    /// The meeting's id (its planned date and body).
    pub id: MeetingId,
    /// The date it is held: the planned date, or where a decided move put it.
    pub date: NaiveDate,
    /// Whether a meeting file exists for it.
    pub has_file: bool,
    /// A move has been decided but the new date is not set yet.
    pub move_pending: bool,
    /// *Aflyst* in the plan.
    pub cancelled: bool,
}

/// The secretariat's dates before a meeting; none where the body has no rule for them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WorkingDates {
    /// Items must reach the secretariat by this day.
    pub items_due: Option<NaiveDate>,
    /// The agenda goes out on this day.
    pub agenda_out: Option<NaiveDate>,
}

impl WorkingDates {
    pub fn is_empty(&self) -> bool {
        self.items_due.is_none() && self.agenda_out.is_none()
    }

    /// "punkter senest 19. jan · dagsorden ud 2. feb", leaving out a date with no rule;
    /// `None` when there is neither.
    pub fn phrase(
        &self,
        items_due: &str,
        agenda_out: &str,
        date: impl Fn(NaiveDate) -> String,
    ) -> Option<String> {
        let parts: Vec<String> = [(items_due, self.items_due), (agenda_out, self.agenda_out)]
            .into_iter()
            .filter_map(|(label, d)| d.map(|d| format!("{label} {}", date(d))))
            .collect();
        (!parts.is_empty()).then(|| parts.join(" · "))
    }
}

/// The working dates of a meeting of `body` on `date`. A date that falls on a weekend or a
/// day off is brought forward to the working day before it.
pub fn working_dates(body: &Body, date: NaiveDate) -> WorkingDates {
    let before = |days: Option<u32>| {
        let days = days?;
        let mut day = date
            .checked_sub_days(Days::new(days.into()))
            .unwrap_or(date);
        while !is_working_day(day) {
            match day.pred_opt() {
                Some(d) => day = d,
                None => break,
            }
        }
        Some(day)
    };
    WorkingDates {
        items_due: before(body.items_due_days),
        agenda_out: before(body.agenda_sent_days),
    }
}

/// Monday to Friday and not a day off.
pub fn is_working_day(day: NaiveDate) -> bool {
    use chrono::{Datelike, Weekday};
    !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) && holidays::holiday(day).is_none()
}

/// Every meeting the archive knows of, in date order.
pub fn schedule(archive: &Archive) -> Vec<Scheduled> {
    let mut by_id: BTreeMap<MeetingId, Scheduled> = BTreeMap::new();
    for plan in &archive.plans {
        for planned in &plan.meetings {
            let id = planned.id();
            by_id.entry(id.clone()).or_insert(Scheduled {
                date: id.date,
                id,
                has_file: false,
                move_pending: false,
                cancelled: planned.cancelled,
            });
        }
    }
    for meeting in &archive.meetings {
        by_id
            .entry(meeting.id.clone())
            .or_insert(Scheduled {
                id: meeting.id.clone(),
                date: meeting.date(),
                has_file: true,
                move_pending: false,
                cancelled: false,
            })
            .has_file = true;
    }
    for mv in archive.plans.iter().flat_map(|p| &p.moves) {
        // A meeting file that followed the move is the same meeting, known by its old id.
        if let Some(to) = mv.to {
            let moved = MeetingId::new(to, mv.meeting.body.clone());
            if moved != mv.meeting
                && by_id.get(&moved).is_some_and(|s| s.has_file)
                && archive.meeting(&mv.meeting).map(|m| &m.id) == Some(&moved)
            {
                by_id.remove(&moved);
                by_id
                    .entry(mv.meeting.clone())
                    .or_insert(Scheduled {
                        id: mv.meeting.clone(),
                        date: to,
                        has_file: true,
                        move_pending: false,
                        cancelled: false,
                    })
                    .has_file = true;
            }
        }
        if let Some(s) = by_id.get_mut(&mv.meeting) {
            match mv.to {
                Some(to) => {
                    s.date = to;
                    s.move_pending = false;
                }
                None => s.move_pending = true,
            }
        }
    }
    let mut all: Vec<Scheduled> = by_id.into_values().collect();
    all.sort_by(|a, b| (a.date, &a.id).cmp(&(b.date, &b.id)));
    all
}

/// When and where a meeting is held: from its file, else its plan entry. The body's
/// defaults fill in only for a meeting that has no file yet (one being planned): a meeting
/// file is the record, and where it states no time, none is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Setting {
    pub start: Option<NaiveTime>,
    pub end: Option<NaiveTime>,
    pub place: String,
}

pub fn setting(archive: &Archive, id: &MeetingId) -> Setting {
    let planned = archive
        .plans
        .iter()
        .flat_map(|p| &p.meetings)
        .find(|m| &m.id() == id);
    let file = archive.meeting(id);
    // A planned meeting takes the body's usual time and place; a held one does not.
    let default = if file.is_none() {
        archive.forum.body(&id.body)
    } else {
        None
    };
    let place = file
        .map(|m| m.place.clone())
        .filter(|p| !p.is_empty())
        .or_else(|| planned.and_then(|p| p.place.clone()))
        .or_else(|| default.map(|b| b.place.clone()))
        .unwrap_or_default();
    let (start, end) = if let Some(m) = file.filter(|m| m.start.is_some()) {
        (m.start, m.end)
    } else if let Some(p) = planned.filter(|p| p.start.is_some()) {
        (p.start, p.end)
    } else {
        (default.and_then(|b| b.start), default.and_then(|b| b.end))
    };
    Setting { start, end, place }
}

/// The year plan's entry for a meeting, when it has one.
pub fn plan_entry<'a>(archive: &'a Archive, id: &MeetingId) -> Option<&'a PlannedMeeting> {
    archive
        .plans
        .iter()
        .flat_map(|p| &p.meetings)
        .find(|m| &m.id() == id)
}

/// The other bodies of a joint meeting: as its file says, else as the plan says.
pub fn joint_with<'a>(archive: &'a Archive, id: &MeetingId) -> &'a [Party] {
    match archive.meeting(id) {
        Some(m) if !m.with.is_empty() => &m.with,
        _ => plan_entry(archive, id).map_or(&[], |p| p.with.as_slice()),
    }
}

/// What is said beside a meeting's date in a calendar: cancelled, joint with whom, and
/// the plan's note ("aflyst · fælles med KKR · Mødet holdes i Vejle").
pub fn remarks(archive: &Archive, s: &Scheduled, lang: crate::lang::Lang) -> Vec<String> {
    let w = words::CalendarWords::of(lang);
    let mut out = Vec::new();
    if s.cancelled {
        out.push(w.cancelled.to_owned());
    }
    let with = joint_with(archive, &s.id);
    if !with.is_empty() {
        let names: Vec<String> = with.iter().map(|p| archive.forum.party_name(p)).collect();
        out.push(format!("{} {}", w.joint_with, names.join(", ")));
    }
    if let Some(note) = plan_entry(archive, &s.id)
        .map(|p| p.note.trim())
        .filter(|n| !n.is_empty())
    {
        out.push(note.to_owned());
    }
    out
}

/// An event's theme and note in one line: "tema: Brobygning · alternativt 24. november".
pub fn event_remarks(e: &crate::model::CalendarEvent, lang: crate::lang::Lang) -> Option<String> {
    let w = words::CalendarWords::of(lang);
    let mut parts = Vec::new();
    if !e.theme.trim().is_empty() {
        parts.push(format!("{}: {}", w.theme, crate::text::one_line(&e.theme)));
    }
    if !e.note.trim().is_empty() {
        parts.push(crate::text::one_line(&e.note));
    }
    (!parts.is_empty()).then(|| parts.join(" · "))
}

/// The date a meeting is held on, moves applied; `None` when the archive does not know it.
pub fn meeting_date(schedule: &[Scheduled], id: &MeetingId) -> Option<NaiveDate> {
    schedule.iter().find(|s| &s.id == id).map(|s| s.date)
}

/// The next meeting of each body on or after `today`, in the forum's order of bodies.
pub fn next_per_body<'a>(
    archive: &'a Archive,
    schedule: &[Scheduled],
    today: NaiveDate,
) -> Vec<(&'a Body, Scheduled, WorkingDates)> {
    archive
        .forum
        .bodies
        .iter()
        .filter_map(|body| {
            let next = schedule
                .iter()
                .find(|s| s.id.body == body.id && s.date >= today)?;
            Some((body, next.clone(), working_dates(body, next.date)))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn sample() -> Archive {
        Archive::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("agendas")).unwrap()
    }

    #[test]
    fn the_schedule_merges_files_and_plans_and_marks_pending_moves() {
        let archive = sample();
        let all = schedule(&archive);
        let sept = all
            .iter()
            .find(|s| s.id.to_string() == "2017-09-08-sdf")
            .unwrap();
        assert!(sept.has_file);
        let feb = all
            .iter()
            .find(|s| s.id.to_string() == "2018-02-09-sdf")
            .unwrap();
        assert!(!feb.has_file);
        assert!(feb.move_pending);
        assert!(all.windows(2).all(|w| w[0].date <= w[1].date));
    }

    #[test]
    fn the_next_meetings_come_with_working_dates() {
        let archive = sample();
        let all = schedule(&archive);
        let next = next_per_body(&archive, &all, d(2018, 1, 1));
        let (body, sdf, dates) = &next[0];
        assert_eq!(body.id.as_str(), "sdf");
        assert_eq!(sdf.date, d(2018, 2, 9));
        assert_eq!(dates.items_due, Some(d(2018, 1, 19)));
        assert_eq!(dates.agenda_out, Some(d(2018, 2, 2)));
        let (fu, fu_meeting, fu_dates) = &next[1];
        assert_eq!(fu.id.as_str(), "fu");
        assert_eq!(fu_meeting.date, d(2018, 1, 24));
        // Five days before Wednesday 24 January is a Friday.
        assert_eq!(fu_dates.agenda_out, Some(d(2018, 1, 19)));
        // Five days before Friday 20 April is a Sunday: out on the Friday before.
        let fu_body = archive.forum.body(&fu.id).unwrap();
        assert_eq!(
            working_dates(fu_body, d(2018, 4, 20)).agenda_out,
            Some(d(2018, 4, 13))
        );
        // 21 days before 26 April 2021 is 2. påskedag, and Easter closes the four days
        // before it: items are due on Wednesday 31 March.
        let sdf_body = archive.forum.body(&body.id).unwrap();
        assert_eq!(
            working_dates(sdf_body, d(2021, 4, 26)).items_due,
            Some(d(2021, 3, 31))
        );
    }

    #[test]
    fn a_body_without_rules_has_no_working_dates() {
        let mut body = sample().forum.bodies[0].clone();
        body.items_due_days = None;
        body.agenda_sent_days = None;
        let dates = working_dates(&body, d(2018, 2, 9));
        assert!(dates.is_empty());
        assert_eq!(dates.phrase("punkter", "ud", |d| d.to_string()), None);
        body.agenda_sent_days = Some(7);
        let dates = working_dates(&body, d(2018, 2, 9));
        assert_eq!(
            dates.phrase("punkter", "ud", |d| d.to_string()).as_deref(),
            Some("ud 2018-02-02")
        );
    }
}
