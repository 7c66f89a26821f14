//! The meeting calendar as one schedule: meeting files and year plans merged, moves applied,
//! and the secretariat's working dates derived from the forum's settings.

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate};

use crate::archive::Archive;
use crate::model::{Body, MeetingId};

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
}

/// The secretariat's dates before a meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WorkingDates {
    /// Items must reach the secretariat by this day.
    pub items_due: NaiveDate,
    /// The agenda goes out on this day.
    pub agenda_out: NaiveDate,
}

/// The working dates of a meeting of `body` on `date`.
pub fn working_dates(body: &Body, date: NaiveDate) -> WorkingDates {
    let before = |days: u32| {
        date.checked_sub_days(Days::new(days.into()))
            .unwrap_or(date)
    };
    WorkingDates {
        items_due: before(body.items_due_days),
        agenda_out: before(body.agenda_sent_days),
    }
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
            })
            .has_file = true;
    }
    for mv in archive.plans.iter().flat_map(|p| &p.moves) {
        if let Some(s) = by_id.get_mut(&mv.meeting) {
            match mv.to {
                Some(to) => s.date = to,
                None => s.move_pending = true,
            }
        }
    }
    let mut all: Vec<Scheduled> = by_id.into_values().collect();
    all.sort_by(|a, b| (a.date, &a.id).cmp(&(b.date, &b.id)));
    all
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
        assert_eq!(dates.items_due, d(2018, 1, 19));
        assert_eq!(dates.agenda_out, d(2018, 2, 2));
        let (fu, fu_meeting, _) = &next[1];
        assert_eq!(fu.id.as_str(), "fu");
        assert_eq!(fu_meeting.date, d(2018, 1, 24));
    }
}
