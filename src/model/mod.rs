//! The pure domain: no files, no terminal, no clock.

pub mod calendar;
pub mod followup;
pub mod forum;
pub mod ids;
pub mod long_text;
pub mod meeting;
pub mod typed_date;

pub use calendar::{
    CalendarEvent, EventKind, ExternalDate, Move, PlannedMeeting, RemovedMeeting, YearPlan,
};
pub use followup::{
    Due, Followup, FollowupStatus, Instance, Offset, PeriodPart, Reschedule, Run, VaguePeriod,
};
pub use forum::{Body, Forum};
pub use ids::{BodyId, IdError, ItemNo, ItemNoError, ItemRef, MeetingId};
pub use long_text::LongText;
pub use meeting::{
    Attachment, Attendance, CaseData, ClauseDecision, ClauseStyle, Decision, Item, ItemAttendance,
    ItemKind, Meeting, MeetingStatus, Outcome, Party, Person, Recommendation, clause_letter,
    clause_marker,
};
