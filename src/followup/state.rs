//! Where a follow-up stands as of a given day: overdue, due soon, waiting, done, …
//!
//! Pure: `today` and the dates of meetings and events are passed in.

use chrono::{Days, NaiveDate};

use crate::model::followup::yearly_instance;
use crate::model::{Due, Followup, FollowupStatus, MeetingId};

/// How many days ahead counts as "due soon".
pub const DUE_SOON_DAYS: u64 = 14;

/// A follow-up's state as of a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FollowupState {
    /// Its due date has passed and it is not closed.
    Overdue,
    /// A count trigger has reached its count: it is due now.
    Triggered,
    /// Due within [`DUE_SOON_DAYS`] days.
    DueSoon,
    /// Due later than that.
    Later,
    /// Has no date yet: a count not reached, or "report back when there is news".
    Waiting,
    /// On the agenda of a meeting that has been held (an item there `answers` it), but not
    /// closed: it came back, and staff close it (done) or give it a new due.
    Answered,
    /// Proposed by the importer, not yet accepted: nothing is due until staff accept it.
    Suggested,
    Done,
    Cancelled,
}

impl FollowupState {
    pub fn key(self) -> &'static str {
        match self {
            FollowupState::Overdue => "overdue",
            FollowupState::Triggered => "triggered",
            FollowupState::DueSoon => "due",
            FollowupState::Later => "later",
            FollowupState::Waiting => "waiting",
            FollowupState::Answered => "answered",
            FollowupState::Suggested => "suggested",
            FollowupState::Done => "done",
            FollowupState::Cancelled => "cancelled",
        }
    }

    /// Whether staff must act on it now (overdue, triggered or due soon).
    pub fn needs_attention(self) -> bool {
        matches!(
            self,
            FollowupState::Overdue | FollowupState::Triggered | FollowupState::DueSoon
        )
    }
}

/// A follow-up's state and the date it is due by, where it has one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Assessment {
    pub state: FollowupState,
    pub due_by: Option<NaiveDate>,
}

/// The date a due falls on, where it has one of its own. `meeting_date` and `event_date`
/// look up the (possibly moved) date of a meeting and the first day of a calendar event.
/// A yearly due has a date per year (see [`assess_instance`]); a count and a report-back
/// have none.
pub fn due_by(
    due: &Due,
    meeting_date: impl Fn(&MeetingId) -> Option<NaiveDate>,
    event_date: impl Fn(&str) -> Option<NaiveDate>,
) -> Option<NaiveDate> {
    match due {
        Due::Date(d) => Some(*d),
        Due::Relative { from, offset } => offset.add_to(*from),
        Due::Period(p) => p.due_by(),
        Due::Meeting(id) => meeting_date(id).or(Some(id.date)),
        Due::Event(id) => event_date(id),
        Due::Yearly { .. } | Due::Count { .. } | Due::ReportBack => None,
    }
}

/// The state of an open follow-up due by `due` (if it has a date) as of `today`.
fn open_state(due: Option<NaiveDate>, today: NaiveDate) -> FollowupState {
    match due {
        None => FollowupState::Waiting,
        Some(d) if d < today => FollowupState::Overdue,
        Some(d) if (d - today).num_days() <= DUE_SOON_DAYS as i64 => FollowupState::DueSoon,
        Some(_) => FollowupState::Later,
    }
}

fn closed_state(status: FollowupStatus) -> Option<FollowupState> {
    match status {
        FollowupStatus::Open => None,
        FollowupStatus::Done => Some(FollowupState::Done),
        FollowupStatus::Cancelled => Some(FollowupState::Cancelled),
    }
}

/// The date a count trigger was reached: the day of the run that made up the count.
pub fn triggered_on(followup: &Followup) -> Option<NaiveDate> {
    let (_, needed) = followup.progress()?;
    let runs = followup.runs_by_date();
    runs.get((needed as usize).checked_sub(1)?).map(|r| r.date)
}

/// A follow-up's state as of `today`. A yearly due is judged by its most pressing instance
/// (the earliest still open, see [`instance_years`]); the screens list each instance.
pub fn assess(
    followup: &Followup,
    today: NaiveDate,
    meeting_date: impl Fn(&MeetingId) -> Option<NaiveDate>,
    event_date: impl Fn(&str) -> Option<NaiveDate>,
) -> Assessment {
    if followup.suggested {
        return Assessment {
            state: FollowupState::Suggested,
            due_by: due_by(&followup.due, meeting_date, event_date),
        };
    }
    if matches!(followup.due, Due::Yearly { .. }) {
        let years = instance_years(followup, today);
        let all: Vec<Assessment> = years
            .iter()
            .map(|y| assess_instance(followup, *y, today))
            .collect();
        return all
            .iter()
            .find(|a| !matches!(a.state, FollowupState::Done | FollowupState::Cancelled))
            .or(all.last())
            .copied()
            .unwrap_or(Assessment {
                state: closed_state(followup.status).unwrap_or(FollowupState::Waiting),
                due_by: None,
            });
    }
    if let Some(state) = closed_state(followup.status) {
        let due = due_by(&followup.due, meeting_date, event_date);
        return Assessment { state, due_by: due };
    }
    if let Due::Count { count, .. } = followup.due {
        return match triggered_on(followup) {
            Some(on) if followup.runs.len() as u32 >= count => Assessment {
                state: FollowupState::Triggered,
                due_by: Some(on),
            },
            _ => Assessment {
                state: FollowupState::Waiting,
                due_by: None,
            },
        };
    }
    let due = due_by(&followup.due, meeting_date, event_date);
    Assessment {
        state: open_state(due, today),
        due_by: due,
    }
}

/// The years of a yearly follow-up worth listing as of `today`: every year from the first
/// whose date is on or before the "due soon" horizon (so unreported years stay visible as
/// overdue), the next year to come, and any year with a record of its own.
pub fn instance_years(followup: &Followup, today: NaiveDate) -> Vec<i32> {
    let Due::Yearly {
        from_year,
        until_year,
        ..
    } = followup.due
    else {
        return Vec::new();
    };
    let horizon = today
        .checked_add_days(Days::new(DUE_SOON_DAYS))
        .unwrap_or(today);
    let last = until_year.unwrap_or(i32::MAX);
    let mut years = Vec::new();
    let mut year = from_year;
    while year <= last {
        let Some(date) = instance_date(followup, year) else {
            break;
        };
        years.push(year);
        if date > horizon {
            break;
        }
        year += 1;
    }
    for i in &followup.instances {
        if !years.contains(&i.year) && i.year >= from_year && i.year <= last {
            years.push(i.year);
        }
    }
    years.sort_unstable();
    years
}

/// The date of a yearly follow-up's instance in `year`: moved, or the series' date.
pub fn instance_date(followup: &Followup, year: i32) -> Option<NaiveDate> {
    followup
        .instance(year)
        .and_then(|i| i.due)
        .or_else(|| yearly_instance(&followup.due, year))
}

/// Where one year's instance of a yearly follow-up stands. A cancelled or finished series
/// closes the years that were not closed on their own.
pub fn assess_instance(followup: &Followup, year: i32, today: NaiveDate) -> Assessment {
    let due = instance_date(followup, year);
    let own = followup.instance(year).map(|i| i.status);
    let status = match own {
        Some(s) if s != FollowupStatus::Open => s,
        _ => followup.status,
    };
    let state = closed_state(status).unwrap_or_else(|| open_state(due, today));
    Assessment { state, due_by: due }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Offset, Run};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn followup(due: Due) -> Followup {
        Followup {
            id: "x".into(),
            what: "x".into(),
            owner: None,
            reports_to: None,
            due,
            status: FollowupStatus::Open,
            runs: vec![],
            closed_by: None,
            closed_on: None,
            note: String::new(),
            reason: String::new(),
            rescheduled: vec![],
            instances: vec![],
            origin: None,
            source: None,
            suggested: false,
            quote: String::new(),
        }
    }

    fn state(f: &Followup, today: NaiveDate) -> FollowupState {
        assess(f, today, |_| None, |_| None).state
    }

    #[test]
    fn a_date_is_overdue_after_it_and_due_soon_within_fourteen_days() {
        let f = followup(Due::Date(d(2017, 9, 18)));
        assert_eq!(state(&f, d(2017, 9, 20)), FollowupState::Overdue);
        assert_eq!(state(&f, d(2017, 9, 18)), FollowupState::DueSoon);
        assert_eq!(state(&f, d(2017, 9, 4)), FollowupState::DueSoon);
        assert_eq!(state(&f, d(2017, 9, 3)), FollowupState::Later);
    }

    #[test]
    fn a_count_waits_until_reached_then_is_triggered() {
        let mut f = followup(Due::Count {
            count: 2,
            unit: "forløb".into(),
        });
        assert_eq!(state(&f, d(2017, 9, 20)), FollowupState::Waiting);
        f.runs.push(Run {
            date: d(2018, 1, 10),
            note: String::new(),
        });
        assert_eq!(state(&f, d(2018, 2, 1)), FollowupState::Waiting);
        f.runs.push(Run {
            date: d(2018, 5, 10),
            note: String::new(),
        });
        assert_eq!(state(&f, d(2018, 6, 1)), FollowupState::Triggered);
    }

    #[test]
    fn closed_follow_ups_are_done_or_cancelled_whatever_the_date() {
        let mut f = followup(Due::Date(d(2017, 9, 18)));
        f.status = FollowupStatus::Done;
        assert_eq!(state(&f, d(2020, 1, 1)), FollowupState::Done);
        f.status = FollowupStatus::Cancelled;
        assert_eq!(state(&f, d(2020, 1, 1)), FollowupState::Cancelled);
    }

    #[test]
    fn a_suggestion_is_never_due_until_accepted() {
        let mut f = followup(Due::Date(d(2017, 9, 18)));
        f.suggested = true;
        let a = assess(&f, d(2020, 1, 1), |_| None, |_| None);
        assert_eq!(a.state, FollowupState::Suggested);
        assert_eq!(a.due_by, Some(d(2017, 9, 18)));
        assert!(!a.state.needs_attention());
        f.suggested = false;
        assert_eq!(state(&f, d(2020, 1, 1)), FollowupState::Overdue);
    }

    #[test]
    fn a_relative_due_counts_from_its_anchor() {
        let f = followup(Due::Relative {
            from: d(2017, 9, 8),
            offset: Offset::Months(1),
        });
        let a = assess(&f, d(2017, 10, 9), |_| None, |_| None);
        assert_eq!(a.due_by, Some(d(2017, 10, 8)));
        assert_eq!(a.state, FollowupState::Overdue);
    }

    #[test]
    fn a_meeting_due_follows_the_meetings_moved_date() {
        let id: crate::model::MeetingId = "2017-11-16-sdf".parse().unwrap();
        let f = followup(Due::Meeting(id));
        let moved = assess(&f, d(2017, 11, 3), |_| Some(d(2017, 12, 1)), |_| None);
        assert_eq!(moved.due_by, Some(d(2017, 12, 1)));
        assert_eq!(moved.state, FollowupState::Later);
        let as_planned = assess(&f, d(2017, 11, 3), |_| None, |_| None);
        assert_eq!(as_planned.state, FollowupState::DueSoon);
    }

    fn yearly(month: u32, day: u32) -> Followup {
        followup(Due::Yearly {
            month,
            day,
            from_year: 2018,
            until_year: None,
        })
    }

    #[test]
    fn each_years_instance_of_a_yearly_due_stands_on_its_own() {
        let may = yearly(5, 1);
        let nov = yearly(11, 1);
        let may2 = d(2018, 5, 2);
        assert_eq!(instance_years(&may, may2), vec![2018, 2019]);
        assert_eq!(instance_years(&nov, may2), vec![2018]);
        let a = assess_instance(&may, 2018, may2);
        assert_eq!(
            (a.state, a.due_by),
            (FollowupState::Overdue, Some(d(2018, 5, 1)))
        );
        assert_eq!(
            assess_instance(&may, 2019, may2).state,
            FollowupState::Later
        );
        assert_eq!(
            assess_instance(&nov, 2018, may2).state,
            FollowupState::Later
        );
        assert_eq!(
            assess_instance(&nov, 2018, d(2018, 10, 20)).state,
            FollowupState::DueSoon
        );
        // The whole series is judged by its most pressing open year.
        assert_eq!(assess(&may, may2, |_| None, |_| None), a);
    }

    #[test]
    fn a_closed_year_does_not_close_the_next() {
        let mut may = yearly(5, 1);
        may.instances.push(crate::model::Instance {
            year: 2018,
            status: FollowupStatus::Done,
            due: None,
            reason: String::new(),
            closed_by: None,
            closed_on: Some(d(2018, 4, 28)),
        });
        let today = d(2019, 5, 3);
        assert_eq!(instance_years(&may, today), vec![2018, 2019, 2020]);
        assert_eq!(
            assess_instance(&may, 2018, today).state,
            FollowupState::Done
        );
        assert_eq!(
            assess_instance(&may, 2019, today).state,
            FollowupState::Overdue
        );
        assert_eq!(
            assess(&may, today, |_| None, |_| None).due_by,
            Some(d(2019, 5, 1))
        );
    }

    #[test]
    fn a_moved_year_is_due_on_its_new_date() {
        let mut may = yearly(5, 1);
        may.instances.push(crate::model::Instance {
            year: 2018,
            status: FollowupStatus::Open,
            due: Some(d(2018, 5, 8)),
            reason: "Fristen forlænget".into(),
            closed_by: None,
            closed_on: None,
        });
        let a = assess_instance(&may, 2018, d(2018, 5, 2));
        assert_eq!(
            (a.state, a.due_by),
            (FollowupState::DueSoon, Some(d(2018, 5, 8)))
        );
    }

    #[test]
    fn a_yearly_due_before_its_first_year_shows_the_first_instance() {
        let may = yearly(5, 1);
        assert_eq!(instance_years(&may, d(2017, 9, 20)), vec![2018]);
        assert_eq!(
            assess(&may, d(2017, 9, 20), |_| None, |_| None).due_by,
            Some(d(2018, 5, 1))
        );
    }

    #[test]
    fn a_yearly_due_ends_with_its_last_year() {
        let mut may = yearly(5, 1);
        may.due = Due::Yearly {
            month: 5,
            day: 1,
            from_year: 2018,
            until_year: Some(2019),
        };
        assert_eq!(instance_years(&may, d(2025, 1, 1)), vec![2018, 2019]);
    }

    #[test]
    fn a_period_is_due_by_its_defined_last_day() {
        let f = followup(Due::Period("medio 2018".parse().unwrap()));
        let a = assess(&f, d(2018, 7, 1), |_| None, |_| None);
        assert_eq!(
            (a.state, a.due_by),
            (FollowupState::Overdue, Some(d(2018, 6, 30)))
        );
        assert_eq!(state(&f, d(2018, 6, 20)), FollowupState::DueSoon);
    }

    #[test]
    fn an_event_due_is_due_on_the_events_first_day() {
        let f = followup(Due::Event("doegnseminar-2017".into()));
        let a = assess(&f, d(2017, 11, 10), |_| None, |_| Some(d(2017, 11, 16)));
        assert_eq!(
            (a.state, a.due_by),
            (FollowupState::DueSoon, Some(d(2017, 11, 16)))
        );
        // An event the archive does not know has no date: it waits.
        assert_eq!(state(&f, d(2017, 11, 10)), FollowupState::Waiting);
    }

    #[test]
    fn a_count_is_due_from_the_day_of_the_run_that_reached_it() {
        let mut f = followup(Due::Count {
            count: 2,
            unit: "forløb".into(),
        });
        for (date, note) in [
            (d(2018, 3, 1), "2"),
            (d(2017, 11, 1), "1"),
            (d(2018, 6, 1), "3"),
        ] {
            f.runs.push(Run {
                date,
                note: note.into(),
            });
        }
        let a = assess(&f, d(2018, 7, 1), |_| None, |_| None);
        assert_eq!(
            (a.state, a.due_by),
            (FollowupState::Triggered, Some(d(2018, 3, 1)))
        );
    }

    #[test]
    fn report_back_waits() {
        assert_eq!(
            state(&followup(Due::ReportBack), d(2030, 1, 1)),
            FollowupState::Waiting
        );
    }
}
