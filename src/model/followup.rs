//! Follow-ups (*opfølgning*): what a decision set in motion, and when it is due.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, Days, Months, NaiveDate};

use super::ids::{BodyId, ItemRef, MeetingId};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum FollowupStatus {
    Open,
    Done,
    Cancelled,
}

impl FollowupStatus {
    pub const ALL: [FollowupStatus; 3] = [
        FollowupStatus::Open,
        FollowupStatus::Done,
        FollowupStatus::Cancelled,
    ];

    pub fn key(self) -> &'static str {
        match self {
            FollowupStatus::Open => "open",
            FollowupStatus::Done => "done",
            FollowupStatus::Cancelled => "cancelled",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.key() == key)
    }
}

/// A span of time added to an anchor date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Offset {
    Days(u32),
    Weeks(u32),
    Months(u32),
}

impl Offset {
    pub fn add_to(self, date: NaiveDate) -> Option<NaiveDate> {
        match self {
            Offset::Days(n) => date.checked_add_days(Days::new(n.into())),
            Offset::Weeks(n) => date.checked_add_days(Days::new(u64::from(n) * 7)),
            Offset::Months(n) => date.checked_add_months(Months::new(n)),
        }
    }
}

/// Which part of a year or month a vague period names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum PeriodPart {
    /// *primo*: the beginning.
    Early,
    /// *medio*: the middle.
    Mid,
    /// *ultimo*: the end.
    Late,
    /// A quarter of the year, 1–4.
    Quarter(u8),
}

/// A vague period as staff write it: "medio 2018", "ultimo januar 2018", "3. kvartal 2018".
///
/// Each has a defined latest date, so a vague follow-up can still become overdue:
///
/// | period            | due by                 |
/// |-------------------|------------------------|
/// | primo YYYY        | 31 March               |
/// | medio YYYY        | 30 June                |
/// | ultimo YYYY       | 31 December            |
/// | N. kvartal YYYY   | last day of quarter N  |
/// | primo MONTH YYYY  | the 10th               |
/// | medio MONTH YYYY  | the 20th               |
/// | ultimo MONTH YYYY | last day of the month  |
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct VaguePeriod {
    pub part: PeriodPart,
    pub year: i32,
    /// 1–12 when the period is within one month.
    pub month: Option<u32>,
}

/// The Danish month names, January first.
pub const MONTHS_DA: [&str; 12] = [
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
];

fn last_day_of_month(year: i32, month: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, 1)?
        .checked_add_months(Months::new(1))?
        .pred_opt()
}

impl VaguePeriod {
    /// The latest date the period covers: the follow-up is overdue after it.
    pub fn due_by(&self) -> Option<NaiveDate> {
        let y = self.year;
        match (self.part, self.month) {
            (PeriodPart::Early, None) => NaiveDate::from_ymd_opt(y, 3, 31),
            (PeriodPart::Mid, None) => NaiveDate::from_ymd_opt(y, 6, 30),
            (PeriodPart::Late, None) => NaiveDate::from_ymd_opt(y, 12, 31),
            (PeriodPart::Quarter(q), _) => last_day_of_month(y, u32::from(q) * 3),
            (PeriodPart::Early, Some(m)) => NaiveDate::from_ymd_opt(y, m, 10),
            (PeriodPart::Mid, Some(m)) => NaiveDate::from_ymd_opt(y, m, 20),
            (PeriodPart::Late, Some(m)) => last_day_of_month(y, m),
        }
    }
}

impl fmt::Display for VaguePeriod {
    /// The canonical Danish spelling, which is also what the file holds.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let part = match self.part {
            PeriodPart::Quarter(q) => return write!(f, "{q}. kvartal {}", self.year),
            PeriodPart::Early => "primo",
            PeriodPart::Mid => "medio",
            PeriodPart::Late => "ultimo",
        };
        match self.month {
            Some(m) => write!(f, "{part} {} {}", MONTHS_DA[m as usize - 1], self.year),
            None => write!(f, "{part} {}", self.year),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "`{0}` is not a period: write e.g. \"primo 2018\", \"medio 2018\", \"ultimo januar 2018\" or \"3. kvartal 2018\""
)]
pub struct PeriodError(String);

impl PeriodError {
    /// The message in Danish and English.
    pub fn said(&self) -> crate::lang::Said {
        crate::said!(
            "`{}` er ikke en periode: skriv fx \"primo 2018\", \"medio 2018\", \"ultimo januar 2018\" eller \"3. kvartal 2018\"", self.0;
            "{}", self
        )
    }
}

impl FromStr for VaguePeriod {
    type Err = PeriodError;
    fn from_str(s: &str) -> Result<Self, PeriodError> {
        let err = || PeriodError(s.to_owned());
        let lower = s.trim().to_lowercase();
        let words: Vec<&str> = lower.split_whitespace().collect();
        let year: i32 = words.last().and_then(|y| y.parse().ok()).ok_or_else(err)?;
        let (part, month) = match words.as_slice() {
            [q, "kvartal", _] | [q, "kvt.", _] => {
                let q: u8 = q.trim_end_matches('.').parse().map_err(|_| err())?;
                if !(1..=4).contains(&q) {
                    return Err(err());
                }
                (PeriodPart::Quarter(q), None)
            }
            [q, _] if q.starts_with('q') => {
                let q: u8 = q[1..].parse().map_err(|_| err())?;
                if !(1..=4).contains(&q) {
                    return Err(err());
                }
                (PeriodPart::Quarter(q), None)
            }
            [part, rest @ ..] if rest.len() <= 2 => {
                let part = match *part {
                    "primo" => PeriodPart::Early,
                    "medio" => PeriodPart::Mid,
                    "ultimo" => PeriodPart::Late,
                    _ => return Err(err()),
                };
                let month = match rest {
                    [_year] => None,
                    [month, _year] => {
                        Some(MONTHS_DA.iter().position(|m| m == month).ok_or_else(err)? as u32 + 1)
                    }
                    _ => return Err(err()),
                };
                (part, month)
            }
            _ => return Err(err()),
        };
        Ok(VaguePeriod { part, year, month })
    }
}

/// When a follow-up is due. Every kind of due the forum's decisions produce.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Due {
    /// A fixed date: "senest mandag den 18. september 2017".
    Date(NaiveDate),
    /// A span after an anchor date: "inden for en måned".
    Relative { from: NaiveDate, offset: Offset },
    /// "medio 2018", "i slutningen af 2018".
    Period(VaguePeriod),
    /// Must be on the agenda of this meeting.
    Meeting(MeetingId),
    /// Tied to an event in the calendar (a seminar), by the event's id.
    Event(String),
    /// Due once `count` runs of something have been held ("efter to forløb").
    Count { count: u32, unit: String },
    /// The same date every year, from `from_year` (and until `until_year`, if set).
    Yearly {
        month: u32,
        day: u32,
        from_year: i32,
        until_year: Option<i32>,
    },
    /// Report back to the body when there is something to report; no date.
    ReportBack,
}

impl Due {
    /// The `kind` written in the file.
    pub fn kind_key(&self) -> &'static str {
        match self {
            Due::Date(_) => "date",
            Due::Relative { .. } => "relative",
            Due::Period(_) => "period",
            Due::Meeting(_) => "meeting",
            Due::Event(_) => "event",
            Due::Count { .. } => "count",
            Due::Yearly { .. } => "yearly",
            Due::ReportBack => "report-back",
        }
    }
}

/// One logged run for a count trigger (e.g. one course run held).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Run {
    pub date: NaiveDate,
    pub note: String,
}

/// A due that was changed, with why: the old due is kept so nobody wonders where a
/// deadline went ("medio 2018" given an exact date, a deadline moved by a week).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Reschedule {
    /// When the change was recorded.
    pub on: NaiveDate,
    /// The due before the change.
    pub was: Due,
    pub reason: String,
}

/// One year's instance of a yearly deadline that has been closed or moved on its own. Years
/// without a record are open at the series' date.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Instance {
    pub year: i32,
    pub status: FollowupStatus,
    /// This year's date when moved from the series' date.
    pub due: Option<NaiveDate>,
    /// Why it was moved or cancelled.
    pub reason: String,
    pub closed_by: Option<ItemRef>,
    pub closed_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Followup {
    /// Unique across the archive; typable.
    pub id: String,
    pub what: String,
    pub owner: Option<String>,
    pub reports_to: Option<BodyId>,
    pub due: Due,
    pub status: FollowupStatus,
    pub runs: Vec<Run>,
    /// The meeting item that closed it.
    pub closed_by: Option<ItemRef>,
    pub closed_on: Option<NaiveDate>,
    pub note: String,
    /// Why it was cancelled.
    pub reason: String,
    /// Earlier dues, oldest first.
    pub rescheduled: Vec<Reschedule>,
    /// For a yearly due: the years closed or moved on their own.
    pub instances: Vec<Instance>,
    /// The decision it came from; `None` for deadlines from the calendar.
    pub origin: Option<ItemRef>,
    /// Where it came from when not a decision (e.g. "Rammeaftale 2018").
    pub source: Option<String>,
    /// Proposed by the importer from the minutes' wording, not yet accepted by staff: not
    /// due, not listed as open, until accepted on the Opfølgning screen.
    pub suggested: bool,
    /// The sentence of the minutes it came from, where it was read from one.
    pub quote: String,
}

impl Followup {
    /// A count trigger's progress: (runs held, runs needed).
    pub fn progress(&self) -> Option<(u32, u32)> {
        match &self.due {
            Due::Count { count, .. } => Some((self.runs.len() as u32, *count)),
            _ => None,
        }
    }

    /// The record of one year of a yearly due, if that year was closed or moved.
    pub fn instance(&self, year: i32) -> Option<&Instance> {
        self.instances.iter().find(|i| i.year == year)
    }

    /// The runs in date order.
    pub fn runs_by_date(&self) -> Vec<&Run> {
        let mut runs: Vec<&Run> = self.runs.iter().collect();
        runs.sort_by_key(|r| r.date);
        runs
    }
}

/// The months' Danish names, lowercase, January first.
pub fn danish_month_name(month: u32) -> &'static str {
    MONTHS_DA[(month as usize).clamp(1, 12) - 1]
}

/// Whether `year` has a `month`/`day` date (29 February only in leap years).
pub fn valid_month_day(month: u32, day: u32) -> bool {
    NaiveDate::from_ymd_opt(2000, month, day).is_some()
}

/// The yearly due's date in `year`, if it falls in the recurrence's range.
pub fn yearly_instance(due: &Due, year: i32) -> Option<NaiveDate> {
    match *due {
        Due::Yearly {
            month,
            day,
            from_year,
            until_year,
        } if year >= from_year && until_year.is_none_or(|u| year <= u) => {
            NaiveDate::from_ymd_opt(year, month, day).or_else(|| {
                // 29 February in a common year falls on the 28th.
                NaiveDate::from_ymd_opt(year, month, 1)
                    .and_then(|d| last_day_of_month(d.year(), d.month()))
            })
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn vague_periods_have_defined_due_dates() {
        let cases = [
            ("primo 2018", d(2018, 3, 31)),
            ("medio 2018", d(2018, 6, 30)),
            ("ultimo 2018", d(2018, 12, 31)),
            ("Ultimo januar 2018", d(2018, 1, 31)),
            ("medio februar 2020", d(2020, 2, 20)),
            ("primo marts 2019", d(2019, 3, 10)),
            ("ultimo februar 2020", d(2020, 2, 29)),
            ("3. kvartal 2018", d(2018, 9, 30)),
            ("Q1 2019", d(2019, 3, 31)),
        ];
        for (text, due) in cases {
            let p: VaguePeriod = text.parse().unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(p.due_by(), Some(due), "{text}");
        }
    }

    #[test]
    fn vague_periods_print_canonically() {
        let p: VaguePeriod = "Ultimo  Januar 2018".parse().unwrap();
        assert_eq!(p.to_string(), "ultimo januar 2018");
        let q: VaguePeriod = "Q3 2018".parse().unwrap();
        assert_eq!(q.to_string(), "3. kvartal 2018");
    }

    #[test]
    fn nonsense_periods_are_rejected() {
        for bad in [
            "",
            "2018",
            "snart",
            "medio",
            "5. kvartal 2018",
            "ultimo smarts 2018",
            "medio 2018 2019 x",
        ] {
            assert!(bad.parse::<VaguePeriod>().is_err(), "{bad:?}");
        }
    }

    #[test]
    fn offsets_add_calendar_units() {
        assert_eq!(
            Offset::Months(1).add_to(d(2017, 9, 8)),
            Some(d(2017, 10, 8))
        );
        assert_eq!(
            Offset::Months(1).add_to(d(2018, 1, 31)),
            Some(d(2018, 2, 28))
        );
        assert_eq!(Offset::Weeks(2).add_to(d(2017, 9, 8)), Some(d(2017, 9, 22)));
        assert_eq!(Offset::Days(10).add_to(d(2017, 9, 8)), Some(d(2017, 9, 18)));
    }

    #[test]
    fn yearly_instances_respect_their_range() {
        let due = Due::Yearly {
            month: 5,
            day: 1,
            from_year: 2018,
            until_year: Some(2019),
        };
        assert_eq!(yearly_instance(&due, 2017), None);
        assert_eq!(yearly_instance(&due, 2018), Some(d(2018, 5, 1)));
        assert_eq!(yearly_instance(&due, 2019), Some(d(2019, 5, 1)));
        assert_eq!(yearly_instance(&due, 2020), None);
        let leap = Due::Yearly {
            month: 2,
            day: 29,
            from_year: 2020,
            until_year: None,
        };
        assert_eq!(yearly_instance(&leap, 2021), Some(d(2021, 2, 28)));
    }
}
