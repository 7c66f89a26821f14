//! The files as written: serde structs that mirror the TOML, with spans kept on every value
//! a later check may need to point at. `convert` turns these into domain values.
//!
//! Unknown keys are refused (`deny_unknown_fields`) so that a typo such as `titel` is reported
//! instead of silently ignored.

use serde::Deserialize;
use toml::Spanned;
use toml::value::Datetime;

pub type SDate = Spanned<Datetime>;
pub type SStr = Spanned<String>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawForum {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub secretariat: String,
    pub language: Option<SStr>,
    #[serde(default)]
    pub bodies: Vec<RawBody>,
    #[serde(default)]
    pub avoid_months: Vec<Spanned<u32>>,
    #[serde(default)]
    pub conflicts: Vec<RawConflict>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawBody {
    pub id: SStr,
    pub name: String,
    #[serde(default)]
    pub short: String,
    #[serde(default)]
    pub place: String,
    pub start: Option<SDate>,
    pub end: Option<SDate>,
    pub recommends_to: Option<SStr>,
    pub items_due_days: Option<u32>,
    pub agenda_sent_days: Option<u32>,
    pub min_gap_days: Option<u32>,
    pub meetings_per_year: Option<u32>,
    pub weekday: Option<SStr>,
    pub gap_days: Option<u32>,
    /// A new meeting starts with *Godkendelse af dagsorden*.
    #[serde(default)]
    pub agenda_approval: bool,
    /// Item numbers run on through the year from meeting to meeting (112, 113 …).
    #[serde(default)]
    pub running_numbers: bool,
    #[serde(default)]
    pub members: Vec<RawPerson>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPerson {
    pub name: String,
    pub organisation: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMeeting {
    pub body: SStr,
    pub title: String,
    pub date: SDate,
    pub weekday: Option<SStr>,
    pub start: Option<SDate>,
    pub end: Option<SDate>,
    pub place: Option<String>,
    pub published: Option<SDate>,
    pub agenda_published: Option<SDate>,
    pub source: Option<SStr>,
    /// Item numbers in the order they were taken.
    #[serde(default)]
    pub order: Vec<Spanned<RawNumber>>,
    pub status: SStr,
    pub prepares: Option<SStr>,
    /// The other bodies of a joint meeting.
    #[serde(default)]
    pub with: Vec<SStr>,
    #[serde(default)]
    pub attendance: RawAttendance,
    #[serde(default)]
    pub items: Vec<RawItem>,
    #[serde(default)]
    pub conflicts: Vec<RawConflict>,
}

/// A field two people changed two ways, recorded by the merge driver (`crate::merge`):
/// the field keeps one version, and both are here until the conflict is resolved.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawConflict {
    pub field: SStr,
    pub mine: Option<String>,
    pub theirs: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAttendance {
    #[serde(default)]
    pub participants: Vec<RawPerson>,
    #[serde(default)]
    pub apologies: Vec<RawPerson>,
    #[serde(default)]
    pub guests: Vec<RawPerson>,
    #[serde(default)]
    pub guest_apologies: Vec<RawPerson>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawItem {
    pub number: Spanned<RawNumber>,
    pub title: Option<SStr>,
    pub kind: Option<SStr>,
    #[serde(default)]
    pub closed: bool,
    pub presenter: Option<String>,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub background: String,
    pub case: Option<RawCase>,
    pub attendance: Option<RawItemAttendance>,
    pub recommendation: Option<RawRecommendation>,
    pub decision: Option<RawDecision>,
    #[serde(default)]
    pub attachments: Vec<RawAttachment>,
    #[serde(default)]
    pub tags: Vec<SStr>,
    #[serde(default)]
    pub refs: Vec<SStr>,
    #[serde(default)]
    pub followups: Vec<RawFollowup>,
    /// The follow-ups this item reports on (their ids).
    #[serde(default)]
    pub answers: Vec<SStr>,
}

/// `number = 3`, or a sub-item as printed: `number = "3a"`, `number = "3.1"`.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum RawNumber {
    Int(i64),
    Text(String),
}

impl RawNumber {
    /// The number it stands for, if it is one.
    pub fn item_no(&self) -> Option<crate::model::ItemNo> {
        match self {
            RawNumber::Int(n) => u32::try_from(*n).ok().map(Into::into),
            RawNumber::Text(t) => t.trim().parse().ok(),
        }
    }

    /// As written, for messages.
    pub fn written(&self) -> String {
        match self {
            RawNumber::Int(n) => n.to_string(),
            RawNumber::Text(t) => format!("\"{t}\""),
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCase {
    pub number: Option<String>,
    pub officer: Option<String>,
    #[serde(rename = "type")]
    pub case_type: Option<String>,
    pub authority: Option<String>,
    #[serde(default)]
    pub route: Vec<SStr>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawItemAttendance {
    #[serde(default)]
    pub absent: Vec<RawPerson>,
    #[serde(default)]
    pub guests: Vec<RawPerson>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRecommendation {
    pub by: Option<SStr>,
    #[serde(default)]
    pub lead: String,
    #[serde(default)]
    pub clauses: Vec<String>,
    pub style: Option<SStr>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDecision {
    pub heading: Option<String>,
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub clauses: Vec<RawClause>,
    #[serde(default)]
    pub remarks: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawClause {
    pub outcome: SStr,
    #[serde(default)]
    pub text: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAttachment {
    pub title: Option<String>,
    pub path: SStr,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFollowup {
    pub id: SStr,
    pub what: String,
    pub owner: Option<String>,
    pub reports_to: Option<SStr>,
    pub due: Spanned<RawDue>,
    pub status: Option<SStr>,
    #[serde(default)]
    pub runs: Vec<RawRun>,
    pub closed_by: Option<SStr>,
    pub closed_on: Option<SDate>,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub reason: String,
    #[serde(default)]
    pub rescheduled: Vec<RawReschedule>,
    #[serde(default)]
    pub instances: Vec<RawInstance>,
    pub source: Option<String>,
    #[serde(default)]
    pub suggested: bool,
    #[serde(default)]
    pub quote: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawReschedule {
    pub on: SDate,
    pub was: Spanned<RawDue>,
    #[serde(default)]
    pub reason: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawInstance {
    pub year: Spanned<i32>,
    pub status: Option<SStr>,
    pub due: Option<SDate>,
    #[serde(default)]
    pub reason: String,
    pub closed_by: Option<SStr>,
    pub closed_on: Option<SDate>,
}

/// Every kind of due in one table, told apart by `kind`; `convert` checks that each kind has
/// the keys it needs and no others, and says which.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDue {
    pub kind: SStr,
    pub date: Option<SDate>,
    pub from: Option<SDate>,
    pub days: Option<u32>,
    pub weeks: Option<u32>,
    pub months: Option<u32>,
    pub period: Option<SStr>,
    pub meeting: Option<SStr>,
    pub event: Option<SStr>,
    pub count: Option<u32>,
    pub unit: Option<String>,
    pub month: Option<u32>,
    pub day: Option<u32>,
    pub from_year: Option<i32>,
    pub until_year: Option<i32>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRun {
    pub date: SDate,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPlan {
    pub year: Spanned<i32>,
    pub decided_by: Option<SStr>,
    #[serde(default)]
    pub meetings: Vec<RawPlanned>,
    #[serde(default)]
    pub events: Vec<RawEvent>,
    #[serde(default)]
    pub external: Vec<RawExternal>,
    #[serde(default)]
    pub moves: Vec<RawMove>,
    #[serde(default)]
    pub removed: Vec<RawRemoved>,
    #[serde(default)]
    pub deadlines: Vec<RawFollowup>,
    #[serde(default)]
    pub conflicts: Vec<RawConflict>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPlanned {
    pub body: SStr,
    pub date: SDate,
    pub weekday: Option<SStr>,
    pub start: Option<SDate>,
    pub end: Option<SDate>,
    pub place: Option<String>,
    pub prepares: Option<SStr>,
    pub event: Option<SStr>,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub cancelled: bool,
    /// The other bodies of a joint meeting.
    #[serde(default)]
    pub with: Vec<SStr>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRemoved {
    pub meeting: SStr,
    pub sequence: Option<u32>,
    #[serde(default)]
    pub reason: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEvent {
    pub id: SStr,
    pub kind: SStr,
    pub title: String,
    pub body: Option<SStr>,
    pub date: SDate,
    pub end_date: Option<SDate>,
    pub start: Option<SDate>,
    pub end: Option<SDate>,
    #[serde(default)]
    pub place: String,
    #[serde(default)]
    pub theme: String,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawExternal {
    pub title: String,
    pub date: SDate,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMove {
    pub meeting: SStr,
    pub to: Option<SDate>,
    #[serde(default)]
    pub reason: String,
    pub decided_by: Option<SStr>,
}
