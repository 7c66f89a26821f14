//! Meetings, their items, recommendations and decisions: the shape of published minutes.

use std::path::PathBuf;

use chrono::{NaiveDate, NaiveTime};

use super::followup::Followup;
use super::ids::{BodyId, ItemRef, MeetingId};

/// Where a meeting is in its life, from plan to approved minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MeetingStatus {
    Planned,
    AgendaDraft,
    AgendaPublished,
    Held,
    MinutesDraft,
    MinutesApproved,
}

impl MeetingStatus {
    pub const ALL: [MeetingStatus; 6] = [
        MeetingStatus::Planned,
        MeetingStatus::AgendaDraft,
        MeetingStatus::AgendaPublished,
        MeetingStatus::Held,
        MeetingStatus::MinutesDraft,
        MeetingStatus::MinutesApproved,
    ];

    /// The spelling used in files and on the command line.
    pub fn key(self) -> &'static str {
        match self {
            MeetingStatus::Planned => "planned",
            MeetingStatus::AgendaDraft => "agenda-draft",
            MeetingStatus::AgendaPublished => "agenda-published",
            MeetingStatus::Held => "held",
            MeetingStatus::MinutesDraft => "minutes-draft",
            MeetingStatus::MinutesApproved => "minutes-approved",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.key() == key)
    }
}

/// What kind of agenda item this is; standing items have their own kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ItemKind {
    MinutesApproval,
    Decision,
    Discussion,
    Information,
    Announcements,
    AnyOtherBusiness,
    NextMeeting,
}

impl ItemKind {
    pub const ALL: [ItemKind; 7] = [
        ItemKind::MinutesApproval,
        ItemKind::Decision,
        ItemKind::Discussion,
        ItemKind::Information,
        ItemKind::Announcements,
        ItemKind::AnyOtherBusiness,
        ItemKind::NextMeeting,
    ];

    pub fn key(self) -> &'static str {
        match self {
            ItemKind::MinutesApproval => "minutes-approval",
            ItemKind::Decision => "decision",
            ItemKind::Discussion => "discussion",
            ItemKind::Information => "information",
            ItemKind::Announcements => "announcements",
            ItemKind::AnyOtherBusiness => "any-other-business",
            ItemKind::NextMeeting => "next-meeting",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.key() == key)
    }
}

/// The outcome of one recommendation clause.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Outcome {
    /// Approved as recommended.
    Approved,
    ApprovedWithChanges,
    Rejected,
    /// Taken note of (*taget til efterretning*).
    Noted,
    Discussed,
    Postponed,
    Withdrawn,
}

impl Outcome {
    pub const ALL: [Outcome; 7] = [
        Outcome::Approved,
        Outcome::ApprovedWithChanges,
        Outcome::Rejected,
        Outcome::Noted,
        Outcome::Discussed,
        Outcome::Postponed,
        Outcome::Withdrawn,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Outcome::Approved => "approved",
            Outcome::ApprovedWithChanges => "approved-with-changes",
            Outcome::Rejected => "rejected",
            Outcome::Noted => "noted",
            Outcome::Discussed => "discussed",
            Outcome::Postponed => "postponed",
            Outcome::Withdrawn => "withdrawn",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|o| o.key() == key)
    }

    /// Whether the body did something other than what it was asked to do. Taking note of
    /// an information item or discussing a discussion item is exactly what was asked.
    pub fn departs_from_recommendation(self) -> bool {
        !matches!(
            self,
            Outcome::Approved | Outcome::Noted | Outcome::Discussed
        )
    }
}

/// A person in the attendance list or a body's member list.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Person {
    pub name: String,
    pub organisation: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Attendance {
    pub participants: Vec<Person>,
    /// *Afbud*: members who sent apologies.
    pub apologies: Vec<Person>,
    pub guests: Vec<Person>,
    /// Guests who were expected (e.g. to present an item) but could not come.
    pub guest_apologies: Vec<Person>,
}

impl Attendance {
    pub fn is_empty(&self) -> bool {
        self.participants.is_empty()
            && self.apologies.is_empty()
            && self.guests.is_empty()
            && self.guest_apologies.is_empty()
    }
}

/// *Indstilling*: who recommends, the lead-in sentence and the ordered clauses.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Recommendation {
    /// The recommending body, when it is one of the forum's bodies.
    pub by: Option<BodyId>,
    /// The sentence before the clauses, e.g. "Forretningsudvalget indstiller, at Socialdirektørforum:".
    pub lead: String,
    pub clauses: Vec<String>,
}

/// The decision on one clause, paired with the recommendation clause at the same position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClauseDecision {
    pub outcome: Outcome,
    /// The decision as written in the minutes (Markdown).
    pub text: String,
}

/// *Beslutning*: per-clause outcomes, optional overall text and remarks.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Decision {
    /// Overall decision text, for decisions not written clause by clause (Markdown).
    pub text: String,
    pub clauses: Vec<ClauseDecision>,
    /// *Bemærkninger* recorded with the decision (Markdown).
    pub remarks: String,
}

impl Decision {
    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty() && self.clauses.is_empty() && self.remarks.trim().is_empty()
    }

    /// True when any clause departs from what was recommended.
    pub fn departs(&self) -> bool {
        self.clauses
            .iter()
            .any(|c| c.outcome.departs_from_recommendation())
    }
}

/// *Bilag*: a file belonging to an item, by path relative to the meeting file's folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    pub title: String,
    pub path: PathBuf,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub number: u32,
    pub title: String,
    pub kind: ItemKind,
    /// Closed items (*lukket punkt*) stay in the internal minutes and leave the public ones.
    pub closed: bool,
    pub presenter: Option<String>,
    /// *Baggrund / sagsfremstilling* as Markdown.
    pub background: String,
    pub recommendation: Option<Recommendation>,
    pub decision: Option<Decision>,
    pub attachments: Vec<Attachment>,
    pub tags: Vec<String>,
    pub refs: Vec<ItemRef>,
    pub followups: Vec<Followup>,
    /// The follow-ups (by id) this item reports on, e.g. an evaluation that came back.
    pub answers: Vec<String>,
    /// Where the item is among the file's `[[items]]` (items are shown by number, which
    /// need not be the file's order).
    pub file_index: usize,
}

impl Item {
    pub fn departs_from_recommendation(&self) -> bool {
        self.decision.as_ref().is_some_and(Decision::departs)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Meeting {
    pub id: MeetingId,
    pub title: String,
    pub start: Option<NaiveTime>,
    pub end: Option<NaiveTime>,
    pub place: String,
    pub published: Option<NaiveDate>,
    pub status: MeetingStatus,
    /// For a preparing body's meeting (FU): the meeting it prepares, when stated.
    pub prepares: Option<MeetingId>,
    pub attendance: Attendance,
    pub items: Vec<Item>,
    /// The file this meeting was read from, relative to the archive root.
    pub file: PathBuf,
    /// A hash of the file's text as loaded, to tell whether it changed on disk since.
    pub source_hash: u64,
}

impl Meeting {
    pub fn date(&self) -> NaiveDate {
        self.id.date
    }

    pub fn body(&self) -> &BodyId {
        &self.id.body
    }

    pub fn item(&self, number: u32) -> Option<&Item> {
        self.items.iter().find(|i| i.number == number)
    }

    /// The items that go into the public minutes, numbers kept as they are.
    pub fn public_items(&self) -> impl Iterator<Item = &Item> {
        self.items.iter().filter(|i| !i.closed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip() {
        for o in Outcome::ALL {
            assert_eq!(Outcome::from_key(o.key()), Some(o));
        }
        for k in ItemKind::ALL {
            assert_eq!(ItemKind::from_key(k.key()), Some(k));
        }
        for s in MeetingStatus::ALL {
            assert_eq!(MeetingStatus::from_key(s.key()), Some(s));
        }
    }

    #[test]
    fn only_changes_rejections_and_non_decisions_depart() {
        let departing: Vec<_> = Outcome::ALL
            .into_iter()
            .filter(|o| o.departs_from_recommendation())
            .collect();
        assert_eq!(
            departing,
            [
                Outcome::ApprovedWithChanges,
                Outcome::Rejected,
                Outcome::Postponed,
                Outcome::Withdrawn
            ]
        );
    }
}
