//! Where a follow-up stands as of a given day: overdue, due soon, waiting, done, …
//!
//! Pure: `today` and the dates of meetings and events are passed in.

use chrono::{Datelike, Days, NaiveDate};

use crate::model::followup::yearly_instance;
use crate::model::{Due, Followup, FollowupStatus};

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

/// The date a follow-up is due by, as of `today`. `meeting_date` and `event_date` look up the
/// (possibly moved) date of a meeting and the first day of a calendar event.
///
/// A yearly due has one instance per year; until instances can be closed one by one, the
/// instance that matters is the latest one on or before the "due soon" horizon.
pub fn due_by(
    due: &Due,
    today: NaiveDate,
    meeting_date: impl Fn(&crate::model::MeetingId) -> Option<NaiveDate>,
    event_date: impl Fn(&str) -> Option<NaiveDate>,
) -> Option<NaiveDate> {
    match due {
        Due::Date(d) => Some(*d),
        Due::Relative { from, offset } => offset.add_to(*from),
        Due::Period(p) => p.due_by(),
        Due::Meeting(id) => meeting_date(id).or(Some(id.date)),
        Due::Event(id) => event_date(id),
        Due::Yearly { .. } => {
            let horizon = today.checked_add_days(Days::new(DUE_SOON_DAYS))?;
            (horizon.year() - 1..=horizon.year())
                .rev()
                .filter_map(|y| yearly_instance(due, y))
                .find(|d| *d <= horizon)
                .or_else(|| {
                    // Not started yet: its first instance.
                    match due {
                        Due::Yearly { from_year, .. } => yearly_instance(due, *from_year),
                        _ => None,
                    }
                })
        }
        Due::Count { .. } | Due::ReportBack => None,
    }
}

/// A follow-up's state as of `today`.
pub fn assess(
    followup: &Followup,
    today: NaiveDate,
    meeting_date: impl Fn(&crate::model::MeetingId) -> Option<NaiveDate>,
    event_date: impl Fn(&str) -> Option<NaiveDate>,
) -> Assessment {
    let due = due_by(&followup.due, today, meeting_date, event_date);
    let state = match followup.status {
        FollowupStatus::Done => FollowupState::Done,
        FollowupStatus::Cancelled => FollowupState::Cancelled,
        FollowupStatus::Open => match (&followup.due, due) {
            (Due::Count { count, .. }, _) => {
                if followup.runs.len() as u32 >= *count {
                    FollowupState::Triggered
                } else {
                    FollowupState::Waiting
                }
            }
            (_, None) => FollowupState::Waiting,
            (_, Some(d)) if d < today => FollowupState::Overdue,
            (_, Some(d)) if (d - today).num_days() <= DUE_SOON_DAYS as i64 => {
                FollowupState::DueSoon
            }
            (_, Some(_)) => FollowupState::Later,
        },
    };
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
            origin: None,
            source: None,
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

    #[test]
    fn a_yearly_due_looks_at_this_years_instance() {
        let f = followup(Due::Yearly {
            month: 5,
            day: 1,
            from_year: 2018,
            until_year: None,
        });
        let may2 = assess(&f, d(2018, 5, 2), |_| None, |_| None);
        assert_eq!(may2.due_by, Some(d(2018, 5, 1)));
        assert_eq!(may2.state, FollowupState::Overdue);
        let nov = followup(Due::Yearly {
            month: 11,
            day: 1,
            from_year: 2018,
            until_year: None,
        });
        assert_eq!(state(&nov, d(2018, 5, 2)), FollowupState::Later);
        assert_eq!(state(&nov, d(2018, 10, 20)), FollowupState::DueSoon);
        // Before the first year: its first instance, not yet due.
        assert_eq!(
            assess(&f, d(2017, 9, 20), |_| None, |_| None).due_by,
            Some(d(2018, 5, 1))
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
