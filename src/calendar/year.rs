//! One year of the calendar as the screens and exports show it: the meetings held in it,
//! the preparing pairs, seminars, outside dates, moves with their history, follow-up dues
//! and deadlines, days off, and the checks' findings.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};

use super::checks::{Finding, check};
use super::holidays::{Holiday, holidays};
use super::pairs::{Pair, pairs};
use super::{Scheduled, meeting_date};
use crate::archive::Archive;
use crate::followup::{FollowupState, assess, assess_instance, instance_date};
use crate::model::{CalendarEvent, Due, ExternalDate, ItemRef, MeetingId};

/// One decided change of a meeting's date, with the date it moved from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MoveRecord {
    /// The meeting as planned (its id stays through every move).
    pub meeting: MeetingId,
    pub from: NaiveDate,
    /// `None` while the new date is not set.
    pub to: Option<NaiveDate>,
    pub reason: String,
    pub decided_by: Option<ItemRef>,
}

/// Every move in the archive, per meeting in the order decided, each from the date the
/// one before it set.
pub fn move_history(archive: &Archive) -> Vec<MoveRecord> {
    let mut current: HashMap<&MeetingId, NaiveDate> = HashMap::new();
    let mut out = Vec::new();
    for mv in archive.plans.iter().flat_map(|p| &p.moves) {
        let from = *current.get(&mv.meeting).unwrap_or(&mv.meeting.date);
        if let Some(to) = mv.to {
            current.insert(&mv.meeting, to);
        }
        out.push(MoveRecord {
            meeting: mv.meeting.clone(),
            from,
            to: mv.to,
            reason: mv.reason.clone(),
            decided_by: mv.decided_by.clone(),
        });
    }
    out
}

/// How many times a meeting has moved to a new date: its iCalendar SEQUENCE.
pub fn times_moved(archive: &Archive, id: &MeetingId) -> u32 {
    archive
        .plans
        .iter()
        .flat_map(|p| &p.moves)
        .filter(|m| &m.meeting == id && m.to.is_some())
        .count() as u32
}

/// A follow-up's due on a day: a decision's deadline or a recurring deadline of a plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueMark {
    pub date: NaiveDate,
    pub id: String,
    /// For a yearly deadline: the year.
    pub year: Option<i32>,
    pub what: String,
    pub state: FollowupState,
}

/// The dues of every follow-up that fall in `year`, in date order. A suggestion has no due
/// until it is accepted.
pub fn dues(
    archive: &Archive,
    schedule: &[Scheduled],
    year: i32,
    today: NaiveDate,
) -> Vec<DueMark> {
    let meeting = |id: &MeetingId| meeting_date(schedule, id);
    let event = |id: &str| archive.event(id).map(|e| e.start_date);
    let mut out: Vec<DueMark> = archive
        .followups()
        .filter(|f| !f.suggested)
        .filter_map(|f| {
            let (date, state, y) = if let Due::Yearly { .. } = f.due {
                let date = instance_date(f, year)?;
                (date, assess_instance(f, year, today).state, Some(year))
            } else {
                let a = assess(f, today, meeting, event);
                (a.due_by?, a.state, None)
            };
            (date.year() == year).then(|| DueMark {
                date,
                id: f.id.clone(),
                year: y,
                what: f.what.clone(),
                state,
            })
        })
        .collect();
    out.sort_by(|a, b| (a.date, &a.id).cmp(&(b.date, &b.id)));
    out
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearOverview {
    pub year: i32,
    /// The meetings held in the year (moves applied), in date order.
    pub meetings: Vec<Scheduled>,
    /// Preparing meetings with the meeting they prepare, for pairs in the year.
    pub pairs: Vec<Pair>,
    pub events: Vec<CalendarEvent>,
    pub external: Vec<ExternalDate>,
    /// Moves from or to a day of the year.
    pub moves: Vec<MoveRecord>,
    pub dues: Vec<DueMark>,
    pub holidays: Vec<Holiday>,
    pub findings: Vec<Finding>,
}

impl YearOverview {
    /// Whether a meeting is the preparing or prepared half of a pair.
    pub fn in_pair(&self, id: &MeetingId) -> bool {
        self.pairs
            .iter()
            .any(|p| &p.prep.id == id || p.target.as_ref().is_some_and(|t| &t.id == id))
    }
}

pub fn overview(
    archive: &Archive,
    schedule: &[Scheduled],
    year: i32,
    today: NaiveDate,
) -> YearOverview {
    let in_year = |d: NaiveDate| d.year() == year;
    let all_pairs = pairs(archive, schedule);
    YearOverview {
        year,
        meetings: schedule
            .iter()
            .filter(|s| in_year(s.date))
            .cloned()
            .collect(),
        findings: check(archive, schedule, &all_pairs, Some(year..=year)),
        pairs: all_pairs.into_iter().filter(|p| p.year() == year).collect(),
        events: archive
            .plans
            .iter()
            .flat_map(|p| &p.events)
            .filter(|e| e.start_date.year() <= year && e.end_date.year() >= year)
            .cloned()
            .collect(),
        external: archive
            .plans
            .iter()
            .flat_map(|p| &p.external)
            .filter(|x| in_year(x.date))
            .cloned()
            .collect(),
        moves: move_history(archive)
            .into_iter()
            .filter(|m| in_year(m.from) || m.to.is_some_and(in_year))
            .collect(),
        dues: dues(archive, schedule, year, today),
        holidays: holidays(year),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::schedule;
    use std::path::Path;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn the_2018_overview_of_the_sample() {
        let archive =
            Archive::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("agendas")).unwrap();
        let all = schedule(&archive);
        let y = overview(&archive, &all, 2018, d(2018, 1, 1));
        assert_eq!(y.pairs.len(), 4);
        assert_eq!(y.moves.len(), 2);
        assert!(y.moves.iter().all(|m| m.to.is_none()));
        assert_eq!(
            y.meetings
                .iter()
                .find(|m| m.id.to_string() == "2018-05-02-sdf")
                .unwrap()
                .date
                .weekday(),
            chrono::Weekday::Wed
        );
        let dues: Vec<_> = y
            .dues
            .iter()
            .filter(|d| d.year.is_some())
            .map(|d| d.date)
            .collect();
        assert_eq!(dues, vec![d(2018, 5, 1), d(2018, 11, 1)]);
        assert!(y.findings.is_empty(), "{:?}", y.findings);
    }
}
