//! The yearly plan (*mødeplan*): planned meetings, seminars, external dates, moves and
//! recurring deadlines, from `calendar/YYYY.toml`.

use std::path::PathBuf;

use chrono::{NaiveDate, NaiveTime, Weekday};

use super::followup::Followup;
use super::ids::{BodyId, ItemRef, MeetingId};
use super::meeting::Party;

/// A meeting in the plan. It may exist before its meeting file does.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PlannedMeeting {
    pub body: BodyId,
    pub date: NaiveDate,
    /// The weekday as printed in the plan, checked against the date.
    pub weekday: Option<Weekday>,
    pub start: Option<NaiveTime>,
    pub end: Option<NaiveTime>,
    pub place: Option<String>,
    /// For a preparing body (FU): the meeting it prepares, when stated.
    pub prepares: Option<MeetingId>,
    /// The calendar event this meeting is part of (a seminar).
    pub event: Option<String>,
    pub note: String,
    /// *Aflyst*: kept in the plan, shown struck, CANCELLED in calendar programs.
    pub cancelled: bool,
    /// A joint meeting: the other bodies, of the archive or outside it (KKR, the region).
    pub with: Vec<Party>,
    /// Where the meeting's date stands in the plan file (1-based), for pointing at it.
    pub line: usize,
    pub column: usize,
}

impl PlannedMeeting {
    pub fn id(&self) -> MeetingId {
        MeetingId::new(self.date, self.body.clone())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum EventKind {
    /// *Døgnseminar*: usually two days.
    Seminar,
    /// *Temadag*.
    ThemeDay,
    Other,
}

impl EventKind {
    pub const ALL: [EventKind; 3] = [EventKind::Seminar, EventKind::ThemeDay, EventKind::Other];

    pub fn key(self) -> &'static str {
        match self {
            EventKind::Seminar => "seminar",
            EventKind::ThemeDay => "theme-day",
            EventKind::Other => "other",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.key() == key)
    }
}

/// A seminar or theme day; may span several days.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CalendarEvent {
    pub id: String,
    pub kind: EventKind,
    pub title: String,
    pub body: Option<BodyId>,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    pub start: Option<NaiveTime>,
    pub end: Option<NaiveTime>,
    pub place: String,
    pub theme: String,
    /// E.g. an alternative date ("alternativt 24. november").
    pub note: String,
}

/// A date outside the forum that plans depend on, e.g. a KKR meeting.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ExternalDate {
    pub title: String,
    pub date: NaiveDate,
    pub note: String,
}

/// A decided change of a meeting's date. Pending while no new date has been found.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Move {
    pub meeting: MeetingId,
    pub to: Option<NaiveDate>,
    pub reason: String,
    pub decided_by: Option<ItemRef>,
}

impl Move {
    pub fn is_pending(&self) -> bool {
        self.to.is_none()
    }
}

/// A meeting taken out of the plan. Calendar programs that imported it are told it is
/// cancelled, under the UID they know it by.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RemovedMeeting {
    pub meeting: MeetingId,
    /// The .ics SEQUENCE of its cancellation: above any it had while planned.
    pub sequence: u32,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct YearPlan {
    pub year: i32,
    /// The decision that adopted the plan.
    pub decided_by: Option<ItemRef>,
    pub meetings: Vec<PlannedMeeting>,
    pub events: Vec<CalendarEvent>,
    pub external: Vec<ExternalDate>,
    pub moves: Vec<Move>,
    pub removed: Vec<RemovedMeeting>,
    /// Deadlines that do not come from a decision, e.g. the framework agreement's
    /// occupancy reports.
    pub deadlines: Vec<Followup>,
    /// Relative to the archive root: `calendar/YYYY.toml`.
    pub file: PathBuf,
    /// A hash of the file's text as loaded, to tell whether it changed on disk since.
    pub source_hash: u64,
}
